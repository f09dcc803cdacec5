//! Helpers shared by the integration tests: fixtures, key sequences, screen rendering, and the
//! buffer check every screen test runs.
#![allow(dead_code)]

use crossterm::event::{KeyEvent, KeyModifiers};
use folio::app::{keymap, update, Action, Effect, State};
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

/// Types keys into the state as the event loop would; returns the last effect.
pub fn press(state: &mut State, keys: &str) -> Option<Effect> {
    let mut last = None;
    for name in key_names(keys) {
        let (code, mods) = keymap::parse_key(&name).unwrap_or_else(|| panic!("bad key {name}"));
        let mods = if matches!(code, crossterm::event::KeyCode::Char(c) if c.is_ascii_uppercase()) {
            mods | KeyModifiers::SHIFT
        } else {
            mods
        };
        let ev = KeyEvent::new(code, mods);
        if let Some(action) = keymap::action_for(&ev, state.mode()) {
            last = update(state, action);
        }
    }
    last
}

/// Types keys and carries out article loads as the event loop does; returns the last effect.
pub fn browse(state: &mut State, keys: &str) -> Option<Effect> {
    let mut last = None;
    for name in key_names(keys) {
        last = press(state, &name);
        if let Some(Effect::Load { entry, fragment }) = &last {
            folio::run::open_entry(state, *entry, fragment.as_deref());
        }
    }
    last
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
    terminal.draw(|f| ui::draw(f, state, &Theme { color: false })).unwrap();
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
