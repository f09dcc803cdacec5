//! The command line: flags, and the choice of what to do with them. Opening inputs lives in
//! [`crate::open`], the text exports in [`crate::export`], the reader in [`crate::run`].

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;

use crate::app::{State, DEFAULT_MAX_WIDTH};
use crate::export;
use crate::import::{self, Format};
use crate::layout;
use crate::library::Library;
use crate::open::{open, Input, Opened, Options};
use crate::sanitize::sanitize;
use crate::source::{self, display_path};

/// folio: read long articles in the terminal, with a table of contents that follows your
/// reading and links you can follow from the keyboard.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about = None, color = clap::ColorChoice::Never, styles = clap::builder::Styles::plain())]
pub struct Cli {
    /// Article to open (Markdown or plain text), or `-` for standard input; or a wiki page:
    /// `wiki:Title`, `wiki:de:Titel` (Wikipedia in that language), or its web address.
    /// Without it: standard input when piped, otherwise the bundled library.
    pub path: Option<PathBuf>,

    /// The MediaWiki site `wiki:Title` reads from (any address of the site; its API is found
    /// from it). Alone: opens the page of that address, or the site's main page.
    #[arg(long, value_name = "URL")]
    pub wiki: Option<String>,

    /// Save the article into the library folder DIR as Markdown (a wiki page with its title,
    /// address, revision and licence in front matter), print where, and exit.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["print", "toc", "links", "to_markdown"])]
    pub save: Option<PathBuf>,

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

    /// Read the input as Markdown, plain text or an HTML page instead of guessing from the name and content.
    #[arg(long, value_enum, value_name = "md|text|html")]
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

    /// With --print: follow each link by a number, and list the numbered targets at the end.
    #[arg(long, requires = "print")]
    pub references: bool,

    /// Open the article at a section, by number (`2.3`), heading or part of one; with --print,
    /// print only that section.
    #[arg(long, value_name = "NAME|NUMBER")]
    pub section: Option<String>,

    /// A library folder links also resolve against, after the article's own folder and before
    /// the bundled library (repeatable; FOLIO_LIBRARY adds more, `:`-separated). For standard
    /// input, the first is the article's own library.
    #[arg(long, value_name = "DIR")]
    pub library: Vec<PathBuf>,

    /// Check every link of DIR (default: the current folder) or of FILE: print each broken one
    /// as FILE:LINE:COL<TAB>STATUS<TAB>TARGET<TAB>TEXT and exit 1 when there is any. Web links
    /// are not fetched.
    #[arg(long, conflicts_with_all = ["print", "toc", "links", "to_markdown", "search"])]
    pub check: bool,

    /// Print every place in the library that links to the article at PATH, as
    /// FILE:LINE<TAB>TITLE<TAB>SECTION<TAB>SNIPPET.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["print", "toc", "links", "to_markdown", "search", "check"])]
    pub backlinks: Option<PathBuf>,

    /// Read the config from PATH instead of $XDG_CONFIG_HOME/folio/config.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use the defaults, not the config file.
    #[arg(long)]
    pub no_config: bool,

    /// Print the effective config (the file's settings and the defaults), with comments.
    #[arg(long)]
    pub print_config: bool,

    /// Colours: auto (not with NO_COLOR or TERM=dumb), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Neither restore nor save reading positions, marks and history this time.
    #[arg(long)]
    pub no_history: bool,

    /// Print a completion script for SHELL (bash, zsh, fish, elvish, powershell).
    #[arg(long, value_name = "SHELL")]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff).
    #[arg(long)]
    pub man: bool,
}

/// When to use colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Entry point behind `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return parse_error(&e),
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let msg = crate::sanitize::sanitize_line(&format!("{e:#}")).into_owned();
            let _ = writeln!(std::io::stderr(), "folio: error: {msg}");
            ExitCode::from(1)
        }
    }
}

