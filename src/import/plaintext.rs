//! Plain text copied from a wiki page → [`Article`].
//!
//! Wikis leave artifacts in copied text (edit buttons, citation markers, boilerplate lines) and
//! carry no markup: headings, hatnotes and cross references are recognised by the heuristics
//! below. Every site-specific pattern lives in one of the tables at the top, so supporting a
//! new wiki costs a line.

use super::crossref::{find_cross_refs, parse_targets};
use crate::model::{Article, Block, BlockKind, Emphasis, Inline, Link, LinkId, LinkKind, Marker, Nest};
use crate::sanitize::clean_source;

/// Lines dropped whole (compared after trimming, case-insensitively; `*` ends a prefix).
const BOILERPLATE: &[&str] = &[
    "from wikipedia, the free encyclopedia",
    "jump to navigation",
    "jump to search",
    "jump to content",
    "toggle the table of contents",
    "[edit | edit source]",
    "[edit]",
    "retrieved from *",
    "categories: *",
    "hidden categories: *",
    "this page was last edited *",
];

/// Bracketed citation and maintenance markers removed from text (`[1]`, `[a]` are matched by
/// shape; these by content, case-insensitively).
const MARKERS: &[&str] = &[
    "citation needed",
    "clarification needed",
    "better source needed",
    "according to whom?",
    "who?",
    "when?",
    "which?",
    "edit",
    "edit | edit source",
    "update",
];

/// Hatnotes: a line starting with one of these introduces cross references.
const HATNOTES: &[&str] = &[
    "Main article:",
    "Main articles:",
    "Further information:",
    "Further information on",
    "See also:",
    "Main page:",
    "For other uses, see",
    "For more details, see",
    "For more information, see",
    "For details, see",
];

/// Back-matter headings that always count as headings.
const BACK_MATTER: &[&str] = &[
    "see also",
    "references",
    "notes",
    "external links",
    "further reading",
    "bibliography",
    "sources",
    "footnotes",
    "citations",
    "works cited",
    "notes and references",
];

/// Parses plain text with no library to resolve against (every cross reference is kept as
/// written; titles containing "and" are split).
pub fn parse(text: &str, fallback_title: &str) -> Article {
    parse_with(text, fallback_title, &|_| false)
}

/// Parses plain text; `known` says whether a title (or alias) exists in the library, so that
/// `Trinidad and Tobago` stays whole when the library has it.
pub fn parse_with(text: &str, fallback_title: &str, known: &dyn Fn(&str) -> bool) -> Article {
    let text = clean_source(text);
    let raw = raw_blocks(&text);
    let mut counts = Vec::with_capacity(raw.len());
    let mut blocks: Vec<(String, bool)> = Vec::with_capacity(raw.len());
    for (b, n) in raw {
        if is_boilerplate(&b) {
            continue;
        }
        let (clean, marker) = strip_edit_marker(&strip_markers(&b));
        if !clean.trim().is_empty() {
            blocks.push((clean, marker));
            counts.push(n);
        }
    }

    let mut title = None;
    if let Some((first, marker)) = blocks.first() {
        if *marker || is_title_like(first) {
            title = Some(first.clone());
            blocks.remove(0);
            if counts[0] > 1 {
                // The title line again right after the title: shown as text.
                blocks.insert(0, (title.clone().unwrap_or_default(), false));
                counts[0] -= 1;
            } else {
                counts.remove(0);
            }
        }
    }

    let kinds = classify(&blocks);
    let mut out: Vec<Block> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut in_see_also = false;
    for (((text, _), kind), &count) in blocks.iter().zip(kinds).zip(&counts) {
        // A run of the same plain line is handled once with its count (below); anything else
        // is made once per line.
        let plain = kind == Kind::Text && !(in_see_also && is_list_line(text));
        let lines = if plain { 1 } else { count };
        for _ in 0..lines {
            let block = |kind, nest: Vec<Nest>| Block::new(kind, nest.into(), 0, true);
            match kind {
                Kind::Heading => {
                    in_see_also = text.trim().eq_ignore_ascii_case("see also");
                    let text = Inline::plain(text.trim());
                    out.push(block(BlockKind::Heading { level: 2, section: crate::model::SectionId(0), text }, vec![]));
                }
                Kind::Hatnote(prefix_len) => {
                    let (prefix, rest) = text.split_at(prefix_len);
                    let mut inline = Inline::default();
                    inline.push(prefix, Emphasis(Emphasis::ITALIC), None);
                    let targets = parse_targets(rest, 0, known, false);
                    push_linked(&mut inline, rest, &targets.0, &mut links, Emphasis(Emphasis::ITALIC));
                    out.push(block(BlockKind::Paragraph(inline), vec![]));
                }
                Kind::Text if in_see_also && is_list_line(text) => {
                    let target = see_also_target(text);
                    let id = LinkId(links.len() as u32);
                    links.push(Link {
                        dest: target.to_string(),
                        text: text.trim().to_string(),
                        kind: LinkKind::CrossRef,
                    });
                    let mut inline = Inline::default();
                    inline.push(text.trim(), Emphasis::default(), Some(id));
                    let mut b = block(BlockKind::Paragraph(inline), vec![Nest::Item(Marker::new("•"))]);
                    b.depth = 1;
                    b.gap_before = !matches!(out.last(), Some(prev) if prev.depth == 1);
                    out.push(b);
                }
                Kind::Text => {
                    let refs = find_cross_refs(text, known);
                    let mut inline = Inline::default();
                    push_linked(&mut inline, text, &refs, &mut links, Emphasis::default());
                    let mut b = block(BlockKind::Paragraph(inline), vec![]);
                    if refs.is_empty() && count > 1 {
                        // The same line again and again: one block shown `count` times.
                        b.repeat = count - 1;
                        b.repeat_gap = true;
                        Block::push_merged(&mut out, b);
                    } else {
                        for _ in 1..count {
                            let mut again = Inline::default();
                            push_linked(
                                &mut again,
                                text,
                                &find_cross_refs(text, known),
                                &mut links,
                                Emphasis::default(),
                            );
                            out.push(block(BlockKind::Paragraph(again), vec![]));
                        }
                        Block::push_merged(&mut out, b);
                    }
                }
            }
        }
    }
    super::markdown::finish_titled(out, links, title, fallback_title, false)
}

