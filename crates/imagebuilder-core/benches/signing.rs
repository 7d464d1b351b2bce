//! Native signing throughput: signs the golden ListImages request (the same input the JS peers
//! sign in /work/shared/peers) in a loop and prints `signatures_per_second=<n>`.
//!
//! Run: `cargo bench -p imagebuilder-core --bench signing` (optionally `-- <seconds>`).

use imagebuilder_core::signing::{
    Credentials, Payload, SignableRequest, SigningParams, sign_headers, time_from_unix_millis,
};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let seconds: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(3.0);
    let credentials = Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
    );
    let headers = [("content-type".to_string(), "application/json".to_string())];
    let body = br#"{"owner":"Self","maxResults":25}"#;
    let request = SignableRequest {
        method: "POST",
        url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
        headers: &headers,
        payload: Payload::Bytes(body),
    };
    // 2015-08-30T12:36:00Z
    let params = SigningParams::new(
        &credentials,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(1_440_938_160_000),
    );
    // Warm up, and check the output once so the loop measures a correct signer.
    let first = sign_headers(&request, &params).expect("the golden request signs");
    assert_eq!(
        first.signature,
        "d7d81437e37ce478f2c46b0c3742d2c62e6707e37671a91edde84907acdc1cbd"
    );
    let budget = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut count: u64 = 0;
    while started.elapsed() < budget {
        for _ in 0..1000 {
            let signed = sign_headers(black_box(&request), black_box(&params));
            black_box(signed.is_ok());
        }
        count += 1000;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!("signatures={count} seconds={elapsed:.3}");
    println!("signatures_per_second={:.0}", count as f64 / elapsed);
}
