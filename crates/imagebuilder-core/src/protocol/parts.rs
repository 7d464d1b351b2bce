//! The HTTP request and response as the protocol sees them: what it lays out, what it reads.

use crate::http::{self, percent_encode_into};

/// An HTTP request as the protocol lays it out, before signing and before an endpoint is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RequestParts {
    /// `GET`, `PUT`, `POST`, `PATCH` or `DELETE`.
    pub method: &'static str,
    /// The path, starting with `/`, with `{label}`s already percent-encoded (RFC 3986
    /// unreserved characters are kept, everything else, `/` included, is encoded).
    pub path: String,
    /// Query string members as decoded `(name, value)` pairs, in model order; encode them when
    /// building a URL (see [`RequestParts::query_string`]).
    pub query: Vec<(String, String)>,
    /// Header members and `Content-Type` (when a body goes), as `(lower-case name, value)`.
    pub headers: Vec<(String, String)>,
    /// The JSON body, when the operation has body members (an empty object `{}` when it has
    /// body members but none is set, as the AWS SDKs send).
    pub body: Option<Vec<u8>>,
}

impl RequestParts {
    /// The query string (without `?`): each pair percent-encoded (RFC 3986 unreserved
    /// characters kept) as `name=value`, joined by `&`, in [`query`](Self::query) order.
    pub fn query_string(&self) -> String {
        let mut out = String::new();
        for (i, (name, value)) in self.query.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            percent_encode_into(&mut out, name);
            out.push('=');
            percent_encode_into(&mut out, value);
        }
        out
    }
}

/// The parts of an HTTP response the protocol reads (borrowed): what the caller hands to
/// [`Operation::response`](super::Operation::response) or [`json::response`](super::json::response)
/// after sending [`RequestParts`].
#[derive(Debug, Clone, Copy)]
pub struct ResponseParts<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers (names in any case).
    pub headers: &'a [(String, String)],
    /// The response body.
    pub body: &'a [u8],
}

impl ResponseParts<'_> {
    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        http::header(self.headers, name)
    }

    /// The service's request id: `x-amzn-RequestId`, else `x-amz-request-id`.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-amzn-RequestId")
            .or_else(|| self.header("x-amz-request-id"))
    }
}
