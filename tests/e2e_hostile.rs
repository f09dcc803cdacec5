//! Bad inputs and faults that need a real terminal: the binary in a pseudo-terminal.

#[path = "support/testgen.rs"]
mod testgen;

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;

fn kill(t: &Pty, sig: nix::sys::signal::Signal) {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(t.pid()), sig).unwrap();
}

#[test]
fn bad_01_escape_injection_shows_placeholders_and_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("e1.md");
    std::fs::write(&p, "hi \x1b[2J\x1b[31mRED\x1b[0m x\x1b]2;PWNED\x1b\\y \x1b]52;c;cm0=\x07 \u{9b}31m\n").unwrap();
    let mut t = Pty::spawn(&[p.to_str().unwrap()], 100, 30);
    t.wait_for("␛[2J␛[31mRED␛[0m");
    t.wait_for("␛]2;PWNED␛\\y");
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
    let raw = t.raw.lock().unwrap().clone();
    let raw = String::from_utf8_lossy(&raw);
    for evil in ["\x1b[31mRED", "\x1b]2;PWNED", "\x1b]52;", "\u{9b}31m", "\x1b[2J"] {
        assert!(!raw.contains(evil), "{evil:?} reached the terminal");
    }
}

#[test]
fn bad_40_panic_restores_the_terminal() {
    let mut t = Pty::spawn_env(&[], 80, 24, &[("FOLIO_DEBUG_PANIC", "1")]);
    assert_eq!(t.wait_exit(20), 101);
    assert!(!t.alternate_screen());
    assert!(t.cooked());
    assert!(t.screen().contains("panic requested by FOLIO_DEBUG_PANIC"), "{}", t.screen());
}

#[test]
fn bad_41_signals_restore_the_terminal_and_exit_128_plus_n() {
    use nix::sys::signal::Signal;
    for (sig, code) in [(Signal::SIGTERM, 143), (Signal::SIGHUP, 129), (Signal::SIGINT, 130), (Signal::SIGQUIT, 131)] {
        let mut t = Pty::spawn(&[], 80, 24);
        t.wait_for("?:help");
        kill(&t, sig);
        assert_eq!(t.wait_exit(10), code, "{sig}");
        assert!(!t.alternate_screen(), "{sig}");
        assert!(t.cooked(), "{sig}");
    }
}

#[test]
fn bad_43_ctrl_c_quits_cleanly() {
    let mut t = Pty::spawn(&[], 80, 24);
    t.wait_for("?:help");
    t.send("\x03");
    assert_eq!(t.wait_exit(10), 0);
    assert!(t.cooked());
}

#[test]
fn bad_44_ctrl_z_suspends_and_fg_redraws() {
    let bin = pty::folio_bin();
    let mut t = Pty::spawn_program("bash", &["--norc", "--noprofile", "-i"], 80, 24, &[("PS1", "PROMPT$ ")]);
    t.wait_for("PROMPT$");
    t.send(&format!("{bin}\r"));
    t.wait_for("?:help");
    t.send("]\x1a");
    t.wait_until("the shell prompt while folio is stopped", 10, |p| {
        !p.alternate_screen() && p.screen().contains("Stopped")
    });
    // (Termios is readline's now: bash edits its own prompt line, so it is not checked here.)
    t.send("fg\r");
    t.wait_until("a full redraw", 10, |p| {
        p.alternate_screen() && p.screen().contains("Contents") && p.screen().contains("Origins and Ideology")
    });
    t.send("q");
    t.wait_until("back at the prompt", 10, |p| !p.alternate_screen());
    t.send("exit\r");
    t.wait_exit(10);
}

