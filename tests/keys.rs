//! Key-sequence tests on `update`: every key of the reader core, as a user types it.

#[path = "support/testgen.rs"]
mod testgen;

mod common;

use common::{act, press, state};
use folio::app::{Action, Effect, Focus, Overlay, State};

fn top_text(s: &State) -> String {
    s.row_text(s.top)
}

#[test]
fn line_keys_scroll_one_row() {
    for (down, up) in [("j", "k"), ("<Down>", "<Up>")] {
        let mut s = state(100, 30);
        press(&mut s, down);
        press(&mut s, down);
        assert_eq!(s.top, 2);
        press(&mut s, up);
        assert_eq!(s.top, 1);
        press(&mut s, &format!("{up}{up}{up}"));
        assert_eq!(s.top, 0, "never above the top");
    }
}

/// A key never lays out again what is already on screen: scrolling one row keeps every block
/// still shown (the very same laid-out block) and lays out at most the one coming into view.
#[test]
fn scrolling_lays_out_only_blocks_coming_into_view() {
    let mut s = state(100, 30);
    assert!(!s.shown.is_empty());
    for _ in 0..40 {
        let before = s.shown.clone();
        press(&mut s, "j");
        let new = s.shown.iter().filter(|b| !before.iter().any(|o| std::sync::Arc::ptr_eq(o, b))).count();
        assert!(new <= 1, "{new} blocks laid out again for one row");
    }
    let before = s.shown.clone();
    press(&mut s, "<C-l>");
    assert!(s.shown.iter().all(|b| before.iter().any(|o| std::sync::Arc::ptr_eq(o, b))));
}

#[test]
fn page_keys_scroll_a_page_less_one_row() {
    for (down, up) in [("<Space>", "b"), ("<PageDown>", "<PageUp>"), ("<C-f>", "<C-b>")] {
        let mut s = state(100, 30);
        let page = s.page_height();
        press(&mut s, down);
        assert_eq!(s.top, page - 1, "{down}");
        press(&mut s, up);
        assert_eq!(s.top, 0, "{up}");
    }
}

#[test]
fn half_page_keys() {
    for (down, up) in [("d", "u"), ("<C-d>", "<C-u>")] {
        let mut s = state(100, 30);
        let half = s.page_height() / 2;
        press(&mut s, down);
        assert_eq!(s.top, half);
        press(&mut s, &format!("{down}{up}"));
        assert_eq!(s.top, half);
    }
}

#[test]
fn top_and_bottom() {
    for (bottom, top) in [("G", "g"), ("<End>", "<Home>")] {
        let mut s = state(100, 30);
        press(&mut s, bottom);
        assert_eq!(s.top, s.max_top());
        assert!(s.row_text(s.layout.len() - 1).contains("regional security efforts."));
        assert_eq!(s.percent(), 100);
        press(&mut s, "j");
        assert_eq!(s.top, s.max_top(), "never past the end");
        press(&mut s, top);
        assert_eq!(s.top, 0);
    }
}

#[test]
fn next_and_previous_section_move_reader_and_toc() {
    let mut s = state(100, 30);
    assert_eq!(s.current_section(), None, "the lead comes first");
    press(&mut s, "]");
    assert_eq!(top_text(&s), "Origins and Ideology");
    assert_eq!(s.toc_highlight(), Some(0));
    press(&mut s, "]");
    assert_eq!(top_text(&s), "Geography, Operations, and Capabilities");
    assert_eq!(s.toc_highlight(), Some(1));
    press(&mut s, "j[");
    assert_eq!(top_text(&s), "Geography, Operations, and Capabilities", "[ goes to the start of this section");
    press(&mut s, "[");
    assert_eq!(top_text(&s), "Origins and Ideology");
    press(&mut s, "[");
    assert_eq!(s.top, 0);
    press(&mut s, "]]]]]");
    assert_eq!(top_text(&s), "Impact, Legacy, and International Context");
    press(&mut s, "]");
    assert_eq!(s.message.as_deref(), Some("last section"));
}

#[test]
fn scroll_spy_follows_scrolling() {
    let mut s = state(100, 30);
    let row = s.layout.section_rows[2] as usize;
    for _ in 0..row {
        press(&mut s, "j");
    }
    assert_eq!(s.toc_highlight(), Some(2));
    press(&mut s, "k");
    assert_eq!(s.toc_highlight(), Some(1));
}

