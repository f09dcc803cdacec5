//! `--check` and `--backlinks`: the library's link index read from the command line, for
//! scripts and a documentation repository's CI. Nothing is fetched from the network.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::library::index::{self, LinkIndex};
use crate::library::Library;
use crate::sanitize::sanitize_line;
use crate::source::display_path;
use crate::work::Unwatched;

/// What a check or a backlink listing works on: the library, its index, the entry asked
/// about (for a file), and how to name an entry's file in the output.
struct Checked {
    library: Library,
    index: LinkIndex,
    entry: Option<usize>,
    /// The folder entries' paths are shown under, as the user named it.
    shown_root: PathBuf,
}

impl Checked {
    fn of(path: &Path) -> anyhow::Result<Checked> {
        let shown = display_path(path);
        if path.is_dir() {
            let root = crate::open::book_folder(path);
            let library = Library::open_dir(&root).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
            let index = index::build(&library, &Unwatched, 0, u64::MAX).context("cancelled")?;
            return Ok(Checked { library, index, entry: None, shown_root: root });
        }
        if !path.is_file() {
            anyhow::bail!("{shown}: no such file or folder");
        }
        let root = crate::open::own_folder(path, &[]);
        let library = Library::open_dir(&root).map_err(|e| anyhow::anyhow!("{}: {e}", display_path(&root)))?;
        let entry = library
            .relative_path(path)
            .and_then(|p| library.by_path(&p))
            .ok_or_else(|| anyhow::anyhow!("{shown}: not an article (.md or .txt)"))?;
        let index = index::build(&library, &Unwatched, 0, u64::MAX).context("cancelled")?;
        Ok(Checked { library, index, entry: Some(entry), shown_root: root })
    }

    /// An entry's file, as the output names it.
    fn file(&self, entry: usize) -> String {
        let rel = self.library.entries.get(entry).map_or("", |e| e.path.as_str());
        let shown = self.shown_root.join(rel);
        // Named from the current folder when it is below it, as the user would type it.
        let here = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
        let shown = match here.as_deref().and_then(|h| shown.strip_prefix(h).ok()) {
            Some(rel) => rel.to_path_buf(),
            None => shown.strip_prefix("./").map(Path::to_path_buf).unwrap_or(shown),
        };
        display_path(&shown)
    }
}

/// One field of a tab-separated line: one line, no tab.
fn field(s: &str) -> String {
    sanitize_line(s).replace('\t', " ")
}

/// `--check PATH`: prints each broken link; exit code 1 when there is any.
pub fn check(path: &Path) -> anyhow::Result<u8> {
    let c = Checked::of(path)?;
    let broken: Vec<_> =
        c.index.broken(&c.library).into_iter().filter(|b| c.entry.is_none_or(|e| e == b.entry)).collect();
    let mut out = String::new();
    for b in &broken {
        out.push_str(&format!(
            "{}:{}:{}\t{}\t{}\t{}\n",
            c.file(b.entry),
            b.line,
            b.col,
            b.status,
            field(&b.target),
            field(&b.text)
        ));
    }
    let pages: Vec<_> = match c.entry {
        Some(e) => c.index.pages.get(e).and_then(Option::as_ref).into_iter().collect(),
        None => c.index.pages.iter().flatten().collect(),
    };
    let links: usize = pages.iter().map(|p| p.links.len()).sum();
    crate::cli::emit(&out)?;
    eprintln!(
        "folio: {} broken of {links} links in {} article{}",
        broken.len(),
        pages.len(),
        if pages.len() == 1 { "" } else { "s" }
    );
    Ok(u8::from(!broken.is_empty()))
}

/// `--backlinks PATH`: every place in the library that links to the article at `PATH`.
pub fn backlinks(path: &Path) -> anyhow::Result<u8> {
    let c = Checked::of(path)?;
    let Some(entry) = c.entry else {
        anyhow::bail!("{}: --backlinks needs an article, not a folder", display_path(path))
    };
    let mut out = String::new();
    for b in c.index.backlinks(&c.library, entry) {
        let title = c.index.pages.get(b.entry).and_then(Option::as_ref).map_or("", |p| p.title.as_str());
        out.push_str(&format!(
            "{}:{}\t{}\t{}\t{}\n",
            c.file(b.entry),
            b.line,
            field(title),
            field(&b.section),
            field(&b.snippet)
        ));
    }
    crate::cli::emit(&out)
}
