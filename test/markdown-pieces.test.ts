// A long markdown page is converted in pieces cut at blank lines (src/ingest/text.ts,
// markdownToSectormap): the result must be the same as converting the page whole, whatever
// tags, footnotes, entities and headings sit near the cuts.
import { describe, expect, it } from "vitest";
import { markdownToSectormap } from "../src/ingest/text.js";

const WHOLE = Number.MAX_SAFE_INTEGER;

/** Fragments that exercise every conversion step, some of them broken or spread over lines. */
const FRAGMENTS = [
  "Plain prose that goes on", "and on.", "", "", "\n", "Title", "=====", "-----", "***",
  "<sup>1</sup> A footnote line.", "text<sup>2</sup> more", "3<sup>rd</sup> place", "<sup>\n4\n</sup>",
  "<sup>open", "close</sup>", "<sub>x</sub>", "<SUP>5</SUP>", "<a href=\"http://x.org/\">link</a>",
  "<a href=\"http://y.org/\"\n>split link</a>", "<https://example.org/path>", "< <a href=\"z\">z</a>",
  "x < 5 and y <= 6", "a <b>bold</b> tag", "line<br>break", "| cell<br/>cell |", "&amp; &lt;sup&gt; &#8364;",
  "<sup>&</sup>lt;sup>7</sup>", "<!-- a comment -->", "<!-- open comment", "end -->", "\\(ii\\) escaped label",
  "**Sec. 2.  Policy.**  (a)  The Secretary shall", "Section 3.  Scope.  Text", "<", ">", "</sup>", "<a",
];

/** A deterministic page of `n` lines drawn from the fragments. */
function page(seed: number, n: number): string {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(FRAGMENTS[next() % FRAGMENTS.length]);
  return lines.join("\n");
}

