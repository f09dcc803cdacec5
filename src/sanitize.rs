//! The one function that makes untrusted text safe to show in a terminal.
//!
//! It runs twice: on the raw source before parsing (so an escape sequence cannot be split across
//! parser events) and on every displayed string after parsing (pulldown-cmark decodes `&#27;`
//! back into ESC). The same function serves the TUI, `--print`, error messages and file names.

use std::borrow::Cow;

/// Most combining marks kept after one base character ("Zalgo" floods are cut here).
pub const MAX_COMBINING: usize = 16;

/// True for characters that are always replaced or removed (combining marks are only cut when
/// there are too many in a row, which [`needs_change`] counts).
fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\n' && c != '\t')
        || u == 0x7f
        || (0x80..=0x9f).contains(&u)
        || is_bidi(c)
        || is_invisible(c)
        || c == '\u{2028}'
        || c == '\u{2029}'
}

/// A zero-width mark that counts towards [`MAX_COMBINING`] (ZWJ and ZWNJ do not: emoji and
/// Indic or Arabic scripts need them).
fn is_mark(c: char) -> bool {
    !c.is_ascii() && c != '\u{200d}' && c != '\u{200c}' && unicode_width::UnicodeWidthChar::width(c) == Some(0)
}

/// Whether [`sanitize`] would change `s`: one byte scan for ASCII controls, and a char scan of
/// non-ASCII text only.
fn needs_change(s: &str) -> bool {
    if s.bytes().any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f) {
        return true;
    }
    if s.is_ascii() {
        return false;
    }
    let mut marks = 0usize;
    for c in s.chars() {
        if c.is_ascii() {
            marks = 0;
        } else if is_unsafe(c) {
            return true;
        } else if is_mark(c) {
            marks += 1;
            if marks > MAX_COMBINING {
                return true;
            }
        } else {
            marks = 0;
        }
    }
    false
}

/// Bidirectional controls (Trojan Source): shown as a visible mark, never passed through.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Invisible format characters that only make widths drift; removed.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{00ad}')
}

/// The visible, inert stand-in for a C0 control: its Unicode control picture (ESC → `␛`).
fn control_picture(c: char) -> char {
    char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')
}

/// Replaces every character that could act on a terminal with an inert, visible placeholder.
///
/// C0 controls (except `\n` and `\t`) become control pictures, DEL `␡`, C1 controls and bidi
/// controls U+FFFD; zero-width spaces are removed (ZWJ/ZWNJ are kept); line and paragraph
/// separators become spaces; at most [`MAX_COMBINING`] combining marks follow a character.
/// Returns the input unchanged (borrowed) when it is already safe, which is the common case.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !needs_change(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut marks = 0usize;
    for c in s.chars() {
        let u = c as u32;
        if u < 0x20 && c != '\n' && c != '\t' {
            out.push(control_picture(c));
        } else if u == 0x7f {
            out.push('\u{2421}');
        } else if (0x80..=0x9f).contains(&u) || is_bidi(c) {
            out.push('\u{fffd}');
        } else if is_invisible(c) {
            continue;
        } else if c == '\u{2028}' || c == '\u{2029}' {
            out.push(' ');
        } else if unicode_width::UnicodeWidthChar::width(c) == Some(0) && c != '\u{200d}' && c != '\u{200c}' {
            marks += 1;
            if marks <= MAX_COMBINING {
                out.push(c);
            }
            continue;
        } else {
            out.push(c);
        }
        marks = 0;
    }
    Cow::Owned(out)
}

/// For one-line fields (titles, file names, paths and names in messages, status lines):
/// [`sanitize`], and line breaks and tabs shown as their control pictures (`␊`, `␉`), so a file
/// named `nl\n  1 Injected.md` can never print a line of its own.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    let clean = sanitize(s);
    if !clean.contains(['\n', '\t']) {
        return clean;
    }
    Cow::Owned(clean.replace('\n', "\u{240a}").replace('\t', "\u{2409}"))
}

/// Line ends normalised to `\n` (CRLF and a lone CR both end a line), done before parsing.
pub fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if !s.contains('\r') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The raw source made safe: newlines normalised, a leading BOM dropped, controls replaced.
/// Clean text (the usual case) is borrowed, not copied.
pub fn clean_source(s: &str) -> Cow<'_, str> {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    match normalize_newlines(s) {
        Cow::Borrowed(b) => sanitize(b),
        Cow::Owned(o) => Cow::Owned(sanitize(&o).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_becomes_picture() {
        assert_eq!(sanitize("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize("\0\x07\x7f"), "␀␇␡");
    }

    #[test]
    fn c1_and_bidi_become_replacement() {
        assert_eq!(sanitize("a\u{9b}b\u{202e}c"), "a\u{fffd}b\u{fffd}c");
    }

    #[test]
    fn safe_text_is_borrowed() {
        assert!(matches!(sanitize("plain text\twith tab\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn zero_width_space_removed_zwj_kept() {
        assert_eq!(sanitize("a\u{200b}b\u{200d}c"), "ab\u{200d}c");
    }

    #[test]
    fn combining_flood_capped() {
        let s = format!("e{}", "\u{301}".repeat(5000));
        assert_eq!(sanitize(&s).chars().count(), 1 + MAX_COMBINING);
    }

    #[test]
    fn one_line_fields_show_line_breaks() {
        assert_eq!(sanitize_line("nl\n  1 Injected\t.md"), "nl␊  1 Injected␉.md");
        assert!(matches!(sanitize_line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_ends_normalised() {
        assert_eq!(clean_source("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }
}
