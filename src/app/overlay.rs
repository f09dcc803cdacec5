//! Overlays: layers over the panes that take the keys while open (help, link hints, the link
//! list, prompts, finders, the library results).

use std::sync::Arc;

use super::find::FinderItem;
use super::links::{filter_links, ListedLink};
use super::{Action, Effect, FinderKind, Search, State};
use crate::library::search::LibraryHit;
use crate::search::MAX_PATTERN;

/// Applies a typed character or deletion to a prompt's input; returns whether it changed.
fn edit(input: &mut String, action: &Action) -> bool {
    match action {
        Action::Char(c) if input.chars().count() < MAX_PATTERN => {
            input.push(*c);
            true
        }
        Action::DeleteChar => input.pop().is_some(),
        _ => false,
    }
}

/// A layer drawn over the panes that takes the keys while it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The key list, scrolled by this many rows.
    Help(usize),
    /// Link hints; the letters typed so far.
    Hints(String),
    /// Every link of the article (`all`), filtered by typing: `shown` holds the indices of
    /// the entries that match `filter`, computed when the filter changes.
    Links { filter: String, cursor: usize, all: Arc<Vec<ListedLink>>, shown: Arc<Vec<u32>> },
    /// "Open this URL in the browser? (y/n)"
    Confirm(String),
    /// "Open this file with the system's opener? (y/n)": `path` relative to the library
    /// folder `root`.
    ConfirmFile { root: std::path::PathBuf, path: String },
    /// The `/` prompt: incremental search; `origin` is where Esc returns to, `previous` the
    /// search it restores.
    Search { input: String, origin: usize, previous: Option<Search> },
    /// A fuzzy finder over sections or articles, with its entries for `input`, best first.
    Finder { kind: FinderKind, input: String, cursor: usize, items: Arc<Vec<FinderItem>> },
    /// The prompt for a library-wide search.
    LibraryPrompt(String),
    /// Library search results.
    Results { pattern: String, hits: Arc<Vec<LibraryHit>>, cursor: usize },
    /// `m` or `'` waiting for the mark's letter.
    MarkKey(super::MarkKey),
    /// The marks list (`M`): filtered by typing.
    Marks { filter: String, cursor: usize, all: Arc<Vec<super::MarkRow>> },
    /// A list of places to open: the book's chapters, the places that link here.
    Places { title: String, places: Arc<Vec<super::book::PlaceRow>>, cursor: usize },
    /// Pages of the wiki found by title (as typed) or text (`full`, on Enter); `asked`: the
    /// query the hits answer.
    WikiFind {
        full: bool,
        input: String,
        cursor: usize,
        hits: Arc<Vec<crate::wiki::client::Hit>>,
        asked: Option<String>,
    },
    /// A link's preview (`loading` until its text arrives).
    Peek { link: crate::model::LinkId, peek: super::Peek, loading: bool },
}

impl Overlay {
    /// The link list of the state's article, filtered by `filter`.
    pub fn links(state: &State, filter: String) -> Overlay {
        let all = state.doc.listed_links(&state.library);
        let shown = Arc::new(filter_links(&all, &filter, 0..all.len() as u32));
        Overlay::Links { filter, cursor: 0, all, shown }
    }

    /// A finder with its entries for `input`.
    pub fn finder(state: &State, kind: FinderKind, input: String) -> Overlay {
        let items = Arc::new(state.finder_items(kind, &input));
        Overlay::Finder { kind, input, cursor: 0, items }
    }
}

