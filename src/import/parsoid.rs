//! A MediaWiki page's HTML (Parsoid's, from the REST API, or the Action API's `parse` output)
//! → folio's article. The page is read by html5ever (through `scraper`), cleaned into plain
//! HTML of the blocks that are the article's text, and built like HTML in Markdown
//! ([`super::html`]) so that a wiki page reads like any other article:
//!
//! - headings (also inside `div.mw-heading`) make the section tree; their `id`s are places;
//! - edit links, navboxes, sidebars, hidden maintenance boxes, styles and scripts are dropped;
//! - the infobox becomes a two-column table (label, value) put under the lead;
//! - reference markers link to their notes (`[1]` → `#cite_note-1`), the notes stay a list;
//! - links to pages of the site become `folio-wiki:Title#part`, red links `folio-red:Title`;
//!   other addresses are kept when they are web addresses, dropped (text kept) otherwise;
//! - images and figures become `[image: caption]` links to their file page; math shows its
//!   TeX source.

use ego_tree::NodeRef;
use scraper::node::{Element, Node};

use crate::model::Article;
use crate::wiki::{decode_title, encode_title, Site};

/// Link destinations the document resolves to pages of its wiki (see `app::document`).
pub const WIKI_SCHEME: &str = "folio-wiki:";
/// A page the wiki does not have (a red link).
pub const RED_SCHEME: &str = "folio-red:";

/// Classes of elements dropped whole: edit links, navigation boxes, maintenance notices,
/// back-links of notes, and what only the web page needs.
const DROPPED_CLASSES: &[&str] = &[
    "mw-editsection",
    "navbox",
    "navbox-styles",
    "vertical-navbox",
    "sidebar",
    "metadata",
    "ambox",
    "mbox-small",
    "ombox",
    "tmbox",
    "cmbox",
    "fmbox",
    "mw-cite-backlink",
    "mw-linkback-text",
    "dmbox",
    "catlinks",
    "mw-empty-elt",
    "shortdescription",
    "sistersitebox",
    "noexcerpt",
    "mw-jump-link",
    "toc",
];

/// Elements dropped whole.
const DROPPED_TAGS: &[&str] = &[
    "style", "script", "link", "meta", "noscript", "template", "head", "title", "svg", "audio", "video", "iframe",
    "object", "form", "input", "button",
];

/// Elements written out as they are (their attributes are not, but for the few kept below).
const KEPT_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "blockquote",
    "pre",
    "code",
    "b",
    "strong",
    "i",
    "em",
    "s",
    "del",
    "sup",
    "sub",
    "br",
    "hr",
    "kbd",
    "var",
    "samp",
    "section",
    "div",
    "details",
    "summary",
];

/// Imports an HTML page opened as a file: a MediaWiki page's HTML (saved, or from a dump) is
/// cleaned as one fetched would be (its wiki links have no wiki to lead to); any other page is
/// read as HTML in Markdown is. The title is the page's `<title>` (or `fallback`).
pub fn import_page(html: &str, fallback: &str) -> Article {
    let title = html
        .find("<title>")
        .and_then(|i| html[i + 7..].find("</title>").map(|j| &html[i + 7..i + 7 + j]))
        .map(|t| {
            let frag = scraper::Html::parse_fragment(t);
            frag.root_element().text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|t| !t.is_empty());
    let mediawiki = html.contains("mw-parser-output") || html.contains("data-mw-section-id");
    if mediawiki {
        let site = Site { origin: String::new(), script: "/w".into(), article_path: "/wiki/$1".into(), licence: None };
        return import(html, title.as_deref().unwrap_or(fallback), &site);
    }
    super::markdown::from_html_titled(html, title, fallback)
}

/// Imports a wiki page of `site` whose title is `title`.
pub fn import(html: &str, title: &str, site: &Site) -> Article {
    let doc = scraper::Html::parse_document(html);
    let mut c = Cleaner { site, title, out: String::with_capacity(html.len() / 2), infobox: None, placed: false };
    let body = doc
        .tree
        .root()
        .descendants()
        .find(|n| element(*n).is_some_and(|e| e.name() == "body"))
        .unwrap_or(doc.tree.root());
    c.walk(body);
    if let Some(infobox) = c.infobox.take() {
        c.out.push_str(&infobox);
    }
    super::markdown::from_html(&c.out, title)
}

fn element<'a>(node: NodeRef<'a, Node>) -> Option<&'a Element> {
    match node.value() {
        Node::Element(e) => Some(e),
        _ => None,
    }
}

