//! Wiki articles at their source: a MediaWiki site (Wikipedia in any language, or any other
//! site running MediaWiki), its pages fetched over HTTP in the background, kept in a cache for
//! offline reading, and imported from their Parsoid HTML ([`crate::import::parsoid`]).
//!
//! Where a page comes from: the site's core REST API (`rest.php/v1/page/TITLE/html`, Parsoid
//! HTML) when it has one, else the Action API (`api.php?action=parse`). Redirects are
//! followed (the page's own title is the one shown).

pub mod cache;
pub mod client;
pub mod open;
pub mod titles;

use serde::{Deserialize, Serialize};

/// A MediaWiki site.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Site {
    /// `https://en.wikipedia.org` (scheme, host, port).
    pub origin: String,
    /// Where `api.php` and `rest.php` live under the origin: `/w` on Wikipedia, often empty.
    pub script: String,
    /// How a page's address is made: `/wiki/$1`.
    pub article_path: String,
    /// The site's licence, for saved copies (`CC BY-SA 4.0`, and its address).
    #[serde(default)]
    pub licence: Option<(String, String)>,
}

impl Site {
    /// Wikipedia in a language (`en`, `de`).
    pub fn wikipedia(lang: &str) -> Site {
        Site {
            origin: format!("https://{lang}.wikipedia.org"),
            script: "/w".to_string(),
            article_path: "/wiki/$1".to_string(),
            licence: Some((
                "Creative Commons Attribution-ShareAlike 4.0".to_string(),
                "https://creativecommons.org/licenses/by-sa/4.0/".to_string(),
            )),
        }
    }

    /// The site's name as messages and cache folders use it: its host (and port).
    pub fn host(&self) -> &str {
        self.origin.split("://").nth(1).unwrap_or(&self.origin)
    }

    /// An address of the core REST API (`page/Title/html`).
    pub fn rest(&self, path: &str) -> String {
        format!("{}{}/rest.php/v1/{path}", self.origin, self.script)
    }

    /// An address of the Action API with `query` (already encoded).
    pub fn api(&self, query: &str) -> String {
        format!("{}{}/api.php?{query}", self.origin, self.script)
    }

    /// The web address of a page.
    pub fn page_url(&self, title: &str) -> String {
        format!("{}{}", self.origin, self.article_path.replace("$1", &encode_title(title)))
    }

    /// The title a web address of this site names (`/wiki/Some_Title#Part`, `?title=X`).
    pub fn title_of_url(&self, url: &str) -> Option<String> {
        let rest = url.strip_prefix(&self.origin)?;
        let (prefix, suffix) = self.article_path.split_once("$1")?;
        let path = rest.split('#').next()?;
        let title = match path.strip_prefix(prefix) {
            Some(t) if !t.is_empty() => t.strip_suffix(suffix).unwrap_or(t).to_string(),
            _ => {
                let query = path.split_once('?')?.1;
                query.split('&').find_map(|kv| kv.strip_prefix("title="))?.to_string()
            }
        };
        Some(decode_title(&title))
    }
}

/// A title as it goes in an address: spaces as `_`, the rest percent-encoded.
pub fn encode_title(title: &str) -> String {
    let mut out = String::new();
    for b in title.trim().replace(' ', "_").bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'_'
            | b'-'
            | b'.'
            | b'~'
            | b'('
            | b')'
            | b','
            | b'\''
            | b'!'
            | b':' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A title from an address: percent-decoded, `_` as spaces.
pub fn decode_title(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = raw.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'_' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).trim().to_string()
}

/// What a command-line argument names on a wiki: `wiki:Title`, `wiki:de:Titel`, or the web
/// address of a page. `default` is the site of `--wiki` (else English Wikipedia).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A title on a known site.
    Page { site: Site, title: String },
    /// A web address: the site is found from it ([`client::discover`]).
    Address(String),
}

/// Reads a wiki source argument, or `None` when the argument is a file.
pub fn parse_source(arg: &str, default: Option<&Site>) -> Option<Source> {
    if let Some(rest) = arg.strip_prefix("wiki:") {
        if let Some((lang, title)) = rest.split_once(':') {
            if (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase()) && default.is_none() {
                return Some(Source::Page { site: Site::wikipedia(lang), title: decode_title(title) });
            }
        }
        let site = default.cloned().unwrap_or_else(|| Site::wikipedia("en"));
        return Some(Source::Page { site, title: decode_title(rest) });
    }
    if arg.starts_with("https://") || arg.starts_with("http://") {
        return Some(Source::Address(arg.to_string()));
    }
    None
}

