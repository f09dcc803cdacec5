//! The command line: flags, non-interactive modes, and the choice to start the reader.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use std::path::Path;
use std::sync::Arc;

use crate::app::{Document, State, DEFAULT_MAX_WIDTH};
use crate::import::{self, Format};
use crate::layout::layout;
use crate::library::{load_text, Library, Target};
use crate::model::Article;
use crate::sanitize::sanitize;
use crate::source::{self, display_path, Loaded};

/// folio: read long articles in the terminal, with a table of contents that follows your
/// reading and links you can follow from the keyboard.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about = None)]
pub struct Cli {
    /// Article to open (Markdown or plain text), or `-` for standard input.
    /// Without it: standard input when piped, otherwise the bundled library.
    pub path: Option<PathBuf>,

    /// Print the article as plain text (also what folio does when stdout is not a terminal).
    #[arg(long)]
    pub print: bool,

    /// Print the title and the table of contents, one section per line.
    #[arg(long, conflicts_with = "print")]
    pub toc: bool,

    /// Text width in columns (reading measure in the reader, default 100; wrap width for
    /// --print, default 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,

    /// Read the input as Markdown or plain text instead of guessing from the name and content.
    #[arg(long, value_enum, value_name = "md|text")]
    pub format: Option<Format>,

    /// Print every link: STATUS<TAB>TARGET<TAB>TEXT, STATUS being article, section, missing,
    /// external or refused.
    #[arg(long, conflicts_with_all = ["print", "toc"])]
    pub links: bool,

    /// Print the imported article as Markdown (front matter, headings, [[wiki links]]).
    #[arg(long, conflicts_with_all = ["print", "toc", "links"])]
    pub to_markdown: bool,

    /// Print the lines matching PATTERN (literal, smart case) as TITLE<TAB>SECTION<TAB>SNIPPET:
    /// in PATH, or in every article of DIR or of the bundled library. Exits 1 when nothing
    /// matches, like grep.
    #[arg(long, value_name = "PATTERN", conflicts_with_all = ["print", "toc", "links", "to_markdown"])]
    pub search: Option<String>,

    /// Open the article at a section, by number (`2.3`) or heading.
    #[arg(long, value_name = "NAME|NUMBER")]
    pub section: Option<String>,

    /// The library links resolve against (default: the article's folder, or the bundled
    /// library for standard input and no argument).
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,
}

/// Entry point behind `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let msg = sanitize(&format!("{e:#}")).into_owned();
            let _ = writeln!(std::io::stderr(), "folio: error: {msg}");
            ExitCode::from(1)
        }
    }
}

/// Where the article comes from.
enum Input {
    Stdin,
    /// No path and a non-terminal stdin: read it, and open the bundled library if it is empty
    /// (`folio </dev/null`, a script or a service with no input).
    PipedOrBundled,
    File(PathBuf),
    /// A folder: the library itself.
    Dir(PathBuf),
    Bundled,
}

fn input_of(cli: &Cli) -> Input {
    match &cli.path {
        Some(p) if p.as_os_str() == "-" => Input::Stdin,
        Some(p) if p.is_dir() => Input::Dir(p.clone()),
        Some(p) => Input::File(p.clone()),
        None if !std::io::stdin().is_terminal() => Input::PipedOrBundled,
        None => Input::Bundled,
    }
}

/// An article ready to show: the document, its library, and a message for the status line.
struct Opened {
    doc: Document,
    library: Library,
    message: Option<String>,
    /// When `doc` is only the preview of a big article: what the full parse needs.
    preview: Option<PreviewJob>,
}

/// The full parse of an article shown from its preview.
struct PreviewJob {
    bytes: Vec<u8>,
    name: String,
    format: Option<Format>,
    source: String,
    path: Option<String>,
    /// The preview's first block past the article's beginning.
    cut_block: usize,
}

fn library_for(cli: &Cli, input: &Input) -> anyhow::Result<Library> {
    if let Some(dir) = &cli.library {
        return Library::open_dir(dir).map_err(|e| anyhow::anyhow!("{}: {e}", display_path(dir)));
    }
    match input {
        Input::Dir(p) => Library::open_dir(p).map_err(|e| anyhow::anyhow!("{}: {e}", display_path(p))),
        Input::File(p) => {
            let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Ok(Library::open_dir(parent).unwrap_or_else(|_| Library::bundled()))
        }
        _ => Ok(Library::bundled()),
    }
}

