// Reports rendered for people (an aligned, coloured terminal table that fits
// the window; Markdown to paste into a report) and for machines (CSV blocks).
import { Chalk, type ChalkInstance } from "chalk";
import { csvLine } from "../dataset/csv.js";
import type { ColumnFormat, Report, Section } from "./report.js";

export type RenderFormat = "terminal" | "md" | "csv";

export interface TerminalOptions {
  /** Characters per line available (process.stdout.columns on a terminal). */
  width: number;
  /** At most this many rows per section; the rest are counted. */
  limit: number;
  colour: boolean;
}

/** Terminal manners for stdout: colour only on a terminal and never with NO_COLOR. */
export function stdoutTerminalOptions(limit: number): TerminalOptions {
  return { width: process.stdout.columns || 120, limit, colour: Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env) };
}

export function renderReport(report: Report, format: RenderFormat, terminal: TerminalOptions): string {
  if (format === "md") return renderMarkdown(report);
  if (format === "csv") return renderCsv(report);
  return renderTerminal(report, terminal);
}

/** A value as people read it. */
export function formatCell(value: string | number, format: ColumnFormat): string {
  if (typeof value === "string") return value.replace(/\s+/g, " ").trim();
  if (!Number.isFinite(value)) return String(value);
  switch (format) {
    case "share":
      return `${(value * 100).toFixed(1)}%`;
    case "change":
      return `${value > 0 ? "+" : value < 0 ? "-" : "±"}${Math.abs(value * 100).toFixed(1)} pp`;
    case "number":
      return value.toFixed(2);
    case "p":
      return value < 0.001 ? "<0.001" : value.toFixed(3);
    default:
      return String(value);
  }
}

export function renderTerminal(report: Report, options: TerminalOptions): string {
  const paint = new Chalk({ level: options.colour ? 1 : 0 });
  const out = [paint.bold(report.title), ...report.summary.map((s) => "  " + s), ""];
  for (const section of report.sections) {
    out.push(paint.bold.underline(section.title));
    if (!section.rows.length) {
      out.push(paint.dim("  " + section.empty), "");
      continue;
    }
    const shown = section.rows.slice(0, options.limit);
    out.push(...alignedTable(section, shown, options.width, paint));
    if (section.rows.length > shown.length) out.push(paint.dim(`  ... and ${section.rows.length - shown.length} more (--limit, or --format csv for all)`));
    out.push("");
  }
  return out.join("\n");
}

const GAP = "  ";
const MIN_TEXT = 8;

/** Header and rows padded to column widths that fit `width`; text columns give way, numbers never do. */
function alignedTable(section: Section, rows: Section["rows"], width: number, paint: ChalkInstance): string[] {
  const cells = rows.map((r) => r.map((v, i) => formatCell(v, section.columns[i].format)));
  const widths = section.columns.map((col, i) => Math.max(col.name.length, ...cells.map((r) => r[i].length)));
  const isText = section.columns.map((col) => col.format === "text");
  const floor = section.columns.map((col, i) => Math.min(widths[i], Math.max(MIN_TEXT, col.name.length)));
  let excess = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1) + GAP.length - width;
  // Take one character at a time from the widest text column still above its floor.
  while (excess > 0) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (isText[i] && w > floor[i] && (widest < 0 || w > widths[widest])) widest = i;
    });
    if (widest < 0) break; // nothing left to shrink: the line wraps
    const step = Math.min(excess, widths[widest] - floor[widest], Math.max(1, widths[widest] - secondWidest(widths, isText, widest)));
    widths[widest] -= step;
    excess -= step;
  }
  const line = (values: string[], style: (s: string, i: number) => string) =>
    GAP +
    values
      .map((v, i) => {
        const fitted = v.length > widths[i] ? v.slice(0, Math.max(0, widths[i] - 1)) + "…" : v;
        const padded = isText[i] ? fitted.padEnd(widths[i]) : fitted.padStart(widths[i]);
        return style(padded, i);
      })
      .join(GAP)
      .trimEnd();
  return [
    line(section.columns.map((col) => col.name), (s) => paint.bold(s)),
    ...cells.map((r, ri) =>
      line(r, (s, i) => {
        const raw = rows[ri][i];
        if (section.columns[i].format !== "change" || typeof raw !== "number") return s;
        return raw > 0 ? paint.green(s) : raw < 0 ? paint.red(s) : s;
      }),
    ),
  ];
}

function secondWidest(widths: number[], isText: boolean[], except: number): number {
  let best = 0;
  widths.forEach((w, i) => {
    if (isText[i] && i !== except && w > best) best = w;
  });
  return best;
}

export function renderMarkdown(report: Report): string {
  const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
  const out = [`# ${report.title}`, "", ...report.summary.map((s) => `- ${s}`), ""];
  for (const section of report.sections) {
    out.push(`## ${section.title}`, "");
    if (!section.rows.length) {
      out.push(`_${section.empty}_`, "");
      continue;
    }
    const right = section.columns.map((c) => c.format !== "text");
    out.push(`| ${section.columns.map((c) => esc(c.name)).join(" | ")} |`);
    out.push(`| ${right.map((r) => (r ? "---:" : "---")).join(" | ")} |`);
    for (const row of section.rows) out.push(`| ${row.map((v, i) => esc(formatCell(v, section.columns[i].format))).join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}

/**
 * One CSV block per section, blocks separated by an empty line; each block has
 * its own header whose first column, "section", repeats the section's title.
 * Numbers stay raw (shares as fractions).
 */
export function renderCsv(report: Report): string {
  return report.sections
    .map((section) => {
      const header = csvLine(["section", ...section.columns.map((c) => c.name.replace(/\s+/g, "_"))]);
      return header + section.rows.map((r) => csvLine([section.title, ...r.map((v) => (typeof v === "number" ? Number(v.toPrecision(6)) : v))])).join("");
    })
    .join("\n");
}
