//! Plain text copied from a wiki page → [`Article`].
//!
//! A wiki page arrives as text in several forms: a phone browser's copy (a line per
//! paragraph, no blank lines), a desktop copy (blank lines, `[edit]` after headings, a copied
//! `Contents` box), a text dump (`lynx -dump`, html2text: lines hard-wrapped at ~80 columns,
//! `***** Heading *****`, link text with `_` for spaces), each with or without the site's
//! chrome around it. The form is told from the text itself ([`lines::shape`]); every
//! site-specific pattern lives in [`sites`], so a new site or dump format costs a line.
//!
//! The steps: lines → raw blocks (joined where a paragraph was wrapped), chrome dropped, the
//! `Contents` box taken as evidence of the headings and their levels, then each block read
//! as a heading, hatnote, `See also` item, note, table, list item or paragraph.

mod contents;
mod lines;
mod notes;
pub mod sites;

use std::collections::HashSet;
use std::ops::Range;

use super::crossref::{find_cross_refs, parse_targets};
use crate::model::{
    Article, Block, BlockKind, Emphasis, Inline, Link, LinkId, LinkKind, Marker, Nest, SectionId, Table,
};
use crate::sanitize::clean_source;
pub use lines::{shape, strip_edit_marker, Shape};
use lines::{Raw, RawKind};
use sites::{BACK_MATTER, HATNOTES, NOTE_SECTIONS};

/// Parses plain text with no library to resolve against (every cross reference is kept as
/// written; titles containing "and" are split).
pub fn parse(text: &str, fallback_title: &str) -> Article {
    parse_with(text, fallback_title, &|_| false)
}

/// What a raw block is read as.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Heading(u8),
    /// A hatnote; the number is the byte length of its prefix (`Main article: `).
    Hatnote(usize),
    /// An entry of the `See also` list: one link.
    SeeAlso,
    /// A note of the references section, with its label.
    Note(String),
    /// The short description under the title (`Concept in ecology`).
    Description,
    Table,
    Item(u8),
    Text,
}

/// Parses plain text; `known` says whether a title (or alias) exists in the library, so that
/// `Trinidad and Tobago` stays whole when the library has it.
pub fn parse_with(text: &str, fallback_title: &str, known: &dyn Fn(&str) -> bool) -> Article {
    let text = clean_source(text);
    let shape = lines::shape(&text);
    let mut raws: Vec<Raw> = lines::raw_blocks(&text, &shape)
        .into_iter()
        .filter(|r| matches!(r.kind, RawKind::Table(_)) || !(r.text.trim().is_empty() || lines::is_chrome(&r.text)))
        .collect();
    let contents = contents::take(&mut raws);
    let title = take_title(&mut raws, &shape);
    let kinds = classify(&raws, &contents, &shape);

    // Headings this article has, for links to them from dumps (`The_human_population`).
    let headings: HashSet<String> =
        raws.iter().zip(&kinds).filter(|(_, k)| matches!(k, Kind::Heading(_))).map(|(r, _)| key(&r.text)).collect();
    let labels: HashSet<String> =
        kinds.iter().filter_map(|k| if let Kind::Note(l) = k { Some(l.clone()) } else { None }).collect();
    let ctx = Context { known, dump: shape.dump, headings: &headings, notes: &labels };

    let mut out: Vec<Block> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    for (raw, kind) in raws.iter().zip(&kinds) {
        // A run of the same plain line is handled once with its count (below); anything else
        // is made once per line.
        let lines = if *kind == Kind::Text { 1 } else { raw.count };
        for _ in 0..lines {
            put(&mut out, &mut links, raw, kind, &ctx);
        }
    }
    super::markdown::finish_titled(out, links, title, fallback_title, false)
}

/// What reading a block's text needs to know.
struct Context<'a> {
    known: &'a dyn Fn(&str) -> bool,
    dump: bool,
    /// Headings of this article (normalised): dump links to them stay in the page.
    headings: &'a HashSet<String>,
    /// Labels of the article's notes: markers pointing at them become links.
    notes: &'a HashSet<String>,
}

/// The title: a dump's `****** Title ******`, else the first line when it carries an edit
/// button or reads like a title.
fn take_title(raws: &mut Vec<Raw>, shape: &Shape) -> Option<String> {
    if shape.dump {
        if let Some(i) = raws.iter().position(|r| r.kind == RawKind::Frame(1)) {
            return Some(plain_text(&raws.remove(i).text, true));
        }
    }
    let first = raws.first()?;
    if first.kind != RawKind::Text || !(first.edit || is_title_like(&first.text)) {
        return None;
    }
    let title = first.text.clone();
    if first.count > 1 {
        // The title line again right after the title: shown as text.
        raws[0].count -= 1;
        raws[0].edit = false;
    } else {
        raws.remove(0);
    }
    Some(plain_text(&title, shape.dump))
}

