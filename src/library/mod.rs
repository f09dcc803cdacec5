//! The library: the set of articles links can lead to — a folder (searched recursively) or the
//! bundled one, with more libraries layered under it (the user's library folders, then the
//! bundled one): a title is looked for in the article's own library first, then in each layer
//! in turn. Loading a folder is file I/O at the edge; title lookup and link resolution are
//! pure.

pub mod book;
pub mod cache;
pub mod include;
pub mod index;
pub mod resolve;
pub mod search;
pub mod walk;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use resolve::Target;
use resolve::{classify_dest, Dest, LEAVES_LIBRARY};

use crate::import::{self, frontmatter, Format};
use crate::model::{Article, LinkKind};
use crate::sanitize::sanitize_line;
use crate::source::{self, Loaded};

/// Where a library's articles come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    /// The articles embedded in the binary.
    Bundled,
    /// A folder (canonical path).
    Dir(PathBuf),
}

/// One article of the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub aliases: Vec<String>,
    /// Path relative to the root, with `/` separators.
    pub path: String,
    /// Which root it lives in: 0 for the library's own, `k` for `layers[k - 1]`.
    pub root: u16,
}

/// A relative path in one of a library's roots.
type RootPath = (u16, String);

/// A set of articles with a title and alias index.
#[derive(Clone, Debug)]
pub struct Library {
    /// The library's own root (an article's folder, the folder opened, or the bundled set).
    pub root: Root,
    /// Libraries layered under it, in the order titles are looked for in them.
    pub layers: Vec<Root>,
    pub entries: Vec<Entry>,
    /// Normalised title, alias and file-name keys → entries.
    index: HashMap<String, Vec<usize>>,
    /// Exact titles and aliases → entries (checked before the normalised keys).
    titles: HashMap<String, Vec<usize>>,
    aliases: HashMap<String, Vec<usize>>,
    /// Normalised titles alone: a title matched without case beats an exact alias.
    titles_norm: HashMap<String, Vec<usize>>,
    /// Relative paths the walk could not follow (a symbolic link loop…), with the reason.
    broken: HashMap<RootPath, String>,
    /// Relative paths, with and without their extension → entry.
    paths: HashMap<RootPath, usize>,
    /// Relative paths that exist but point out of the library (symlinks): never read.
    escaping: HashSet<RootPath>,
    /// Problems met while loading (unreadable files, symlink loops), for the status line.
    pub warnings: Vec<String>,
    /// Relative paths of the other files inside the library (images, listings).
    files: HashSet<RootPath>,
    /// The reading order of the own root, when it is a book (`SUMMARY.md`, or an index page
    /// that lists its chapters).
    pub book: Option<std::sync::Arc<book::Book>>,
}

/// Why a folder could not be walked.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("{0}")]
    Open(String),
    #[error("cancelled")]
    Cancelled(#[from] crate::work::Cancelled),
}

/// The longest run of `c` in `s` (to fence code that holds it).
pub fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in s.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// The key titles are compared by: lower case, whitespace collapsed, `_` as space, `’` as `'`.
pub fn normalize(s: &str) -> String {
    let s = s.replace('_', " ").replace(['’', '‘'], "'");
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The title, aliases and format of an article, read from its text.
pub fn title_of(text: &str, name: &str) -> (String, Vec<String>) {
    let (fm, body) = frontmatter::split(text);
    let aliases: Vec<String> = fm.aliases.iter().map(|a| sanitize_line(a).into_owned()).collect();
    if let Some(t) = fm.title {
        return (sanitize_line(&t).into_owned(), aliases);
    }
    let fallback = import::title_from_file_name(name);
    let title = match import::detect_format(Some(name), text) {
        Format::Markdown => {
            // The same rule as the import's, on the headings of the article's beginning.
            let headings = import::preview::heading_lines(body, 2000);
            import::markdown::title_heading(headings.iter().map(|h| h.0)).map(|i| headings[i].1.clone())
        }
        Format::Html => None,
        Format::Text => body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| import::plaintext::strip_edit_marker(l).0)
            .filter(|t| t.chars().count() <= 120 && !t.ends_with('.')),
    };
    (sanitize_line(&title.unwrap_or(fallback)).into_owned(), aliases)
}

