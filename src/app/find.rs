//! Finding things: in-article search (`/`, `n`, `N`), the section and article finders (`:`,
//! `o`), and opening library search results (`S`).

use std::sync::Arc;

use super::{Effect, State};
use crate::library::search::LibraryHit;
use crate::model::SectionId;
use crate::search::{self, fuzzy, Hit};

/// The active search: its pattern and every match in the open article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    pub pattern: String,
    pub hits: Arc<Vec<Hit>>,
    /// The match last jumped to.
    pub current: Option<usize>,
}

/// What a finder lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinderKind {
    /// The article's sections.
    Sections,
    /// The library's titles and aliases.
    Articles,
}

/// Where a finder entry leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinderTarget {
    Section(SectionId),
    Entry(usize),
}

/// One finder entry: what is shown, the matched positions to highlight, where it leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinderItem {
    pub label: String,
    /// Dim text after the label (a parent path, or the real title of an alias).
    pub detail: String,
    /// Grapheme indices of `label` that matched.
    pub positions: Vec<u32>,
    pub target: FinderTarget,
}

impl State {
    /// Searches the open article for `pattern`; the search (possibly with no hits) becomes active.
    pub(super) fn run_search(&mut self, pattern: &str) -> Result<usize, String> {
        let re = search::compile(pattern)?;
        let hits = search::find(&self.doc.article, &re);
        let n = hits.len();
        self.search = Some(Search { pattern: pattern.to_string(), hits: Arc::new(hits), current: None });
        Ok(n)
    }

    /// Re-runs the active search on a newly shown article.
    pub(super) fn refresh_search(&mut self) {
        if let Some(pattern) = self.search.as_ref().map(|s| s.pattern.clone()) {
            let _ = self.run_search(&pattern);
        }
    }

    /// The first match at or after `row`.
    pub(super) fn hit_from(&self, row: usize) -> Option<usize> {
        let s = self.search.as_ref()?;
        s.hits.iter().position(|h| search::hit_row(&self.layout, h) >= row)
    }

    /// Makes match `i` current and scrolls it into view.
    pub(super) fn goto_hit(&mut self, i: usize) {
        let Some(s) = self.search.as_mut() else { return };
        let Some(hit) = s.hits.get(i) else { return };
        s.current = Some(i);
        let row = search::hit_row(&self.layout, hit);
        if row < self.top || row >= self.top + self.page_height() {
            self.top = row.saturating_sub(self.page_height() / 3);
        }
    }

    /// `n` / `N`: the next or previous match, wrapping around with a notice.
    pub(super) fn next_hit(&mut self, forward: bool) {
        let Some(s) = &self.search else {
            self.message = Some("no search: / searches".to_string());
            return;
        };
        let n = s.hits.len();
        if n == 0 {
            self.message = Some(format!("no match for ‘{}’", s.pattern));
            return;
        }
        let next = match (s.current, forward) {
            (Some(c), true) if c + 1 < n => c + 1,
            (Some(_), true) => {
                self.message = Some("search wrapped".to_string());
                0
            }
            (Some(c), false) if c > 0 => c - 1,
            (Some(_), false) => {
                self.message = Some("search wrapped".to_string());
                n - 1
            }
            (None, true) => self.hit_from(self.top).unwrap_or(0),
            (None, false) => self.hit_from(self.top).map(|i| i.saturating_sub(1)).unwrap_or(n - 1),
        };
        self.goto_hit(next);
    }

    /// `match 3/17` for the status line.
    pub fn search_status(&self) -> Option<String> {
        let s = self.search.as_ref()?;
        Some(match s.current {
            Some(c) => format!("match {}/{}", c + 1, s.hits.len()),
            None if s.hits.is_empty() => "no match".to_string(),
            None => format!("{} matches", s.hits.len()),
        })
    }

