//! Pathological Markdown (bad inputs 18–32): each case must load and draw its first frame
//! within a deadline, and time must grow linearly: four times the input at most eight times
//! the time (a quadratic path takes sixteen).
//!
//! Timing needs a release build, so these tests are ignored by default; `.ci/run` runs them:
//! `cargo test --release --test pathological -- --ignored`.

use std::time::{Duration, Instant};

use folio::app::State;
use folio::import::{markdown, plaintext};
use folio::ui::{draw, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Load and first frame must take less than this (the issue's budget).
const DEADLINE: Duration = Duration::from_secs(5);

/// Import, lay out, and draw the first frame at 120×40; the best of three runs.
fn first_frame(src: &str, text: bool) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let article = if text { plaintext::parse(src, "t") } else { markdown::parse(src, "t") };
        let state = State::new(article, "t", (120, 40), 100);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|f| draw(f, &state, &Theme::default())).unwrap();
        best = best.min(start.elapsed());
    }
    best
}

/// Checks the deadline at sizes `n`, `2n` and `4n`, and that time grows linearly.
fn linear(name: &str, n: usize, make: impl Fn(usize) -> String) {
    check(name, n, make, false, true)
}

fn check(name: &str, n: usize, make: impl Fn(usize) -> String, text: bool, ratio: bool) {
    if !ratio {
        // Inputs that grow faster than `n` (a staircase of indents): the deadline only.
        let b = make(2 * n);
        let t2 = first_frame(&b, text);
        eprintln!("{name}: {} bytes {t2:?}", b.len());
        assert!(t2 < DEADLINE, "{name}: {t2:?} for {} bytes", b.len());
        return;
    }
    let (a, b, c) = (make(n), make(2 * n), make(4 * n));
    // A machine busy with something else can spoil one measurement: three tries. The ratio is
    // taken over a factor of four: over a factor of two, the allocator's state after earlier
    // cases alone moved a linear case between 2× and 3.5× (a quadratic one takes 4× and 16×).
    let mut last = 0.0;
    for _ in 0..3 {
        let (t1, t2, t4) = (first_frame(&a, text), first_frame(&b, text), first_frame(&c, text));
        eprintln!("{name}: {} bytes {t1:?}, {} bytes {t2:?}, {} bytes {t4:?}", a.len(), b.len(), c.len());
        assert!(t4 < DEADLINE, "{name}: {t4:?} for {} bytes", c.len());
        // Below a few milliseconds the ratio is noise.
        if t1 < Duration::from_millis(5) {
            return;
        }
        last = t4.as_secs_f64() / t1.as_secs_f64();
        if last < 8.0 {
            return;
        }
    }
    panic!("{name}: four times the input took {last:.1}× the time");
}

#[test]
#[ignore]
fn pathological_18_emphasis() {
    linear("nested strong emph", 50_000, |n| "*a **b ".repeat(n));
    linear("a_ flood", 100_000, |n| "a_ ".repeat(n));
    linear("_a flood", 100_000, |n| "_a ".repeat(n));
    linear("*a_ flood", 100_000, |n| "*a_ ".repeat(n));
    linear("a**b c*", 50_000, |n| format!("a**b{}", "c* ".repeat(n)));
    linear("*a _a*_", 50_000, |n| format!("{}{}", "*a ".repeat(n), "_a*_ ".repeat(n)));
}

#[test]
#[ignore]
fn pathological_19_brackets() {
    linear("[a", 100_000, |n| "[a".repeat(n));
    linear("a]", 100_000, |n| "a]".repeat(n));
    linear("[ a_", 100_000, |n| "[ a_".repeat(n));
    linear("[ (](", 40_000, |n| "[ (](".repeat(n));
    linear("![[]()", 80_000, |n| "![[]()".repeat(n));
    linear("nested brackets", 25_000, |n| format!("{}{}", "[".repeat(n), "]".repeat(n)));
    linear("[a](<b", 30_000, |n| "[a](<b".repeat(n));
    linear("[a](b", 30_000, |n| "[a](b".repeat(n));
}

#[test]
#[ignore]
fn pathological_20_deep_quotes() {
    linear("> × n", 25_000, |n| format!("{}a", "> ".repeat(n)));
    linear("> then a*", 50_000, |n| format!("{}{}", ">".repeat(n), "a*".repeat(n)));
}

