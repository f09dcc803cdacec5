//! End-to-end: the real binary in a pseudo-terminal, read through a terminal emulator.

#[path = "support/testgen.rs"]
mod testgen;

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;

#[test]
fn open_next_section_resize_and_quit() {
    let mut t = Pty::spawn(&[], 100, 30);
    t.wait_for("Contents");
    t.wait_for("Islamic State Khorasan Province (ISKP)");
    assert!(t.alternate_screen());
    assert!(!t.cooked(), "raw mode while running");

    t.send("]");
    t.wait_until("Origins on top", 10, |p| p.row(0).contains("Origins and Ideology"));
    // The TOC highlight moves with it: the status line names the section.
    t.wait_for("› 1 Origins and Ideology");

    // Keys are handled in order: once the help overlay (opened after the j's) is shown and
    // closed again, all three j's have been handled.
    t.send("jjj?");
    t.wait_for("folio keys");
    t.send("\x1b");
    t.wait_until("help closed", 10, |p| !p.screen().contains("folio keys"));
    let top_before = t.row(0);
    let words: Vec<String> = top_before.split('│').next_back().unwrap().split_whitespace().map(String::from).collect();
    t.resize(60, 20);
    t.wait_until("narrow layout", 10, |p| !p.screen().contains("Contents"));
    t.wait_until("same text on top", 10, |p| p.row(0).contains(&words[0]) && p.row(0).contains(&words[1]));

    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
    assert!(!t.alternate_screen(), "left the alternate screen");
    assert!(t.cooked(), "raw mode restored");
}

#[test]
fn toc_keys_in_a_real_terminal() {
    let mut t = Pty::spawn(&[], 100, 30);
    t.wait_for("Contents");
    t.send("hjj\r");
    t.wait_until("section 3 on top", 10, |p| p.row(0).contains("Leadership, Organization, and Strategic Outlook"));
    t.send("?");
    t.wait_for("folio keys");
    t.send("\x1b");
    t.wait_until("help closed", 10, |p| !p.screen().contains("folio keys"));
    t.send("\x03");
    assert_eq!(t.wait_exit(10), 0);
    assert!(t.cooked());
}

#[test]
fn follow_a_link_and_come_back() {
    let mut t = Pty::spawn(&[], 100, 30);
    t.wait_for("Contents");
    t.send("\t");
    t.wait_for("→ ISIS");
    let before = t.screen();
    t.send("\r");
    t.wait_until("the ISIS article", 10, |p| {
        p.row(0).contains("│ ISIS") && p.screen().contains("Provinces and affiliates")
    });
    t.wait_until("status names the article", 10, |p| p.row(29).contains(" ISIS"));
    t.send("\x7f");
    t.wait_for("→ ISIS");
    let trim = |s: &str| s.lines().map(|l| l.trim_end().to_string()).collect::<Vec<_>>();
    assert_eq!(trim(&t.screen()), trim(&before), "the same position, the same link selected");
    t.send("f");
    // The labels are drawn over the links' first letters: `a` on ISIS, `s` on Khorasan.
    t.wait_until("labels on ISIS and Khorasan", 10, |p| {
        p.screen().contains("See also aSIS and") && p.screen().contains("shorasan for broader context")
    });
    t.send("s");
    t.wait_until("the Khorasan article", 10, |p| p.screen().contains("Modern use of the name"));
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn section_flag_opens_at_a_section() {
    let mut t = Pty::spawn(&["--section", "3"], 100, 30);
    t.wait_until("section 3 on top", 10, |p| p.row(0).contains("Leadership, Organization, and Strategic Outlook"));
    t.wait_for("› 3 Leadership");
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn search_and_open_by_title() {
    let mut t = Pty::spawn(&[], 100, 30);
    t.wait_for("Contents");
    t.send("/Kabul\r");
    t.wait_for("match 1/1");
    t.wait_for("including Kabul");
    t.send("otal");
    t.wait_for("> tal");
    t.send("\r");
    t.wait_until("the Taliban article", 10, |p| {
        p.row(0).contains("│ Taliban") && p.screen().contains("First period in power")
    });
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn big_article_opens_from_a_preview_and_reaches_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.md");
    std::fs::write(&p, testgen::article(1 << 20, 5)).unwrap();
    let mut t = Pty::spawn(&[p.to_str().unwrap()], 100, 30);
    t.wait_for(testgen::START_MARKER);
    t.wait_for("Section 1:");
    t.send("G");
    t.wait_for(testgen::END_MARKER);
    t.wait_until("loaded", 30, |p| !p.screen().contains("loading…"));
    t.send("g]");
    t.wait_until("first section on top", 10, |p| p.row(0).contains("Section 1:"));
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

/// F1 while a 40 MB article is still loading: the guide stays on screen when the full parse
/// lands, and Backspace shows the whole article (its end is reachable).
#[test]
fn f1_during_the_load_of_a_40_mb_article_keeps_the_guide() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.md");
    std::fs::write(&p, testgen::article(40 << 20, 3)).unwrap();
    let mut t = Pty::spawn(&[p.to_str().unwrap()], 100, 30);
    // The first frame, whole (its status line says the rest is still loading).
    t.wait_until("the preview while loading", 20, |p| {
        p.screen().contains(testgen::START_MARKER) && p.row(29).contains("loading…")
    });
    t.send("\x1bOP");
    t.wait_until("the guide", 20, |p| p.row(0).contains("│ folio") && p.screen().contains("Getting started"));
    t.wait_until("the load ended", 300, |p| !p.screen().contains("loading…"));
    assert!(t.row(0).contains("│ folio"), "the guide is still shown:\n{}", t.screen());
    t.send("\x7f");
    t.wait_for(testgen::START_MARKER);
    t.send("G");
    t.wait_until("the end of the article", 300, |p| p.screen().contains(testgen::END_MARKER));
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

/// `--library /`: the reader shows at once while the whole disk is walked in the background,
/// the walk ends at its limits, and q quits at once meanwhile.
#[test]
fn a_huge_library_folder_is_walked_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "# Start Page\n\nSee [[Nowhere]].\n").unwrap();
    let mut t = Pty::spawn(&["--library", "/", p.to_str().unwrap()], 100, 30);
    t.wait_until("the reader", 5, |p| p.screen().contains("Start Page"));
    t.send("j");
    t.send("q");
    assert_eq!(t.wait_exit(5), 0);
}
