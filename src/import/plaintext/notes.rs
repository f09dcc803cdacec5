//! Citations: the `^ …` entries of a `References` section become numbered notes, and the
//! `[1]` markers in the text links to them. Maintenance markers (`[citation needed]`) stay as
//! dim text; edit buttons and markers pointing at no note are dropped.

use std::ops::Range;

use super::sites::{BUTTONS, MAINTENANCE, NOTE_STARTS};

/// Longest marker looked at, in bytes (searching the whole text for every `[` made a
/// million of them take 35 s).
const MAX_MARKER: usize = 40;

/// What a bracketed marker became in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// `[3]`: a link to note 3.
    Note(String),
    /// `[citation needed]`: kept, dim.
    Dim,
}

/// A note entry: its own number, if it gives one (`12. ^ …`), and its text without the
/// caret, the back-link letters (`^ a b`) and the number.
pub fn note_entry(text: &str) -> Option<(Option<u32>, &str)> {
    let t = text.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = if digits > 0 && digits <= 4 {
        let n = t[..digits].parse().ok();
        (n, t[digits..].trim_start_matches('.').trim_start())
    } else {
        (None, t)
    };
    let start = NOTE_STARTS.iter().find(|s| rest.starts_with(*s))?;
    let mut body = rest[start.len()..].trim_start();
    // Back links `a b c` (one per place the note is cited): single letters in order.
    let mut expected = b'a';
    loop {
        let word = body.split_whitespace().next().unwrap_or("");
        let next_word = body.split_whitespace().nth(1).unwrap_or("");
        let is_letter = word.len() == 1 && word.as_bytes()[0] == expected;
        let run = expected > b'a' || (next_word.len() == 1 && next_word.as_bytes()[0] == b'b');
        if !(is_letter && run) {
            break;
        }
        body = body[word.len()..].trim_start();
        expected += 1;
    }
    (!body.is_empty()).then_some((number, body))
}

/// The text with markers resolved: numeric markers of existing notes are kept (and listed as
/// links), maintenance markers kept (listed as dim), other markers dropped. Returns the new
/// text and the marks' byte ranges in it.
pub fn scan(text: &str, is_note: &dyn Fn(&str) -> bool) -> (String, Vec<(Range<usize>, Mark)>) {
    let mut out = String::with_capacity(text.len());
    let mut marks = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let mut window = after.len().min(MAX_MARKER * 4 + 1);
        while !after.is_char_boundary(window) {
            window -= 1;
        }
        let Some(close) = after[..window].find(']') else {
            out.push('[');
            rest = after;
            continue;
        };
        let inner = after[..close].trim();
        let marker = &rest[open..open + close + 2];
        let tail = &after[close + 1..];
        match classify(inner, is_note) {
            Some(Some(mark)) => {
                let start = out.len();
                out.push_str(marker);
                marks.push((start..out.len(), mark));
                rest = tail;
            }
            Some(None) => {
                // A dropped marker takes its page number along (`[2]: 222`).
                rest = if inner.bytes().all(|b| b.is_ascii_digit()) { skip_page(tail) } else { tail };
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, marks)
}

/// `Some(Some(mark))` to keep a marker as a mark, `Some(None)` to drop it, `None` when the
/// brackets are not a marker (ordinary text).
fn classify(inner: &str, is_note: &dyn Fn(&str) -> bool) -> Option<Option<Mark>> {
    if inner.is_empty() || inner.len() > MAX_MARKER {
        return None;
    }
    let lower = inner.to_lowercase();
    if inner.bytes().all(|b| b.is_ascii_digit()) {
        return Some(is_note(inner).then(|| Mark::Note(inner.to_string())));
    }
    if MAINTENANCE.contains(&lower.as_str()) {
        return Some(Some(Mark::Dim));
    }
    let lettered = inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_lowercase());
    let note_n = ["note ", "nb ", "n "]
        .iter()
        .any(|p| lower.strip_prefix(p).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric())));
    (lettered || note_n || BUTTONS.contains(&lower.as_str())).then_some(None)
}

/// `tail` without a leading page reference `: 222` or `:12–14`.
fn skip_page(tail: &str) -> &str {
    let Some(after) = tail.strip_prefix(':') else { return tail };
    let after = after.strip_prefix(' ').unwrap_or(after);
    if !after.starts_with(|c: char| c.is_ascii_digit()) {
        return tail;
    }
    let n: usize = after.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '–' | '-')).map(char::len_utf8).sum();
    &after[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries() {
        assert_eq!(note_entry("^ a b Smith, J. (2020)."), Some((None, "Smith, J. (2020).")));
        assert_eq!(note_entry("^ Smith, J. (2020)."), Some((None, "Smith, J. (2020).")));
        assert_eq!(note_entry("^ a study of things"), Some((None, "a study of things")));
        assert_eq!(note_entry("12. ^ Jones 1999"), Some((Some(12), "Jones 1999")));
        assert_eq!(note_entry("Jump up to: a b Lee 2001"), Some((None, "Lee 2001")));
        assert_eq!(note_entry("Smith, J. (2020)."), None);
    }

    #[test]
    fn markers() {
        let notes = |n: &str| n == "1" || n == "2";
        let (t, m) = scan("a[1] b[2]: 222 c[9] d[9]: 14 e[citation needed] f[edit] [x y] [a]", &notes);
        assert_eq!(t, "a[1] b[2]: 222 c d e[citation needed] f [x y] ");
        assert_eq!(m.len(), 3);
        assert_eq!(&t[m[0].0.clone()], "[1]");
        assert_eq!(m[0].1, Mark::Note("1".into()));
        assert_eq!(m[2].1, Mark::Dim);
    }
}
