//! The EC2 Image Builder console: a Leptos client-side app over `imagebuilder-core` and
//! `imagebuilder-client`. `main.rs` only mounts [`app::App`]; [`api`] is the only module that
//! talks to the client; [`pages`] and [`components`] hold the UI.

pub mod api;
pub mod app;
pub mod components;
pub mod counted;
pub mod lazy_pages;
pub mod pages;
pub mod partitions;
pub mod seconds;
pub mod settings;
pub mod sort_indices;
pub mod theme;
pub mod validate_lines;