#[test]
fn toc_focus_move_and_enter() {
    for (focus, back) in [("h", "l"), ("<Left>", "<Right>")] {
        let mut s = state(100, 30);
        press(&mut s, focus);
        assert_eq!(s.focus, Focus::Toc);
        assert_eq!(s.toc.cursor, 0, "the cursor starts on the first entry");
        press(&mut s, "jj");
        assert_eq!(s.toc.cursor, 2);
        assert_eq!(s.top, 0, "moving in the TOC does not scroll");
        press(&mut s, "k<Enter>");
        assert_eq!(s.focus, Focus::Reader);
        assert_eq!(top_text(&s), "Geography, Operations, and Capabilities");
        press(&mut s, focus);
        press(&mut s, back);
        assert_eq!(s.focus, Focus::Reader);
    }
}

#[test]
fn fold_with_z_and_space_in_toc() {
    let mut s = State::new(common::elements(), "elements", (100, 30), 100);
    assert_eq!(s.toc.visible.len(), 5);
    press(&mut s, "h");
    press(&mut s, "<Space>");
    assert_eq!(s.toc.visible.len(), 3, "Alpha's two children are hidden");
    press(&mut s, "z");
    assert_eq!(s.toc.visible.len(), 5);
    press(&mut s, "l]z");
    assert_eq!(s.toc.visible.len(), 3, "z in the reader folds the current section");
    press(&mut s, "hjjjjj");
    assert_eq!(s.toc.cursor, 2, "the cursor stops at the last visible entry");
}

#[test]
fn toc_toggle_and_narrow_overlay() {
    let mut s = state(100, 30);
    assert!(s.toc.shown);
    let wide_text = s.areas.text.width;
    press(&mut s, "t");
    assert!(!s.toc.shown);
    assert!(s.areas.text.width > wide_text, "the reading pane takes the room");
    press(&mut s, "t");
    assert!(s.toc.shown);

    let mut n = state(60, 20);
    assert!(!n.toc.shown, "narrow terminals start with the TOC hidden");
    press(&mut n, "h");
    assert!(n.toc.shown && n.areas.toc_overlay);
    press(&mut n, "j<Enter>");
    assert!(!n.toc.shown, "the overlay closes after a jump");
    assert_eq!(n.row_text(n.top), "Geography, Operations, and Capabilities");
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut s = state(100, 30);
    press(&mut s, "?");
    assert_eq!(s.overlay, Some(Overlay::Help(0)));
    press(&mut s, "j");
    assert_eq!(s.top, 0, "keys go to the help overlay");
    press(&mut s, "<Esc>");
    assert_eq!(s.overlay, None);
    press(&mut s, "?q");
    assert_eq!(s.overlay, None, "q closes help rather than quitting");
}

#[test]
fn quit_keys() {
    let mut s = state(100, 30);
    assert_eq!(press(&mut s, "q"), Some(Effect::Quit));
    assert_eq!(press(&mut s, "<C-c>"), Some(Effect::Quit));
    press(&mut s, "?");
    assert_eq!(press(&mut s, "<C-c>"), Some(Effect::Quit));
}

#[test]
fn suspend_and_mouse_toggle() {
    let mut s = state(100, 30);
    assert_eq!(press(&mut s, "<C-z>"), Some(Effect::Suspend));
    // The mouse toggle is Alt-m: `m` sets marks.
    assert_eq!(press(&mut s, "<A-m>"), Some(Effect::SetMouse(false)));
    assert_eq!(press(&mut s, "<A-m>"), Some(Effect::SetMouse(true)));
}

#[test]
fn wheel_scrolls_the_pane_under_the_pointer_and_click_jumps() {
    let mut s = state(100, 30);
    act(&mut s, Action::Wheel(60, 10, 3));
    assert_eq!(s.top, 3);
    act(&mut s, Action::Wheel(60, 10, -3));
    assert_eq!(s.top, 0);
    act(&mut s, Action::Click(5, 3));
    assert_eq!(top_text(&s), "Leadership, Organization, and Strategic Outlook");
    assert_eq!(s.focus, Focus::Reader);
}

#[test]
fn resize_keeps_the_same_text_on_top() {
    let mut s = state(100, 30);
    press(&mut s, "]]jjj");
    let before = top_text(&s);
    let first_word = before.split_whitespace().next().unwrap().to_string();
    act(&mut s, Action::Resize(60, 20));
    let after = top_text(&s);
    assert!(after.contains(&first_word), "{before:?} → {after:?}");
    act(&mut s, Action::Resize(100, 30));
    assert_eq!(top_text(&s), before);
}

