//! The server's integration tests: one test binary (linked once), a module per area, each
//! against a real server on a free loopback port (`common`), the real binary (`binary`), or the
//! router in process.
#![allow(missing_docs)]

mod common;

mod binary;
mod emulator;
mod faults;
mod launch_options;
mod own_client;
mod relay;
mod restart;
mod signatures;
mod static_files;