/// Shows what the argument parser says (help, the version, or a usage error) through the
/// sanitizer: its messages repeat what was typed, and a file name from a glob is "typed" too,
/// so they may hold escape sequences. Usage errors exit 2.
fn parse_error(e: &clap::Error) -> ExitCode {
    // With its (absent) styling, so that nothing it repeats is stripped unseen: the sanitizer
    // shows it inert instead.
    let text = e.render().ansi().to_string();
    let clean = sanitize(&text);
    let written = if e.use_stderr() {
        std::io::stderr().lock().write_all(clean.as_bytes())
    } else {
        std::io::stdout().lock().write_all(clean.as_bytes())
    };
    let _ = written;
    ExitCode::from(e.exit_code().clamp(0, 255) as u8)
}

/// Does what the flags ask; returns the exit code.
fn run(cli: Cli) -> anyhow::Result<u8> {
    if let Some(shell) = cli.completions {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "folio", &mut out);
        return emit(&String::from_utf8_lossy(&out));
    }
    if cli.man {
        let mut out = Vec::new();
        clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
        return emit(&String::from_utf8_lossy(&out));
    }
    let (config, config_warning) =
        if cli.no_config { (crate::config::load_defaults(), None) } else { crate::config::load(cli.config.clone()) };
    if cli.print_config {
        if let Some(w) = &config_warning {
            eprintln!("folio: {}", crate::sanitize::sanitize_line(w));
        }
        return emit(&crate::config::print(&config));
    }
    if let Some(pattern) = &cli.search {
        return search(&cli, pattern);
    }
    if cli.check {
        return crate::check::check(cli.path.as_deref().unwrap_or(std::path::Path::new(".")));
    }
    if let Some(path) = &cli.backlinks {
        return crate::check::backlinks(path);
    }
    let exporting = cli.toc || cli.links || cli.to_markdown || cli.print;
    // A dumb or unknown terminal cannot show the reader: print plain text instead.
    let dumb = std::env::var("TERM").map(|t| t.is_empty() || t == "dumb").unwrap_or(true);
    let interactive = !exporting && std::io::stdout().is_terminal() && !dumb;
    let opts = Options {
        format: cli.format,
        libraries: cli
            .library
            .iter()
            .cloned()
            .chain(crate::open::env_libraries())
            .chain(config.config.folders().into_iter().filter(|p| p.is_dir()))
            .collect(),
        interactive,
        resolve: interactive || cli.links || cli.to_markdown || cli.references,
    };
    let settings = config.config.wiki.settings();
    let WikiArgs { given: wiki_site, page: wiki, discover } =
        wiki_source(&cli, &settings, interactive && cli.save.is_none())?;
    let mut opened = match &wiki {
        Some((site, title)) => open_wiki(site, title, &settings, interactive && cli.save.is_none())?,
        None => open(Input::of(cli.path.as_deref()), &opts)?,
    };
    // Text copied from the wiki given: its cross references are checked against the wiki's
    // titles (in the background in the reader).
    let copied_from = match (&wiki_site, &wiki, &opened.preview) {
        (Some(site), None, None) if is_plain_text_file(&cli) => Some(site.clone()),
        _ => None,
    };
    if let (Some(site), false) = (&copied_from, interactive && cli.save.is_none()) {
        opened.doc = check_titles_now(&opened, site, &settings)?;
    }
    if let Some(dir) = &cli.save {
        let (path, text) = match &opened.doc.wiki {
            Some(origin) => (
                dir.join(crate::wiki::file_name(&origin.title)),
                crate::wiki::saved_markdown(&opened.doc.article, origin),
            ),
            None => {
                (dir.join(crate::wiki::file_name(&opened.doc.article.title)), export::to_markdown(&opened.doc.article))
            }
        };
        let written =
            crate::run::save_page(&path, &text).map_err(|e| anyhow::anyhow!("{}: {e}", display_path(&path)))?;
        println!("saved to {}", display_path(&written));
        return Ok(0);
    }
    if cli.links || cli.references {
        // Fragments of links into other articles are checked against those articles.
        let index = crate::library::index::for_targets(&opened.library, &opened.doc.targets);
        opened.doc.check_fragments(&index);
    }
    if cli.toc {
        return emit(&export::toc_text(&opened.doc.article));
    }
    if cli.links {
        return emit(&export::links_text(&opened.doc, &opened.library));
    }
    if cli.to_markdown {
        return emit(&export::to_markdown(&opened.doc.article));
    }
    if !interactive {
        let article = &opened.doc.article;
        let width = cli.width.unwrap_or(80);
        let excerpt;
        let article = match &cli.section {
            Some(key) => match crate::search::fuzzy::find_section(article, key) {
                Some(id) => {
                    excerpt = article.excerpt(id);
                    &excerpt
                }
                None => anyhow::bail!("no section ‘{}’ in {}", sanitize(key), article.title),
            },
            None => article,
        };
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let measure = layout::Measure { references: cli.references, ..export::print_measure(width) };
        let refs = if cli.references { export::references_text(&opened.doc, &opened.library) } else { String::new() };
        let written = export::print_to(article, measure, &mut out).and_then(|_| out.write_all(refs.as_bytes()));
        return match written.and_then(|_| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(0),
        };
    }
    let theme = theme_for(&cli, &config.config);
    let remembers = !cli.no_history && config.config.reader.history.unwrap_or(true);
    let (store, memory, memory_warning) = if remembers { memory() } else { (None, Default::default(), None) };
    let libraries = opts.libraries.clone();
    let mut state = reader_state(&cli, opened, &config);
    state.wiki_settings = Arc::new(settings);
    state.save_dir = save_dir(&config.config, &libraries);
    if let Some(site) = &copied_from {
        state.check_titles_on(site);
    }
    if let (Some((_, title)), Some((address, from_address))) = (&wiki, &discover) {
        state.stand_in = true;
        state.open_wiki_discovering(address, title, *from_address);
    } else if let Some((_, title)) = &wiki {
        if state.doc.key.is_none() {
            // The stand-in: the page itself comes from the site.
            state.stand_in = true;
            state.open_wiki(title, cli.section.clone());
        } else {
            state.refresh_wiki();
        }
    }
    state.libraries = libraries;
    state.remembers = remembers && store.is_some();
    state.memory = memory;
    if state.remembers {
        state.session = state.memory.history.value.clone().unwrap_or_default();
        // The article open now is not a place to go back to.
        while state.session.last().is_some_and(|v| Some(&v.article) == state.doc.key.as_ref()) {
            state.session.pop();
        }
        if cli.section.is_none() {
            state.restore_position();
        }
    }
    let warning = config_warning.or(memory_warning);
    if warning.is_some() {
        state.message = warning;
    }
    crate::run::run(state, crate::run::Session::new(theme, store))
}

