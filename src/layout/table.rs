//! Tables: aligned columns with borders. When the natural widths do not fit, the widest columns
//! shrink first and their cells wrap; when even one cell per column cannot fit (or there are
//! too many columns), each row is shown as a list of `header: value` lines instead.

use super::width::display_width;
use super::{put_draft, put_prefix, put_wrapped, wrap_spans, Builder, Prefix, Role};
use crate::model::{Align, Article, Emphasis, Span};

/// Most columns drawn as a grid.
const MAX_COLUMNS: usize = 64;

pub(super) fn put_table(
    b: &mut Builder,
    i: usize,
    aligns: &[Align],
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    prefix: &Prefix,
    avail: usize,
) {
    let ncols = rows.iter().map(Vec::len).chain(std::iter::once(header.len())).max().unwrap_or(0);
    if ncols == 0 {
        put_prefix(b, prefix, true);
        b.end_line(i, 0);
        return;
    }
    let chrome = 3 * ncols + 1;
    if ncols > MAX_COLUMNS || avail < chrome + ncols {
        put_as_list(b, i, header, rows, prefix, avail);
        return;
    }
    let mut natural = vec![1usize; ncols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (c, cell) in row.iter().enumerate() {
            let w: usize = cell.iter().map(|s| display_width(&s.text)).sum();
            natural[c] = natural[c].max(w);
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
        b.push(&s, Role::TableBorder, Emphasis::default(), None, super::NO_SRC);
        b.end_line(i, src);
    };
    border(b, "┌", "┬", "┐", true, 0);
    // Cell text offsets follow model::block_text: every cell, then one separator byte.
    let mut base = 0u32;
    if !header.is_empty() {
        put_row(b, i, header, &widths, aligns, Role::TableHeader, prefix, &mut base);
        if !rows.is_empty() {
            border(b, "├", "┼", "┤", false, base);
        }
    }
    for row in rows {
        put_row(b, i, row, &widths, aligns, Role::Body, prefix, &mut base);
    }
    border(b, "└", "┴", "┘", false, base);
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

#[allow(clippy::too_many_arguments)]
fn put_row(
    b: &mut Builder,
    i: usize,
    row: &[Vec<Span>],
    widths: &[usize],
    aligns: &[Align],
    role: Role,
    prefix: &Prefix,
    base: &mut u32,
) {
    let empty: Vec<Span> = Vec::new();
    let mut bases = Vec::with_capacity(widths.len());
    for c in 0..widths.len() {
        bases.push(*base);
        if let Some(cell) = row.get(c) {
            *base += cell.iter().map(|s| s.text.len() as u32).sum::<u32>() + 1;
        }
    }
    let cells: Vec<(&[Span], Vec<super::DraftLine>)> = widths
        .iter()
        .enumerate()
        .map(|(c, &w)| {
            let spans = row.get(c).unwrap_or(&empty).as_slice();
            (spans, wrap_spans(spans, w))
        })
        .collect();
    let height = cells.iter().map(|(_, d)| d.len()).max().unwrap_or(1);
    for n in 0..height {
        put_prefix(b, prefix, false);
        let mut col = b.col;
        // The row's offset: its first cell text (the row's end offset if it shows none).
        let mut line_src = *base;
        b.push("│", Role::TableBorder, Emphasis::default(), None, super::NO_SRC);
        for (c, (spans, drafts)) in cells.iter().enumerate() {
            let w = widths[c];
            let content = drafts.get(n);
            let cw = content.map(|d| draft_width(spans, d)).unwrap_or(0);
            let pad = w.saturating_sub(cw);
            let lead = match aligns.get(c).copied().unwrap_or(Align::Left) {
                Align::Left => 0,
                Align::Right => pad,
                Align::Center => pad / 2,
            };
            b.pad_to(col + 2 + lead as u16);
            if let Some(d) = content {
                if let Some(src) = put_draft(b, spans, d, role, bases[c]) {
                    line_src = line_src.min(src);
                }
            }
            col += (w + 3) as u16;
            b.pad_to(col);
            b.push("│", Role::TableBorder, Emphasis::default(), None, super::NO_SRC);
        }
        b.end_line(i, line_src);
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
fn put_as_list(
    b: &mut Builder,
    i: usize,
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    prefix: &Prefix,
    avail: usize,
) {
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            put_prefix(b, prefix, false);
            b.push(&"┄".repeat(avail.min(8)), Role::TableBorder, Emphasis::default(), None, super::NO_SRC);
            b.end_line(i, 0);
        }
        for (c, cell) in row.iter().enumerate() {
            let mut spans = Vec::with_capacity(cell.len() + 1);
            if let Some(h) = header.get(c) {
                let name = Article::spans_text(h);
                spans.push(Span { text: format!("{name}: "), style: Emphasis(Emphasis::BOLD), link: None });
            }
            spans.extend(cell.iter().cloned());
            put_wrapped(b, i, &spans, Role::Body, prefix, avail);
        }
    }
    if rows.is_empty() {
        put_wrapped(b, i, &header.concat(), Role::TableHeader, prefix, avail);
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
