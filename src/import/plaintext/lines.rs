//! From lines of copied text to raw blocks: how the text arrived (a browser's copy, one line
//! per paragraph, or a dump hard-wrapped at a width), which lines are structure (a framed
//! heading, a list item, a table row, a line with an edit button) and which join into
//! paragraphs.

use super::sites::{BULLETS, CHROME, DUMP_BULLETS, FRAME_STARS, WRAP_SLACK};

/// How the text arrived.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// A text dump (`lynx -dump`, html2text): `*`-framed headings, link text with `_` for
    /// spaces.
    pub dump: bool,
    /// The width lines were hard-wrapped at, when they were.
    pub wrap: Option<usize>,
}

/// What a raw block is, before it is read as part of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawKind {
    Text,
    /// A heading framed by stars, with its level (1 is the title).
    Frame(u8),
    /// A list item, at a depth (0 for the outermost).
    Item(u8),
    /// Tab-separated rows.
    Table(Vec<Vec<String>>),
}

/// A block of the copy: its text (edit button removed), how many times it came in a row, and
/// whether it carried an edit button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raw {
    pub text: String,
    pub count: u32,
    pub kind: RawKind,
    pub edit: bool,
}

impl Raw {
    fn new(text: String, kind: RawKind) -> Raw {
        let (text, edit) = match kind {
            RawKind::Table(_) => (text, false),
            _ => strip_edit_marker(&text),
        };
        Raw { text, count: 1, kind, edit }
    }
}

/// Tells how the text arrived, from the text alone.
pub fn shape(text: &str) -> Shape {
    let mut lines: Vec<&str> = Vec::new();
    let mut dump = false;
    for line in text.lines() {
        let t = line.trim();
        if frame(t).is_some() || t.contains("Jump_to_navigation") || t.contains("Jump_to_search") {
            dump = true;
        }
        lines.push(line.trim_end());
        if lines.len() >= 20_000 {
            break;
        }
    }
    Shape { dump, wrap: wrap_width(&lines) }
}

/// The width the text was hard-wrapped at: most long lines end within a few cells of it,
/// almost none goes past it, and some end in the middle of a sentence that the next line
/// carries on in lower case. `None` for text with a line per paragraph.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut long: Vec<usize> = lines.iter().map(|l| l.chars().count()).filter(|&l| l >= 30).collect();
    if long.len() < 4 {
        return None;
    }
    long.sort_unstable();
    let width = long[(long.len() * 95 / 100).min(long.len() - 1)];
    if width > 120 {
        return None;
    }
    let near = long.iter().filter(|&&l| l + WRAP_SLACK >= width && l <= width).count();
    let past = long.iter().filter(|&&l| l > width + 2).count();
    // Sentences cut at the margin: the surest sign of hard wrapping.
    let cut = lines
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[0], w[1].trim_start());
            a.chars().count() + WRAP_SLACK >= width
                && !ends_sentence(a)
                && b.chars().next().is_some_and(|c| c.is_lowercase())
        })
        .count();
    (near * 3 >= long.len() && past * 20 <= long.len() && cut >= 2).then_some(width)
}

/// `***** Heading *****`: the level (six stars are the title, level 1) and the heading.
pub fn frame(line: &str) -> Option<(u8, &str)> {
    let stars = line.len() - line.trim_start_matches('*').len();
    let end = line.len() - line.trim_end_matches('*').len();
    if !FRAME_STARS.contains(&stars) || stars != end || line.len() <= stars * 2 {
        return None;
    }
    let inner = &line[stars..line.len() - end];
    if !inner.starts_with(' ') || !inner.ends_with(' ') || inner.trim().is_empty() {
        return None;
    }
    Some((7 - stars as u8, inner.trim()))
}

