//! The HTTP client: ureq (blocking, rustls, gzip), run on job threads only. Well-behaved
//! toward the sites it reads: a User-Agent naming folio, its version and project, at most three
//! requests in flight, `429`/`503` answered by waiting what `Retry-After` says (shown in the
//! status line), timeouts, and a cap on the size of a response. Nothing here touches the
//! terminal; every failure is a one-line message.

use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;

use serde::Deserialize;

use super::cache::{self, Cached};
use super::Site;
use crate::work::{Cancelled, Watch};

/// Largest response read (a page's HTML; a bigger one is refused, not cut).
pub const MAX_RESPONSE: u64 = 8 << 20;
/// Most requests in flight at once, over every site.
const MAX_IN_FLIGHT: usize = 3;
/// Longest wait folio accepts from a `Retry-After`, and how many times it waits.
const MAX_RETRY_WAIT: u64 = 30;
const RETRIES: usize = 2;
/// `Watch::progress` total that means "waiting `done` seconds" (see `app::jobs`).
pub const WAITING: u64 = u64::MAX;
/// `Watch::progress` total that means "a request is on its way; `done` ticks so far" (the
/// status line turns a spinner with it).
pub const SPINNING: u64 = u64::MAX - 1;

/// How the client talks to sites.
#[derive(Clone, Debug)]
pub struct Settings {
    pub user_agent: String,
    pub timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            user_agent: format!(
                "folio/{} (terminal article reader; https://github.com/folio-reader/folio)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout: Duration::from_secs(15),
        }
    }
}

/// Why a fetch gave nothing.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("no page ‘{0}’ on {1}")]
    Missing(String, String),
    #[error("{0}: no answer in time")]
    Timeout(String),
    #[error("{0} cannot be reached ({1})")]
    Offline(String, String),
    #[error("{0} is busy (HTTP {1}); try again later")]
    Busy(String, u16),
    #[error("{0} answered HTTP {1}")]
    Status(String, u16),
    #[error("{0}: the answer is bigger than {1} MiB")]
    TooBig(String, u64),
    #[error("{0}: too many redirects")]
    Redirects(String),
    #[error("{0}: {1}")]
    Bad(String, String),
    #[error("cancelled")]
    Cancelled(#[from] Cancelled),
}

impl FetchError {
    /// Whether the network (not the site's answer) failed: a cached copy may stand in.
    pub fn is_offline(&self) -> bool {
        matches!(self, FetchError::Offline(..) | FetchError::Timeout(_))
    }
}

/// A page as fetched.
#[derive(Clone, Debug)]
pub struct Page {
    pub title: String,
    pub revision: Option<u64>,
    pub html: String,
    /// Set when the page came from the cache because the network failed: when it was fetched.
    pub offline_since: Option<u64>,
}

/// Counts requests in flight (at most [`MAX_IN_FLIGHT`]).
struct Slots {
    used: Mutex<usize>,
    freed: Condvar,
}

fn slots() -> &'static Slots {
    static SLOTS: OnceLock<Slots> = OnceLock::new();
    SLOTS.get_or_init(|| Slots { used: Mutex::new(0), freed: Condvar::new() })
}

/// A request slot, given back when dropped.
struct Slot;

impl Slot {
    fn take(watch: &dyn Watch) -> Result<Slot, Cancelled> {
        let s = slots();
        let mut used = s.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used >= MAX_IN_FLIGHT {
            watch.check()?;
            used = s.freed.wait_timeout(used, Duration::from_millis(50)).unwrap_or_else(|e| e.into_inner()).0;
        }
        *used += 1;
        Ok(Slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let s = slots();
        *s.used.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
        s.freed.notify_one();
    }
}

/// An answer: status, headers that matter, body.
struct Answer {
    status: u16,
    etag: Option<String>,
    body: String,
}

fn agent(settings: &Settings) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .user_agent(settings.user_agent.as_str())
        .timeout_global(Some(settings.timeout))
        .timeout_connect(Some(settings.timeout.min(Duration::from_secs(5))))
        .max_redirects(5)
        .http_status_as_error(false)
        .build();
    ureq::Agent::new_with_config(config)
}