/// Appends text, making a link of each `(byte range, target)`.
fn push_linked(
    inline: &mut Inline,
    text: &str,
    refs: &[(std::ops::Range<usize>, String)],
    links: &mut Vec<Link>,
    style: Emphasis,
) {
    let mut at = 0;
    for (range, target) in refs {
        if range.start > at {
            inline.push(&text[at..range.start], style, None);
        }
        let id = LinkId(links.len() as u32);
        let shown = &text[range.clone()];
        links.push(Link { dest: target.clone(), text: shown.to_string(), kind: LinkKind::CrossRef });
        inline.push(shown, style, Some(id));
        at = range.end;
    }
    if at < text.len() {
        inline.push(&text[at..], style, None);
    }
    inline.shrink();
}

/// Blocks of text: blank-line separated paragraphs (hard-wrapped lines joined) when the text
/// has blank lines, otherwise one block per line. A line carrying an edit marker is always a
/// block of its own (a heading directly above its paragraph).
///
/// The same block again and again (a flood of one line) is kept once with its count.
fn raw_blocks(text: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut push = |b: String| match out.last_mut() {
        Some((last, n)) if *last == b && *n < u32::MAX => *n += 1,
        _ => out.push((b, 1)),
    };
    let has_blank = text.lines().any(|l| l.trim().is_empty());
    if !has_blank {
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            push(l.to_string());
        }
        return out;
    }
    let mut cur = String::new();
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || strip_edit_marker(t).1 || is_boilerplate(t) {
            if !cur.is_empty() {
                push(std::mem::take(&mut cur));
            }
            if !t.is_empty() {
                push(t.to_string());
            }
            continue;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(t);
    }
    if !cur.is_empty() {
        push(cur);
    }
    out
}

fn is_boilerplate(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    BOILERPLATE.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => l.starts_with(prefix),
        None => l == *p,
    })
}

