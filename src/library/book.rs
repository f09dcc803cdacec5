//! A book: the reading order of a library, from its `SUMMARY.md` (mdBook's table of
//! contents: parts, numbered and nested chapters, unnumbered prefix and suffix chapters) or,
//! without one, from the links of its index page in order.

/// One line of the book's outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    /// The chapter's file, relative to the library root (`None`: a draft without a file, or
    /// a part's title).
    pub path: Option<String>,
    /// `1.2` for numbered chapters, empty for prefix and suffix chapters and parts.
    pub number: String,
    /// Nesting depth (0 for top-level chapters).
    pub depth: u8,
    /// A part's title (`# Reference` in `SUMMARY.md`), not a chapter.
    pub part: bool,
}

/// A library's reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Book {
    /// Where the order comes from (`SUMMARY.md` or the index page's name).
    pub source: String,
    pub chapters: Vec<Chapter>,
}

impl Book {
    /// The chapters that have a file, in reading order.
    pub fn readable(&self) -> impl Iterator<Item = &Chapter> {
        self.chapters.iter().filter(|c| c.path.is_some() && !c.part)
    }

    /// The chapter's label: `1.2 Title`, or the title alone.
    pub fn label(c: &Chapter) -> String {
        if c.number.is_empty() {
            c.title.clone()
        } else {
            format!("{} {}", c.number, c.title)
        }
    }
}

/// Reads a `SUMMARY.md`.
pub fn parse_summary(text: &str) -> Book {
    let mut chapters = Vec::new();
    let mut counters: Vec<u32> = Vec::new();
    // The indentation of each open level of the list.
    let mut indents: Vec<usize> = Vec::new();
    let mut seen_title = false;
    for line in text.lines().take(20_000) {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('#') {
            let title = h.trim_start_matches('#').trim();
            // The first heading is the summary's own title; later ones are parts.
            if seen_title && !title.is_empty() {
                chapters.push(Chapter {
                    title: title.to_string(),
                    path: None,
                    number: String::new(),
                    depth: 0,
                    part: true,
                });
            }
            seen_title = true;
            continue;
        }
        let Some((title, path)) = link(t) else { continue };
        let item = t.starts_with(['-', '*', '+'])
            || t.split_once(". ").is_some_and(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()));
        let (number, depth) = if item {
            let indent = line.len() - line.trim_start().len() + line.chars().take_while(|&c| c == '\t').count() * 3;
            // Any deeper indentation is one level in; as much as an open level is that level.
            while indents.last().is_some_and(|&last| indent < last) {
                indents.pop();
            }
            if indents.last().is_none_or(|&last| indent > last) && indents.len() < 8 {
                indents.push(indent);
            }
            let depth = indents.len().saturating_sub(1);
            counters.truncate(depth + 1);
            while counters.len() < depth + 1 {
                counters.push(0);
            }
            counters[depth] += 1;
            (counters.iter().map(u32::to_string).collect::<Vec<_>>().join("."), depth as u8)
        } else {
            (String::new(), 0)
        };
        let path = (!path.is_empty()).then(|| path.trim_start_matches("./").to_string());
        chapters.push(Chapter { title, path, number, depth, part: false });
    }
    Book { source: "SUMMARY.md".to_string(), chapters }
}

/// `[Title](path)` in a line: the title and the path (empty for a draft chapter).
fn link(line: &str) -> Option<(String, String)> {
    let open = line.find('[')?;
    let close = open + line[open..].find("](")?;
    let end = close + 2 + line[close + 2..].find(')')?;
    let title = line[open + 1..close].trim();
    let path = line[close + 2..end].trim();
    let path = path.split('#').next().unwrap_or("");
    (!title.is_empty()).then(|| (crate::sanitize::sanitize_line(title).into_owned(), path.to_string()))
}

/// The reading order an index page gives by its links to articles of the library, in order
/// (`known` says which paths are articles).
pub fn from_index(name: &str, text: &str, known: &dyn Fn(&str) -> bool) -> Option<Book> {
    let mut chapters: Vec<Chapter> = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some((title, path)) = link(rest) {
            let at = rest.find("](").unwrap_or(0) + 2;
            rest = &rest[at..];
            let path = path.trim_start_matches("./").to_string();
            if known(&path) && !chapters.iter().any(|c| c.path.as_deref() == Some(&path)) {
                let number = (chapters.len() + 1).to_string();
                chapters.push(Chapter { title, path: Some(path), number, depth: 0, part: false });
            }
        }
    }
    (chapters.len() >= 2).then(|| Book { source: name.to_string(), chapters })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_with_parts_nesting_drafts_and_prefix_chapters() {
        let s = "# Summary\n\n[Introduction](README.md)\n\n# Getting started\n\n- [Lamps](ch01.md)\n    - [Wicks](ch01/wicks.md)\n    - [Oil](./ch01/oil.md)\n- [Bells](ch02.md)\n  - [Tides](ch02/tides.md#top)\n- [Draft]()\n\n---\n\n[Thanks](thanks.md)\n";
        let b = parse_summary(s);
        let rows: Vec<(String, Option<&str>, bool)> =
            b.chapters.iter().map(|c| (Book::label(c), c.path.as_deref(), c.part)).collect();
        assert_eq!(
            rows,
            [
                ("Introduction".to_string(), Some("README.md"), false),
                ("Getting started".to_string(), None, true),
                ("1 Lamps".to_string(), Some("ch01.md"), false),
                ("1.1 Wicks".to_string(), Some("ch01/wicks.md"), false),
                ("1.2 Oil".to_string(), Some("ch01/oil.md"), false),
                ("2 Bells".to_string(), Some("ch02.md"), false),
                ("2.1 Tides".to_string(), Some("ch02/tides.md"), false),
                ("3 Draft".to_string(), None, false),
                ("Thanks".to_string(), Some("thanks.md"), false),
            ]
        );
        assert_eq!(b.readable().count(), 7);
    }

    #[test]
    fn an_index_page_gives_the_order_of_its_links() {
        let known = |p: &str| p.ends_with(".md");
        let b = from_index(
            "README.md",
            "# Docs\n\nStart with [setup](setup.md), then [use](./use.md) and [web](https://x.org).\n",
            &known,
        )
        .unwrap();
        let paths: Vec<&str> = b.chapters.iter().filter_map(|c| c.path.as_deref()).collect();
        assert_eq!(paths, ["setup.md", "use.md"]);
        assert!(from_index("README.md", "[one](one.md)", &known).is_none());
    }
}
