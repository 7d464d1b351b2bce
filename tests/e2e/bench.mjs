// The console's figures in Debian's Chromium (run by `cargo xtask bench-console`): what a first
// visit transfers, first render and interactive, 10,000 rows through the virtualized table,
// 100,000 lines validated.
// Each figure is the median of RUNS fresh pages.
import { chromium } from "@playwright/test";
import { statSync } from "node:fs";

const url = process.env.IB_CONSOLE_URL;
if (!url) throw new Error("IB_CONSOLE_URL is not set: run `cargo xtask bench-console`");
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({ executablePath: process.env.IB_CHROMIUM || "/usr/bin/chromium" });

async function freshPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector("main h1")) {
        window.__firstRender = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return { context, page };
}

// The pages' code is in modules of their own (web/src/lazy_pages.rs): what a first visit
// transfers depends on the page it opens. For each page as the first one: the files the browser fetched
// before the page's h1 was on screen (Validate's background prefetch starts a second later), as
// Brotli (what Chromium got) and as gzip (the same files' dist/FILE.gz, what the server sends a
// client that accepts only gzip).
const dist = new URL("../../dist/", import.meta.url);
const gzipOf = (name) => statSync(new URL(`${name}.gz`, dist)).size;
const FIRST_PAGES = [
  "/",
  "/connect",
  "/images",
  "/image/123456789012/web-server",
  "/image/123456789012/web-server/1.0.0/1",
  "/launch",
  "/validate",
];
const firstVisits = [];
for (const path of FIRST_PAGES) {
  const { context, page } = await freshPage();
  await page.goto(`${url}${path}`);
  await page.waitForFunction(() => window.__firstRender !== undefined);
  const files = await page.evaluate(() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
    .filter((e) => e.startTime <= window.__firstRender && !e.name.includes("/emulator"))
    .map((e) => ({ name: e.entryType === "navigation" ? "index.html" : new URL(e.name).pathname.split("/").pop(), encoded: e.encodedBodySize })));
  const gzip = files.reduce((a, f) => a + gzipOf(f.name), 0);
  const brotli = files.reduce((a, f) => a + f.encoded, 0);
  firstVisits.push({ path, files: files.length, gzip, brotli });
  await context.close();
}
for (const v of firstVisits) {
  console.log(`first visit to ${v.path}: ${v.gzip} B gzip (${(v.gzip / 1024).toFixed(1)} KB), ${v.brotli} B as Chromium got it (Brotli) in ${v.files} files`);
}
const worst = firstVisits.reduce((a, v) => (v.gzip > a.gzip ? v : a));
// (Every file together: the xtask's line above, from the same dist/.)
console.log(`transfer, the largest first visit (${worst.path}): ${worst.gzip} B gzip = ${(worst.gzip / 1024).toFixed(1)} KB (goal <= 350 KB gzipped)`);

const first = [];
const interactive = [];
for (let i = 0; i < RUNS; i++) {
  const { context, page } = await freshPage();
  await page.goto(`${url}/connect`);
  await page.getByRole("heading", { name: "Connect" }).waitFor();
  await page.getByRole("button", { name: "Use the emulator's demo credentials" }).click();
  await page.waitForFunction(() => document.querySelector("#akid")?.value === "AKIAIOSFODNN7EXAMPLE");
  const t = await page.evaluate(() => ({
    first: window.__firstRender,
    interactive: performance.getEntriesByName("console-interactive")[0]?.startTime,
  }));
  first.push(t.first);
  // The app mounts (the mark) before the page's chunk arrives: interactive is the later of the two.
  interactive.push(Math.max(t.first, t.interactive));
  await context.close();
}
console.log(`first render of /connect (navigation start to the page's h1): ${median(first).toFixed(0)} ms (goal <= 500 ms)`);
console.log(`interactive (navigation start to the app mounted, boot.js's mark, and the page's h1 on screen): ${median(interactive).toFixed(0)} ms`);

