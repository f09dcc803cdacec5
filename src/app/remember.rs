//! What the reader remembers across runs, seen from the state: reading positions (restored
//! when an article is opened again), marks (`m` sets, `'` jumps, `''` returns, `M` lists),
//! and the last session's history (back after a restart). The data is [`crate::memory`];
//! saving it is an [`Effect`] the event loop carries out.

use std::sync::Arc;

use super::{Effect, Job, Overlay, State};
use crate::memory::{Anchor, Visit};
use crate::model::block_text;

/// What `m` and `'` wait for: the letter of the mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKey {
    Set,
    Jump,
}

/// A row of the marks list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkRow {
    pub letter: char,
    pub article: String,
    /// The article's title when it is the open one, else its file.
    pub label: String,
    pub anchor: Anchor,
}

/// Bytes of text kept with an anchor, to find the place again.
const ANCHOR_TEXT: usize = 60;

impl State {
    /// The place at the top of the reading pane, as memory keeps it.
    pub fn memory_anchor(&self) -> Option<Anchor> {
        let (block, offset, _) = self.anchor()?;
        let text = self.doc.article.blocks.get(block).map(block_text).unwrap_or("");
        let start = (offset as usize).min(text.len());
        let mut end = (start + ANCHOR_TEXT).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let start = if text.is_char_boundary(start) { start } else { 0 };
        let section = self.current_section().map(|s| self.doc.article.section(s).title.clone()).unwrap_or_default();
        Some(Anchor { block: block as u32, offset: start as u32, text: text[start..end].to_string(), section })
    }

    /// The row where `anchor` is in the open article: its block when the text is still
    /// there, else where that text is now, else its section, else its block (clamped).
    pub fn row_of_anchor(&self, anchor: &Anchor) -> usize {
        let blocks = &self.doc.article.blocks;
        let at = |b: usize, off: usize| self.layout.row_of(b, off as u32);
        if let Some(t) = blocks.get(anchor.block as usize).map(block_text) {
            if t.get(anchor.offset as usize..).is_some_and(|rest| rest.starts_with(&anchor.text)) {
                return at(anchor.block as usize, anchor.offset as usize);
            }
        }
        if anchor.text.len() >= 8 {
            // The nearest block that has the words now.
            let found = blocks
                .iter()
                .enumerate()
                .filter_map(|(i, b)| block_text(b).find(&anchor.text).map(|off| (i, off)))
                .min_by_key(|(i, _)| i.abs_diff(anchor.block as usize));
            if let Some((i, off)) = found {
                return at(i, off);
            }
        }
        if !anchor.section.is_empty() {
            if let Some(id) = self.doc.article.find_section(&anchor.section) {
                return self.layout.section_rows[id.0 as usize] as usize;
            }
        }
        let last = blocks.len().saturating_sub(1);
        at((anchor.block as usize).min(last), 0)
    }

    /// A stamp for a change made now.
    fn stamp(&mut self) -> u64 {
        self.last_stamp = crate::memory::stamp_after(self.last_stamp);
        self.last_stamp
    }

    /// Remembers where the open article is being read (nothing for standard input).
    pub fn remember_position(&mut self) {
        if !self.remembers {
            return;
        }
        let (Some(key), Some(anchor)) = (self.doc.key.clone(), self.memory_anchor()) else { return };
        // A title page seen for a moment is not a reading position worth keeping.
        if anchor.block == 0 && self.memory.position(&key).is_none() {
            return;
        }
        let stamp = self.stamp();
        self.memory.set_position(&key, anchor, stamp);
    }

    /// Opens the article where it was last read (when it was), saying so.
    pub fn restore_position(&mut self) {
        if !self.remembers {
            return;
        }
        let Some(anchor) = self.doc.key.as_deref().and_then(|k| self.memory.position(k)).cloned() else { return };
        let row = self.row_of_anchor(&anchor);
        if row > 0 {
            self.jump_to_row(row);
            self.message = Some("back where you left off (g: the top)".to_string());
        }
    }

