import { test, expect } from "./fixtures.mjs";
import { ConnectPage, ImagesPage, DEMO } from "./pages.mjs";

test("check connection succeeds with the demo credentials and Connect opens the images", async ({ page, problems }) => {
  const c = new ConnectPage(page);
  await c.goto();
  await c.fill();
  await c.check();
  await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toContainText("/emulator");
  await c.connect();
  const images = new ImagesPage(page);
  const { loaded } = await images.loaded();
  expect(loaded).toBeGreaterThan(0);
});

test("a wrong secret gets plain-words advice with the AWS code", async ({ page, problems }) => {
  const c = new ConnectPage(page);
  await c.goto();
  problems.allow(/Failed to load resource: the server responded with a status of 403/);
  await c.fill({ secret: "not-the-secret" });
  await c.check();
  const alert = page.locator(".check-result").getByRole("alert");
  await expect(alert).toContainText("secret access key");
  await expect(alert).toContainText(/InvalidSignatureException|SignatureDoesNotMatch/);
});

test("pasted export-credentials output fills the credentials", async ({ page, problems }) => {
  const c = new ConnectPage(page);
  await c.goto();
  await c.paste.fill(`export AWS_ACCESS_KEY_ID=${DEMO.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${DEMO.secret}\nexport AWS_SESSION_TOKEN=tok123\n`);
  await page.getByRole("button", { name: "Read pasted credentials" }).click();
  await expect(c.accessKey).toHaveValue(DEMO.accessKeyId);
  await expect(c.secret).toHaveValue(DEMO.secret);
  await expect(c.token).toHaveValue("tok123");
  await expect(page.getByText("Read the access key id, secret access key, session token.")).toBeVisible();
});
