// What crosses the network: Chromium asks for Brotli and gets the build's FILE.br for the
// console's wasm and glue, the page chunks included, and the module it decodes runs (the page
// renders). A chunk that cannot be fetched is said so, and trying again works.
import { test, expect } from "./fixtures.mjs";
import { ConnectPage } from "./pages.mjs";

test("Chromium gets the console's wasm, glue and page chunks Brotli-compressed and the console runs", async ({ page, problems }) => {
  const encodings = new Map();
  page.on("response", (r) => {
    const name = new URL(r.url()).pathname.split("/").pop();
    if (/\.(wasm|js)$/.test(name) && name !== "boot.js") encodings.set(name, r.headers()["content-encoding"]);
  });
  await new ConnectPage(page).goto();
  const names = [...encodings.keys()];
  // The shell, the split loader and the module of Connect (with Images and Validate) at least.
  for (const name of ["imagebuilder-console.js", "imagebuilder-console_bg.wasm", "__wasm_split.js", "split_browse.wasm"]) {
    expect(names).toContain(name);
  }
  // Launch's and the image pages' code is not loaded for Connect.
  expect(names).not.toContain("split_launch.wasm");
  expect(names).not.toContain("split_image.wasm");
  for (const [name, encoding] of encodings) expect(encoding, name).toBe("br");
});

test("a page whose code cannot be fetched says so, and Try again loads it", async ({ page, problems }) => {
  // The split loader reports the failed fetch on the console; that report is expected here.
  problems.allow(/Failed to fetch|net::ERR_FAILED|Failed to load resource/);
  await page.route("**/split_launch.wasm", (route) => route.abort());
  await new ConnectPage(page).goto();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Launch" }).click();
  await expect(page.getByRole("alert")).toContainText("could not load this page's code");
  await expect(page.getByRole("heading", { name: "This page did not load" })).toBeVisible();
  await page.unroute("**/split_launch.wasm");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Launch", exact: true })).toBeVisible();
  // The rest of the console kept working throughout.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connect" }).click();
  await expect(page.getByRole("heading", { name: "Connect" })).toBeVisible();
});

test("the first page's code is preloaded alongside the main module and fetched once", async ({ page, problems }) => {
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname.split("/").pop()));
  await page.goto("/launch");
  await expect(page.getByRole("heading", { name: "Launch", exact: true })).toBeVisible();
  const launch = await page.evaluate(() => performance.getEntriesByType("resource")
    .filter((e) => e.name.endsWith("/split_launch.wasm"))
    .map((e) => e.initiatorType));
  // Requested by boot.js's <link rel=preload>, and the split loader's fetch took that response.
  expect(launch).toEqual(["link"]);
  expect(fetched.filter((n) => n === "split_launch.wasm")).toHaveLength(1);
});
