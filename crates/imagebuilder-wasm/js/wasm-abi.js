// The numeric boundary of the ARN and version functions (crates/imagebuilder-wasm/src/abi.rs):
// inputs are written as UTF-8 into the wasm's memory, answers read back as numbers from its
// answer words, and the results, the errors and their messages are built here. No string,
// object or exception crosses, so a call is a few loads and stores.

import { ArnError, VersionError } from "./errors.js";
import { boundary } from "./boundary.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** A number word that holds no value. */
export const NONE = 2 ** 32 - 1;
const ARN_ERROR = 1;
/**
 * Items `joined` and `concatenated` join into one string at a time: a string past V8's largest
 * regular object (128 KB) is made in the large-object space, which measured twice as slow for
 * 100,000 ARNs (2,000 ARNs a string: 13.4 ms; 500: 5.4 ms; all in one: 11.6 ms, with the
 * encoding).
 */
const JOIN_SLICE = 500;

/** Rust's `{:?}` of a string (the core's message for an unknown shape name). */
function debugText(s) {
  const well = typeof s.toWellFormed === "function" ? s.toWellFormed() : s;
  let out = '"';
  for (const ch of well) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c === 0) out += "\\0";
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

const ABIS = new WeakMap();

/**
 * The numeric boundary over one wasm glue's boundary (`js/boundary.js`), once per glue.
 * @param {import("./boundary.js").Boundary} wasm
 */
