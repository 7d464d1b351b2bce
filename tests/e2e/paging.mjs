// Short pages from the real emulator: a route adds its test-only page-size header to list calls
// the console already signed (the signature does not cover it; the server runs with
// --test-faults), and every page answered is recorded, so a test can tell which items came on
// which page and that the console followed every nextToken.

/**
 * Caps the pages of the list operations in `operations` at `size` items and records them:
 * `pages[op]` is the list of pages in order, each `{ input, sentToken, owner, items, nextToken }`
 * (input: the call's input; items: the ARNs of the page's result list). `delayMs` holds each call
 * back that long first (a slow network), so a test can act while a load is under way.
 */
export async function shortPages(page, operations, size, { delayMs = 0 } = {}) {
  const pages = Object.fromEntries(operations.map((op) => [op, []]));
  const opOf = (url) => operations.find((op) => new URL(url).pathname.endsWith(`/emulator/${op}`));
  // The emulator's own answer is passed on unchanged, after it was recorded (so a page is in
  // `pages` before the console sees it).
  await page.route((url) => Boolean(opOf(url.href)), async (route) => {
    const request = route.request();
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const headers = { ...(await request.allHeaders()), "x-imagebuilder-emulator-page-size": String(size) };
    let response;
    try {
      response = await route.fetch({ headers });
    } catch {
      // The page or the test is gone: nobody waits for this answer.
      return route.abort().catch(() => {});
    }
    const list = pages[opOf(request.url())];
    let record;
    if (request.method() === "POST") {
      const sent = JSON.parse(request.postData() || "{}");
      const body = await response.json().catch(() => ({}));
      const items = (Object.values(body).find(Array.isArray) || []).map((i) => i.arn);
      record = { input: sent, sentToken: Boolean(sent.nextToken), owner: sent.owner, items, nextToken: Boolean(body.nextToken) };
      list.push(record);
    }
    try {
      await route.fulfill({ response });
    } catch {
      // The page gave the call up (a newer one replaced it): it never saw this page.
      if (record) list.splice(list.indexOf(record), 1);
    }
  });
  return pages;
}

/** Every ARN answered across `op`'s pages (for `owner`, when given). */
export function answered(pages, op, owner) {
  return pages[op].filter((p) => owner === undefined || p.owner === owner).flatMap((p) => p.items);
}
