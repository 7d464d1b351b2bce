// Versions: thin wrappers over the core (parsing, ordering and selection are all Rust), through
// the numeric boundary (wasm-abi.js).

import { str, optionalStr, strings } from "./check.js";
import { abi, NONE } from "./wasm-abi.js";

/** Version `i` (0-3) of the four references in answer words 2-17, as the core writes it. */
function reference(b, i) {
  const at = 2 + 4 * i;
  return `${b.word(at)}.${b.word(at + 1)}.${b.word(at + 2)}/${b.word(at + 3)}`;
}

/** @param {import("./boundary.js").Boundary} wasm the boundary with the initialized wasm */
export function versionApi(wasm) {
  const { call } = wasm;
  const b = abi(wasm);

  let shapeIndexes;
  /** The index of a version shape name (an unknown name: past the list, the core's UnknownShape). */
  function shapeIndex(shape) {
    if (shape === undefined) return NONE;
    shapeIndexes ??= new Map(call(() => b.names((i) => b.ex().ibVersionShape(i))).map((name, i) => [name, i]));
    return shapeIndexes.get(shape) ?? shapeIndexes.size;
  }

  /** A node word as parseVersion returns it: a number, or "x". */
  const node = (v) => (v === NONE ? "x" : v);

  function parseVersion(version, shape) {
    str(version, "version");
    optionalStr(shape, "shape");
    const ok = call(() => b.ex().ibVersion(b.input(version), shapeIndex(shape)));
    if (ok !== 1) throw b.fault(() => version, false);
    const [major, minor, patch] = [node(b.word(3)), node(b.word(4)), node(b.word(5))];
    const build = b.word(6) === 1 ? b.word(7) : null;
    return { kind: b.text(1), major, minor, patch, build, text: `${major}.${minor}.${patch}${build === null ? "" : `/${build}`}` };
  }

  function compareVersions(a, bv) {
    str(a, "a");
    str(bv, "b");
    const ok = call(() => b.ex().ibCompare(b.list([a, bv])));
    if (ok !== 1) throw b.fault((i) => (i === 0 ? a : bv), false);
    return b.word(1) | 0;
  }

  function matchesFilter(version, filter) {
    str(version, "version");
    str(filter, "filter");
    const ok = call(() => b.ex().ibMatches(b.list([version, filter])));
    if (ok !== 1) throw b.fault((_, isFilter) => (isFilter ? filter : version), false);
    return b.word(1) === 1;
  }

  function latestMatching(versions, filter) {
    strings(versions, "versions");
    str(filter, "filter");
    const ok = call(() => b.ex().ibLatest(b.list([filter, ...versions]), versions.length));
    if (ok !== 1) throw b.fault((i, isFilter) => (isFilter ? filter : versions[i]), true);
    const i = b.word(1);
    return i === NONE ? undefined : versions[i];
  }

  function latestVersionReferences(of, all) {
    str(of, "of");
    strings(all, "all");
    const isArn = of.startsWith("arn:");
    const ok = call(() => {
      const x = b.ex();
      const len = b.list([of, ...all]);
      return isArn ? x.ibArnReferences(len, all.length) : x.ibReferences(len, all.length);
    });
    if (ok !== 1) throw b.fault((i) => (i === undefined ? of : all[i]), true, () => of.slice(0, b.word(11)));
    if (!isArn) {
      return {
        latestVersion: reference(b, 0),
        latestMajorVersion: reference(b, 1),
        latestMinorVersion: reference(b, 2),
        latestPatchVersion: reference(b, 3),
      };
    }
    const base = `${of.slice(0, b.word(1))}/`;
    return {
      latestVersionArn: base + reference(b, 0),
      latestMajorVersionArn: base + reference(b, 1),
      latestMinorVersionArn: base + reference(b, 2),
      latestPatchVersionArn: base + reference(b, 3),
    };
  }
  return { parseVersion, compareVersions, matchesFilter, latestMatching, latestVersionReferences };
}
