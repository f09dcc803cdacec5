//! Markdown → [`Article`], walking pulldown-cmark's events iteratively (no recursion, so a
//! 25,000-deep quote cannot overflow the stack; never `unreachable!` on a surprising order).

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use std::borrow::Cow;

mod html;

use super::frontmatter;
use crate::model::{
    Align, Article, Block, BlockKind, Emphasis, Inline, Link, LinkId, LinkKind, Nest, SectionBuilder, MAX_NEST,
};
use crate::sanitize::{clean_source, sanitize, sanitize_line};
use crate::work::{Cancelled, Unwatched, Watch};

/// Big texts are parsed in pieces of about this size (pulldown-cmark holds a tree about 4× a
/// piece while parsing it).
const CHUNK: usize = 1 << 18;

/// The extensions folio renders, and no others (never `Options::all()`).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_MATH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses Markdown (with optional front matter) into an article.
pub fn parse(text: &str, fallback_title: &str) -> Article {
    parse_source(Cow::Borrowed(text), fallback_title, &Unwatched).unwrap_or_default()
}

/// Like [`parse`], but gives the text's memory back piece by piece as it is parsed, so a big
/// file and its article are never both whole in memory.
pub fn parse_owned(text: String, fallback_title: &str) -> Article {
    parse_source(Cow::Owned(text), fallback_title, &Unwatched).unwrap_or_default()
}

/// Like [`parse_owned`], checking `watch` between pieces and reporting the bytes parsed.
pub fn parse_watched(text: String, fallback_title: &str, watch: &dyn Watch) -> Result<Article, Cancelled> {
    parse_source(Cow::Owned(text), fallback_title, watch)
}

/// Parses `text` cut into pieces of about `chunk` bytes (for tests: a tiny `chunk` cuts an
/// ordinary document many times, and must give the same article as a whole parse).
#[doc(hidden)]
pub fn parse_in_pieces(text: &str, fallback_title: &str, chunk: usize) -> Article {
    parse_source_in(Cow::Borrowed(text), fallback_title, &Unwatched, chunk).unwrap_or_default()
}

fn parse_source(source: Cow<'_, str>, fallback_title: &str, watch: &dyn Watch) -> Result<Article, Cancelled> {
    parse_source_in(source, fallback_title, watch, CHUNK)
}

fn parse_source_in(
    source: Cow<'_, str>,
    fallback_title: &str,
    watch: &dyn Watch,
    chunk: usize,
) -> Result<Article, Cancelled> {
    // Cleaning changes nothing in almost every text (at most it skips a byte order mark).
    let (mut text, skip) = match clean_source(&source) {
        Cow::Owned(cleaned) => (Cow::Owned(cleaned), 0),
        Cow::Borrowed(kept) => {
            let skip = source.len() - kept.len();
            (source, skip)
        }
    };
    let (fm, body) = frontmatter::split(&text[skip..]);
    // A big text is parsed in independent pieces: pulldown-cmark builds a tree of the whole
    // input first (about 4× its size), which would dominate folio's memory on a 50 MB article.
    let base = text.as_ptr() as usize;
    let pieces: Vec<(usize, usize)> = super::preview::chunks(body, chunk)
        .iter()
        .map(|p| (p.as_ptr() as usize - base, p.as_ptr() as usize - base + p.len()))
        .collect();
    // What a piece may use but another piece defines: link references and footnotes.
    let (refs, notes) = if pieces.len() > 1 {
        (super::preview::reference_definitions(body), super::preview::footnote_labels(body))
    } else {
        Default::default()
    };
    // Last piece first: an owned text then shrinks behind each piece parsed. All pieces go
    // into the same two lists (per-piece lists freed later would leave holes in the heap).
    let (mut blocks, mut links) = (Vec::new(), Vec::new());
    let mut stored = Vec::with_capacity(pieces.len());
    let total = body.len() as u64;
    let mut done = 0u64;
    for &(start, end) in pieces.iter().rev() {
        watch.check()?;
        watch.progress(done, total);
        done += (end - start) as u64;
        stored.push((blocks.len(), links.len()));
        let piece_start = blocks.len();
        // Offsets are the cleaned text's (a byte order mark skipped counts for nothing).
        let mut b = Builder { blocks, links, piece_start, base: start - skip, ..Default::default() };
        b.parse_piece(&text[start..end], &refs, &notes);
        (blocks, links) = (b.blocks, b.links);
        if let Cow::Owned(s) = &mut text {
            s.truncate(start);
            s.shrink_to_fit();
        }
    }
    drop(text);
    super::pieces::put_in_order(&mut blocks, &mut links, &stored);
    Block::merge_repeats(&mut blocks);
    blocks.shrink_to_fit();
    links.shrink_to_fit();
    let mut article = finish(blocks, links, fm.title, fallback_title);
    article.aliases = fm.aliases.iter().map(|a| sanitize_line(a).into_owned()).collect();
    Ok(article)
}

