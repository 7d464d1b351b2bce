import { test, expect } from "./fixtures.mjs";
import { connect, ImagesPage } from "./pages.mjs";
import { shortPages } from "./paging.mjs";

/** The loaded rows' cells: `[{ name, version, type, platform, os }]`. */
async function cells(images) {
  return images.rows().evaluateAll((rows) => rows.map((r) => {
    const [name, version, type, platform, os] = [...r.querySelectorAll("td")].map((td) => td.textContent.trim());
    return { name, version, type, platform, os };
  }));
}

test("lists own images and filters by a wildcard version checked as you type", async ({ page, problems }) => {
  await connect(page);
  const images = new ImagesPage(page);
  const first = await images.loaded();
  expect(first.loaded).toBe(25);
  await images.filter("Version").fill("1.x.2");
  await expect(page.locator("#version-error")).toContainText("version");
  await expect(images.filter("Version")).toHaveAttribute("aria-invalid", "true");
  await images.filter("Version").fill("1.1.x");
  await expect(page.locator("#version-error")).toHaveText("");
  await images.apply();
  await expect(page).toHaveURL(/version=1.1.x/);
  await images.page.getByRole("button", { name: "Load all" }).isEnabled();
  const filtered = await images.loaded();
  expect(filtered.loaded).toBeGreaterThan(0);
  const versions = await images.rows().locator("td:nth-child(2)").allTextContents();
  for (const v of versions) expect(v).toMatch(/^1\.1\./);
  // Back restores the unfiltered list.
  await page.goBack();
  await expect(page).not.toHaveURL(/version=/);
  expect((await images.loaded()).loaded).toBe(25);
});

test("owner tabs switch the list and Amazon images come from aws", async ({ page, problems }) => {
  await connect(page);
  const images = new ImagesPage(page);
  await images.tab("Amazon");
  await expect(page).toHaveURL(/owner=Amazon/);
  const { loaded } = await images.loaded();
  expect(loaded).toBeGreaterThan(0);
  const links = await images.rows().getByRole("link").first().getAttribute("href");
  expect(links).toMatch(/^\/image\/aws\//);
});

test("load all fetches 60+ images with progress, and search narrows them", async ({ page, problems }) => {
  await connect(page);
  const images = new ImagesPage(page);
  await images.loaded();
  await page.getByRole("button", { name: "Load all" }).click();
  await expect(page.getByRole("button", { name: "Load more" })).toBeDisabled();
  const all = await images.loaded();
  expect(all.loaded).toBeGreaterThanOrEqual(60);
  expect(all.text).not.toContain("more available");
  // The table keeps only the rows in view in the DOM.
  expect(await images.rows().count()).toBeLessThan(all.loaded);
  await page.getByLabel("Search loaded images").fill("app-1");
  const searched = await images.loaded();
  expect(searched.shown).toBeGreaterThan(0);
  expect(searched.shown).toBeLessThan(all.loaded);
  // Sorting by name descending puts the largest name first.
  await page.getByRole("button", { name: "Name" }).click();
  await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");
  const names = await images.rows().locator("td:first-child").allTextContents();
  expect([...names].sort().reverse()).toEqual(names);
});

test("load all stops on Stop, keeps what it loaded, and Load more resumes from there", async ({ page, problems }) => {
  await connect(page);
  const images = new ImagesPage(page);
  expect((await images.loaded()).loaded).toBe(25);
  await expect(images.counts).toContainText("of 25 loaded images (1 page, more available).");
  // One image a page, each 150 ms away: load all takes long enough to be stopped.
  await shortPages(page, ["ListImages"], 1, { delayMs: 150 });
  let requests = 0;
  page.on("request", (r) => { if (r.url().endsWith("/emulator/ListImages")) requests += 1; });
  await page.getByRole("button", { name: "Load all" }).click();
  await expect(page.getByRole("progressbar", { name: "Loading all images" })).toBeVisible();
  // Stop once a few pages have come in (a lower bound, polled often: an exact window of counts
  // could be missed between two polls on a busy machine).
  await expect.poll(() => images.loadedSoFar(), { intervals: [50] }).toBeGreaterThanOrEqual(27);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(images.counts).toContainText("Stopped.");
  await expect(page.getByRole("progressbar", { name: "Loading all images" })).toHaveCount(0);
  const stopped = await images.loaded();
  expect(stopped.loaded).toBeGreaterThan(25);
  expect(stopped.text).toContain("more available");
  const sent = requests;
  await page.waitForTimeout(500);
  expect(requests, "no call after Stop").toBe(sent);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(images.counts).toContainText(`of ${stopped.loaded + 1} loaded images`);
});

test("platform, type and OS filters, include deprecated and by name narrow the Amazon images", async ({ page, problems }) => {
  await connect(page);
  const images = new ImagesPage(page);
  await images.tab("Amazon");
  const current = await cells(images);
  expect(current.length).toBe((await images.loaded()).loaded);
  // Deprecated images come only when asked for.
  await images.filter("Include deprecated").check();
  await images.apply();
  await expect(page).toHaveURL(/deprecated=true|includeDeprecated=true/);
  await expect(images.counts).toContainText(`of ${current.length + 1} loaded`);
  const all = await cells(images);
  const extra = all.filter((r) => !current.some((c) => c.name === r.name && c.version === r.version));
  expect(extra.map((r) => `${r.name} ${r.version}`)).toEqual(["amazon-linux-2023-x86 2024.1.1"]);
  // By name: one row per name.
  await images.filter("By name (latest version of each)").check();
  await images.apply();
  const names = [...new Set(all.map((r) => r.name))].sort();
  await expect(images.counts).toContainText(`of ${names.length} loaded`);
  expect((await cells(images)).map((r) => r.name).sort()).toEqual(names);
  await images.filter("By name (latest version of each)").uncheck();
  // Platform, OS version, type: the emulator's filters, each row matching.
  for (const [label, value, key] of [["Platform", "Windows", "platform"], ["OS version", "Ubuntu 22", "os"], ["Type", "AMI", "type"]]) {
    await images.filter(label).fill(value);
    await images.apply();
    const want = all.filter((r) => r[key] === value).length;
    expect(want).toBeGreaterThan(0);
    await expect(images.counts).toContainText(`of ${want} loaded`);
    const rows = await cells(images);
    expect(rows.every((r) => r[key] === value), `${label}=${value}: ${JSON.stringify(rows)}`).toBe(true);
    await images.filter(label).fill("");
  }
});
