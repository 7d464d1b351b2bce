// The lite entry's API (ARNs, versions, signing) over the lite wasm. Imported by lite.js and
// lite.node.js, which initialize the wasm first.

import * as w from "./wasm/imagebuilder_wasm_lite.js";
import { boundary } from "./boundary.js";
import { toError } from "./wasm-errors.js";
import { arnApi } from "./arns.js";
import { versionApi } from "./versions.js";
import { signingApi } from "./signing.js";

export { ImageBuilderError, ArnError, VersionError, SigningError } from "./errors.js";
const wasm = boundary(w, toError);
export { ArnBatchResult } from "./arns.js";
export const { parseArn, validateArn, validateArns, validateArnsText } = arnApi(wasm);
export const { parseVersion, compareVersions, matchesFilter, latestMatching, latestVersionReferences } = versionApi(wasm);
export const { signRequest, presignUrl } = signingApi(wasm);
