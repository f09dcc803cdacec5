//! Import goldens: the bundled article's oracle, and a fixture with every Markdown element.

mod common;

use folio::model::{BlockKind, LinkKind};

#[test]
fn bundled_article_matches_the_oracle() {
    let a = common::bundled();
    assert_eq!(a.title, "Islamic State Khorasan Province");
    let titles: Vec<_> = a.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, common::EXAMPLE_SECTIONS);
    assert_eq!(a.paragraph_counts(), common::EXAMPLE_PARAGRAPHS);
    assert!(a.sections.iter().all(|s| s.parent.is_none() && s.level == 2));
    let numbers: Vec<_> = a.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5"]);
}

#[test]
fn bundled_article_keeps_every_sentence_of_the_example() {
    let a = common::bundled();
    let seed = include_str!("fixtures/iskp.txt");
    let body: String = a
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(s) | BlockKind::Heading { text: s, .. } => Some(s.text.clone()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    for line in seed.lines().skip(1) {
        assert!(body.contains(line), "missing from the bundled article: {line}");
    }
}

#[test]
fn bundled_cross_references_are_wiki_links_in_order() {
    let a = common::bundled();
    let dests: Vec<_> = a.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(
        dests,
        [
            "ISIS",
            "Khorasan",
            "Nangarhar Province",
            "Khyber Pakhtunkhwa",
            "Afghanistan",
            "Pakistan",
            "Taliban",
            "Tehrik-i-Taliban Pakistan",
            "ISIS",
            "War on Terror"
        ]
    );
    assert!(a.links.iter().all(|l| l.kind == LinkKind::Wiki));
}

#[test]
fn every_element_fixture_tree_and_anchors() {
    let a = common::elements();
    assert_eq!(a.title, "Every Element");
    assert_eq!(a.aliases, ["Elements"]);
    let tree: Vec<_> = a
        .sections
        .iter()
        .map(|s| (s.number.as_str(), s.level, s.title.as_str(), s.anchor.as_str(), s.parent.map(|p| p.0)))
        .collect();
    insta::assert_debug_snapshot!(tree);
}

#[test]
fn every_element_fixture_blocks() {
    let a = common::elements();
    insta::assert_debug_snapshot!(a.blocks);
}

#[test]
fn every_element_fixture_links() {
    let a = common::elements();
    let links: Vec<_> = a.links.iter().map(|l| (l.dest.as_str(), l.text.as_str())).collect();
    assert_eq!(links, [("other.md#part", "link"), ("https://example.org", "https://example.org")]);
}
