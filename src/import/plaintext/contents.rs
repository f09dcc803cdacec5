//! A copied `Contents` box is evidence, not text: its numbered entries (`1 Fundamentals`,
//! `2.1 Doubling time`) confirm which lines are headings and give their levels; the box itself
//! is dropped.

use super::lines::{Raw, RawKind};
use super::sites::CONTENTS;

/// One entry of the box: its depth (0 for `2`, 1 for `2.1`) and heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub depth: u8,
    pub title: String,
}

/// `2.1 Doubling time` → (1, "Doubling time"); underscores read as spaces (dumps).
fn entry(text: &str) -> Option<Entry> {
    let text = text.replace('_', " ");
    let t = text.trim();
    let (number, title) = t.split_once([' ', '\t'])?;
    let number = number.trim_end_matches('.');
    if number.is_empty()
        || !number.split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let title = title.trim();
    (!title.is_empty() && title.chars().count() <= 120)
        .then(|| Entry { depth: number.split('.').count().saturating_sub(1).min(5) as u8, title: title.to_string() })
}

/// Takes the first `Contents` box out of `raws` (at least two entries under a `Contents`
/// line) and returns its entries; an empty list when there is none.
pub fn take(raws: &mut Vec<Raw>) -> Vec<Entry> {
    let header = raws.iter().position(|r| {
        matches!(r.kind, RawKind::Text | RawKind::Frame(_)) && CONTENTS.contains(&r.text.trim().to_lowercase().as_str())
    });
    let Some(h) = header else { return Vec::new() };
    let mut entries = Vec::new();
    let mut end = h + 1;
    while let Some(r) = raws.get(end) {
        let before = entries.len();
        match &r.kind {
            RawKind::Text | RawKind::Item(_) => entries.extend(entry(&r.text)),
            RawKind::Table(rows) => entries.extend(rows.iter().filter_map(|row| entry(&row.join(" ")))),
            RawKind::Frame(_) => {}
        }
        if entries.len() == before {
            break;
        }
        end += 1;
    }
    if entries.len() < 2 {
        return Vec::new();
    }
    raws.drain(h..end);
    entries
}

/// The level of the heading `text` names in the box, if it does (level 2 for depth 0).
pub fn level_of(entries: &[Entry], text: &str) -> Option<u8> {
    let key = normal(text);
    entries.iter().find(|e| normal(&e.title) == key).map(|e| e.depth + 2)
}

fn normal(s: &str) -> String {
    s.replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_levels() {
        assert_eq!(entry("2.1 Doubling time"), Some(Entry { depth: 1, title: "Doubling time".into() }));
        assert_eq!(entry("2.1_Doubling_time"), Some(Entry { depth: 1, title: "Doubling time".into() }));
        assert_eq!(entry("1\tFundamentals"), Some(Entry { depth: 0, title: "Fundamentals".into() }));
        assert_eq!(entry("Fundamentals"), None);
        assert_eq!(entry("1999 was a year"), None, "a year is not a section number");
        let e = vec![entry("1 A").unwrap(), entry("1.1 B c").unwrap()];
        assert_eq!(level_of(&e, "b  C"), Some(3));
    }
}
