//! Application state and `update`: pure, no I/O, testable without a terminal.

mod action;
mod document;
mod find;
pub mod keymap;
mod links;
mod overlay;
mod toc;
mod update;

use std::sync::Arc;

use ratatui::layout::Rect;

pub use action::Action;
pub use document::{Document, History, Place, HISTORY_CAP};
pub use find::{FinderItem, FinderKind, Search};
pub use links::{hint_labels, ListedLink, HINT_KEYS};
pub use overlay::Overlay;
pub use toc::Toc;
pub use update::update;

use crate::layout::PageLayout;
use crate::library::Library;
use crate::model::{Article, LinkId, SectionId};

/// Narrower than this, the TOC starts hidden and opens as an overlay.
pub const NARROW: u16 = 70;
/// Smallest terminal folio draws into; below it shows "terminal too small".
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// Articles with more blocks than this are laid out around the reading position first after
/// a resize, and completely in the background.
pub const WINDOW_MIN_BLOCKS: usize = 5000;
const WINDOW_BEFORE: usize = 60;
const WINDOW_AFTER: usize = 400;

/// Default reading measure in the TUI.
pub const DEFAULT_MAX_WIDTH: u16 = 100;

/// Screen areas, computed from the terminal size in `update` so that paging and hit-testing
/// are pure arithmetic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    /// The TOC pane (side pane or overlay), when shown.
    pub toc: Option<Rect>,
    /// Whether the TOC is drawn over the reading pane.
    pub toc_overlay: bool,
    /// The reading pane.
    pub reader: Rect,
    /// Where text is drawn inside the reading pane (padding and measure applied).
    pub text: Rect,
    /// The status line.
    pub status: Rect,
    /// Below [`MIN_SIZE`]: nothing but a notice is drawn.
    pub too_small: bool,
}

impl Areas {
    /// Areas for a `w`×`h` terminal.
    pub fn compute(w: u16, h: u16, toc_shown: bool, max_width: u16) -> Areas {
        if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
            return Areas { too_small: true, text: Rect::new(0, 0, w.max(1), h.max(1)), ..Default::default() };
        }
        let body_h = h - 1;
        let status = Rect::new(0, body_h, w, 1);
        let narrow = w < NARROW;
        let side = if narrow { 0 } else { (w * 3 / 10).clamp(16, 40) };
        let (toc, overlay) = match (toc_shown, narrow) {
            (false, _) => (None, false),
            (true, false) => (Some(Rect::new(0, 0, side, body_h)), false),
            (true, true) => (Some(Rect::new(0, 0, (w - 4).min(40), body_h)), true),
        };
        let reader_x = if toc_shown && !narrow { side } else { 0 };
        let reader = Rect::new(reader_x, 0, w - reader_x, body_h);
        let text_w = reader.width.saturating_sub(2).clamp(1, max_width.max(1));
        let text = Rect::new(reader.x + 1, 0, text_w, body_h);
        Areas { toc, toc_overlay: overlay, reader, text, status, too_small: false }
    }
}

/// Which pane receives movement keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Reader,
    Toc,
}

/// What the event loop must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Turn mouse capture on (true) or off.
    SetMouse(bool),
    /// Restore the terminal, stop the process (SIGTSTP), and redraw on resume.
    Suspend,
    /// Clear the terminal and draw everything again.
    Redraw,
    /// Read library entry `entry`, then show it (at a section) with [`State::show`].
    Load {
        entry: usize,
        fragment: Option<String>,
    },
    /// Hand a checked `http`/`https`/`mailto` URL to the system's opener.
    OpenUrl(String),
    /// Search the text of every library article, then [`State::show_library_results`].
    SearchLibrary(String),
    /// The action needs the whole article, and only a preview is shown: wait for the full
    /// parse ([`State::replace_document`]), then apply the action again.
    AwaitFull(Action),
}

/// Everything the UI draws, and nothing it computes.
#[derive(Clone, Debug)]
pub struct State {
    pub library: Arc<Library>,
    pub doc: Document,
    pub layout: Arc<PageLayout>,
    /// The short blocks on screen, laid out once when they came into view (see
    /// [`crate::layout::shown_blocks`]); kept up to date by [`update`].
    pub shown: Vec<Arc<crate::layout::ShownBlock>>,
    pub size: (u16, u16),
    pub areas: Areas,
    /// First row of the article shown in the reading pane.
    pub top: usize,
    pub toc: Toc,
    pub focus: Focus,
    /// The overlay that has the keys, if any.
    pub overlay: Option<Overlay>,
    /// The selected link (Tab / Shift-Tab).
    pub selected: Option<LinkId>,
    pub history: History,
    /// The active in-article search (highlighted; `n`/`N` move through it).
    pub search: Option<Search>,
    /// A library hit's section to land on once its article is shown.
    pub pending_section: Option<String>,
    /// While a big article is shown from its preview: the first block that is not the
    /// article's own text yet (see `import::preview`).
    pub partial: Option<usize>,
    /// After a resize of a big article: the blocks laid out so far (a window around the
    /// reading position) while the whole layout is computed in the background.
    pub window: Option<std::ops::Range<usize>>,
    /// A one-line message for the status line, cleared by the next key.
    pub message: Option<String>,
    /// Reading measure (`--width`).
    pub max_width: u16,
    pub mouse: bool,
}

