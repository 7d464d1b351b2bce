//! `cargo xtask codegen [--check]`: generates `crates/imagebuilder-core/src/generated/` from
//! `model/` (every operation's input and output and every structure, list, map and enum they
//! reach; the shape tables the protocol engine and the validator walk; compiled patterns; the
//! `Operation`/`Paginated` impls; typed dispatch by name), and
//! `crates/imagebuilder-client/src/generated/` (one `Client` method per operation), and
//! `crates/imagebuilder-wasm/js/generated/` (the npm package's operation types and list from the
//! same model, and the TypeScript unions and flags that mirror the Rust enums: `typescript`,
//! `enums`).
//!
//! Deterministic: everything is emitted in model order (the model's JSON object order, kept by
//! serde_json's `preserve_order`) or sorted, and the Rust formatted with `rustfmt --edition
//! 2024`. `--check` generates into a temporary folder and fails on any difference with the tree.

mod client;
mod emit;
mod enums;
mod names;
mod pattern;
mod sdk_js;
mod typescript;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util;

/// Where the core's generated files live, relative to the workspace root.
pub const OUT_DIR: &str = "crates/imagebuilder-core/src/generated";

/// Where the client's generated files live, relative to the workspace root.
pub const CLIENT_OUT_DIR: &str = "crates/imagebuilder-client/src/generated";

/// Where the npm package's generated JavaScript and TypeScript live, relative to the workspace
/// root.
pub const JS_OUT_DIR: &str = "crates/imagebuilder-wasm/js/generated";

/// The extensions of the files a generated folder holds (anything else there is left alone).
const GENERATED_EXTENSIONS: &[&str] = &[".rs", ".js", ".d.ts"];

fn is_generated_kind(name: &str) -> bool {
    GENERATED_EXTENSIONS.iter().any(|e| name.ends_with(e))
}

