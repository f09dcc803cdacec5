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
    assert_eq!(
        links,
        [
            ("other.md#part", "link"),
            ("https://example.org", "https://example.org"),
            ("#fn:1", "[1]"),
            ("chart.png", "[image: a chart]")
        ]
    );
}

#[test]
fn the_title_is_the_heading_that_names_the_document() {
    use folio::import::markdown::parse;
    let chapter =
        parse("## Data Types\n\nIntro.\n\n### Scalar Types\n\nText.\n\n### Compound Types\n", "ch03-02-data-types");
    assert_eq!(chapter.title, "Data Types", "a book chapter starting with ##");
    assert_eq!(
        chapter.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
        ["Scalar Types", "Compound Types"]
    );
    let two = parse("## One\n\n## Two\n", "notes-file");
    assert_eq!(two.title, "notes-file", "two headings at the top: the file name");
    let stdin = parse("# From Stdin\n\nBody.\n", "stdin");
    assert_eq!(stdin.title, "From Stdin");
    let lib = folio::library::title_of("intro\n\n## Data Types\n\n### Scalar\n", "ch03-02-data-types.md");
    assert_eq!(lib.0, "Data Types", "the library names it the same way");
}

#[test]
fn headings_with_their_own_numbers_are_not_numbered_again() {
    let a = folio::import::markdown::parse(
        "# Spec\n\n## 1. Scope\n\n### 1.1 Terms\n\n## Annex\n\n## 2024 in review\n",
        "t",
    );
    let labels: Vec<String> = a.sections.iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["1. Scope", "1.1 Terms", "2 Annex", "3 2024 in review"]);
    assert_eq!(folio::export::toc_text(&a), "Spec\n  1. Scope\n    1.1 Terms\n  2 Annex\n  3 2024 in review\n");
}
