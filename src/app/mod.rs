//! Application state and `update`: pure, no I/O, testable without a terminal.
//!
//! `update` changes the state for an [`Action`] (a key, or a background job's result) and
//! returns what the event loop must do ([`Effect`]): quit, open a URL, start or cancel a job.

mod action;
mod book;
mod document;
mod find;
pub mod jobs;
pub mod keys;
mod links;
mod navigate;
mod overlay;
mod reading;
mod remember;
mod toc;
mod update;
mod wiki;

use std::sync::Arc;

use ratatui::layout::Rect;

pub use action::{Action, NAMED};
pub use book::PlaceRow;
pub use document::{DocId, Document, History, Place, HISTORY_CAP};
pub use find::{FinderItem, FinderKind, FinderTarget, Search};
pub use jobs::{Done, Job, JobKind, Output, Payload, Peek, PeekSource, Running, Shared};
pub use keys::{Keymap, Mode};
pub use links::{describe_target, filter_links, hint_labels, ListedLink, HINT_KEYS};
pub use overlay::Overlay;
pub use remember::{MarkKey, MarkRow};
pub use toc::Toc;
pub use update::update;

use crate::layout::{Measure, PageLayout};
use crate::library::Library;
use crate::model::{Article, LinkId};

/// Narrower than this, the TOC starts hidden and opens as an overlay.
pub const NARROW: u16 = 70;
/// Smallest terminal folio draws into; below it shows "terminal too small".
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// Articles with more blocks than this are laid out around the reading position first after
/// a resize, and completely in the background.
pub const WINDOW_MIN_BLOCKS: usize = 5000;
const WINDOW_BEFORE: usize = 60;
const WINDOW_AFTER: usize = 400;

/// Default reading measure in the TUI.
pub const DEFAULT_MAX_WIDTH: u16 = 100;

/// Screen areas, computed from the terminal size in `update` so that paging and hit-testing
/// are pure arithmetic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    /// The TOC pane (side pane or overlay), when shown.
    pub toc: Option<Rect>,
    /// Whether the TOC is drawn over the reading pane.
    pub toc_overlay: bool,
    /// The reading pane.
    pub reader: Rect,
    /// Where text is drawn inside the reading pane (padding and measure applied).
    pub text: Rect,
    /// The width code and tables may use: the reading pane less its padding (wider than
    /// `text` when the measure is narrower than the pane).
    pub wide: u16,
    /// The status line.
    pub status: Rect,
    /// Below [`MIN_SIZE`]: nothing but a notice is drawn.
    pub too_small: bool,
}

impl Areas {
    /// Areas for a `w`×`h` terminal, the TOC pane on the left at its usual width.
    pub fn compute(w: u16, h: u16, toc_shown: bool, max_width: u16) -> Areas {
        Areas::compute_with(w, h, toc_shown, max_width, None, false)
    }

    /// Areas with the TOC pane `toc_width` wide (`None`: 30% of the terminal), on the right
    /// when `toc_right`.
    pub fn compute_with(
        w: u16,
        h: u16,
        toc_shown: bool,
        max_width: u16,
        toc_width: Option<u16>,
        toc_right: bool,
    ) -> Areas {
        if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
            let text = Rect::new(0, 0, w.max(1), h.max(1));
            return Areas { too_small: true, text, wide: text.width, ..Default::default() };
        }
        let body_h = h - 1;
        let status = Rect::new(0, body_h, w, 1);
        let narrow = w < NARROW;
        // In u32: three times a very wide terminal's width does not fit a u16.
        let side = match toc_width {
            _ if narrow => 0,
            Some(tw) => tw.clamp(12, w / 2),
            None => (u32::from(w) * 3 / 10).clamp(16, 40) as u16,
        };
        let toc_x = if toc_right { w - side } else { 0 };
        let (toc, overlay) = match (toc_shown, narrow) {
            (false, _) => (None, false),
            (true, false) => (Some(Rect::new(toc_x, 0, side, body_h)), false),
            (true, true) => (Some(Rect::new(0, 0, (w - 4).min(40), body_h)), true),
        };
        let beside = toc_shown && !narrow;
        let reader_x = if beside && !toc_right { side } else { 0 };
        let reader_w = if beside { w - side } else { w };
        let reader = Rect::new(reader_x, 0, reader_w, body_h);
        let wide = reader.width.saturating_sub(2).max(1);
        let text_w = wide.min(max_width.max(1));
        let text = Rect::new(reader.x + 1, 0, text_w, body_h);
        Areas { toc, toc_overlay: overlay, reader, text, wide, status, too_small: false }
    }
}

