//! The article model: what an article *is*, independent of any screen.
//!
//! Blocks are a flat list (never a recursive tree) so that deeply nested input cannot overflow
//! the stack; each block carries the stack of containers (quotes, list items) it sits in.
//! Sections live in an index arena with parent/children ids.

mod anchor;
mod inline;

pub use anchor::{slugify, AnchorSet};
pub use inline::{Inline, Mark, Span, NO_SRC};

/// Index of a section in [`Article::sections`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectionId(pub u32);

/// Index of a link in [`Article::links`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkId(pub u32);

/// Inline style flags of a span of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Emphasis(pub u8);

impl Emphasis {
    pub const ITALIC: u8 = 1;
    pub const BOLD: u8 = 2;
    pub const STRIKE: u8 = 4;
    pub const CODE: u8 = 8;
    pub const FOOTNOTE: u8 = 16;
    pub const IMAGE: u8 = 32;
    pub const HTML: u8 = 64;
    /// TeX math, kept as its source (`$x^2$`).
    pub const MATH: u8 = 128;

    /// Whether every flag in `flag` is set.
    pub fn has(self, flag: u8) -> bool {
        self.0 & flag == flag
    }
}

/// One level of container a block sits in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Nest {
    /// A block quote (drawn as a bar).
    Quote,
    /// The first block of a list item: the marker is drawn on its first line.
    Item(Marker),
    /// A later block of a list item: indented by the marker's width.
    Indent(u16),
    /// The first block of a footnote definition.
    Footnote(Box<str>),
}

/// A list marker (`•`, `12.`, `[x]`) kept inline: the markers of a list of 100,000 items
/// allocate nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    len: u8,
    bytes: [u8; 15],
}

impl Marker {
    /// The marker `text`, cut to 15 bytes at a character boundary.
    pub fn new(text: &str) -> Self {
        let mut len = text.len().min(15);
        while !text.is_char_boundary(len) {
            len -= 1;
        }
        let mut bytes = [0u8; 15];
        bytes[..len].copy_from_slice(&text.as_bytes()[..len]);
        Marker { len: len as u8, bytes }
    }

    /// The marker's text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

impl std::fmt::Debug for Marker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// Column alignment in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// What a block holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The article's title, shown at the top of the reading pane.
    Title(String),
    Heading {
        level: u8,
        section: SectionId,
        text: Inline,
    },
    Paragraph(Inline),
    /// Preformatted text: never re-wrapped.
    Code {
        lang: String,
        text: String,
    },
    Rule,
    /// Boxed: tables are rare, and every block is as big as the biggest kind.
    Table(Box<Table>),
    /// Raw HTML, shown as dim text.
    Html(String),
    /// A place a link can go (an HTML `id`, `<a name>`, a `{#id}`, a footnote): takes no room.
    Anchor(String),
}

/// A table: all cells in one styled text, in the order [`block_text`] gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub aligns: Vec<Align>,
    /// Every cell's text, each followed by one separator byte (a tab; a newline after the
    /// last cell of a row).
    pub text: Inline,
    /// Byte ranges of the header's cells in `text` (empty when there is no header).
    pub header: Vec<(u32, u32)>,
    /// Byte ranges of each body row's cells.
    pub rows: Vec<Vec<(u32, u32)>>,
}

impl Table {
    /// Appends a row of cells (the header first), with their separators.
    pub fn push_row(&mut self, cells: Vec<Inline>, header: bool) {
        let n = cells.len();
        let mut ranges = Vec::with_capacity(n);
        for (c, cell) in cells.into_iter().enumerate() {
            let start = self.text.text.len() as u32;
            for span in cell.spans() {
                self.text.push(span.text, span.style, span.link);
            }
            ranges.push((start, self.text.text.len() as u32));
            self.text.push(if c + 1 == n { "\n" } else { "\t" }, Emphasis::default(), None);
        }
        if header {
            self.header = ranges;
        } else {
            self.rows.push(ranges);
        }
    }

    /// The plain text of a cell.
    pub fn cell_text(&self, cell: (u32, u32)) -> &str {
        self.text.text.get(cell.0 as usize..cell.1 as usize).unwrap_or("")
    }
}

