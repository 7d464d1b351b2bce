// parseArn / validateArn / validateArns / ARN_SHAPES, from the installed tarball (full, lite and validate
// entries). The rules themselves are the core's (tested there); these tests check that the
// package hands them over faithfully: verdicts, fields, offsets, error classes, batch = single.

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { importFull, importLite, importValidate, fixtureLines, here } from "./helpers.mjs";

const full = await importFull();
const lite = await importLite();
const validate = await importValidate();

const accepted = fixtureLines("arns-accepted.tsv").map((l) => l.split("\t"));
const rejected = fixtureLines("arns-rejected.tsv").map((l) => l.split("\t"));

test("parseArn returns the parsed fields of every accepted fixture ARN", () => {
  for (const [shape, arn, kind, resourceType, name, version, owner, partition, region] of accepted) {
    for (const pkg of [full, lite, validate]) {
      const parsed = pkg.parseArn(arn, shape);
      assert.deepEqual(parsed, { arn, partition, region, owner, resourceType, name, kind, version: version === "-" ? null : version }, arn);
      const verdict = pkg.validateArn(arn, shape);
      assert.deepEqual({ valid: verdict.valid, arn: verdict.arn, error: verdict.error }, { valid: true, arn: parsed, error: undefined });
      assert.deepEqual(JSON.parse(JSON.stringify(verdict)), JSON.parse(JSON.stringify({ valid: true, arn: parsed })));
    }
  }
});

test("every rejected fixture ARN fails with the expected rule, field and byte offset", () => {
  for (const [shape, arn, rule, field, offset] of rejected) {
    for (const pkg of [full, lite, validate]) {
      const r = pkg.validateArn(arn, shape);
      assert.equal(r.valid, false, arn);
      const e = r.error;
      assert.ok(e instanceof pkg.ArnError && e instanceof pkg.ImageBuilderError && e instanceof Error, arn);
      assert.equal(e.name, "ArnError");
      assert.equal(e.input, arn);
      if (rule !== "-") assert.equal(e.rule, rule, arn);
      if (field !== "-") assert.equal(e.field, field, arn);
      if (offset !== "-") assert.equal(e.offset, Number(offset), arn);
      assert.ok(e.message.length > 0);
      assert.throws(() => pkg.parseArn(arn, shape), (t) => t instanceof pkg.ArnError && t.rule === e.rule && t.offset === e.offset);
    }
  }
});

test("validateArns gives the same verdicts as validateArn, one per input, in order", () => {
  const byShape = new Map();
  for (const [shape, arn] of [...accepted, ...rejected]) {
    if (!byShape.has(shape)) byShape.set(shape, []);
    byShape.get(shape).push(arn);
  }
  for (const [shape, list] of byShape) {
    const batch = full.validateArns(list, shape);
    assert.equal(batch.length, list.length);
    const single = list.map((a) => (full.validateArn(a, shape).valid ? 1 : 0));
    assert.deepEqual([...batch.valid], single, shape);
    assert.equal(batch.validCount + batch.invalidCount, list.length);
    assert.deepEqual(
      batch.errors().map((e) => [e.index, e.arn, e.error.rule]),
      list.flatMap((a, i) => (single[i] ? [] : [[i, a, full.validateArn(a, shape).error.rule]])),
    );
  }
});

test("validateArn's quick verdict agrees with the full check for every fixture ARN under every shape, and its details are built once", () => {
  const arns = [...accepted.map((r) => r[1]), ...rejected.map((r) => r[1])];
  for (const pkg of [full, lite, validate]) {
    for (const shape of [undefined, ...pkg.ARN_SHAPES]) {
      const batch = pkg.validateArns(arns, shape);
      arns.forEach((arn, i) => {
        const r = pkg.validateArn(arn, shape);
        assert.equal(r.valid, batch.valid[i] === 1, `${shape}: ${arn}`);
        if (r.valid) assert.equal(r.arn, r.arn, arn);
        else {
          assert.ok(r.error instanceof pkg.ArnError, arn);
          assert.equal(r.error, r.error, "the error is built once and kept");
        }
      });
    }
  }
});

test("validateArns keeps every verdict in its place across the slices a long list is written in", () => {
  // Long enough for many slices (the list is joined a slice at a time), with valid, invalid,
  // empty and non-ASCII ARNs of every length in turn, so that a shifted slice changes verdicts.
  const pool = [...accepted.filter((r) => r[0] === "ImageBuilderArn").map((r) => r[1]), ...rejected.map((r) => r[1]), "", "arn:aws:imagebuilder:us-east-1:123456789012:image/é/1.0.0"];
  const list = Array.from({ length: 20_000 }, (_, i) => pool[(i * 7) % pool.length]);
  for (const pkg of [full, lite, validate]) {
    const batch = pkg.validateArns(list);
    assert.equal(batch.length, list.length);
    const single = list.map((a) => (pkg.validateArn(a).valid ? 1 : 0));
    assert.ok(single.includes(0) && single.includes(1), "both verdicts occur");
    assert.deepEqual([...batch.valid], single);
  }
});