fn open(cli: &Cli, interactive: bool) -> anyhow::Result<Opened> {
    let mut input = input_of(cli);
    let mut piped = None;
    if let Input::Stdin | Input::PipedOrBundled = input {
        let bytes = source::read_capped(std::io::stdin().lock()).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
        if bytes.is_empty() && matches!(input, Input::PipedOrBundled) {
            input = Input::Bundled;
        } else {
            piped = Some(bytes);
        }
    }
    let library = library_for(cli, &input)?;
    let known = |t: &str| library.knows(t);
    let (loaded, source, path) = match &input {
        Input::Stdin | Input::PipedOrBundled => {
            let bytes = piped.unwrap_or_default();
            let loaded =
                load_text(bytes, "stdin", cli.format, &known).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
            (loaded, "-".to_string(), None)
        }
        Input::File(p) => {
            let shown = display_path(p);
            let bytes = source::read_file(p).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if interactive {
                if let Some(opened) = open_preview(cli, &library, &bytes, &name, &shown, library.relative_path(p)) {
                    return Ok(Opened { preview: Some(PreviewJob { bytes, ..opened.1 }), ..opened.0 });
                }
            }
            let loaded = load_text(bytes, &name, cli.format, &known).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
            (loaded, shown, library.relative_path(p))
        }
        Input::Dir(p) => {
            let shown = display_path(p);
            let index = library.entries.iter().position(|e| {
                let lower = e.path.to_lowercase();
                lower == "index.md" || lower == "readme.md"
            });
            match index {
                Some(entry) => {
                    let loaded = library.load(entry).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
                    let path = library.entries[entry].path.clone();
                    (loaded, display_path(&p.join(&path)), Some(path))
                }
                None => {
                    let article = crate::import::markdown::parse(&library_index(&library, &shown), &shown);
                    (Loaded { article, notice: None, format: Format::Markdown }, shown, None)
                }
            }
        }
        Input::Bundled => {
            let name = crate::assets::DEFAULT_ARTICLE;
            let text = crate::assets::bundled(name).unwrap_or_default();
            let loaded = load_text(text.as_bytes().to_vec(), name, cli.format, &known)
                .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
            (loaded, format!("bundled:{name}"), Some(name.to_string()))
        }
    };
    let Loaded { article, notice, format } = loaded;
    let doc = Document::new(article, source, &library, path);
    let mut message = notice;
    if format == Format::Text {
        let report = import_report(&doc);
        message = Some(match message {
            Some(m) => format!("{m}; {report}"),
            None => report,
        });
    }
    Ok(Opened { doc, library, message, preview: None })
}

