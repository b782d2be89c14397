// The report in a real browser: Debian's headless Chromium opens the page built
// by the CLI for the seed corpus and for a PDF full of markup. Charts must have
// rendered with the expected number of marks, the recommendations table must
// filter, the hostile text must show literally, and nothing may run, log an
// error or touch the network. `npm test` builds the CLI first; CI installs
// chromium with apt-get. Without a Chromium binary the tests are skipped, with
// the reason on stderr (set CHROMIUM_PATH to use one elsewhere).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "sectormap");
/** The first Chromium found: $CHROMIUM_PATH, Debian's and Ubuntu's usual paths, then the PATH. */
function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const name of ["chromium", "chromium-browser"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
    if (found) candidates.push(found);
  }
  return candidates.find((c): c is string => !!c && existsSync(c));
}
const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn("report-browser.test: Chromium not found, browser tests skipped (apt-get install chromium, or set CHROMIUM_PATH)");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}

/** Extract a folder and write its report; returns the report path and the dataset folder. */
function buildReport(input: string): { html: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), "sectormap-report-"));
  const data = join(dir, "data");
  const html = join(dir, "report.html");
  cli(["extract", input, "--out", data, "--format", "jsonl", "--quiet"]);
  cli(["report", data, "--out", html, "--quiet"]);
  return { html, data };
}

const jsonl = (dir: string, table: string): Array<Record<string, string | number>> =>
  readFileSync(join(dir, `${table}.jsonl`), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

let browser: Browser;

/** Open a file, recording console errors, page errors, dialogs and every request. */
async function open(file: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, problems, requests };
}

const marks = (page: Page, figure: string, type: string) =>
  page.locator(`#${figure} svg g.mark-${type}.role-mark > :is(path, line, a)`).count();

