//! Long work watched from outside: import, layout, library scans and searches check between
//! pieces whether they should stop, and say how far they got. Plain `std`, no threads here:
//! the job runner (in `run`) owns the threads and the flags.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The work was asked to stop before it finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// What long work consults between pieces.
pub trait Watch: Sync {
    /// Whether the work should stop now.
    fn cancelled(&self) -> bool {
        false
    }

    /// How far the work got: `done` of `total` (bytes, files, blocks: the work's own unit).
    fn progress(&self, _done: u64, _total: u64) {}

    /// `Err(Cancelled)` when the work should stop: `watch.check()?` between pieces.
    fn check(&self) -> Result<(), Cancelled> {
        if self.cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Nobody watches: the work runs to its end.
#[derive(Clone, Copy, Debug, Default)]
pub struct Unwatched;

impl Watch for Unwatched {}

/// A stop flag shared by whoever starts the work and the work itself.
#[derive(Clone, Debug, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`CancelFlag::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl Watch for CancelFlag {
    fn cancelled(&self) -> bool {
        self.is_cancelled()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_stops_work_once_cancelled() {
        let flag = CancelFlag::default();
        assert_eq!(flag.check(), Ok(()));
        flag.clone().cancel();
        assert_eq!(flag.check(), Err(Cancelled));
        assert_eq!(Unwatched.check(), Ok(()));
    }
}