#[test]
fn bad_45_resize_storm_final_frame_matches_final_size() {
    let mut t = Pty::spawn(&[], 100, 30);
    t.wait_for("?:help");
    for i in 0..200u16 {
        t.resize(20 + i % 100, 3 + i % 40);
    }
    t.resize(90, 25);
    t.wait_until("the final size drawn", 20, |p| {
        p.row(24).trim_end().ends_with("?:help  q:quit") && p.screen().contains("Contents")
    });
    assert!(t.row(24).contains('%'));
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn bad_46_tiny_sizes_and_back() {
    let mut t = Pty::spawn(&[], 80, 24);
    t.wait_for("?:help");
    for (w, h) in [(1, 1), (2, 1), (80, 1), (1, 24)] {
        let before = t.written();
        t.resize(w, h);
        t.wait_output(before);
    }
    t.resize(80, 24);
    // The emulator may have been reset while 1 column wide: Ctrl-L redraws everything.
    t.send("\x0c");
    t.wait_until("redrawn at 80x24", 10, |p| p.screen().contains("Contents"));
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn bad_46_zero_size_terminal_is_treated_as_unknown() {
    let mut t = Pty::spawn(&[], 0, 0);
    // The first frame, drawn at the assumed 80×24.
    t.wait_output(0);
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn bad_68_70_only_checked_urls_reach_the_opener_as_one_argument_without_a_shell() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("argv.txt");
    let pwned = dir.path().join("pwned");
    let opener = dir.path().join("fake-opener");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n", record.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let doc = dir.path().join("a.md");
    let hostile = format!("https://a.example/$(touch${{IFS}}{})`id`;|x", pwned.display());
    std::fs::write(&doc, format!("# A\n\n[j](javascript:alert(1)) [x](<{hostile}>)\n")).unwrap();
    let mut t = Pty::spawn_env(&[doc.to_str().unwrap()], 100, 30, &[("BROWSER", opener.to_str().unwrap())]);
    t.wait_for("?:help");
    t.send("\t\r");
    t.wait_for("scheme not allowed: javascript");
    t.send("\t\r");
    t.wait_for("in the browser? (y/n)");
    t.send("y");
    t.wait_until("the opener ran", 10, |_| std::fs::read_to_string(&record).is_ok_and(|r| r.ends_with('\n')));
    let argv = std::fs::read_to_string(&record).unwrap();
    let expected = hostile.replace('{', "%7B").replace('}', "%7D").replace('`', "%60");
    assert_eq!(folio::library::resolve::check_url(&hostile).as_deref(), Ok(expected.as_str()));
    assert_eq!(argv, format!("{expected}\n"), "exactly one argument, the checked URL");
    assert!(!pwned.exists(), "no shell interpreted the URL");
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn bad_48_no_controlling_terminal_gives_plain_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let status = std::process::Command::new("setsid")
        .args(["-w", &pty::folio_bin()])
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("Islamic State Khorasan Province\n"));
}

#[test]
fn bad_49_article_on_stdin_keys_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "# Piped Article\n\n## First\n\ntext\n\n## Second\n\nmore\n").unwrap();
    let cmd = format!("cat '{}' | '{}'", p.display(), pty::folio_bin());
    let mut t = Pty::spawn_program("sh", &["-c", &cmd], 80, 24, &[]);
    t.wait_for("Piped Article");
    t.send("]]");
    t.wait_for("› 2 Second");
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn bad_71_launcher_trouble_is_a_status_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.md");
    std::fs::write(&doc, "# A\n\n[x](https://example.org/)\n").unwrap();
    let mut t = Pty::spawn_env(
        &[doc.to_str().unwrap()],
        100,
        30,
        &[("BROWSER", "/nonexistent/opener"), ("PATH", "/nonexistent")],
    );
    t.wait_for("?:help");
    t.send("\t\ry");
    t.wait_for("could not open the browser");
    assert!(t.alternate_screen(), "the reader keeps running");
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

// ---- Found outside the catalogue (Dec 2026): items 74 onwards ----

/// The bytes a terminal received, checked for sequences that came from the input.
fn assert_never_sent(raw: &[u8], evil: &[&str]) {
    let raw = String::from_utf8_lossy(raw);
    for e in evil {
        assert!(!raw.contains(e), "{e:?} reached the terminal: {raw:?}");
    }
}

