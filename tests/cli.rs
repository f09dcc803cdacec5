//! The command line as scripts use it.

use assert_cmd::Command;
use predicates::prelude::*;

fn folio() -> Command {
    Command::cargo_bin("folio").unwrap()
}

#[test]
fn toc_of_the_bundled_article() {
    folio().arg("--toc").write_stdin("").assert().success().stdout(
        "Islamic State Khorasan Province\n\
         \x20 1 Origins and Ideology\n\
         \x20 2 Geography, Operations, and Capabilities\n\
         \x20 3 Leadership, Organization, and Strategic Outlook\n\
         \x20 4 Security, Counterterrorism, and Policy Debates\n\
         \x20 5 Impact, Legacy, and International Context\n",
    );
}

#[test]
fn toc_of_nested_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "# A\n\n## B\n\n### C\n\n# D\n").unwrap();
    folio().arg("--toc").arg(&p).assert().success().stdout("A\n1 A\n  1.1 B\n    1.1.1 C\n2 D\n");
}

#[test]
fn print_has_no_escape_byte_and_wraps() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("e.md");
    std::fs::write(&p, "hi \x1b[2J\x1b[31mRED\x1b[0m &#27;]2;x&#7; and a long line of words to wrap\n").unwrap();
    let out = folio().args(["--print", "--width", "20"]).arg(&p).output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "ESC in --print output");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("␛[2J"));
    assert!(text.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 20));
}

#[test]
fn piped_stdout_prints_plain_text() {
    folio().write_stdin("").assert().success().stdout(
        predicate::str::contains("Islamic State Khorasan Province\n").and(predicate::str::contains("\x1b").not()),
    );
}

#[test]
fn article_on_stdin() {
    folio()
        .arg("-")
        .write_stdin("# Piped\n\nHello from stdin.\n")
        .assert()
        .success()
        .stdout("Piped\n═════\n\nHello from stdin.\n");
}

#[test]
fn missing_file_exits_1_naming_it() {
    folio().arg("nope.md").assert().code(1).stderr("folio: error: nope.md: No such file or directory\n").stdout("");
}

#[test]
fn directory_and_binary_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("b.md");
    std::fs::write(&bin, b"abc\0def").unwrap();
    folio().arg(&bin).assert().code(1).stderr(predicate::str::contains("binary file (NUL byte at offset 3)"));
}

#[test]
fn usage_errors_exit_2() {
    folio().arg("--no-such-flag").assert().code(2);
    folio().args(["--width", "0"]).assert().code(2);
}

#[test]
fn help_and_version_exit_0() {
    folio().arg("--help").assert().success().stdout(predicate::str::contains("--print"));
    folio().arg("--version").assert().success().stdout(predicate::str::starts_with("folio "));
}

#[test]
fn format_override() {
    folio()
        .args(["--format", "md", "-"])
        .write_stdin("# T\n\nx\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("T\n"));
}
