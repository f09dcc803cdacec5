//! A small MediaWiki stand-in on 127.0.0.1 for tests: site information and search from the
//! Action and REST APIs, Parsoid pages from `tests/fixtures/wiki-site`, and the ways a real
//! site fails (404, 429 with Retry-After, slow, hanging, malformed, oversized, redirects in a
//! loop). Each connection is answered on its own thread; the server stops when dropped.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running server.
pub struct WikiServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    /// Request lines received, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
    accept: Option<std::thread::JoinHandle<()>>,
}

/// Titles the site has (for search and the batched title query).
const TITLES: &[&str] =
    &["Lighthouse", "Lamp", "Lamplighter", "Lantern", "Beacon", "Trinidad and Tobago Government Railway"];

impl WikiServer {
    /// Starts a server on a free port.
    pub fn start() -> WikiServer {
        Self::start_on(0)
    }

    /// Starts a server on `port` (0: any free one).
    pub fn start_on(port: u16) -> WikiServer {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let busy = Arc::new(AtomicUsize::new(0));
        let (s, r) = (stop.clone(), requests.clone());
        let accept = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (s, r, busy) = (s.clone(), r.clone(), busy.clone());
                std::thread::spawn(move || handle(conn, port, &s, &r, &busy));
            }
        });
        WikiServer { port, stop, requests, accept: Some(accept) }
    }

    /// The site's address of a page.
    pub fn page_url(&self, title: &str) -> String {
        format!("http://127.0.0.1:{}/wiki/{title}", self.port)
    }

    /// How many requests asked for `path_part`.
    pub fn count(&self, path_part: &str) -> usize {
        self.requests.lock().unwrap().iter().filter(|r| r.contains(path_part)).count()
    }
}

impl Drop for WikiServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(a) = self.accept.take() {
            let _ = a.join();
        }
    }
}

fn fixture(name: &str) -> Option<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wiki-site").join(format!("{name}.html"));
    std::fs::read_to_string(path).ok()
}

fn respond(conn: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(body);
    let _ = conn.flush();
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap_or(b'?'));
                i += 3;
                continue;
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_param(target: &str, key: &str) -> Option<String> {
    let q = target.split_once('?')?.1;
    q.split('&').find_map(|kv| kv.strip_prefix(&format!("{key}="))).map(decode)
}

