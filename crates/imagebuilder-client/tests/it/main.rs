//! The client's native tests: one test binary, linked once, with a module per area, against a
//! scripted transport and a virtual clock (`common`). The wasm32 `fetch` tests are a separate
//! binary (`tests/fetch.rs`): they run in Node and Chromium against a real local server.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

mod common;

mod behaviour;
mod hostile;
mod metadata;
mod retries;
mod surface;
