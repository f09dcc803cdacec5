//! Searching the text of every article in the library: a linear scan of the raw sources (a
//! 40 MB library takes milliseconds; no index is needed at this scale).

use std::sync::Arc;

use regex::Regex;

use super::cache::TextCache;
use super::Library;
use crate::sanitize::sanitize;
use crate::work::{Cancelled, Watch};

/// How good a hit is: title hits first, then headings, then body text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HitKind {
    Title,
    Heading,
    Body,
}

/// One hit in the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryHit {
    pub entry: usize,
    pub kind: HitKind,
    /// The article's title.
    pub title: String,
    /// The heading of the section the hit is in (empty in the lead).
    pub section: String,
    /// The line around the match, shortened.
    pub snippet: String,
}

/// Most hits listed per article, and in all.
const PER_ARTICLE: usize = 20;
const TOTAL: usize = 5000;

/// A Markdown heading line's text (`## Early years` → `Early years`).
fn heading_of(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        Some(t[hashes..].trim().trim_end_matches('#').trim())
    } else {
        None
    }
}

/// The line around byte `at`, cut to about 70 characters, markup brackets dropped.
fn snippet(line: &str, at: usize) -> String {
    let clean = |s: &str| sanitize(&s.replace("[[", "").replace("]]", "").replace("**", "")).into_owned();
    let line = line.trim_end();
    let start = line[..at.min(line.len())].char_indices().rev().nth(30).map(|(i, _)| i).unwrap_or(0);
    let end = line[at.min(line.len())..].char_indices().nth(40).map(|(i, _)| at + i).unwrap_or(line.len());
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(clean(&line[start..end]).trim());
    if end < line.len() {
        s.push('…');
    }
    s
}

/// A hit on the article's title itself.
fn title_hit(entry: usize, title: &str, re: &Regex, out: &mut Vec<LibraryHit>) {
    if re.is_match(title) {
        let hit = LibraryHit {
            entry,
            kind: HitKind::Title,
            title: title.into(),
            section: String::new(),
            snippet: title.into(),
        };
        out.push(hit);
    }
}

/// Searches one article's source text.
pub fn search_text(entry: usize, title: &str, text: &str, re: &Regex, out: &mut Vec<LibraryHit>) {
    title_hit(entry, title, re, out);
    let (_, body) = crate::import::frontmatter::split(text);
    let mut section = "";
    let mut count = 0;
    for line in body.lines() {
        if let Some(h) = heading_of(line) {
            section = h;
        }
        if let Some(m) = re.find(line) {
            let kind = if heading_of(line).is_some() { HitKind::Heading } else { HitKind::Body };
            out.push(LibraryHit {
                entry,
                kind,
                title: title.to_string(),
                section: sanitize(section).into_owned(),
                snippet: snippet(line, m.start()),
            });
            count += 1;
            if count >= PER_ARTICLE {
                break;
            }
        }
    }
}

/// Searches one article, read as its name and content say: Markdown sources are scanned line
/// by line; plain-text wiki copies are imported first, so hits name their real sections.
pub fn search_article(entry: usize, title: &str, name: &str, text: &str, re: &Regex, out: &mut Vec<LibraryHit>) {
    search_article_as(entry, title, name, text, None, re, out)
}

/// [`search_article`], read as `format` when it is given (`--format`).
pub fn search_article_as(
    entry: usize,
    title: &str,
    name: &str,
    text: &str,
    format: Option<crate::import::Format>,
    re: &Regex,
    out: &mut Vec<LibraryHit>,
) {
    let format = format.unwrap_or_else(|| crate::import::detect_format(Some(name), text));
    if format == crate::import::Format::Markdown {
        search_text(entry, title, text, re, out);
        return;
    }
    title_hit(entry, title, re, out);
    let article = crate::import::plaintext::parse(text, title);
    let mut section = String::new();
    let mut count = 0;
    for block in &article.blocks {
        let (kind, body) = match &block.kind {
            crate::model::BlockKind::Heading { text, .. } => {
                section = text.text.clone();
                (HitKind::Heading, text.text.as_str())
            }
            crate::model::BlockKind::Paragraph(text) => (HitKind::Body, text.text.as_str()),
            _ => continue,
        };
        if let Some(m) = re.find(body) {
            out.push(LibraryHit {
                entry,
                kind,
                title: title.to_string(),
                section: section.clone(),
                snippet: snippet(body, m.start()),
            });
            count += 1;
            if count >= PER_ARTICLE {
                break;
            }
        }
    }
}