#[test]
#[ignore]
fn pathological_21_deep_lists() {
    linear("- × n", 30_000, |n| format!("{}x{}", "- ".repeat(n), "\n".repeat(n)));
    linear("> - × n", 30_000, |n| format!("> {}x", "- ".repeat(n)));
    // The input itself grows quadratically with the depth; only the deadline applies.
    check("indented items", 500, |n| (0..n).map(|i| format!("{}* a\n", "  ".repeat(i))).collect(), false, false);
}

#[test]
#[ignore]
fn pathological_22_backticks() {
    check("e`…", 2500, |n| (1..n).map(|i| format!("e{}", "`".repeat(i))).collect(), false, false);
    linear("``` x", 100_000, |n| format!("{} x", "`".repeat(n)));
}

#[test]
#[ignore]
fn pathological_23_raw_html() {
    linear("</<!--", 150_000, |n| format!("</{}", "<!--".repeat(n)));
    linear("CDATA", 40_000, |n| "a <![CDATA[".repeat(n));
    linear("<?", 20_000, |n| "a <? ".repeat(n));
    linear("<!A", 30_000, |n| "a <!A".repeat(n));
}

#[test]
#[ignore]
fn pathological_24_reference_definitions() {
    linear("ref defs", 2_500, |n| format!("[x]: {}{}", "x".repeat(n), "\n[x]".repeat(n)));
}

#[test]
#[ignore]
fn pathological_25_tables() {
    linear("wide table", 1_000, |n| format!("{}\n{}\n{}", "|x".repeat(n), "|-".repeat(n), "|x\n".repeat(n)));
    linear("setext and CR", 15_000, |n| "aaa\rbbb\n-\x0b\n".repeat(n));
}

#[test]
#[ignore]
fn pathological_26_extensions() {
    linear("footnote refs", 25_000, |n| format!("{}[^a]: x", "[^a]\n".repeat(n)));
    linear("unclosed footnotes", 25_000, |n| "[^\n".repeat(n));
    linear("wiki links", 50_000, |n| "[[a|]]".repeat(n));
}

#[test]
#[ignore]
fn pathological_28_ten_megabyte_line() {
    linear("one long word", 5_000_000, |n| "x".repeat(n));
    linear("one long line of words", 1_000_000, |n| "word ".repeat(n));
}

#[test]
#[ignore]
fn pathological_29_long_text_file() {
    check("seq", 100_000, |n| (1..=n).map(|i| format!("{i}\n")).collect(), true, true);
}

#[test]
#[ignore]
fn pathological_30_many_headings() {
    linear("headings", 50_000, |n| (0..n).map(|i| format!("# h{i}\n")).collect());
}

#[test]
#[ignore]
fn pathological_31_many_links() {
    linear("links", 100_000, |n| (0..n).map(|i| format!("[l{i}](a{i}.md) ")).collect());
}

// ---- Found outside the catalogue (Dec 2026): floods, bracket floods, big libraries ----
// These run the release binary (the one `cargo test --release` builds) in a pseudo-terminal
// or as a command, and read its peak memory from /proc.

#[path = "support/pty.rs"]
mod pty;

/// The peak resident memory of a running process, in bytes (the kernel's high-water mark).
fn peak_rss(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Opens `file` in the reader at 120×40: the time until `marker` is on screen, and the peak
/// memory once it is (then quits, which must be prompt).
fn first_frame_and_memory(file: &std::path::Path, marker: &str) -> (Duration, u64) {
    let start = Instant::now();
    let mut t = pty::Pty::spawn(&[file.to_str().unwrap()], 120, 40);
    t.wait_until(marker, 60, |p| p.screen().contains(marker));
    let frame = start.elapsed();
    // Whatever runs in the background after the first frame counts too: wait for it.
    t.wait_until("loaded", 60, |p| !p.screen().contains("loading…"));
    let rss = peak_rss(t.pid());
    let quit = Instant::now();
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
    assert!(quit.elapsed() < Duration::from_secs(2), "q took {:?}", quit.elapsed());
    (frame, rss)
}

/// The peak memory of a command run to its end, and how long it took.
fn command_memory(cmd: &mut std::process::Command) -> (Duration, u64, std::process::Output) {
    let start = Instant::now();
    let child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let pid = child.id() as i32;
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let (p, done) = (peak.clone(), std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)));
    let d = done.clone();
    let sampler = std::thread::spawn(move || {
        while !d.load(std::sync::atomic::Ordering::SeqCst) {
            p.fetch_max(peak_rss(pid), std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(2));
        }
    });
    let out = child.wait_with_output().unwrap();
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    sampler.join().unwrap();
    (start.elapsed(), peak.load(std::sync::atomic::Ordering::SeqCst), out)
}

