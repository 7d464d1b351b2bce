// Playwright for the console: Debian's Chromium (never a downloaded browser), one worker (the
// launch tests share the emulator's account), against the server `cargo xtask e2e` starts.
import { defineConfig } from "@playwright/test";

const baseURL = process.env.IB_CONSOLE_URL;
if (!baseURL) {
  throw new Error("IB_CONSOLE_URL is not set: run the e2e tests with `cargo xtask e2e`");
}

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.mjs/,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: process.env.IB_E2E_OUTPUT || "../../target/e2e-output",
  use: {
    baseURL,
    launchOptions: { executablePath: process.env.IB_CHROMIUM || "/usr/bin/chromium" },
    viewport: { width: 1280, height: 900 },
    trace: "off",
  },
});
