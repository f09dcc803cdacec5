//! The command line: flags, non-interactive modes, and the choice to start the reader.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::app::{State, DEFAULT_MAX_WIDTH};
use crate::import::Format;
use crate::layout::layout;
use crate::model::Article;
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
}

/// Entry point behind `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let msg = crate::sanitize::sanitize(&format!("{e:#}")).into_owned();
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
    Bundled,
}

fn input_of(cli: &Cli) -> Input {
    match &cli.path {
        Some(p) if p.as_os_str() == "-" => Input::Stdin,
        Some(p) => Input::File(p.clone()),
        None if !std::io::stdin().is_terminal() => Input::PipedOrBundled,
        None => Input::Bundled,
    }
}

fn load(cli: &Cli) -> anyhow::Result<(Loaded, String)> {
    let input = input_of(cli);
    if let Input::Stdin | Input::PipedOrBundled = input {
        let bytes = source::read_capped(std::io::stdin().lock()).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
        if !bytes.is_empty() || matches!(input, Input::Stdin) {
            let loaded =
                source::load_bytes(&bytes, "stdin", cli.format).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
            return Ok((loaded, "-".into()));
        }
    }
    match input {
        Input::Stdin | Input::PipedOrBundled | Input::Bundled => {
            let name = crate::assets::DEFAULT_ARTICLE;
            let text = crate::assets::bundled(name).unwrap_or_default();
            let loaded =
                source::load_bytes(text.as_bytes(), name, cli.format).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
            Ok((loaded, format!("bundled:{name}")))
        }
        Input::File(path) => {
            let shown = display_path(&path);
            let bytes = source::read_file(&path).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let loaded = source::load_bytes(&bytes, &name, cli.format).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
            Ok((loaded, shown))
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let (loaded, name) = load(&cli)?;
    if cli.toc {
        return emit(&toc_text(&loaded.article));
    }
    if cli.print || !std::io::stdout().is_terminal() {
        return emit(&print_text(&loaded.article, cli.width.unwrap_or(80)));
    }
    let max_width = cli.width.unwrap_or(DEFAULT_MAX_WIDTH);
    let Loaded { article, notice } = loaded;
    crate::run::run(move |size| {
        let mut state = State::new(article, name, size, max_width);
        state.message = notice;
        state
    })
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
    let mut out = String::with_capacity(page.text.len() + page.len());
    for row in 0..page.len() {
        out.push_str(&page.row_text(row));
        out.push('\n');
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