/// Where an article read from a wiki came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub site: Site,
    /// The page's title on the site (after redirects).
    pub title: String,
    pub revision: Option<u64>,
    /// Shown from the cache because the site could not be reached: when it was fetched.
    pub offline_since: Option<u64>,
    /// The article is a file of text copied from the wiki (its links may lead there; it is
    /// not the page itself).
    pub copied: bool,
}

impl Origin {
    /// The page's web address.
    pub fn url(&self) -> String {
        self.site.page_url(&self.title)
    }
}

/// A fetched page as folio's article.
pub fn article_of(page: &client::Page, site: &Site) -> (crate::model::Article, Origin) {
    let article = crate::import::parsoid::import(&page.html, &page.title, site);
    let origin = Origin {
        site: site.clone(),
        title: page.title.clone(),
        revision: page.revision,
        offline_since: page.offline_since,
        copied: false,
    };
    (article, origin)
}

/// The cached copy of a page as an article, read without the network (a cached article's
/// first frame waits for no request; the page is revalidated in the background).
pub fn cached_article(site: &Site, title: &str) -> Option<(crate::model::Article, Origin, u64)> {
    let c = cache::load(site, title)?;
    let page = client::Page { title: c.title, revision: c.revision, html: c.html, offline_since: None };
    let (article, origin) = article_of(&page, site);
    Some((article, origin, c.fetched))
}

/// The status-line notice of a page shown from the cache while the site cannot be reached.
pub fn offline_notice(fetched: u64) -> String {
    format!("offline copy of {}", cache::date(fetched))
}

/// The article as a Markdown file of the user's library: front matter with its title, web
/// address, revision and licence; links to pages of the wiki become `[[Title]]` links, which
/// the library resolves by title.
pub fn saved_markdown(article: &crate::model::Article, origin: &Origin) -> String {
    use crate::import::parsoid::{RED_SCHEME, WIKI_SCHEME};
    let mut a = article.clone();
    for link in &mut a.links {
        let page = link.dest.strip_prefix(WIKI_SCHEME).or_else(|| link.dest.strip_prefix(RED_SCHEME));
        if let Some(rest) = page {
            link.dest = decode_title(rest.split('#').next().unwrap_or(rest));
            link.kind = crate::model::LinkKind::Wiki;
        }
    }
    let md = crate::export::to_markdown(&a);
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ");
    let mut extra = format!("source: \"{}\"\n", quote(&origin.url()));
    if let Some(r) = origin.revision {
        extra.push_str(&format!("revision: {r}\n"));
    }
    let licence = match &origin.site.licence {
        Some((name, url)) => format!("{name} ({url})"),
        None => "see the source page".to_string(),
    };
    extra.push_str(&format!(
        "licence: \"Text from {} by its contributors, under {}\"\n",
        quote(&origin.url()),
        quote(&licence)
    ));
    match md.split_once('\n') {
        Some((first, rest)) => match rest.split_once('\n') {
            Some((title, body)) => format!("{first}\n{title}\n{extra}{body}"),
            None => format!("{md}{extra}"),
        },
        None => md,
    }
}

/// A file name for a saved page: its title, with characters file systems refuse replaced.
pub fn file_name(title: &str) -> String {
    let name: String =
        title
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let name = name.trim().trim_start_matches('.');
    let name: String = name.chars().take(120).collect();
    format!("{}.md", if name.is_empty() { "page" } else { &name })
}

/// How memory and the history name a wiki page.
pub fn key(site: &Site, title: &str) -> String {
    format!("wiki:{}/{}", site.host(), encode_title(title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_titles() {
        assert_eq!(
            parse_source("wiki:de:Leuchtturm", None),
            Some(Source::Page { site: Site::wikipedia("de"), title: "Leuchtturm".into() })
        );
        assert_eq!(
            parse_source("wiki:Tide_pool", None),
            Some(Source::Page { site: Site::wikipedia("en"), title: "Tide pool".into() })
        );
        assert!(parse_source("notes.md", None).is_none());
        let en = Site::wikipedia("en");
        assert_eq!(en.page_url("Tide pool"), "https://en.wikipedia.org/wiki/Tide_pool");
        assert_eq!(en.title_of_url("https://en.wikipedia.org/wiki/Caf%C3%A9#History").as_deref(), Some("Café"));
        assert_eq!(en.title_of_url("https://en.wikipedia.org/w/index.php?title=A_B&oldid=1").as_deref(), Some("A B"));
        assert_eq!(encode_title("AT&T / 2"), "AT%26T_%2F_2");
        assert_eq!(decode_title("100%"), "100%");
    }
}
