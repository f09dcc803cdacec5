//! Reading positions and marks as key sequences on `update`: `m` + letter, `'` + letter,
//! `''`, `M` (filter, Enter, `d`), upper-case marks across articles, the position restored
//! when the article opens again (anchored on its text, so an edit above does not move it),
//! and back after a restart.

mod common;

use std::sync::Arc;

use common::{press, Jobs};
use folio::app::{Effect, Overlay, State};
use folio::open::open_bundled;

/// The bundled default article, remembering.
fn reader() -> State {
    let opened = open_bundled(folio::assets::DEFAULT_ARTICLE).unwrap();
    let mut s = State::open(opened.doc, Arc::new(opened.library), (100, 30), 100);
    s.remembers = true;
    s
}

#[test]
fn a_mark_is_set_jumped_to_and_returned_from() {
    let mut s = reader();
    press(&mut s, "jjjjjjjjjjjj");
    let marked = s.top;
    assert_eq!(press(&mut s, "ma"), Some(Effect::SaveMemory));
    assert!(s.message.as_deref() == Some("mark a set"));
    press(&mut s, "G");
    let end = s.top;
    press(&mut s, "'a");
    assert_eq!(s.top, marked);
    press(&mut s, "''");
    assert_eq!(s.top, end, "'' returns to where the jump came from");
    press(&mut s, "'b");
    assert_eq!(s.message.as_deref(), Some("no mark b"));
    press(&mut s, "m1");
    assert!(s.message.as_deref().is_some_and(|m| m.contains("letters")));
}

#[test]
fn the_marks_list_filters_jumps_and_deletes() {
    let mut s = reader();
    press(&mut s, "jjjjjmaGmb");
    let at_b = s.top;
    press(&mut s, "g");
    press(&mut s, "M");
    let Some(Overlay::Marks { all, .. }) = &s.overlay else { panic!("{:?}", s.overlay) };
    assert_eq!(all.len(), 2);
    let screen = common::screen(&s);
    assert!(screen.contains("a  Islamic State Khorasan Province"), "{screen}");
    // Typing filters (by letter, title or text); Enter jumps.
    press(&mut s, "b<Enter>");
    assert_eq!(s.top, at_b, "at mark b");
    press(&mut s, "M<Down>d");
    let key = s.doc.key.clone().unwrap();
    assert_eq!(s.memory.mark(&key, 'b'), None, "d deleted the mark under the cursor");
    assert!(s.memory.mark(&key, 'a').is_some());
}

#[test]
fn an_upper_case_mark_leads_back_from_another_article() {
    let mut s = reader();
    let mut jobs = Jobs::default();
    jobs.press(&mut s, "]jjmA");
    let marked = s.top;
    // Follow the first link (to another article), then the mark brings the first one back.
    jobs.press(&mut s, "<Tab><Enter>");
    jobs.deliver_all(&mut s);
    assert_ne!(s.article().title, "Islamic State Khorasan Province");
    jobs.press(&mut s, "'A");
    jobs.deliver_all(&mut s);
    assert_eq!(s.article().title, "Islamic State Khorasan Province");
    assert_eq!(s.top, marked);
}

#[test]
fn the_position_comes_back_when_the_article_opens_again_even_after_an_edit() {
    let mut s = reader();
    press(&mut s, "]]jjj");
    let top_text = s.row_text(s.top);
    assert!(matches!(s.quitting(), Some(Effect::SaveMemory)));
    let memory = s.memory.clone();
    // Next run: the same article, with a paragraph added at its top.
    let text = folio::assets::bundled(folio::assets::DEFAULT_ARTICLE).unwrap();
    let edited = text.replacen("\n\n", "\n\nA new paragraph written at the top of the article since the last visit, long enough to wrap onto more than one row of the reading pane.\n\n", 1);
    let library = folio::library::Library::bundled();
    let name = folio::assets::DEFAULT_ARTICLE;
    let mut doc =
        folio::app::Document::new(folio::import::markdown::parse(&edited, "x"), name, &library, Some(name.into()));
    doc.key = s.doc.key.clone();
    let mut t = State::open(doc, Arc::new(library), (100, 30), 100);
    t.remembers = true;
    t.memory = memory;
    t.restore_position();
    assert_eq!(t.row_text(t.top), top_text, "the same text on top");
    assert_eq!(t.message.as_deref(), Some("back where you left off (g: the top)"));
    // And at another width the same text is on top too.
    folio::app::update(&mut t, folio::app::Action::Resize(60, 20));
    t.restore_position();
    assert!(top_text.starts_with(t.row_text(t.top).trim()), "{:?} vs {:?}", t.row_text(t.top), top_text);
}

#[test]
fn back_after_a_restart_opens_the_last_sessions_previous_article() {
    let mut s = reader();
    let mut jobs = Jobs::default();
    jobs.press(&mut s, "<Tab><Enter>");
    jobs.deliver_all(&mut s);
    let second = s.article().title.clone();
    s.quitting();
    let memory = s.memory.clone();
    // The next run opens the second article; back leads to the first one.
    let mut t = State::open(s.doc.clone(), s.library.clone(), (100, 30), 100);
    t.remembers = true;
    t.memory = memory;
    t.session = t.memory.history.value.clone().unwrap_or_default();
    while t.session.last().is_some_and(|v| Some(&v.article) == t.doc.key.as_ref()) {
        t.session.pop();
    }
    assert_eq!(t.article().title, second);
    jobs.press(&mut t, "<BS>");
    jobs.deliver_all(&mut t);
    assert_eq!(t.article().title, "Islamic State Khorasan Province");
    jobs.press(&mut t, "<BS>");
    assert_eq!(t.message.as_deref(), Some("no earlier place in the history"));
}

#[test]
fn standard_input_remembers_nothing() {
    let article = folio::import::markdown::parse("# A\n\nText.\n", "stdin");
    let mut s = State::new(article, "-", (100, 30), 100);
    s.remembers = true;
    assert_eq!(press(&mut s, "ma"), None);
    assert!(s.message.as_deref().is_some_and(|m| m.contains("standard input")));
    assert_eq!(s.quitting(), Some(Effect::SaveMemory));
    assert!(s.memory.positions.is_empty());
}
