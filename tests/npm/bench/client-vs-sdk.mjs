// `cargo xtask bench-npm`: the package's client against the AWS SDK's, in ONE Node process, timed
// with the peers' own bench-lib.mjs (interleaved rounds, median, per-round ratios).
//
//   node <this file> <peers dir> <package dir> [--quick] [--json out.json]
//
// Both clients make the same call end to end with no network: ListImages {owner: "Self",
// maxResults: 25}, serialized, validated, signed with SigV4 and its answer parsed.
//
// - The SDK: `@aws-sdk/client-imagebuilder` (from the peers' node_modules) with the in-memory
//   request handler of the peers' bench-sign.mjs (sdkClientCase), maxAttempts 1.
// - Ours: `ImageBuilderClient.listImages(...)`, maxAttempts 1, two ways:
//   (a) with the config's `requestHandler` (the SDK's requestHandler counterpart) answering a
//       plain object `{status: 200, headers: {...}, body}`: the same kind of stub as the SDK's;
//   (b) over its default transport, the global `fetch`, replaced in this process by a stub
//       returning `new Response(body, {status: 200, headers: {...}})` (the SDK's handler does not
//       use `fetch`, so the stub only serves this case). Building Request/Response objects and
//       reading the body costs ~50-100 us per call in Node on its own.
// Both stubs answer `{"requestId":"r","imageVersionList":[]}`.

import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [peersDir, pkgDir, ...rest] = process.argv.slice(2);
if (!peersDir || !pkgDir) throw new Error("usage: client-vs-sdk.mjs <peers dir> <package dir> [--quick] [--json file]");
const lib = await import(pathToFileURL(path.join(peersDir, "bench-lib.mjs")).href);
const opts = lib.parseArgs(rest);
const requireFromPeers = createRequire(path.join(peersDir, "package.json"));
const sdk = await import(pathToFileURL(requireFromPeers.resolve("@aws-sdk/client-imagebuilder")).href);
const ours = await import(pathToFileURL(path.join(pkgDir, "index.node.js")).href);

const BODY = '{"requestId":"r","imageVersionList":[]}';
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const region = "us-east-1";
const input = { owner: "Self", maxResults: 25 };

// The SDK with bench-sign.mjs's stub handler.
const sdkBody = new TextEncoder().encode(BODY);
const sdkClient = new sdk.ImagebuilderClient({
  region,
  credentials,
  maxAttempts: 1,
  requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: { "content-type": "application/json" }, body: sdkBody } }) },
});

// Ours with a stubbed global fetch.
let fetches = 0;
globalThis.fetch = async () => {
  fetches++;
  return new Response(BODY, { status: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r" } });
};
const client = new ours.ImageBuilderClient({ region, credentials, maxAttempts: 1 });
const handled = new ours.ImageBuilderClient({
  region,
  credentials,
  maxAttempts: 1,
  requestHandler: async () => ({ status: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r" }, body: BODY }),
});

// Both must really make the call and read the answer before they are timed.
const a = await client.listImages(input);
const b = await sdkClient.send(new sdk.ListImagesCommand(input));
const c = await handled.listImages(input);
if (!Array.isArray(a.imageVersionList) || !Array.isArray(b.imageVersionList) || !Array.isArray(c.imageVersionList) || fetches !== 1) {
  throw new Error(`a stub was not used as expected (fetches ${fetches})`);
}

const OURS_HANDLER = "imagebuilder-wasm ImageBuilderClient.listImages, stub requestHandler";
const OURS_FETCH = "imagebuilder-wasm ImageBuilderClient.listImages, stubbed globalThis.fetch";
const SDK = "@aws-sdk/client-imagebuilder send(ListImagesCommand), stub handler";
const cases = [
  { name: OURS_HANDLER, async: true, fn: async () => (await handled.listImages(input)).imageVersionList.length + 1 },
  { name: OURS_FETCH, async: true, fn: async () => (await client.listImages(input)).imageVersionList.length + 1 },
  { name: SDK, async: true, fn: async () => (await sdkClient.send(new sdk.ListImagesCommand(input))).imageVersionList.length + 1 },
];
console.error(`timing 3 client cases in one process: ${opts.rounds} rounds x ~${opts.roundMs} ms, warm-up ${opts.warmupMs} ms`);
const results = lib.addRatios(await lib.runBench(cases, opts), SDK);
console.log("\n| client | calls/s (median) | min | max | x SDK (median of per-round ratios) |");
console.log("|---|---:|---:|---:|---:|");
for (const r of results) console.log(`| ${r.name} | ${lib.fmt(r.median)} | ${lib.fmt(r.min)} | ${lib.fmt(r.max)} | ${r.vsBaseline.toFixed(2)} |`);
const out = { bench: "client", options: { rounds: opts.rounds, roundMs: opts.roundMs, warmupMs: opts.warmupMs }, machine: lib.machineInfo(), sdkVersion: lib.pkgVersion("@aws-sdk/client-imagebuilder"), transport: { ours: ["requestHandler stub", "stubbed globalThis.fetch"], sdk: "requestHandler stub" }, results };
if (opts.json) lib.writeJson(opts.json, out);
