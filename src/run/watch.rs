//! Live reload: a file watcher (notify, debounced) on the open article's folder and on the
//! library's folder. A change to the article's file (editors often save by writing another
//! file and renaming it over) becomes [`Action::FileChanged`]; an article added, removed or
//! renamed in the library becomes [`Action::LibraryChanged`].

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::app::{Action, State};
use crate::library::Root;

/// Quiet time before a burst of changes is reported.
const DEBOUNCE: Duration = Duration::from_millis(250);
/// Libraries with more articles than this are not watched as a whole (each folder costs the
/// system a watch).
const MAX_WATCHED_ARTICLES: usize = 5000;

/// The watcher and what it watches now.
pub struct Watch {
    watcher: Option<RecommendedWatcher>,
    events: Receiver<PathBuf>,
    /// Paths changed and when the last change came (reported once quiet for [`DEBOUNCE`]).
    pending: RefCell<(Vec<PathBuf>, Option<Instant>)>,
    file: Option<PathBuf>,
    folder: Option<PathBuf>,
    library: Option<PathBuf>,
}

impl Watch {
    /// A watcher (none when the system offers none: folio then simply does not reload).
    /// Only changes count: reading a file (folio's own reloads) is no event.
    pub fn new() -> Watch {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
            let Ok(e) = e else { return };
            let change = matches!(
                e.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(
                        notify::event::ModifyKind::Data(_)
                            | notify::event::ModifyKind::Name(_)
                            | notify::event::ModifyKind::Any
                    )
            );
            if change {
                for p in e.paths {
                    let _ = tx.send(p);
                }
            }
        })
        .ok();
        Watch { watcher, events, pending: RefCell::new((Vec::new(), None)), file: None, folder: None, library: None }
    }

    /// Watches what the state shows: the article's file (by its folder) and the library.
    pub fn follow(&mut self, state: &State) {
        let Some(watcher) = self.watcher.as_mut() else { return };
        let file = state.doc.key.as_deref().filter(|k| !k.starts_with("bundled:")).map(PathBuf::from);
        if file != self.file {
            let folder = file.as_deref().and_then(Path::parent).map(Path::to_path_buf);
            if folder != self.folder {
                if let Some(old) = self.folder.take() {
                    let _ = watcher.unwatch(&old);
                }
                if let Some(f) = &folder {
                    if watcher.watch(f, RecursiveMode::NonRecursive).is_ok() {
                        self.folder = Some(f.clone());
                    }
                }
            }
            self.file = file;
        }
        // A library is watched once walked, when it is small, and never `/` or the home folder
        // (watching a tree costs one watch per folder, added before the call returns).
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let walking = state.jobs.of(crate::app::JobKind::Scan).is_some();
        let library = match &state.library.root {
            Root::Dir(d)
                if !walking
                    && d.parent().is_some()
                    && home.as_deref() != Some(d.as_path())
                    && state.library.own_entries().count() <= MAX_WATCHED_ARTICLES =>
            {
                Some(d.clone())
            }
            _ => None,
        };
        if library != self.library {
            if let Some(old) = self.library.take() {
                let _ = watcher.unwatch(&old);
            }
            if let Some(l) = &library {
                if watcher.watch(l, RecursiveMode::Recursive).is_ok() {
                    self.library = Some(l.clone());
                }
            }
        }
    }

    /// The changes reported since the last call, as actions.
    pub fn changes(&self, state: &State) -> Vec<Action> {
        let mut pending = self.pending.borrow_mut();
        while let Ok(path) = self.events.try_recv() {
            if !pending.0.contains(&path) {
                pending.0.push(path);
            }
            pending.1 = Some(Instant::now());
        }
        // A burst of changes (an editor's save, a checkout) is reported once it is over.
        if pending.1.is_none_or(|last| last.elapsed() < DEBOUNCE) {
            return Vec::new();
        }
        let paths = std::mem::take(&mut pending.0);
        pending.1 = None;
        let mut out = Vec::new();
        {
            for path in &paths {
                if self.file.as_deref().is_some_and(|f| same_file(f, path)) && !out.contains(&Action::FileChanged) {
                    out.push(Action::FileChanged);
                }
                let article = path.extension().is_some_and(|x| matches!(x.to_str(), Some("md" | "markdown" | "txt")));
                let rel = self.library.as_deref().and_then(|l| path.strip_prefix(l).ok());
                // A new, removed or renamed article: on disk and in the library disagree (a
                // change inside one is seen when it is read).
                if let Some(rel) = rel.filter(|_| article) {
                    let known = state.library.by_path(&rel.to_string_lossy()).is_some();
                    if known != path.exists() && !out.contains(&Action::LibraryChanged) {
                        out.push(Action::LibraryChanged);
                    }
                }
            }
        }
        out
    }
}

impl Default for Watch {
    fn default() -> Self {
        Watch::new()
    }
}

/// Whether two paths name the same file (the watcher may report the canonical form).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b || a.canonicalize().ok().is_some_and(|ca| b.canonicalize().ok().is_some_and(|cb| ca == cb))
}
