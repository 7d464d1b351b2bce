//! The HTTP vocabulary shared by the protocol, the signer and the client: header lookup and
//! percent-encoding. A leaf: it imports nothing from the crate.

/// The value of the first header named `name` (ASCII case-insensitive) in `headers`.
///
/// ```
/// let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
/// assert_eq!(imagebuilder_core::http::header(&headers, "content-type"), Some("application/json"));
/// assert_eq!(imagebuilder_core::http::header(&headers, "date"), None);
/// ```
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Appends `value` to `out` percent-encoded as AWS encodes query names and values, URI labels and
/// SigV4 parameters (and as botocore's `percent_encode` does): every byte but the RFC 3986
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`) becomes `%XX`, upper-case hex.
///
/// ```
/// let mut out = String::new();
/// imagebuilder_core::http::percent_encode_into(&mut out, "a b/c~");
/// assert_eq!(out, "a%20b%2Fc~");
/// ```
pub fn percent_encode_into(out: &mut String, value: &str) {
    encode(out, value, false);
}

/// [`percent_encode_into`], but `/` is kept: a greedy URI label (`{key+}`).
pub fn percent_encode_path_into(out: &mut String, value: &str) {
    encode(out, value, true);
}

fn encode(out: &mut String, value: &str, keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
}
