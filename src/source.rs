//! Reading article sources: files (regular files only, capped), standard input, the bundled
//! library. The only file I/O of the import path lives here, at the edge.

use std::io::Read;
use std::path::Path;

use crate::import::{self, Decoded, Format, MAX_INPUT};
use crate::model::Article;
use crate::sanitize::sanitize;

/// An article read from somewhere, with a notice for the status line (lossy decoding etc.).
#[derive(Debug)]
pub struct Loaded {
    pub article: Article,
    pub notice: Option<String>,
    /// The format the text was read as.
    pub format: Format,
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
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let file = open_regular(path)?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if meta.len() > MAX_INPUT {
        return Err(too_large(meta.len()));
    }
    read_capped(file)
}

/// Opens a file for reading without blocking (a FIFO would block a plain open forever) and
/// checks with `fstat` that it is a regular file.
pub fn open_regular(path: &Path) -> Result<std::fs::File, String> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory".to_string());
    }
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    Ok(file)
}

fn too_large(len: u64) -> String {
    format!("too large ({} MiB; folio reads at most {} MiB)", len >> 20, MAX_INPUT >> 20)
}

/// Reads at most [`MAX_INPUT`] bytes, refusing anything longer.
pub fn read_capped(r: impl Read) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    r.take(MAX_INPUT + 1).read_to_end(&mut buf).map_err(|e| io_message(&e))?;
    if buf.len() as u64 > MAX_INPUT {
        return Err(too_large(buf.len() as u64));
    }
    Ok(buf)
}

/// Decodes and imports bytes named `name` (used for format detection and the fallback title).
pub fn load_bytes(bytes: &[u8], name: &str, format: Option<Format>) -> Result<Loaded, String> {
    let Decoded { text, notice } = import::decode(bytes).map_err(|e| e.to_string())?;
    let format = format.unwrap_or_else(|| import::detect_format(Some(name), &text));
    let title = import::title_from_file_name(name);
    Ok(Loaded { article: import::import_owned(text, format, &title, &|_| false), notice, format })
}

/// A path as it may be shown in a message: sanitized, never raw.
pub fn display_path(path: &Path) -> String {
    sanitize(&path.to_string_lossy()).into_owned()
}
