//! Following links: resolution against a library, Tab order, history, hints and the link list.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{act, browse, press, state};
use folio::app::{Action, Document, Effect, Overlay, State, HISTORY_CAP};
use folio::library::{Library, Target};
use folio::model::LinkKind;

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A state on `start` inside the folder library `dir`.
fn open_in(dir: &Path, start: &str, size: (u16, u16)) -> State {
    let lib = Library::open_dir(dir).unwrap();
    let entry = lib.by_path(start).unwrap();
    let loaded = lib.load(entry).unwrap();
    let doc = Document::new(loaded.article, start, &lib, Some(start.to_string()));
    State::open(doc, Arc::new(lib), size, 100)
}

fn title(s: &State) -> &str {
    &s.doc.article.title
}

// ---- resolution ----

#[test]
fn resolution_of_every_syntax() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "iskp.md", "---\ntitle: Islamic State Khorasan Province\naliases: [ISIS-K, ISKP]\n---\n# x\n");
    write(dir.path(), "docs/war_on-terror.md", "# War on Terror\n\n## Early years\n");
    write(dir.path(), "trinidad.md", "---\ntitle: Trinidad and Tobago\n---\n");
    let lib = Library::open_dir(dir.path()).unwrap();
    let art = |t: &Target| match t {
        Target::Article { entry, fragment } => (lib.entries[*entry].title.clone(), fragment.clone()),
        other => panic!("not an article: {other:?}"),
    };
    let r = |d: &str, k: LinkKind| lib.resolve(d, k, "iskp.md");
    assert_eq!(art(&r("Islamic State Khorasan Province", LinkKind::Wiki)).0, "Islamic State Khorasan Province");
    assert_eq!(art(&r("ISIS-K", LinkKind::Wiki)).0, "Islamic State Khorasan Province", "alias");
    assert_eq!(art(&r("iskp", LinkKind::Wiki)).0, "Islamic State Khorasan Province", "case folding");
    assert_eq!(art(&r("War_on  Terror", LinkKind::CrossRef)).0, "War on Terror", "underscores and spaces");
    assert_eq!(art(&r("ISKP’s", LinkKind::CrossRef)).0, "Islamic State Khorasan Province", "possessive");
    assert_eq!(
        art(&r("War on Terror#Early years", LinkKind::Wiki)),
        ("War on Terror".into(), Some("Early years".into()))
    );
    assert_eq!(art(&r("docs/war_on-terror.md#early-years", LinkKind::Markdown)).1.as_deref(), Some("early-years"));
    assert_eq!(art(&r("docs/war_on-terror", LinkKind::Markdown)).0, "War on Terror", "without extension");
    assert_eq!(art(&r("Trinidad and Tobago", LinkKind::CrossRef)).0, "Trinidad and Tobago");
    assert_eq!(r("#Section", LinkKind::Wiki), Target::Section("Section".into()));
    assert_eq!(r("#sec", LinkKind::Markdown), Target::Section("sec".into()));
    assert_eq!(r("Khorasan", LinkKind::Wiki), Target::Missing("Khorasan".into()));
    assert_eq!(r("nope.md#x", LinkKind::Markdown), Target::Missing("nope.md".into()));
    assert_eq!(r("https://example.org", LinkKind::Markdown), Target::External("https://example.org/".into()));
    // From a subfolder, relative paths start there.
    assert_eq!(
        art(&lib.resolve("../iskp.md", LinkKind::Markdown, "docs/war_on-terror.md")).0,
        "Islamic State Khorasan Province"
    );
}