#[test]
#[ignore]
fn pathological_77_floods_first_frame_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    for (unit, name) in [("#\n", "headings"), ("a\n\n", "paragraphs"), ("***\n", "rules")] {
        for mb in [1usize, 10] {
            let size = mb << 20;
            let path = dir.path().join("flood.md");
            std::fs::write(&path, unit.repeat(size / unit.len())).unwrap();
            let (frame, rss) = first_frame_and_memory(&path, "flood");
            let budget = 3 * size as u64 + (30 << 20);
            eprintln!("{name} {mb} MB: first frame {frame:?}, peak {} MB", rss >> 20);
            let deadline = if mb == 1 { Duration::from_secs(1) } else { Duration::from_secs(2) };
            assert!(frame <= deadline, "{name} {mb} MB: first frame after {frame:?}");
            assert!(rss <= budget, "{name} {mb} MB: peak {} MB over {} MB", rss >> 20, budget >> 20);
            let (took, rss, out) =
                command_memory(std::process::Command::new(env!("CARGO_BIN_EXE_folio")).arg("--print").arg(&path));
            assert!(out.status.success());
            eprintln!("{name} {mb} MB --print: {took:?}, peak {} MB", rss >> 20);
            assert!(rss <= budget, "{name} {mb} MB --print: peak {} MB", rss >> 20);
            assert!(took < Duration::from_secs(10), "{name} {mb} MB --print took {took:?}");
        }
    }
}

#[test]
#[ignore]
fn pathological_78_bracket_flood_is_linear_and_interruptible() {
    check("[ flood", 500_000, |n| format!("Title\n\n{}", "[".repeat(n)), true, true);
    let dir = tempfile::tempdir().unwrap();
    let flood = dir.path().join("flood.txt");
    std::fs::write(&flood, format!("Title\n\n{}", "[".repeat(1_000_000))).unwrap();
    let (took, _, out) =
        command_memory(std::process::Command::new(env!("CARGO_BIN_EXE_folio")).arg("--links").arg(&flood));
    assert!(out.status.success());
    assert!(took < Duration::from_secs(5), "--links took {took:?}");
    // Following a link to it: the reader keeps reading keys, and q quits at once.
    std::fs::write(dir.path().join("a.md"), "# Start\n\n[the flood](flood.txt)\n").unwrap();
    let mut t = pty::Pty::spawn(&[dir.path().join("a.md").to_str().unwrap()], 100, 30);
    t.wait_for("Start");
    t.send("\t\r");
    let quit = Instant::now();
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
    assert!(quit.elapsed() < Duration::from_secs(1), "q took {:?}", quit.elapsed());
}

#[test]
#[ignore]
fn pathological_81_library_search_holds_no_big_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Plain words of a long dump of text that goes on and on for ever more.\n";
    for i in 0..4 {
        let mut text = format!("Dump {i}\n\n");
        text.push_str(&line.repeat((40 << 20) / line.len()));
        text.push_str("the needle is here at the very end\n");
        std::fs::write(dir.path().join(format!("dump{i}.txt")), text).unwrap();
    }
    let (took, rss, out) = command_memory(
        std::process::Command::new(env!("CARGO_BIN_EXE_folio")).arg("--search").arg("needle").arg(dir.path()),
    );
    let hits = String::from_utf8_lossy(&out.stdout);
    eprintln!("search of 4 × 40 MB: {took:?}, peak {} MB", rss >> 20);
    assert_eq!(hits.lines().count(), 4, "{hits}");
    assert!(rss < 100 << 20, "peak {} MB", rss >> 20);
}
