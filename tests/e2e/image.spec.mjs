import { test, expect } from "./fixtures.mjs";
import { connect, ImagePage, ImagesPage, DEMO } from "./pages.mjs";
import { shortPages } from "./paging.mjs";

/** Follows the router to `path` (as a link the console does not show would). */
async function go(page, path) {
  await page.evaluate((path) => { history.pushState({}, "", path); dispatchEvent(new PopStateEvent("popstate")); }, path);
}

test("opens an image, its version's build versions and one build's detail", async ({ page, problems }) => {
  await connect(page);
  const images = new ImagesPage(page);
  await images.openImage("web-server");
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server`);
  await expect(page.getByRole("heading", { name: "web-server", level: 1 })).toBeVisible();
  await new ImagePage(page).openVersion("1.0.0");
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.0.0`);
  const builds = page.getByRole("table", { name: "Build versions" });
  await expect(builds.getByText("AVAILABLE").first()).toBeVisible();
  await expect(builds.getByText("FAILED")).toBeVisible();
  await builds.getByRole("link", { name: "1.0.0/1" }).click();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.0.0/1`);
  await expect(page.getByRole("heading", { name: "State" })).toBeVisible();
  const recipe = page.getByRole("region", { name: "Recipe" });
  await expect(recipe.getByRole("listitem")).toHaveText([`arn:aws:imagebuilder:${DEMO.region}:aws:component/update-linux/1.0.0/1`]);
  const amis = page.getByRole("table", { name: "Output AMIs" });
  const launch = amis.getByRole("link", { name: /Launch instance from ami-/ });
  await expect(launch).toHaveAttribute("href", /console\.aws\.amazon\.com\/ec2\/home\?region=us-east-1#LaunchInstances:ami=ami-/);
  await expect(amis.getByRole("button", { name: /Copy AMI ami-/ })).toBeVisible();
  // The raw JSON's copy button puts the whole GetImage output on the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy raw JSON" }).click();
  await expect(page.getByRole("button", { name: "Copy raw JSON" })).toHaveText("Copied");
  // Screen readers hear it too: the button's name stays "Copy raw JSON", a live region tells.
  await expect(page.getByRole("status").filter({ hasText: "Copied raw JSON" })).toHaveCount(1);
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied.image.arn).toBe(`arn:aws:imagebuilder:${DEMO.region}:${DEMO.account}:image/web-server/1.0.0/1`);
  expect(copied.latestVersionReferences.latestMajorVersionArn).toMatch(/web-server\/1\.x\.x$/);
  // The back button returns to the version, deep links survive a reload.
  await page.goBack();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.0.0`);
});

test("a recipe without components says so instead of an empty list", async ({ page, problems }) => {
  await connect(page);
  let answered = 0;
  await page.route(/\/emulator\/GetImage\?/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.image.imageRecipe.components = [];
    answered += 1;
    await route.fulfill({ response, json: body });
  });
  await go(page, `/image/${DEMO.account}/web-server/1.0.0/1`);
  const recipe = page.getByRole("region", { name: "Recipe" });
  await expect(recipe.getByText("None listed.")).toBeVisible();
  await expect(recipe.getByRole("list")).toHaveCount(0);
  expect(answered, "the console's GetImage went through the route").toBeGreaterThan(0);
});

test("a failed build shows its reason", async ({ page, problems }) => {
  await connect(page);
  await new ImagesPage(page).openImage("web-server");
  await new ImagePage(page).openVersion("1.0.0");
  await page.getByRole("table", { name: "Build versions" }).getByRole("link", { name: "1.0.0/2" }).click();
  await expect(page.getByText("FAILED").first()).toBeVisible();
  await expect(page.locator("p.state")).toContainText(/FAILED.*component install-nginx exited with code 1/);
});

test("a deep link opened in a fresh tab asks to connect (credentials are memory-only)", async ({ page, problems }) => {
  await page.goto(`/image/${DEMO.account}/web-server/1.0.0/2`);
  await expect(page.getByRole("alert")).toContainText("NotConnected");
});

