// Everything the report shows comes from documents nobody vetted: titles,
// quotes, actor names. These helpers are the only way text enters the page.

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON that can sit inside <script type="application/json">: no `</script>`,
 * no `<!--`, no `&` entity surprises, and no U+2028/U+2029 (line terminators
 * for older JavaScript parsers). JSON.parse reads the \u escapes back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A fragment id made only of [a-z0-9-], so it is safe in href="#..." and id="...". */
export function anchorId(...parts: string[]): string {
  return parts
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""))
    .filter(Boolean)
    .join("--");
}

/** Shorten for labels, cutting at a word boundary when one is near. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "") + "…";
}

/** Markup that is already safe (built by `html` or drawn by Vega). */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** Mark a string as safe markup. Only for text built here or by Vega, never document text. */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);

/**
 * Template tag: every interpolated value is escaped unless it is SafeHtml;
 * arrays are joined; null, undefined and false print nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += toMarkup(v) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function toMarkup(value: unknown): string {
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(toMarkup).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}
