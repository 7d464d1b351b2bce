//! The server's steps: `cargo xtask run` (start it) and the interop step of `cargo xtask test`
//! (boto3 from PyPI and `@aws-sdk/client-imagebuilder` from npm, both unmodified, against the
//! emulator on a free loopback port).

use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// boto3 at the release of the pinned botocore (`model/SOURCE`).
pub const BOTO3_VERSION: &str = "1.44.5";

/// Kills the server when the step ends, however it ends.
pub struct ServerGuard(Child);

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn server_binary() -> PathBuf {
    util::target_dir().join("debug").join("imagebuilder-server")
}

/// A loopback port that was free a moment ago.
fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

impl ServerGuard {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.0.id()
    }
}

/// Starts the debug server with `args` on a free loopback port; returns its endpoint URL.
pub fn start_server(args: &[&str]) -> Result<(ServerGuard, String)> {
    start_server_at(&server_binary(), args)
}

/// Starts the server binary `binary` with `args` on a free loopback port.
pub fn start_server_at(binary: &Path, args: &[&str]) -> Result<(ServerGuard, String)> {
    let port = free_port()?;
    let listen = format!("127.0.0.1:{port}");
    let mut child = Command::new(binary)
        .args(["--listen", &listen])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))?;
    let stdout = child.stdout.take().context("no stdout from the server")?;
    let guard = ServerGuard(child);
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader
        .read_line(&mut first)
        .context("reading the server's first line")?;
    if !first.starts_with("imagebuilder-server listening on") {
        bail!("the server did not start: {first}");
    }
    // Keep draining the server's output so that it never writes into a closed pipe.
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            println!("    server: {line}");
        }
    });
    Ok((guard, format!("http://{listen}/emulator")))
}

/// The interop venv's Python, with boto3 installed (created under the target dir when missing).
fn boto3_python() -> Result<PathBuf> {
    crate::venv::python_with("interop-venv", "boto3", BOTO3_VERSION)
}

fn interop_dir() -> PathBuf {
    util::root().join("tests").join("interop")
}

fn npm_ci(dir: &Path) -> Result<()> {
    crate::bootstrap::npm_ci(dir, "tests/interop")
}

/// The interop step: build the server, start it accelerated, run boto3's and the JS SDK's flows.
pub fn test() -> Result<()> {
    util::cargo(&["build", "-p", "imagebuilder-server", "--locked"])?;
    let python = boto3_python()?;
    npm_ci(&interop_dir())?;
    let (server, endpoint) = start_server(&["--speed", "200"])?;
    util::run(
        Command::new(&python)
            .arg(interop_dir().join("boto3_flows.py"))
            .env("IB_ENDPOINT", &endpoint),
    )
    .context("boto3 flows")?;
    util::run(
        Command::new("node")
            .current_dir(interop_dir())
            .args(["--test", "sdk_flows.mjs"])
            .env("IB_ENDPOINT", &endpoint),
    )
    .context("@aws-sdk/client-imagebuilder flows")?;
    drop(server);
    Ok(())
}

/// Whether `web/` holds the real console (a Leptos app) rather than the placeholder.
fn console_exists() -> bool {
    std::fs::read_to_string(util::root().join("web").join("Cargo.toml"))
        .is_ok_and(|t| t.contains("leptos"))
}

/// `cargo xtask run`: build the console when it exists, then the server, and run it in the
/// foreground with the demo data (Ctrl-C stops it).
pub fn run() -> Result<()> {
    let mut args: Vec<String> = Vec::new();
    if console_exists() {
        crate::e2e::build_console()?;
        args.push("--static".into());
        args.push(util::root().join("dist").display().to_string());
    } else {
        println!(
            "run: the console is not built yet (web/ is a placeholder); serving the emulator only"
        );
    }
    util::cargo(&["build", "-p", "imagebuilder-server"])?;
    step("run: imagebuilder-server (Ctrl-C stops it)");
    let status = Command::new(server_binary())
        .args(&args)
        .status()
        .context("starting imagebuilder-server")?;
    if !status.success() {
        bail!("imagebuilder-server exited with {status}");
    }
    Ok(())
}
