//! Helpers shared by the command-line tests: run the real binary, expect a one-line error, a fresh folder.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Run the `g1000` binary built for these tests.
pub fn g1000(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_g1000"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run g1000")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The command failed with a one-line `error: …` and no panic; returns its stderr.
pub fn failed(o: &Output) -> String {
    let err = stderr(o);
    assert!(!o.status.success(), "expected a failure:\n{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// A fresh, empty folder `g1000-{area}-{pid}-{name}` under the system's temp dir.
pub fn temp_dir(area: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("g1000-{area}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
