import { test, expect } from "./fixtures.mjs";
import fs from "node:fs";
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

test("the region picker offers every partition's regions from the model, each signed for its own endpoint", async ({ page, problems }) => {
  problems.allow(/Failed to load resource: net::ERR_FAILED/);
  const model = JSON.parse(fs.readFileSync(new URL("../../model/partitions.json", import.meta.url), "utf8"));
  const c = new ConnectPage(page);
  await c.goto();
  for (const p of model.partitions) {
    const group = c.region.locator(`optgroup[label="${p.id}"]`);
    const values = await group.locator("option").evaluateAll((os) => os.map((o) => o.value));
    // `aws-global` and the like name a partition's global endpoint, not a region to build in.
    const regions = Object.keys(p.regions).filter((r) => !r.endsWith("-global"));
    expect(values.sort(), `the ${p.id} regions`).toEqual(regions.sort());
  }
  // A China region goes to the China partition's endpoint, signed for that region.
  const sent = [];
  await page.route(/^https:\/\/imagebuilder\./, async (route) => {
    sent.push({ url: route.request().url(), auth: (await route.request().allHeaders())["authorization"] || "" });
    return route.abort("failed");
  });
  await c.fill({ mode: "AWS, direct from the browser" });
  await c.region.selectOption("cn-north-1");
  await c.check();
  await expect(page.locator(".check-result").getByRole("alert")).toContainText("NetworkError", { timeout: 30_000 });
  expect(new URL(sent[0].url).host).toBe("imagebuilder.cn-north-1.amazonaws.com.cn");
  expect(sent[0].auth).toMatch(/\/cn-north-1\/imagebuilder\/aws4_request/);
});

test("a browser without WebAssembly SIMD is told what it needs instead of a blank page", async ({ page, problems }) => {
  // As an engine without SIMD answers boot.js's probe.
  await page.addInitScript(() => {
    WebAssembly.validate = () => false;
  });
  await page.goto("/connect");
  await expect(page.getByRole("alert")).toContainText("needs WebAssembly with SIMD");
  // The console did not start (the wasm may still be fetched: index.html preloads it).
  await expect(page.getByRole("heading", { name: "Connect" })).toHaveCount(0);
});
