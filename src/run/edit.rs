//! `v`: the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`) on the article's file, at
//! the line holding the text on top of the reading pane. Like the browser opener: the
//! editor's words are split on spaces (`code -w` works), the line and the path are one
//! argument each, and no shell ever sees them.

use std::path::Path;
use std::process::Command;

/// Runs the editor on `file` at the line holding `text`, and waits for it.
pub fn run_editor(file: &Path, text: &str) -> Result<(), String> {
    let line = line_of_text(file, text);
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().ok_or("the editor is empty")?;
    let mut command = Command::new(program);
    command.args(words).arg(format!("+{line}")).arg(file);
    let status = command.status().map_err(|e| format!("{program}: {}", crate::source::io_message(&e)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the editor exited with {status}"))
    }
}

/// The 1-based line of `file` where `text` (the shown text, markup gone) starts: found by
/// its first words, shorter and shorter; line 1 when not found.
pub fn line_of_text(file: &Path, text: &str) -> usize {
    let Ok(bytes) = crate::source::read_file(file) else { return 1 };
    let source = String::from_utf8_lossy(&bytes);
    let words: Vec<&str> = text.split_whitespace().collect();
    for n in [6, 3, 1] {
        if words.len() < n.min(1) {
            continue;
        }
        let probe = words.iter().take(n).copied().collect::<Vec<_>>().join(" ");
        if probe.chars().count() < 4 && n > 1 {
            continue;
        }
        if let Some(at) = source.find(&probe) {
            return source[..at].matches('\n').count() + 1;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_found_by_the_words_shown() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "# A\n\nFirst *para* here.\n\nSecond para with [a link](x.md) in it.\n").unwrap();
        assert_eq!(line_of_text(&f, "Second para with a link in it."), 5);
        assert_eq!(line_of_text(&f, "First para here."), 3);
        assert_eq!(line_of_text(&f, "nowhere at all"), 1);
    }
}
