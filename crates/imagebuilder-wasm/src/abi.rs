//! The numeric boundary of the ARN and version functions: no strings, objects or exceptions
//! cross it, only numbers, so that the glue is small and a call is cheap.
//!
//! - The glue writes its input (UTF-8) into the input buffer (`ibInput`) and passes the byte length.
//! - A function answers in the `OUT` words, which the glue reads through a `Uint32Array` view
//!   of the wasm's memory: a status (`OK`, `ARN_ERROR`, `VERSION_ERROR`), then the fields.
//! - Text travels as `(pointer, length)` pairs of the core's `&'static str` names and rule texts
//!   (the glue decodes each once and caches it), or as byte offsets into the input.
//! - Lists travel as one text of concatenated items plus their byte lengths (`lengths`).
//!
//! The glue builds the results and the error objects (and their messages) from these words: see
//! `js/wasm-abi.js`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use wasm_bindgen::prelude::*;

/// The answer words the glue reads after each call.
pub(crate) static OUT: [AtomicU32; 24] = [const { AtomicU32::new(0) }; 24];

/// `OUT[0]`: the call succeeded; its result follows.
pub(crate) const OK: u32 = 0;
/// `OUT[0]`: an `ArnError` (layout of `Fault`).
pub(crate) const ARN_ERROR: u32 = 1;
/// `OUT[0]`: a `VersionError` (layout of `Fault`).
pub(crate) const VERSION_ERROR: u32 = 2;
/// A number word that holds no value (`null` for the glue).
pub(crate) const NONE: u32 = u32::MAX;

// Statics rather than thread locals: the wasm has one thread, and a `Mutex` there is a flag (no
// destructor registration, no access-after-destruction panic with its formatting code).
static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static LENGTHS: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static BYTES: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// The buffer behind `m` (a panic never leaves one half-written in a way that matters: each
/// call rewrites what it reads).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What stands for input that is not UTF-8 (the glue's encoder never writes such bytes): the
/// replacement character, which every ARN and version rule rejects at byte 0.
const NOT_UTF8: &str = "\u{fffd}";

/// Sets answer word `i`.
pub(crate) fn put(i: usize, v: u32) {
    if let Some(w) = OUT.get(i) {
        w.store(v, Ordering::Relaxed);
    }
}

/// Sets words `i` and `i + 1` to the address and length of a static text.
pub(crate) fn put_text(i: usize, s: &'static str) {
    put(i, address(s.as_ptr()));
    put(i + 1, s.len() as u32);
}

fn address<T>(p: *const T) -> u32 {
    p as usize as u32
}

/// Where the answer words are (read once by the glue).
#[wasm_bindgen(js_name = "ibOut")]
pub fn out() -> u32 {
    address(OUT.as_ptr())
}

/// Makes the input buffer `len` bytes long (zeroed when it grows) and returns its address: the
/// glue writes the input there, then calls a function with the number of bytes it wrote.
#[wasm_bindgen(js_name = "ibInput")]
pub fn input(len: u32) -> u32 {
    let mut v = lock(&INPUT);
    v.resize(len as usize, 0);
    address(v.as_ptr())
}

/// Makes the lengths buffer hold `n` item lengths and returns its address (for list arguments).
#[wasm_bindgen(js_name = "ibLengths")]
pub fn lengths(n: u32) -> u32 {
    let mut v = lock(&LENGTHS);
    v.resize(n as usize, 0);
    address(v.as_ptr())
}

/// Runs `f` on the first `len` bytes of the input buffer (fewer if it is shorter).
pub(crate) fn with_input<R>(len: u32, f: impl FnOnce(&[u8]) -> R) -> R {
    let v = lock(&INPUT);
    f(v.get(..len as usize).unwrap_or(&v))
}

/// The input as text.
pub(crate) fn with_text<R>(len: u32, f: impl FnOnce(&str) -> R) -> R {
    with_input(len, |b| f(std::str::from_utf8(b).unwrap_or(NOT_UTF8)))
}

