import { test, expect } from "./fixtures.mjs";
import { ValidatePage } from "./pages.mjs";

const MIXED = [
  "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.0.0/1",
  "arn:aws-cn:imagebuilder:cn-north-1:aws:image/amazon-linux/x.x.x",
  "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.x.2",
  "1.2.3",
  "1.2.3/4",
  "2.x.x",
  "1.2",
  "version=1.x.x",
  "colour=red",
].join("\n");

test("validates a mixed list offline, naming the field and position", async ({ page, context, problems }) => {
  const v = new ValidatePage(page);
  await v.goto();
  // From here on the page has no network at all.
  await context.setOffline(true);
  let requests = 0;
  page.on("request", () => requests++);
  await v.input.fill(MIXED);
  await expect(v.summary).toContainText("9 lines: 6 valid, 3 invalid");
  const rows = v.table.locator("tbody tr[aria-rowindex]");
  await expect(rows).toHaveCount(9);
  await expect(rows.nth(1)).toContainText("aws-cn");
  await expect(rows.nth(1)).toContainText("wildcardVersion");
  await expect(rows.nth(2)).toContainText(/invalid ARN at byte \d+ \(version\)/);
  await expect(rows.nth(6)).toContainText("invalid version");
  await expect(rows.nth(8)).toContainText('filter name "colour"');
  // The verdict stands next to the input, on screen without scrolling sideways; a verdict cut
  // by the cell's width is whole in its title.
  await expect(v.table.getByRole("columnheader")).toHaveText(["Line", "Input", "Result", "Kind", "Partition", "Region", "Owner", "Type / name"]);
  const verdict = rows.nth(2).getByRole("cell").nth(2);
  await expect(verdict).toBeInViewport({ ratio: 1 });
  expect(await verdict.getAttribute("title")).toBe(await verdict.textContent());
  await page.getByLabel("Show only invalid lines").check();
  await expect(rows).toHaveCount(3);
  expect(requests).toBe(0);
  await context.setOffline(false);
});

test("a console opened online validates after the network is gone, Validate never visited before", async ({ page, context, problems }) => {
  // The pages' code is in modules of their own; once the first page (here Launch, in another
  // module than Validate) is shown, Validate's module is fetched in the background so that it
  // keeps working offline.
  const validateModule = page.waitForResponse((r) => r.url().endsWith("/split_browse.wasm") && r.ok());
  await page.goto("/launch");
  await expect(page.getByRole("heading", { name: "Launch", exact: true })).toBeVisible();
  await validateModule;
  await context.setOffline(true);
  let requests = 0;
  page.on("request", () => requests++);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Validate" }).click();
  const v = new ValidatePage(page);
  await expect(v.input).toBeVisible();
  await v.input.fill(MIXED);
  await expect(v.summary).toContainText("9 lines: 6 valid, 3 invalid");
  expect(requests).toBe(0);
  await context.setOffline(false);
});

test("100,000 lines are validated and only a window of rows is in the DOM", async ({ page, problems }) => {
  const v = new ValidatePage(page);
  await v.goto();
  const lines = Array.from({ length: 100_000 }, (_, i) => (i % 10 === 9 ? `1.${i}` : `1.${i % 50}.${i % 7}/${(i % 9) + 1}`)).join("\n");
  // A paste, as the browser delivers one (typing it through fill() would take minutes).
  await v.paste(lines);
  await expect(v.summary).toContainText("100000 lines: 90000 valid, 10000 invalid");
  const domRows = await v.table.locator("tbody tr[aria-rowindex]").count();
  expect(domRows).toBeLessThanOrEqual(200);
  expect(await v.table.getAttribute("aria-rowcount")).toBe("100001");
  // Kept in memory, not laid out in the editor; the summary says so and offers a way back.
  await expect(v.held).toContainText("pasted text");
  await expect(v.input).toHaveValue("");
  await v.page.getByRole("button", { name: "Clear" }).click();
  await expect(v.summary).toContainText("0 lines: 0 valid, 0 invalid");
  await expect(v.held).toHaveCount(0);
});

test("a small paste goes into the editor where it can be edited", async ({ page, context, problems }) => {
  const v = new ValidatePage(page);
  await v.goto();
  await v.input.fill("1.0.0");
  await expect(v.summary).toContainText("1 line: 1 valid, 0 invalid");
  await v.input.press("End");
  await v.input.press("Enter");
  // A real paste (Ctrl+V from the clipboard): below the limit the browser inserts it as usual.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate(() => navigator.clipboard.writeText("2.x.x"));
  await v.input.press("Control+V");
  await expect(v.input).toHaveValue("1.0.0\n2.x.x");
  await expect(v.summary).toContainText("2 lines: 2 valid, 0 invalid");
  await expect(v.held).toHaveCount(0);
});

test("a chosen file is validated, a large one kept out of the editor", async ({ page, problems }) => {
  const v = new ValidatePage(page);
  await v.goto();
  await v.file.setInputFiles({ name: "small.txt", mimeType: "text/plain", buffer: Buffer.from("1.2.3\n1.x.2\n") });
  await expect(v.summary).toContainText("2 lines: 1 valid, 1 invalid");
  await expect(v.input).toHaveValue("1.2.3\n1.x.2\n");
  const big = Array.from({ length: 20_000 }, (_, i) => `1.${i % 50}.${i % 7}`).join("\n");
  await v.file.setInputFiles({ name: "versions.txt", mimeType: "text/plain", buffer: Buffer.from(big) });
  await expect(v.summary).toContainText("20000 lines: 20000 valid, 0 invalid");
  await expect(v.held).toContainText("versions.txt");
  await expect(v.input).toHaveValue("");
  // Back to the editor on request, the results unchanged.
  await page.getByRole("button", { name: "Edit as text" }).click();
  await expect(v.held).toHaveCount(0);
  expect((await v.input.inputValue()).length).toBe(big.length);
  await expect(v.summary).toContainText("20000 lines: 20000 valid, 0 invalid");
});
