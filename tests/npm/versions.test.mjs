// parseVersion / compareVersions / matchesFilter / latestMatching / latestVersionReferences from
// the installed tarball (full, lite and validate). Cases: fixtures/versions.tsv.

import test from "node:test";
import assert from "node:assert/strict";
import { importFull, importLite, importValidate, fixtureLines } from "./helpers.mjs";

const full = await importFull();
const lite = await importLite();
const validate = await importValidate();
const cases = fixtureLines("versions.tsv").map((l) => l.split("\t"));
const of = (op) => cases.filter((c) => c[0] === op);
const node = (s) => (s === "x" ? "x" : Number(s));

test("parseVersion returns the kind, the nodes, the build and the normalised text", () => {
  for (const [, text, kind, major, minor, patch, build] of of("parse")) {
    for (const pkg of [full, lite, validate]) {
      assert.deepEqual(pkg.parseVersion(text), { kind, major: node(major), minor: node(minor), patch: node(patch), build: build === "-" ? null : Number(build), text }, text);
    }
  }
});

test("parseVersion throws a VersionError with the rule and the byte offset", () => {
  assert.ok(of("reject").length > 0);
  for (const [, text, rule, offset, shape] of of("reject")) {
    for (const pkg of [full, lite, validate]) {
      assert.throws(
        () => pkg.parseVersion(text, shape),
        (e) => e instanceof pkg.VersionError && e instanceof pkg.ImageBuilderError && e.name === "VersionError" && e.rule === rule && (offset === "-" || e.offset === Number(offset)) && e.input === text && e.$metadata.attempts === 0,
        `${text} ${shape ?? ""}`,
      );
    }
  }
});

test("compareVersions orders numerically node by node, then by build", () => {
  for (const [, a, b, want] of of("compare")) {
    assert.equal(full.compareVersions(a, b), Number(want), `${a} vs ${b}`);
    assert.equal(lite.compareVersions(a, b), Number(want));
  }
  assert.throws(() => full.compareVersions("1.x.x", "1.0.0"), (e) => e.name === "VersionError" && e.rule === "WildcardNotAllowed");
});

test("matchesFilter applies x wildcards", () => {
  for (const [, version, filter, want] of of("match")) assert.equal(full.matchesFilter(version, filter), want === "true", `${version} ~ ${filter}`);
  assert.throws(() => full.matchesFilter("1.0.0", "1.x.2"), (e) => e.name === "VersionError" && e.rule === "WildcardFollowedByNumber");
});

test("latestMatching returns the latest matching element itself, or undefined", () => {
  for (const [, filter, list, want] of of("latest")) {
    const versions = list.split(",");
    const got = full.latestMatching(versions, filter);
    assert.equal(got, want === "-" ? undefined : want, `${filter} in ${list}`);
    assert.equal(lite.latestMatching(versions, filter), got);
  }
  assert.throws(() => full.latestMatching(["1.0.0", "01.0.0"], "x.x.x"), (e) => e.name === "VersionError" && e.index === 1);
});

test("latestVersionReferences computes GetImage's four references from build versions", () => {
  const all = ["1.2.3/1", "1.2.3/2", "1.2.4/1", "1.3.0/1", "2.0.0/1"];
  assert.deepEqual(full.latestVersionReferences("1.2.3/1", all), {
    latestVersion: "2.0.0/1",
    latestMajorVersion: "1.3.0/1",
    latestMinorVersion: "1.2.4/1",
    latestPatchVersion: "1.2.3/2",
  });
});

test("latestVersionReferences computes the ARN form from image build version ARNs", () => {
  const base = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/";
  const all = ["1.2.3/1", "1.2.3/2", "1.9.0/1", "3.0.0/4"].map((v) => base + v);
  assert.deepEqual(lite.latestVersionReferences(base + "1.2.3/1", all), {
    latestVersionArn: base + "3.0.0/4",
    latestMajorVersionArn: base + "1.9.0/1",
    latestMinorVersionArn: base + "1.2.3/2",
    latestPatchVersionArn: base + "1.2.3/2",
  });
  assert.throws(
    () => full.latestVersionReferences(base + "1.2.3/1", ["arn:aws:imagebuilder:us-east-1:123456789012:image/other/1.0.0/1"]),
    (e) => e instanceof full.ArnError && e.rule === "DifferentResource" && e.index === 0,
  );
  assert.throws(() => full.latestVersionReferences(base + "1.2.3", []), (e) => e instanceof full.ArnError && e.rule === "MissingBuild");
});
