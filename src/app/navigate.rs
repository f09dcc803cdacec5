//! Going places: showing documents, the history (back and forward), and taking in what
//! background jobs deliver (the full article behind a preview, a library article, a scanned
//! library).

use std::sync::Arc;

use super::{Document, Focus, JobKind, Place, State, Toc};
use crate::library::Library;

impl State {
    /// The place being read now, for the history.
    pub(super) fn place(&self) -> Place {
        let anchor = self.layout.line(self.top).map(|l| (l.block, l.src)).unwrap_or((0, 0));
        Place {
            doc: self.doc.clone(),
            anchor,
            top: self.top,
            measure: Some(self.layout.measure),
            selected: self.selected,
        }
    }

    /// Records the current place before a jump or a new article (Backspace comes back here).
    pub(super) fn remember(&mut self) {
        let place = self.place();
        self.history.push(place);
    }

    /// Shows a place: its article, its text on top, its selected link.
    fn restore(&mut self, place: Place) {
        self.set_doc(place.doc);
        self.top = if place.measure == Some(self.layout.measure) {
            place.top
        } else {
            self.layout.row_of(place.anchor.0 as usize, place.anchor.1)
        };
        self.selected = place.selected;
    }

    /// Makes `doc` the shown document, with its own layout at the current width (a window and
    /// a background layout for a big article). Nothing of the previous document stays behind.
    fn set_doc(&mut self, doc: Document) {
        self.remember_position();
        let same = doc.path.is_some() && doc.path == self.doc.path && doc.source == self.doc.source;
        if !same || doc.article.sections.len() != self.toc.folded.len() {
            self.toc = Toc::new(&doc.article, self.toc_pane_for(&doc));
            let (w, h) = self.size;
            self.areas =
                super::Areas::compute_with(w, h, self.toc.shown, self.max_width, self.toc_width, self.toc_right);
        }
        self.doc = doc;
        self.window = None;
        self.deferred = None;
        self.hscroll = 0;
        self.set_layout_for_width(0);
        self.selected = None;
        self.focus = Focus::Reader;
        self.refresh_search();
    }

    /// Whether the TOC pane shows beside `doc`: as the reader last wanted it, on a wide enough
    /// terminal, and not for an article without sections.
    fn toc_pane_for(&self, doc: &Document) -> bool {
        self.toc_wanted && self.size.0 >= super::NARROW && !doc.article.sections.is_empty()
    }

    /// The user goes somewhere else: an article still being opened is no longer wanted.
    fn leave(&mut self) {
        self.cancel(JobKind::Load);
        self.pending_section = None;
    }

    /// Swaps the preview for the fully parsed article, keeping the same text on top, the
    /// folded TOC entries and the selected link.
    pub(super) fn replace_document(&mut self, mut doc: Document) {
        doc.key = doc.key.or_else(|| self.doc.key.clone());
        let anchor = self.anchor();
        if doc.article.sections.len() == self.doc.article.sections.len() {
            // The same section tree: keep folds, cursor and scroll of the TOC.
            self.toc.refresh(&doc.article);
        } else {
            self.toc = Toc::new(&doc.article, self.toc_pane_for(&doc));
            let (w, h) = self.size;
            self.areas =
                super::Areas::compute_with(w, h, self.toc.shown, self.max_width, self.toc_width, self.toc_right);
        }
        self.selected = self.selected.filter(|l| (l.0 as usize) < doc.article.links.len());
        self.doc = doc;
        self.window = None;
        self.set_layout_for_width(anchor.map(|a| a.0).unwrap_or(0));
        self.restore_anchor(anchor);
        self.refresh_search();
        self.sync_toc();
        self.refresh_shown();
    }

    /// The full article behind preview `id` arrived: shown at once when the preview is, and
    /// put into every history entry that shows the preview.
    pub(super) fn accept_full(&mut self, doc: Document) {
        if self.doc.id == doc.id {
            self.replace_document(doc.clone());
        }
        self.history.upgrade(&doc);
    }

    /// The folder walk ended: links are resolved against the whole library now.
    pub(super) fn accept_library(&mut self, library: Arc<Library>) {
        self.doc.resolve_again(&library);
        self.history.resolve_again(&library);
        let n = library.own_entries().count();
        let layered = library.entries.len() - n;
        let more = if layered > 0 { format!(" (and {layered} in other libraries)") } else { String::new() };
        let links = library.link_report(&self.doc.targets);
        let imported = self.message.as_deref().is_some_and(|m| m.starts_with("imported:"));
        let report = if imported {
            // The import report of a wiki text, now with where its links lead.
            let (sections, targets) = (self.doc.article.sections.len(), self.doc.targets.len());
            format!("imported: {sections} sections, {targets} links: {links}")
        } else if self.doc.targets.is_empty() {
            format!("library: {}{more}", articles(n))
        } else {
            format!("library: {}{more}; links: {links}", articles(n))
        };
        self.message = Some(match library.warnings.first() {
            Some(w) => format!("{report}; {w}"),
            None => report,
        });
        self.library = library;
        self.link_index = None;
        self.start_index();
        if self.library_index.take() == Some(self.doc.id) {
            let index = self.library.index_article(&self.doc.source);
            let doc = Document::new(index, self.doc.source.clone(), &self.library, None);
            self.set_doc(doc);
            self.top = 0;
            self.sync_toc();
        }
    }
}

