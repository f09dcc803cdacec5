//! The bad-input catalogue, one test per item that applies, named after its number.
//! Terminal-state items (40–52) that need a real terminal are in `e2e_hostile.rs`; the
//! pathological-size items (18–32) also run with deadlines in `pathological.rs`.

mod common;

use assert_cmd::Command;
use folio::app::{Action, State};
use folio::import::{self, markdown, plaintext};
use folio::library::{Library, Target};
use folio::model::LinkKind;

fn folio() -> Command {
    Command::cargo_bin("folio").unwrap()
}

/// Imports Markdown, prints it, and draws it at several sizes; every screen passes the buffer
/// check. Returns the `--print` text.
fn survive(src: &str) -> String {
    let a = markdown::parse(src, "t");
    let printed = folio::export::print_text(&a, 80);
    assert_inert(&printed);
    for (w, h) in [(100, 30), (40, 12), (20, 5), (1, 1), (3, 2)] {
        let mut s = State::new(a.clone(), "t", (w, h), 100);
        common::render(&s);
        common::press(&mut s, "G");
        common::render(&s);
    }
    printed
}

/// No control character but newlines in output text.
fn assert_inert(text: &str) {
    for c in text.chars() {
        assert!(c == '\n' || !common::is_forbidden(c), "control character {c:?} in output");
    }
}

/// `--print` of a file through the binary: no ESC byte, exit 0.
fn print_bytes(bytes: &[u8], name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let out = folio().arg("--print").arg(&p).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stdout.contains(&0x1b), "ESC reached the output");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bad_01_csi_in_text() {
    let out = survive("hi \x1b[2J\x1b[31mRED\x1b[0m\n");
    assert!(out.contains("hi ␛[2J␛[31mRED␛[0m"));
    print_bytes(b"hi \x1b[2J\x1b[31mRED\x1b[0m\n", "e1.md");
}

#[test]
fn bad_02_osc_title() {
    assert!(survive("x\x1b]2;PWNED\x1b\\y\n").contains("x␛]2;PWNED␛\\y"));
}

#[test]
fn bad_03_osc52_clipboard() {
    assert!(survive("\x1b]52;c;cm0gLXJmIH4=\x07\n").contains("␛]52;c;cm0gLXJmIH4=␇"));
}

#[test]
fn bad_04_report_requests() {
    survive("\x1b]2;;id\n\x1b[21t\x1bP$q\nid\n\x1b\\\n");
}

#[test]
fn bad_05_osc8_in_raw_text() {
    let out = survive("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\\n");
    assert!(out.contains("click"));
    assert!(markdown::parse("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\\n", "t").links.is_empty());
}

#[test]
fn bad_06_unterminated_osc() {
    let src = format!("a\x1b]0;t {}\n\nlater text", "x".repeat(100_000));
    assert!(survive(&src).contains("later text"));
}

#[test]
fn bad_07_c1_controls() {
    let out = survive("a\u{9b}2Jb \u{9d}0;t\u{9c} c\u{85}d\u{90}q\n");
    assert!(out.contains("a\u{fffd}2Jb \u{fffd}0;t\u{fffd} c\u{fffd}d\u{fffd}q"));
}

#[test]
fn bad_08_entity_encoded_controls() {
    let out = survive("x &#27;[2J &#x9b;31m &#7; &#x202e;abc y\n");
    assert!(out.contains("␛[2J"), "{out}");
    assert!(!out.contains('\u{202e}'));
}

#[test]
fn bad_09_link_destinations() {
    let a = markdown::parse("[a](<http://h\x1b]0;t\x07/>) [b](http://h/&#27;]52;c;Zm9v&#7;)\n", "t");
    let lib = Library::bundled();
    for l in &a.links {
        assert!(!l.dest.chars().any(common::is_forbidden));
        match lib.resolve(&l.dest, l.kind, "") {
            Target::Refused(r) => assert_eq!(r, "URL has invalid characters"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn bad_10_headings() {
    let a = markdown::parse("# T\x1b[2J\n## \x1b]0;x\x07Sub\n### &#27;[5m\n", "t");
    assert!(a.sections.iter().all(|s| !s.title.chars().any(common::is_forbidden)));
    let toc = folio::export::toc_text(&a);
    assert_inert(&toc);
    let mut s = State::new(a, "t", (80, 24), 100);
    common::press(&mut s, "h<Enter>");
    common::render(&s);
}

#[test]
fn bad_11_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ev\x1b]0;x\x07il.md");
    std::fs::write(&p, "no heading here\n").unwrap();
    let out = folio().arg("--print").arg(&p).output().unwrap();
    assert!(!out.stdout.contains(&0x1b));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ev␛]0;x␇il"));
    let missing = dir.path().join("gone\x1b[2J.md");
    let out = folio().arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.contains(&0x1b));
    assert!(String::from_utf8_lossy(&out.stderr).contains("gone␛[2J.md: No such file or directory"));
}

