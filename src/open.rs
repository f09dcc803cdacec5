//! Opening what the command line names: a file, a folder, standard input or the bundled
//! library, with the library its links resolve against. A big Markdown file opens from a quick
//! preview (the full parse is a background job); a folder too big to walk at once is walked in
//! the background while the reader already shows.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::app::Document;
use crate::import::{self, Format};
use crate::library::{load_text, load_text_in, Library, LoadError};
use crate::source::{self, display_path, Loaded, ReadError};

/// Where the article comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    /// No path and a non-terminal stdin: read it, and open the bundled library if it is empty
    /// (`folio </dev/null`, a script or a service with no input).
    PipedOrBundled,
    File(PathBuf),
    /// A folder: the library itself.
    Dir(PathBuf),
    Bundled,
}

impl Input {
    /// The input a command-line path names.
    pub fn of(path: Option<&Path>) -> Input {
        match path {
            Some(p) if p.as_os_str() == "-" => Input::Stdin,
            Some(p) if p.is_dir() => Input::Dir(p.to_path_buf()),
            Some(p) => Input::File(p.to_path_buf()),
            None if !std::io::stdin().is_terminal() => Input::PipedOrBundled,
            None => Input::Bundled,
        }
    }
}

/// Why an input could not be opened; the message names the input.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{name}: {why}")]
    Read { name: String, why: ReadError },
    #[error("{name}: {why}")]
    Load { name: String, why: LoadError },
    #[error("{name}: {message}")]
    Library { name: String, message: String },
}

/// How to open an input.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--format`.
    pub format: Option<Format>,
    /// The user's library folders (`--library`, then `FOLIO_LIBRARY`), layered under the
    /// article's own folder, in order.
    pub libraries: Vec<PathBuf>,
    /// For the reader: a big file may open from its preview, and a big folder is walked in the
    /// background.
    pub interactive: bool,
    /// Whether links are resolved at all (`--print` and `--toc` resolve nothing, so they never
    /// walk a folder).
    pub resolve: bool,
}

/// An article ready to show: the document, its library, and a message for the status line.
pub struct Opened {
    pub doc: Document,
    pub library: Library,
    pub message: Option<String>,
    /// When `doc` is the preview of a big article: the whole file's bytes and name, for the
    /// background parse.
    pub preview: Option<(Vec<u8>, String)>,
    /// Library folders still to walk, in the background.
    pub scan: Option<Pending>,
    /// Whether `doc` is the generated index page of that folder (made again after the walk).
    pub index: bool,
}

/// How long the reader waits for a folder walk before walking it in the background instead.
const QUICK_WALK: Duration = Duration::from_millis(150);

/// Stops a walk at a deadline.
struct Deadline(Instant);

impl crate::work::Watch for Deadline {
    fn cancelled(&self) -> bool {
        Instant::now() >= self.0
    }
}

/// The library at `dir`: walked now, or — for the reader, when the walk takes long — an empty
/// library and the folder to walk in the background.
fn folder_library(dir: &Path, opts: &Options) -> Result<(Library, Option<PathBuf>), String> {
    if !opts.interactive {
        return Library::open_dir(dir).map(|l| (l, None));
    }
    match Library::open_dir_watched(dir, &Deadline(Instant::now() + QUICK_WALK)) {
        Ok(l) => Ok((l, None)),
        Err(crate::library::ScanError::Cancelled(_)) => Ok((Library::pending(dir)?, Some(dir.to_path_buf()))),
        Err(e) => Err(e.to_string()),
    }
}

/// A library, and its folder when it is still to be walked.
type Walked = (Library, Option<PathBuf>);

/// Library folders a background walk must still go through: the own one when it was too big
/// to walk at once, and the folders layered under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pending {
    pub own: Option<PathBuf>,
    pub layers: Vec<PathBuf>,
}

