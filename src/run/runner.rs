//! The job runner: one thread per job, at most one running job of each kind (starting a job
//! cancels the previous one of its kind through its flag). Threads rather than a pool: jobs
//! are few and long, and each must be cancellable at once; in a pool a new parse could wait
//! behind an old search. A panicking job is caught and reported as a failure.

use std::collections::HashMap;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::terminal::JOB_THREAD;
use crate::app::{Action, Done, Job, JobKind, Output};
use crate::library::cache::TextCache;
use crate::work::{CancelFlag, Watch};

/// Starts jobs on threads and hands their results back as actions.
pub struct Runner {
    tx: Sender<Action>,
    rx: Receiver<Action>,
    flags: HashMap<JobKind, CancelFlag>,
    texts: Arc<TextCache>,
}

impl Default for Runner {
    fn default() -> Self {
        let (tx, rx) = channel();
        Runner { tx, rx, flags: HashMap::new(), texts: Arc::new(TextCache::default()) }
    }
}

/// A running job's watch: its cancel flag, and progress sent back at most every 50 ms.
struct Reporter {
    flag: CancelFlag,
    tx: Sender<Action>,
    gen: u64,
    last: Mutex<Option<Instant>>,
}

impl Watch for Reporter {
    fn cancelled(&self) -> bool {
        self.flag.is_cancelled()
    }

    fn progress(&self, done: u64, total: u64) {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if last.is_some_and(|t| t.elapsed() < Duration::from_millis(50)) {
            return;
        }
        *last = Some(Instant::now());
        let done = Done { gen: self.gen, output: Output::Progress { done, total } };
        let _ = self.tx.send(Action::Done(Box::new(done)));
    }
}

/// The text of a panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".to_string())
}

impl Runner {
    /// Starts `job` as generation `gen`, cancelling the running job of its kind.
    pub fn start(&mut self, gen: u64, job: Job) {
        let kind = job.kind();
        let flag = CancelFlag::default();
        if let Some(old) = self.flags.insert(kind, flag.clone()) {
            old.cancel();
        }
        let (tx, texts) = (self.tx.clone(), self.texts.clone());
        let spawned = std::thread::Builder::new().name(format!("{JOB_THREAD}-{kind:?}")).spawn(move || {
            let watch = Reporter { flag, tx: tx.clone(), gen, last: Mutex::new(None) };
            let output =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::jobs::execute(job, &watch, &texts)))
                    .unwrap_or_else(|p| Output::Failed(format!("internal error: {}", panic_message(p.as_ref()))));
            if !matches!(output, Output::Cancelled) {
                let _ = tx.send(Action::Done(Box::new(Done { gen, output })));
            }
        });
        if let Err(e) = spawned {
            let output = Output::Failed(format!("could not start: {e}"));
            let _ = self.tx.send(Action::Done(Box::new(Done { gen, output })));
        }
    }

    /// Cancels the running job of `kind`, if any.
    pub fn cancel(&mut self, kind: JobKind) {
        if let Some(flag) = self.flags.remove(&kind) {
            flag.cancel();
        }
    }

    /// Every result and progress report that has arrived, without waiting.
    pub fn arrived(&self) -> Vec<Action> {
        self.rx.try_iter().collect()
    }
}
