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
    .option("--codebook <file>", "theme codebook (YAML) replacing the default one")
    .option("--actors-file <file...>", "extra actor gazetteer files")
    .option("--rules <file>", "recommendation rules (YAML) replacing the default ones")
    .option("--json", "print the whole structured document as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap inspect corpora/seeds/004_816bfde01daad2e7.txt
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
      if (!wanted) process.stdout.write(renderDoc(doc, Boolean(o.sentences)));
      const ex = wanted ? extractorsFor(config) : undefined;
      if (o.recommendations) process.stdout.write(explainRecommendations(doc, ex!.recRules) + "\n");
      if (o.actors) process.stdout.write(explainActors(doc, ex!.gazetteer) + "\n");
      if (o.themes) process.stdout.write(explainThemes(doc, ex!.codebook) + "\n");
      if (o.relations) process.stdout.write(explainRelations(doc, ex!.gazetteer, ex!.relations) + "\n");
    });
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
