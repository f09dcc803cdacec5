//! An open article with its resolved links and cached layouts, and the browser-like history
//! of places the user has been.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use super::links::{describe_target, ListedLink};
use crate::layout::{layout, Measure, PageLayout};
use crate::library::{Library, Target};
use crate::model::{Article, LinkId, SectionId};

/// Names one opened document for the whole run: a background result says which document it
/// is for, and is dropped when that document is no longer the one it was made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u64);

impl DocId {
    /// An id no other document of this run has.
    pub fn fresh() -> DocId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        DocId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// An article, where its links lead, and its layouts, cached per width (a resize back and
/// forth re-wraps nothing).
#[derive(Clone, Debug)]
pub struct Document {
    pub id: DocId,
    pub article: Arc<Article>,
    /// Where the article came from (file path, `-`, or the bundled name), for messages.
    pub source: String,
    /// The article's path inside its library, when it is one of the library's articles.
    pub path: Option<String>,
    /// The library root that path is in (0: the library's own; see [`Library::layers`]).
    pub root: u16,
    /// How memory names the article across runs: its file's canonical path, or
    /// `bundled:NAME` (`None` for standard input: nothing is remembered).
    pub key: Option<String>,
    /// Where each link leads, by link id (resolved once, when the article is opened; an
    /// in-page link is resolved to its section then, so no key searches the sections).
    pub targets: Arc<Vec<Target>>,
    /// The wiki the article was read from (its links lead to pages of that site).
    pub wiki: Option<Arc<crate::wiki::Origin>>,
    /// While this is the quick preview of a big article: the first block that is not the
    /// article's own text yet (see `import::preview`). The full article replaces it.
    pub partial: Option<usize>,
    /// Lists computed once, the first time a key needs them.
    derived: Arc<Derived>,
    /// The colours of code blocks highlighted so far (`None`: shown plain), by block.
    pub colors: Arc<std::collections::HashMap<u32, Option<Arc<crate::highlight::Colors>>>>,
    cache: Vec<Arc<PageLayout>>,
}

/// What the link list and the section finder show, computed on first use.
#[derive(Debug, Default)]
struct Derived {
    links: OnceLock<Arc<Vec<ListedLink>>>,
    sections: OnceLock<Arc<Vec<(String, String)>>>,
}

/// Where each link of `article` leads in `library`, seen from `path`; in-page fragments are
/// looked up in the article once, here.
fn resolve_all(article: &Article, library: &Library, root: u16, path: Option<&str>) -> Vec<Target> {
    let from = path.unwrap_or_default();
    let fragments = article.fragments();
    article
        .links
        .iter()
        .map(|l| match wiki_target(&l.dest).unwrap_or_else(|| library.resolve_in(&l.dest, l.kind, root, from)) {
            // `#` alone is the top of the page.
            Target::Section(f) if f.trim().is_empty() => Target::Anchor(0),
            Target::Section(f) => match fragments.find(&f) {
                Some(crate::model::Spot::Section(id)) => Target::Here(id),
                Some(crate::model::Spot::Block(b)) => Target::Anchor(b),
                None => Target::Section(f),
            },
            t => t,
        })
        .collect()
}

/// Where a link of a wiki page leads (`None`: not a wiki link; see `import::parsoid`).
fn wiki_target(dest: &str) -> Option<Target> {
    use crate::import::parsoid::{RED_SCHEME, WIKI_SCHEME};
    if let Some(rest) = dest.strip_prefix(WIKI_SCHEME) {
        let (title, fragment) = match rest.split_once('#') {
            Some((t, f)) => (t, Some(f.to_string())),
            None => (rest, None),
        };
        return Some(Target::Wiki { title: crate::wiki::decode_title(title), fragment });
    }
    dest.strip_prefix(RED_SCHEME).map(|t| Target::Missing(crate::wiki::decode_title(t)))
}

impl Document {
    /// A document with its links resolved against `library`; no layout computed yet.
    pub fn new(article: Article, source: impl Into<String>, library: &Library, path: Option<String>) -> Self {
        Document::new_in(article, source, library, 0, path)
    }

    /// A document at `path` of the library's root `root` (an article of a layered library:
    /// its relative links stay in its own folder).
    pub fn new_in(
        article: Article,
        source: impl Into<String>,
        library: &Library,
        root: u16,
        path: Option<String>,
    ) -> Self {
        let targets = resolve_all(&article, library, root, path.as_deref());
        Document {
            id: DocId::fresh(),
            article: Arc::new(article),
            source: source.into(),
            path,
            root,
            key: None,
            targets: Arc::new(targets),
            wiki: None,
            partial: None,
            derived: Arc::default(),
            colors: Arc::default(),
            cache: Vec::new(),
        }
    }

    /// A page read from a wiki: its links lead to pages of that wiki.
    pub fn from_wiki(article: Article, origin: crate::wiki::Origin) -> Self {
        let library = Library::from_entries(crate::library::Root::Bundled, Vec::new());
        let mut doc = Document::new(article, origin.url(), &library, None);
        doc.key = Some(crate::wiki::key(&origin.site, &origin.title));
        doc.wiki = Some(Arc::new(origin));
        doc
    }

    /// Checks the fragments of links to other articles against the library's link index: a
    /// link to a section the article does not have becomes a missing section.
    pub fn check_fragments(&mut self, index: &crate::library::index::LinkIndex) {
        let checked: Vec<Target> = self.targets.iter().map(|t| index.checked(t.clone())).collect();
        if checked != *self.targets {
            self.targets = Arc::new(checked);
            self.derived = Arc::default();
        }
    }

    /// Resolves the links again against another library (after a folder scan finished).
    pub fn resolve_again(&mut self, library: &Library) {
        self.targets = Arc::new(resolve_all(&self.article, library, self.root, self.path.as_deref()));
        self.derived = Arc::default();
    }

