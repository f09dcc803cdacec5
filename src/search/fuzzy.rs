//! Fuzzy ranking for the section and article finders, with nucleo's matcher (helix's).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::{Article, SectionId};

/// An item that matched: its index in the input, its score, and the matched positions
/// (grapheme indices) for highlighting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    pub index: usize,
    pub score: u32,
    pub positions: Vec<u32>,
}

/// Ranks `items` against `query`, best first (ties keep input order). An empty query keeps
/// every item in order.
pub fn rank<'a>(query: &str, items: impl IntoIterator<Item = &'a str>) -> Vec<Ranked> {
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut out: Vec<Ranked> = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let mut positions = Vec::new();
        if let Some(score) = pattern.indices(Utf32Str::new(item, &mut buf), &mut matcher, &mut positions) {
            positions.sort_unstable();
            positions.dedup();
            out.push(Ranked { index, score, positions });
        }
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
    out
}

/// The section `key` names: its number (`2.3`), anchor or heading (see
/// [`Article::find_section`]), else the best fuzzy match of `number heading`, as the `:` finder
/// ranks them (so part of a heading is enough).
pub fn find_section(article: &Article, key: &str) -> Option<SectionId> {
    article.find_section(key).or_else(|| {
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        let labels: Vec<String> = article.sections.iter().map(|s| s.label()).collect();
        rank(key, labels.iter().map(String::as_str)).first().map(|r| SectionId(r.index as u32))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_highlights() {
        let items = ["Taliban", "Tehrik-i-Taliban Pakistan", "Pakistan"];
        let r = rank("tal", items);
        assert_eq!(r[0].index, 0);
        assert_eq!(r[0].positions, vec![0, 1, 2]);
        assert_eq!(r.len(), 2);
        assert_eq!(rank("", items).len(), 3);
    }

    #[test]
    fn sections_by_number_heading_or_part_of_one() {
        let a = crate::import::markdown::parse("# T\n\n## Early years\n\n## Later life\n", "t");
        assert_eq!(find_section(&a, "2"), Some(SectionId(1)));
        assert_eq!(find_section(&a, "early-years"), Some(SectionId(0)));
        assert_eq!(find_section(&a, "later"), Some(SectionId(1)));
        assert_eq!(find_section(&a, "zzz"), None);
    }
}