impl Library {
    pub fn from_entries(root: Root, entries: Vec<Entry>) -> Library {
        let mut lib = Library {
            root,
            layers: Vec::new(),
            entries,
            index: HashMap::new(),
            titles: HashMap::new(),
            aliases: HashMap::new(),
            titles_norm: HashMap::new(),
            broken: HashMap::new(),
            paths: HashMap::new(),
            escaping: HashSet::new(),
            warnings: Vec::new(),
            files: HashSet::new(),
            book: None,
        };
        lib.reindex();
        lib
    }

    fn reindex(&mut self) {
        self.index.clear();
        self.titles.clear();
        self.titles_norm.clear();
        self.aliases.clear();
        self.paths.clear();
        for (i, e) in self.entries.iter().enumerate() {
            self.titles.entry(e.title.clone()).or_default().push(i);
            self.titles_norm.entry(normalize(&e.title)).or_default().push(i);
            for a in &e.aliases {
                self.aliases.entry(a.clone()).or_default().push(i);
            }
            self.paths.entry((e.root, e.path.clone())).or_insert(i);
            if let Some((stem, _)) = e.path.rsplit_once('.') {
                self.paths.entry((e.root, stem.to_string())).or_insert(i);
            }
            let stem = import::title_from_file_name(&e.path);
            let keys =
                std::iter::once(e.title.as_str()).chain(e.aliases.iter().map(String::as_str)).chain([stem.as_str()]);
            for k in keys {
                let list = self.index.entry(normalize(k)).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }

    /// The library embedded in the binary.
    pub fn bundled() -> Library {
        let entries = crate::assets::LIBRARY
            .iter()
            .map(|(name, text)| {
                let (title, aliases) = title_of(text, name);
                Entry { title, aliases, path: name.to_string(), root: 0 }
            })
            .collect();
        Library::from_entries(Root::Bundled, entries)
    }

    /// A folder library still being walked: no articles yet (see [`Library::open_dir_watched`]).
    pub fn pending(dir: &Path) -> Result<Library, String> {
        let root = dir.canonicalize().map_err(|e| source::io_message(&e))?;
        if !root.is_dir() {
            return Err("not a directory".to_string());
        }
        Ok(Library::from_entries(Root::Dir(root), Vec::new()))
    }

    /// The folder of a library, when it is one.
    pub fn dir(&self) -> Option<&Path> {
        match &self.root {
            Root::Dir(d) => Some(d),
            Root::Bundled => None,
        }
    }

    /// A generated page for a folder without an index: every article as a link.
    pub fn index_article(&self, shown: &str) -> Article {
        import::markdown::parse(&self.index_markdown(shown), shown)
    }

    fn index_markdown(&self, shown: &str) -> String {
        let mut md = format!("---\ntitle: \"Library: {}\"\n---\n\n", shown.replace('"', "'"));
        let count = self.own_entries().count();
        let articles = if count == 1 { "1 article".to_string() } else { format!("{count} articles") };
        md.push_str(&format!("{articles}. Tab selects a link, Enter opens it, F lists them all.\n\n"));
        if count == 0 {
            md.push_str("No `.md` or `.txt` articles were found in this folder.\n");
        }
        for e in self.own_entries() {
            // A link by path (any name: `[`, `|` or `#` in it are escaped), with the title as
            // its text and the path as code after it.
            let dest: String = e
                .path
                .chars()
                .map(|c| match c {
                    '%' | '#' | '<' | '>' | '\\' => format!("%{:02X}", c as u32),
                    c => c.to_string(),
                })
                .collect();
            let label = crate::export::escape_markdown(&e.title);
            let ticks = "`".repeat(longest_run(&e.path, '`') + 1);
            md.push_str(&format!("- [{label}](<{dest}>) — {ticks} {} {ticks}\n", e.path));
        }
        md
    }

    /// A library from a folder: every `.md`, `.markdown` and `.txt` file below it. Symlinks
    /// are followed only while they stay inside the folder; loops end the walk of that branch.
    pub fn open_dir(dir: &Path) -> Result<Library, String> {
        Library::open_dir_watched(dir, &crate::work::Unwatched).map_err(|e| e.to_string())
    }

    /// [`Library::open_dir`], reporting the articles found so far and stopping when asked.
    pub fn open_dir_watched(dir: &Path, watch: &dyn crate::work::Watch) -> Result<Library, ScanError> {
        let root = dir.canonicalize().map_err(|e| ScanError::Open(source::io_message(&e)))?;
        if !root.is_dir() {
            return Err(ScanError::Open("not a directory".to_string()));
        }
        let walked = walk::walk(&root, &walk::LIMITS, watch)?;
        let mut lib = Library::from_entries(Root::Dir(root.clone()), walked.entries);
        lib.escaping = walked.escaping.into_iter().map(|p| (0, p)).collect();
        lib.broken = walked.broken.into_iter().map(|(p, why)| ((0, p), why)).collect();
        lib.warnings = walked.warnings;
        lib.files = walked.files.into_iter().map(|p| (0, p)).collect();
        lib.book = lib.find_book(&root).map(std::sync::Arc::new);
        Ok(lib)
    }

    /// The book a folder is: its `SUMMARY.md`, else the order its index page lists articles.
    fn find_book(&self, root: &Path) -> Option<book::Book> {
        let read =
            |name: &str| source::read_file(&root.join(name)).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
        if self.by_path("SUMMARY.md").is_some() {
            return read("SUMMARY.md").map(|t| book::parse_summary(&t));
        }
        let index = ["index.md", "README.md", "readme.md"].into_iter().find(|n| self.by_path(n).is_some())?;
        let text = read(index)?;
        book::from_index(index, &text, &|p| self.by_path(p).is_some_and(|e| self.entries[e].path != index))
    }

    /// The entries of the book's readable chapters, in reading order.
    pub fn chapters(&self) -> Vec<(usize, &book::Chapter)> {
        let Some(book) = &self.book else { return Vec::new() };
        book.readable().filter_map(|c| Some((self.by_path(c.path.as_deref()?)?, c))).collect()
    }

    /// This library with `others` layered under it, in order, then the bundled library
    /// (unless it is already there): titles are looked for here first, then in each layer.
    /// A layer that is this library's own root, or one already layered, is left out.
    pub fn layered(mut self, others: Vec<Library>) -> Library {
        let bundled = (self.root != Root::Bundled).then(Library::bundled);
        for other in others.into_iter().chain(bundled) {
            if other.root == self.root || self.layers.contains(&other.root) {
                continue;
            }
            self.layers.push(other.root.clone());
            let k = self.layers.len() as u16;
            let own = |(r, p): RootPath| (r == 0).then_some((k, p));
            self.escaping.extend(other.escaping.into_iter().filter_map(own));
            self.files.extend(other.files.into_iter().filter_map(own));
            self.broken.extend(other.broken.into_iter().filter_map(|(rp, why)| own(rp).map(|rp| (rp, why))));
            self.warnings.extend(other.warnings);
            self.entries.extend(other.entries.into_iter().filter(|e| e.root == 0).map(|e| Entry { root: k, ..e }));
        }
        self.reindex();
        self
    }

    /// This library without its layers.
    pub fn own_only(&self) -> Library {
        let own = |(r, _): &RootPath| *r == 0;
        let mut lib = Library::from_entries(self.root.clone(), self.own_entries().cloned().collect());
        lib.book = self.book.clone();
        lib.escaping = self.escaping.iter().filter(|rp| own(rp)).cloned().collect();
        lib.files = self.files.iter().filter(|rp| own(rp)).cloned().collect();
        lib.broken = self.broken.iter().filter(|(rp, _)| own(rp)).map(|(rp, w)| (rp.clone(), w.clone())).collect();
        lib.warnings = self.warnings.clone();
        lib
    }

    /// The articles of the library's own root.
    pub fn own_entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().take_while(|e| e.root == 0)
    }

    /// The root an entry lives in.
    pub fn root_of(&self, entry: usize) -> &Root {
        match self.entries.get(entry).map(|e| e.root) {
            Some(k) if k > 0 => self.layers.get(k as usize - 1).unwrap_or(&self.root),
            _ => &self.root,
        }
    }

    /// Root number `k` (0: the own root).
    pub fn root_of_index(&self, k: u16) -> &Root {
        if k == 0 {
            &self.root
        } else {
            self.layers.get(k as usize - 1).unwrap_or(&self.root)
        }
    }

    /// The index of a root (0 for the own one), if it is one of this library's.
    pub fn root_index(&self, root: &Root) -> Option<u16> {
        if *root == self.root {
            return Some(0);
        }
        self.layers.iter().position(|r| r == root).map(|k| k as u16 + 1)
    }

    /// How memory names an entry across runs: its file's path, or `bundled:NAME`.
    pub fn entry_key(&self, entry: usize) -> Option<String> {
        let path = &self.entries.get(entry)?.path;
        Some(match self.root_of(entry) {
            Root::Bundled => format!("bundled:{path}"),
            Root::Dir(root) => root.join(path).to_string_lossy().into_owned(),
        })
    }

    /// Where an entry lives, as messages name it: `bundled:name.md` or its file's path.
    pub fn entry_source(&self, entry: usize) -> String {
        let path = self.entries.get(entry).map(|e| e.path.as_str()).unwrap_or("");
        match self.root_of(entry) {
            Root::Bundled => format!("bundled:{path}"),
            Root::Dir(root) => crate::source::display_path(&root.join(path)),
        }
    }

    /// A root as the status line names it: `here` for the own one, `bundled`, or the folder.
    pub fn root_name(&self, root: u16) -> String {
        let r = if root == 0 { &self.root } else { self.layers.get(root as usize - 1).unwrap_or(&self.root) };
        match r {
            _ if root == 0 => "here".to_string(),
            Root::Bundled => "bundled".to_string(),
            Root::Dir(d) => format!("in {}", crate::source::display_path(d)),
        }
    }

    /// "6 here, 3 in ~/wiki, 2 bundled, 1 missing": where links of `targets` lead.
    pub fn link_report(&self, targets: &[Target]) -> String {
        let mut by_root = vec![0usize; self.layers.len() + 1];
        let (mut missing, mut other) = (0, 0);
        for t in targets {
            match t {
                Target::Article { entry, .. } => {
                    let last = by_root.len() - 1;
                    let r = self.entries.get(*entry).map_or(0, |e| e.root as usize);
                    by_root[r.min(last)] += 1;
                }
                Target::Missing(_) => missing += 1,
                _ => other += 1,
            }
        }
        let mut parts: Vec<String> = by_root
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(r, n)| format!("{n} {}", self.root_name(r as u16)))
            .collect();
        if other > 0 {
            parts.push(format!("{other} in the page or the web"));
        }
        parts.push(format!("{missing} missing"));
        parts.join(", ")
    }