    /// Every link as the link list shows it (computed once per document).
    pub fn listed_links(&self, library: &Library) -> Arc<Vec<ListedLink>> {
        self.derived
            .links
            .get_or_init(|| {
                let links = self.article.links.iter().zip(self.targets.iter()).enumerate();
                Arc::new(
                    links
                        .map(|(i, (l, t))| ListedLink {
                            link: LinkId(i as u32),
                            text: l.text.clone(),
                            target: describe_target(&self.article, library, t),
                            status: t.status(),
                        })
                        .collect(),
                )
            })
            .clone()
    }

    /// Each section's finder label (`2.1 Early years`) and parent path (computed once).
    pub fn section_labels(&self) -> Arc<Vec<(String, String)>> {
        self.derived
            .sections
            .get_or_init(|| {
                let a = &self.article;
                Arc::new(
                    (0..a.sections.len())
                        .map(|i| {
                            let s = &a.sections[i];
                            let path = a.section_path(SectionId(i as u32));
                            let parents: Vec<&str> =
                                path[..path.len() - 1].iter().map(|p| a.section(*p).title.as_str()).collect();
                            (s.label(), parents.join(" › "))
                        })
                        .collect(),
                )
            })
            .clone()
    }

    /// The layout for `measure`, computed at most once per measure (the last few are kept).
    pub fn layout_for(&mut self, measure: impl Into<Measure>) -> Arc<PageLayout> {
        let measure = measure.into();
        if let Some(pos) = self.cache.iter().position(|l| l.measure == measure.normal_form()) {
            let l = self.cache.remove(pos);
            self.cache.push(l.clone());
            return l;
        }
        let l = Arc::new(layout(&self.article, measure));
        self.insert_layout(l.clone());
        l
    }

    /// How many layouts are kept: a few for ordinary articles, one for a big article (each
    /// layout of a 50 MB article holds about 50 MB).
    fn cache_size(&self) -> usize {
        if self.article.blocks.len() > super::WINDOW_MIN_BLOCKS {
            1
        } else {
            4
        }
    }

    /// The cached layout for `measure`, if there is one.
    pub fn cached(&self, measure: Measure) -> Option<Arc<PageLayout>> {
        self.cache.iter().find(|l| l.measure == measure.normal_form()).cloned()
    }

    /// Drops every cached layout.
    pub fn clear_layouts(&mut self) {
        self.cache.clear();
    }

    /// Adds a layout computed elsewhere (in the background) to the cache.
    pub fn insert_layout(&mut self, layout: Arc<PageLayout>) {
        self.cache.retain(|l| l.measure != layout.measure);
        while self.cache.len() >= self.cache_size() {
            self.cache.remove(0);
        }
        self.cache.push(layout);
    }

    /// Where a link leads.
    pub fn target(&self, link: LinkId) -> Option<&Target> {
        self.targets.get(link.0 as usize)
    }
}

/// A place in the reading history: the article, the text at the top, the selected link.
/// A place made while its article was a preview is upgraded when the full article arrives
/// ([`History::upgrade`]), so going back never shows a truncated article.
#[derive(Clone, Debug)]
pub struct Place {
    pub doc: Document,
    /// Block and byte offset of the text at the top of the reading pane (survives a resize).
    pub anchor: (u32, u32),
    /// The exact top row, valid while the layout is for `measure`.
    pub top: usize,
    pub measure: Option<Measure>,
    pub selected: Option<LinkId>,
}

/// Most places kept in each direction; following a cycle of links forever keeps memory flat.
pub const HISTORY_CAP: usize = 1000;

/// Back and forward, like a browser.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub back: VecDeque<Place>,
    pub forward: Vec<Place>,
}

impl History {
    /// Records the place being left for a new one; the forward list is dropped.
    pub fn push(&mut self, place: Place) {
        self.forward.clear();
        self.back.push_back(place);
        while self.back.len() > HISTORY_CAP {
            self.back.pop_front();
        }
    }

    /// Puts the full article in every place that shows its preview (same [`DocId`]). The
    /// preview's blocks before its cut are the article's own; a place on a heading after the
    /// cut moves to that section's heading in the full article.
    pub fn upgrade(&mut self, full: &Document) {
        for place in self.back.iter_mut().chain(self.forward.iter_mut()) {
            if place.doc.id != full.id || place.doc.partial.is_none() {
                continue;
            }
            let cut = place.doc.partial.unwrap_or(0) as u32;
            if place.anchor.0 >= cut {
                let section = place.doc.article.section_of_block(place.anchor.0 as usize);
                let block = section.and_then(|s| full.article.sections.get(s.0 as usize)).map_or(0, |s| s.block);
                place.anchor = (block as u32, 0);
                place.measure = None;
            }
            place.doc = full.clone();
        }
    }

    /// Checks the fragments of every place's document (see [`Document::check_fragments`]).
    pub fn check_fragments(&mut self, index: &crate::library::index::LinkIndex) {
        for place in self.back.iter_mut().chain(self.forward.iter_mut()) {
            place.doc.check_fragments(index);
        }
    }

    /// Resolves the links of every place's document again (after a folder scan finished).
    pub fn resolve_again(&mut self, library: &Library) {
        for place in self.back.iter_mut().chain(self.forward.iter_mut()) {
            place.doc.resolve_again(library);
        }
    }

    /// A document already open somewhere in the history with this library path (so following a
    /// link back to it re-reads and re-parses nothing).
    pub fn find_doc(&self, root: u16, path: &str) -> Option<&Document> {
        self.back
            .iter()
            .chain(self.forward.iter())
            .map(|p| &p.doc)
            .find(|d| d.root == root && d.path.as_deref() == Some(path))
    }
}
