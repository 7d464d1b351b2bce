//! Native throughput of `client.send::<ListImages>(, ())` end to end (validate, lay out, sign,
//! send through a stub transport that answers a canned 20-image page at once, parse), printing
//! `calls_per_second=<n>`. No network: the figure is the client's own cost per call.
//!
//! Run: `cargo bench -p imagebuilder-client --bench list_images` (optionally `-- <seconds>`).

use futures_util::future::{self, LocalBoxFuture};
use imagebuilder_client::{
    Client, Clock, StaticCredentials, Transport, TransportError, TransportRequest,
    TransportResponse,
};
use imagebuilder_core::operations::ListImages;
use imagebuilder_core::types::ListImagesRequest;
use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

struct StubTransport {
    page: TransportResponse,
}

impl Transport for StubTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> LocalBoxFuture<'static, Result<TransportResponse, TransportError>> {
        black_box(&request);
        Box::pin(future::ready(Ok(self.page.clone())))
    }
}

struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        Box::pin(async move { std::thread::sleep(duration) })
    }
}

fn page() -> TransportResponse {
    let items: Vec<String> = (0..20)
        .map(|i| {
            format!(
                r#"{{"arn":"arn:aws:imagebuilder:us-east-1:123456789012:image/bench-{i}/1.0.{i}","name":"bench-{i}","type":"AMI","version":"1.0.{i}","platform":"Linux","osVersion":"Amazon Linux 2023","owner":"123456789012","dateCreated":"2026-01-01T00:00:00.000Z","buildType":"USER_INITIATED"}}"#
            )
        })
        .collect();
    TransportResponse {
        status: 200,
        headers: vec![("content-type".to_string(), "application/json".to_string())],
        body: format!(
            r#"{{"requestId":"r","imageVersionList":[{}],"nextToken":"next"}}"#,
            items.join(",")
        )
        .into_bytes(),
    }
}

fn main() {
    let seconds: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(3.0);
    let client = Client::builder()
        .region("us-east-1")
        .credentials(StaticCredentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        ))
        .transport(StubTransport { page: page() })
        .clock(SystemClock)
        .build()
        .expect("the bench client builds");
    let mut input = ListImagesRequest::default();
    input.max_results = Some(20);
    let first = futures_executor::block_on(client.send::<ListImages>(input.clone(), ()))
        .expect("the stub page parses");
    assert_eq!(first.image_version_list.map(|l| l.len()), Some(20));

    let budget = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut calls: u64 = 0;
    while started.elapsed() < budget {
        for _ in 0..100 {
            let out = futures_executor::block_on(client.send::<ListImages>(input.clone(), ()));
            black_box(out.is_ok());
        }
        calls += 100;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!("calls={calls} seconds={elapsed:.3} items_per_call=20");
    println!("calls_per_second={:.0}", calls as f64 / elapsed);
}
