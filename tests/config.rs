//! The config file and the shell integration, through the command line: effective config
//! printed with comments, errors naming the line (folio still starts), keys and colours
//! taking effect, completions and the manual page generated from the CLI definition.

mod common;

use assert_cmd::Command;
use folio::app::keys::{Key, Mode};
use folio::app::Action;
use folio::config::Config;

fn folio() -> Command {
    let mut c = Command::cargo_bin("folio").unwrap();
    common::isolated(&mut c);
    c
}

fn out(c: &mut Command) -> (String, String, i32) {
    let o = c.output().unwrap();
    (String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap(), o.status.code().unwrap_or(-1))
}

#[test]
fn print_config_shows_the_defaults_with_comments_and_parses_back() {
    let (text, _, code) = out(folio().arg("--print-config"));
    assert_eq!(code, 0);
    assert!(text.starts_with("# folio's configuration: the defaults"), "{text}");
    for part in [
        "[reader]",
        "measure = 100",
        "toc-side = \"left\"",
        "[theme]",
        "name = \"auto\"",
        "[keys]",
        "# line-down = [\"j\", \"<Down>\"]",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    let parsed = Config::parse(&text).unwrap();
    assert_eq!(parsed.reader.measure, Some(100));
}

#[test]
fn a_config_file_changes_settings_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[reader]\nmeasure = 72\ntoc-side = \"right\"\n\n[theme]\nname = \"light\"\n\n[theme.colors]\nheading1 = \"#ff8800\"\n\n[keys]\nline-down = [\"n\"]\n").unwrap();
    let (text, err, code) = out(folio().arg("--config").arg(&path).arg("--print-config"));
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        text.contains("measure = 72") && text.contains("toc-side = \"right\"") && text.contains("name = \"light\""),
        "{text}"
    );
    assert!(text.contains("heading1 = \"#ff8800\"") && text.contains("\nline-down = [\"n\"]"), "{text}");
    // The same file found where XDG_CONFIG_HOME says.
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("folio")).unwrap();
    std::fs::copy(&path, home.path().join("folio/config.toml")).unwrap();
    let (text, _, _) = out(folio().env("XDG_CONFIG_HOME", home.path()).arg("--print-config"));
    assert!(text.contains("measure = 72"), "{text}");
    let (text, _, _) = out(folio().env("XDG_CONFIG_HOME", home.path()).args(["--no-config", "--print-config"]));
    assert!(text.contains("measure = 100"), "--no-config: {text}");
}

#[test]
fn errors_name_the_line_and_folio_starts_with_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    for (body, line, what) in [
        ("[keys]\n\nnot-an-action = [\"x\"]\n", 3, "unknown action"),
        ("[keys]\nline-down = [\"<Nope>\"]\n", 2, "bad key name"),
        ("[reader]\nmeasure = \"wide\"\n", 2, "invalid type"),
        ("[reader\n", 1, ""),
    ] {
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, body).unwrap();
        let (text, err, code) = out(folio().arg("--config").arg(&path).arg("--print-config"));
        assert_eq!(code, 0, "folio still runs");
        assert!(err.contains(&format!("line {line}:")) && err.contains(what), "{body:?}: {err}");
        assert!(err.contains("using the defaults"), "{err}");
        assert!(text.contains("measure = 100"), "the defaults: {text}");
        // And the reader too: --print works with the defaults.
        let (_, _, code) = out(folio().arg("--config").arg(&path).arg("--print").write_stdin("# A\n"));
        assert_eq!(code, 0);
    }
}

#[test]
fn keys_from_the_config_drive_the_reader() {
    let text = "[keys]\nline-down = [\"n\", \"<Down>\"]\nnext-section = [\"<C-n>\"]\n";
    let keymap = Config::parse(text).unwrap().keymap(text).unwrap();
    assert_eq!(keymap.action_for(Key::char('n'), Mode::Reader), Some(Action::LineDown));
    // `n` was the next search match: that key now belongs to line-down only.
    assert_eq!(keymap.action_for(Key::char('j'), Mode::Reader), None);
    let ctrl_n = Key { ctrl: true, ..Key::char('n') };
    assert_eq!(keymap.action_for(ctrl_n, Mode::Reader), Some(Action::NextSection));
    let mut s = common::state(100, 30);
    s.keymap = std::sync::Arc::new(keymap);
    common::press(&mut s, "nnn");
    assert_eq!(s.top, 3);
}

#[test]
fn completions_and_manual_page_come_from_the_cli() {
    for shell in ["bash", "zsh", "fish"] {
        let (text, _, code) = out(folio().args(["--completions", shell]));
        assert_eq!(code, 0);
        assert!(
            text.contains("folio") && text.contains("print-config") && text.contains("backlinks"),
            "{shell}:\n{text}"
        );
    }
    let (man, _, code) = out(folio().arg("--man"));
    assert_eq!(code, 0);
    assert!(man.contains(".TH folio") && man.contains("\\-\\-check"), "{man}");
    let (_, err, code) = out(folio().args(["--completions", "tcsh"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_flag_comes_before_no_color_which_comes_before_the_file() {
    use folio::config::theme;
    let text = "[theme]\nname = \"auto\"\n\n[theme.colors]\nlink = \"#102030\"\n";
    let config = Config::parse(text).unwrap();
    let asked = std::cell::Cell::new(0);
    let light = || {
        asked.set(asked.get() + 1);
        false
    };
    // --color never: no colours, and the terminal is not even asked.
    let t = theme(Some(false), true, &config, &light);
    assert!(!t.color && asked.get() == 0);
    // NO_COLOR without a flag: none either.
    assert!(!theme(None, false, &config, &light).color);
    // --color always beats NO_COLOR; auto asks the terminal: light.
    let t = theme(Some(true), false, &config, &light);
    assert!(t.color && !t.dark && asked.get() == 1);
    assert_eq!(t.palette.link, ratatui::style::Color::Rgb(0x10, 0x20, 0x30), "the file's colour on top");
    let dark = Config::parse("[theme]\nname = \"dark\"\n").unwrap();
    assert!(theme(None, true, &dark, &light).dark);
    let (_, err, code) = out(folio().args(["--color", "sometimes", "--print"]));
    assert_eq!(code, 2, "{err}");
}