#[test]
fn fragments_match_slug_heading_text_and_mediawiki_form() {
    let a = folio::import::markdown::parse("# T\n\n## Early years\n\n## Notes\n\n## Notes\n", "t");
    let id = |k: &str| a.find_section(k).map(|s| a.section(s).anchor.clone());
    assert_eq!(id("early-years").as_deref(), Some("early-years"));
    assert_eq!(id("Early years").as_deref(), Some("early-years"));
    assert_eq!(id("Early_years").as_deref(), Some("early-years"));
    assert_eq!(id("notes").as_deref(), Some("notes"));
    assert_eq!(id("notes-1").as_deref(), Some("notes-1"), "duplicate headings get -1");
    assert_eq!(id("1"), Some("early-years".into()), "by number");
    assert_eq!(id("nope"), None);
}

#[test]
fn refusals_never_read_anything() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("lib");
    write(&dir, "docs/a.md", "# A\n");
    write(outer.path(), "secret.md", "# Secret\n");
    std::os::unix::fs::symlink(outer.path().join("secret.md"), dir.join("docs/link.md")).unwrap();
    let lib = Library::open_dir(&dir).unwrap();
    assert!(lib.by_path("docs/link.md").is_none(), "a symlink out of the library is not an article");
    for dest in [
        "../../etc/passwd",
        "../../../../etc/passwd",
        "/etc/passwd",
        "file:///etc/passwd",
        "..%2f..%2f..%2fetc%2fpasswd",
        "~/.ssh/id_rsa",
        "\\\\host\\share\\x.md",
        "link.md",
        "../secret.md/../../secret.md",
    ] {
        let t = lib.resolve(dest, LinkKind::Markdown, "docs/a.md");
        assert!(matches!(t, Target::Refused(ref r) if r == "link leaves the library"), "{dest}: {t:?}");
    }
    for dest in ["javascript:alert(1)", "data:text/html,x", "ssh://h", "x-man-page://ls"] {
        assert!(matches!(lib.resolve(dest, LinkKind::Markdown, "docs/a.md"), Target::Refused(_)), "{dest}");
    }
}

// ---- keys ----

#[test]
fn tab_and_shift_tab_order_and_wrap() {
    let mut s = state(100, 30);
    press(&mut s, "<Tab>");
    let first = s.selected.unwrap();
    assert_eq!(s.doc.article.links[first.0 as usize].dest, "ISIS");
    press(&mut s, "<Tab>");
    assert_eq!(s.doc.article.links[s.selected.unwrap().0 as usize].dest, "Khorasan");
    press(&mut s, "<S-Tab>");
    assert_eq!(s.selected, Some(first));
    press(&mut s, "<S-Tab>");
    assert_eq!(s.doc.article.links[s.selected.unwrap().0 as usize].dest, "War on Terror", "wraps to the last");
    assert_eq!(s.message.as_deref(), Some("links wrapped to the bottom"));
    let row = s.layout.link_spans[s.layout.link_first[s.selected.unwrap().0 as usize] as usize].row as usize;
    assert!((s.top..s.top + s.page_height()).contains(&row), "scrolled into view");
    press(&mut s, "<Tab>");
    assert_eq!(s.selected, Some(first), "wraps to the first");
}

#[test]
fn tab_starts_from_the_current_screen() {
    let mut s = state(100, 30);
    press(&mut s, "]]]");
    press(&mut s, "<Tab>");
    let dest = &s.doc.article.links[s.selected.unwrap().0 as usize].dest;
    assert_eq!(dest, "ISIS", "the first link at or below the top of the screen");
}

#[test]
fn follow_back_forward_restore_scroll_and_selection() {
    let mut s = state(100, 30);
    press(&mut s, "<Tab><Tab>");
    let (top, sel) = (s.top, s.selected);
    browse(&mut s, "<Enter>");
    assert_eq!(title(&s), "Khorasan");
    assert_eq!(s.top, 0);
    browse(&mut s, "<BS>");
    assert_eq!(title(&s), "Islamic State Khorasan Province");
    assert_eq!((s.top, s.selected), (top, sel));
    browse(&mut s, "L");
    assert_eq!(title(&s), "Khorasan");
    browse(&mut s, "H");
    assert_eq!((s.top, s.selected), (top, sel));
    act(&mut s, Action::Forward);
    act(&mut s, Action::Back);
    assert_eq!(title(&s), "Islamic State Khorasan Province");
    assert_eq!(browse(&mut s, "<A-Right>"), None);
    assert_eq!(title(&s), "Khorasan");
    browse(&mut s, "<A-Left>");
    assert_eq!(title(&s), "Islamic State Khorasan Province");
}

