// Makes docs/report-seeds.png, the README's picture of the report.
// From the package root, after `npm run build`:
//   bin/sectormap extract corpora/seeds --out /tmp/seeds-data
//   bin/sectormap report /tmp/seeds-data --out /tmp/seeds-report.html
//   node docs/screenshot-report.mjs /tmp/seeds-report.html docs/report-seeds.png
// It shows the page from the top to the first rows of the recommendations
// table (the full table runs to many screens), and prints how long the page
// took to load.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node docs/screenshot-report.mjs REPORT.html OUT.png");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const started = Date.now();
await page.goto(pathToFileURL(input).href, { waitUntil: "load" });
const loaded = Date.now() - started;
const timing = await page.evaluate(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return { domContentLoaded: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd) };
});
const bottom = await page.evaluate(() => {
  const rows = document.querySelectorAll("#rec-table tbody tr");
  const last = rows[Math.min(5, rows.length - 1)] ?? document.body;
  return Math.ceil(last.getBoundingClientRect().bottom + scrollY + 8);
});
await page.screenshot({ path: output, clip: { x: 0, y: 0, width: 1280, height: bottom }, fullPage: true });
console.log(`goto ${loaded} ms; navigation timing ${JSON.stringify(timing)}; screenshot 1280x${bottom}`);
await browser.close();
