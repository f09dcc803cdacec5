//! Article × width → [`PageLayout`]: wrapped lines and the row maps (sections, links, blocks).
//!
//! Computed once per width; the reading pane then draws a slice of rows through a [`View`].
//! A layout keeps where every row starts (12 bytes a row) but the styled runs of tall blocks
//! only: a short block's runs are laid out again, in microseconds, when its rows are shown.
//! Runs point into the article's own block texts (a layout never copies the article).

mod code;
mod table;
mod view;
pub mod width;
mod wrap;

pub use view::{shown_blocks, ShownBlock, View};

use std::collections::HashMap;

pub use crate::model::NO_SRC;
use crate::model::{block_text, Article, Block, BlockKind, Emphasis, LinkId, Nest, Span};
use crate::work::{Cancelled, Unwatched, Watch};
use width::{display_width, take_width};
pub use wrap::{wrap_spans, DraftLine, Piece};

/// What a layout is made for: the widths, and how code is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Measure {
    /// The reading measure: prose wraps at this many cells.
    pub text: u16,
    /// The whole pane: code and tables may use it.
    pub wide: u16,
    /// Code lines wrap onto more rows (marked `↪`), or run on to be scrolled sideways.
    pub wrap_code: bool,
    /// Plain text for `--print`: heading markers, inline code in backticks, code indented.
    pub plain: bool,
    /// Each link followed by its number (`--print --references`).
    pub references: bool,
}

impl Measure {
    /// Prose and code at the same width, code wrapped: what `--print --width N` uses.
    pub fn new(width: u16) -> Measure {
        Measure { text: width.max(1), wide: width.max(1), wrap_code: true, plain: false, references: false }
    }

    /// Widths of at least one cell, the pane at least the measure: what a layout made for
    /// this measure says it is made for.
    pub fn normal_form(self) -> Measure {
        self.normal()
    }

    /// Widths of at least one cell, the pane at least the measure.
    fn normal(self) -> Measure {
        let text = self.text.max(1);
        Measure { text, wide: self.wide.max(text), ..self }
    }
}

impl Default for Measure {
    fn default() -> Measure {
        Measure::new(1)
    }
}

impl From<u16> for Measure {
    fn from(width: u16) -> Measure {
        Measure::new(width)
    }
}

/// What a run of text is, for the theme to colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Body,
    Title,
    Heading(u8),
    Code,
    /// The bar and label that frame a code block.
    CodeFrame,
    QuoteBar,
    Marker,
    TableBorder,
    TableHeader,
    Html,
    Rule,
    /// Clipping markers and other hints folio adds.
    Dim,
}

/// A run of text with one style on one line (20 bytes: a 50 MB article has over a million).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Byte offset of the text: in its block's text ([`crate::model::block_text`]), or, when
    /// `own` is set, in [`PageLayout::own`] (markers, borders, rules: what folio draws itself).
    pub start: u32,
    pub len: u32,
    /// Column where the run starts, and its width in cells.
    pub col: u16,
    pub width: u16,
    link: u32,
    pub role: Role,
    pub emph: Emphasis,
    pub own: bool,
}

impl Run {
    /// The link this run is part of.
    pub fn link(&self) -> Option<LinkId> {
        (self.link != u32::MAX).then_some(LinkId(self.link))
    }

    /// Byte offset of the run's text in its block's text, or [`NO_SRC`] for text folio adds.
    pub fn src(&self) -> u32 {
        if self.own {
            NO_SRC
        } else {
            self.start
        }
    }
}

/// One screen row of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The block this row shows.
    pub block: u32,
    /// Byte offset in the block's text where this row starts.
    pub src: u32,
    /// Where the row's runs start in [`PageLayout::runs`] (they end where the next row's
    /// start); meaningful only when the layout keeps its block's runs.
    pub runs: u32,
}

/// Where a link sits on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkSpan {
    pub row: u32,
    pub col: u16,
    pub width: u16,
    pub link: LinkId,
}