/// The wiki page the command line names, if it names one: `wiki:Title`, a web address, or
/// `--wiki URL` alone.
/// What the command line names on a wiki.
#[derive(Default)]
struct WikiArgs {
    /// The site of `--wiki`.
    given: Option<crate::wiki::Site>,
    /// The page to open, and its site.
    page: Option<(crate::wiki::Site, String)>,
    /// For the reader, a site not asked yet: its address (asked in the background; the site
    /// above is a guess until then), and whether the page is the one the address names.
    discover: Option<(String, bool)>,
}

/// The wiki page the command line names, if it names one: `wiki:Title`, a web address, or
/// `--wiki URL` alone. For the reader (`reader`), a site never seen before is asked in the
/// background rather than before the first frame.
fn wiki_source(cli: &Cli, settings: &crate::wiki::client::Settings, reader: bool) -> anyhow::Result<WikiArgs> {
    use crate::wiki::open::{guessed_site, known_site, resolve, site_for_address};
    use crate::wiki::{parse_source, Source};
    let mut args = WikiArgs::default();
    let site = match &cli.wiki {
        Some(url) if reader && known_site(url).is_none() => {
            let (site, title) =
                guessed_site(url).ok_or_else(|| anyhow::anyhow!("--wiki: {url} is not a web address"))?;
            args.discover = Some((url.clone(), cli.path.is_none()));
            Some((site, Some(title)))
        }
        Some(url) => Some(site_for_address(settings, url).map_err(|e| anyhow::anyhow!("--wiki: {e}"))?),
        None => None,
    };
    let arg = cli.path.as_deref().and_then(|p| p.to_str());
    args.given = site.as_ref().map(|s| s.0.clone());
    let source = match arg.and_then(|a| parse_source(a, site.as_ref().map(|s| &s.0))) {
        Some(s) => s,
        None if cli.path.is_none() => match site {
            Some((site, title)) => Source::Page { site, title: title.unwrap_or_else(|| "Main Page".to_string()) },
            None => return Ok(args),
        },
        None => {
            args.discover = None;
            return Ok(args);
        }
    };
    args.page = Some(match source {
        Source::Address(address) if reader && known_site(&address).is_none() => {
            args.discover = Some((address.clone(), true));
            guessed_site(&address).ok_or_else(|| anyhow::anyhow!("{address} is not a web address"))?
        }
        source => resolve(settings, source)?,
    });
    Ok(args)
}

