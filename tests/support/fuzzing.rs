//! Bodies of the fuzz targets (`fuzz/`), shared with ordinary tests that replay the inputs
//! the fuzzers found, so every crash becomes a regression test. Test support, not folio's API:
//! included with `#[path]` by the fuzz targets and `tests/fuzz_regressions.rs`.

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use folio::app::{keys, update, Action, State};
use folio::import::{self, Format};
use folio::library::Library;
use folio::model::LinkKind;

/// Import → layout → render at a size taken from the input, then a few keys; panics if any
/// cell of any frame holds a control character or a row is too wide.
pub fn render(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let (w, h, format) = (data[0] as u16 % 130, data[1] as u16 % 50, data[2]);
    let Ok(decoded) = import::decode(&data[3..]) else { return };
    let format = if format % 2 == 0 { Format::Markdown } else { Format::Text };
    let article = import::import(&decoded.text, format, "fuzz", &|t| t.len() % 3 == 0);
    let mut state = State::new(article, "fuzz", (w.max(1), h.max(1)), 100);
    let mut terminal = Terminal::new(TestBackend::new(w.max(1), h.max(1))).expect("test backend");
    let typed = ["j", "G", "]", "<Tab>", "f", "a", "<Esc>", "h", "z", "<Enter>", "/", "x", "<Enter>", "n"];
    for (i, key) in typed.iter().enumerate() {
        if let Some(k) = keys::parse_key(key) {
            if let Some(action) = state.keymap.action_for(k, state.mode()) {
                let _ = update(&mut state, action);
            }
        }
        if i % 4 == 0 {
            update(&mut state, Action::Resize((w + i as u16) % 130 + 1, (h + i as u16) % 50 + 1));
        }
        if i % 3 == 0 {
            // Sometimes the frame lags behind the state's size, as it can during a resize storm.
            terminal.backend_mut().resize(state.size.0, state.size.1);
        }
        terminal.draw(|f| folio::ui::draw(f, &state, &folio::ui::Theme::default())).expect("draw");
        check(terminal.backend().buffer());
    }
}

fn check(buf: &ratatui::buffer::Buffer) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars()
                    .any(|c| (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) || folio::sanitize::is_bidi(c)),
                "control character in cell ({x},{y}): {sym:?}"
            );
        }
    }
}

/// Link resolution of an arbitrary destination, from an arbitrary article path, in every
/// syntax: never panics, and a target that resolves to a path stays inside the library.
pub fn resolve(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (from, dest) = text.split_once('\n').unwrap_or(("a/b.md", &text));
    let library = Library::bundled();
    for kind in [LinkKind::Markdown, LinkKind::Wiki, LinkKind::CrossRef] {
        if let folio::library::Target::Article { entry, .. } = library.resolve(dest, kind, from) {
            assert!(entry < library.entries.len());
        }
    }
    if let folio::library::resolve::Dest::Path { path, .. } = folio::library::resolve::classify_dest(dest, from) {
        assert!(!path.split('/').any(|p| p == ".."), "{path}");
        assert!(!path.starts_with('/'), "{path}");
    }
    if let Ok(url) = folio::library::resolve::check_url(dest) {
        assert!(!url.starts_with('-'));
        assert!(!url.chars().any(|c| c.is_control() || c.is_whitespace()));
    }
}
