//! The table of contents pane's own state: which entries are folded, which are visible, where
//! its cursor and scroll offset are.

use crate::model::{Article, SectionId};

/// TOC state; the visible list is recomputed only when folding changes.
#[derive(Clone, Debug, Default)]
pub struct Toc {
    /// Whether the pane is shown.
    pub shown: bool,
    /// Folded flag per section.
    pub folded: Vec<bool>,
    /// Sections not hidden under a folded ancestor, in document order.
    pub visible: Vec<SectionId>,
    /// Index into `visible` of the highlighted entry.
    pub cursor: usize,
    /// First visible entry drawn.
    pub offset: usize,
}

impl Toc {
    /// A TOC with every section unfolded.
    pub fn new(article: &Article, shown: bool) -> Self {
        let mut toc = Toc { shown, folded: vec![false; article.sections.len()], ..Default::default() };
        toc.refresh(article);
        toc
    }

    /// Recomputes the visible entries after folding changed.
    pub fn refresh(&mut self, article: &Article) {
        self.visible.clear();
        let mut hidden_below: Option<u16> = None;
        for (i, s) in article.sections.iter().enumerate() {
            if let Some(depth) = hidden_below {
                if s.depth > depth {
                    continue;
                }
                hidden_below = None;
            }
            self.visible.push(SectionId(i as u32));
            if self.folded[i] && !s.children.is_empty() {
                hidden_below = Some(s.depth);
            }
        }
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    /// Index in `visible` of `id`, or of its nearest visible ancestor when it is folded away.
    pub fn index_of(&self, article: &Article, id: SectionId) -> Option<usize> {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if let Ok(i) = self.visible.binary_search(&c) {
                return Some(i);
            }
            cur = article.section(c).parent;
        }
        None
    }

    /// Folds or unfolds the subtree at `id`; returns false when it has no children.
    pub fn toggle(&mut self, article: &Article, id: SectionId) -> bool {
        if article.section(id).children.is_empty() {
            return false;
        }
        let f = &mut self.folded[id.0 as usize];
        *f = !*f;
        self.refresh(article);
        if let Some(i) = self.index_of(article, id) {
            self.cursor = i;
        }
        true
    }

    /// Scrolls so that the cursor is within a pane of `height` entries.
    pub fn keep_cursor_visible(&mut self, height: usize) {
        let height = height.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor + 1 - height;
        }
        self.offset = self.offset.min(self.visible.len().saturating_sub(height));
    }

    /// The section under the cursor.
    pub fn selected(&self) -> Option<SectionId> {
        self.visible.get(self.cursor).copied()
    }
}
