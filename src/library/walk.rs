//! Walking a library's folder for articles: bounded as a whole (articles, folders, entries,
//! bytes read, time), never leaving the root through a symlink, never entering a loop twice,
//! never opening anything but a regular file, and skipping the kernel's pseudo-filesystems.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{title_of, Entry};
use crate::import;
use crate::sanitize::sanitize_line;
use crate::source;
use crate::work::{Cancelled, Watch};

/// Folders never searched for articles: build outputs and dependency trees.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// Folders of the kernel's own (pseudo-filesystems): walking them finds no articles and can
/// take minutes (`folio --library /`).
const SYSTEM_DIRS: &[&str] = &["/proc", "/sys", "/dev", "/run"];

/// How much one walk may do, as a whole.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Articles taken.
    pub articles: usize,
    /// Folders entered.
    pub folders: usize,
    /// Folder entries looked at (files of every kind).
    pub entries: usize,
    /// Bytes read from articles' beginnings (for their titles).
    pub bytes: u64,
    /// Time spent.
    pub time: Duration,
}

/// The limits of a library walk: far beyond a documentation book or a wiki dump, well short of
/// a whole disk.
pub const LIMITS: Limits =
    Limits { articles: 100_000, folders: 20_000, entries: 1_000_000, bytes: 1 << 30, time: Duration::from_secs(60) };

/// Most bytes read from an article's beginning for its title and aliases.
const HEAD: u64 = 64 * 1024;

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    pub entries: Vec<Entry>,
    /// Relative paths that exist but point out of the library (symlinks): never read.
    pub escaping: HashSet<String>,
    /// Relative paths that could not be followed (a symbolic link loop…), with the reason.
    pub broken: std::collections::HashMap<String, String>,
    /// Problems met (unreadable folders, symlink loops, a limit reached), for the status line.
    pub warnings: Vec<String>,
    /// Other regular files inside the library (images, listings): links to them are reported
    /// as files rather than as missing.
    pub files: HashSet<String>,
}

/// Walks `root` (canonical) for `.md`, `.markdown` and `.txt` files, sorted by path.
pub fn walk(root: &Path, limits: &Limits, watch: &dyn Watch) -> Result<Walked, Cancelled> {
    let start = Instant::now();
    let mut out = Walked::default();
    let (mut folders, mut looked, mut bytes) = (0usize, 0usize, 0u64);
    let mut seen_dirs = HashSet::new();
    seen_dirs.insert(root.to_path_buf());
    let mut stack = vec![root.to_path_buf()];
    let mut stopped = None;
    'walk: while let Some(d) = stack.pop() {
        watch.check()?;
        watch.progress(out.entries.len() as u64, 0);
        folders += 1;
        if folders > limits.folders {
            stopped = Some(format!("{} folders", limits.folders));
            break;
        }
        if start.elapsed() > limits.time {
            stopped = Some(format!("{} s", limits.time.as_secs()));
            break;
        }
        let Ok(read) = std::fs::read_dir(&d) else {
            out.warnings.push(format!("cannot read folder {}", source::display_path(&d)));
            continue;
        };
        let mut items: Vec<_> = read.flatten().collect();
        items.sort_by_key(|e| e.file_name());
        for item in items {
            looked += 1;
            if looked > limits.entries {
                stopped = Some(format!("{} entries", limits.entries));
                break 'walk;
            }
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_str()) {
                continue;
            }
            let path = item.path();
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let Ok(kind) = item.file_type() else { continue };
            let lower = name.to_lowercase();
            let article_name = lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".txt");
            // Only symlinks need resolving (a plain entry under the canonical root is already
            // canonical): one syscall per entry instead of one per path component.
            let (canon, is_dir): (PathBuf, bool) = if kind.is_symlink() {
                if !article_name && !path.is_dir() {
                    continue;
                }
                match path.canonicalize() {
                    Ok(c) if !c.starts_with(root) => {
                        out.escaping.insert(rel);
                        continue;
                    }
                    Ok(c) => {
                        let d = c.is_dir();
                        (c, d)
                    }
                    Err(e) => {
                        let why = if e.raw_os_error() == Some(libc::ELOOP) {
                            "symbolic link loop".to_string()
                        } else {
                            source::io_message(&e)
                        };
                        out.warnings.push(format!("{}: {why}", sanitize_line(&rel)));
                        out.broken.insert(rel, why);
                        continue;
                    }
                }
            } else {
                (path.clone(), kind.is_dir())
            };
            if is_dir {
                let system = SYSTEM_DIRS.iter().any(|s| canon == Path::new(s));
                if !system && seen_dirs.insert(canon) {
                    stack.push(path);
                }
                continue;
            }
            if !article_name {
                if kind.is_file() {
                    out.files.insert(rel);
                }
                continue;
            }
            if out.entries.len() >= limits.articles {
                stopped = Some(format!("{} articles", limits.articles));
                break 'walk;
            }
            let head = if bytes < limits.bytes { read_head(&canon) } else { String::new() };
            bytes += head.len() as u64;
            let (title, aliases) = title_of(&head, &name);
            out.entries.push(Entry { title, aliases, path: rel, root: 0 });
        }
    }
    if let Some(limit) = stopped {
        out.warnings.insert(
            0,
            format!("the library walk stopped at its limit of {limit}: {} articles taken", out.entries.len()),
        );
    }
    out.entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The first 64 KiB of a regular file (enough for front matter and the first heading),
/// lossily decoded. Anything else (a FIFO, a device) is never opened.
fn read_head(path: &Path) -> String {
    use std::io::Read;
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return String::new();
    }
    let mut buf = Vec::new();
    if let Ok(f) = source::open_regular(path) {
        let _ = f.take(HEAD).read_to_end(&mut buf);
    }
    match import::decode(&buf) {
        Ok(d) => d.text,
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_stops_as_a_whole_at_a_limit() {
        let dir = tempfile::tempdir().unwrap();
        for d in 0..5 {
            let sub = dir.path().join(format!("d{d}"));
            std::fs::create_dir(&sub).unwrap();
            for f in 0..5 {
                std::fs::write(sub.join(format!("a{f}.md")), "# A\n").unwrap();
            }
        }
        let root = dir.path().canonicalize().unwrap();
        let all = walk(&root, &LIMITS, &crate::work::Unwatched).unwrap();
        assert_eq!(all.entries.len(), 25);
        assert!(all.warnings.is_empty());
        let few = Limits { articles: 7, ..LIMITS };
        let some = walk(&root, &few, &crate::work::Unwatched).unwrap();
        assert_eq!(some.entries.len(), 7, "not 7 per folder: the walk stops as a whole");
        assert!(some.warnings[0].contains("limit of 7 articles"), "{:?}", some.warnings);
        let folders = Limits { folders: 2, ..LIMITS };
        let two = walk(&root, &folders, &crate::work::Unwatched).unwrap();
        assert_eq!(two.entries.len(), 5, "the root and one folder");
    }
}