/// Reads every block; see the module's doc for the order of the rules.
fn classify(raws: &[Raw], contents: &[contents::Entry], shape: &Shape) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = Vec::with_capacity(raws.len());
    let (mut in_see_also, mut in_notes, mut last_note) = (false, false, 0u32);
    for (i, raw) in raws.iter().enumerate() {
        let text = plain_text(&raw.text, shape.dump);
        let lower = text.trim().to_lowercase();
        let kind = match &raw.kind {
            RawKind::Table(_) => Kind::Table,
            RawKind::Frame(level) => Kind::Heading((*level).max(2)),
            RawKind::Item(_) if in_see_also => Kind::SeeAlso,
            RawKind::Item(depth) => match notes::note_entry(&text).filter(|_| in_notes) {
                Some((n, _)) => {
                    last_note = n.unwrap_or(last_note + 1);
                    Kind::Note(last_note.to_string())
                }
                None => Kind::Item(*depth),
            },
            RawKind::Text => {
                let strong = contents::level_of(contents, &text)
                    .or_else(|| raw.edit.then_some(2))
                    .or_else(|| BACK_MATTER.contains(&lower.as_str()).then_some(2));
                if let Some(level) = strong {
                    Kind::Heading(level)
                } else if let Some(p) = hatnote_prefix(&text) {
                    Kind::Hatnote(p)
                } else if let Some((n, _)) = notes::note_entry(&text).filter(|_| in_notes) {
                    last_note = n.unwrap_or(last_note + 1);
                    Kind::Note(last_note.to_string())
                } else if in_see_also && is_list_line(&text) {
                    Kind::SeeAlso
                } else if contents.is_empty() && !shape.dump && looks_like_heading(raws, &kinds, i, shape.dump) {
                    Kind::Heading(2)
                } else if i == 0 && is_description(raws, shape.dump) {
                    Kind::Description
                } else {
                    Kind::Text
                }
            }
        };
        if let Kind::Heading(_) = kind {
            in_see_also = lower == "see also";
            in_notes = NOTE_SECTIONS.contains(&lower.as_str());
        }
        kinds.push(kind);
    }
    kinds
}

/// A heading by its shape alone: short, capitalised, unpunctuated, followed by prose, and not
/// the next name of a list of names.
fn looks_like_heading(raws: &[Raw], kinds: &[Kind], i: usize, dump: bool) -> bool {
    let text = plain_text(&raws[i].text, dump);
    if !is_heading_shape(&text) {
        return false;
    }
    let next = raws[i + 1..].iter().map(|r| &r.text).find(|t| hatnote_prefix(t).is_none());
    let followed = next.is_some_and(|n| is_paragraph_like(n));
    let question_ok =
        !text.ends_with('?') || (text.split_whitespace().count() <= 8 && next.is_some_and(|n| n.chars().count() >= 80));
    let after_list = i > 0 && kinds[i - 1] == Kind::Text && is_list_line(&raws[i - 1].text);
    followed && question_ok && !after_list && i > 0
}

/// The short description a copy has under the title: a few words, no final stop, with the
/// lead's prose right after it.
fn is_description(raws: &[Raw], dump: bool) -> bool {
    let text = plain_text(&raws[0].text, dump);
    let t = text.trim();
    t.split_whitespace().count() <= 8
        && t.chars().count() <= 60
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && raws.get(1).is_some_and(|n| n.kind == RawKind::Text && is_paragraph_like(&n.text))
}

