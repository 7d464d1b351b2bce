//! The core's integration tests: one test binary, linked once, with a module per area. Every
//! module runs natively and on wasm32 in Node (`wasm_bindgen_test(unsupported = test)`), except
//! the property tests (`arn_props`, `version_props`, and part of `validation`), which are
//! native only. Fixtures live in `tests/fixtures/` and are embedded with `include_str!` (no
//! filesystem on wasm32).
#![allow(clippy::unwrap_used)]

mod common;

mod arn_props;
mod arns;
mod botocore_conformance;
mod errors;
mod protocol;
mod retry;
mod shapes;
mod signing;
mod signing_hostile;
mod sigv4_botocore;
mod sigv4_suite;
mod validation;
mod version_props;
mod versions;
