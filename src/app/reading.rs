//! The reading pane and the TOC pane: scrolling, the layout at the current width (a window and
//! a background layout for a big article), scroll-spy, and section motions.

use std::sync::Arc;

use super::{Areas, DocId, Focus, Job, JobKind, Shared, State, WINDOW_AFTER, WINDOW_BEFORE, WINDOW_MIN_BLOCKS};
use crate::layout::PageLayout;
use crate::model::SectionId;

impl State {
    /// Lays out the short blocks now on screen that are not laid out yet, and forgets the
    /// others.
    pub fn refresh_shown(&mut self) {
        let rows = self.top..self.top + self.areas.text.height as usize;
        self.shown = crate::layout::shown_blocks(&self.layout, &self.doc.article, rows, &self.shown);
    }

    /// While only part of the article is laid out (a preview, or a window after a resize):
    /// the smallest valid top row and the first row past what is laid out.
    pub(super) fn valid_rows(&self) -> Option<(usize, usize)> {
        if let Some(block) = self.doc.partial {
            return Some((0, self.layout.block_rows.get(block).map(|&r| r as usize).unwrap_or(self.layout.len())));
        }
        let w = self.window.as_ref()?;
        let lo = usize::from(w.start > 0);
        let hi = if w.end < self.doc.article.blocks.len() { self.layout.len() } else { usize::MAX };
        Some((lo, hi))
    }

    /// Rows of text the reading pane shows.
    pub fn page_height(&self) -> usize {
        self.areas.text.height.max(1) as usize
    }

    /// Largest `top` for ordinary scrolling: the last row at the bottom of the pane.
    pub fn max_top(&self) -> usize {
        self.layout.len().saturating_sub(self.page_height())
    }

    /// The section being read (scroll-spy): the one containing the top row of the reading
    /// pane. At the end of the article the top row can never reach a short last section, so
    /// there the last heading on screen counts.
    pub fn current_section(&self) -> Option<SectionId> {
        let max = self.max_top();
        let row = if max > 0 && self.top == max {
            (self.top + self.page_height()).min(self.layout.len()).saturating_sub(1)
        } else {
            self.top
        };
        self.layout.section_at(row).map(|i| SectionId(i as u32))
    }

    /// Rows of TOC entries: the pane's first row is its title (or top border), and an overlay
    /// also has a bottom border.
    pub fn toc_height(&self) -> usize {
        let chrome = if self.areas.toc_overlay { 2 } else { 1 };
        self.areas.toc.map(|r| r.height.saturating_sub(chrome) as usize).unwrap_or(1)
    }

    /// The TOC entry to highlight: the cursor when the TOC has focus, else the current section.
    pub fn toc_highlight(&self) -> Option<usize> {
        match self.focus {
            Focus::Toc => Some(self.toc.cursor),
            Focus::Reader => self.current_section().and_then(|s| self.toc.index_of(self.article(), s)),
        }
    }

    /// Reading position as a percentage (of the bottom row shown).
    pub fn percent(&self) -> usize {
        let len = self.layout.len().max(1);
        ((self.top + self.page_height()).min(len) * 100) / len
    }

    /// Scrolls by `delta` rows. Down stops at the last full page; a section jump may have
    /// gone further, and scrolling down from there stays put rather than jumping back.
    pub(super) fn scroll_by(&mut self, delta: isize) {
        if delta < 0 {
            self.top = self.top.saturating_sub(delta.unsigned_abs());
        } else if self.top < self.max_top() {
            self.top = (self.top + delta as usize).min(self.max_top());
        }
    }

    pub(super) fn jump_to_row(&mut self, row: usize) {
        self.top = row.min(self.layout.len().saturating_sub(1));
    }

    /// Keeps the TOC cursor on the current section and in view.
    pub(super) fn sync_toc(&mut self) {
        if self.focus == Focus::Reader {
            // In the lead (before any heading) nothing is highlighted and the TOC shows its top.
            self.toc.cursor = self.toc_highlight().unwrap_or(0);
        }
        let h = self.toc_height();
        self.toc.keep_cursor_visible(h);
    }

    /// How far `<` and `>` scroll: half the pane.
    pub(super) fn sideways_step(&self) -> u16 {
        (self.areas.wide / 2).max(1)
    }

    /// Scrolls the rows wider than the pane sideways by `delta` columns, no further than the
    /// widest of them on screen reaches.
    pub(super) fn scroll_sideways(&mut self, delta: i32) {
        let rows = self.top..(self.top + self.page_height()).min(self.layout.len());
        let view = self.layout.view_reusing(&self.doc.article, rows.clone(), &self.shown);
        let widest = rows
            .filter(|&r| view.block(r).is_some_and(|b| self.layout.overflows(b)))
            .filter_map(|r| view.row(r).map(|(_, run)| run.col.saturating_add(run.width)).max())
            .max()
            .unwrap_or(0);
        let max = widest.saturating_sub(self.areas.wide);
        if max == 0 {
            self.message = Some("nothing wider than the pane here".to_string());
        }
        self.hscroll = (i32::from(self.hscroll) + delta).clamp(0, i32::from(max)) as u16;
    }

