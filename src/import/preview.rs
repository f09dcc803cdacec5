//! A quick preview of a big Markdown article, so the first screen appears at once while the
//! full article is parsed in the background.
//!
//! The preview is the article's beginning (cut before a heading, outside code fences) followed
//! by every later heading found by a fast line scan, and the link reference definitions (so
//! links in the beginning resolve). Parsed like any Markdown, it has the article's title and
//! complete section tree; only the text after the cut is missing until the full parse lands.

/// Articles smaller than this are parsed whole: it is fast enough.
pub const MIN_SIZE: usize = 512 * 1024;

/// Most headings the preview lists after its beginning.
pub const MAX_TAIL: usize = 200_000;

/// About how much text the preview keeps from the beginning.
pub const PREFIX: usize = 128 * 1024;

/// The preview source and how many headings were added after the cut (the cut block is the
/// preview article's block count minus this).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub text: String,
    pub tail_headings: usize,
}

/// An open code fence: its character and length.
pub(crate) type Fence = Option<(u8, usize)>;

/// Updates the fence state for a line; returns true when the line is inside (or opens or
/// closes) a fence.
pub(crate) fn fence_line(line: &str, fence: &mut Fence) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return fence.is_some();
    }
    let b = t.as_bytes();
    let ch = match b.first() {
        Some(&c @ (b'`' | b'~')) => c,
        _ => return fence.is_some(),
    };
    let n = b.iter().take_while(|&&c| c == ch).count();
    match *fence {
        None if n >= 3 && !(ch == b'`' && t[n..].contains('`')) => {
            *fence = Some((ch, n));
            true
        }
        Some((c, len)) if c == ch && n >= len && t[n..].trim().is_empty() => {
            *fence = None;
            true
        }
        _ => fence.is_some(),
    }
}

/// The end marker of an HTML block that blank lines do not end (CommonMark's kinds 1–5:
/// `<script>`, `<pre>`, `<style>`, `<textarea>`, comments, processing instructions,
/// declarations, CDATA), if `line` starts one.
fn html_block_end(line: &str) -> Option<&'static str> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 || !t.starts_with('<') {
        return None;
    }
    let lower = t.get(..12.min(t.len())).unwrap_or(t).to_ascii_lowercase();
    for (tag, end) in [("script", "</script>"), ("pre", "</pre>"), ("style", "</style>"), ("textarea", "</textarea>")] {
        if let Some(rest) = lower.strip_prefix('<').and_then(|r| r.strip_prefix(tag)) {
            if rest.is_empty() || rest.starts_with([' ', '>', '\t']) {
                return Some(end);
            }
        }
    }
    if t.starts_with("<!--") {
        Some("-->")
    } else if t.starts_with("<?") {
        Some("?>")
    } else if t.starts_with("<![CDATA[") {
        Some("]]>")
    } else if t.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic) && t.starts_with("<!") {
        Some(">")
    } else {
        None
    }
}

/// The block-level tags that start an HTML block ending at a blank line (CommonMark's kind 6).
const HTML_BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// Whether `line` starts an HTML block that a blank line ends: a block-level tag (kind 6), or,
/// after a blank line, a lone complete tag (kind 7).
fn html_until_blank(line: &str, after_blank: bool) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 || !t.starts_with('<') {
        return false;
    }
    let name_start = if t.starts_with("</") { 2 } else { 1 };
    let name: String = t[name_start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    if name.is_empty() {
        return false;
    }
    let rest = &t[name_start + name.len()..];
    let ends = rest.is_empty() || rest.starts_with([' ', '\t', '>', '\n', '\r']) || rest.starts_with("/>");
    if ends && HTML_BLOCK_TAGS.contains(&name.to_ascii_lowercase().as_str()) {
        return true;
    }
    // Kind 7: a single complete tag alone on its line, not interrupting a paragraph.
    let t = t.trim_end();
    after_blank && t.find('>') == Some(t.len() - 1) && t.as_bytes()[name_start].is_ascii_alphabetic()
}

