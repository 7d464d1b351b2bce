import { test, expect } from "./fixtures.mjs";
import { connect, ImagesPage, DEMO } from "./pages.mjs";

async function stored(page, context) {
  return {
    local: await page.evaluate(() => JSON.stringify({ ...localStorage })),
    session: await page.evaluate(() => JSON.stringify({ ...sessionStorage })),
    idb: await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)),
    cookies: await context.cookies(),
    url: page.url(),
  };
}

test("without 'remember', a reload keeps the endpoint but no secret anywhere", async ({ page, context, problems }) => {
  await connect(page);
  await page.reload();
  const s = await stored(page, context);
  for (const where of [s.local, s.session, s.url, JSON.stringify(s.cookies)]) {
    expect(where).not.toContain(DEMO.secret);
    expect(where).not.toContain(DEMO.accessKeyId);
  }
  expect(s.local).toBe("{}");
  expect(s.idb).toEqual([]);
  expect(s.cookies).toEqual([]);
  expect(s.session).toContain("us-east-1");
  await expect(page.getByText("Not connected")).toBeVisible();
});

test("with 'remember in this tab', a reload stays connected from sessionStorage only", async ({ page, context, problems }) => {
  await connect(page, { remember: true });
  await page.reload();
  const s = await stored(page, context);
  expect(s.session).toContain(DEMO.accessKeyId);
  expect(s.local).toBe("{}");
  expect(s.cookies).toEqual([]);
  expect(s.url).not.toContain(DEMO.secret);
  const images = new ImagesPage(page);
  expect((await images.loaded()).loaded).toBeGreaterThan(0);
  // Filters live in the address: a reload keeps them, and the list they select.
  await images.filter("Name").fill("web-server");
  await images.apply();
  await expect(page).toHaveURL(/name=web-server/);
  const filtered = await images.loaded();
  await page.reload();
  await expect(images.filter("Name")).toHaveValue("web-server");
  expect((await images.loaded()).loaded).toBe(filtered.loaded);
  const names = await images.rows().locator("td:first-child").allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n.trim()).toBe("web-server");
});
