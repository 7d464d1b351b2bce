// The `page` every test uses: console errors, page errors and CSP violations are collected and
// must be none when the test ends.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  problems: async ({ page }, use) => {
    const problems = [];
    const allowed = [];
    // A test that provokes an AWS error on purpose allows the browser's own report of it.
    problems.allow = (pattern) => allowed.push(pattern);
    page.on("console", (msg) => {
      const text = msg.text();
      if (msg.type() === "error" && !allowed.some((p) => p.test(text))) problems.push(`console error: ${text}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(problems);
    expect([...problems], "no console errors, page errors or CSP violations").toEqual([]);
  },
});

export { expect };
