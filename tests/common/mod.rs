//! Helpers shared by the integration tests: fixtures, key sequences, screen rendering, and the
//! buffer check every screen test runs.
#![allow(dead_code)]

use folio::app::{keys, update, Action, Done, Effect, Job, State};
use folio::model::Article;
use folio::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

/// The example article's sections, in order (the oracle of `../shared/guides/articles.md`).
pub const EXAMPLE_SECTIONS: [&str; 5] = [
    "Origins and Ideology",
    "Geography, Operations, and Capabilities",
    "Leadership, Organization, and Strategic Outlook",
    "Security, Counterterrorism, and Policy Debates",
    "Impact, Legacy, and International Context",
];

/// Paragraphs in the lead and in each section of the example article.
pub const EXAMPLE_PARAGRAPHS: [usize; 6] = [2, 3, 3, 2, 5, 2];

/// The bundled default article.
pub fn bundled() -> Article {
    let name = folio::assets::DEFAULT_ARTICLE;
    folio::import::markdown::parse(folio::assets::bundled(name).unwrap(), "x")
}

/// The Markdown fixture with every element.
pub fn elements() -> Article {
    folio::import::markdown::parse(include_str!("../fixtures/elements.md"), "elements")
}

/// Splits `"jj]<C-d><Enter>"` into key names.
pub fn key_names(keys: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = keys.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            let mut name = String::from("<");
            for n in chars.by_ref() {
                name.push(n);
                if n == '>' {
                    break;
                }
            }
            out.push(name);
        } else {
            out.push(c.to_string());
        }
    }
    out
}

/// Types keys into the state as the event loop would; returns the last effect. Background
/// jobs asked for are not run (see [`browse`] and [`Jobs`]).
pub fn press(state: &mut State, keys: &str) -> Option<Effect> {
    let mut last = None;
    for name in key_names(keys) {
        let key = keys::parse_key(&name).unwrap_or_else(|| panic!("bad key {name}"));
        if let Some(action) = state.keymap.action_for(key, state.mode()) {
            last = update(state, action);
        }
    }
    last
}

/// Types keys and runs every background job they ask for at once, feeding the results back,
/// as the event loop does when jobs finish quickly; returns the last key's effect.
pub fn browse(state: &mut State, keys: &str) -> Option<Effect> {
    let mut last = None;
    for name in key_names(keys) {
        last = press(state, &name);
        settle(state, last.clone());
    }
    last
}

/// Runs every job in `effect` (and the jobs their results ask for) to its end, now.
pub fn settle(state: &mut State, effect: Option<Effect>) {
    let mut jobs = Jobs::default();
    jobs.take(effect);
    jobs.take_all(state);
    while !jobs.queue.is_empty() {
        let action = jobs.run(0);
        let e = update(state, action);
        jobs.take(e);
    }
}

/// A job runner driven by the test: jobs wait in a queue until the test runs them, in any
/// order, and feeds their results back (or drops them).
#[derive(Default)]
pub struct Jobs {
    pub queue: Vec<(u64, Job)>,
    pub cancelled: Vec<folio::app::JobKind>,
}

impl Jobs {
    /// Queues the jobs an update asked for.
    pub fn take(&mut self, effect: Option<Effect>) {
        for e in effect.map(Effect::flatten).unwrap_or_default() {
            match e {
                Effect::Start { gen, job } => {
                    // Starting a job cancels the queued one of its kind, as the runner does.
                    self.queue.retain(|(_, j)| j.kind() != job.kind());
                    self.queue.push((gen, job));
                }
                Effect::Cancel(kind) => {
                    self.queue.retain(|(_, j)| j.kind() != kind);
                    self.cancelled.push(kind);
                }
                _ => {}
            }
        }
    }

    /// Queues the jobs asked for outside `update` (the first state's).
    pub fn take_all(&mut self, state: &mut State) {
        for e in state.take_effects() {
            self.take(Some(e));
        }
    }

    /// Runs queued job `i` to its end; returns its result as the action to feed back.
    pub fn run(&mut self, i: usize) -> Action {
        let (gen, job) = self.queue.remove(i);
        let cache = folio::library::cache::TextCache::default();
        let output = folio::jobs::execute(job, &folio::work::Unwatched, &cache);
        Action::Done(Box::new(Done { gen, output }))
    }

    /// Runs queued job `i` and feeds its result to `state`; queues what that asks for.
    pub fn deliver(&mut self, state: &mut State, i: usize) {
        let action = self.run(i);
        let e = update(state, action);
        self.take(e);
    }

    /// Runs every queued job (and the jobs their results ask for), in order.
    pub fn deliver_all(&mut self, state: &mut State) {
        while !self.queue.is_empty() {
            self.deliver(state, 0);
        }
    }

    /// Types keys, queueing the jobs they ask for.
    pub fn press(&mut self, state: &mut State, keys: &str) {
        for name in key_names(keys) {
            let e = press(state, &name);
            self.take(e);
        }
    }

    /// The position of the queued job of `kind`, if any.
    pub fn find(&self, kind: folio::app::JobKind) -> Option<usize> {
        self.queue.iter().position(|(_, j)| j.kind() == kind)
    }
}

/// Sends one action.
pub fn act(state: &mut State, action: Action) -> Option<Effect> {
    update(state, action)
}

/// A state for the bundled article at `w`×`h`.
pub fn state(w: u16, h: u16) -> State {
    State::new(bundled(), "bundled", (w, h), 100)
}

/// Draws the state into a test terminal of its size, checks the buffer, returns it.
pub fn render(state: &State) -> Buffer {
    let (w, h) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, state, &Theme::plain())).unwrap();
    let buf = terminal.backend().buffer().clone();
    check_buffer(&buf);
    buf
}

/// The screen as text, one line per row (trailing spaces trimmed).
pub fn screen(state: &State) -> String {
    let buf = render(state);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// True for characters that must never reach a terminal cell.
pub fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    u < 0x20 || (0x7f..=0x9f).contains(&u) || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The buffer check used by every screen test: no cell holds a control character (C0, C1, ESC,
/// bidi) and no row is wider than the area.
pub fn check_buffer(buf: &Buffer) {
    for y in 0..buf.area.height {
        let mut width = 0usize;
        let mut x = 0u16;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            assert!(!sym.chars().any(is_forbidden), "control character in cell ({x},{y}): {sym:?}");
            let w = sym.width().max(1);
            width += w;
            x += w as u16;
        }
        assert!(width <= buf.area.width as usize, "row {y} is {width} cells wide in {}", buf.area.width);
    }
}

/// A folio command whose home, config and state folders are a folder of the test's own
/// (nothing there: the defaults), never the user's.
pub fn isolated(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    let home = std::env::temp_dir().join(format!("folio-test-home-{}", std::process::id()));
    cmd.env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("FOLIO_LIBRARY")
}
