//! Display widths in terminal cells, measured the way the renderer measures them: per grapheme
//! cluster with `unicode-width`, so wrapping and drawing always agree.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Width of `s` in terminal cells.
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Width of one grapheme cluster (at most 2 cells, as ratatui draws it).
pub fn grapheme_width(g: &str) -> usize {
    g.width().min(2)
}

/// Tab stops in preformatted text are this many columns apart.
pub const TAB: usize = 4;

/// Expands tabs to stops every [`TAB`] columns.
pub fn expand_tabs(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for g in s.graphemes(true) {
        if g == "\t" {
            let n = TAB - col % TAB;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push_str(g);
            col += grapheme_width(g);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The longest prefix of `s` at most `max` cells wide, and its width.
pub fn take_width(s: &str, max: usize) -> (&str, usize) {
    let mut w = 0;
    for (i, g) in s.grapheme_indices(true) {
        let gw = grapheme_width(g);
        if w + gw > max {
            return (&s[..i], w);
        }
        w += gw;
    }
    (s, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("漢字"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("👩\u{200d}🔬"), 2);
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(expand_tabs("a\tb\tc"), "a   b   c");
        assert_eq!(expand_tabs("\tx"), "    x");
    }

    #[test]
    fn take_width_never_splits_wide_glyph() {
        assert_eq!(take_width("a漢字", 2), ("a", 1));
        assert_eq!(take_width("a漢字", 3), ("a漢", 3));
    }
}
