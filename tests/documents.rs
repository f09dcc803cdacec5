//! Real-looking documents no one tuned folio for: an mdBook-style chapter (HTML, anchors,
//! footnotes, a 160-column code line, an image in a table cell), a table too wide to fit, a
//! specification saved as `.txt`. Screens at 100×30 and 60×20, with and without colour, and
//! the keys that reach text wider than the pane.

mod common;

use common::{press, screen, Jobs};
use folio::app::{JobKind, State};
use folio::import::{detect_format, import};
use folio::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::Terminal;

const CHAPTER: &str = include_str!("fixtures/book/ch02-01-lanterns.md");
const WIDE_TABLE: &str = include_str!("fixtures/wide-table.md");
const SPEC: &str = include_str!("fixtures/spec.txt");

const SIZES: [(u16, u16); 2] = [(100, 30), (60, 20)];

/// Imports `text` as the file `name` would be (format by extension and content).
fn open(text: &str, name: &str, (w, h): (u16, u16)) -> State {
    let format = detect_format(Some(name), text);
    let article = import(text, format, &folio::import::title_from_file_name(name), &|_| false);
    State::new(article, name, (w, h), 100)
}

fn render_colored(state: &State) -> Buffer {
    let (w, h) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, state, &Theme::colored())).unwrap();
    let buf = terminal.backend().buffer().clone();
    common::check_buffer(&buf);
    buf
}

/// Rows of `buf` that hold `needle`.
fn rows_with(buf: &Buffer, needle: &str) -> Vec<u16> {
    (0..buf.area.height)
        .filter(|&y| {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            line.contains(needle)
        })
        .collect()
}

#[test]
fn chapter_screens_without_colour() {
    for size in SIZES {
        let mut s = open(CHAPTER, "ch02-01-lanterns.md", size);
        let (w, h) = size;
        insta::assert_snapshot!(format!("chapter_top_{w}x{h}"), screen(&s));
        press(&mut s, "]]");
        let text = screen(&s);
        insta::assert_snapshot!(format!("chapter_lamps_{w}x{h}"), text);
        for raw in ["<img", "<span", "<!--", "<kbd", "<br", "<details", "<summary", "<a id", "[^"] {
            assert!(!text.contains(raw), "raw markup {raw:?} on screen:\n{text}");
        }
    }
}

#[test]
fn chapter_title_is_its_only_top_heading() {
    let s = open(CHAPTER, "ch02-01-lanterns.md", (100, 30));
    assert_eq!(s.article().title, "Lighting the Lanterns");
    let text = screen(&s);
    assert!(!text.contains("ch02 01"), "file name used as title:\n{text}");
}

#[test]
fn code_is_coloured_once_its_job_returns_and_the_frame_keeps_its_bar_without() {
    for (w, h) in SIZES {
        let mut s = open(CHAPTER, "ch02-01-lanterns.md", (w, h));
        let mut jobs = Jobs::default();
        s.set_highlight(Some(true));
        jobs.take_all(&mut s);
        let before = render_colored(&s);
        let toml_row = rows_with(&before, "capacity_litres")[0];
        let rgb = |buf: &Buffer, y: u16| (0..w).any(|x| matches!(buf[(x, y)].fg, Color::Rgb(..)));
        assert!(!rgb(&before, toml_row), "colours before the job ran");
        let i = jobs.find(JobKind::Highlight).expect("colours asked for the code on screen");
        jobs.deliver(&mut s, i);
        let after = render_colored(&s);
        assert!(rgb(&after, toml_row), "no colours in the TOML block once highlighted");
        // The text is the same with colours as without: colour only styles it.
        assert_eq!(rows_with(&after, "capacity_litres"), vec![toml_row]);
        insta::assert_debug_snapshot!(format!("chapter_colour_{w}x{h}"), after);
        // Without colour, code is still set apart by its bar and its language label.
        let plain = screen(&s);
        assert!(plain.contains("▌ toml"), "{plain}");
        assert!(plain.contains("▌ capacity_litres = 2"), "{plain}");
    }
}

#[test]
fn highlighting_is_not_asked_for_when_colour_is_off_or_the_language_is_unknown() {
    let mut s = open("# T\n\n```no-such-lang\nx = 1\n```\n\n```\nplain\n```\n", "t.md", (80, 24));
    s.set_highlight(None);
    let mut jobs = Jobs::default();
    jobs.take_all(&mut s);
    assert!(jobs.find(JobKind::Highlight).is_none());
    s.set_highlight(Some(true));
    jobs.take_all(&mut s);
    // An unknown language is asked once and comes back without colours; never asked again.
    let i = jobs.find(JobKind::Highlight).expect("fenced code with a language");
    jobs.deliver(&mut s, i);
    press(&mut s, "jk");
    jobs.take_all(&mut s);
    assert!(jobs.find(JobKind::Highlight).is_none());
    let buf = render_colored(&s);
    assert!(buf.content().iter().all(|c| !matches!(c.fg, Color::Rgb(..))));
}

