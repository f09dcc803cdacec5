//! Code blocks: a framed block (a bar on each row, the language as a label above) whose lines
//! are never re-flowed. A line wider than the pane wraps onto more rows that start with `↪`,
//! or — with wrapping off — runs on, to be scrolled sideways; no character is ever dropped.
//! Tabs reach the next stop; the text between them points into the article.

use unicode_segmentation::UnicodeSegmentation;

use super::width::{grapheme_width, TAB};
use super::{put_prefix, Builder, Prefix, Role, NO_SRC};
use crate::model::Emphasis;

/// The bar before each row of a code block in the reader, and the indent in plain text.
const BAR: &str = "▌ ";
const PLAIN_INDENT: &str = "    ";
/// The mark that starts a row continuing the line above.
pub const CONTINUED: &str = "↪ ";
/// With wrapping off, a line still wraps beyond this many cells (a run of 64K cells cannot be
/// scrolled to).
const MAX_RUN_ON: usize = 4000;

/// One piece of a row: text of the line (byte range) or spaces standing for a tab.
enum Seg {
    Text(usize, usize),
    Spaces(usize),
}

/// Cuts `line` into rows: the first at most `first` cells wide, the others at most `rest`.
/// Returns each row's pieces and the byte offset where it starts.
fn cut_line(line: &str, first: usize, rest: usize) -> Vec<(usize, Vec<Seg>)> {
    let mut rows: Vec<(usize, Vec<Seg>)> = Vec::new();
    let (mut row_start, mut cur): (usize, Vec<Seg>) = (0, Vec::new());
    let (mut col, mut row_w) = (0usize, 0usize);
    let mut limit = first.max(1);
    let mut at = 0usize;
    for (k, part) in line.split('\t').enumerate() {
        if k > 0 {
            let spaces = TAB - col % TAB;
            col += spaces;
            if row_w + spaces > limit {
                // The tab reaches past the row's end: the next row starts at the text after it.
                rows.push((row_start, std::mem::take(&mut cur)));
                (row_start, row_w, limit) = (at + 1, 0, rest.max(1));
            } else {
                cur.push(Seg::Spaces(spaces));
                row_w += spaces;
            }
            at += 1;
        }
        let mut start = at;
        // The last place in this row where a cut reads well (after a space or a separator),
        // and the row's width up to it.
        let mut soft: Option<(usize, usize)> = None;
        for (gi, g) in part.grapheme_indices(true) {
            let gw = grapheme_width(g);
            if row_w + gw > limit && row_w > 0 {
                // Cut at the soft place when it keeps most of the row; else where the row is full.
                let (cut, cut_w) = match soft {
                    Some((b, w)) if b > start && w * 5 >= limit * 3 => (b, w),
                    _ => (at + gi, row_w),
                };
                if cut > start {
                    cur.push(Seg::Text(start, cut));
                }
                rows.push((row_start, std::mem::take(&mut cur)));
                (row_start, row_w, limit) = (cut, row_w - cut_w, rest.max(1));
                start = cut;
                soft = None;
            }
            row_w += gw;
            col += gw;
            if matches!(g, " " | "," | ";" | "/" | "&" | "|" | "." | "-" | "(") {
                soft = Some((at + gi + g.len(), row_w));
            }
        }
        if at + part.len() > start {
            cur.push(Seg::Text(start, at + part.len()));
        }
        at += part.len();
    }
    rows.push((row_start, cur));
    rows
}

/// Lays out a code block (or any preformatted text, with `role`): `avail` is the room after
/// the containers' prefix.
pub(super) fn put_code(b: &mut Builder, i: usize, text: &str, lang: &str, role: Role, prefix: &Prefix, avail: usize) {
    let plain = b.measure.plain;
    let frame = if plain { PLAIN_INDENT } else { BAR };
    let frame_w = frame.chars().count();
    let lang = crate::model::code_language(lang);
    if !plain && !lang.is_empty() && role == Role::Code {
        put_prefix(b, prefix, true);
        b.push(BAR, Role::CodeFrame, Emphasis::default(), None, NO_SRC);
        b.push(lang, Role::CodeFrame, Emphasis(Emphasis::ITALIC), None, NO_SRC);
        b.end_line(i, 0);
    }
    let room = avail.saturating_sub(frame_w).max(1);
    // `↪ ` is two cells: the rows after the first have two fewer.
    let (first, rest) =
        if b.measure.wrap_code || plain { (room, room.saturating_sub(2).max(1)) } else { (MAX_RUN_ON, MAX_RUN_ON - 2) };
    let mut src = 0u32;
    let mut first_row = true;
    for line in text.split('\n') {
        for (n, (start, segs)) in cut_line(line, first, rest).into_iter().enumerate() {
            put_prefix(b, prefix, first_row);
            first_row = false;
            b.push(frame, Role::CodeFrame, Emphasis::default(), None, NO_SRC);
            if n > 0 {
                b.push(CONTINUED, Role::Dim, Emphasis::default(), None, NO_SRC);
            }
            for seg in segs {
                match seg {
                    Seg::Text(a, e) => b.push(&line[a..e], role, Emphasis::default(), None, src + a as u32),
                    Seg::Spaces(n) => b.push(&" ".repeat(n), role, Emphasis::default(), None, NO_SRC),
                }
            }
            b.end_line(i, src + start as u32);
        }
        src += line.len() as u32 + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(line: &str, first: usize, rest: usize) -> Vec<String> {
        cut_line(line, first, rest)
            .into_iter()
            .map(|(_, segs)| {
                segs.iter()
                    .map(|s| match s {
                        Seg::Text(a, e) => line[*a..*e].to_string(),
                        Seg::Spaces(n) => " ".repeat(*n),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn lines_are_cut_never_clipped() {
        assert_eq!(rows("abcdefghij", 4, 3), ["abcd", "efg", "hij"]);
        assert_eq!(rows("a\tb", 10, 10), ["a   b"]);
        assert_eq!(rows("漢字漢字", 3, 3), ["漢", "字", "漢", "字"]);
        assert_eq!(rows("", 5, 5), [""]);
        let all: String = rows("let x = some_function(argument_one, argument_two);", 12, 10).concat();
        assert_eq!(all, "let x = some_function(argument_one, argument_two);");
    }
}
