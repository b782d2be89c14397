// `sectormap inspect FILE`: how the tool read one file, and why it coded what it coded.
import { existsSync, statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { Command } from "commander";
import type { Doc } from "../types.js";
import { readDoc, extractorsFor } from "../pipeline/process.js";
import { explainRecommendations } from "../extract/recommendations/index.js";
import { explainActors } from "../extract/actors/index.js";
import { explainThemes } from "../extract/themes/index.js";
import { explainRelations } from "../extract/relations/index.js";
import { UsageProblem, paint } from "./output.js";

export function registerInspectCommand(program: Command): void {
  program
    .command("inspect")
    .description("show how one file was read: metadata, pages, headings, lists, sentences; and why units were or were not coded")
    .argument("<file>", "a .pdf, .txt, .md, .docx or .html file")
    .option("--recommendations", "each candidate unit: which rule took it, or why it was rejected")
    .option("--actors", "each actor found, its type and why, and its mentions")
    .option("--themes", "each segment's theme codes and the evidence that fired")
    .option("--relations", "each funds, implements or partners relation, the rule that found it and its sentence")
    .option("--sentences", "list the sentences of every block")
    .option("--outline", "the document's zones, heading tree, tables and block counts")
    .option("--codebook <file>", "theme codebook (YAML) replacing the default one")
    .option("--actors-file <file...>", "extra actor gazetteer files")
    .option("--rules <file>", "recommendation rules (YAML) replacing the default ones")
    .option("--json", "print the whole structured document as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap inspect corpora/seeds/004_816bfde01daad2e7.txt
  $ sectormap inspect report.pdf --outline
  $ sectormap inspect report.pdf --recommendations | less -R
  $ sectormap inspect report.pdf --relations
  $ sectormap inspect report.pdf --json | jq '.blocks[] | select(.kind == "heading") | .text'`,
    )
    .action(async (file: string, o) => {
      const absPath = resolve(file);
      if (!existsSync(absPath) || !statSync(absPath).isFile()) throw new UsageProblem(`no such file: ${file}`);
      const doc = await readDoc({ absPath, source: basename(file), ext: extname(file).toLowerCase() });
      const config = { codebook: o.codebook ?? "", actorFiles: o.actorsFile ?? [], recRules: o.rules ?? "" };
      if (o.json) {
        process.stdout.write(JSON.stringify(doc, null, 2) + "\n");
        return;
      }
      const wanted = [o.recommendations, o.actors, o.themes, o.relations].some(Boolean);
      if (o.outline) process.stdout.write(renderOutline(doc));
      else if (!wanted) process.stdout.write(renderDoc(doc, Boolean(o.sentences)));
      const ex = wanted ? extractorsFor(config) : undefined;
      if (o.recommendations) process.stdout.write(explainRecommendations(doc, ex!.recRules) + "\n");
      if (o.actors) process.stdout.write(explainActors(doc, ex!.gazetteer) + "\n");
      if (o.themes) process.stdout.write(explainThemes(doc, ex!.codebook) + "\n");
      if (o.relations) process.stdout.write(explainRelations(doc, ex!.gazetteer, ex!.relations) + "\n");
    });
}

/**
 * At a glance, how a file was read: its zones (runs of blocks with their
 * pages), the heading tree (level, page, zone), its tables (rows x columns
 * and column headers) and the blocks counted by kind and by zone.
 */
export function renderOutline(doc: Doc): string {
  const out: string[] = [paint.bold(doc.source), `  pages ${doc.pages}    blocks ${doc.blocks.length}    words ${doc.meta.words}`];
  const count = (key: (b: Doc["blocks"][number]) => string) => {
    const n = new Map<string, number>();
    for (const b of doc.blocks) n.set(key(b), (n.get(key(b)) ?? 0) + 1);
    return [...n].map(([k, v]) => `${k} ${v}`).join("    ");
  };
  out.push(`  kinds ${count((b) => b.kind)}`, `  zones ${count((b) => b.zone)}`, "", paint.bold("Zones"));
  let run: { zone: string; from: number; to: number; pageFrom: number; pageTo: number } | null = null;
  const flush = () => {
    if (run) out.push(`  ${run.zone.padEnd(5)}  blocks ${run.from}-${run.to}    pages ${run.pageFrom}-${run.pageTo}`);
  };
  for (const b of doc.blocks) {
    if (run && run.zone === b.zone) {
      run.to = b.index;
      run.pageTo = b.page;
      continue;
    }
    flush();
    run = { zone: b.zone, from: b.index, to: b.index, pageFrom: b.page, pageTo: b.page };
  }
  flush();
  out.push("", paint.bold("Headings"));
  for (const b of doc.blocks) {
    if (b.kind !== "heading") continue;
    const zone = b.zone === "body" ? "" : paint.dim(` [${b.zone}]`);
    out.push(`  ${"  ".repeat(Math.max(0, b.level - 1))}${paint.cyan("#".repeat(b.level))} ${clip(b.text, 100)} ${paint.dim(`p${b.page}`)}${zone}`);
  }
  const tables = new Map<number, Doc["blocks"]>();
  for (const b of doc.blocks) if (b.table) (tables.get(b.table.id) ?? tables.set(b.table.id, []).get(b.table.id)!).push(b);
  out.push("", paint.bold(`Tables (${tables.size})`));
  for (const [id, rows] of tables) {
    const first = rows[0];
    const columns = first.table!.headers.length;
    const pages = first.page === rows[rows.length - 1].page ? `p${first.page}` : `p${first.page}-${rows[rows.length - 1].page}`;
    const headers = first.table!.headers.some(Boolean) ? `: ${clip(first.table!.headers.join(" | "), 120)}` : "";
    out.push(`  table ${id}  ${rows.length} rows x ${columns} columns  ${pages}  [${first.zone}]${headers}`);
  }
  return out.join("\n") + "\n";
}

function renderDoc(doc: Doc, withSentences: boolean): string {
  const m = doc.meta;
  const out: string[] = [
    paint.bold(doc.source),
    `  title     ${m.title}`,
    `  type      ${m.docType}    language ${m.language || "?"}    date ${m.date || "-"}    place ${m.place || "-"}`,
    `  pages     ${doc.pages}    words ${m.words}    blocks ${doc.blocks.length}    sentences ${doc.blocks.reduce((n, b) => n + b.sentences.length, 0)}`,
  ];
  if (doc.warnings.length) out.push(paint.yellow(`  warnings  ${doc.warnings.join("; ")}`));
  let page = 0;
  for (const b of doc.blocks) {
    if (b.page !== page) {
      page = b.page;
      out.push("", paint.dim(`── page ${page} ──`));
    }
    const where = paint.dim(`[${b.start}-${b.end}]`);
    if (b.kind === "heading") {
      out.push(`${paint.cyan("#".repeat(b.level))} ${paint.bold(b.text)} ${where}`);
      continue;
    }
    const indent = "  ".repeat(b.depth);
    const tag =
      b.kind === "list_item" ? paint.green(`${indent}${b.label === "-" ? "•" : b.label + "."}`)
      : b.kind === "footnote" ? paint.magenta(`fn ${b.label}`)
      : b.kind === "table_row" ? paint.blue("row")
      : paint.dim("¶");
    out.push(`${tag} ${clip(b.text, 160)} ${where}`);
    if (withSentences) for (const s of b.sentences) out.push(paint.dim(`${indent}    · p${s.page} `) + doc.text.slice(s.start, s.end));
  }
  return out.join("\n") + "\n";
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}