/// "1 article", "12 articles".
fn articles(n: usize) -> String {
    if n == 1 {
        "1 article".to_string()
    } else {
        format!("{n} articles")
    }
}

impl State {
    /// Shows the results of a library search (or says there are none).
    pub fn show_library_results(&mut self, pattern: String, hits: Vec<crate::library::search::LibraryHit>) {
        if hits.is_empty() {
            self.message = Some(format!("‘{pattern}’ is not in any article of this library"));
        } else {
            self.overlay = Some(super::Overlay::Results { pattern, hits: Arc::new(hits), cursor: 0 });
        }
    }

    /// Opens a document as a new history entry, at a section when `fragment` names one.
    pub fn show(&mut self, doc: Document, fragment: Option<&str>) {
        if std::mem::take(&mut self.stand_in) {
            // Not a place: nothing to remember.
        } else if std::mem::take(&mut self.going_back) {
            // Back into the last session: this place is ahead of the one shown now.
            let here = self.place();
            self.history.forward.push(here);
        } else {
            self.remember();
        }
        self.set_doc(doc);
        self.top = 0;
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            match self.doc.article.find_section(f) {
                Some(id) => self.top = self.layout.section_rows[id.0 as usize] as usize,
                None => self.message = Some(format!("No section ‘{f}’ in {}", self.doc.article.title)),
            }
        } else if self.pending_anchor.is_some() {
            self.land_on_pending_anchor();
        } else {
            self.restore_position();
        }
        self.sync_toc();
    }

    /// Jumps to a section by number (`2.3`), anchor, heading or part of a heading; says so
    /// when there is none.
    pub fn jump_to_section(&mut self, key: &str) {
        match crate::search::fuzzy::find_section(&self.doc.article, key) {
            Some(id) => {
                self.top = self.layout.section_rows[id.0 as usize] as usize;
                self.sync_toc();
            }
            None => self.message = Some(format!("No section ‘{key}’ in this article")),
        }
    }

    /// The open document (current or in the history) with this library path, if any.
    pub(super) fn open_doc_by_path(&self, root: u16, path: &str) -> Option<Document> {
        if self.doc.root == root && self.doc.path.as_deref() == Some(path) {
            return Some(self.doc.clone());
        }
        self.history.find_doc(root, path).cloned()
    }

    pub(super) fn back(&mut self) {
        match self.history.back.pop_back() {
            Some(place) => {
                self.leave();
                let here = self.place();
                self.history.forward.push(here);
                self.restore(place);
            }
            // Back while a page is being opened: stay here, and stop opening it.
            None if self.jobs.of(JobKind::Load).is_some() => {
                self.leave();
                self.message = Some("stopped opening the page".to_string());
            }
            None if self.back_to_last_session() => {}
            None => self.message = Some("no earlier place in the history".to_string()),
        }
    }

    pub(super) fn forward(&mut self) {
        match self.history.forward.pop() {
            Some(place) => {
                self.leave();
                let here = self.place();
                self.history.back.push_back(here);
                self.restore(place);
            }
            None => self.message = Some("no later place in the history".to_string()),
        }
    }

    /// Opens folio's own guide (bundled) as a new history entry.
    pub(super) fn open_guide(&mut self) {
        let name = crate::assets::GUIDE_ARTICLE;
        if self.doc.path.as_deref() == Some(name) && self.doc.source.starts_with("bundled:") {
            return;
        }
        self.leave();
        let text = crate::assets::bundled(name).unwrap_or_default();
        let article = crate::import::markdown::parse(text, "folio");
        let root = self.library.root_index(&crate::library::Root::Bundled).unwrap_or(0);
        let mut doc = Document::new_in(article, format!("bundled:{name}"), &self.library, root, Some(name.to_string()));
        doc.key = Some(format!("bundled:{name}"));
        self.show(doc, None);
    }

    /// Opens a library entry: at once when it is already open in the history, else by reading
    /// it in the background.
    pub(super) fn open_entry(&mut self, entry: usize, fragment: Option<String>) {
        let Some(e) = self.library.entries.get(entry) else { return };
        let (path, title) = (e.path.clone(), e.title.clone());
        match self.open_doc_by_path(e.root, &path) {
            Some(doc) => {
                self.leave();
                self.show(doc, fragment.as_deref());
            }
            None => {
                let library = super::Shared(self.library.clone());
                self.start(super::Job::Load { entry, fragment, library }, format!("opening {title}"));
            }
        }
    }

    /// Shows a document opened from the library (after a [`super::Job::Load`]).
    pub fn show_loaded(&mut self, doc: Document, fragment: Option<&str>) {
        self.show(doc, fragment);
        self.land_on_pending_hit();
    }
}
