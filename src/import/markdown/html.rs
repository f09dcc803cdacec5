//! HTML in Markdown, as the builder takes it: blocks of HTML through the HTML importer
//! ([`crate::import::html`]), inline tags one by one (they arrive in pieces, between the
//! text they apply to), anchors, and footnote references.

use super::Builder;
use crate::import::html::{attr, block_events, inline_tokens, InlineToken, Piece};
use crate::model::{BlockKind, Emphasis, Link, LinkId, LinkKind};
use crate::sanitize::sanitize;

/// What an open inline tag did, so its end tag can undo it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Opened {
    /// Pushed a style.
    Style,
    /// Opened a link.
    Link,
    /// Drops the text inside (`<script>`, `<style>`).
    Dropped,
    /// Nothing (a `<span>`): remembered so its end matches.
    Nothing,
    /// Wrote an opening mark that its end closes (`^(` … `)` for `<sup>`).
    Bracket,
}

/// Tags that never have an end tag.
const VOID: &[&str] = &["br", "img", "hr", "input", "wbr", "meta", "link", "source", "area", "col", "embed", "param"];

impl Builder {
    /// A place links can go, before the block being built.
    pub(super) fn anchor(&mut self, name: &str) {
        let name = sanitize(name.trim()).into_owned();
        if !name.is_empty() {
            let depth = self.containers.len() as u32;
            let block = crate::model::Block::new(BlockKind::Anchor(name), Box::default(), depth, false);
            self.blocks.push(block);
        }
    }

    /// `[^label]`: a link to the note's definition.
    pub(super) fn footnote_reference(&mut self, label: &str) {
        let id = LinkId(self.links.len() as u32);
        let dest = format!("#fn:{}", sanitize(label));
        self.links.push(Link { dest, text: String::new(), kind: LinkKind::Markdown, at: self.at });
        let outer = self.link.replace(id);
        self.text(&format!("[{label}]"), Emphasis::FOOTNOTE);
        self.link = outer;
    }

    /// A block of HTML: read by the HTML parser, its blocks become this article's.
    pub(super) fn html_block(&mut self, html: &str) {
        for piece in block_events(html) {
            match piece {
                Piece::Md(event) => self.event(event),
                Piece::Anchor(name) => self.anchor(&name),
            }
        }
    }

    /// An inline HTML piece (`<kbd>`, `</a>`, `<br>`, `<!-- … -->`): its tags change the style
    /// of the text around them; nothing of it is shown as source.
    pub(super) fn inline_html(&mut self, fragment: &str) {
        // A comment may go on over several pieces (and lines) of the paragraph.
        if let Some(comment) = self.html_comment.as_mut() {
            comment.push_str(fragment);
            if comment.contains("-->") {
                self.html_comment = None;
            }
            return;
        }
        if fragment.trim_start().starts_with("<!--") && !fragment.contains("-->") {
            self.html_comment = Some(fragment.to_string());
            return;
        }
        for token in inline_tokens(fragment) {
            match token {
                InlineToken::Comment => {}
                InlineToken::Text(t) => self.text(&t, 0),
                InlineToken::Start { name, attrs, self_closing } => self.html_start(&name, &attrs, self_closing),
                InlineToken::End(name) => self.html_end(&name),
            }
        }
    }

    fn html_start(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        for key in ["id", "name"] {
            if let Some(v) = attr(attrs, key).filter(|v| !v.is_empty() && (key == "id" || name == "a")) {
                self.anchor(v);
            }
        }
        let opened = match name {
            "br" => {
                self.text("\n", 0);
                return;
            }
            "img" => {
                let src = attr(attrs, "src").unwrap_or("");
                let alt = attr(attrs, "alt").or_else(|| attr(attrs, "title")).unwrap_or("");
                let image = pulldown_cmark::Tag::Image {
                    link_type: pulldown_cmark::LinkType::Inline,
                    dest_url: src.to_string().into(),
                    title: "".into(),
                    id: "".into(),
                };
                self.start(image);
                self.text(alt, 0);
                self.end(pulldown_cmark::TagEnd::Image);
                return;
            }
            // `2<sup>n - 1</sup>` reads `2^(n - 1)`: brackets keep what is raised apart from
            // what follows it.
            "sup" | "sub" => {
                self.text(if name == "sup" { "^(" } else { "_(" }, 0);
                Opened::Bracket
            }
            "b" | "strong" => self.html_style(Emphasis::BOLD),
            "i" | "em" | "cite" | "dfn" | "var" => self.html_style(Emphasis::ITALIC),
            "s" | "del" | "strike" => self.html_style(Emphasis::STRIKE),
            "code" | "kbd" | "tt" | "samp" => self.html_style(Emphasis::CODE),
            "a" if self.link.is_none() && attr(attrs, "href").is_some() => {
                let dest = sanitize(attr(attrs, "href").unwrap_or("")).into_owned();
                let id = LinkId(self.links.len() as u32);
                self.links.push(Link { dest, text: String::new(), kind: LinkKind::Markdown, at: self.at });
                self.link = Some(id);
                Opened::Link
            }
            "script" | "style" | "template" => {
                self.html_dropped += 1;
                Opened::Dropped
            }
            _ => Opened::Nothing,
        };
        if !self_closing && !VOID.contains(&name) {
            self.html_open.push((name.to_string(), opened));
        }
    }

    fn html_style(&mut self, flag: u8) -> Opened {
        self.push_style(flag);
        Opened::Style
    }

    /// Closes every inline tag still open.
    pub(super) fn close_html_inline(&mut self) {
        if let Some((name, _)) = self.html_open.first().cloned() {
            self.html_end(&name);
        }
        self.html_comment = None;
    }

    /// An end tag closes its start tag (and what was left open inside it); one without a start
    /// tag does nothing.
    fn html_end(&mut self, name: &str) {
        let Some(at) = self.html_open.iter().rposition(|(n, _)| n == name) else { return };
        for (_, opened) in self.html_open.drain(at..).rev().collect::<Vec<_>>() {
            match opened {
                Opened::Style => {
                    self.styles.pop();
                }
                Opened::Link => self.link = None,
                Opened::Dropped => self.html_dropped = self.html_dropped.saturating_sub(1),
                Opened::Nothing => {}
                Opened::Bracket => self.text(")", 0),
            }
        }
    }
}
