//! The EC2 Image Builder console.
//!
//! Placeholder: the Leptos single-page console arrives with its own issue. Until then this
//! binary only exists so that the fixed top level (`web/`, `Trunk.toml`, `index.html`) builds.

fn main() {
    println!("imagebuilder-console: the console is not built yet (see README.md)");
}
