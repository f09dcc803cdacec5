//! Tables: aligned columns with borders. When the natural widths do not fit, the widest columns
//! shrink first and their cells wrap; when even one cell per column cannot fit (or there are
//! too many columns), each row is shown as a list of `header: value` lines instead.

use super::width::display_width;
use super::{put_draft, put_prefix, put_wrapped, wrap_spans, Builder, Prefix, Role, NO_SRC};
use crate::model::{Align, Emphasis, Span, Table};

/// Most columns drawn as a grid.
const MAX_COLUMNS: usize = 64;

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
    let mut natural = vec![1usize; ncols];
    for row in std::iter::once(header).chain(rows.iter()) {
        for (c, &cell) in row.iter().enumerate() {
            natural[c] = natural[c].max(display_width(table.cell_text(cell)));
        }
    }
    let widths = fit(&natural, avail - chrome);
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
    for row in rows {
        put_row(b, i, table, row, &widths, Role::Body, prefix);
    }
    let end = rows.last().or(Some(header)).map_or(0, |r| row_end(r));
    border(b, "└", "┴", "┘", false, end);
}

/// Column widths that sum to at most `room`: columns wider than a common cap are cut to it.
fn fit(natural: &[usize], room: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= room {
        return natural.to_vec();
    }
    let (mut lo, mut hi) = (1usize, natural.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if natural.iter().map(|&w| w.min(mid)).sum::<usize>() <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<usize> = natural.iter().map(|&w| w.min(lo)).collect();
    let mut spare = room.saturating_sub(widths.iter().sum());
    for (w, &n) in widths.iter_mut().zip(natural) {
        if spare > 0 && *w < n {
            *w += 1;
            spare -= 1;
        }
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
    fn fit_shrinks_widest_first() {
        assert_eq!(fit(&[3, 20, 5], 100), vec![3, 20, 5]);
        let w = fit(&[3, 20, 5], 15);
        assert_eq!(w.iter().sum::<usize>(), 15);
        assert_eq!(w[0], 3);
        assert_eq!(w[2], 5);
    }
}
