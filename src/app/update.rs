//! `update`: how each action changes the state. Pure: no I/O, no terminal.

use super::overlay::update_overlay;
use super::{Action, Effect, FinderKind, Focus, Overlay, State, NARROW};

/// Applies an action to the state; returns what the event loop must do, if anything.
///
/// While a big article is shown from its preview, an action that would show text the preview
/// does not have (or search it) is not applied: it comes back as [`Effect::AwaitFull`].
pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    let effect = update_whole(state, action);
    state.refresh_shown();
    effect
}

/// [`update`], before the blocks newly on screen are laid out.
fn update_whole(state: &mut State, action: Action) -> Option<Effect> {
    let Some((lo, hi)) = state.valid_rows() else { return apply(state, action) };
    let needs_whole_text =
        matches!(action, Action::Search | Action::NextMatch | Action::PrevMatch | Action::LinkList | Action::Bottom);
    if needs_whole_text && state.overlay.is_none() {
        return Some(Effect::AwaitFull(action));
    }
    let before = state.clone();
    let effect = apply(state, action);
    let outside = state.top < lo || state.top + state.page_height() > hi;
    if effect != Some(Effect::Quit) && outside && !matches!(action, Action::Resize(..)) {
        *state = before;
        return Some(Effect::AwaitFull(action));
    }
    effect
}