/// GETs `url` (with `If-None-Match` when `etag`), waiting out `429`/`503` as `Retry-After`
/// asks (checking `watch` each second and showing the wait).
fn get(settings: &Settings, url: &str, etag: Option<&str>, watch: &dyn Watch) -> Result<Answer, FetchError> {
    let host = url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or(url).to_string();
    let agent = agent(settings);
    for attempt in 0..=RETRIES {
        watch.check()?;
        let slot = Slot::take(watch)?;
        let mut request = agent.get(url);
        if let Some(e) = etag {
            request = request.header("If-None-Match", e);
        }
        // The request blocks this thread: another one turns the status line's spinner.
        let answered = std::sync::atomic::AtomicBool::new(false);
        let result = std::thread::scope(|scope| {
            scope.spawn(|| {
                let mut tick = 0u64;
                while !answered.load(std::sync::atomic::Ordering::Relaxed) {
                    watch.progress(tick, SPINNING);
                    tick += 1;
                    std::thread::sleep(Duration::from_millis(120));
                }
            });
            let r = request.call();
            answered.store(true, std::sync::atomic::Ordering::Relaxed);
            r
        });
        drop(slot);
        let mut response = match result {
            Ok(r) => r,
            Err(ureq::Error::Timeout(_)) => return Err(FetchError::Timeout(host)),
            Err(ureq::Error::TooManyRedirects) => return Err(FetchError::Redirects(host)),
            Err(ureq::Error::Io(e)) => return Err(FetchError::Offline(host, crate::source::io_message(&e))),
            Err(ureq::Error::HostNotFound) => return Err(FetchError::Offline(host, "host not found".into())),
            Err(ureq::Error::ConnectionFailed) => return Err(FetchError::Offline(host, "connection failed".into())),
            Err(e) => return Err(FetchError::Bad(host, e.to_string())),
        };
        let status = response.status().as_u16();
        if matches!(status, 429 | 503) {
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(2 << attempt);
            if attempt == RETRIES || wait > MAX_RETRY_WAIT {
                return Err(FetchError::Busy(host, status));
            }
            for left in (1..=wait.max(1)).rev() {
                watch.check()?;
                watch.progress(left, WAITING);
                std::thread::sleep(Duration::from_secs(1));
            }
            continue;
        }
        let etag = response.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_string);
        let body = match response.body_mut().with_config().limit(MAX_RESPONSE).read_to_string() {
            Ok(b) => b,
            Err(ureq::Error::BodyExceedsLimit(_)) => return Err(FetchError::TooBig(host, MAX_RESPONSE >> 20)),
            Err(ureq::Error::Timeout(_)) => return Err(FetchError::Timeout(host)),
            Err(e) => return Err(FetchError::Bad(host, e.to_string())),
        };
        return Ok(Answer { status, etag, body });
    }
    Err(FetchError::Busy(host, 429))
}

