//! What folio remembers between runs: the reading position in each article, marks, and the
//! last session's history. Plain data with a merge: two folio processes save into the same
//! file, and each entry keeps the newest of what either wrote (by its stamp), so no mark or
//! position is lost. Reading and writing the file is [`store`]'s job.

pub mod store;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The file format's version: a file from a newer folio is not read (nor overwritten).
pub const FORMAT: u32 = 1;

/// Most reading positions kept (the oldest go first), most places of the last session.
pub const MAX_POSITIONS: usize = 1000;
pub const MAX_HISTORY: usize = 100;

/// A place in an article, anchored on its text so that it survives edits and another width:
/// the block and byte offset where it was, and the words found there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub block: u32,
    pub offset: u32,
    /// The text at the place (up to 60 bytes), looked for when the block moved.
    #[serde(default)]
    pub text: String,
    /// The heading of the section it is in (the last resort).
    #[serde(default)]
    pub section: String,
}

/// An entry with the time it was written (milliseconds; `None` data: deleted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    pub stamp: u64,
    /// `None` once deleted (kept so that a merge does not bring it back).
    pub value: Option<T>,
}

/// A mark set with an upper-case letter: it names an article too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlobalMark {
    pub article: String,
    pub anchor: Anchor,
}

/// One place of the last session's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub article: String,
    pub anchor: Anchor,
}

/// Everything remembered. Articles are named by key: a file's canonical path, `bundled:NAME`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    pub version: u32,
    #[serde(default)]
    pub positions: BTreeMap<String, Stamped<Anchor>>,
    /// Lower-case marks, by article then letter.
    #[serde(default)]
    pub marks: BTreeMap<String, BTreeMap<char, Stamped<Anchor>>>,
    /// Upper-case marks, by letter.
    #[serde(default)]
    pub global: BTreeMap<char, Stamped<GlobalMark>>,
    /// The last session's history, oldest first, and when it was written.
    #[serde(default)]
    pub history: Stamped<Vec<Visit>>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            version: FORMAT,
            positions: BTreeMap::new(),
            marks: BTreeMap::new(),
            global: BTreeMap::new(),
            history: Stamped { stamp: 0, value: None },
        }
    }
}

impl<T> Default for Stamped<T> {
    fn default() -> Self {
        Stamped { stamp: 0, value: None }
    }
}

/// Keeps the newer of two entries.
fn newer<T: Clone>(into: &mut Stamped<T>, other: &Stamped<T>) {
    if other.stamp > into.stamp {
        *into = other.clone();
    }
}

/// Merges `other` into `into` key by key, the newer entry winning.
fn merge_map<K: Ord + Clone, T: Clone>(into: &mut BTreeMap<K, Stamped<T>>, other: &BTreeMap<K, Stamped<T>>) {
    for (k, v) in other {
        match into.get_mut(k) {
            Some(mine) => newer(mine, v),
            None => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

impl Memory {
    /// Every entry of `other` that is newer than this one's.
    pub fn merge(&mut self, other: &Memory) {
        merge_map(&mut self.positions, &other.positions);
        for (article, marks) in &other.marks {
            merge_map(self.marks.entry(article.clone()).or_default(), marks);
        }
        merge_map(&mut self.global, &other.global);
        newer(&mut self.history, &other.history);
    }

    /// Drops the oldest positions beyond [`MAX_POSITIONS`] and the oldest history places.
    pub fn bound(&mut self) {
        if self.positions.len() > MAX_POSITIONS {
            let mut stamps: Vec<u64> = self.positions.values().map(|p| p.stamp).collect();
            stamps.sort_unstable();
            let cut = stamps[self.positions.len() - MAX_POSITIONS];
            self.positions.retain(|_, p| p.stamp >= cut);
        }
        if let Some(h) = &mut self.history.value {
            let extra = h.len().saturating_sub(MAX_HISTORY);
            h.drain(..extra);
        }
        self.marks.retain(|_, m| !m.is_empty());
    }

    /// The position remembered for an article.
    pub fn position(&self, article: &str) -> Option<&Anchor> {
        self.positions.get(article)?.value.as_ref()
    }

    /// Remembers the position in an article.
    pub fn set_position(&mut self, article: &str, anchor: Anchor, stamp: u64) {
        self.positions.insert(article.to_string(), Stamped { stamp, value: Some(anchor) });
    }

    /// A lower-case mark of an article.
    pub fn mark(&self, article: &str, letter: char) -> Option<&Anchor> {
        self.marks.get(article)?.get(&letter)?.value.as_ref()
    }

    /// Sets (or, with `None`, deletes) a mark: lower-case in `article`, upper-case anywhere.
    pub fn set_mark(&mut self, article: &str, letter: char, anchor: Option<Anchor>, stamp: u64) {
        if letter.is_ascii_uppercase() {
            let value = anchor.map(|anchor| GlobalMark { article: article.to_string(), anchor });
            self.global.insert(letter, Stamped { stamp, value });
        } else {
            self.marks.entry(article.to_string()).or_default().insert(letter, Stamped { stamp, value: anchor });
        }
    }

    /// Every live mark: (letter, article, anchor), lower-case ones of `article` first.
    pub fn all_marks(&self, article: Option<&str>) -> Vec<(char, String, Anchor)> {
        let mut out = Vec::new();
        if let Some(a) = article {
            for (c, m) in self.marks.get(a).into_iter().flatten() {
                if let Some(anchor) = &m.value {
                    out.push((*c, a.to_string(), anchor.clone()));
                }
            }
        }
        for (c, m) in &self.global {
            if let Some(g) = &m.value {
                out.push((*c, g.article.clone(), g.anchor.clone()));
            }
        }
        out
    }
}

/// A stamp for an entry written now: milliseconds since 1970, never less than `last + 1`
/// (two changes within a millisecond stay in order).
pub fn stamp_after(last: u64) -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    now.max(last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(block: u32) -> Anchor {
        Anchor { block, ..Anchor::default() }
    }

    #[test]
    fn merge_keeps_the_newest_entry_and_deletions() {
        let mut a = Memory::default();
        let mut b = Memory::default();
        a.set_position("x", at(1), 10);
        b.set_position("x", at(2), 20);
        a.set_mark("x", 'a', Some(at(3)), 30);
        b.set_mark("x", 'a', None, 40);
        b.set_mark("y", 'B', Some(at(5)), 50);
        a.merge(&b);
        assert_eq!(a.position("x"), Some(&at(2)));
        assert_eq!(a.mark("x", 'a'), None, "deleted later elsewhere");
        assert_eq!(a.all_marks(Some("x")), vec![('B', "y".to_string(), at(5))]);
    }
}
