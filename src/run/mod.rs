//! The event loop: the only place that touches the terminal. It waits for input (keys, mouse,
//! resizes, signals) and for background results, feeds both to `update` as actions, carries
//! out the effects, and draws. Terminal state is restored on every way out.

mod edit;
mod runner;
mod terminal;
mod watch;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event};

pub use runner::Runner;
pub use terminal::restore_terminal;
use terminal::{install_panic_hook, TerminalGuard};

use crate::app::{update, Action, Effect, State};
use crate::ui::{self, Theme};

use signal_hook::consts as sig;

/// Signals that end folio, cleanly: the terminal is given back first, and the exit code is
/// 128 + the signal number. Every catchable signal whose default is to end the process.
const EXIT_SIGNALS: [i32; 11] = [
    sig::SIGTERM,
    sig::SIGHUP,
    sig::SIGINT,
    sig::SIGQUIT,
    sig::SIGUSR1,
    sig::SIGUSR2,
    sig::SIGALRM,
    sig::SIGVTALRM,
    sig::SIGXCPU,
    sig::SIGXFSZ,
    sig::SIGPIPE,
];

/// Flags set by signal handlers, read by the loop.
struct Signals {
    exit: Arc<AtomicUsize>,
    winch: Arc<AtomicBool>,
    /// `kill -TSTP` from outside: give the terminal back, then stop (as Ctrl-z does).
    stop: Arc<AtomicBool>,
    /// Resumed after a stop (`fg`, `kill -CONT`): take the terminal again and redraw.
    cont: Arc<AtomicBool>,
}

impl Signals {
    fn install() -> std::io::Result<Signals> {
        let exit = Arc::new(AtomicUsize::new(0));
        for s in EXIT_SIGNALS {
            signal_hook::flag::register_usize(s, exit.clone(), s as usize)?;
        }
        let flag = |s| -> std::io::Result<Arc<AtomicBool>> {
            let f = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register(s, f.clone())?;
            Ok(f)
        };
        Ok(Signals { exit, winch: flag(sig::SIGWINCH)?, stop: flag(sig::SIGTSTP)?, cont: flag(sig::SIGCONT)? })
    }

    /// The exit code a caught signal asks for.
    fn exit_code(&self) -> Option<u8> {
        let sig = self.exit.load(Ordering::Relaxed);
        (sig != 0).then(|| 128u8.saturating_add(sig as u8))
    }
}

/// What the loop does after an effect.
enum Flow {
    Go,
    Exit(u8),
}

/// What the wait for input brings.
enum Input {
    Actions(Vec<Action>),
    Exit(u8),
    /// Stopped from outside (SIGTSTP): give the terminal back and stop.
    Stop,
    /// Resumed after a stop folio did not make itself (SIGSTOP, then SIGCONT).
    Resume,
}

/// Gives the terminal back and stops the process, as the default action of SIGTSTP does (a
/// handler for it is installed, so raising it would only set a flag); when resumed, takes the
/// terminal again: a fresh `Terminal` redraws every cell.
fn stop_here(guard: &mut TerminalGuard, mouse: bool, signals: &Signals) -> anyhow::Result<()> {
    guard.pause();
    signal_hook::low_level::emulate_default_handler(sig::SIGTSTP)?;
    signals.cont.store(false, Ordering::Relaxed);
    guard.resume(mouse)?;
    Ok(())
}

/// What the event loop carries besides the state: the colours, where memory is saved, the
/// file watcher.
pub struct Session {
    pub theme: Theme,
    /// The state file (`None`: nothing is saved this run).
    pub store: Option<crate::memory::store::Store>,
    watch: watch::Watch,
}

impl Session {
    /// A session drawing with `theme` and saving to `store`.
    pub fn new(theme: Theme, store: Option<crate::memory::store::Store>) -> Session {
        Session { theme, store, watch: watch::Watch::new() }
    }
}

