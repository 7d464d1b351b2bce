// `imagebuilder-wasm`: everything of `imagebuilder-wasm/lite` (ARNs, versions, signing) plus
// input validation and the client. The operation types come from operations.d.ts, generated
// from the service model.

import type { Credentials, MetadataBearer } from "./common.js";
import type {
  OperationName,
  OperationInput,
  OperationOutput,
  CallOptions,
  ImageBuilderOperations,
  ImageBuilderPaginators,
  GetImageRequest,
  GetImageResponse,
  ImageStatus,
} from "./operations.js";
import { ImageBuilderError } from "./common.js";

export * from "./common.js";
export * from "./operations.js";
export * from "./exceptions.js";

// ------------------------------------------------------------------------------------------------
// Validation
// ------------------------------------------------------------------------------------------------

/** One broken rule of an operation input. */
export interface Violation {
  /** Path of the member, e.g. `distributions[0].region`. */
  readonly path: string;
  /** The rule: `"required"`, `"length"`, `"range"`, `"enum"`, `"pattern"`, `"arn"`, `"version"`,
   * `"type"`, `"unknown"`... */
  readonly rule: string;
  /** A sentence naming the member, the rule and the problem. */
  readonly message: string;
}

/** An operation input that breaks the model's constraints (thrown by the client before sending,
 * `$metadata.attempts` is 0). */
export declare class ValidationError extends ImageBuilderError {
  name: "ValidationError";
  /** The operation whose input was checked. */
  readonly operation: OperationName;
  /** Every violation, in member order; never empty. */
  readonly violations: readonly Violation[];
}

/** Checks `input` against the model's constraints for `operation` (required members, lengths,
 * ranges, enums, patterns, and our stricter ARN and version rules) without sending anything.
 * Returns every violation (empty when valid). Throws `TypeError` for an unknown operation. */
export declare function validateInput<O extends OperationName>(operation: O, input: OperationInput<O> | Record<string, unknown>): Violation[];

// ------------------------------------------------------------------------------------------------
// The client
// ------------------------------------------------------------------------------------------------

/** An error answered by the service. `name` is the AWS error code. */
export declare class ServiceError extends ImageBuilderError {
  /** `"ClientException"`, `"ResourceNotFoundException"`, `"ThrottlingException"`... */
  name: string;
  /** `"client"` for 4xx, `"server"` for 5xx. */
  readonly $fault: "client" | "server";
  /** Whether the client stopped retrying because its retry quota ran out. */
  readonly retryQuotaExhausted: boolean;
  /** The raw response, for codes nobody modelled. */
  readonly $response: { readonly statusCode: number; readonly body: string } | undefined;
}

/** The request never got an HTTP response (after every attempt). */
export declare class NetworkError extends ImageBuilderError {
  name: "NetworkError";
}

/** A 2xx response whose body is not the operation's output. */
export declare class ResponseError extends ImageBuilderError {
  name: "ResponseError";
}

/** `waitUntilImageAvailable` ended without success. */
export declare class WaiterError extends ImageBuilderError {
  name: "WaiterError";
  /** `"failure"` (the image reached FAILED, CANCELLED or DELETED) or `"timeout"` (`maxAttempts`
   * polls without a final status). */
  readonly reason: "failure" | "timeout";
  /** The image's last status: a model status, a newer one the model does not list yet, or
   * `"(no status)"` when GetImage never reported one. */
  readonly state: ImageStatus | "(no status)" | (string & {});
  /** The service's reason for a failure status, when it gave one. */
  readonly stateReason: string | undefined;
  /** Polls made (for `"timeout"`). */
  readonly polls: number | undefined;
}

/** No response within the per-attempt or total timeout. */
export declare class TimeoutError extends ImageBuilderError {
  name: "TimeoutError";
}

/** No usable credentials (expired fixed credentials, or the provider failed). */
export declare class CredentialsError extends ImageBuilderError {
  name: "CredentialsError";
}

/** A client configuration that cannot work (malformed region, bad endpoint URL, FIPS with a
 * custom endpoint...). Thrown by the constructor. */
export declare class ConfigError extends ImageBuilderError {
  name: "ConfigError";
}

/** The call was cancelled through its `AbortSignal` (`name` is `"AbortError"`, as in the DOM). */
export declare class AbortError extends ImageBuilderError {
  name: "AbortError";
  /** The signal's `reason`. */
  readonly reason: unknown;
}

/** Credentials with an optional expiry, as a provider returns them. */
export interface ExpiringCredentials extends Credentials {
  /** When they stop working: a Date, milliseconds since the epoch or an ISO 8601 string. */
  readonly expiration?: Date | number | string;
}

/** Where credentials come from: fixed values, or a function (sync or async) that the client
 * calls for the first request and again 5 minutes before the `expiration` it returned (e.g. a
 * call to your backend for STS keys). */
export type CredentialsProvider = Credentials | (() => ExpiringCredentials | Promise<ExpiringCredentials>);

