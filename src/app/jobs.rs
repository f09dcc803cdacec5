//! Background work as data: what `update` asks the job runner for ([`Job`]), what comes back
//! ([`Done`]), and which requests are still wanted ([`Running`]). A result is applied only when
//! its generation is the one `update` is waiting for, and (for work on a document) when that
//! document is still the one it was made for: navigating away can never show the wrong article.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::document::{DocId, Document};
use crate::highlight::Colors;
use crate::import::Format;
use crate::layout::{Measure, PageLayout};
use crate::library::search::LibraryHit;
use crate::library::Library;
use crate::model::Article;

/// Something shared with a job: compared by identity, shown by its type (so effects stay
/// cheap to compare in tests and small to print).
pub struct Shared<T: ?Sized>(pub Arc<T>);

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Shared<{}>", std::any::type_name::<T>())
    }
}

/// Bytes handed over to one job, which takes them (a big file's bytes are never held twice).
#[derive(Clone, Default)]
pub struct Payload(Arc<Mutex<Option<Vec<u8>>>>);

impl Payload {
    /// Bytes for a job.
    pub fn new(bytes: Vec<u8>) -> Payload {
        Payload(Arc::new(Mutex::new(Some(bytes))))
    }

    /// The bytes, once; `None` the second time.
    pub fn take(&self) -> Option<Vec<u8>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

impl PartialEq for Payload {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Payload")
    }
}

/// The kinds of background work; starting a job cancels the running job of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobKind {
    /// The full parse of an article shown from its preview.
    Parse,
    /// The whole layout of a big article at a new width.
    Layout,
    /// Reading and importing a library article to show it.
    Load,
    /// A search of every article of the library.
    Search,
    /// A walk of the library's folder.
    Scan,
    /// Indexing the links of every article of the library (for backlinks and fragments).
    Index,
    /// Colouring the code blocks on screen (quiet: the status line does not show it).
    Highlight,
    /// What a link leads to, for its preview (`K`).
    Peek,
    /// A page shown from the cache, asked of its site again.
    Refresh,
}

/// Background work `update` asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// Parse the whole article `id` shows a preview of; lay it out at `width` when it is small
    /// enough for that to be quick.
    Parse {
        id: DocId,
        bytes: Payload,
        /// The file name (for the format and the fallback title).
        name: String,
        format: Option<Format>,
        /// How the preview's document names its source and library path.
        source: String,
        path: Option<String>,
        measure: Measure,
        library: Shared<Library>,
    },
    /// Lay out article `id` whole for `measure`.
    Layout { id: DocId, article: Shared<Article>, measure: Measure },
    /// Read and import entry `entry` of the library, to show it (at a section).
    Load { entry: usize, fragment: Option<String>, library: Shared<Library> },
    /// Search every article of the library.
    Search { pattern: String, library: Shared<Library> },
    /// Walk the library's folders for articles: the own one (`own`, when it is still
    /// pending; else the own part of `current` is kept) and the folders layered under it.
    Scan { own: Option<PathBuf>, layers: Vec<PathBuf>, current: Shared<Library> },
    /// Colour code blocks `blocks` of article `id`, for a dark or a light background.
    Highlight { id: DocId, article: Shared<Article>, blocks: Vec<u32>, dark: bool },
    /// Index the links of every article of `library`.
    Index { library: Shared<Library> },
    /// Open the article memory names `key` (a file's path, `bundled:NAME`) with its library;
    /// `reload`: it is the open article again, changed on disk.
    OpenKey { key: String, libraries: Vec<PathBuf>, reload: bool },
    /// Fetch page `title` of a wiki (cached copy when offline) to show it at a section;
    /// `refresh`: it is document `refresh` (shown from the cache), revalidated.
    Wiki {
        site: Shared<crate::wiki::Site>,
        title: String,
        fragment: Option<String>,
        settings: Shared<crate::wiki::client::Settings>,
        refresh: Option<(DocId, Option<u64>)>,
        /// Ask the site at this address for its API first (`site` is a guess until then);
        /// `true`: the page is the one the address names.
        discover: Option<(String, bool)>,
    },
    /// Search a wiki's titles (`full`: its pages' text) for `query`; a title search waits a
    /// moment first, so typing on cancels it before any request is made.
    WikiSearch {
        site: Shared<crate::wiki::Site>,
        settings: Shared<crate::wiki::client::Settings>,
        query: String,
        full: bool,
    },
    /// What link `link` leads to: a title and first paragraph, for its preview.
    Peek { link: crate::model::LinkId, what: PeekSource },
    /// Import the plain-text file of document `id` again, its cross references checked
    /// against the titles of `site` (the text was copied from that wiki).
    WikiTitles {
        id: DocId,
        file: PathBuf,
        path: Option<String>,
        site: Shared<crate::wiki::Site>,
        settings: Shared<crate::wiki::client::Settings>,
        library: Shared<Library>,
    },
}

