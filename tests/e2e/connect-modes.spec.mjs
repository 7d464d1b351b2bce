// The Connect page's other endpoint modes: a custom URL (the emulator under another origin, so
// the call is cross-origin and needs the emulator's CORS), AWS via this server's relay (AWS is
// not reachable from here: the relay's real answer is shown), and AWS direct (the AWS host is
// failed by a route, as the unreachable internet would).
import { test, expect } from "./fixtures.mjs";
import { ConnectPage, ImagesPage, DEMO } from "./pages.mjs";

test("a custom endpoint URL on another origin connects and lists images", async ({ page, problems }) => {
  const c = new ConnectPage(page);
  await c.goto();
  const origin = new URL(page.url());
  const url = `http://localhost:${origin.port}/emulator`;
  expect(origin.hostname).not.toBe("localhost");
  const calls = [];
  page.on("request", (r) => { if (r.url().startsWith(url)) calls.push(r.url()); });
  await c.fill({ mode: "Custom endpoint URL", url });
  await c.check();
  await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toContainText(`Connected to ${url}`);
  await c.connect();
  const { loaded } = await new ImagesPage(page).loaded();
  expect(loaded).toBeGreaterThan(0);
  expect(calls.some((u) => u.endsWith("/ListImages") || u.includes("/ListImages?"))).toBe(true);
});

test("AWS via the relay sends the signed call to the relay path and shows the relay's answer", async ({ page, problems }) => {
  problems.allow(/Failed to load resource: the server responded with a status of 502/);
  const c = new ConnectPage(page);
  await c.goto();
  const relayed = [];
  page.on("request", (r) => { if (new URL(r.url()).pathname.startsWith("/relay/")) relayed.push(r); });
  await c.fill({ mode: "AWS via this server's relay" });
  await c.check();
  const alert = page.locator(".check-result").getByRole("alert");
  await expect(alert).toContainText("relay could not reach AWS", { timeout: 30_000 });
  await expect(alert).toContainText("RelayUpstreamException");
  await expect(alert).toContainText("upstream could not be reached");
  expect(relayed.length).toBeGreaterThanOrEqual(1);
  const first = relayed[0];
  expect(new URL(first.url()).pathname).toBe(`/relay/${DEMO.region}/ListImages`);
  const auth = (await first.allHeaders())["authorization"] || "";
  expect(auth).toMatch(new RegExp(`Credential=${DEMO.accessKeyId}/\\d{8}/${DEMO.region}/imagebuilder/aws4_request`));
  expect(first.url()).not.toContain(DEMO.secret);
});

test("AWS direct, unreachable, says in words to use the relay", async ({ page, problems }) => {
  problems.allow(/Failed to load resource: net::ERR_FAILED/);
  const hosts = [];
  await page.route(/^https:\/\/imagebuilder\.[a-z0-9-]+\.amazonaws\.com\//, (route) => {
    hosts.push(new URL(route.request().url()).host);
    return route.abort("failed");
  });
  const c = new ConnectPage(page);
  await c.goto();
  await c.fill({ mode: "AWS, direct from the browser" });
  await c.check();
  const alert = page.locator(".check-result").getByRole("alert");
  await expect(alert).toContainText("AWS refused the cross-origin call (or the network is down): use \"AWS via this server's relay\".", { timeout: 30_000 });
  await expect(alert).toContainText("NetworkError");
  expect(hosts).toContain(`imagebuilder.${DEMO.region}.amazonaws.com`);
});
