//! The library's link index: for every article of the library's own folder, the fragments it
//! answers to and each link it makes, with the line it is written on and the sentence around
//! it. Backlinks, fragment checks and `--check` are read off it. Built in the background by
//! the reader, on the spot by the command line; all articles are read and parsed once, on as
//! many threads as the machine has.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Library, Target};
use crate::import::{self, Format};
use crate::model::{Article, BlockKind, Fragments, LinkKind, NO_AT};
use crate::sanitize::sanitize_line;
use crate::work::{Cancelled, Watch};

/// One link as it is written in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub dest: String,
    pub kind: LinkKind,
    /// The link's text.
    pub text: String,
    /// Where it is written: 1-based line and column (characters).
    pub line: u32,
    pub col: u32,
    /// The heading of the section it is in (empty in the lead).
    pub section: String,
    /// The sentence around it.
    pub snippet: String,
}

/// What the index knows of one article.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub title: String,
    pub fragments: Fragments,
    pub links: Vec<Outgoing>,
}

/// The index: a page per entry of the library's own folder (`None` for entries of layered
/// libraries and unreadable files).
#[derive(Clone, Debug, Default)]
pub struct LinkIndex {
    pub pages: Vec<Option<Page>>,
}

/// A link found broken by [`LinkIndex::broken`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub entry: usize,
    pub line: u32,
    pub col: u32,
    /// `missing article`, `missing section`, `missing file` or `refused`.
    pub status: &'static str,
    /// What is missing, as `--check` prints it.
    pub target: String,
    pub text: String,
}

/// A place that links to an article, found by [`LinkIndex::backlinks`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backlink {
    pub entry: usize,
    pub line: u32,
    pub section: String,
    pub snippet: String,
    /// The link's text.
    pub text: String,
    /// The fragment it links to, if it links to a section.
    pub fragment: Option<String>,
}

/// The page of an article's source text (includes are not expanded: lines stay the file's).
pub fn page_of(text: &str, name: &str, format: Option<Format>, known: &dyn Fn(&str) -> bool) -> Page {
    let format = format.unwrap_or_else(|| import::detect_format(Some(name), text));
    let article = import::import(text, format, &import::title_from_file_name(name), known);
    page_of_article(&article, text)
}

/// The page of an imported article whose source is `text`.
pub fn page_of_article(article: &Article, text: &str) -> Page {
    // Where each link is shown: block and byte offset in the block's text.
    let mut shown: Vec<Option<(usize, usize)>> = vec![None; article.links.len()];
    for (b, block) in article.blocks.iter().enumerate() {
        let inline = match &block.kind {
            BlockKind::Paragraph(t) | BlockKind::Heading { text: t, .. } => t,
            BlockKind::Table(t) => &t.text,
            _ => continue,
        };
        let mut at = 0usize;
        for m in &inline.marks {
            if let Some(id) = m.link {
                if let Some(slot) = shown.get_mut(id.0 as usize).filter(|s| s.is_none()) {
                    *slot = Some((b, at));
                }
            }
            at = m.end as usize;
        }
    }
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut search_from = 0usize;
    let links = article
        .links
        .iter()
        .zip(shown)
        .map(|(link, place)| {
            // A link without a known place (plain text) is found by its text.
            let at = if link.at != NO_AT {
                link.at as usize
            } else {
                match text.get(search_from..).and_then(|t| t.find(link.text.trim())) {
                    Some(k) => {
                        search_from += k + link.text.trim().len().max(1);
                        search_from - link.text.trim().len().max(1)
                    }
                    None => search_from,
                }
            };
            let at = at.min(text.len());
            let line = line_starts.partition_point(|&s| s <= at).max(1);
            let start = line_starts[line - 1];
            let col = text.get(start..at).map_or(0, |s| s.chars().count()) + 1;
            let (section, snippet) = match place {
                Some((b, off)) => {
                    let section =
                        article.section_of_block(b).map(|s| article.section(s).title.clone()).unwrap_or_default();
                    (section, sentence(crate::model::block_text(&article.blocks[b]), off))
                }
                None => (String::new(), String::new()),
            };
            Outgoing {
                dest: link.dest.clone(),
                kind: link.kind,
                text: sanitize_line(link.text.trim()).into_owned(),
                line: line as u32,
                col: col as u32,
                section,
                snippet,
            }
        })
        .collect();
    Page { title: article.title.clone(), fragments: article.fragments(), links }
}

