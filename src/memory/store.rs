//! The state file, `$XDG_STATE_HOME/folio/state.json`: read once at start, written when a
//! mark is set and on quit. A write takes a lock (so two folio processes never lose each
//! other's changes: each merges into what is on disk), writes a temporary file in the same
//! folder, syncs it and renames it over the old one, so the file is always the old or the new
//! version, never a partial one. A damaged file is moved aside, never overwritten; one that
//! cannot be read (or is from a newer folio) makes folio run without saving.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Memory, FORMAT};

/// The state file's name, and the prefix of its temporary files.
const FILE: &str = "state.json";
const TEMP_PREFIX: &str = ".state.json.tmp-";
const LOCK: &str = "state.lock";
/// The largest state file read (a bigger one is damaged).
const MAX_FILE: u64 = 16 << 20;

/// Where the state lives.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
    /// Whether writing is allowed (not when the file could not be read: it may be valid).
    pub writable: bool,
}

/// What reading the state gave.
#[derive(Debug)]
pub struct Loaded {
    pub memory: Memory,
    /// A one-line warning for the status line.
    pub warning: Option<String>,
}

impl Store {
    /// The state folder `dir` (`…/folio`).
    pub fn at(dir: PathBuf) -> Store {
        Store { dir, writable: true }
    }

    /// The user's state folder: `$XDG_STATE_HOME/folio` (or `~/.local/state/folio`).
    pub fn default_location() -> Result<Store, String> {
        use etcetera::BaseStrategy;
        // Without HOME (and no XDG_STATE_HOME) there is no user's folder to write in: the
        // password database is not a place to guess one from.
        if std::env::var_os("HOME").is_none_or(|h| h.is_empty()) && std::env::var_os("XDG_STATE_HOME").is_none() {
            return Err("no home folder (HOME is not set)".to_string());
        }
        let base = etcetera::choose_base_strategy().map_err(|e| format!("no home folder ({e})"))?;
        let dir = base.state_dir().unwrap_or_else(|| base.data_dir()).join("folio");
        Ok(Store::at(dir))
    }

    /// The state file.
    pub fn file(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// Reads the state. A missing file is an empty state; a damaged one is moved aside.
    pub fn load(&mut self) -> Loaded {
        match read(&self.file()) {
            Ok(Some(memory)) => Loaded { memory, warning: None },
            Ok(None) => Loaded { memory: Memory::default(), warning: None },
            Err(Damage::Unreadable(why)) => {
                self.writable = false;
                Loaded {
                    memory: Memory::default(),
                    warning: Some(format!("state not read ({why}): nothing will be saved")),
                }
            }
            Err(Damage::Damaged(why)) => {
                let warning = match self.move_aside() {
                    Ok(kept) => format!("the state file was damaged ({why}): kept as {kept}; starting afresh"),
                    Err(e) => {
                        self.writable = false;
                        format!("the state file is damaged ({why}) and could not be moved ({e}): nothing will be saved")
                    }
                };
                Loaded { memory: Memory::default(), warning: Some(warning) }
            }
        }
    }

    /// Moves a damaged state file aside as `state.json.corrupt-<seconds>`; returns its name.
    fn move_aside(&self) -> Result<String, String> {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        // Never over an earlier damaged copy.
        let name = (0..100)
            .map(|n| if n == 0 { format!("{FILE}.corrupt-{secs}") } else { format!("{FILE}.corrupt-{secs}-{n}") })
            .find(|n| !self.dir.join(n).exists())
            .ok_or("too many damaged copies")?;
        fs::rename(self.file(), self.dir.join(&name)).map_err(|e| crate::source::io_message(&e))?;
        Ok(name)
    }

    /// Writes `mine` merged into what is on disk now; returns the merged state (with what
    /// other folio processes saved meanwhile).
    pub fn save(&self, mine: &Memory) -> Result<Memory, String> {
        if !self.writable {
            return Err("the state is not saved this time (see the warning at start)".to_string());
        }
        let io = |e: std::io::Error| crate::source::io_message(&e);
        create_private_dir(&self.dir).map_err(io)?;
        let lock = File::options().create(true).truncate(false).write(true).open(self.dir.join(LOCK)).map_err(io)?;
        let locked = take_lock(&lock);
        // Temporary files left by a folio killed while writing (none is being written: the
        // lock is ours).
        if locked {
            remove_stale_temps(&self.dir);
        }
        let mut merged = match read(&self.file()) {
            Ok(disk) => disk.unwrap_or_default(),
            Err(Damage::Damaged(_)) => {
                self.move_aside()?;
                Memory::default()
            }
            Err(Damage::Unreadable(why)) => return Err(format!("state not read: {why}")),
        };
        merged.merge(mine);
        merged.version = FORMAT;
        merged.bound();
        let bytes = serde_json::to_vec(&merged).map_err(|e| e.to_string())?;
        let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(&self.dir).map_err(io)?;
        temp.write_all(&bytes).map_err(io)?;
        temp.as_file().sync_all().map_err(io)?;
        temp.persist(self.file()).map_err(|e| io(e.error))?;
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        if locked {
            unlock(&lock);
        }
        Ok(merged)
    }
}

/// Why a state file gave nothing.
enum Damage {
    /// It could not be read at all (permissions…): it may be valid.
    Unreadable(String),
    /// It was read and is not a state of this folio.
    Damaged(String),
}

/// The state in `file`: `None` when there is none.
fn read(file: &Path) -> Result<Option<Memory>, Damage> {
    let meta = match fs::metadata(file) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Damage::Unreadable(crate::source::io_message(&e))),
    };
    if !meta.is_file() {
        return Err(Damage::Unreadable("not a regular file".to_string()));
    }
    if meta.len() > MAX_FILE {
        return Err(Damage::Damaged("too big".to_string()));
    }
    let bytes = fs::read(file).map_err(|e| Damage::Unreadable(crate::source::io_message(&e)))?;
    let memory: Memory = serde_json::from_slice(&bytes).map_err(|e| Damage::Damaged(e.to_string()))?;
    if memory.version != FORMAT {
        return Err(Damage::Damaged(format!("version {}", memory.version)));
    }
    Ok(Some(memory))
}

/// Takes the lock, waiting at most two seconds (a folio stuck with it must not hang this one:
/// the write is still atomic without it, only a concurrent change could be lost).
fn take_lock(file: &File) -> bool {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        match file.try_lock() {
            Ok(()) => return true,
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5))
            }
            Err(_) => return false,
        }
    }
}

fn unlock(file: &File) {
    let _ = file.unlock();
}

fn remove_stale_temps(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::Anchor;

    #[test]
    fn round_trip_and_merge_on_write() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Store::at(dir.path().join("folio"));
        let mut b = Store::at(dir.path().join("folio"));
        let mut ma = a.load().memory;
        let mut mb = b.load().memory;
        ma.set_mark("x", 'a', Some(Anchor::default()), 1);
        mb.set_mark("x", 'b', Some(Anchor::default()), 2);
        a.save(&ma).unwrap();
        let merged = b.save(&mb).unwrap();
        assert!(merged.mark("x", 'a').is_some() && merged.mark("x", 'b').is_some());
        assert_eq!(a.load().memory, merged);
        assert!(fs::read_dir(dir.path().join("folio"))
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().starts_with(TEMP_PREFIX)));
    }
}