/// A big Markdown article opens from a quick preview (see `import::preview`); the caller
/// moves the bytes into the job that parses the whole article.
fn open_preview(
    cli: &Cli,
    library: &Library,
    bytes: &[u8],
    name: &str,
    shown: &str,
    path: Option<String>,
) -> Option<(Opened, PreviewJob)> {
    if bytes.len() < import::preview::MIN_SIZE {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let format = cli.format.unwrap_or_else(|| import::detect_format(Some(name), text));
    if format != Format::Markdown {
        return None;
    }
    let preview = import::preview::preview(text)?;
    let article = import::markdown::parse(&preview.text, &import::title_from_file_name(name));
    let cut_block = article.blocks.len().saturating_sub(preview.tail_headings);
    let doc = Document::new(article, shown, library, path.clone());
    let opened = Opened { doc, library: library.clone(), message: None, preview: None };
    let job = PreviewJob {
        bytes: Vec::new(),
        name: name.to_string(),
        format: Some(format),
        source: shown.to_string(),
        path,
        cut_block,
    };
    Some((opened, job))
}

/// A folder without an index page: a generated article listing every article as a link.
fn library_index(library: &Library, shown: &str) -> String {
    let mut md = format!("---\ntitle: \"Library: {}\"\n---\n\n", shown.replace('"', "'"));
    md.push_str(&format!(
        "{} articles. Tab selects a link, Enter opens it, F lists them all.\n\n",
        library.entries.len()
    ));
    if library.entries.is_empty() {
        md.push_str("No `.md` or `.txt` articles were found in this folder.\n");
    }
    for e in &library.entries {
        let title = e.title.replace(['[', ']', '|', '#'], " ");
        md.push_str(&format!("- [[{}]] — `{}`\n", title.trim(), e.path.replace('`', "'")));
    }
    md
}

/// "imported: 5 sections, 10 links, 0 missing": what the plain-text heuristics found.
fn import_report(doc: &Document) -> String {
    let missing = doc.targets.iter().filter(|t| matches!(t, Target::Missing(_))).count();
    format!("imported: {} sections, {} links, {} missing", doc.article.sections.len(), doc.targets.len(), missing)
}

/// `--search`: grep-like hits over one article or a whole library.
fn search_cli(cli: &Cli, pattern: &str) -> anyhow::Result<u8> {
    let re = crate::search::compile(pattern).map_err(|e| anyhow::anyhow!("--search: {e}"))?;
    let mut hits = Vec::new();
    match input_of(cli) {
        Input::File(p) => {
            let shown = display_path(&p);
            let bytes = source::read_file(&p).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
            let text = import::decode(&bytes).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?.text;
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let (title, _) = crate::library::title_of(&text, &name);
            crate::library::search::search_article(0, &title, &name, &text, &re, &mut hits);
        }
        Input::Stdin => {
            let bytes =
                source::read_capped(std::io::stdin().lock()).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
            let text = import::decode(&bytes).map_err(|e| anyhow::anyhow!("standard input: {e}"))?.text;
            let (title, _) = crate::library::title_of(&text, "stdin");
            crate::library::search::search_article(0, &title, "stdin", &text, &re, &mut hits);
        }
        input => {
            let library = match (&input, &cli.library) {
                (Input::Dir(p), _) | (_, Some(p)) => {
                    Library::open_dir(p).map_err(|e| anyhow::anyhow!("{}: {e}", display_path(p)))?
                }
                _ => Library::bundled(),
            };
            let mut cache = crate::run::LibraryTexts::default();
            hits = crate::run::search_library(&library, &mut cache, pattern);
        }
    }
    let mut out = String::new();
    for h in &hits {
        let clean = |s: &str| sanitize(s).replace(['\t', '\n'], " ");
        out.push_str(&format!("{}\t{}\t{}\n", clean(&h.title), clean(&h.section), clean(&h.snippet)));
    }
    emit(&out)?;
    Ok(if hits.is_empty() { 1 } else { 0 })
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    if let Some(pattern) = &cli.search {
        return search_cli(&cli, pattern);
    }
    let interactive = !(cli.toc || cli.links || cli.to_markdown || cli.print) && std::io::stdout().is_terminal();
    let Opened { doc, library, message, preview } = open(&cli, interactive)?;
    if cli.toc {
        return emit(&toc_text(&doc.article));
    }
    if cli.links {
        return emit(&links_text(&doc, &library));
    }
    if cli.to_markdown {
        return emit(&crate::export::to_markdown(&doc.article));
    }
    // A dumb or unknown terminal cannot show the reader: print plain text instead.
    let dumb = std::env::var("TERM").map(|t| t.is_empty() || t == "dumb").unwrap_or(true);
    if cli.print || !std::io::stdout().is_terminal() || dumb {
        return emit(&print_text(&doc.article, cli.width.unwrap_or(80)));
    }
    let max_width = cli.width.unwrap_or(DEFAULT_MAX_WIDTH);
    let library = Arc::new(library);
    crate::run::run(move |size| {
        let preview = preview;
        let mut state = State::open(doc, library.clone(), size, max_width);
        state.message = message;
        let mut pending = None;
        if let Some(p) = preview {
            // Parse the whole article in the background. A big one is then shown from a window
            // laid out around the reading position and laid out whole in the background (the
            // preview is gone by then: the two never hold memory together); a smaller one is
            // laid out here, at the reading width, so the swap is instant.
            state.partial = Some(p.cut_block);
            let (tx, rx) = std::sync::mpsc::channel();
            let width = state.areas.text.width;
            std::thread::spawn(move || {
                let known = |t: &str| library.knows(t);
                if let Ok(loaded) = load_text(p.bytes, &p.name, p.format, &known) {
                    let mut doc = Document::new(loaded.article, p.source, &library, p.path);
                    if doc.article.blocks.len() <= crate::app::WINDOW_MIN_BLOCKS {
                        doc.layout_for(width);
                    }
                    let _ = tx.send(doc);
                }
            });
            pending = Some(rx);
        }
        if let Some(section) = &cli.section {
            state.jump_to_section(section);
        }
        (state, pending)
    })
}

/// One line per link: status, target, text.
pub fn links_text(doc: &Document, library: &Library) -> String {
    let mut out = String::new();
    for (link, target) in doc.article.links.iter().zip(doc.targets.iter()) {
        let shown = match target {
            Target::Article { entry, fragment } => {
                let title = &library.entries[*entry].title;
                match fragment {
                    Some(f) => format!("{title}#{f}"),
                    None => title.clone(),
                }
            }
            Target::Section(f) => format!("#{f}"),
            Target::External(u) => u.clone(),
            Target::Missing(name) => name.clone(),
            Target::Refused(_) => link.dest.clone(),
        };
        let clean = |s: &str| sanitize(s).replace(['\t', '\n'], " ");
        out.push_str(&format!("{}\t{}\t{}\n", target.status(), clean(&shown), clean(&link.text)));
    }
    out
}

/// Writes to stdout; a closed pipe (`folio --print a.md | head -1`) ends quietly.
fn emit(text: &str) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}

/// The article as plain text wrapped at `width`: the same layout the reader shows.
pub fn print_text(article: &Article, width: u16) -> String {
    let page = layout(article, width);
    let mut out = String::with_capacity(
        article.blocks.iter().map(|b| crate::model::block_text(b).len()).sum::<usize>() + page.len(),
    );
    // A slice of rows at a time: each block is laid out again once, not once per row.
    for from in (0..page.len()).step_by(1024) {
        let rows = from..(from + 1024).min(page.len());
        let view = page.view(article, rows.clone());
        for row in rows {
            out.push_str(&view.row_text(row));
            out.push('\n');
        }
    }
    out
}

/// The title, then one line per section: two spaces per level below the top, number, heading.
pub fn toc_text(article: &Article) -> String {
    let mut out = format!("{}\n", article.title);
    for s in &article.sections {
        let indent = "  ".repeat(s.level.saturating_sub(1) as usize);
        out.push_str(&format!("{indent}{} {}\n", s.number, s.title));
    }
    out
}