/// Runs the interactive reader on `state` until the user quits; returns the exit code.
/// `state`'s pending effects (a background parse, a folder scan) start first.
pub fn run(mut state: State, mut session: Session) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("standard output is not a terminal");
    }
    install_panic_hook();
    let signals = Signals::install()?;
    let theme = session.theme;
    let mut guard = TerminalGuard::enter(state.mouse).map_err(|e| anyhow::anyhow!("needs a terminal: {e}"))?;
    let mut runner = Runner::default();
    state.set_highlight(theme.color.then_some(theme.dark));
    let session = &mut session;
    let size = guard.size();
    if size != state.size {
        let effect = update(&mut state, Action::Resize(size.0, size.1));
        carry_out_all(effect, &mut guard, &mut runner, &mut state, &signals, session)?;
    }
    for e in state.take_effects() {
        carry_out(e, &mut guard, &mut runner, &mut state, &signals, session)?;
    }
    loop {
        let size = guard.size();
        if size != state.size {
            let effect = update(&mut state, Action::Resize(size.0, size.1));
            carry_out_all(effect, &mut guard, &mut runner, &mut state, &signals, session)?;
        }
        guard.terminal.draw(|f| ui::draw(f, &state, &theme))?;
        #[cfg(debug_assertions)]
        if std::env::var_os("FOLIO_DEBUG_PANIC").is_some() {
            panic!("panic requested by FOLIO_DEBUG_PANIC (debug builds only)");
        }
        session.watch.follow(&state);
        let actions = match wait_for_input(&guard, &runner, &signals, &state, &session.watch)? {
            Input::Actions(actions) => actions,
            Input::Exit(code) => {
                // Ended by a signal: what is remembered is saved first, as on `q`.
                if state.quitting().is_some() {
                    save_memory(&mut state, session);
                }
                return Ok(leave(guard, state, runner, code));
            }
            Input::Stop => {
                stop_here(&mut guard, state.mouse, &signals)?;
                continue;
            }
            Input::Resume => {
                // Raw mode is set again from scratch (whatever changed the terminal meanwhile).
                guard.pause();
                guard.resume(state.mouse)?;
                continue;
            }
        };
        for action in actions {
            let effect = update(&mut state, action);
            if let Flow::Exit(code) = carry_out_all(effect, &mut guard, &mut runner, &mut state, &signals, session)? {
                return Ok(leave(guard, state, runner, code));
            }
        }
    }
}

/// Saves what is remembered; a failure is a status-line message (the old file stays).
fn save_memory(state: &mut State, session: &mut Session) {
    let Some(store) = &session.store else { return };
    match store.save(&state.memory) {
        Ok(merged) => state.memory = merged,
        Err(e) => state.message = Some(format!("state not saved: {}", crate::sanitize::sanitize(&e))),
    }
}

/// Gives the terminal back and ends at once. What the process is about to lose anyway (a
/// 50 MB article, its layouts, running jobs) is not torn down piece by piece: freeing it
/// would make `q` take a visible moment.
fn leave(guard: TerminalGuard, state: State, runner: Runner, code: u8) -> u8 {
    drop(guard);
    std::mem::forget(state);
    std::mem::forget(runner);
    code
}

/// Waits for keys, mouse events, resizes or background results; returns them as actions, or
/// the exit code of a signal. Never blocks for longer than a few dozen milliseconds, so
/// results and signals are seen promptly.
fn wait_for_input(
    guard: &TerminalGuard,
    runner: &Runner,
    signals: &Signals,
    state: &State,
    watch: &watch::Watch,
) -> anyhow::Result<Input> {
    loop {
        if let Some(code) = signals.exit_code() {
            return Ok(Input::Exit(code));
        }
        if signals.stop.swap(false, Ordering::Relaxed) {
            return Ok(Input::Stop);
        }
        if signals.cont.swap(false, Ordering::Relaxed) {
            return Ok(Input::Resume);
        }
        let mut actions = runner.arrived();
        actions.extend(watch.changes(state));
        let wait = if !actions.is_empty() {
            Duration::ZERO
        } else if state.jobs.slots.is_empty() {
            Duration::from_millis(50)
        } else {
            Duration::from_millis(10)
        };
        if event::poll(wait)? {
            read_events(state, &mut actions)?;
        }
        // A SIGWINCH is noticed at once even if the terminal library has not reported it yet.
        if signals.winch.swap(false, Ordering::Relaxed) && guard.size() != state.size {
            let (w, h) = guard.size();
            actions.push(Action::Resize(w, h));
        }
        if !actions.is_empty() {
            return Ok(Input::Actions(actions));
        }
    }
}

/// Takes the events already queued: a storm of resizes collapses into the last one, and
/// reading stops after the first key (keys after a mode change must be read in the new mode).
fn read_events(state: &State, actions: &mut Vec<Action>) -> std::io::Result<()> {
    let mut budget = 4096;
    loop {
        let ev = event::read()?;
        if let Some(a) = to_action(&ev, state) {
            if let (Action::Resize(..), Some(Action::Resize(..))) = (&a, actions.last()) {
                actions.pop();
            }
            let key = !matches!(a, Action::Resize(..) | Action::Wheel(..) | Action::HWheel(..));
            actions.push(a);
            if key {
                return Ok(());
            }
        }
        budget -= 1;
        if budget == 0 || !event::poll(Duration::ZERO)? {
            return Ok(());
        }
    }
}