/// The article laid out at one width. Only valid with the article it was computed from.
#[derive(Clone, Debug, Default)]
pub struct PageLayout {
    /// Unique among the layouts of this run (blocks laid out for the screen name it).
    pub id: u64,
    /// The reading measure (`measure.text`).
    pub width: u16,
    pub measure: Measure,
    /// Blocks with a row wider than the pane (code that runs on, a table at its natural width),
    /// in order: their rows scroll sideways.
    pub overflow: Vec<u32>,
    /// Text folio draws that is not the article's (markers, borders, rules), each distinct
    /// string once.
    pub own: String,
    /// Runs of the blocks in `kept` only.
    pub runs: Vec<Run>,
    /// The rows laid out. A repeated block (see [`crate::model::Block::repeat`]) is laid out
    /// twice, its first showing and one more (the unit), and its other showings are rows that
    /// exist only as numbers ([`Repeat`]): read rows through [`PageLayout::line`].
    pub lines: Vec<Line>,
    /// Where a repeated block's unit repeats, in row order.
    pub repeats: Vec<Repeat>,
    /// Rows that exist only through `repeats`.
    pub extra: u32,
    /// Blocks whose runs the layout keeps (taller than [`KEEP_ROWS`] or longer than
    /// [`KEEP_BYTES`]), by block.
    pub kept: Vec<bool>,
    /// First row of each section's heading, indexed by section id.
    pub section_rows: Vec<u32>,
    /// First row of each block (after its gap line), indexed by block.
    pub block_rows: Vec<u32>,
    /// Every link span in row order.
    pub link_spans: Vec<LinkSpan>,
    /// Index in `link_spans` of each link's first span, by link id (`u32::MAX`: not shown).
    pub link_first: Vec<u32>,
}

/// The showings of a repeated block after its unit, as rows that are not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repeat {
    /// The first of these rows.
    pub row: u32,
    /// Where the unit's rows are in [`PageLayout::lines`].
    pub unit: u32,
    /// Rows of the unit.
    pub period: u32,
    /// How many more times the unit shows.
    pub times: u32,
    /// Rows added by the repeats before this one.
    pub before: u32,
}