    /// Whether a title or alias names an article here.
    pub fn knows(&self, title: &str) -> bool {
        self.index.contains_key(&normalize(title))
    }

    /// Entries a title, alias or file name names: exact title first, then a title matched
    /// without case (titles win over aliases: a file aliasing `target` cannot take
    /// `[[target]]` from the article titled `Target`), then an exact alias, then any
    /// normalised key (aliases and file names, with a possessive `'s` dropped).
    pub fn lookup(&self, name: &str) -> Vec<usize> {
        let name = name.trim();
        let key = normalize(name);
        if let Some(v) = self.titles.get(name).or_else(|| self.titles_norm.get(&key)).or_else(|| self.aliases.get(name))
        {
            return v.clone();
        }
        if let Some(v) = self.index.get(&key) {
            return v.clone();
        }
        key.strip_suffix("'s").and_then(|k| self.index.get(k)).cloned().unwrap_or_default()
    }

    /// The entry at a relative path of the own root (also without its `.md`/`.txt` extension).
    pub fn by_path(&self, path: &str) -> Option<usize> {
        self.by_path_in(0, path)
    }

    /// The article a web path names: `X.html` is `X.md`, `dir/index.html` and `dir/` are
    /// `dir/README.md` or `dir/index.md` (mdBook and doc sites link to the pages they build).
    fn by_web_path(&self, root: u16, path: &str) -> Option<usize> {
        let stem = path.strip_suffix(".html").or_else(|| path.strip_suffix(".htm"));
        if let Some(stem) = stem {
            if let Some(e) = self.by_path_in(root, stem) {
                return Some(e);
            }
        }
        let dir = match stem {
            Some(s) if s == "index" || s.ends_with("/index") => s.strip_suffix("index").unwrap_or(""),
            Some(_) => return None,
            None => path,
        };
        let dir = dir.trim_end_matches('/');
        let join = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
        ["README", "index", "readme"].iter().find_map(|n| self.by_path_in(root, &join(n)))
    }