/// Articles bigger than this are searched line by line from their files.
pub const STREAM_OVER: u64 = 8 << 20;

/// Searches a big article line by line as it is read; a Markdown heading names the section
/// of the lines after it.
fn search_stream(
    entry: usize,
    title: &str,
    mut reader: impl std::io::BufRead,
    re: &Regex,
    out: &mut Vec<LibraryHit>,
    watch: &dyn Watch,
) -> Result<(), Cancelled> {
    title_hit(entry, title, re, out);
    let mut section = String::new();
    let (mut count, mut n) = (0, 0u64);
    let mut buf = Vec::new();
    while count < PER_ARTICLE {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        n += 1;
        if n % 4096 == 0 {
            watch.check()?;
        }
        let line = String::from_utf8_lossy(&buf);
        if let Some(h) = heading_of(&line) {
            section = sanitize(h).into_owned();
        }
        if let Some(m) = re.find(&line) {
            let kind = if heading_of(&line).is_some() { HitKind::Heading } else { HitKind::Body };
            let hit = LibraryHit {
                entry,
                kind,
                title: title.to_string(),
                section: section.clone(),
                snippet: snippet(&line, m.start()),
            };
            out.push(hit);
            count += 1;
        }
    }
    Ok(())
}

/// Searches every article of `library` for `pattern`, reading each text from `cache` or from
/// its file (and keeping it in the cache), checking `watch` between articles and reporting the
/// articles searched so far.
pub fn search_library(
    library: &Library,
    pattern: &str,
    cache: &TextCache,
    watch: &dyn Watch,
) -> Result<Vec<LibraryHit>, Cancelled> {
    let Ok(re) = crate::search::compile(pattern) else { return Ok(Vec::new()) };
    let n = library.entries.len() as u64;
    let mut out = Vec::new();
    for (entry, e) in library.entries.iter().enumerate() {
        // The bundled articles under a folder of the user's are for links, not for searching.
        if *library.root_of(entry) == crate::library::Root::Bundled && library.root != crate::library::Root::Bundled {
            continue;
        }
        watch.check()?;
        watch.progress(entry as u64, n);
        // A big file is searched line by line from disk: never held whole, never cached.
        if let Ok(Some((file, len))) = library.open_file(entry) {
            if len > STREAM_OVER {
                let capped = std::io::Read::take(file, crate::import::MAX_INPUT);
                search_stream(entry, &e.title, std::io::BufReader::new(capped), &re, &mut out, watch)?;
                continue;
            }
        }
        let key = library.entry_source(entry);
        let text = match cache.get(&key) {
            Some(t) => t,
            None => match library.read_text(entry) {
                Ok(t) => {
                    let t: Arc<str> = t.into();
                    cache.put(&key, t.clone());
                    t
                }
                Err(_) => continue,
            },
        };
        search_article(entry, &e.title, &e.path, &text, &re, &mut out);
        if out.len() >= TOTAL {
            break;
        }
    }
    // Title hits, then heading hits, then body hits; library order within each.
    out.sort_by_key(|h| (h.kind, h.entry));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_hits_name_their_sections() {
        let re = crate::search::compile("kabul").unwrap();
        let mut out = Vec::new();
        let text = include_str!("../../tests/fixtures/iskp.txt");
        search_article(0, "ISKP", "iskp.txt", text, &re, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].section, "Geography, Operations, and Capabilities");
        assert!(out[0].snippet.contains("Kabul"));
    }

    #[test]
    fn kinds_sections_and_snippets() {
        let re = crate::search::compile("kabul").unwrap();
        let mut out = Vec::new();
        search_text(
            0,
            "Kabul",
            "---\ntitle: Kabul\n---\nIntro.\n## Kabul today\nThe city of Kabul is large.\n",
            &re,
            &mut out,
        );
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].kind, HitKind::Title);
        assert_eq!(out[1].kind, HitKind::Heading);
        assert_eq!(out[2].section, "Kabul today");
        assert_eq!(out[2].snippet, "The city of Kabul is large.");
    }
}