impl PageLayout {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.lines.len() + self.extra as usize
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Where row `row` is stored in `lines` (a repeated block's rows all map to its unit).
    pub fn phys(&self, row: usize) -> Option<usize> {
        if row >= self.len() {
            return None;
        }
        let i = self.repeats.partition_point(|r| r.row as usize <= row);
        let Some(r) = i.checked_sub(1).map(|i| self.repeats[i]) else { return Some(row) };
        let span = r.period as usize * r.times as usize;
        if row < r.row as usize + span {
            Some(r.unit as usize + (row - r.row as usize) % r.period.max(1) as usize)
        } else {
            Some(row - r.before as usize - span)
        }
    }

    /// Row `row`.
    pub fn line(&self, row: usize) -> Option<Line> {
        self.phys(row).and_then(|p| self.lines.get(p)).copied()
    }

    /// The rows `rows` ready to draw, with text from `article` (the one laid out).
    pub fn view<'a>(&'a self, article: &'a Article, rows: std::ops::Range<usize>) -> View<'a> {
        View::new(self, article, rows, &[])
    }

    /// Like [`PageLayout::view`], reusing blocks already laid out for the screen.
    pub fn view_reusing<'a>(
        &'a self,
        article: &'a Article,
        rows: std::ops::Range<usize>,
        shown: &[std::sync::Arc<ShownBlock>],
    ) -> View<'a> {
        View::new(self, article, rows, shown)
    }

    /// A row as plain text (trailing spaces trimmed).
    pub fn row_text(&self, article: &Article, row: usize) -> String {
        self.view(article, row..row + 1).row_text(row)
    }

    /// The kept runs of a row whose block's runs are kept.
    fn kept_runs(&self, row: usize) -> &[Run] {
        self.phys(row).map_or(&[], |p| self.stored_runs(p))
    }

    /// The kept runs of stored line `p`.
    fn stored_runs(&self, p: usize) -> &[Run] {
        let Some(line) = self.lines.get(p) else { return &[] };
        let end = self.lines.get(p + 1).map_or(self.runs.len(), |l| l.runs as usize);
        self.runs.get(line.runs as usize..end).unwrap_or(&[])
    }

    /// The first row of a block, counting the blank line before it.
    fn block_start(&self, block: usize) -> usize {
        let first = self.block_rows.get(block).copied().unwrap_or(0) as usize;
        match first.checked_sub(1).and_then(|r| self.line(r)) {
            Some(gap) if gap.block as usize == block => first - 1,
            _ => first,
        }
    }

    /// The section containing `row`: the last section whose heading is at or above it.
    pub fn section_at(&self, row: usize) -> Option<usize> {
        let i = self.section_rows.partition_point(|&r| r as usize <= row);
        i.checked_sub(1)
    }

    /// The row showing byte `src` of block `block` (for keeping the reading position on resize
    /// and for mapping search matches). Rows' offsets never decrease within a block.
    /// A repeated block answers with its first showing.
    pub fn row_of(&self, block: usize, src: u32) -> usize {
        let first = self.block_rows.get(block).copied().unwrap_or(0) as usize;
        let Some(p) = self.phys(first) else { return first.min(self.len().saturating_sub(1)) };
        // The block's stored rows of its first showing: contiguous, offsets never decreasing.
        let mut end = p;
        while end < self.lines.len()
            && self.lines[end].block as usize == block
            && (end == p || self.lines[end].src >= self.lines[end - 1].src)
        {
            end += 1;
        }
        if end == p {
            return first;
        }
        let n = self.lines[p..end].partition_point(|l| l.src <= src);
        first + n.saturating_sub(1)
    }

    /// Whether block `block` has a row wider than the pane.
    pub fn overflows(&self, block: u32) -> bool {
        self.overflow.binary_search(&block).is_ok()
    }

    /// Link spans on rows `top..bottom`.
    pub fn links_in(&self, top: usize, bottom: usize) -> &[LinkSpan] {
        let a = self.link_spans.partition_point(|l| (l.row as usize) < top);
        let b = self.link_spans.partition_point(|l| (l.row as usize) < bottom);
        &self.link_spans[a..b]
    }
}

/// Lays out an article for a measure (a width in cells: prose and code at that width).
pub fn layout(article: &Article, measure: impl Into<Measure>) -> PageLayout {
    layout_blocks(article, measure, 0..article.blocks.len())
}

/// Like [`layout`], checking `watch` every few hundred blocks (a big article laid out in the
/// background stops as soon as nobody wants its layout any more).
pub fn layout_watched(article: &Article, measure: Measure, watch: &dyn Watch) -> Result<PageLayout, Cancelled> {
    layout_keeping(article, measure, 0..article.blocks.len(), KEEP_ROWS, watch)
}

/// Lays out only the blocks in `range` (a window around the reading position, for a frame
/// that cannot wait for a whole big article). Blocks before the window map to row 0 and
/// blocks after it to the row count, so section lookups still give the right answer inside.
pub fn layout_blocks(article: &Article, measure: impl Into<Measure>, range: std::ops::Range<usize>) -> PageLayout {
    layout_keeping(article, measure.into(), range, KEEP_ROWS, &Unwatched).unwrap_or_default()
}

/// A layout that keeps the runs of every block: what a [`View`] must reproduce (for tests).
#[doc(hidden)]
pub fn layout_keeping_all(article: &Article, measure: impl Into<Measure>) -> PageLayout {
    layout_keeping(article, measure.into(), 0..article.blocks.len(), 0, &Unwatched).unwrap_or_default()
}

