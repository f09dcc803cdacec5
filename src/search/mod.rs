//! In-article search on the model's text, mapped to screen rows and columns through the
//! layout's run offsets (so a resize needs no re-scan), and fuzzy ranking for the finders.

pub mod fuzzy;

use regex::{Regex, RegexBuilder};

use crate::layout::width::display_width;
use crate::layout::{PageLayout, View, NO_SRC};
use crate::model::{block_text, Article};

/// Longest pattern accepted; a longer paste is cut here.
pub const MAX_PATTERN: usize = 1000;

/// A match: a byte range of one block's text ([`block_text`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub block: u32,
    pub start: u32,
    pub end: u32,
}

/// A literal pattern with smart case: all lower case matches any case.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    if pattern.is_empty() {
        return Err("empty pattern".to_string());
    }
    let smart_insensitive = !pattern.chars().any(char::is_uppercase);
    RegexBuilder::new(&regex::escape(pattern))
        .case_insensitive(smart_insensitive)
        .size_limit(1 << 20)
        .dfa_size_limit(1 << 22)
        .build()
        .map_err(|_| "pattern too long".to_string())
}

/// Every match in the article, in document order.
pub fn find(article: &Article, re: &Regex) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (i, block) in article.blocks.iter().enumerate() {
        let text = block_text(block);
        for m in re.find_iter(text) {
            if m.start() == m.end() {
                continue;
            }
            hits.push(Hit { block: i as u32, start: m.start() as u32, end: m.end() as u32 });
        }
    }
    hits
}

/// The row where a match starts.
pub fn hit_row(layout: &PageLayout, hit: &Hit) -> usize {
    layout.row_of(hit.block as usize, hit.start)
}

/// The cells of `row` covered by matches: (column, width) pairs. A match that wraps onto the
/// next row is covered on both rows.
pub fn highlights(view: &View, row: usize, hits: &[Hit]) -> Vec<(u16, u16)> {
    let Some(block) = view.block(row) else { return Vec::new() };
    let first = hits.partition_point(|h| h.block < block);
    let mut out = Vec::new();
    for hit in hits[first..].iter().take_while(|h| h.block == block) {
        for (text, run) in view.row(row) {
            if run.src() == NO_SRC {
                continue;
            }
            let (rs, re) = (run.src(), run.src() + text.len() as u32);
            let (a, b) = (hit.start.max(rs), hit.end.min(re));
            if a >= b {
                continue;
            }
            let (a, b) = (floor_boundary(text, (a - rs) as usize), ceil_boundary(text, (b - rs) as usize));
            let col = run.col + display_width(&text[..a]) as u16;
            let w = display_width(&text[a..b]) as u16;
            if w > 0 {
                out.push((col, w));
            }
        }
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::markdown;
    use crate::layout::layout;

    #[test]
    fn smart_case() {
        let a = markdown::parse("Kabul and kabul and KABUL\n", "t");
        assert_eq!(find(&a, &compile("kabul").unwrap()).len(), 3);
        assert_eq!(find(&a, &compile("Kabul").unwrap()).len(), 1);
    }

    #[test]
    fn literal_not_regex() {
        let a = markdown::parse("a.b axb (a*)*b\n", "t");
        assert_eq!(find(&a, &compile("a.b").unwrap()).len(), 1);
        assert_eq!(find(&a, &compile("(a*)*b").unwrap()).len(), 1);
    }

    #[test]
    fn across_styles_and_wraps() {
        let a = markdown::parse("one **bo**ld two three four five six seven\n", "t");
        let hits = find(&a, &compile("bold two").unwrap());
        assert_eq!(hits.len(), 1);
        let l = layout(&a, 8);
        let row = hit_row(&l, &hits[0]);
        assert_eq!(l.row_text(&a, row), "one bold");
        assert_eq!(highlights(&l.view(&a, row..row + 1), row, &hits), vec![(4, 2), (6, 2)]);
        assert_eq!(highlights(&l.view(&a, row + 1..row + 2), row + 1, &hits), vec![(0, 3)]);
    }

    #[test]
    fn wide_and_multibyte_columns() {
        let a = markdown::parse("漢字 café 東京\n", "t");
        let hits = find(&a, &compile("東京").unwrap());
        let l = layout(&a, 40);
        let row = hit_row(&l, &hits[0]);
        assert_eq!(highlights(&l.view(&a, row..row + 1), row, &hits), vec![(10, 4)]);
        assert_eq!(find(&a, &compile("café").unwrap()).len(), 1);
        assert_eq!(find(&a, &compile("CAFÉ").unwrap()).len(), 0, "upper case: case-sensitive");
    }

    #[test]
    fn tables_code_and_headings_are_searched() {
        let a = markdown::parse("# T\n\n## Kabul\n\n| a | Kabul |\n|---|---|\n| x | y |\n\n```\nkabul()\n```\n", "t");
        let hits = find(&a, &compile("kabul").unwrap());
        assert_eq!(hits.len(), 3);
        for width in [10u16, 40, 80] {
            let l = layout(&a, width);
            for h in &hits {
                let row = hit_row(&l, h);
                assert!(
                    !highlights(&l.view(&a, row..row + 1), row, &hits).is_empty(),
                    "width {width} row {row}: {:?}",
                    l.row_text(&a, row)
                );
            }
        }
    }
}