test("validateArns gives each ARN its own verdict on the ASCII path and when a late slice is not ASCII", () => {
  // An all-ASCII list travels with its lengths (no line search); a list whose first non-ASCII
  // ARN comes after several slices were written is written again, joined with line feeds.
  const pool = [...accepted.filter((r) => r[0] === "ImageBuilderArn").map((r) => r[1]), ...rejected.map((r) => r[1]).filter((a) => /^[\x00-\x7f]*$/.test(a)), ""];
  const ascii = Array.from({ length: 20_000 }, (_, i) => pool[(i * 7) % pool.length]);
  const late = ascii.slice();
  late[15_000] = "arn:aws:imagebuilder:us-east-1:123456789012:image/é/1.0.0";
  late[15_001] = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4\narn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
  for (const pkg of [full, lite, validate]) {
    for (const list of [ascii, late]) {
      const batch = pkg.validateArns(list);
      const single = list.map((a) => (pkg.validateArn(a).valid ? 1 : 0));
      assert.ok(single.includes(0) && single.includes(1), "both verdicts occur");
      assert.deepEqual([...batch.valid], single);
      assert.equal(batch.validCount, single.filter((v) => v === 1).length);
    }
  }
});

test("validateArns checks a list with line feeds inside one by one, without mixing up indices", () => {
  const good = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
  const r = full.validateArns([good, `${good}\n${good}`, good]);
  assert.deepEqual([...r.valid], [1, 0, 1]);
  assert.equal(full.validateArns([]).length, 0);
});

test("validateArnsText gives validateArns's verdicts and errors for the same ARNs as lines of a text", () => {
  const byShape = new Map();
  for (const [shape, arn] of [...accepted, ...rejected]) {
    if (!byShape.has(shape)) byShape.set(shape, []);
    byShape.get(shape).push(arn);
  }
  for (const pkg of [full, lite, validate]) {
    for (const [shape, list] of byShape) {
      const fromArray = pkg.validateArns(list, shape);
      for (const text of [list.join("\n"), `${list.join("\n")}\n`]) {
        const fromText = pkg.validateArnsText(text, shape);
        assert.equal(fromText.length, list.length, shape);
        assert.deepEqual([...fromText.valid], [...fromArray.valid], shape);
        assert.equal(fromText.validCount, fromArray.validCount);
        assert.deepEqual(
          fromText.errors().map((e) => [e.index, e.arn, e.error.rule]),
          fromArray.errors().map((e) => [e.index, e.arn, e.error.rule]),
        );
      }
    }
  }
});

test("validateArnsText counts lines: empty text has none, a carriage return spoils its line", () => {
  const good = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
  assert.equal(lite.validateArnsText("").length, 0);
  assert.deepEqual([...lite.validateArnsText("\n").valid], [0]);
  assert.deepEqual([...lite.validateArnsText(`${good}\n\n${good}`).valid], [1, 0, 1]);
  assert.deepEqual([...lite.validateArnsText(`${good}\r\n${good}\n`).valid], [0, 1]);
  assert.throws(() => lite.validateArnsText(["x"]), TypeError);
  assert.throws(() => lite.validateArnsText("x", "NoSuchShape"), (e) => e instanceof lite.ArnError && e.rule === "UnknownShape");
});

test("validateArns and validateArn refuse an unknown shape and non-string input", () => {
  assert.throws(() => full.validateArns(["x"], "NoSuchShape"), (e) => e instanceof full.ArnError && e.rule === "UnknownShape");
  assert.throws(() => full.validateArns(["x", 3]), TypeError);
  assert.throws(() => full.validateArns("arn:aws"), TypeError);
  assert.throws(() => full.parseArn(undefined), TypeError);
});

test("ARN_SHAPES lists exactly the shapes of the ArnShape type in the declarations (enums.d.ts, generated from the core)", async () => {
  const { scratchProject } = await import("./helpers.mjs");
  const dts = fs.readFileSync(path.join(scratchProject().project, "node_modules/imagebuilder-wasm/enums.d.ts"), "utf8");
  const union = dts.slice(dts.indexOf("export type ArnShape ="), dts.indexOf(";", dts.indexOf("export type ArnShape =")));
  const names = [...union.matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]);
  assert.deepEqual(names, [...full.ARN_SHAPES]);
  assert.deepEqual([...lite.ARN_SHAPES], [...full.ARN_SHAPES]);
  for (const shape of full.ARN_SHAPES) assert.equal(typeof full.validateArn("arn:aws:x", shape).valid, "boolean");
});

// The peers' benchmark list: 100,000 generated ARNs, 10,132 of them malformed, labelled by the
// generator. The package must accept every valid one and refuse every malformed one.
const peers = process.env.IMAGEBUILDER_PEERS ?? path.resolve(here, "../../../shared/peers");
const haveGenerator = fs.existsSync(path.join(peers, "arn-gen.mjs"));

test("validateArns is exactly right on the peers' 100,000 labelled ARNs", { skip: haveGenerator ? false : `no ARN generator at ${peers}` }, async () => {
  const { generate } = await import(pathToFileURL(path.join(peers, "arn-gen.mjs")).href);
  const { arns, labels } = generate();
  const r = full.validateArns(arns);
  const wrong = [];
  for (let i = 0; i < arns.length; i++) {
    if (r.valid[i] !== (labels[i].valid ? 1 : 0)) wrong.push(`${i}: ${arns[i]} (${labels[i].valid ? "valid" : labels[i].reason})`);
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} wrong verdicts`);
  assert.equal(r.invalidCount, labels.filter((l) => !l.valid).length);
});
