//! The command line: one typed [`Command`] per `cargo xtask <command>`, its flags checked
//! against the table that also writes the usage text.

use anyhow::{Result, bail};

/// A parsed `cargo xtask` command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `run`.
    Run,
    /// `test [--no-bootstrap]`.
    Test { no_bootstrap: bool },
    /// `bootstrap`.
    Bootstrap,
    /// `update-model`.
    UpdateModel,
    /// `codegen [--check]`.
    Codegen { check: bool },
    /// `size [--check] [--probes] [--console]`.
    Size {
        check: bool,
        probes: bool,
        console: bool,
    },
    /// `bench [--quick]`.
    Bench { quick: bool },
    /// `botocore-fixtures`.
    BotocoreFixtures,
    /// `sigv4-corpus`.
    Sigv4Corpus,
    /// `npm [--test]`.
    Npm { test: bool },
    /// `bench-npm [--quick]`.
    BenchNpm { quick: bool },
    /// `interop`.
    Interop,
    /// `e2e [--screenshots]`.
    E2e { screenshots: bool },
    /// `bench-console`.
    BenchConsole,
    /// `console-wasm`.
    ConsoleWasm,
    /// `loadtest [--concurrency N] [--seconds N] [--scan-every N]`.
    Loadtest {
        concurrency: u32,
        seconds: u32,
        scan_every: u32,
    },
    /// `help`, or no command.
    Help,
}

/// `(name, flags, what it does)` of every command, in the order the usage lists them.
const COMMANDS: &[(&str, &[&str], &str)] = &[
    (
        "run",
        &[],
        "bootstrap, build, and start the server with the console and the emulator",
    ),
    (
        "test",
        &["--no-bootstrap"],
        "every test and check (fmt, codegen, clippy, docs, native, wasm and npm tests, purity)",
    ),
    (
        "bootstrap",
        &[],
        "install missing tools (wasm32 target, wasm-bindgen-cli, trunk, Chromium, binaryen, npm deps)",
    ),
    (
        "update-model",
        &[],
        "fetch botocore from PyPI and rewrite model/",
    ),
    (
        "codegen",
        &["--check"],
        "regenerate the generated Rust, JavaScript and TypeScript (--check: fail on a diff)",
    ),
    (
        "size",
        &["--check", "--probes", "--console"],
        "per-entry bundle sizes (gzip) and where the wasm's bytes go; --check: budgets; --probes: the core's protocol alone; --console: where the console's wasm bytes go",
    ),
    (
        "bench",
        &["--quick"],
        "benchmarks, as ratios against the JavaScript peers",
    ),
    (
        "botocore-fixtures",
        &[],
        "regenerate the botocore rest-json conformance fixtures (Python venv in target/)",
    ),
    (
        "sigv4-corpus",
        &[],
        "regenerate the botocore-signed SigV4 corpus (differential signing test; Python venv in target/)",
    ),
    (
        "npm",
        &["--test"],
        "build the npm package into crates/imagebuilder-wasm/pkg (--test: and test it)",
    ),
    (
        "interop",
        &[],
        "boto3 and @aws-sdk/client-imagebuilder against the emulator (part of test)",
    ),
    (
        "e2e",
        &["--screenshots"],
        "the console in Chromium (Playwright, tests/e2e/) against the server (part of test); --screenshots: rewrite the README's docs/screenshots/",
    ),
    (
        "bench-console",
        &[],
        "the console's size and timings in Chromium (gzip, first render, 10,000 rows, 100,000 lines)",
    ),
    (
        "console-wasm",
        &[],
        "the console's wasm split at its pages, bound by wasm-bindgen (Trunk's build hook runs it)",
    ),
    (
        "loadtest",
        &["--concurrency N", "--seconds N", "--scan-every N"],
        "concurrent signed ListImages over 10,000 images (loopback; defaults 200 workers, 30 s; p50/p99, memory)",
    ),
    (
        "bench-npm",
        &["--quick"],
        "the npm package against the JavaScript peers (signing, ARNs, bundle sizes)",
    ),
];

/// The usage text.
pub fn usage() -> String {
    let mut s = String::from("usage: cargo xtask <command> [flags]\n\ncommands:\n");
    for (name, flags, what) in COMMANDS {
        let flags = flags.join(" ");
        s.push_str(&format!("  {:<32} {what}\n", format!("{name} {flags}")));
    }
    s
}