    /// The entry at a relative path of root `root`.
    pub fn by_path_in(&self, root: u16, path: &str) -> Option<usize> {
        self.paths.get(&(root, path.trim_start_matches("./").to_string())).copied()
    }

    /// Where a link leads, seen from the article at `from` (a relative path of the own root;
    /// its folder is the base for relative links).
    pub fn resolve(&self, dest: &str, kind: LinkKind, from: &str) -> Target {
        self.resolve_in(dest, kind, 0, from)
    }

    /// Where a link leads, seen from the article at `from` in root `root`: relative paths stay
    /// in that root; titles are looked for in every root, the own one first.
    pub fn resolve_in(&self, dest: &str, kind: LinkKind, root: u16, from: &str) -> Target {
        match kind {
            LinkKind::Wiki | LinkKind::CrossRef => self.resolve_title(dest),
            LinkKind::Markdown => {
                let from_dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                match classify_dest(dest, from_dir) {
                    Dest::Fragment(f) => Target::Section(f),
                    Dest::Url(Ok(u)) => Target::External(u),
                    Dest::Url(Err(reason)) | Dest::Refused(reason) => Target::Refused(reason),
                    Dest::Path { path, fragment } => {
                        let key = (root, path);
                        if self.escaping.contains(&key) {
                            return Target::Refused(LEAVES_LIBRARY.to_string());
                        }
                        if let Some(why) = self.broken.get(&key) {
                            return Target::Refused(why.clone());
                        }
                        let (_, path) = key;
                        match self.by_path_in(root, &path).or_else(|| self.by_web_path(root, &path)) {
                            Some(entry) => Target::Article { entry, fragment },
                            None if path.is_empty() => Target::Section(fragment.unwrap_or_default()),
                            None if self.files.contains(&(root, path.clone())) => Target::File(path),
                            None => Target::Missing(path),
                        }
                    }
                }
            }
        }
    }