/// Finds the MediaWiki site a web address belongs to (its `api.php` and article path), by
/// asking it for its site information.
pub fn discover(settings: &Settings, address: &str, watch: &dyn Watch) -> Result<(Site, Option<String>), FetchError> {
    let origin: String = {
        let (scheme, rest) =
            address.split_once("://").ok_or_else(|| FetchError::Bad(address.into(), "not a web address".into()))?;
        format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest))
    };
    #[derive(Deserialize)]
    struct Info {
        query: Query,
    }
    #[derive(Deserialize)]
    struct Query {
        general: General,
        #[serde(default)]
        rightsinfo: Option<Rights>,
    }
    #[derive(Deserialize)]
    struct General {
        scriptpath: String,
        articlepath: String,
    }
    #[derive(Deserialize)]
    struct Rights {
        #[serde(default)]
        url: String,
        #[serde(default)]
        text: String,
    }
    let mut last = FetchError::Bad(origin.clone(), "not a MediaWiki site".into());
    for script in ["/w", ""] {
        let url = format!("{origin}{script}/api.php?action=query&meta=siteinfo&siprop=general%7Crightsinfo&format=json&formatversion=2");
        match get(settings, &url, None, watch) {
            Ok(a) if a.status == 200 => {
                if let Ok(info) = serde_json::from_str::<Info>(&a.body) {
                    let licence = info.query.rightsinfo.filter(|r| !r.text.is_empty()).map(|r| (r.text, r.url));
                    let site = Site {
                        origin: origin.clone(),
                        script: info.query.general.scriptpath,
                        article_path: info.query.general.articlepath,
                        licence,
                    };
                    let title = site.title_of_url(address);
                    cache::store_site(&site);
                    return Ok((site, title));
                }
            }
            Ok(_) => {}
            Err(e) if e.is_offline() => return Err(e),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// The page `title` of `site`: from the network (revalidated against the cached copy), or
/// the cached copy when the network fails.
pub fn page(settings: &Settings, site: &Site, title: &str, watch: &dyn Watch) -> Result<Page, FetchError> {
    let cached = cache::load(site, title);
    match fetch(settings, site, title, cached.as_ref(), watch) {
        Ok(p) => Ok(p),
        Err(e) if e.is_offline() => match cached {
            Some(c) => Ok(Page { title: c.title, revision: c.revision, html: c.html, offline_since: Some(c.fetched) }),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

fn fetch(
    settings: &Settings,
    site: &Site,
    title: &str,
    cached: Option<&Cached>,
    watch: &dyn Watch,
) -> Result<Page, FetchError> {
    let url = site.rest(&format!("page/{}/html", super::encode_title(title)));
    let answer = get(settings, &url, cached.and_then(|c| c.etag.as_deref()), watch)?;
    match answer.status {
        304 => {
            let c = cached.ok_or_else(|| FetchError::Status(site.host().into(), 304))?;
            Ok(Page { title: c.title.clone(), revision: c.revision, html: c.html.clone(), offline_since: None })
        }
        200 => {
            let (page_title, revision) = head_of(&answer.body);
            let page = Page {
                title: page_title.unwrap_or_else(|| title.to_string()),
                revision,
                html: answer.body,
                offline_since: None,
            };
            cache::store(site, title, &page, answer.etag);
            Ok(page)
        }
        404 if answer.body.trim_start().starts_with('{') => Err(FetchError::Missing(title.into(), site.host().into())),
        // No REST API on this site: the Action API.
        404 | 400 | 403 | 501 => parse_api(settings, site, title, watch),
        s => Err(FetchError::Status(site.host().into(), s)),
    }
}

/// `action=parse`: the page's HTML where the site has no REST API.
fn parse_api(settings: &Settings, site: &Site, title: &str, watch: &dyn Watch) -> Result<Page, FetchError> {
    #[derive(Deserialize)]
    struct Parsed {
        parse: Option<Parse>,
        error: Option<ApiError>,
    }
    #[derive(Deserialize)]
    struct Parse {
        title: String,
        #[serde(default)]
        revid: Option<u64>,
        text: String,
    }
    #[derive(Deserialize)]
    struct ApiError {
        code: String,
    }
    let url = site.api(&format!(
        "action=parse&page={}&prop=text%7Crevid&redirects=1&disableeditsection=1&format=json&formatversion=2",
        super::encode_title(title)
    ));
    let answer = get(settings, &url, None, watch)?;
    if answer.status != 200 {
        return Err(FetchError::Status(site.host().into(), answer.status));
    }
    let parsed: Parsed = serde_json::from_str(&answer.body)
        .map_err(|e| FetchError::Bad(site.host().into(), format!("unreadable answer ({e})")))?;
    match (parsed.parse, parsed.error) {
        (Some(p), _) => {
            let page = Page { title: p.title, revision: p.revid, html: p.text, offline_since: None };
            cache::store(site, title, &page, None);
            Ok(page)
        }
        (None, Some(e)) if e.code == "missingtitle" => Err(FetchError::Missing(title.into(), site.host().into())),
        (None, e) => Err(FetchError::Bad(site.host().into(), e.map_or("no page".into(), |e| e.code))),
    }
}

/// The title (`<title>`) and revision (`about="…/revision/N"`) in a Parsoid document's head.
fn head_of(html: &str) -> (Option<String>, Option<u64>) {
    let head = &html[..html.len().min(8192)];
    let title = head.find("<title>").and_then(|i| {
        let rest = &head[i + 7..];
        rest.find("</title>").map(|j| html_unescape(&rest[..j]))
    });
    let revision = head.find("/revision/").and_then(|i| {
        let digits: String = head[i + 10..].chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    });
    (title.filter(|t| !t.is_empty()), revision)
}

fn html_unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
}

/// A search hit: a title and, for full-text search, the text around the match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub title: String,
    pub snippet: String,
}

/// Titles of `site` starting like `query` (`full`: pages whose text matches it).
pub fn search(
    settings: &Settings,
    site: &Site,
    query: &str,
    full: bool,
    watch: &dyn Watch,
) -> Result<Vec<Hit>, FetchError> {
    #[derive(Deserialize)]
    struct Found {
        pages: Vec<FoundPage>,
    }
    #[derive(Deserialize)]
    struct FoundPage {
        title: String,
        #[serde(default)]
        excerpt: Option<String>,
        #[serde(default)]
        description: Option<String>,
    }
    let endpoint = if full { "search/page" } else { "search/title" };
    let url = site.rest(&format!("{endpoint}?q={}&limit=20", percent(query)));
    let answer = get(settings, &url, None, watch)?;
    if answer.status != 200 {
        return Err(FetchError::Status(site.host().into(), answer.status));
    }
    let found: Found = serde_json::from_str(&answer.body)
        .map_err(|e| FetchError::Bad(site.host().into(), format!("unreadable answer ({e})")))?;
    Ok(found
        .pages
        .into_iter()
        .map(|p| {
            let raw = p.excerpt.or(p.description).unwrap_or_default();
            Hit { title: p.title, snippet: crate::sanitize::sanitize_line(&strip_tags(&raw)).into_owned() }
        })
        .collect())
}

/// Which of `titles` exist on `site` (one request for up to 50).
pub fn existing(
    settings: &Settings,
    site: &Site,
    titles: &[String],
    watch: &dyn Watch,
) -> Result<Vec<String>, FetchError> {
    #[derive(Deserialize)]
    struct Answer {
        query: Option<Q>,
    }
    #[derive(Deserialize)]
    struct Q {
        #[serde(default)]
        pages: Vec<P>,
    }
    #[derive(Deserialize)]
    struct P {
        title: String,
        #[serde(default)]
        missing: bool,
        #[serde(default)]
        invalid: bool,
    }
    let list: Vec<String> = titles.iter().take(50).map(|t| percent(t)).collect();
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let url = site.api(&format!("action=query&titles={}&format=json&formatversion=2", list.join("%7C")));
    let answer = get(settings, &url, None, watch)?;
    let parsed: Answer =
        serde_json::from_str(&answer.body).map_err(|e| FetchError::Bad(site.host().into(), e.to_string()))?;
    Ok(parsed
        .query
        .map(|q| q.pages.into_iter().filter(|p| !p.missing && !p.invalid).map(|p| p.title).collect())
        .unwrap_or_default())
}

/// Text without its HTML tags (search excerpts mark matches with `<span>`).
fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    html_unescape(&out)
}

/// `s` percent-encoded for a query string.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
