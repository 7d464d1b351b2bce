//! `cargo xtask npm`: builds the npm package `imagebuilder-wasm` into `crates/imagebuilder-wasm/pkg/`;
//! `cargo xtask bench-npm`: times it against the JavaScript peers in the same run.
//!
//! The package is one ESM package with two entries, each backed by its own wasm:
//!
//! - `imagebuilder-wasm` (the full crate, feature `client`): ARNs, versions, signing, input
//!   validation and the client;
//! - `imagebuilder-wasm/lite` (`--no-default-features`): ARNs, versions and signing only.
//!
//! Each entry has a Node file (loads the `.wasm` with `fs`, synchronously) and a browser file
//! (fetches it from `new URL(..., import.meta.url)` with a top-level `await`), picked by the
//! `exports` conditions of `package.json`. wasm-bindgen runs with `--target web` and writes no
//! TypeScript: the `.d.ts` files are written by hand (`crates/imagebuilder-wasm/js/`), except
//! `operations.d.ts` and `operations.js` (every operation's input and output types, the list of
//! operations and paginators), which this file generates from `model/service-2.json` and
//! `model/paginators-1.json` at build time, deterministically. They are generated rather than
//! committed because the model is the source of truth and the package is a build output: nothing
//! can drift.

use crate::bench;
use crate::bootstrap;
use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The npm package's name.
pub const PACKAGE: &str = "imagebuilder-wasm";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The workspace's release profile optimizes for size (`opt-level = "z"`). The lite wasm (the
/// entry for bulk validation and signing) builds the core (ARN scanner, signing checks) and
/// `sha2` at `opt-level = 3` instead, through `--config` overrides for these two packages only.
/// Measured on the lite wasm (100k-ARN batch / 1,000 signatures / gzip -9): 36.5 ms / 34.9 ms /
/// 128.6 KB with "z", 26.7 ms / 30.9 ms / 131.4 KB with the overrides; adding aws-sigv4, http
/// and hmac gained nothing measurable for 7 KB more. The full wasm keeps "z": there the core
/// also holds the protocol tables and the overrides cost 43 KB gzipped (260 -> 303 KB).
const SPEED_OVERRIDES: &[&str] = &[
    "profile.release.package.imagebuilder-core.opt-level=3",
    "profile.release.package.sha2.opt-level=3",
];
/// wasm-opt 108 (Debian's binaryen) validates against the MVP unless told otherwise; these are
/// the features Rust 1.95's wasm32 target enables by default (the `target_features` section that
/// would let the tools detect them is removed by the workspace's `strip = true`).
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// One of the two wasm builds of `crates/imagebuilder-wasm`.
#[derive(Debug, Clone, Copy)]
struct Flavor {
    /// Base name of the wasm-bindgen output in `pkg/wasm/`.
    out_name: &'static str,
    /// Extra `cargo build` arguments.
    cargo_args: &'static [&'static str],
    /// Whether to apply [`SPEED_OVERRIDES`].
    speed: bool,
}

const FULL: Flavor = Flavor {
    out_name: "imagebuilder_wasm",
    cargo_args: &[],
    speed: false,
};
const LITE: Flavor = Flavor {
    out_name: "imagebuilder_wasm_lite",
    cargo_args: &["--no-default-features"],
    speed: true,
};

/// `cargo xtask npm [--test]`: builds the package; `--test` also runs `tests/npm/`.
pub fn run(args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "--test") {
        test()
    } else {
        let pkg = build()?;
        println!("npm package written to {}", pkg.display());
        Ok(())
    }
}

/// Where `cargo xtask npm` writes the package.
pub fn pkg_dir() -> PathBuf {
    util::root().join("crates/imagebuilder-wasm/pkg")
}

fn crate_dir() -> PathBuf {
    util::root().join("crates/imagebuilder-wasm")
}

