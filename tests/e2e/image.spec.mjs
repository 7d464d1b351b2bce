import { test, expect } from "./fixtures.mjs";
import { connect, ImagesPage, DEMO } from "./pages.mjs";

test("opens an image, its version's build versions and one build's detail", async ({ page, problems }) => {
  await connect(page);
  const images = new ImagesPage(page);
  await images.openImage("web-server");
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server`);
  await expect(page.getByRole("heading", { name: "web-server", level: 1 })).toBeVisible();
  await page.getByRole("table", { name: "Versions" }).getByRole("link", { name: "1.0.0", exact: true }).click();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.0.0`);
  const builds = page.getByRole("table", { name: "Build versions" });
  await expect(builds.getByText("AVAILABLE").first()).toBeVisible();
  await expect(builds.getByText("FAILED")).toBeVisible();
  await builds.getByRole("link", { name: "1.0.0/1" }).click();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.0.0/1`);
  await expect(page.getByRole("heading", { name: "State" })).toBeVisible();
  const amis = page.getByRole("table", { name: "Output AMIs" });
  const launch = amis.getByRole("link", { name: /Launch instance from ami-/ });
  await expect(launch).toHaveAttribute("href", /console\.aws\.amazon\.com\/ec2\/home\?region=us-east-1#LaunchInstances:ami=ami-/);
  await expect(amis.getByRole("button", { name: /Copy AMI ami-/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy raw JSON" })).toBeVisible();
  // The back button returns to the version, deep links survive a reload.
  await page.goBack();
  await expect(page).toHaveURL(`/image/${DEMO.account}/web-server/1.0.0`);
});

test("a failed build shows its reason", async ({ page, problems }) => {
  await connect(page);
  await new ImagesPage(page).openImage("web-server");
  await page.getByRole("table", { name: "Versions" }).getByRole("link", { name: "1.0.0", exact: true }).click();
  await page.getByRole("table", { name: "Build versions" }).getByRole("link", { name: "1.0.0/2" }).click();
  await expect(page.getByText("FAILED").first()).toBeVisible();
  await expect(page.locator("p.state")).toContainText(/FAILED.*component install-nginx exited with code 1/);
});

test("a deep link opened in a fresh tab asks to connect (credentials are memory-only)", async ({ page, problems }) => {
  await page.goto(`/image/${DEMO.account}/web-server/1.0.0/2`);
  await expect(page.getByRole("alert")).toContainText("NotConnected");
});
