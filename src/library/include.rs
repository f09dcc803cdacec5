//! mdBook includes: `{{#include path}}`, `{{#include path:N:M}}`, `{{#include path:ANCHOR}}`
//! and `{{#rustdoc_include …}}` lines are replaced by the text of the file they name, when it
//! lies inside the library's root, is a regular file and is small; otherwise by a line that
//! says what was not included and why. This is the one place an article's text pulls in
//! another file, so it is bounded: one level deep, 256 includes and 8 MiB per article.

use std::borrow::Cow;
use std::path::Path;

/// Largest file included.
const MAX_FILE: u64 = 1 << 20;
/// Most includes expanded in one article, and most bytes they add.
const MAX_INCLUDES: usize = 256;
const MAX_TOTAL: usize = 8 << 20;

/// `text` (the article at `file`) with its include lines replaced; `root` is the library's
/// root (canonical), outside which nothing is read.
pub fn expand<'a>(text: &'a str, file: &Path, root: &Path) -> Cow<'a, str> {
    if !text.contains("{{#") {
        return Cow::Borrowed(text);
    }
    let dir = file.parent().unwrap_or(root);
    let mut out = String::with_capacity(text.len());
    let (mut count, mut added) = (0usize, 0usize);
    for line in text.split_inclusive('\n') {
        let Some(found) = directive(line) else {
            out.push_str(line);
            continue;
        };
        let (indent, spec) = found;
        count += 1;
        let replaced =
            if count > MAX_INCLUDES || added > MAX_TOTAL { Err("too many includes") } else { include(spec, dir, root) };
        match replaced {
            Ok(body) => {
                added += body.len();
                for l in body.lines() {
                    out.push_str(indent);
                    out.push_str(l);
                    out.push('\n');
                }
            }
            Err(why) => {
                out.push_str(indent);
                out.push_str(&format!("[include {spec}: {why}]\n"));
            }
        }
    }
    Cow::Owned(out)
}

/// The folder includes of a library rooted at `root` may read from: a book's folder (with
/// its `book.toml`) when the root is its `src/`, since books keep their listings beside it.
pub fn root_for(root: &Path) -> &Path {
    match root.parent() {
        Some(book) if root.ends_with("src") && book.join("book.toml").is_file() => book,
        _ => root,
    }
}

/// An include line: its indentation and what it names (`path:anchor`).
fn directive(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    let indent = &line[..line.len() - line.trim_start().len()];
    let inner = t.strip_prefix("{{#")?.strip_suffix("}}")?;
    let spec = inner.strip_prefix("include ").or_else(|| inner.strip_prefix("rustdoc_include "))?;
    Some((indent, spec.trim()))
}

/// The text `spec` names (`path`, `path:N`, `path:N:M`, `path::M`, `path:anchor`).
fn include(spec: &str, dir: &Path, root: &Path) -> Result<String, &'static str> {
    let (path, selector) = match spec.split_once(':') {
        Some((p, s)) => (p, Some(s)),
        None => (spec, None),
    };
    let file = dir.join(path);
    let canon = file.canonicalize().map_err(|_| "file not found")?;
    if !canon.starts_with(root) {
        return Err("outside the library");
    }
    let meta = std::fs::metadata(&canon).map_err(|_| "file not found")?;
    if !meta.is_file() {
        return Err("not a regular file");
    }
    if meta.len() > MAX_FILE {
        return Err("file too big to include");
    }
    let bytes = std::fs::read(&canon).map_err(|_| "file not readable")?;
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    let chosen: Vec<&str> = match selector {
        None => lines,
        Some(s) if s.split(':').all(|n| n.is_empty() || n.bytes().all(|b| b.is_ascii_digit())) => {
            let mut parts = s.split(':');
            let from = parts.next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(1).max(1);
            // `path:N` is the single line N in mdBook's rules only with a second part;
            // alone it means from N to the end.
            let to = match parts.next() {
                Some(n) => n.parse::<usize>().unwrap_or(lines.len()),
                None => lines.len(),
            };
            lines.get(from - 1..to.min(lines.len())).map(<[&str]>::to_vec).unwrap_or_default()
        }
        Some(anchor) => {
            let start = lines.iter().position(|l| marker(l, "ANCHOR:") == Some(anchor)).ok_or("no such anchor")?;
            let end = lines[start + 1..]
                .iter()
                .position(|l| marker(l, "ANCHOR_END:") == Some(anchor))
                .map_or(lines.len(), |k| start + 1 + k);
            lines[start + 1..end].to_vec()
        }
    };
    // Anchor lines are for mdBook, not for readers.
    let kept: Vec<&str> =
        chosen.into_iter().filter(|l| marker(l, "ANCHOR:").is_none() && marker(l, "ANCHOR_END:").is_none()).collect();
    Ok(kept.join("\n"))
}

/// The name after `ANCHOR:` (or `ANCHOR_END:`) in a line (`// ANCHOR: here`).
fn marker<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let at = line.find(word)?;
    let name = line[at + word.len()..].trim();
    let name = name.split_whitespace().next().unwrap_or("");
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_anchors_and_refusals() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("src")).unwrap();
        std::fs::write(
            root.join("src/code.rs"),
            "fn a() {}\n// ANCHOR: here\nfn b() {}\n// ANCHOR_END: here\nfn c() {}\n",
        )
        .unwrap();
        let file = root.join("src/ch.md");
        let text = "```rust\n{{#include code.rs:2:3}}\n```\n{{#rustdoc_include code.rs:here}}\n  {{#include code.rs}}\n{{#include ../../etc/passwd}}\n{{#include nope.rs}}\n{{#include code.rs:missing}}\n";
        let out = expand(text, &file, &root);
        assert_eq!(
            out,
            "```rust\nfn b() {}\n```\nfn b() {}\n  fn a() {}\n  fn b() {}\n  fn c() {}\n[include ../../etc/passwd: file not found]\n[include nope.rs: file not found]\n[include code.rs:missing: no such anchor]\n"
        );
        std::fs::write(dir.path().parent().unwrap().join("folio-outside.txt"), "secret").ok();
        let out = expand("{{#include ../../folio-outside.txt}}\n", &file, &root);
        assert!(!out.contains("secret"), "{out}");
        assert_eq!(expand("no includes", &file, &root), "no includes");
    }
}
