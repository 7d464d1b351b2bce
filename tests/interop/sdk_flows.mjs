// @aws-sdk/client-imagebuilder, unmodified, against the imagebuilder-server emulator.
// Run by `cargo xtask test` (xtask/src/interop.rs) with IB_ENDPOINT set to the emulator's endpoint
// URL of a server started with --speed 200: node --test tests/interop/sdk_flows.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import {
  ImagebuilderClient,
  ListImagesCommand,
  ListImageBuildVersionsCommand,
  GetImageCommand,
  ListImageRecipesCommand,
  ListInfrastructureConfigurationsCommand,
  CreateImageCommand,
  CancelImageCreationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ListTagsForResourceCommand,
  paginateListImages,
} from "@aws-sdk/client-imagebuilder";

const endpoint = process.env.IB_ENDPOINT;
assert.ok(endpoint, "IB_ENDPOINT is set");
const ACCOUNT = "123456789012";
const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const client = (overrides = {}) =>
  new ImagebuilderClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1, ...overrides });
const ib = client();

async function all(input, pageSize) {
  const items = [];
  for await (const page of paginateListImages({ client: ib, pageSize }, input)) {
    items.push(...page.imageVersionList);
  }
  return items;
}

// The JS SDK generates no waiter for Image Builder: poll GetImage with the acceptors of the
// model's ImageAvailable waiter (AVAILABLE: success; CANCELLED or FAILED: failure).
async function waitUntilImageAvailable({ client, maxWaitTime }, { imageBuildVersionArn }) {
  const deadline = Date.now() + maxWaitTime * 1000;
  while (Date.now() < deadline) {
    const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn }));
    if (image.state.status === "AVAILABLE") return { state: "SUCCESS", image };
    if (["CANCELLED", "FAILED"].includes(image.state.status)) throw new Error(`waiter failed: ${image.state.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("waiter timed out");
}

async function errorOf(promise) {
  try {
    await promise;
  } catch (e) {
    return [e.name, e.$metadata?.httpStatusCode, e.$metadata?.requestId];
  }
  assert.fail("the call succeeded");
}

test("each owner lists only its images", async () => {
  const self = await all({ owner: "Self" });
  assert.ok(self.length >= 60, `${self.length} own images`);
  assert.ok(self.every((i) => i.arn.split(":")[4] === ACCOUNT));
  const amazon = await all({ owner: "Amazon" });
  assert.ok(amazon.length >= 3 && amazon.every((i) => i.arn.split(":")[4] === "aws"));
  assert.equal((await all({ owner: "Shared" })).length, 2);
  assert.ok((await all({ owner: "AWSMarketplace" })).every((i) => i.arn.includes(":aws-marketplace:")));
});

test("filters, byName and includeDeprecated follow the service's rules", async () => {
  const windows = await all({ owner: "Amazon", filters: [{ name: "platform", values: ["Windows"] }] });
  assert.ok(windows.length > 0 && windows.every((i) => i.platform === "Windows"));
  const byName = await all({ owner: "Self", byName: true });
  assert.equal(new Set(byName.map((i) => i.name)).size, byName.length);
  const web = { owner: "Self", filters: [{ name: "name", values: ["web-server"] }] };
  assert.ok(!(await all(web)).some((i) => i.version === "1.1.0"));
  assert.ok((await all({ ...web, includeDeprecated: true })).some((i) => i.version === "1.1.0"));
});

test("pages of five hold the same images as one big page, without duplicates", async () => {
  const small = (await all({ owner: "Self" }, 5)).map((i) => i.arn);
  const big = await ib.send(new ListImagesCommand({ owner: "Self", maxResults: 100 }));
  assert.equal(big.nextToken, undefined);
  assert.equal(new Set(small).size, small.length);
  assert.deepEqual([...small].sort(), big.imageVersionList.map((i) => i.arn).sort());
});

test("build versions and GetImage show each build's state and AMIs", async () => {
  const arn = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/web-server/1.0.0`;
  const builds = await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn }));
  assert.deepEqual(builds.imageSummaryList.map((b) => b.state.status), ["AVAILABLE", "FAILED", "AVAILABLE"]);
  const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: `${arn}/1` }));
  assert.equal(image.version, "1.0.0/1");
  assert.match(image.outputResources.amis[0].image, /^ami-/);
});