#[test]
fn t_on_a_narrow_terminal_opens_the_toc_with_focus_and_esc_closes_it() {
    let mut s = state(60, 20);
    assert!(!s.toc.shown);
    press(&mut s, "t");
    assert!(s.toc.shown && s.areas.toc_overlay);
    assert_eq!(s.focus, Focus::Toc, "the overlay takes the keys");
    press(&mut s, "j");
    assert_eq!(s.toc.cursor, 1, "j moves in the TOC");
    assert_eq!(s.top, 0);
    press(&mut s, "<Esc>");
    assert!(!s.toc.shown, "Esc closes it");
    assert_eq!(s.focus, Focus::Reader);
}

#[test]
fn the_last_section_becomes_current_when_the_end_is_on_screen() {
    let mut s = state(100, 30);
    press(&mut s, "G");
    let last = s.doc.article.sections.len() - 1;
    assert_eq!(s.current_section().map(|c| c.0 as usize), Some(last));
    assert_eq!(s.toc_highlight(), Some(last));
    assert!(common::screen(&s).contains(&format!("› {} {}", last + 1, s.doc.article.sections[last].title)));
    press(&mut s, "k");
    assert_ne!(s.current_section().map(|c| c.0 as usize), Some(last), "above the end, the top row counts");
}

#[test]
fn a_selected_link_scrolled_off_screen_is_not_followed() {
    let mut s = state(100, 30);
    press(&mut s, "<Tab>");
    assert!(s.selected.is_some());
    press(&mut s, "G");
    assert_eq!(s.selected, None, "the selection went with the link");
    assert_eq!(press(&mut s, "<Enter>"), None);
    assert_eq!(s.message.as_deref(), Some("no link selected: Tab selects one"));
}

#[test]
fn the_match_count_replaces_a_current_match_left_behind() {
    let mut s = state(100, 30);
    press(&mut s, "/the<Enter>");
    assert!(s.search_status().unwrap().starts_with("match 1/"), "{:?}", s.search_status());
    press(&mut s, ":5<Enter>");
    let n = s.search.as_ref().unwrap().hits.len();
    assert_eq!(s.search_status(), Some(format!("{n} matches")), "no stale ‘match 1/{n}’ after a jump");
    press(&mut s, "n");
    assert!(s.search_status().unwrap().starts_with("match "));
}

#[test]
fn very_wide_terminals_do_not_overflow() {
    let mut s = state(100, 30);
    folio::app::update(&mut s, Action::Resize(u16::MAX, 50));
    assert!(s.areas.toc.unwrap().width <= 40);
    press(&mut s, "jG");
}

#[test]
fn escape_leaves_the_toc() {
    let mut s = state(100, 30);
    press(&mut s, "h<Esc>");
    assert_eq!(s.focus, Focus::Reader);
}

/// A state showing the preview of a generated big article, with the job that parses the
/// whole article queued (not run).
fn preview_state(size: usize, seed: u64) -> (State, common::Jobs, String) {
    use folio::import::{markdown, preview};
    let text = testgen::article(size, seed);
    let p = preview::preview(&text).unwrap();
    let quick = markdown::parse(&p.text, "x");
    let cut = quick.blocks.len() - p.tail_headings;
    let mut s = State::new(quick, "big", (100, 30), 100);
    s.doc.partial = Some(cut);
    s.start_parse(text.clone().into_bytes(), "big.md", None);
    let mut jobs = common::Jobs::default();
    jobs.take_all(&mut s);
    assert_eq!(jobs.queue.len(), 1);
    (s, jobs, text)
}

#[test]
fn keys_never_wait_for_the_full_article_they_are_carried_out_when_it_arrives() {
    let (mut s, mut jobs, _) = preview_state(1 << 20, 9);
    assert_eq!(s.work_status().as_deref(), Some("loading…"));
    assert_eq!(press(&mut s, "j"), None, "inside the preview: applied at once");
    assert_eq!(s.top, 1);
    assert_eq!(press(&mut s, "G"), None, "no waiting");
    assert_eq!(s.top, 1, "not applied yet");
    assert_eq!(s.deferred, Some(Action::Bottom), "remembered");
    assert!(s.message.as_deref().unwrap().contains("waits for the whole article"), "{:?}", s.message);
    assert_eq!(press(&mut s, "q"), Some(Effect::Quit), "quitting never waits");
    jobs.deliver(&mut s, 0);
    assert_eq!(s.doc.partial, None, "the full article is shown");
    // A big article is shown from a window first; its whole layout is the next job.
    jobs.deliver_all(&mut s);
    assert_eq!(s.deferred, None);
    assert_eq!(s.top, s.max_top(), "G was carried out when the text arrived");
    assert!(common::screen(&s).contains(testgen::END_MARKER), "the end is on screen");
}

