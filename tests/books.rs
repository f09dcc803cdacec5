//! Folders of documentation as books: an mdBook-shaped fixture (`book.toml`, `SUMMARY.md`
//! with parts and nested chapters, `.html` links, `<a id>` anchors, includes, a subfolder
//! with `../` links, an image, one broken link of each kind) and a doc site without a
//! `SUMMARY.md`. The link checker's output and exit codes, backlinks, the reading order, and
//! that finding the root never widens what links may reach.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use common::{press, screen, Jobs};
use folio::app::{JobKind, Overlay, State};
use folio::open::{open, Input, Options};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn folio() -> Command {
    let mut c = Command::cargo_bin("folio").unwrap();
    common::isolated(&mut c).current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn stdout(c: &mut Command) -> (String, i32) {
    let out = c.output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap_or(-1))
}

#[test]
fn check_reports_each_kind_of_broken_link_and_fails() {
    let (out, code) = stdout(folio().args(["--check", "tests/fixtures/lantern-book"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_lantern_book", out);
    for status in ["missing article", "missing section", "missing file", "refused"] {
        assert!(out.contains(&format!("\t{status}\t")), "no {status}:\n{out}");
    }
    // The drafts of SUMMARY.md and every link that exists are not reported.
    assert!(!out.contains("SUMMARY.md") && !out.contains("old-lamps") && !out.contains("glossary"), "{out}");
}

#[test]
fn check_passes_a_clean_site_and_a_clean_file() {
    let (out, code) = stdout(folio().args(["--check", "tests/fixtures/doc-site"]));
    assert_eq!((out.as_str(), code), ("", 0));
    let (out, code) = stdout(folio().args(["--check", "tests/fixtures/lantern-book/src/ch01-01-wicks.md"]));
    assert_eq!((out.as_str(), code), ("", 0));
    let (out, code) = stdout(folio().args(["--check", "tests/fixtures/lantern-book/src/ch02-bells.md"]));
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 3, "{out}");
    let missing = folio().args(["--check", "tests/fixtures/no-such-folder"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file or folder"));
}

#[test]
fn backlinks_list_every_place_that_links_here() {
    let (out, code) = stdout(folio().args(["--backlinks", "tests/fixtures/lantern-book/src/ch01-lamps.md"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("backlinks_lamps", out);
    assert!(
        out.contains("src/appendix/glossary.md:5\tGlossary\tReservoir\tThe tank of oil a lamp drinks from; see Lamps.")
    );
}

#[test]
fn links_map_html_to_markdown_and_check_fragments() {
    let (out, _) = stdout(folio().args(["--links", "tests/fixtures/lantern-book/src/ch01-lamps.md"]));
    assert_eq!(
        out,
        "article\tWicks\twicks\n\
         article\tBells#the-tide-bell\ttide bell\n\
         article\tGlossary#reservoir\tglossary entry\n\
         file\tappendix/lantern.png\t[image: tower lamp]\n\
         missing\tch09-nowhere.md\tlamp that was never built\n\
         missing\tBells#no-such-bell\tthis section\n"
    );
    // From a subfolder, `../` stays inside the book; `index.html` is the book's README.
    let (out, _) = stdout(folio().args(["--links", "tests/fixtures/lantern-book/src/appendix/notes.md"]));
    assert_eq!(out, "article\tIntroduction\tintroduction\n");
    let (out, _) = stdout(folio().args(["--links", "tests/fixtures/doc-site/guide/usage.md"]));
    assert_eq!(out, "article\tConfiguration#options\toptions\narticle\tTide Tables Documentation\tstart page\narticle\tThe guide\tthe guide's index\n");
}

#[test]
fn root_detection_never_reaches_home_and_never_widens_access() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".git")).unwrap();
    std::fs::create_dir(home.path().join("notes")).unwrap();
    std::fs::write(home.path().join("secret.md"), "# Secret\n").unwrap();
    std::fs::write(home.path().join("notes/a.md"), "# A\n\n[s](../secret.md) [[Secret]]\n").unwrap();
    let (out, _) = stdout(folio().env("HOME", home.path()).arg("--links").arg(home.path().join("notes/a.md")));
    // The .git in the home folder is not a root: the article's folder is the library.
    assert_eq!(out, "refused\t../secret.md\ts\nmissing\tSecret\tSecret\n");
    // A book's own refusal stays: out of src/ is out of the library.
    let (out, _) = stdout(folio().args(["--links", "tests/fixtures/lantern-book/src/ch02-bells.md"]));
    assert!(out.contains("refused\t../../outside.md\t"), "{out}");
}

#[test]
fn the_status_line_names_the_root_found() {
    let opts = Options { resolve: true, ..Options::default() };
    let opened = open(Input::File(fixture("lantern-book/src/appendix/glossary.md")), &opts).unwrap();
    let message = opened.message.unwrap_or_default();
    assert!(message.starts_with("library: ") && message.ends_with("lantern-book/src (SUMMARY.md)"), "{message}");
}

#[test]
fn includes_bring_in_lines_and_anchors_of_listings() {
    let (out, _) = stdout(folio().args(["--print", "tests/fixtures/lantern-book/src/ch01-01-wicks.md"]));
    assert!(out.contains("fn trim(wick: &mut Wick) {\n        wick.length -= 2;\n    }"), "{out}");
    assert!(out.contains("fn light(lamp: &mut Lamp) -> Flame {"), "{out}");
    assert!(!out.contains("ANCHOR") && !out.contains("{{#"), "{out}");
    assert!(!out.contains("Trimming a wick"), "line 1 is outside the range 2:4:\n{out}");
}

/// The book opened as the reader opens a folder, with its link index built.
fn book_state(w: u16, h: u16) -> (State, Jobs) {
    let opts = Options { resolve: true, ..Options::default() };
    let opened = open(Input::Dir(fixture("lantern-book")), &opts).unwrap();
    let mut s = State::open(opened.doc, Arc::new(opened.library), (w, h), 100);
    let mut jobs = Jobs::default();
    s.start_index();
    jobs.take_all(&mut s);
    jobs.deliver_all(&mut s);
    (s, jobs)
}

#[test]
fn a_book_folder_opens_at_its_first_chapter_and_braces_walk_the_reading_order() {
    let (mut s, mut jobs) = book_state(100, 30);
    assert_eq!(s.article().title, "Introduction");
    let order = ["Lamps", "Wicks", "Bells", "Notes", "Glossary", "Notes", "Thanks"];
    for title in order {
        jobs.press(&mut s, "}");
        jobs.deliver_all(&mut s);
        assert_eq!(s.article().title, title);
    }
    jobs.press(&mut s, "}");
    assert!(s.message.as_deref().is_some_and(|m| m.contains("last chapter")), "{:?}", s.message);
    jobs.press(&mut s, "{");
    jobs.deliver_all(&mut s);
    assert_eq!(s.article().title, "Notes");
    assert_eq!(s.doc.path.as_deref(), Some("appendix/notes.md"));
    // Chapters are history entries: back returns to the last chapter.
    jobs.press(&mut s, "<BS>");
    assert_eq!(s.article().title, "Thanks");
}

#[test]
fn the_book_outline_lists_parts_numbers_and_tells_repeated_titles_apart() {
    for (w, h) in [(100, 30), (60, 20)] {
        let (mut s, mut jobs) = book_state(w, h);
        jobs.press(&mut s, "}");
        jobs.deliver_all(&mut s);
        jobs.press(&mut s, "O");
        let text = screen(&s);
        insta::assert_snapshot!(format!("book_outline_{w}x{h}"), text);
        assert!(text.contains("▸ 1 Lamps"), "the chapter being read is marked:\n{text}");
        assert!(text.contains("2.1 Notes — ch02-01-notes.md") || w < 100, "{text}");
        // Down to Glossary, Enter opens it.
        jobs.press(&mut s, "jjjjjj<Enter>");
        jobs.deliver_all(&mut s);
        assert_eq!(s.article().title, "Glossary");
    }
}

#[test]
fn backlinks_overlay_marks_links_to_the_section_being_read_and_opens_them() {
    let (mut s, mut jobs) = book_state(100, 30);
    jobs.press(&mut s, "}");
    jobs.deliver_all(&mut s);
    assert_eq!(s.article().title, "Lamps");
    jobs.press(&mut s, "]");
    jobs.press(&mut s, "B");
    let Some(Overlay::Places { places, .. }) = &s.overlay else { panic!("no backlinks: {:?}", s.message) };
    assert_eq!(places.len(), 5);
    assert!(
        places[0].mark && places[0].label.starts_with("Notes"),
        "the link to the pier lamp section first: {places:?}"
    );
    insta::assert_snapshot!("backlinks_overlay_100x30", screen(&s));
    jobs.press(&mut s, "<Enter>");
    jobs.deliver_all(&mut s);
    assert_eq!(s.article().title, "Notes");
}

#[test]
fn fragments_checked_by_the_index_show_as_missing_in_the_reader() {
    let (mut s, mut jobs) = book_state(100, 30);
    jobs.press(&mut s, "}");
    jobs.deliver_all(&mut s);
    let described: Vec<String> = s.doc.targets.iter().map(|t| s.describe(t)).collect();
    assert!(described.contains(&"missing section: Bells #no-such-bell".to_string()), "{described:?}");
    assert!(described.contains(&"Bells § the-tide-bell".to_string()), "{described:?}");
}

#[test]
fn a_link_to_a_file_asks_before_the_system_opener_runs() {
    let (mut s, mut jobs) = book_state(100, 30);
    jobs.press(&mut s, "}");
    jobs.deliver_all(&mut s);
    let i = s.doc.targets.iter().position(|t| matches!(t, folio::library::Target::File(_))).unwrap();
    s.selected = Some(folio::model::LinkId(i as u32));
    press(&mut s, "<Enter>");
    assert!(matches!(s.overlay, Some(Overlay::ConfirmFile { .. })), "{:?}", s.overlay);
    assert!(screen(&s).contains("Open appendix/lantern.png with the system's opener? (y/n)"));
    let effect = press(&mut s, "y");
    assert!(matches!(effect, Some(folio::app::Effect::OpenFile { .. })), "{effect:?}");
}

#[test]
fn the_article_finder_lists_chapters_in_book_order_with_numbers() {
    let (s, _) = book_state(100, 30);
    let items = s.finder_items(folio::app::FinderKind::Articles, "");
    let labels: Vec<(&str, &str)> = items.iter().map(|i| (i.label.as_str(), i.detail.as_str())).take(8).collect();
    assert_eq!(
        labels,
        [
            ("Introduction", ""),
            ("1 Lamps", ""),
            ("1.1 Wicks", ""),
            ("2 Bells", ""),
            ("2.1 Notes", "ch02-01-notes.md"),
            ("4 Glossary", ""),
            ("5 Notes", "appendix/notes.md"),
            ("Thanks", ""),
        ]
    );
    assert!(s.jobs.of(JobKind::Index).is_none(), "the index was built");
}

#[test]
fn the_link_index_waits_for_the_full_parse_of_the_article_being_read() {
    // Both at once would hold a big article's parse twice when it lies in the indexed folder.
    let opts = Options { resolve: true, ..Options::default() };
    let opened = open(Input::Dir(fixture("lantern-book")), &opts).unwrap();
    let mut s = State::open(opened.doc, Arc::new(opened.library), (100, 30), 100);
    s.start_parse(b"# Introduction\n\nThe whole text.\n".to_vec(), "introduction.md", None);
    s.start_index();
    let mut jobs = Jobs::default();
    jobs.take_all(&mut s);
    let kinds: Vec<JobKind> = jobs.queue.iter().map(|(_, j)| j.kind()).collect();
    assert_eq!(kinds, [JobKind::Parse], "the index is not started yet");
    let parsed = jobs.run(0);
    let effect = folio::app::update(&mut s, parsed);
    jobs.take(effect);
    jobs.take_all(&mut s);
    assert!(jobs.queue.iter().any(|(_, j)| j.kind() == JobKind::Index), "the index follows the parse");
    jobs.deliver_all(&mut s);
    assert!(s.link_index.is_some());
}