impl Command {
    /// Parses the arguments after `cargo xtask`.
    pub fn parse(args: &[String]) -> Result<Command> {
        let Some((name, rest)) = args.split_first() else {
            return Ok(Command::Help);
        };
        if matches!(name.as_str(), "help" | "--help" | "-h") {
            return Ok(Command::Help);
        }
        let Some((_, allowed, _)) = COMMANDS.iter().find(|(n, _, _)| n == name) else {
            bail!("unknown command `{name}`\n\n{}", usage());
        };
        // Flags written `--name N` take a whole number as the next argument.
        let mut values: Vec<(&str, u32)> = Vec::new();
        let mut args = rest.iter();
        while let Some(arg) = args.next() {
            if let Some(spec) = allowed
                .iter()
                .find(|f| f.strip_suffix(" N") == Some(arg.as_str()))
            {
                let Some(value) = args.next().and_then(|v| v.parse::<u32>().ok()) else {
                    bail!("{name}: {spec} takes a whole number");
                };
                values.push((arg.as_str(), value));
                continue;
            }
            if !allowed.contains(&arg.as_str()) {
                let accepted = if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed.join(", ")
                };
                bail!("{name}: unknown argument `{arg}` (accepted: {accepted})");
            }
        }
        let flag = |f: &str| rest.iter().any(|a| a == f);
        let value = |f: &str, default: u32| {
            values
                .iter()
                .rev()
                .find(|(n, _)| *n == f)
                .map_or(default, |(_, v)| *v)
        };
        Ok(match name.as_str() {
            "run" => Command::Run,
            "test" => Command::Test {
                no_bootstrap: flag("--no-bootstrap"),
            },
            "bootstrap" => Command::Bootstrap,
            "update-model" => Command::UpdateModel,
            "codegen" => Command::Codegen {
                check: flag("--check"),
            },
            "size" => Command::Size {
                check: flag("--check"),
                probes: flag("--probes"),
                console: flag("--console"),
            },
            "bench" => Command::Bench {
                quick: flag("--quick"),
            },
            "botocore-fixtures" => Command::BotocoreFixtures,
            "sigv4-corpus" => Command::Sigv4Corpus,
            "npm" => Command::Npm {
                test: flag("--test"),
            },
            "bench-npm" => Command::BenchNpm {
                quick: flag("--quick"),
            },
            "interop" => Command::Interop,
            "e2e" => Command::E2e {
                screenshots: flag("--screenshots"),
            },
            "bench-console" => Command::BenchConsole,
            "console-wasm" => Command::ConsoleWasm,
            "loadtest" => Command::Loadtest {
                concurrency: value("--concurrency", 200),
                seconds: value("--seconds", 30),
                scan_every: value("--scan-every", 0),
            },
            other => bail!("command `{other}` is listed but not parsed"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command> {
        Command::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn every_listed_command_parses_with_each_of_its_flags() {
        for (name, flags, _) in COMMANDS {
            assert!(parse(&[name]).is_ok(), "{name}");
            for flag in *flags {
                let words: Vec<&str> = flag.replace(" N", " 7").leak().split(' ').collect();
                let mut args = vec![*name];
                args.extend(words);
                assert!(parse(&args).is_ok(), "{name} {flag}");
            }
        }
    }

    #[test]
    fn flags_are_typed_and_unknown_ones_refused() {
        assert_eq!(
            parse(&["codegen", "--check"]).ok(),
            Some(Command::Codegen { check: true })
        );
        assert_eq!(parse(&[]).ok(), Some(Command::Help));
        assert!(parse(&["codegen", "--chek"]).is_err());
        assert!(parse(&["size", "--quick"]).is_err());
        assert_eq!(
            parse(&["size", "--check"]).ok(),
            Some(Command::Size {
                check: true,
                probes: false,
                console: false
            })
        );
        assert_eq!(
            parse(&["size", "--console"]).ok(),
            Some(Command::Size {
                check: false,
                probes: false,
                console: true
            })
        );
        assert_eq!(
            parse(&["e2e"]).ok(),
            Some(Command::E2e { screenshots: false })
        );
        assert_eq!(
            parse(&["e2e", "--screenshots"]).ok(),
            Some(Command::E2e { screenshots: true })
        );
        assert!(parse(&["nope"]).is_err());
        assert_eq!(
            parse(&["loadtest", "--seconds", "5"]).ok(),
            Some(Command::Loadtest {
                concurrency: 200,
                seconds: 5,
                scan_every: 0
            })
        );
        assert!(parse(&["loadtest", "--seconds"]).is_err());
        assert!(parse(&["loadtest", "--seconds", "soon"]).is_err());
    }
}
