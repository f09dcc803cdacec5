//! Layout properties over generated Markdown at random widths.

use folio::import::markdown;
use folio::layout::{layout, width::display_width, Role};
use folio::model::BlockKind;
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,12}",
        "[A-Z][a-z]{0,8}",
        Just("漢字テキスト".to_string()),
        Just("👩\u{200d}🔬".to_string()),
        Just("e\u{301}te\u{301}".to_string()),
        Just("supercalifragilisticexpialidocious-and-then-some".to_string()),
        "[a-z]{1,6}".prop_map(|w| format!("*{w}*")),
        "[a-z]{1,6}".prop_map(|w| format!("**{w}**")),
        "[a-z]{1,6}".prop_map(|w| format!("`{w}`")),
        "[a-z]{1,6}".prop_map(|w| format!("[{w} link](x.md)")),
        "[a-z]{1,6}".prop_map(|w| format!("[[{w}]]")),
    ]
}

fn line() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just(""),
            Just("# "),
            Just("## "),
            Just("#### "),
            Just("> "),
            Just("- "),
            Just("1. "),
            Just("  - "),
            Just("> > ")
        ],
        prop::collection::vec(word(), 1..30),
    )
        .prop_map(|(p, ws)| format!("{p}{}", ws.join(" ")))
}

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![4 => line(), 1 => Just(String::new()), 1 => Just("| a | b |\n|---|---|\n| x y z | w |".to_string())], 1..25)
        .prop_map(|ls| ls.join("\n"))
}

fn non_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_line_wider_than_width(src in doc(), width in 1u16..120) {
        let a = markdown::parse(&src, "t");
        let l = layout(&a, width);
        let v = l.view(&a, 0..l.len());
        for row in 0..l.len() {
            // A table whose words do not fit is drawn wider, to scroll sideways: only tables.
            let block = v.block(row).unwrap();
            if l.overflows(block) {
                prop_assert!(matches!(a.blocks[block as usize].kind, BlockKind::Table(_)));
                continue;
            }
            let mut end = 0u16;
            for (text, run) in v.row(row) {
                prop_assert!(run.col >= end, "runs overlap on row {}", row);
                prop_assert_eq!(display_width(text), run.width as usize);
                end = run.col + run.width;
            }
            prop_assert!(end <= width, "row {} is {} wide at width {}: {:?}", row, end, width, v.row_text(row));
        }
    }

    #[test]
    fn no_word_lost(src in doc(), width in 4u16..120) {
        let a = markdown::parse(&src, "t");
        let l = layout(&a, width);
        let v = l.view(&a, 0..l.len());
        for (i, block) in a.blocks.iter().enumerate() {
            let inline = match &block.kind {
                BlockKind::Paragraph(s) | BlockKind::Heading { text: s, .. } => s,
                _ => continue,
            };
            let want = non_space(&inline.text);
            let mut got = String::new();
            for row in 0..l.len() {
                if l.line(row).unwrap().block as usize != i { continue; }
                for (text, run) in v.row(row) {
                    if !matches!(run.role, Role::Marker | Role::QuoteBar) { got.push_str(text); }
                }
            }
            prop_assert_eq!(non_space(&got), want);
        }
    }

    #[test]
    fn section_rows_increase_and_fit(src in doc(), width in 1u16..120) {
        let a = markdown::parse(&src, "t");
        let l = layout(&a, width);
        prop_assert_eq!(l.section_rows.len(), a.sections.len());
        for w in l.section_rows.windows(2) {
            prop_assert!(w[0] < w[1]);
        }
        for &r in &l.section_rows {
            prop_assert!((r as usize) < l.len());
        }
    }

    /// A slice of rows shows exactly what the whole page shows there, whether the layout kept
    /// a block's runs or the slice lays the block out again.
    #[test]
    fn any_slice_shows_the_same_rows(src in doc(), width in 1u16..120, from in 0usize..400, len in 1usize..40) {
        let a = markdown::parse(&src, "t");
        let l = layout(&a, width);
        let all = folio::layout::layout_keeping_all(&a, width);
        let rows = |l: &folio::layout::PageLayout| (0..l.len()).map(|r| l.line(r).map(|x| (x.block, x.src))).collect::<Vec<_>>();
        prop_assert_eq!(rows(&l), rows(&all));
        prop_assert_eq!(&l.link_spans, &all.link_spans);
        let whole = all.view(&a, 0..all.len());
        let from = from.min(l.len());
        let slice = l.view(&a, from..from + len);
        for row in from..(from + len).min(l.len()) {
            let want: Vec<_> = whole.row(row).map(|(t, r)| (t.to_string(), *r)).collect();
            let got: Vec<_> = slice.row(row).map(|(t, r)| (t.to_string(), *r)).collect();
            // Runs of folio's own text may sit at other offsets of another own text.
            let strip = |v: Vec<(String, folio::layout::Run)>| v.into_iter().map(|(t, r)| (t, r.col, r.width, r.role, r.emph, r.link(), r.src())).collect::<Vec<_>>();
            prop_assert_eq!(strip(got), strip(want), "row {}", row);
        }
    }

    #[test]
    fn link_spans_inside_their_lines(src in doc(), width in 1u16..120) {
        let a = markdown::parse(&src, "t");
        let l = layout(&a, width);
        for s in &l.link_spans {
            prop_assert!((s.row as usize) < l.len());
            let block = l.line(s.row as usize).unwrap().block;
            prop_assert!(s.col + s.width <= width || l.overflows(block));
            let covered: u16 = l.view(&a, s.row as usize..s.row as usize + 1).row(s.row as usize)
                .filter(|(_, r)| r.link() == Some(s.link) && r.col >= s.col && r.col + r.width <= s.col + s.width)
                .map(|(_, r)| r.width)
                .sum();
            prop_assert_eq!(covered, s.width);
        }
        let count = a.links.len();
        for s in &l.link_spans { prop_assert!((s.link.0 as usize) < count); }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// Every match maps to a row that shows it, at any width, and the highlighted cells spell
    /// the match when it fits on one row.
    #[test]
    fn search_matches_map_to_highlighted_cells(src in doc(), width in 6u16..100, pick in 0usize..1000) {
        let a = markdown::parse(&src, "t");
        let words: Vec<String> = src.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3).map(str::to_lowercase).collect();
        prop_assume!(!words.is_empty());
        let word = &words[pick % words.len()];
        let re = folio::search::compile(word).unwrap();
        let hits = folio::search::find(&a, &re);
        let l = layout(&a, width);
        for h in &hits {
            let row = folio::search::hit_row(&l, h);
            let marks = folio::search::highlights(&l.view(&a, row..row + 1), row, std::slice::from_ref(h));
            prop_assert!(!marks.is_empty(), "no highlight for {:?} on row {} {:?}", word, row, l.row_text(&a, row));
        }
    }
}
