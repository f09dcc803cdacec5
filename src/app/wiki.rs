//! Reading at the source: following a wiki page's links (fetched in the background), a page
//! shown from the cache revalidated, title and full-text search of the wiki (`o`, `S` in a
//! wiki page), link previews (`K`, for any link) and saving a page into the library (`W`).

use std::sync::Arc;

use super::jobs::{Peek, PeekSource};
use super::{DocId, Document, Effect, Job, JobKind, Overlay, Shared, State};
use crate::library::Target;
use crate::model::LinkId;
use crate::sanitize::sanitize_line;
use crate::wiki::client::Hit;

impl State {
    /// The wiki the open article was read from.
    pub fn wiki_origin(&self) -> Option<Arc<crate::wiki::Origin>> {
        self.doc.wiki.clone()
    }

    /// Opens page `title` of the open article's wiki (at section `fragment`) in the background.
    pub fn open_wiki(&mut self, title: &str, fragment: Option<String>) {
        let Some(origin) = self.wiki_origin() else {
            self.message = Some(format!("‘{}’ is a wiki page, and this article has no wiki", sanitize_line(title)));
            return;
        };
        self.cancel(JobKind::Load);
        self.pending_section = None;
        let job = Job::Wiki {
            site: Shared(Arc::new(origin.site.clone())),
            title: title.to_string(),
            fragment: fragment.map(|f| crate::wiki::decode_title(&f)),
            settings: Shared(self.wiki_settings.clone()),
            refresh: None,
            discover: None,
        };
        self.start(job, format!("fetching {}", sanitize_line(title)));
    }

    /// Opens a page of a site not asked yet: the site at `address` is asked for its API in
    /// the background, then the page is fetched (`title`, or the one the address names when
    /// `title_from_address`).
    pub fn open_wiki_discovering(&mut self, address: &str, title: &str, title_from_address: bool) {
        let Some(origin) = self.wiki_origin() else { return };
        let job = Job::Wiki {
            site: Shared(Arc::new(origin.site.clone())),
            title: title.to_string(),
            fragment: None,
            settings: Shared(self.wiki_settings.clone()),
            refresh: None,
            discover: Some((address.to_string(), title_from_address)),
        };
        self.start(job, format!("asking {} for {}", origin.site.host(), sanitize_line(title)));
    }

    /// A plain-text article copied from `site`: check its cross references against the
    /// wiki's titles in the background (the article is imported again with what it says).
    pub fn check_titles_on(&mut self, site: &crate::wiki::Site) {
        if self.jobs.of(JobKind::Parse).is_some() || self.doc.source == "-" {
            return;
        }
        let job = Job::WikiTitles {
            id: self.doc.id,
            file: std::path::PathBuf::from(&self.doc.source),
            path: self.doc.path.clone(),
            site: Shared(Arc::new(site.clone())),
            settings: Shared(self.wiki_settings.clone()),
            library: Shared(self.library.clone()),
        };
        self.start(job, format!("checking titles on {}", site.host()));
    }

    /// The open article was shown from the cache: ask its site whether it changed.
    pub fn refresh_wiki(&mut self) {
        let Some(origin) = self.wiki_origin() else { return };
        let job = Job::Wiki {
            site: Shared(Arc::new(origin.site.clone())),
            title: origin.title.clone(),
            fragment: None,
            settings: Shared(self.wiki_settings.clone()),
            refresh: Some((self.doc.id, origin.revision)),
            discover: None,
        };
        self.start(job, format!("checking {}", sanitize_line(&origin.title)));
    }

    /// A revalidated page: the newer text replaces the cached one in place.
    pub(super) fn accept_refreshed(&mut self, id: DocId, doc: Option<Box<Document>>, notice: Option<String>) {
        if id != self.doc.id {
            return;
        }
        if let Some(mut doc) = doc {
            doc.id = self.doc.id;
            self.replace_document(*doc);
            self.message = Some("the page changed on its site since it was cached: showing the new text".to_string());
        }
        if notice.is_some() {
            self.message = notice;
        }
    }

    /// `o` / `S` in a wiki page: find pages of its site by title (as the user types) or text.
    pub(super) fn wiki_find(&mut self, full: bool) -> bool {
        if self.doc.wiki.as_ref().is_none_or(|o| o.copied) {
            return false;
        }
        self.overlay =
            Some(Overlay::WikiFind { full, input: String::new(), cursor: 0, hits: Arc::default(), asked: None });
        true
    }

