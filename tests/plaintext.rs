//! The plain-text importer: the example article's oracle and one test per wiki artifact.

mod common;

use folio::import::{markdown, plaintext};
use folio::library::Library;
use folio::model::{Article, BlockKind, LinkKind};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("fixtures/iskp.txt");

fn sections(a: &Article) -> Vec<&str> {
    a.sections.iter().map(|s| s.title.as_str()).collect()
}

fn dests(a: &Article) -> Vec<&str> {
    a.links.iter().map(|l| l.dest.as_str()).collect()
}

/// Cross references grouped by paragraph, in order.
fn groups(a: &Article) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for b in &a.blocks {
        if let BlockKind::Paragraph(inline) = &b.kind {
            let mut group: Vec<String> = Vec::new();
            let mut last_gap_had_for = false;
            for s in inline.spans() {
                match s.link {
                    Some(id) => {
                        if last_gap_had_for && !group.is_empty() {
                            out.push(std::mem::take(&mut group));
                        }
                        group.push(a.links[id.0 as usize].dest.clone());
                        last_gap_had_for = false;
                    }
                    None => last_gap_had_for |= s.text.contains(" for ") || s.text.contains(". "),
                }
            }
            if !group.is_empty() {
                out.push(group);
            }
        }
    }
    out
}

#[test]
fn example_article_matches_the_oracle() {
    let a = plaintext::parse(EXAMPLE, "x");
    assert_eq!(a.title, "Islamic State Khorasan Province");
    assert_eq!(sections(&a), common::EXAMPLE_SECTIONS);
    assert_eq!(a.paragraph_counts(), common::EXAMPLE_PARAGRAPHS);
    let expected: Vec<Vec<String>> = [
        vec!["ISIS", "Khorasan"],
        vec!["Nangarhar Province", "Khyber Pakhtunkhwa"],
        vec!["Afghanistan", "Pakistan"],
        vec!["Taliban", "Tehrik-i-Taliban Pakistan"],
        vec!["ISIS"],
        vec!["War on Terror"],
    ]
    .iter()
    .map(|g| g.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(groups(&a), expected);
    assert!(a.links.iter().all(|l| l.kind == LinkKind::CrossRef));
}

#[test]
fn bundled_markdown_and_imported_text_agree() {
    let md = markdown::parse(folio::assets::bundled(folio::assets::DEFAULT_ARTICLE).unwrap(), "x");
    let lib = Library::bundled();
    let txt = plaintext::parse_with(EXAMPLE, "x", &|t| lib.knows(t));
    assert_eq!(md.title, txt.title);
    let tree =
        |a: &Article| a.sections.iter().map(|s| (s.number.clone(), s.title.clone(), s.parent)).collect::<Vec<_>>();
    assert_eq!(tree(&md), tree(&txt));
    assert_eq!(dests(&md), dests(&txt));
    assert_eq!(md.paragraph_counts(), txt.paragraph_counts());
}

#[test]
fn wikipedia_desktop_copy() {
    let text = "Springfield[edit]\nFrom Wikipedia, the free encyclopedia\n\nSpringfield is a town in the valley with a long history.[1] It has a river.[2][citation needed]\n\nHistory[edit]\n\nThe town was founded in 1850 by settlers who came up the river looking for land.[3]\n";
    let a = plaintext::parse(text, "x");
    assert_eq!(a.title, "Springfield");
    assert_eq!(sections(&a), ["History"]);
    let all = folio::export::print_text(&a, 200);
    // Markers of notes the copy does not have are dropped; maintenance markers stay (dim).
    assert!(!all.contains("[1]") && !all.contains("free encyclopedia"), "{all}");
    assert!(all.contains("It has a river.[citation needed]"), "{all}");
}

#[test]
fn wikipedia_mobile_copy() {
    let text = "Springfield\nSpringfield is a town with a river and a long, long history of farming.\nHistory edit\nThe town was founded in 1850 by settlers who came up the river.\n";
    let a = plaintext::parse(text, "x");
    assert_eq!(sections(&a), ["History"]);
}

#[test]
fn fandom_copy() {
    let text = "Hero\nThe hero is the main character of the saga, loved by all who read it.\nEarly life Edit\nBorn in a small village far away from the capital, the hero grew up poor.\nLater life Edit\nAfter many travels the hero returned home and lived there until old age.\n";
    let a = plaintext::parse(text, "x");
    assert_eq!(sections(&a), ["Early life", "Later life"]);
}

#[test]
fn hatnote_directly_under_a_heading() {
    let text = "Country\nThe country lies by the sea and has a long and complicated history of trade.\nEconomy\nMain article: Economy of Country\nThe economy is based on fishing, farming and, increasingly, on tourism from abroad.\n";
    let a = plaintext::parse(text, "x");
    assert_eq!(sections(&a), ["Economy"]);
    assert_eq!(dests(&a), ["Economy of Country"]);
}

#[test]
fn see_also_section_one_target_per_line() {
    let text = "Topic\nThe topic is broad and touches many other subjects discussed elsewhere in detail.\nSee also\nFirst Subject\nSecond Subject – a related idea\nThird Subject\nReferences\nSmith, J. (2001). A book.\n";
    let a = plaintext::parse(text, "x");
    assert_eq!(sections(&a), ["See also", "References"]);
    assert_eq!(dests(&a), ["First Subject", "Second Subject", "Third Subject"]);
}

#[test]
fn hard_wrapped_paragraphs_with_blank_lines() {
    let text = "Title Here\n\nThis paragraph was wrapped\nby hand at a short width\nbut is one paragraph.\n\nSecond Part\n\nAnother paragraph that is\nlong enough to follow a heading and ends here.\n";
    let a = plaintext::parse(text, "x");
    assert_eq!(a.title, "Title Here");
    assert_eq!(sections(&a), ["Second Part"]);
    assert_eq!(a.paragraph_counts(), vec![1, 1]);
    let first = a.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Paragraph(s) => Some(s.text.clone()),
        _ => None,
    });
    assert_eq!(first.as_deref(), Some("This paragraph was wrapped by hand at a short width but is one paragraph."));
}