/// The library an input's links resolve against: its own folder (the article's folder, the
/// folder opened; for standard input the first library folder; else the bundled library),
/// then the user's library folders, then the bundled library. The reader walks the layers in
/// the background; the exports walk them now.
fn library_for(input: &Input, opts: &Options) -> Result<(Library, Option<Pending>), OpenError> {
    let err = |dir: &Path| {
        let name = display_path(dir);
        move |message| OpenError::Library { name, message }
    };
    for dir in &opts.libraries {
        if !dir.is_dir() {
            return Err(err(dir)("not a folder".to_string()));
        }
    }
    let libs = opts.libraries.as_slice();
    if !opts.resolve && !matches!(input, Input::Dir(_)) {
        return Ok((Library::bundled(), None));
    }
    let (own, layers): (Result<Walked, OpenError>, &[PathBuf]) = match input {
        Input::Dir(p) => (folder_library(p, opts).map_err(err(p)), libs),
        Input::File(p) => {
            let own = own_folder(p, libs);
            (Ok(folder_library(&own, opts).unwrap_or_else(|_| (Library::bundled(), None))), libs)
        }
        Input::Stdin | Input::PipedOrBundled => match libs.split_first() {
            Some((first, rest)) => (folder_library(first, opts).map_err(err(first)), rest),
            None => (Ok((Library::bundled(), None)), libs),
        },
        Input::Bundled => (Ok((Library::bundled(), None)), libs),
    };
    let (own, own_pending) = own?;
    if opts.interactive {
        let pending = Pending { own: own_pending, layers: layers.to_vec() };
        let scan = (pending != Pending::default()).then_some(pending);
        return Ok((own.layered(Vec::new()), scan));
    }
    let mut others = Vec::new();
    for dir in layers {
        others.push(Library::open_dir(dir).map_err(err(dir))?);
    }
    Ok((own.layered(others), None))
}

/// Files and folders that mark the root of a book or a documentation tree.
const ROOT_MARKERS: &[&str] = &["SUMMARY.md", "book.toml", ".git", ".folio"];
/// How many folders up from an article folio looks for its root.
const ROOT_SEARCH: usize = 16;

/// The root of the documentation an article's folder `dir` belongs to: the nearest folder at
/// or above it with a marker (`SUMMARY.md`, `book.toml`, `.git`, `.folio`), and the marker. The
/// search never reaches the user's home folder or `/`, so a marker there widens nothing.
pub fn detect_root(dir: &Path) -> Option<(PathBuf, &'static str)> {
    let start = dir.canonicalize().ok()?;
    let home = std::env::var_os("HOME").and_then(|h| PathBuf::from(h).canonicalize().ok());
    for d in start.ancestors().take(ROOT_SEARCH) {
        if d.parent().is_none() || home.as_deref() == Some(d) {
            return None;
        }
        if let Some(marker) = ROOT_MARKERS.iter().find(|m| d.join(m).exists()) {
            // A book's sources are in `src/`: its SUMMARY.md is the root, not book.toml's folder.
            if *marker == "book.toml" && d.join("src/SUMMARY.md").is_file() && start.starts_with(d.join("src")) {
                return Some((d.join("src"), "SUMMARY.md"));
            }
            return Some((d.to_path_buf(), marker));
        }
    }
    None
}

/// The library folder of an article file: a `--library` folder that holds it, else the root
/// its folder belongs to, else its folder.
pub fn own_folder(file: &Path, libraries: &[PathBuf]) -> PathBuf {
    let parent = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let canon = file.canonicalize().ok();
    let given =
        libraries.iter().find(|l| l.canonicalize().ok().zip(canon.as_ref()).is_some_and(|(l, f)| f.starts_with(l)));
    match given {
        Some(l) => l.clone(),
        None => detect_root(parent).map_or_else(|| parent.to_path_buf(), |(root, _)| root),
    }
}

/// The folder a book's chapters are in: the folder itself, or its `src/` when it holds the
/// `book.toml` and the sources have the `SUMMARY.md`.
pub fn book_folder(dir: &Path) -> PathBuf {
    if !dir.join("SUMMARY.md").is_file() && dir.join("book.toml").is_file() && dir.join("src/SUMMARY.md").is_file() {
        return dir.join("src");
    }
    dir.to_path_buf()
}

