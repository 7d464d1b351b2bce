//! # imagebuilder-server
//!
//! A local EC2 Image Builder: the [`emulator`] of the API under `/emulator/` (SigV4 verified,
//! decoded and encoded by the core's protocol tables, state in SQLite), the console's static
//! files with SPA fallback and a strict CSP ([`static_files`]), and CORS for browser callers
//! ([`cors`]), and the [`relay`] to AWS at `/relay/{region}/`. [`http::router`] puts them together; the binary (`main.rs`) parses the
//! command line ([`cli`]) and serves.
#![warn(missing_docs)]

pub mod cli;
pub mod cors;
pub mod emulator;
pub mod http;
pub mod relay;
pub mod static_files;
pub mod store;
