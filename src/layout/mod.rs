//! Article × width → [`PageLayout`]: wrapped lines and the row maps (sections, links, blocks).
//!
//! Computed once per width; the reading pane then draws a slice of rows. All text lives in one
//! string and lines are ranges of compact runs, so a 10 MB article costs a few allocations, not
//! millions.

mod table;
pub mod width;
mod wrap;

use crate::model::{Article, Block, BlockKind, Emphasis, LinkId, Nest, Span};
use width::{display_width, expand_tabs, take_width};
pub use wrap::{wrap_spans, DraftLine, Piece};

/// What a run of text is, for the theme to colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Body,
    Title,
    Heading(u8),
    Code,
    QuoteBar,
    Marker,
    TableBorder,
    TableHeader,
    Html,
    Rule,
    /// Clipping markers and other hints folio adds.
    Dim,
}

/// A run of text with one style on one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Byte range in [`PageLayout::text`].
    pub start: u32,
    pub end: u32,
    /// Column where the run starts, and its width in cells.
    pub col: u16,
    pub width: u16,
    pub role: Role,
    pub emph: Emphasis,
    pub link: Option<LinkId>,
    /// Byte offset of the run's text in its block's text ([`crate::model::block_text`]), or
    /// [`NO_SRC`] for what folio draws itself (markers, borders, rules).
    pub src: u32,
}

/// The `src` of runs that show no article text.
pub const NO_SRC: u32 = u32::MAX;

/// One screen row of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Range in [`PageLayout::runs`].
    pub runs: (u32, u32),
    /// The block this row shows.
    pub block: u32,
    /// Byte offset in the block's text where this row starts.
    pub src: u32,
}

/// Where a link sits on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkSpan {
    pub row: u32,
    pub col: u16,
    pub width: u16,
    pub link: LinkId,
}

/// The article laid out at one width.
#[derive(Clone, Debug, Default)]
pub struct PageLayout {
    pub width: u16,
    pub text: String,
    pub runs: Vec<Run>,
    pub lines: Vec<Line>,
    /// First row of each section's heading, indexed by section id.
    pub section_rows: Vec<u32>,
    /// First row of each block (after its gap line), indexed by block.
    pub block_rows: Vec<u32>,
    /// Every link span in row order.
    pub link_spans: Vec<LinkSpan>,
    /// Index in `link_spans` of each link's first span, by link id (`u32::MAX`: not shown).
    pub link_first: Vec<u32>,
}

impl PageLayout {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The runs of a row with their text.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&str, &Run)> + '_ {
        let (a, b) = self.lines.get(row).map(|l| l.runs).unwrap_or((0, 0));
        self.runs[a as usize..b as usize].iter().map(move |r| (&self.text[r.start as usize..r.end as usize], r))
    }

    /// A row as plain text (trailing spaces trimmed).
    pub fn row_text(&self, row: usize) -> String {
        let mut s = String::new();
        for (t, r) in self.row(row) {
            let pad = (r.col as usize).saturating_sub(display_width(&s));
            s.extend(std::iter::repeat_n(' ', pad));
            s.push_str(t);
        }
        s.truncate(s.trim_end().len());
        s
    }

    /// The section containing `row`: the last section whose heading is at or above it.
    pub fn section_at(&self, row: usize) -> Option<usize> {
        let i = self.section_rows.partition_point(|&r| r as usize <= row);
        i.checked_sub(1)
    }

    /// The row showing byte `src` of block `block` (for keeping the reading position on resize
    /// and for mapping search matches). Rows' offsets never decrease within a block.
    pub fn row_of(&self, block: usize, src: u32) -> usize {
        let first = self.block_rows.get(block).copied().unwrap_or(0) as usize;
        let end = self.block_rows.get(block + 1).map(|&r| r as usize).unwrap_or(self.lines.len()).max(first + 1);
        let end = end.min(self.lines.len());
        if first >= end {
            return first.min(self.lines.len().saturating_sub(1));
        }
        let lines = &self.lines[first..end];
        let n = lines.partition_point(|l| l.block as usize == block && l.src <= src);
        first + n.saturating_sub(1)
    }

    /// Link spans on rows `top..bottom`.
    pub fn links_in(&self, top: usize, bottom: usize) -> &[LinkSpan] {
        let a = self.link_spans.partition_point(|l| (l.row as usize) < top);
        let b = self.link_spans.partition_point(|l| (l.row as usize) < bottom);
        &self.link_spans[a..b]
    }
}

