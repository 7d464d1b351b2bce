// ARNs: thin wrappers over the core, through the numeric boundary (wasm-abi.js). validateArns
// checks a whole list in one boundary crossing: the list is joined with "\n", written once into
// the wasm's memory, split and checked in Rust, and one byte per ARN comes back; the reasons for
// the rejected ones are computed only when asked for.

import { str, optionalStr } from "./check.js";
import { abi, NONE } from "./wasm-abi.js";

/** The outcome of validateArns: one verdict per input, reasons on demand. */
export class ArnBatchResult {
  #list;
  #explain;
  // `list`: the checked strings, or a function returning them (called only by errors()).
  constructor(list, valid, explain) {
    this.#list = list;
    this.#explain = explain;
    /** `valid[i]` is 1 when `list[i]` is valid, 0 otherwise. */
    this.valid = valid;
    let n = 0;
    for (let i = 0; i < valid.length; i++) n += valid[i];
    /** How many are valid. */
    this.validCount = n;
    /** How many are not. */
    this.invalidCount = valid.length - n;
  }
  /** How many ARNs were checked. */
  get length() {
    return this.valid.length;
  }
  /** Whether `list[index]` is valid. */
  isValid(index) {
    return this.valid[index] === 1;
  }
  /** Every rejected ARN with its index and the reason (computed now, one call per rejected ARN). */
  errors() {
    if (typeof this.#list === "function") this.#list = this.#list();
    const list = this.#list;
    const out = [];
    for (let i = 0; i < this.valid.length; i++) {
      if (this.valid[i] === 0) out.push({ index: i, arn: list[i], error: this.#explain(list[i]) });
    }
    return out;
  }
}

/** What `validateArn` returns: `valid` at once; the parsed ARN (`arn`, when valid) or the
 * `ArnError` (`error`, when not) built on first read, from the full check. */
export class ArnVerdict {
  #input;
  #shape;
  #full;
  #details;

  constructor(valid, input, shape, full) {
    /** Whether the string is an ARN of the shape. */
    this.valid = valid;
    this.#input = input;
    this.#shape = shape;
    this.#full = full;
  }

  #detailsOnce() {
    return (this.#details ??= this.#full(this.#input, this.#shape));
  }

  /** The parsed ARN (`null` for a shape without parsed fields); `undefined` when not valid. */
  get arn() {
    return this.valid ? this.#detailsOnce().arn : undefined;
  }

  /** The `ArnError` with the rule, field and offset; `undefined` when valid. */
  get error() {
    return this.valid ? undefined : this.#detailsOnce().error;
  }

  toJSON() {
    return this.valid ? { valid: true, arn: this.arn } : { valid: false, error: this.error };
  }
}

/** @param {import("./boundary.js").Boundary} wasm the boundary with the initialized wasm */
export function arnApi(wasm) {
  const { call } = wasm;
  const b = abi(wasm);

  // Shape names to their index in the wasm's list (read once, on first use: the wasm may not be
  // initialized when this module is evaluated); NONE for "any Image Builder ARN".
  let shapeIndexes;
  function shapeIndex(shape) {
    if (shape === undefined) return NONE;
    shapeIndexes ??= new Map(call(() => b.shapes()).map((name, i) => [name, i]));
    const i = shapeIndexes.get(shape);
    if (i === undefined) throw b.unknownShapeError(shape);
    return i;
  }

  /** The parsed ARN the last check answered (`s`: its input), or null for a shape without one. */
  function parsed(s) {
    if (b.word(1) === 0) return null;
    const resourceType = b.text(4);
    const regionEnd = b.word(9);
    const nameStart = b.word(10);
    const nameEnd = b.word(11);
    const bytes = b.length();
    return {
      arn: s,
      partition: b.cut(s, b.word(6), b.word(7)),
      region: b.cut(s, b.word(8), regionEnd),
      owner: b.cut(s, regionEnd + 1, nameStart - resourceType.length - 2),
      resourceType,
      name: b.cut(s, nameStart, nameEnd),
      kind: b.text(2),
      version: nameEnd < bytes ? b.cut(s, nameEnd + 1, bytes) : null,
    };
  }

  /** Checks `s` (a string) against shape index `index`: 1 valid, 0 invalid (details in the words). */
  function check(s, index, details) {
    return call(() => b.ex().ibArn(b.input(s), index, details));
  }

  function parseArn(arn, shape) {
    str(arn, "arn");
    const index = shapeIndex(optionalStr(shape, "shape"));
    if (check(arn, index, 1) === 1) return parsed(arn);
    throw b.fault(() => arn, false);
  }

  /** The full answer (parsed ARN or error), for the details of a verdict. */
  function validateArnFully(arn, shape) {
    if (check(arn, shapeIndex(shape), 1) === 1) return { valid: true, arn: parsed(arn) };
    return { valid: false, error: b.fault(() => arn, false) };
  }

  // The common path: one crossing with the ARN only, answered by a number (no error object, no
  // parsed object); the parsed ARN (`arn`) or the error (`error`) is built when first read.
  function validateArn(arn, shape) {
    if (typeof arn !== "string") str(arn, "arn");
    const index = shapeIndex(optionalStr(shape, "shape"));
    let verdict;
    // Inline rather than through `call`: no closure on the hot path.
    try {
      const x = b.ex();
      verdict = x.ibArn(b.input(arn), index, 0);
    } catch (e) {
      throw wasm.fail(e);
    }
    return new ArnVerdict(verdict === 1, arn, shape, validateArnFully);
  }

  function explain(shape) {
    return (arn) => validateArn(arn, shape).error;
  }

  /**
   * One verdict byte per line of `text` (lines cut at "\n"), or per item of an array of strings,
   * a copy out of the wasm's memory.
   */
  function batch(text, index) {
    return call(() => {
      const x = b.ex();
      let at;
      if (typeof text === "string") at = x.ibArnBatch(b.input(text), index);
      else {
        // An ASCII list (every ARN) with its lengths, else joined with line feeds.
        const len = b.concatenated(text);
        at = len < 0 ? x.ibArnBatch(b.joined(text), index) : x.ibArnItems(len, text.length, index);
      }
      const count = b.word(1);
      return b.bytes().slice(at, at + count);
    });
  }

  function validateArns(list, shape) {
    if (!Array.isArray(list)) throw new TypeError("validateArns takes an array of strings");
    optionalStr(shape, "shape");
    const n = list.length;
    for (let i = 0; i < n; i++) if (typeof list[i] !== "string") throw new TypeError(`arns[${i}] must be a string`);
    if (n === 0) return new ArnBatchResult(list, new Uint8Array(0), explain(shape));
    let valid = batch(list, shapeIndex(shape));
    if (valid.length !== n) {
      // Some ARNs hold line feeds, so they took several lines of the batch: map the lines back to
      // the ARNs (no second batch), and check those few on their own.
      const lines = valid;
      valid = new Uint8Array(n);
      let line = 0;
      for (let i = 0; i < n; i++) {
        const s = list[i];
        let feeds = 0;
        for (let j = s.indexOf("\n"); j !== -1; j = s.indexOf("\n", j + 1)) feeds++;
        valid[i] = feeds === 0 ? lines[line] : validateArn(s, shape).valid ? 1 : 0;
        line += feeds + 1;
      }
    }
    return new ArnBatchResult(list, valid, explain(shape));
  }

  // The same check for ARNs that are already one text (a file's contents): one per line, lines
  // separated by "\n" (a "\r" before it belongs to the line, which is then invalid); one
  // trailing "\n" ends the last line rather than starting an empty one; "" holds no ARNs. No
  // array is built unless errors() is called.
  function validateArnsText(text, shape) {
    str(text, "text");
    optionalStr(shape, "shape");
    const body = text.endsWith("\n") ? text.slice(0, -1) : text;
    if (text.length === 0) return new ArnBatchResult([], new Uint8Array(0), explain(shape));
    const valid = batch(body, shapeIndex(shape));
    return new ArnBatchResult(() => body.split("\n"), valid, explain(shape));
  }

  return { parseArn, validateArn, validateArns, validateArnsText };
}