fn handle(mut conn: TcpStream, port: u16, stop: &AtomicBool, requests: &Mutex<Vec<String>>, busy: &AtomicUsize) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    let mut if_none_match = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("if-none-match:") {
            if_none_match = Some(v.trim().to_string());
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    requests.lock().unwrap().push(target.clone());
    let json = |conn: &mut TcpStream, body: String| {
        respond(conn, "200 OK", &[("Content-Type", "application/json".into())], body.as_bytes())
    };
    if target.starts_with("/w/api.php") {
        if target.contains("meta=siteinfo") {
            return json(
                &mut conn,
                r#"{"query":{"general":{"scriptpath":"/w","articlepath":"/wiki/$1","sitename":"Test Wiki"},"rightsinfo":{"url":"https://creativecommons.org/licenses/by-sa/4.0/","text":"Creative Commons Attribution-ShareAlike"}}}"#.to_string(),
            );
        }
        if target.contains("action=parse") && query_param(&target, "page").as_deref() == Some("Classic") {
            // What a site without the REST API answers: the classic parser's HTML in JSON.
            let html = r##"<div class=\"mw-parser-output\"><p>The <b>classic</b> page links to <a href=\"/wiki/Lamp\" title=\"Lamp\">the lamp</a> and <a href=\"/w/index.php?title=Nowhere&amp;action=edit&amp;redlink=1\" class=\"new\">nowhere</a>.<sup id=\"cite_ref-1\" class=\"reference\"><a href=\"#cite_note-1\">&#91;1&#93;</a></sup></p><div class=\"thumb tright\"><div class=\"thumbinner\"><a href=\"/wiki/File:Wick.png\" class=\"image\"><img alt=\"\" src=\"/images/Wick.png\"/></a><div class=\"thumbcaption\">A trimmed wick</div></div></div><h2><span class=\"mw-headline\" id=\"Use\">Use</span><span class=\"mw-editsection\"><span class=\"mw-editsection-bracket\">[</span><a href=\"/w/index.php?title=Classic&amp;action=edit&amp;section=1\">edit</a><span class=\"mw-editsection-bracket\">]</span></span></h2><p>Light it at dusk.</p><h2><span class=\"mw-headline\" id=\"References\">References</span></h2><ol class=\"references\"><li id=\"cite_note-1\"><span class=\"mw-cite-backlink\"><a href=\"#cite_ref-1\">^</a></span> <span class=\"reference-text\">An old manual.</span></li></ol></div>"##;
            return json(&mut conn, format!(r#"{{"parse":{{"title":"Classic","revid":7,"text":"{html}"}}}}"#));
        }
        if let Some(titles) = query_param(&target, "titles") {
            let pages: Vec<String> = titles
                .split('|')
                .map(|t| {
                    if TITLES.contains(&t) {
                        format!(r#"{{"title":"{t}","pageid":1}}"#)
                    } else {
                        format!(r#"{{"title":"{t}","missing":true}}"#)
                    }
                })
                .collect();
            return json(&mut conn, format!(r#"{{"query":{{"pages":[{}]}}}}"#, pages.join(",")));
        }
        return respond(&mut conn, "400 Bad Request", &[], b"{}");
    }
    if let Some(rest) = target.strip_prefix("/w/rest.php/v1/search/") {
        let q = query_param(rest, "q").unwrap_or_default().to_lowercase();
        let full = rest.starts_with("page");
        let hits: Vec<String> = TITLES
            .iter()
            .filter(|t| {
                if full {
                    fixture(t).is_some_and(|h| h.to_lowercase().contains(&q))
                } else {
                    t.to_lowercase().starts_with(&q)
                }
            })
            .map(|t| {
                let excerpt = if full {
                    format!(r#","excerpt":"… the <span class=\"searchmatch\">{q}</span> of {t} …""#)
                } else {
                    String::new()
                };
                format!(r#"{{"id":1,"key":"{t}","title":"{t}"{excerpt}}}"#)
            })
            .collect();
        return json(&mut conn, format!(r#"{{"pages":[{}]}}"#, hits.join(",")));
    }
    let Some(title) = target.strip_prefix("/w/rest.php/v1/page/").and_then(|r| r.strip_suffix("/html")) else {
        return respond(&mut conn, "404 Not Found", &[], b"not here");
    };
    match title {
        "Beacon" => respond(&mut conn, "302 Found", &[("Location", format!("http://127.0.0.1:{port}/w/rest.php/v1/page/Lighthouse/html"))], b""),
        // No REST API for this page: the site answers like one without it.
        "Classic" => respond(&mut conn, "404 Not Found", &[("Content-Type", "text/html".into())], b"<html>Not Found</html>"),
        "Loop" => respond(&mut conn, "302 Found", &[("Location", "/w/rest.php/v1/page/Loop/html".into())], b""),
        "Busy" => {
            if busy.fetch_add(1, Ordering::SeqCst) == 0 {
                respond(&mut conn, "429 Too Many Requests", &[("Retry-After", "1".into())], b"slow down");
            } else {
                let page = fixture("Lamp").unwrap().replace("<title>Lamp</title>", "<title>Busy</title>");
                respond(&mut conn, "200 OK", &[("Content-Type", "text/html".into())], page.as_bytes());
            }
        }
        "Slow" => {
            std::thread::sleep(Duration::from_millis(800));
            let page = fixture("Lamp").unwrap().replace("<title>Lamp</title>", "<title>Slow</title>");
            respond(&mut conn, "200 OK", &[], page.as_bytes());
        }
        "Hang" => {
            // Says nothing until the server stops (or 30 s pass).
            for _ in 0..300 {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        "Broken" => respond(&mut conn, "200 OK", &[], b"<html><body><p>Half a <b>page<section><h2>Cut<table><tr><td>off"),
        "Huge" => {
            let body = format!("<html><body><p>{}</p></body></html>", "x".repeat(9 << 20));
            respond(&mut conn, "200 OK", &[], body.as_bytes());
        }
        t => match fixture(t) {
            Some(page) => {
                let etag = format!("\"{t}-1\"");
                if if_none_match.as_deref() == Some(etag.as_str()) {
                    respond(&mut conn, "304 Not Modified", &[("ETag", etag)], b"");
                } else {
                    respond(&mut conn, "200 OK", &[("Content-Type", "text/html; charset=utf-8".into()), ("ETag", etag)], page.as_bytes());
                }
            }
            None => respond(
                &mut conn,
                "404 Not Found",
                &[("Content-Type", "application/json".into())],
                br#"{"messageTranslations":{"en":"The specified page does not exist"},"httpCode":404,"httpReason":"Not Found"}"#,
            ),
        },
    }
}
