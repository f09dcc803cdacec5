//! Pathological Markdown (bad inputs 18–32): each case must load and draw its first frame
//! within a deadline, and doubling the input must at most ~triple the time (linear growth).
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

/// Checks the deadline at size `n` and `2n`, and that time grows roughly linearly.
fn linear(name: &str, n: usize, make: impl Fn(usize) -> String) {
    check(name, n, make, false, true)
}

fn check(name: &str, n: usize, make: impl Fn(usize) -> String, text: bool, ratio: bool) {
    let (a, b) = (make(n), make(2 * n));
    // A machine busy with something else can spoil one measurement: three tries.
    let mut last = 0.0;
    for _ in 0..3 {
        let (t1, t2) = (first_frame(&a, text), first_frame(&b, text));
        eprintln!("{name}: {} bytes {t1:?}, {} bytes {t2:?}", a.len(), b.len());
        assert!(t2 < DEADLINE, "{name}: {t2:?} for {} bytes", b.len());
        // Below a few milliseconds the ratio is noise.
        if !ratio || t1 < Duration::from_millis(5) {
            return;
        }
        last = t2.as_secs_f64() / t1.as_secs_f64();
        if last < 3.0 {
            return;
        }
    }
    panic!("{name}: doubling the input took {last:.1}× the time");
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
