//! HTML inside Markdown, read by a real HTML parser (html5ever) and never shown as source: a
//! block of HTML becomes the same blocks Markdown would give (paragraphs, headings, lists,
//! tables, quotes, code, rules), inline tags become styles, links, images and line breaks,
//! `id`s and `<a name>`s become places a link can go; comments, scripts and styles are
//! dropped; `<details>` is shown open with its summary as a label.
//!
//! The result is a list of events the Markdown importer already understands (pulldown-cmark's,
//! plus anchors), so HTML inside a list item or a quote lands in it like Markdown would.

use std::cell::RefCell;

use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};
use scraper::node::Node;

use crate::sanitize::sanitize;

/// What an HTML block or tag stands for.
#[derive(Debug, PartialEq)]
pub enum Piece {
    /// An event the Markdown importer handles as it would Markdown's own.
    Md(Event<'static>),
    /// A place a link can go (`id="…"`, `<a name="…">`).
    Anchor(String),
}

/// One inline tag, comment or text of an inline HTML fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InlineToken {
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    End(String),
    Text(String),
    Comment,
}

struct Collect(RefCell<Vec<InlineToken>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let t = match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => InlineToken::Start {
                        name,
                        attrs: tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect(),
                        self_closing: tag.self_closing,
                    },
                    TagKind::EndTag => InlineToken::End(name),
                }
            }
            Token::CharacterTokens(t) => InlineToken::Text(t.to_string()),
            Token::CommentToken(_) => InlineToken::Comment,
            _ => return TokenSinkResult::Continue,
        };
        let mut out = self.0.borrow_mut();
        // Characters come in pieces: keep them together.
        match (out.last_mut(), t) {
            (Some(InlineToken::Text(a)), InlineToken::Text(b)) => a.push_str(&b),
            (_, t) => out.push(t),
        }
        TokenSinkResult::Continue
    }
}

