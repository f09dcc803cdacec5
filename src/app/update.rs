//! `update`: how each action changes the state. Pure: no I/O, no terminal, no waiting.

use super::jobs::{Done, Output};
use super::overlay::update_overlay;
use super::{Action, Effect, FinderKind, Focus, JobKind, Overlay, State, NARROW};

/// Applies an action to the state; returns what the event loop must do, if anything (several
/// effects come as one [`Effect::Batch`]).
///
/// A key that needs text not loaded yet (the end of a big article shown from its preview, a
/// row past the window laid out after a resize) is not applied: it is remembered
/// ([`State::deferred`]) and carried out when the text arrives. Keys never wait.
pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    if let Some(e) = update_whole(state, action) {
        state.emit(e);
    }
    state.refresh_shown();
    state.request_colors();
    let mut out = std::mem::take(&mut state.outbox);
    match out.len() {
        0 => None,
        1 => out.pop(),
        _ => Some(Effect::Batch(out)),
    }
}

/// [`update`], before the blocks newly on screen are laid out.
fn update_whole(state: &mut State, action: Action) -> Option<Effect> {
    if let Action::Done(done) = action {
        return apply_done(state, *done);
    }
    let Some((lo, hi)) = state.valid_rows() else { return apply(state, action) };
    let needs_whole_text =
        matches!(action, Action::Search | Action::NextMatch | Action::PrevMatch | Action::LinkList | Action::Bottom);
    if needs_whole_text && state.overlay.is_none() {
        return defer(state, action);
    }
    let before = state.clone();
    let effect = apply(state, action.clone());
    // Only a motion within the same article can need its missing text; going to another
    // article never waits.
    let same = state.doc.id == before.doc.id && state.doc.partial == before.doc.partial;
    let outside = same && (state.top < lo || state.top + state.page_height() > hi);
    if effect != Some(Effect::Quit) && outside && !matches!(action, Action::Resize(..)) {
        let outbox = std::mem::take(&mut state.outbox);
        *state = before;
        state.outbox = outbox;
        return defer(state, action);
    }
    effect
}

/// Remembers a key until the text it needs is there.
fn defer(state: &mut State, action: Action) -> Option<Effect> {
    let key = action.name().and_then(|_| state.keymap.key_for(&action)).unwrap_or_default();
    state.message = Some(format!("{key} waits for the whole article (Esc cancels)").trim_start().to_string());
    state.deferred = Some(action);
    None
}

/// A background job's result or progress. Results of jobs nobody waits for any more (an older
/// generation, a document no longer shown) are dropped here.
fn apply_done(state: &mut State, done: Done) -> Option<Effect> {
    let Done { gen, output } = done;
    match output {
        Output::Progress { done, total } => {
            state.jobs.progress(gen, done, total);
            return None;
        }
        Output::Cancelled => {
            state.jobs.finish(gen);
            return None;
        }
        _ => {}
    }
    let slot = state.jobs.finish(gen)?;
    if slot.kind == JobKind::Parse && std::mem::take(&mut state.index_after_parse) {
        state.start_index();
    }
    match output {
        Output::Parsed { doc, .. } => state.accept_full(*doc),
        Output::Laid { id, layout } => state.accept_layout(id, layout),
        Output::Loaded { mut doc, fragment, notice } => {
            if let Some(index) = &state.link_index {
                doc.check_fragments(index);
            }
            state.show_loaded(*doc, fragment.as_deref());
            if notice.is_some() {
                state.message = notice;
            }
        }
        Output::Found { pattern, hits } => state.show_library_results(pattern, hits),
        Output::Scanned { library } => state.accept_library(library),
        Output::Indexed { library, index } => state.accept_index(&library, index),
        Output::Opened { doc, library, reload } => state.accept_opened(*doc, library, reload),
        Output::Highlighted { id, colors } => {
            if state.doc.id == id {
                let map = std::sync::Arc::make_mut(&mut state.doc.colors);
                map.extend(colors);
            }
            return None;
        }
        Output::Refreshed { id, doc, notice } => state.accept_refreshed(id, doc, notice),
        Output::WikiFound { query, full, hits } => state.accept_wiki_hits(query, full, hits),
        Output::Peeked { link, peek } => state.accept_peek(link, peek),
        Output::Failed(why) => {
            state.message = Some(format!("{} failed: {why}", slot.label));
            if let (JobKind::Peek, Some(Overlay::Peek { peek, loading, .. })) = (slot.kind, state.overlay.as_mut()) {
                peek.text = format!("(could not be read: {why})");
                *loading = false;
            }
            if slot.kind == JobKind::Parse && slot.doc == Some(state.doc.id) {
                // Keep reading what is there; nothing more is coming.
                state.doc.partial = None;
                state.deferred = None;
            }
        }
        Output::Progress { .. } | Output::Cancelled => {}
    }
    state.sync_toc();
    // The text a remembered key waited for may be here now (if not, it is remembered again).
    let action = state.deferred.take()?;
    update_whole(state, action)
}