type References = std::collections::HashMap<String, (String, String)>;

/// An article made of a whole HTML document's blocks (a wiki page), titled `title`: the HTML
/// importer's events built the way Markdown's are, so wiki pages and Markdown read alike.
pub fn from_html(html: &str, title: &str) -> Article {
    let (blocks, links) = html_blocks(html);
    finish_titled(blocks, links, Some(title.to_string()), title, false)
}

/// The blocks and links of a whole HTML document, built as Markdown's are.
fn html_blocks(html: &str) -> (Vec<Block>, Vec<Link>) {
    let mut b = Builder::default();
    b.html_block(html);
    b.flush_implicit();
    while b.inline.is_some() {
        b.close_inline();
    }
    Block::merge_repeats(&mut b.blocks);
    (b.blocks, b.links)
}

/// An article of an HTML page: titled by `title` (its `<title>`), else by a lone top
/// heading, else `fallback`; a top heading that repeats the title is the title.
pub fn from_html_titled(html: &str, title: Option<String>, fallback: &str) -> Article {
    let (blocks, links) = html_blocks(html);
    finish(blocks, links, title, fallback)
}

/// Turns a list of body blocks into an article: picks the title (front matter, then a lone
/// leading `#` heading, then the fallback), puts a title block first and builds the section tree.
pub fn finish(blocks: Vec<Block>, links: Vec<Link>, fm_title: Option<String>, fallback: &str) -> Article {
    finish_titled(blocks, links, fm_title, fallback, true)
}

/// [`finish`]; with `from_headings` false, no heading is taken as the title (plain text finds
/// its title its own way).
pub fn finish_titled(
    mut blocks: Vec<Block>,
    links: Vec<Link>,
    fm_title: Option<String>,
    fallback: &str,
    from_headings: bool,
) -> Article {
    // The headings outside containers, in order: (block, level, text).
    let headings: Vec<(usize, u8, &str)> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.nest.is_empty())
        .filter_map(|(i, b)| match &b.kind {
            BlockKind::Heading { level, text, .. } if !text.is_empty() => Some((i, *level, text.text.as_str())),
            _ => None,
        })
        .collect();
    let mut heading_title = None;
    if let Some(i) = title_heading(headings.iter().map(|h| h.1)).filter(|_| from_headings) {
        let (block, _, text) = headings[i];
        // The naming heading is the title, unless front matter names another one: then the
        // heading stays (its text is not lost).
        if fm_title.as_deref().is_none_or(|t| t.trim() == text.trim()) {
            heading_title = Some(text.to_string());
            blocks.remove(block);
        }
    }
    let title = fm_title.or(heading_title).unwrap_or_else(|| fallback.to_string());
    let title = sanitize_line(title.trim()).into_owned();
    blocks.reserve_exact(1);
    blocks.insert(0, Block::new(BlockKind::Title(title.clone()), Box::default(), 0, false));
    let mut sections = SectionBuilder::default();
    for (i, block) in blocks.iter_mut().enumerate() {
        if let BlockKind::Heading { level, section, text } = &mut block.kind {
            *section = sections.push_heading(*level, &text.text, i);
        }
    }
    let mut article =
        Article { title, aliases: Vec::new(), blocks, sections: sections.finish(), links, anchors: vec![] };
    article.collect_anchors();
    article
}