#[test]
fn a_toc_jump_past_the_preview_is_carried_out_when_the_text_arrives() {
    let (mut s, mut jobs, _) = preview_state(1 << 20, 9);
    let last = s.toc.visible.len();
    press(&mut s, "h");
    press(&mut s, &format!("{}<Enter>", "j".repeat(last)));
    assert_eq!(s.deferred, Some(Action::Activate));
    jobs.deliver_all(&mut s);
    assert_eq!(s.row_text(s.top), "Final Section");
}

#[test]
fn f1_during_load_keeps_the_guide_and_back_shows_the_full_article() {
    let (mut s, mut jobs, _) = preview_state(1 << 20, 9);
    let big = s.doc.id;
    jobs.press(&mut s, "j<F1>");
    assert_eq!(s.doc.article.title, "folio");
    jobs.deliver_all(&mut s);
    assert_eq!(s.doc.article.title, "folio", "the guide stays on screen");
    assert_eq!(s.history.back.back().unwrap().doc.id, big);
    assert_eq!(s.history.back.back().unwrap().doc.partial, None, "the history entry was upgraded");
    jobs.press(&mut s, "<BS>");
    assert_eq!(s.doc.id, big);
    assert_eq!(s.doc.partial, None, "back never restores a truncated article");
    assert_eq!(s.top, 1, "at the same place");
    jobs.press(&mut s, "G");
    jobs.deliver_all(&mut s);
    assert_eq!(s.top, s.max_top(), "G reaches the end of the full article");
}

#[test]
fn a_stale_parse_result_is_dropped() {
    let (mut s, mut jobs, text) = preview_state(1 << 20, 9);
    // A second parse request for the same preview makes the first one stale.
    let stale = jobs.run(0);
    s.start_parse(text.into_bytes(), "big.md", None);
    jobs.take_all(&mut s);
    folio::app::update(&mut s, stale);
    assert!(s.doc.partial.is_some(), "the stale result changed nothing");
    jobs.deliver(&mut s, 0);
    assert_eq!(s.doc.partial, None);
}
#[test]
fn ctrl_l_redraws() {
    let mut s = state(100, 30);
    assert_eq!(press(&mut s, "<C-l>"), Some(Effect::Redraw));
}

#[test]
fn resize_of_a_big_article_lays_out_a_window_first() {
    let article = folio::import::markdown::parse(&testgen::article(2 << 20, 4), "big");
    assert!(article.blocks.len() > folio::app::WINDOW_MIN_BLOCKS);
    let mut s = State::new(article, "big", (100, 30), 100);
    let mut jobs = common::Jobs::default();
    press(&mut s, &"]".repeat(40));
    let before = top_text(&s);
    jobs.take(folio::app::update(&mut s, Action::Resize(70, 24)));
    assert!(s.window.is_some(), "only a window is laid out");
    assert_eq!(jobs.queue.len(), 1, "the whole layout is a background job");
    let word = before.split_whitespace().next().unwrap().to_string();
    assert!(top_text(&s).contains(&word), "{before:?} → {:?}", top_text(&s));
    assert_eq!(press(&mut s, "j"), None, "inside the window: at once");
    assert_eq!(press(&mut s, "G"), None);
    assert_eq!(s.deferred, Some(Action::Bottom));
    let top = top_text(&s);
    jobs.deliver(&mut s, 0);
    assert_eq!(s.window, None);
    assert_eq!(s.top, s.max_top(), "G was carried out when the layout arrived");
    folio::app::update(&mut s, Action::Top);
    assert_ne!(top_text(&s), top);
}

#[test]
fn resize_then_f1_then_g_never_applies_the_big_layout_to_the_guide() {
    let article = folio::import::markdown::parse(&testgen::article(2 << 20, 4), "big");
    let mut s = State::new(article, "big", (100, 30), 100);
    let mut jobs = common::Jobs::default();
    jobs.take(folio::app::update(&mut s, Action::Resize(70, 24)));
    jobs.take(press(&mut s, "<F1>"));
    assert!(jobs.cancelled.contains(&folio::app::JobKind::Layout), "the big layout is no longer wanted");
    press(&mut s, "G");
    assert_eq!(s.doc.article.title, "folio");
    assert_eq!(s.top, s.max_top());
    common::render(&s);
}

#[test]
fn eight_resizes_of_a_big_article_keep_one_layout_job() {
    let article = folio::import::markdown::parse(&testgen::article(2 << 20, 4), "big");
    let mut s = State::new(article, "big", (100, 30), 100);
    let mut jobs = common::Jobs::default();
    for w in 60..68 {
        jobs.take(folio::app::update(&mut s, Action::Resize(w * 2, 30)));
    }
    assert_eq!(jobs.queue.len(), 1, "each resize replaced the previous layout job");
    jobs.deliver(&mut s, 0);
    assert_eq!(s.window, None);
}
