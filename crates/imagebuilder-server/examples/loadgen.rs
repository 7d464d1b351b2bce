//! The load generator of `cargo xtask loadtest`: `--concurrency` workers send signed ListImages
//! to a loopback emulator for `--seconds`, then it prints p50/p99/max latency, errors and the
//! server's resident memory over the run. Bounded: loopback only, at most 500 workers and 120 s.

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use imagebuilder_core::signing::{
    Credentials, Payload, SignableRequest, SigningParams, sign_headers,
};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

struct Args {
    endpoint: String,
    concurrency: usize,
    seconds: u64,
    server_pid: Option<u32>,
    /// Every Nth request filters by platform (a scan of all images); 0: never.
    scan_every: u64,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        endpoint: String::new(),
        concurrency: 200,
        seconds: 30,
        server_pid: None,
        scan_every: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--endpoint" => a.endpoint = value,
            "--concurrency" => {
                a.concurrency = value.parse().map_err(|_| "--concurrency: a number")?
            }
            "--seconds" => a.seconds = value.parse().map_err(|_| "--seconds: a number")?,
            "--scan-every" => a.scan_every = value.parse().map_err(|_| "--scan-every: a number")?,
            "--server-pid" => {
                a.server_pid = Some(value.parse().map_err(|_| "--server-pid: a number")?)
            }
            other => return Err(format!("unknown flag {other}")),
        }
    }
    if !a.endpoint.starts_with("http://127.0.0.1:") {
        return Err("--endpoint must be http://127.0.0.1:<port>/... (loopback only)".into());
    }
    if !(1..=500).contains(&a.concurrency) || !(1..=120).contains(&a.seconds) {
        return Err("--concurrency must be 1..=500 and --seconds 1..=120".into());
    }
    Ok(a)
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::exit(2);
        }
    };
    let creds = Arc::new(Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        None,
    ));
    let client = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(a.concurrency)
        .build_http::<Full<Bytes>>();
    let url = format!("{}/ListImages", a.endpoint);
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let rss_start = a.server_pid.and_then(rss_kib);
    let sampler = a.server_pid.map(|pid| {
        tokio::spawn(async move {
            let mut samples = Vec::new();
            while Instant::now() < deadline {
                samples.extend(rss_kib(pid));
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            samples
        })
    });
    let scan_every = a.scan_every;
    let mut workers = Vec::new();
    for w in 0..a.concurrency {
        let (client, creds, url) = (client.clone(), creds.clone(), url.clone());
        workers.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0u64;
            let mut n = 0u64;
            while Instant::now() < deadline {
                // First pages (25 of 10,000); with --scan-every N, every Nth a platform filter
                // that scans all of them.
                let body: &[u8] = if scan_every > 0 && (w as u64 + n).is_multiple_of(scan_every) {
                    br#"{"owner":"Self","maxResults":25,"filters":[{"name":"platform","values":["Windows"]}]}"#
                } else {
                    br#"{"owner":"Self","maxResults":25}"#
                };
                n += 1;
                let mut headers = vec![("content-type".to_string(), "application/json".to_string())];
                let started = Instant::now();
                let signed = sign_headers(
                    &SignableRequest { method: "POST", url: &url, headers: &headers, payload: Payload::Bytes(body) },
                    &SigningParams::new(&creds, "us-east-1", "imagebuilder", SystemTime::now()),
                );
                let Ok(signed) = signed else {
                    errors += 1;
                    continue;
                };
                headers.extend(signed.headers);
                let mut b = hyper::Request::builder().method("POST").uri(&url);
                for (k, v) in &headers {
                    b = b.header(k.as_str(), v.as_str());
                }
                let Ok(req) = b.body(Full::new(Bytes::from_static(body))) else {
                    errors += 1;
                    continue;
                };
                match client.request(req).await {
                    Ok(r) if r.status() == 200 => match r.into_body().collect().await {
                        Ok(_) => lat.push(started.elapsed()),
                        Err(_) => errors += 1,
                    },
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for w in workers {
        if let Ok((lat, e)) = w.await {
            all.extend(lat);
            errors += e;
        }
    }
    all.sort();
    let samples = match sampler {
        Some(s) => s.await.unwrap_or_default(),
        None => Vec::new(),
    };
    println!(
        "loadgen: {} workers, {} s: {} requests ({:.0}/s), {} errors; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        a.concurrency,
        a.seconds,
        all.len(),
        all.len() as f64 / a.seconds as f64,
        errors,
        percentile(&all, 0.50).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    if let (Some(start), Some(max), Some(end)) = (rss_start, samples.iter().max(), samples.last()) {
        println!(
            "loadgen: server RSS {} MiB at start, {} MiB max, {} MiB at end",
            start / 1024,
            max / 1024,
            end / 1024
        );
    }
    if errors > 0 {
        std::process::exit(1);
    }
}