#[test]
fn back_after_an_in_page_jump() {
    let dir = tempfile::tempdir().unwrap();
    let mut md = String::from("# A\n\nSee [Geography](#geography) below.\n\n");
    md.push_str(&"filler text line.\n\n".repeat(60));
    md.push_str("## Geography\n\nMountains.\n");
    write(dir.path(), "a.md", &md);
    let mut s = open_in(dir.path(), "a.md", (100, 30));
    press(&mut s, "<Tab><Enter>");
    assert_eq!(s.row_text(s.top), "Geography");
    assert_eq!(s.history.back.len(), 1);
    press(&mut s, "<BS>");
    assert_eq!(s.top, 0);
    assert!(s.selected.is_some(), "the link stays selected");
}

#[test]
fn missing_link_changes_nothing_but_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# A\n\nSee [[Khorasan]] and [x](#no-such-heading).\n");
    let mut s = open_in(dir.path(), "a.md", (100, 30));
    press(&mut s, "<Tab>");
    let (top, hist) = (s.top, s.history.back.len());
    assert_eq!(press(&mut s, "<Enter>"), None);
    assert_eq!(s.message.as_deref(), Some("No article ‘Khorasan’ in this library"));
    assert_eq!((s.top, s.history.back.len(), title(&s)), (top, hist, "A"));
    press(&mut s, "<Tab><Enter>");
    assert_eq!(s.message.as_deref(), Some("No section ‘no-such-heading’ in this article"));
    assert_eq!(s.history.back.len(), hist);
}

#[test]
fn refused_link_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# A\n\n[x](../../etc/passwd)\n");
    let mut s = open_in(dir.path(), "a.md", (100, 30));
    assert_eq!(press(&mut s, "<Tab><Enter>"), None);
    assert_eq!(s.message.as_deref(), Some("Not followed: link leaves the library"));
}

#[test]
fn external_link_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# A\n\n[w](https://example.org/x) [j](javascript:alert(1))\n");
    let mut s = open_in(dir.path(), "a.md", (100, 30));
    press(&mut s, "<Tab><Enter>");
    assert_eq!(s.overlay, Some(Overlay::Confirm("https://example.org/x".into())));
    assert_eq!(press(&mut s, "n"), None);
    assert_eq!(s.overlay, None);
    press(&mut s, "<Enter>");
    assert_eq!(press(&mut s, "y"), Some(Effect::OpenUrl("https://example.org/x".into())));
    press(&mut s, "<Tab><Enter>");
    assert_eq!(s.message.as_deref(), Some("Not followed: scheme not allowed: javascript"));
}

#[test]
fn a_cycle_followed_ten_thousand_times_keeps_history_capped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# A\n\n[to b](b.md)\n");
    write(dir.path(), "b.md", "# B\n\n[to a](a.md)\n");
    let mut s = open_in(dir.path(), "a.md", (100, 30));
    for _ in 0..10_000 {
        browse(&mut s, "<Tab><Enter>");
    }
    assert_eq!(s.history.back.len(), HISTORY_CAP);
    assert_eq!(title(&s), "A");
    browse(&mut s, "<BS>");
    assert_eq!(title(&s), "B");
}

#[test]
fn hints_label_visible_links_and_follow() {
    let mut s = state(100, 30);
    press(&mut s, "]]");
    press(&mut s, "f");
    assert_eq!(s.overlay, Some(Overlay::Hints(String::new())));
    let hints = s.hints();
    assert!(hints.len() >= 2);
    assert_eq!(hints[0].0, "a");
    let second = s.doc.article.links[hints[1].1.link.0 as usize].dest.clone();
    browse(&mut s, "s");
    assert_eq!(title(&s), second);
    press(&mut s, "f<Esc>");
    assert_eq!(s.overlay, None);
}