#[test]
fn crlf_line_ends_and_a_bom() {
    let lf = "Title\nIntro paragraph that is long enough to count as a paragraph of text.\nPart\nBody paragraph that is long enough to count as a paragraph of text.\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let (a, b) = (plaintext::parse(lf, "x"), plaintext::parse(&crlf, "x"));
    assert_eq!(a, b);
    assert_eq!(b.title, "Title");
}

#[test]
fn question_heading() {
    let text = "Topic\nAn introduction that is long enough to be taken for a paragraph of prose.\nWhy does it matter?\nIt matters because a great many people depend on it every single day of the year, in every country.\n";
    let a = plaintext::parse(text, "x");
    assert_eq!(sections(&a), ["Why does it matter?"]);
}

#[test]
fn list_of_short_names_is_not_headings() {
    let text = "Band\nThe band was formed in 1990 and has released many albums since that year.\nMembers include:\nAlice Smith\nBob Jones\nCarol White\nTogether they toured the world for a decade before taking a long break from music.\n";
    let a = plaintext::parse(text, "x");
    assert!(a.sections.is_empty(), "{:?}", sections(&a));
}

#[test]
fn see_as_a_verb_is_ignored() {
    let text = "Topic\nAs we will see below, the method is simple; read on to see how it works in practice.\n";
    let a = plaintext::parse(text, "x");
    assert!(a.links.is_empty());
}

#[test]
fn parenthesised_see_is_found() {
    let text = "Country\nTrade grew quickly in the last century (see Economy) and shaped the towns.\n";
    assert_eq!(dests(&plaintext::parse(text, "x")), ["Economy"]);
}

#[test]
fn title_with_and_kept_whole_when_known_split_when_not() {
    let text = "Region\nThe islands are close to the mainland. See Trinidad and Tobago for the neighbours.\n";
    let known = plaintext::parse_with(text, "x", &|t| t == "Trinidad and Tobago");
    assert_eq!(dests(&known), ["Trinidad and Tobago"]);
    let unknown = plaintext::parse(text, "x");
    assert_eq!(dests(&unknown), ["Trinidad", "Tobago"]);
    let lib = Library::bundled();
    assert!(unknown
        .links
        .iter()
        .all(|l| matches!(lib.resolve(&l.dest, l.kind, ""), folio::library::Target::Missing(_))));
}

fn body_text(a: &Article) -> String {
    let mut s = a.title.clone();
    for b in &a.blocks {
        match &b.kind {
            BlockKind::Paragraph(sp) | BlockKind::Heading { text: sp, .. } => {
                // A block shown several times (the same line again and again) counts each time.
                s.push_str(&sp.text.repeat(b.times() as usize))
            }
            _ => {}
        }
    }
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn import_never_panics_and_keeps_every_character(
        lines in prop::collection::vec(
            prop::collection::vec(prop_oneof!["[a-z]{1,9}", "[A-Z][a-z]{0,8}", Just("see".to_string()), Just("See".to_string()), Just("and".to_string()), Just("for".to_string()), Just("漢字".to_string()), "[0-9]{1,3}"], 0..25)
                .prop_map(|ws| ws.join(" ")),
            1..20),
        terminal in prop::collection::vec(prop_oneof![Just(""), Just("."), Just("?"), Just(","), Just(":")], 20),
        blank in any::<bool>(),
    ) {
        let text: Vec<String> = lines.iter().zip(&terminal).map(|(l, t)| format!("{l}{t}")).collect();
        let text = text.join(if blank { "\n\n" } else { "\n" });
        let a = plaintext::parse(&text, "");
        let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(body_text(&a), want);
    }

    #[test]
    fn import_never_panics_on_anything(text in "\\PC{0,400}") {
        let _ = plaintext::parse(&text, "x");
    }
}