/// Removes citation markers such as `[1]`, `[a]`, `[citation needed]`, `[note 3]`.
pub fn strip_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // A marker is at most 40 characters long: look no further for its end (searching to
        // the end of the text for every `[` made a million of them take 35 s).
        let mut window = after.len().min(MAX_MARKER * 4 + 1);
        while !after.is_char_boundary(window) {
            window -= 1;
        }
        match after[..window].find(']') {
            Some(close) if is_marker(&after[..close]) => rest = &after[close + 1..],
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Longest citation or maintenance marker, in bytes.
const MAX_MARKER: usize = 40;

fn is_marker(inner: &str) -> bool {
    let t = inner.trim();
    if t.is_empty() || t.len() > MAX_MARKER {
        return false;
    }
    let lower = t.to_lowercase();
    t.chars().all(|c| c.is_ascii_digit())
        || (t.len() <= 2 && t.chars().all(|c| c.is_ascii_lowercase()))
        || MARKERS.contains(&lower.as_str())
        || ["note ", "nb ", "n "]
            .iter()
            .any(|p| lower.strip_prefix(p).is_some_and(|n| n.chars().all(|c| c.is_ascii_alphanumeric())))
}

/// Removes a trailing edit-button artifact; returns the text and whether there was one.
/// Forms: `History[edit]`, `History [edit | edit source]`, `History edit`, `History Edit`, and
/// `HistoryEdit` glued after a lowercase letter, digit or bracket.
pub fn strip_edit_marker(line: &str) -> (String, bool) {
    let t = line.trim_end();
    for suffix in ["[edit | edit source]", "[edit source]", "[edit]"] {
        if let Some(s) = t.strip_suffix(suffix) {
            if !s.trim().is_empty() {
                return (s.trim_end().to_string(), true);
            }
        }
    }
    if t.split_whitespace().count() <= 13 && t.chars().count() <= 100 {
        for suffix in [" edit", " Edit"] {
            if let Some(s) = t.strip_suffix(suffix) {
                if is_heading_shape(s.trim_end()) {
                    return (s.trim_end().to_string(), true);
                }
            }
        }
        if let Some(s) = t.strip_suffix("Edit") {
            if s.chars().last().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == ')' || c == ']') {
                return (s.to_string(), true);
            }
        }
    }
    (t.to_string(), false)
}

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Heading,
    /// A hatnote; the number is the byte length of its prefix (`Main article: `).
    Hatnote(usize),
    Text,
}

fn hatnote_prefix(text: &str) -> Option<usize> {
    HATNOTES.iter().find(|p| text.starts_with(*p)).map(|p| {
        let rest = &text[p.len()..];
        p.len() + (rest.len() - rest.trim_start().len())
    })
}

fn classify(blocks: &[(String, bool)]) -> Vec<Kind> {
    let mut kinds = Vec::with_capacity(blocks.len());
    for (i, (text, marker)) in blocks.iter().enumerate() {
        if let Some(p) = hatnote_prefix(text) {
            kinds.push(Kind::Hatnote(p));
            continue;
        }
        let lower = text.trim().to_lowercase();
        let heading = *marker
            || BACK_MATTER.contains(&lower.as_str())
            || (is_heading_shape(text) && {
                let next = blocks[i + 1..].iter().map(|(t, _)| t).find(|t| hatnote_prefix(t).is_none());
                let followed = next.is_some_and(|n| is_paragraph_like(n));
                let question_ok = !text.ends_with('?')
                    || (text.split_whitespace().count() <= 8 && next.is_some_and(|n| n.chars().count() >= 80));
                let after_list = i > 0 && kinds[i - 1] == Kind::Text && is_list_line(&blocks[i - 1].0);
                followed && question_ok && !after_list
            });
        kinds.push(if heading { Kind::Heading } else { Kind::Text });
    }
    kinds
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_markers() {
        assert_eq!(
            strip_edit_marker("Islamic State Khorasan ProvinceEdit"),
            ("Islamic State Khorasan Province".into(), true)
        );
        assert_eq!(strip_edit_marker("History[edit]"), ("History".into(), true));
        assert_eq!(strip_edit_marker("History edit"), ("History".into(), true));
        assert_eq!(strip_edit_marker("Early life Edit"), ("Early life".into(), true));
        assert_eq!(strip_edit_marker("Copy Edit"), ("Copy".into(), true));
        assert_eq!(strip_edit_marker("We edit."), ("We edit.".into(), false));
        assert_eq!(strip_edit_marker("PostEdit"), ("Post".into(), true));
        assert_eq!(strip_edit_marker("EDIT"), ("EDIT".into(), false));
    }

    #[test]
    fn citation_markers() {
        assert_eq!(strip_markers("a[1] b[23][a] c[citation needed] d[note 4] [x y] [Z]"), "a b c d [x y] [Z]");
    }
}