/// A wiki page to open: for the reader, its cached copy (revalidated once the reader runs) or
/// a stand-in while it is fetched; otherwise the page, fetched now.
fn open_wiki(
    site: &crate::wiki::Site,
    title: &str,
    settings: &crate::wiki::client::Settings,
    reader: bool,
) -> anyhow::Result<Opened> {
    let (doc, message) = if reader {
        match crate::wiki::open::cached(site, title) {
            Some((doc, fetched)) => {
                (doc, Some(format!("cached copy of {}: checking the site", crate::wiki::cache::date(fetched))))
            }
            None => (crate::wiki::open::stand_in(site, title), None),
        }
    } else {
        let (doc, notice) = crate::wiki::open::fetch_now(settings, site, title)?;
        if let Some(n) = &notice {
            eprintln!("folio: {n}");
        }
        (doc, notice)
    };
    Ok(Opened { doc, library: Library::bundled(), message, preview: None, scan: None, index: false })
}

/// Whether the article named on the command line is a file of plain text (not Markdown).
fn is_plain_text_file(cli: &Cli) -> bool {
    let Some(path) = cli.path.as_deref().filter(|p| p.is_file()) else { return false };
    match cli.format {
        Some(f) => f == Format::Text,
        None => source::read_input(path)
            .ok()
            .and_then(|b| import::decode(&b).ok())
            .is_some_and(|d| import::detect_format(path.to_str(), &d.text) == Format::Text),
    }
}

/// The plain-text article imported again, its cross references checked against `site`.
fn check_titles_now(
    opened: &Opened,
    site: &crate::wiki::Site,
    settings: &crate::wiki::client::Settings,
) -> anyhow::Result<crate::app::Document> {
    let file = PathBuf::from(&opened.doc.source);
    let path = opened.doc.path.clone();
    let mut doc =
        crate::wiki::open::copied_document(&file, path, &opened.library, site, settings, &crate::work::Unwatched)?;
    doc.key = opened.doc.key.clone();
    Ok(doc)
}

/// Where `W` saves wiki pages: `[wiki] save`, else the first library folder, else
/// `$XDG_DATA_HOME/folio/wiki`.
fn save_dir(config: &crate::config::Config, libraries: &[PathBuf]) -> Option<PathBuf> {
    if let Some(dir) = &config.wiki.save {
        return Some(crate::config::expand_home(dir));
    }
    if let Some(first) = libraries.first() {
        return Some(first.clone());
    }
    use etcetera::BaseStrategy;
    let home_set =
        std::env::var_os("HOME").is_some_and(|h| !h.is_empty()) || std::env::var_os("XDG_DATA_HOME").is_some();
    home_set.then(|| etcetera::choose_base_strategy().ok()).flatten().map(|b| b.data_dir().join("folio").join("wiki"))
}

/// The state file and what it holds, or a warning (folio then runs without saving).
fn memory() -> (Option<crate::memory::store::Store>, crate::memory::Memory, Option<String>) {
    match crate::memory::store::Store::default_location() {
        Ok(mut store) => {
            let loaded = store.load();
            let store = store.writable.then_some(store);
            (store, loaded.memory, loaded.warning)
        }
        Err(e) => (None, Default::default(), Some(format!("{e}: reading positions and marks are not saved"))),
    }
}