/// The terminal's background, for code colours: dark (true) or light.
pub type Dark = bool;

/// Which pane receives movement keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Reader,
    Toc,
}

/// What the event loop must do after an update.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Quit,
    /// Turn mouse capture on (true) or off.
    SetMouse(bool),
    /// Restore the terminal, stop the process (SIGTSTP), and redraw on resume.
    Suspend,
    /// Clear the terminal and draw everything again.
    Redraw,
    /// Hand a checked `http`/`https`/`mailto` URL to the system's opener.
    OpenUrl(String),
    /// Open the file `path` of the library folder `root` with the system's opener (checked
    /// again then: inside the folder, a regular file).
    OpenFile {
        root: std::path::PathBuf,
        path: String,
    },
    /// Save what is remembered (positions, marks, history) to the state file.
    SaveMemory,
    /// Open `file` in the user's editor at the line holding `text`, then read it again.
    Edit {
        file: std::path::PathBuf,
        text: String,
    },
    /// Put `text` on the clipboard (OSC 52).
    Copy(String),
    /// Write `text` to the file `path` (a wiki page saved into the library; never over a
    /// file folio did not write: see `run`).
    SaveFile {
        path: std::path::PathBuf,
        text: String,
    },
    /// Start background work as generation `gen` (cancelling the running job of its kind);
    /// its result comes back as [`Action::Done`].
    Start {
        gen: u64,
        job: Job,
    },
    /// Stop the running job of this kind: nobody wants its result any more.
    Cancel(JobKind),
    /// Several effects, in order.
    Batch(Vec<Effect>),
}

impl Effect {
    /// The effects in order, a batch taken apart.
    pub fn flatten(self) -> Vec<Effect> {
        match self {
            Effect::Batch(all) => all.into_iter().flat_map(Effect::flatten).collect(),
            e => vec![e],
        }
    }
}

/// Everything the UI draws, and nothing it computes.
#[derive(Clone, Debug)]
pub struct State {
    pub library: Arc<Library>,
    /// The key bindings (help and hints are generated from them).
    pub keymap: Arc<Keymap>,
    pub doc: Document,
    pub layout: Arc<PageLayout>,
    /// The short blocks on screen, laid out once when they came into view (see
    /// [`crate::layout::shown_blocks`]); kept up to date by [`update`].
    pub shown: Vec<Arc<crate::layout::ShownBlock>>,
    pub size: (u16, u16),
    pub areas: Areas,
    /// First row of the article shown in the reading pane.
    pub top: usize,
    pub toc: Toc,
    pub focus: Focus,
    /// The overlay that has the keys, if any.
    pub overlay: Option<Overlay>,
    /// The selected link (Tab / Shift-Tab).
    pub selected: Option<LinkId>,
    pub history: History,
    /// The active in-article search (highlighted; `n`/`N` move through it).
    pub search: Option<Search>,
    /// A library hit's section to land on once its article is shown.
    pub pending_section: Option<String>,
    /// After a resize of a big article: the blocks laid out so far (a window around the
    /// reading position) while the whole layout is computed in the background.
    pub window: Option<std::ops::Range<usize>>,
    /// The background jobs whose results are still wanted.
    pub jobs: Running,
    /// A key that needs text not loaded yet: carried out when the text arrives.
    pub deferred: Option<Action>,
    /// The generated index page shown for a folder still being scanned (regenerated when the
    /// scan ends).
    pub library_index: Option<DocId>,
    /// What is remembered across runs (positions, marks, the last session's history).
    pub memory: crate::memory::Memory,
    /// Whether positions and history are remembered (not with `--no-history`).
    pub remembers: bool,
    pub(crate) last_stamp: u64,
    /// Where the last jump to a mark came from (`''` returns there).
    pub jump_origin: Option<(String, crate::memory::Anchor)>,
    /// A remembered place to land on once the article being opened is shown.
    pub pending_anchor: Option<crate::memory::Anchor>,
    /// The article being opened is the last session's previous one (back, not a new place).
    pub(crate) going_back: bool,
    /// The last session's places, for back after a restart (the newest last).
    pub session: Vec<crate::memory::Visit>,
    /// The user's library folders (for articles opened by their file).
    pub libraries: Vec<std::path::PathBuf>,
    /// The TOC pane's width (`None`: from the terminal's) and side.
    pub toc_width: Option<u16>,
    pub toc_right: bool,
    /// Whether the reader wants the TOC pane beside the text (on a wide terminal).
    pub toc_wanted: bool,
    /// The links of every article of the library, once indexed in the background.
    pub link_index: Option<Arc<crate::library::index::LinkIndex>>,
    /// The link index waits for the article's full parse: both at once would hold a big
    /// article's parse tree twice when it lies in the library being indexed.
    pub index_after_parse: bool,
    /// How wiki pages are fetched (User-Agent, timeout).
    pub wiki_settings: Arc<crate::wiki::client::Settings>,
    /// Where `W` saves wiki pages (`--save`, else the first library folder).
    pub save_dir: Option<std::path::PathBuf>,
    /// The document shown is a stand-in for a wiki page being fetched: no place to go back to.
    pub stand_in: bool,
    /// A one-line message for the status line, cleared by the next key.
    pub message: Option<String>,
    /// Reading measure (`--width`).
    pub max_width: u16,
    /// Code lines wrap (marked `↪`), or run on and scroll sideways (`w`).
    pub wrap_code: bool,
    /// How far rows wider than the pane are scrolled sideways (`<`, `>`).
    pub hscroll: u16,
    /// Colour code blocks (off without colours), for a dark background or a light one.
    pub highlight: Option<Dark>,
    /// The code blocks the running highlight job colours.
    colors_wanted: Vec<u32>,
    pub mouse: bool,
    /// Effects asked for while handling the current action (see [`update`]).
    outbox: Vec<Effect>,
}