/// Lays out an article at `width` cells (at least 1).
pub fn layout(article: &Article, width: u16) -> PageLayout {
    layout_blocks(article, width, 0..article.blocks.len())
}

/// Lays out only the blocks in `range` (a window around the reading position, for a frame
/// that cannot wait for a whole big article). Blocks before the window map to row 0 and
/// blocks after it to the row count, so section lookups still give the right answer inside.
pub fn layout_blocks(article: &Article, width: u16, range: std::ops::Range<usize>) -> PageLayout {
    let width = width.max(1);
    let range = range.start.min(article.blocks.len())..range.end.min(article.blocks.len());
    let mut b = Builder { page: PageLayout { width, ..Default::default() }, col: 0, line_start: 0 };
    b.page.block_rows = vec![0; article.blocks.len()];
    for (i, block) in article.blocks.iter().enumerate().take(range.end).skip(range.start) {
        if block.gap_before && i > range.start {
            // The blank line keeps the quote bars both blocks share, so a quote reads as one.
            let prev = &article.blocks[i - 1].nest;
            let shared =
                block.nest.iter().zip(prev).take_while(|(a, b)| **a == Nest::Quote && **b == Nest::Quote).count();
            for _ in 0..shared.min(width as usize / 2 / 2) {
                b.push("│", Role::QuoteBar, Emphasis::default(), None, NO_SRC);
                b.col += 1;
            }
            b.end_line(i, 0);
        }
        b.page.block_rows[i] = b.page.lines.len() as u32;
        layout_block(&mut b, i, block, width as usize);
    }
    let rows = b.page.lines.len() as u32;
    for r in &mut b.page.block_rows[range.end..] {
        *r = rows;
    }
    b.page.section_rows =
        article.sections.iter().map(|s| b.page.block_rows.get(s.block).copied().unwrap_or(0)).collect();
    let mut first = vec![u32::MAX; article.links.len()];
    for (i, s) in b.page.link_spans.iter().enumerate() {
        if let Some(f) = first.get_mut(s.link.0 as usize) {
            if *f == u32::MAX {
                *f = i as u32;
            }
        }
    }
    b.page.link_first = first;
    // The buffers grew by doubling; a big article keeps its layout for long.
    b.page.text.shrink_to_fit();
    b.page.runs.shrink_to_fit();
    b.page.lines.shrink_to_fit();
    b.page.link_spans.shrink_to_fit();
    b.page
}

/// Appends runs and lines to a [`PageLayout`].
struct Builder {
    page: PageLayout,
    col: u16,
    line_start: u32,
}

impl Builder {
    fn push(&mut self, text: &str, role: Role, emph: Emphasis, link: Option<LinkId>, src: u32) {
        if text.is_empty() {
            return;
        }
        let w = display_width(text).min(u16::MAX as usize) as u16;
        let start = self.page.text.len() as u32;
        self.page.text.push_str(text);
        let end = self.page.text.len() as u32;
        let in_line = self.page.runs.len() as u32 > self.line_start;
        if let Some(last) = self.page.runs.last_mut() {
            if in_line
                && last.end == start
                && last.role == role
                && last.emph == emph
                && last.link == link
                && last.col + last.width == self.col
                // Merged text must stay contiguous in the source, so offsets stay exact.
                && (if src == NO_SRC { last.src == NO_SRC } else { last.src != NO_SRC && last.src + (last.end - last.start) == src })
            {
                last.end = end;
                last.width += w;
                self.col += w;
                return;
            }
        }
        self.page.runs.push(Run { start, end, col: self.col, width: w, role, emph, link, src });
        self.col = self.col.saturating_add(w);
    }

    fn pad_to(&mut self, col: u16) {
        self.col = self.col.max(col);
    }