/// Runs `f` on the items of a list argument: the input's first `len` bytes cut at the `n`
/// lengths of the lengths buffer.
pub(crate) fn with_items<R>(len: u32, n: u32, f: impl FnOnce(Items<'_>) -> R) -> R {
    with_input(len, |bytes| {
        let lengths = lock(&LENGTHS);
        let lengths = lengths.get(..n as usize).unwrap_or(&lengths);
        f(Items { bytes, lengths })
    })
}

/// The items of a list argument, in order (no allocation).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Items<'a> {
    bytes: &'a [u8],
    lengths: &'a [u32],
}

impl<'a> Iterator for Items<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (first, rest) = self.lengths.split_first()?;
        self.lengths = rest;
        let (item, bytes) = self
            .bytes
            .split_at_checked(*first as usize)
            .unwrap_or((self.bytes, &[]));
        self.bytes = bytes;
        Some(std::str::from_utf8(item).unwrap_or(NOT_UTF8))
    }
}

/// Replaces the output bytes with `bytes` and returns their address (`len` is the caller's).
pub(crate) fn put_bytes(bytes: impl Iterator<Item = u8>) -> u32 {
    let mut v = lock(&BYTES);
    v.clear();
    v.extend(bytes);
    put(1, v.len() as u32);
    address(v.as_ptr())
}

/// An error at byte `offset` of the input: rule `name` (its text `rule`), in `place` (the ARN
/// field or the version node, or none), for item `index` of a list argument.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fault {
    /// `ARN_ERROR` or `VERSION_ERROR`.
    pub(crate) class: u32,
    pub(crate) offset: usize,
    pub(crate) name: &'static str,
    pub(crate) rule: &'static str,
    pub(crate) place: Option<&'static str>,
}

/// How the glue words an error's message ([`Fault::put`]'s `form`).
#[derive(Debug, Clone, Copy)]
#[repr(u32)]
pub(crate) enum Form {
    /// The core's `Display`: "invalid ARN at byte ..." / "invalid version at byte ...".
    Core = 0,
    /// `all[i] is an ARN of another resource than <of's versionless ARN>`.
    DifferentResource = 1,
    /// `all[i] is not a build-version ARN (…/<major>.<minor>.<patch>/<build>)`.
    NotBuildVersionArn = 2,
}

/// Layout of an error in `OUT`: 0 class, 1 offset, 2-3 rule name, 4-5 rule text, 6-7 field or
/// node (length 0: none), 8 index in the list argument (`NONE`: not a list item), 9 message
/// `Form`, 10 argument (1: the filter of `matchesFilter` or `latestMatching`).
impl Fault {
    pub(crate) fn put(self, index: Option<usize>, form: Form, filter: bool) {
        put(0, self.class);
        put(1, self.offset as u32);
        put_text(2, self.name);
        put_text(4, self.rule);
        put_text(6, self.place.unwrap_or(""));
        put(8, index.map_or(NONE, |i| i as u32));
        put(9, form as u32);
        put(10, u32::from(filter));
    }
}

#[cfg(test)]
mod tests {
    use super::{Items, NOT_UTF8};

    fn items<'a>(bytes: &'a [u8], lengths: &'a [u32]) -> Vec<&'a str> {
        Items { bytes, lengths }.collect()
    }

    #[test]
    fn items_cut_the_text_at_the_given_byte_lengths_in_order() {
        assert_eq!(
            items("1.0.0x.x.xé2".as_bytes(), &[5, 5, 2, 1]),
            ["1.0.0", "x.x.x", "é", "2"]
        );
    }

    #[test]
    fn items_keep_empty_items_and_stop_at_the_number_of_lengths() {
        assert_eq!(items(b"ab", &[0, 1]), ["", "a"]);
        assert_eq!(items(b"ab", &[]), Vec::<&str>::new());
    }

    #[test]
    fn items_longer_than_the_text_end_with_it_and_the_rest_are_empty() {
        assert_eq!(items(b"abc", &[2, 5, 1]), ["ab", "c", ""]);
    }

    #[test]
    fn an_item_that_is_not_utf8_becomes_the_replacement_character() {
        assert_eq!(items(&[b'a', 0xff, b'b'], &[1, 1, 1]), ["a", NOT_UTF8, "b"]);
    }
}
