//! Wiki pages at their source: the Parsoid importer (goldens), the HTTP client against a
//! local stand-in of a MediaWiki site (every way a site fails), the cache and offline copies,
//! search, saving, and the reader's wiki keys. Nothing here touches the internet.

mod common;
#[path = "support/wiki_server.rs"]
mod wiki_server;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use folio::app::{Action, Document, Job, Output, Overlay, State};
use folio::library::Target;
use folio::wiki::client::{self, FetchError, Settings};
use folio::wiki::Site;
use folio::work::Watch;
use wiki_server::WikiServer;

/// The cache goes to a folder of this test run, never the user's (set once, before any test
/// reads it).
fn setup() {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    HOME.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var("HOME", dir.path());
        std::env::set_var("XDG_CACHE_HOME", dir.path().join("cache"));
        std::env::set_var("XDG_DATA_HOME", dir.path().join("data"));
        std::env::set_var("XDG_STATE_HOME", dir.path().join("state"));
        std::env::set_var("XDG_CONFIG_HOME", dir.path().join("config"));
        dir
    });
}

fn site_at(port: u16) -> Site {
    Site {
        origin: format!("http://127.0.0.1:{port}"),
        script: "/w".into(),
        article_path: "/wiki/$1".into(),
        licence: None,
    }
}

fn fixture_site() -> Site {
    Site { origin: "http://wiki.test".into(), script: "/w".into(), article_path: "/wiki/$1".into(), licence: None }
}

fn quick() -> Settings {
    Settings { timeout: Duration::from_secs(2), ..Settings::default() }
}

/// Records progress reports (the waiting state, the spinner).
#[derive(Default)]
struct Seen(Mutex<Vec<(u64, u64)>>);

impl Watch for Seen {
    fn progress(&self, done: u64, total: u64) {
        self.0.lock().unwrap().push((done, total));
    }
}

fn lighthouse() -> folio::model::Article {
    let html = std::fs::read_to_string("tests/fixtures/wiki-site/Lighthouse.html").unwrap();
    folio::import::parsoid::import(&html, "Lighthouse", &fixture_site())
}

// ---- The importer ----

#[test]
fn a_parsoid_page_imports_as_an_article_golden() {
    let article = lighthouse();
    insta::assert_snapshot!("parsoid_lighthouse_print", folio::export::print_text(&article, 80));
    insta::assert_snapshot!("parsoid_lighthouse_toc", folio::export::toc_text(&article));
}

#[test]
fn the_section_tree_comes_from_sections_and_wrapped_headings() {
    let a = lighthouse();
    let titles: Vec<(&str, u8)> = a.sections.iter().map(|s| (s.title.as_str(), s.level)).collect();
    assert_eq!(titles, [("History", 2), ("Keepers", 3), ("Optics", 2), ("References", 2)]);
    assert_eq!(a.title, "Lighthouse");
}

#[test]
fn page_furniture_is_dropped_and_no_markup_shows() {
    let text = folio::export::print_text(&lighthouse(), 100);
    for gone in [
        "edit",
        "Navigation aids",
        "Buoy",
        "needs more sources",
        "Tower that guides ships",
        ".infobox",
        "<",
        "mw-",
        "↑",
    ] {
        assert!(!text.contains(gone), "{gone:?} shows:\n{text}");
    }
    // The hatnote is the article's text: kept.
    assert!(text.contains("For the painting, see The Lighthouse (painting)."), "{text}");
}

#[test]
fn the_infobox_is_a_key_value_table_under_the_lead() {
    let text = folio::export::print_text(&lighthouse(), 100);
    let lead = text.find("A lighthouse is").unwrap();
    let infobox = text.find("First built").unwrap();
    let history = text.find("History").unwrap();
    assert!(lead < infobox && infobox < history, "the infobox sits between the lead and History:\n{text}");
    assert!(text.contains("c. 280 BC") && text.contains("Navigational aid"), "{text}");
    assert!(text.contains("[image: A white tower on a cliff]"), "{text}");
}

