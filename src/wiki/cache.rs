//! Fetched pages kept for offline reading, in `$XDG_CACHE_HOME/folio/wiki/<site>/`: one file
//! per title with its revision, `ETag` and when it was fetched (revalidated on the next
//! fetch). Written like the state file (temporary file, then rename); a cache that cannot be
//! written is only a slower folio.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::client::Page;
use super::Site;

/// A cached page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cached {
    pub title: String,
    pub revision: Option<u64>,
    pub etag: Option<String>,
    /// When it was fetched (seconds since 1970).
    pub fetched: u64,
    pub html: String,
}

/// The cache folder of a site (`None`: no home folder, nothing cached).
fn folder(site: &Site) -> Option<PathBuf> {
    folder_of_host(site.host())
}

/// The cache folder of the site at `host` (and port).
fn folder_of_host(host: &str) -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    if std::env::var_os("HOME").is_none_or(|h| h.is_empty()) && std::env::var_os("XDG_CACHE_HOME").is_none() {
        return None;
    }
    let base = etcetera::choose_base_strategy().ok()?;
    let host: String =
        host.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
    Some(base.cache_dir().join("folio").join("wiki").join(host))
}

/// A title's file name: its address form, hashed when long (file names are short).
fn file_name(title: &str) -> String {
    let t = super::encode_title(title).replace('/', "%2F");
    if t.len() <= 120 {
        format!("{t}.json")
    } else {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        t.hash(&mut h);
        format!("{}-{:016x}.json", &t[..60], h.finish())
    }
}

/// The cached copy of a page.
pub fn load(site: &Site, title: &str) -> Option<Cached> {
    let path = folder(site)?.join(file_name(title));
    let bytes = crate::source::read_file(&path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Keeps a page (failures are ignored: the cache is only a help).
pub fn store(site: &Site, title: &str, page: &Page, etag: Option<String>) {
    let Some(dir) = folder(site) else { return };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let fetched = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let cached = Cached { title: page.title.clone(), revision: page.revision, etag, fetched, html: page.html.clone() };
    if let Ok(bytes) = serde_json::to_vec(&cached) {
        write_whole(&dir.join(file_name(title)), &bytes);
    }
}

/// Writes a cache file whole (a temporary file renamed into place), or not at all.
fn write_whole(path: &std::path::Path, bytes: &[u8]) {
    use std::io::Write;
    let Some(dir) = path.parent() else { return };
    if let Ok(mut temp) = tempfile::Builder::new().prefix(".folio-").tempfile_in(dir) {
        if temp.write_all(bytes).is_ok() {
            let _ = temp.persist(path);
        }
    }
}

/// Keeps what was learnt of a site (its API paths, licence), so its cached pages open
/// without asking it again.
pub fn store_site(site: &Site) {
    let Some(dir) = folder(site) else { return };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    if let Ok(bytes) = serde_json::to_vec(site) {
        write_whole(&dir.join("site.json"), &bytes);
    }
}

/// The site at `host`, as [`store_site`] kept it.
pub fn load_site(host: &str) -> Option<Site> {
    let bytes = crate::source::read_file(&folder_of_host(host)?.join("site.json")).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A date as the offline notice shows it: `2026-12-02`.
pub fn date(seconds: u64) -> String {
    // Days since 1970 to a civil date (Howard Hinnant's algorithm).
    let days = (seconds / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{m:02}-{d:02}", if m <= 2 { y + 1 } else { y })
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::date(0), "1970-01-01");
        assert_eq!(super::date(1_795_000_000), "2026-11-18");
    }
}
