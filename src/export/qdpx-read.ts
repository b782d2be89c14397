// Reading a .qdpx back: what a QDA program would see. Used by the round-trip
// test (every coding must land on the same words) and handy for checking a
// project that came back from a QDA program.
import { unzipSync, strFromU8 } from "fflate";
import { DOMParser } from "@xmldom/xmldom";
import { QDE_NAMESPACE } from "./qdpx.js";

export interface QdeCode {
  guid: string;
  name: string;
  description: string;
  codable: boolean;
  color: string;
  /** Names of the parent codes, outermost first. */
  path: string[];
}

export interface QdeSelection {
  guid: string;
  name: string;
  /** Code point positions, as the file states them. */
  startPosition: number;
  endPosition: number;
  /** The selected characters of the source text. */
  text: string;
  codes: QdeCode[];
}

export interface QdeSource {
  guid: string;
  name: string;
  /** Path inside the zip, from plainTextPath. */
  path: string;
  text: string;
  selections: QdeSelection[];
  /** Variable name -> value. */
  variables: Record<string, string>;
}

export interface QdeProject {
  name: string;
  users: Array<{ guid: string; name: string }>;
  codes: Map<string, QdeCode>;
  sources: QdeSource[];
}

/** Unzips and reads a .qdpx; throws on a malformed file or a reference to nothing. */
export function readQdpx(bytes: Uint8Array): QdeProject {
  const files = unzipSync(bytes);
  const qde = files["project.qde"];
  if (!qde) throw new Error("not a REFI-QDA project: no project.qde in the zip");
  const problems: string[] = [];
  const fail = (msg: string) => void problems.push(msg);
  const doc = new DOMParser({ errorHandler: { error: fail, fatalError: fail } }).parseFromString(strFromU8(qde), "text/xml");
  if (problems.length) throw new Error(`project.qde is not well-formed XML: ${problems[0]}`);
  const root = doc.documentElement;
  if (!root || root.localName !== "Project" || root.namespaceURI !== QDE_NAMESPACE) throw new Error(`project.qde: root is not <Project xmlns="${QDE_NAMESPACE}">`);

  const codes = new Map<string, QdeCode>();
  const readCodes = (parent: Element, path: string[]) => {
    for (const el of children(parent, "Code")) {
      const code: QdeCode = {
        guid: el.getAttribute("guid") ?? "",
        name: el.getAttribute("name") ?? "",
        description: textOf(children(el, "Description")[0]),
        codable: el.getAttribute("isCodable") === "true",
        color: el.getAttribute("color") ?? "",
        path,
      };
      codes.set(code.guid, code);
      readCodes(el, [...path, code.name]);
    }
  };
  const codebook = children(root, "CodeBook")[0];
  if (codebook) readCodes(children(codebook, "Codes")[0], []);

  const variables = new Map<string, string>();
  for (const v of children(children(root, "Variables")[0], "Variable")) variables.set(v.getAttribute("guid") ?? "", v.getAttribute("name") ?? "");

  const sources: QdeSource[] = [];
  for (const el of children(children(root, "Sources")[0], "TextSource")) {
    const guid = el.getAttribute("guid") ?? "";
    const ref = el.getAttribute("plainTextPath") ?? "";
    const path = ref.startsWith("internal://") ? `sources/${ref.slice("internal://".length)}` : ref;
    const data = files[path];
    if (!data) throw new Error(`source ${guid}: ${path} is missing from the zip`);
    const text = strFromU8(data);
    const chars = Array.from(text); // positions count code points
    const selections = children(el, "PlainTextSelection").map((s) => {
      const startPosition = Number(s.getAttribute("startPosition"));
      const endPosition = Number(s.getAttribute("endPosition"));
      if (!(startPosition >= 0 && endPosition <= chars.length && startPosition < endPosition)) {
        throw new Error(`selection ${s.getAttribute("guid")}: positions ${startPosition}-${endPosition} outside the text (${chars.length} characters)`);
      }
      const selectionCodes = children(s, "Coding").map((c) => {
        const target = children(c, "CodeRef")[0]?.getAttribute("targetGUID") ?? "";
        const code = codes.get(target);
        if (!code) throw new Error(`selection ${s.getAttribute("guid")}: coded with unknown code ${target}`);
        return code;
      });
      return {
        guid: s.getAttribute("guid") ?? "", name: s.getAttribute("name") ?? "", startPosition, endPosition,
        text: chars.slice(startPosition, endPosition).join(""), codes: selectionCodes,
      };
    });
    const values: Record<string, string> = {};
    for (const vv of children(el, "VariableValue")) {
      const name = variables.get(children(vv, "VariableRef")[0]?.getAttribute("targetGUID") ?? "");
      if (name) values[name] = textOf(children(vv, "TextValue")[0]);
    }
    sources.push({ guid, name: el.getAttribute("name") ?? "", path, text, selections, variables: values });
  }

  const users = children(children(root, "Users")[0], "User").map((u) => ({ guid: u.getAttribute("guid") ?? "", name: u.getAttribute("name") ?? "" }));
  return { name: root.getAttribute("name") ?? "", users, codes, sources };
}

/** Direct child elements with a given local name (in the QDE namespace). */
function children(parent: Element | undefined, name: string): Element[] {
  if (!parent) return [];
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === name) out.push(n as Element);
  }
  return out;
}

function textOf(el: Element | undefined): string {
  return el?.textContent ?? "";
}