    /// A selected link that scrolled off screen is no longer selected (Enter would follow a
    /// link the reader cannot see).
    pub(super) fn drop_hidden_selection(&mut self) {
        if let Some(link) = self.selected {
            let visible = self.layout.links_in(self.top, self.top + self.page_height()).iter().any(|s| s.link == link);
            if !visible {
                self.selected = None;
            }
        }
    }

    pub(super) fn relayout(&mut self) {
        let (w, h) = self.size;
        self.areas = Areas::compute_with(w, h, self.toc.shown, self.max_width, self.toc_width, self.toc_right);
        if self.layout.measure != self.measure().normal_form() {
            // Keep the same text on top: anchor on the source position, not the row number.
            let anchor = self.anchor();
            self.set_layout_for_width(anchor.map(|a| a.0).unwrap_or(0));
            self.restore_anchor(anchor);
        }
    }

    /// The text at the top of the reading pane, independent of the width: block, byte offset,
    /// and whether the top row is the blank line before that block.
    pub(super) fn anchor(&self) -> Option<(usize, u32, bool)> {
        let line = self.layout.line(self.top)?;
        let block = line.block as usize;
        let gap = self.layout.block_rows.get(block).is_some_and(|&r| (r as usize) > self.top);
        Some((block, line.src, gap))
    }

    /// Puts the anchored text back at the top after a relayout.
    pub(super) fn restore_anchor(&mut self, anchor: Option<(usize, u32, bool)>) {
        if let Some((block, src, gap)) = anchor {
            let row = self.layout.row_of(block, src);
            self.top = if gap { row.saturating_sub(1) } else { row };
        }
    }

    /// The layout at the current width: from the cache, computed at once for an ordinary
    /// article, or — for a big one — a window around `block` now and the whole layout from a
    /// background job (which replaces any layout job still running for another width).
    pub(super) fn set_layout_for_width(&mut self, block: usize) {
        let measure = self.measure();
        if let Some(l) = self.doc.cached(measure) {
            self.layout = l;
            self.window = None;
            self.cancel(JobKind::Layout);
        } else if self.doc.article.blocks.len() > WINDOW_MIN_BLOCKS && self.doc.partial.is_none() {
            // The old width's layout is dropped now, not when the new one arrives: a big
            // article then never holds two whole layouts at once.
            self.doc.clear_layouts();
            let range = block.saturating_sub(WINDOW_BEFORE)..block + WINDOW_AFTER;
            self.layout = Arc::new(crate::layout::layout_blocks(&self.doc.article, measure, range.clone()));
            self.window = Some(range);
            let job = Job::Layout { id: self.doc.id, article: Shared(self.doc.article.clone()), measure };
            self.start(job, "laying out");
        } else {
            self.layout = self.doc.layout_for(measure);
            self.window = None;
            self.cancel(JobKind::Layout);
        }
    }

    /// Takes a whole layout computed in the background for document `id`; ignored when that
    /// document is no longer shown or the width changed since.
    pub(super) fn accept_layout(&mut self, id: DocId, layout: Arc<PageLayout>) {
        if id != self.doc.id || layout.measure != self.measure().normal_form() {
            return;
        }
        let anchor = self.anchor();
        self.doc.insert_layout(layout.clone());
        self.layout = layout;
        self.window = None;
        self.restore_anchor(anchor);
        self.sync_toc();
        self.refresh_shown();
    }

    pub(super) fn toc_move(&mut self, delta: isize) {
        let n = self.toc.visible.len();
        if n == 0 {
            return;
        }
        let c = self.toc.cursor as isize + delta;
        self.toc.cursor = c.clamp(0, n as isize - 1) as usize;
    }

    pub(super) fn activate_toc(&mut self) {
        if let Some(id) = self.toc.selected() {
            self.remember();
            self.jump_to_row(self.layout.section_rows[id.0 as usize] as usize);
        }
        self.focus = Focus::Reader;
        if self.areas.toc_overlay {
            self.set_toc_shown(false);
        }
    }

    /// Puts the TOC pane at a width (`None`: from the terminal's) and side.
    pub fn set_toc_place(&mut self, width: Option<u16>, right: bool) {
        self.toc_width = width;
        self.toc_right = right;
        self.relayout();
    }

    pub(super) fn set_toc_shown(&mut self, shown: bool) {
        self.toc.shown = shown;
        if !self.areas.toc_overlay {
            self.toc_wanted = shown;
        }
        if !shown {
            self.focus = Focus::Reader;
        }
        self.relayout();
    }

    /// `]`: the next heading below the top of the pane.
    pub(super) fn next_section(&mut self) {
        let rows = &self.layout.section_rows;
        let i = rows.partition_point(|&r| r as usize <= self.top);
        match rows.get(i) {
            Some(&r) => self.jump_to_row(r as usize),
            None => self.message = Some("last section".to_string()),
        }
    }

    /// `[`: the nearest heading above the top of the pane (the start of this section, or the
    /// previous one from its start).
    pub(super) fn prev_section(&mut self) {
        let rows = &self.layout.section_rows;
        let i = rows.partition_point(|&r| (r as usize) < self.top);
        self.top = i.checked_sub(1).map(|i| rows[i] as usize).unwrap_or(0);
    }
}