/// Adds the blocks of one raw block.
fn put(out: &mut Vec<Block>, links: &mut Vec<Link>, raw: &Raw, kind: &Kind, ctx: &Context) {
    let block = |kind, nest: Vec<Nest>| Block::new(kind, nest.into(), 0, true);
    let text = raw.text.as_str();
    match kind {
        Kind::Heading(level) => {
            let text = Inline::plain(plain_text(text, ctx.dump).trim());
            out.push(block(BlockKind::Heading { level: *level, section: SectionId(0), text }, vec![]));
        }
        Kind::Description => {
            let mut inline = Inline::default();
            inline.push(plain_text(text, ctx.dump).trim(), Emphasis(Emphasis::ITALIC), None);
            out.push(block(BlockKind::Paragraph(inline), vec![]));
        }
        Kind::Hatnote(prefix_len) => {
            let text = plain_text(text, ctx.dump);
            let (prefix, rest) = text.split_at(*prefix_len);
            let mut inline = Inline::default();
            inline.push(prefix, Emphasis(Emphasis::ITALIC), None);
            let targets = parse_targets(rest, 0, ctx.known, false).0;
            let spans = targets.into_iter().map(|(r, t)| (r, Span::Link(t, LinkKind::CrossRef))).collect();
            push_spans(&mut inline, rest, spans, links, Emphasis(Emphasis::ITALIC));
            out.push(block(BlockKind::Paragraph(inline), vec![]));
        }
        Kind::SeeAlso => {
            let shown = plain_text(text, ctx.dump);
            let shown = strip_number(&shown);
            let shown = shown.trim();
            let id = LinkId(links.len() as u32);
            links.push(Link {
                dest: see_also_target(shown).to_string(),
                text: shown.to_string(),
                kind: LinkKind::CrossRef,
                at: crate::model::NO_AT,
            });
            let mut inline = Inline::default();
            inline.push(shown, Emphasis::default(), Some(id));
            let mut b = block(BlockKind::Paragraph(inline), vec![Nest::Item(Marker::new("•"))]);
            b.depth = 1;
            b.gap_before = !matches!(out.last(), Some(prev) if prev.depth == 1);
            out.push(b);
        }
        Kind::Note(label) => {
            let body = notes::note_entry(text).map_or(text, |(_, body)| body);
            out.push(Block::new(BlockKind::Anchor(format!("fn:{label}")), Box::default(), 0, false));
            let inline = read_inline(body, links, ctx);
            out.push(block(BlockKind::Paragraph(inline), vec![Nest::Footnote(label.as_str().into())]));
        }
        Kind::Table => {
            let RawKind::Table(rows) = &raw.kind else { return };
            let mut table = Table::default();
            let columns = rows.iter().map(Vec::len).max().unwrap_or(1);
            table.aligns = vec![crate::model::Align::Left; columns];
            for (i, row) in rows.iter().enumerate() {
                let mut cells: Vec<Inline> = row.iter().map(|c| read_inline(c, links, ctx)).collect();
                cells.resize(columns, Inline::default());
                table.push_row(cells, i == 0);
            }
            out.push(block(BlockKind::Table(Box::new(table)), vec![]));
        }
        Kind::Item(depth) => {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            let (marker, text) = match text[digits..].strip_prefix(". ") {
                Some(rest) if digits > 0 => (&text[..digits + 1], rest),
                _ => ("•", text),
            };
            let inline = read_inline(text, links, ctx);
            let mut nest: Vec<Nest> = vec![Nest::Indent(2); *depth as usize];
            nest.push(Nest::Item(Marker::new(marker)));
            let mut b = block(BlockKind::Paragraph(inline), nest);
            b.depth = *depth as u32 + 1;
            b.gap_before = !matches!(out.last(), Some(prev) if prev.depth >= 1);
            out.push(b);
        }
        Kind::Text => {
            let inline = read_inline(text, links, ctx);
            let linked = inline.marks.iter().any(|m| m.link.is_some());
            let mut b = block(BlockKind::Paragraph(inline), vec![]);
            if raw.count > 1 && !linked {
                // The same line again and again: one block shown `count` times.
                b.repeat = raw.count - 1;
                b.repeat_gap = true;
                Block::push_merged(out, b);
            } else {
                for _ in 1..raw.count {
                    let again = read_inline(text, links, ctx);
                    out.push(block(BlockKind::Paragraph(again), vec![]));
                }
                Block::push_merged(out, b);
            }
        }
    }
}

/// A styled piece of a paragraph.
#[derive(Clone, Debug)]
enum Span {
    Link(String, LinkKind),
    Note(String),
    Dim,
}

/// A paragraph's text with its links: note markers, dump links (`Population_growth`), and
/// prose cross references (`See X and Y for …`).
fn read_inline(text: &str, links: &mut Vec<Link>, ctx: &Context) -> Inline {
    let (text, marks) = notes::scan(text, &|label| ctx.notes.contains(label));
    let mut spans: Vec<(Range<usize>, Span)> = marks
        .into_iter()
        .map(|(r, m)| {
            (
                r,
                match m {
                    notes::Mark::Note(label) => Span::Note(label),
                    notes::Mark::Dim => Span::Dim,
                },
            )
        })
        .collect();
    let mut text = text;
    if ctx.dump {
        for range in underscore_links(&text) {
            // `_` and ` ` are one byte each: the ranges found stay right.
            let shown = text[range.clone()].replace('_', " ");
            text.replace_range(range.clone(), &shown);
            if !spans.iter().any(|(r, _)| r.start < range.end && range.start < r.end) {
                let (dest, kind) = if ctx.headings.contains(&key(&shown)) {
                    (format!("#{shown}"), LinkKind::Wiki)
                } else {
                    (shown, LinkKind::CrossRef)
                };
                spans.push((range, Span::Link(dest, kind)));
            }
        }
    }
    // Prose cross references, looked for with the marks and links blanked out (so that
    // `Taliban[1]` names `Taliban`).
    let mut masked = text.clone().into_bytes();
    for (r, _) in &spans {
        masked[r.clone()].fill(b' ');
    }
    let masked = String::from_utf8(masked).unwrap_or_default();
    for (r, target) in find_cross_refs(&masked, ctx.known) {
        if !spans.iter().any(|(s, _)| s.start < r.end && r.start < s.end) {
            spans.push((r, Span::Link(target, LinkKind::CrossRef)));
        }
    }
    spans.sort_by_key(|(r, _)| r.start);
    let mut inline = Inline::default();
    push_spans(&mut inline, &text, spans, links, Emphasis::default());
    inline
}

