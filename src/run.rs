//! The event loop: the only place that touches the terminal. Terminal state is restored on
//! every exit path: normal quit, error, panic, and SIGTERM/SIGHUP/SIGINT/SIGQUIT.

use std::io::{stdout, Stdout, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::app::keymap;
use crate::app::{update, Action, Document, Effect, State};
use crate::ui::{self, Theme};

/// Signals that end folio cleanly (exit code 128 + the signal number).
const EXIT_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// Puts the terminal back as it was: cooked mode, main screen, no mouse capture, cursor shown.
/// Safe to call more than once.
pub fn restore_terminal() {
    let mut out = stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Raw mode and the alternate screen for as long as it lives.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

/// Raw mode, the alternate screen, a hidden cursor and (optionally) mouse capture; undone on
/// failure so a half-set-up terminal is never left behind.
fn setup_terminal(mouse: bool) -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = stdout();
    let setup = execute!(out, EnterAlternateScreen, cursor::Hide).and_then(|_| {
        if mouse {
            execute!(out, EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    if setup.is_err() {
        restore_terminal();
    }
    setup
}

impl TerminalGuard {
    fn enter(mouse: bool) -> std::io::Result<TerminalGuard> {
        setup_terminal(mouse)?;
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        }
    }

    /// Gives the terminal back (for `Ctrl-z` or a text browser) until [`Self::resume`].
    fn pause(&mut self) {
        restore_terminal();
    }

    /// Clears the screen; a fresh `Terminal` then draws every cell.
    fn redraw(&mut self) -> std::io::Result<()> {
        execute!(stdout(), terminal::Clear(terminal::ClearType::All))?;
        self.terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(())
    }

    /// Takes the terminal again; a fresh `Terminal` redraws the whole screen.
    fn resume(&mut self, mouse: bool) -> std::io::Result<()> {
        setup_terminal(mouse)?;
        self.terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Restores the terminal before the default panic message is printed, so it stays readable.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        default(info);
    }));
}

/// The terminal size, with a reported 0×0 treated as unknown (80×24).
fn size_of(t: &Terminal<CrosstermBackend<Stdout>>) -> (u16, u16) {
    match t.size() {
        Ok(s) if s.width > 0 && s.height > 0 => (s.width, s.height),
        _ => (80, 24),
    }
}

fn to_action(ev: &Event, state: &State) -> Option<Action> {
    match ev {
        Event::Key(k) => keymap::action_for(k, state.mode()),
        Event::Mouse(m) => keymap::mouse_action(m),
        Event::Resize(w, h) if *w > 0 && *h > 0 => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Carries out [`Effect::Load`]: reads a library entry and shows it as a new history entry,
/// or says in the status line why it could not be read.
pub fn open_entry(state: &mut State, entry: usize, fragment: Option<&str>) {
    match state.library.load(entry) {
        Ok(loaded) => {
            let path = state.library.entries[entry].path.clone();
            let source = match &state.library.root {
                crate::library::Root::Bundled => format!("bundled:{path}"),
                crate::library::Root::Dir(root) => crate::source::display_path(&root.join(&path)),
            };
            let doc = Document::new(loaded.article, source, &state.library, Some(path));
            state.show_loaded(doc, fragment);
            if let Some(n) = loaded.notice {
                state.message = Some(n);
            }
        }
        Err(e) => state.message = Some(crate::sanitize::sanitize(&e).into_owned()),
    }
}

/// The library's article texts, read on the first library search and kept for the next ones.
#[derive(Default)]
pub struct LibraryTexts {
    texts: Vec<Option<String>>,
}

/// Carries out [`Effect::SearchLibrary`]: reads what is not cached yet, then scans it all.
pub fn search_library(
    library: &crate::library::Library,
    cache: &mut LibraryTexts,
    pattern: &str,
) -> Vec<crate::library::search::LibraryHit> {
    let Ok(re) = crate::search::compile(pattern) else { return Vec::new() };
    if cache.texts.len() != library.entries.len() {
        cache.texts = (0..library.entries.len()).map(|i| library.read_text(i).ok()).collect();
    }
    let texts = cache.texts.iter().enumerate().filter_map(|(i, t)| t.as_deref().map(|t| (i, t)));
    crate::library::search::search(library, texts, &re)
}

/// A whole layout computed in the background.
type LayoutJob = std::sync::mpsc::Receiver<Arc<crate::layout::PageLayout>>;

/// The full article being parsed in the background while its preview is shown.
pub type PendingDocument = std::sync::mpsc::Receiver<Document>;

/// Runs the interactive reader until the user quits; returns the process exit code.
/// `make_state` builds the first state for the terminal's size; it may also hand back a
/// [`PendingDocument`] that replaces the shown preview when it arrives.
pub fn run(make_state: impl FnOnce((u16, u16)) -> (State, Option<PendingDocument>)) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("standard output is not a terminal");
    }
    install_panic_hook();
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in EXIT_SIGNALS {
        signal_hook::flag::register_usize(sig, signal.clone(), sig as usize)?;
    }
    let winch = Arc::new(std::sync::atomic::AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGWINCH, winch.clone())?;
    let theme = Theme::from_env();
    let mut guard = TerminalGuard::enter(true).map_err(|e| anyhow::anyhow!("needs a terminal: {e}"))?;
    let (mut state, mut pending) = make_state(size_of(&guard.terminal));
    // A whole layout being computed in the background after a resize of a big article.
    let mut layout_job: Option<(u16, LayoutJob)> = None;
    let mut actions: Vec<Action> = Vec::new();
    let mut texts = LibraryTexts::default();
    loop {
        let size = size_of(&guard.terminal);
        if size != state.size {
            update(&mut state, Action::Resize(size.0, size.1));
        }
        // Effects (an article opened, results shown) may have moved the reading position.
        state.refresh_shown();
        guard.terminal.draw(|f| ui::draw(f, &state, &theme))?;
        #[cfg(debug_assertions)]
        if std::env::var_os("FOLIO_DEBUG_PANIC").is_some() {
            panic!("panic requested by FOLIO_DEBUG_PANIC (debug builds only)");
        }
        // Wait for input, checking for signals a few times a second. A SIGWINCH is noticed at
        // once even if the terminal library has not turned it into an event yet.
        let mut has_event = false;
        loop {
            let sig = signal.load(Ordering::Relaxed);
            if sig != 0 {
                drop(guard);
                return Ok(128u8.saturating_add(sig as u8));
            }
            // While the full article is on its way, look for it often.
            let wait = if pending.is_some() || layout_job.is_some() { 20 } else { 50 };
            if event::poll(Duration::from_millis(wait))? {
                has_event = true;
                break;
            }
            if winch.swap(false, Ordering::Relaxed) && size_of(&guard.terminal) != state.size {
                break;
            }
            if let Some((_, rx)) = &layout_job {
                if let Ok(layout) = rx.try_recv() {
                    state.accept_layout(layout);
                    layout_job = None;
                    guard.terminal.draw(|f| ui::draw(f, &state, &theme))?;
                }
            }
            if let Some(rx) = &pending {
                match rx.try_recv() {
                    Ok(doc) => {
                        state.replace_document(doc);
                        pending = None;
                        start_layout_job(&state, &mut layout_job);
                        guard.terminal.draw(|f| ui::draw(f, &state, &theme))?;
                    }
                    Err(std::sync::mpsc::TryRecvError::Empty) => {}
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                        pending = None;
                        state.partial = None;
                        state.message = Some("could not finish reading the article".to_string());
                    }
                }
            }
        }
        // Take everything already queued; a storm of resizes collapses into the last one.
        actions.clear();
        let mut budget = if has_event { 4096 } else { 0 };
        while budget > 0 {
            let ev = event::read()?;
            if let Some(a) = to_action(&ev, &state) {
                if let (Action::Resize(..), Some(Action::Resize(..))) = (a, actions.last()) {
                    actions.pop();
                }
                actions.push(a);
                // Keys after a mode change must be read in the new mode: stop here.
                if !matches!(a, Action::Resize(..) | Action::Wheel(..)) {
                    break;
                }
            }
            budget -= 1;
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
        for &a in &actions {
            // (A resize may ask for a background layout: started after the actions below.)
            let mut effect = update(&mut state, a);
            if let Some(Effect::AwaitFull(action)) = effect {
                // The user asked for text only the full parse has: wait for it (it is what
                // they will see next), then apply the key.
                if let Some(rx) = pending.take() {
                    match rx.recv() {
                        Ok(doc) => state.replace_document(doc),
                        Err(_) => state.message = Some("could not finish reading the article".to_string()),
                    }
                }
                state.partial = None;
                if let Some(width) = state.layout_wanted() {
                    let layout = match layout_job.take() {
                        Some((w, rx)) if w == width => rx.recv().ok(),
                        _ => None,
                    };
                    let layout = layout.unwrap_or_else(|| Arc::new(crate::layout::layout(&state.doc.article, width)));
                    state.accept_layout(layout);
                }
                effect = update(&mut state, action);
            }
            match effect {
                Some(Effect::Quit) => return Ok(0),
                Some(Effect::AwaitFull(_)) => {}
                Some(Effect::Redraw) => guard.redraw()?,
                Some(Effect::SetMouse(on)) => {
                    let mut out = stdout();
                    if on {
                        execute!(out, EnableMouseCapture)?;
                    } else {
                        execute!(out, DisableMouseCapture)?;
                    }
                }
                Some(Effect::Suspend) => {
                    guard.pause();
                    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
                    // Resumed by `fg`: a fresh terminal redraws the whole screen.
                    guard.resume(state.mouse)?;
                }
                Some(Effect::Load { entry, fragment }) => open_entry(&mut state, entry, fragment.as_deref()),
                Some(Effect::SearchLibrary(pattern)) => {
                    let hits = search_library(&state.library, &mut texts, &pattern);
                    state.show_library_results(pattern, hits);
                }
                Some(Effect::OpenUrl(url)) => {
                    // A text browser takes over the terminal: give it back while it runs.
                    let text_browser = std::env::var_os("BROWSER").is_some();
                    if text_browser {
                        guard.pause();
                    }
                    let result = webbrowser::open(&url);
                    if text_browser {
                        guard.resume(state.mouse)?;
                    }
                    if let Err(e) = result {
                        state.message =
                            Some(format!("could not open the browser: {}", crate::sanitize::sanitize(&e.to_string())));
                    }
                }
                None => {}
            }
        }
        start_layout_job(&state, &mut layout_job);
    }
}

/// Starts laying out the whole article in the background when only a window of it is laid out
/// at the current width (and no job for that width is running).
fn start_layout_job(state: &State, job: &mut Option<(u16, LayoutJob)>) {
    if let Some(width) = state.layout_wanted() {
        if job.as_ref().map(|(w, _)| *w) != Some(width) {
            let article = state.doc.article.clone();
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(Arc::new(crate::layout::layout(&article, width)));
            });
            *job = Some((width, rx));
        }
    }
}
