//! Books and backlinks in the reader: the next and previous chapter (`}` `{`), the book's
//! table of contents (`O`), and the places in the library that link to the article (`B`).
//! Both lists are [`PlaceRow`]s in one overlay.

use std::sync::Arc;

use super::{Effect, Job, JobKind, Overlay, Shared, State};
use crate::library::book::Book;
use crate::library::index::LinkIndex;
use crate::model::Spot;

/// A row of a list of places: a chapter, a part's title (no entry), or a place that links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceRow {
    /// The library entry it opens (`None`: a heading of the list).
    pub entry: Option<usize>,
    pub label: String,
    /// Dim text after the label (a file name, the sentence around a link).
    pub detail: String,
    /// Where in the entry it opens (a section's heading).
    pub section: Option<String>,
    /// Marked (a link to the section being read; the chapter being read).
    pub mark: bool,
}

impl State {
    /// The library entry the document is, if it is one of the own folder's.
    pub fn doc_entry(&self) -> Option<usize> {
        let path = self.doc.path.as_deref()?;
        self.library.by_path_in(self.doc.root, path)
    }

    /// Asks for the link index of the library (again, after the library changed).
    pub fn start_index(&mut self) {
        if self.jobs.of(JobKind::Parse).is_some() {
            self.index_after_parse = true;
        } else if matches!(self.library.root, crate::library::Root::Dir(_)) {
            self.index_after_parse = false;
            let job = Job::Index { library: Shared(self.library.clone()) };
            self.start(job, "indexing links");
        }
    }

    /// Takes a link index, when it is the current library's: fragments of links to other
    /// articles are checked against it from now on.
    pub(super) fn accept_index(&mut self, library: &Arc<crate::library::Library>, index: Arc<LinkIndex>) {
        if !Arc::ptr_eq(library, &self.library) {
            return;
        }
        self.doc.check_fragments(&index);
        self.history.check_fragments(&index);
        self.link_index = Some(index);
    }

    /// `}` / `{`: the chapter after (or before) this one in the book's reading order.
    pub(super) fn step_chapter(&mut self, forward: bool) -> Option<Effect> {
        let chapters = self.library.chapters();
        if chapters.is_empty() {
            self.message = Some("this library is not a book (no SUMMARY.md or index of chapters)".to_string());
            return None;
        }
        let here = self.doc_entry().and_then(|e| chapters.iter().position(|(c, _)| *c == e));
        let next = match (here, forward) {
            (Some(i), true) => chapters.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| chapters.get(i)),
            (None, true) => chapters.first(),
            (None, false) => None,
        };
        match next {
            Some(&(entry, _)) => self.open_entry_effect(entry, None),
            None => {
                let end = if forward { "the last" } else { "the first" };
                self.message = Some(format!("this is {end} chapter of the book"));
                None
            }
        }
    }

    /// `O`: the book's table of contents, the chapter being read marked.
    pub(super) fn show_book(&mut self) {
        let Some(book) = self.library.book.clone() else {
            self.message = Some("this library is not a book (no SUMMARY.md or index of chapters)".to_string());
            return;
        };
        let here = self.doc_entry();
        let titles: Vec<&str> = book.readable().map(|c| c.title.as_str()).collect();
        let places: Vec<PlaceRow> = book
            .chapters
            .iter()
            .map(|c| {
                let entry = c.path.as_deref().and_then(|p| self.library.by_path(p));
                let repeated = titles.iter().filter(|t| **t == c.title).count() > 1;
                let indent = "  ".repeat(c.depth as usize);
                PlaceRow {
                    entry,
                    label: if c.part { c.title.clone() } else { format!("{indent}{}", Book::label(c)) },
                    detail: match (&c.path, repeated, entry) {
                        (Some(p), true, _) => p.clone(),
                        (Some(_), _, None) => "not found".to_string(),
                        (None, _, _) if !c.part => "draft".to_string(),
                        _ => String::new(),
                    },
                    section: None,
                    mark: entry.is_some() && entry == here,
                }
            })
            .collect();
        let cursor = places.iter().position(|p| p.mark).unwrap_or(0);
        let title = format!("Book — {}", book.source);
        self.overlay = Some(Overlay::Places { title, places: Arc::new(places), cursor });
    }

    /// `B`: every place in the library that links to this article; those that link to the
    /// section being read are marked.
    pub(super) fn show_backlinks(&mut self) {
        let Some(entry) = self.doc_entry() else {
            self.message = Some("this article is not part of a library folder: nothing links to it".to_string());
            return;
        };
        let Some(index) = self.link_index.clone() else {
            self.message = Some(if self.jobs.of(JobKind::Index).is_some() {
                "the library's links are still being indexed: try again in a moment".to_string()
            } else {
                "backlinks need a library folder".to_string()
            });
            return;
        };
        let current = self.current_section();
        let article = self.doc.article.clone();
        let mut places: Vec<PlaceRow> = index
            .backlinks(&self.library, entry)
            .into_iter()
            .map(|b| {
                let title = index.pages.get(b.entry).and_then(Option::as_ref).map_or("", |p| p.title.as_str());
                let label = if b.section.is_empty() { title.to_string() } else { format!("{title} › {}", b.section) };
                let here = b.fragment.as_deref().and_then(|f| article.find_fragment(f));
                let mark = current.is_some() && here == current.map(Spot::Section);
                let section = (!b.section.is_empty()).then(|| b.section.clone());
                PlaceRow { entry: Some(b.entry), label, detail: b.snippet, section, mark }
            })
            .collect();
        if places.is_empty() {
            self.message = Some(format!("nothing in the library links to ‘{}’", self.doc.article.title));
            return;
        }
        // Links to the section being read first.
        places.sort_by_key(|p| !p.mark);
        let title = format!("{} places link here", places.len());
        self.overlay = Some(Overlay::Places { title, places: Arc::new(places), cursor: 0 });
    }

    /// Opens a place of the list (a history entry, like following a link).
    pub(super) fn open_place(&mut self, place: &PlaceRow) -> Option<Effect> {
        let entry = place.entry?;
        self.open_entry(entry, place.section.clone());
        None
    }
}
