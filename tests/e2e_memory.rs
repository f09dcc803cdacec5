//! End-to-end, as a user lives with folio: quit and start again on the same text, `v` with an
//! editor (a fake one that writes down its arguments), the file rewritten under a running
//! folio, and no home folder at all. Every run has a home, config and state of its own.

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;

/// The bundled article written to a file of a fresh folder.
fn article() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("iskp.md");
    std::fs::write(&path, folio::assets::bundled(folio::assets::DEFAULT_ARTICLE).unwrap()).unwrap();
    (dir, path)
}

/// Waits until the screen has not changed for 150 ms (the last frame is whole).
fn settle(t: &Pty) {
    let mut last = t.screen();
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(150));
        let now = t.screen();
        if now == last {
            return;
        }
        last = now;
    }
}

/// The reading pane's first row (right of the TOC).
fn top_text(t: &Pty) -> String {
    let row = t.row(0);
    row.split('│').nth(1).unwrap_or(&row).trim().to_string()
}

#[test]
fn quit_and_start_again_on_the_same_text() {
    let (_dir, path) = article();
    let p = path.to_str().unwrap();
    let mut t = Pty::spawn(&[p], 100, 30);
    t.wait_for("Contents");
    t.send("]]");
    t.wait_until("two sections on", 5, |t| t.row(29).contains("2 Geography"));
    // Four rows down, one key at a time: each key's frame is on screen before the next.
    for _ in 0..4 {
        let shown = t.screen();
        t.send("j");
        t.wait_until("a row down", 5, |t| t.screen() != shown);
    }
    settle(&t);
    assert!(!top_text(&t).is_empty() && !top_text(&t).starts_with("Geography"), "{}", t.screen());
    let before = top_text(&t);
    t.send("q");
    assert_eq!(t.wait_exit(5), 0);
    let state = t.home.path().join("state/folio/state.json");
    assert!(state.is_file(), "the state was saved under XDG_STATE_HOME");
    let again = t.respawn(&[p], 100, 30, &[]);
    again.wait_for("back where you left off");
    assert_eq!(top_text(&again), before);
    // At another width, the same text is still on top.
    let mut narrow = again.respawn(&[p], 60, 20, &[]);
    narrow.wait_for("back where you left off");
    let first_words: String = before.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(narrow.row(0).contains(&first_words), "{:?} vs {first_words:?}", narrow.row(0));
    narrow.send("q");
    narrow.wait_exit(5);
}

#[test]
fn v_hands_the_file_to_the_editor_at_the_line_on_top_then_reloads() {
    let (dir, path) = article();
    let argv = dir.path().join("argv.txt");
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\nprintf '\\nWritten by the editor at the end.\\n' >> \"$2\"\n",
            argv.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut t =
        Pty::spawn_env(&[path.to_str().unwrap()], 100, 30, &[("EDITOR", editor.to_str().unwrap()), ("VISUAL", "")]);
    t.wait_for("Contents");
    t.send("]]");
    t.wait_until("the second section", 5, |t| t.row(29).contains("2 Geography"));
    t.send("v");
    t.wait_until("the editor ran", 10, |_| {
        argv.is_file() && std::fs::read_to_string(&argv).unwrap().lines().count() == 2
    });
    let args = std::fs::read_to_string(&argv).unwrap();
    let lines: Vec<&str> = args.lines().collect();
    let line: usize = lines[0].strip_prefix('+').expect("+LINE first").parse().unwrap();
    let source = std::fs::read_to_string(&path).unwrap();
    assert!(source.lines().nth(line - 1).unwrap().contains("Geography"), "line {line} is the heading on top");
    assert_eq!(std::path::Path::new(lines[1]).canonicalize().unwrap(), path.canonicalize().unwrap());
    t.wait_for("reloaded");
    t.send("G");
    t.wait_for("Written by the editor at the end.");
    assert!(t.alternate_screen(), "the reader is back");
    t.send("q");
    assert_eq!(t.wait_exit(5), 0);
}

#[test]
fn the_article_rewritten_on_disk_reloads_and_keeps_the_place() {
    let (_dir, path) = article();
    let mut t = Pty::spawn(&[path.to_str().unwrap()], 100, 30);
    t.wait_for("Contents");
    t.send("]]]");
    t.wait_until("the third section", 5, |t| t.row(29).contains("3 Leadership"));
    let before = top_text(&t);
    // An editor's save: write a new file, rename it over the old one.
    let text = std::fs::read_to_string(&path).unwrap();
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, format!("{text}\n## Added Later\n\nA section written while folio was reading.\n")).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    t.wait_until("the new section in the TOC", 10, |t| t.screen().contains("Added Later"));
    assert_eq!(top_text(&t), before, "still reading the same text");
    t.send("q");
    assert_eq!(t.wait_exit(5), 0);
}

#[test]
fn bad_67_no_home_runs_without_memory_and_says_so() {
    let (_dir, path) = article();
    let unset = [("HOME", ""), ("XDG_STATE_HOME", ""), ("XDG_CONFIG_HOME", "")];
    let mut t = Pty::spawn_env(&[path.to_str().unwrap()], 100, 30, &unset);
    t.wait_for("no home folder");
    t.send("jjmaq");
    assert_eq!(t.wait_exit(5), 0);
}