fn apply(state: &mut State, action: Action) -> Option<Effect> {
    if !matches!(action, Action::Resize(..) | Action::Wheel(..)) {
        state.message = None;
    }
    if let Some(overlay) = state.overlay.clone() {
        let effect = update_overlay(state, overlay, action);
        state.sync_toc();
        return effect;
    }
    let page = state.page_height();
    let in_toc = state.focus == Focus::Toc;
    let mut effect = None;
    let mut follow = true;
    match action {
        Action::LineDown if in_toc => state.toc_move(1),
        Action::LineUp if in_toc => state.toc_move(-1),
        Action::PageDown if in_toc => state.toc_move(state.toc_height() as isize),
        Action::PageUp if in_toc => state.toc_move(-(state.toc_height() as isize)),
        Action::HalfDown if in_toc => state.toc_move(state.toc_height() as isize / 2),
        Action::HalfUp if in_toc => state.toc_move(-(state.toc_height() as isize / 2)),
        Action::Top if in_toc => state.toc.cursor = 0,
        Action::Bottom if in_toc => state.toc.cursor = state.toc.visible.len().saturating_sub(1),
        Action::LineDown => state.scroll_by(1),
        Action::LineUp => state.scroll_by(-1),
        Action::PageDown => state.scroll_by(page.saturating_sub(1).max(1) as isize),
        Action::PageUp => state.scroll_by(-(page.saturating_sub(1).max(1) as isize)),
        Action::HalfDown => state.scroll_by((page / 2).max(1) as isize),
        Action::HalfUp => state.scroll_by(-((page / 2).max(1) as isize)),
        Action::Top => state.top = 0,
        Action::Bottom => state.top = state.max_top(),
        Action::NextSection => {
            state.focus = Focus::Reader;
            state.next_section();
        }
        Action::PrevSection => {
            state.focus = Focus::Reader;
            state.prev_section();
        }
        Action::FocusToc => {
            if state.toc.visible.is_empty() {
                state.message = Some("this article has no sections".to_string());
            } else {
                if !state.toc.shown {
                    state.set_toc_shown(true);
                }
                state.focus = Focus::Toc;
            }
        }
        Action::FocusReader => {
            state.focus = Focus::Reader;
            if state.areas.toc_overlay {
                state.set_toc_shown(false);
            }
        }
        Action::Activate => state.activate_toc(),
        Action::ToggleFold => {
            let target = if in_toc { state.toc.selected() } else { state.current_section() };
            match target {
                Some(id) => {
                    // Fold the nearest ancestor that has children (folding a leaf folds its parent).
                    let mut id = id;
                    while state.article().section(id).children.is_empty() {
                        match state.article().section(id).parent {
                            Some(p) => id = p,
                            None => break,
                        }
                    }
                    let article = state.doc.article.clone();
                    if !state.toc.toggle(&article, id) {
                        state.message = Some("no subsections to fold".to_string());
                    }
                }
                None => state.message = Some("no section here to fold".to_string()),
            }
        }
        Action::ToggleToc => {
            let shown = !state.toc.shown;
            state.set_toc_shown(shown);
        }
        Action::Help => state.overlay = Some(Overlay::Help(0)),
        Action::NextLink => state.select_link(true),
        Action::PrevLink => state.select_link(false),
        Action::Follow => match state.selected {
            Some(link) => effect = state.follow(link),
            None => state.message = Some("no link selected: Tab selects one".to_string()),
        },
        Action::Hints => {
            if state.hints().is_empty() {
                state.message = Some("no links on screen".to_string());
            } else {
                state.overlay = Some(Overlay::Hints(String::new()));
            }
        }
        Action::LinkList => {
            if state.doc.article.links.is_empty() {
                state.message = Some("no links in this article".to_string());
            } else {
                state.overlay = Some(Overlay::Links { filter: String::new(), cursor: 0 });
            }
        }
        Action::Back => state.back(),
        Action::Forward => state.forward(),
        Action::Guide => state.open_guide(),
        Action::Search => {
            state.overlay =
                Some(Overlay::Search { input: String::new(), origin: state.top, previous: state.search.take() })
        }
        Action::NextMatch => state.next_hit(true),
        Action::PrevMatch => state.next_hit(false),
        Action::GoToSection => {
            if state.doc.article.sections.is_empty() {
                state.message = Some("this article has no sections".to_string());
            } else {
                state.overlay = Some(Overlay::Finder { kind: FinderKind::Sections, input: String::new(), cursor: 0 });
            }
        }
        Action::OpenArticle => {
            state.overlay = Some(Overlay::Finder { kind: FinderKind::Articles, input: String::new(), cursor: 0 })
        }
        Action::SearchLibrary => state.overlay = Some(Overlay::LibraryPrompt(String::new())),
        Action::Char(_) | Action::DeleteChar | Action::Yes => {}
        Action::Close => {
            state.selected = None;
            state.search = None;
            if state.focus == Focus::Toc {
                state.focus = Focus::Reader;
                if state.areas.toc_overlay {
                    state.set_toc_shown(false);
                }
            }
        }
        Action::ToggleMouse => {
            state.mouse = !state.mouse;
            state.message =
                Some(if state.mouse { "mouse on" } else { "mouse off: the terminal selects text" }.to_string());
            effect = Some(Effect::SetMouse(state.mouse));
        }
        Action::Suspend => effect = Some(Effect::Suspend),
        Action::Redraw => effect = Some(Effect::Redraw),
        Action::Quit => effect = Some(Effect::Quit),
        Action::Resize(w, h) => {
            let was_narrow = state.size.0 < NARROW;
            state.size = (w, h);
            if was_narrow != (w < NARROW) {
                state.toc.shown = w >= NARROW;
                if !state.toc.shown {
                    state.focus = Focus::Reader;
                }
            }
            state.relayout();
        }
        Action::Wheel(col, row, delta) => {
            if let Some(toc) = state.areas.toc.filter(|r| r.contains((col, row).into())) {
                let _ = toc;
                let max = state.toc.visible.len().saturating_sub(state.toc_height());
                let off = state.toc.offset as isize + delta as isize;
                state.toc.offset = off.clamp(0, max as isize) as usize;
                follow = false;
            } else {
                state.scroll_by(delta as isize);
            }
        }
        Action::Click(col, row) => {
            if let Some(link) =
                state.link_at(col, row).filter(|_| !state.areas.toc.is_some_and(|r| r.contains((col, row).into())))
            {
                effect = state.follow(link);
            } else if let Some(toc) = state.areas.toc.filter(|r| r.contains((col, row).into())) {
                if row > toc.y {
                    let i = state.toc.offset + (row - toc.y - 1) as usize;
                    if i < state.toc.visible.len() {
                        state.toc.cursor = i;
                        state.activate_toc();
                    }
                }
            }
        }
    }
    if follow {
        state.sync_toc();
    }
    effect
}
