//! The library's article texts kept between searches, bounded by bytes: the least recently
//! used texts go first, so searching a big library again is fast without holding all of it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// Texts kept by default: enough for a documentation book many times over.
pub const DEFAULT_BOUND: usize = 64 << 20;

/// Article texts by (library root, path), least recently used first, at most `bound` bytes.
#[derive(Debug)]
pub struct TextCache {
    bound: usize,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    bytes: usize,
    /// Text and last use, by key.
    texts: HashMap<String, (Arc<str>, u64)>,
    /// Keys by last use (oldest first).
    order: BTreeMap<u64, String>,
    tick: u64,
}

impl Inner {
    fn touch(&mut self, key: &str) -> Option<Arc<str>> {
        self.tick += 1;
        let tick = self.tick;
        let (text, used) = self.texts.get_mut(key)?;
        let old = std::mem::replace(used, tick);
        let text = text.clone();
        if let Some(k) = self.order.remove(&old) {
            self.order.insert(tick, k);
        }
        Some(text)
    }

    fn remove(&mut self, key: &str) {
        if let Some((text, used)) = self.texts.remove(key) {
            self.bytes -= text.len();
            self.order.remove(&used);
        }
    }
}

impl Default for TextCache {
    fn default() -> Self {
        TextCache::new(DEFAULT_BOUND)
    }
}

impl TextCache {
    /// A cache of at most `bound` bytes of text.
    pub fn new(bound: usize) -> TextCache {
        TextCache { bound, inner: Mutex::new(Inner::default()) }
    }

    /// The text kept under `key`, marked as just used.
    pub fn get(&self, key: &str) -> Option<Arc<str>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).touch(key)
    }

    /// Keeps `text` under `key`, dropping the least recently used texts beyond the bound. A
    /// text bigger than a quarter of the bound is not kept at all.
    pub fn put(&self, key: &str, text: Arc<str>) {
        if text.len() > self.bound / 4 {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.remove(key);
        inner.tick += 1;
        let tick = inner.tick;
        inner.bytes += text.len();
        inner.texts.insert(key.to_string(), (text, tick));
        inner.order.insert(tick, key.to_string());
        while inner.bytes > self.bound {
            let Some((_, oldest)) = inner.order.pop_first() else { break };
            if let Some((old, _)) = inner.texts.remove(&oldest) {
                inner.bytes -= old.len();
            }
        }
    }

    /// Bytes of text kept now.
    pub fn bytes(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_recently_used_texts_go_first_and_the_bound_holds() {
        let c = TextCache::new(100);
        c.put("a", "x".repeat(20).into());
        c.put("b", "y".repeat(20).into());
        assert!(c.get("a").is_some(), "a is now the most recent");
        c.put("c", "z".repeat(20).into());
        c.put("d", "w".repeat(20).into());
        c.put("e", "v".repeat(20).into());
        c.put("f", "u".repeat(20).into());
        assert!(c.bytes() <= 100);
        assert!(c.get("b").is_none(), "b was the least recently used");
        assert!(c.get("a").is_some());
        c.put("huge", "h".repeat(26).into());
        assert!(c.get("huge").is_none(), "over a quarter of the bound: not kept");
    }
}
