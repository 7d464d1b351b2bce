//! # imagebuilder-client
//!
//! An async EC2 Image Builder client (in progress).
#![warn(missing_docs)]