impl State {
    /// State for an article of the bundled library on a `w`×`h` terminal.
    pub fn new(article: Article, source: impl Into<String>, size: (u16, u16), max_width: u16) -> State {
        let library = Arc::new(Library::bundled());
        let doc = Document::new(article, source, &library, None);
        State::open(doc, library, size, max_width)
    }

    /// State for a document of `library` on a `w`×`h` terminal.
    pub fn open(mut doc: Document, library: Arc<Library>, size: (u16, u16), max_width: u16) -> State {
        let (w, h) = size;
        let toc = Toc::new(&doc.article, w >= NARROW);
        let areas = Areas::compute(w, h, toc.shown, max_width);
        let layout = doc.layout_for(areas.text.width);
        let mut s = State {
            library,
            doc,
            layout,
            shown: Vec::new(),
            size,
            areas,
            top: 0,
            toc,
            focus: Focus::Reader,
            overlay: None,
            selected: None,
            history: History::default(),
            search: None,
            pending_section: None,
            partial: None,
            window: None,
            message: None,
            max_width,
            mouse: true,
        };
        s.sync_toc();
        s.refresh_shown();
        s
    }

    /// Lays out the short blocks now on screen that are not laid out yet, and forgets the
    /// others.
    pub fn refresh_shown(&mut self) {
        let rows = self.top..self.top + self.areas.text.height as usize;
        self.shown = crate::layout::shown_blocks(&self.layout, &self.doc.article, rows, &self.shown);
    }

    /// A row of the reading pane as plain text.
    pub fn row_text(&self, row: usize) -> String {
        self.layout.row_text(&self.doc.article, row)
    }

    /// Which key bindings are live.
    pub fn mode(&self) -> keymap::Mode {
        match &self.overlay {
            Some(Overlay::Help(_)) => keymap::Mode::Help,
            Some(Overlay::Hints(_)) => keymap::Mode::Hints,
            Some(Overlay::Links { .. }) => keymap::Mode::Links,
            Some(Overlay::Confirm(_)) => keymap::Mode::Confirm,
            Some(Overlay::Search { .. } | Overlay::Finder { .. } | Overlay::LibraryPrompt(_)) => keymap::Mode::Links,
            Some(Overlay::Results { .. }) => keymap::Mode::Results,
            None if self.focus == Focus::Toc => keymap::Mode::Toc,
            None => keymap::Mode::Reader,
        }
    }

    /// The place being read now, for the history.
    fn place(&self) -> Place {
        let anchor = self.layout.lines.get(self.top).map(|l| (l.block, l.src)).unwrap_or((0, 0));
        Place { doc: self.doc.clone(), anchor, top: self.top, width: self.layout.width, selected: self.selected }
    }

    /// Records the current place before a jump or a new article (Backspace comes back here).
    fn remember(&mut self) {
        let place = self.place();
        self.history.push(place);
    }

    /// Shows a place: its article, its text on top, its selected link.
    fn restore(&mut self, place: Place) {
        self.set_doc(place.doc);
        self.top = if place.width == self.layout.width {
            place.top
        } else {
            self.layout.row_of(place.anchor.0 as usize, place.anchor.1)
        };
        self.selected = place.selected;
    }

    fn set_doc(&mut self, mut doc: Document) {
        let same = doc.path.is_some() && doc.path == self.doc.path && doc.source == self.doc.source;
        if !same {
            self.toc = Toc::new(&doc.article, self.toc.shown);
        }
        self.layout = doc.layout_for(self.areas.text.width);
        self.doc = doc;
        self.selected = None;
        self.focus = Focus::Reader;
        self.refresh_search();
    }

    /// Swaps the preview for the fully parsed article, keeping the same text on top, the
    /// folded TOC entries and the selected link.
    pub fn replace_document(&mut self, doc: Document) {
        let anchor = self.anchor();
        if doc.article.sections.len() == self.doc.article.sections.len() {
            // The same section tree: keep folds, cursor and scroll of the TOC.
            self.toc.refresh(&doc.article);
        } else {
            self.toc = Toc::new(&doc.article, self.toc.shown);
        }
        self.selected = self.selected.filter(|l| (l.0 as usize) < doc.article.links.len());
        self.doc = doc;
        self.partial = None;
        self.set_layout_for_width(anchor.map(|a| a.0).unwrap_or(0));
        self.restore_anchor(anchor);
        self.refresh_search();
        self.sync_toc();
        self.refresh_shown();
    }