async function paste(lines) {
  const { context, page } = await freshPage();
  await page.goto(`${url}/validate`);
  await page.getByLabel("Lines to validate").waitFor();
  const text = lines.join("\n");
  // A paste, as the browser delivers one (the console keeps large text out of the textarea):
  // from the event to the results on screen, the frame after the handler included.
  const r = await page.evaluate(async (text) => {
    const area = document.querySelector("#lines");
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const t0 = performance.now();
    area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    const t1 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t2 = performance.now();
    const rows = document.querySelectorAll("table tbody tr[aria-rowindex]").length;
    const summary = document.querySelector(".counts").textContent;
    return { handler: t1 - t0, painted: t2 - t0, rows, summary };
  }, text);
  // Scrolling to the middle renders the rows there.
  const scrolled = await page.evaluate(async (n) => {
    const box = document.querySelector(".vtable");
    const t0 = performance.now();
    box.scrollTop = (n / 2) * 32;
    box.dispatchEvent(new Event("scroll"));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const idx = [...document.querySelectorAll("tr[aria-rowindex]")].map((t) => Number(t.getAttribute("aria-rowindex")));
    return { ms: performance.now() - t0, min: Math.min(...idx), max: Math.max(...idx) };
  }, lines.length);
  await context.close();
  return { ...r, scrolled };
}

const sample = (n) => Array.from({ length: n }, (_, i) => (i % 3 === 0
  ? `arn:aws:imagebuilder:us-east-1:123456789012:image/app-${i}/1.${i % 10}.0/${(i % 5) + 1}`
  : i % 3 === 1 ? `1.${i % 50}.${i % 7}/${(i % 9) + 1}` : `version=${i % 4}.x.x`));

for (const n of [10_000, 100_000]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await paste(sample(n)));
  const last = runs.at(-1);
  console.log(`${n} lines: pasted, validated and on screen in ${median(runs.map((r) => r.painted)).toFixed(0)} ms ` +
    `(goal <= ${n === 10_000 ? 200 : 1000} ms; ` +
    `paste handler ${median(runs.map((r) => r.handler)).toFixed(0)} ms), DOM rows kept ${last.rows}; ` +
    `scroll to the middle ${median(runs.map((r) => r.scrolled.ms)).toFixed(0)} ms (rows ${last.scrolled.min}..${last.scrolled.max}); "${last.summary.trim()}"`);
}
// 10,000 images (the server's --bench-images) loaded into the Images table, then sorted and
// searched: from the click or keystroke to the rows on screen.
{
  const { context, page } = await freshPage();
  await page.goto(`${url}/connect`);
  await page.getByRole("button", { name: "Use the emulator's demo credentials" }).click();
  await page.waitForFunction(() => document.querySelector("#akid")?.value === "AKIAIOSFODNN7EXAMPLE");
  // Credentials live in memory: Connect opens the images in the same page.
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByRole("button", { name: "Load all" }).waitFor();
  await page.waitForFunction(() => document.querySelector(".counts")?.textContent.includes("more available"));
  const l0 = Date.now();
  await page.getByRole("button", { name: "Load all" }).click();
  await page.waitForFunction(() => {
    const t = document.querySelector(".counts")?.textContent ?? "";
    return t.includes("loaded images") && !t.includes("more available") && !t.includes("Loading");
  }, null, { timeout: 300_000 });
  const loadAll = Date.now() - l0;
  const loaded = (await page.locator(".counts").textContent()).trim();
  const act = (what) => page.evaluate(async (what) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t0 = performance.now();
    if (what === "sort") {
      [...document.querySelectorAll("th button.sort")].find((b) => b.textContent === "Name").click();
    } else {
      const box = document.querySelector("#search");
      box.value = what;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
    await frame();
    const ms = performance.now() - t0;
    const rows = document.querySelectorAll("table tbody tr[aria-rowindex]");
    return { ms, rows: rows.length, first: rows[0]?.querySelector("td")?.textContent ?? "" };
  }, what);
  const sorts = [];
  const searches = [];
  let lastSort;
  let lastSearch;
  for (let i = 0; i < RUNS; i++) {
    lastSort = await act("sort");
    sorts.push(lastSort.ms);
    lastSearch = await act(i % 2 ? "bench-09" : "BENCH-05");
    searches.push(lastSearch.ms);
    await act("");
  }
  console.log(`10000 images (${loaded} load all ${loadAll} ms): sort by name ${median(sorts).toFixed(0)} ms to screen ` +
    `(goal <= 200 ms; first row "${lastSort.first}", DOM rows kept ${lastSort.rows}); ` +
    `search ${median(searches).toFixed(0)} ms to screen (DOM rows kept ${lastSearch.rows})`);
  await context.close();
}
await browser.close();
