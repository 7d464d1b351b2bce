// `imagebuilder-wasm/validate`: ARNs and versions, checked offline, and their error classes (the
// smallest entry; the other two export all of it too, see common.d.ts). Written by hand, except
// the unions that mirror Rust enums (enums.d.ts), which `cargo xtask codegen` generates.

import type {
  ArnField,
  ArnResourceType,
  ArnRule,
  ArnShape,
  ArnVersionKind,
  VersionNode,
  VersionRule,
  VersionShape,
} from "./enums.js";

export * from "./enums.js";

// ------------------------------------------------------------------------------------------------
// Errors
// ------------------------------------------------------------------------------------------------

/** What a call did, as the AWS SDK's `$metadata`: on every output (each page of a paginator) and
 * on every error (`attempts` is 0 and the others `undefined` for errors raised before anything
 * was sent, such as every error of this entry). */
export interface ResponseMetadata {
  /** The last response's HTTP status. */
  readonly httpStatusCode: number | undefined;
  /** The last response's request id (`x-amzn-RequestId`). */
  readonly requestId: string | undefined;
  /** Requests sent (retries included). */
  readonly attempts: number;
  /** Milliseconds waited between attempts (0 when nothing was retried). */
  readonly totalRetryDelay: number;
}

/** An operation's output as the client returns it: with the call's `$metadata`. */
export interface MetadataBearer {
  readonly $metadata: ResponseMetadata;
}

/** Base class of every error the package throws (arguments of the wrong JavaScript type throw a
 * plain `TypeError`). */
export declare class ImageBuilderError extends Error {
  /** The error's kind: `"ArnError"`, `"VersionError"`, `"SigningError"`, `"ValidationError"`,
   * an AWS error code such as `"ResourceNotFoundException"`, `"NetworkError"`, `"AbortError"`... */
  name: string;
  readonly $metadata: ResponseMetadata;
}

/** A string that is not an Image Builder ARN, or not the kind an operation parameter expects. */
export declare class ArnError extends ImageBuilderError {
  name: "ArnError";
  /** The ARN that was checked. */
  readonly input: string;
  /** The ARN field at fault. */
  readonly field: ArnField;
  /** Byte offset of the problem in the (UTF-8) input. */
  readonly offset: number;
  /** The rule, as a stable name. */
  readonly rule: ArnRule;
  /** For list arguments: the index of the offending item. */
  readonly index?: number;
}

/** A string that is not an Image Builder semantic version (or filter, or build version). */
export declare class VersionError extends ImageBuilderError {
  name: "VersionError";
  readonly input: string;
  readonly rule: VersionRule;
  /** Byte offset of the problem in the input. */
  readonly offset: number;
  /** The node at fault, when there is one. */
  readonly node: VersionNode | null;
  /** For list arguments: the index of the offending item. */
  readonly index?: number;
}

// ------------------------------------------------------------------------------------------------
// ARNs
// ------------------------------------------------------------------------------------------------

/** A parsed Image Builder ARN:
 * `arn:<partition>:imagebuilder:<region>:<owner>:<resourceType>/<name>[/<version>[/<build>]]`. */
export interface ImageBuilderArn {
  /** The ARN, formatted back (equal to the input for valid input). */
  readonly arn: string;
  /** `"aws"`, `"aws-cn"`, `"aws-us-gov"`, `"aws-iso"`... */
  readonly partition: string;
  /** `"us-east-1"`... */
  readonly region: string;
  /** A 12-digit account id, `"aws"`, `"aws-marketplace"` or `"third-party"`. */
  readonly owner: string;
  readonly resourceType: ArnResourceType;
  /** The resource name (`[a-z0-9-_]+`). */
  readonly name: string;
  /** How specific the version part is. */
  readonly kind: ArnVersionKind;
  /** The version part: `"1.2.3/4"`, `"1.2.3"`, `"1.x.x"`, or null for a versionless ARN. */
  readonly version: string | null;
}

/** Every `ArnShape`, in the core's order. */
export declare const ARN_SHAPES: readonly ArnShape[];

/** The outcome of `validateArn`. */
export type ArnValidation =
  | { readonly valid: true; readonly arn: ImageBuilderArn | null }
  | { readonly valid: false; readonly error: ArnError };

/** The outcome of `validateArns` and `validateArnsText`: one verdict per input, reasons on demand. */
export declare class ArnBatchResult {
  private constructor();
  /** `valid[i]` is 1 when the i-th ARN is valid, 0 otherwise. */
  readonly valid: Uint8Array;
  readonly validCount: number;
  readonly invalidCount: number;
  /** How many ARNs were checked. */
  readonly length: number;
  isValid(index: number): boolean;
  /** Every rejected ARN with its index and the reason. */
  errors(): { index: number; arn: string; error: ArnError }[];
}

