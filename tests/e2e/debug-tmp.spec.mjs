import { test, expect } from "./fixtures.mjs";
import { connect, ImagesPage, DEMO } from "./pages.mjs";
import fs from "node:fs";
test.use({ bypassCSP: true });
test("dbg", async ({ page, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await connect(page);
  const css = fs.readFileSync("../../web/style.css", "utf8");
  for (const path of ["/connect", "/images", `/image/${DEMO.account}/web-server/1.x.x`, `/image/${DEMO.account}/web-server/1.0.0`, `/image/${DEMO.account}/web-server/1.0.0/1`, "/launch", "/validate"]) {
    await page.evaluate((path) => { history.pushState({}, "", path); dispatchEvent(new PopStateEvent("popstate")); }, path);
    await page.addStyleTag({ content: css });
    await page.waitForTimeout(1500);
    console.log(path, await page.evaluate(() => [document.documentElement.scrollWidth, ...[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 392).slice(0, 4).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right) + " " + e.textContent.slice(0, 50))]));
  }
});
