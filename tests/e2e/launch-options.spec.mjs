import { test, expect } from "./fixtures.mjs";
import { connect, LaunchPage, DEMO } from "./pages.mjs";

test("a launch with tests, scanning, a workflow with parameters and a role shows them on the image", async ({ page, problems }) => {
  await connect(page);
  const launch = new LaunchPage(page);
  await launch.goto();
  await launch.choose("web-container 1.0.0");
  await page.getByLabel("Test timeout (minutes, 60–1440)").fill("120");
  await page.getByLabel("Scan the image (Amazon Inspector)").check();
  await page.getByLabel("Scanning repository (ECR, optional)").fill("scans");
  await page.getByLabel("Scanned image tags (comma-separated, optional)").fill("latest, nightly");
  await launch.addWorkflow({ owner: "Amazon", label: "test-image 1.0.0 (TEST) — aws", parameters: "waitMinutes=5\nregions=us-east-1\nregions=eu-west-1", onFailure: "Continue" });
  await page.getByLabel("Execution role for workflows (IAM role name or ARN, optional)").fill("ImageBuilderExecution");
  const sent = page.waitForRequest((r) => r.url().endsWith("/CreateImage"));
  await expect(launch.launchButton).toBeEnabled();
  await launch.launchButton.click();
  const body = JSON.parse((await sent).postData());
  expect(body.workflows).toEqual([{
    workflowArn: `arn:aws:imagebuilder:${DEMO.region}:aws:workflow/test/test-image/1.0.0`,
    onFailure: "CONTINUE",
    parameters: [{ name: "waitMinutes", value: ["5"] }, { name: "regions", value: ["us-east-1", "eu-west-1"] }],
  }]);
  const arn = await launch.launchedArn();
  expect(arn).toMatch(/:image\/web-container\/1\.0\.0\/\d+$/);
  await page.getByRole("region", { name: "Build" }).getByRole("link").first().click();
  const tests = page.getByRole("region", { name: "Tests" });
  await expect(tests).toContainText("Test timeout (min)120");
  const scanning = page.getByRole("region", { name: "Scanning" });
  await expect(scanning).toContainText("Scanning enabledtrue");
  await expect(scanning).toContainText("ECR repositoryscans");
  await expect(scanning).toContainText("Scanned image tagslatest, nightly");
  const workflows = page.getByRole("region", { name: "Workflows" });
  await expect(workflows).toContainText("Execution roleImageBuilderExecution");
  const row = workflows.getByRole("table", { name: "Workflows" }).locator("tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("workflow/test/test-image/1.0.0");
  await expect(row).toContainText("waitMinutes = 5; regions = us-east-1, eu-west-1");
  await expect(row).toContainText("CONTINUE");
  // Once AVAILABLE (the page follows the build), the output is a container image URI, not an
  // AMI, and its copy button puts it on the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const output = page.getByRole("region", { name: "Output" });
  const uri = output.getByText(/^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/web-container:1\.0\.0-\d+$/);
  await expect(uri).toBeVisible({ timeout: 45_000 });
  await expect(output.getByRole("table", { name: "Output AMIs" })).toHaveCount(0);
  const copy = output.getByRole("button", { name: "Copy container image URI" });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe((await uri.textContent()).trim());
});

test("workflow, scanning and role fields are validated live and name the member", async ({ page, problems }) => {
  await connect(page);
  const launch = new LaunchPage(page);
  await launch.goto();
  await launch.choose("web-container 1.0.0");
  await page.getByRole("button", { name: "Add workflow" }).click();
  const workflow = page.getByRole("group", { name: "Workflow 1 settings" });
  await expect(workflow).toContainText("workflows[0].workflowArn");
  await expect(launch.launchButton).toBeDisabled();
  await launch.page.getByLabel("Workflow 1", { exact: true }).selectOption({ label: "smoke-test 1.0.0 (TEST)" });
  await page.getByLabel("Parameters of workflow 1 (name=value, one per line)").fill("no equals sign");
  await expect(workflow).toContainText("workflows[0].parameters: Parameters of workflow 1, line 1: write name=value");
  await expect(launch.launchButton).toBeDisabled();
  await page.getByLabel("Parameters of workflow 1 (name=value, one per line)").fill("");
  await expect(launch.launchButton).toBeEnabled();
  await page.getByLabel("Scan the image (Amazon Inspector)").check();
  await page.getByLabel("Scanned image tags (comma-separated, optional)").fill("latest,,nightly");
  await expect(page.getByText(/imageScanningConfiguration\.ecrConfiguration\.containerTags\[1\]/).first()).toBeVisible();
  await expect(launch.launchButton).toBeDisabled();
  await page.getByLabel("Scanned image tags (comma-separated, optional)").fill("latest");
  await page.getByLabel("Execution role for workflows (IAM role name or ARN, optional)").fill("arn:aws:iam::123:role/x");
  await expect(page.getByText(/^executionRole: /).first()).toBeVisible();
  await expect(launch.launchButton).toBeDisabled();
  await page.getByRole("button", { name: "Remove workflow 1" }).click();
  await expect(workflow).toHaveCount(0);
});

test("recipe and workflow pickers list other owners and say when an owner has none", async ({ page, problems }) => {
  await connect(page);
  const launch = new LaunchPage(page);
  await launch.goto();
  await page.getByLabel("Recipe owner").selectOption({ label: "Shared with me" });
  await expect(page.getByRole("status").filter({ hasText: "recipe owned by Shared with me" })).toHaveText("1 recipe owned by Shared with me.");
  await launch.recipe.selectOption({ label: "golden-base 3.0.0 — 210987654321" });
  await page.getByLabel("Recipe owner").selectOption({ label: "AWS Marketplace" });
  await expect(page.getByRole("status").filter({ hasText: "No image or container recipes" })).toHaveText("No image or container recipes owned by AWS Marketplace in this region.");
  await expect(launch.recipe).toHaveValue("");
  await page.getByLabel("Workflow owner").selectOption({ label: "Shared with me" });
  await expect(page.getByRole("status").filter({ hasText: "workflow owned by" })).toHaveText("1 workflow owned by Shared with me.");
  await page.getByLabel("Workflow owner").selectOption({ label: "Third party" });
  await expect(page.getByRole("status").filter({ hasText: "No workflows owned by" })).toHaveText("No workflows owned by Third party in this region.");
  // A shared recipe launches like an own one.
  await page.getByLabel("Recipe owner").selectOption({ label: "Shared with me" });
  await launch.choose("golden-base 3.0.0 — 210987654321");
  await launch.launchButton.click();
  expect(await launch.launchedArn()).toMatch(new RegExp(`:${DEMO.account}:image/golden-base/3\\.0\\.0/\\d+$`));
});
