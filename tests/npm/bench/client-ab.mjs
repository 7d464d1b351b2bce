// Two builds of the package against each other in ONE Node process (not a test, not run by CI):
// ImageBuilderClient.listImages({owner: "Self", maxResults: 25}) with the stub requestHandler of
// client-vs-sdk.mjs, timed in interleaved rounds of ~300 ms; prints each build's median and best
// us/call and the median of the per-round ratios A/B (> 1: B is faster). On a shared machine the
// per-round ratio is the figure to trust: both builds see the same load within a round.
//
//   node tests/npm/bench/client-ab.mjs PKG_DIR_A PKG_DIR_B [ROUNDS (default 10)]
//
// (PKG_DIR: a copy of crates/imagebuilder-wasm/pkg as `cargo xtask npm` left it.)
import path from "node:path";
import { pathToFileURL } from "node:url";
const [a, b, roundsArg] = process.argv.slice(2);
const BODY = '{"requestId":"r","imageVersionList":[]}';
const HEADERS = { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r" };
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const input = { owner: "Self", maxResults: 25 };
async function make(dir) {
  const pkg = await import(pathToFileURL(path.join(path.resolve(dir), "index.node.js")).href);
  const c = new pkg.ImageBuilderClient({ region: "us-east-1", credentials, maxAttempts: 1, requestHandler: async () => ({ status: 200, headers: HEADERS, body: BODY }) });
  return async () => (await c.listImages(input)).imageVersionList.length;
}
const fa = await make(a), fb = await make(b);
async function perCall(f, ms) {
  let n = 0; const t0 = performance.now(); let t;
  do { for (let i = 0; i < 100; i++) await f(); n += 100; t = performance.now(); } while (t - t0 < ms);
  return ((t - t0) * 1000) / n;
}
await perCall(fa, 500); await perCall(fb, 500);
const rounds = Number(roundsArg ?? 10); const ra = [], rb = [], ratio = [];
for (let r = 0; r < rounds; r++) {
  const x = await perCall(fa, 300), y = await perCall(fb, 300);
  ra.push(x); rb.push(y); ratio.push(x / y);
}
const med = (v) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
console.log(`A ${med(ra).toFixed(2)} us/call (min ${Math.min(...ra).toFixed(2)})  B ${med(rb).toFixed(2)} us/call (min ${Math.min(...rb).toFixed(2)})  A/B median ${med(ratio).toFixed(3)}`);
