// Retries and clock-skew corrections are visible. The server runs with --test-faults; a route
// adds the emulator's fault headers to requests the console already signed (the signature does
// not cover them), so the emulator itself throttles or runs its clock off: no mock answers.
import { test, expect } from "./fixtures.mjs";
import { connect, ConnectPage, ImagesPage } from "./pages.mjs";

/** Adds `headers` to the first `n` emulator calls of `operation` (every call when n is Infinity). */
async function fault(page, operation, n, headers) {
  const seen = { count: 0 };
  await page.route(`**/emulator/${operation}*`, async (route) => {
    seen.count += 1;
    if (seen.count > n) return route.continue();
    return route.continue({ headers: { ...(await route.request().allHeaders()), ...headers } });
  });
  return seen;
}

test("a throttled ListImages is retried and the console says so while it happens", async ({ page, problems }) => {
  problems.allow(/Failed to load resource: the server responded with a status of 400/);
  const seen = await fault(page, "ListImages", 2, { "x-imagebuilder-emulator-fault": "ThrottlingException" });
  await connect(page);
  const { loaded } = await new ImagesPage(page).loaded();
  expect(loaded).toBeGreaterThan(0);
  const log = page.getByRole("log", { name: "Retries and clock corrections" });
  await expect(log).toContainText(/Retrying ListImages \(attempt 2 of 3\) after ThrottlingException in \d+\.\d s/);
  await expect(log).toContainText(/Retrying ListImages \(attempt 3 of 3\) after ThrottlingException in \d+\.\d s/);
  await expect(log).toContainText(/ListImages answered after 3 attempts \(\d+\.\d s of backoff, request id [0-9a-f-]{36}\)/);
  expect(seen.count).toBeGreaterThanOrEqual(3);
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(log).toHaveCount(0);
});

test("a call throttled on every attempt shows the code, request id and attempts", async ({ page, problems }) => {
  problems.allow(/Failed to load resource: the server responded with a status of 400/);
  await fault(page, "ListImages", Infinity, { "x-imagebuilder-emulator-fault": "ThrottlingException" });
  await connect(page);
  const alert = page.getByRole("alert").filter({ hasText: "ThrottlingException" });
  await expect(alert).toContainText("ThrottlingException (HTTP 400)", { timeout: 30_000 });
  await expect(alert).toContainText(/Request id: [0-9a-f-]{36}/);
  await expect(alert).toContainText(/After 3 attempts \(\d+\.\d s of backoff between them\)\./);
  await expect(page.getByRole("log", { name: "Retries and clock corrections" })).toContainText(/ListImages failed \(HTTP 400\) after 3 attempts/);
});

test("a server clock ten minutes ahead is corrected, shown, and the call succeeds", async ({ page, problems }) => {
  problems.allow(/Failed to load resource: the server responded with a status of 403/);
  await fault(page, "*", Infinity, { "x-imagebuilder-emulator-clock-offset": "600" });
  const c = new ConnectPage(page);
  await c.goto();
  await c.fill();
  await c.check();
  await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toContainText(/Your clock is (599|600|601)\.\d s off the server's/);
  const log = page.getByRole("log", { name: "Retries and clock corrections" });
  await expect(log).toContainText(/Corrected the clock for ListImages: the server's clock is \+(599|600|601)\.\d s from this computer's/);
  await c.connect();
  const { loaded } = await new ImagesPage(page).loaded();
  expect(loaded).toBeGreaterThan(0);
});
