//! Opening a wiki page from the command line: which site and title an argument names, and
//! the document to start with (the page itself for exports, its cached copy or a stand-in
//! for the reader, which fetches in the background).

use super::client::{self, FetchError, Settings};
use super::{cache, Origin, Site, Source};
use crate::app::Document;
use crate::model::{Article, Block, BlockKind, Inline};
use crate::work::Unwatched;

/// `https://host:port` of a web address.
fn origin_of(address: &str) -> Option<String> {
    let (scheme, rest) = address.split_once("://")?;
    Some(format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest)))
}

/// The site of a web address when it is known without asking: Wikipedia's layout, or a site
/// seen before (its API paths are cached).
pub fn known_site(address: &str) -> Option<(Site, Option<String>)> {
    let origin = origin_of(address)?;
    let host = origin.split("://").nth(1).unwrap_or_default().to_string();
    if let Some(lang) = host.strip_suffix(".wikipedia.org").filter(|l| !l.contains('.')) {
        if origin.starts_with("https://") {
            let site = Site::wikipedia(lang);
            let title = site.title_of_url(address);
            return Some((site, title));
        }
    }
    // A site seen before is not asked again: a cached page's first frame waits for nothing.
    let site = cache::load_site(&host)?;
    let title = site.title_of_url(address);
    Some((site, title))
}

/// A site not asked yet, as most MediaWiki sites are laid out (`/w/api.php`, `/wiki/Title`):
/// what the reader starts with while the site is asked in the background.
pub fn guessed_site(address: &str) -> Option<(Site, String)> {
    let site =
        Site { origin: origin_of(address)?, script: "/w".into(), article_path: "/wiki/$1".into(), licence: None };
    let title = site.title_of_url(address).filter(|t| !t.is_empty()).unwrap_or_else(|| "Main Page".to_string());
    Some((site, title))
}

/// The site a web address belongs to: known ([`known_site`]), or asked
/// ([`client::discover`]).
pub fn site_for_address(settings: &Settings, address: &str) -> Result<(Site, Option<String>), FetchError> {
    if origin_of(address).is_none() {
        return Err(FetchError::Bad(address.into(), "not a web address".into()));
    }
    match known_site(address) {
        Some(found) => Ok(found),
        None => client::discover(settings, address, &Unwatched),
    }
}

/// The site and title a source names (`Main Page` when an address names no page).
pub fn resolve(settings: &Settings, source: Source) -> Result<(Site, String), FetchError> {
    match source {
        Source::Page { site, title } => Ok((site, title)),
        Source::Address(address) => {
            let (site, title) = site_for_address(settings, &address)?;
            Ok((site, title.filter(|t| !t.is_empty()).unwrap_or_else(|| "Main Page".to_string())))
        }
    }
}

/// The site a memory key (`wiki:HOST/Title`) names, and the title.
pub fn of_key(key: &str) -> Option<(Site, String)> {
    let rest = key.strip_prefix("wiki:")?;
    let (host, title) = rest.split_once('/')?;
    let site = match host.strip_suffix(".wikipedia.org") {
        Some(lang) if !lang.contains('.') => Site::wikipedia(lang),
        _ => cache::load_site(host)?,
    };
    Some((site, super::decode_title(title)))
}

/// The page fetched now (for the exports and `--save`), or its cached copy when offline.
pub fn fetch_now(settings: &Settings, site: &Site, title: &str) -> Result<(Document, Option<String>), FetchError> {
    let page = client::page(settings, site, title, &Unwatched)?;
    let notice = page.offline_since.map(super::offline_notice);
    let (article, origin) = super::article_of(&page, site);
    Ok((Document::from_wiki(article, origin), notice))
}

/// The cached copy of a page as a document, with when it was fetched.
pub fn cached(site: &Site, title: &str) -> Option<(Document, u64)> {
    let (article, origin, fetched) = super::cached_article(site, title)?;
    Some((Document::from_wiki(article, origin), fetched))
}

/// A plain-text file copied from `site`, imported with its cross references checked against
/// the wiki's titles (one request): its links to pages the wiki has lead there.
pub fn copied_document(
    file: &std::path::Path,
    path: Option<String>,
    library: &crate::library::Library,
    site: &Site,
    settings: &Settings,
    watch: &dyn crate::work::Watch,
) -> Result<Document, FetchError> {
    let shown = file.to_string_lossy().into_owned();
    let bytes = crate::source::read_file(file).map_err(|e| FetchError::Bad(shown.clone(), e.to_string()))?;
    let text = crate::import::decode(&bytes).map_err(|e| FetchError::Bad(shown.clone(), e.to_string()))?.text;
    let title = crate::import::title_from_file_name(&shown);
    let known = |t: &str| library.knows(t);
    let (article, _) = super::titles::import_checked(&text, &title, &known, settings, site, watch)?;
    let origin =
        Origin { site: site.clone(), title: article.title.clone(), revision: None, offline_since: None, copied: true };
    let mut doc = Document::new(article, shown, library, path);
    doc.wiki = Some(std::sync::Arc::new(origin));
    Ok(doc)
}

/// What the reader shows while a page is fetched the first time.
pub fn stand_in(site: &Site, title: &str) -> Document {
    let mut article = Article { title: crate::sanitize::sanitize_line(title).into_owned(), ..Article::default() };
    article.blocks.push(Block::new(BlockKind::Title(article.title.clone()), Box::default(), 0, false));
    let mut text = Inline::default();
    text.push(&format!("Fetching this page from {}…", site.host()), crate::model::Emphasis(0), None);
    article.blocks.push(Block::new(BlockKind::Paragraph(text), Box::default(), 0, false));
    let origin =
        Origin { site: site.clone(), title: title.to_string(), revision: None, offline_since: None, copied: false };
    let mut doc = Document::from_wiki(article, origin);
    // Nothing to remember of a page not read yet.
    doc.key = None;
    doc
}
