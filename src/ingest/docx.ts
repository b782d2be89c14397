// .docx -> HTML (mammoth, which reads Word's own structure: heading styles,
// numbered lists, tables, footnotes) -> sectormap markdown via html.ts.
// mammoth never runs macros and, with externalFileAccess off, never follows
// links to other files.

import mammoth from "mammoth";
import type { IngestedFile } from "../types.js";
import { IngestError } from "./errors.js";
import { htmlToMarkdown } from "./html.js";

// Word's Title/Subtitle styles are headings too; mammoth's default map covers "Heading 1".."Heading 6".
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/** Magic numbers: a .docx is a zip ("PK"); an old .doc or a password-protected .docx is an OLE file. */
const ZIP_MAGIC = [0x50, 0x4b];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export async function ingestDocx(bytes: Uint8Array): Promise<IngestedFile> {
  if (bytes.length === 0) throw new IngestError("empty", "empty file");
  if (startsWith(bytes, OLE_MAGIC)) throw oleError(bytes);
  if (!startsWith(bytes, ZIP_MAGIC)) throw new IngestError("corrupt", "corrupt DOCX: not a zip archive");

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // Images carry no text; skip base64-encoding them.
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      },
    );
    html = result.value;
  } catch (err) {
    throw new IngestError("corrupt", `corrupt DOCX: ${reasonOf(err)}`, { cause: err });
  }

  // mammoth's messages are mostly "unrecognised style" notes: not worth a warning status.
  const { markdown } = htmlToMarkdown(html);
  if (markdown.trim() === "") throw new IngestError("empty", "no text in the DOCX file");
  return { format: "docx", pages: [markdown], warnings: [] };
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Word stores an encrypted .docx inside an OLE container with an "EncryptedPackage" stream. */
function oleError(bytes: Uint8Array): IngestError {
  const marker = Buffer.from("EncryptedPackage", "utf16le");
  if (Buffer.from(bytes).includes(marker)) {
    return new IngestError("encrypted", "encrypted DOCX: cannot read without password");
  }
  return new IngestError("unsupported", "old Word .doc format saved as .docx: re-save it as .docx");
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n")[0].trim() || "unreadable archive";
}
