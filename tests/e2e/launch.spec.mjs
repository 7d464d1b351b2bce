import { test, expect } from "./fixtures.mjs";
import { connect, LaunchPage } from "./pages.mjs";

test("launches an image from a recipe with a distribution and tags, watches it reach AVAILABLE, and its page shows them", async ({ page, problems }) => {
  await connect(page);
  const launch = new LaunchPage(page);
  await launch.goto();
  await launch.choose("base-linux 1.0.0");
  await page.getByLabel("Distribution configuration (optional)").selectOption({ label: "multi-region" });
  await page.getByLabel("Tags (key=value, one per line)").fill("team=qa\nstage = e2e");
  const sent = page.waitForRequest((r) => r.url().endsWith("/CreateImage"));
  await launch.launchButton.click();
  const body = JSON.parse((await sent).postData());
  expect(body.distributionConfigurationArn).toMatch(/:distribution-configuration\/multi-region$/);
  expect(body.tags).toEqual({ team: "qa", stage: "e2e" });
  const arn = await launch.launchedArn();
  expect(arn).toMatch(/:image\/base-linux\/1\.0\.0\/\d+$/);
  await expect(launch.final).toHaveText("AVAILABLE", { timeout: 45_000 });
  const seen = await launch.timeline.getByRole("listitem").allTextContents();
  expect(seen.length).toBeGreaterThanOrEqual(2);
  expect(seen.at(-1)).toContain("AVAILABLE");
  // The build's page: the recipe's components with their parameters, the distribution, one AMI
  // per distribution region, the tags.
  await page.getByRole("region", { name: "Build" }).getByRole("link").first().click();
  const recipe = page.getByRole("region", { name: "Recipe" });
  await expect(recipe).toContainText("Parent image");
  await expect(recipe.getByRole("listitem").filter({ hasText: "component/update-linux/1.0.0/1" })).toContainText("(securityOnly = true)");
  await expect(page.getByRole("region", { name: "Infrastructure and distribution" })).toContainText("Distributionmulti-region");
  const amis = page.getByRole("table", { name: "Output AMIs" }).locator("tbody tr");
  await expect(amis).toHaveCount(3);
  expect((await amis.locator("td:first-child").allTextContents()).sort()).toEqual(["eu-west-1", "us-east-1", "us-west-2"]);
  const tags = page.getByRole("region", { name: "Tags" });
  await expect(tags).toContainText("teamqa");
  await expect(tags).toContainText("stagee2e");
});

test("starts a pipeline execution with a client token, watches its build and cancels it", async ({ page, problems }) => {
  await connect(page);
  const launch = new LaunchPage(page);
  await launch.goto();
  await page.getByLabel("A pipeline (StartImagePipelineExecution)").check();
  await expect(launch.launchButton).toBeDisabled();
  await page.getByLabel("Pipeline", { exact: true }).selectOption({ label: "web-server-nightly" });
  const sent = page.waitForRequest((r) => r.url().endsWith("/StartImagePipelineExecution"));
  await launch.launchButton.click();
  const body = JSON.parse((await sent).postData());
  expect(body.imagePipelineArn).toMatch(/:image-pipeline\/web-server-nightly$/);
  expect(body.clientToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  // The pipeline's recipe is web-server 2.0.0.
  expect(await launch.launchedArn()).toMatch(/:image\/web-server\/2\.0\.0\/\d+$/);
  await expect(launch.timeline.getByRole("listitem").first()).toBeVisible();
  await page.getByRole("button", { name: "Cancel build" }).click();
  await expect(launch.final).toContainText("CANCELLED", { timeout: 30_000 });
  await page.getByRole("region", { name: "Build" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "State" })).toContainText(/Pipelinearn:aws:imagebuilder:us-east-1:\d{12}:image-pipeline\/web-server-nightly/);
});