fn apply(state: &mut State, action: Action) -> Option<Effect> {
    if !matches!(action, Action::Resize(..) | Action::Wheel(..)) {
        state.message = None;
    }
    let top_before = state.top;
    if let Some(overlay) = state.overlay.clone() {
        let effect = update_overlay(state, overlay, action);
        if state.top != top_before {
            state.drop_hidden_selection();
            state.forget_hidden_match();
        }
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
            // Drawn over the text on a narrow terminal, the TOC takes the keys (and Esc).
            if shown && state.areas.toc_overlay && !state.toc.visible.is_empty() {
                state.focus = Focus::Toc;
            }
        }
        Action::ToggleWrap => {
            state.wrap_code = !state.wrap_code;
            state.hscroll = 0;
            state.relayout();
            state.message = Some(
                if state.wrap_code { "long code lines wrap (↪)" } else { "long code lines run on: < and > scroll" }
                    .to_string(),
            );
        }
        Action::ScrollLeft => state.scroll_sideways(-(state.sideways_step() as i32)),
        Action::ScrollRight => state.scroll_sideways(state.sideways_step() as i32),
        Action::HWheel(delta) => state.scroll_sideways(delta as i32),
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
                state.overlay = Some(Overlay::links(state, String::new()));
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
                state.overlay = Some(Overlay::finder(state, FinderKind::Sections, String::new()));
            }
        }
        Action::OpenArticle => {
            if !state.wiki_find(false) {
                state.overlay = Some(Overlay::finder(state, FinderKind::Articles, String::new()));
            }
        }
        Action::Peek => state.peek(),
        Action::SaveArticle => effect = state.save_wiki(),
        Action::NextChapter => return state.step_chapter(true),
        Action::PrevChapter => return state.step_chapter(false),
        Action::Book => state.show_book(),
        Action::Backlinks => state.show_backlinks(),
        Action::SearchLibrary => {
            if !state.wiki_find(true) {
                state.overlay = Some(Overlay::LibraryPrompt(String::new()));
            }
        }
        Action::Char(_) | Action::DeleteChar | Action::Yes | Action::Done(_) => {}
        Action::Close => {
            state.selected = None;
            state.search = None;
            if state.deferred.take().is_some() {
                state.message = Some("cancelled".to_string());
            }
            if state.jobs.of(JobKind::Search).is_some() {
                state.cancel(JobKind::Search);
                state.message = Some("library search cancelled".to_string());
            }
            if let Some(label) = state.jobs.of(JobKind::Load).map(|s| s.label.clone()) {
                // Esc stops opening a page (a slow site, a big file) and stays here.
                state.cancel(JobKind::Load);
                state.message = Some(format!("stopped {label}"));
            }
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
        Action::Quit => {
            effect = Some(match state.quitting() {
                Some(save) => Effect::Batch(vec![save, Effect::Quit]),
                None => Effect::Quit,
            })
        }
        Action::SetMark => state.overlay = Some(Overlay::MarkKey(super::MarkKey::Set)),
        Action::JumpToMark => state.overlay = Some(Overlay::MarkKey(super::MarkKey::Jump)),
        Action::Marks => state.show_marks(),
        Action::DeleteMark => {}
        Action::Edit => effect = state.edit(),
        Action::Copy => effect = state.copy(),
        Action::FileChanged => state.reload(),
        Action::LibraryChanged => {
            if let crate::library::Root::Dir(root) = &state.library.root {
                let root = root.clone();
                state.start_scan(crate::open::Pending { own: Some(root), layers: state.libraries.clone() });
            }
        }
        Action::Resize(w, h) => {
            let was_narrow = state.size.0 < NARROW;
            state.size = (w, h);
            if was_narrow != (w < NARROW) {
                state.toc.shown =
                    w >= NARROW && (state.toc_wanted || was_narrow) && !state.doc.article.sections.is_empty();
                if !state.toc.shown {
                    state.focus = Focus::Reader;
                }
            }
            state.relayout();
        }
        Action::Wheel(col, row, delta) => {
            if state.areas.toc.is_some_and(|r| r.contains((col, row).into())) {
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
    if state.top != top_before {
        state.drop_hidden_selection();
        state.forget_hidden_match();
    }
    if follow {
        state.sync_toc();
    }
    effect
}
