//! Links in the reading pane: selecting with Tab, following, hints, the link list, and what
//! the status line says about a link.

use super::{Effect, Overlay, State};
use crate::library::{Library, Target};
use crate::model::{Article, LinkId};
use crate::sanitize::sanitize_line;

/// Home-row letters used for link hint labels.
pub const HINT_KEYS: &[char] = &['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'];

/// Labels for `n` links: single letters when they suffice, else two letters (`aa`, `as`, …).
pub fn hint_labels(n: usize) -> Vec<String> {
    let k = HINT_KEYS.len();
    if n <= k {
        return HINT_KEYS[..n].iter().map(|c| c.to_string()).collect();
    }
    let mut out = Vec::with_capacity(n.min(k * k));
    'outer: for a in HINT_KEYS {
        for b in HINT_KEYS {
            if out.len() == n {
                break 'outer;
            }
            out.push(format!("{a}{b}"));
        }
    }
    out
}

/// One entry of the link list overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedLink {
    pub link: LinkId,
    pub text: String,
    pub target: String,
    pub status: &'static str,
}

impl State {
    /// The first (row, col) where a link is drawn.
    fn link_pos(&self, link: LinkId) -> Option<(usize, u16)> {
        let i = *self.layout.link_first.get(link.0 as usize)?;
        let s = self.layout.link_spans.get(i as usize)?;
        Some((s.row as usize, s.col))
    }

    /// Selects the next (or previous) link: from the current screen first, then onwards,
    /// wrapping around at the ends; scrolls it into view.
    pub(super) fn select_link(&mut self, forward: bool) {
        let spans = &self.layout.link_spans;
        if spans.is_empty() {
            self.message = Some("no links in this article".to_string());
            return;
        }
        let (top, bottom) = (self.top, self.top + self.page_height());
        let current = self.selected.and_then(|l| self.link_pos(l).map(|p| (l, p)));
        let on_screen = current.filter(|(_, (row, _))| (top..bottom).contains(row));
        // Link spans are sorted by (row, column): every step is a binary search.
        let first_of = |i: usize| self.layout.link_first.get(spans[i].link.0 as usize).map(|&f| f as usize);
        let after = |pos: (usize, u16)| spans.partition_point(|s| (s.row as usize, s.col) <= pos);
        let before = |pos: (usize, u16)| spans.partition_point(|s| (s.row as usize, s.col) < pos);
        let pick: Option<usize> = match (on_screen, forward) {
            (Some((cur, pos)), true) => {
                // Skip the rest of the current link (it may wrap onto more rows).
                let mut i = after(pos);
                while i < spans.len() && spans[i].link == cur {
                    i += 1;
                }
                if i < spans.len() {
                    Some(i)
                } else {
                    self.message = Some("links wrapped to the top".to_string());
                    Some(0)
                }
            }
            (Some((_, pos)), false) => match before(pos).checked_sub(1) {
                Some(i) => first_of(i),
                None => {
                    self.message = Some("links wrapped to the bottom".to_string());
                    first_of(spans.len() - 1)
                }
            },
            (None, true) => Some(before((top, 0))).filter(|&i| i < spans.len()).or(Some(0)),
            (None, false) => first_of(before((bottom, 0)).checked_sub(1).unwrap_or(spans.len() - 1)),
        };
        let pick = pick.and_then(|i| spans.get(i));
        let Some(span) = pick.copied() else { return };
        self.selected = Some(span.link);
        let row = span.row as usize;
        if row < top || row >= bottom {
            self.top = row.saturating_sub(self.page_height() / 3);
        }
    }

    /// Follows a link: jumps, opens, asks, or says why not.
    pub(super) fn follow(&mut self, link: LinkId) -> Option<Effect> {
        let target = self.doc.target(link)?.clone();
        self.selected = Some(link);
        match target {
            Target::Here(id) => {
                self.remember();
                self.jump_to_row(self.layout.section_rows[id.0 as usize] as usize);
                None
            }
            Target::Anchor(block) => {
                self.remember();
                self.jump_to_row(self.layout.block_rows.get(block as usize).copied().unwrap_or(0) as usize);
                None
            }
            Target::Section(fragment) => {
                self.message = Some(if fragment.is_empty() {
                    "the link has no target".to_string()
                } else {
                    format!("No section ‘{}’ in this article", sanitize_line(&fragment))
                });
                None
            }
            Target::Article { entry, fragment } => self.open_entry_effect(entry, fragment),
            Target::MissingSection { entry, fragment } => {
                let title = self.library.entries.get(entry).map(|e| e.title.clone()).unwrap_or_default();
                let effect = self.open_entry_effect(entry, None);
                self.message = Some(format!("No section ‘{}’ in {}", sanitize_line(&fragment), sanitize_line(&title)));
                effect
            }
            Target::Missing(name) => {
                self.message = Some(format!("No article ‘{}’ in this library", sanitize_line(&name)));
                None
            }
            Target::File(path) => {
                // Asked first, like a web link; the bundled library has no files.
                match self.library.root_of_index(self.doc.root) {
                    crate::library::Root::Dir(d) => self.overlay = Some(Overlay::ConfirmFile { root: d.clone(), path }),
                    crate::library::Root::Bundled => self.message = Some(format!("{} is a file", sanitize_line(&path))),
                }
                None
            }
            Target::Refused(reason) => {
                self.message = Some(format!("Not followed: {}", sanitize_line(&reason)));
                None
            }
            Target::External(url) => {
                self.overlay = Some(Overlay::Confirm(url));
                None
            }
            Target::Wiki { title, fragment } => {
                self.open_wiki(&title, fragment);
                None
            }
        }
    }

