//! A slice of a [`PageLayout`]'s rows with their runs, ready to draw.
//!
//! The layout keeps the runs of tall blocks only; the short blocks the slice touches are laid
//! out again here by the same code, so they come out exactly as the whole pass made them.

use std::ops::Range;
use std::sync::Arc;

use super::{put_block, width::display_width, Builder, PageLayout, Run};
use crate::model::{block_text, Article};

/// A short block laid out for the screen (the layout keeps only where its rows start).
#[derive(Debug)]
pub struct ShownBlock {
    /// The layout it belongs to ([`PageLayout::id`]).
    layout: u64,
    block: usize,
    /// Its first row in that layout (the blank line before it, if it has one).
    first_row: usize,
    /// Its rows, runs and own text.
    page: PageLayout,
}

/// The short blocks on rows `rows`: taken from `reuse` when already laid out there, laid out
/// now otherwise. Kept between frames, a block is laid out once while it stays on screen,
/// not again on every key.
pub fn shown_blocks(
    layout: &PageLayout,
    article: &Article,
    rows: Range<usize>,
    reuse: &[Arc<ShownBlock>],
) -> Vec<Arc<ShownBlock>> {
    let rows = rows.start.min(layout.len())..rows.end.min(layout.len());
    let mut out: Vec<Arc<ShownBlock>> = Vec::new();
    for row in rows {
        let Some(line) = layout.line(row) else { continue };
        let block = line.block as usize;
        if layout.kept.get(block).copied().unwrap_or(true) || block >= article.blocks.len() {
            continue;
        }
        if out.last().is_some_and(|s| s.block == block) {
            continue;
        }
        match reuse.iter().find(|s| s.layout == layout.id && s.block == block) {
            Some(s) => out.push(s.clone()),
            None => {
                let first_row = layout.block_start(block);
                let gap = first_row < layout.block_rows.get(block).map_or(0, |&r| r as usize);
                let mut b = Builder::new(layout.measure);
                put_block(&mut b, article, block, gap);
                out.push(Arc::new(ShownBlock { layout: layout.id, block, first_row, page: b.page }));
            }
        }
    }
    out
}

/// Rows `rows` of a layout and their runs.
pub struct View<'a> {
    layout: &'a PageLayout,
    article: &'a Article,
    rows: Range<usize>,
    blocks: Vec<Arc<ShownBlock>>,
    /// For each row of `rows`: (index in `blocks`, line there), or [`KEPT`] when the layout
    /// keeps the row's runs.
    map: Vec<(u32, u32)>,
}

/// A row whose runs the layout keeps.
const KEPT: (u32, u32) = (u32::MAX, u32::MAX);

impl<'a> View<'a> {
    pub(super) fn new(
        layout: &'a PageLayout,
        article: &'a Article,
        rows: Range<usize>,
        reuse: &[Arc<ShownBlock>],
    ) -> Self {
        let rows = rows.start.min(layout.len())..rows.end.min(layout.len());
        let blocks = shown_blocks(layout, article, rows.clone(), reuse);
        let mut map = Vec::with_capacity(rows.len());
        let mut at = 0usize;
        for row in rows.clone() {
            let block = layout.line(row).map_or(u32::MAX as usize, |l| l.block as usize);
            while at < blocks.len() && blocks[at].block < block {
                at += 1;
            }
            match blocks.get(at) {
                Some(s) if s.block == block => map.push((at as u32, (row - s.first_row) as u32)),
                _ => map.push(KEPT),
            }
        }
        View { layout, article, rows, blocks, map }
    }

    /// The runs of `row` (one of the view's rows) with their text.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&str, &Run)> + '_ {
        let line = row.checked_sub(self.rows.start).and_then(|i| self.map.get(i)).copied();
        let (runs, own): (&[Run], &str) = match line {
            Some(KEPT) => (self.layout.kept_runs(row), &self.layout.own),
            Some((b, l)) => {
                let page = &self.blocks[b as usize].page;
                (page.kept_runs(l as usize), &page.own)
            }
            None => (&[], ""),
        };
        let source =
            self.layout.line(row).and_then(|l| self.article.blocks.get(l.block as usize)).map(block_text).unwrap_or("");
        runs.iter().map(move |r| {
            let text = if r.own { own } else { source };
            let range = r.start as usize..(r.start as usize).saturating_add(r.len as usize);
            // A layout used with another article shows nothing rather than panicking.
            (text.get(range).unwrap_or(""), r)
        })
    }

    /// The block a row shows.
    pub fn block(&self, row: usize) -> Option<u32> {
        self.layout.line(row).map(|l| l.block)
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
}
