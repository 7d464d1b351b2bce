// `imagebuilder-wasm`: everything of `imagebuilder-wasm/lite` (ARNs, versions, signing) plus
// input validation and the client. The operation types come from operations.d.ts, generated
// from the service model.

import type { Credentials } from "./common.js";
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
  readonly $retryable: boolean;
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
  /** `"failure"` (the image reached FAILED, CANCELLED or DELETED) or `"timeout"`. */
  readonly reason: "failure" | "timeout";
  /** The image's last status. */
  readonly state: ImageStatus | undefined;
  /** The last GetImage output. */
  readonly lastResponse: GetImageResponse | undefined;
}

/** The call was cancelled through its `AbortSignal` (`name` is `"AbortError"`, as in the DOM). */
export declare class AbortError extends ImageBuilderError {
  name: "AbortError";
  /** The signal's `reason`. */
  readonly reason: unknown;
}

/** Where credentials come from: fixed values, or a function called before each signature (and
 * free to cache, refresh and return a promise). */
export type CredentialsProvider = Credentials | (() => Credentials | Promise<Credentials>);

/** How to reach the service. */
export interface ImageBuilderClientConfig {
  /** E.g. `"us-east-1"`. */
  region: string;
  credentials: CredentialsProvider;
  /** A custom endpoint such as the local emulator (`"http://127.0.0.1:8080/emulator"`); default
   * `https://imagebuilder.{region}.amazonaws.com`. */
  endpoint?: string;
  /** Use the FIPS endpoint (`imagebuilder-fips`). */
  useFipsEndpoint?: boolean;
  /** Attempts per call, first included (default 3, as the AWS SDKs' standard mode). */
  maxAttempts?: number;
}

/** Options of `waitUntilImageAvailable`. */
export interface WaiterOptions {
  /** Cancels the wait; the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Give up after this many seconds (default 6 hours, the model's 360 x 60 s). */
  maxWaitTime?: number;
  /** Shortest delay between polls in seconds (default 60, as the model's waiter). */
  minDelay?: number;
  /** Longest delay between polls in seconds (default 120). */
  maxDelay?: number;
}

/** The EC2 Image Builder client: one async method per operation (camelCase, same input and output
 * JSON as the AWS API), `paginateXxx` async iterators for the List operations, and
 * `waitUntilImageAvailable`. Retries, clock-skew correction and `clientToken` filling follow the
 * AWS SDKs' standard mode. */
export declare class ImageBuilderClient {
  constructor(config: ImageBuilderClientConfig);
  /** Sends any operation by model name. */
  send<O extends OperationName>(operation: O, input: OperationInput<O>, options?: CallOptions): Promise<OperationOutput<O>>;
  /** Polls GetImage until the image is AVAILABLE (resolves with the last output) or reaches
   * FAILED, CANCELLED or DELETED (rejects with `WaiterError`). */
  waitUntilImageAvailable(input: GetImageRequest, options?: WaiterOptions): Promise<GetImageResponse>;
}
export interface ImageBuilderClient extends ImageBuilderOperations, ImageBuilderPaginators {}

/** Every operation: [model name, method name, paginator result key or null]. */
export declare const OPERATIONS: readonly (readonly [OperationName, string, string | null])[];
