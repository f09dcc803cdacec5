//! Wiki pages in every form they arrive in as text — a phone browser's copy, a desktop copy
//! (blank lines, `[edit]`, a `Contents` box), a text dump (`*`-framed headings, hard-wrapped
//! lines, `_` in link text) — each imported to its oracle: title, section tree with levels,
//! paragraphs per section, link targets in order. Also: the example in both line forms, each
//! entry of the site pattern table, form detection, notes as links, and nothing lost.

mod common;

use folio::import::plaintext::{self, shape, sites};
use folio::model::{Article, BlockKind};
use proptest::prelude::*;

const DESKTOP: &str = include_str!("fixtures/wiki/desktop.txt");
const PHONE: &str = include_str!("fixtures/wiki/phone.txt");
const DUMP: &str = include_str!("fixtures/wiki/dump.txt");
const EXAMPLE: &str = include_str!("fixtures/iskp.txt");

/// What a form must import to.
struct Oracle {
    title: &'static str,
    /// (level, heading) in order.
    sections: &'static [(u8, &'static str)],
    /// Paragraphs in the lead, then in each section.
    paragraphs: &'static [usize],
    /// Link destinations in order.
    links: &'static [&'static str],
}

fn check(a: &Article, o: &Oracle) {
    assert_eq!(a.title, o.title);
    let sections: Vec<(u8, &str)> = a.sections.iter().map(|s| (s.level, s.title.as_str())).collect();
    assert_eq!(sections, o.sections);
    assert_eq!(a.paragraph_counts(), o.paragraphs);
    let links: Vec<&str> = a.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(links, o.links);
}

#[test]
fn desktop_copy_with_contents_box_edit_buttons_notes_and_a_table() {
    let a = plaintext::parse(DESKTOP, "x");
    check(
        &a,
        &Oracle {
            title: "Tide pool",
            sections: &[
                (2, "Formation"),
                (2, "Zones"),
                (3, "Upper zone"),
                (3, "lower zone"),
                (2, "Inhabitants"),
                (2, "See also"),
                (2, "References"),
            ],
            paragraphs: &[3, 1, 2, 1, 1, 3, 3, 3],
            links: &[
                "Tide Pool (painting)",
                "#fn:1",
                "#fn:2",
                "Intertidal zone",
                "Rocky shore",
                "#fn:3",
                "Intertidal zone",
                "#fn:1",
                "Sea anemone",
                "Hermit crab",
                "#fn:2",
                "Intertidal zone",
                "Rock pooling",
                "Rocky shore",
            ],
        },
    );
    let table = a.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Table(t) => Some(t),
        _ => None,
    });
    let table = table.expect("the tab-separated lines are a table");
    assert_eq!(table.rows.len(), 3);
    assert!(table.text.text.starts_with("Animal\tZone\tFeeds on\n"));
    let printed = folio::export::print_text(&a, 100);
    for gone in ["Contents", "hide", "[edit]", "Retrieved from", "Categories:", "last edited", "free encyclopedia"] {
        assert!(!printed.contains(gone), "{gone:?} kept:\n{printed}");
    }
    assert!(printed.contains("[citation needed]"), "maintenance markers stay");
    assert!(printed.contains("salt.[2]: 14"), "markers and page numbers stay");
}

#[test]
fn phone_copy_with_glued_edit_buttons_a_description_and_notes() {
    let a = plaintext::parse(PHONE, "x");
    check(
        &a,
        &Oracle {
            title: "Sea glass",
            sections: &[
                (2, "Formation"),
                (2, "Where it is found"),
                (2, "Colours and rarity"),
                (2, "See also"),
                (2, "References"),
            ],
            paragraphs: &[3, 1, 2, 1, 3, 3],
            links: &[
                "#fn:1",
                "#fn:2",
                "#fn:1",
                "Beachcombing",
                "Glass recycling",
                "#fn:3",
                "Beachcombing",
                "Glass recycling",
                "Mermaid's tears",
            ],
        },
    );
}

#[test]
fn text_dump_with_framed_headings_wrapped_lines_and_underscored_links() {
    let a = plaintext::parse(DUMP, "x");
    check(
        &a,
        &Oracle {
            title: "Lighthouse keeper",
            sections: &[
                (2, "Duties"),
                (3, "Night watch"),
                (3, "Daily maintenance"),
                (2, "Life at the station"),
                (2, "See also"),
                (2, "References"),
            ],
            paragraphs: &[1, 1, 1, 1, 1, 3, 2],
            links: &[
                "#fn:1",
                "#Night watch",
                "Fresnel lens",
                "#fn:2",
                "#fn:1",
                "Lightship",
                "Lightship",
                "Fresnel lens",
                "Foghorn",
            ],
        },
    );
    // Wrapped lines are joined: the lead is one paragraph that reads on.
    let printed = folio::export::print_text(&a, 200);
    assert!(printed.contains("keeping its light burning through the night"), "{printed}");
    assert!(!printed.contains("Jump"), "{printed}");
}

