// axe-core on every page, light and dark, and the README's screenshots.
import { test, expect } from "./fixtures.mjs";
import AxeBuilder from "@axe-core/playwright";
import { connect, ImagePage, ImagesPage } from "./pages.mjs";
import path from "node:path";

// Where the screenshots go: `cargo xtask e2e` sets it (the build cache; `--screenshots`: the
// README's docs/screenshots/).
const SHOTS = process.env.IB_SCREENSHOTS;
if (!SHOTS) throw new Error("IB_SCREENSHOTS is not set: run the e2e tests with `cargo xtask e2e`");

const PAGES = [
  { name: "connect", go: async (page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connect" }).click(), ready: "Connect" },
  { name: "images", go: async (page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Images" }).click(), ready: "Images" },
  { name: "image", go: async (page) => { await new ImagesPage(page).openImage("web-server"); await new ImagePage(page).openVersion("1.0.0"); await page.getByRole("table", { name: "Build versions" }).waitFor(); }, ready: "web-server" },
  { name: "image-build", go: async (page) => page.getByRole("table", { name: "Build versions" }).getByRole("link", { name: "1.0.0/1" }).click(), ready: "State" },
  { name: "launch", go: async (page) => { await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Launch" }).click(); await page.getByLabel("Recipe", { exact: true }).waitFor(); }, ready: "Launch" },
  { name: "validate", go: async (page) => { await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Validate" }).click(); await page.getByLabel("Lines to validate").fill("arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.0.0/1\n1.x.2\nversion=2.x.x"); }, ready: "Validate" },
];

for (const scheme of ["light", "dark"]) {
  test(`axe finds no serious or critical issue on any page (${scheme})`, async ({ page, problems }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await connect(page);
    await page.getByRole("status").filter({ hasText: /loaded images?\b/ }).waitFor();
    for (const p of PAGES) {
      await p.go(page);
      await expect(page.getByRole("heading", { name: p.ready }).first()).toBeVisible();
      const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
      expect(result.passes.length, "axe ran its rules").toBeGreaterThan(10);
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${p.name}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${p.name}-${scheme}.png`) });
    }
  });
}

test("the theme toggle overrides the system scheme and keyboard reaches the main content", async ({ page, problems }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/connect");
  await page.getByLabel("Theme").selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe("rgb(15, 20, 25)");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
});

test("on a phone-sized screen no page scrolls sideways", async ({ page, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await connect(page);
  await page.getByRole("status").filter({ hasText: /loaded images?\b/ }).waitFor();
  for (const p of PAGES) {
    await p.go(page);
    await expect(page.getByRole("heading", { name: p.ready }).first()).toBeVisible();
    const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    expect(scroll, `${p.name}: the page is ${scroll} px wide in a ${width} px window`).toBeLessThanOrEqual(width);
  }
});

test("a navigation names the page in the title and moves focus to the main content", async ({ page, problems }) => {
  await connect(page);
  await expect(page).toHaveTitle("Images — EC2 Image Builder console");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Launch" }).click();
  await expect(page).toHaveTitle("Launch — EC2 Image Builder console");
  await expect(page.getByRole("main")).toBeFocused();
  // The form loads after the heading: until it is there, the main content has nothing to tab to.
  await expect(page.getByRole("form", { name: "Launch an image" })).toBeVisible();
  // Tab goes on from the page's start, not from the link clicked in the header.
  await page.keyboard.press("Tab");
  const inMain = await page.evaluate(() => document.querySelector("main").contains(document.activeElement));
  expect(inMain).toBe(true);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Images" }).click();
  await new ImagesPage(page).openImage("web-server");
  await expect(page).toHaveTitle("Image web-server — EC2 Image Builder console");
  await expect(page.getByRole("main")).toBeFocused();
  await page.goBack();
  await expect(page).toHaveTitle("Images — EC2 Image Builder console");
});