describe("markdownToSectormap in pieces", () => {
  it("gives the same page as converting it whole", () => {
    // Pages of 60 lines (about 1,000 characters) are cut about every 16 or 64 characters.
    for (let seed = 1; seed <= 1500; seed++) {
      const text = page(seed, 60);
      const whole = markdownToSectormap(text, WHOLE);
      expect(markdownToSectormap(text, 16), `seed ${seed}`).toBe(whole);
      expect(markdownToSectormap(text, 64), `seed ${seed}`).toBe(whole);
    }
  });

  it("gives the same page as converting it whole when the page is one long line, or a few", () => {
    // Long runs of prose let pieces be cut inside a line; the fragments put tags, entities,
    // headings and line breaks near those cuts.
    const prose = "the migration governance lab worked with partners to analyse regional trends and the rights of migrants in southern africa, ";
    for (let seed = 1; seed <= 600; seed++) {
      let state = seed;
      const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
      const parts: string[] = [];
      for (let i = 0; i < 50; i++) {
        const r = next() % 10;
        if (r < 4) parts.push(prose.repeat(1 + (next() % 3)));
        else if (r < 5) parts.push(prose.slice(0, next() % prose.length));
        else parts.push(FRAGMENTS[next() % FRAGMENTS.length]);
        parts.push(next() % 12 === 0 ? "\n" : next() % 30 === 0 ? "\n\n" : next() % 2 ? " " : "");
      }
      const text = parts.join("");
      const whole = markdownToSectormap(text, WHOLE);
      for (const size of [16, 64, 300]) expect(markdownToSectormap(text, size), `seed ${seed}, pieces of ${size}`).toBe(whole);
    }
  });

  it("cuts a page of one line inside it, far from tags and entities", () => {
    const sentence = "A sentence with a reference<sup>1</sup>, an entity &amp; a <a href=\"http://x.org\">link</a> in plain running prose that goes on for a while. ";
    const line = sentence.repeat(400);
    const converted = markdownToSectormap(line, 1024);
    expect(converted).toBe(markdownToSectormap(line, WHOLE));
    expect(converted).toBe("A sentence with a reference, an entity & a link in plain running prose that goes on for a while. ".repeat(400));
    // A <br> or a section heading in a page cut inside a line: converted again, cut at blank lines only.
    const longRow = `| ${"cell text that runs on ".repeat(60)}<br>${"and on ".repeat(60)} | c |\n`;
    const longSection = `Sec. 2.  ${"A title that runs on and on ".repeat(3)}. ${"text ".repeat(300)}\n`;
    for (const extra of ["| a<br>b | c |\n", "Sec. 2.  Title.  Text\n", longRow, longSection]) {
      const page = extra + line + "\n" + extra;
      expect(markdownToSectormap(page, 1024)).toBe(markdownToSectormap(page, WHOLE));
    }
  });

  it("does not cut inside a line's escaped label or \"Section\" that follows long white space, a U+2028 or an entity", () => {
    // Patterns read at the start of a line may start with white space of any length (no-break
    // spaces too), and a multi-line "^" also matches after U+2028 and U+2029. A cut inside such
    // a line once left "\\(ii\\)" escaped and "Section 5." no heading.
    const prose = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ".repeat(30);
    const uncuttable = "A. ".repeat(200); // no two lower-case letters in a row: no cut before the line below
    const pages = [
      `${uncuttable}\n${"\u00a0".repeat(70)}\\(ii\\) ${prose}`,
      `${uncuttable}\n${" ".repeat(10)}\u00a0${" ".repeat(60)}\\(iv\\) ${prose}`, // the no-break space 64 characters before "i|v"
      `${uncuttable}\n${"X".repeat(80)}\u2028\\(ii\\) ${prose}`,
      `${uncuttable}\n${"X".repeat(80)}\u2029\\(abcdef\\) ${prose}`,
      `${uncuttable}\n${"\u3000".repeat(66)}Section 5. Policy. ${prose}`,
      `${uncuttable}\n${"\u00a0".repeat(70)}**Sec. 12. Scope.** ${prose}`,
      // A line start made by an entity just before the 64 characters a cut keeps clear of "&".
      `${uncuttable}\nX&#10;${"\u00a0".repeat(57)}\\(ii\\) ${prose}`,
      `${uncuttable}\nX&#8232;${"\u00a0".repeat(55)}\\(ii\\) ${prose}`,
      `${uncuttable}\nX&#10;${"\u00a0".repeat(58)}Section 5. Policy. ${prose}`,
      `${uncuttable}\nX<sup>&</sup>amp;#10;${"\u00a0".repeat(54)}\\(ii\\) ${prose}`,
    ];
    for (const text of pages) {
      const whole = markdownToSectormap(text, WHOLE);
      expect(whole).not.toBe(text); // each page has something to convert in the line cut
      for (const size of [64, 200, 600]) expect(markdownToSectormap(text, size), JSON.stringify(text.slice(600, 700))).toBe(whole);
    }
  });

  it("gives the same page as converting it whole when lines start after long Unicode white space or an entity", () => {
    const words = ["lorem", "ipsum", "dolor", "the", "policy", "shall", "aaaaaaaa"];
    const leads = ["\n", "\u2028", "\u2029", "\n" + "\u00a0".repeat(70), "\u2028" + "\u2003".repeat(65), "\n" + " ".repeat(20) + "\u00a0" + " ".repeat(50), "&#10;" + "\u00a0".repeat(57), "&#8232;" + "\u3000".repeat(56)];
    // A section heading anywhere makes a page cut inside a line convert again, cut at blank lines
    // only: a page has escaped labels or section headings, not both.
    const markSets = [["\\(ii\\) ", "\\(abcdef\\) ", "<sup>1</sup> note ", "&amp; "], ["Section 5. Policy. ", "Sec. 2.  Title. ", "**Section 3. Scope.** "]];
    for (let seed = 1; seed <= 100; seed++) {
      let state = seed;
      // One of n, from the generator's high bits (its low bits repeat with a short period).
      const pick = (n: number) => Math.floor(((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
      const marks = markSets[seed % 2];
      let text = "";
      while (text.length < 3000) {
        if (pick(40) === 0) text += leads[pick(leads.length)] + marks[pick(marks.length)];
        else text += words[pick(words.length)] + " ";
      }
      const whole = markdownToSectormap(text, WHOLE);
      // Many piece sizes: a cut falls inside such a line only when the search for one starts just before it.
      for (let size = 40; size <= 400; size += 9) expect(markdownToSectormap(text, size), `seed ${seed}, pieces of ${size}`).toBe(whole);
    }
  });

  it("cuts a long page with tags closed in every piece, and not inside an open <sup>", () => {
    const paragraph = "A paragraph with a reference<sup>1</sup> and a <a href=\"http://x.org\">link</a>.";
    const long = Array.from({ length: 40 }, () => paragraph).join("\n\n");
    expect(markdownToSectormap(long, 64)).toBe(markdownToSectormap(long, WHOLE));
    expect(markdownToSectormap(long, 64)).not.toContain("<");
    // An opening tag closed three paragraphs later: the superscript keeps its text, as when whole.
    const open = `${paragraph}\n\nbefore <sup>start\n\n${paragraph}\n\n${paragraph}\n\nend</sup> after\n\n${paragraph}`;
    expect(markdownToSectormap(open, 16)).toBe(markdownToSectormap(open, WHOLE));
    expect(markdownToSectormap(open, 16)).toContain("before start");
  });

  it("gives back a page with nothing to convert as it is, and converts a change in its last piece", () => {
    const plain = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of plain prose, with nothing to convert.`).join("\n\n");
    expect(markdownToSectormap(plain, 64)).toBe(plain);
    expect(markdownToSectormap(`${plain}\n\nA last one &amp; done`, 64)).toBe(`${plain}\n\nA last one & done`);
    expect(markdownToSectormap(`${plain}\n\nTitle\n=====`, 64)).toBe(`${plain}\n\n# Title\n`);
  });
});