/// Which heading (an index into `levels`, the levels of a document's headings in order) names
/// the document: the first, when no other heading shares its level or is above it — a lone
/// `# Title`, or a book chapter's `## Data Types` over its `###` sections.
pub fn title_heading(levels: impl Iterator<Item = u8>) -> Option<usize> {
    let levels: Vec<u8> = levels.collect();
    let first = *levels.first()?;
    let top = *levels.iter().min()?;
    (first == top && levels.iter().filter(|&&l| l == top).count() == 1).then_some(0)
}

/// A container open while walking the events.
#[derive(Debug)]
enum Container {
    Quote,
    List { next: Option<u64>, loose: bool, depth: usize },
    Item { marker: String, used: bool },
    Footnote { label: String, used: bool },
}

/// Where the inline buffer's spans go when it closes.
#[derive(Debug, PartialEq, Eq)]
enum InlineTarget {
    Paragraph { implicit: bool },
    Heading(u8),
    Cell,
}

#[derive(Debug)]
struct Table {
    table: crate::model::Table,
    row: Vec<Inline>,
}

#[derive(Debug, Default)]
struct Builder {
    blocks: Vec<Block>,
    links: Vec<Link>,
    /// Where in the source the event being read starts (for [`Link::at`]).
    at: u32,
    /// Where in the source the piece being parsed starts.
    base: usize,
    containers: Vec<Container>,
    inline: Option<(InlineTarget, Inline)>,
    styles: Vec<u8>,
    link: Option<LinkId>,
    image: u32,
    code: Option<(String, String)>,
    html: Option<String>,
    table: Option<Table>,
    gap_pending: bool,
    /// Open lists and list items, counted as they open and close (not by walking the stack,
    /// which would make 30,000 nested lists quadratic).
    lists: usize,
    items: usize,
    /// The link an image opened (it ends with the image).
    image_link: bool,
    /// Inline HTML tags open in the text, and what each did (see `html.rs`).
    html_open: Vec<(String, html::Opened)>,
    /// An HTML comment that goes on over several inline pieces.
    html_comment: Option<String>,
    /// Inside inline `<script>` or `<style>`: text is dropped.
    html_dropped: usize,
    /// Footnote labels given stand-in definitions in this piece (see `parse_piece`).
    stubs: std::collections::HashSet<String>,
    /// Inside a stand-in definition: its events are dropped.
    in_stub: bool,
    /// Where this piece's blocks start in `blocks` (pieces are stored last first: a block is
    /// never counted as a repetition of another piece's).
    piece_start: usize,
}

/// The text of a stand-in footnote definition (never shown).
const STUB: &str = "\u{2063}folio-stub";

