//! A slice of a [`PageLayout`]'s rows with their runs, ready to draw.
//!
//! The layout keeps the runs of tall blocks only; the short blocks the slice touches are laid
//! out again here by the same code, so they come out exactly as the whole pass made them.

use std::ops::Range;

use super::{put_block, width::display_width, Builder, PageLayout, Run};
use crate::model::{block_text, Article};

/// Rows `rows` of a layout and their runs.
pub struct View<'a> {
    layout: &'a PageLayout,
    article: &'a Article,
    rows: Range<usize>,
    /// Short blocks laid out again (their lines, runs and own text).
    built: PageLayout,
    /// For each row of `rows`: its line in `built`, or [`KEPT`] when the layout keeps it.
    map: Vec<u32>,
}

/// A row whose runs the layout keeps.
const KEPT: u32 = u32::MAX;

impl<'a> View<'a> {
    pub(super) fn new(layout: &'a PageLayout, article: &'a Article, rows: Range<usize>) -> Self {
        let rows = rows.start.min(layout.len())..rows.end.min(layout.len());
        let mut b = Builder::new(layout.width);
        let mut map = Vec::with_capacity(rows.len());
        // The block last laid out here: (block, its first row in the layout, its first line here).
        let mut last: Option<(usize, usize, usize)> = None;
        for row in rows.clone() {
            let block = layout.lines[row].block as usize;
            if layout.kept.get(block).copied().unwrap_or(true) || block >= article.blocks.len() {
                map.push(KEPT);
                continue;
            }
            let (first_row, first_line) = match last {
                Some((b_, r, l)) if b_ == block => (r, l),
                _ => {
                    let start = layout.block_start(block);
                    let gap = start < layout.block_rows.get(block).map_or(0, |&r| r as usize);
                    let first_line = b.page.lines.len();
                    put_block(&mut b, article, block, gap);
                    last = Some((block, start, first_line));
                    (start, first_line)
                }
            };
            map.push((first_line + (row - first_row)) as u32);
        }
        View { layout, article, rows, built: b.page, map }
    }

    /// The runs of `row` (one of the view's rows) with their text.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&str, &Run)> + '_ {
        let line = row.checked_sub(self.rows.start).and_then(|i| self.map.get(i)).copied();
        let (runs, own): (&[Run], &str) = match line {
            Some(KEPT) => (self.layout.kept_runs(row), &self.layout.own),
            Some(l) => (self.built.kept_runs(l as usize), &self.built.own),
            None => (&[], ""),
        };
        let source = self
            .layout
            .lines
            .get(row)
            .and_then(|l| self.article.blocks.get(l.block as usize))
            .map(block_text)
            .unwrap_or("");
        runs.iter().map(move |r| {
            let text = if r.own { own } else { source };
            let range = r.start as usize..(r.start as usize).saturating_add(r.len as usize);
            // A layout used with another article shows nothing rather than panicking.
            (text.get(range).unwrap_or(""), r)
        })
    }

    /// The block a row shows.
    pub fn block(&self, row: usize) -> Option<u32> {
        self.layout.lines.get(row).map(|l| l.block)
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
