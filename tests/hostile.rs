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
    let mut c = Command::cargo_bin("folio").unwrap();
    common::isolated(&mut c);
    c
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
    assert!(out.contains("\n    ind a   b\n"), "tabs in code expand to stops of 4: {out}");
    assert!(out.contains("\n    code    here\n"), "{out}");
    assert!(out.contains("\npara    with    tabs\n"), "tabs in prose reach the next stop: {out}");
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
    // A pipe named on the command line is read like standard input; with nothing writing to
    // it, folio says so at once instead of waiting.
    folio()
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nothing was written to the pipe"));
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
        .stdout("missing\tmissing.md\tx\nmissing\t#no-such-heading\ty\nsection\t#\te\nsection\t#dup-1\td\n");
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
    assert_eq!(checked, "https://a.example/$(touch$%7BIFS%7D/tmp/pwned)%60id%60;|x");
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

// ---- Found outside the catalogue (Dec 2026): items 74 onwards ----

/// No byte of the output is a control character but a line end (no ESC, no BEL, no C1).
fn assert_no_controls(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        assert!(c == '\n' || !common::is_forbidden(c), "control character {c:?} in {text:?}");
    }
}

#[test]
fn bad_74_argument_errors_never_echo_raw_bytes() {
    let out = folio().arg("--width").arg("\x1b]0;X\x07").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert_no_controls(&out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("␛]0;X␇"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = folio().arg("--x\x1b[2J").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_controls(&out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--x␛[2J"));
    // A hostile file name reached through a glob: two paths are one too many.
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("b\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;PWNED\x07.md");
    std::fs::write(&evil, "x").unwrap();
    std::fs::write(dir.path().join("a.md"), "x").unwrap();
    let out = folio().arg(dir.path().join("a.md")).arg(&evil).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_controls(&out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("␛]52;c;cm0gLXJmIH4=␇␛]0;PWNED␇"));
    // Help and version still print, and exit 0.
    folio().arg("--help").assert().success().stdout(predicates::str::contains("Usage: folio"));
    folio().arg("--version").assert().success().stdout(predicates::str::starts_with("folio "));
}

#[test]
fn bad_75_unparseable_http_urls_are_refused() {
    for url in [
        "http://[/../../../../etc/passwd",
        "http://%zz/x",
        "http://256.256.256.256/",
        "HTTP://example.com:99999/",
        "http:///",
        "https://",
    ] {
        let t = Library::bundled().resolve(url, LinkKind::Markdown, "");
        assert!(matches!(&t, Target::Refused(r) if r.starts_with("not a valid URL")), "{url}: {t:?}");
    }
}

#[test]
fn bad_76_what_is_shown_is_what_is_opened() {
    let check = |u: &str| folio::library::resolve::check_url(u).unwrap();
    assert_eq!(check("http://0x7f.1/"), "http://127.0.0.1/");
    assert_eq!(check("http:evil.example"), "http://evil.example/");
    assert_eq!(check("https://ex%61mple.com/%2e%2e/"), "https://example.com/");
    assert_eq!(check("HTTPS://Example.COM:443/a"), "https://example.com/a");
    assert_eq!(
        check("mailto:a@b.example?subject=Hi&attach=/etc/passwd&body=x"),
        "mailto:a@b.example?subject=Hi&body=x"
    );
    assert_eq!(check("mailto:a@b.example?attach=/etc/passwd"), "mailto:a@b.example");
    let warnings = folio::library::resolve::url_warnings("https://bank.example@evil.example/");
    assert!(warnings.iter().any(|w| w.contains("user name") && w.contains("evil.example")), "{warnings:?}");
    assert!(!folio::library::resolve::url_warnings(&check("https://аpple.com/")).is_empty(), "punycode host warned");
    // In the reader: the prompt shows the normal form, and exactly that string is opened.
    let md = "# A\n\n[u](http://0x7f.1/x) [m](mailto:a@b.example?attach=/etc/passwd)\n";
    let mut s = State::new(markdown::parse(md, "t"), "t", (100, 30), 100);
    common::press(&mut s, "<Tab><Enter>");
    assert_eq!(s.overlay, Some(folio::app::Overlay::Confirm("http://127.0.0.1/x".into())));
    assert!(common::screen(&s).contains("Open http://127.0.0.1/x in the browser?"));
    assert_eq!(common::press(&mut s, "y"), Some(folio::app::Effect::OpenUrl("http://127.0.0.1/x".into())));
    common::press(&mut s, "<Tab><Enter>");
    assert_eq!(common::press(&mut s, "y"), Some(folio::app::Effect::OpenUrl("mailto:a@b.example".into())));
}

#[test]
fn bad_77_floods_cost_a_few_bytes_a_block() {
    // (Deadlines and peak memory of the binary: tests/pathological.rs.)
    for (unit, n) in [("#\n", 300_000), ("a\n\n", 300_000), ("***\n", 300_000)] {
        let a = markdown::parse(&unit.repeat(n), "flood");
        assert!(a.blocks.len() <= 3, "{unit:?}: {} blocks", a.blocks.len());
        assert!(a.sections.is_empty(), "{unit:?}: empty headings are not sections");
        let l = folio::layout::layout(&a, 80);
        assert!(l.lines.len() <= 8, "{unit:?}: {} rows stored", l.lines.len());
        let shown: u64 = a.blocks.iter().map(|b| b.times()).sum();
        assert_eq!(shown, n as u64 + 1, "{unit:?}: every block is still shown");
        let mut s = State::new(a, "flood", (80, 24), 100);
        common::press(&mut s, "G");
        common::render(&s);
    }
    for unit in ["#\n", "a\n\n", "***\n", "a\n"] {
        let a = plaintext::parse(&format!("Title\n\n{}", unit.repeat(300_000)), "flood");
        assert!(a.blocks.len() <= 3, "plain text {unit:?}: {} blocks", a.blocks.len());
    }
    let printed = folio::export::print_text(&markdown::parse(&"a\n\n".repeat(1000), "t"), 80);
    assert_eq!(printed.matches("\na\n").count(), 1000, "every repeated paragraph is printed");
}

#[test]
fn bad_78_bracket_flood_in_plain_text_is_linear() {
    let src = format!("Title\n\n{}", "[".repeat(200_000));
    let start = std::time::Instant::now();
    let a = plaintext::parse(&src, "t");
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
    let text: usize = a.blocks.iter().map(|b| folio::model::block_text(b).matches('[').count()).sum();
    assert_eq!(text, 200_000, "no bracket lost");
}

#[test]
fn bad_81_modes_that_resolve_nothing_do_not_walk_the_folder() {
    use folio::open::{open, Input, Options};
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "# A\n\n[[B]]\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "# B\n").unwrap();
    let quiet = Options { resolve: false, ..Options::default() };
    let opened = open(Input::File(p.clone()), &quiet).unwrap();
    assert_eq!(opened.library.root, folio::library::Root::Bundled, "--print and --toc walk nothing");
    let opened = open(Input::File(p), &Options { resolve: true, ..Options::default() }).unwrap();
    assert_eq!(opened.library.own_entries().count(), 2, "--links walks the folder");
    assert_eq!(opened.library.layers, [folio::library::Root::Bundled], "and layers the bundled library under it");
}

#[test]
fn bad_82_export_never_creates_links() {
    for src in [
        "``x` [click me](https://evil.example/) `z``\n",
        "~~~\n```\n[a](https://evil.example/)\n```\n~~~\n",
        "`` ` `` and `a``b` and ``` `` ```\n",
        "1\\. not a list and \\[not\\](a link) and \\*not em\\*\n",
    ] {
        let a = markdown::parse(src, "t");
        let md = folio::export::to_markdown(&a);
        let b = markdown::parse(&md, "t");
        assert_eq!(a.links.len(), b.links.len(), "{src:?} → {md:?}");
        let texts = |a: &folio::model::Article| {
            a.blocks.iter().map(|b| folio::model::block_text(b).to_string()).collect::<Vec<_>>()
        };
        assert_eq!(texts(&a), texts(&b), "{src:?} → {md:?}");
    }
}

#[test]
fn bad_83_line_breaks_in_one_line_fields() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nl\n  1 Injected.md");
    std::fs::write(&p, "no naming heading\n\n## Real\n\n## Other\n").unwrap();
    let toc = folio().arg("--toc").arg(&p).output().unwrap();
    let toc = String::from_utf8(toc.stdout).unwrap();
    assert_eq!(toc, "nl␊  1 Injected\n  1 Real\n  2 Other\n", "one line per field");
    let md = String::from_utf8(folio().arg("--to-markdown").arg(&p).output().unwrap().stdout).unwrap();
    assert!(md.starts_with("---\ntitle: \"nl␊  1 Injected\"\n---\n"), "{md}");
    let missing = dir.path().join("gone\nfolio: error: fake.md");
    let out = folio().arg(&missing).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("gone␊folio: error: fake.md: No such file or directory"));
    let a = markdown::parse("# T\n\nA heading  \nwith a break\n===\n", "t");
    assert!(a.sections.iter().all(|s| !s.title.contains('\n')), "{:?}", a.sections);
}

#[test]
fn bad_84_titles_beat_aliases_h1_kept_and_index_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("target.md"), "# Target\n\nThe real one.\n").unwrap();
    std::fs::write(dir.path().join("other.md"), "---\ntitle: Other\naliases: [target]\n---\n# Other\n").unwrap();
    let lib = Library::open_dir(dir.path()).unwrap();
    let Target::Article { entry, .. } = lib.resolve("target", LinkKind::Wiki, "") else { panic!() };
    assert_eq!(lib.entries[entry].title, "Target", "the title wins over an alias");
    let Target::Article { entry, .. } = lib.resolve("TARGET", LinkKind::Wiki, "") else { panic!() };
    assert_eq!(lib.entries[entry].title, "Target");
    // Front matter names the title; the lone H1 keeps its text as a heading.
    let a = markdown::parse("---\ntitle: Named\n---\n# Different H1\n\nBody.\n", "t");
    assert_eq!(a.title, "Named");
    assert_eq!(a.sections[0].title, "Different H1");
    let same = markdown::parse("---\ntitle: Same\n---\n# Same\n\nBody.\n", "t");
    assert!(same.sections.is_empty(), "an H1 that repeats the title is the title");
    // The generated index links every file, whatever its name holds.
    let idx = tempfile::tempdir().unwrap();
    for name in ["a [b].md", "c|d.md", "e#f.md", "-.md", "100%.md"] {
        std::fs::write(idx.path().join(name), "body\n").unwrap();
    }
    let out = folio().arg("--links").arg(idx.path()).output().unwrap();
    let links = String::from_utf8(out.stdout).unwrap();
    assert_eq!(links.lines().count(), 5, "{links}");
    assert!(links.lines().all(|l| l.starts_with("article\t")), "{links}");
    assert!(links.contains("article\t-\t-\n"), "a name of dashes is its own title: {links}");
}