/// Follows code fences and HTML blocks line by line, so a scan of the source never takes
/// what they hold for structure (a `#` line in a fence or in a multi-line `<!-- … -->` is not a
/// heading, and no piece is cut inside them).
#[derive(Clone, Debug)]
pub(crate) struct Verbatim {
    fence: Fence,
    html: Option<&'static str>,
    /// Inside an HTML block that ends at a blank line.
    html_block: bool,
    /// The line before was blank (or there was none).
    after_blank: bool,
}

impl Default for Verbatim {
    /// At the start of a text (as if after a blank line).
    fn default() -> Self {
        Verbatim { fence: None, html: None, html_block: false, after_blank: true }
    }
}

impl Verbatim {
    /// Takes the next line; returns whether it belongs to a fence or an HTML block.
    pub(crate) fn line(&mut self, line: &str) -> bool {
        let blank = line.trim().is_empty();
        let after_blank = std::mem::replace(&mut self.after_blank, blank) || self.html_block && blank;
        if let Some(end) = self.html {
            if line.to_ascii_lowercase().contains(end) {
                self.html = None;
            }
            return true;
        }
        if self.html_block {
            if blank {
                self.html_block = false;
                return false;
            }
            return true;
        }
        if fence_line(line, &mut self.fence) {
            return true;
        }
        if let Some(end) = html_block_end(line) {
            // The end may be on the opening line itself (after the opening marker).
            let after = &line[line.find('<').map_or(0, |i| i + 2)..];
            if !after.to_ascii_lowercase().contains(end) {
                self.html = Some(end);
            }
            return true;
        }
        if html_until_blank(line, after_blank) {
            self.html_block = true;
            return true;
        }
        false
    }

    /// Whether the last line left open a fence or an HTML block that a blank line does not end.
    pub(crate) fn open(&self) -> bool {
        self.fence.is_some() || self.html.is_some()
    }
}

/// Whether `text` ends inside a code fence or an HTML block that a blank line does not end
/// (text added after a blank line would still be inside it).
pub fn ends_inside_verbatim(text: &str) -> bool {
    let mut v = Verbatim::default();
    for line in text.lines() {
        v.line(line);
    }
    v.open()
}

/// An ATX heading line (`## Title ##`): its level and text.
pub fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let line = line.trim_end_matches(['\n', '\r']);
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&c| c == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim();
    let closed = text.trim_end_matches('#');
    if closed.is_empty() || closed.ends_with([' ', '\t']) {
        text = closed.trim_end();
    }
    Some((level, text))
}

/// The first `max` non-empty ATX headings of `text` outside code fences and HTML blocks:
/// (level, text).
pub fn heading_lines(text: &str, max: usize) -> Vec<(u8, String)> {
    let mut verbatim = Verbatim::default();
    let mut out = Vec::new();
    for line in text.lines() {
        if verbatim.line(line) {
            continue;
        }
        if let Some((level, t)) = atx_heading(line).filter(|(_, t)| !t.is_empty()) {
            out.push((level as u8, t.to_string()));
            if out.len() >= max {
                break;
            }
        }
    }
    out
}

/// A link reference definition line (`[id]: https://…`).
fn is_reference_definition(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    line.len() - t.len() <= 3
        && t.starts_with('[')
        && !t.starts_with("[^")
        && t.find("]:").is_some_and(|i| i > 1 && !t[..i].contains(']'))
}

/// A thematic break made of `*` or `_` (a `---` line after text is a setext underline).
fn star_rule(line: &str) -> bool {
    let t = line.trim_end();
    let c = match t.as_bytes().first() {
        Some(&c @ (b'*' | b'_')) => c,
        _ => return false,
    };
    t.bytes().filter(|&b| b == c).count() >= 3 && t.bytes().all(|b| b == c || b == b' ' || b == b'\t')
}

/// A list item's marker at the start of a line (`- `, `* `, `+ `, `1. `, `2) `).
fn list_marker(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+') => b.get(1).is_none_or(|&c| c == b' ' || c == b'\t'),
        Some(c) if c.is_ascii_digit() => {
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(n), Some(b'.' | b')')) && b.get(n + 1).is_none_or(|&c| c == b' ' || c == b'\t')
        }
        _ => false,
    }
}

