//! Plain text copied from a wiki page → [`Article`].

use crate::model::{Article, Block, BlockKind, Span};
use crate::sanitize::clean_source;

/// Parses plain text: the first line is the title, every other non-blank line a paragraph.
pub fn parse(text: &str, fallback_title: &str) -> Article {
    let text = clean_source(text);
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().map(|l| l.trim().to_string());
    let blocks = lines
        .map(|l| Block {
            kind: BlockKind::Paragraph(vec![Span::plain(l.trim())]),
            nest: Vec::new(),
            depth: 0,
            gap_before: true,
        })
        .collect();
    super::markdown::finish(blocks, Vec::new(), title, fallback_title)
}
