//! Native benchmarks of the version and ARN paths (`harness = false`, plain `Instant` timing:
//! warm-up, then the median of several rounds).
//!
//! ```sh
//! IMAGEBUILDER_ARNS=/path/to/arns-100k.txt cargo bench -p imagebuilder-core --bench core
//! ```
//!
//! `IMAGEBUILDER_ARNS` is the peers' generated list (`../shared/peers`, see `cargo xtask bench`);
//! its sibling `arns-100k.malformed.tsv` gives the malformed line numbers. Without it the ARN part
//! is skipped. Machine-readable lines (parsed by the xtask): `arns_per_second=<float>`,
//! `arn_label_mismatches=<int>`, `latest_matching_ms=<float>`.

use imagebuilder_core::arn::{self, ArnShape, ImageBuilderArn};
use imagebuilder_core::version::{BuildVersion, Version, VersionFilter, latest_matching};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROUNDS: usize = 11;
const ROUND_TIME: Duration = Duration::from_millis(250);
const WARM_UP: Duration = Duration::from_millis(500);

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Nanoseconds this thread has spent on a CPU (Linux `/proc/thread-self/schedstat`), if known.
/// Unlike wall-clock time it does not grow while the thread waits for a core, so it tells what
/// the code costs on a machine shared with other work.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Items per second: the median over rounds of wall-clock rates, its min and max, and the median
/// of on-CPU rates (if the platform tells on-CPU time).
#[derive(Debug)]
struct Rates {
    median: f64,
    min: f64,
    max: f64,
    on_cpu: Option<f64>,
}

/// Runs `pass` (which processes `items` items) for a warm-up, then `ROUNDS` rounds of at least
/// `ROUND_TIME`.
fn throughput(items: usize, mut pass: impl FnMut() -> usize) -> Rates {
    let start = Instant::now();
    while start.elapsed() < WARM_UP {
        black_box(pass());
    }
    let mut rates = Vec::with_capacity(ROUNDS);
    let mut cpu_rates = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let cpu_start = thread_cpu_ns();
        let start = Instant::now();
        let mut passes = 0usize;
        while start.elapsed() < ROUND_TIME {
            black_box(pass());
            passes += 1;
        }
        let done = (passes * items) as f64;
        rates.push(done / start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_ns())
            && b > a
        {
            cpu_rates.push(done / ((b - a) as f64 / 1e9));
        }
    }
    let min = rates.iter().copied().fold(f64::INFINITY, f64::min);
    let max = rates.iter().copied().fold(0.0, f64::max);
    let on_cpu = (cpu_rates.len() == ROUNDS).then(|| median(cpu_rates));
    Rates {
        median: median(rates),
        min,
        max,
        on_cpu,
    }
}

fn malformed_lines(list: &Path) -> Result<Vec<usize>, String> {
    let stem = list
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("arns-100k");
    let path: PathBuf = list.with_file_name(format!("{stem}.malformed.tsv"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let n = l.split('\t').next().unwrap_or_default();
            n.parse::<usize>()
                .map_err(|e| format!("{}: bad line number {n:?}: {e}", path.display()))
        })
        .collect()
}

fn bench_arns() -> Result<(), String> {
    let Some(path) = std::env::var_os("IMAGEBUILDER_ARNS").map(PathBuf::from) else {
        println!("IMAGEBUILDER_ARNS is not set: skipping the ARN benchmark");
        return Ok(());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let arns: Vec<&str> = text.lines().collect();
    let mut malformed = vec![false; arns.len()];
    for n in malformed_lines(&path)? {
        *malformed
            .get_mut(n.wrapping_sub(1))
            .ok_or(format!("malformed line {n} is out of range"))? = true;
    }

    // Agreement with the generator's labels ("valid" = acceptable as ImageBuilderArn).
    let mut mismatches = 0usize;
    for (i, (s, bad)) in arns.iter().zip(&malformed).enumerate() {
        let verdict = ArnShape::ImageBuilderArn.validate(s);
        if verdict.is_ok() == *bad {
            mismatches += 1;
            if mismatches <= 10 {
                println!(
                    "label mismatch on line {}: {s:?} labelled {}: {verdict:?}",
                    i + 1,
                    if *bad { "malformed" } else { "valid" }
                );
            }
        }
    }
    let valid = malformed.iter().filter(|m| !**m).count();
    println!(
        "ARN list: {} ({} ARNs, {} labelled valid)",
        path.display(),
        arns.len(),
        valid
    );

    let parse = throughput(arns.len(), || {
        arns.iter()
            .filter(|s| ImageBuilderArn::parse(black_box(s)).is_ok())
            .count()
    });
    let rate = parse.median;
    println!(
        "ImageBuilderArn::parse over the list: {rate:.0} ARNs/s median wall clock ({:.0}..{:.0}), {:.1} ns/ARN",
        parse.min,
        parse.max,
        1e9 / rate
    );
    if let Some(cpu) = parse.on_cpu {
        println!(
            "    on-CPU time only (excludes waiting for a core on a shared machine): {cpu:.0} ARNs/s, {:.1} ns/ARN",
            1e9 / cpu
        );
    }
    let by_name = throughput(arns.len(), || {
        arns.iter()
            .filter(|s| arn::validate_for("ImageBuilderArn", black_box(s)).is_ok())
            .count()
    });
    println!(
        "arn::validate_for(\"ImageBuilderArn\", _) (shape looked up by name each call): {:.0} ARNs/s median wall clock",
        by_name.median
    );
    println!("arns_per_second={rate:.1}");
    println!("arn_label_mismatches={mismatches}");
    Ok(())
}

/// 100,000 build versions from a fixed xorshift sequence (no randomness source needed).
fn generated_versions(count: usize) -> Vec<BuildVersion> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |bound: u32| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % u64::from(bound)) as u32
    };
    (0..count)
        .filter_map(|_| {
            Version::new(next(10), next(50), next(200))
                .ok()?
                .with_build(1 + next(20))
                .ok()
        })
        .collect()
}

fn bench_latest_matching() -> Result<(), String> {
    let versions = generated_versions(100_000);
    let filter: VersionFilter = "3.x.x".parse().map_err(|e| format!("{e}"))?;
    let expected = versions
        .iter()
        .filter(|v| filter.matches(&v.version()))
        .max()
        .copied();
    let got = latest_matching(&filter, &versions).copied();
    if got != expected {
        return Err(format!(
            "latest_matching gave {got:?}, expected {expected:?}"
        ));
    }
    let runs = throughput(1, || {
        usize::from(latest_matching(black_box(&filter), black_box(&versions)).is_some())
    });
    let ms = 1e3 / runs.median;
    if let Some(cpu) = runs.on_cpu {
        println!("latest_matching: {:.4} ms on-CPU time", 1e3 / cpu);
    }
    let any = latest_matching(&VersionFilter::ANY, &versions)
        .map(ToString::to_string)
        .unwrap_or_default();
    println!(
        "latest_matching(3.x.x) over {} build versions: {ms:.3} ms median (x.x.x resolves to {any})",
        versions.len()
    );
    println!("latest_matching_ms={ms:.4}");
    Ok(())
}

fn main() {
    let mut failed = false;
    for (name, result) in [
        ("ARN", bench_arns()),
        ("latest_matching", bench_latest_matching()),
    ] {
        if let Err(e) = result {
            eprintln!("{name} benchmark failed: {e}");
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}