#[test]
fn bad_12_bidi_trojan_source() {
    let out = survive("acc \u{202e}eulav\u{202c} \u{2066}y\u{2069}\n\n[ok](http://a\u{202e}gro.live)\n");
    assert!(!out.contains('\u{202e}'));
    let a = markdown::parse("[ok](http://a\u{202e}gro.live)\n", "t");
    assert!(matches!(Library::bundled().resolve(&a.links[0].dest, LinkKind::Markdown, ""), Target::Refused(_)));
}

#[test]
fn bad_13_invisible_characters() {
    let out = survive("\u{feff}head\u{200b}line \u{2060}x \u{200d}\n");
    assert!(out.contains("headline x"), "{out}");
}

#[test]
fn bad_14_cr_and_backspace() {
    let out = survive("safe text\rEVIL\na\x08b\r\n");
    assert!(out.contains("safe text EVIL a␈b"), "a lone CR ends a line (joined by the paragraph): {out}");
    assert!(out.contains("a␈b"));
}

#[test]
fn bad_15_tabs() {
    let out = survive("\tind\ta\tb\n\n    code\there\n\npara\twith\ttabs\n");
    assert!(out.contains("\nind a   b\n"), "tabs in code expand to stops of 4: {out}");
    assert!(out.contains("\ncode    here\n"), "{out}");
    assert!(out.contains("para with tabs"));
}

#[test]
fn bad_16_nul_is_binary() {
    assert_eq!(import::decode(b"abc\0de\0\n"), Err(import::DecodeError::Binary(3)));
}

#[test]
fn bad_17_plain_output_has_no_escape() {
    let out = folio().arg("-").write_stdin("hi \x1b[2J\x1b[31mRED\x1b[0m\n").output().unwrap();
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn bad_20_deep_quotes() {
    let out = survive(&format!("{}a", "> ".repeat(25_000)));
    assert!(out.contains("▌×25000"));
    survive(&format!("{}{}", ">".repeat(100_000), "a*".repeat(100_000)));
}

#[test]
fn bad_21_deep_lists() {
    survive(&(0..500).map(|i| format!("{}* a\n", "  ".repeat(i))).collect::<String>());
    survive(&format!("{}x{}", "- ".repeat(30_000), "\n".repeat(30_000)));
    survive(&format!("> {}x", "- ".repeat(30_000)));
}

#[test]
fn bad_25_tables() {
    let n = 2000;
    let src = format!("{}\n{}\n{}", "|x".repeat(n), "|-".repeat(n), "|x\n".repeat(n));
    survive(&src);
    survive(&"aaa\rbbb\n-\x0b\n".repeat(3000));
}

#[test]
fn bad_26_extensions() {
    survive(&"[[a|]]".repeat(16));
    survive(&format!("{}[^a]: x", "[^a]\n".repeat(5000)));
}

#[test]
fn bad_27_renderer_state() {
    for src in [
        "- [ ] a\n\n- [x] b\n",
        "- | a | b |\n  |---|---|\n  | c | d |\n",
        ">\n",
        "- > ```\n  > code\n  > ```\n",
        "- [^1]\n\n  [^1]: note in a list\n",
        "- **bold** start\n- b\n",
    ] {
        let a = markdown::parse(src, "t");
        let words: Vec<&str> = src.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1).collect();
        let out = survive(src);
        for w in words {
            assert!(out.contains(w), "{w:?} lost from {src:?}: {out}");
        }
        drop(a);
    }
}

#[test]
fn bad_29_long_file_end_reachable() {
    let text: String = (1..=200_000).map(|i| format!("{i}\n")).collect();
    let a = plaintext::parse(&text, "long");
    let mut s = State::new(a, "long", (80, 24), 100);
    common::press(&mut s, "G");
    assert!(s.top > u16::MAX as usize, "no u16 scroll limit");
    assert!(common::screen(&s).contains("200000"));
}

