//! Emits `crates/imagebuilder-client/src/generated/mod.rs`: one method per operation on the
//! client (`list_images` over `Client::send`), and `_pages`/`_items` methods over
//! `Client::paginate`/`Client::paginate_items` for the paginated operations.

use super::emit::header;
use super::{Model, names};
use anyhow::{Context, Result, bail};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The `Client` methods that the hand-written client already has (a generated method must not
/// shadow one).
const TAKEN: &[&str] = &[
    "builder",
    "call",
    "execute",
    "paginate",
    "paginate_items",
    "paginate_json",
    "pages",
    "send",
    "send_json",
    "wait_for",
    "wait_until_image_available",
    "wait_until_image_available_json",
];

/// Emits the client's generated module: `(file name, unformatted source)`.
pub fn all(model: &Model) -> Result<Vec<(String, String)>> {
    let mut s = header(
        "One method per operation on [`Client`]: `list_images(input)` is \
         `send::<operations::ListImages>(input, ())` (same retries, signing and idempotency tokens; no call options: use `send` for a cancel token), \
         and for the paginated operations `list_images_pages(input)` / \
         `list_images_items(input)` are [`Client::paginate`] / [`Client::paginate_items`].",
        &model.source,
    );
    s.push_str(
        "use crate::{CallError, Client, PageStream};\n\
         use imagebuilder_core::{operations, types};\n\
         use imagebuilder_core::protocol::Paginated;\n\n",
    );
    let mut used = BTreeSet::new();
    let mut table = String::new();
    let mut methods = String::new();
    for (name, op) in &model.operations {
        let method = names::snake(name);
        if method.starts_with("r#") {
            bail!("operation `{name}`: its method name `{method}` is a keyword");
        }
        let paginated = model.paginators.contains_key(name);
        let mut new_names = vec![method.clone()];
        if paginated {
            new_names.push(format!("{method}_pages"));
            new_names.push(format!("{method}_items"));
        }
        for n in &new_names {
            if TAKEN.contains(&n.as_str()) || !used.insert(n.clone()) {
                bail!("operation `{name}`: the method name `{n}` is already taken");
            }
        }
        let input = op["input"]["shape"]
            .as_str()
            .with_context(|| format!("operation {name} has no input"))?;
        let output = op["output"]["shape"]
            .as_str()
            .with_context(|| format!("operation {name} has no output"))?;
        let http_method = op["http"]["method"].as_str().unwrap_or_default();
        let uri = op["http"]["requestUri"].as_str().unwrap_or_default();
        let _ = writeln!(table, "    ({name:?}, {method:?}),");
        let _ = writeln!(
            methods,
            "    /// Calls the model operation `{name}` ([`operations::{name}`], \
             `{http_method} {uri}`) through [`Client::send`].\n    \
             pub async fn {method}(&self, input: types::{input}) -> Result<types::{output}, CallError> {{\n        \
             self.send::<operations::{name}>(input, ()).await\n    }}\n"
        );
        if paginated {
            let _ = writeln!(
                methods,
                "    /// Every page of the model operation `{name}` ([`operations::{name}`]), \
                 following `nextToken`, through [`Client::paginate`].\n    \
                 pub fn {method}_pages(&self, input: types::{input}) -> PageStream<types::{output}> {{\n        \
                 self.paginate::<operations::{name}>(input, ())\n    }}\n\n    \
                 /// Every item of every page of the model operation `{name}` \
                 ([`operations::{name}`]), through [`Client::paginate_items`].\n    \
                 pub fn {method}_items(&self, input: types::{input}) -> PageStream<<operations::{name} as Paginated>::Item> {{\n        \
                 self.paginate_items::<operations::{name}>(input, ())\n    }}\n"
            );
        }
    }
    let _ = write!(
        s,
        "/// Every operation of the model and the [`Client`] method that calls it, \
         `(operation, method)`, sorted by operation.\n\
         pub const OPERATION_METHODS: &[(&str, &str)] = &[\n{table}];\n\n\
         impl Client {{\n{methods}}}\n"
    );
    Ok(vec![("mod.rs".to_string(), s)])
}