test("latest version references lead to the newest matching version and its builds", async ({ page, problems }) => {
  await connect(page);
  await new ImagesPage(page).openImage("web-server");
  await new ImagePage(page).openVersion("1.0.0");
  await page.getByRole("table", { name: "Build versions" }).getByRole("link", { name: "1.0.0/1" }).click();
  const latest = page.getByRole("region", { name: "Latest version references" });
  await expect(latest).toContainText("Latest major (the newest version matching 1.x.x)");
  // 1.x.x: four 1.* versions in the demo, the newest 1.3.0 (numeric order, not text order).
  await latest.getByRole("link", { name: /web-server\/1\.x\.x$/ }).click();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.x.x`);
  await expect(page.getByRole("status").filter({ hasText: "resolves to" })).toHaveText(
    "1.x.x resolves to version 1.3.0, the newest of 4 matching versions. Newest build: 1.3.0/1");
  const builds = page.getByRole("table", { name: "Build versions" });
  await expect(builds.locator("tbody tr")).toHaveCount(1);
  await expect(builds).toContainText("1.3.0/1");
  await page.getByRole("status").getByRole("link", { name: "1.3.0/1" }).click();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.3.0/1`);
  // 1.0.x from the 1.0.0 build: its three builds.
  await page.goBack();
  await page.goBack();
  await latest.getByRole("link", { name: /web-server\/1\.0\.x$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "resolves to" })).toContainText("1.0.x resolves to version 1.0.0, the newest of 1 matching version.");
  await expect(builds.locator("tbody tr")).toHaveCount(3);
  // x.x.x: the newest of every version, whatever other tests launched; it has builds.
  await page.goBack();
  await latest.getByRole("link", { name: /web-server\/x\.x\.x$/ }).click();
  const versions = await new ImagePage(page).versions.locator("tbody tr td:first-child").getByRole("link").allTextContents();
  const newest = versions.map((v) => v.trim()).sort((a, b) => {
    const [x, y] = [a, b].map((v) => v.split(".").map(Number));
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
  })[0];
  await expect(page.getByRole("status").filter({ hasText: "resolves to" })).toContainText(`x.x.x resolves to version ${newest}`);
  await expect(builds.locator("tbody tr").first()).toBeVisible();
});

test("a wildcard nothing matches says so", async ({ page, problems }) => {
  await connect(page);
  await new ImagesPage(page).openImage("web-server");
  await new ImagePage(page).openVersion("1.0.0");
  await page.getByRole("table", { name: "Build versions" }).getByRole("link", { name: "1.0.0/1" }).click();
  // Follow the router to an address no reference has: the page says nothing matches.
  await page.evaluate(() => { history.pushState({}, "", "/image/123456789012/web-server/9.x.x"); dispatchEvent(new PopStateEvent("popstate")); });
  await expect(page.getByRole("status").filter({ hasText: "matches" })).toHaveText("No version of this image matches 9.x.x.");
});

test("a wildcard address marks the version row it resolves to, found across several pages", async ({ page, problems }) => {
  await connect(page);
  // One version a page: the versions come from several ListImages pages.
  const pages = await shortPages(page, ["ListImages"], 1);
  await go(page, `/image/${DEMO.account}/web-server/1.x.x`);
  const versions = new ImagePage(page).versions;
  await expect(page.getByRole("status").filter({ hasText: "resolves to" })).toContainText("1.x.x resolves to version 1.3.0, the newest of 4 matching versions.");
  const listed = pages.ListImages.filter((p) => JSON.stringify(p.input.filters) === JSON.stringify([{ name: "name", values: ["web-server"] }]));
  expect(listed.length, "the versions took several pages").toBeGreaterThanOrEqual(4);
  expect(listed.at(-1).nextToken).toBe(false);
  const rows = versions.locator("tbody tr");
  expect(await rows.count()).toBe(listed.flatMap((p) => p.items).length);
  const current = versions.getByRole("row", { name: /^1\.3\.0\s/ });
  await expect(current).toHaveAttribute("aria-current", "true");
  await expect(current).toContainText("(1.x.x resolves to this version)");
  await expect(versions.locator("tbody tr[aria-current]")).toHaveCount(1);
  // Marked visibly, not only for assistive technology.
  const mark = (row) => row.locator("td").first().evaluate((td) => getComputedStyle(td).boxShadow);
  expect(await mark(current)).not.toBe("none");
  expect(await mark(versions.getByRole("row", { name: /^1\.0\.0\s/ }))).toBe("none");
  // A concrete version is marked as such, without the wildcard's words; back returns to 1.x.x.
  await versions.getByRole("link", { name: "1.0.0", exact: true }).click();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.0.0`);
  await expect(versions.getByRole("row", { name: /^1\.0\.0\s/ })).toHaveAttribute("aria-current", "true");
  await expect(versions.locator("tbody tr[aria-current]")).toHaveCount(1);
  await expect(versions.getByText(/resolves to this version/)).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.x.x`);
  await expect(versions.getByRole("row", { name: /^1\.3\.0\s/ })).toHaveAttribute("aria-current", "true");
});

test("a build in progress is polled without closing the raw JSON or moving the focus", async ({ page, problems }) => {
  await connect(page);
  let gets = 0;
  page.on("request", (r) => { if (new URL(r.url()).pathname.endsWith("/emulator/GetImage")) gets += 1; });
  // The demo's web-server 1.3.0/1 stays CREATING: the page keeps asking.
  await go(page, `/image/${DEMO.account}/web-server/1.3.0/1`);
  await expect(page.locator("p.state")).toContainText("CREATING");
  await page.getByText("Show the GetImage output").click();
  const copy = page.getByRole("button", { name: "Copy raw JSON" });
  await copy.focus();
  const before = gets;
  await expect.poll(() => gets, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2);
  await expect(page.locator("details")).toHaveAttribute("open", "");
  await expect(copy).toBeFocused();
});