/// What a preview reads.
#[derive(Clone, Debug, PartialEq)]
pub enum PeekSource {
    /// An article of the library.
    Entry { library: Shared<Library>, entry: usize, fragment: Option<String> },
    /// A page of a wiki.
    Wiki {
        site: Shared<crate::wiki::Site>,
        settings: Shared<crate::wiki::client::Settings>,
        title: String,
        fragment: Option<String>,
    },
}

impl Job {
    /// Its kind.
    pub fn kind(&self) -> JobKind {
        match self {
            Job::Parse { .. } => JobKind::Parse,
            Job::Layout { .. } => JobKind::Layout,
            Job::Load { .. } => JobKind::Load,
            Job::Search { .. } => JobKind::Search,
            Job::Scan { .. } => JobKind::Scan,
            Job::Highlight { .. } => JobKind::Highlight,
            Job::Index { .. } => JobKind::Index,
            Job::OpenKey { .. } | Job::Wiki { refresh: None, .. } => JobKind::Load,
            Job::Wiki { refresh: Some(_), .. } => JobKind::Refresh,
            Job::WikiSearch { .. } => JobKind::Search,
            Job::Peek { .. } => JobKind::Peek,
            Job::WikiTitles { .. } => JobKind::Parse,
        }
    }
}

/// A job's result (or news of its progress), with the generation it was started as.
#[derive(Clone, Debug)]
pub struct Done {
    pub gen: u64,
    pub output: Output,
}

/// Results are matched by generation and kind only: their payloads are not compared.
impl PartialEq for Done {
    fn eq(&self, other: &Self) -> bool {
        self.gen == other.gen && std::mem::discriminant(&self.output) == std::mem::discriminant(&other.output)
    }
}

/// What a job produced.
#[derive(Clone, Debug)]
pub enum Output {
    /// How far the job got: `done` of `total`, in its own unit (bytes, files, blocks).
    Progress { done: u64, total: u64 },
    /// The full article for preview `id`.
    Parsed { id: DocId, doc: Box<Document> },
    /// The whole layout of article `id`.
    Laid { id: DocId, layout: Arc<PageLayout> },
    /// A library article, read and imported.
    Loaded { doc: Box<Document>, fragment: Option<String>, notice: Option<String> },
    /// Every hit of a library search.
    Found { pattern: String, hits: Vec<LibraryHit> },
    /// The library found by a folder walk.
    Scanned { library: Arc<Library> },
    /// An article opened by its key, with its library.
    Opened { doc: Box<Document>, library: Arc<Library>, reload: bool },
    /// The link index of `library`.
    Indexed { library: Arc<Library>, index: Arc<crate::library::index::LinkIndex> },
    /// The colours of code blocks of article `id` (`None`: shown plain).
    Highlighted { id: DocId, colors: Vec<(u32, Option<Arc<Colors>>)> },
    /// A wiki page revalidated: its new text (`None`: unchanged), and a notice (an offline
    /// copy is shown).
    Refreshed { id: DocId, doc: Option<Box<Document>>, notice: Option<String> },
    /// A wiki search's hits.
    WikiFound { query: String, full: bool, hits: Vec<crate::wiki::client::Hit> },
    /// A link's preview.
    Peeked { link: crate::model::LinkId, peek: Peek },
    /// The job could not do its work: the message says why.
    Failed(String),
    /// The job stopped because it was cancelled (the runner drops these).
    Cancelled,
}

/// A job `update` still waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub kind: JobKind,
    pub gen: u64,
    /// The document the job works on, if any.
    pub doc: Option<DocId>,
    /// What the status line calls it (`loading`, `opening Taliban`, `searching`).
    pub label: String,
    /// Progress so far: `done` of `total` (0 of 0 before the first report).
    pub done: u64,
    pub total: u64,
}

