// cleanInline (src/text/lines.ts) works in linear time and joins a long line once: checked here
// against the plain regex replacements it stands for, on random lines of marks (links, images,
// escapes, asterisks, superscripts, tags, bold underscores) packed close together.
import { describe, expect, it } from "vitest";
import { cleanInline } from "../src/text/lines.js";

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** What cleanInline does, step by step, as the regex replacements it was first written with. */
function cleanInlineByRegexes(s: string): string {
  if (!new RegExp(`[<\\[\\\\*_\`${SUPERSCRIPTS}]| {2}`).test(s)) return s.trim();
  if (s.includes("<")) {
    s = s.replace(/<sup>\s*(?:\d+|[*†‡§]+)\s*<\/sup>/gi, "");
    s = s.replace(/<sup>(.*?)<\/sup>/gi, "$1");
    s = s.replace(/<sub>(.*?)<\/sub>/gi, "$1");
    s = s.replace(/<br\s*\/?>/gi, " ");
    s = s.replace(/<\/?(?:b|i|em|strong|u|span|small|mark)\b[^>]*>/gi, "");
  }
  if (s.includes("[")) {
    s = s.replace(/\[\^\d+\]/g, "");
    s = s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1");
  }
  s = s.replace(new RegExp(`\\\\([*_#\\[\\]()\\\\\`-])|[*${SUPERSCRIPTS}]+`, "g"), (_m, escaped: string | undefined) => (escaped === undefined || escaped === "*" ? "" : escaped));
  s = s.replace(/(^|\s)__(\S.*?\S)__(?=\s|$|[.,;:])/g, "$1$2");
  return s.replace(/`/g, "").replace(/ {2,}/g, " ").trim();
}

const FRAGMENTS = [
  "word", "text", " ", " ", "  ", "[", "]", "(", ")", "!", "\\", "\\\\", "*", "**", "¹", "²³", "_", "__", "`",
  "[a link](http://x.org)", "![an image](i.png)", "[^3]", "\\*", "\\[", "\\(", "\\_", "\\-", "\\#", "\\`",
  "<sup>1</sup>", "<sup>rd</sup>", "<sub>2</sub>", "<br>", "<b>", "</b>", "<span class=x>", "<", ">", "__bold__", "x__y",
  ".", ",", ";", ":", "[_](z)", "[_x](z)", "[x_](z)", "\\__", " __", "__ ",
];

describe("cleanInline", () => {
  it("cleans as the regex replacements do, on random lines of marks", () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 20000; round++) {
      const parts: string[] = [];
      const n = 1 + (next() % 14);
      for (let i = 0; i < n; i++) parts.push(FRAGMENTS[next() % FRAGMENTS.length]);
      const line = parts.join("");
      expect(cleanInline(line), JSON.stringify(line)).toBe(cleanInlineByRegexes(line));
    }
  });

  it("keeps link texts and undoes escapes next to them", () => {
    expect(cleanInline("see [the report](http://x.org) and ![a figure](f.png)*¹ now")).toBe("see the report and a figure now");
    // Links go before escapes are undone: an escaped "[" still opens a link.
    expect(cleanInline("see \\[the [report](http://x.org)\\] now")).toBe("see \\the [report] now");
    expect(cleanInline("a [b](c)\\*[d](e)*")).toBe("a bd");
    // A backslash left before a link's text escapes the text's first character, as in the joined line.
    expect(cleanInline("a \\[-x](y) b")).toBe("a -x b");
    // Bold underscores made by joining a link's text to the text around it.
    expect(cleanInline("x _[_ab_](z)_ y")).toBe("x ab y");
  });
});
