//! End-to-end, as a user reads a wiki: the real binary in a pseudo-terminal against a local
//! stand-in of a MediaWiki site. Open a page, preview and follow a link, go back, search the
//! wiki's titles, save the page into a library, then read it again with the site gone.

#[path = "support/pty.rs"]
mod pty;
#[path = "support/wiki_server.rs"]
mod wiki_server;

use pty::Pty;
use wiki_server::WikiServer;

#[test]
fn read_follow_back_peek_search_save_then_read_offline() {
    let server = WikiServer::start();
    let library = tempfile::tempdir().unwrap();
    let lib = library.path().to_str().unwrap();
    let url = server.page_url("Lighthouse");
    let mut t = Pty::spawn(&["--library", lib, &url], 100, 30);
    t.wait_until("the page", 15, |t| t.screen().contains("A lighthouse is a tower"));
    assert!(t.screen().contains("1.1 Keepers"), "the section tree:\n{}", t.screen());
    assert!(!t.screen().contains("edit"), "{}", t.screen());

    // Tab selects the red link first, then `lamp`; K previews it.
    t.send("\t\t");
    t.send("K");
    t.wait_until("the preview", 15, |t| t.screen().contains("A lamp makes light from a flame"));
    assert!(t.screen().contains("wiki: Lamp"), "{}", t.screen());
    t.send("\r");
    t.wait_until("the Lamp page", 15, |t| t.screen().contains("1 Wicks") && t.screen().contains("burned oil"));
    t.send("\x7f");
    t.wait_until("back", 15, |t| t.screen().contains("A lighthouse is a tower"));

    // o: titles of the wiki, as typed.
    t.send("o");
    t.send("lan");
    t.wait_until("title hits", 15, |t| t.screen().contains("Lantern"));
    assert!(!t.screen().contains("Lamplighter"), "{}", t.screen());
    t.send("\x1b");
    t.wait_until("the finder closed", 15, |t| !t.screen().contains("Titles on"));

    // W: saved into the library folder.
    t.send("W");
    t.wait_until("saved", 15, |t| t.screen().contains("saved to"));
    let saved = std::fs::read_to_string(library.path().join("Lighthouse.md")).unwrap();
    assert!(saved.contains(&format!("source: \"{url}\"")), "{saved}");
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);

    // The site is gone: the cached copy opens, and says so.
    drop(server);
    let mut again = t.respawn(&[&url], 100, 30, &[]);
    again.wait_until("the offline copy", 15, |t| t.screen().contains("offline copy of"));
    assert!(again.screen().contains("A lighthouse is a tower"), "{}", again.screen());
    again.send("q");
    assert_eq!(again.wait_exit(10), 0);
}

#[test]
fn a_page_that_cannot_be_fetched_leaves_a_clear_line_and_a_live_reader() {
    let server = WikiServer::start();
    let url = server.page_url("No_such_page");
    let mut t = Pty::spawn(&[&url], 80, 20);
    t.wait_until("the message", 15, |t| t.screen().contains("no page ‘No such page’"));
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
}

#[test]
fn a_site_that_never_answers_shows_the_reader_at_once_then_one_clear_line() {
    // Connections are taken by the kernel and never answered.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[wiki]\ntimeout = 1\n").unwrap();
    let url = format!("http://127.0.0.1:{port}/wiki/Tide_pool");
    let mut t = Pty::spawn(&["--config", config.to_str().unwrap(), &url], 120, 20);
    t.wait_until("the reader, while the site is asked", 10, |t| t.screen().contains("Fetching this page from"));
    t.wait_until("the timeout", 20, |t| t.screen().contains("no answer in time"));
    t.send("q");
    assert_eq!(t.wait_exit(10), 0);
    drop(silent);
}
