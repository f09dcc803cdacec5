//! Deterministic generated articles and libraries for benchmarks and scale tests. Test
//! support, not folio's API: included with `#[path]` by the tests, benches and examples.
//!
//! The same size and seed always give the same bytes. Articles start with the marker word
//! `QZSTARTMARKER` and end with `QZENDMARKER`, so a first frame and the end can be recognised.
#![allow(dead_code, unused_imports)]

/// Marker word in the first paragraph.
pub const START_MARKER: &str = "QZSTARTMARKER";
/// Marker word in the last paragraph.
pub const END_MARKER: &str = "QZENDMARKER";

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// One element of a slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ten", "vor", "an", "is", "el", "um", "ber", "sta", "tri", "qua", "nel", "dor", "fin",
    "gal", "hes", "mar", "pol", "ru", "sen", "tal", "ver", "zo", "ci", "ne", "pa", "tho", "gre", "lin",
];
const COMMON: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not",
    "this", "are", "or", "from", "at", "which", "but", "have", "an", "they", "were", "one", "all", "can", "has",
    "there", "been", "more", "when", "will", "would", "so", "into", "than", "other", "new", "some", "could", "time",
];
const EXOTIC: &[&str] = &["漢字", "東京", "日本語", "👍🏽", "🇯🇵", "café", "naïve", "Ærøskøbing", "👩\u{200d}🔬"];

struct Words {
    rng: Rng,
    vocab: Vec<String>,
}

impl Words {
    fn new(seed: u64) -> Words {
        let mut rng = Rng::new(seed);
        let vocab = (0..2000)
            .map(|_| {
                let n = rng.range(1, 4);
                (0..n).map(|_| *rng.pick(SYLLABLES)).collect::<String>()
            })
            .collect();
        Words { rng, vocab }
    }

    fn word(&mut self) -> String {
        if self.rng.chance(0.45) {
            self.rng.pick(COMMON).to_string()
        } else if self.rng.chance(0.01) {
            self.rng.pick(EXOTIC).to_string()
        } else {
            // Skewed towards the front of the vocabulary, like real text.
            let a = self.rng.range(0, self.vocab.len() - 1);
            let b = self.rng.range(0, a);
            self.vocab[b].clone()
        }
    }

