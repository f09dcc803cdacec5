//! Search and jump: `/`, `n`, `N`, the section and article finders, library search.

mod common;

use common::{browse, press, screen, state};
use folio::app::{Effect, Overlay, State};

fn top_text(s: &State) -> String {
    s.row_text(s.top)
}

#[test]
fn slash_type_enter_next_wraps_prev_and_escape() {
    let mut s = state(100, 30);
    press(&mut s, "/the region");
    assert!(matches!(s.overlay, Some(Overlay::Search { .. })));
    let n = s.search.as_ref().unwrap().hits.len();
    assert!(n >= 3, "{n}");
    assert_eq!(s.search.as_ref().unwrap().current, Some(0));
    press(&mut s, "<Enter>");
    assert_eq!(s.overlay, None);
    assert_eq!(s.search_status().as_deref(), Some(format!("match 1/{n}").as_str()));
    for i in 1..n {
        press(&mut s, "n");
        assert_eq!(s.search.as_ref().unwrap().current, Some(i));
    }
    press(&mut s, "n");
    assert_eq!(s.search.as_ref().unwrap().current, Some(0));
    assert_eq!(s.message.as_deref(), Some("search wrapped"));
    press(&mut s, "N");
    assert_eq!(s.search.as_ref().unwrap().current, Some(n - 1));
    press(&mut s, "<Esc>");
    assert_eq!(s.search, None, "Esc clears the highlight");
}

#[test]
fn escape_in_the_prompt_returns_to_where_you_were() {
    let mut s = state(100, 30);
    press(&mut s, "]");
    let top = s.top;
    press(&mut s, "/War on Terror");
    assert_ne!(s.top, top, "incremental: the view jumped to the match");
    press(&mut s, "<Esc>");
    assert_eq!(s.top, top);
    assert_eq!(s.search, None);
}

#[test]
fn smart_case_and_no_match() {
    let mut s = state(100, 30);
    press(&mut s, "/kabul<Enter>");
    assert_eq!(s.search_status().as_deref(), Some("match 1/1"));
    press(&mut s, "/KABUL");
    assert_eq!(s.message.as_deref(), Some("no match for ‘KABUL’"));
}

#[test]
fn search_matches_a_jump_starts_from_the_current_position() {
    let mut s = state(100, 30);
    press(&mut s, "]]]");
    press(&mut s, "/ISKP<Enter>");
    let current = s.search.as_ref().unwrap().current.unwrap();
    assert!(current > 0, "the first match at or after the current position");
}

#[test]
fn colon_and_number_jumps_to_the_section() {
    let mut s = state(100, 30);
    press(&mut s, ":3<Enter>");
    assert_eq!(top_text(&s), "Leadership, Organization, and Strategic Outlook");
    press(&mut s, "<BS>");
    assert_eq!(s.top, 0, "a history entry");
}

#[test]
fn colon_and_fuzzy_text_jumps_to_the_best_section() {
    let mut s = state(100, 30);
    press(&mut s, ":secpol");
    let Some(Overlay::Finder { kind, input, .. }) = &s.overlay else { panic!("finder") };
    let items = s.finder_items(*kind, input);
    assert_eq!(items[0].label, "4 Security, Counterterrorism, and Policy Debates");
    press(&mut s, "<Enter>");
    assert_eq!(top_text(&s), "Security, Counterterrorism, and Policy Debates");
    press(&mut s, "sgeo<Enter>");
    assert_eq!(top_text(&s), "Geography, Operations, and Capabilities");
}

#[test]
fn o_opens_an_article_by_title_and_by_alias() {
    let mut s = state(100, 30);
    browse(&mut s, "otal<Enter>");
    assert_eq!(s.doc.article.title, "Taliban");
    browse(&mut s, "oTTP");
    let Some(Overlay::Finder { kind, input, .. }) = &s.overlay else { panic!("finder") };
    let items = s.finder_items(*kind, input);
    assert_eq!(items[0].label, "TTP");
    assert_eq!(items[0].detail, "→ Tehrik-i-Taliban Pakistan");
    browse(&mut s, "<Enter>");
    assert_eq!(s.doc.article.title, "Tehrik-i-Taliban Pakistan");
    browse(&mut s, "<BS><BS>");
    assert_eq!(s.doc.article.title, "Islamic State Khorasan Province");
}

