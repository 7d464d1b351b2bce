// The `page` every test uses: console errors, page errors and CSP violations are collected and
// must be none when the test ends.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  problems: async ({ page }, use) => {
    const problems = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(problems);
    expect(problems, "no console errors, page errors or CSP violations").toEqual([]);
  },
});

export { expect };