fn layout_keeping(
    article: &Article,
    measure: Measure,
    range: std::ops::Range<usize>,
    keep_rows: usize,
    watch: &dyn Watch,
) -> Result<PageLayout, Cancelled> {
    let range = range.start.min(article.blocks.len())..range.end.min(article.blocks.len());
    let mut b = Builder::new(measure);
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    b.page.id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    b.page.block_rows = vec![0; article.blocks.len()];
    b.page.kept = vec![false; article.blocks.len()];
    for i in range.clone() {
        if i % 1024 == 0 {
            watch.check()?;
            watch.progress((i - range.start) as u64, range.len() as u64);
        }
        let (first_line, first_run) = (b.page.lines.len(), b.page.runs.len());
        b.widest = 0;
        put_block(&mut b, article, i, i > range.start);
        if b.widest > b.measure.wide {
            b.page.overflow.push(i as u32);
        }
        let tall = b.page.lines.len() - first_line > keep_rows;
        if tall || block_text(&article.blocks[i]).len() > KEEP_BYTES {
            b.page.kept[i] = true;
        } else {
            // Shown again later from the article; the row starts and link spans stay.
            b.page.runs.truncate(first_run);
            b.line_start = first_run as u32;
            for l in &mut b.page.lines[first_line..] {
                l.runs = first_run as u32;
            }
        }
    }
    let rows = b.vrow();
    for r in &mut b.page.block_rows[range.end..] {
        *r = rows;
    }
    // An anchor leads to the first row of what follows it.
    for i in range.clone().rev() {
        if let BlockKind::Anchor(_) = article.blocks[i].kind {
            b.page.block_rows[i] = b.page.block_rows.get(i + 1).copied().unwrap_or(rows);
        }
    }
    b.page.section_rows =
        article.sections.iter().map(|s| b.page.block_rows.get(s.block).copied().unwrap_or(0)).collect();
    let mut first = vec![u32::MAX; article.links.len()];
    for (i, s) in b.page.link_spans.iter().enumerate() {
        if let Some(f) = first.get_mut(s.link.0 as usize) {
            if *f == u32::MAX {
                *f = i as u32;
            }
        }
    }
    b.page.link_first = first;
    // The buffers grew by doubling; a big article keeps its layout for long.
    b.page.own.shrink_to_fit();
    b.page.runs.shrink_to_fit();
    b.page.lines.shrink_to_fit();
    b.page.link_spans.shrink_to_fit();
    Ok(b.page)
}

/// Blocks with more rows than this keep their runs in the layout; shorter ones are laid out
/// again when shown (cheaper than keeping 20 bytes a run for a whole big article).
pub const KEEP_ROWS: usize = 48;

/// Blocks with more text than this keep their runs too (a 10 MB code line is one clipped row,
/// and must not be measured again on every frame).
pub const KEEP_BYTES: usize = 64 << 10;

/// Lays out block `i` (after its blank line, unless it is the first of the layout). A
/// repeated block is laid out twice (its first showing, then the unit every other showing is
/// made of: a blank line if they have one, and the block), and its further showings are
/// counted, not stored ([`Repeat`]).
fn put_block<'a>(b: &mut Builder<'a>, article: &'a Article, i: usize, gap: bool) {
    let block = &article.blocks[i];
    b.source = block_text(block);
    if let BlockKind::Anchor(_) = block.kind {
        // No rows: its row is the next block's (set when the layout is done).
        return;
    }
    if block.gap_before && gap {
        put_gap(b, i, &block.nest, &article.blocks[i - 1].nest);
    }
    let row = b.vrow();
    if let Some(r) = b.page.block_rows.get_mut(i) {
        *r = row;
    }
    layout_block(b, i, block);
    if block.repeat > 0 {
        let unit = b.page.lines.len();
        if block.repeat_gap {
            put_gap(b, i, &block.nest, &block.nest);
        }
        layout_block(b, i, block);
        let period = (b.page.lines.len() - unit) as u32;
        let times = block.repeat - 1;
        if times > 0 && period > 0 {
            let before = b.page.extra;
            b.page.repeats.push(Repeat { row: b.vrow(), unit: unit as u32, period, times, before });
            b.page.extra = b.page.extra.saturating_add(period.saturating_mul(times));
        }
    }
}