/** Parses an Image Builder ARN (under the rules of an Image Builder `shape`, when given); throws
 * `ArnError` (with the field, the rule and the byte offset) if it is not one. For the shapes that are not Image
 * Builder ARNs (`SnsTopicArn`, `LicenseConfigurationArn`, `OrganizationArn`,
 * `OrganizationalUnitArn`, `RoleNameOrArn`) it checks the value as `validateArn` does and returns
 * `null` when valid. */
export declare function parseArn(arn: string, shape: "SnsTopicArn" | "LicenseConfigurationArn" | "OrganizationArn" | "OrganizationalUnitArn" | "RoleNameOrArn"): null;
export declare function parseArn(arn: string, shape?: ArnShape): ImageBuilderArn;
/** Checks an ARN (against the exact kind a model shape expects, when given) without throwing. */
export declare function validateArn(arn: string, shape?: ArnShape): ArnValidation;
/** Checks a whole list in one call into the wasm (100k ARNs in a few milliseconds). */
export declare function validateArns(arns: readonly string[], shape?: ArnShape): ArnBatchResult;
/** `validateArns` for ARNs that are one text, such as a file's contents: one ARN per line, lines
 * separated by `"\n"` (a `"\r"` before it belongs to the line, which is then invalid); one
 * trailing `"\n"` is allowed; `""` holds no ARNs. `errors()[i].index` is the 0-based line. */
export declare function validateArnsText(text: string, shape?: ArnShape): ArnBatchResult;

// ------------------------------------------------------------------------------------------------
// Versions
// ------------------------------------------------------------------------------------------------

/** A parsed version: `1.2.3` (`kind: "version"`), `1.2.3/4` (`"buildVersion"`) or a filter with
 * `x` wildcards, `1.x.x` (`"wildcard"`). Nodes are integers 0..=1073741823, builds >= 1. */
export type SemanticVersion =
  | {
      readonly kind: "version";
      readonly major: number;
      readonly minor: number;
      readonly patch: number;
      readonly build: null;
      /** The normalised text, e.g. `"1.2.3"`. */
      readonly text: string;
    }
  | {
      readonly kind: "buildVersion";
      readonly major: number;
      readonly minor: number;
      readonly patch: number;
      readonly build: number;
      readonly text: string;
    }
  | {
      readonly kind: "wildcard";
      readonly major: number | "x";
      readonly minor: number | "x";
      readonly patch: number | "x";
      readonly build: null;
      readonly text: string;
    };

/** Parses a version, build version or wildcard filter (restricted to one model shape if given);
 * throws `VersionError` naming the rule and the byte offset. Stricter than the model's regexes:
 * `1.x.2`, leading zeros, nodes above 2^30-1 and build 0 are refused. */
export declare function parseVersion(version: string, shape?: VersionShape): SemanticVersion;
/** Numeric order of two versions or build versions (`1.10.0 > 1.9.0`; a build sorts after the
 * same version without one): -1, 0 or 1. */
export declare function compareVersions(a: string, b: string): -1 | 0 | 1;
/** Whether a version (or build version) matches a filter such as `1.x.x` or `1.2.3`. */
export declare function matchesFilter(version: string, filter: string): boolean;
/** The latest of `versions` matching `filter` (how a recipe's `x.x.x` parent resolves), or
 * `undefined`. Returns the element itself. */
export declare function latestMatching(versions: readonly string[], filter: string): string | undefined;

/** GetImage's latest version references, computed offline from build versions. */
export interface LatestVersions {
  readonly latestVersion: string;
  readonly latestMajorVersion: string;
  readonly latestMinorVersion: string;
  readonly latestPatchVersion: string;
}
/** GetImage's latest version references, computed offline from image build version ARNs. */
export interface LatestVersionArns {
  readonly latestVersionArn: string;
  readonly latestMajorVersionArn: string;
  readonly latestMinorVersionArn: string;
  readonly latestPatchVersionArn: string;
}
/** What GetImage's four latest version references for `of` (a build version such as `"1.2.3/4"`,
 * or an image build version ARN) resolve to among `all` (same form). The service reports them as
 * wildcard ARNs (`…/x.x.x`, `…/1.x.x`, `…/1.2.x`, `…/1.2.3`); this gives the build version each one
 * points at, computed offline. */
export declare function latestVersionReferences(of: `arn:${string}`, all: readonly string[]): LatestVersionArns;
export declare function latestVersionReferences(of: string, all: readonly string[]): LatestVersions;
