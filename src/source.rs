//! Reading article sources: files (regular files only, capped), standard input, the bundled
//! library. The only file I/O of the import path lives here, at the edge.

use std::io::Read;
use std::path::Path;

use crate::import::{Format, MAX_INPUT};
use crate::model::Article;
use crate::sanitize::sanitize_line;

/// An article read from somewhere, with a notice for the status line (lossy decoding etc.).
#[derive(Debug)]
pub struct Loaded {
    pub article: Article,
    pub notice: Option<String>,
    /// The format the text was read as.
    pub format: Format,
}

/// Why a file or stream could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The operating system's message, without Rust's "(os error N)" suffix.
    #[error("{0}")]
    Io(String),
    #[error("is a directory")]
    Directory,
    #[error("not a regular file")]
    NotRegular,
    #[error("too large ({} MiB; folio reads at most {} MiB)", .0 >> 20, MAX_INPUT >> 20)]
    TooLarge(u64),
    #[error("nothing was written to the pipe")]
    EmptyPipe,
    #[error("nothing was written to the pipe for {} s", PIPE_IDLE.as_secs())]
    SilentPipe,
    #[error("is a terminal: pipe an article into folio, or name a file")]
    Terminal,
}

/// How long a pipe named on the command line may stay silent before folio gives up on it.
pub const PIPE_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

/// Reads a path named on the command line: a regular file as [`read_file`] does; a pipe
/// (`folio <(pandoc -t gfm page.html)`, `/dev/stdin` fed by a pipe) like standard input, with
/// the same size cap, giving up when nothing is written to it for [`PIPE_IDLE`]; anything else
/// (a device, a terminal, a folder) is refused. A FIFO met in a library walk is never opened.
pub fn read_input(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::IsTerminal;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() {
        if meta.len() > MAX_INPUT {
            return Err(ReadError::TooLarge(meta.len()));
        }
        return read_capped(file);
    }
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    #[cfg(unix)]
    if meta.file_type().is_fifo() {
        return read_pipe(file);
    }
    if file.is_terminal() {
        return Err(ReadError::Terminal);
    }
    Err(ReadError::NotRegular)
}

/// Reads a pipe opened without blocking, until its writer closes it.
fn read_pipe(mut file: std::fs::File) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut last = std::time::Instant::now();
    loop {
        match file.read(&mut chunk) {
            // With no writer (a named pipe nobody opened) the end comes at once.
            Ok(0) if buf.is_empty() => return Err(ReadError::EmptyPipe),
            Ok(0) => return Ok(buf),
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                if buf.len() as u64 > MAX_INPUT {
                    return Err(ReadError::TooLarge(buf.len() as u64));
                }
                last = std::time::Instant::now();
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if last.elapsed() > PIPE_IDLE {
                    return Err(ReadError::SilentPipe);
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(io_message(&e))
    }
}

/// A readable message for an I/O error, without Rust's "(os error N)" suffix.
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Reads a regular file of at most [`MAX_INPUT`] bytes. FIFOs, devices and directories are
/// refused without blocking (the file is opened non-blocking and checked with `fstat`).
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let meta = file.metadata()?;
    if meta.len() > MAX_INPUT {
        return Err(ReadError::TooLarge(meta.len()));
    }
    read_capped(file)
}

/// Opens a file for reading without blocking (a FIFO would block a plain open forever) and
/// checks with `fstat` that it is a regular file.
pub fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok(file)
}

/// Reads at most [`MAX_INPUT`] bytes, refusing anything longer.
pub fn read_capped(r: impl Read) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    r.take(MAX_INPUT + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_INPUT {
        return Err(ReadError::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

/// A path as it may be shown in a message: sanitized, never raw.
pub fn display_path(path: &Path) -> String {
    sanitize_line(&path.to_string_lossy()).into_owned()
}