test("launches another and cancels it", async ({ page, problems }) => {
  await connect(page);
  const launch = new LaunchPage(page);
  await launch.goto();
  await launch.choose("web-server 2.0.0");
  await launch.launchButton.click();
  await launch.launchedArn();
  await page.getByRole("button", { name: "Cancel build" }).click();
  await expect(launch.final).toContainText("CANCELLED", { timeout: 30_000 });
});

test("the form is validated live and names the field", async ({ page, problems }) => {
  await connect(page);
  const launch = new LaunchPage(page);
  await launch.goto();
  await expect(launch.launchButton).toBeDisabled();
  // An untouched form is not an error; a choice taken back is, in words.
  await expect(launch.recipe).toBeVisible();
  // (The collapsed summary of problems below the form holds them all, unseen.)
  await expect(page.getByText(/required: choose|must not be empty/).filter({ visible: true })).toHaveCount(0);
  await launch.recipe.selectOption({ label: "ci-runner 1.4.0" });
  await launch.recipe.selectOption({ value: "" });
  await expect(page.getByText("required: choose an image or container recipe").first()).toBeVisible();
  await expect(page.getByText("required: choose an infrastructure configuration").filter({ visible: true })).toHaveCount(0);
  await launch.choose("ci-runner 1.4.0");
  await expect(page.getByText(/required: choose/).filter({ visible: true })).toHaveCount(0);
  await page.getByLabel("Test timeout (minutes, 60–1440)").fill("5");
  await expect(page.getByText(/timeoutMinutes/).first()).toBeVisible();
  await expect(launch.launchButton).toBeDisabled();
  await page.getByLabel("Test timeout (minutes, 60–1440)").fill("90");
  await expect(launch.launchButton).toBeEnabled();
});

test("a double click on Launch creates one image", async ({ page, problems }) => {
  await connect(page);
  const creates = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/CreateImage")) creates.push(JSON.parse(r.postData() || "{}").clientToken);
  });
  const launch = new LaunchPage(page);
  await launch.goto();
  await launch.choose("ci-runner 1.4.0");
  await launch.launchButton.dblclick();
  const arn = await launch.launchedArn();
  await expect(launch.final).toHaveText("AVAILABLE", { timeout: 45_000 });
  expect(creates.length).toBeGreaterThanOrEqual(1);
  expect(new Set(creates).size).toBe(1);
  // Every CreateImage answered with this one build; the version lists exactly one new build.
  await page.getByRole("region", { name: "Build" }).getByRole("link").first().click();
  await page.getByRole("link", { name: "1.4.0", exact: true }).first().click();
  const rows = page.getByRole("table", { name: "Build versions" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(arn);
});

test("launching again after a failed launch sends the same client token", async ({ page, problems }) => {
  problems.allow(/Failed to load resource: the server responded with a status of 503/);
  await connect(page);
  // Every attempt of the first launch is answered 503 by the emulator (the client retries it
  // twice itself); the user then presses Launch again.
  const tokens = [];
  let faulted = 0;
  await page.route("**/emulator/CreateImage", async (route) => {
    tokens.push(JSON.parse(route.request().postData() || "{}").clientToken);
    const headers = await route.request().allHeaders();
    if (faulted < 3) {
      faulted += 1;
      headers["x-imagebuilder-emulator-fault"] = "ServiceUnavailableException";
    }
    return route.continue({ headers });
  });
  const launch = new LaunchPage(page);
  await launch.goto();
  await launch.choose("web-container 1.0.0");
  await launch.launchButton.click();
  await expect(page.getByRole("alert").filter({ hasText: "ServiceUnavailableException" })).toContainText("After 3 attempts", { timeout: 30_000 });
  await expect(launch.launchButton).toBeEnabled();
  await launch.launchButton.click();
  expect(await launch.launchedArn()).toMatch(/:image\/web-container\/1\.0\.0\/\d+$/);
  expect(tokens.length).toBe(4);
  expect(new Set(tokens).size, "one token for the launch, however often it was sent").toBe(1);
});