/** How to reach the service. */
export interface ImageBuilderClientConfig {
  /** E.g. `"us-east-1"`, or a function that returns it (or a promise of it). Left out: in Node,
   * `AWS_REGION`, `AWS_DEFAULT_REGION`, then the `AWS_PROFILE` profile's `region` in
   * `~/.aws/config`; elsewhere a `ConfigError`. */
  region?: string | (() => string | Promise<string>);
  /** Left out: in Node, `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, then the
   * static keys of the `AWS_PROFILE` profile in `~/.aws/credentials` and `~/.aws/config` (SSO,
   * process and role profiles: a `CredentialsError` that says to pass a provider); elsewhere a
   * `CredentialsError`. */
  credentials?: CredentialsProvider;
  /** A custom endpoint such as the local emulator (`"http://127.0.0.1:8080/emulator"`), as text,
   * a `URL`, an SDK-style `{ url }`, or a function that returns one (or a promise of one);
   * default `https://imagebuilder.{region}.amazonaws.com`. */
  endpoint?: EndpointInput | (() => EndpointInput | Promise<EndpointInput>);
  /** Use the FIPS endpoint (`imagebuilder-fips`). */
  useFipsEndpoint?: boolean;
  /** Attempts per call, first included (default 3, as the AWS SDKs' standard mode). */
  maxAttempts?: number;
  /** Sends the (signed) requests instead of the global `fetch`: for tests, mocks, or an HTTP
   * stack of your own. Header names are lower-case; `host` is not among them. A request the
   * client gives up on (timeout, abort) is abandoned, not cancelled. */
  requestHandler?: (request: HttpHandlerRequest) => HttpHandlerResponse | Promise<HttpHandlerResponse>;
  /** Per attempt, in milliseconds (default 30000): an attempt with no complete answer by then
   * (no response, or a body still trickling in) is abandoned and retried; the last one rejects
   * with a `TimeoutError`. */
  requestTimeout?: number;
  /** Per call, in milliseconds, all attempts and backoff together (default none: a call is
   * bounded by `maxAttempts` × `requestTimeout` plus backoff of at most 20 s between attempts);
   * a call's `options.timeout` overrides it. Rejects with a `TimeoutError`. */
  timeout?: number;
  /** The most bytes a response body may have (default 8 MiB = 8388608): a larger
   * `content-length`, or a body growing past it, ends the call with a `ResponseError` while
   * streaming (the rest is never read). */
  maxResponseBytes?: number;
  /** Appended to the `X-Amz-User-Agent` header of every request, as the AWS SDK's option: text,
   * or `[name, version?]` pairs (`[["my-app", "2.1"]]` sends `my-app/2.1`). 1 to 256 visible
   * ASCII characters and spaces. */
  customUserAgent?: string | [name: string, version?: string][];
}

/** An endpoint: text, a `URL`, or an SDK-style endpoint object. */
export type EndpointInput = string | URL | { readonly url: string | URL };

/** What a `requestHandler` is given. */
export interface HttpHandlerRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
}

/** What a `requestHandler` returns: any status (errors and retries are the client's). */
export interface HttpHandlerResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | ArrayBuffer;
}

/** A status change reported by `waitUntilImageAvailable`. */
export interface ImageStatusChange {
  readonly status: ImageStatus;
  readonly reason: string | null;
  /** Which poll saw it (1-based). */
  readonly attempt: number;
  /** When, in milliseconds since the epoch (corrected for clock skew). */
  readonly at: number;
}

/** Options of `waitUntilImageAvailable`. Defaults are the model's `ImageAvailable` waiter: 60 s
 * between polls, 360 polls. */
export interface WaiterOptions {
  /** Cancels the wait; the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Shortest delay between polls, in seconds (default 60). */
  minDelay?: number;
  /** Longest delay between polls, in seconds (default 60); delays grow from `minDelay`. */
  maxDelay?: number;
  /** Polls in all (default 360). */
  maxAttempts?: number;
  /** Called at every status change. */
  onStatus?: (change: ImageStatusChange) => void;
}

/** The EC2 Image Builder client: one async method per operation (camelCase, same input and output
 * JSON as the AWS API), `paginateXxx` async iterators for the List operations, and
 * `waitUntilImageAvailable`. Retries, clock-skew correction and `clientToken` filling follow the
 * AWS SDKs' standard mode. */
export declare class ImageBuilderClient {
  /** `config` left out: region and credentials as `ImageBuilderClientConfig` says (Node only). */
  constructor(config?: ImageBuilderClientConfig);
  /** Sends any operation by model name. */
  send<O extends OperationName>(operation: O, input: OperationInput<O>, options?: CallOptions): Promise<OperationOutput<O> & MetadataBearer>;
  /** The endpoint requests go to (`undefined` until a function-valued region or endpoint resolved). */
  readonly endpoint: string | undefined;
  /** The pages of any paginated operation by model name (see `ImageBuilderPaginators`). */
  paginate<O extends OperationName>(operation: O, input: OperationInput<O>, options?: CallOptions): AsyncIterableIterator<OperationOutput<O> & MetadataBearer>;
  /** Polls GetImage until the image is AVAILABLE (resolves with the last output) or reaches
   * FAILED, CANCELLED or DELETED (rejects with `WaiterError`). */
  waitUntilImageAvailable(input: GetImageRequest, options?: WaiterOptions): Promise<GetImageResponse & MetadataBearer>;
}
export interface ImageBuilderClient extends ImageBuilderOperations, ImageBuilderPaginators {}

/** Every operation: [model name, method name, paginator result key or null]. */
export declare const OPERATIONS: readonly (readonly [OperationName, string, string | null])[];