#[test]
fn library_search_opens_at_the_hit() {
    let mut s = state(100, 30);
    let effect = press(&mut s, "SJalalabad<Enter>");
    assert!(matches!(&effect, Some(Effect::Start { job: folio::app::Job::Search { .. }, .. })), "{effect:?}");
    assert_eq!(s.work_status().as_deref(), Some("searching…"), "a visible state while it runs");
    common::settle(&mut s, effect);
    let Some(Overlay::Results { hits, .. }) = &s.overlay else { panic!("{:?}", s.overlay) };
    assert!(hits.len() >= 2);
    assert_eq!(hits[0].title, "Nangarhar Province");
    browse(&mut s, "<Enter>");
    assert_eq!(s.doc.article.title, "Nangarhar Province");
    let search = s.search.as_ref().unwrap();
    assert_eq!(search.current, Some(0));
    let row = folio::search::hit_row(&s.layout, &search.hits[0]);
    assert!((s.top..s.top + s.page_height()).contains(&row), "the hit is on screen");
    press(&mut s, "n");
    assert_eq!(s.search.as_ref().unwrap().current, Some(1), "n continues in the article");
}

#[test]
fn screens_of_search_and_finders() {
    for (w, h) in [(100, 30), (40, 12)] {
        let mut s = state(w, h);
        press(&mut s, "/the group");
        insta::assert_snapshot!(format!("search_prompt_{w}x{h}"), screen(&s));
        press(&mut s, "<Esc>:geo");
        insta::assert_snapshot!(format!("section_finder_{w}x{h}"), screen(&s));
        press(&mut s, "<Esc>opak");
        insta::assert_snapshot!(format!("article_finder_{w}x{h}"), screen(&s));
        browse(&mut s, "<Esc>SKabul<Enter>");
        insta::assert_snapshot!(format!("library_results_{w}x{h}"), screen(&s));
    }
}

#[test]
fn matches_are_highlighted_on_both_lines_of_a_wrap() {
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;
    let mut s = State::new(folio::import::markdown::parse("alpha beta gamma delta\n", "t"), "t", (20, 10), 100);
    press(&mut s, "/gamma delta<Enter>");
    let mut terminal = ratatui::Terminal::new(TestBackend::new(20, 10)).unwrap();
    terminal.draw(|f| folio::ui::draw(f, &s, &folio::ui::Theme::default())).unwrap();
    let buf = terminal.backend().buffer();
    let marked: Vec<(u16, u16)> = (0..10)
        .flat_map(|y| (0..20).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == Color::LightRed)
        .collect();
    let rows: std::collections::BTreeSet<u16> = marked.iter().map(|&(_, y)| y).collect();
    assert_eq!(rows.len(), 2, "the match wraps onto two rows: {marked:?}");
    assert_eq!(marked.len(), "gamma".len() + "delta".len());
}

#[test]
fn esc_cancels_a_library_search_and_its_late_result_is_dropped() {
    let mut s = state(100, 30);
    let mut jobs = common::Jobs::default();
    jobs.press(&mut s, "SJalalabad<Enter>");
    assert_eq!(jobs.queue.len(), 1);
    let late = jobs.run(0);
    jobs.press(&mut s, "<Esc>");
    assert_eq!(s.message.as_deref(), Some("library search cancelled"));
    assert!(jobs.cancelled.contains(&folio::app::JobKind::Search), "the runner is told to stop");
    assert_eq!(s.work_status(), None);
    folio::app::update(&mut s, late);
    assert_eq!(s.overlay, None, "the result of the cancelled search is not shown");
}