impl Builder {
    /// Parses one piece; link references defined in other pieces come from `refs`, footnote
    /// labels defined anywhere from `notes`.
    fn parse_piece(&mut self, piece: &str, refs: &References, notes: &std::collections::HashSet<String>) {
        let callback = |link: pulldown_cmark::BrokenLink<'_>| {
            refs.get(&super::preview::reference_key(&link.reference))
                .map(|(url, title)| (url.clone().into(), title.clone().into()))
        };
        // A note used here but defined in another piece gets a stand-in definition at the end
        // of this piece, so that its reference is one; the stand-in itself is dropped.
        let here = super::preview::footnote_labels(piece);
        let mut stubs = String::new();
        let open_at_end = super::preview::ends_inside_verbatim(piece);
        for label in super::preview::footnote_references(piece).into_iter().filter(|_| !open_at_end) {
            let key = super::preview::reference_key(&label);
            if notes.contains(&key) && !here.contains(&key) && self.stubs.insert(key) {
                stubs.push_str(&format!("\n\n[^{label}]: {STUB}\n"));
            }
        }
        let source: Cow<'_, str> =
            if stubs.is_empty() { Cow::Borrowed(piece) } else { Cow::Owned(format!("{piece}{stubs}")) };
        for (event, range) in
            Parser::new_with_broken_link_callback(&source, options(), Some(callback)).into_offset_iter()
        {
            self.at = (self.base + range.start.min(piece.len())).min(u32::MAX as usize - 1) as u32;
            self.event(event);
        }
        self.flush_implicit();
        self.stubs.clear();
    }

    fn style(&self) -> Emphasis {
        // The stack holds accumulated flags, so this is O(1) however deep emphasis nests.
        let mut flags = self.styles.last().copied().unwrap_or(0);
        if self.image > 0 {
            flags |= Emphasis::IMAGE;
        }
        Emphasis(flags)
    }

    fn push_style(&mut self, flag: u8) {
        let top = self.styles.last().copied().unwrap_or(0);
        self.styles.push(top | flag);
    }

    /// Appends text to the open inline buffer, opening an implicit paragraph (a tight list
    /// item's text has no `Paragraph` event) when none is open.
    fn text(&mut self, text: &str, extra: u8) {
        if self.html_dropped > 0 {
            return;
        }
        if self.table.is_some() && self.inline.is_none() {
            // Text in a table outside a cell cannot happen in CommonMark; keep it anyway.
            self.inline = Some((InlineTarget::Cell, Inline::default()));
        }
        if self.inline.is_none() {
            self.inline = Some((InlineTarget::Paragraph { implicit: true }, Inline::default()));
        }
        let style = Emphasis(self.style().0 | extra);
        let link = self.link;
        let (_, inline) = self.inline.as_mut().expect("inline buffer just opened");
        let text = sanitize(text);
        if let Some(id) = link {
            self.links[id.0 as usize].text.push_str(text_for_link(&text));
        }
        inline.push(&text, style, link);
    }

    fn flush_implicit(&mut self) {
        if matches!(self.inline, Some((InlineTarget::Paragraph { implicit: true }, _))) {
            self.close_inline();
        }
    }

    fn close_inline(&mut self) {
        // An inline tag left open ends with its paragraph (or cell, or heading).
        self.close_html_inline();
        let Some((target, mut text)) = self.inline.take() else { return };
        // The buffers grew by doubling; keep only what they hold.
        text.shrink();
        match target {
            InlineTarget::Paragraph { implicit } => {
                if !text.is_empty() {
                    self.push(BlockKind::Paragraph(text), implicit);
                }
            }
            InlineTarget::Heading(level) => {
                self.push(BlockKind::Heading { level, section: crate::model::SectionId(0), text }, false);
            }
            InlineTarget::Cell => {
                if let Some(t) = self.table.as_mut() {
                    t.row.push(text);
                }
            }
        }
    }

    /// Pushes a finished block with the containers it sits in.
    fn push(&mut self, kind: BlockKind, implicit: bool) {
        let depth = self.containers.iter().filter(|c| !matches!(c, Container::List { .. })).count();
        let skip = depth.saturating_sub(MAX_NEST);
        let mut nest = Vec::new();
        let mut seen = 0usize;
        for c in self.containers.iter_mut() {
            let n = match c {
                Container::Quote => Nest::Quote,
                Container::List { .. } => continue,
                Container::Item { marker, used } => {
                    let n = if *used {
                        Nest::Indent(marker_width(marker))
                    } else {
                        Nest::Item(crate::model::Marker::new(marker))
                    };
                    *used = true;
                    n
                }
                Container::Footnote { label, used } => {
                    let n = if *used {
                        Nest::Indent(marker_width(label) + 2)
                    } else {
                        Nest::Footnote(label.as_str().into())
                    };
                    *used = true;
                    n
                }
            };
            seen += 1;
            if seen > skip {
                nest.push(n);
            }
        }
        let in_tight_list = self
            .containers
            .iter()
            .rev()
            .find_map(|c| match c {
                Container::List { loose, .. } => Some(!loose),
                _ => None,
            })
            .unwrap_or(false);
        let gap_before = self.gap_pending || !(implicit || in_tight_list);
        self.gap_pending = false;
        let block = Block::new(kind, nest.into_boxed_slice(), depth as u32, gap_before);
        if self.blocks.len() > self.piece_start {
            Block::push_merged(&mut self.blocks, block);
        } else {
            self.blocks.push(block);
        }
    }

    /// Pops the innermost container of the expected kind (and anything left open inside it),
    /// keeping the list and item counts right.
    fn pop_to(&mut self, is: impl Fn(&Container) -> bool) {
        let Some(pos) = self.containers.iter().rposition(is) else { return };
        for c in self.containers.drain(pos..) {
            match c {
                Container::List { .. } => self.lists -= 1,
                Container::Item { .. } => self.items -= 1,
                _ => {}
            }
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if self.in_stub {
            if let Event::End(TagEnd::FootnoteDefinition) = event {
                self.in_stub = false;
            }
            return;
        }
        if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
            if self.stubs.contains(&super::preview::reference_key(label)) {
                self.in_stub = true;
                return;
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some((_, code)) = self.code.as_mut() {
                    code.push_str(&t);
                } else if let Some(html) = self.html.as_mut() {
                    html.push_str(&t);
                } else if let Some(comment) = self.html_comment.as_mut() {
                    comment.push_str(&t);
                } else {
                    self.text(&t, 0);
                }
            }
            Event::Code(t) => self.text(&t, Emphasis::CODE),
            // Math is kept as its source, delimiters and all.
            Event::InlineMath(t) => self.text(&format!("${t}$"), Emphasis::MATH),
            Event::DisplayMath(t) => self.text(&format!("$${t}$$"), Emphasis::MATH),
            Event::Html(t) => match self.html.as_mut() {
                Some(h) => h.push_str(&t),
                None => self.inline_html(&t),
            },
            Event::InlineHtml(t) => self.inline_html(&t),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::SoftBreak if self.html_comment.is_some() => {}
            Event::SoftBreak => self.text(" ", 0),
            Event::HardBreak => self.text("\n", 0),
            Event::Rule => {
                self.flush_implicit();
                self.push(BlockKind::Rule, false);
            }
            Event::TaskListMarker(done) => {
                if let Some(Container::Item { marker, used: false }) = self.containers.last_mut() {
                    *marker = if done { "☑" } else { "☐" }.to_string();
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Emphasis => self.push_style(Emphasis::ITALIC),
            Tag::Strong => self.push_style(Emphasis::BOLD),
            Tag::Strikethrough => self.push_style(Emphasis::STRIKE),
            Tag::Superscript | Tag::Subscript => self.push_style(0),
            Tag::Link { link_type, dest_url, .. } => {
                let kind = match link_type {
                    LinkType::WikiLink { .. } => LinkKind::Wiki,
                    _ => LinkKind::Markdown,
                };
                let dest = match link_type {
                    LinkType::Email if !dest_url.starts_with("mailto:") => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                let id = LinkId(self.links.len() as u32);
                self.links.push(Link { dest: sanitize(&dest).into_owned(), text: String::new(), kind, at: self.at });
                self.link = Some(id);
            }
            Tag::Image { dest_url, .. } => {
                self.image += 1;
                if self.image == 1 {
                    // An image is a link to it (unless it sits inside a link already).
                    if self.link.is_none() {
                        let id = LinkId(self.links.len() as u32);
                        let dest = sanitize(&dest_url).into_owned();
                        self.links.push(Link { dest, text: String::new(), kind: LinkKind::Markdown, at: self.at });
                        self.link = Some(id);
                        self.image_link = true;
                    }
                    self.text("[image: ", 0);
                }
            }
            Tag::Paragraph => {
                self.flush_implicit();
                if let Some(Container::Item { .. }) = self.containers.last() {
                    if let Some(Container::List { loose, .. }) = self.containers.iter_mut().rev().nth(1) {
                        *loose = true;
                    }
                }
                if self.inline.is_none() {
                    self.inline = Some((InlineTarget::Paragraph { implicit: false }, Inline::default()));
                }
            }
            Tag::Heading { level, id, .. } => {
                self.flush_implicit();
                if let Some(id) = id {
                    // `## Title {#id}`: a link to `#id` lands on the heading.
                    self.anchor(&id);
                }
                self.inline = Some((InlineTarget::Heading(level as u8), Inline::default()));
            }
            Tag::BlockQuote(_) => {
                self.flush_implicit();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(kind) => {
                self.flush_implicit();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((sanitize(&lang).into_owned(), String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_implicit();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_implicit();
                if self.items == 0 {
                    self.gap_pending = true;
                }
                self.containers.push(Container::List { next: start, loose: false, depth: self.lists });
                self.lists += 1;
            }
            Tag::Item => {
                self.flush_implicit();
                let marker = match self.containers.last_mut() {
                    Some(Container::List { next: Some(n), .. }) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    Some(Container::List { depth, .. }) => ["•", "◦", "▪"][*depth % 3].to_string(),
                    _ => "•".to_string(),
                };
                self.containers.push(Container::Item { marker, used: false });
                self.items += 1;
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_implicit();
                // Where a reference `[^label]` leads.
                self.anchor(&format!("fn:{label}"));
                self.containers.push(Container::Footnote { label: sanitize(&label).into_owned(), used: false });
            }
            Tag::Table(aligns) => {
                self.flush_implicit();
                let aligns = aligns
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::Center => Align::Center,
                        pulldown_cmark::Alignment::Right => Align::Right,
                        _ => Align::Left,
                    })
                    .collect();
                let table = crate::model::Table { aligns, ..Default::default() };
                self.table = Some(Table { table, row: Vec::new() });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.row.clear();
                }
            }
            Tag::TableCell => {
                self.inline = Some((InlineTarget::Cell, Inline::default()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {
                self.styles.pop();
            }
            TagEnd::Link => self.link = None,
            TagEnd::Image => {
                if self.image == 1 {
                    self.text("]", 0);
                    if std::mem::take(&mut self.image_link) {
                        self.link = None;
                    }
                }
                self.image = self.image.saturating_sub(1);
            }
            TagEnd::Paragraph | TagEnd::Heading(_) => self.close_inline(),
            TagEnd::BlockQuote(_) => {
                self.flush_implicit();
                self.pop_to(|c| matches!(c, Container::Quote));
            }
            TagEnd::CodeBlock => {
                if let Some((lang, mut text)) = self.code.take() {
                    if text.ends_with('\n') {
                        text.pop();
                    }
                    self.push(BlockKind::Code { lang, text }, false);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    self.html_block(&html);
                }
            }
            TagEnd::List(_) => {
                self.flush_implicit();
                self.pop_to(|c| matches!(c, Container::List { .. }));
                if self.items == 0 {
                    self.gap_pending = true;
                }
            }
            TagEnd::Item => {
                self.flush_implicit();
                self.pop_to(|c| matches!(c, Container::Item { .. }));
            }
            TagEnd::FootnoteDefinition => {
                self.flush_implicit();
                self.pop_to(|c| matches!(c, Container::Footnote { .. }));
            }
            TagEnd::TableCell => self.close_inline(),
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.table.push_row(row, true);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.table.push_row(row, false);
                }
            }
            TagEnd::Table => {
                if let Some(mut t) = self.table.take() {
                    t.table.text.shrink();
                    self.push(BlockKind::Table(Box::new(t.table)), false);
                }
            }
            _ => {}
        }
    }
}

/// Link text keeps line breaks as spaces.
fn text_for_link(text: &str) -> &str {
    if text == "\n" {
        " "
    } else {
        text
    }
}

fn marker_width(marker: &str) -> u16 {
    (unicode_width::UnicodeWidthStr::width(marker) + 1).min(u16::MAX as usize) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(a: &Article) -> Vec<String> {
        a.blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Title(t) => format!("title {t}"),
                BlockKind::Heading { level, text, .. } => format!("h{level} {}", text.text),
                BlockKind::Paragraph(s) => format!("p {}", s.text),
                BlockKind::Code { text, .. } => format!("code {text}"),
                BlockKind::Rule => "rule".into(),
                BlockKind::Table(t) => format!("table {}", t.rows.len()),
                BlockKind::Html(h) => format!("html {h}"),
                BlockKind::Anchor(a) => format!("anchor {a}"),
            })
            .collect()
    }

    #[test]
    fn a_big_text_parsed_in_pieces_is_the_text_parsed_whole() {
        let mut text = crate::testgen::article(3 << 20, 7);
        // A reference defined in the last piece and used in the first.
        text.push_str("\n[far]: https://example.org/far\n");
        text = text.replacen("marker word", "marker [word][far]", 1);
        let (fm, body) = frontmatter::split(&text);
        assert!(super::super::preview::chunks(body, CHUNK).len() > 2);
        let mut b = Builder { base: text.len() - body.len(), ..Default::default() };
        b.parse_piece(body, &Default::default(), &Default::default());
        let whole = finish(b.blocks, b.links, fm.title, "x");
        let pieces = parse(&text, "x");
        assert_eq!(pieces.blocks, whole.blocks);
        assert_eq!(pieces.links, whole.links);
        assert_eq!(pieces.sections, whole.sections);
        assert_eq!(pieces.links.iter().find(|l| l.text == "word").unwrap().dest, "https://example.org/far");
        assert_eq!(parse_owned(text.clone(), "x"), pieces);
        assert_eq!(parse_owned(format!("\u{feff}{text}"), "x"), pieces);
    }

    #[test]
    fn lone_h1_is_title() {
        let a = parse("# Title\n\nLead.\n\n## One\n\nBody.\n", "x");
        assert_eq!(a.title, "Title");
        assert_eq!(a.sections.len(), 1);
        assert_eq!(a.sections[0].title, "One");
        assert_eq!(a.sections[0].number, "1");
        assert_eq!(kinds(&a), vec!["title Title", "p Lead.", "h2 One", "p Body."]);
    }

    #[test]
    fn tight_list_items_have_implicit_paragraphs() {
        let a = parse("- a\n- **b**\n  - c\n", "x");
        let paras: Vec<_> = a.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph(_))).collect();
        assert_eq!(paras.len(), 3);
        assert_eq!(*paras[2].nest, [Nest::Indent(2), Nest::Item(crate::model::Marker::new("◦"))]);
        assert!(!paras[1].gap_before);
    }

    #[test]
    fn deep_quotes_clamped() {
        let src = format!("{}a", "> ".repeat(25_000));
        let a = parse(&src, "x");
        let p = a.blocks.iter().find(|b| matches!(b.kind, BlockKind::Paragraph(_))).unwrap();
        assert_eq!(p.depth, 25_000);
        assert_eq!(p.nest.len(), MAX_NEST);
    }

    #[test]
    fn entity_encoded_escape_is_inert() {
        let a = parse("x &#27;[2J &#x9b;31m y\n", "x");
        let text = kinds(&a).join("\n");
        assert!(!text.contains('\x1b'));
        assert!(!text.contains('\u{9b}'));
        assert!(text.contains("␛[2J"));
    }

    #[test]
    fn links_know_where_they_are_written_even_across_pieces() {
        let text = "---\ntitle: T\n---\n# A\n\nSee [b](b.md) and [[C]].\n\n<a href=\"d.md\">d</a> ![e](e.png)\n";
        for a in [parse(text, "t"), parse_in_pieces(text, "t", 8)] {
            let at: Vec<&str> = a.links.iter().map(|l| &text[l.at as usize..]).collect();
            assert!(at[0].starts_with("[b](b.md)"), "{at:?}");
            assert!(at[1].starts_with("[[C]]"), "{at:?}");
            assert!(at[2].starts_with("<a href"), "{at:?}");
            assert!(at[3].starts_with("![e]"), "{at:?}");
        }
    }

    #[test]
    fn wiki_links_recorded() {
        let a = parse("See [[ISIS]] and [[War on Terror|the war]].\n", "x");
        assert_eq!(a.links.len(), 2);
        assert_eq!(a.links[1].dest, "War on Terror");
        assert_eq!(a.links[1].text, "the war");
        assert_eq!(a.links[1].kind, LinkKind::Wiki);
    }
}
