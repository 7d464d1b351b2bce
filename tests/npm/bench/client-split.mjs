// Where ImageBuilderClient.listImages's time goes, for the profile split in issue 16 (not a test,
// not run by CI), with the stub requestHandler of client-vs-sdk.mjs:
//
//   node tests/npm/bench/client-split.mjs [PKG_DIR]          # phase timings
//   node --cpu-prof --cpu-prof-dir=/tmp/prof tests/npm/bench/client-split.mjs [PKG_DIR] --loop
//   node tests/npm/bench/sign-split.mjs --summarize /tmp/prof/*.cpuprofile
//
// Phases (each timed alone, best of 5 rounds):
// - the whole call: `listImages({owner: "Self", maxResults: 25})` through the package;
// - the wasm client alone: the wasm's `Client.send` with the input already JSON and a handler
//   that already speaks the wasm's flat form (the engine: validation, serialization, signing,
//   the transport crossing, retry and metadata bookkeeping, response parsing, the output JSON);
// - signing alone: the wasm export `sign` on the request the client signs (the same signer the
//   engine calls, without the engine);
// - output shaping: `JSON.parse` of the output text and the Date conversion (outputs.js).
// The glue's share (argument checks, the input's JSON, the requestHandler adapter, promise
// plumbing) is the whole call less the wasm client and the output shaping.

import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(here, "../../../crates/imagebuilder-wasm/pkg"));
const pkg = await import(pathToFileURL(path.join(dir, "index.node.js")).href);
const w = await import(pathToFileURL(path.join(dir, "wasm/imagebuilder_wasm.js")).href);
const { withDates } = await import(pathToFileURL(path.join(dir, "outputs.js")).href);

const BODY = '{"requestId":"r","imageVersionList":[]}';
const HEADERS = { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r" };
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const region = "us-east-1";
const input = { owner: "Self", maxResults: 25 };

const client = new pkg.ImageBuilderClient({ region, credentials, maxAttempts: 1, requestHandler: async () => ({ status: 200, headers: HEADERS, body: BODY }) });
const flatHeaders = Object.entries(HEADERS).flat();
const inner = new w.Client(region, undefined, false, 1, credentials.accessKeyId, credentials.secretAccessKey, undefined, undefined, async () => [200, flatHeaders, BODY], undefined, undefined, undefined, undefined);
const inputJson = JSON.stringify(input);

const whole = async () => (await client.listImages(input)).imageVersionList.length;
const engine = async () => (await inner.send("ListImages", inputJson, undefined, undefined)).length;

// The request the engine signs (POST, JSON body, content-type), signed by the same export.
const signed = ["POST", "https://imagebuilder.us-east-1.amazonaws.com/ListImages", region, "imagebuilder", credentials.accessKeyId, credentials.secretAccessKey, "", inputJson, "content-type", "application/json"];
const packed = signed.join("");
const lens = new Uint32Array(signed.map((s) => s.length));
const sign = () => w.sign(packed, lens, false, undefined, Date.now(), 0, undefined).length;

const outputText = await inner.send("ListImages", inputJson, undefined, undefined);
const shaping = () => withDates("ListImages", JSON.parse(outputText)).imageVersionList.length;

if (args.includes("--loop")) {
  const t0 = performance.now();
  while (performance.now() - t0 < 5000) for (let i = 0; i < 100; i++) await whole();
} else {
  const rows = [
    ["listImages (whole call)", whole],
    ["wasm Client.send (engine, flat handler)", engine],
    ["  of which: signing (wasm `sign` alone)", sign],
    ["output shaping (JSON.parse + Dates)", shaping],
  ];
  const us = [];
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < rows.length; i++) {
      const t = await perCall(rows[i][1]);
      us[i] = round === 0 ? t : Math.min(us[i], t);
    }
  }
  const line = (name, v) => console.log(`${name.padEnd(48)} ${v.toFixed(2).padStart(7)} us/call`);
  rows.forEach(([name], i) => line(name, us[i]));
  line("  of which: engine less signing", us[1] - us[2]);
  line("glue (whole - engine - shaping)", us[0] - us[1] - us[3]);
}

async function perCall(f) {
  for (let i = 0; i < 500; i++) await f();
  let n = 0;
  const t0 = performance.now();
  let t;
  do {
    for (let i = 0; i < 100; i++) await f();
    n += 100;
    t = performance.now();
  } while (t - t0 < 400);
  return ((t - t0) * 1000) / n;
}