    /// Resolves `Title`, `Title#Section` or `#Section` (wiki links, cross references).
    pub fn resolve_title(&self, dest: &str) -> Target {
        let (title, fragment) = match dest.split_once('#') {
            Some((t, f)) => (t.trim(), Some(f.trim().to_string())),
            None => (dest.trim(), None),
        };
        if title.is_empty() {
            return Target::Section(fragment.unwrap_or_default());
        }
        match self.lookup(title).first() {
            Some(&entry) => Target::Article { entry, fragment },
            None => Target::Missing(title.to_string()),
        }
    }

    /// The bytes of an entry. A folder entry is re-checked to still lie inside the root (a
    /// symlink may have changed since the scan) and must be a regular file.
    pub fn read(&self, entry: usize) -> Result<std::borrow::Cow<'static, [u8]>, LoadError> {
        let e = self.entries.get(entry).ok_or(LoadError::NoSuchArticle)?;
        match self.root_of(entry) {
            Root::Bundled => {
                let text = crate::assets::bundled(&e.path).ok_or(LoadError::NoSuchArticle)?;
                Ok(std::borrow::Cow::Borrowed(text.as_bytes()))
            }
            Root::Dir(root) => {
                let path = root.join(&e.path);
                let canon = path.canonicalize().map_err(source::ReadError::from)?;
                if !canon.starts_with(root) {
                    return Err(LoadError::LeavesLibrary);
                }
                Ok(std::borrow::Cow::Owned(source::read_file(&canon)?))
            }
        }
    }

    /// A folder entry's file, opened for reading (re-checked to lie inside the root, regular),
    /// with its size; `None` for the bundled library.
    pub fn open_file(&self, entry: usize) -> Result<Option<(std::fs::File, u64)>, LoadError> {
        let e = self.entries.get(entry).ok_or(LoadError::NoSuchArticle)?;
        let Root::Dir(root) = self.root_of(entry) else { return Ok(None) };
        let canon = root.join(&e.path).canonicalize().map_err(source::ReadError::from)?;
        if !canon.starts_with(root) {
            return Err(LoadError::LeavesLibrary);
        }
        let file = source::open_regular(&canon)?;
        let len = file.metadata().map_err(source::ReadError::from)?.len();
        Ok(Some((file, len)))
    }

    /// The text of an entry, decoded (for library-wide search).
    pub fn read_text(&self, entry: usize) -> Result<String, LoadError> {
        let bytes = self.read(entry)?;
        Ok(import::decode(&bytes)?.text)
    }

    /// Reads and imports an entry.
    pub fn load(&self, entry: usize) -> Result<Loaded, LoadError> {
        self.load_watched(entry, &crate::work::Unwatched)
    }

    /// [`Library::load`], stopping when `watch` says so.
    pub fn load_watched(&self, entry: usize, watch: &dyn crate::work::Watch) -> Result<Loaded, LoadError> {
        let bytes = self.read(entry)?.into_owned();
        let known = |t: &str| self.knows(t);
        let file = match self.root_of(entry) {
            Root::Dir(root) => Some((root.join(&self.entries[entry].path), include::root_for(root).to_path_buf())),
            Root::Bundled => None,
        };
        let includes = file.as_ref().map(|(f, r)| (f.as_path(), r.as_path()));
        load_text_in(bytes, &self.entries[entry].path, None, &known, watch, includes)
    }

    /// The relative path of `file` inside this library, if it is inside.
    pub fn relative_path(&self, file: &Path) -> Option<String> {
        match &self.root {
            Root::Bundled => None,
            Root::Dir(root) => {
                let canon = file.canonicalize().ok()?;
                canon.strip_prefix(root).ok().map(|p| p.to_string_lossy().replace('\\', "/"))
            }
        }
    }
}