/// The tags, comments and text of an inline HTML fragment (`<kbd>`, `</a>`, `<!-- … -->`).
pub fn inline_tokens(fragment: &str) -> Vec<InlineToken> {
    let tokenizer = Tokenizer::new(Collect(RefCell::new(Vec::new())), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(fragment.into());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// The value of attribute `name`.
pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Elements whose content is dropped whole.
const DROPPED: &[&str] = &["script", "style", "template", "head", "title", "noscript", "iframe", "object", "svg"];

/// Elements that hold blocks (their text is a paragraph of its own).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "blockquote",
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
    "td",
    "th",
    "caption",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "details",
    "summary",
    "address",
    "center",
    "form",
    "fieldset",
    "body",
    "html",
];

/// Elements whose text is already inside a block of its own (no paragraph around it).
const TEXT_HOLDERS: &[&str] =
    &["p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "summary", "dt", "dd", "caption", "figcaption"];

fn text_event(s: &str) -> Piece {
    Piece::Md(Event::Text(CowStr::from(sanitize(s).into_owned())))
}

fn heading(name: &str) -> Option<HeadingLevel> {
    Some(match name {
        "h1" => HeadingLevel::H1,
        "h2" => HeadingLevel::H2,
        "h3" => HeadingLevel::H3,
        "h4" => HeadingLevel::H4,
        "h5" => HeadingLevel::H5,
        "h6" => HeadingLevel::H6,
        _ => return None,
    })
}

/// Builds the events of one HTML block, walking its tree without recursion.
struct Walk {
    out: Vec<Piece>,
    /// Open elements that were given an end event (`None`: nothing to close).
    open: Vec<Option<TagEnd>>,
    /// A paragraph opened for text that stood outside any block.
    loose_paragraph: bool,
    /// Depth inside elements that hold text in a block of their own.
    in_text_block: usize,
    /// Inline code being collected (it is one event).
    code: Option<String>,
    /// Depth inside `<pre>` (whitespace kept).
    pre: usize,
    /// Depth inside dropped elements.
    dropped: usize,
    /// Nothing has been written into the block that was opened last (its text starts without
    /// the space before it).
    fresh: bool,
    /// The last text ended with white space: the next text starts with one (so no block ends
    /// with a space).
    space_after: bool,
}

impl Walk {
    fn md(&mut self, e: Event<'static>) {
        let inline = matches!(
            e,
            Event::Start(Tag::Strong | Tag::Emphasis | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
                | Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image)
                | Event::Code(_)
                | Event::HardBreak
        );
        if !inline {
            // A new block: its text starts without a space.
            self.fresh = matches!(e, Event::Start(_));
            self.space_after = false;
        } else if matches!(e, Event::Code(_) | Event::End(TagEnd::Image) | Event::HardBreak) {
            self.fresh = false;
        }
        self.out.push(Piece::Md(e));
    }

    fn close_loose(&mut self) {
        if self.loose_paragraph {
            self.md(Event::End(TagEnd::Paragraph));
            self.loose_paragraph = false;
        }
    }

    /// Text needs a paragraph when it is not in a block of its own.
    fn need_paragraph(&mut self) {
        if self.in_text_block == 0 && !self.loose_paragraph {
            self.md(Event::Start(Tag::Paragraph));
            self.loose_paragraph = true;
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(code) = self.code.as_mut() {
            code.push_str(t);
            return;
        }
        if self.pre > 0 {
            self.out.push(text_event(t));
            return;
        }
        // Whitespace between blocks is not text.
        let collapsed: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            self.space_after = true;
            return;
        }
        self.need_paragraph();
        let spaced = t.starts_with(char::is_whitespace) || self.space_after;
        let lead = if spaced && !self.fresh { " " } else { "" };
        self.fresh = false;
        self.space_after = t.ends_with(char::is_whitespace);
        self.out.push(text_event(&format!("{lead}{collapsed}")));
    }

    /// The space that ended the text before an inline element goes before it, not inside it
    /// (a link's text, a code span's, starts with no space).
    fn flush_space(&mut self) {
        if self.space_after && !self.fresh && self.code.is_none() && self.pre == 0 {
            self.out.push(text_event(" "));
            self.space_after = false;
        }
    }

    fn open(&mut self, name: &str, attrs: &[(String, String)], table_columns: usize) {
        if matches!(
            name,
            "a" | "b"
                | "strong"
                | "i"
                | "em"
                | "cite"
                | "dfn"
                | "var"
                | "s"
                | "del"
                | "strike"
                | "code"
                | "kbd"
                | "tt"
                | "samp"
                | "img"
        ) {
            self.flush_space();
        }
        for key in ["id", "name"] {
            if let Some(v) = attr(attrs, key).filter(|v| !v.is_empty() && (key == "id" || name == "a")) {
                self.out.push(Piece::Anchor(sanitize(v).into_owned()));
            }
        }
        if BLOCKS.contains(&name) {
            self.close_loose();
        }
        if TEXT_HOLDERS.contains(&name) {
            self.in_text_block += 1;
        }
        let end = match name {
            "p" | "dt" | "dd" | "caption" | "figcaption" => {
                self.md(Event::Start(Tag::Paragraph));
                Some(TagEnd::Paragraph)
            }
            "summary" => {
                self.md(Event::Start(Tag::Paragraph));
                self.md(Event::Start(Tag::Strong));
                self.out.push(text_event("▾ "));
                self.open.push(Some(TagEnd::Paragraph));
                Some(TagEnd::Strong)
            }
            h if heading(h).is_some() => {
                let level = heading(h).unwrap_or(HeadingLevel::H1);
                self.md(Event::Start(Tag::Heading { level, id: None, classes: Vec::new(), attrs: Vec::new() }));
                Some(TagEnd::Heading(level))
            }
            "blockquote" => {
                self.md(Event::Start(Tag::BlockQuote(None)));
                Some(TagEnd::BlockQuote(None))
            }
            "ul" => {
                self.md(Event::Start(Tag::List(None)));
                Some(TagEnd::List(false))
            }
            "ol" => {
                let start = attr(attrs, "start").and_then(|s| s.parse().ok()).unwrap_or(1);
                self.md(Event::Start(Tag::List(Some(start))));
                Some(TagEnd::List(true))
            }
            "li" => {
                self.md(Event::Start(Tag::Item));
                Some(TagEnd::Item)
            }
            "pre" => {
                self.pre += 1;
                let lang = attr(attrs, "class")
                    .and_then(|c| c.split_whitespace().find_map(|k| k.strip_prefix("language-")))
                    .unwrap_or("");
                self.md(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::from(sanitize(lang).into_owned())))));
                Some(TagEnd::CodeBlock)
            }
            "table" => {
                self.md(Event::Start(Tag::Table(vec![Alignment::None; table_columns.max(1)])));
                Some(TagEnd::Table)
            }
            "thead" => {
                self.md(Event::Start(Tag::TableHead));
                Some(TagEnd::TableHead)
            }
            "tr" => {
                self.md(Event::Start(Tag::TableRow));
                Some(TagEnd::TableRow)
            }
            "tr:head" => {
                self.md(Event::Start(Tag::TableHead));
                Some(TagEnd::TableHead)
            }
            "td" | "th" => {
                self.md(Event::Start(Tag::TableCell));
                Some(TagEnd::TableCell)
            }
            "hr" => {
                self.md(Event::Rule);
                None
            }
            "br" => {
                if self.code.is_none() {
                    self.need_paragraph();
                    self.md(Event::HardBreak);
                }
                None
            }
            "img" => {
                self.need_paragraph();
                let dest = sanitize(attr(attrs, "src").unwrap_or("")).into_owned();
                let alt = attr(attrs, "alt").or_else(|| attr(attrs, "title")).unwrap_or("").to_string();
                let image = Tag::Image {
                    link_type: LinkType::Inline,
                    dest_url: dest.into(),
                    title: CowStr::from(""),
                    id: CowStr::from(""),
                };
                self.md(Event::Start(image));
                self.out.push(text_event(&alt));
                self.md(Event::End(TagEnd::Image));
                None
            }
            "a" if attr(attrs, "href").is_some() => {
                self.need_paragraph();
                let dest = sanitize(attr(attrs, "href").unwrap_or("")).into_owned();
                let link = Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: dest.into(),
                    title: CowStr::from(""),
                    id: CowStr::from(""),
                };
                self.md(Event::Start(link));
                Some(TagEnd::Link)
            }
            "b" | "strong" => self.inline(Tag::Strong, TagEnd::Strong),
            "i" | "em" | "cite" | "dfn" | "var" => self.inline(Tag::Emphasis, TagEnd::Emphasis),
            "s" | "del" | "strike" => self.inline(Tag::Strikethrough, TagEnd::Strikethrough),
            "code" | "kbd" | "tt" | "samp" if self.pre == 0 => {
                self.need_paragraph();
                self.code.get_or_insert_with(String::new);
                None
            }
            "sup" | "sub" => {
                self.need_paragraph();
                self.out.push(text_event(if name == "sup" { "^(" } else { "_(" }));
                None
            }
            _ => None,
        };
        self.open.push(end);
    }

    fn inline(&mut self, start: Tag<'static>, end: TagEnd) -> Option<TagEnd> {
        self.need_paragraph();
        self.md(Event::Start(start));
        Some(end)
    }

    fn close(&mut self, name: &str) {
        if matches!(name, "code" | "kbd" | "tt" | "samp") && self.pre == 0 {
            if let Some(code) = self.code.take() {
                self.md(Event::Code(CowStr::from(sanitize(&code).into_owned())));
            }
        }
        if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
        }
        if matches!(name, "sup" | "sub") {
            self.out.push(text_event(")"));
        }
        if TEXT_HOLDERS.contains(&name) {
            self.in_text_block = self.in_text_block.saturating_sub(1);
        }
        if BLOCKS.contains(&name) {
            self.close_loose();
        }
        if let Some(Some(end)) = self.open.pop() {
            self.md(Event::End(end));
        }
        if name == "summary" {
            if let Some(Some(end)) = self.open.pop() {
                self.md(Event::End(end));
            }
        }
    }
}