#[test]
fn bad_30_many_headings() {
    let src: String = (0..100_000).map(|i| format!("# h{i}\n")).collect();
    let a = markdown::parse(&src, "t");
    assert_eq!(a.sections.len(), 100_000);
    let mut s = State::new(a, "t", (80, 24), 100);
    common::press(&mut s, "hG<Enter>");
    assert_eq!(s.row_text(s.top), "h99999");
    assert!(common::screen(&s).contains("100000 h99999"));
}

#[test]
fn bad_31_many_links() {
    let src: String = (0..200_000).map(|i| format!("[l{i}](a{i}.md) ")).collect();
    let a = markdown::parse(&src, "t");
    let mut s = State::new(a, "t", (80, 24), 100);
    common::press(&mut s, "<Tab><Tab><S-Tab>");
    assert_eq!(s.selected.map(|l| l.0), Some(0));
    common::press(&mut s, "<S-Tab>");
    assert_eq!(s.selected.map(|l| l.0), Some(199_999), "wraps to the last link");
    common::press(&mut s, "<Enter>");
    assert_eq!(s.message.as_deref(), Some("No article ‘a199999.md’ in this library"));
}

#[test]
fn bad_32_huge_input_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sparse.md");
    std::fs::File::create(&p).unwrap().set_len(300 << 20).unwrap();
    let out = folio().arg("--print").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large (300 MiB; folio reads at most 256 MiB)"));
}

#[test]
fn bad_33_cjk_at_narrow_widths() {
    let src = format!("a{}\n", "漢字".repeat(60));
    for w in [79u16, 80, 3, 2, 1] {
        let a = markdown::parse(&src, "t");
        let l = folio::layout::layout(&a, w);
        for r in 0..l.len() {
            assert!(folio::layout::width::display_width(&l.row_text(&a, r)) <= w as usize);
        }
    }
    survive(&src);
}

#[test]
fn bad_34_emoji_sequences() {
    let out = survive("👩\u{200d}🔬 👨\u{200d}👩\u{200d}👧 👍🏽 🇯🇵 ❤\u{fe0f} ♻\u{fe0f} #\u{fe0f}\u{20e3}\n");
    assert!(out.contains("👩\u{200d}🔬"));
}

#[test]
fn bad_35_zalgo() {
    let out = survive(&format!("e{} ok\n", "\u{301}".repeat(5000)));
    let line = out.lines().find(|l| l.ends_with(" ok")).unwrap();
    assert_eq!(folio::layout::width::display_width(line), 4);
}

#[test]
fn bad_36_ambiguous_and_halfwidth() {
    survive("①②③ ■ ─│ ｶﾞｷﾞ\n");
}

#[test]
fn bad_37_invalid_utf8() {
    let d = import::decode(b"ok \xff\xfe bad \xc3( \xed\xa0\x80 \xf4\x90\x80\x80\n").unwrap();
    assert!(d.notice.unwrap().contains("not valid UTF-8"));
    assert!(print_bytes(b"ok \xff\xfe bad \xc3(\n", "u.md").contains("ok \u{fffd}\u{fffd} bad \u{fffd}("));
}

#[test]
fn bad_38_utf16_with_bom() {
    assert_eq!(print_bytes(b"\xff\xfe#\x00 \x00h\x00i\x00\n\x00", "w.md"), "hi\n══\n");
}

#[test]
fn bad_39_line_endings_same_structure() {
    let lf = markdown::parse("# a\nb\nc\n\n- x\n", "t");
    let mixed = markdown::parse("# a\r\nb\rc\r\n\r\n- x\r\n", "t");
    assert_eq!(lf, mixed);
}

#[test]
fn bad_46_tiny_sizes_never_panic() {
    let mut s = common::state(100, 30);
    for (w, h) in [(1, 1), (2, 1), (80, 1), (1, 80), (19, 4), (20, 5), (0, 0)] {
        folio::app::update(&mut s, Action::Resize(w, h));
        if w > 0 && h > 0 {
            common::render(&s);
        }
        common::press(&mut s, "jG]hk<Tab>f?");
        common::press(&mut s, "<Esc><Esc>");
    }
}

#[test]
fn bad_47_non_tty_stdout_prints_plain_text() {
    let out = folio().write_stdin("").output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Islamic State Khorasan Province\n"));
}

#[test]
fn bad_50_broken_pipe_exits_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.md");
    std::fs::write(&p, "word ".repeat(2_000_000)).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--print")
        .arg(&p)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn bad_51_dumb_terminal_prints_plain_text() {
    let out = folio().env("TERM", "dumb").arg("--width").arg("40").write_stdin("").output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn bad_53_missing_file() {
    folio().arg("nope.md").assert().code(1).stderr("folio: error: nope.md: No such file or directory\n");
}

#[test]
fn bad_54_directory_opens_as_library() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.md"), "# OK\n").unwrap();
    folio().arg("--links").arg(dir.path()).assert().success().stdout("article\tOK\tOK\n");
}

