// Page objects: every locator by role or label.
import { expect } from "@playwright/test";

export const DEMO = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  account: "123456789012",
};

export class ConnectPage {
  constructor(page) {
    this.page = page;
    this.region = page.getByLabel("Region");
    this.accessKey = page.getByLabel("Access key ID");
    this.secret = page.getByLabel("Secret access key");
    this.token = page.getByLabel("Session token (optional)");
    this.remember = page.getByLabel("Remember in this tab (sessionStorage)");
    this.paste = page.getByLabel(/Or paste the output/);
  }
  async goto() {
    await this.page.goto("/connect");
    await expect(this.page.getByRole("heading", { name: "Connect" })).toBeVisible();
  }
  async fill({ accessKeyId = DEMO.accessKeyId, secret = DEMO.secret, remember = false, mode = "Local emulator (this server)", url } = {}) {
    await this.region.selectOption(DEMO.region);
    await this.page.getByLabel(mode).check();
    if (url) await this.page.getByLabel("Endpoint URL", { exact: true }).fill(url);
    await this.accessKey.fill(accessKeyId);
    await this.secret.fill(secret);
    if (remember) await this.remember.check();
  }
  async check() {
    await this.page.getByRole("button", { name: "Check connection" }).click();
  }
  async connect() {
    await this.page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(this.page).toHaveURL(/\/images/);
  }
}

export async function connect(page, options) {
  const c = new ConnectPage(page);
  await c.goto();
  await c.fill(options);
  await c.connect();
  return c;
}

export class ImagesPage {
  constructor(page) {
    this.page = page;
    this.counts = page.getByRole("status").filter({ hasText: /loaded images?\b/ });
    this.table = page.getByRole("table", { name: "Images" });
  }
  async tab(name) {
    await this.page.getByRole("navigation", { name: "Owner" }).getByRole("link", { name }).click();
  }
  filter(label) {
    return this.page.getByRole("form", { name: "Filters" }).getByLabel(label, { exact: true });
  }
  async apply() {
    await this.page.getByRole("button", { name: "Apply filters" }).click();
  }
  async loaded() {
    await expect(this.counts).not.toContainText("Loading");
    const text = await this.counts.textContent();
    const m = text.match(/Showing (\d+) of (\d+) loaded/);
    return { shown: Number(m[1]), loaded: Number(m[2]), text };
  }
  /** How many images are loaded right now, even while loading goes on (0 before the count shows). */
  async loadedSoFar() {
    return Number((await this.counts.textContent()).match(/of (\d+) loaded images?\b/)?.[1] ?? 0);
  }
  rows() {
    return this.table.locator("tbody tr[aria-rowindex]");
  }
  async openImage(name) {
    await this.filter("Name").fill(name);
    await this.apply();
    await this.loaded();
    await this.rows().getByRole("link", { name, exact: true }).first().click();
  }
}

/** An image's page: its versions table, found by its exact name ("Build versions" holds it too). */
export class ImagePage {
  constructor(page) {
    this.page = page;
    this.versions = page.getByRole("table", { name: "Versions", exact: true });
  }
  async openVersion(version) {
    await this.versions.getByRole("link", { name: version, exact: true }).click();
  }
}

export class LaunchPage {
  constructor(page) {
    this.page = page;
    this.recipe = page.getByLabel("Recipe", { exact: true });
    this.infra = page.getByLabel("Infrastructure configuration", { exact: true });
    this.launchButton = page.getByRole("button", { name: "Launch", exact: true });
    this.timeline = page.getByRole("list", { name: "Build status timeline" });
    this.final = page.locator(".final");
  }
  async goto() {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Launch" }).click();
    await expect(this.recipe).toBeVisible();
  }
  async choose(recipeLabel, infraLabel = "default-infra") {
    await this.recipe.selectOption({ label: recipeLabel });
    await this.infra.selectOption({ label: infraLabel });
    await expect(this.launchButton).toBeEnabled();
  }
  async addWorkflow({ owner, label, parameters = "", onFailure } = {}) {
    const n = (await this.page.getByRole("group", { name: /^Workflow \d+ settings$/ }).count()) + 1;
    if (owner) await this.page.getByLabel("Workflow owner").selectOption({ label: owner });
    await this.page.getByRole("button", { name: "Add workflow" }).click();
    await this.page.getByLabel(`Workflow ${n}`, { exact: true }).selectOption({ label });
    if (parameters) await this.page.getByLabel(`Parameters of workflow ${n} (name=value, one per line)`).fill(parameters);
    if (onFailure) await this.page.getByLabel(`On failure of workflow ${n}`).selectOption({ label: onFailure });
    return n;
  }
  async launchedArn() {
    const link = this.page.getByRole("region", { name: "Build" }).getByRole("link").first();
    await expect(link).toBeVisible();
    return (await link.textContent()).trim();
  }
}

export class ValidatePage {
  constructor(page) {
    this.page = page;
    this.input = page.getByLabel("Lines to validate");
    this.summary = page.getByRole("status").filter({ hasText: /\d+ lines?: / });
    this.table = page.getByRole("table", { name: "Validation results" });
    this.held = page.getByRole("status").filter({ hasText: "kept in memory" });
    this.file = page.getByLabel("Validate a file");
  }
  /** Pastes `text` into the editor as the browser would (a paste event with clipboard data). */
  async paste(text) {
    await this.input.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }
  async goto() {
    await this.page.goto("/validate");
    await expect(this.input).toBeVisible();
  }
}
