//! Background results can never show the wrong article: random keys, resizes and job results
//! delivered late, out of order or not at all never panic, and the article on screen is always
//! the one the user's last navigation chose.

mod common;

use std::sync::Arc;

use common::Jobs;
use folio::app::{update, Action, DocId, Document, JobKind, State};
use folio::library::Library;
use proptest::prelude::*;

/// A small library of articles that link to each other and share searchable words.
fn library() -> (tempfile::TempDir, Arc<Library>) {
    let dir = tempfile::tempdir().unwrap();
    let body = |n: &str, links: &str| {
        let mut md = format!("# {n}\n\nIntro of {n}: {links}. The word quartz appears here.\n\n");
        for i in 1..=6 {
            md.push_str(&format!("## Part {i}\n\n{}\n\n", "Some text about quartz and other minerals. ".repeat(12)));
        }
        md
    };
    std::fs::write(dir.path().join("alpha.md"), body("Alpha", "see [[Beta]] and [[Gamma]]")).unwrap();
    std::fs::write(dir.path().join("beta.md"), body("Beta", "see [[Alpha]] and [[Delta]]")).unwrap();
    std::fs::write(dir.path().join("gamma.md"), body("Gamma", "see [[Beta]] and [missing](nowhere.md)")).unwrap();
    std::fs::write(dir.path().join("delta.md"), body("Delta", "see [[Alpha]]")).unwrap();
    let lib = Arc::new(Library::open_dir(dir.path()).unwrap());
    (dir, lib)
}

/// Alpha shown as a preview cut at its third section, its full parse queued.
fn start(lib: &Arc<Library>) -> (State, Jobs) {
    let entry = lib.by_path("alpha.md").unwrap();
    let text = String::from_utf8(lib.read(entry).unwrap().into_owned()).unwrap();
    let article = folio::import::markdown::parse(&text, "alpha");
    let cut = article.sections[2].block;
    let mut doc = Document::new(article, "alpha.md", lib, Some("alpha.md".into()));
    doc.partial = Some(cut);
    let mut s = State::open(doc, lib.clone(), (100, 30), 100);
    s.start_parse(text.into_bytes(), "alpha.md", None);
    let mut jobs = Jobs::default();
    jobs.take_all(&mut s);
    (s, jobs)
}

#[derive(Clone, Debug)]
enum Op {
    Keys(&'static str),
    Resize(u16, u16),
    /// Run queued job `i` (modulo the queue) and feed its result now.
    Deliver(usize),
    /// Run queued job `i` now but keep its result for later.
    Hold(usize),
    /// Feed held result `i` (late, possibly stale).
    Feed(usize),
}

const KEYS: &[&str] = &[
    "j",
    "k",
    "G",
    "g",
    "]",
    "[",
    "<F1>",
    "<BS>",
    "L",
    "<Tab>",
    "<Enter>",
    "<Esc>",
    "Squartz<Enter>",
    "F<Enter>",
    "oBeta<Enter>",
    "<Tab><Tab><Enter>",
    "?",
    "t",
    "h<Enter>",
];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(Op::Keys),
        1 => (20u16..140, 5u16..50).prop_map(|(w, h)| Op::Resize(w, h)),
        3 => (0usize..4).prop_map(Op::Deliver),
        1 => (0usize..4).prop_map(Op::Hold),
        1 => (0usize..4).prop_map(Op::Feed),
    ]
}

/// The layout shown belongs to the document shown.
fn consistent(s: &State) -> Result<(), TestCaseError> {
    prop_assert_eq!(s.layout.section_rows.len(), s.doc.article.sections.len());
    prop_assert_eq!(s.layout.block_rows.len(), s.doc.article.blocks.len());
    prop_assert!(s.layout.lines.iter().all(|l| (l.block as usize) < s.doc.article.blocks.len()));
    prop_assert!(s.layout.line(s.top).is_some() || s.layout.is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn results_never_show_the_wrong_article(ops in prop::collection::vec(op(), 1..40)) {
        let (_dir, lib) = library();
        let (mut s, mut jobs) = start(&lib);
        let mut held: Vec<Action> = Vec::new();
        // The document the user's navigation chose.
        let mut chosen: DocId = s.doc.id;
        for op in ops {
            match op {
                Op::Keys(k) => {
                    jobs.press(&mut s, k);
                    chosen = s.doc.id;
                }
                Op::Resize(w, h) => {
                    let e = update(&mut s, Action::Resize(w, h));
                    jobs.take(e);
                    prop_assert_eq!(s.doc.id, chosen, "a resize changed the article");
                }
                Op::Deliver(i) | Op::Hold(i) if jobs.queue.is_empty() => { let _ = i; }
                Op::Deliver(i) => {
                    let awaited_load = s.jobs.of(JobKind::Load).map(|slot| slot.gen);
                    let gen = jobs.queue[i % jobs.queue.len()].0;
                    jobs.deliver(&mut s, i % jobs.queue.len());
                    if awaited_load == Some(gen) {
                        // The article the user asked for earlier, and nothing since.
                        chosen = s.doc.id;
                    }
                    prop_assert_eq!(s.doc.id, chosen, "a result changed the article");
                }
                Op::Hold(i) => {
                    let n = jobs.queue.len();
                    held.push(jobs.run(i % n));
                }
                Op::Feed(i) if !held.is_empty() => {
                    let n = held.len();
                    let action = held.remove(i % n);
                    let awaited_load = s.jobs.of(JobKind::Load).map(|slot| slot.gen);
                    let gen = match &action { Action::Done(d) => d.gen, _ => 0 };
                    let e = update(&mut s, action);
                    jobs.take(e);
                    if awaited_load == Some(gen) {
                        chosen = s.doc.id;
                    }
                    prop_assert_eq!(s.doc.id, chosen, "a late result changed the article");
                }
                Op::Feed(_) => {}
            }
            consistent(&s)?;
            if s.size.0 >= 20 && s.size.1 >= 5 {
                common::render(&s);
            }
        }
        // Every job ends; whatever arrives, the article stays the chosen one (or the one a
        // pending load brings).
        while !jobs.queue.is_empty() {
            let awaited_load = s.jobs.of(JobKind::Load).map(|slot| slot.gen);
            let gen = jobs.queue[0].0;
            jobs.deliver(&mut s, 0);
            if awaited_load == Some(gen) {
                chosen = s.doc.id;
            }
            prop_assert_eq!(s.doc.id, chosen);
            consistent(&s)?;
        }
        prop_assert!(s.doc.partial.is_none() || s.jobs.of(JobKind::Parse).is_some(), "no truncated article is left");
    }
}
