//! Key-sequence tests on `update`: every key of the reader core, as a user types it.

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
    press(&mut s, "j");
    press(&mut s, "jjjjj");
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
    assert_eq!(press(&mut s, "m"), Some(Effect::SetMouse(false)));
    assert_eq!(press(&mut s, "m"), Some(Effect::SetMouse(true)));
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
fn escape_leaves_the_toc() {
    let mut s = state(100, 30);
    press(&mut s, "h<Esc>");
    assert_eq!(s.focus, Focus::Reader);
}

#[test]
fn preview_waits_for_the_full_article_before_showing_what_it_lacks() {
    use folio::import::{markdown, preview};
    let text = folio::testgen::article(1 << 20, 9);
    let p = preview::preview(&text).unwrap();
    let quick = markdown::parse(&p.text, "x");
    let cut = quick.blocks.len() - p.tail_headings;
    let mut s = State::new(quick, "big", (100, 30), 100);
    s.partial = Some(cut);
    assert_eq!(press(&mut s, "j"), None, "inside the preview: applied at once");
    assert_eq!(s.top, 1);
    assert_eq!(press(&mut s, "G"), Some(Effect::AwaitFull(Action::Bottom)));
    assert_eq!(s.top, 1, "not applied yet");
    let last = s.toc.visible.len();
    press(&mut s, "h");
    let effect = press(&mut s, &format!("{}<Enter>", "j".repeat(last)));
    assert_eq!(effect, Some(Effect::AwaitFull(Action::Activate)));
    let mut full = folio::app::Document::new(markdown::parse(&text, "x"), "big", &s.library, None);
    full.layout_for(s.areas.text.width); // as the background thread does
    s.replace_document(full);
    assert_eq!(s.partial, None);
    assert_eq!(s.top, 1, "the same text on top");
    folio::app::update(&mut s, Action::Activate);
    assert_eq!(s.row_text(s.top), "Final Section");
}

#[test]
fn ctrl_l_redraws() {
    let mut s = state(100, 30);
    assert_eq!(press(&mut s, "<C-l>"), Some(Effect::Redraw));
}

#[test]
fn resize_of_a_big_article_lays_out_a_window_first() {
    let article = folio::import::markdown::parse(&folio::testgen::article(2 << 20, 4), "big");
    assert!(article.blocks.len() > folio::app::WINDOW_MIN_BLOCKS);
    let mut s = State::new(article, "big", (100, 30), 100);
    press(&mut s, &"]".repeat(40));
    let before = top_text(&s);
    folio::app::update(&mut s, Action::Resize(70, 24));
    assert!(s.window.is_some(), "only a window is laid out");
    let word = before.split_whitespace().next().unwrap().to_string();
    assert!(top_text(&s).contains(&word), "{before:?} → {:?}", top_text(&s));
    assert_eq!(press(&mut s, "j"), None, "inside the window: at once");
    let width = s.layout_wanted().unwrap();
    assert_eq!(press(&mut s, "G"), Some(Effect::AwaitFull(Action::Bottom)));
    let full = std::sync::Arc::new(folio::layout::layout(&s.doc.article, width));
    let top = top_text(&s);
    s.accept_layout(full);
    assert_eq!(s.window, None);
    assert_eq!(top_text(&s), top, "the same text on top");
    folio::app::update(&mut s, Action::Bottom);
    assert_eq!(s.top, s.max_top());
}
