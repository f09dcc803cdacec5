//! A quick preview of a big Markdown article, so the first screen appears at once while the
//! full article is parsed in the background.
//!
//! The preview is the article's beginning (cut before a heading, outside code fences) followed
//! by every later heading found by a fast line scan, and the link reference definitions (so
//! links in the beginning resolve). Parsed like any Markdown, it has the article's title and
//! complete section tree; only the text after the cut is missing until the full parse lands.

/// Articles smaller than this are parsed whole: it is fast enough.
pub const MIN_SIZE: usize = 512 * 1024;

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
        None if n >= 3 => {
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

/// An ATX heading line (`## Title ##`): its level and text.
pub fn atx_heading(line: &str) -> Option<(usize, &str)> {
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

/// A link reference definition line (`[id]: https://…`).
fn is_reference_definition(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    line.len() - t.len() <= 3
        && t.starts_with('[')
        && !t.starts_with("[^")
        && t.find("]:").is_some_and(|i| i > 1 && !t[..i].contains(']'))
}

/// Splits a big text into pieces of about `target` bytes that parse independently: each cut
/// is before a heading at the start of a line, after a blank line, outside code fences (such a
/// heading ends any open list, quote or paragraph).
pub fn chunks(text: &str, target: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut fence: Fence = None;
    let (mut start, mut offset) = (0, 0);
    let mut prev_blank = false;
    for line in text.split_inclusive('\n') {
        let in_fence = fence_line(line, &mut fence);
        if !in_fence && prev_blank && offset - start >= target && line.starts_with('#') && atx_heading(line).is_some() {
            out.push(&text[start..offset]);
            start = offset;
        }
        prev_blank = !in_fence && line.trim().is_empty();
        offset += line.len();
    }
    out.push(&text[start..]);
    out
}

/// Link reference definitions (`[id]: url "title"`), keyed by their normalised label, so a
/// text parsed in pieces still resolves a reference defined in another piece.
pub fn reference_definitions(text: &str) -> std::collections::HashMap<String, (String, String)> {
    let mut out = std::collections::HashMap::new();
    let mut fence: Fence = None;
    for line in text.lines() {
        if fence_line(line, &mut fence) || !is_reference_definition(line) {
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

/// A reference label as CommonMark matches it: case-folded, whitespace collapsed.
pub fn reference_key(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The preview of `text`, or `None` when the text is small enough to parse whole.
pub fn preview(text: &str) -> Option<Preview> {
    if text.len() < MIN_SIZE {
        return None;
    }
    let mut fence: Fence = None;
    let mut offset = 0;
    let mut cut = None;
    let mut blank_cut = None;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let in_fence = fence_line(line, &mut fence);
        if start < PREFIX || in_fence {
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
    let mut fence: Fence = None;
    for line in text[cut..].split('\n') {
        if fence_line(line, &mut fence) {
            continue;
        }
        if let Some((level, title)) = atx_heading(line) {
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