/// The colours: `--color`, then `NO_COLOR`/`TERM=dumb`, then the config's theme (`auto`
/// asks the terminal for its background, briefly, before the reader starts).
fn theme_for(cli: &Cli, config: &crate::config::Config) -> crate::ui::Theme {
    let flag = match cli.color {
        ColorWhen::Always => Some(true),
        ColorWhen::Never => Some(false),
        ColorWhen::Auto => None,
    };
    crate::config::theme(flag, crate::ui::Theme::from_env().color, config, &background_is_dark)
}

/// Whether the terminal's background is dark: `COLORFGBG` when the terminal sets it, else
/// the terminal is asked (at most 100 ms); dark when nothing answers.
fn background_is_dark() -> bool {
    if let Some(bg) =
        std::env::var("COLORFGBG").ok().and_then(|v| v.rsplit(';').next().and_then(|b| b.parse::<u8>().ok()))
    {
        return !matches!(bg, 7 | 15);
    }
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = Duration::from_millis(100);
    !matches!(terminal_colorsaurus::theme_mode(options), Ok(terminal_colorsaurus::ThemeMode::Light))
}

/// The reader's first state for what was opened: the background work it needs (the full
/// parse behind a preview, a folder walk) is asked for in it.
fn reader_state(cli: &Cli, opened: Opened, config: &crate::config::Loaded) -> State {
    let Opened { doc, library, message, preview, scan, index } = opened;
    let reader = &config.config.reader;
    let max_width = cli.width.or(reader.measure).unwrap_or(DEFAULT_MAX_WIDTH);
    let size = crossterm::terminal::size().ok().filter(|&(w, h)| w > 0 && h > 0).unwrap_or((80, 24));
    let mut state = State::open(doc, Arc::new(library), size, max_width);
    state.keymap = config.keymap.clone();
    state.mouse = reader.mouse.unwrap_or(true);
    state.set_toc_place(reader.toc_width, reader.toc_side == crate::config::Side::Right);
    state.message = message;
    if let Some((bytes, name)) = preview {
        state.start_parse(bytes, &name, cli.format);
    }
    match scan {
        Some(pending) => {
            if index {
                state.library_index = Some(state.doc.id);
            }
            // The link index follows the walk (see `accept_library`).
            state.start_scan(pending);
        }
        None => state.start_index(),
    }
    if let Some(section) = &cli.section {
        state.jump_to_section(section);
    }
    state
}

/// `--search`: grep-like hits over one article or a whole library.
fn search(cli: &Cli, pattern: &str) -> anyhow::Result<u8> {
    let re = crate::search::compile(pattern).map_err(|e| anyhow::anyhow!("--search: {e}"))?;
    let mut hits = Vec::new();
    match Input::of(cli.path.as_deref()) {
        Input::File(p) => {
            let shown = display_path(&p);
            let bytes = source::read_input(&p).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
            let text = import::decode(&bytes).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?.text;
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let (title, _) = crate::library::title_of(&text, &name);
            crate::library::search::search_article_as(0, &title, &name, &text, cli.format, &re, &mut hits);
        }
        Input::Stdin => {
            let bytes =
                source::read_capped(std::io::stdin().lock()).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
            let text = import::decode(&bytes).map_err(|e| anyhow::anyhow!("standard input: {e}"))?.text;
            let (title, _) = crate::library::title_of(&text, "stdin");
            crate::library::search::search_article_as(0, &title, "stdin", &text, cli.format, &re, &mut hits);
        }
        input => {
            let library = match (&input, cli.library.first()) {
                (Input::Dir(p), _) | (_, Some(p)) => {
                    Library::open_dir(p).map_err(|e| anyhow::anyhow!("{}: {e}", display_path(p)))?
                }
                _ => Library::bundled(),
            };
            let cache = crate::library::cache::TextCache::default();
            hits = crate::library::search::search_library(&library, pattern, &cache, &crate::work::Unwatched)
                .unwrap_or_default();
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

/// Writes to stdout; a closed pipe (`folio --print a.md | head -1`) ends quietly.
pub(crate) fn emit(text: &str) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}