fn has_class(e: &Element, class: &str) -> bool {
    e.classes().any(|c| c == class)
}

/// Whether an element is not part of the article's text.
fn dropped(e: &Element) -> bool {
    let name = e.name();
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if e.classes().any(|c| DROPPED_CLASSES.contains(&c)) || e.attr("role") == Some("navigation") {
        return true;
    }
    let hidden = e.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        s.to_ascii_lowercase().contains("display:none")
    });
    // Parsoid's fallback anchors carry nothing to read; a note's link back to its marker
    // (`rel="mw:referencedBy"`) is the web page's furniture.
    hidden || e.attr("typeof") == Some("mw:FallbackId") || e.attr("rel") == Some("mw:referencedBy")
}

/// The text of a subtree (for captions and markers), white space collapsed.
fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An `id` worth keeping as a place: not Parsoid's generated ones (`mwAg`) nor the targets of
/// note back-links (dropped with them).
fn kept_id(id: &str) -> bool {
    let generated = id.len() <= 8
        && id.starts_with("mw")
        && id[2..].chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    !id.is_empty() && !generated && !id.starts_with("cite_ref")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Writes the cleaned HTML of a page.
struct Cleaner<'a> {
    site: &'a Site,
    title: &'a str,
    out: String,
    /// The infobox, cleaned, until the lead ends.
    infobox: Option<String>,
    /// The lead has ended (the infobox was put out).
    placed: bool,
}