/// Runs the command: regenerate, or with `check` compare.
pub fn run(check: bool) -> Result<()> {
    let root = util::root();
    let outputs = generate(&root)?;
    let tmp = std::env::temp_dir().join(format!("imagebuilder-codegen-{}", std::process::id()));
    let result = outputs
        .iter()
        .enumerate()
        .try_for_each(|(i, (dir, files))| {
            let formatted = format_into(&tmp.join(i.to_string()), files)?;
            let out = root.join(dir);
            if check {
                compare(&out, dir, &formatted)
            } else {
                write(&out, &formatted)
            }
        });
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

/// The model, loaded and indexed.
pub struct Model {
    /// The model's shapes, in file order.
    pub shapes: Map<String, Value>,
    /// The model's operations, sorted by name.
    pub operations: Vec<(String, Value)>,
    /// Paginators by operation name.
    pub paginators: BTreeMap<String, Value>,
    /// Waiters by name (`waiters-2.json`).
    pub waiters: BTreeMap<String, Value>,
    /// The first line of `model/SOURCE` (which botocore release the model is).
    pub source: String,
}

impl Model {
    fn load(root: &Path) -> Result<Model> {
        let read = |name: &str| -> Result<Value> {
            let path = root.join("model").join(name);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
        };
        let service = read("service-2.json")?;
        let paginators = read("paginators-1.json")?;
        let waiters = read("waiters-2.json")?;
        let protocol = service["metadata"]["protocol"].as_str().unwrap_or_default();
        if protocol != "rest-json" {
            bail!("the generator speaks rest-json only; the model says `{protocol}`");
        }
        let shapes = service["shapes"]
            .as_object()
            .context("model: no shapes")?
            .clone();
        // The entries of the object at `key` of `file`, in file order.
        let entries = |file: &Value, key: &str, what: &str| -> Result<Vec<(String, Value)>> {
            Ok(file[key]
                .as_object()
                .with_context(|| format!("{what}: no {key}"))?
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect())
        };
        let mut operations = entries(&service, "operations", "model")?;
        operations.sort_by(|a, b| a.0.cmp(&b.0));
        let paginators = entries(&paginators, "pagination", "paginators")?
            .into_iter()
            .collect();
        let waiters = entries(&waiters, "waiters", "waiters")?
            .into_iter()
            .collect();
        let source = std::fs::read_to_string(root.join("model/SOURCE"))
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or("model/")
            .split(" (")
            .next()
            .unwrap_or_default()
            .to_string();
        Ok(Model {
            shapes,
            operations,
            paginators,
            waiters,
            source,
        })
    }

    /// The shape named `name`.
    pub fn shape(&self, name: &str) -> Result<&Value> {
        self.shapes
            .get(name)
            .with_context(|| format!("model: no shape `{name}`"))
    }

    /// The shape type (`structure`, `string`, ...).
    pub fn kind(&self, name: &str) -> Result<&str> {
        self.shape(name)?["type"]
            .as_str()
            .with_context(|| format!("model: shape `{name}` has no type"))
    }

    /// The shapes directly referenced by `name`.
    fn children(&self, name: &str) -> Result<Vec<String>> {
        let shape = self.shape(name)?;
        let target = |v: &Value| v["shape"].as_str().map(str::to_string);
        Ok(match self.kind(name)? {
            "structure" => shape["members"]
                .as_object()
                .map(|m| m.values().filter_map(target).collect())
                .unwrap_or_default(),
            "list" => target(&shape["member"]).into_iter().collect(),
            "map" => [target(&shape["key"]), target(&shape["value"])]
                .into_iter()
                .flatten()
                .collect(),
            _ => Vec::new(),
        })
    }

    /// Every shape an operation's input or output reaches, in model order.
    pub fn reachable(&self) -> Result<Vec<String>> {
        self.reachable_from(&["input", "output"])
    }

    /// Every shape an operation's `ios` (`"input"`, `"output"`) reach, in model order.
    pub fn reachable_from(&self, ios: &[&str]) -> Result<Vec<String>> {
        let mut seen = BTreeSet::new();
        let mut stack = Vec::new();
        for (name, op) in &self.operations {
            for &io in ios {
                let shape = op[io]["shape"]
                    .as_str()
                    .with_context(|| format!("operation {name} has no {io}"))?;
                stack.push(shape.to_string());
            }
        }
        while let Some(name) = stack.pop() {
            if seen.insert(name.clone()) {
                stack.extend(self.children(&name)?);
            }
        }
        Ok(self
            .shapes
            .keys()
            .filter(|k| seen.contains(*k))
            .cloned()
            .collect())
    }

    /// The modelled exceptions (shape names), in model order.
    pub fn exceptions(&self) -> Vec<String> {
        self.shapes
            .iter()
            .filter(|(_, s)| s["exception"].as_bool() == Some(true))
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// Generated files by output folder: `(folder, [(file name, unformatted source)])`.
type Outputs = Vec<(&'static str, Vec<(String, String)>)>;

/// Generates every file, by output folder (relative to the workspace root).
pub fn generate(root: &Path) -> Result<Outputs> {
    let model = Model::load(root)?;
    Ok(vec![
        (OUT_DIR, emit::all(&model)?),
        (CLIENT_OUT_DIR, client::all(&model)?),
        (JS_OUT_DIR, {
            let mut js = typescript::all(&model)?;
            js.extend(sdk_js::all(&model)?);
            js.extend(enums::all(root)?);
            js
        }),
    ])
}

/// Writes the files into `dir` and runs rustfmt on the Rust ones; returns the formatted sources.
fn format_into(dir: &Path, files: &[(String, String)]) -> Result<Vec<(String, String)>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        if name.ends_with(".rs") {
            paths.push(path);
        }
    }
    if paths.is_empty() {
        return Ok(files.to_vec());
    }
    let status = Command::new("rustfmt")
        .args(["--edition", "2024"])
        .args(&paths)
        .status()
        .context("could not run rustfmt (rustup component add rustfmt)")?;
    if !status.success() {
        bail!(
            "rustfmt failed on the generated code in {} ({status})",
            dir.display()
        );
    }
    files
        .iter()
        .map(|(name, _)| {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            Ok((name.clone(), text))
        })
        .collect()
}

/// Replaces the generated folder's files (of [`GENERATED_EXTENSIONS`]) with `files`.
fn write(out: &Path, files: &[(String, String)]) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let keep: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if is_generated_kind(&name) && !keep.contains(name.as_str()) {
            std::fs::remove_file(&path)
                .with_context(|| format!("removing stale {}", path.display()))?;
        }
    }
    for (name, text) in files {
        let path = out.join(name);
        let unchanged = std::fs::read_to_string(&path).is_ok_and(|old| old == *text);
        if !unchanged {
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    println!(
        "codegen: wrote {} files to {}",
        files.len(),
        out.strip_prefix(util::root()).unwrap_or(out).display()
    );
    Ok(())
}

/// Fails when the folder differs from `files` (content, missing or extra generated files).
fn compare(out: &Path, dir: &str, files: &[(String, String)]) -> Result<()> {
    let mut problems = Vec::new();
    for (name, text) in files {
        let path = out.join(name);
        match std::fs::read_to_string(&path) {
            Ok(old) if old == *text => {}
            Ok(old) => {
                let line = old
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| old.lines().count().min(text.lines().count()));
                problems.push(format!("{name}: differs from line {}", line + 1));
            }
            Err(_) => problems.push(format!("{name}: missing")),
        }
    }
    if let Ok(entries) = std::fs::read_dir(out) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_generated_kind(&name) && !files.iter().any(|(n, _)| *n == name) {
                problems.push(format!("{name}: not generated (stale)"));
            }
        }
    }
    if problems.is_empty() {
        println!("codegen: {dir} is up to date ({} files)", files.len());
        Ok(())
    } else {
        bail!(
            "{dir} is out of date; run `cargo xtask codegen`:\n  {}",
            problems.join("\n  ")
        )
    }
}