/// The events of an HTML block (what Markdown calls raw HTML on lines of its own).
pub fn block_events(html: &str) -> Vec<Piece> {
    let doc = scraper::Html::parse_fragment(html);
    let mut w = Walk {
        out: Vec::new(),
        open: Vec::new(),
        loose_paragraph: false,
        in_text_block: 0,
        code: None,
        pre: 0,
        dropped: 0,
        fresh: true,
        space_after: false,
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name().to_ascii_lowercase();
                    if w.dropped > 0 || DROPPED.contains(&name.as_str()) {
                        w.dropped += 1;
                        continue;
                    }
                    let attrs: Vec<(String, String)> = e.attrs().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                    let columns = if name == "table" { table_columns(node) } else { 0 };
                    let name = if name == "tr" && is_header_row(node) { "tr:head".to_string() } else { name };
                    w.open(&name, &attrs, columns);
                }
                Node::Text(t) if w.dropped == 0 => w.text(t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if w.dropped > 0 {
                        w.dropped -= 1;
                        continue;
                    }
                    w.close(&e.name().to_ascii_lowercase());
                }
            }
        }
    }
    w.close_loose();
    // Elements left open (a fragment of a bigger structure) are closed.
    while let Some(end) = w.open.pop() {
        if let Some(end) = end {
            w.md(Event::End(end));
        }
    }
    w.out
}