#[test]
fn bad_84_status_messages_show_decoded_controls_as_placeholders() {
    let md = "# A\n\n[x](gone%1b%5b31m.md) [y](#%1b%5d0;t)\n";
    let mut s = State::new(markdown::parse(md, "t"), "t", (100, 30), 100);
    common::press(&mut s, "<Tab><Enter>");
    assert_eq!(s.message.as_deref(), Some("No article ‘gone␛[31m.md’ in this library"));
    common::press(&mut s, "<Tab><Enter>");
    assert_eq!(s.message.as_deref(), Some("No section ‘␛]0;t’ in this article"));
    common::render(&s);
}

#[test]
fn bad_84_a_symlink_loop_is_reported_as_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("loop.md", dir.path().join("loop.md")).unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n\n[l](loop.md)\n").unwrap();
    folio().arg("--links").arg(dir.path().join("a.md")).assert().success().stdout("refused\tloop.md\tl\n");
    let lib = Library::open_dir(dir.path()).unwrap();
    assert_eq!(lib.resolve("loop.md", LinkKind::Markdown, ""), Target::Refused("symbolic link loop".into()));
}

#[test]
fn bad_84_pipes_named_on_the_command_line_read_like_stdin() {
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("'{}' --print <(printf '# Piped\\n\\nthrough a pipe\\n')", env!("CARGO_BIN_EXE_folio")))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Piped\n═════\n\nthrough a pipe\n");
    let out = folio().arg("--print").arg("/dev/stdin").write_stdin("# Stdin\n\nby name\n").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("by name"));
}