    /// The link drawn at screen cell (col, row), if any.
    pub fn link_at(&self, col: u16, row: u16) -> Option<LinkId> {
        let text = self.areas.text;
        if !text.contains((col, row).into()) {
            return None;
        }
        let r = self.top + (row - text.y) as usize;
        let c = col - text.x;
        self.layout.links_in(r, r + 1).iter().find(|s| (s.col..s.col + s.width).contains(&c)).map(|s| s.link)
    }

    /// The links visible on screen with their hint labels, in reading order.
    pub fn hints(&self) -> Vec<(String, crate::layout::LinkSpan)> {
        let mut seen = Vec::new();
        let mut spans = Vec::new();
        for s in self.layout.links_in(self.top, self.top + self.page_height()) {
            if !seen.contains(&s.link) {
                seen.push(s.link);
                spans.push(*s);
            }
        }
        hint_labels(spans.len()).into_iter().zip(spans).collect()
    }

    /// Every link of the article for the link list, filtered by `filter` (case-insensitive,
    /// on the text and the target).
    pub fn listed_links(&self, filter: &str) -> Vec<ListedLink> {
        let all = self.doc.listed_links(&self.library);
        filter_links(&all, filter, 0..all.len() as u32).into_iter().map(|i| all[i as usize].clone()).collect()
    }

    /// A target as the status line shows it: `Taliban`, `§2.1 Early years`, `missing: Khorasan`.
    pub fn describe(&self, target: &Target) -> String {
        describe_target(&self.doc.article, &self.library, target)
    }
}

/// The entries among `among` (indices into `all`) whose text or target contains `filter`
/// (case-insensitive). Typing one more character narrows the previous list, so a key costs
/// what is still listed, not every link of the article.
pub fn filter_links(all: &[ListedLink], filter: &str, among: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let filter = filter.to_lowercase();
    let contains = |s: &str| {
        if s.is_ascii() && filter.is_ascii() {
            s.as_bytes().windows(filter.len().max(1)).any(|w| w.eq_ignore_ascii_case(filter.as_bytes()))
        } else {
            s.to_lowercase().contains(&filter)
        }
    };
    among
        .into_iter()
        .filter(|&i| {
            let item = &all[i as usize];
            filter.is_empty() || contains(&item.text) || contains(&item.target)
        })
        .collect()
}

/// A target as the status line shows it: `Taliban`, `§2.1 Early years`, `missing: Khorasan`.
pub fn describe_target(article: &Article, library: &Library, target: &Target) -> String {
    match target {
        Target::Article { entry, fragment } => {
            let title = library.entries.get(*entry).map(|e| e.title.as_str()).unwrap_or("?");
            match fragment {
                Some(f) => format!("{title} § {f}"),
                None => title.to_string(),
            }
        }
        Target::Here(id) => match article.sections.get(id.0 as usize) {
            Some(s) => format!("§{}", s.label()),
            None => "?".to_string(),
        },
        Target::Anchor(block) => {
            let name = article.anchors.iter().find(|(_, b)| b == block).map_or("", |(n, _)| n.as_str());
            match name.strip_prefix("fn:") {
                Some(note) => format!("note [{}]", sanitize_line(note)),
                None => match article.section_of_block(*block as usize).map(|s| article.section(s)) {
                    Some(s) => format!("#{} in §{}", sanitize_line(name), s.label()),
                    None => format!("#{}", sanitize_line(name)),
                },
            }
        }
        Target::Section(f) => format!("missing section: #{}", sanitize_line(f)),
        Target::MissingSection { entry, fragment } => {
            let title = library.entries.get(*entry).map(|e| e.title.as_str()).unwrap_or("?");
            format!("missing section: {} #{}", sanitize_line(title), sanitize_line(fragment))
        }
        Target::External(url) => url.clone(),
        Target::File(path) => format!("file: {}", sanitize_line(path)),
        Target::Missing(name) => format!("missing: {}", sanitize_line(name)),
        Target::Refused(reason) => format!("refused: {}", sanitize_line(reason)),
        Target::Wiki { title, fragment } => match fragment {
            Some(f) => format!("wiki: {} § {}", sanitize_line(title), sanitize_line(&crate::wiki::decode_title(f))),
            None => format!("wiki: {}", sanitize_line(title)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::hint_labels;

    #[test]
    fn labels() {
        assert_eq!(hint_labels(3), ["a", "s", "d"]);
        let l = hint_labels(12);
        assert_eq!(&l[..3], ["aa", "as", "ad"]);
        assert_eq!(l.len(), 12);
        assert_eq!(hint_labels(200).len(), 81);
    }
}
