// The full entry's API over the full wasm: everything of the lite entry, plus input validation
// and the client. Imported by index.js and index.node.js, which initialize the wasm first.

import * as w from "./wasm/imagebuilder_wasm.js";
import { arnApi } from "./arns.js";
import { versionApi } from "./versions.js";
import { signingApi } from "./signing.js";
import { clientApi } from "./client.js";

export * from "./errors.js";
export { OPERATIONS } from "./operations.js";
export const { parseArn, validateArn, validateArns, validateArnsText } = arnApi(w);
export const { parseVersion, compareVersions, matchesFilter, latestMatching, latestVersionReferences } = versionApi(w);
export const { signRequest, presignUrl } = signingApi(w);
export const { validateInput, ImageBuilderClient } = clientApi(w);