#[test]
fn links_references_images_and_math_become_folio_s_own() {
    let a = lighthouse();
    let doc = Document::from_wiki(
        a.clone(),
        folio::wiki::Origin {
            site: fixture_site(),
            title: "Lighthouse".into(),
            revision: Some(1207),
            offline_since: None,
            copied: false,
        },
    );
    let target_of = |text: &str| {
        let i = a.links.iter().position(|l| l.text == text).unwrap_or_else(|| panic!("no link {text:?}"));
        doc.targets[i].clone()
    };
    assert_eq!(target_of("lamp"), Target::Wiki { title: "Lamp".into(), fragment: None });
    assert_eq!(target_of("wicks"), Target::Wiki { title: "Lamp".into(), fragment: Some("Wicks".into()) });
    assert_eq!(target_of("Pharos of Alexandria"), Target::Missing("Pharos of Alexandria".into()), "a red link");
    assert!(matches!(target_of("optics"), Target::Here(_)), "a link to this page's own section");
    assert!(matches!(target_of("[1]"), Target::Anchor(_)), "a note marker leads to its note");
    assert_eq!(target_of("optics notes"), Target::External("https://example.org/optics".into()));
    assert_eq!(
        target_of("[image: An early tower with a fire on top]"),
        Target::External("http://wiki.test/wiki/File:Old_tower.png".into())
    );
    assert!(!a.links.iter().any(|l| l.dest.starts_with("javascript")), "never a javascript: link");
    let text = folio::export::print_text(&a, 100);
    assert!(text.contains("d\\approx 3.57{\\sqrt {h}}"), "math shows its TeX:\n{text}");
    assert!(text.contains("a trap"), "the text of a refused link stays");
    assert!(text.contains("def range_km(h):\n"), "code keeps its lines:\n{text}");
}

#[test]
fn hostile_pages_import_without_panic() {
    let site = fixture_site();
    let deep = "<div>".repeat(50_000) + "deep text" + &"</div>".repeat(50_000);
    let nested_tables = "<table><tr><td>".repeat(2_000) + "cell";
    let escapes = "<p>\u{1b}[31mred\u{1b}[0m and \u{9b}2J</p>";
    for html in
        [deep.as_str(), nested_tables.as_str(), escapes, "", "<p>Half a <b>page<section><h2>Cut<table><tr><td>off"]
    {
        let a = folio::import::parsoid::import(html, "T", &site);
        let text = folio::export::print_text(&a, 80);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{9b}'), "{text:?}");
    }
}

// ---- The client, against the local site ----

#[test]
fn pages_come_from_the_rest_api_and_redirects_are_followed() {
    setup();
    let server = WikiServer::start();
    let site = site_at(server.port);
    let page = client::page(&quick(), &site, "Lighthouse", &folio::work::Unwatched).unwrap();
    assert_eq!((page.title.as_str(), page.revision), ("Lighthouse", Some(1207)));
    let page = client::page(&quick(), &site, "Beacon", &folio::work::Unwatched).unwrap();
    assert_eq!(page.title, "Lighthouse", "a redirect shows the page it leads to");
}

#[test]
fn the_site_is_discovered_from_any_of_its_addresses() {
    setup();
    let server = WikiServer::start();
    let (site, title) = client::discover(&quick(), &server.page_url("Lamp"), &folio::work::Unwatched).unwrap();
    assert_eq!(site.script, "/w");
    assert_eq!(title.as_deref(), Some("Lamp"));
    assert!(site.licence.is_some_and(|(name, _)| name.contains("ShareAlike")));
}

#[test]
fn every_failure_is_a_clear_message() {
    setup();
    let server = WikiServer::start();
    let site = site_at(server.port);
    let fetch = |t: &str| client::page(&quick(), &site, t, &folio::work::Unwatched).map(|p| p.title);
    let err = |t: &str| fetch(t).map(|_| ()).unwrap_err();
    assert!(matches!(err("No_such_page"), FetchError::Missing(..)));
    assert_eq!(err("No_such_page").to_string(), format!("no page ‘No_such_page’ on 127.0.0.1:{}", server.port));
    assert!(matches!(err("Huge"), FetchError::TooBig(..)), "an oversized answer is refused");
    assert!(matches!(err("Loop"), FetchError::Redirects(_)), "a redirect loop ends");
    assert_eq!(fetch("Slow").unwrap(), "Slow", "a slow answer inside the timeout is read");
    let started = std::time::Instant::now();
    let hang = Settings { timeout: Duration::from_secs(1), ..Settings::default() };
    let e = client::page(&hang, &site, "Hang", &folio::work::Unwatched).unwrap_err();
    assert!(matches!(e, FetchError::Timeout(_)), "{e}");
    assert!(started.elapsed() < Duration::from_secs(10), "a hanging site times out");
    // Malformed HTML is still a page.
    assert_eq!(fetch("Broken").unwrap(), "Broken");
    let gone = site_at(1);
    let e = client::page(&quick(), &gone, "Nowhere", &folio::work::Unwatched).unwrap_err();
    assert!(e.is_offline(), "{e}");
}