/// A block and the containers it sits in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Containers from the outside in, clamped to [`MAX_NEST`] levels.
    pub nest: Box<[Nest]>,
    /// The true nesting depth, which may exceed `nest.len()`.
    pub depth: u32,
    /// Whether a blank line separates this block from the one before.
    pub gap_before: bool,
    /// How many more times the very same block follows right after it. A flood of identical
    /// blocks (`a` paragraphs, rules, empty headings) is one block, so it costs a few bytes.
    pub repeat: u32,
    /// Whether a blank line separates the repetitions.
    pub repeat_gap: bool,
}

impl Block {
    /// A block shown once.
    pub fn new(kind: BlockKind, nest: Box<[Nest]>, depth: u32, gap_before: bool) -> Block {
        Block { kind, nest, depth, gap_before, repeat: 0, repeat_gap: false }
    }

    /// How many times the block is shown.
    pub fn times(&self) -> u64 {
        u64::from(self.repeat) + 1
    }

    /// Whether `next`, coming right after this block, can be counted as a repetition of it: the
    /// same content in the same containers, not a section, without links (each link is its own).
    fn repeated_by(&self, next: &Block) -> bool {
        let linked = match &next.kind {
            BlockKind::Paragraph(t) | BlockKind::Heading { text: t, .. } => t.marks.iter().any(|m| m.link.is_some()),
            BlockKind::Table(_) | BlockKind::Title(_) => true,
            _ => false,
        };
        let section = matches!(&next.kind, BlockKind::Heading { text, .. } if !text.is_empty());
        !linked
            && !section
            && self.repeat < u32::MAX
            && (self.repeat == 0 || self.repeat_gap == next.gap_before)
            && self.depth == next.depth
            && self.kind == next.kind
            && self.nest == next.nest
    }

    /// Appends `block`, counted as a repetition of the last block when it is the same again.
    pub fn push_merged(blocks: &mut Vec<Block>, block: Block) {
        if let Some(last) = blocks.last_mut() {
            if last.repeated_by(&block) {
                if last.repeat == 0 {
                    last.repeat_gap = block.gap_before;
                }
                last.repeat += 1;
                return;
            }
        }
        blocks.push(block);
    }

    /// Merges repetitions that meet where two lists of blocks were joined (pieces of a big
    /// article), in place.
    pub fn merge_repeats(blocks: &mut Vec<Block>) {
        let mut out = 0usize;
        for i in 0..blocks.len() {
            let next = &blocks[i];
            let counts = next.repeat == 0 || next.repeat_gap == next.gap_before;
            if out > 0 && counts && blocks[out - 1].repeated_by(next) {
                let (gap, more) = (next.gap_before, next.repeat);
                let last = &mut blocks[out - 1];
                if last.repeat == 0 {
                    last.repeat_gap = gap;
                }
                last.repeat = last.repeat.saturating_add(more).saturating_add(1);
                continue;
            }
            blocks.swap(out, i);
            out += 1;
        }
        blocks.truncate(out);
    }

    /// Adds `by` to every link id (when an article parsed in pieces is put together).
    pub fn shift_links(&mut self, by: i64) {
        let inline = match &mut self.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => text,
            BlockKind::Table(t) => &mut t.text,
            _ => return,
        };
        for m in &mut inline.marks {
            if let Some(l) = &mut m.link {
                l.0 = (l.0 as i64 + by) as u32;
            }
        }
    }
}

/// The section of an empty heading (`#` alone): it is drawn, but it is not a section.
pub const NO_SECTION: SectionId = SectionId(u32::MAX);

/// Deepest container nesting drawn; deeper input is shown with a depth count.
pub const MAX_NEST: usize = 16;

/// A heading and its place in the section tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub level: u8,
    pub title: String,
    /// Dotted number such as `2.3`.
    pub number: String,
    /// GitHub-style slug, unique within the article.
    pub anchor: String,
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    /// Index of the heading block in [`Article::blocks`].
    pub block: usize,
    /// Depth in the tree (top-level sections are 0).
    pub depth: u16,
}

impl Section {
    /// Whether the heading carries its own number (`1.1 Scope`, `2. Usage`, `10) Notes`): the
    /// TOC then does not number it again.
    pub fn own_number(&self) -> bool {
        let t = self.title.as_bytes();
        let mut i = 0;
        loop {
            let digits = t[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || digits > 3 {
                return false;
            }
            i += digits;
            match t.get(i) {
                Some(b'.') if t.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
                Some(b'.' | b')') => return t.get(i + 1) == Some(&b' '),
                Some(b' ') => return true,
                _ => return false,
            }
        }
    }

    /// The heading as the TOC lists it: its number, then its text (or the text alone when it
    /// carries its own number).
    pub fn label(&self) -> String {
        if self.own_number() {
            self.title.clone()
        } else {
            format!("{} {}", self.number, self.title)
        }
    }
}

/// How a link was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)`, reference links and autolinks.
    Markdown,
    /// `[[Title]]` and friends.
    Wiki,
    /// A cross reference found in plain text ("See X").
    CrossRef,
}

