//! From bytes to an [`Article`]: decoding, format detection, Markdown and plain-text import.

pub mod crossref;
pub mod frontmatter;
pub mod html;
pub mod markdown;
pub mod parsoid;
mod pieces;
pub mod plaintext;
pub mod preview;

use crate::model::Article;
use crate::work::{Cancelled, Watch};

/// Largest input folio reads; larger files are refused with a message.
pub const MAX_INPUT: u64 = 256 * 1024 * 1024;

/// How the source text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown (CommonMark with tables, footnotes, task lists, wiki links).
    #[value(name = "md")]
    Markdown,
    /// Plain text copied from a wiki page.
    #[value(name = "text")]
    Text,
    /// An HTML page (a saved web page, a wiki page's HTML).
    #[value(name = "html")]
    Html,
}

/// Why bytes could not be turned into text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("binary file (NUL byte at offset {0})")]
    Binary(usize),
    #[error("binary file (ZIP archive)")]
    Zip,
}

/// Text decoded from bytes, with a notice when the decoding was lossy.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub notice: Option<String>,
}

/// Decodes a file's bytes, taking ownership so valid UTF-8 (the usual case) is not copied.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let plain_utf8 = !bytes.starts_with(&[0xff, 0xfe])
        && !bytes.starts_with(&[0xfe, 0xff])
        && !bytes.starts_with(b"PK\x03\x04")
        && !bytes.starts_with(b"\xef\xbb\xbf")
        && memchr_nul(&bytes).is_none();
    if plain_utf8 {
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(Decoded { text, notice: None }),
            Err(e) => return decode(e.as_bytes()),
        }
    }
    decode(&bytes)
}

/// Decodes a file's bytes: UTF-8 (lossy, with a notice), UTF-16 with a BOM, or refuses binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return Ok(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return Ok(utf16(rest, u16::from_be_bytes));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(DecodeError::Zip);
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(DecodeError::Binary(pos));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_string(), notice: None }),
        Err(_) => Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            notice: Some("not valid UTF-8: invalid bytes shown as \u{fffd}".to_string()),
        }),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Decoded {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    let text = String::from_utf16_lossy(&units);
    Decoded { text, notice: Some("decoded from UTF-16".to_string()) }
}

/// Picks the format from the file name and content: `.md`/`.markdown` are Markdown; `.txt` is
/// text unless it plainly is Markdown saved as text (front matter, two `#` headings, a fenced
/// block, link definitions: see [`looks_like_markdown`]); anything else is Markdown when it
/// has a `#` heading or front matter.
pub fn detect_format(name: Option<&str>, text: &str) -> Format {
    let ext = name.and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())).unwrap_or_default();
    let head = text.trim_start().get(..15).unwrap_or("").to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Format::Html;
    }
    match ext.as_str() {
        "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        "txt" | "text" if looks_like_markdown(text) => Format::Markdown,
        "txt" | "text" => Format::Text,
        _ => {
            let looks_md = text.starts_with("---\n")
                || text.starts_with("+++\n")
                || text.lines().take(2000).any(|l| {
                    let t = l.trim_start_matches('#');
                    l.starts_with('#') && l.len() - t.len() <= 6 && (t.is_empty() || t.starts_with(' '))
                });
            if looks_md {
                Format::Markdown
            } else {
                Format::Text
            }
        }
    }
}

/// Whether a text saved as `.txt` is really Markdown: it starts with front matter, or has two
/// `#` headings, a fenced code block, or a link reference definition (`[id]: https://…`). A
/// wiki page copied as text has none of these.
pub fn looks_like_markdown(text: &str) -> bool {
    if text.starts_with("---\n") || text.starts_with("+++\n") {
        return true;
    }
    let (mut headings, mut fences, mut definitions) = (0, 0, 0);
    for line in text.lines().take(5000) {
        let t = line.trim_start();
        if preview::atx_heading(line).is_some_and(|(_, h)| !h.is_empty()) && line.starts_with('#') {
            headings += 1;
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fences += 1;
        } else if t.starts_with('[') && !t.starts_with("[^") {
            if let Some((_, dest)) = t.split_once("]: ") {
                let dest = dest.trim();
                let url = dest.contains("://") || dest.starts_with('/') || dest.starts_with('#');
                if url || dest.ends_with(".md") || dest.ends_with(".html") {
                    definitions += 1;
                }
            }
        }
        if headings >= 2 || fences >= 2 || definitions >= 1 {
            return true;
        }
    }
    false
}

