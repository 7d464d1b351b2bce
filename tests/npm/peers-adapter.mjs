// Adapter for the JavaScript peers' harness (../shared/peers, see its README): times the npm
// package in the same run as the peers. Used by `cargo xtask bench-npm`:
//
//   node run-all.mjs --with <this file> --entry ... --file ...
//
// It loads the built package's lite Node entry (crates/imagebuilder-wasm/pkg, or
// $IMAGEBUILDER_WASM_PKG): the entry for bulk validation and signing, whose wasm is built for
// speed (the full entry's is built for size; see SPEED_OVERRIDES in xtask/src/npm.rs).

import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(process.env.IMAGEBUILDER_WASM_PKG ?? path.join(here, "../../crates/imagebuilder-wasm/pkg"));
const pkg = await import(pathToFileURL(path.join(pkgDir, "lite.node.js")).href);

// bench-sign.mjs: setup(input) returns a function producing the Authorization header.
export const signers = [
  {
    name: "imagebuilder-wasm/lite signRequest (wasm, sync)",
    async: false,
    setup(input) {
      const request = {
        method: input.method,
        url: input.url,
        headers: { "content-type": input.headers["content-type"] },
        body: input.body,
        region: input.region,
        service: input.service,
        credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey },
        date: Date.parse(input.date),
      };
      return () => pkg.signRequest(request).authorization;
    },
  },
];

// bench-arn.mjs: setup(arns) returns a function making one pass over the whole list and
// returning how many ARNs it accepted; accepts(s) scores per-ARN verdicts against the labels.
const accepts = (s) => pkg.validateArn(s).valid;
export const arnCases = [
  {
    name: "imagebuilder-wasm/lite validateArns (one batch call for the whole list)",
    async: false,
    accepts,
    setup(arns) {
      return () => pkg.validateArns(arns).validCount;
    },
  },
  {
    // For callers who have a file: the text is made once, outside the timed function, as a file
    // read would give it; the array case above joins and encodes inside it.
    name: "imagebuilder-wasm/lite validateArnsText (the list as one newline-separated text)",
    async: false,
    accepts,
    setup(arns) {
      const text = arns.join("\n");
      return () => pkg.validateArnsText(text).validCount;
    },
  },
  {
    name: "imagebuilder-wasm/lite validateArn (one call per ARN)",
    async: false,
    accepts,
    setup(arns) {
      return () => {
        let ok = 0;
        for (let i = 0; i < arns.length; i++) if (pkg.validateArn(arns[i]).valid) ok++;
        return ok;
      };
    },
  },
];