impl Cleaner<'_> {
    /// Writes `root`'s children (not `root` itself), walking without recursion except into
    /// the few elements rewritten whole (figures, infoboxes), which are shallow.
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut skip: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => {
                    if skip.is_some() || node.id() == root.id() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.out.push_str(&escape(t)),
                        Node::Element(e) if self.open(node, e) => skip = Some(node.id()),
                        _ => {}
                    }
                }
                ego_tree::iter::Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                        continue;
                    }
                    if skip.is_some() || node.id() == root.id() {
                        continue;
                    }
                    if let Some(e) = element(node) {
                        self.close(e);
                    }
                }
            }
        }
    }

    /// Writes an element's start; `true` when it was written whole (its subtree is skipped).
    fn open(&mut self, node: NodeRef<'_, Node>, e: &Element) -> bool {
        let name = e.name();
        if dropped(e) {
            return true;
        }
        // The lead ends where the first section after it starts.
        let starts_section = matches!(name, "h2" | "h3" | "h4" | "h5" | "h6")
            || (name == "section" && e.attr("data-mw-section-id").is_some_and(|s| s != "0"))
            || (name == "div" && has_class(e, "mw-heading"));
        if starts_section && !self.placed {
            self.placed = true;
            if let Some(infobox) = self.infobox.take() {
                self.out.push_str(&infobox);
            }
        }
        if name == "table" && e.classes().any(|c| c.starts_with("infobox")) {
            let infobox = self.infobox_table(node);
            if self.placed {
                self.out.push_str(&infobox);
            } else if self.infobox.is_none() {
                self.infobox = Some(infobox);
            }
            return true;
        }
        if name == "sup"
            && (has_class(e, "reference") || e.attr("typeof").is_some_and(|t| t.contains("mw:Extension/ref")))
        {
            self.reference_marker(node);
            return true;
        }
        if name == "math" || has_class(e, "mwe-math-element") {
            self.math(node, e);
            return true;
        }
        if name == "figure" || (name == "div" && has_class(e, "thumb")) {
            self.figure(node, true);
            return true;
        }
        if e.attr("typeof").is_some_and(|t| t.starts_with("mw:File") || t.starts_with("mw:Image")) || name == "img" {
            self.figure(node, false);
            return true;
        }
        if name == "a" {
            self.link_start(e);
            return false;
        }
        if name == "pre" {
            self.out.push_str(&format!("<pre class=\"language-{}\">", escape(&code_language(node))));
            return false;
        }
        if KEPT_TAGS.contains(&name) {
            self.out.push('<');
            self.out.push_str(name);
            if let Some(id) = e.attr("id").filter(|i| kept_id(i)) {
                self.out.push_str(&format!(" id=\"{}\"", escape(id)));
            }
            if name == "ol" {
                if let Some(start) = e.attr("start") {
                    self.out.push_str(&format!(" start=\"{}\"", escape(start)));
                }
            }
            self.out.push('>');
        } else if let Some(id) = e.attr("id").filter(|i| kept_id(i)) {
            // An unwrapped element's `id` still names a place.
            self.out.push_str(&format!("<a id=\"{}\"></a>", escape(id)));
        }
        false
    }

    fn close(&mut self, e: &Element) {
        let name = e.name();
        if name == "a" {
            self.out.push_str("</a>");
        } else if KEPT_TAGS.contains(&name) && !matches!(name, "br" | "hr") {
            self.out.push_str(&format!("</{name}>"));
        }
    }

    /// Where a link of the page leads, as folio's document resolves it.
    fn link_start(&mut self, e: &Element) {
        let href = e.attr("href").unwrap_or("");
        let red = has_class(e, "new") || href.contains("redlink=1");
        let dest = match self.page_of(href) {
            Some((title, _)) if red => Some(format!("{RED_SCHEME}{}", encode_title(&title))),
            Some((title, fragment)) if title == self.title || title.is_empty() => fragment.map(|f| format!("#{f}")),
            Some((title, fragment)) => Some(format!(
                "{WIKI_SCHEME}{}{}",
                encode_title(&title),
                fragment.map(|f| format!("#{f}")).unwrap_or_default()
            )),
            None if href.starts_with('#') => Some(href.to_string()),
            None if href.starts_with("//") => Some(format!("https:{href}")),
            None if href.starts_with("https://") || href.starts_with("http://") || href.starts_with("mailto:") => {
                Some(href.to_string())
            }
            // `javascript:`, `file:`, `data:` and the like from a page are never followed.
            None => None,
        };
        match dest {
            Some(d) => self.out.push_str(&format!("<a href=\"{}\">", escape(&d))),
            None => self.out.push_str("<a>"),
        }
    }

    /// The page (title, fragment) an address of this wiki names: `./Title#x` (Parsoid),
    /// `/wiki/Title` (the site's article path), `/w/index.php?title=T&…`.
    fn page_of(&self, href: &str) -> Option<(String, Option<String>)> {
        let (prefix, _) = self.site.article_path.split_once("$1").unwrap_or(("/wiki/", ""));
        let full_prefix = format!("{}{prefix}", self.site.origin);
        let rest = href
            .strip_prefix("./")
            .or_else(|| href.strip_prefix(&full_prefix))
            .or_else(|| href.strip_prefix(prefix).filter(|_| !prefix.is_empty() && prefix != "/"))
            .map(str::to_string)
            .or_else(|| {
                let query = href.strip_prefix(&format!("{}/index.php?", self.site.script))?;
                query.split('&').find_map(|kv| kv.strip_prefix("title=")).map(str::to_string)
            })?;
        let (path, fragment) = match rest.split_once('#') {
            Some((p, f)) => (p.to_string(), Some(f.to_string())),
            None => (rest, None),
        };
        let path = path.split('?').next().unwrap_or("");
        Some((decode_title(path), fragment.filter(|f| !f.is_empty())))
    }

    /// `[1]`, linked to its note.
    fn reference_marker(&mut self, node: NodeRef<'_, Node>) {
        let target = node
            .descendants()
            .filter_map(element)
            .find_map(|e| e.attr("href").filter(|_| e.name() == "a"))
            .and_then(|h| h.split_once('#').map(|(_, f)| f.to_string()));
        let text = text_of(node);
        let label = if text.starts_with('[') { text } else { format!("[{text}]") };
        match target {
            Some(f) => self.out.push_str(&format!("<a href=\"#{}\">{}</a>", escape(&f), escape(&label))),
            None => self.out.push_str(&escape(&label)),
        }
    }

    /// Math as its TeX source.
    fn math(&mut self, node: NodeRef<'_, Node>, e: &Element) {
        let alt = std::iter::once(e)
            .chain(node.descendants().filter_map(element))
            .find_map(|x| x.attr("alttext").or_else(|| x.attr("alt").filter(|_| x.name() == "img")))
            .map(str::to_string)
            .unwrap_or_else(|| text_of(node));
        let tex = alt.trim();
        let tex = tex.strip_prefix("{\\displaystyle").and_then(|t| t.strip_suffix('}')).map(str::trim).unwrap_or(tex);
        self.out.push_str(&format!("<code>{}</code>", escape(tex)));
    }

    /// An image: `[image: caption]` linking to its file page (a paragraph of its own when
    /// `block`).
    fn figure(&mut self, node: NodeRef<'_, Node>, block: bool) {
        let elements: Vec<&Element> = std::iter::once(node).chain(node.descendants()).filter_map(element).collect();
        let caption = node
            .descendants()
            .find(|n| element(*n).is_some_and(|e| e.name() == "figcaption" || has_class(e, "thumbcaption")))
            .map(text_of)
            .filter(|c| !c.is_empty());
        let alt = elements.iter().find_map(|e| e.attr("alt").filter(|a| !a.trim().is_empty()).map(str::to_string));
        let file = elements.iter().find_map(|e| {
            let href = e.attr("href").or_else(|| e.attr("resource"))?;
            self.page_of(href).map(|(t, _)| t)
        });
        let label = caption.or(alt).or_else(|| file.clone()).unwrap_or_else(|| "image".to_string());
        let dest = file.map(|f| self.site.page_url(&f));
        let link = match dest {
            Some(d) => format!("<a href=\"{}\">[image: {}]</a>", escape(&d), escape(&label)),
            None => format!("[image: {}]", escape(&label)),
        };
        if block {
            self.out.push_str(&format!("<p>{link}</p>"));
        } else {
            self.out.push_str(&link);
        }
    }

    /// The infobox as a two-column table: a title row, then label and value per row.
    fn infobox_table(&mut self, node: NodeRef<'_, Node>) -> String {
        let mut rows: Vec<(String, String)> = Vec::new();
        let mut heading = node
            .descendants()
            .find(|n| element(*n).is_some_and(|e| e.name() == "caption"))
            .map(text_of)
            .filter(|c| !c.is_empty());
        for tr in node.descendants().filter(|n| element(*n).is_some_and(|e| e.name() == "tr")) {
            // Rows of tables nested in this one belong to their cells.
            if tr.ancestors().find(|a| element(*a).is_some_and(|e| e.name() == "table")).map(|t| t.id())
                != Some(node.id())
            {
                continue;
            }
            let cells: Vec<NodeRef<'_, Node>> =
                tr.children().filter(|c| element(*c).is_some_and(|e| matches!(e.name(), "td" | "th"))).collect();
            let cleaned: Vec<String> = cells.iter().map(|c| self.inner(*c)).filter(|c| !c.trim().is_empty()).collect();
            match cleaned.as_slice() {
                [] => {}
                [only] if heading.is_none() && rows.is_empty() => heading = Some(only.clone()),
                [only] => rows.push((format!("<b>{only}</b>"), String::new())),
                [label, value @ ..] => rows.push((label.clone(), value.join(" "))),
            }
        }
        let mut t = String::from("<table><thead><tr><th>");
        t.push_str(heading.as_deref().unwrap_or(""));
        t.push_str("</th><th></th></tr></thead><tbody>");
        for (label, value) in rows {
            t.push_str(&format!("<tr><td>{label}</td><td>{value}</td></tr>"));
        }
        t.push_str("</tbody></table>");
        t
    }

    /// The cleaned HTML of an element's content, with block tags flattened to inline text
    /// (a table cell holds one line of text).
    fn inner(&mut self, node: NodeRef<'_, Node>) -> String {
        let saved = std::mem::take(&mut self.out);
        let placed = std::mem::replace(&mut self.placed, true);
        self.walk(node);
        self.placed = placed;
        let html = std::mem::replace(&mut self.out, saved);
        // Blocks inside a cell become breaks between their texts.
        let mut flat = html;
        for tag in [
            "p",
            "div",
            "ul",
            "ol",
            "dl",
            "section",
            "table",
            "tbody",
            "thead",
            "tr",
            "td",
            "th",
            "h2",
            "h3",
            "h4",
            "blockquote",
            "pre",
        ] {
            flat = flat.replace(&format!("<{tag}>"), " ").replace(&format!("</{tag}>"), " ");
        }
        flat = flat
            .replace("<li>", " • ")
            .replace("</li>", " ")
            .replace("<dt>", " ")
            .replace("</dt>", " ")
            .replace("<dd>", " ")
            .replace("</dd>", " ");
        flat.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The language of a code block: `mw-highlight-lang-X` on the block or around it.
fn code_language(node: NodeRef<'_, Node>) -> String {
    std::iter::once(node)
        .chain(node.ancestors().take(3))
        .filter_map(element)
        .find_map(|e| e.classes().find_map(|c| c.strip_prefix("mw-highlight-lang-").map(str::to_string)))
        .or_else(|| node.value().as_element().and_then(|e| e.attr("lang").map(str::to_string)))
        .unwrap_or_default()
}