impl State {
    /// State for an article of the bundled library on a `w`×`h` terminal.
    pub fn new(article: Article, source: impl Into<String>, size: (u16, u16), max_width: u16) -> State {
        let library = Arc::new(Library::bundled());
        let doc = Document::new(article, source, &library, None);
        State::open(doc, library, size, max_width)
    }

    /// State for a document of `library` on a `w`×`h` terminal.
    pub fn open(mut doc: Document, library: Arc<Library>, size: (u16, u16), max_width: u16) -> State {
        let (w, h) = size;
        // An article without sections opens without an empty Contents pane beside it.
        let toc = Toc::new(&doc.article, w >= NARROW && !doc.article.sections.is_empty());
        let areas = Areas::compute(w, h, toc.shown, max_width);
        let measure = Measure { text: areas.text.width, wide: areas.wide, ..Measure::new(1) };
        let layout = doc.layout_for(measure);
        let mut s = State {
            library,
            keymap: Keymap::defaults(),
            doc,
            layout,
            shown: Vec::new(),
            size,
            areas,
            top: 0,
            toc,
            focus: Focus::Reader,
            overlay: None,
            selected: None,
            history: History::default(),
            search: None,
            pending_section: None,
            window: None,
            jobs: Running::default(),
            deferred: None,
            library_index: None,
            link_index: None,
            index_after_parse: false,
            wiki_settings: Arc::default(),
            save_dir: None,
            stand_in: false,
            toc_wanted: w >= NARROW,
            memory: crate::memory::Memory::default(),
            remembers: false,
            last_stamp: 0,
            jump_origin: None,
            pending_anchor: None,
            session: Vec::new(),
            going_back: false,
            libraries: Vec::new(),
            toc_width: None,
            toc_right: false,
            message: None,
            max_width,
            wrap_code: true,
            hscroll: 0,
            highlight: None,
            colors_wanted: Vec::new(),
            mouse: true,
            outbox: Vec::new(),
        };
        s.sync_toc();
        s.refresh_shown();
        s
    }

    /// Asks the event loop for an effect when the current action is done.
    fn emit(&mut self, effect: Effect) {
        self.outbox.push(effect);
    }