fn to_action(ev: &Event, state: &State) -> Option<Action> {
    match ev {
        Event::Key(k) => crate::keymap::action_for(&state.keymap, k, state.mode()),
        Event::Mouse(m) => crate::keymap::mouse_action(m),
        Event::Resize(w, h) if *w > 0 && *h > 0 => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Carries out an update's effects in order.
fn carry_out_all(
    effect: Option<Effect>,
    guard: &mut TerminalGuard,
    runner: &mut Runner,
    state: &mut State,
    signals: &Signals,
    session: &mut Session,
) -> anyhow::Result<Flow> {
    for e in effect.map(Effect::flatten).unwrap_or_default() {
        if let Flow::Exit(code) = carry_out(e, guard, runner, state, signals, session)? {
            return Ok(Flow::Exit(code));
        }
    }
    Ok(Flow::Go)
}

/// Carries out one effect.
fn carry_out(
    effect: Effect,
    guard: &mut TerminalGuard,
    runner: &mut Runner,
    state: &mut State,
    signals: &Signals,
    session: &mut Session,
) -> anyhow::Result<Flow> {
    match effect {
        Effect::SaveMemory => save_memory(state, session),
        Effect::SaveFile { path, text } => {
            state.message = Some(match save_page(&path, &text) {
                Ok(written) => format!("saved to {}", crate::source::display_path(&written)),
                Err(e) => format!("could not save {}: {e}", crate::source::display_path(&path)),
            });
        }
        Effect::Copy(text) => {
            let copy = crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.as_bytes());
            if let Err(e) = crossterm::execute!(std::io::stdout(), copy) {
                state.message = Some(format!("could not copy: {e}"));
            }
        }
        Effect::Edit { file, text } => {
            guard.pause();
            let edited = edit::run_editor(&file, &text);
            guard.resume(state.mouse)?;
            match edited {
                Ok(()) => {
                    let effect = update(state, Action::FileChanged);
                    return carry_out_all(effect, guard, runner, state, signals, session);
                }
                Err(e) => state.message = Some(format!("could not edit: {}", crate::sanitize::sanitize(&e))),
            }
        }
        Effect::Quit => return Ok(Flow::Exit(0)),
        Effect::Redraw => guard.redraw()?,
        Effect::SetMouse(on) => guard.set_mouse(on)?,
        // Resumed by `fg`: a fresh terminal redraws the whole screen.
        Effect::Suspend => stop_here(guard, state.mouse, signals)?,
        Effect::Start { gen, job } => runner.start(gen, job),
        Effect::Cancel(kind) => runner.cancel(kind),
        Effect::Batch(all) => return carry_out_all(Some(Effect::Batch(all)), guard, runner, state, signals, session),
        Effect::OpenFile { root, path } => {
            if let Err(e) = crate::opener::open_file(&root, &path) {
                let path = crate::sanitize::sanitize_line(&path);
                state.message = Some(format!("could not open {path}: {}", crate::sanitize::sanitize(&e)));
            }
        }
        Effect::OpenUrl(url) => {
            let browser = std::env::var("BROWSER").ok();
            let result = crate::opener::launch_for(&url, browser.as_deref()).and_then(|launch| {
                // A text browser takes over the terminal: give it back while it runs.
                let foreground = launch.foreground;
                if foreground {
                    guard.pause();
                }
                let r = crate::opener::run(launch);
                if foreground {
                    guard.resume(state.mouse).map_err(|e| e.to_string())?;
                }
                r
            });
            if let Err(e) = result {
                state.message = Some(format!("could not open the browser: {}", crate::sanitize::sanitize(&e)));
            }
        }
    }
    Ok(Flow::Go)
}

/// Writes a saved page; returns where (the folder is made when missing; the file is written
/// whole, then renamed into place, so a library never holds half a page). A page saved before
/// from the same address is updated; any other file of that name is the user's and is kept:
/// the page goes to `Title (2).md` instead.
pub fn save_page(path: &std::path::Path, text: &str) -> Result<std::path::PathBuf, String> {
    use std::io::Write;
    let dir = path.parent().ok_or("no folder")?;
    std::fs::create_dir_all(dir).map_err(|e| crate::source::io_message(&e))?;
    let source = text.lines().take(20).find(|l| l.starts_with("source: "));
    let ours = |p: &std::path::Path| {
        !p.exists()
            || source.is_some_and(|s| std::fs::read_to_string(p).is_ok_and(|old| old.lines().take(20).any(|l| l == s)))
    };
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let path = std::iter::once(path.to_path_buf())
        .chain((2..1000).map(|n| dir.join(format!("{stem} ({n}).md"))))
        .find(|p| ours(p))
        .ok_or_else(|| format!("{stem}: too many files of that name"))?;
    let mut temp =
        tempfile::Builder::new().prefix(".folio-save-").tempfile_in(dir).map_err(|e| crate::source::io_message(&e))?;
    temp.write_all(text.as_bytes()).map_err(|e| crate::source::io_message(&e))?;
    temp.persist(&path).map_err(|e| crate::source::io_message(&e.error))?;
    Ok(path)
}
