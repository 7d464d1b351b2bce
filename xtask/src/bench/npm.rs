//! `cargo xtask bench-npm [--quick]`: the npm package (built by [`npm::build`]) against the
//! JavaScript peers, measured in the same run, printed as ratios.

use crate::npm;
use crate::util::{self, step};
use anyhow::Result;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// `cargo xtask bench-npm [--quick]`: the package against the JavaScript peers, in one run of the
/// peers' harness (`run-all.mjs --with tests/npm/peers-adapter.mjs`), printed as ratios.
pub fn bench_npm(quick: bool) -> Result<()> {
    let pkg = npm::build()?;
    let peers = super::prepare_peers()?;
    let entries_dir = peers.join("bundle-entries");
    // Bundle entries that import the package's browser files by absolute path (the peers'
    // folder has no dependency on the package).
    let index = pkg.join("index.js");
    let lite = pkg.join("lite.js");
    let validate = pkg.join("validate.js");
    let client_entry = entries_dir.join("e-imagebuilder-wasm-client.mjs");
    let lite_entry = entries_dir.join("f-imagebuilder-wasm-lite.mjs");
    let validate_entry = entries_dir.join("g-imagebuilder-wasm-validate.mjs");
    let bench_dir = util::root().join("tests/npm/bench");
    for (template, dest, target) in [
        ("client-entry.mjs", &client_entry, &index),
        ("lite-entry.mjs", &lite_entry, &lite),
        ("validate-entry.mjs", &validate_entry, &validate),
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
        .arg("--entry")
        .arg(format!(
            "imagebuilder-wasm-validate={}",
            validate_entry.display()
        ))
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
        .arg("--file")
        .arg(format!(
            "imagebuilder-wasm-validate-wasm={}",
            pkg.join("wasm/imagebuilder_wasm_validate_bg.wasm")
                .display()
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
    let sign = util::read_json(&results.join("sign.json"))?;
    let arn = util::read_json(&results.join("arn.json"))?;
    let bundle = util::read_json(&results.join("bundle.json"))?;
    let client = util::read_json(&results.join("client.json"))?;
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
            "    signing: {a:.0} sig/s ({ours}) vs {b:.0} sig/s ({theirs}): {:.2}x (goal >= 1.0x)",
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
    // The peer row each is weighed against: one call per ARN against util-arn-parser's `parse`
    // (one call per ARN, an object or a throw), a batch against its `validate` (a verdict each).
    let peer = |exact: &str| {
        arn["results"]
            .as_array()?
            .iter()
            .find(|r| r["name"] == exact)?["median"]
            .as_f64()
    };
    for (name, median) in &cases {
        // Issue 16: one call per ARN >= 1 M/s; a batch >= 5 M/s.
        let (goal, peer_name) = if name.contains("one call per ARN") {
            (1, "@aws-sdk/util-arn-parser parse (try/catch)")
        } else {
            (5, "@aws-sdk/util-arn-parser validate")
        };
        let vs = peer(peer_name)
            .map(|p| format!(", {:.2}x {peer_name} ({:.2} M/s)", median / p, p / 1e6))
            .unwrap_or_else(|| format!(", no {peer_name} row"));
        println!(
            "    ARNs: {:.2} M/s ({name}){vs} (goal >= {goal} M/s)",
            median / 1e6
        );
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
    // Each entry against the peer a user would take for the same job (bundled the same way).
    for (label, js, wasm, goal, peer, peer_label) in [
        (
            "validate (validateArn alone)",
            "imagebuilder-wasm-validate",
            "imagebuilder-wasm-validate-wasm",
            25 * 1024,
            "c-util-arn-parser",
            "@aws-sdk/util-arn-parser",
        ),
        (
            "lite (ARNs, versions, signing)",
            "imagebuilder-wasm-lite",
            "imagebuilder-wasm-lite-wasm",
            60 * 1024,
            "b-aws4fetch",
            "aws4fetch",
        ),
        (
            "full client, all operations",
            "imagebuilder-wasm-client",
            "imagebuilder-wasm-client-wasm",
            100 * 1024,
            "a-sdk-client-imagebuilder",
            "the JS SDK's three-command client",
        ),
    ] {
        if let (Some(js), Some(wasm)) = (gz(js), gz(wasm)) {
            let total = js + wasm;
            let vs = gz(peer)
                .map(|p| format!(", {:.2}x {peer_label} ({p} B)", total as f64 / p as f64))
                .unwrap_or_default();
            println!(
                "    bundle {label}: {total} B gzip -9 (JS {js} + wasm {wasm}); goal <= {goal} B{vs}"
            );
        }
    }
    Ok(())
}
