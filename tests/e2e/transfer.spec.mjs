// What crosses the network: Chromium asks for Brotli and gets the build's FILE.br for the
// console's wasm and glue, and the module it decodes runs (the page renders).
import { test, expect } from "./fixtures.mjs";

test("Chromium gets the console's wasm and glue Brotli-compressed and the console runs", async ({ page, problems }) => {
  const encodings = new Map();
  page.on("response", (r) => {
    const name = new URL(r.url()).pathname.split("/").pop();
    if (name.startsWith("imagebuilder-console")) encodings.set(name, r.headers()["content-encoding"]);
  });
  await page.goto("/connect");
  await expect(page.getByRole("heading", { name: "Connect" })).toBeVisible();
  expect(Object.fromEntries(encodings)).toEqual({
    "imagebuilder-console.js": "br",
    "imagebuilder-console_bg.wasm": "br",
  });
});