    fn title(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| {
                let w = self.word();
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().chain(c).collect(),
                    None => w,
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn sentence(&mut self, anchors: &[String], articles: &[String]) -> String {
        let n = self.rng.range(6, 22);
        let mut parts: Vec<String> = (0..n).map(|_| self.word()).collect();
        let i = self.rng.range(0, parts.len() - 1);
        match self.rng.range(0, 19) {
            0 | 1 => parts[i] = format!("**{}**", parts[i]),
            2 => parts[i] = format!("*{}*", parts[i]),
            3 => parts[i] = format!("`{}()`", parts[i]),
            4 if !anchors.is_empty() => {
                let a = self.rng.pick(anchors).clone();
                parts.insert(i, format!("[see {}](#{a})", parts[i]));
            }
            5 if !articles.is_empty() => {
                let t = self.rng.pick(articles).clone();
                parts.insert(i, format!("[[{t}]]"));
            }
            _ => {}
        }
        let mut s = parts.join(" ");
        if let Some(f) = s.get(0..1) {
            let up = f.to_uppercase();
            s.replace_range(0..1, &up);
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, anchors: &[String], articles: &[String]) -> String {
        let n = self.rng.range(2, 8);
        (0..n).map(|_| self.sentence(anchors, articles)).collect::<Vec<_>>().join(" ")
    }

    fn block(&mut self, anchors: &[String], articles: &[String]) -> String {
        match self.rng.range(0, 99) {
            0..=69 => self.paragraph(anchors, articles),
            70..=81 => {
                let mut out = Vec::new();
                for _ in 0..self.rng.range(3, 7) {
                    out.push(format!("- {}", self.sentence(anchors, articles)));
                    if self.rng.chance(0.25) {
                        out.push(format!("  - {}", self.sentence(&[], &[])));
                    }
                }
                out.join("\n")
            }
            82..=87 => (1..=self.rng.range(3, 6))
                .map(|i| format!("{i}. {}", self.sentence(anchors, articles)))
                .collect::<Vec<_>>()
                .join("\n"),
            88..=92 => format!("> {}", self.paragraph(anchors, articles)),
            93..=96 => {
                let mut rows = vec!["| Name | Value | Notes |".to_string(), "|:--|--:|:--|".to_string()];
                for _ in 0..self.rng.range(2, 6) {
                    let (a, b) = (self.word(), self.rng.range(0, 9999));
                    rows.push(format!("| {a} | {b} | {} |", self.sentence(&[], &[])));
                }
                rows.join("\n")
            }
            _ => {
                let mut lines = vec!["```rust".to_string()];
                for _ in 0..self.rng.range(3, 8) {
                    let (a, b, n) = (self.word(), self.word(), self.rng.range(0, 999));
                    lines.push(format!("let {a} = {b}({n});"));
                }
                lines.push("```".to_string());
                lines.join("\n")
            }
        }
    }
}

/// A Markdown article of about `target` bytes with thousands of nested sections.
pub fn article(target: usize, seed: u64) -> String {
    let mut w = Words::new(seed);
    let mut out = String::with_capacity(target + 8192);
    let mut anchors: Vec<String> = Vec::new();
    let articles: Vec<String> = (0..20).map(|i| format!("Article {i}")).collect();
    let emit = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push_str("\n\n");
    };
    emit(&mut out, &format!("# Generated Article ({target} bytes)"));
    emit(&mut out, &format!("This document begins with the marker word {START_MARKER}. {}", w.paragraph(&[], &[])));
    let mut n = 0;
    while out.len() + 4096 < target {
        n += 1;
        let title = format!("Section {n}: {}", w.title(3));
        emit(&mut out, &format!("## {title}"));
        anchors.push(folio::model::slugify(&title));
        if anchors.len() > 400 {
            let i = w.rng.range(0, anchors.len() - 1);
            anchors.swap_remove(i);
        }
        for _ in 0..w.rng.range(1, 3) {
            let b = w.block(&anchors, &articles);
            emit(&mut out, &b);
        }
        for m in 1..=w.rng.range(2, 6) {
            emit(&mut out, &format!("### {n}.{m} {}", w.title(2)));
            for _ in 0..w.rng.range(1, 5) {
                let b = w.block(&anchors, &articles);
                emit(&mut out, &b);
            }
            if w.rng.chance(0.2) {
                emit(&mut out, &format!("#### {n}.{m}.1 {}", w.title(2)));
                let b = w.block(&anchors, &articles);
                emit(&mut out, &b);
            }
            if out.len() + 4096 >= target {
                break;
            }
        }
    }
    emit(&mut out, "## Final Section");
    emit(&mut out, &w.paragraph(&anchors, &[]));
    emit(&mut out, &format!("This is the end of the document and carries the marker word {END_MARKER}."));
    out
}

/// A library of `count` short articles (file name, Markdown), about 8 KB each, linked to each
/// other by wiki links, with aliases.
pub fn library(count: usize, seed: u64) -> Vec<(String, String)> {
    let mut w = Words::new(seed);
    let titles: Vec<String> = (0..count).map(|i| format!("{} {i}", w.title(2))).collect();
    titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let mut body = format!("---\ntitle: {title}\naliases: [Alias {i}]\n---\n\n");
            let links: Vec<String> = (0..5).map(|_| w.rng.pick(&titles).clone()).collect();
            while body.len() < 8000 {
                body.push_str(&format!("## {}\n\n", w.title(3)));
                for _ in 0..3 {
                    let b = w.block(&[], &links);
                    body.push_str(&b);
                    body.push_str("\n\n");
                }
            }
            (format!("article-{i:05}.md"), body)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let a = article(200_000, 1);
        assert_eq!(a, article(200_000, 1));
        assert!(a.len() >= 190_000 && a.len() < 220_000, "{}", a.len());
        assert!(a.contains(START_MARKER) && a.trim_end().ends_with(&format!("{END_MARKER}.")));
    }
}
