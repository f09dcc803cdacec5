//! Tables: aligned columns with borders. Column widths come from the content: each column
//! wants its widest cell and needs its longest word; when not every column gets what it
//! wants, the room beyond what they need is shared in proportion to what they miss, and cells
//! wrap between words (rows of several lines are separated by a rule). A table whose words
//! alone do not fit is drawn at that width anyway, wider than the pane, and scrolls sideways
//! (`<`, `>`): words are never broken. Only a table with more columns than can ever be drawn
//! (or a pane too narrow for its borders) is shown as `header: value` lines instead.

use super::width::display_width;
use super::{put_draft, put_prefix, put_wrapped, wrap_spans, Builder, Prefix, Role, NO_SRC};
use crate::model::{Align, Emphasis, Span, Table};

/// Most columns drawn as a grid.
const MAX_COLUMNS: usize = 64;

/// The widest word a column makes room for.
const MAX_WORD: usize = 160;

pub(super) fn put_table(b: &mut Builder, i: usize, table: &Table, prefix: &Prefix, avail: usize) {
    let (header, rows) = (&table.header, &table.rows);
    let ncols = rows.iter().map(Vec::len).chain(std::iter::once(header.len())).max().unwrap_or(0);
    if ncols == 0 {
        put_prefix(b, prefix, true);
        b.end_line(i, 0);
        return;
    }
    let chrome = 3 * ncols + 1;
    if ncols > MAX_COLUMNS || avail < chrome + ncols {
        put_as_list(b, i, table, prefix, avail);
        return;
    }
    let (mut need, mut want) = (vec![1usize; ncols], vec![1usize; ncols]);
    for row in std::iter::once(header).chain(rows.iter()) {
        for (c, &cell) in row.iter().enumerate() {
            let text = table.cell_text(cell);
            want[c] = want[c].max(text.split('\n').map(display_width).max().unwrap_or(0));
            // A "word" longer than this (a long address) may still break.
            need[c] = need[c].max(text.split_whitespace().map(display_width).max().unwrap_or(0).min(MAX_WORD));
        }
    }
    let widths = fit(&need, &want, avail.saturating_sub(chrome));
    // Rows of more than one line are told apart by a rule between them.
    let height = |row: &[(u32, u32)]| {
        widths
            .iter()
            .enumerate()
            .map(|(c, &w)| {
                let spans: Vec<Span> =
                    row.get(c).map(|&(a, e)| table.text.spans_in(a, e).collect()).unwrap_or_default();
                wrap_spans(&spans, w).len()
            })
            .max()
            .unwrap_or(1)
    };
    let ruled = rows.iter().any(|r| height(r) > 1);
    // Border rows carry the offset of the text after them, so rows' offsets never decrease.
    let border = |b: &mut Builder, l: &str, m: &str, r: &str, first: bool, src: u32| {
        put_prefix(b, prefix, first);
        let mut s = String::from(l);
        for (c, w) in widths.iter().enumerate() {
            s.push_str(&"─".repeat(w + 2));
            s.push_str(if c + 1 == widths.len() { r } else { m });
        }
        b.push(&s, Role::TableBorder, Emphasis::default(), None, NO_SRC);
        b.end_line(i, src);
    };
    border(b, "┌", "┬", "┐", true, 0);
    let row_end = |row: &[(u32, u32)]| row.last().map_or(0, |c| c.1 + 1);
    if !header.is_empty() {
        put_row(b, i, table, header, &widths, Role::TableHeader, prefix);
        if !rows.is_empty() {
            border(b, "├", "┼", "┤", false, row_end(header));
        }
    }
    for (n, row) in rows.iter().enumerate() {
        if ruled && n > 0 {
            border(b, "├", "┼", "┤", false, row.first().map_or(0, |c| c.0));
        }
        put_row(b, i, table, row, &widths, Role::Body, prefix);
    }
    let end = rows.last().or(Some(header)).map_or(0, |r| row_end(r));
    border(b, "└", "┴", "┘", false, end);
}

/// Column widths for `room` cells: what each column wants when all of that fits; else what
/// each needs plus a share of the rest in proportion to what it still misses; else (not even
/// the needs fit, so the table scrolls anyway) what each wants up to [`SCROLLED_COLUMN`]
/// cells, so that rows stay a few lines tall instead of a word a line.
/// The widest a column is made in a table that scrolls sideways.
const SCROLLED_COLUMN: usize = 30;

fn fit(need: &[usize], want: &[usize], room: usize) -> Vec<usize> {
    let want: Vec<usize> = want.iter().zip(need).map(|(&w, &n)| w.max(n)).collect();
    if want.iter().sum::<usize>() <= room {
        return want;
    }
    let needed: usize = need.iter().sum();
    if needed >= room {
        return want.iter().zip(need).map(|(&w, &n)| w.min(SCROLLED_COLUMN).max(n)).collect();
    }
    let spare = room - needed;
    let missing: usize = want.iter().zip(need).map(|(w, n)| w - n).sum();
    let mut widths: Vec<usize> = need.iter().zip(&want).map(|(&n, &w)| n + (w - n) * spare / missing.max(1)).collect();
    // What the rounding left over goes to the columns that still miss most.
    let mut left = room.saturating_sub(widths.iter().sum());
    while left > 0 {
        let Some(c) = (0..widths.len()).filter(|&c| widths[c] < want[c]).max_by_key(|&c| want[c] - widths[c]) else {
            break;
        };
        widths[c] += 1;
        left -= 1;
    }
    widths
}

