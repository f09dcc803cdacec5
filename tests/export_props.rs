//! `--to-markdown` round-trips (bad input 82): any article, exported and imported again, has
//! the same title, sections, text and links, and never a link it did not have (Markdown in
//! code or in escaped text stays text).

use folio::export::to_markdown;
use folio::import::markdown;
use folio::model::{block_text, Article};
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,10}",
        1 => "[A-Z][a-z]{0,8}",
        1 => "[a-z]{1,6}".prop_map(|w| format!("*{w}*")),
        1 => "[a-z]{1,6}".prop_map(|w| format!("**{w}**")),
        1 => "[a-z]{1,6}".prop_map(|w| format!("~~{w}~~")),
        1 => "[a-z]{1,6}".prop_map(|w| format!("`{w}`")),
        1 => Just("``x` [click me](https://evil.example/) `z``".to_string()),
        1 => Just("`` ` ``".to_string()),
        1 => "[a-z]{1,6}".prop_map(|w| format!("[{w} link](x.md)")),
        1 => "[a-z]{1,6}".prop_map(|w| format!("[[{w}]]")),
        1 => "[a-z]{1,6}".prop_map(|w| format!("[[{w}|the {w}]]")),
        1 => Just("\\[not\\](a link)".to_string()),
        1 => Just("\\*not em\\*".to_string()),
        1 => Just("a_b_c".to_string()),
        1 => Just("&amp; &lt;tag&gt;".to_string()),
        1 => Just("<https://auto.example/>".to_string()),
        1 => Just("漢字".to_string()),
    ]
}

fn line() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just(""),
            Just("# "),
            Just("## "),
            Just("### "),
            Just("> "),
            Just("- "),
            Just("1. "),
            Just("  - "),
            Just("> > "),
            Just("- [ ] "),
            Just("- [x] ")
        ],
        prop::collection::vec(word(), 1..12),
    )
        .prop_map(|(p, ws)| format!("{p}{}", ws.join(" ")))
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => line(),
        1 => Just(String::new()),
        1 => Just("```rust\nfn main() { [x](y) }\n```".to_string()),
        1 => Just("~~~\n```\n[a](https://evil.example/)\n```\n~~~".to_string()),
        1 => Just("    indented code [z](w)".to_string()),
        1 => Just("| a | b |\n|:-|-:|\n| `x|y` | **w** |".to_string()),
        1 => Just("***".to_string()),
        1 => Just("<div>\n<p>html</p>\n</div>".to_string()),
        1 => Just("text[^1]\n\n[^1]: the note".to_string()),
        1 => Just("1\\. not a list".to_string()),
    ]
}

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 1..16).prop_map(|bs| bs.join("\n"))
}

/// What must survive a round trip: the title, the sections (level, heading), every block's
/// text, and the links the text shows (destination, text).
type Shape = (String, Vec<(u8, String)>, Vec<String>, Vec<(String, String)>);

fn shape(a: &Article) -> Shape {
    let sections = a.sections.iter().map(|s| (s.level, s.title.clone())).collect();
    let texts = a
        .blocks
        .iter()
        .skip(1)
        .flat_map(|b| std::iter::repeat_n(block_text(b).to_string(), b.times() as usize))
        .collect();
    // The links the text shows (a link in a heading that became the title is shown by none).
    let mut links = Vec::new();
    for b in &a.blocks {
        let inline = match &b.kind {
            folio::model::BlockKind::Paragraph(t) | folio::model::BlockKind::Heading { text: t, .. } => t,
            folio::model::BlockKind::Table(t) => &t.text,
            _ => continue,
        };
        let mut last = None;
        for m in &inline.marks {
            if let Some(id) = m.link.filter(|&id| Some(id) != last) {
                let l = &a.links[id.0 as usize];
                links.push((l.dest.clone(), l.text.clone()));
            }
            last = m.link;
        }
    }
    (a.title.clone(), sections, texts, links)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn exported_markdown_imports_to_the_same_article(src in doc()) {
        let a = markdown::parse(&src, "t");
        let md = to_markdown(&a);
        let b = markdown::parse(&md, "t");
        prop_assert_eq!(shape(&a), shape(&b), "export:\n{}", md);
    }
}
