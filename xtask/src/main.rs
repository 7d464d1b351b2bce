//! `cargo xtask`: the project's automation (`cargo xtask help` lists the commands; [`cli`] parses
//! them).
//!
//! - `bootstrap`: install what is missing (wasm32 target, pinned wasm-bindgen-cli, trunk,
//!   Debian's Chromium/ChromeDriver/binaryen when root, npm dependencies). Idempotent.
//! - `run`: bootstrap, build, start the server with the console and the emulator.
//! - `test`: every check and test the project has (what `.ci/run` calls).
//! - `update-model`: fetch the pinned botocore wheel from PyPI and rewrite `model/`.
//! - `codegen`: the generated Rust, JavaScript and TypeScript, from `model/` and the Rust enums.
//! - `npm`: the npm package, built through the one wasm pipeline ([`wasm`]) that `size` measures.
//! - `bench`, `bench-npm`: benchmarks, printed as ratios against the JavaScript peers of
//!   `../shared/peers`.

mod bench;
mod bench_console;
mod bootstrap;
mod botocore_fixtures;
mod cli;
mod codegen;
mod console_wasm;
mod e2e;
mod interop;
mod loadtest;
mod model;
mod npm;
mod precompress;
mod sigv4_corpus;
mod size;
mod strip_sections;
mod test;
mod util;
mod venv;
mod wasm;

use anyhow::Result;
use cli::Command;

fn main() {
    if let Err(err) = real_main() {
        eprintln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match Command::parse(&args)? {
        Command::Bootstrap => bootstrap::run(),
        Command::Test { no_bootstrap } => test::run(no_bootstrap),
        Command::UpdateModel => model::update(),
        Command::Codegen { check } => codegen::run(check),
        Command::Size {
            check,
            probes,
            console,
        } => size::run(check, probes, console),
        Command::Bench { quick } => bench::run(quick),
        Command::Npm { test } => npm::run(test),
        Command::BenchNpm { quick } => bench::bench_npm(quick),
        Command::BotocoreFixtures => botocore_fixtures::run(),
        Command::Sigv4Corpus => sigv4_corpus::run(),
        Command::Interop => interop::test(),
        Command::E2e { screenshots } => e2e::test(screenshots),
        Command::BenchConsole => bench_console::run(),
        Command::ConsoleWasm => console_wasm::run(),
        Command::Loadtest {
            concurrency,
            seconds,
            scan_every,
        } => loadtest::run(concurrency, seconds, scan_every),
        Command::Run => run(),
        Command::Help => {
            print!("{}", cli::usage());
            Ok(())
        }
    }
}

fn run() -> Result<()> {
    bootstrap::run()?;
    interop::run()
}