#[test]
fn too_many_requests_waits_as_retry_after_says_and_shows_it() {
    setup();
    let server = WikiServer::start();
    let seen = Seen::default();
    let page = client::page(&quick(), &site_at(server.port), "Busy", &seen).unwrap();
    assert_eq!(page.title, "Busy");
    let waits: Vec<u64> =
        seen.0.lock().unwrap().iter().filter(|(_, t)| *t == client::WAITING).map(|(d, _)| *d).collect();
    assert_eq!(waits, [1], "one second of waiting, shown");
    assert_eq!(server.count("/page/Busy/"), 2);
}

#[test]
fn cached_pages_are_revalidated_and_read_offline() {
    setup();
    let server = WikiServer::start();
    let site = site_at(server.port);
    client::page(&quick(), &site, "Lamp", &folio::work::Unwatched).unwrap();
    let again = client::page(&quick(), &site, "Lamp", &folio::work::Unwatched).unwrap();
    assert_eq!(again.title, "Lamp");
    assert_eq!(again.offline_since, None);
    assert_eq!(server.count("/page/Lamp/"), 2, "asked again (answered 304 Not Modified)");
    drop(server);
    let offline = client::page(&quick(), &site, "Lamp", &folio::work::Unwatched).unwrap();
    assert!(offline.offline_since.is_some(), "the cached copy, marked offline");
    assert!(offline.html.contains("trims it"));
    let notice = folio::wiki::offline_notice(offline.offline_since.unwrap());
    assert!(notice.starts_with("offline copy of 20"), "{notice}");
    let e = client::page(&quick(), &site, "Lighthouse", &folio::work::Unwatched).unwrap_err();
    assert!(e.to_string().contains("cannot be reached"), "nothing cached: a clear message ({e})");
}

#[test]
fn titles_and_text_are_searched_on_the_site() {
    setup();
    let server = WikiServer::start();
    let site = site_at(server.port);
    let hits = client::search(&quick(), &site, "lam", false, &folio::work::Unwatched).unwrap();
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Lamp", "Lamplighter"]);
    let hits = client::search(&quick(), &site, "wick", true, &folio::work::Unwatched).unwrap();
    assert!(
        hits.iter().any(|h| h.title == "Lamp" && h.snippet.contains("wick") && !h.snippet.contains('<')),
        "{hits:?}"
    );
    let existing = client::existing(&quick(), &site, &["Lamp".into(), "Nope".into()], &folio::work::Unwatched).unwrap();
    assert_eq!(existing, ["Lamp"]);
}

#[test]
fn a_saved_page_is_markdown_with_its_source_in_front_matter() {
    let a = lighthouse();
    let mut site = fixture_site();
    site.licence = Some(("CC BY-SA 4.0".into(), "https://creativecommons.org/licenses/by-sa/4.0/".into()));
    let origin = folio::wiki::Origin {
        site,
        title: "Lighthouse".into(),
        revision: Some(1207),
        offline_since: None,
        copied: false,
    };
    let md = folio::wiki::saved_markdown(&a, &origin);
    assert!(
        md.starts_with("---\ntitle: \"Lighthouse\"\nsource: \"http://wiki.test/wiki/Lighthouse\"\nrevision: 1207\n"),
        "{md}"
    );
    assert!(
        md.contains("licence: \"Text from http://wiki.test/wiki/Lighthouse by its contributors, under CC BY-SA 4.0"),
        "{md}"
    );
    assert!(md.contains("[[Lamp|lamp]]"), "wiki links become library links:\n{md}");
    assert!(!md.contains("folio-wiki:") && !md.contains("folio-red:"), "{md}");
    // It reads back as the same article.
    let back = folio::import::markdown::parse(&md, "x");
    assert_eq!(back.title, "Lighthouse");
    assert_eq!(back.sections.len(), a.sections.len());
    assert_eq!(folio::wiki::file_name("AC/DC: a band?"), "AC_DC_ a band_.md");
}