    /// The finder's entries for `input`, best first.
    pub fn finder_items(&self, kind: FinderKind, input: &str) -> Vec<FinderItem> {
        match kind {
            FinderKind::Sections => {
                let labels = self.doc.section_labels();
                fuzzy::rank(input, labels.iter().map(|(l, _)| l.as_str()))
                    .into_iter()
                    .map(|r| FinderItem {
                        label: labels[r.index].0.clone(),
                        detail: labels[r.index].1.clone(),
                        positions: r.positions,
                        target: FinderTarget::Section(SectionId(r.index as u32)),
                    })
                    .collect()
            }
            FinderKind::Articles => {
                // A book's chapters first, in reading order and with their numbers; then the
                // other titles, and aliases (which show the real title they lead to).
                let chapters = self.library.chapters();
                let numbered: Vec<String> =
                    chapters.iter().map(|(_, c)| crate::library::book::Book::label(c)).collect();
                let in_book: std::collections::HashSet<usize> = chapters.iter().map(|(e, _)| *e).collect();
                let mut names: Vec<(&str, usize, bool)> = Vec::new();
                for ((entry, _), label) in chapters.iter().zip(&numbered) {
                    names.push((label, *entry, false));
                }
                for (i, e) in self.library.entries.iter().enumerate() {
                    if !in_book.contains(&i) {
                        names.push((&e.title, i, false));
                    }
                }
                for (i, e) in self.library.entries.iter().enumerate() {
                    for a in &e.aliases {
                        names.push((a, i, true));
                    }
                }
                let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
                for e in &self.library.entries {
                    *count.entry(e.title.as_str()).or_default() += 1;
                }
                let mut seen = std::collections::HashSet::new();
                fuzzy::rank(input, names.iter().map(|(n, _, _)| *n))
                    .into_iter()
                    .filter(|r| seen.insert(names[r.index].1) || input.is_empty())
                    .filter(|r| !(input.is_empty() && names[r.index].2))
                    .map(|r| {
                        let (name, entry, alias) = names[r.index];
                        FinderItem {
                            label: name.to_string(),
                            detail: if alias {
                                format!("→ {}", self.library.entries[entry].title)
                            } else if count.get(self.library.entries[entry].title.as_str()).is_some_and(|&n| n > 1) {
                                // Titles that repeat are told apart by their file.
                                self.library.entries[entry].path.clone()
                            } else {
                                String::new()
                            },
                            positions: r.positions,
                            target: FinderTarget::Entry(entry),
                        }
                    })
                    .collect()
            }
        }
    }

    /// Goes where a finder entry leads (a history entry, like following a link).
    pub(super) fn choose(&mut self, target: FinderTarget) -> Option<Effect> {
        match target {
            FinderTarget::Section(id) => {
                self.remember();
                self.top = self.layout.section_rows[id.0 as usize] as usize;
                None
            }
            FinderTarget::Entry(entry) => self.open_entry_effect(entry, None),
        }
    }

    /// Opens a library entry (at once when it is open in the history, else in the background).
    pub(super) fn open_entry_effect(&mut self, entry: usize, fragment: Option<String>) -> Option<Effect> {
        self.open_entry(entry, fragment);
        None
    }

    /// Opens a library search hit: the article at the hit's section, with the search active so
    /// the match is highlighted and `n`/`N` continue within the article.
    pub(super) fn open_library_hit(&mut self, pattern: &str, hit: &LibraryHit) -> Option<Effect> {
        self.search = Some(Search { pattern: pattern.to_string(), hits: Arc::new(Vec::new()), current: None });
        let fragment = (!hit.section.is_empty()).then(|| hit.section.clone());
        self.open_entry(hit.entry, fragment);
        // Shown at once (it was open already), or when the background load brings it.
        self.pending_section = Some(hit.section.clone());
        if self.jobs.of(super::JobKind::Load).is_none() {
            self.land_on_pending_hit();
        }
        None
    }

    /// After showing an article for a library hit: jump to the first match in its section.
    pub(super) fn land_on_pending_hit(&mut self) {
        let Some(section) = self.pending_section.take() else { return };
        let from = match self.doc.article.find_section(&section) {
            Some(id) => self.layout.section_rows[id.0 as usize] as usize,
            None => 0,
        };
        if let Some(i) = self.hit_from(from).or_else(|| self.hit_from(0)) {
            self.goto_hit(i);
        }
    }

    /// The current match is only current while it is on screen: after a jump elsewhere the
    /// status line says how many matches there are, not "match 1/292".
    pub(super) fn forget_hidden_match(&mut self) {
        let Some(s) = &self.search else { return };
        let Some(hit) = s.current.and_then(|c| s.hits.get(c)) else { return };
        let row = search::hit_row(&self.layout, hit);
        if row < self.top || row >= self.top + self.page_height() {
            if let Some(s) = self.search.as_mut() {
                s.current = None;
            }
        }
    }
}
