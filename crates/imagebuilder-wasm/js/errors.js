// The package's Error subclasses, and the conversion of what the wasm throws (JSON text with a
// `kind`, see crates/imagebuilder-wasm/src/errors.rs) into them. Shared by both entries.

/** @param {object} f */
function metadata(f) {
  return Object.freeze({
    httpStatusCode: f.httpStatusCode ?? undefined,
    requestId: f.requestId ?? undefined,
    attempts: f.attempts ?? 0,
  });
}

/** Base class of every error the package throws (except `TypeError` for wrong argument types). */
export class ImageBuilderError extends Error {
  constructor(message, fields = {}) {
    super(message);
    Object.defineProperty(this, "name", {
      value: fields.name ?? new.target.name,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    /** HTTP status, request id and attempts (undefined/0 for errors raised before sending). */
    this.$metadata = metadata(fields);
  }
}

/** A string that is not an Image Builder ARN, or not the kind an operation parameter expects. */
export class ArnError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "ArnError" });
    this.input = fields.input;
    this.field = fields.field;
    this.offset = fields.offset;
    this.rule = fields.rule;
    /** For list arguments: the index of the offending item. */
    if (fields.index !== undefined) this.index = fields.index;
  }
}

/** A string that is not an Image Builder semantic version or version filter. */
export class VersionError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "VersionError" });
    this.input = fields.input;
    this.rule = fields.rule;
    this.offset = fields.offset;
    this.node = fields.node ?? null;
    /** For list arguments: the index of the offending item. */
    if (fields.index !== undefined) this.index = fields.index;
  }
}

/** A request that could not be signed (the field and the rule it broke). */
export class SigningError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "SigningError" });
    this.field = fields.field;
    this.rule = fields.rule;
  }
}

/** An operation input that breaks the model's constraints: every violation, with its path. */
export class ValidationError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "ValidationError" });
    this.operation = fields.operation;
    this.violations = Object.freeze((fields.violations ?? []).map((v) => Object.freeze({ ...v })));
  }
}

/** An error answered by the service: `name` is the AWS error code (`ResourceNotFoundException`, ...). */
export class ServiceError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: fields.code ?? fields.name ?? "UnknownError" });
    this.$fault = fields.fault ?? ((fields.httpStatusCode ?? 500) >= 500 ? "server" : "client");
    /** Whether the client stopped retrying because its retry quota ran out. */
    this.retryQuotaExhausted = fields.retryQuotaExhausted ?? false;
    this.$response = fields.body === undefined ? undefined : Object.freeze({ statusCode: fields.httpStatusCode, body: fields.body });
  }
}

/** The request never got an HTTP response (connection refused, DNS, CORS, ...) after every retry. */
export class NetworkError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "NetworkError" });
  }
}

/** No response within the per-attempt or total timeout. */
export class TimeoutError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "TimeoutError" });
  }
}

/** No usable credentials (expired, or the provider failed). */
export class CredentialsError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "CredentialsError" });
  }
}

/** A client configuration that cannot work (unknown region form, bad endpoint URL...). */
export class ConfigError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "ConfigError" });
  }
}

/** A 2xx response whose body is not the operation's output. */
export class ResponseError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "ResponseError" });
  }
}

/** A waiter that ended without success: the resource reached a failure state, or time ran out. */
export class WaiterError extends ImageBuilderError {
  constructor(message, fields = {}) {
    super(message, { ...fields, name: "WaiterError" });
    this.reason = fields.reason;
    this.state = fields.state ?? undefined;
    this.stateReason = fields.stateReason ?? undefined;
    this.polls = fields.polls;
  }
}

/** The call was cancelled through its `AbortSignal`. `name` is `"AbortError"`, as in the DOM. */
export class AbortError extends ImageBuilderError {
  constructor(message = "The operation was aborted", fields = {}) {
    super(message, { ...fields, name: "AbortError" });
    this.reason = fields.reason;
  }
}

const KINDS = {
  arn: ArnError,
  version: VersionError,
  signing: SigningError,
  validation: ValidationError,
  service: ServiceError,
  network: NetworkError,
  response: ResponseError,
  waiter: WaiterError,
  abort: AbortError,
  timeout: TimeoutError,
  credentials: CredentialsError,
  config: ConfigError,
};

/** An Error subclass instance from the fields the wasm reports (`kind`, `message`, ...). */
export function fromFields(f) {
  if (f.kind === "argument") return new TypeError(f.message);
  const Class = KINDS[f.kind] ?? ImageBuilderError;
  return new Class(f.message, f);
}

/** Turns what the wasm threw into the matching Error subclass (anything else passes through). */
export function toError(raw) {
  if (typeof raw === "string" && raw.charCodeAt(0) === 123 /* { */) {
    let f;
    try {
      f = JSON.parse(raw);
    } catch {
      return new ImageBuilderError(raw);
    }
    return fromFields(f);
  }
  if (typeof raw === "string") return new ImageBuilderError(raw);
  return raw;
}

/** Calls `f`, rethrowing what the wasm throws as an Error subclass. */
export function call(f) {
  try {
    return f();
  } catch (e) {
    throw toError(e);
  }
}