// ---- The reader ----

/// A reader on the Lighthouse page of the local site.
fn wiki_state(server: &WikiServer) -> (State, common::Jobs) {
    let html = std::fs::read_to_string("tests/fixtures/wiki-site/Lighthouse.html").unwrap();
    let site = site_at(server.port);
    let article = folio::import::parsoid::import(&html, "Lighthouse", &site);
    let origin = folio::wiki::Origin {
        site,
        title: "Lighthouse".into(),
        revision: Some(1207),
        offline_since: None,
        copied: false,
    };
    let doc = Document::from_wiki(article, origin);
    let mut s = State::open(doc, Arc::new(folio::library::Library::bundled()), (100, 30), 100);
    s.wiki_settings = Arc::new(quick());
    (s, common::Jobs::default())
}

fn select(s: &mut State, text: &str) {
    let i = s.doc.article.links.iter().position(|l| l.text == text).unwrap();
    s.selected = Some(folio::model::LinkId(i as u32));
}

#[test]
fn following_a_wiki_link_fetches_the_page_in_the_background_and_back_returns() {
    setup();
    let server = WikiServer::start();
    let (mut s, mut jobs) = wiki_state(&server);
    select(&mut s, "wicks");
    jobs.press(&mut s, "<Enter>");
    assert!(
        jobs.queue.iter().any(|(_, j)| matches!(j, Job::Wiki { title, .. } if title == "Lamp")),
        "{:?}",
        jobs.queue
    );
    assert!(s.work_status().is_some_and(|w| w.contains("fetching Lamp")), "{:?}", s.work_status());
    jobs.deliver_all(&mut s);
    assert_eq!(s.article().title, "Lamp");
    assert_eq!(s.doc.key.as_deref(), Some(format!("wiki:127.0.0.1:{}/Lamp", server.port).as_str()));
    let shown = common::screen(&s);
    assert!(shown.contains("A wick draws oil"), "landed on the Wicks section:\n{shown}");
    jobs.press(&mut s, "<BS>");
    assert_eq!(s.article().title, "Lighthouse");
}

#[test]
fn a_red_link_says_the_wiki_has_no_such_page() {
    setup();
    let server = WikiServer::start();
    let (mut s, mut jobs) = wiki_state(&server);
    select(&mut s, "Pharos of Alexandria");
    jobs.press(&mut s, "<Enter>");
    assert!(jobs.queue.is_empty());
    assert!(s.message.as_deref().is_some_and(|m| m.contains("Pharos of Alexandria")), "{:?}", s.message);
}

#[test]
fn peek_shows_the_first_paragraph_of_a_wiki_page_a_section_and_a_note() {
    setup();
    let server = WikiServer::start();
    let (mut s, mut jobs) = wiki_state(&server);
    select(&mut s, "wicks");
    jobs.press(&mut s, "K");
    assert!(matches!(&s.overlay, Some(Overlay::Peek { loading: true, .. })));
    jobs.deliver_all(&mut s);
    let shown = common::screen(&s);
    assert!(shown.contains("A wick draws oil up to the flame"), "{shown}");
    assert!(shown.contains("wiki: Lamp § Wicks"), "{shown}");
    // Enter follows.
    jobs.press(&mut s, "<Enter>");
    jobs.deliver_all(&mut s);
    assert_eq!(s.article().title, "Lamp");
    jobs.press(&mut s, "<BS>");
    select(&mut s, "optics");
    jobs.press(&mut s, "K");
    let shown = common::screen(&s);
    assert!(shown.contains("Lenses are graded by order"), "a section of this page, at once:\n{shown}");
    jobs.press(&mut s, "<Esc>");
    assert!(s.overlay.is_none());
    select(&mut s, "[1]");
    jobs.press(&mut s, "K");
    assert!(common::screen(&s).contains("keeper's handbook"), "{}", common::screen(&s));
}

#[test]
fn o_finds_titles_on_the_wiki_as_the_user_types_and_opens_one() {
    setup();
    let server = WikiServer::start();
    let (mut s, mut jobs) = wiki_state(&server);
    jobs.press(&mut s, "o");
    jobs.press(&mut s, "l");
    jobs.press(&mut s, "a");
    jobs.press(&mut s, "n");
    let searches = jobs.queue.iter().filter(|(_, j)| matches!(j, Job::WikiSearch { .. })).count();
    assert_eq!(searches, 1, "each letter cancels the search before it");
    jobs.deliver_all(&mut s);
    let shown = common::screen(&s);
    assert!(shown.contains("Lantern") && !shown.contains("Lamplighter"), "{shown}");
    jobs.press(&mut s, "<Enter>");
    assert!(jobs.queue.iter().any(|(_, j)| matches!(j, Job::Wiki { title, .. } if title == "Lantern")));
}