#[test]
fn link_list_filters_and_follows() {
    let mut s = state(100, 30);
    press(&mut s, "F");
    assert!(matches!(s.overlay, Some(Overlay::Links { .. })));
    assert_eq!(s.listed_links("").len(), 10);
    press(&mut s, "tehr");
    assert_eq!(s.listed_links("tehr").len(), 1);
    browse(&mut s, "<Enter>");
    assert_eq!(title(&s), "Tehrik-i-Taliban Pakistan");
}

#[test]
fn click_on_a_link_follows_it() {
    let mut s = state(100, 30);
    press(&mut s, "<Tab>");
    let span = s.layout.link_spans[0];
    let (x, y) = (s.areas.text.x + span.col, s.areas.text.y + (span.row as usize - s.top) as u16);
    let effect = act(&mut s, Action::Click(x, y));
    assert!(matches!(effect, Some(Effect::Start { job: folio::app::Job::Load { .. }, .. })), "{effect:?}");
    common::settle(&mut s, effect);
    assert_eq!(title(&s), "ISIS");
}

#[test]
fn f1_opens_the_guide_and_back_returns() {
    let mut s = state(100, 30);
    press(&mut s, "<F1>");
    assert_eq!(title(&s), "folio");
    press(&mut s, "<BS>");
    assert_eq!(title(&s), "Islamic State Khorasan Province");
    press(&mut s, "?<F1>");
    assert_eq!(title(&s), "folio", "reachable from the help overlay");
}

#[test]
fn layered_libraries_resolve_own_folder_first_then_each_layer_then_bundled() {
    use folio::library::{Library, Root, Target};
    use folio::model::LinkKind;
    let (own, user) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::write(own.path().join("taliban.md"), "# Taliban\n\nOurs.\n").unwrap();
    std::fs::write(user.path().join("taliban.md"), "# Taliban\n\nTheirs.\n").unwrap();
    std::fs::write(user.path().join("wall.md"), "# Harbour Wall\n\n[the mill](mill.md)\n").unwrap();
    std::fs::write(user.path().join("mill.md"), "# Tide Mill\n").unwrap();
    let lib = Library::open_dir(own.path()).unwrap().layered(vec![Library::open_dir(user.path()).unwrap()]);
    assert_eq!(lib.layers.len(), 2, "the user's folder, then the bundled library");
    assert_eq!(lib.layers[1], Root::Bundled);
    let entry = |t: Target| match t {
        Target::Article { entry, .. } => lib.entries[entry].root,
        other => panic!("{other:?}"),
    };
    assert_eq!(entry(lib.resolve("Taliban", LinkKind::Wiki, "")), 0, "the own folder wins");
    assert_eq!(entry(lib.resolve("Harbour Wall", LinkKind::Wiki, "")), 1);
    assert_eq!(entry(lib.resolve("ISIS", LinkKind::Wiki, "")), 2, "then the bundled library");
    // A relative link stays in the folder of the article it is in.
    assert_eq!(entry(lib.resolve_in("mill.md", LinkKind::Markdown, 1, "wall.md")), 1);
    assert!(matches!(lib.resolve("mill.md", LinkKind::Markdown, ""), Target::Missing(_)));
    assert_eq!(
        lib.link_report(&[
            lib.resolve("Taliban", LinkKind::Wiki, ""),
            lib.resolve("ISIS", LinkKind::Wiki, ""),
            lib.resolve("Nope", LinkKind::Wiki, "")
        ]),
        format!("1 here, 1 bundled, 1 missing")
    );
    // The index page of the folder lists its own articles only.
    let index = lib.index_article("own");
    assert!(folio::export::print_text(&index, 100).contains("1 article."));
}