/// Whether a `<tr>` is the table's header: its cells are all `<th>`, it comes first, and no
/// `<thead>` holds it already.
fn is_header_row(tr: ego_tree::NodeRef<'_, Node>) -> bool {
    let is = |n: ego_tree::NodeRef<'_, Node>, names: &[&str]| matches!(n.value(), Node::Element(e) if names.contains(&e.name()));
    let cells: Vec<_> = tr.children().filter(|c| is(*c, &["td", "th"])).collect();
    let first = !tr.prev_siblings().any(|s| is(s, &["tr"]));
    let body = tr.parent().filter(|p| is(*p, &["tbody"]));
    let first_body = body.is_none_or(|b| !b.prev_siblings().any(|s| is(s, &["thead", "tbody", "tr"])));
    !cells.is_empty() && cells.iter().all(|c| is(*c, &["th"])) && first && first_body && body.is_some()
}

/// The most cells in a row of a table (so the table has a column for each).
fn table_columns(table: ego_tree::NodeRef<'_, Node>) -> usize {
    let mut most = 0;
    for node in table.descendants() {
        if let Node::Element(e) = node.value() {
            if e.name() == "tr" {
                let cells = node
                    .children()
                    .filter(|c| matches!(c.value(), Node::Element(e) if matches!(e.name(), "td" | "th")))
                    .count();
                most = most.max(cells);
            }
        }
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_fragments_are_tags_not_text() {
        assert_eq!(
            inline_tokens("<kbd>"),
            [InlineToken::Start { name: "kbd".into(), attrs: vec![], self_closing: false }]
        );
        assert_eq!(inline_tokens("</a>"), [InlineToken::End("a".into())]);
        assert_eq!(inline_tokens("<!-- ignore -->"), [InlineToken::Comment]);
        let img = inline_tokens(r#"<img alt="A chart" src="chart.png"/>"#);
        let InlineToken::Start { attrs, .. } = &img[0] else { panic!("{img:?}") };
        assert_eq!(attr(attrs, "src"), Some("chart.png"));
    }

    #[test]
    fn blocks_become_markdown_events() {
        let out =
            block_events("<div><p>One <b>two</b></p><!-- gone --><script>evil()</script><a id=\"here\"></a></div>");
        assert!(out.contains(&Piece::Anchor("here".into())));
        let text: String = out
            .iter()
            .filter_map(|p| match p {
                Piece::Md(Event::Text(t)) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "One two");
        let code = block_events("<p><code>x</code> y <b>z</b></p>");
        let all: Vec<String> = code
            .iter()
            .filter_map(|p| match p {
                Piece::Md(Event::Text(t) | Event::Code(t)) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        // The space before the bold text stays outside it.
        assert_eq!(all, ["x", " y", " ", "z"]);
    }
}