fn put_row(
    b: &mut Builder,
    i: usize,
    table: &Table,
    row: &[(u32, u32)],
    widths: &[usize],
    role: Role,
    prefix: &Prefix,
) {
    // A row shows from its first cell (or, when it shows no text, from its end).
    let row_src = row.first().map_or(0, |c| c.0);
    let cells: Vec<(Vec<Span>, Vec<super::DraftLine>)> = widths
        .iter()
        .enumerate()
        .map(|(c, &w)| {
            let spans: Vec<Span> = row.get(c).map(|&(a, e)| table.text.spans_in(a, e).collect()).unwrap_or_default();
            let drafts = wrap_spans(&spans, w);
            (spans, drafts)
        })
        .collect();
    let height = cells.iter().map(|(_, d)| d.len()).max().unwrap_or(1);
    for n in 0..height {
        put_prefix(b, prefix, false);
        let mut col = b.col;
        let mut line_src = u32::MAX;
        b.push("│", Role::TableBorder, Emphasis::default(), None, NO_SRC);
        for (c, (spans, drafts)) in cells.iter().enumerate() {
            let w = widths[c];
            let content = drafts.get(n);
            let cw = content.map(|d| draft_width(spans, d)).unwrap_or(0);
            let pad = w.saturating_sub(cw);
            let lead = match table.aligns.get(c).copied().unwrap_or(Align::Left) {
                Align::Left => 0,
                Align::Right => pad,
                Align::Center => pad / 2,
            };
            b.pad_to(col + 2 + lead as u16);
            if let Some(d) = content {
                if let Some(src) = put_draft(b, spans, d, role) {
                    line_src = line_src.min(src);
                }
            }
            col += (w + 3) as u16;
            b.pad_to(col);
            b.push("│", Role::TableBorder, Emphasis::default(), None, NO_SRC);
        }
        b.end_line(i, if line_src == u32::MAX { row_src } else { line_src });
    }
}

fn draft_width(spans: &[Span], d: &super::DraftLine) -> usize {
    d.iter()
        .map(|p| match p {
            Some(p) if p.placeholder => 1,
            Some(p) => display_width(&spans[p.span as usize].text[p.start as usize..p.end as usize]),
            None => 1,
        })
        .sum()
}

/// The narrow fallback: each row as `header: value` lines, rows separated by a thin rule.
fn put_as_list(b: &mut Builder, i: usize, table: &Table, prefix: &Prefix, avail: usize) {
    let labels: Vec<String> = table.header.iter().map(|&h| format!("{}: ", table.cell_text(h))).collect();
    for (r, row) in table.rows.iter().enumerate() {
        if r > 0 {
            put_prefix(b, prefix, false);
            b.push(&"┄".repeat(avail.min(8)), Role::TableBorder, Emphasis::default(), None, NO_SRC);
            b.end_line(i, row.first().map_or(0, |c| c.0));
        }
        for (c, &(a, e)) in row.iter().enumerate() {
            let mut spans = Vec::new();
            if let Some(label) = labels.get(c) {
                spans.push(Span::label(label, Emphasis(Emphasis::BOLD)));
            }
            spans.extend(table.text.spans_in(a, e));
            put_wrapped(b, i, &spans, Role::Body, prefix, avail, a);
        }
    }
    if table.rows.is_empty() {
        let spans: Vec<Span> = table.header.iter().flat_map(|&(a, e)| table.text.spans_in(a, e)).collect();
        put_wrapped(b, i, &spans, Role::TableHeader, prefix, avail, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn columns_get_what_they_want_need_or_a_fair_share() {
        assert_eq!(fit(&[3, 5, 2], &[3, 20, 5], 100), vec![3, 20, 5], "all of it fits");
        let w = fit(&[3, 5, 2], &[3, 20, 5], 15);
        assert_eq!(w.iter().sum::<usize>(), 15);
        assert!(w[0] == 3 && w[1] >= 5 && w[2] >= 2, "{w:?}: no column below its longest word");
        assert!(w[1] > w[2], "{w:?}: the column missing most gets most");
        assert_eq!(fit(&[12, 12], &[40, 40], 10), vec![30, 30], "words never break: wider than the room");
        assert_eq!(fit(&[12, 3], &[40, 3], 10), vec![30, 3], "a column is never wider than it wants");
        assert_eq!(fit(&[35, 3], &[40, 3], 10), vec![35, 3], "nor narrower than its longest word");
    }
}