/// The blank line before a block; it keeps the quote bars the block shares with the one
/// before, so a quote reads as one.
fn put_gap(b: &mut Builder, i: usize, nest: &[Nest], prev: &[Nest]) {
    let shared = nest.iter().zip(prev.iter()).take_while(|(a, b)| **a == Nest::Quote && **b == Nest::Quote).count();
    for _ in 0..shared.min(b.page.width as usize / 2 / 2) {
        b.push("│", Role::QuoteBar, Emphasis::default(), None, NO_SRC);
        b.col += 1;
    }
    b.end_line(i, 0);
}

/// The `[n]` shown after each link for `--print --references`, one per link ending in
/// `spans`, in order (none unless the measure asks for them).
fn reference_labels<'a>(m: Measure, spans: impl Iterator<Item = Span<'a>>) -> Vec<String> {
    if !m.references {
        return Vec::new();
    }
    let spans: Vec<Span> = spans.collect();
    (0..spans.len())
        .filter_map(|k| {
            let link = spans[k].link?;
            (spans.get(k + 1).and_then(|s| s.link) != Some(link)).then(|| format!("[{}]", link.0 + 1))
        })
        .collect()
}

/// The spans as `--print` shows them: inline code between backticks, each link followed by its
/// reference label (from `labels`); unchanged for the reader.
fn plain_spans<'a>(m: Measure, spans: impl Iterator<Item = Span<'a>>, labels: &'a [String]) -> Vec<Span<'a>> {
    let spans: Vec<Span> = spans.collect();
    if !m.plain && !m.references {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len() + 2);
    let mut label = labels.iter();
    for (k, span) in spans.iter().enumerate() {
        let code = m.plain && span.style.has(Emphasis::CODE);
        if code {
            out.push(Span::label("`", span.style));
        }
        out.push(*span);
        if code {
            out.push(Span::label("`", span.style));
        }
        let ends_link = span.link.is_some() && spans.get(k + 1).and_then(|s| s.link) != span.link;
        if ends_link {
            if let Some(l) = label.next() {
                out.push(Span::label(l, Emphasis::default()));
            }
        }
    }
    out
}

/// Appends runs and lines to a [`PageLayout`].
struct Builder<'a> {
    page: PageLayout,
    col: u16,
    line_start: u32,
    /// The text of the block being laid out.
    source: &'a str,
    /// Where each string folio adds already is in `page.own` (each is stored once).
    interned: HashMap<String, u32>,
    measure: Measure,
    /// The widest row of the block being laid out.
    widest: u16,
}

impl Builder<'_> {
    /// The number of the next row (stored rows and the rows repeats stand for).
    fn vrow(&self) -> u32 {
        (self.page.lines.len() as u32).saturating_add(self.page.extra)
    }

    fn new(measure: Measure) -> Self {
        let measure = measure.normal();
        Builder {
            page: PageLayout { width: measure.text, measure, ..Default::default() },
            col: 0,
            line_start: 0,
            source: "",
            interned: HashMap::new(),
            measure,
            widest: 0,
        }
    }

    /// Adds `text` (the block's text at byte `src`, or text folio adds when `src` is
    /// [`NO_SRC`]) at the current column.
    fn push(&mut self, text: &str, role: Role, emph: Emphasis, link: Option<LinkId>, src: u32) {
        if text.is_empty() {
            return;
        }
        let w = display_width(text).min(u16::MAX as usize) as u16;
        let len = text.len() as u32;
        // Point into the article when the text is exactly the article's there; otherwise (a
        // space standing for a tab, a marker) keep a copy.
        let from_source = src != NO_SRC
            && self.source.as_bytes().get(src as usize..src as usize + text.len()) == Some(text.as_bytes());
        let (start, own) = if from_source { (src, false) } else { (self.own_text(text), true) };
        let link_raw = link.map_or(u32::MAX, |l| l.0);
        let in_line = self.page.runs.len() as u32 > self.line_start;
        if let Some(last) = self.page.runs.last_mut() {
            if in_line
                && last.own == own
                && last.start + last.len == start
                && last.role == role
                && last.emph == emph
                && last.link == link_raw
                && last.col + last.width == self.col
            {
                last.len += len;
                last.width += w;
                self.col += w;
                return;
            }
        }
        self.page.runs.push(Run { start, len, col: self.col, width: w, link: link_raw, role, emph, own });
        self.col = self.col.saturating_add(w);
    }

    /// The offset of `text` in the layout's own text, stored once.
    fn own_text(&mut self, text: &str) -> u32 {
        if let Some(&at) = self.interned.get(text) {
            return at;
        }
        let at = self.page.own.len() as u32;
        self.page.own.push_str(text);
        self.interned.insert(text.to_string(), at);
        at
    }

    fn pad_to(&mut self, col: u16) {
        self.col = self.col.max(col);
    }

    fn end_line(&mut self, block: usize, src: u32) {
        self.widest = self.widest.max(self.col);
        let row = self.vrow();
        let (a, b) = (self.line_start, self.page.runs.len() as u32);
        let mut i = a as usize;
        while i < b as usize {
            let r = self.page.runs[i];
            if let Some(link) = r.link() {
                let mut j = i + 1;
                let mut end = r.col + r.width;
                while j < b as usize && self.page.runs[j].link == r.link {
                    end = self.page.runs[j].col + self.page.runs[j].width;
                    j += 1;
                }
                self.page.link_spans.push(LinkSpan { row, col: r.col, width: end - r.col, link });
                i = j;
            } else {
                i += 1;
            }
        }
        self.page.lines.push(Line { block: block as u32, src, runs: a });
        self.line_start = b;
        self.col = 0;
    }
}

