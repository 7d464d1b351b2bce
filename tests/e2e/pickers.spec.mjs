// The Launch pickers fetch every page: with the emulator answering one item a page, each picker
// offers exactly the items of all its pages, the last page's included.
import { test, expect } from "./fixtures.mjs";
import { connect, LaunchPage } from "./pages.mjs";
import { shortPages, answered } from "./paging.mjs";

const OPS = ["ListImageRecipes", "ListContainerRecipes", "ListInfrastructureConfigurations",
  "ListDistributionConfigurations", "ListImagePipelines", "ListWorkflows"];

/** The option values of a select, without its empty "Choose …" option. */
async function offered(select) {
  return (await select.locator("option").evaluateAll((os) => os.map((o) => o.value))).filter(Boolean);
}

/** `op`'s pages for `owner` went on until one came without a nextToken, each item once. */
function followedEveryPage(pages, op, owner) {
  const mine = pages[op].filter((p) => owner === undefined || p.owner === owner);
  expect(mine.length, `${op} took several pages`).toBeGreaterThanOrEqual(2);
  expect(mine.slice(1).every((p) => p.sentToken), `${op}: every later page asked with a nextToken`).toBe(true);
  expect(mine.at(-1).nextToken, `${op}: the last page has no nextToken`).toBe(false);
  const items = mine.flatMap((p) => p.items);
  expect(new Set(items).size).toBe(items.length);
  return mine.at(-1).items;
}

test("every picker follows all pages and offers the last page's items, for each owner", async ({ page, problems }) => {
  await connect(page);
  const pages = await shortPages(page, OPS, 1);
  const launch = new LaunchPage(page);
  await launch.goto();
  await expect(page.getByRole("status").filter({ hasText: "recipes owned by Mine (Self)" })).toBeVisible();

  const lastRecipes = followedEveryPage(pages, "ListImageRecipes", "Self");
  const recipes = [...answered(pages, "ListImageRecipes", "Self"), ...answered(pages, "ListContainerRecipes", "Self")];
  expect(await offered(launch.recipe)).toEqual(recipes);
  for (const arn of lastRecipes) expect(recipes).toContain(arn);
  expect(recipes.length, "the recipes span pages").toBeGreaterThan(1);
  await expect(page.getByRole("status").filter({ hasText: "recipes owned by" })).toHaveText(`${recipes.length} recipes owned by Mine (Self).`);

  for (const [op, label] of [
    ["ListInfrastructureConfigurations", "Infrastructure configuration"],
    ["ListDistributionConfigurations", "Distribution configuration (optional)"],
  ]) {
    const last = followedEveryPage(pages, op);
    const values = await offered(page.getByLabel(label, { exact: true }));
    expect(values).toEqual(answered(pages, op));
    for (const arn of last) expect(values).toContain(arn);
  }

  // Another owner: its pages are followed too, and the picker offers them.
  await page.getByLabel("Workflow owner").selectOption({ label: "Amazon" });
  await expect(page.getByRole("status").filter({ hasText: "workflows owned by Amazon" })).toBeVisible();
  const lastWorkflows = followedEveryPage(pages, "ListWorkflows", "Amazon");
  await page.getByRole("button", { name: "Add workflow" }).click();
  const workflows = await offered(page.getByLabel("Workflow 1", { exact: true }));
  expect(workflows).toEqual(answered(pages, "ListWorkflows", "Amazon"));
  for (const arn of lastWorkflows) expect(workflows).toContain(arn);

  // The pipeline picker, and a launch from the last page's pipeline.
  await page.getByLabel("A pipeline (StartImagePipelineExecution)").check();
  const lastPipelines = followedEveryPage(pages, "ListImagePipelines");
  const pipeline = page.getByLabel("Pipeline", { exact: true });
  expect(await offered(pipeline)).toEqual(answered(pages, "ListImagePipelines"));
  await pipeline.selectOption(lastPipelines[0]);
  await expect(launch.launchButton).toBeEnabled();
});