export function abi(wasm) {
  const known = ABIS.get(wasm);
  if (known !== undefined) return known;
  const { w } = wasm;
  let x;
  let epoch = -1;
  let u8 = new Uint8Array(0);
  let u32 = new Uint32Array(0);
  let out = 0;
  let inPtr = 0;
  let cap = 0;
  /** Whether the last input written was ASCII (byte offsets are then string indexes). */
  let ascii = true;
  /** The byte length of the last input written. */
  let last = 0;
  const texts = new Map();

  /** Fresh views of the memory (after it grew, the old ones are empty). */
  function views() {
    if (u8.byteLength === 0) {
      u8 = new Uint8Array(x.memory.buffer);
      u32 = new Uint32Array(x.memory.buffer);
    }
  }

  /** The exports of the current instance (a new one after a trap replaced it). */
  function ex() {
    if (epoch !== wasm.epoch) {
      x = w.__ib_exports();
      epoch = wasm.epoch;
      out = x.ibOut() >>> 2;
      cap = 0;
      u8 = new Uint8Array(0);
    }
    views();
    return x;
  }

  /** Makes the input buffer hold at least `bytes` bytes. */
  function reserve(bytes) {
    if (bytes > cap) {
      // A wasm32 buffer holds less than 2 GiB: refuse more here, before the length could wrap
      // as it crosses into the wasm's 32-bit argument (doubling a smaller `cap` cannot).
      if (bytes >= 2 ** 31) throw new RangeError("the input must be under 2 GiB as UTF-8");
      cap = Math.max(bytes, 256, cap * 2);
      inPtr = x.ibInput(cap);
      u8 = new Uint8Array(0);
      views();
    }
  }

  /** Writes `s` as UTF-8 at byte `at` of the input buffer (reserved); returns the end. */
  function put(s, at) {
    const n = s.length;
    const base = inPtr + at;
    let i = 0;
    if (n < 256) {
      // Short ASCII strings (every valid ARN and version) are copied by hand: cheaper than the
      // encoder's call and its subarray.
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 127) break;
        u8[base + i] = c;
      }
      if (i === n) return at + n;
    }
    return at + i + encoder.encodeInto(i === 0 ? s : s.slice(i), u8.subarray(base + i, inPtr + cap)).written;
  }

  /** Writes one string as the input; returns its byte length. */
  function input(s) {
    ex();
    reserve(s.length * 3);
    const end = put(s, 0);
    // As many bytes as UTF-16 units only when every one is ASCII.
    ascii = end === s.length;
    last = end;
    return end;
  }

  /** Writes `items` (strings) joined with "\n" as the input, a slice at a time; returns its byte length. */
  function joined(items) {
    let units = items.length - 1;
    for (const s of items) units += s.length;
    ex();
    reserve(units * 3);
    let at = 0;
    for (let i = 0; i < items.length; i += JOIN_SLICE) at = put((i ? "\n" : "") + items.slice(i, i + JOIN_SLICE).join("\n"), at);
    // As many bytes as UTF-16 units only when every one is ASCII.
    ascii = at === units;
    return (last = at);
  }

  /** Makes the lengths buffer hold one length per item; returns its index in `u32`. */
  function lengthsFor(items) {
    ex();
    const at = x.ibLengths(items.length) >>> 2;
    // The memory may have grown: fresh views.
    u8 = new Uint8Array(0);
    views();
    return at;
  }

  /**
   * Writes `items` as a list argument (concatenated a slice at a time, their lengths apart) when
   * every item is ASCII, where a string's length is its byte length; returns the bytes in all,
   * or -1 at the first slice that is not ASCII (the caller then writes the list another way).
   * No line feed to search for on the other side: 100,000 ARNs measured 4.0 ms here against
   * 4.8-5.4 ms for `joined`, and the wasm's line search was a tenth of `validateArns`.
   */
  function concatenated(items) {
    const lengthsAt = lengthsFor(items);
    let units = 0;
    for (const s of items) units += s.length;
    reserve(units);
    let at = 0;
    for (let i = 0; i < items.length; i += JOIN_SLICE) {
      const slice = items.slice(i, i + JOIN_SLICE);
      const s = slice.join("");
      const end = put(s, at);
      if (end - at !== s.length) return -1;
      for (let k = 0; k < slice.length; k++) u32[lengthsAt + i + k] = slice[k].length;
      at = end;
    }
    ascii = true;
    return (last = at);
  }

  /** Writes a list argument (items concatenated, their lengths apart); returns the bytes in all. */
  function list(items) {
    const lengthsAt = lengthsFor(items);
    let bytes = 0;
    for (const s of items) bytes += s.length * 3;
    reserve(bytes);
    let at = 0;
    for (let i = 0; i < items.length; i++) {
      const end = put(items[i], at);
      u32[lengthsAt + i] = end - at;
      at = end;
    }
    return at;
  }

  /** Answer word `i` of the last call. */
  function word(i) {
    views();
    return u32[out + i];
  }

  /** A static text of the wasm (a name or a rule), by the address and length at words `i, i+1`. */
  function text(i) {
    const ptr = word(i);
    const len = word(i + 1);
    const key = ptr * 65536 + len;
    let s = texts.get(key);
    if (s === undefined) {
      s = decoder.decode(u8.subarray(ptr, ptr + len));
      texts.set(key, s);
    }
    return s;
  }

  /** Bytes `start..end` of `s`, the input last written. */
  function cut(s, start, end) {
    if (ascii) return s.slice(start, end);
    return decoder.decode(u8.subarray(inPtr + start, inPtr + end));
  }

  /**
   * The error the last call answered. `inputs(index, filter)` says which string it is about;
   * `indexed`: whether the error carries the list index; `resource`: `of`'s versionless ARN
   * (for latestVersionReferences' ARN form).
   */
  function fault(inputs, indexed, resource) {
    const isArn = word(0) === ARN_ERROR;
    const offset = word(1);
    const rule = text(2);
    const ruleText = text(4);
    const place = word(7) === 0 ? null : text(6);
    const index = word(8) === NONE ? undefined : word(8);
    const form = word(9);
    const input = inputs(index, word(10) === 1);
    const fields = { input, rule, offset };
    if (indexed && index !== undefined) fields.index = index;
    let message;
    if (form === 1) message = `all[${index}] is an ARN of another resource than ${resource()}`;
    else if (form === 2) message = `all[${index}] is not a build-version ARN (…/<major>.<minor>.<patch>/<build>)`;
    else if (isArn) message = `invalid ARN at byte ${offset} (${place}): ${ruleText} [${rule}]`;
    else message = `invalid version at byte ${offset}${place === null ? "" : ` (${place} node)`}: ${ruleText} [${rule}]`;
    if (isArn) return new ArnError(message, { ...fields, field: place });
    return new VersionError(message, { ...fields, node: place });
  }

  /** The names `ibShape`/`ibVersionShape` list, read once. */
  function names(f) {
    const all = [];
    for (let i = 0; f(i) === 1; i++) all.push(text(0));
    return all;
  }

  let arnShapes;
  let unknownShape;
  /** The model's ARN shape names. */
  function shapes() {
    if (arnShapes === undefined) {
      const e = ex();
      arnShapes = names((i) => e.ibShape(i));
      unknownShape = [text(2), text(4)];
    }
    return arnShapes;
  }

  /** The ArnError for a shape name that is not one of the model's. */
  function unknownShapeError(name) {
    const all = shapes();
    const [rule, field] = unknownShape;
    return new ArnError(`unknown ARN shape ${debugText(name)}; the model's ARN shapes are: ${all.join(", ")}`, { input: "", rule, offset: 0, field });
  }

  const a = { ex, input, joined, concatenated, list, word, text, cut, fault, shapes, unknownShapeError, names, bytes: () => (views(), u8), length: () => last };
  ABIS.set(wasm, a);
  return a;
}

/** The model's ARN shape names, from an initialized glue module (the entries' `ARN_SHAPES`). */
export function arnShapes(glue) {
  const b = boundary(glue);
  return b.call(() => abi(b).shapes());
}