    /// While only part of the article is laid out (a preview, or a window after a resize):
    /// the smallest valid top row and the first row past what is laid out.
    fn valid_rows(&self) -> Option<(usize, usize)> {
        if let Some(block) = self.partial {
            return Some((0, self.layout.block_rows.get(block).map(|&r| r as usize).unwrap_or(self.layout.len())));
        }
        let w = self.window.as_ref()?;
        let lo = usize::from(w.start > 0);
        let hi = if w.end < self.doc.article.blocks.len() { self.layout.len() } else { usize::MAX };
        Some((lo, hi))
    }

    /// Shows the results of a library search (or says there are none).
    pub fn show_library_results(&mut self, pattern: String, hits: Vec<crate::library::search::LibraryHit>) {
        if hits.is_empty() {
            self.message = Some(format!("‘{pattern}’ is not in any article of this library"));
        } else {
            self.overlay = Some(Overlay::Results { pattern, hits: Arc::new(hits), cursor: 0 });
        }
    }

    /// Opens a document as a new history entry, at a section when `fragment` names one.
    pub fn show(&mut self, doc: Document, fragment: Option<&str>) {
        self.remember();
        self.set_doc(doc);
        self.top = 0;
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            match self.doc.article.find_section(f) {
                Some(id) => self.top = self.layout.section_rows[id.0 as usize] as usize,
                None => self.message = Some(format!("No section ‘{f}’ in {}", self.doc.article.title)),
            }
        }
        self.sync_toc();
    }

    /// Jumps to a section by number (`2.3`), anchor or heading; says so when there is none.
    pub fn jump_to_section(&mut self, key: &str) {
        match self.doc.article.find_section(key) {
            Some(id) => {
                self.top = self.layout.section_rows[id.0 as usize] as usize;
                self.sync_toc();
            }
            None => self.message = Some(format!("No section ‘{key}’ in this article")),
        }
    }

    /// The open document (current or in the history) with this library path, if any.
    fn open_doc_by_path(&self, path: &str) -> Option<Document> {
        if self.doc.path.as_deref() == Some(path) {
            return Some(self.doc.clone());
        }
        self.history.find_doc(path).cloned()
    }

    fn back(&mut self) {
        match self.history.back.pop_back() {
            Some(place) => {
                let here = self.place();
                self.history.forward.push(here);
                self.restore(place);
            }
            None => self.message = Some("no earlier place in the history".to_string()),
        }
    }

    fn forward(&mut self) {
        match self.history.forward.pop() {
            Some(place) => {
                let here = self.place();
                self.history.back.push_back(here);
                self.restore(place);
            }
            None => self.message = Some("no later place in the history".to_string()),
        }
    }

    /// Opens folio's own guide (bundled) as a new history entry.
    fn open_guide(&mut self) {
        let name = crate::assets::GUIDE_ARTICLE;
        if self.doc.path.as_deref() == Some(name) && self.doc.source.starts_with("bundled:") {
            return;
        }
        let text = crate::assets::bundled(name).unwrap_or_default();
        let article = crate::import::markdown::parse(text, "folio");
        let doc = Document::new(article, format!("bundled:{name}"), &self.library, Some(name.to_string()));
        self.show(doc, None);
    }

    /// The article shown.
    pub fn article(&self) -> &Article {
        &self.doc.article
    }

    /// Rows of text the reading pane shows.
    pub fn page_height(&self) -> usize {
        self.areas.text.height.max(1) as usize
    }

    /// Largest `top` for ordinary scrolling: the last row at the bottom of the pane.
    pub fn max_top(&self) -> usize {
        self.layout.len().saturating_sub(self.page_height())
    }

    /// The section containing the top row of the reading pane (scroll-spy).
    pub fn current_section(&self) -> Option<SectionId> {
        self.layout.section_at(self.top).map(|i| SectionId(i as u32))
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
    fn scroll_by(&mut self, delta: isize) {
        if delta < 0 {
            self.top = self.top.saturating_sub(delta.unsigned_abs());
        } else if self.top < self.max_top() {
            self.top = (self.top + delta as usize).min(self.max_top());
        }
    }

    fn jump_to_row(&mut self, row: usize) {
        self.top = row.min(self.layout.len().saturating_sub(1));
    }

    /// Keeps the TOC cursor on the current section and in view.
    fn sync_toc(&mut self) {
        if self.focus == Focus::Reader {
            // In the lead (before any heading) nothing is highlighted and the TOC shows its top.
            self.toc.cursor = self.toc_highlight().unwrap_or(0);
        }
        let h = self.toc_height();
        self.toc.keep_cursor_visible(h);
    }

    fn relayout(&mut self) {
        let (w, h) = self.size;
        let old_width = self.areas.text.width;
        self.areas = Areas::compute(w, h, self.toc.shown, self.max_width);
        if self.areas.text.width != old_width || self.layout.width != self.areas.text.width.max(1) {
            // Keep the same text on top: anchor on the source position, not the row number.
            let anchor = self.anchor();
            self.set_layout_for_width(anchor.map(|a| a.0).unwrap_or(0));
            self.restore_anchor(anchor);
        }
    }

    /// The text at the top of the reading pane, independent of the width: block, byte offset,
    /// and whether the top row is the blank line before that block.
    fn anchor(&self) -> Option<(usize, u32, bool)> {
        let line = self.layout.lines.get(self.top)?;
        let block = line.block as usize;
        let gap = self.layout.block_rows.get(block).is_some_and(|&r| (r as usize) > self.top);
        Some((block, line.src, gap))
    }

    /// Puts the anchored text back at the top after a relayout.
    fn restore_anchor(&mut self, anchor: Option<(usize, u32, bool)>) {
        if let Some((block, src, gap)) = anchor {
            let row = self.layout.row_of(block, src);
            self.top = if gap { row.saturating_sub(1) } else { row };
        }
    }

    /// The layout at the current width: from the cache, computed at once for an ordinary
    /// article, or — for a big one — a window around `block` now and the whole layout later
    /// (the event loop computes it in the background and calls [`State::accept_layout`]).
    fn set_layout_for_width(&mut self, block: usize) {
        let width = self.areas.text.width;
        if let Some(l) = self.doc.cached(width) {
            self.layout = l;
            self.window = None;
        } else if self.doc.article.blocks.len() > WINDOW_MIN_BLOCKS && self.partial.is_none() {
            // The old width's layout is dropped now, not when the new one arrives: a big
            // article then never holds two whole layouts at once.
            self.doc.clear_layouts();
            let range = block.saturating_sub(WINDOW_BEFORE)..block + WINDOW_AFTER;
            self.layout = Arc::new(crate::layout::layout_blocks(&self.doc.article, width, range.clone()));
            self.window = Some(range);
        } else {
            self.layout = self.doc.layout_for(width);
            self.window = None;
        }
    }

    /// The width a background layout is needed for, while a window is shown.
    pub fn layout_wanted(&self) -> Option<u16> {
        self.window.as_ref().map(|_| self.areas.text.width)
    }

    /// Takes a whole layout computed in the background; ignored if the width changed since.
    pub fn accept_layout(&mut self, layout: Arc<PageLayout>) {
        if layout.width != self.areas.text.width.max(1) {
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

    fn toc_move(&mut self, delta: isize) {
        let n = self.toc.visible.len();
        if n == 0 {
            return;
        }
        let c = self.toc.cursor as isize + delta;
        self.toc.cursor = c.clamp(0, n as isize - 1) as usize;
    }

    fn activate_toc(&mut self) {
        if let Some(id) = self.toc.selected() {
            self.remember();
            self.jump_to_row(self.layout.section_rows[id.0 as usize] as usize);
        }
        self.focus = Focus::Reader;
        if self.areas.toc_overlay {
            self.set_toc_shown(false);
        }
    }

    fn set_toc_shown(&mut self, shown: bool) {
        self.toc.shown = shown;
        if !shown {
            self.focus = Focus::Reader;
        }
        self.relayout();
    }

    fn next_section(&mut self) {
        let rows = &self.layout.section_rows;
        let i = rows.partition_point(|&r| r as usize <= self.top);
        match rows.get(i) {
            Some(&r) => self.jump_to_row(r as usize),
            None => self.message = Some("last section".to_string()),
        }
    }

    fn prev_section(&mut self) {
        let rows = &self.layout.section_rows;
        let i = rows.partition_point(|&r| (r as usize) < self.top);
        self.top = i.checked_sub(1).map(|i| rows[i] as usize).unwrap_or(0);
    }
}

/// Rows of the help overlay's content.
pub fn help_len() -> usize {
    keymap::help_rows().len() + HELP_FOOTER.len() + 1
}

/// Lines shown under the key list in the help overlay.
pub const HELP_FOOTER: &[&str] = &[
    "Link hints (f): type the label shown on a link to follow it.",
    "Link list (F): type to filter, ↑/↓ to choose, Enter to follow.",
    "Mouse: the wheel scrolls the pane under the pointer; a click on a TOC entry jumps there.",
    "With mouse capture on, hold Shift while dragging to select text (or press m).",
];
