//! An open article with its resolved links and cached layouts, and the browser-like history
//! of places the user has been.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::layout::{layout, PageLayout};
use crate::library::{Library, Target};
use crate::model::{Article, LinkId};

/// An article, where its links lead, and its layouts, cached per width (a resize back and
/// forth re-wraps nothing).
#[derive(Clone, Debug)]
pub struct Document {
    pub article: Arc<Article>,
    /// Where the article came from (file path, `-`, or the bundled name), for messages.
    pub source: String,
    /// The article's path inside its library, when it is one of the library's articles.
    pub path: Option<String>,
    /// Where each link leads, by link id (resolved once, when the article is opened).
    pub targets: Arc<Vec<Target>>,
    cache: Vec<Arc<PageLayout>>,
}

impl Document {
    /// A document with its links resolved against `library`; no layout computed yet.
    pub fn new(article: Article, source: impl Into<String>, library: &Library, path: Option<String>) -> Self {
        let from = path.clone().unwrap_or_default();
        let targets = article.links.iter().map(|l| library.resolve(&l.dest, l.kind, &from)).collect();
        Document {
            article: Arc::new(article),
            source: source.into(),
            path,
            targets: Arc::new(targets),
            cache: Vec::new(),
        }
    }

    /// The layout at `width`, computed at most once per width (the last few are kept).
    pub fn layout_for(&mut self, width: u16) -> Arc<PageLayout> {
        if let Some(pos) = self.cache.iter().position(|l| l.width == width.max(1)) {
            let l = self.cache.remove(pos);
            self.cache.push(l.clone());
            return l;
        }
        let l = Arc::new(layout(&self.article, width));
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

    /// The cached layout at `width`, if there is one.
    pub fn cached(&self, width: u16) -> Option<Arc<PageLayout>> {
        self.cache.iter().find(|l| l.width == width.max(1)).cloned()
    }

    /// Drops every cached layout.
    pub fn clear_layouts(&mut self) {
        self.cache.clear();
    }

    /// Adds a layout computed elsewhere (in the background) to the cache.
    pub fn insert_layout(&mut self, layout: Arc<PageLayout>) {
        self.cache.retain(|l| l.width != layout.width);
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
#[derive(Clone, Debug)]
pub struct Place {
    pub doc: Document,
    /// Block and byte offset of the text at the top of the reading pane (survives a resize).
    pub anchor: (u32, u32),
    /// The exact top row, valid while the layout width is `width`.
    pub top: usize,
    pub width: u16,
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

    /// A document already open somewhere in the history with this library path (so following a
    /// link back to it re-reads and re-parses nothing).
    pub fn find_doc(&self, path: &str) -> Option<&Document> {
        self.back.iter().chain(self.forward.iter()).map(|p| &p.doc).find(|d| d.path.as_deref() == Some(path))
    }
}
