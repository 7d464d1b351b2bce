// Where signRequest's time goes, for the profile split in issue 16 (not a test, not run by CI):
//
//   node tests/npm/bench/sign-split.mjs [PKG_DIR]          # phase timings
//   node --cpu-prof --cpu-prof-dir=/tmp/prof tests/npm/bench/sign-split.mjs [PKG_DIR] --loop
//   node tests/npm/bench/sign-split.mjs --summarize /tmp/prof/*.cpuprofile   # TOP=N: N rows
//
// Phases: the whole call; the wasm export alone with pre-packed arguments (boundary + signer),
// so the glue's share (argument checks, packing, result object) is the difference. The profile
// summary gives the signer's own split (SHA-256 compression, key derivation, canonical request,
// final HMAC) when the wasm keeps its name section (a build with `strip = false`, bound with
// `wasm-bindgen --keep-debug`, no wasm-opt); a stripped wasm shows `wasm-function[N]`.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const args = process.argv.slice(2);
if (args[0] === "--summarize") {
  summarize(args[1]);
} else {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(here, "../../../crates/imagebuilder-wasm/pkg"));
  const pkg = await import(pathToFileURL(path.join(dir, "lite.node.js")).href);
  const w = await import(pathToFileURL(path.join(dir, "wasm/imagebuilder_wasm_lite.js")).href);
  const I = {
    method: "POST",
    url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
    body: '{"owner":"Self","maxResults":25}',
    region: "us-east-1",
    service: "imagebuilder",
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    date: Date.parse("2015-08-30T12:36:00Z"),
  };
  const request = { ...I, headers: { "content-type": "application/json" }, credentials: { accessKeyId: I.accessKeyId, secretAccessKey: I.secretAccessKey } };
  const whole = () => pkg.signRequest(request).authorization;
  if (args.includes("--loop")) {
    const t0 = performance.now();
    while (performance.now() - t0 < 3000) for (let i = 0; i < 100; i++) whole();
  } else {
    const flat = ["content-type", "application/json"];
    const fixed = [I.method, I.url, I.region, I.service, I.accessKeyId, I.secretAccessKey, "", I.body];
    const packed = fixed.join("") + flat.join("");
    const lens = new Uint32Array([...fixed, ...flat].map((s) => s.length));
    const direct = () => w.sign(packed, lens, false, undefined, I.date, 0, undefined);
    if (!direct().endsWith(whole().split("Signature=")[1])) throw new Error("the direct call signs differently");
    const rows = [
      ["signRequest (whole call)", whole],
      ["wasm export `sign` with pre-packed arguments", direct],
    ];
    const us = rows.map(([, f]) => perCall(f));
    for (let round = 0; round < 4; round++) rows.forEach(([, f], i) => (us[i] = Math.min(us[i], perCall(f))));
    rows.forEach(([name], i) => console.log(`${name.padEnd(48)} ${us[i].toFixed(2).padStart(7)} us/call`));
    console.log(`${"glue (checks, packing, result object)".padEnd(48)} ${(us[0] - us[1]).toFixed(2).padStart(7)} us/call`);
  }
}

function perCall(f) {
  for (let i = 0; i < 500; i++) f();
  let n = 0;
  const t0 = performance.now();
  let t;
  do {
    for (let i = 0; i < 100; i++) f();
    n += 100;
    t = performance.now();
  } while (t - t0 < 300);
  return ((t - t0) * 1000) / n;
}

function summarize(file) {
  const p = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map();
  p.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  let total = 0;
  const self = new Map();
  const incl = new Map();
  for (const [id, t] of time) {
    total += t;
    const name = (n) => n.callFrame.functionName || "(anonymous)";
    self.set(name(byId.get(id)), (self.get(name(byId.get(id))) ?? 0) + t);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur));
      if (!seen.has(k)) incl.set(k, (incl.get(k) ?? 0) + t), seen.add(k);
    }
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40)).map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${k.slice(0, 140)}`);
  console.log(["self:", ...top(self), "", "inclusive:", ...top(incl)].join("\n"));
}
