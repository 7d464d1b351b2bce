//! `cargo xtask`: the project's automation.
//!
//! - `bootstrap`: install what is missing (wasm32 target, pinned wasm-bindgen-cli, trunk,
//!   Debian's Chromium/ChromeDriver/binaryen when root, npm dependencies). Idempotent.
//! - `run`: bootstrap, build, start the server with the console and the emulator.
//! - `test`: every check and test the project has (what `.ci/run` calls).
//! - `update-model`: fetch the pinned botocore wheel from PyPI and rewrite `model/`.
//! - `bench`: benchmarks, printed as ratios against the JavaScript peers of `../shared/peers`.

mod bench;
mod bench_console;
mod bootstrap;
mod botocore_fixtures;
mod codegen;
mod e2e;
mod interop;
mod loadtest;
mod model;
mod npm;
mod sigv4_corpus;
mod size;
mod test;
mod util;

use anyhow::{Result, bail};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  run            bootstrap, build, and start the server with the console and the emulator
  test           every test and check (fmt, clippy, docs, native and wasm tests, purity)
  bootstrap      install missing tools (add --for-test to install only what tests need)
  update-model   fetch botocore from PyPI and rewrite model/
  codegen        regenerate crates/imagebuilder-{core,client}/src/generated from model/ (--check: fail on a diff)
  size           wasm size of the core's protocol: typed shapes vs the JSON path (gzipped)
  bench          benchmarks, as ratios against the JavaScript peers
  botocore-fixtures  regenerate the botocore rest-json conformance fixtures (Python venv in target/)
  sigv4-corpus   regenerate the botocore-signed SigV4 corpus (differential signing test)
  npm            build the npm package into crates/imagebuilder-wasm/pkg (--test: and test it)
  loadtest       200 concurrent signed ListImages over 10,000 images for 30 s (loopback; p50/p99, memory)
  interop        boto3 and @aws-sdk/client-imagebuilder against the emulator (part of test)
  e2e            the console in Chromium (Playwright, tests/e2e/) against the server (part of test)
  bench-console  the console's size and timings in Chromium (gzip, first render, 10,000 rows, 100,000 lines)
  bench-npm      the npm package against the JavaScript peers (signing, ARNs, bundle sizes)
";

fn main() {
    if let Err(err) = real_main() {
        eprintln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        print!("{USAGE}");
        return Ok(());
    };
    let rest = &args[1..];
    match command.as_str() {
        "bootstrap" => {
            let scope = if rest.iter().any(|a| a == "--for-test") {
                bootstrap::Scope::Test
            } else {
                bootstrap::Scope::Everything
            };
            bootstrap::run(scope)
        }
        "test" => test::run(rest),
        "update-model" => model::update(),
        "codegen" => codegen::run(rest),
        "size" => size::run(rest),
        "bench" => bench::run(rest),
        "npm" => npm::run(rest),
        "bench-npm" => npm::bench_npm(rest),
        "botocore-fixtures" => botocore_fixtures::run(),
        "sigv4-corpus" => sigv4_corpus::run(),
        "run" => run(),
        "interop" => interop::test(),
        "e2e" => e2e::test(rest),
        "bench-console" => bench_console::run(rest),
        "loadtest" => loadtest::run(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

fn run() -> Result<()> {
    bootstrap::run(bootstrap::Scope::Everything)?;
    interop::run()
}
