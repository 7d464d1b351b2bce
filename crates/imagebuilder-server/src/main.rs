//! `imagebuilder-server`: see the crate docs and the README.

use anyhow::Context;
use clap::Parser;
use imagebuilder_core::signing::Credentials;
use imagebuilder_server::cli::Args;
use imagebuilder_server::emulator::{Emulator, EmulatorConfig, demo};
use imagebuilder_server::http::{RouterConfig, router};
use imagebuilder_server::store::Store;
use std::io::Write;
use std::sync::Arc;

/// Prints a line; a closed stdout (a parent that stopped reading) is not a reason to panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let store = Store::open(args.data.as_deref()).context("opening the state database")?;
    let config = EmulatorConfig {
        account: demo::ACCOUNT.to_string(),
        region: args.region.clone(),
        credentials: Credentials::new(
            args.access_key_id.clone(),
            args.secret_access_key.clone(),
            args.session_token.clone(),
        ),
        speed: args.speed,
    };
    let emulator = Arc::new(Emulator::new(config, store).context("loading the demo data")?);
    emulator.set_test_faults(args.test_faults);
    if args.bench_images > 0 {
        let images = demo::bench_images(demo::ACCOUNT, &args.region, args.bench_images as usize);
        emulator
            .write()
            .put_many(images)
            .context("adding the load-test images")?;
    }
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("binding {}", args.listen))?;
    let addr = listener.local_addr()?;
    let mut config = RouterConfig::loopback(addr);
    config.static_dir = args.static_dir.clone();
    let app = router(emulator.clone(), &config);
    // Listening for the stop signals starts here, before the banner: whoever reads the banner
    // (a script, a test) may stop the server at once, and that must stop it gracefully.
    let stop = stop_signal()?;
    say!("imagebuilder-server listening on http://{addr}/");
    match &args.static_dir {
        Some(dir) => say!("  console:  http://{addr}/ (from {})", dir.display()),
        None => say!("  console:  not built yet (no --static DIR)"),
    }
    say!("  endpoint: http://{addr}/emulator");
    say!(
        "  relay:    http://{addr}/relay/<region>/ (to imagebuilder.<region>.<the partition's DNS suffix>)"
    );
    say!("  region:   {}", args.region);
    if args.test_faults {
        say!(
            "  test faults: on (x-imagebuilder-emulator-fault, x-imagebuilder-emulator-clock-offset)"
        );
    }
    say!("  access key id:     {}", args.access_key_id);
    if args.secret_access_key == imagebuilder_server::cli::DEMO_SECRET_ACCESS_KEY {
        say!(
            "  secret access key: {} (AWS's documented example)",
            args.secret_access_key
        );
    } else {
        say!("  secret access key: (as given with --secret-access-key)");
    }
    match &args.data {
        Some(p) => say!("  state:    {}", p.display()),
        None => say!("  state:    in memory (use --data FILE to keep it)"),
    }
    axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await
        .context("serving")?;
    emulator
        .read()
        .flush()
        .context("flushing the state database")?;
    say!("imagebuilder-server stopped; state flushed");
    Ok(())
}

/// Ctrl-C (SIGINT), or SIGTERM on Unix (what service managers and `kill` send). The handlers are
/// installed when this is called, not when the returned future is first polled.
fn stop_signal() -> anyhow::Result<impl Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt()).context("listening for SIGINT")?;
        let mut terminate = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
