// The lite entry's API (ARNs, versions, signing) over the lite wasm. Imported by lite.js and
// lite.node.js, which initialize the wasm first.

import * as w from "./wasm/imagebuilder_wasm_lite.js";
import { arnApi } from "./arns.js";
import { versionApi } from "./versions.js";
import { signingApi } from "./signing.js";

export { ImageBuilderError, ArnError, VersionError, SigningError } from "./errors.js";
export const { parseArn, validateArn, validateArns, validateArnsText } = arnApi(w);
export const { parseVersion, compareVersions, matchesFilter, latestMatching, latestVersionReferences } = versionApi(w);
export const { signRequest, presignUrl } = signingApi(w);