/// Appends `text` to `inline`, styling or linking each span.
fn push_spans(
    inline: &mut Inline,
    text: &str,
    spans: Vec<(Range<usize>, Span)>,
    links: &mut Vec<Link>,
    style: Emphasis,
) {
    let mut at = 0;
    for (range, span) in spans {
        if range.start < at || !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
            continue;
        }
        if range.start > at {
            inline.push(&text[at..range.start], style, None);
        }
        let shown = &text[range.clone()];
        match span {
            Span::Link(dest, kind) => {
                let id = LinkId(links.len() as u32);
                links.push(Link { dest, text: shown.to_string(), kind, at: crate::model::NO_AT });
                inline.push(shown, style, Some(id));
            }
            Span::Note(label) => {
                let id = LinkId(links.len() as u32);
                let dest = format!("#fn:{label}");
                links.push(Link { dest, text: shown.to_string(), kind: LinkKind::Markdown, at: crate::model::NO_AT });
                inline.push(shown, Emphasis(style.0 | Emphasis::FOOTNOTE), Some(id));
            }
            Span::Dim => inline.push(shown, Emphasis(style.0 | Emphasis::HTML), None),
        }
        at = range.end;
    }
    if at < text.len() {
        inline.push(&text[at..], style, None);
    }
    inline.shrink();
}

/// Words joined by `_` in a dump (`The_human_population_is_growing`): a link's text, as
/// html2text writes underlined text. Returns their byte ranges.
fn underscore_links(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in text.split(' ') {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
        let lead = word.find(core).unwrap_or(0);
        let joined = core.contains('_')
            && !core.starts_with('_')
            && !core.ends_with('_')
            && !core.contains("__")
            && core.chars().any(char::is_alphabetic);
        if joined {
            out.push(at + lead..at + lead + core.len());
        }
        at += word.len() + 1;
    }
    out
}

/// A list item's text without its number (`2. `).
fn strip_number(text: &str) -> &str {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    match text[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest,
        _ => text,
    }
}

/// A dump's text with `_` read as spaces.
fn plain_text(text: &str, dump: bool) -> String {
    if dump {
        text.replace('_', " ")
    } else {
        text.to_string()
    }
}

/// A heading's text as links name it.
fn key(text: &str) -> String {
    text.replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The length of a hatnote's prefix (`Main article: `), spaces included. A `*` in a pattern
/// stands for a few words without a full stop (`For *, see` matches `For the painting, see`).
fn hatnote_prefix(text: &str) -> Option<usize> {
    if text.len() > 300 {
        return None;
    }
    HATNOTES.iter().find_map(|p| {
        let len = match p.split_once('*') {
            None => text.starts_with(p).then_some(p.len())?,
            Some((head, tail)) => {
                let rest = text.strip_prefix(head)?;
                let at = rest.find(tail)?;
                (!rest[..at].contains(['.', ';']) && rest[..at].split_whitespace().count() <= 10)
                    .then_some(head.len() + at + tail.len())?
            }
        };
        let rest = &text[len..];
        Some(len + (rest.len() - rest.trim_start().len()))
    })
}

/// 1–12 words, at most 90 characters, starting with a capital or digit, and no final `.`,
/// `!`, `:`, `;` or `,` (a `?` is judged by the caller).
fn is_heading_shape(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=12).contains(&words)
        && t.chars().count() <= 90
        && t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !t.ends_with(['.', '!', ':', ';', ','])
}

/// A line that reads like a paragraph: long, or ending in terminal punctuation.
fn is_paragraph_like(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 60 || t.ends_with(['.', '!', '?', '"', '”', ')', ':'])
}

/// A short line without final punctuation (an entry of a list of names).
fn is_list_line(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 90 && !t.ends_with(['.', '!', '?', ':', ';', ',']) && t.split_whitespace().count() <= 12
}

/// A title candidate: short and unpunctuated.
fn is_title_like(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 120 && !t.ends_with(['.', '!', ':', ';', ','])
}

/// The target named by a `See also` list line: the part before a dash description.
fn see_also_target(line: &str) -> &str {
    let t = line.trim();
    for sep in [" – ", " — ", " - ", ": "] {
        if let Some((a, _)) = t.split_once(sep) {
            return a.trim();
        }
    }
    t
}