/// A link as written in the article; resolution against a library happens elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub text: String,
    pub kind: LinkKind,
    /// Byte offset in the source text where the link is written ([`NO_AT`] when the importer
    /// cannot tell): `--check` and backlinks name the line.
    pub at: u32,
}

/// [`Link::at`] of a link whose place in the source is not known.
pub const NO_AT: u32 = u32::MAX;

/// A parsed article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    pub aliases: Vec<String>,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub links: Vec<Link>,
    /// Places links can go besides headings: name and block (see [`BlockKind::Anchor`]).
    pub anchors: Vec<(String, u32)>,
}

/// Where a `#fragment` leads in an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    Section(SectionId),
    /// An anchor: the block after it.
    Block(u32),
}

impl Article {
    /// The section a block belongs to (the last heading at or before it), if any.
    pub fn section_of_block(&self, block: usize) -> Option<SectionId> {
        let i = self.sections.partition_point(|s| s.block <= block);
        i.checked_sub(1).map(|i| SectionId(i as u32))
    }

    /// Top-level sections in order.
    pub fn roots(&self) -> impl Iterator<Item = SectionId> + '_ {
        self.sections.iter().enumerate().filter(|(_, s)| s.parent.is_none()).map(|(i, _)| SectionId(i as u32))
    }

    /// A section by id.
    pub fn section(&self, id: SectionId) -> &Section {
        &self.sections[id.0 as usize]
    }

    /// The path from the top level down to `id` (inclusive).
    pub fn section_path(&self, id: SectionId) -> Vec<SectionId> {
        let mut path = vec![id];
        let mut cur = self.section(id).parent;
        while let Some(p) = cur {
            path.push(p);
            cur = self.section(p).parent;
        }
        path.reverse();
        path
    }

    /// The section whose anchor, number or title matches `key` (see [`AnchorSet::lookup`]).
    pub fn find_section(&self, key: &str) -> Option<SectionId> {
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        if let Some(i) = self.sections.iter().position(|s| s.number == key) {
            return Some(SectionId(i as u32));
        }
        let wanted = slugify(&key.replace('_', " "));
        let folded = key.replace('_', " ").to_lowercase();
        self.sections
            .iter()
            .position(|s| s.anchor == key)
            .or_else(|| self.sections.iter().position(|s| s.anchor == wanted))
            .or_else(|| self.sections.iter().position(|s| s.title.to_lowercase() == folded))
            .map(|i| SectionId(i as u32))
    }

    /// The first paragraph of the article's text, or of section `fragment` when it has one
    /// (what a link's preview shows); empty when there is none.
    pub fn first_paragraph(&self, fragment: Option<&str>) -> String {
        let from = fragment.and_then(|f| self.find_section(f)).map_or(0, |id| self.section(id).block + 1);
        self.blocks
            .iter()
            .skip(from)
            .take_while(|b| from == 0 || !matches!(b.kind, BlockKind::Heading { .. }))
            .find_map(|b| match &b.kind {
                BlockKind::Paragraph(t) if !t.text.trim().is_empty() && b.nest.is_empty() => Some(t.text.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The text of the first non-empty paragraph at or after block `block` (at any depth: a
    /// note's text is in a list item); empty when there is none.
    pub fn text_from(&self, block: usize) -> String {
        self.blocks
            .iter()
            .skip(block)
            .find_map(|b| match &b.kind {
                BlockKind::Paragraph(t) if !t.text.trim().is_empty() => Some(t.text.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The section `id` alone, with its subsections, as an article of its own (same title,
    /// same links).
    pub fn excerpt(&self, id: SectionId) -> Article {
        let s = self.section(id);
        let end = self.sections[id.0 as usize + 1..]
            .iter()
            .find(|t| t.depth <= s.depth)
            .map_or(self.blocks.len(), |t| t.block);
        let mut blocks = Vec::with_capacity(end - s.block + 1);
        blocks.extend(self.blocks.first().filter(|b| matches!(b.kind, BlockKind::Title(_))).cloned());
        blocks.extend(self.blocks[s.block..end].iter().cloned());
        let mut sections = SectionBuilder::default();
        for (i, block) in blocks.iter_mut().enumerate() {
            if let BlockKind::Heading { level, section, text } = &mut block.kind {
                *section = sections.push_heading(*level, &text.text, i);
            }
        }
        let mut excerpt = Article {
            title: self.title.clone(),
            aliases: self.aliases.clone(),
            blocks,
            sections: sections.finish(),
            links: self.links.clone(),
            anchors: Vec::new(),
        };
        excerpt.collect_anchors();
        excerpt
    }

    /// Where `key` leads: a section (by number, anchor or heading, see
    /// [`Article::find_section`]), else a named anchor (exactly, or as its slug).
    pub fn find_fragment(&self, key: &str) -> Option<Spot> {
        if let Some(id) = self.find_section(key) {
            return Some(Spot::Section(id));
        }
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        let slug = slugify(key);
        self.anchors
            .iter()
            .find(|(n, _)| n == key)
            .or_else(|| self.anchors.iter().find(|(n, _)| slugify(n) == slug))
            .map(|&(_, b)| Spot::Block(b))
            // The heading that became the title still names the top of the article.
            .or_else(|| (slug == slugify(&self.title)).then_some(Spot::Block(0)))
    }

    /// The fragments this article answers to, kept apart from it (to check links to it
    /// without holding it): `fragments().has(k)` is `find_fragment(k).is_some()`.
    pub fn fragments(&self) -> Fragments {
        let mut f = Fragments::default();
        for (i, s) in self.sections.iter().enumerate() {
            let id = SectionId(i as u32);
            f.numbers.entry(s.number.clone()).or_insert(id);
            f.section_anchors.entry(s.anchor.clone()).or_insert(id);
            f.titles.entry(s.title.to_lowercase()).or_insert(id);
        }
        for (name, block) in &self.anchors {
            f.anchor_slugs.entry(slugify(name)).or_insert(*block);
            f.anchors.entry(name.clone()).or_insert(*block);
        }
        f.title = slugify(&self.title);
        f
    }

    /// The anchors of the blocks, in order (made once the blocks are final).
    pub fn collect_anchors(&mut self) {
        self.anchors = self
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match &b.kind {
                BlockKind::Anchor(name) => Some((name.clone(), i as u32)),
                _ => None,
            })
            .collect();
    }

    /// Number of paragraphs in the lead (before the first heading) and in each section's own
    /// body (not counting subsections), in document order.
    pub fn paragraph_counts(&self) -> Vec<usize> {
        let mut counts = vec![0usize; self.sections.len() + 1];
        let mut cur = 0usize;
        for b in &self.blocks {
            match &b.kind {
                BlockKind::Heading { section, .. } if *section != NO_SECTION => cur = section.0 as usize + 1,
                BlockKind::Paragraph(_) => counts[cur] += b.times() as usize,
                _ => {}
            }
        }
        counts
    }
}

/// The text of a block: what search scans and what layout runs point into (by byte offset),
/// so a match found here maps to rows and columns at any width. A table's cells follow one
/// another, each followed by one separator byte (see [`Table`]).
pub fn block_text(block: &Block) -> &str {
    match &block.kind {
        BlockKind::Title(t) | BlockKind::Code { text: t, .. } | BlockKind::Html(t) => t,
        BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => &text.text,
        BlockKind::Rule | BlockKind::Anchor(_) => "",
        BlockKind::Table(t) => &t.text.text,
    }
}

/// The language of a code fence's info string: `rust` for `rust,ignore,panics`, `{.python
/// .numberLines}` or `python title="x.py"`; empty when there is none.
pub fn code_language(info: &str) -> &str {
    let first = info.trim().trim_start_matches('{').split([',', ' ', '\t', '}']).next().unwrap_or("");
    first.trim_start_matches('.')
}

/// The fragments an article answers to (see [`Article::fragments`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragments {
    numbers: std::collections::HashMap<String, SectionId>,
    section_anchors: std::collections::HashMap<String, SectionId>,
    titles: std::collections::HashMap<String, SectionId>,
    anchors: std::collections::HashMap<String, u32>,
    anchor_slugs: std::collections::HashMap<String, u32>,
    title: String,
}

impl Fragments {
    /// Where `#key` leads, as [`Article::find_fragment`] finds it, by hashing instead of
    /// scanning every section (an article with thousands of in-page links and sections).
    pub fn find(&self, key: &str) -> Option<Spot> {
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        let section = self
            .numbers
            .get(key)
            .or_else(|| self.section_anchors.get(key))
            .or_else(|| self.section_anchors.get(&slugify(&key.replace('_', " "))))
            .or_else(|| self.titles.get(&key.replace('_', " ").to_lowercase()));
        if let Some(&id) = section {
            return Some(Spot::Section(id));
        }
        let slug = slugify(key);
        self.anchors
            .get(key)
            .or_else(|| self.anchor_slugs.get(&slug))
            .map(|&b| Spot::Block(b))
            .or_else(|| (slug == self.title).then_some(Spot::Block(0)))
    }

    /// Whether `#key` leads somewhere in the article.
    pub fn has(&self, key: &str) -> bool {
        self.find(key).is_some()
    }
}

/// Builds the section tree as headings arrive in document order.
#[derive(Debug, Default)]
pub struct SectionBuilder {
    sections: Vec<Section>,
    open: Vec<SectionId>,
    anchors: AnchorSet,
    top_count: usize,
}

impl SectionBuilder {
    /// Adds a heading at `level` for the block at index `block`; returns its id.
    ///
    /// A heading nests under the nearest open heading of a shallower level, so skipped levels
    /// (`#` then `###`) still form a tree.
    pub fn push(&mut self, level: u8, title: &str, block: usize) -> SectionId {
        while let Some(&top) = self.open.last() {
            if self.sections[top.0 as usize].level >= level {
                self.open.pop();
            } else {
                break;
            }
        }
        let id = SectionId(self.sections.len() as u32);
        let parent = self.open.last().copied();
        let (number, depth) = match parent {
            Some(p) => {
                let ps = &mut self.sections[p.0 as usize];
                ps.children.push(id);
                (format!("{}.{}", ps.number, ps.children.len()), ps.depth + 1)
            }
            None => {
                self.top_count += 1;
                (self.top_count.to_string(), 0)
            }
        };
        let anchor = self.anchors.unique(title);
        self.sections.push(Section {
            level,
            // One line in the TOC, the finders and `--toc`, whatever breaks the heading holds.
            title: crate::sanitize::sanitize_line(title).into_owned(),
            number,
            anchor,
            parent,
            children: Vec::new(),
            block,
            depth,
        });
        self.open.push(id);
        id
    }

    /// Adds the heading with text `text` (a section, unless it has no text: then
    /// [`NO_SECTION`]).
    pub fn push_heading(&mut self, level: u8, text: &str, block: usize) -> SectionId {
        let title = text.trim();
        if title.is_empty() {
            NO_SECTION
        } else {
            self.push(level, title, block)
        }
    }

    /// The finished arena.
    pub fn finish(self) -> Vec<Section> {
        self.sections
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_answer_as_find_fragment_does() {
        let a = crate::import::markdown::parse(
            "# T\n\n## Early years\n\n## Early years\n\n### 2.1 Scope {#scope-id}\n\n<a id=\"Old_Anchor\"></a>\n\nx[^n]\n\n[^n]: note\n",
            "t",
        );
        let f = a.fragments();
        for key in [
            "early-years",
            "early-years-1",
            "Early years",
            "Early_years",
            "1",
            "1.2",
            "scope-id",
            "Old_Anchor",
            "old_anchor",
            "fn:n",
            "nope",
            "",
            "early-years-2",
            "2.1 Scope",
            "2-1-scope",
            "t",
            "T",
        ] {
            assert_eq!(f.find(key), a.find_fragment(key), "{key:?}");
        }
    }

    #[test]
    fn a_fence_language_is_its_first_word() {
        assert_eq!(code_language("rust,ignore,panics"), "rust");
        assert_eq!(code_language("{.python .numberLines}"), "python");
        assert_eq!(code_language("python title=\"x.py\""), "python");
        assert_eq!(code_language(" toml "), "toml");
        assert_eq!(code_language(""), "");
    }

    #[test]
    fn skipped_levels_nest_under_shallower() {
        let mut b = SectionBuilder::default();
        b.push(1, "A", 0);
        b.push(3, "B", 1);
        b.push(2, "C", 2);
        b.push(1, "D", 3);
        let s = b.finish();
        assert_eq!(s[1].parent, Some(SectionId(0)));
        assert_eq!(s[1].number, "1.1");
        assert_eq!(s[2].parent, Some(SectionId(0)));
        assert_eq!(s[2].number, "1.2");
        assert_eq!(s[3].number, "2");
        assert_eq!(s[3].parent, None);
    }
}