    /// The effects asked for outside [`update`] (by [`State::start_parse`], say), for the
    /// event loop to carry out before the first key.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.outbox)
    }

    /// Starts a background job; `label` is what the status line calls it while it runs.
    fn start(&mut self, job: Job, label: impl Into<String>) {
        let doc = match &job {
            Job::Parse { id, .. } | Job::Layout { id, .. } | Job::Highlight { id, .. } => Some(*id),
            _ => None,
        };
        let gen = self.jobs.start(job.kind(), doc, label);
        self.emit(Effect::Start { gen, job });
    }

    /// Stops waiting for the job of `kind` and tells the runner to cancel it.
    fn cancel(&mut self, kind: JobKind) {
        if self.jobs.forget(kind) {
            self.emit(Effect::Cancel(kind));
        }
    }

    /// The document shown is the preview of a big article: parse `bytes` (the whole file)
    /// in the background and swap the full article in when it arrives.
    pub fn start_parse(&mut self, bytes: Vec<u8>, name: &str, format: Option<crate::import::Format>) {
        let job = Job::Parse {
            id: self.doc.id,
            bytes: Payload::new(bytes),
            name: name.to_string(),
            format,
            source: self.doc.source.clone(),
            path: self.doc.path.clone(),
            measure: self.measure(),
            library: Shared(self.library.clone()),
        };
        self.start(job, "loading");
    }

    /// The library is still being found: walk its folders in the background (links are
    /// resolved again when it is done).
    pub fn start_scan(&mut self, pending: crate::open::Pending) {
        let current = Shared(self.library.clone());
        self.start(Job::Scan { own: pending.own, layers: pending.layers, current }, "scanning");
    }

    /// What the reading pane's layout is made for now.
    pub fn measure(&self) -> Measure {
        Measure { text: self.areas.text.width, wide: self.areas.wide, wrap_code: self.wrap_code, ..Measure::new(1) }
    }

    /// Colours code (for a dark background, or a light one), or not (`None`); the blocks on
    /// screen are coloured in the background at once.
    pub fn set_highlight(&mut self, dark: Option<Dark>) {
        if dark != self.highlight {
            // Colours are made for one background: another theme colours again.
            self.doc.colors = Arc::default();
            self.colors_wanted.clear();
        }
        self.highlight = dark;
        self.request_colors();
    }

    /// Asks for the colours of the code blocks on screen that have none yet (a job that
    /// colours what is on screen replaces one still colouring what was).
    fn request_colors(&mut self) {
        let Some(dark) = self.highlight else { return };
        let rows = self.top..(self.top + self.page_height()).min(self.layout.len());
        let mut wanted: Vec<u32> = Vec::new();
        for row in rows {
            let Some(block) = self.layout.line(row).map(|l| l.block) else { continue };
            if wanted.last() == Some(&block) || self.doc.colors.contains_key(&block) {
                continue;
            }
            if let Some(crate::model::BlockKind::Code { lang, .. }) =
                self.doc.article.blocks.get(block as usize).map(|b| &b.kind)
            {
                // Languages folio cannot colour come back as `None` and are not asked for again;
                // looking them up here would load every syntax on the first key.
                if !crate::model::code_language(lang).is_empty() {
                    wanted.push(block);
                }
            }
        }
        let running = self.jobs.of(JobKind::Highlight).is_some_and(|s| s.doc == Some(self.doc.id));
        if wanted.is_empty() || running && wanted.iter().all(|b| self.colors_wanted.contains(b)) {
            return;
        }
        let job =
            Job::Highlight { id: self.doc.id, article: Shared(self.doc.article.clone()), blocks: wanted.clone(), dark };
        self.colors_wanted = wanted;
        self.start(job, "highlighting");
    }

    /// A row of the reading pane as plain text.
    pub fn row_text(&self, row: usize) -> String {
        self.layout.row_text(&self.doc.article, row)
    }

    /// Which key bindings are live.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Hints(_) | Overlay::MarkKey(_)) => Mode::Hints,
            Some(Overlay::Marks { .. }) => Mode::Marks,
            Some(Overlay::Links { .. }) => Mode::Links,
            Some(Overlay::Confirm(_) | Overlay::ConfirmFile { .. }) => Mode::Confirm,
            Some(
                Overlay::Search { .. } | Overlay::Finder { .. } | Overlay::LibraryPrompt(_) | Overlay::WikiFind { .. },
            ) => Mode::Links,
            Some(Overlay::Results { .. } | Overlay::Places { .. } | Overlay::Peek { .. }) => Mode::Results,
            None if self.focus == Focus::Toc => Mode::Toc,
            None => Mode::Reader,
        }
    }

    /// The article shown.
    pub fn article(&self) -> &Article {
        &self.doc.article
    }

    /// Rows of the help overlay's content.
    pub fn help_len(&self) -> usize {
        self.keymap.help_rows().len() + HELP_FOOTER.len() + 1
    }

    /// What the status line says about background work: `loading… 45%`.
    pub fn work_status(&self) -> Option<String> {
        self.jobs.status()
    }
}

/// Lines shown under the key list in the help overlay.
pub const HELP_FOOTER: &[&str] = &[
    "Link hints (f): type the label shown on a link to follow it.",
    "Link list (F): type to filter, ↑/↓ to choose, Enter to follow.",
    "Mouse: the wheel scrolls the pane under the pointer; a click on a TOC entry jumps there.",
    "With mouse capture on, hold Shift while dragging to select text (or press Alt-m).",
];
