//! Screen snapshots (TestBackend + insta) at three sizes, and one of a terminal too small to
//! draw into; every render runs the buffer check.

mod common;

use common::{press, screen, state};

const SIZES: [(u16, u16); 3] = [(100, 30), (80, 24), (40, 12)];

fn snap(name: &str, keys: &str) {
    for (w, h) in SIZES {
        let mut s = state(w, h);
        press(&mut s, keys);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&s));
    }
}

#[test]
fn initial() {
    snap("initial", "");
}

#[test]
fn after_two_next_sections() {
    snap("next_section_twice", "]]");
}

#[test]
fn toc_focused() {
    snap("toc_focused", "]h");
}

#[test]
fn help_overlay() {
    snap("help", "?");
}

#[test]
fn toc_toggled() {
    snap("toc_toggled", "t");
}

#[test]
fn every_element_fixture() {
    for (w, h) in [(100, 60), (40, 60)] {
        let mut s = folio::app::State::new(common::elements(), "elements", (w, h), 100);
        if s.toc.shown {
            press(&mut s, "t");
        }
        insta::assert_snapshot!(format!("elements_{w}x{h}"), screen(&s));
    }
}

#[test]
fn too_small_keeps_running() {
    let mut s = state(10, 4);
    insta::assert_snapshot!("too_small_10x4", screen(&s));
    assert_eq!(screen(&s).trim(), "terminal\ntoo small");
    press(&mut s, "jj]");
    folio::app::update(&mut s, folio::app::Action::Resize(100, 30));
    assert!(screen(&s).contains("Contents"));
    assert_eq!(s.row_text(s.top), "Origins and Ideology", "the keys typed while too small were applied");
}

fn links_state(w: u16, h: u16) -> folio::app::State {
    let md = "# Links\n\nSee [[Taliban]], the missing [[Nowhere Land]], and [a site](https://example.org/page).\n";
    folio::app::State::new(folio::import::markdown::parse(md, "links"), "links", (w, h), 100)
}

#[test]
fn selected_link() {
    snap("selected_link", "]<Tab>");
}

#[test]
fn link_hints() {
    for (w, h) in SIZES {
        let mut s = state(w, h);
        // Tab brings a link on screen at every size; f labels what is visible.
        press(&mut s, "<Tab>f");
        let hints = s.hints();
        assert!(!hints.is_empty(), "{w}x{h}: links on screen");
        let buf = common::render(&s);
        for (label, span) in &hints {
            let (x, y) = (s.areas.text.x + span.col, s.areas.text.y + (span.row as usize - s.top) as u16);
            assert_eq!(buf[(x, y)].symbol(), &label[..1], "{w}x{h}: label {label} drawn on its link");
        }
        insta::assert_snapshot!(format!("link_hints_{w}x{h}"), screen(&s));
    }
}

#[test]
fn link_list_overlay() {
    snap("link_list", "Ftal");
}

#[test]
fn missing_link_message_and_url_prompt() {
    for (w, h) in [(100, 30), (40, 12)] {
        let mut s = links_state(w, h);
        press(&mut s, "<Tab><Tab><Enter>");
        let missing = screen(&s);
        assert!(missing.contains("No article"), "{missing}");
        insta::assert_snapshot!(format!("missing_link_{w}x{h}"), missing);
        press(&mut s, "<Tab><Enter>");
        insta::assert_snapshot!(format!("url_prompt_{w}x{h}"), screen(&s));
    }
}