/// Builds both wasm flavors, runs wasm-bindgen and wasm-opt, and assembles `pkg/`.
pub fn build() -> Result<PathBuf> {
    for tool in ["wasm-bindgen", "wasm-opt"] {
        if util::find_on_path(tool).is_none() {
            bail!(
                "`{tool}` is not installed; run `cargo xtask bootstrap` (wasm-opt is Debian's \
                 `binaryen`: `apt-get install binaryen`)"
            );
        }
    }
    let pkg = pkg_dir();
    let staging = util::target_dir().join("npm");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).with_context(|| format!("removing {}", pkg.display()))?;
    }
    std::fs::create_dir_all(pkg.join("wasm"))?;
    for flavor in [FULL, LITE] {
        build_flavor(flavor, &staging, &pkg)?;
    }
    step("npm package: JavaScript, TypeScript and package.json");
    copy_js_sources(&pkg)?;
    let model = read_json(&util::root().join("model/service-2.json"))?;
    let paginators = read_json(&util::root().join("model/paginators-1.json"))?;
    let generated = generate(&model, &paginators)?;
    std::fs::write(pkg.join("operations.js"), generated.js)?;
    std::fs::write(pkg.join("operations.d.ts"), generated.dts)?;
    std::fs::copy(util::root().join("model/LICENSE.txt"), pkg.join("LICENSE"))
        .context("copying the Apache-2.0 license text")?;
    write_package_json(&pkg)?;
    for entry in std::fs::read_dir(pkg.join("wasm"))? {
        let entry = entry?;
        let size = entry.metadata()?.len();
        println!(
            "    {:<40} {size:>9} bytes",
            format!("wasm/{}", entry.file_name().to_string_lossy())
        );
    }
    Ok(pkg)
}

fn build_flavor(flavor: Flavor, staging: &Path, pkg: &Path) -> Result<()> {
    step(&format!(
        "npm package: cargo build --release --target {WASM_TARGET} ({})",
        flavor.out_name
    ));
    let mut cargo = Command::new(util::cargo_bin());
    cargo
        .args([
            "build",
            "-p",
            "imagebuilder-wasm",
            "--lib",
            "--release",
            "--locked",
            "--target",
            WASM_TARGET,
        ])
        .args(flavor.cargo_args);
    if flavor.speed {
        for o in SPEED_OVERRIDES {
            cargo.args(["--config", o]);
        }
    }
    util::run(&mut cargo)?;
    let built = util::target_dir()
        .join(WASM_TARGET)
        .join("release/imagebuilder_wasm.wasm");
    let out = staging.join(flavor.out_name);
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::create_dir_all(&out)?;
    // wasm-opt runs before wasm-bindgen: binaryen 108 re-points the `__wbindgen_externrefs` export
    // at the funcref table when it optimizes wasm-bindgen's output (the package then fails at
    // init with "function-typed object must be null"). Optimizing the raw module is safe:
    // wasm-bindgen's describe exports and custom section survive it.
    let optimized = out.join(format!("{}.opt.wasm", flavor.out_name));
    util::run(
        Command::new("wasm-opt")
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .arg(&built)
            .arg("-o")
            .arg(&optimized),
    )
    .context("wasm-opt -Oz failed")?;
    util::run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-name"])
            .arg(flavor.out_name)
            .arg("--out-dir")
            .arg(&out)
            .arg(&optimized),
    )?;
    for file in [
        format!("{}.js", flavor.out_name),
        format!("{}_bg.wasm", flavor.out_name),
    ] {
        std::fs::copy(out.join(&file), pkg.join("wasm").join(&file))
            .with_context(|| format!("copying {file}"))?;
    }
    Ok(())
}

fn copy_js_sources(pkg: &Path) -> Result<()> {
    let src = crate_dir().join("js");
    let mut names: Vec<_> = std::fs::read_dir(&src)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<std::io::Result<_>>()?;
    names.sort();
    for name in names {
        let name = name.to_string_lossy().into_owned();
        if name == "package.json" {
            continue;
        }
        if name.ends_with(".js") || name.ends_with(".d.ts") || name.ends_with(".md") {
            std::fs::copy(src.join(&name), pkg.join(&name))
                .with_context(|| format!("copying js/{name}"))?;
        }
    }
    Ok(())
}