/// The first chapter of the book in `dir`, by its `SUMMARY.md`.
fn first_chapter(dir: &Path) -> Option<String> {
    let text = source::read_file(&dir.join("SUMMARY.md")).ok()?;
    let book = crate::library::book::parse_summary(&String::from_utf8_lossy(&text));
    let first = book.readable().filter_map(|c| c.path.clone()).find(|p| dir.join(p).is_file());
    first
}

/// The folders of `FOLIO_LIBRARY` (`:`-separated; those that are not folders are skipped).
pub fn env_libraries() -> Vec<PathBuf> {
    std::env::var_os("FOLIO_LIBRARY")
        .map(|v| std::env::split_paths(&v).filter(|p| p.is_dir()).collect())
        .unwrap_or_default()
}

/// Opens an input.
pub fn open(input: Input, opts: &Options) -> Result<Opened, OpenError> {
    let mut input = match input {
        Input::Dir(p) => Input::Dir(book_folder(&p)),
        other => other,
    };
    let mut piped = None;
    if let Input::Stdin | Input::PipedOrBundled = input {
        let bytes = source::read_capped(std::io::stdin().lock())
            .map_err(|e| OpenError::Read { name: "standard input".into(), why: e })?;
        if bytes.is_empty() && matches!(input, Input::PipedOrBundled) {
            input = Input::Bundled;
        } else {
            piped = Some(bytes);
        }
    }
    let (library, scan) = library_for(&input, opts)?;
    let known = |t: &str| library.knows(t);
    let load_err = |name: &str| {
        let name = name.to_string();
        move |why| OpenError::Load { name, why }
    };
    let mut index = false;
    let (loaded, shown, path, key) = match &input {
        Input::Stdin | Input::PipedOrBundled => {
            let bytes = piped.unwrap_or_default();
            let loaded = load_text(bytes, "stdin", opts.format, &known).map_err(load_err("standard input"))?;
            (loaded, "-".to_string(), None, None)
        }
        Input::File(p) => {
            let shown = display_path(p);
            let bytes = source::read_input(p).map_err(|e| OpenError::Read { name: shown.clone(), why: e })?;
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let path = library.relative_path(p);
            if opts.interactive {
                if let Some(mut doc) = preview(opts.format, &library, &bytes, &name, &shown, path.clone()) {
                    doc.key = p.canonicalize().ok().map(|c| c.to_string_lossy().into_owned());
                    let preview = Some((bytes, name));
                    return Ok(Opened { doc, library, message: None, preview, scan, index: false });
                }
            }
            let root = include_root(p, &library, &opts.libraries);
            let includes = p.canonicalize().ok().map(|f| (f, root));
            let includes = includes.as_ref().map(|(f, r)| (f.as_path(), r.as_path()));
            let loaded = load_text_in(bytes, &name, opts.format, &known, &crate::work::Unwatched, includes)
                .map_err(load_err(&shown))?;
            let key = p.canonicalize().ok().map(|c| c.to_string_lossy().into_owned());
            (loaded, shown, path, key)
        }
        Input::Dir(p) => {
            let shown = display_path(p);
            // A book opens at its first chapter, a folder at its index page: both are looked
            // for on disk, so that they open even before the walk ends.
            match first_chapter(p).or_else(|| index_page(p)) {
                Some(name) => {
                    let file = p.join(&name);
                    let bytes =
                        source::read_file(&file).map_err(|e| OpenError::Read { name: display_path(&file), why: e })?;
                    let root = p.canonicalize().unwrap_or_else(|_| p.clone());
                    let root = crate::library::include::root_for(&root).to_path_buf();
                    let includes = file.canonicalize().ok().map(|f| (f, root));
                    let includes = includes.as_ref().map(|(f, r)| (f.as_path(), r.as_path()));
                    let loaded = load_text_in(bytes, &name, opts.format, &known, &crate::work::Unwatched, includes)
                        .map_err(load_err(&shown))?;
                    let key = file.canonicalize().ok().map(|c| c.to_string_lossy().into_owned());
                    (loaded, display_path(&file), library.relative_path(&file), key)
                }
                None => {
                    index = true;
                    let article = library.index_article(&shown);
                    (Loaded { article, notice: None, format: Format::Markdown }, shown, None, None)
                }
            }
        }
        Input::Bundled => {
            let name = crate::assets::DEFAULT_ARTICLE;
            let text = crate::assets::bundled(name).unwrap_or_default();
            let loaded = load_text(text.as_bytes().to_vec(), name, opts.format, &known).map_err(load_err(name))?;
            (loaded, format!("bundled:{name}"), Some(name.to_string()), Some(format!("bundled:{name}")))
        }
    };
    let Loaded { article, notice, format } = loaded;
    let mut doc = Document::new(article, shown, &library, path);
    doc.key = key;
    let mut message = notice.or_else(|| library.warnings.first().cloned());
    if let (Input::File(p), Some(dir)) = (&input, library.dir()) {
        // The library is a root found above the article's folder: say which.
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if parent.canonicalize().ok().as_deref() != Some(dir) && message.is_none() {
            let marker =
                ROOT_MARKERS.iter().find(|m| dir.join(m).exists()).map_or(String::new(), |m| format!(" ({m})"));
            message = Some(format!("library: {}{marker}", display_path(dir)));
        }
    }
    if format == Format::Text {
        let report = import_report(&doc, &library);
        message = Some(match message {
            Some(m) => format!("{m}; {report}"),
            None => report,
        });
    }
    Ok(Opened { doc, library, message, preview: None, scan, index })
}