describe.skipIf(!CHROMIUM)("the HTML report in a real browser", () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe("the seed corpus report in Chromium", () => {
    let built: { html: string; data: string };
    let opened: Opened;

    beforeAll(async () => {
      built = buildReport(join(ROOT, "corpora", "seeds"));
      opened = await open(built.html);
    });
    afterAll(async () => {
      await opened?.page.close();
    });

    it("draws every chart with one mark per data point", async () => {
      const { page } = opened;
      const docs = jsonl(built.data, "documents").filter((d) => d.status !== "error");
      const themes = new Set(jsonl(built.data, "codings").map((c) => c.theme));
      const actors = jsonl(built.data, "actors");
      const recs = jsonl(built.data, "recommendations");
      expect(await marks(page, "chart-heatmap", "rect")).toBe(docs.length * themes.size);
      expect(await marks(page, "chart-actor-types", "rect")).toBe(new Set(actors.map((a) => a.type)).size);
      expect(await marks(page, "chart-top-actors", "rect")).toBe(Math.min(25, actors.length));
      expect(await marks(page, "chart-recs-type", "rect")).toBe(new Set(recs.map((r) => r.addressee_type)).size);
      expect(await marks(page, "chart-recs-theme", "rect")).toBe(new Set(recs.flatMap((r) => String(r.themes).split(";").filter(Boolean))).size);

      // The network: the 40 most-mentioned actors with a co-mention, and the (at most 150) co-mentions among them.
      const edges = jsonl(built.data, "edges").filter((e) => e.relation === "co_mention");
      const linked = new Set(edges.flatMap((e) => [e.source_id, e.target_id]));
      const byMentions = [...actors].sort((a, b) => Number(b.mentions) - Number(a.mentions) || Number(b.documents) - Number(a.documents) || String(a.name).localeCompare(String(b.name)));
      const drawn = new Set(byMentions.filter((a) => linked.has(a.actor_id)).slice(0, 40).map((a) => a.actor_id));
      const links = edges.filter((e) => drawn.has(e.source_id) && drawn.has(e.target_id));
      expect(drawn.size).toBeGreaterThan(10);
      expect(await marks(page, "chart-network", "symbol")).toBe(drawn.size);
      expect(await marks(page, "chart-network", "rule")).toBe(Math.min(150, links.length));
      // Rendered, not just present: the SVGs have a real size on screen.
      const box = await page.locator("#chart-network svg").boundingBox();
      expect(box!.width).toBeGreaterThan(400);
      expect(box!.height).toBeGreaterThan(300);
    });

    it("filters the recommendations table by words and by addressee type", async () => {
      const { page } = opened;
      const recs = jsonl(built.data, "recommendations");
      const visible = () => page.locator("#rec-table tbody tr:not([hidden])").count();
      expect(await visible()).toBe(recs.length);

      await page.fill("#rec-search", "cities");
      const withCities = await visible();
      expect(withCities).toBeGreaterThan(0);
      expect(withCities).toBeLessThan(recs.length);
      // Every row left names the word, in the text or the addressee.
      for (const text of await page.locator("#rec-table tbody tr:not([hidden])").allTextContents()) expect(text.toLowerCase()).toContain("cities");
      await expect.poll(() => page.textContent("#rec-count")).toBe(`${withCities} of ${recs.length} recommendations`);

      await page.fill("#rec-search", "");
      await page.selectOption("#rec-type", "state");
      expect(await visible()).toBe(recs.filter((r) => r.addressee_type === "state").length);
      await page.selectOption("#rec-type", "");
      expect(await visible()).toBe(recs.length);
    });

    it("filters the table when a bar of the recommendation charts is clicked", async () => {
      const { page } = opened;
      const recs = jsonl(built.data, "recommendations");
      const visible = () => page.locator("#rec-table tbody tr:not([hidden])").count();
      const bar = page.locator("#chart-recs-theme svg a").first(); // the theme with the most recommendations
      const theme = decodeURIComponent(((await bar.getAttribute("xlink:href")) ?? "").replace("#filter-theme=", ""));
      expect(theme).toMatch(/^T\d\d$/);
      await bar.click();
      await expect.poll(visible).toBe(recs.filter((r) => String(r.themes).split(";").includes(theme)).length);
      expect(await page.inputValue("#rec-theme")).toBe(theme);
      await page.selectOption("#rec-theme", "");
      expect(await visible()).toBe(recs.length);
    });

    it("opens the coded segments behind a heatmap cell", async () => {
      const { page } = opened;
      const cell = page.locator("#chart-heatmap svg a").first();
      const target = (await cell.getAttribute("xlink:href")) ?? (await cell.getAttribute("href"));
      expect(target).toMatch(/^#seg--/);
      await cell.click();
      const list = page.locator(target!);
      await expect.poll(() => list.isVisible()).toBe(true);
      expect(await list.locator("li").count()).toBeGreaterThan(0);
      expect(await list.locator("li .page").first().textContent()).toMatch(/^p\. \d+$/);
    });

    it("logs no error and requests nothing but the file itself; stays under 2 MB", () => {
      expect(opened.problems).toEqual([]);
      expect(opened.requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
      expect(opened.requests).toEqual([pathToFileURL(built.html).href]);
      expect(statSync(built.html).size).toBeLessThan(2 * 1024 * 1024);
    });
  });

  describe("a PDF whose text carries markup and script", () => {
    let opened: Opened;
    let title: string;

    beforeAll(async () => {
      const built = buildReport(join(ROOT, "fixtures", "report"));
      // The title comes from the metadata or the first heading, both hostile; the text stage decides which.
      title = String(jsonl(built.data, "documents")[0]!.title);
      opened = await open(built.html);
    });
    afterAll(async () => {
      await opened?.page.close();
    });

    it("shows the text literally and runs none of it", async () => {
      const { page, problems, requests } = opened;
      const body = (await page.textContent("body"))!;
      expect(body).toContain("remove <script>window.__pwned='body'</script> from the migration portal");
      expect(body).toContain("close every </textarea><script>window.__pwned='textarea'</script> gap");
      expect(body).toContain("never follow javascript:window.__pwned='link' links");
      expect(title).toMatch(/<img src=x/);
      expect(body).toContain(title);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      // Only the report's two scripts exist; no image or frame was created from the text.
      expect(await page.locator("script").count()).toBe(2);
      expect(await page.locator("img, iframe, textarea").count()).toBe(0);
      expect(problems).toEqual([]);
      expect(requests).toHaveLength(1);
    });

    it("keeps the data island's JSON intact", async () => {
      const titles = await opened.page.evaluate(() => JSON.parse(document.getElementById("report-documents")!.textContent!).map((d: { title: string }) => d.title));
      expect(titles).toEqual([title]);
    });
  });
});