/// The sentence of `text` around byte `at`, on one line, at most about 160 characters.
fn sentence(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let before = &text[..text.floor_char_boundary_compat(at)];
    let start = [". ", "! ", "? ", "\n"].iter().filter_map(|p| before.rfind(p).map(|i| i + p.len())).max().unwrap_or(0);
    let after = &text[start..];
    let end = [". ", "! ", "? ", "\n"]
        .iter()
        .filter_map(|p| after[at - start..].find(p).map(|i| at - start + i + 1))
        .min()
        .unwrap_or(after.len());
    let s = sanitize_line(after[..end].trim()).into_owned();
    if s.chars().count() > 160 {
        let cut: String = s.chars().take(159).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// `str::floor_char_boundary`, which is not stable yet.
trait FloorBoundary {
    fn floor_char_boundary_compat(&self, at: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut at: usize) -> usize {
        at = at.min(self.len());
        while !self.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// How big a file the reader's background index reads: a chapter of a book is far smaller;
/// a bigger file (a log, a dump that happens to sit next to the article) would only double
/// the memory of the article being read, which is often that very file.
pub const READER_INDEX_MAX_BYTES: u64 = 2 << 20;

/// Indexes every article of the library's own folder, on every core but `spare` (the reader
/// keeps one for itself, so that keys stay quick while the index is built). Files over
/// `max_bytes` are left out of the index (`None`), as unreadable ones are.
pub fn build(library: &Library, watch: &dyn Watch, spare: usize, max_bytes: u64) -> Result<LinkIndex, Cancelled> {
    let own = library.own_entries().count();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).saturating_sub(spare).clamp(1, 8);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let known = |t: &str| library.knows(t);
    let mut pages: Vec<Option<Page>> = vec![None; library.entries.len()];
    let results: Vec<Result<Vec<(usize, Page)>, Cancelled>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= own {
                            return Ok(out);
                        }
                        watch.check()?;
                        let small = match library.open_file(i) {
                            Ok(Some((_, size))) => size <= max_bytes,
                            _ => true,
                        };
                        if let Some(bytes) = small.then(|| library.read(i).ok()).flatten() {
                            if let Ok(d) = import::decode(&bytes) {
                                out.push((i, page_of(&d.text, &library.entries[i].path, None, &known)));
                            }
                        }
                        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                        watch.progress(n as u64, own as u64);
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(Err(Cancelled))).collect()
    });
    for r in results {
        for (i, page) in r? {
            pages[i] = Some(page);
        }
    }
    Ok(LinkIndex { pages })
}

/// An index of just the articles `targets` link into with a fragment (what `--links` needs
/// to check those fragments without reading the whole library).
pub fn for_targets(library: &Library, targets: &[Target]) -> LinkIndex {
    let mut pages: Vec<Option<Page>> = vec![None; library.entries.len()];
    for t in targets {
        if let Target::Article { entry, fragment: Some(_) } = t {
            if pages[*entry].is_none() {
                if let Ok(bytes) = library.read(*entry) {
                    if let Ok(d) = import::decode(&bytes) {
                        pages[*entry] = Some(page_of(&d.text, &library.entries[*entry].path, None, &|_| false));
                    }
                }
            }
        }
    }
    LinkIndex { pages }
}

impl LinkIndex {
    /// Where a link of entry `from` leads, its fragment checked against the target's page.
    /// An in-page fragment stays [`Target::Section`]; see [`LinkIndex::broken`].
    pub fn target(&self, library: &Library, from: usize, link: &Outgoing) -> Target {
        let (root, path) = library.entries.get(from).map_or((0, ""), |e| (e.root, e.path.as_str()));
        self.checked(library.resolve_in(&link.dest, link.kind, root, path))
    }

