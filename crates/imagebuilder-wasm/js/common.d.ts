// Types shared by `imagebuilder-wasm` and `imagebuilder-wasm/lite`: everything of
// `imagebuilder-wasm/validate` (ARNs, versions, their errors: validate.d.ts) plus signing.
// Written by hand.

import { ImageBuilderError } from "./validate.js";

export * from "./validate.js";

/** A request that could not be signed. */
export declare class SigningError extends ImageBuilderError {
  name: "SigningError";
  /** The input at fault: `"url"`, `"method"`, `"region"`, `"headers[0].value"`, `"expiresIn"`... */
  readonly field: string | undefined;
  /** The rule: `"required"`, `"absolute-url"`, `"host-label"`, `"token"`, `"header-value"`,
   * `"range"`, or `"signer"`. */
  readonly rule: string;
}

// ------------------------------------------------------------------------------------------------
// Signing
// ------------------------------------------------------------------------------------------------

/** AWS credentials. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** For temporary credentials (STS). */
  readonly sessionToken?: string;
}

/** Headers as an object, a `Headers`, a `Map` or `[name, value]` pairs. */
export type HeadersInit = Record<string, string> | Iterable<readonly [string, string]>;

/** A request to sign with SigV4. */
export interface SignRequestInput {
  /** Default `"GET"`. */
  method?: string;
  /** The absolute URL as it will be sent (percent-encoded). `host` is taken from it. */
  url: string | URL;
  /** Headers to sign (not `host`, `authorization`, `x-amz-date`: the signer sets them). */
  headers?: HeadersInit;
  body?: string | Uint8Array | ArrayBuffer | ArrayBufferView | null;
  region: string;
  /** The signing name; default `"imagebuilder"`. */
  service?: string;
  /** Left out: in Node, read as `ImageBuilderClient` reads them (`AWS_ACCESS_KEY_ID`,
   * `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, then the `AWS_PROFILE` profile's static keys);
   * elsewhere a `CredentialsError`. */
  credentials?: Credentials;
  /** The signing time: a Date, milliseconds since the epoch or an ISO 8601 string; default now. */
  date?: Date | number | string;
  /** Add and sign `x-amz-content-sha256` (default false). */
  contentSha256Header?: boolean;
  /** Sign the session token (default true). */
  signSessionToken?: boolean;
  /** Default `"double"` (every service but S3). */
  pathEncoding?: "double" | "single";
  /** Default true. */
  normalizePath?: boolean;
  /** Sign `UNSIGNED-PAYLOAD` instead of the body's hash. */
  unsignedPayload?: boolean;
}

/** The outcome of `signRequest`. */
export interface SignedRequest {
  /** The request's headers plus the signature headers: ready for `fetch`. */
  headers: Record<string, string>;
  /** Only the headers the signer added (`x-amz-date`, `authorization`, and where they apply
   * `x-amz-content-sha256`, `x-amz-security-token`). */
  signedHeaders: Record<string, string>;
  /** The `Authorization` header. */
  authorization: string;
  /** The hex signature. */
  signature: string;
}

/** Signs a request with SigV4 (signature in the headers). Throws `SigningError`. */
export declare function signRequest(request: SignRequestInput): SignedRequest;

/** A request to presign. */
export interface PresignUrlInput extends SignRequestInput {
  /** Seconds the URL stays valid: 1 to 604800 (7 days); default 900. */
  expiresIn?: number;
}

/** Presigns a URL with SigV4 (signature in the query string; `UNSIGNED-PAYLOAD` unless
 * `unsignedPayload: false`). Throws `SigningError`. */
export declare function presignUrl(request: PresignUrlInput): string;
