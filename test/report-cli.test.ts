// `sectormap report` as a command: usage errors and the file it writes (built CLI; npm test builds first).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "sectormap");
const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe("sectormap report", () => {
  it("refuses a missing folder and a folder that is not a dataset, with exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "sectormap-report-cli-"));
    const missing = cli(["report", join(dir, "nope"), "--out", join(dir, "r.html")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/is not a folder/);
    mkdirSync(join(dir, "empty"));
    const notData = cli(["report", join(dir, "empty"), "--out", join(dir, "r.html")]);
    expect(notData.status).toBe(2);
    expect(notData.stderr).toMatch(/not a sectormap dataset/);
    expect(existsSync(join(dir, "r.html"))).toBe(false);
  });

  it("writes the page for a hand-made dataset, with the title asked for, and says so on stderr", () => {
    const dir = mkdtempSync(join(tmpdir(), "sectormap-report-cli-"));
    const data = join(dir, "data");
    mkdirSync(data);
    writeFileSync(join(data, "manifest.json"), JSON.stringify({ tool: "sectormap", version: "0.0.0", options: {}, inputs: [], rows: {} }));
    writeFileSync(join(data, "documents.jsonl"), JSON.stringify({ doc_id: "d1", source: "a.pdf", title: "Alpha & Omega", status: "ok", pages: 2 }) + "\n");
    const out = join(dir, "r.html");
    const r = cli(["report", data, "--out", out, "--title", "West Africa <2024>"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^wrote .*r\.html \(\d+ KB\)\n$/);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<h1>West Africa &lt;2024&gt;</h1>");
    expect(html).toContain("Alpha &amp; Omega");
    expect(html).toContain("No recommendation was found.");
  });
});