    /// What to save on quit: the position, and this session's history.
    pub fn quitting(&mut self) -> Option<Effect> {
        if !self.remembers {
            return None;
        }
        self.remember_position();
        let mut visits: Vec<Visit> = self
            .history
            .back
            .iter()
            .filter_map(|p| {
                let article = p.doc.key.clone()?;
                let text = p.doc.article.blocks.get(p.anchor.0 as usize).map(block_text).unwrap_or("");
                let start = (p.anchor.1 as usize).min(text.len());
                let text = text.get(start..).unwrap_or("").chars().take(40).collect();
                Some(Visit {
                    article,
                    anchor: Anchor { block: p.anchor.0, offset: start as u32, text, section: String::new() },
                })
            })
            .collect();
        if let (Some(article), Some(anchor)) = (self.doc.key.clone(), self.memory_anchor()) {
            visits.push(Visit { article, anchor });
        }
        let stamp = self.stamp();
        self.memory.history = crate::memory::Stamped { stamp, value: Some(visits) };
        Some(Effect::SaveMemory)
    }

    /// `m` + letter: sets a mark here (upper case: one that names this article too).
    pub(super) fn set_mark(&mut self, letter: char) -> Option<Effect> {
        if !letter.is_ascii_alphabetic() {
            self.message = Some(format!("marks are letters, not ‘{letter}’"));
            return None;
        }
        let (Some(key), Some(anchor)) = (self.doc.key.clone(), self.memory_anchor()) else {
            self.message = Some("marks need an article with a file (not standard input)".to_string());
            return None;
        };
        let stamp = self.stamp();
        self.memory.set_mark(&key, letter, Some(anchor), stamp);
        self.message = Some(format!("mark {letter} set"));
        self.remembers.then_some(Effect::SaveMemory)
    }

    /// `'` + letter: jumps to a mark; `''` back to where the last jump came from.
    pub(super) fn jump_to_mark(&mut self, letter: char) -> Option<Effect> {
        if letter == '\'' || letter == '`' {
            let Some((key, anchor)) = self.jump_origin.take() else {
                self.message = Some("no jump to return from".to_string());
                return None;
            };
            return self.go_to_anchor(&key, anchor);
        }
        let key = self.doc.key.clone().unwrap_or_default();
        let found = if letter.is_ascii_uppercase() {
            self.memory.global.get(&letter).and_then(|m| m.value.clone()).map(|g| (g.article, g.anchor))
        } else {
            self.memory.mark(&key, letter).cloned().map(|a| (key.clone(), a))
        };
        let Some((article, anchor)) = found else {
            self.message = Some(format!("no mark {letter}"));
            return None;
        };
        self.go_to_anchor(&article, anchor)
    }

    /// Goes to a remembered place (in another article: opened first), remembering where the
    /// jump came from for `''`.
    pub(super) fn go_to_anchor(&mut self, article: &str, anchor: Anchor) -> Option<Effect> {
        if let (Some(here), Some(at)) = (self.doc.key.clone(), self.memory_anchor()) {
            self.jump_origin = Some((here, at));
        }
        if self.doc.key.as_deref() == Some(article) {
            self.remember();
            let row = self.row_of_anchor(&anchor);
            self.jump_to_row(row);
            return None;
        }
        // An article of the library opens from it; another one from its file.
        let entry = (0..self.library.entries.len()).find(|&e| self.library.entry_key(e).as_deref() == Some(article));
        self.pending_anchor = Some(anchor);
        match entry {
            Some(e) => self.open_entry_effect(e, None),
            None => {
                let job = Job::OpenKey { key: article.to_string(), libraries: self.libraries.clone(), reload: false };
                self.start(job, "opening");
                None
            }
        }
    }

    /// `M`: the marks of this article, then the upper-case ones.
    pub(super) fn show_marks(&mut self) {
        let here = self.doc.key.clone();
        let rows: Vec<MarkRow> = self
            .memory
            .all_marks(here.as_deref())
            .into_iter()
            .map(|(letter, article, anchor)| {
                let label = if Some(&article) == here.as_ref() {
                    self.doc.article.title.clone()
                } else {
                    article.rsplit('/').next().unwrap_or(&article).to_string()
                };
                MarkRow { letter, article, label, anchor }
            })
            .collect();
        if rows.is_empty() {
            self.message = Some("no marks yet: m and a letter sets one".to_string());
            return;
        }
        self.overlay = Some(Overlay::Marks { filter: String::new(), cursor: 0, all: Arc::new(rows) });
    }

