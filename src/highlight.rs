//! Code highlighting: syntect with the syntax and theme sets the bat project curates
//! (two-face: TOML, TypeScript, Dockerfile and many more than syntect alone). It runs in a
//! background job, a few code blocks at a time (those on screen first), and its result is
//! kept per block: the first frame never waits for it.

use std::sync::OnceLock;

use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme};
use syntect::parsing::SyntaxSet;
use two_face::re_exports::syntect;

/// A code block's colours: byte ranges of its text, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Colors {
    pub spans: Vec<Colored>,
}

/// One coloured range of a code block's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colored {
    pub start: u32,
    pub end: u32,
    pub rgb: (u8, u8, u8),
    pub bold: bool,
    pub italic: bool,
}

impl Colors {
    /// The coloured ranges that overlap `start..end`.
    pub fn within(&self, start: u32, end: u32) -> &[Colored] {
        let a = self.spans.partition_point(|c| c.end <= start);
        let b = self.spans.partition_point(|c| c.start < end);
        &self.spans[a..b.max(a)]
    }
}

/// Code longer than this is shown without colours (highlighting it would take seconds).
pub const MAX_CODE: usize = 256 << 10;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

fn theme(dark: bool) -> &'static Theme {
    static DARK: OnceLock<Theme> = OnceLock::new();
    static LIGHT: OnceLock<Theme> = OnceLock::new();
    let name = if dark {
        two_face::theme::EmbeddedThemeName::Base16OceanDark
    } else {
        two_face::theme::EmbeddedThemeName::InspiredGithub
    };
    let cell = if dark { &DARK } else { &LIGHT };
    cell.get_or_init(|| two_face::theme::extra().get(name).clone())
}

/// Whether folio knows how to colour code in `lang` (a fence's language: `rust`, `toml`, `sh`).
pub fn knows(lang: &str) -> bool {
    let lang = crate::model::code_language(lang);
    !lang.is_empty() && syntaxes().find_syntax_by_token(lang).is_some()
}

/// The colours of `text`, code in `lang`, for a dark or a light background; `None` when the
/// language is unknown (plain code is shown) or the code is too long.
pub fn highlight(text: &str, lang: &str, dark: bool) -> Option<Colors> {
    let lang = crate::model::code_language(lang);
    if lang.is_empty() || text.len() > MAX_CODE {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut lines = HighlightLines::new(syntax, theme(dark));
    let mut spans = Vec::new();
    let mut at = 0u32;
    for line in text.split_inclusive('\n') {
        let ranges = lines.highlight_line(line, set).ok()?;
        for (style, piece) in ranges {
            let end = at + piece.len() as u32;
            let piece_text = piece.trim_end_matches('\n');
            if !piece_text.is_empty() {
                spans.push(Colored {
                    start: at,
                    end: at + piece_text.len() as u32,
                    rgb: (style.foreground.r, style.foreground.g, style.foreground.b),
                    bold: style.font_style.contains(FontStyle::BOLD),
                    italic: style.font_style.contains(FontStyle::ITALIC),
                });
            }
            at = end;
        }
    }
    Some(Colors { spans })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_gets_colours_by_byte_range_and_unknown_languages_none() {
        let text = "fn main() {\n    let x = 1;\n}";
        let c = highlight(text, "rust", true).unwrap();
        assert!(c.spans.len() > 3);
        assert!(c.spans.windows(2).all(|w| w[0].end <= w[1].start), "in order, not overlapping");
        assert_eq!(&text[c.spans[0].start as usize..c.spans[0].end as usize], "fn");
        assert!(c
            .spans
            .iter()
            .all(|s| text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize)));
        assert!(highlight(text, "no-such-language", true).is_none());
        assert!(knows("toml") && knows("sh") && !knows(""));
        assert!(knows("rust,ignore,panics") && knows("{.python .numberLines}"));
        assert!(!c.within(4, 8).is_empty());
    }
}