/// The prefix drawn before a block's first line and before its other lines.
struct Prefix {
    first: Vec<(String, Role)>,
    rest: Vec<(String, Role)>,
    width: usize,
}

fn prefix_for(block: &Block, width: usize) -> Prefix {
    let mut first = Vec::new();
    let mut rest = Vec::new();
    if block.depth as usize > block.nest.len() {
        let s = format!("▌×{} ", block.depth);
        first.push((s.clone(), Role::QuoteBar));
        rest.push((s, Role::QuoteBar));
    }
    for n in &block.nest {
        match n {
            Nest::Quote => {
                first.push(("│ ".to_string(), Role::QuoteBar));
                rest.push(("│ ".to_string(), Role::QuoteBar));
            }
            Nest::Item(m) => {
                let w = display_width(m.as_str()) + 1;
                first.push((format!("{} ", m.as_str()), Role::Marker));
                rest.push((" ".repeat(w), Role::Body));
            }
            Nest::Indent(w) => {
                first.push((" ".repeat(*w as usize), Role::Body));
                rest.push((" ".repeat(*w as usize), Role::Body));
            }
            Nest::Footnote(label) => {
                let m = format!("[{label}] ");
                let w = display_width(&m);
                first.push((m, Role::Marker));
                rest.push((" ".repeat(w), Role::Body));
            }
        }
    }
    let w = first.iter().map(|(s, _)| display_width(s)).sum::<usize>();
    // Deep nesting must leave room for text: beyond half the width the prefix is compacted.
    let budget = width / 2;
    if w > budget {
        let s = take_width(&format!("▌×{} ", block.depth.max(1)), budget).0.to_string();
        let cw = display_width(&s);
        return Prefix { first: vec![(s.clone(), Role::QuoteBar)], rest: vec![(s, Role::QuoteBar)], width: cw };
    }
    Prefix { first, rest, width: w }
}

fn put_prefix(b: &mut Builder, prefix: &Prefix, first: bool) {
    for (s, role) in if first { &prefix.first } else { &prefix.rest } {
        b.push(s, *role, Emphasis::default(), None, NO_SRC);
    }
}

/// Writes wrapped drafts of `spans` as lines, each after the block's prefix.
/// `text_at` is the block offset where the spans' text starts: a row showing none of the
/// block's text (only a label folio adds) carries it, as a table border carries the offset of
/// the text after it, so rows' offsets never decrease within a block.
fn put_wrapped(b: &mut Builder, i: usize, spans: &[Span], role: Role, prefix: &Prefix, avail: usize, text_at: u32) {
    let drafts = wrap_spans(spans, avail);
    for (n, line) in drafts.iter().enumerate() {
        put_prefix(b, prefix, n == 0);
        let before = b.page.lines.last().filter(|l| l.block as usize == i).map_or(0, |l| l.src);
        let src = put_draft(b, spans, line, role).filter(|&s| s != NO_SRC).unwrap_or(text_at);
        b.end_line(i, src.max(before));
    }
}

