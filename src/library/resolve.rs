//! Link targets: what a link's destination names, decided without touching the file system.

use crate::model::SectionId;

/// Where a link leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Another article of the library (by index), possibly at a section.
    Article { entry: usize, fragment: Option<String> },
    /// A section of the current article, by fragment as written (not found in the article
    /// once the document resolved it: see [`Target::Here`]).
    Section(String),
    /// A section of the current article, found.
    Here(SectionId),
    /// An anchor of the current article (an HTML `id`, a footnote): the block after it.
    Anchor(u32),
    /// A web or mail address that may be offered to the browser.
    External(String),
    /// A file of the library that is not an article (an image, a listing): by relative path.
    File(String),
    /// An article of the library that has no such section or anchor.
    MissingSection { entry: usize, fragment: String },
    /// Nothing in the library has this name (a red link).
    Missing(String),
    /// Never followed: the reason says why (a path out of the library, a scheme not allowed).
    Refused(String),
    /// A page of the wiki the article was read from, possibly at a section.
    Wiki { title: String, fragment: Option<String> },
}

impl Target {
    /// The status word `--links` prints.
    pub fn status(&self) -> &'static str {
        match self {
            Target::Article { .. } | Target::Wiki { .. } => "article",
            Target::Here(_) | Target::Anchor(_) => "section",
            // Still a fragment as written: nothing in the article answers to it.
            Target::Section(_) | Target::MissingSection { .. } => "missing",
            Target::External(_) => "external",
            Target::File(_) => "file",
            Target::Missing(_) => "missing",
            Target::Refused(_) => "refused",
        }
    }
}

/// Schemes folio offers to open.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The message for any path that would leave the library.
pub const LEAVES_LIBRARY: &str = "link leaves the library";

/// Decodes `%XX` escapes (invalid UTF-8 becomes U+FFFD).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The URL scheme (lower case) if `dest` starts with one (`https:`, `javascript:`).
pub fn scheme_of(dest: &str) -> Option<String> {
    let (scheme, _) = dest.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then(|| scheme.to_ascii_lowercase())
}

/// Checks an external URL and gives the one form of it that is shown and opened.
///
/// Characters a URL never holds raw (controls, bidi marks, spaces, placeholders) and a leading
/// `-` (an option to a launcher) are refused first. Then a real URL parser (the `url` crate)
/// must read it as an absolute `http`, `https` or `mailto` URL, with a host for the first two:
/// what it cannot parse is refused (an opener might otherwise turn it into a local path). The
/// result is the parser's normal form (`http://0x7f.1/` is `http://127.0.0.1/`, a non-ASCII
/// host is punycode), and a `mailto:` keeps only its `subject` and `body` fields.
pub fn check_url(url: &str) -> Result<String, String> {
    if url.starts_with('-') {
        return Err("invalid URL".to_string());
    }
    if url.chars().any(|c| {
        c.is_control()
            || c.is_whitespace()
            || crate::sanitize::is_bidi(c)
            || matches!(c, '\u{fffd}' | '\u{2400}'..='\u{2421}')
    }) {
        return Err("URL has invalid characters".to_string());
    }
    if url.len() > 8192 {
        return Err("URL too long".to_string());
    }
    let scheme = scheme_of(url).ok_or_else(|| "not a URL".to_string())?;
    if !ALLOWED_SCHEMES.contains(&scheme.as_str()) {
        return Err(format!("scheme not allowed: {}", crate::sanitize::sanitize(&scheme)));
    }
    let mut parsed = url::Url::parse(url).map_err(|e| format!("not a valid URL ({e})"))?;
    match parsed.scheme() {
        "http" | "https" => {
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err("not a valid URL (no host)".to_string());
            }
        }
        "mailto" => {
            let kept: Vec<(String, String)> = parsed
                .query_pairs()
                .filter(|(k, _)| k.eq_ignore_ascii_case("subject") || k.eq_ignore_ascii_case("body"))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if kept.is_empty() {
                parsed.set_query(None);
            } else {
                parsed.query_pairs_mut().clear().extend_pairs(kept);
            }
        }
        _ => return Err(format!("scheme not allowed: {}", crate::sanitize::sanitize(parsed.scheme()))),
    }
    Ok(parsed.to_string())
}