#[test]
fn capital_s_searches_the_wiki_s_text() {
    setup();
    let server = WikiServer::start();
    let (mut s, mut jobs) = wiki_state(&server);
    jobs.press(&mut s, "S");
    for c in "wick".chars() {
        jobs.press(&mut s, &c.to_string());
    }
    assert!(jobs.queue.is_empty(), "the text is searched on Enter");
    jobs.press(&mut s, "<Enter>");
    jobs.deliver_all(&mut s);
    let shown = common::screen(&s);
    assert!(shown.contains("Lamp") && shown.contains("the wick of Lamp"), "{shown}");
}

#[test]
fn capital_w_saves_the_page_into_the_library_folder() {
    setup();
    let server = WikiServer::start();
    let (mut s, _) = wiki_state(&server);
    let dir = tempfile::tempdir().unwrap();
    s.save_dir = Some(dir.path().to_path_buf());
    let effect = folio::app::update(&mut s, Action::SaveArticle);
    let Some(folio::app::Effect::SaveFile { path, text }) = effect else { panic!("{effect:?}") };
    assert_eq!(path, dir.path().join("Lighthouse.md"));
    assert!(text.contains(&format!("source: \"http://127.0.0.1:{}/wiki/Lighthouse\"", server.port)));
    assert_eq!(folio::run::save_page(&path, &text).unwrap(), path);
    let lib = folio::library::Library::open_dir(dir.path()).unwrap();
    assert!(lib.knows("Lighthouse"), "part of the library now");
    // Saved again: the same file, updated.
    assert_eq!(folio::run::save_page(&path, &text).unwrap(), path);
    // A file of the user's with that name is never overwritten.
    let other = tempfile::tempdir().unwrap();
    let mine = other.path().join("Lighthouse.md");
    std::fs::write(&mine, "# Lighthouse\n\nMy own notes.\n").unwrap();
    let written = folio::run::save_page(&mine, &text).unwrap();
    assert_eq!(written, other.path().join("Lighthouse (2).md"));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "# Lighthouse\n\nMy own notes.\n");
}

#[test]
fn a_cached_page_is_checked_against_its_site_and_kept_when_unchanged() {
    setup();
    let server = WikiServer::start();
    let (mut s, mut jobs) = wiki_state(&server);
    s.refresh_wiki();
    jobs.take_all(&mut s);
    let done = jobs.run(0);
    let Action::Done(d) = &done else { panic!() };
    assert!(matches!(&d.output, Output::Refreshed { doc: None, notice: None, .. }), "{:?}", d.output);
    folio::app::update(&mut s, done);
    assert_eq!(s.article().title, "Lighthouse");
    drop(server);
    s.refresh_wiki();
    jobs.take_all(&mut s);
    let done = jobs.run(0);
    folio::app::update(&mut s, done);
    assert!(s.message.as_deref().is_some_and(|m| m.starts_with("offline copy of")), "{:?}", s.message);
}

// ---- The command line ----

fn folio() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("folio").unwrap();
    common::isolated(&mut cmd);
    cmd.timeout(Duration::from_secs(60));
    cmd
}

#[test]
fn copied_text_keeps_a_title_whole_when_its_wiki_has_it() {
    let server = WikiServer::start();
    let file = "tests/fixtures/wiki-site/railway-copy.txt";
    let plain = folio().args(["--links", file]).output().unwrap();
    let plain = String::from_utf8_lossy(&plain.stdout).into_owned();
    assert!(plain.contains("missing\tTrinidad\tTrinidad"), "split without the wiki:\n{plain}");
    let out = folio().args(["--links", "--wiki", &server.page_url("Lamp"), file]).output().unwrap();
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.contains("article\tTrinidad and Tobago Government Railway\tTrinidad and Tobago Government Railway"),
        "one link, to the wiki:\n{out}"
    );
    assert!(out.contains("article\tLamp\tLamp"), "{out}");
    assert_eq!(server.count("action=query&titles="), 1, "one batched query");
}