/// The root an opened file's includes may read from: its library's folder when the file is
/// inside it, else the root its folder belongs to (also for `--print`, which walks nothing).
fn include_root(file: &Path, library: &Library, libraries: &[PathBuf]) -> PathBuf {
    let canon = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    let root = match library.dir() {
        Some(dir) if canon.starts_with(dir) => dir.to_path_buf(),
        _ => {
            let own = own_folder(file, libraries);
            own.canonicalize().unwrap_or(own)
        }
    };
    crate::library::include::root_for(&root).to_path_buf()
}

/// The bundled article `name`, in the bundled library.
pub fn open_bundled(name: &str) -> Result<Opened, OpenError> {
    let library = Library::bundled();
    let text = crate::assets::bundled(name).ok_or_else(|| OpenError::Library {
        name: format!("bundled:{name}"),
        message: "no such bundled article".to_string(),
    })?;
    let known = |t: &str| library.knows(t);
    let loaded = load_text(text.as_bytes().to_vec(), name, None, &known)
        .map_err(|why| OpenError::Load { name: name.to_string(), why })?;
    let mut doc = Document::new(loaded.article, format!("bundled:{name}"), &library, Some(name.to_string()));
    doc.key = Some(format!("bundled:{name}"));
    Ok(Opened { doc, library, message: None, preview: None, scan: None, index: false })
}

/// The folder's own index page: `index.md`, else `README.md` (any case).
fn index_page(dir: &Path) -> Option<String> {
    let names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ["index.md", "readme.md"].iter().find_map(|want| names.iter().find(|n| n.to_lowercase() == *want).cloned())
}

/// A big Markdown article opens from a quick preview (see `import::preview`); the caller hands
/// the bytes to the job that parses the whole article.
fn preview(
    format: Option<Format>,
    library: &Library,
    bytes: &[u8],
    name: &str,
    shown: &str,
    path: Option<String>,
) -> Option<Document> {
    if bytes.len() < import::preview::MIN_SIZE {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let format = format.unwrap_or_else(|| import::detect_format(Some(name), text));
    if format != Format::Markdown {
        return None;
    }
    let preview = import::preview::preview(text)?;
    let article = import::markdown::parse(&preview.text, &import::title_from_file_name(name));
    let cut_block = article.blocks.len().saturating_sub(preview.tail_headings);
    let mut doc = Document::new(article, shown, library, path);
    doc.partial = Some(cut_block);
    Some(doc)
}

/// "imported: 5 sections, 10 links: 6 here, 2 bundled, 2 missing": what the plain-text
/// heuristics found, and where its links lead.
fn import_report(doc: &Document, library: &Library) -> String {
    let sections = doc.article.sections.len();
    match doc.targets.len() {
        0 => format!("imported: {sections} sections, no links"),
        n => format!("imported: {sections} sections, {n} links: {}", library.link_report(&doc.targets)),
    }
}