/// Writes one draft line's pieces; returns the source offset of its first piece, if any.
fn put_draft(b: &mut Builder, spans: &[Span], line: &DraftLine, role: Role) -> Option<u32> {
    let mut first_src = None;
    let mut last_end = NO_SRC;
    for (n, piece) in line.iter().enumerate() {
        match piece {
            Some(p) => {
                let span = &spans[p.span as usize];
                if p.src != NO_SRC {
                    first_src.get_or_insert(p.src);
                }
                if p.placeholder {
                    b.push("\u{fffd}", role, span.style, span.link, NO_SRC);
                } else {
                    b.push(&span.text[p.start as usize..p.end as usize], role, span.style, span.link, p.src);
                }
                last_end = if p.src == NO_SRC { NO_SRC } else { p.src + (p.end - p.start) };
            }
            None => {
                // The space between two words keeps the link style only inside one link.
                let next = line[n + 1..].iter().flatten().next().map(|p| &spans[p.span as usize]);
                let (emph, link) = match (next, b.page.runs.last()) {
                    (Some(next), Some(prev)) if prev.link().is_some() && prev.link() == next.link => {
                        (prev.emph, prev.link())
                    }
                    _ => (Emphasis::default(), None),
                };
                b.push(" ", role, emph, link, last_end);
            }
        }
    }
    first_src
}

