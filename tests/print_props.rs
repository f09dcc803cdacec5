//! `--print` never loses text: every non-whitespace character of every code block appears in
//! the printed page, in order, at any width (long lines wrap with `↪`, nothing is cut).

use folio::export::print_text;
use folio::import::markdown;
use folio::model::BlockKind;
use proptest::prelude::*;

fn code_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[ -~]{0,60}",
        2 => "[a-z(){};=<>]{80,200}",
        1 => "\t[a-z]{1,8}\t= [0-9]{1,4};",
        1 => "[漢字かなカナ한글]{1,70}",
        1 => Just("let bar = \"e\u{301}\u{301} 👩‍🔬 ｗｉｄｅ\";".to_string()),
        1 => Just("    ".repeat(30) + "deep()"),
    ]
}

fn code_block() -> impl Strategy<Value = String> {
    (prop_oneof![Just(""), Just("rust"), Just("toml"), Just("text")], prop::collection::vec(code_line(), 1..8))
        .prop_map(|(lang, lines)| format!("```{lang}\n{}\n```", lines.join("\n")))
}

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            2 => code_block(),
            1 => "[a-z ]{1,80}",
            1 => Just("## A heading".to_string()),
            1 => Just("- item\n\n  ```\n  nested in a list with a rather long line that will need to wrap somewhere\n  ```".to_string()),
            1 => Just("> quoted\n>\n> ```sh\n> cargo run --release -- --print --width 20 README.md | less -R\n> ```".to_string()),
        ],
        1..8,
    )
    .prop_map(|bs| bs.join("\n\n"))
}

/// Whether the non-whitespace characters of `needle` appear in `hay` in order.
fn kept_in_order(needle: &str, hay: &str) -> Result<(), String> {
    let mut hay = hay.chars().filter(|c| !c.is_whitespace());
    for (i, c) in needle.chars().filter(|c| !c.is_whitespace()).enumerate() {
        if !hay.any(|h| h == c) {
            return Err(format!("character {i} ({c:?}) of the code is missing"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn print_keeps_every_character_of_code(src in doc(), width in prop_oneof![Just(20u16), Just(37), Just(80)]) {
        let article = markdown::parse(&src, "t");
        let printed = print_text(&article, width);
        let code: String = article
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Code { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        prop_assert!(kept_in_order(&code, &printed).is_ok(), "{:?}\nsource:\n{}\nprinted:\n{}", kept_in_order(&code, &printed), src, printed);
        // And every printed row fits the width (the code wrapped, not ran on).
        for row in printed.lines() {
            prop_assert!(unicode_width::UnicodeWidthStr::width(row) <= width as usize, "row wider than {}: {:?}", width, row);
        }
    }
}

#[test]
fn the_real_fixtures_keep_their_code() {
    for (name, src) in [
        ("chapter", include_str!("fixtures/book/ch02-01-lanterns.md")),
        ("elements", include_str!("fixtures/elements.md")),
        ("spec", include_str!("fixtures/spec.txt")),
    ] {
        let article = markdown::parse(src, name);
        for width in [30, 60, 80] {
            let printed = print_text(&article, width);
            for b in &article.blocks {
                if let BlockKind::Code { text, .. } = &b.kind {
                    assert_eq!(kept_in_order(text, &printed), Ok(()), "{name} at {width}:\n{printed}");
                }
            }
        }
    }
}

#[test]
fn the_check_sees_a_lost_character() {
    assert!(kept_in_order("fn main() {}", "▌ fn main(\n▌ ↪ ) {}").is_ok());
    assert!(kept_in_order("fn main() {}", "▌ fn main(…").is_err());
    assert!(kept_in_order("ab", "ba").is_err());
}