    /// `target` with another article's fragment checked against that article's page
    /// (unchecked when it is not indexed).
    pub fn checked(&self, target: Target) -> Target {
        match target {
            Target::Article { entry, fragment: Some(f) } => match self.pages.get(entry).and_then(Option::as_ref) {
                Some(page) if !page.fragments.has(&f) => Target::MissingSection { entry, fragment: f },
                _ => Target::Article { entry, fragment: Some(f) },
            },
            t => t,
        }
    }

    /// Every place in the library that links to entry `to`, in library order.
    pub fn backlinks(&self, library: &Library, to: usize) -> Vec<Backlink> {
        let mut out = Vec::new();
        for (from, page) in self.pages.iter().enumerate() {
            let Some(page) = page else { continue };
            for link in &page.links {
                let hit = match library.resolve_in(
                    &link.dest,
                    link.kind,
                    library.entries[from].root,
                    &library.entries[from].path,
                ) {
                    Target::Article { entry, fragment } if entry == to => Some(fragment),
                    // A link to a section of its own article is not a backlink.
                    _ => None,
                };
                if let Some(fragment) = hit {
                    if from == to {
                        continue;
                    }
                    out.push(Backlink {
                        entry: from,
                        line: link.line,
                        section: link.section.clone(),
                        snippet: link.snippet.clone(),
                        text: link.text.clone(),
                        fragment,
                    });
                }
            }
        }
        out
    }

    /// Every broken link of the indexed articles: missing articles and sections, refused
    /// links, missing files. Web links are not checked (nothing is fetched).
    pub fn broken(&self, library: &Library) -> Vec<Broken> {
        let mut out = Vec::new();
        for (from, page) in self.pages.iter().enumerate() {
            let Some(page) = page else { continue };
            // A book's outline lists draft chapters as links to nothing, on purpose.
            let summary = library.entries[from].path.eq_ignore_ascii_case("SUMMARY.md");
            for link in &page.links {
                if summary && link.dest.is_empty() {
                    continue;
                }
                let (status, target) = match self.target(library, from, link) {
                    Target::Missing(name) if link.kind == LinkKind::Markdown && !is_article_path(&name) => {
                        ("missing file", name)
                    }
                    Target::Missing(name) => ("missing article", name),
                    Target::Section(f) if page.fragments.has(&f) => continue,
                    Target::Section(f) => ("missing section", format!("#{f}")),
                    Target::MissingSection { entry, fragment } => {
                        ("missing section", format!("{}#{fragment}", library.entries[entry].path))
                    }
                    Target::Refused(why) => ("refused", format!("{} ({why})", link.dest)),
                    _ => continue,
                };
                out.push(Broken {
                    entry: from,
                    line: link.line,
                    col: link.col,
                    status,
                    target,
                    text: link.text.clone(),
                });
            }
        }
        out
    }
}

/// Whether a path names an article (`.md`, `.txt`, a web page, or no extension at all).
fn is_article_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        None => true,
        Some((_, ext)) => matches!(ext.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt" | "html" | "htm"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_know_their_line_section_and_sentence() {
        let text =
            "# Book\n\nIntro with [a link](a.md).\n\n## Part\n\nFirst sentence. Then see [[Other]] here! Last.\n";
        let page = page_of(text, "x.md", None, &|_| false);
        assert_eq!(page.links.len(), 2);
        assert_eq!((page.links[0].line, page.links[0].col), (3, 12));
        assert_eq!(page.links[0].section, "");
        assert_eq!(page.links[1].line, 7);
        assert_eq!(page.links[1].section, "Part");
        assert_eq!(page.links[1].snippet, "Then see Other here!");
        assert!(page.fragments.has("part"));
    }

    #[test]
    fn plain_text_links_are_found_by_their_text() {
        let text = "Topic\nA lead paragraph that is long enough to be prose about things.\nSee also\nHarbour Wall\n";
        let page = page_of(text, "x.txt", None, &|_| false);
        assert_eq!((page.links[0].line, page.links[0].col), (4, 1));
    }
}
