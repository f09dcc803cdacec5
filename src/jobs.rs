//! Carrying out background jobs (see [`crate::app::jobs`]): the work behind each [`Job`], on
//! whatever thread the runner gives it. Tests call [`execute`] themselves, when they choose,
//! to deliver results in any order.

use std::sync::Arc;

use crate::app::{Document, Job, Output, WINDOW_MIN_BLOCKS};
use crate::layout::layout_watched;
use crate::library::cache::TextCache;
use crate::library::search::search_library;
use crate::library::{load_text_watched, Library};
use crate::work::{Cancelled, Watch};

/// Does the work of `job`, checking `watch` between pieces; `texts` keeps article texts between
/// library searches.
pub fn execute(job: Job, watch: &dyn Watch, texts: &TextCache) -> Output {
    let result = match job {
        Job::Parse { id, bytes, name, format, source, path, measure, library } => (|| {
            let bytes = bytes.take().ok_or_else(|| Output::Failed("the article's text is gone".into()))?;
            let lib = &library.0;
            let known = |t: &str| lib.knows(t);
            let loaded = load_text_watched(bytes, &name, format, &known, watch).map_err(|e| match e {
                crate::library::LoadError::Cancelled(_) => Output::Cancelled,
                e => Output::Failed(e.to_string()),
            })?;
            let mut doc = Document::new(loaded.article, source, lib, path);
            doc.id = id;
            if doc.article.blocks.len() <= WINDOW_MIN_BLOCKS {
                // Small enough to lay out here, so that the swap is instant.
                doc.layout_for(measure);
            }
            Ok(Output::Parsed { id, doc: Box::new(doc) })
        })(),
        Job::Layout { id, article, measure } => layout_watched(&article.0, measure, watch)
            .map(|l| Output::Laid { id, layout: Arc::new(l) })
            .map_err(cancelled),
        Job::Load { entry, fragment, library } => load(&library.0, entry, fragment, watch),
        Job::Search { pattern, library } => search_library(&library.0, &pattern, texts, watch)
            .map(|hits| Output::Found { pattern, hits })
            .map_err(cancelled),
        Job::Highlight { id, article, blocks, dark } => (|| {
            let mut colors = Vec::with_capacity(blocks.len());
            for b in blocks {
                watch.check().map_err(cancelled)?;
                let found = match article.0.blocks.get(b as usize).map(|x| &x.kind) {
                    Some(crate::model::BlockKind::Code { lang, text }) => crate::highlight::highlight(text, lang, dark),
                    _ => None,
                };
                colors.push((b, found.map(Arc::new)));
            }
            Ok(Output::Highlighted { id, colors })
        })(),
        Job::OpenKey { key, reload, .. } if key.starts_with("wiki:") => (|| {
            let (site, title) =
                crate::wiki::open::of_key(&key).ok_or_else(|| Output::Failed("an unknown wiki".into()))?;
            let settings = crate::wiki::client::Settings::default();
            let page = crate::wiki::client::page(&settings, &site, &title, watch).map_err(fetch_failed)?;
            let (article, origin) = crate::wiki::article_of(&page, &site);
            let doc = Box::new(Document::from_wiki(article, origin));
            Ok(Output::Opened { doc, library: Arc::new(Library::bundled()), reload })
        })(),
        Job::OpenKey { key, libraries, reload } => {
            let opened = match key.strip_prefix("bundled:") {
                Some(name) => crate::open::open_bundled(name),
                None => {
                    let opts = crate::open::Options { libraries, resolve: true, ..Default::default() };
                    crate::open::open(crate::open::Input::File(key.into()), &opts)
                }
            };
            match opened {
                Ok(o) => Ok(Output::Opened { doc: Box::new(o.doc), library: Arc::new(o.library), reload }),
                Err(e) => Err(Output::Failed(e.to_string())),
            }
        }
        Job::Wiki { site, title, fragment, settings, refresh, discover } => (|| {
            let (site, title) = match discover {
                Some((address, from_address)) => {
                    let (found, named) =
                        crate::wiki::client::discover(&settings.0, &address, watch).map_err(fetch_failed)?;
                    let title = named.filter(|t| from_address && !t.is_empty()).unwrap_or(title);
                    (Arc::new(found), title)
                }
                None => (site.0, title),
            };
            wiki_page(&site, &title, fragment, &settings.0, refresh, watch)
        })(),
        Job::WikiSearch { site, settings, query, full } => (|| {
            if !full {
                // Typing on starts a new search, which cancels this one before it asks.
                for _ in 0..5 {
                    watch.check().map_err(cancelled)?;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            }
            crate::wiki::client::search(&settings.0, &site.0, &query, full, watch)
                .map(|hits| Output::WikiFound { query, full, hits })
                .map_err(fetch_failed)
        })(),
        Job::Peek { link, what } => peek(link, what, watch),
        Job::WikiTitles { id, file, path, site, settings, library } => {
            crate::wiki::open::copied_document(&file, path, &library.0, &site.0, &settings.0, watch)
                .map(|mut doc| {
                    doc.id = id;
                    Output::Parsed { id, doc: Box::new(doc) }
                })
                .map_err(fetch_failed)
        }
        Job::Index { library } => {
            match crate::library::index::build(&library.0, watch, 1, crate::library::index::READER_INDEX_MAX_BYTES) {
                Ok(index) => Ok(Output::Indexed { library: library.0, index: Arc::new(index) }),
                Err(_) => Err(Output::Cancelled),
            }
        }
        Job::Scan { own, layers, current } => (|| {
            let walk = |dir: &std::path::Path| match Library::open_dir_watched(dir, watch) {
                Err(crate::library::ScanError::Cancelled(_)) => Err(Output::Cancelled),
                other => Ok(other),
            };
            let own = match own {
                Some(dir) => walk(&dir)?.map_err(|e| Output::Failed(e.to_string()))?,
                None => current.0.own_only(),
            };
            let mut others = Vec::new();
            let mut warnings = Vec::new();
            for dir in layers {
                match walk(&dir)? {
                    Ok(lib) => others.push(lib),
                    Err(e) => warnings.push(format!("{}: {e}", crate::source::display_path(&dir))),
                }
            }
            let mut library = own.layered(others);
            library.warnings.extend(warnings);
            Ok(Output::Scanned { library: Arc::new(library) })
        })(),
    };
    result.unwrap_or_else(|o| o)
}

fn cancelled(_: Cancelled) -> Output {
    Output::Cancelled
}

fn fetch_failed(e: crate::wiki::client::FetchError) -> Output {
    match e {
        crate::wiki::client::FetchError::Cancelled(_) => Output::Cancelled,
        e => Output::Failed(e.to_string()),
    }
}

/// Fetches a wiki page (the cached copy when the site cannot be reached) as a document.
fn wiki_page(
    site: &crate::wiki::Site,
    title: &str,
    fragment: Option<String>,
    settings: &crate::wiki::client::Settings,
    refresh: Option<(crate::app::DocId, Option<u64>)>,
    watch: &dyn Watch,
) -> Result<Output, Output> {
    let page = crate::wiki::client::page(settings, site, title, watch).map_err(fetch_failed)?;
    let notice = page.offline_since.map(crate::wiki::offline_notice);
    if let Some((id, revision)) = refresh {
        if page.offline_since.is_some() || (page.revision.is_some() && page.revision == revision) {
            return Ok(Output::Refreshed { id, doc: None, notice });
        }
    }
    watch.check().map_err(cancelled)?;
    let (article, origin) = crate::wiki::article_of(&page, site);
    let doc = Box::new(Document::from_wiki(article, origin));
    Ok(match refresh {
        Some((id, _)) => Output::Refreshed { id, doc: Some(doc), notice },
        None => Output::Loaded { doc, fragment, notice },
    })
}

/// A link's preview: the title and first paragraph of what it leads to.
fn peek(link: crate::model::LinkId, what: crate::app::PeekSource, watch: &dyn Watch) -> Result<Output, Output> {
    use crate::app::{Peek, PeekSource};
    let (article, fragment) = match what {
        PeekSource::Entry { library, entry, fragment } => {
            let loaded = library.0.load_watched(entry, watch).map_err(|e| match e {
                crate::library::LoadError::Cancelled(_) => Output::Cancelled,
                e => Output::Failed(e.to_string()),
            })?;
            (loaded.article, fragment)
        }
        PeekSource::Wiki { site, settings, title, fragment } => {
            let page = crate::wiki::client::page(&settings.0, &site.0, &title, watch).map_err(fetch_failed)?;
            (crate::wiki::article_of(&page, &site.0).0, fragment.map(|f| crate::wiki::decode_title(&f)))
        }
    };
    let text = article.first_paragraph(fragment.as_deref());
    Ok(Output::Peeked { link, peek: Peek { title: article.title.clone(), text, leads: String::new() } })
}

/// Reads and imports a library entry, as a document named by where it lives.
fn load(library: &Library, entry: usize, fragment: Option<String>, watch: &dyn Watch) -> Result<Output, Output> {
    let Some(e) = library.entries.get(entry) else { return Err(Output::Failed("no such article".into())) };
    let loaded = library.load_watched(entry, watch).map_err(|e| match e {
        crate::library::LoadError::Cancelled(_) => Output::Cancelled,
        e => Output::Failed(e.to_string()),
    })?;
    let source = library.entry_source(entry);
    let mut doc = Document::new_in(loaded.article, source, library, e.root, Some(e.path.clone()));
    doc.key = library.entry_key(entry);
    Ok(Output::Loaded { doc: Box::new(doc), fragment, notice: loaded.notice })
}
