//! A big article is parsed in pieces; the pieces must give exactly the article a whole parse
//! gives. A tiny piece size cuts ordinary documents many times: footnotes and link definitions
//! in other pieces, HTML blocks, fences and comments over many lines, lists and quotes.

use folio::import::markdown::{parse, parse_in_pieces};
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z]{1,8}",
        1 => "[A-Z][a-z]{0,6}",
        1 => "[a-z]{1,5}".prop_map(|w| format!("**{w}**")),
        1 => "[a-z]{1,5}".prop_map(|w| format!("`{w}`")),
        1 => "[0-3]".prop_map(|n| format!("note[^n{n}]")),
        1 => "[0-3]".prop_map(|n| format!("[ref {n}][r{n}]")),
        1 => Just("<kbd>Ctrl</kbd>".to_string()),
        1 => Just("[[Wiki Page]]".to_string()),
    ]
}

fn line() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just("# "), Just("## "), Just("> "), Just("- "), Just("1. "), Just("  - ")],
        prop::collection::vec(word(), 1..8),
    )
        .prop_map(|(p, ws)| format!("{p}{}", ws.join(" ")))
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => line(),
        3 => Just(String::new()),
        1 => Just("```\n# not a heading\n\nstill code\n```".to_string()),
        1 => Just("<!-- a comment\n\n# not a heading\n-->".to_string()),
        1 => Just("<div>\n# not a heading either\n</div>".to_string()),
        1 => Just("<details>\n<summary>More</summary>\n\nInside.\n\n</details>".to_string()),
        1 => "[0-3]".prop_map(|n| format!("[^n{n}]: the note {n}")),
        1 => "[0-3]".prop_map(|n| format!("[r{n}]: https://example.org/{n}")),
        1 => Just("| a | b |\n|---|---|\n| c | d |".to_string()),
        1 => Just("***".to_string()),
        1 => Just("Setext heading\n---".to_string()),
    ]
}

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 1..30).prop_map(|bs| bs.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn pieces_give_the_whole_article(src in doc(), chunk in 1usize..64) {
        let whole = parse(&src, "t");
        let pieces = parse_in_pieces(&src, "t", chunk);
        prop_assert_eq!(&pieces.title, &whole.title);
        prop_assert_eq!(&pieces.sections, &whole.sections, "sections of:\n{}", src);
        prop_assert_eq!(&pieces.links, &whole.links, "links of:\n{}", src);
        prop_assert_eq!(&pieces.anchors, &whole.anchors, "anchors of:\n{}", src);
        prop_assert_eq!(&pieces.blocks, &whole.blocks, "blocks of:\n{}", src);
    }
}
