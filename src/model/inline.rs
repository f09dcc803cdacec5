//! Styled text: one string per block and marks over byte ranges of it.
//!
//! A paragraph of a big article holds one allocation for its text and one for its marks,
//! instead of a `String` per styled run; the layout then points into this text instead of
//! copying it.

use super::{Emphasis, LinkId};

/// Where a style ends: the text from the previous mark's end (or 0) to `end` has this style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub end: u32,
    pub style: Emphasis,
    pub link: Option<LinkId>,
}

/// Text with styles: `marks` cover `text` in order, without gaps.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub marks: Vec<Mark>,
}

/// Shown as its styled runs, which read better than offsets (and keep import goldens readable).
impl std::fmt::Debug for Inline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Run<'a>(Span<'a>);
        impl std::fmt::Debug for Run<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Span")
                    .field("text", &self.0.text)
                    .field("style", &self.0.style)
                    .field("link", &self.0.link)
                    .finish()
            }
        }
        f.debug_list().entries(self.spans().map(Run)).finish()
    }
}

/// A borrowed run of text with one style, `start` bytes into its block's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'a> {
    pub text: &'a str,
    /// Byte offset of `text` in the block's text ([`super::block_text`]), or [`NO_SRC`] for
    /// text that is not the article's (labels folio adds).
    pub start: u32,
    pub style: Emphasis,
    pub link: Option<LinkId>,
}

/// The `start` of a span that shows no article text.
pub const NO_SRC: u32 = u32::MAX;

impl<'a> Span<'a> {
    /// Text folio shows that is not part of the article.
    pub fn label(text: &'a str, style: Emphasis) -> Self {
        Span { text, start: NO_SRC, style, link: None }
    }
}

impl Inline {
    /// Unstyled text.
    pub fn plain(text: impl Into<String>) -> Self {
        let mut i = Inline::default();
        i.push(&text.into(), Emphasis::default(), None);
        i
    }

    /// Appends text with a style, extending the last mark when the style is the same.
    pub fn push(&mut self, text: &str, style: Emphasis, link: Option<LinkId>) {
        if text.is_empty() {
            return;
        }
        self.text.push_str(text);
        let end = self.text.len() as u32;
        match self.marks.last_mut() {
            Some(last) if last.style == style && last.link == link => last.end = end,
            _ => self.marks.push(Mark { end, style, link }),
        }
    }

    /// Frees what the buffers grew by doubling (a big article keeps its blocks for long).
    pub fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.marks.shrink_to_fit();
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The styled runs, in order.
    pub fn spans(&self) -> impl Iterator<Item = Span<'_>> + '_ {
        self.spans_in(0, self.text.len() as u32)
    }

    /// The styled runs of the byte range `start..end` (a table cell), cut at its ends.
    pub fn spans_in(&self, start: u32, end: u32) -> impl Iterator<Item = Span<'_>> + '_ {
        let first = self.marks.partition_point(|m| m.end <= start);
        let mut at = start;
        self.marks[first..].iter().map_while(move |m| {
            if at >= end {
                return None;
            }
            let stop = m.end.min(end);
            let span = Span {
                text: self.text.get(at as usize..stop as usize).unwrap_or(""),
                start: at,
                style: m.style,
                link: m.link,
            };
            at = stop;
            Some(span)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_merges_equal_styles_and_spans_cut_ranges() {
        let mut i = Inline::default();
        i.push("one ", Emphasis::default(), None);
        i.push("two", Emphasis::default(), None);
        i.push(" three", Emphasis(Emphasis::BOLD), None);
        i.push(" four", Emphasis::default(), Some(LinkId(0)));
        assert_eq!(i.marks.len(), 3);
        let all: Vec<_> = i.spans().map(|s| (s.text, s.start)).collect();
        assert_eq!(all, vec![("one two", 0), (" three", 7), (" four", 13)]);
        let cut: Vec<_> = i.spans_in(4, 10).map(|s| (s.text, s.start, s.style)).collect();
        assert_eq!(cut, vec![("two", 4, Emphasis::default()), (" th", 7, Emphasis(Emphasis::BOLD))]);
        assert_eq!(i.spans_in(18, 18).count(), 0);
    }
}