#[test]
fn long_code_wraps_with_a_marker_and_w_lets_it_run_on_and_scroll() {
    let mut s = open(CHAPTER, "ch02-01-lanterns.md", (60, 20));
    press(&mut s, "/light_lamp<Enter>");
    let wrapped = screen(&s);
    assert!(wrapped.contains("↪"), "no continuation marker:\n{wrapped}");
    assert!(wrapped.contains("log_late(bell); todo!"), "the end of the long line is lost:\n{wrapped}");
    // Rows are cut after a space or a separator when that keeps most of the row.
    assert!(wrapped.contains("▌ ↪ wick: WickKind,"), "cut inside a word:\n{wrapped}");
    press(&mut s, "w");
    let run_on = screen(&s);
    assert!(!run_on.contains("↪"), "{run_on}");
    assert!(run_on.contains("→"), "no hint that the line goes on:\n{run_on}");
    assert!(!run_on.contains("todo!()"));
    press(&mut s, ">>>>>>>>>>>>>>>>>>>>");
    let scrolled = screen(&s);
    assert!(scrolled.contains("todo!()"), "scrolling right never reaches the end:\n{scrolled}");
    assert!(scrolled.contains("←"), "no hint that there is more to the left:\n{scrolled}");
    // Prose does not move with the code.
    let prose = |t: &str| t.lines().any(|l| l.contains("A long line from the keeper's script"));
    assert!(prose(&scrolled), "prose scrolled away:\n{scrolled}");
    // Back to the left edge, and back to wrapping: the same screens as before (the status
    // line says what `w` did).
    let reading = |t: &str| t.lines().rev().skip(1).collect::<Vec<_>>().join("\n");
    press(&mut s, "<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
    assert_eq!(reading(&screen(&s)), reading(&run_on));
    press(&mut s, "w");
    assert_eq!(reading(&screen(&s)), reading(&wrapped));
}

#[test]
fn a_table_too_wide_scrolls_alone_and_breaks_no_word() {
    for (w, h) in SIZES {
        let mut s = open(WIDE_TABLE, "wide-table.md", (w, h));
        let text = screen(&s);
        insta::assert_snapshot!(format!("wide_table_{w}x{h}"), text);
        if w >= 100 {
            // The whole pane is room enough: columns share it by content, no word breaks.
            assert!(!text.contains("→"), "{text}");
            assert!(["Overloadable", "starboard", "Saltmarsh"].iter().all(|word| text.contains(word)), "{text}");
            continue;
        }
        assert!(text.contains("→"), "no hint that the table goes on:\n{text}");
        press(&mut s, &">".repeat(60));
        let right = screen(&s);
        assert!(right.contains("flood"), "the last column never shows:\n{right}");
        // Scrolled, every word of the table shows whole somewhere.
        let both = format!("{text}{right}");
        for word in ["Overloadable", "Northwick", "Saltmarsh", "starboard"] {
            assert!(both.contains(word), "{word} broken:\n{text}\n{right}");
        }
        assert!(right.contains("Tide Tables"), "the title moved with the table:\n{right}");
    }
}

#[test]
fn spec_saved_as_txt_is_markdown_with_its_own_numbers() {
    for (w, h) in SIZES {
        let s = open(SPEC, "spec.txt", (w, h));
        let text = screen(&s);
        insta::assert_snapshot!(format!("spec_txt_{w}x{h}"), text);
        assert_eq!(s.article().title, "Harbour Signal Specification");
        // "1. Scope" carries its own number: the TOC shows it once.
        assert!(text.contains("1. Scope") && !text.contains("1 1. Scope"), "{text}");
        assert!(!text.contains("```"), "fences shown as text:\n{text}");
    }
}

#[test]
fn footnote_reference_is_a_link_to_its_note_and_back_returns() {
    let mut s = open(CHAPTER, "ch02-01-lanterns.md", (100, 30));
    let top = s.top;
    press(&mut s, "<Tab>");
    let selected = s.selected.and_then(|l| s.doc.target(l)).map(|t| s.describe(t));
    assert!(selected.as_deref().is_some_and(|d| d.contains("log")), "first link: {selected:?}");
    press(&mut s, "<Enter>");
    assert!(s.top > top, "did not jump to the note");
    assert!(screen(&s).contains("kept in pencil"));
    press(&mut s, "<BS>");
    assert_eq!(s.top, top, "back did not return");
}