#[test]
fn the_example_is_the_same_article_with_blank_lines_between_its_lines() {
    let spaced = EXAMPLE.replace('\n', "\n\n");
    let (a, b) = (plaintext::parse(EXAMPLE, "x"), plaintext::parse(&spaced, "x"));
    assert_eq!(a, b);
    assert_eq!(b.title, "Islamic State Khorasan Province");
    let sections: Vec<&str> = b.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, common::EXAMPLE_SECTIONS);
    assert_eq!(b.paragraph_counts(), common::EXAMPLE_PARAGRAPHS);
    assert_eq!(b.links.len(), 10);
}

#[test]
fn forms_are_told_apart_and_markdown_or_prose_is_no_dump() {
    assert!(shape(DUMP).dump && shape(DUMP).wrap.is_some());
    assert!(!shape(DESKTOP).dump && shape(DESKTOP).wrap.is_none());
    assert!(!shape(PHONE).dump && shape(PHONE).wrap.is_none());
    assert!(!shape(EXAMPLE).dump && shape(EXAMPLE).wrap.is_none());
    let markdown = "# Title\n\nSome *text* with a [link](x.md) and `code_with_underscores`.\n\n## Part\n\n- item\n";
    assert!(!shape(markdown).dump);
    let prose = "It was a quiet morning when the boats came in, one after another, low in\nthe water with the night's catch. The harbour master counted them from the\nwall and wrote each name in the book that lay open on his desk all season.\nBy noon the fish were sold and the nets hung to dry along the wall, where\nchildren ran between them until someone shouted at them to go home again.\n";
    assert!(!shape(prose).dump && shape(prose).wrap.is_some());
    // Prose keeps its snake_case words: only dumps read `_` as a space.
    let a =
        plaintext::parse("Notes\nThe setting max_width controls the measure of the reading pane in the app.\n", "x");
    assert!(folio::export::print_text(&a, 200).contains("max_width"));
    assert!(a.links.is_empty());
}

/// A short article around one line: title, lead, the line, a body paragraph.
fn around(line: &str) -> String {
    format!(
        "Topic\nThe topic is broad and touches many other subjects discussed at length.\n{line}\nBody text that is long enough to be a paragraph of prose about the topic.\n"
    )
}

#[test]
fn every_chrome_pattern_is_dropped() {
    for pattern in sites::CHROME {
        let line = pattern.replace('*', "some rest");
        let a = plaintext::parse(&around(&line), "x");
        let printed = folio::export::print_text(&a, 200);
        assert!(!printed.contains(line.trim()), "{pattern:?} kept:\n{printed}");
        assert!(printed.contains("Body text"), "{pattern:?} took the body:\n{printed}");
    }
}

#[test]
fn every_hatnote_pattern_links_its_targets() {
    for pattern in sites::HATNOTES {
        let line = format!("{} Harbour Wall and Tide Pool", pattern.replace('*', "the painting"));
        let a = plaintext::parse(&around(&line), "x");
        let dests: Vec<&str> = a.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["Harbour Wall", "Tide Pool"], "{pattern:?}");
    }
}

#[test]
fn every_back_matter_heading_is_a_section() {
    for heading in sites::BACK_MATTER {
        let mut title = heading.to_string();
        title[..1].make_ascii_uppercase();
        let a = plaintext::parse(
            &format!("Topic\nA lead paragraph that is long enough to be prose about it.\n{title}\nSmith 2001\n"),
            "x",
        );
        let sections: Vec<&str> = a.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(sections, [title.as_str()], "{heading:?}");
    }
}

#[test]
fn every_note_start_makes_a_note_that_markers_link_to() {
    for start in sites::NOTE_STARTS {
        let text = format!(
            "Topic\nA lead paragraph that is long enough, with a claim.[1]\nReferences\n{start} Smith, J. (2001). A book.\n"
        );
        let a = plaintext::parse(&text, "x");
        assert_eq!(a.links.len(), 1, "{start:?}");
        assert_eq!(a.links[0].dest, "#fn:1");
        assert!(a.find_fragment("fn:1").is_some(), "{start:?}: no note to land on");
        let printed = folio::export::print_text(&a, 200);
        assert!(printed.contains("[1] Smith, J. (2001). A book."), "{start:?}:\n{printed}");
    }
}

#[test]
fn maintenance_markers_stay_and_buttons_go() {
    for marker in sites::MAINTENANCE {
        let a = plaintext::parse(&around(&format!("A claim made here.[{marker}]")), "x");
        assert!(folio::export::print_text(&a, 200).contains(&format!("[{marker}]")), "{marker:?}");
    }
    for button in sites::BUTTONS {
        let a = plaintext::parse(&around(&format!("A claim made here.[{button}] And more.")), "x");
        assert!(folio::export::print_text(&a, 200).contains("A claim made here. And more."), "{button:?}");
    }
}

#[test]
fn every_contents_header_is_a_box_taken_as_evidence() {
    for header in sites::CONTENTS {
        let text = format!(
            "Topic\nA lead paragraph that is long enough to be prose about the topic.\n{header}\n1 early days\n1.1 the first harbour\n2 Later\nearly days\nText of the first part, long enough to be a paragraph.\nthe first harbour\nText of the sub part, long enough to be a paragraph.\nLater\nText of the last part, long enough to be a paragraph.\n"
        );
        let a = plaintext::parse(&text, "x");
        let sections: Vec<(u8, &str)> = a.sections.iter().map(|s| (s.level, s.title.as_str())).collect();
        assert_eq!(sections, [(2, "early days"), (3, "the first harbour"), (2, "Later")], "{header:?}");
    }
}

