//! The terminal while folio runs: raw mode, the alternate screen, mouse capture, a hidden
//! cursor; and putting all of it back on every way out (quit, error, panic, signal).

use std::io::{stdout, Stdout, Write};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

/// Puts the terminal back as it was: cooked mode, main screen, no mouse capture, cursor shown.
/// Safe to call more than once.
pub fn restore_terminal() {
    let mut out = stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
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

/// Raw mode and the alternate screen for as long as it lives.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    /// Takes the terminal.
    pub fn enter(mouse: bool) -> std::io::Result<TerminalGuard> {
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
    pub fn pause(&mut self) {
        restore_terminal();
    }

    /// Clears the screen; a fresh `Terminal` then draws every cell.
    pub fn redraw(&mut self) -> std::io::Result<()> {
        execute!(stdout(), terminal::Clear(terminal::ClearType::All))?;
        self.terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(())
    }

    /// Takes the terminal again; a fresh `Terminal` redraws the whole screen.
    pub fn resume(&mut self, mouse: bool) -> std::io::Result<()> {
        setup_terminal(mouse)?;
        self.terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(())
    }

    /// Mouse capture on or off.
    pub fn set_mouse(&mut self, on: bool) -> std::io::Result<()> {
        if on {
            execute!(stdout(), EnableMouseCapture)
        } else {
            execute!(stdout(), DisableMouseCapture)
        }
    }

    /// The terminal size, with a reported 0×0 treated as unknown (80×24).
    pub fn size(&self) -> (u16, u16) {
        match self.terminal.size() {
            Ok(s) if s.width > 0 && s.height > 0 => (s.width, s.height),
            _ => (80, 24),
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// The prefix of the names of job threads: a panic there is the job's to report (it is caught
/// and shown on the status line), not a reason to give the terminal back.
pub const JOB_THREAD: &str = "folio-job";

/// Restores the terminal before the default panic message is printed, so it stays readable. A
/// panic in a job thread prints nothing over the screen: the job reports it.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name().is_some_and(|n| n.starts_with(JOB_THREAD)) {
            return;
        }
        restore_terminal();
        default(info);
    }));
}