/// Imports text in the given format. `fallback_title` is used when the text names none;
/// `known` tells the plain-text importer which titles the library has.
pub fn import(text: &str, format: Format, fallback_title: &str, known: &dyn Fn(&str) -> bool) -> Article {
    match format {
        Format::Markdown => markdown::parse(text, fallback_title),
        Format::Text => plaintext::parse_with(text, fallback_title, known),
        Format::Html => parsoid::import_page(text, fallback_title),
    }
}

/// Like [`import`], taking the text so that its memory can be given back while a big
/// Markdown file is parsed.
pub fn import_owned(text: String, format: Format, fallback_title: &str, known: &dyn Fn(&str) -> bool) -> Article {
    match format {
        Format::Markdown => markdown::parse_owned(text, fallback_title),
        Format::Text => plaintext::parse_with(&text, fallback_title, known),
        Format::Html => parsoid::import_page(&text, fallback_title),
    }
}

/// Like [`import_owned`], checking `watch` between pieces (a big Markdown file is parsed in
/// pieces; plain text is imported in one pass, checked before and after).
pub fn import_watched(
    text: String,
    format: Format,
    fallback_title: &str,
    known: &dyn Fn(&str) -> bool,
    watch: &dyn Watch,
) -> Result<Article, Cancelled> {
    watch.check()?;
    match format {
        Format::Markdown => markdown::parse_watched(text, fallback_title, watch),
        Format::Html => {
            let article = parsoid::import_page(&text, fallback_title);
            watch.check()?;
            Ok(article)
        }
        Format::Text => {
            let article = plaintext::parse_with(&text, fallback_title, known);
            watch.check()?;
            Ok(article)
        }
    }
}

/// A title from a file name: extension dropped, `-` and `_` read as spaces.
pub fn title_from_file_name(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    let stem = match base.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => base,
    };
    let title = stem.replace(['-', '_'], " ").trim().to_string();
    // A name of dashes and underscores (`-.md`) is its own title rather than none.
    if title.is_empty() {
        stem.to_string()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_binary_with_offset() {
        assert_eq!(decode(b"abc\0de"), Err(DecodeError::Binary(3)));
        assert_eq!(decode(b"PK\x03\x04x"), Err(DecodeError::Zip));
    }

    #[test]
    fn invalid_utf8_is_lossy_with_notice() {
        let d = decode(b"ok \xff\xfe bad \xc3(").unwrap();
        assert!(d.text.contains('\u{fffd}'));
        assert!(d.notice.is_some());
    }

    #[test]
    fn utf16_le_with_bom_decoded() {
        let d = decode(b"\xff\xfe#\x00 \x00h\x00i\x00\n\x00").unwrap();
        assert_eq!(d.text, "# hi\n");
    }

    #[test]
    fn format_detection() {
        assert_eq!(detect_format(Some("a.md"), ""), Format::Markdown);
        assert_eq!(detect_format(Some("a.txt"), "# x"), Format::Text);
        assert_eq!(detect_format(Some("spec.txt"), "---\ntitle: T\n---\nbody"), Format::Markdown);
        assert_eq!(detect_format(Some("spec.txt"), "# One\n\ntext\n\n## Two\n"), Format::Markdown);
        assert_eq!(detect_format(Some("spec.txt"), "Intro\n```\ncode\n```\n"), Format::Markdown);
        assert_eq!(detect_format(Some("n.txt"), "See [the spec][s].\n\n[s]: https://example.org/\n"), Format::Markdown);
        let example = include_str!("../../tests/fixtures/iskp.txt");
        assert_eq!(detect_format(Some("iskp.txt"), example), Format::Text, "the wiki copy stays text");
        assert_eq!(detect_format(Some("README"), "# x\n"), Format::Markdown);
        assert_eq!(detect_format(None, "Title\nBody text."), Format::Text);
        assert_eq!(detect_format(None, "#hashtag only"), Format::Text);
    }

    #[test]
    fn titles_from_names() {
        assert_eq!(title_from_file_name("dir/war_on-terror.md"), "war on terror");
        assert_eq!(title_from_file_name(".hidden"), ".hidden");
    }
}
