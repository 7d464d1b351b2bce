//! Helpers shared by several integration tests (`mod common;`).

pub mod botocore;