fn layout_block(b: &mut Builder, i: usize, block: &Block) {
    let width = b.measure.text as usize;
    let prefix = prefix_for(block, width);
    let avail = width.saturating_sub(prefix.width).max(1);
    // Code and tables may use the whole pane.
    let wide = (b.measure.wide as usize).saturating_sub(prefix.width).max(1);
    match &block.kind {
        // Takes no room (see put_block).
        BlockKind::Anchor(_) => {}
        BlockKind::Title(t) => {
            let spans = [Span { text: t, start: 0, style: Emphasis::default(), link: None }];
            put_wrapped(b, i, &spans, Role::Title, &prefix, avail, 0);
            let w = display_width(t).clamp(1, avail);
            b.push(&"═".repeat(w), Role::Title, Emphasis::default(), None, NO_SRC);
            b.end_line(i, t.len() as u32);
        }
        BlockKind::Heading { level, text, .. } => {
            let marker = "#".repeat(*level as usize) + " ";
            let labels = reference_labels(b.measure, text.spans());
            let mut spans = plain_spans(b.measure, text.spans(), &labels);
            if b.measure.plain {
                spans.insert(0, Span::label(&marker, Emphasis::default()));
            }
            put_wrapped(b, i, &spans, Role::Heading(*level), &prefix, avail, 0)
        }
        BlockKind::Paragraph(text) => {
            let labels = reference_labels(b.measure, text.spans());
            let spans = plain_spans(b.measure, text.spans(), &labels);
            put_wrapped(b, i, &spans, Role::Body, &prefix, avail, 0)
        }
        BlockKind::Code { text, lang } => code::put_code(b, i, text, lang, Role::Code, &prefix, wide),
        BlockKind::Html(text) => code::put_code(b, i, text, "", Role::Html, &prefix, wide),
        BlockKind::Rule => {
            put_prefix(b, &prefix, true);
            b.push(&"─".repeat(avail), Role::Rule, Emphasis::default(), None, NO_SRC);
            b.end_line(i, 0);
        }
        BlockKind::Table(t) => table::put_table(b, i, t, &prefix, wide),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::markdown;

    fn rows(src: &str, width: u16) -> Vec<String> {
        let a = markdown::parse(src, "t");
        let l = layout(&a, width);
        (0..l.len()).map(|r| l.row_text(&a, r)).collect()
    }

    #[test]
    fn paragraph_wraps_at_width() {
        let r = rows("# T\n\none two three four five six\n", 10);
        assert_eq!(r, vec!["T", "═", "", "one two", "three four", "five six"]);
    }

    #[test]
    fn list_markers_and_continuation_indent() {
        let r = rows("- alpha beta gamma\n- b\n", 12);
        assert_eq!(&r[3..], &["• alpha beta", "  gamma", "• b"]);
    }

    #[test]
    fn long_code_lines_wrap_with_a_mark_and_lose_nothing() {
        let r = rows("```\nabcdefghijkl\n```\n", 8);
        assert_eq!(&r[3..], &["▌ abcdef", "▌ ↪ ghij", "▌ ↪ kl"]);
        let a = markdown::parse("```\nabcdefghijkl\n```\n", "t");
        let run_on = layout(&a, Measure { wrap_code: false, ..Measure::new(8) });
        assert_eq!(run_on.row_text(&a, run_on.len() - 1), "▌ abcdefghijkl", "w: the line runs on");
        assert_eq!(run_on.overflow, vec![1], "and scrolls sideways");
    }

    #[test]
    fn code_uses_the_whole_pane_not_the_measure() {
        let a = markdown::parse("Some prose that is long enough to wrap.\n\n```\nlet x = 1; // a comment\n```\n", "t");
        let l = layout(&a, Measure { text: 12, wide: 40, ..Measure::new(12) });
        assert_eq!(l.row_text(&a, l.len() - 1), "▌ let x = 1; // a comment");
        assert!((0..l.len() - 1).all(|r| display_width(&l.row_text(&a, r)) <= 12), "prose keeps the measure");
    }

    #[test]
    fn code_tabs_become_spaces_and_text_after_them_still_maps_to_the_source() {
        let a = markdown::parse("```\na\tkabul\tx\n```\n", "t");
        let l = layout(&a, 40);
        let row = l.len() - 1;
        assert_eq!(l.row_text(&a, row), "▌ a   kabul   x");
        let hits = crate::search::find(&a, &crate::search::compile("kabul").unwrap());
        assert_eq!(crate::search::highlights(&l.view(&a, row..row + 1), row, &hits), vec![(6, 5)]);
        let narrow = layout(&a, 9);
        let last: Vec<String> = (narrow.len() - 3..narrow.len()).map(|r| narrow.row_text(&a, r)).collect();
        assert_eq!(last, ["▌ a   kab", "▌ ↪ ul", "▌ ↪ x"]);
        // Runs point into the article; only the frame, the spaces standing for tabs and the
        // marks are folio's.
        assert!(l.own.len() < 16, "{:?}", l.own);
    }

    #[test]
    fn tall_or_long_blocks_keep_their_runs_short_ones_do_not() {
        let long_line = "x".repeat(KEEP_BYTES + 1);
        let tall = "word ".repeat(400);
        let src = format!("short one\n\n```\n{long_line}\n```\n\n{tall}\n");
        let a = markdown::parse(&src, "t");
        let l = layout(&a, 40);
        // Title, short paragraph, a code line of 64 KiB (many rows), a 50-row paragraph.
        assert_eq!(l.kept, vec![false, false, true, true]);
        let code_row = l.block_rows[2] as usize;
        assert_eq!(l.row_text(&a, code_row), format!("▌ {}", "x".repeat(38)));
    }

    #[test]
    fn link_spans_recorded() {
        let a = markdown::parse("go [to the place](x.md) now\n", "t");
        let l = layout(&a, 80);
        assert_eq!(l.link_spans.len(), 1);
        let s = l.link_spans[0];
        assert_eq!(l.row_text(&a, s.row as usize), "go to the place now");
        assert_eq!((s.col, s.width), (3, 12));
    }

    #[test]
    fn wide_glyph_in_one_cell_becomes_placeholder() {
        let r = rows("漢字\n", 1);
        assert!(r.iter().all(|l| display_width(l) <= 1));
    }
}