/// Keys while an overlay is open.
pub(super) fn update_overlay(state: &mut State, overlay: Overlay, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => {
            return Some(match state.quitting() {
                Some(save) => Effect::Batch(vec![save, Effect::Quit]),
                None => Effect::Quit,
            })
        }
        Action::Resize(w, h) => {
            state.size = (w, h);
            state.relayout();
            return None;
        }
        Action::Close => {
            state.overlay = None;
            if let Overlay::Search { origin, previous, .. } = overlay {
                // Cancelled: back to where the search started, and the search before it.
                state.top = origin;
                state.search = previous;
            }
            return None;
        }
        _ => {}
    }
    match overlay {
        Overlay::Search { mut input, origin, previous } => {
            if action == Action::Follow {
                state.overlay = None;
                if input.is_empty() {
                    state.search = previous;
                }
                return None;
            }
            if edit(&mut input, &action) {
                state.top = origin;
                if input.is_empty() {
                    state.search = None;
                } else {
                    match state.run_search(&input) {
                        Ok(0) => state.message = Some(format!("no match for ‘{input}’")),
                        Ok(_) => {
                            let i = state.hit_from(origin).unwrap_or(0);
                            state.goto_hit(i);
                        }
                        Err(e) => state.message = Some(e),
                    }
                }
            }
            state.overlay = Some(Overlay::Search { input, origin, previous });
            None
        }
        Overlay::Finder { kind, mut input, mut cursor, mut items } => {
            if edit(&mut input, &action) {
                cursor = 0;
                items = Arc::new(state.finder_items(kind, &input));
            }
            match action {
                Action::LineDown => cursor = (cursor + 1).min(items.len().saturating_sub(1)),
                Action::LineUp => cursor = cursor.saturating_sub(1),
                Action::PageDown => cursor = (cursor + state.page_height()).min(items.len().saturating_sub(1)),
                Action::PageUp => cursor = cursor.saturating_sub(state.page_height()),
                Action::Follow => {
                    state.overlay = None;
                    // A section number such as `2.3` jumps straight there.
                    if kind == FinderKind::Sections {
                        if let Some(i) = state.doc.article.sections.iter().position(|s| s.number == input.trim()) {
                            return state.choose(super::find::FinderTarget::Section(crate::model::SectionId(i as u32)));
                        }
                    }
                    return match items.get(cursor) {
                        Some(item) => state.choose(item.target),
                        None => {
                            state.message = Some(format!("nothing matches ‘{input}’"));
                            None
                        }
                    };
                }
                _ => {}
            }
            state.overlay = Some(Overlay::Finder { kind, input, cursor, items });
            None
        }
        Overlay::LibraryPrompt(mut input) => {
            if action == Action::Follow {
                state.overlay = None;
                if input.is_empty() {
                    return None;
                }
                match crate::search::compile(&input) {
                    Ok(_) => {
                        let library = super::Shared(state.library.clone());
                        state.start(super::Job::Search { pattern: input, library }, "searching");
                    }
                    Err(e) => state.message = Some(e),
                }
                return None;
            }
            edit(&mut input, &action);
            state.overlay = Some(Overlay::LibraryPrompt(input));
            None
        }
        Overlay::MarkKey(op) => {
            state.overlay = None;
            match (action, op) {
                (Action::Char(c), super::MarkKey::Set) => state.set_mark(c),
                (Action::Char(c), super::MarkKey::Jump) => state.jump_to_mark(c),
                _ => None,
            }
        }
        Overlay::Marks { mut filter, mut cursor, all } => {
            let shown = State::filter_marks(&all, &filter);
            let last = shown.len().saturating_sub(1);
            match action {
                Action::LineDown => cursor = (cursor + 1).min(last),
                Action::LineUp => cursor = cursor.saturating_sub(1),
                Action::Follow => {
                    state.overlay = None;
                    let row = shown.get(cursor)?.clone();
                    return state.go_to_anchor(&row.article, row.anchor);
                }
                Action::DeleteMark => {
                    let row = shown.get(cursor)?.clone();
                    let effect = state.delete_mark(&row);
                    let all: Vec<super::MarkRow> = all.iter().filter(|r| **r != row).cloned().collect();
                    cursor = cursor.min(all.len().saturating_sub(1));
                    state.overlay = (!all.is_empty()).then(|| Overlay::Marks { filter, cursor, all: Arc::new(all) });
                    return effect;
                }
                Action::Char(c) => {
                    filter.push(c);
                    cursor = 0;
                }
                Action::DeleteChar => {
                    filter.pop();
                    cursor = 0;
                }
                _ => {}
            }
            state.overlay = Some(Overlay::Marks { filter, cursor, all });
            None
        }
        Overlay::WikiFind { full, mut input, mut cursor, hits, asked } => {
            if edit(&mut input, &action) {
                cursor = 0;
                if !full {
                    // Asked as the user types; the job waits a moment, so typing on cancels it.
                    state.search_wiki(&input, false);
                }
            }
            let last = hits.len().saturating_sub(1);
            match action {
                Action::LineDown => cursor = (cursor + 1).min(last),
                Action::LineUp => cursor = cursor.saturating_sub(1),
                Action::PageDown => cursor = (cursor + state.page_height()).min(last),
                Action::PageUp => cursor = cursor.saturating_sub(state.page_height()),
                Action::Follow if full && asked.as_deref() != Some(input.trim()) => {
                    state.search_wiki(input.trim(), true)
                }
                Action::Follow => {
                    let title = match hits.get(cursor) {
                        Some(hit) if asked.as_deref() == Some(input.trim()) || full => hit.title.clone(),
                        // The hits are of an older query: the title as typed.
                        _ => input.trim().to_string(),
                    };
                    if !title.is_empty() {
                        state.overlay = None;
                        state.open_wiki(&title, None);
                        return None;
                    }
                }
                _ => {}
            }
            state.overlay = Some(Overlay::WikiFind { full, input, cursor, hits, asked });
            None
        }
        Overlay::Peek { link, peek, loading } => {
            if action == Action::Follow {
                state.overlay = None;
                state.cancel(super::JobKind::Peek);
                return state.follow(link);
            }
            state.overlay = Some(Overlay::Peek { link, peek, loading });
            None
        }
        Overlay::Places { title, places, mut cursor } => {
            let last = places.len().saturating_sub(1);
            match action {
                Action::LineDown => cursor = (cursor + 1).min(last),
                Action::LineUp => cursor = cursor.saturating_sub(1),
                Action::PageDown => cursor = (cursor + state.page_height()).min(last),
                Action::PageUp => cursor = cursor.saturating_sub(state.page_height()),
                Action::Follow => match places.get(cursor) {
                    Some(place) if place.entry.is_some() => {
                        state.overlay = None;
                        let place = place.clone();
                        return state.open_place(&place);
                    }
                    _ => {}
                },
                _ => {}
            }
            state.overlay = Some(Overlay::Places { title, places, cursor });
            None
        }
        Overlay::Results { pattern, hits, mut cursor } => {
            match action {
                Action::LineDown => cursor = (cursor + 1).min(hits.len().saturating_sub(1)),
                Action::LineUp => cursor = cursor.saturating_sub(1),
                Action::PageDown => cursor = (cursor + state.page_height()).min(hits.len().saturating_sub(1)),
                Action::PageUp => cursor = cursor.saturating_sub(state.page_height()),
                Action::Follow => {
                    state.overlay = None;
                    let hit = hits.get(cursor)?.clone();
                    return state.open_library_hit(&pattern, &hit);
                }
                _ => {}
            }
            state.overlay = Some(Overlay::Results { pattern, hits, cursor });
            None
        }
        Overlay::Help(scroll) => {
            let max = state.help_len().saturating_sub(state.page_height().saturating_sub(2));
            state.overlay = match action {
                Action::LineDown => Some(Overlay::Help((scroll + 1).min(max))),
                Action::LineUp => Some(Overlay::Help(scroll.saturating_sub(1))),
                Action::PageDown => Some(Overlay::Help((scroll + state.page_height()).min(max))),
                Action::PageUp => Some(Overlay::Help(scroll.saturating_sub(state.page_height()))),
                Action::Help => None,
                Action::Guide => {
                    state.overlay = None;
                    state.open_guide();
                    None
                }
                _ => Some(Overlay::Help(scroll)),
            };
            None
        }
        Overlay::Hints(mut typed) => {
            let Action::Char(c) = action else { return None };
            typed.push(c.to_ascii_lowercase());
            let hints = state.hints();
            if let Some((_, span)) = hints.iter().find(|(label, _)| *label == typed) {
                state.overlay = None;
                return state.follow(span.link);
            }
            if hints.iter().any(|(label, _)| label.starts_with(&typed)) {
                state.overlay = Some(Overlay::Hints(typed));
            } else {
                state.overlay = None;
                state.message = Some(format!("no link labelled ‘{typed}’"));
            }
            None
        }
        Overlay::Links { mut filter, mut cursor, all, mut shown } => {
            match action {
                Action::Char(c) if filter.chars().count() < MAX_PATTERN => {
                    filter.push(c);
                    cursor = 0;
                    // One more character can only narrow what is listed.
                    shown = Arc::new(filter_links(&all, &filter, shown.iter().copied()));
                }
                Action::DeleteChar => {
                    filter.pop();
                    cursor = 0;
                    shown = Arc::new(filter_links(&all, &filter, 0..all.len() as u32));
                }
                Action::LineDown => cursor = (cursor + 1).min(shown.len().saturating_sub(1)),
                Action::LineUp => cursor = cursor.saturating_sub(1),
                Action::PageDown => cursor = (cursor + state.page_height()).min(shown.len().saturating_sub(1)),
                Action::PageUp => cursor = cursor.saturating_sub(state.page_height()),
                Action::Follow => {
                    state.overlay = None;
                    return match shown.get(cursor) {
                        Some(&i) => state.follow(all[i as usize].link),
                        None => {
                            state.message = Some("no link matches".to_string());
                            None
                        }
                    };
                }
                _ => {}
            }
            state.overlay = Some(Overlay::Links { filter, cursor, all, shown });
            None
        }
        Overlay::ConfirmFile { root, path } => {
            state.overlay = None;
            if action == Action::Yes {
                state.message = Some(format!("opening {}", crate::sanitize::sanitize_line(&path)));
                return Some(Effect::OpenFile { root, path });
            }
            state.message = Some("not opened".to_string());
            None
        }
        Overlay::Confirm(url) => {
            state.overlay = None;
            if action == Action::Yes {
                state.message = Some(format!("opening {url}"));
                return Some(Effect::OpenUrl(url));
            }
            state.message = Some("not opened".to_string());
            None
        }
    }
}