/// A run of text this long with no safe place to cut is cut at a line end anyway.
const FORCED_CUT: usize = 4 << 20;

/// Splits a big text into pieces of about `target` bytes that parse independently. A piece
/// ends before a line that starts a new top-level block whatever came before it: an ATX
/// heading or a `*`/`_` rule at the start of a line, or, after a blank line, any unindented
/// line that is not a list item (which would join the list before it). Never inside a code
/// fence or an HTML block. A run of 4 MB with no such line is cut at a line end anyway:
/// pieces stay small, so parsing a hostile file takes bounded memory.
pub fn chunks(text: &str, target: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut verbatim = Verbatim::default();
    let (mut start, mut offset) = (0, 0);
    let mut prev_blank = false;
    for line in text.split_inclusive('\n') {
        let inside = verbatim.clone().line(line);
        let big = offset - start >= target;
        if big && !inside && offset > start {
            let unindented = line.starts_with(|c: char| !c.is_whitespace());
            let starts_block = unindented
                && ((line.starts_with('#') && atx_heading(line).is_some())
                    || star_rule(line)
                    || (prev_blank && !list_marker(line)));
            if starts_block || offset - start >= target.max(FORCED_CUT) {
                out.push(&text[start..offset]);
                start = offset;
            }
        }
        let verbatim_line = verbatim.line(line);
        prev_blank = !verbatim_line && line.trim().is_empty();
        offset += line.len();
    }
    out.push(&text[start..]);
    out
}

/// Link reference definitions (`[id]: url "title"`), keyed by their normalised label, so a
/// text parsed in pieces still resolves a reference defined in another piece.
pub fn reference_definitions(text: &str) -> std::collections::HashMap<String, (String, String)> {
    let mut out = std::collections::HashMap::new();
    let mut verbatim = Verbatim::default();
    // A definition cannot interrupt a paragraph: after a line of text it is text itself.
    let mut after_text = false;
    for full in text.lines() {
        if verbatim.line(full) {
            after_text = false;
            continue;
        }
        // Definitions inside block quotes count too.
        let mut line = full;
        while let Some(rest) = line.trim_start_matches(' ').strip_prefix('>') {
            line = rest.strip_prefix(' ').unwrap_or(rest);
        }
        let definition = !after_text && is_reference_definition(line);
        // A setext underline (or a `---` rule) ends what came before it.
        let underline = {
            let t = line.trim();
            !t.is_empty() && (t.bytes().all(|b| b == b'=' || b == b' ') || t.bytes().all(|b| b == b'-' || b == b' '))
        };
        after_text =
            !line.trim().is_empty() && !definition && !underline && atx_heading(line).is_none() && !star_rule(line);
        if !definition {
            continue;
        }
        let t = line.trim_start();
        let Some(close) = t.find("]:") else { continue };
        let label = reference_key(&t[1..close]);
        let rest = t[close + 2..].trim();
        let (url, title) = match rest.split_once(char::is_whitespace) {
            Some((u, title)) => (u, title.trim().trim_matches(|c| c == '"' || c == '\'' || c == '(' || c == ')')),
            None => (rest, ""),
        };
        let url = url.trim_start_matches('<').trim_end_matches('>');
        out.entry(label).or_insert_with(|| (url.to_string(), title.to_string()));
    }
    out
}

/// The labels of the footnote definitions (`[^label]: …` at a line's start) of `text`, as
/// [`reference_key`]s.
pub fn footnote_labels(text: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let mut verbatim = Verbatim::default();
    for line in text.lines() {
        if verbatim.line(line) {
            continue;
        }
        let t = line.trim_start_matches(' ');
        if line.len() - t.len() > 3 {
            continue;
        }
        if let Some(rest) = t.strip_prefix("[^") {
            if let Some(close) = rest.find("]:") {
                if close > 0 && !rest[..close].contains(']') {
                    out.insert(reference_key(&rest[..close]));
                }
            }
        }
    }
    out
}