#[test]
fn bad_55_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin.md");
    let mut bytes = b"#!/fake\n".to_vec();
    bytes.extend_from_slice(&[0, 1, 2]);
    std::fs::write(&bin, &bytes).unwrap();
    folio().arg(&bin).assert().code(1).stderr(predicates::str::contains("binary file (NUL byte at offset 8)"));
    let zip = dir.path().join("z.md");
    std::fs::write(&zip, b"PK\x03\x04x").unwrap();
    folio().arg(&zip).assert().code(1).stderr(predicates::str::contains("binary file (ZIP archive)"));
}

#[test]
fn bad_57_special_files_never_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("p.md");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    folio()
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not a regular file"));
    folio()
        .arg("/dev/zero")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not a regular file"));
    // A library folder holding a FIFO still opens; the FIFO is never read.
    std::fs::write(dir.path().join("a.md"), "# A\n\n[z](p.md) [d](/dev/zero)\n").unwrap();
    folio().arg("--links").arg(dir.path().join("a.md")).timeout(std::time::Duration::from_secs(10)).assert().success();
}

#[test]
fn bad_58_file_changed_while_open() {
    // folio reads the whole file once (no mmap): later changes cannot crash it.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "# A\n\nbody\n").unwrap();
    let loaded = folio::source::read_file(&p).unwrap();
    std::fs::write(&p, "").unwrap();
    std::fs::remove_file(&p).unwrap();
    assert_eq!(loaded, b"# A\n\nbody\n");
}

#[test]
fn bad_59_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink("loop.md", d.join("loop.md")).unwrap();
    std::os::unix::fs::symlink("b.md", d.join("a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", d.join("b.md")).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/x")).unwrap();
    std::fs::write(d.join("ok.md"), "# OK\n").unwrap();
    folio().arg(d.join("loop.md")).assert().code(1).stderr(predicates::str::contains("symbolic links"));
    let lib = Library::open_dir(d).unwrap();
    assert_eq!(lib.entries.len(), 1, "the walk ends and keeps the good file");
}

#[test]
fn bad_61_broken_targets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "# A\n\n## Dup\n\n## Dup\n\n[x](missing.md#nope) [y](#no-such-heading) [e](#) [d](#dup-1)\n",
    )
    .unwrap();
    folio()
        .arg("--links")
        .arg(dir.path().join("a.md"))
        .assert()
        .stdout("missing\tmissing.md\tx\nsection\t#no-such-heading\ty\nsection\t#\te\nsection\t#dup-1\td\n");
}

#[test]
fn bad_69_option_injection() {
    let lib = Library::bundled();
    for dest in ["--help", "-Ppager", "-u http://e"] {
        assert!(!matches!(lib.resolve(dest, LinkKind::Markdown, ""), Target::External(_)), "{dest}");
    }
}

#[test]
fn bad_70_shell_metacharacters_are_one_encoded_argument() {
    let url = "https://a.example/$(touch${IFS}/tmp/pwned)`id`;|x";
    let checked = folio::library::resolve::check_url(url).unwrap();
    assert_eq!(checked, "https://a.example/$(touch$%7BIFS%7D/tmp/pwned)%60id%60;%7Cx");
}

#[test]
fn bad_72_hostile_url_text() {
    assert!(folio::library::resolve::check_url(&format!("https://e.example/{}", "a".repeat(1 << 20))).is_err());
    assert!(folio::library::resolve::lookalike_warning("https://аpple.com/").is_some());
    assert!(folio::library::resolve::lookalike_warning("https://apple.com/ü").is_none());
}

#[test]
fn bad_73_search_input() {
    let mut s = common::state(80, 24);
    common::press(&mut s, "/");
    for _ in 0..5000 {
        common::press(&mut s, "a");
    }
    let Some(folio::app::Overlay::Search { input, .. }) = &s.overlay else { panic!() };
    assert_eq!(input.len(), folio::search::MAX_PATTERN, "input is truncated");
    let a = markdown::parse(&"a".repeat(100_000), "t");
    let re = folio::search::compile("(a*)*b").unwrap();
    assert!(folio::search::find(&a, &re).is_empty(), "literal: no backtracking blow-up");
}