    fn end_line(&mut self, block: usize, src: u32) {
        let row = self.page.lines.len() as u32;
        let (a, b) = (self.line_start, self.page.runs.len() as u32);
        let mut i = a as usize;
        while i < b as usize {
            let r = self.page.runs[i];
            if let Some(link) = r.link {
                let mut j = i + 1;
                let mut end = r.col + r.width;
                while j < b as usize && self.page.runs[j].link == Some(link) {
                    end = self.page.runs[j].col + self.page.runs[j].width;
                    j += 1;
                }
                self.page.link_spans.push(LinkSpan { row, col: r.col, width: end - r.col, link });
                i = j;
            } else {
                i += 1;
            }
        }
        self.page.lines.push(Line { runs: (a, b), block: block as u32, src });
        self.line_start = b;
        self.col = 0;
    }
}

/// The prefix drawn before a block's first line and before its other lines.
struct Prefix {
    first: Vec<(String, Role)>,
    rest: Vec<(String, Role)>,
    width: usize,
}

fn prefix_for(block: &Block, width: usize) -> Prefix {
    let mut first = Vec::new();
    let mut rest = Vec::new();
    if block.depth as usize > block.nest.len() {
        let s = format!("▌×{} ", block.depth);
        first.push((s.clone(), Role::QuoteBar));
        rest.push((s, Role::QuoteBar));
    }
    for n in &block.nest {
        match n {
            Nest::Quote => {
                first.push(("│ ".to_string(), Role::QuoteBar));
                rest.push(("│ ".to_string(), Role::QuoteBar));
            }
            Nest::Item(m) => {
                let w = display_width(m) + 1;
                first.push((format!("{m} "), Role::Marker));
                rest.push((" ".repeat(w), Role::Body));
            }
            Nest::Indent(w) => {
                first.push((" ".repeat(*w as usize), Role::Body));
                rest.push((" ".repeat(*w as usize), Role::Body));
            }
            Nest::Footnote(label) => {
                let m = format!("[{label}] ");
                let w = display_width(&m);
                first.push((m, Role::Marker));
                rest.push((" ".repeat(w), Role::Body));
            }
        }
    }
    let w = first.iter().map(|(s, _)| display_width(s)).sum::<usize>();
    // Deep nesting must leave room for text: beyond half the width the prefix is compacted.
    let budget = width / 2;
    if w > budget {
        let s = take_width(&format!("▌×{} ", block.depth.max(1)), budget).0.to_string();
        let cw = display_width(&s);
        return Prefix { first: vec![(s.clone(), Role::QuoteBar)], rest: vec![(s, Role::QuoteBar)], width: cw };
    }
    Prefix { first, rest, width: w }
}

fn put_prefix(b: &mut Builder, prefix: &Prefix, first: bool) {
    for (s, role) in if first { &prefix.first } else { &prefix.rest } {
        b.push(s, *role, Emphasis::default(), None, NO_SRC);
    }
}

/// Writes wrapped drafts of `spans` as lines, each after the block's prefix.
fn put_wrapped(b: &mut Builder, i: usize, spans: &[Span], role: Role, prefix: &Prefix, avail: usize) {
    let drafts = wrap_spans(spans, avail);
    for (n, line) in drafts.iter().enumerate() {
        put_prefix(b, prefix, n == 0);
        let src = put_draft(b, spans, line, role, 0).unwrap_or(0);
        b.end_line(i, src);
    }
}

/// Writes one draft line's pieces; returns the source offset of its first piece, if any.
fn put_draft(b: &mut Builder, spans: &[Span], line: &DraftLine, role: Role, base: u32) -> Option<u32> {
    let mut first_src = None;
    let mut last_end = 0u32;
    for (n, piece) in line.iter().enumerate() {
        match piece {
            Some(p) => {
                let span = &spans[p.span as usize];
                first_src.get_or_insert(base + p.src);
                let text = if p.placeholder { "\u{fffd}" } else { &span.text[p.start as usize..p.end as usize] };
                b.push(text, role, span.style, span.link, base + p.src);
                last_end = base + p.src + (p.end - p.start);
            }
            None => {
                // The space between two words keeps the link style only inside one link.
                let next = line[n + 1..].iter().flatten().next().map(|p| &spans[p.span as usize]);
                let (emph, link) = match (next, b.page.runs.last()) {
                    (Some(next), Some(prev)) if prev.link.is_some() && prev.link == next.link => (prev.emph, prev.link),
                    _ => (Emphasis::default(), None),
                };
                b.push(" ", role, emph, link, last_end);
            }
        }
    }
    first_src
}