/// Why an article could not be read and imported.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("no such article")]
    NoSuchArticle,
    #[error("{}", LEAVES_LIBRARY)]
    LeavesLibrary,
    #[error(transparent)]
    Read(#[from] source::ReadError),
    #[error(transparent)]
    Decode(#[from] import::DecodeError),
    #[error("cancelled")]
    Cancelled(#[from] crate::work::Cancelled),
}

/// Decodes and imports bytes with the library's titles known to the plain-text importer.
pub fn load_text(
    bytes: Vec<u8>,
    name: &str,
    format: Option<Format>,
    known: &dyn Fn(&str) -> bool,
) -> Result<Loaded, LoadError> {
    load_text_watched(bytes, name, format, known, &crate::work::Unwatched)
}

/// [`load_text`], checking `watch` between the pieces of a big Markdown text.
pub fn load_text_watched(
    bytes: Vec<u8>,
    name: &str,
    format: Option<Format>,
    known: &dyn Fn(&str) -> bool,
    watch: &dyn crate::work::Watch,
) -> Result<Loaded, LoadError> {
    load_text_in(bytes, name, format, known, watch, None)
}

/// [`load_text_watched`] for the file `includes.0` of a library rooted at `includes.1`: its
/// mdBook include lines are replaced by the files they name (see [`include`]).
pub fn load_text_in(
    bytes: Vec<u8>,
    name: &str,
    format: Option<Format>,
    known: &dyn Fn(&str) -> bool,
    watch: &dyn crate::work::Watch,
    includes: Option<(&Path, &Path)>,
) -> Result<Loaded, LoadError> {
    let decoded = import::decode_owned(bytes)?;
    let format = format.unwrap_or_else(|| import::detect_format(Some(name), &decoded.text));
    let title = import::title_from_file_name(name);
    let text = match includes {
        Some((file, root)) if format == Format::Markdown => match include::expand(&decoded.text, file, root) {
            std::borrow::Cow::Owned(expanded) => expanded,
            std::borrow::Cow::Borrowed(_) => decoded.text,
        },
        _ => decoded.text,
    };
    let article: Article = import::import_watched(text, format, &title, known, watch)?;
    Ok(Loaded { article, notice: decoded.notice, format })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_keys() {
        assert_eq!(normalize("  War_on   Terror "), "war on terror");
        assert_eq!(normalize("ISKP’s"), "iskp's");
    }

    #[test]
    fn titles_from_front_matter_heading_or_name() {
        assert_eq!(title_of("---\ntitle: A\naliases: [B]\n---\n# C\n", "x.md"), ("A".into(), vec!["B".into()]));
        assert_eq!(title_of("intro\n\n# C\n", "x.md"), ("C".into(), vec![]));
        assert_eq!(title_of("no heading\n", "war-on_terror.md"), ("war on terror".into(), vec![]));
        assert_eq!(title_of("HistoryEdit\nText.", "h.txt"), ("History".into(), vec![]));
    }
}
