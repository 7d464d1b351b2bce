// The validate entry's API (ARNs and versions, no signing, no client) over the validate wasm.
// Imported by validate.js and validate.node.js, which initialize the wasm first.

import { glue } from "./validate-wasm.js";
import { boundary } from "./boundary.js";
import { arnApi } from "./arns.js";
import { versionApi } from "./versions.js";

export { ImageBuilderError, ArnError, VersionError } from "./errors.js";
const wasm = boundary(glue);
export { ArnBatchResult } from "./arns.js";
export const { parseArn, validateArn, validateArns, validateArnsText } = arnApi(wasm);
export const { parseVersion, compareVersions, matchesFilter, latestMatching, latestVersionReferences } = versionApi(wasm);
