//! Handing a checked URL to the user's browser: one argument, no shell, no environment
//! expansion. `$BROWSER` (a `:`-separated list; the first entry is used, `%s` stands for the
//! URL) runs in the foreground, since it may be a text browser that needs the terminal; the
//! system opener (`xdg-open`, `open`) runs detached and a thread waits for it, so no zombie
//! process is left behind.

use std::process::{Command, Stdio};

/// How the opener runs.
#[derive(Debug)]
pub struct Launch {
    pub command: Command,
    /// Whether it needs the terminal (folio gives it up and waits).
    pub foreground: bool,
}

/// The command that opens `url`: from `$BROWSER` when set, else the system opener.
pub fn launch_for(url: &str, browser: Option<&str>) -> Result<Launch, String> {
    if let Some(entry) = browser.and_then(|b| b.split(':').map(str::trim).find(|e| !e.is_empty())) {
        let mut words = entry.split_whitespace();
        let program = words.next().ok_or("BROWSER is empty")?;
        let mut command = Command::new(program);
        let mut placed = false;
        for w in words {
            if w.contains("%s") {
                command.arg(w.replace("%s", url));
                placed = true;
            } else {
                command.arg(w);
            }
        }
        if !placed {
            command.arg(url);
        }
        return Ok(Launch { command, foreground: true });
    }
    let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let mut command = Command::new(program);
    command.arg(url);
    Ok(Launch { command, foreground: false })
}

/// Opens the file `path` of the library folder `root` with the system's opener, after
/// checking again that it lies inside the folder and is a regular file. The path goes as one
/// argument, never through a shell; `$BROWSER` is not used for files.
pub fn open_file(root: &std::path::Path, path: &str) -> Result<(), String> {
    let file = root.join(path).canonicalize().map_err(|e| crate::source::io_message(&e))?;
    let root = root.canonicalize().map_err(|e| crate::source::io_message(&e))?;
    if !file.starts_with(&root) {
        return Err(crate::library::resolve::LEAVES_LIBRARY.to_string());
    }
    if !std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
        return Err("not a regular file".to_string());
    }
    let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let mut command = Command::new(program);
    command.arg(&file);
    run(Launch { command, foreground: false })
}

/// Runs a launch: a foreground one to its end (the caller has given the terminal up), a
/// background one detached from the terminal, reaped by a thread.
pub fn run(launch: Launch) -> Result<(), String> {
    let Launch { mut command, foreground } = launch;
    let message = |e: std::io::Error| crate::source::io_message(&e);
    if foreground {
        let status = command.status().map_err(message)?;
        return if status.success() { Ok(()) } else { Err(format!("the browser exited with {status}")) };
    }
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group: a Ctrl-C meant for folio does not reach it.
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(message)?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(l: &Launch) -> Vec<String> {
        std::iter::once(l.command.get_program())
            .chain(l.command.get_args())
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn browser_entries_and_placeholders() {
        let url = "https://example.org/a b";
        assert_eq!(argv(&launch_for(url, Some("w3m")).unwrap()), ["w3m", url]);
        assert_eq!(argv(&launch_for(url, Some("lynx -dump %s:firefox")).unwrap()), ["lynx", "-dump", url]);
        assert!(launch_for(url, Some("w3m")).unwrap().foreground);
        let system = launch_for(url, None).unwrap();
        assert!(!system.foreground);
        assert_eq!(argv(&system).len(), 2, "one argument: the URL");
    }
}