fn layout_block(b: &mut Builder, i: usize, block: &Block, width: usize) {
    let prefix = prefix_for(block, width);
    let avail = width.saturating_sub(prefix.width).max(1);
    match &block.kind {
        BlockKind::Title(t) => {
            let spans = [Span::plain(t.as_str())];
            put_wrapped(b, i, &spans, Role::Title, &prefix, avail);
            let w = display_width(t).clamp(1, avail);
            b.push(&"═".repeat(w), Role::Title, Emphasis::default(), None, NO_SRC);
            b.end_line(i, t.len() as u32);
        }
        BlockKind::Heading { level, spans, .. } => put_wrapped(b, i, spans, Role::Heading(*level), &prefix, avail),
        BlockKind::Paragraph(spans) => put_wrapped(b, i, spans, Role::Body, &prefix, avail),
        BlockKind::Code { text, .. } => put_preformatted(b, i, text, Role::Code, &prefix, avail),
        BlockKind::Html(text) => put_preformatted(b, i, text, Role::Html, &prefix, avail),
        BlockKind::Rule => {
            put_prefix(b, &prefix, true);
            b.push(&"─".repeat(avail), Role::Rule, Emphasis::default(), None, NO_SRC);
            b.end_line(i, 0);
        }
        BlockKind::Table { aligns, header, rows } => table::put_table(b, i, aligns, header, rows, &prefix, avail),
    }
}

/// Preformatted lines: tabs expanded, never re-wrapped; a line too long is clipped with `…`.
fn put_preformatted(b: &mut Builder, i: usize, text: &str, role: Role, prefix: &Prefix, avail: usize) {
    let mut src = 0u32;
    for (n, raw) in text.split('\n').enumerate() {
        put_prefix(b, prefix, n == 0);
        let line = expand_tabs(raw);
        let w = display_width(&line);
        if w > avail {
            let (head, _) = take_width(&line, avail.saturating_sub(1));
            b.push(head, role, Emphasis::default(), None, src);
            b.push("…", Role::Dim, Emphasis::default(), None, NO_SRC);
        } else {
            b.push(&line, role, Emphasis::default(), None, src);
        }
        b.end_line(i, src);
        src += raw.len() as u32 + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::markdown;

    fn rows(src: &str, width: u16) -> Vec<String> {
        let a = markdown::parse(src, "t");
        let l = layout(&a, width);
        (0..l.len()).map(|r| l.row_text(r)).collect()
    }

    #[test]
    fn paragraph_wraps_at_width() {
        let r = rows("# T\n\none two three four five six\n", 10);
        assert_eq!(r, vec!["T", "═", "", "one two", "three four", "five six"]);
    }

    #[test]
    fn list_markers_and_continuation_indent() {
        let r = rows("- alpha beta gamma\n- b\n", 12);
        assert_eq!(&r[3..], &["• alpha beta", "  gamma", "• b"]);
    }

    #[test]
    fn code_is_clipped_not_wrapped() {
        let r = rows("```\nabcdefghijkl\n```\n", 6);
        assert_eq!(r.last().unwrap(), "abcde…");
    }

    #[test]
    fn link_spans_recorded() {
        let a = markdown::parse("go [to the place](x.md) now\n", "t");
        let l = layout(&a, 80);
        assert_eq!(l.link_spans.len(), 1);
        let s = l.link_spans[0];
        assert_eq!(l.row_text(s.row as usize), "go to the place now");
        assert_eq!((s.col, s.width), (3, 12));
    }

    #[test]
    fn wide_glyph_in_one_cell_becomes_placeholder() {
        let r = rows("漢字\n", 1);
        assert!(r.iter().all(|l| display_width(l) <= 1));
    }
}