#[test]
fn bad_74_argument_errors_reach_a_terminal_inert() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("b\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;PWNED\x07.md");
    std::fs::write(&evil, "x").unwrap();
    let a = dir.path().join("a.md");
    std::fs::write(&a, "x").unwrap();
    for args in [vec![a.to_str().unwrap(), evil.to_str().unwrap()], vec!["--width", "\x1b]0;X\x07"], vec!["--x\x1b[2J"]]
    {
        let mut t = Pty::spawn(&args, 100, 30);
        assert_eq!(t.wait_exit(10), 2, "{args:?}");
        assert_never_sent(&t.raw.lock().unwrap(), &["\x1b]52", "\x1b]0;", "\x1b[2J"]);
        assert!(t.screen().contains('␛'), "the inert form is shown: {}", t.screen());
    }
}

/// The terminal of a running folio: the path of its pseudo-terminal, for `stty`.
fn tty_of(t: &Pty) -> String {
    std::fs::read_link(format!("/proc/{}/fd/0", t.pid())).unwrap().to_string_lossy().into_owned()
}

#[test]
fn bad_79_tstp_from_outside_gives_the_terminal_back_and_fg_redraws() {
    let bin = pty::folio_bin();
    let mut t = Pty::spawn_program("bash", &["--norc", "--noprofile", "-i"], 80, 24, &[("PS1", "PROMPT$ ")]);
    t.wait_for("PROMPT$");
    t.send(&format!("{bin}\r"));
    t.wait_for("?:help");
    let pid = std::process::Command::new("pgrep").arg("-n").arg("-f").arg(&bin).output().unwrap();
    let pid: i32 = String::from_utf8_lossy(&pid.stdout).trim().parse().unwrap();
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGTSTP).unwrap();
    t.wait_until("the shell while folio is stopped", 10, |p| !p.alternate_screen() && p.screen().contains("Stopped"));
    t.send("fg\r");
    t.wait_until("a full redraw", 10, |p| p.alternate_screen() && p.screen().contains("Origins and Ideology"));
    t.send("q");
    t.wait_until("back at the prompt", 10, |p| !p.alternate_screen());
    t.send("exit\r");
    t.wait_exit(10);
}

#[test]
fn bad_79_stop_and_cont_from_outside_come_back_raw_and_redrawn() {
    use nix::sys::signal::Signal;
    let mut t = Pty::spawn(&[], 80, 24);
    t.wait_for("?:help");
    kill(&t, Signal::SIGSTOP);
    // While it was stopped, something (a shell) put the terminal back in cooked mode.
    let tty = tty_of(&t);
    assert!(std::process::Command::new("stty").args(["-F", &tty, "sane"]).status().unwrap().success());
    assert!(t.cooked());
    let before = t.written();
    kill(&t, Signal::SIGCONT);
    t.wait_until("a redraw", 10, |p| p.written() > before + 500);
    t.wait_until("raw again", 10, |p| !p.cooked());
    t.send("]");
    t.wait_for("› 1 Origins and Ideology");
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
    assert!(t.cooked());
}

#[test]
fn bad_80_other_fatal_signals_restore_the_terminal() {
    use nix::sys::signal::Signal;
    for (sig, code) in [
        (Signal::SIGUSR1, 138),
        (Signal::SIGUSR2, 140),
        (Signal::SIGALRM, 142),
        (Signal::SIGVTALRM, 154),
        (Signal::SIGXCPU, 152),
        (Signal::SIGXFSZ, 153),
    ] {
        let mut t = Pty::spawn(&[], 80, 24);
        t.wait_for("?:help");
        kill(&t, sig);
        assert_eq!(t.wait_exit(10), code, "{sig}");
        assert!(!t.alternate_screen(), "{sig}");
        assert!(t.cooked(), "{sig}");
    }
}

#[test]
fn bad_80_a_memory_limit_is_not_reached_on_a_big_article() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.md");
    std::fs::write(&p, testgen::article(4 << 20, 2)).unwrap();
    // 600 MB of address space: a 4 MB article, its threads and their heaps fit easily.
    let cmd = format!("ulimit -v 600000; exec '{}' '{}'", pty::folio_bin(), p.display());
    let mut t = Pty::spawn_program("sh", &["-c", &cmd], 100, 30, &[]);
    t.wait_for(testgen::START_MARKER);
    t.send("G");
    t.wait_until("the end", 120, |p| p.screen().contains(testgen::END_MARKER));
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
    assert!(t.cooked());
}
