//! Wrapping styled spans into lines of at most `width` cells.
//!
//! Words may span several styles (`**bo**ld`), so the text is cut into words made of pieces of
//! spans, and textwrap's first-fit algorithm places the words (linear time, no look-ahead). A
//! word wider than the line is broken at grapheme boundaries; a glyph wider than the whole line
//! becomes a one-cell placeholder.

use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;

use super::width::{display_width, grapheme_width, TAB};
use crate::model::{Span, NO_SRC};

/// A piece of one span's text (byte range), or a literal placeholder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub span: u32,
    pub start: u32,
    pub end: u32,
    /// Byte offset of the piece in the block's text (for anchoring and search), or
    /// [`NO_SRC`] for text folio adds.
    pub src: u32,
    pub placeholder: bool,
}

/// What follows a word: nothing, a space, or a tab (which reaches the next tab stop).
const NO_GAP: u8 = 0;
const SPACE: u8 = 1;
const TAB_GAP: u8 = 2;

/// A word: consecutive pieces with no breakable whitespace inside.
#[derive(Clone, Debug)]
struct Word {
    pieces: std::ops::Range<usize>,
    width: usize,
    space_after: u8,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    /// A tab counts as a whole tab stop when lines are filled; drawn, it reaches the next stop
    /// (never further), so a line never overflows.
    fn whitespace_width(&self) -> f64 {
        match self.space_after {
            NO_GAP => 0.0,
            TAB_GAP => TAB as f64,
            _ => 1.0,
        }
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// One wrapped line: pieces in order; `None` stands for a single space between words.
pub type DraftLine = Vec<Option<Piece>>;

/// Wraps `spans` to `width` cells (at least 1). Hard breaks (`\n`) force a new line.
pub fn wrap_spans(spans: &[Span], width: usize) -> Vec<DraftLine> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut word_start = 0usize;
    let mut word_width = 0usize;

    let close_word = |pieces: &mut Vec<Piece>, words: &mut Vec<Word>, start: &mut usize, w: &mut usize, space: u8| {
        if pieces.len() > *start {
            words.push(Word { pieces: *start..pieces.len(), width: *w, space_after: space });
        } else if space != NO_GAP {
            if let Some(last) = words.last_mut() {
                last.space_after = last.space_after.max(space);
            }
        }
        *start = pieces.len();
        *w = 0;
    };

    for (si, span) in spans.iter().enumerate() {
        let text = span.text;
        let src_of = |at: usize| if span.start == NO_SRC { NO_SRC } else { span.start + at as u32 };
        let mut seg_start = None::<usize>;
        for (i, c) in text.char_indices() {
            let is_space = c == ' ' || c == '\t';
            let is_break = c == '\n';
            if is_space || is_break {
                if let Some(s) = seg_start.take() {
                    let w = display_width(&text[s..i]);
                    pieces.push(Piece {
                        span: si as u32,
                        start: s as u32,
                        end: i as u32,
                        src: src_of(s),
                        placeholder: false,
                    });
                    word_width += w;
                }
                let gap = match c {
                    '\t' => TAB_GAP,
                    ' ' => SPACE,
                    _ => NO_GAP,
                };
                close_word(&mut pieces, &mut words, &mut word_start, &mut word_width, gap);
                if is_break {
                    emit(spans, &words, &pieces, width, &mut out);
                    words.clear();
                    pieces.clear();
                    word_start = 0;
                }
            } else if seg_start.is_none() {
                seg_start = Some(i);
            }
        }
        if let Some(s) = seg_start {
            let w = display_width(&text[s..]);
            pieces.push(Piece {
                span: si as u32,
                start: s as u32,
                end: text.len() as u32,
                src: src_of(s),
                placeholder: false,
            });
            word_width += w;
        }
    }
    close_word(&mut pieces, &mut words, &mut word_start, &mut word_width, NO_GAP);
    emit(spans, &words, &pieces, width, &mut out);
    if out.is_empty() {
        out.push(Vec::new());
    }
    out
}

/// Places words on lines; words wider than a line are first broken into line-sized chunks.
fn emit(spans: &[Span], words: &[Word], pieces: &[Piece], width: usize, out: &mut Vec<DraftLine>) {
    if words.is_empty() {
        return;
    }
    // Fast path: every word fits.
    if words.iter().all(|w| w.width <= width) {
        place(words, pieces, width, out);
        return;
    }
    let mut split_pieces: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut split_words: Vec<Word> = Vec::with_capacity(words.len());
    for w in words {
        if w.width <= width {
            let start = split_pieces.len();
            split_pieces.extend_from_slice(&pieces[w.pieces.clone()]);
            split_words.push(Word { pieces: start..split_pieces.len(), width: w.width, space_after: w.space_after });
            continue;
        }
        split_word(spans, w, pieces, width, &mut split_pieces, &mut split_words);
    }
    place(&split_words, &split_pieces, width, out);
}

/// Breaks a word wider than the line into chunks at grapheme boundaries.
fn split_word(
    spans: &[Span],
    w: &Word,
    pieces: &[Piece],
    width: usize,
    out_pieces: &mut Vec<Piece>,
    out_words: &mut Vec<Word>,
) {
    {
        let mut chunk_start = out_pieces.len();
        let mut chunk_width = 0usize;
        for p in &pieces[w.pieces.clone()] {
            let text = &spans[p.span as usize].text[p.start as usize..p.end as usize];
            let mut run_start: Option<usize> = None;
            for (gi, g) in text.grapheme_indices(true) {
                let gw = grapheme_width(g);
                if gw > width {
                    // A glyph wider than the line: flush, then a one-cell placeholder word.
                    if let Some(rs) = run_start.take() {
                        out_pieces.push(sub_piece(p, rs, gi));
                    }
                    if out_pieces.len() > chunk_start {
                        out_words.push(Word {
                            pieces: chunk_start..out_pieces.len(),
                            width: chunk_width,
                            space_after: NO_GAP,
                        });
                    }
                    out_pieces.push(Piece { placeholder: true, ..sub_piece(p, gi, gi + g.len()) });
                    out_words.push(Word {
                        pieces: out_pieces.len() - 1..out_pieces.len(),
                        width: 1,
                        space_after: NO_GAP,
                    });
                    chunk_start = out_pieces.len();
                    chunk_width = 0;
                    continue;
                }
                if chunk_width + gw > width {
                    if let Some(rs) = run_start.take() {
                        out_pieces.push(sub_piece(p, rs, gi));
                    }
                    out_words.push(Word {
                        pieces: chunk_start..out_pieces.len(),
                        width: chunk_width,
                        space_after: NO_GAP,
                    });
                    chunk_start = out_pieces.len();
                    chunk_width = 0;
                }
                if run_start.is_none() {
                    run_start = Some(gi);
                }
                chunk_width += gw;
            }
            if let Some(rs) = run_start {
                out_pieces.push(sub_piece(p, rs, text.len()));
            }
        }
        if out_pieces.len() > chunk_start {
            out_words.push(Word {
                pieces: chunk_start..out_pieces.len(),
                width: chunk_width,
                space_after: w.space_after,
            });
        } else if let Some(last) = out_words.last_mut() {
            last.space_after = w.space_after;
        }
    }
}

fn sub_piece(p: &Piece, start: usize, end: usize) -> Piece {
    Piece {
        span: p.span,
        start: p.start + start as u32,
        end: p.start + end as u32,
        src: if p.src == NO_SRC { NO_SRC } else { p.src + start as u32 },
        placeholder: false,
    }
}

fn place(words: &[Word], pieces: &[Piece], width: usize, out: &mut Vec<DraftLine>) {
    let lines = textwrap::wrap_algorithms::wrap_first_fit(words, &[width as f64]);
    for line in lines {
        let mut draft = Vec::new();
        let mut col = 0usize;
        for (i, w) in line.iter().enumerate() {
            if i > 0 {
                let gap = if line[i - 1].space_after == TAB_GAP { TAB - col % TAB } else { 1 };
                draft.extend(std::iter::repeat_n(None, gap));
                col += gap;
            }
            draft.extend(pieces[w.pieces.clone()].iter().copied().map(Some));
            col += w.width;
        }
        out.push(draft);
    }
}
