// Writing XML by hand, safely. Document text can hold anything: "<", "&",
// "]]>", and control characters that XML 1.0 forbids outright (even escaped).
// Everything that reaches an XML file passes through these two functions.

// Characters XML 1.0 allows: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and the
// astral planes (as proper surrogate pairs). Anything else (C0 controls, lone
// surrogates, U+FFFE/U+FFFF) makes the file unreadable, so it becomes U+FFFD.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(value: string): string {
  return value.replace(NOT_XML_CHAR, "\uFFFD");
}

/** Element content. ">" is escaped too, so "]]>" can never appear. */
export function xmlText(value: string | number): string {
  return xmlSafe(String(value)).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * An attribute value (for double quotes). Tab, LF and CR are written as
 * character references: a parser would otherwise turn them into spaces.
 */
export function xmlAttr(value: string | number): string {
  return xmlText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/** `name="value"` pairs, skipping undefined values; attribute order as given (stable output). */
export function attrs(pairs: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join("");
}
