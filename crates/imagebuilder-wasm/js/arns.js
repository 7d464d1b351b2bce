// ARNs: thin wrappers over the core. validateArns checks a whole list in one boundary crossing:
// the list is joined with "\n", encoded once, split and checked in Rust, and one byte per ARN
// comes back; the reasons for the rejected ones are computed only when asked for.

import { str, optionalStr } from "./check.js";
import { fromFields } from "./boundary.js";

const encoder = new TextEncoder();

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

/** The shape index the wasm's arnVerdict takes for "any Image Builder ARN". */
const ANY_SHAPE = 2 ** 32 - 1;

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
  const { w, call } = wasm;
  function parseArn(arn, shape) {
    return call(() => w.arnParse(str(arn, "arn"), optionalStr(shape, "shape")));
  }

  /** The full answer of the wasm's arnValidate (parsed ARN or error), for the slow path. */
  function validateArnFully(arn, shape) {
    const r = call(() => w.arnValidate(arn, shape));
    if (!r.valid) r.error = fromFields(r.error);
    return r;
  }

  // Shape names to their index in the wasm's list (read once, on first use: the wasm may not be
  // initialized when this module is evaluated).
  let shapeIndexes;
  function shapeIndex(shape) {
    shapeIndexes ??= new Map(w.arnShapes().map((name, i) => [name, i]));
    return shapeIndexes.get(shape) ?? -1;
  }

  // The common path: one crossing with the ARN only, answered by a number (no JSON, no error
  // object, no closure); the parsed ARN (`arn`) or the error (`error`) is built when first read.
  function validateArn(arn, shape) {
    if (typeof arn !== "string") str(arn, "arn");
    const index = shape === undefined ? ANY_SHAPE : shapeIndex(optionalStr(shape, "shape"));
    let verdict = 2;
    if (index >= 0) {
      // Inline rather than through `call`: no closure on the hot path.
      try {
        verdict = w.arnVerdict(arn, index);
      } catch (e) {
        throw wasm.fail(e);
      }
    }
    if (verdict === 2) return validateArnFully(arn, shape);
    return new ArnVerdict(verdict === 1, arn, shape, validateArnFully);
  }

  function explain(shape) {
    return (arn) => validateArn(arn, shape).error;
  }

  function validateArns(list, shape) {
    if (!Array.isArray(list)) throw new TypeError("validateArns takes an array of strings");
    optionalStr(shape, "shape");
    const n = list.length;
    for (let i = 0; i < n; i++) if (typeof list[i] !== "string") throw new TypeError(`arns[${i}] must be a string`);
    if (n === 0) return new ArnBatchResult(list, new Uint8Array(0), explain(shape));
    let valid = call(() => w.arnValidateBatch(encoder.encode(list.join("\n")), shape));
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
    const valid = call(() => w.arnValidateBatch(encoder.encode(body), shape));
    return new ArnBatchResult(() => body.split("\n"), valid, explain(shape));
  }

  return { parseArn, validateArn, validateArns, validateArnsText };
}