test("CreateImage reaches AVAILABLE, replays its clientToken and refuses a changed body", async () => {
  const recipes = await ib.send(new ListImageRecipesCommand({}));
  const infra = await ib.send(new ListInfrastructureConfigurationsCommand({}));
  const input = {
    imageRecipeArn: recipes.imageRecipeSummaryList.find((r) => r.name === "base-linux").arn,
    infrastructureConfigurationArn: infra.infrastructureConfigurationSummaryList[0].arn,
    clientToken: randomUUID(),
  };
  const created = await ib.send(new CreateImageCommand(input));
  const replay = await ib.send(new CreateImageCommand(input));
  assert.equal(replay.imageBuildVersionArn, created.imageBuildVersionArn);
  const [code, status] = await errorOf(ib.send(new CreateImageCommand({ ...input, tags: { changed: "yes" } })));
  assert.deepEqual([code, status], ["IdempotentParameterMismatchException", 400]);
  const result = await waitUntilImageAvailable(
    { client: ib, minDelay: 1, maxDelay: 1, maxWaitTime: 30 },
    { imageBuildVersionArn: created.imageBuildVersionArn },
  );
  assert.equal(result.state, "SUCCESS");
});

test("a cancelled build is CANCELLED and the waiter fails", async () => {
  const recipes = await ib.send(new ListImageRecipesCommand({}));
  const infra = await ib.send(new ListInfrastructureConfigurationsCommand({}));
  const { imageBuildVersionArn } = await ib.send(
    new CreateImageCommand({
      imageRecipeArn: recipes.imageRecipeSummaryList[0].arn,
      infrastructureConfigurationArn: infra.infrastructureConfigurationSummaryList[0].arn,
      clientToken: randomUUID(),
    }),
  );
  await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn, clientToken: randomUUID() }));
  const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn }));
  assert.equal(image.state.status, "CANCELLED");
  await assert.rejects(
    waitUntilImageAvailable({ client: ib, minDelay: 1, maxDelay: 1, maxWaitTime: 5 }, { imageBuildVersionArn }),
  );
});

test("tags can be added, listed and removed", async () => {
  const recipes = await ib.send(new ListImageRecipesCommand({}));
  const resourceArn = recipes.imageRecipeSummaryList[0].arn;
  await ib.send(new TagResourceCommand({ resourceArn, tags: { js: "sdk" } }));
  assert.equal((await ib.send(new ListTagsForResourceCommand({ resourceArn }))).tags.js, "sdk");
  await ib.send(new UntagResourceCommand({ resourceArn, tagKeys: ["js"] }));
  assert.equal((await ib.send(new ListTagsForResourceCommand({ resourceArn }))).tags.js, undefined);
});

test("errors carry AWS's codes, statuses and a request id", async () => {
  const missing = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/nope/1.0.0/1`;
  const [code, status, requestId] = await errorOf(ib.send(new GetImageCommand({ imageBuildVersionArn: missing })));
  assert.deepEqual([code, status], ["ResourceNotFoundException", 404]);
  assert.match(requestId, /^[0-9a-f-]{36}$/);
  const page = await ib.send(new ListImagesCommand({ owner: "Self", maxResults: 5 }));
  const tampered = page.nextToken.slice(0, -1) + (page.nextToken.endsWith("0") ? "1" : "0");
  assert.deepEqual(
    (await errorOf(ib.send(new ListImagesCommand({ owner: "Self", maxResults: 5, nextToken: tampered })))).slice(0, 2),
    ["InvalidPaginationTokenException", 400],
  );
  assert.deepEqual((await errorOf(ib.send(new ListImagesCommand({ maxResults: 500 })))).slice(0, 2), ["ValidationException", 400]);
  const wrong = client({ credentials: { ...credentials, secretAccessKey: "not-the-secret" } });
  assert.deepEqual((await errorOf(wrong.send(new ListImagesCommand({})))).slice(0, 2), ["InvalidSignatureException", 403]);
});
