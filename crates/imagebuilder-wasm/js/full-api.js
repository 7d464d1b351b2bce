// The full entry's API over the full wasm: everything of the lite entry, plus input validation
// and the client. Imported by index.js and index.node.js, which initialize the wasm first.

import * as w from "./wasm/imagebuilder_wasm.js";
import { boundary } from "./boundary.js";
import { toError } from "./wasm-errors.js";
import { arnApi } from "./arns.js";
import { versionApi } from "./versions.js";
import { signingApi } from "./signing.js";
import { clientApi } from "./client.js";

export { ImageBuilderError, ArnError, VersionError, SigningError, ValidationError, ServiceError, NetworkError, TimeoutError, CredentialsError, ConfigError, ResponseError, WaiterError, AbortError } from "./errors.js";
export * from "./exceptions.js";
export { OPERATIONS } from "./operations.js";
const wasm = boundary(w, toError);
export { ArnBatchResult } from "./arns.js";
export const { parseArn, validateArn, validateArns, validateArnsText } = arnApi(wasm);
export const { parseVersion, compareVersions, matchesFilter, latestMatching, latestVersionReferences } = versionApi(wasm);
export const { signRequest, presignUrl } = signingApi(wasm);
export const { validateInput, ImageBuilderClient } = clientApi(wasm);
