//! The command line.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// AWS's documented example access key id: the demo credentials.
pub const DEMO_ACCESS_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
/// AWS's documented example secret access key.
pub const DEMO_SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// The demo region.
pub const DEMO_REGION: &str = "us-east-1";

/// imagebuilder-server: a local EC2 Image Builder (emulator) and the console's files.
#[derive(Parser, Clone)]
#[command(version, about)]
pub struct Args {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// SQLite file that keeps the emulator's state across restarts (default: in memory).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// How much faster than real time builds progress.
    #[arg(long, default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f64,
    /// Access key id the emulator accepts.
    #[arg(long, default_value = DEMO_ACCESS_KEY_ID)]
    pub access_key_id: String,
    /// Secret access key the emulator accepts.
    #[arg(long, default_value = DEMO_SECRET_ACCESS_KEY, hide_default_value = true)]
    pub secret_access_key: String,
    /// Session token every request must carry (default: none).
    #[arg(long, hide_default_value = true)]
    pub session_token: Option<String>,
    /// Region requests are signed for.
    #[arg(long, default_value = DEMO_REGION)]
    pub region: String,
    /// Directory of the console's built files (served with SPA fallback).
    #[arg(long = "static")]
    pub static_dir: Option<PathBuf>,
    /// Add this many synthetic own images (`bench-00001`...) for load tests (at most 100000).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=100_000))]
    pub bench_images: u32,
    /// Tests only: honour the x-imagebuilder-emulator-fault and -clock-offset request headers
    /// (answer an error on purpose, run the clock off) so retries and clock corrections show.
    #[arg(long)]
    pub test_faults: bool,
}

impl std::fmt::Debug for Args {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Args")
            .field("listen", &self.listen)
            .field("data", &self.data)
            .field("speed", &self.speed)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("region", &self.region)
            .field("static_dir", &self.static_dir)
            .field("bench_images", &self.bench_images)
            .field("test_faults", &self.test_faults)
            .finish()
    }
}

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 1_000_000.0 => Ok(v),
        _ => Err(format!(
            "--speed must be a number above 0 and at most 1000000, got `{s}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_demo_account_on_loopback() {
        let a = Args::try_parse_from(["imagebuilder-server"]).unwrap();
        assert_eq!(a.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(a.access_key_id, DEMO_ACCESS_KEY_ID);
        assert!(!format!("{a:?}").contains(DEMO_SECRET_ACCESS_KEY));
    }

    #[test]
    fn a_bad_speed_is_refused_naming_the_flag() {
        let err = Args::try_parse_from(["imagebuilder-server", "--speed", "0"]).unwrap_err();
        assert!(err.to_string().contains("--speed must be a number above 0"));
    }
}
