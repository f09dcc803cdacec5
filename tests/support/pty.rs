//! A pseudo-terminal harness: runs the real folio binary, feeds it keys, and reads its screen
//! through `vt100`, as a user would see it. Waits for screen content (never sleeps and hopes).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

/// A running folio in a pseudo-terminal.
pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte folio wrote, for checks on the raw stream.
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// Set when the terminal's output has ended (the program and its children closed it).
    closed: Arc<std::sync::atomic::AtomicBool>,
    /// The home, config and state folders of this run (never the user's).
    pub home: Arc<tempfile::TempDir>,
}

/// The folio binary cargo built for the tests.
pub fn folio_bin() -> String {
    env!("CARGO_BIN_EXE_folio").to_string()
}

/// Points `HOME` and the XDG folders into `home`, and tells folio the terminal's background
/// (a bare pty answers no colour query).
pub fn isolate(cmd: &mut CommandBuilder, home: &std::path::Path) {
    cmd.env("HOME", home);
    for (var, sub) in [
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
    ] {
        cmd.env(var, home.join(sub));
    }
    cmd.env("COLORFGBG", "15;0");
}

impl Pty {
    /// Starts folio with `args` on a `cols`×`rows` terminal.
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Pty {
        Self::spawn_env(args, cols, rows, &[])
    }

    /// Starts folio with extra environment variables.
    pub fn spawn_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Self::spawn_program(&folio_bin(), args, cols, rows, env)
    }

    /// Starts any program (a shell, to test job control) in a pseudo-terminal.
    pub fn spawn_program(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        let home = Arc::new(tempfile::tempdir().expect("a temporary home"));
        Self::spawn_at_home(home, program, args, cols, rows, env)
    }

    /// Starts folio again with the home (config, state) of an earlier run.
    pub fn respawn(&self, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Self::spawn_at_home(self.home.clone(), &folio_bin(), args, cols, rows, env)
    }

    /// Starts a program with `home` as its home and XDG folders.
    pub fn spawn_at_home(
        home: Arc<tempfile::TempDir>,
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("FOLIO_LIBRARY");
        // Never the user's folders: a home, config and state of this run's own.
        isolate(&mut cmd, home.path());
        for (k, v) in env {
            // An empty value unsets the variable (`env -u`).
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        cmd.cwd(std::env::temp_dir());
        let child = pair.slave.spawn_command(cmd).expect("spawn folio");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows.max(1), cols.max(1), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        let closed = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = closed.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut parser = p.lock().unwrap_or_else(|e| e.into_inner());
                let (rows, cols) = parser.screen().size();
                // vt100 can overflow on output meant for a larger screen right after a resize
                // to 1 column: start a fresh emulator of the same size (folio redraws anyway).
                let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.process(&buf[..n])));
                if ok.is_err() {
                    *parser = vt100::Parser::new(rows, cols, 0);
                }
                drop(parser);
                r.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(&buf[..n]);
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Pty { child, master: pair.master, writer, parser, raw, closed, home }
    }

    /// Types bytes (keys) into the terminal.
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap_or_else(|e| e.into_inner()).screen().contents()
    }

    /// One row of the screen.
    pub fn row(&self, row: u16) -> String {
        let p = self.parser.lock().unwrap_or_else(|e| e.into_inner());
        let (_, cols) = p.screen().size();
        p.screen().contents_between(row, 0, row, cols)
    }

    /// Whether the terminal shows the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap_or_else(|e| e.into_inner()).screen().alternate_screen()
    }

    /// Waits until the screen satisfies `pred`; panics with the screen after `secs`.
    pub fn wait_until(&self, what: &str, secs: u64, pred: impl Fn(&Pty) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            if pred(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    /// How many bytes the program has written so far.
    pub fn written(&self) -> usize {
        self.raw.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Waits until the program writes more than `after` bytes (it answered the last input).
    pub fn wait_output(&self, after: usize) {
        self.wait_until("more output", 20, |p| p.written() > after);
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(text, 20, |p| p.screen().contains(text));
    }

    /// Resizes the terminal (folio gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        self.parser.lock().unwrap_or_else(|e| e.into_inner()).screen_mut().set_size(rows, cols);
    }

    /// Waits for folio to exit; returns its exit code.
    pub fn wait_exit(&mut self, secs: u64) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // What folio wrote last is read once the reader sees the end of the output.
                while !self.closed.load(std::sync::atomic::Ordering::SeqCst) && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        panic!("folio did not exit; screen:\n{}", self.screen());
    }

    /// Whether the terminal is back in cooked mode (canonical input and echo on).
    pub fn cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let t = self.master.get_termios().expect("termios of the pty");
        t.local_flags.contains(LocalFlags::ICANON) && t.local_flags.contains(LocalFlags::ECHO)
    }

    /// The process id of folio.
    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("pid") as i32
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