/// The jobs `update` waits for, one per kind, and the generations handed out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Running {
    next: u64,
    pub slots: Vec<Slot>,
}

impl Running {
    /// Records a new job of `kind` (forgetting the previous one of that kind); returns its
    /// generation.
    pub fn start(&mut self, kind: JobKind, doc: Option<DocId>, label: impl Into<String>) -> u64 {
        self.next += 1;
        self.slots.retain(|s| s.kind != kind);
        self.slots.push(Slot { kind, gen: self.next, doc, label: label.into(), done: 0, total: 0 });
        self.next
    }

    /// The job with generation `gen`, if it is still wanted.
    pub fn get(&self, gen: u64) -> Option<&Slot> {
        self.slots.iter().find(|s| s.gen == gen)
    }

    /// Takes the job with generation `gen` out (its result arrived); `None` when stale.
    pub fn finish(&mut self, gen: u64) -> Option<Slot> {
        let i = self.slots.iter().position(|s| s.gen == gen)?;
        Some(self.slots.remove(i))
    }

    /// Forgets the job of `kind`; returns whether there was one.
    pub fn forget(&mut self, kind: JobKind) -> bool {
        let before = self.slots.len();
        self.slots.retain(|s| s.kind != kind);
        before != self.slots.len()
    }

    /// Notes a job's progress (ignored when the job is no longer wanted).
    pub fn progress(&mut self, gen: u64, done: u64, total: u64) {
        if let Some(s) = self.slots.iter_mut().find(|s| s.gen == gen) {
            s.done = done;
            s.total = total;
        }
    }

    /// The job of `kind`, if one is wanted.
    pub fn of(&self, kind: JobKind) -> Option<&Slot> {
        self.slots.iter().find(|s| s.kind == kind)
    }

    /// What the status line says about the work in progress: `loading… 45%`.
    pub fn status(&self) -> Option<String> {
        let s = self.slots.iter().filter(|s| s.kind != JobKind::Highlight).min_by_key(|s| s.kind)?;
        Some(match (s.kind, s.total) {
            (JobKind::Scan, _) => format!("{}… {} files", s.label, s.done),
            (_, crate::wiki::client::WAITING) => format!("{}: waiting {} s (the site is busy)", s.label, s.done),
            (_, crate::wiki::client::SPINNING) => {
                const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
                format!("{} {}", FRAMES[(s.done % 10) as usize], s.label)
            }
            (_, 0) => format!("{}…", s.label),
            (_, t) => format!("{}… {}%", s.label, (s.done.min(t) * 100) / t),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fetch_shows_a_spinner_and_a_wait_its_seconds() {
        let mut r = Running::default();
        let g = r.start(JobKind::Load, None, "fetching Lamp");
        r.progress(g, 3, crate::wiki::client::SPINNING);
        assert_eq!(r.status().as_deref(), Some("⠸ fetching Lamp"));
        r.progress(g, 4, crate::wiki::client::WAITING);
        assert_eq!(r.status().as_deref(), Some("fetching Lamp: waiting 4 s (the site is busy)"));
    }

    #[test]
    fn a_new_job_of_a_kind_makes_the_old_one_stale() {
        let mut r = Running::default();
        let a = r.start(JobKind::Layout, Some(DocId(1)), "laying out");
        let b = r.start(JobKind::Layout, Some(DocId(1)), "laying out");
        assert!(r.finish(a).is_none(), "stale");
        assert_eq!(r.finish(b).map(|s| s.gen), Some(b));
        assert!(r.finish(b).is_none(), "taken once");
    }

    #[test]
    fn status_shows_progress() {
        let mut r = Running::default();
        let g = r.start(JobKind::Parse, None, "loading");
        assert_eq!(r.status().as_deref(), Some("loading…"));
        r.progress(g, 45, 100);
        assert_eq!(r.status().as_deref(), Some("loading… 45%"));
        r.start(JobKind::Scan, None, "scanning");
        assert_eq!(r.status().as_deref(), Some("loading… 45%"), "the parse comes first");
    }
}

/// What a link's preview shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peek {
    pub title: String,
    /// The first paragraph of the article (or of the section the link names).
    pub text: String,
    /// Where the link leads, as the link list says it.
    pub leads: String,
}