#[test]
fn the_command_line_prints_saves_and_explains_failures() {
    let server = WikiServer::start();
    let out = folio().args(["--toc", &server.page_url("Lighthouse")]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Lighthouse\n  1 History\n    1.1 Keepers\n  2 Optics\n  3 References\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = folio()
        .args(["--wiki", &server.page_url("Lamp"), "wiki:Lighthouse", "--save"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let saved = std::fs::read_to_string(dir.path().join("Lighthouse.md")).unwrap();
    assert!(saved.contains("licence: \"Text from") && saved.contains("revision: 1207"), "{saved}");
    let out = folio().args(["--print", &server.page_url("No_such_page")]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no page ‘No such page’"), "{err}");
    drop(server);
    let out = folio().args(["--print", "--wiki", "http://127.0.0.1:1/wiki/X", "wiki:Y"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be reached"));
}

#[test]
fn esc_or_back_stops_a_fetch_and_its_page_never_shows() {
    setup();
    let server = WikiServer::start();
    let (mut s, mut jobs) = wiki_state(&server);
    for key in ["<Esc>", "<BS>"] {
        select(&mut s, "lamp");
        jobs.press(&mut s, "<Enter>");
        assert!(s.work_status().is_some());
        jobs.press(&mut s, key);
        assert!(s.message.as_deref().is_some_and(|m| m.starts_with("stopped")), "{key}: {:?}", s.message);
        jobs.deliver_all(&mut s);
        assert_eq!(s.article().title, "Lighthouse", "{key}: the stopped fetch shows nothing");
    }
}

#[test]
fn older_parsoid_forms_read_the_same() {
    // Notes whose back-link is a bare `rel="mw:referencedBy"` link, images typed
    // `mw:Image`, headings without `div.mw-heading`, a disambiguation box.
    let html = r#"<html><head><title>Harbour</title></head><body>
<section data-mw-section-id="0"><p>A <b>harbour</b> shelters boats.<sup class="mw-ref reference" typeof="mw:Extension/ref"><a href="./Harbour#cite_note-1"><span class="mw-reflink-text">[1]</span></a></sup>
<span typeof="mw:Image"><a href="./File:Quay.png"><img alt="The quay" src="//up/Quay.png"/></a></span></p>
<div role="note" class="metadata plainlinks dmbox dmbox-disambig">This page lists harbours.</div></section>
<section data-mw-section-id="1"><h2 id="Notes">Notes</h2><ol class="mw-references references"><li id="cite_note-1"><a href="./Harbour#cite_ref-1" rel="mw:referencedBy"><span class="mw-linkback-text">↑ </span></a> <span class="mw-reference-text">A pilot's guide.</span></li></ol></section>
</body></html>"#;
    let a = folio::import::parsoid::import(html, "Harbour", &fixture_site());
    let text = folio::export::print_text(&a, 80);
    assert!(!text.contains('↑') && !text.contains("lists harbours"), "{text}");
    assert!(text.contains("[image: The quay]") && text.contains("1. A pilot's guide."), "{text}");
    assert_eq!(a.sections.len(), 1);
}

#[test]
fn a_site_without_the_rest_api_is_read_through_action_parse() {
    setup();
    let server = WikiServer::start();
    let site = site_at(server.port);
    let page = client::page(&quick(), &site, "Classic", &folio::work::Unwatched).unwrap();
    assert_eq!((page.title.as_str(), page.revision), ("Classic", Some(7)));
    assert_eq!(server.count("action=parse"), 1);
    let (a, origin) = folio::wiki::article_of(&page, &site);
    let doc = Document::from_wiki(a.clone(), origin);
    let text = folio::export::print_text(&a, 80);
    assert!(!text.contains("edit") && !text.contains('^'), "{text}");
    assert!(text.contains("[image: A trimmed wick]") && text.contains("1. An old manual."), "{text}");
    assert_eq!(a.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["Use", "References"]);
    let target_of = |t: &str| doc.targets[a.links.iter().position(|l| l.text == t).unwrap()].clone();
    assert_eq!(target_of("the lamp"), Target::Wiki { title: "Lamp".into(), fragment: None });
    assert_eq!(target_of("nowhere"), Target::Missing("Nowhere".into()));
    assert!(matches!(target_of("[1]"), Target::Anchor(_)));
}
