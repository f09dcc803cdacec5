//! End-to-end startup and key latency, from outside, in a pseudo-terminal (the same harness
//! as the end-to-end tests): time to the first frame showing the start marker, key → changed
//! frame (median, p95), and peak RSS, for folio and for `less` (the floor) on generated
//! articles of 1, 10 and 50 MB. Prints a Markdown table.
//!
//! `cargo bench --bench startup` (add `-- quick` for the 1 and 10 MB files only).

#[path = "../tests/support/testgen.rs"]
mod testgen;

#[path = "../tests/support/pty.rs"]
mod pty;

use std::time::{Duration, Instant};

use pty::Pty;

struct Row {
    program: &'static str,
    size: &'static str,
    first_frame: Duration,
    key_median: Duration,
    key_p95: Duration,
    end: Duration,
    resize: Duration,
    rss_mb: f64,
}

/// Peak resident memory of a process, from /proc.
fn peak_rss_mb(pid: i32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// Sends a key and waits (polling finely) until the screen changes.
fn key_latency(t: &mut Pty, key: &str) -> Duration {
    let before = t.screen();
    let start = Instant::now();
    t.send(key);
    while t.screen() == before {
        if start.elapsed() > Duration::from_secs(30) {
            break;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    start.elapsed()
}

fn measure(program: &'static str, cmd: &str, args: &[&str], size: &'static str) -> Row {
    let start = Instant::now();
    let mut t = Pty::spawn_program(cmd, args, 120, 40, &[("LESS", ""), ("PAGER", "")]);
    while !t.screen().contains(testgen::START_MARKER) {
        assert!(start.elapsed() < Duration::from_secs(60), "{program} {size}: no first frame");
        std::thread::sleep(Duration::from_micros(200));
    }
    let first_frame = start.elapsed();
    // Let a background parse finish first, so keys measure steady state (the first frame
    // above is what a user waits for; the rest happens while they read).
    std::thread::sleep(Duration::from_millis(if size == "50 MB" { 5000 } else { 1500 }));
    let mut keys: Vec<Duration> = (0..60).map(|_| key_latency(&mut t, "j")).collect();
    keys.sort();
    // Resize 120×40 → 100×30: time until the program's first frame for the new size has been
    // written (its first burst of output, ended by 5 ms of quiet).
    let before = t.raw.lock().unwrap().len();
    let start = Instant::now();
    t.resize(100, 30);
    let (mut seen, mut last_change) = (before, start);
    loop {
        let now = t.raw.lock().unwrap().len();
        if now != seen {
            seen = now;
            last_change = Instant::now();
        } else if seen != before && last_change.elapsed() > Duration::from_millis(5) {
            break;
        }
        if start.elapsed() > Duration::from_secs(30) {
            break;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    let resize = last_change - start;
    std::thread::sleep(Duration::from_millis(if size == "50 MB" { 4000 } else { 1000 }));
    let end = key_latency(&mut t, "G");
    let rss_mb = peak_rss_mb(t.pid());
    t.send("q");
    let _ = t.wait_exit(20);
    Row {
        program,
        size,
        first_frame,
        key_median: keys[keys.len() / 2],
        key_p95: keys[keys.len() * 95 / 100],
        end,
        resize,
        rss_mb,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let dir = tempfile::tempdir().unwrap();
    let sizes: &[(&str, usize)] =
        if quick { &[("1 MB", 1), ("10 MB", 10)] } else { &[("1 MB", 1), ("10 MB", 10), ("50 MB", 50)] };
    let folio = env!("CARGO_BIN_EXE_folio");
    let has_less = std::process::Command::new("less").arg("--version").output().is_ok();
    let mut rows = Vec::new();
    for &(label, mb) in sizes {
        let path = dir.path().join(format!("gen-{mb}mb.md"));
        std::fs::write(&path, testgen::article(mb << 20, 1)).unwrap();
        let p = path.to_str().unwrap();
        rows.push(measure("folio", folio, &[p], label));
        if has_less {
            rows.push(measure("less", "less", &[p], label));
        }
    }
    println!("| program | size | first frame ms | key median ms | key p95 ms | G (end) ms | resize ms | peak RSS MB |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {:.0} |",
            r.program,
            r.size,
            ms(r.first_frame),
            ms(r.key_median),
            ms(r.key_p95),
            ms(r.end),
            ms(r.resize),
            r.rss_mb
        );
    }
}
