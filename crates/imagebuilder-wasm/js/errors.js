// The package's Error subclasses (every export of this file is one, but `serviceErrorClass`, which
// makes the generated per-exception classes; boundary.js turns what the wasm throws into them).
// Shared by both entries.

/** The fields an error is made from: an object, or none. */
function asFields(fields) {
  return fields !== null && typeof fields === "object" ? fields : {};
}

/** A message as text, whatever it is (a symbol, an object without a prototype...). */
function messageText(message) {
  if (message === undefined || typeof message === "string") return message;
  try {
    return String(message);
  } catch {
    return Object.prototype.toString.call(message);
  }
}

/** @param {object} f */
function metadata(f) {
  return Object.freeze({
    httpStatusCode: f.httpStatusCode ?? undefined,
    requestId: f.requestId ?? undefined,
    attempts: f.attempts ?? 0,
    // Milliseconds spent backing off between attempts (0 when nothing was retried).
    totalRetryDelay: f.totalRetryDelay ?? 0,
  });
}

/** Base class of every error the package throws (except `TypeError` for wrong argument types). */
export class ImageBuilderError extends Error {
  constructor(message, fields) {
    fields = asFields(fields);
    super(messageText(message), fields.cause === undefined ? undefined : { cause: fields.cause });
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

/** The input, rule, byte offset and (for list arguments) index of an ARN or version error. */
function located(error, fields) {
  error.input = fields.input;
  error.rule = fields.rule;
  error.offset = fields.offset;
  if (fields.index !== undefined) error.index = fields.index;
}

/** A string that is not an Image Builder ARN, or not the kind an operation parameter expects. */
export class ArnError extends ImageBuilderError {
  constructor(message, fields) {
    fields = asFields(fields);
    super(message, { ...fields, name: "ArnError" });
    located(this, fields);
    this.field = fields.field;
  }
}

/** A string that is not an Image Builder semantic version or version filter. */
export class VersionError extends ImageBuilderError {
  constructor(message, fields) {
    fields = asFields(fields);
    super(message, { ...fields, name: "VersionError" });
    located(this, fields);
    this.node = fields.node ?? null;
  }
}

/** A request that could not be signed (the field and the rule it broke). */
export class SigningError extends ImageBuilderError {
  constructor(message, fields) {
    fields = asFields(fields);
    super(message, { ...fields, name: "SigningError" });
    this.field = fields.field;
    this.rule = fields.rule;
  }
}

/** An operation input that breaks the model's constraints: every violation, with its path. */
export class ValidationError extends ImageBuilderError {
  constructor(message, fields) {
    fields = asFields(fields);
    super(message, { ...fields, name: "ValidationError" });
    this.operation = fields.operation;
    this.violations = Object.freeze((Array.isArray(fields.violations) ? fields.violations : []).map((v) => Object.freeze({ ...v })));
  }
}

/** An error answered by the service: `name` is the AWS error code (`ResourceNotFoundException`, ...). */
export class ServiceError extends ImageBuilderError {
  constructor(message, fields) {
    fields = asFields(fields);
    super(message, { ...fields, name: fields.code ?? fields.name ?? "UnknownError" });
    this.$fault = fields.fault ?? ((fields.httpStatusCode ?? 500) >= 500 ? "server" : "client");
    /** Whether the client stopped retrying because its retry quota ran out. */
    this.retryQuotaExhausted = fields.retryQuotaExhausted ?? false;
    this.$response = fields.body === undefined ? undefined : Object.freeze({ statusCode: fields.httpStatusCode, body: fields.body });
  }
}

/** The `ServiceError` subclass of one modelled exception (`exceptions.js`, generated from the
 * model): `instanceof ResourceNotFoundException` works as with the AWS SDK. */
export function serviceErrorClass(code) {
  return {
    [code]: class extends ServiceError {
      constructor(message, fields) {
        super(message, { ...asFields(fields), code });
      }
    },
  }[code];
}

/** An error class that adds nothing to ImageBuilderError but its name. */
function plainError(name) {
  const Class = {
    [name]: class extends ImageBuilderError {
      constructor(message, fields) {
        super(message, { ...asFields(fields), name });
      }
    },
  }[name];
  return Class;
}

/** The request never got an HTTP response (connection refused, DNS, CORS, ...) after every retry. */
export const NetworkError = /* @__PURE__ */ plainError("NetworkError");
/** No response within the per-attempt or total timeout. */
export const TimeoutError = /* @__PURE__ */ plainError("TimeoutError");
/** No usable credentials (expired, or the provider failed). */
export const CredentialsError = /* @__PURE__ */ plainError("CredentialsError");
/** A client configuration that cannot work (unknown region form, bad endpoint URL...). */
export const ConfigError = /* @__PURE__ */ plainError("ConfigError");
/** A 2xx response whose body is not the operation's output. */
export class ResponseError extends ImageBuilderError {
  constructor(message, fields) {
    fields = asFields(fields);
    super(message, fields);
    /** The HTTP status (0 for a browser's opaque redirect), when there was a response. */
    if (fields.httpStatusCode !== undefined) this.httpStatusCode = fields.httpStatusCode;
    /** A redirect's `Location` (when the transport could read it): never followed. */
    if (fields.location !== undefined) this.location = fields.location;
    /** The response limit a too-large body went past. */
    if (fields.maxResponseBytes !== undefined) this.maxResponseBytes = fields.maxResponseBytes;
  }
}

/** A waiter that ended without success: the resource reached a failure state, or time ran out. */
export class WaiterError extends ImageBuilderError {
  constructor(message, fields) {
    fields = asFields(fields);
    super(message, { ...fields, name: "WaiterError" });
    this.reason = fields.reason;
    this.state = fields.state ?? undefined;
    this.stateReason = fields.stateReason ?? undefined;
    this.polls = fields.polls;
  }
}

/** The call was cancelled through its `AbortSignal`. `name` is `"AbortError"`, as in the DOM. */
export class AbortError extends ImageBuilderError {
  constructor(message = "The operation was aborted", fields) {
    fields = asFields(fields);
    super(message, { ...fields, name: "AbortError" });
    this.reason = fields.reason;
  }
}