#[test]
fn every_bullet_makes_see_also_items() {
    for bullet in sites::BULLETS {
        let text = format!("Topic\nA lead paragraph that is long enough to be prose.\nSee also\n{bullet}Harbour wall\n\n{bullet}Tide pool\n");
        let a = plaintext::parse(&text, "x");
        let dests: Vec<&str> = a.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["Harbour wall", "Tide pool"], "{bullet:?}");
    }
    for bullet in sites::DUMP_BULLETS {
        let text = format!("****** Topic ******\nA lead paragraph.\n***** See also *****\n    {bullet}Harbour_wall\n    {bullet}Tide_pool\n");
        let a = plaintext::parse(&text, "x");
        let dests: Vec<&str> = a.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["Harbour wall", "Tide pool"], "{bullet:?}");
    }
}

#[test]
fn see_also_items_stay_apart_in_every_layout() {
    let items = ["Deep ecology", "Density-dependent inhibition", "Population dynamics", "r/K selection theory"];
    for sep in ["\n", "\n\n", "\n  "] {
        let text = format!(
            "Topic[edit]\n\nA lead paragraph that is long enough to be prose about the topic.\n\nSee also[edit]\n\n{}\n\nReferences[edit]\n\n^ Smith 2001.\n",
            items.join(sep)
        );
        let a = plaintext::parse(&text, "x");
        let dests: Vec<&str> = a.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, items, "separator {sep:?}");
    }
}

#[test]
fn lower_case_headings_with_edit_buttons_are_sections() {
    let text = "Topic[edit]\n\nA lead paragraph that is long enough to be prose about the topic.\n\nr/K selection[edit]\n\nText of the part, long enough to be a paragraph about it.\n\nearly life edit\n\nMore text of the part, long enough to be a paragraph.\n";
    let a = plaintext::parse(text, "x");
    let sections: Vec<&str> = a.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["r/K selection", "early life"]);
}

#[test]
fn citations_are_followed_and_back_returns() {
    let mut s = folio::app::State::new(plaintext::parse(DESKTOP, "x"), "desktop", (100, 30), 100);
    let top = s.top;
    common::press(&mut s, "<Tab><Tab>");
    let target = s.selected.and_then(|l| s.doc.target(l)).map(|t| s.describe(t));
    assert_eq!(target.as_deref(), Some("note [1]"));
    common::press(&mut s, "<Enter>");
    assert!(common::screen(&s).contains("Harwood, M. (2011)"), "{}", common::screen(&s));
    common::press(&mut s, "<BS>");
    assert_eq!(s.top, top);
}

#[test]
fn to_markdown_goldens() {
    for (name, text) in [("desktop", DESKTOP), ("phone", PHONE), ("dump", DUMP)] {
        let a = plaintext::parse(text, name);
        insta::assert_snapshot!(format!("to_markdown_{name}"), folio::export::to_markdown(&a));
    }
}

/// Words of the input that are not chrome, buttons or note markers.
fn body_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '[' || c == ']')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Every word of a body built from wiki pieces (headings with buttons, hatnotes, lists,
    /// notes, tables, wrapped or not) appears in `--print`.
    #[test]
    fn nothing_of_the_body_is_lost(
        pieces in prop::collection::vec(prop_oneof![
            3 => "[A-Z][a-z]{2,8}( [a-z]{2,8}){6,30}\\.",
            1 => "[A-Z][a-z]{2,8}( [a-z]{2,8}){0,3}\\[edit\\]",
            1 => "[a-z]{2,8}( [a-z]{2,8}){0,2} edit",
            1 => "Main article: [A-Z][a-z]{2,8}( [a-z]{2,8})?",
            1 => "[A-Z][a-z]{2,8}( [a-z]{2,8}){3,12}\\.\\[[1-3]\\]",
            1 => "• [A-Z][a-z]{2,8}( [a-z]{2,8}){0,3}",
            1 => "[a-z]{2,8}\t[a-z]{2,8}\n[a-z]{2,8}\t[a-z]{2,8}",
            1 => Just("References".to_string()),
            1 => "\\^ [A-Z][a-z]{2,8}, [A-Z]\\. \\(19[0-9]{2}\\)\\. [A-Z][a-z]{2,8}\\.",
        ], 1..14),
        blank in any::<bool>(),
    ) {
        let text = format!("Topic\n{}\n", pieces.join(if blank { "\n\n" } else { "\n" }));
        let a = plaintext::parse(&text, "x");
        let printed = folio::export::print_text(&a, 1000);
        let out: std::collections::HashSet<String> = body_words(&printed).into_iter().collect();
        for w in body_words(&text) {
            prop_assert!(out.contains(&w) || w == "edit", "{:?} lost:\n{}\n---\n{}", w, text, printed);
        }
    }
}
