//! Section anchors: GitHub-style slugs, numbered when a heading repeats.

use std::collections::HashMap;

/// GitHub-style slug: lower case, punctuation removed, each space becomes `-` (runs are not
/// collapsed), letters and digits of every script kept.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// Hands out unique anchors: the second `Notes` heading becomes `notes-1`, the third `notes-2`.
#[derive(Debug, Default)]
pub struct AnchorSet {
    seen: HashMap<String, usize>,
}

impl AnchorSet {
    /// The unique anchor for a heading with this text.
    pub fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut n = *self.seen.get(&base).unwrap_or(&0);
        let mut candidate = if n == 0 { base.clone() } else { format!("{base}-{n}") };
        while n > 0 && self.seen.contains_key(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.seen.insert(base.clone(), n + 1);
        if candidate != base {
            self.seen.insert(candidate.clone(), 1);
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_examples() {
        assert_eq!(slugify("Origins and Ideology"), "origins-and-ideology");
        assert_eq!(slugify("Geography, Operations, and Capabilities"), "geography-operations-and-capabilities");
        assert_eq!(slugify("What's  new?"), "whats--new");
        assert_eq!(slugify("Über Straße"), "über-straße");
    }

    #[test]
    fn duplicates_numbered() {
        let mut a = AnchorSet::default();
        assert_eq!(a.unique("Notes"), "notes");
        assert_eq!(a.unique("Notes"), "notes-1");
        assert_eq!(a.unique("Notes"), "notes-2");
        assert_eq!(a.unique("Notes 1"), "notes-1-1");
    }
}