/// Warnings shown with an address before it is opened: a host with non-ASCII letters (a
/// possible look-alike such as a Cyrillic `а` in `аpple.com`, shown as punycode), and a user
/// name before `@` (`https://bank.example@evil.example/` goes to `evil.example`).
pub fn url_warnings(url: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(parsed) = url::Url::parse(url) else { return out };
    if let Some(host) = parsed.host_str() {
        if !host.is_ascii() || host.split('.').any(|label| label.starts_with("xn--")) {
            out.push(format!("⚠ the host {host} has non-ASCII letters: it may imitate another site"));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            out.push(format!("⚠ the text before @ is a user name: this goes to {host}"));
        }
    }
    out
}

/// A warning for an address whose host has non-ASCII letters (see [`url_warnings`]).
pub fn lookalike_warning(url: &str) -> Option<String> {
    url_warnings(url).into_iter().find(|w| w.contains("non-ASCII"))
}

/// Resolves a relative path against the folder `from_dir` (both with `/` separators, relative
/// to the library root), lexically. `None` when the result would leave the root.
pub fn join_relative(from_dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in from_dir.split(['/', '\\']).chain(path.split(['/', '\\'])) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Classifies a Markdown link destination (before any library lookup): an in-page fragment,
/// an external URL, a refused form, or a relative path with an optional fragment.
pub enum Dest {
    Fragment(String),
    Url(Result<String, String>),
    Refused(String),
    Path { path: String, fragment: Option<String> },
}

/// Splits and checks a Markdown link destination.
pub fn classify_dest(dest: &str, from_dir: &str) -> Dest {
    let dest = dest.trim();
    if let Some(frag) = dest.strip_prefix('#') {
        return Dest::Fragment(percent_decode(frag));
    }
    if dest.is_empty() {
        return Dest::Fragment(String::new());
    }
    if let Some(scheme) = scheme_of(dest) {
        if scheme == "file" || scheme.len() == 1 {
            // `file://` and Windows drive letters are paths out of the library.
            return Dest::Refused(LEAVES_LIBRARY.to_string());
        }
        return Dest::Url(check_url(dest));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (dest, None),
    };
    let path = percent_decode(path);
    if path.starts_with('/') || path.starts_with('~') || path.starts_with('\\') || path.contains('\0') {
        return Dest::Refused(LEAVES_LIBRARY.to_string());
    }
    match join_relative(from_dir, &path) {
        Some(p) => Dest::Path { path: p, fragment },
        None => Dest::Refused(LEAVES_LIBRARY.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_forms_are_refused() {
        for d in [
            "../../etc/passwd",
            "/etc/passwd",
            "file:///etc/passwd",
            "..%2f..%2f..%2fetc%2fpasswd",
            "~/.ssh/id_rsa",
            "\\\\host\\share\\x.md",
            "C:\\x.md",
        ] {
            assert!(matches!(classify_dest(d, "docs"), Dest::Refused(_)), "{d}");
        }
    }

    #[test]
    fn relative_paths_inside_are_kept() {
        match classify_dest("../b.md#Early%20years", "docs") {
            Dest::Path { path, fragment } => {
                assert_eq!(path, "b.md");
                assert_eq!(fragment.as_deref(), Some("Early years"));
            }
            _ => panic!("expected a path"),
        }
    }

    #[test]
    fn url_checks() {
        assert_eq!(check_url("https://example.org/a?b=c").as_deref(), Ok("https://example.org/a?b=c"));
        assert_eq!(check_url("HTTPS://ok.example").as_deref(), Ok("https://ok.example/"));
        assert_eq!(check_url("mailto:a@b.c").as_deref(), Ok("mailto:a@b.c"));
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("http://h\u{1b}]0;t\u{7}/").is_err());
        assert!(check_url("http://a\u{202e}gro.live").is_err());
        assert!(check_url("https://a.example/x y").is_err());
        assert!(matches!(classify_dest("--help", ""), Dest::Path { .. }));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%2F"), "a b/");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
