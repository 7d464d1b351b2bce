//! The binary: prints where it listens and the demo credentials, stops cleanly on Ctrl-C
//! (SIGINT) with its state flushed to `--data`.

use imagebuilder_server::store::{Kind, Store};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn the_binary_prints_its_endpoint_and_stops_cleanly_on_ctrl_c_with_state_flushed() {
    let data = std::env::temp_dir().join(format!("ib-binary-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&data);
    let mut child = Command::new(env!("CARGO_BIN_EXE_imagebuilder-server"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    // The banner ends with the `state:` line.
    let mut banner = Vec::new();
    for line in lines.by_ref() {
        let last = line.trim_start().starts_with("state:");
        banner.push(line);
        if last {
            break;
        }
    }
    let text = banner.join("\n");
    assert!(
        text.starts_with("imagebuilder-server listening on http://127.0.0.1:"),
        "{text}"
    );
    assert!(
        text.contains("/emulator")
            && text.contains("us-east-1")
            && text.contains("AKIAIOSFODNN7EXAMPLE"),
        "{text}"
    );
    assert!(text.contains("console:  not built yet"), "{text}");
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let rest: Vec<String> = lines.collect();
    let exit = child.wait().expect("the binary exits");
    assert!(exit.success(), "exit status {exit}");
    assert!(
        rest.iter().any(|l| l.contains("stopped; state flushed")),
        "{rest:?}"
    );
    let store = Store::open(Some(&data)).expect("the database reopens");
    assert!(
        store.all(Kind::Image).len() >= 60,
        "the demo data was written to --data"
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", data.display()));
    }
}
