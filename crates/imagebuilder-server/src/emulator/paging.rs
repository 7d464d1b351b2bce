//! Paging: `maxResults` and opaque, tamper-evident `nextToken`s.
//!
//! A token is `hex(payload).hex(HMAC-SHA256(key, payload))` where the payload names the
//! operation, a hash of the request's other parameters and the last key of the page. The key is
//! the server's (random, kept in the database so tokens survive a restart). A token that was
//! altered, made by another server, or replayed with other parameters is refused with
//! `InvalidPaginationTokenException`.

use super::error::ApiError;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The page size when `maxResults` is not given.
pub const DEFAULT_PAGE_SIZE: usize = 25;

/// Issues and checks page tokens with the server's key.
#[derive(Clone)]
pub struct Pager {
    key: [u8; 32],
}

impl std::fmt::Debug for Pager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pager { key: ** redacted ** }")
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

/// What a request pages over: its input without `nextToken` and `maxResults`.
fn scope(operation: &str, input: &Value) -> String {
    let mut rest = input.clone();
    if let Some(obj) = rest.as_object_mut() {
        obj.remove("nextToken");
        obj.remove("maxResults");
    }
    // serde_json's map is sorted, so this is canonical.
    hex(&Sha256::digest(format!("{operation}\n{rest}").as_bytes()))
}

fn bad_token() -> ApiError {
    ApiError::new(
        "InvalidPaginationTokenException",
        "The nextToken is not valid: it was not issued by this server for this request.",
    )
}

impl Pager {
    /// A pager with `key`.
    pub fn new(key: [u8; 32]) -> Self {
        Self { key }
    }

    fn mac(&self, payload: &[u8]) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(payload);
        mac
    }

    fn issue(&self, operation: &str, input: &Value, last: &str) -> String {
        let payload = format!("{}\n{last}", scope(operation, input));
        let tag = self.mac(payload.as_bytes()).finalize().into_bytes();
        format!("{}.{}", hex(payload.as_bytes()), hex(&tag))
    }

    /// The last key of the previous page, from the request's `nextToken` (`None` without one).
    pub fn resume(&self, operation: &str, input: &Value) -> Result<Option<String>, ApiError> {
        let Some(token) = input.get("nextToken").and_then(Value::as_str) else {
            return Ok(None);
        };
        let (payload, tag) = token.split_once('.').ok_or_else(bad_token)?;
        let payload = unhex(payload).ok_or_else(bad_token)?;
        let tag = unhex(tag).ok_or_else(bad_token)?;
        self.mac(&payload)
            .verify_slice(&tag)
            .map_err(|_| bad_token())?;
        let payload = String::from_utf8(payload).map_err(|_| bad_token())?;
        let (scoped, last) = payload.split_once('\n').ok_or_else(bad_token)?;
        if scoped != scope(operation, input) {
            return Err(bad_token());
        }
        Ok(Some(last.to_string()))
    }

    /// One page of `items` (sorted by key, already filtered): the items after the token's key,
    /// at most `maxResults`, and the `nextToken` when more remain.
    pub fn page(
        &self,
        operation: &str,
        input: &Value,
        items: impl Iterator<Item = (String, Value)>,
    ) -> Result<(Vec<Value>, Option<String>), ApiError> {
        let after = self.resume(operation, input)?;
        let max = input
            .get("maxResults")
            .and_then(Value::as_u64)
            .map_or(DEFAULT_PAGE_SIZE, |n| n as usize);
        let mut page = Vec::new();
        let mut last_key = None;
        let mut more = false;
        for (key, item) in items {
            if after.as_deref().is_some_and(|a| key.as_str() <= a) {
                continue;
            }
            if page.len() == max {
                more = true;
                break;
            }
            last_key = Some(key);
            page.push(item);
        }
        let token = match (more, last_key) {
            (true, Some(last)) => Some(self.issue(operation, input, &last)),
            _ => None,
        };
        Ok((page, token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn items(n: usize) -> impl Iterator<Item = (String, Value)> {
        (0..n).map(|i| (format!("k{i:03}"), json!(i)))
    }

    #[test]
    fn pages_cover_every_item_once_in_order() {
        let pager = Pager::new([7; 32]);
        let mut input = json!({"owner": "Self", "maxResults": 5});
        let mut seen = Vec::new();
        loop {
            let (page, token) = pager.page("ListImages", &input, items(12)).unwrap();
            seen.extend(page);
            match token {
                Some(t) => input["nextToken"] = json!(t),
                None => break,
            }
        }
        assert_eq!(seen, (0..12).map(|i| json!(i)).collect::<Vec<_>>());
    }

    #[test]
    fn a_tampered_foreign_or_replayed_token_is_refused() {
        let pager = Pager::new([7; 32]);
        let input = json!({"owner": "Self", "maxResults": 5});
        let (_, token) = pager.page("ListImages", &input, items(12)).unwrap();
        let token = token.unwrap();
        let mut flipped = token.clone().into_bytes();
        flipped[3] = if flipped[3] == b'0' { b'1' } else { b'0' };
        let tampered = String::from_utf8(flipped).unwrap();
        for bad in [tampered.as_str(), "garbage", "00.00"] {
            let err = pager
                .resume("ListImages", &json!({"owner": "Self", "nextToken": bad}))
                .unwrap_err();
            assert_eq!(err.code, "InvalidPaginationTokenException");
        }
        let other = Pager::new([8; 32]);
        assert!(
            other
                .resume("ListImages", &json!({"owner": "Self", "nextToken": token}))
                .is_err()
        );
        assert!(
            pager
                .resume(
                    "ListImages",
                    &json!({"owner": "Amazon", "nextToken": token})
                )
                .is_err()
        );
        assert!(
            pager
                .resume(
                    "ListImages",
                    &json!({"owner": "Self", "maxResults": 9, "nextToken": token})
                )
                .is_ok()
        );
    }
}
