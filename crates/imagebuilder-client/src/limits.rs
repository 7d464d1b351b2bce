//! The engine's rules for responses it will not use: a redirect (3xx, or the browser's opaque
//! redirect) and a body above the response limit. Both end the call at once, never retried: AWS
//! never redirects these calls, and a signed request goes nowhere but where it was signed for.

use crate::error::CallErrorKind;
use crate::runtime::{TransportError, TransportResponse};

/// The default limit on a response body: 8 MiB. Image Builder's largest answers (a page of 25
/// images with their full workflow and scan detail, a component's inline data of up to 16,000
/// characters) stay far below it.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

/// The status a transport reports for a redirect it could not read (the browser's
/// `opaqueredirect` response of `redirect: "manual"` has status 0 and no headers).
pub const OPAQUE_REDIRECT_STATUS: u16 = 0;

/// The error for `response` when the engine must not parse it: a redirect, or a body longer
/// than `limit` (a transport that does not stream-check the limit is checked here).
pub(crate) fn unusable_response(response: &TransportResponse, limit: u64) -> Option<CallErrorKind> {
    let status = response.status;
    if status == OPAQUE_REDIRECT_STATUS || (300..400).contains(&status) {
        return Some(CallErrorKind::Redirect {
            status,
            location: response.header("location").map(str::to_string),
        });
    }
    let len = u64::try_from(response.body.len()).unwrap_or(u64::MAX);
    (len > limit).then_some(CallErrorKind::ResponseTooLarge { limit })
}

/// The call error for a transport failure: a body cut off at the limit, or a network error.
pub(crate) fn transport_failure(error: TransportError) -> (bool, CallErrorKind) {
    match error.too_large {
        Some(limit) => (false, CallErrorKind::ResponseTooLarge { limit }),
        None => (true, CallErrorKind::Transport(error)),
    }
}
