//! Which of the console's modules each function is there for.
//!
//! The console's size report builds with v0 symbol mangling, whose names carry generic
//! arguments: `reactive_graph::…::RenderEffect<()>>::new::<imagebuilder_console::pages::images::
//! ImagesPage::{closure#3}>` is an instance of the framework made for the Images page. A function
//! is attributed to the console module its name mentions (a page's module before a component's,
//! before any other of the console's modules); a function whose name mentions none is shared
//! (the framework, the client, the core, std).

use super::breakdown::Function;
use std::collections::BTreeMap;

const CONSOLE: &str = "imagebuilder_console::";

/// The console module `name` mentions (`pages::launch`, `components::vtable`, `api`), preferring
/// a page, then a component, then the first one named; `None` when it names none.
pub fn module_of(name: &str) -> Option<String> {
    let mut modules: Vec<&str> = Vec::new();
    let mut rest = name;
    while let Some(i) = rest.find(CONSOLE) {
        let path = &rest[i + CONSOLE.len()..];
        let end = path
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(path.len());
        modules.push(module_path(&path[..end]));
        rest = &path[end..];
    }
    let pick = |prefix: &str| modules.iter().find(|m| m.starts_with(prefix)).copied();
    pick("pages::")
        .or_else(|| pick("components::"))
        .or_else(|| modules.first().copied())
        .map(str::to_string)
}

/// `pages::images::ImagesPage::{closure` -> `pages::images`; `api::Api::call` -> `api`: two
/// segments under `pages` and `components`, one elsewhere.
fn module_path(path: &str) -> &str {
    let mut segments = path.split("::");
    let first = segments.next().unwrap_or_default();
    match (first, segments.next()) {
        ("pages" | "components", Some(second)) => &path[..first.len() + 2 + second.len()],
        _ => first,
    }
}

/// Bytes and function counts per console module, largest first; `[shared]` for the rest.
pub fn tally(functions: &[Function]) -> Vec<(String, usize, usize)> {
    let mut by: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for f in functions {
        let key = module_of(&f.name).unwrap_or_else(|| "[shared]".to_string());
        let e = by.entry(key).or_default();
        e.0 += f.bytes;
        e.1 += 1;
    }
    let mut rows: Vec<(String, usize, usize)> =
        by.into_iter().map(|(k, (b, n))| (k, b, n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_instances_are_attributed_to_the_page_that_made_them() {
        let name = "<reactive_graph::effect::render_effect::RenderEffect<()>>::new::<imagebuilder_console::components::when::when::{closure#0}, imagebuilder_console::pages::images::ImagesPage::{closure#3}>";
        assert_eq!(module_of(name).as_deref(), Some("pages::images"));
    }

    #[test]
    fn console_functions_without_a_page_go_to_their_top_module() {
        assert_eq!(
            module_of("<imagebuilder_console::api::Api>::call::{closure#0}").as_deref(),
            Some("api")
        );
        assert_eq!(
            module_of("imagebuilder_console::components::vtable::VirtualTable").as_deref(),
            Some("components::vtable")
        );
        assert_eq!(
            module_of("<serde_json::value::Value as core::clone::Clone>::clone"),
            None
        );
    }
}