    /// Starts the search of a wiki finder.
    pub(super) fn search_wiki(&mut self, query: &str, full: bool) {
        let Some(origin) = self.wiki_origin() else { return };
        if query.trim().is_empty() {
            self.cancel(JobKind::Search);
            return;
        }
        let job = Job::WikiSearch {
            site: Shared(Arc::new(origin.site.clone())),
            settings: Shared(self.wiki_settings.clone()),
            query: query.to_string(),
            full,
        };
        self.start(job, format!("searching {}", origin.site.host()));
    }

    /// Hits of a wiki search, shown when they answer what the finder holds now.
    pub(super) fn accept_wiki_hits(&mut self, query: String, full: bool, found: Vec<Hit>) {
        if let Some(Overlay::WikiFind { full: f, input, cursor, hits, asked }) = &mut self.overlay {
            if *f == full && (input.trim() == query.trim() || full) {
                *cursor = 0;
                *hits = Arc::new(found);
                *asked = Some(query);
            }
        }
    }

    /// `K`: a preview of where the selected link leads.
    pub(super) fn peek(&mut self) {
        let Some(link) = self.selected.or_else(|| self.first_link_on_screen()) else {
            self.message = Some("no link selected (Tab selects one)".to_string());
            return;
        };
        self.selected = Some(link);
        let Some(target) = self.doc.target(link).cloned() else { return };
        let leads = self.describe(&target);
        let here = |block: Option<usize>, state: &State| -> Peek {
            let article = &state.doc.article;
            let (title, text) = match block {
                Some(b) => {
                    let section = article.section_of_block(b).map(|s| article.section(s));
                    (section.map_or_else(|| article.title.clone(), |s| s.title.clone()), article.text_from(b))
                }
                None => (article.title.clone(), article.first_paragraph(None)),
            };
            Peek { title, text, leads: leads.clone() }
        };
        let source = match target {
            Target::Here(id) => {
                let peek = here(Some(self.doc.article.section(id).block), self);
                self.overlay = Some(Overlay::Peek { link, peek, loading: false });
                return;
            }
            Target::Anchor(b) => {
                let peek = here(Some(b as usize), self);
                self.overlay = Some(Overlay::Peek { link, peek, loading: false });
                return;
            }
            Target::Article { entry, fragment } => {
                PeekSource::Entry { library: Shared(self.library.clone()), entry, fragment }
            }
            Target::Wiki { title, fragment } => match self.wiki_origin() {
                Some(origin) => PeekSource::Wiki {
                    site: Shared(Arc::new(origin.site.clone())),
                    settings: Shared(self.wiki_settings.clone()),
                    title,
                    fragment,
                },
                None => return,
            },
            _ => {
                // Nothing to read ahead: the preview says where the link leads.
                let peek = Peek {
                    title: sanitize_line(&self.doc.article.links[link.0 as usize].text).into_owned(),
                    text: String::new(),
                    leads,
                };
                self.overlay = Some(Overlay::Peek { link, peek, loading: false });
                return;
            }
        };
        let title = sanitize_line(&self.doc.article.links[link.0 as usize].text).into_owned();
        self.overlay = Some(Overlay::Peek { link, peek: Peek { title, text: String::new(), leads }, loading: true });
        self.start(Job::Peek { link, what: source }, "reading ahead");
    }

    /// A preview's text arrived: shown when the preview of that link is still open.
    pub(super) fn accept_peek(&mut self, link: LinkId, found: Peek) {
        if let Some(Overlay::Peek { link: l, peek, loading }) = &mut self.overlay {
            if *l == link {
                peek.title = found.title;
                peek.text = found.text;
                *loading = false;
            }
        }
    }

    /// `W` in a wiki page: saves it as Markdown into the library folder for saved pages.
    pub(super) fn save_wiki(&mut self) -> Option<Effect> {
        let Some(origin) = self.wiki_origin().filter(|o| !o.copied) else {
            self.message =
                Some("only pages read from a wiki are saved (W); this article is a file already".to_string());
            return None;
        };
        let Some(dir) = self.save_dir.clone() else {
            self.message =
                Some("no library folder to save into: give one with --save DIR or --library DIR".to_string());
            return None;
        };
        let text = crate::wiki::saved_markdown(&self.doc.article, &origin);
        Some(Effect::SaveFile { path: dir.join(crate::wiki::file_name(&origin.title)), text })
    }

    /// The first link drawn on screen, if any.
    fn first_link_on_screen(&self) -> Option<LinkId> {
        let rows = self.top..self.top + self.page_height();
        self.layout.links_in(rows.start, rows.end).first().map(|s| s.link)
    }
}