    /// Deletes a mark (from the marks list).
    pub(super) fn delete_mark(&mut self, row: &MarkRow) -> Option<Effect> {
        let stamp = self.stamp();
        self.memory.set_mark(&row.article, row.letter, None, stamp);
        self.message = Some(format!("mark {} deleted", row.letter));
        self.remembers.then_some(Effect::SaveMemory)
    }

    /// Back with nothing left in this session's history: the previous article of the last
    /// session, when there is one.
    pub(super) fn back_to_last_session(&mut self) -> bool {
        let Some(visit) = self.session.pop() else { return false };
        self.going_back = true;
        let _ = self.go_to_anchor(&visit.article.clone(), visit.anchor);
        self.jump_origin = None;
        true
    }

    /// After an article opened for a mark or the last session: go to the remembered place.
    pub(super) fn land_on_pending_anchor(&mut self) {
        if let Some(anchor) = self.pending_anchor.take() {
            let row = self.row_of_anchor(&anchor);
            self.jump_to_row(row);
        }
    }

    /// An article opened by its key (a mark in another article, the last session, a reload
    /// after an edit or a change on disk), with the library it belongs to.
    pub(super) fn accept_opened(
        &mut self,
        mut doc: super::Document,
        library: Arc<crate::library::Library>,
        reload: bool,
    ) {
        let same_library = library.root == self.library.root;
        if !same_library {
            self.library = library.clone();
            self.link_index = None;
        }
        if let Some(index) = &self.link_index {
            doc.check_fragments(index);
        }
        if reload && doc.key == self.doc.key {
            // The same article, changed: read on from the same text.
            let anchor = self.memory_anchor();
            let top = self.top;
            self.replace_document(doc);
            let row = anchor.map_or(top, |a| self.row_of_anchor(&a));
            self.jump_to_row(row);
            self.sync_toc();
            self.message = Some("reloaded: the file changed on disk".to_string());
        } else {
            self.show(doc, None);
        }
        if !same_library {
            self.start_index();
        }
    }

    /// Reads the open article again from its file (after an edit, or a change on disk).
    pub(super) fn reload(&mut self) {
        let Some(key) = self.doc.key.clone().filter(|k| !k.starts_with("bundled:")) else { return };
        self.start(Job::OpenKey { key, libraries: self.libraries.clone(), reload: true }, "reloading");
    }

    /// `v`: the editor on the article's file, at the line of the text on top.
    pub(super) fn edit(&mut self) -> Option<Effect> {
        let Some(file) = self.doc.key.clone().filter(|k| !k.starts_with("bundled:")) else {
            self.message = Some("this article has no file to edit".to_string());
            return None;
        };
        let text = self.memory_anchor().map(|a| a.text).unwrap_or_default();
        Some(Effect::Edit { file: file.into(), text })
    }

    /// `y`: copies the selected link's target, or `Title#Section` for the section being read.
    pub(super) fn copy(&mut self) -> Option<Effect> {
        let target = self.selected.and_then(|l| self.doc.target(l)).cloned();
        let text = match target {
            Some(crate::library::Target::External(url)) => url,
            Some(t @ crate::library::Target::Article { .. }) => self.describe(&t).replace(" § ", "#"),
            Some(t) => match self.selected.and_then(|l| self.doc.article.links.get(l.0 as usize)) {
                Some(link) if !matches!(t, crate::library::Target::Here(_) | crate::library::Target::Anchor(_)) => {
                    link.dest.clone()
                }
                _ => self.section_reference(),
            },
            None => self.section_reference(),
        };
        self.message = Some(format!("copied: {}", crate::sanitize::sanitize_line(&text)));
        Some(Effect::Copy(text))
    }

    /// `Title#Section` for the section being read (the title alone in the lead).
    fn section_reference(&self) -> String {
        match self.current_section() {
            Some(s) => format!("{}#{}", self.doc.article.title, self.doc.article.section(s).title),
            None => self.doc.article.title.clone(),
        }
    }

    /// The rows of the marks list that `filter` keeps.
    pub fn filter_marks(all: &[MarkRow], filter: &str) -> Vec<MarkRow> {
        let f = filter.to_lowercase();
        all.iter()
            .filter(|r| {
                f.is_empty()
                    || r.letter.to_lowercase().to_string() == f
                    || r.label.to_lowercase().contains(&f)
                    || r.anchor.text.to_lowercase().contains(&f)
            })
            .cloned()
            .collect()
    }
}