/// `js/package.json` with the workspace's version filled in.
fn write_package_json(pkg: &Path) -> Result<()> {
    let mut manifest = read_json(&crate_dir().join("js/package.json"))?;
    let version = workspace_version()?;
    manifest["version"] = Value::String(version);
    if manifest["name"] != PACKAGE {
        bail!("js/package.json must be named {PACKAGE}");
    }
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    std::fs::write(pkg.join("package.json"), text)?;
    Ok(())
}

fn workspace_version() -> Result<String> {
    let manifest = std::fs::read_to_string(util::root().join("Cargo.toml"))?;
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
        } else if in_package && let Some(rest) = line.strip_prefix("version") {
            let value = rest.trim_start().trim_start_matches('=').trim();
            return Ok(value.trim_matches('"').to_string());
        }
    }
    bail!("no version in [workspace.package] of Cargo.toml")
}

fn read_json(path: &Path) -> Result<Value> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))
}

/// `cargo xtask npm --test` (and the last step of `cargo xtask test`): builds the package, then
/// runs the Node tests of `tests/npm/` (which pack it and install the tarball like a user).
pub fn test() -> Result<()> {
    let pkg = build()?;
    let tests = util::root().join("tests/npm");
    bootstrap::npm_ci(&tests, "tests/npm")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&tests)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no *.test.mjs files in tests/npm");
    }
    step("npm package tests (node --test tests/npm/)");
    util::run(
        Command::new("node")
            .arg("--test")
            .args(&files)
            .current_dir(&tests)
            .env("IMAGEBUILDER_WASM_PKG", &pkg)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

/// `cargo xtask bench-npm [--quick]`: the package against the JavaScript peers, in one run of the
/// peers' harness (`run-all.mjs --with tests/npm/peers-adapter.mjs`), printed as ratios.
pub fn bench_npm(args: &[String]) -> Result<()> {
    let quick = args.iter().any(|a| a == "--quick");
    let pkg = build()?;
    let peers = bench::prepare_peers()?;
    let entries_dir = peers.join("bundle-entries");
    // Bundle entries that import the package's browser files by absolute path (the peers'
    // folder has no dependency on the package).
    let index = pkg.join("index.js");
    let lite = pkg.join("lite.js");
    let client_entry = entries_dir.join("e-imagebuilder-wasm-client.mjs");
    let lite_entry = entries_dir.join("f-imagebuilder-wasm-lite.mjs");
    let bench_dir = util::root().join("tests/npm/bench");
    for (template, dest, target) in [
        ("client-entry.mjs", &client_entry, &index),
        ("lite-entry.mjs", &lite_entry, &lite),
    ] {
        let text = std::fs::read_to_string(bench_dir.join(template))?;
        let spec = serde_json::to_string(&target.to_string_lossy())?;
        std::fs::write(dest, text.replace("\"imagebuilder-wasm-entry\"", &spec))?;
    }
    let adapter = util::root().join("tests/npm/peers-adapter.mjs");
    step("peers harness with the package (node run-all.mjs --with ...)");
    let mut cmd = Command::new("node");
    cmd.current_dir(&peers)
        .arg("run-all.mjs")
        .arg("--with")
        .arg(&adapter)
        .arg("--entry")
        .arg(format!(
            "imagebuilder-wasm-client={}",
            client_entry.display()
        ))
        .arg("--entry")
        .arg(format!("imagebuilder-wasm-lite={}", lite_entry.display()))
        .arg("--file")
        .arg(format!(
            "imagebuilder-wasm-client-wasm={}",
            pkg.join("wasm/imagebuilder_wasm_bg.wasm").display()
        ))
        .arg("--file")
        .arg(format!(
            "imagebuilder-wasm-lite-wasm={}",
            pkg.join("wasm/imagebuilder_wasm_lite_bg.wasm").display()
        ))
        .env("IMAGEBUILDER_WASM_PKG", &pkg);
    if quick {
        cmd.arg("--quick");
    }
    util::run(&mut cmd)?;
    // The client against the AWS SDK's, in one Node process of its own (both with in-memory
    // answers; see tests/npm/bench/client-vs-sdk.mjs).
    step("client vs @aws-sdk/client-imagebuilder (node tests/npm/bench/client-vs-sdk.mjs)");
    let mut client = Command::new("node");
    client
        .current_dir(&peers)
        .arg(bench_dir.join("client-vs-sdk.mjs"))
        .arg(&peers)
        .arg(&pkg)
        .arg("--json")
        .arg(peers.join("results/client.json"));
    if quick {
        client.arg("--quick");
    }
    util::run(&mut client)?;
    report_ratios(&peers.join("results"))
}

fn median_of(results: &Value, name_contains: &str) -> Option<(String, f64)> {
    results["results"].as_array()?.iter().find_map(|r| {
        let name = r["name"].as_str()?;
        name.contains(name_contains)
            .then(|| Some((name.to_string(), r["median"].as_f64()?)))?
    })
}

fn report_ratios(results: &Path) -> Result<()> {
    let sign = read_json(&results.join("sign.json"))?;
    let arn = read_json(&results.join("arn.json"))?;
    let bundle = read_json(&results.join("bundle.json"))?;
    let client = read_json(&results.join("client.json"))?;
    println!("\nimagebuilder-wasm against the peers (same run):");
    for transport in ["stub requestHandler", "stubbed globalThis.fetch"] {
        match (
            median_of(&client, transport),
            median_of(&client, "@aws-sdk/client-imagebuilder"),
        ) {
            (Some((ours, a)), Some((theirs, b))) => {
                let ratio = client["results"]
                    .as_array()
                    .and_then(|r| r.iter().find(|r| r["name"] == ours.as_str()))
                    .and_then(|r| r["vsBaseline"].as_f64())
                    .unwrap_or(a / b);
                println!(
                    "    client: {a:.0} calls/s ({ours}) vs {b:.0} calls/s ({theirs}), same \
                     process: {ratio:.2}x (median of per-round ratios; goal >= 10x)"
                );
            }
            _ => {
                println!("    client: no figures for {transport} (a row is missing in client.json)")
            }
        }
    }
    match (
        median_of(&sign, "imagebuilder-wasm"),
        median_of(&sign, "aws4 (node:crypto"),
    ) {
        (Some((ours, a)), Some((theirs, b))) => println!(
            "    signing: {a:.0} sig/s ({ours}) vs {b:.0} sig/s ({theirs}): {:.2}x (goal >= 1.5x)",
            a / b
        ),
        _ => println!("    signing: no figures (adapter or aws4 row missing in sign.json)"),
    }
    let mut cases: Vec<(String, f64)> = arn["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let name = r["name"].as_str()?;
            name.contains("imagebuilder-wasm")
                .then(|| Some((name.to_string(), r["median"].as_f64()?)))?
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, median) in &cases {
        println!("    ARNs: {:.2} M/s ({name}) (goal >= 5 M/s)", median / 1e6);
    }
    for score in arn["scores"].as_array().into_iter().flatten() {
        let name = score["name"].as_str().unwrap_or("?");
        if name.contains("imagebuilder-wasm") {
            println!(
                "    ARN verdicts ({name}): valid accepted {}, valid rejected {}, malformed \
                 accepted {}, malformed rejected {} (of {} malformed)",
                score["acceptedValid"],
                score["rejectedValid"],
                score["acceptedMalformed"],
                score["rejectedMalformed"],
                arn["list"]["malformed"]
            );
        }
    }
    let gz = |name: &str| -> Option<u64> {
        bundle["rows"]
            .as_array()?
            .iter()
            .find(|r| r["name"] == name)?["gzip9"]
            .as_u64()
    };
    let sdk = gz("a-sdk-client-imagebuilder");
    for (label, js, wasm, goal) in [
        (
            "lite (ARNs, versions, signing)",
            "imagebuilder-wasm-lite",
            "imagebuilder-wasm-lite-wasm",
            40 * 1024,
        ),
        (
            "full client, all operations",
            "imagebuilder-wasm-client",
            "imagebuilder-wasm-client-wasm",
            65 * 1024,
        ),
    ] {
        if let (Some(js), Some(wasm)) = (gz(js), gz(wasm)) {
            let total = js + wasm;
            let vs = sdk
                .map(|s| {
                    format!(
                        ", {:.2}x the JS SDK's three-command bundle ({s} B)",
                        total as f64 / s as f64
                    )
                })
                .unwrap_or_default();
            println!(
                "    bundle {label}: {total} B gzip -9 (JS {js} + wasm {wasm}); goal <= {goal} B{vs}"
            );
        }
    }
    Ok(())
}

/// The generated `operations.js` and `operations.d.ts`.
#[derive(Debug)]
pub struct Generated {
    /// `operations.js`: the operation list the client's methods and paginators are made from.
    pub js: String,
    /// `operations.d.ts`: every operation's input and output types and the client's methods.
    pub dts: String,
}

/// Names the hand-written `.d.ts` files use; a model shape with one of them is an error.
const RESERVED: &[&str] = &[
    "ImageBuilderArn",
    "ArnShape",
    "SemanticVersion",
    "Violation",
    "ImageBuilderClient",
    "ImageBuilderClientConfig",
    "ImageBuilderError",
    "ValidationError",
    "ArnError",
    "VersionError",
    "SigningError",
    "ServiceError",
    "ResponseMetadata",
    "Credentials",
    "HttpHandlerRequest",
    "HttpHandlerResponse",
];

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// Generates `operations.js` and `operations.d.ts` from the model (deterministic: shapes and
/// operations in name order).
pub fn generate(model: &Value, paginators: &Value) -> Result<Generated> {
    let shapes = model["shapes"].as_object().context("model has no shapes")?;
    let operations = model["operations"]
        .as_object()
        .context("model has no operations")?;
    let ops: BTreeMap<&str, &Value> = operations.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let pages = paginators["pagination"].as_object();

    // Shapes reachable from any operation's input or output (exceptions are not emitted).
    let mut reachable = BTreeSet::new();
    let mut stack: Vec<String> = Vec::new();
    for op in ops.values() {
        for io in ["input", "output"] {
            if let Some(name) = op[io]["shape"].as_str() {
                stack.push(name.to_string());
            }
        }
    }
    while let Some(name) = stack.pop() {
        if !reachable.insert(name.clone()) {
            continue;
        }
        let shape = shapes
            .get(&name)
            .with_context(|| format!("shape {name} is referenced but not defined"))?;
        match shape["type"].as_str() {
            Some("structure") => {
                for member in shape["members"].as_object().into_iter().flatten() {
                    if let Some(t) = member.1["shape"].as_str() {
                        stack.push(t.to_string());
                    }
                }
            }
            Some("list") => stack.extend(shape["member"]["shape"].as_str().map(str::to_string)),
            Some("map") => {
                stack.extend(shape["key"]["shape"].as_str().map(str::to_string));
                stack.extend(shape["value"]["shape"].as_str().map(str::to_string));
            }
            _ => {}
        }
    }

    let mut d = String::new();
    d.push_str(
        "// @generated by `cargo xtask npm` from model/service-2.json and model/paginators-1.json\n\
         // (EC2 Image Builder API 2019-12-02). DO NOT EDIT.\n\
         //\n\
         // Every operation's input and output, as the JSON the AWS API takes and returns (member\n\
         // names exactly as the model's). Constraints in the comments are the model's; the client\n\
         // and `validateInput` check them.\n\n",
    );
    for name in &reachable {
        if RESERVED.contains(&name.as_str()) {
            let t = shapes[name.as_str()]["type"].as_str().unwrap_or("");
            if t == "structure" || shapes[name.as_str()].get("enum").is_some() {
                bail!("model shape {name} collides with a hand-written type name");
            }
        }
        let shape = &shapes[name.as_str()];
        match shape["type"].as_str() {
            Some("string") if shape.get("enum").is_some() => {
                let values: Vec<String> = shape["enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str())
                    .map(|v| serde_json::to_string(v).unwrap_or_default())
                    .collect();
                writeln!(d, "/** Model enum `{name}`. */")?;
                writeln!(d, "export type {name} = {};\n", values.join(" | "))?;
            }
            Some("structure") => {
                let empty = Map::new();
                let members = shape["members"].as_object().unwrap_or(&empty);
                let required: BTreeSet<&str> = shape["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str())
                    .collect();
                writeln!(d, "/** Model structure `{name}`. */")?;
                writeln!(d, "export interface {name} {{")?;
                for (member, spec) in members {
                    let target = spec["shape"].as_str().unwrap_or("");
                    let doc = member_doc(shapes, target, spec);
                    if !doc.is_empty() {
                        writeln!(d, "  /** {doc} */")?;
                    }
                    // Idempotency tokens are required by the model but filled by the client.
                    let opt =
                        if required.contains(member.as_str()) && spec["idempotencyToken"] != true {
                            ""
                        } else {
                            "?"
                        };
                    writeln!(d, "  {member}{opt}: {};", ts_type(shapes, target))?;
                }
                writeln!(d, "}}\n")?;
            }
            _ => {}
        }
    }

    // The operation table and the client's methods.
    writeln!(
        d,
        "/** Every operation's input and output, by model name. */\nexport interface OperationShapes {{"
    )?;
    for (op, spec) in &ops {
        let input = spec["input"]["shape"]
            .as_str()
            .unwrap_or("Record<string, never>");
        let output = spec["output"]["shape"]
            .as_str()
            .unwrap_or("Record<string, never>");
        writeln!(d, "  {op}: {{ input: {input}; output: {output} }};")?;
    }
    writeln!(d, "}}\n")?;
    writeln!(
        d,
        "/** The model name of an operation (`\"ListImages\"`, `\"GetImage\"`, ...). */\n\
         export type OperationName = keyof OperationShapes;\n\
         /** The input of operation `O`. */\n\
         export type OperationInput<O extends OperationName> = OperationShapes[O][\"input\"];\n\
         /** The output of operation `O`. */\n\
         export type OperationOutput<O extends OperationName> = OperationShapes[O][\"output\"];\n"
    )?;
    writeln!(
        d,
        "/** Per-call options of every client method. */\nexport interface CallOptions {{\n  \
         /** Cancels the call (and its retries); the promise rejects with an `AbortError`. */\n  \
         signal?: AbortSignal;\n}}\n"
    )?;
    writeln!(
        d,
        "/** One method per operation (camelCase), same input and output JSON as the AWS API. */\n\
         export interface ImageBuilderOperations {{"
    )?;
    for (op, spec) in &ops {
        let input = spec["input"]["shape"].as_str();
        let output = spec["output"]["shape"]
            .as_str()
            .unwrap_or("Record<string, never>");
        let http = &spec["http"];
        writeln!(
            d,
            "  /** `{op}`: {} {}. */",
            http["method"].as_str().unwrap_or("?"),
            http["requestUri"].as_str().unwrap_or("?")
        )?;
        let optional = input.is_none_or(|i| {
            shapes[i]["required"]
                .as_array()
                .is_none_or(|r| r.is_empty())
        });
        let input = input.unwrap_or("Record<string, never>");
        let q = if optional { "?" } else { "" };
        writeln!(
            d,
            "  {}(input{q}: {input}, options?: CallOptions): Promise<{output}>;",
            lower_first(op)
        )?;
    }
    writeln!(d, "}}\n")?;
    writeln!(
        d,
        "/** One paginator per List operation of model/paginators-1.json: async iterators over pages\n \
         * (each page is the operation's output; `nextToken` is followed until the last page). */\n\
         export interface ImageBuilderPaginators {{"
    )?;
    let mut js_ops = String::new();
    for (op, spec) in &ops {
        let page = pages.and_then(|p| p.get(*op));
        let result_key = page.and_then(|p| p["result_key"].as_str());
        writeln!(
            js_ops,
            "  [{}, {}, {}],",
            serde_json::to_string(op)?,
            serde_json::to_string(&lower_first(op))?,
            result_key.map_or("null".to_string(), |k| format!("{k:?}"))
        )?;
        if let Some(key) = result_key {
            let input = spec["input"]["shape"]
                .as_str()
                .unwrap_or("Record<string, never>");
            let output = spec["output"]["shape"]
                .as_str()
                .unwrap_or("Record<string, never>");
            let optional = shapes[input]["required"]
                .as_array()
                .is_none_or(|r| r.is_empty());
            let q = if optional { "?" } else { "" };
            writeln!(
                d,
                "  /** Pages of `{op}` (items in `{key}`). */\n  paginate{op}(input{q}: {input}, \
                 options?: CallOptions): AsyncIterableIterator<{output}>;"
            )?;
        }
    }
    writeln!(d, "}}")?;
    let js = format!(
        "// @generated by `cargo xtask npm` from model/service-2.json and model/paginators-1.json.\n\
         // DO NOT EDIT.\n\
         //\n\
         // [model name, method name, paginator result key or null], in name order.\n\
         export const OPERATIONS = Object.freeze([\n{js_ops}]);\n"
    );
    Ok(Generated { js, dts: d })
}

fn ts_type(shapes: &Map<String, Value>, name: &str) -> String {
    let shape = &shapes[name];
    match shape["type"].as_str() {
        Some("string") if shape.get("enum").is_some() => name.to_string(),
        Some("string") => "string".to_string(),
        Some("integer" | "long" | "double" | "float") => "number".to_string(),
        Some("boolean") => "boolean".to_string(),
        // rest-json timestamps travel as epoch seconds.
        Some("timestamp") => "number".to_string(),
        Some("blob") => "string".to_string(),
        Some("structure") => name.to_string(),
        Some("list") => {
            let inner = ts_type(shapes, shape["member"]["shape"].as_str().unwrap_or(""));
            format!("{inner}[]")
        }
        Some("map") => {
            let value = ts_type(shapes, shape["value"]["shape"].as_str().unwrap_or(""));
            format!("Record<string, {value}>")
        }
        _ => "unknown".to_string(),
    }
}

/// A one-line comment with the model's constraints on a member.
fn member_doc(shapes: &Map<String, Value>, target: &str, member: &Value) -> String {
    let shape = &shapes[target];
    let mut parts = Vec::new();
    let (min, max) = (shape["min"].as_f64(), shape["max"].as_f64());
    let what = match shape["type"].as_str() {
        Some("string") => "length",
        Some("list") => "items",
        Some("map") => "entries",
        _ => "value",
    };
    match (min, max) {
        (Some(a), Some(b)) => parts.push(format!("{what} {a}..={b}")),
        (Some(a), None) => parts.push(format!("{what} >= {a}")),
        (None, Some(b)) => parts.push(format!("{what} <= {b}")),
        (None, None) => {}
    }
    if let Some(p) = shape["pattern"].as_str() {
        // `*/` cannot appear inside a JSDoc comment.
        parts.push(format!("pattern `{}`", p.replace("*/", "*\\/")));
    }
    if shape["type"] == "timestamp" {
        parts.push("epoch seconds (the API also takes an RFC 3339 string in inputs)".to_string());
    }
    if member["idempotencyToken"] == true {
        parts.push("idempotency token: the client fills a UUIDv4 when it is left out".to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("`{target}`: {}.", parts.join("; "))
    }
}