/// A list item: its depth (by indentation) and its text without the bullet (`*` and `o` are
/// bullets in dumps only; a number `2.` stays, as the item's marker).
pub fn bullet(line: &str, dump: bool) -> Option<(u8, &str)> {
    let indent = line.len() - line.trim_start().len();
    let t = line.trim_start();
    let dump_bullets = if dump { DUMP_BULLETS } else { &[] };
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = (1..=3).contains(&digits) && t[digits..].starts_with(". ");
    // A numbered item keeps its number: it is the item's marker.
    let rest = if numbered { t } else { BULLETS.iter().chain(dump_bullets).find_map(|b| t.strip_prefix(b))? };
    if rest.trim().is_empty() {
        return None;
    }
    // html2text indents nested items by six more columns (and changes `*` to `o`).
    Some(((indent / 4).min(8) as u8, rest.trim()))
}

/// Whether a line is site chrome, dropped whole.
pub fn is_chrome(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 200 {
        return false;
    }
    let l = t.to_lowercase().replace('_', " ");
    CHROME.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => l.starts_with(prefix),
        None => l == *p,
    })
}

/// Removes a trailing edit-button artifact; returns the text and whether there was one.
/// Forms: `History[edit]`, `History [ edit ]`, `History [edit | edit source]`, `History edit`,
/// `History Edit`, and `HistoryEdit` glued after a lowercase letter, digit or bracket.
pub fn strip_edit_marker(line: &str) -> (String, bool) {
    let t = line.trim_end();
    if let Some(open) = t.strip_suffix(']').and_then(|s| s.rfind('[')) {
        let inner = t[open + 1..t.len() - 1].trim().to_lowercase();
        if matches!(inner.as_str(), "edit" | "edit | edit source" | "edit source" | "edit | edit source ]")
            && !t[..open].trim().is_empty()
        {
            return (t[..open].trim_end().to_string(), true);
        }
    }
    if t.split_whitespace().count() <= 13 && t.chars().count() <= 100 {
        for suffix in [" edit", " Edit"] {
            if let Some(s) = t.strip_suffix(suffix) {
                let s = s.trim_end();
                // A short line without final punctuation: a heading whatever its case.
                if !s.is_empty() && s.split_whitespace().count() <= 10 && !s.ends_with(['.', '!', ':', ';', ',']) {
                    return (s.to_string(), true);
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

/// A line that never joins the paragraph above it, nor takes the next one.
fn is_structure(line: &str, dump: bool) -> bool {
    let t = line.trim();
    t.is_empty() || frame(t).is_some() || bullet(line, dump).is_some() || is_chrome(t) || strip_edit_marker(t).1
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', ';', '"', '”', ')', ']'])
}

/// Whether line `b` continues the paragraph that line `a` ends: `a` was cut at the wrap width
/// (`b`'s first word would not have fitted), or `a` is a sentence cut short and `b` goes on
/// in lower case.
fn continues(a: &str, b: &str, shape: &Shape) -> bool {
    if is_structure(b, shape.dump) || b.contains('\t') {
        return false;
    }
    let first = b.split_whitespace().next().unwrap_or("");
    if let Some(w) = shape.wrap {
        if a.trim_end().chars().count() + 1 + first.chars().count() + WRAP_SLACK / 3 > w {
            return true;
        }
    }
    a.split_whitespace().count() >= 4
        && !ends_sentence(a)
        && first.chars().next().is_some_and(|c| c.is_lowercase() || c == '(')
}

/// Blocks of the text: paragraphs (lines joined when they continue one another), framed
/// headings, list items, tables of tab-separated rows. The same block again and again (a
/// flood of one line) is kept once with its count.
pub fn raw_blocks(text: &str, shape: &Shape) -> Vec<Raw> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Raw> = Vec::new();
    let mut push = |raw: Raw| match out.last_mut() {
        Some(last)
            if last.text == raw.text && last.kind == raw.kind && last.edit == raw.edit && last.count < u32::MAX =>
        {
            last.count += 1
        }
        _ => out.push(raw),
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        i += 1;
        if t.is_empty() {
            continue;
        }
        if line.contains('\t')
            && lines.get(i).is_some_and(|n| n.contains('\t') && !n.trim().is_empty())
            && !is_chrome(t)
        {
            let mut rows = vec![cells(line)];
            while let Some(n) = lines.get(i).filter(|n| n.contains('\t') && !n.trim().is_empty()) {
                rows.push(cells(n));
                i += 1;
            }
            push(Raw::new(String::new(), RawKind::Table(rows)));
            continue;
        }
        if let Some((level, inner)) = frame(t) {
            push(Raw::new(inner.to_string(), RawKind::Frame(level)));
            continue;
        }
        let (mut text, kind) = match bullet(line, shape.dump) {
            Some((depth, rest)) if shape.dump || !rest.ends_with(':') => (rest.to_string(), RawKind::Item(depth)),
            _ => (t.to_string(), RawKind::Text),
        };
        if !is_structure(line, shape.dump) || matches!(kind, RawKind::Item(_)) {
            let mut last = line;
            while let Some(&next) = lines.get(i) {
                if !continues(last, next, shape) {
                    break;
                }
                text.push(' ');
                text.push_str(next.trim());
                last = next;
                i += 1;
            }
        }
        push(Raw::new(text, kind));
    }
    out
}

fn cells(line: &str) -> Vec<String> {
    line.trim_end_matches(['\r', '\n']).split('\t').map(|c| c.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_markers() {
        let s = |t: &str| strip_edit_marker(t);
        assert_eq!(s("Islamic State Khorasan ProvinceEdit"), ("Islamic State Khorasan Province".into(), true));
        assert_eq!(s("History[edit]"), ("History".into(), true));
        assert_eq!(s("History [ edit ]"), ("History".into(), true));
        assert_eq!(s("r/K selection[edit]"), ("r/K selection".into(), true));
        assert_eq!(s("History edit"), ("History".into(), true));
        assert_eq!(s("early life edit"), ("early life".into(), true));
        assert_eq!(s("Early life Edit"), ("Early life".into(), true));
        assert_eq!(s("We edit."), ("We edit.".into(), false));
        assert_eq!(s("PostEdit"), ("Post".into(), true));
        assert_eq!(s("EDIT"), ("EDIT".into(), false));
    }

    #[test]
    fn frames_and_bullets() {
        assert_eq!(frame("****** Population growth ******"), Some((1, "Population growth")));
        assert_eq!(frame("**** Doubling time ****"), Some((3, "Doubling time")));
        assert_eq!(frame("***"), None);
        assert_eq!(frame("**bold**"), None);
        assert_eq!(bullet("    * 1_Fundamentals", true), Some((1, "1_Fundamentals")));
        assert_eq!(bullet("          o 2.1_Doubling_time", true), Some((2, "2.1_Doubling_time")));
        assert_eq!(bullet("o a", false), None);
        assert_eq!(bullet("• Deep ecology", false), Some((0, "Deep ecology")));
        assert_eq!(bullet("-5 degrees", false), None);
        assert_eq!(bullet("   2. ^ Tamsin, G.", true), Some((0, "2. ^ Tamsin, G.")));
        assert_eq!(bullet("2.5 litres", false), None);
    }

    #[test]
    fn wrapped_text_is_told_from_a_line_per_paragraph() {
        let wrapped = "A line of prose that goes on until it reaches the margin at\nseventy-two columns or so, and then the next line picks the sentence\nup again and carries it on to the margin once more, as dumps do it\nwhen they write a page out for a terminal of that width, line by\nline.\n";
        assert_eq!(shape(wrapped).wrap, Some(68));
        let copy = format!("{}\n{}\n", "word ".repeat(60), "more ".repeat(50));
        assert_eq!(shape(&copy).wrap, None);
        assert!(shape("****** T ******\nx\n").dump && !shape(wrapped).dump);
    }
}
