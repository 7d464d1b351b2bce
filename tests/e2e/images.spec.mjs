import { test, expect } from "./fixtures.mjs";
import { connect, ImagesPage } from "./pages.mjs";

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