/// The labels written in footnote references (`[^label]`) anywhere in `text`.
pub fn footnote_references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("[^") {
        let after = &rest[i + 2..];
        // A label is short: look no further for its end (a text of unclosed `[^` would
        // otherwise be searched to its end once for each).
        let mut window = after.len().min(201);
        while !after.is_char_boundary(window) {
            window -= 1;
        }
        match after[..window].find(']') {
            Some(close) if close > 0 && close < 200 && !after[..close].contains(['[', '\n']) => {
                out.push(after[..close].to_string());
                rest = &after[close..];
            }
            _ => rest = after,
        }
    }
    out
}

/// A reference label as CommonMark matches it: case-folded, whitespace collapsed.
pub fn reference_key(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The preview of `text`, or `None` when the text is small enough to parse whole.
pub fn preview(text: &str) -> Option<Preview> {
    if text.len() < MIN_SIZE {
        return None;
    }
    let mut verbatim = Verbatim::default();
    let mut offset = 0;
    let mut cut = None;
    let mut blank_cut = None;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let inside = verbatim.line(line);
        if start < PREFIX || inside {
            continue;
        }
        if atx_heading(line).is_some() {
            cut = Some(start);
            break;
        }
        if blank_cut.is_none() && line.trim().is_empty() {
            blank_cut = Some(start);
        }
        if start > PREFIX * 4 && blank_cut.is_some() {
            break;
        }
    }
    let cut = cut.or(blank_cut)?;
    let mut out = String::with_capacity(cut + 64 * 1024);
    out.push_str(&text[..cut]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    let mut tail_headings = 0;
    let mut verbatim = Verbatim::default();
    for line in text[cut..].split('\n') {
        if verbatim.line(line) {
            continue;
        }
        // Empty headings are not sections; past a (generous) cap, the rest of the table of
        // contents comes with the full article.
        if let Some((level, title)) = atx_heading(line).filter(|(_, t)| !t.is_empty() && tail_headings < MAX_TAIL) {
            for _ in 0..level {
                out.push('#');
            }
            out.push(' ');
            out.push_str(title);
            out.push_str("\n\n");
            tail_headings += 1;
        } else if is_reference_definition(line) {
            out.push_str(line);
            out.push_str("\n\n");
        }
    }
    Some(Preview { text: out, tail_headings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::markdown;

    #[test]
    fn headings() {
        assert_eq!(atx_heading("## Title ##"), Some((2, "Title")));
        assert_eq!(atx_heading("#hashtag"), None);
        assert_eq!(atx_heading("    # code"), None);
        assert_eq!(atx_heading("#"), Some((1, "")));
        assert_eq!(atx_heading("# C#"), Some((1, "C#")));
    }

    #[test]
    fn small_texts_have_no_preview() {
        assert_eq!(preview("# a\n\ntext\n"), None);
    }

    #[test]
    fn same_title_and_section_tree_as_the_full_parse() {
        let text = crate::testgen::article(2 << 20, 3);
        let p = preview(&text).unwrap();
        assert!(p.text.len() < 600 * 1024, "{}", p.text.len());
        let full = markdown::parse(&text, "x");
        let quick = markdown::parse(&p.text, "x");
        assert_eq!(full.title, quick.title);
        let tree = |a: &crate::model::Article| {
            a.sections.iter().map(|s| (s.number.clone(), s.title.clone(), s.anchor.clone())).collect::<Vec<_>>()
        };
        assert_eq!(tree(&full), tree(&quick));
        // The blocks before the cut are the same blocks.
        let cut = quick.blocks.len() - p.tail_headings;
        assert_eq!(full.blocks[..cut], quick.blocks[..cut]);
    }

    #[test]
    fn fenced_hashes_are_not_headings() {
        let mut text = "x\n\n".repeat(PREFIX / 3 + 10);
        text.push_str("```\n# not a heading\n```\n\n# Real\n\nbody\n");
        text.push_str(&"y\n\n".repeat(MIN_SIZE / 3));
        let p = preview(&text).unwrap();
        assert_eq!(p.tail_headings, 1);
        assert!(
            p.text.trim_end().ends_with("```\n\n\n# Real"),
            "the cut is before the real heading: {:?}",
            &p.text[p.text.len() - 30..]
        );
    }
}
