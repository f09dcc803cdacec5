//! Drawing: `&State` → frame. Reads state, never mutates it.

pub mod theme;
mod wiki;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui::Frame;

use crate::app::{FinderItem, FinderKind, Focus, ListedLink, Overlay, State, HELP_FOOTER};
use crate::highlight::{Colored, Colors};
use crate::layout::width::{display_width, take_width};
use crate::layout::Role;
use crate::library::search::{HitKind, LibraryHit};
pub use theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    // A frame smaller than the state's idea of the terminal (a resize not yet seen by update)
    // would put text outside the buffer: show the notice until the sizes agree.
    let stale = area.width < state.size.0 || area.height < state.size.1;
    if stale || state.areas.too_small || area.width < crate::app::MIN_SIZE.0 || area.height < crate::app::MIN_SIZE.1 {
        draw_too_small(buf, area);
        return;
    }
    draw_reader(buf, state, theme);
    if let Some(toc) = state.areas.toc {
        draw_toc(buf, toc, state, theme);
    }
    draw_status(buf, state, theme);
    match &state.overlay {
        Some(Overlay::Help(scroll)) => draw_help(buf, area, state, *scroll, theme),
        Some(Overlay::Hints(typed)) => draw_hints(buf, state, typed, theme),
        Some(Overlay::Links { filter, cursor, all, shown }) => {
            draw_link_list(buf, area, filter, *cursor, all, shown, theme)
        }
        Some(Overlay::Confirm(url)) => draw_confirm(buf, area, url, theme),
        Some(Overlay::ConfirmFile { path, .. }) => draw_question(
            buf,
            area,
            &format!("Open {} with the system's opener? (y/n)", crate::sanitize::sanitize_line(path)),
            theme,
        ),
        Some(Overlay::Search { input, .. }) => draw_prompt(buf, state, "/", input, theme),
        Some(Overlay::LibraryPrompt(input)) => draw_prompt(buf, state, "search library: ", input, theme),
        Some(Overlay::Finder { kind, input, cursor, items }) => {
            draw_finder(buf, area, *kind, input, *cursor, items, theme)
        }
        Some(Overlay::Results { pattern, hits, cursor }) => draw_results(buf, area, pattern, hits, *cursor, theme),
        Some(Overlay::Places { title, places, cursor }) => draw_places(buf, area, title, places, *cursor, theme),
        Some(Overlay::WikiFind { .. }) => wiki::draw_wiki_find(buf, area, state, theme),
        Some(Overlay::Peek { peek, loading, .. }) => wiki::draw_peek(buf, area, peek, *loading, theme),
        Some(Overlay::MarkKey(op)) => {
            let label = match op {
                crate::app::MarkKey::Set => "set mark (a letter): ",
                crate::app::MarkKey::Jump => "go to mark (a letter, ' to return): ",
            };
            draw_prompt(buf, state, label, "", theme)
        }
        Some(Overlay::Marks { filter, cursor, all }) => {
            let shown = State::filter_marks(all, filter);
            let rows: Vec<crate::app::PlaceRow> = shown
                .iter()
                .map(|m| crate::app::PlaceRow {
                    entry: Some(0),
                    label: format!("{}  {}", m.letter, m.label),
                    detail: m.anchor.text.clone(),
                    section: None,
                    mark: false,
                })
                .collect();
            let title = if filter.is_empty() {
                "Marks — d deletes".to_string()
            } else {
                format!("Marks matching ‘{filter}’ — d deletes")
            };
            draw_places(buf, area, &title, &rows, *cursor, theme)
        }
        None => {}
    }
}

/// Writes `text` at (x, y), clipped to `max` cells; returns the width written.
fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, max: usize, style: Style) -> usize {
    let (t, w) = take_width(text, max);
    buf.set_stringn(x, y, t, max, style);
    w
}

fn draw_too_small(buf: &mut Buffer, area: Rect) {
    let whole = ["terminal too small"];
    let split = ["terminal", "too small"];
    let lines: &[&str] = if area.width as usize >= whole[0].len() || area.height < 2 { &whole } else { &split };
    let y0 = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, msg) in lines.iter().enumerate() {
        let y = y0 + i as u16;
        if y >= area.y + area.height {
            break;
        }
        let w = display_width(msg).min(area.width as usize);
        let x = area.x + (area.width - w as u16) / 2;
        put(buf, x, y, msg, area.width as usize, Style::new());
    }
}

/// The visible slice of the laid-out article, and nothing more. Rows of a block wider than the
/// pane (code that runs on, a table at its natural width) are scrolled sideways by
/// `state.hscroll`, with `←` and `→` where there is more; prose never moves.
fn draw_reader(buf: &mut Buffer, state: &State, theme: &Theme) {
    let area = state.areas.text;
    // Prose stays within the measure by itself; code and tables may use the whole pane.
    let width = state.areas.wide.min(buf.area.width.saturating_sub(area.x));
    let layout = &state.layout;
    let rows = state.top..(state.top + area.height as usize).min(layout.len());
    let view = layout.view_reusing(&state.doc.article, rows.clone(), &state.shown);
    for (i, row) in rows.enumerate() {
        let y = area.y + i as u16;
        let shift = match view.block(row) {
            Some(b) if layout.overflows(b) => state.hscroll,
            _ => 0,
        };
        let mut row_end = 0u16;
        let colors = match view.block(row) {
            Some(b) if theme.color => state.doc.colors.get(&b).and_then(|c| c.as_deref()),
            _ => None,
        };
        for (text, run) in view.row(row) {
            row_end = row_end.max(run.col.saturating_add(run.width));
            let target = run.link().and_then(|l| state.doc.targets.get(l.0 as usize));
            let mut style = theme.run(run.role, run.emph, target);
            if run.link().is_some() && run.link() == state.selected {
                style = style.patch(theme.selected_link());
            }
            let mut put_at = |col: u16, text: &str, style: Style| {
                let (col, text) = if col >= shift {
                    (col - shift, text)
                } else if col as usize + display_width(text) > shift as usize {
                    (0, skip_width(text, (shift - col) as usize))
                } else {
                    return;
                };
                if col < width {
                    put(buf, area.x + col, y, text, (width - col) as usize, style);
                }
            };
            match colors {
                Some(colors) if run.role == Role::Code && run.src() != crate::layout::NO_SRC => {
                    let mut col = run.col;
                    for (piece, color) in colored_pieces(text, run.src(), colors) {
                        let style = color.map_or(style, |c| code_style(style, c));
                        put_at(col, piece, style);
                        col = col.saturating_add(display_width(piece) as u16);
                    }
                }
                _ => put_at(run.col, text, style),
            }
        }
        if shift > 0 {
            put(buf, area.x, y, "←", 1, theme.hint());
        }
        if row_end.saturating_sub(shift) > width && width > 1 {
            put(buf, area.x + width - 1, y, "→", 1, theme.hint());
        }
        if let Some(search) = &state.search {
            let current = search.current.and_then(|c| search.hits.get(c));
            for (col, w) in crate::search::highlights(&view, row, &search.hits) {
                if col + w <= shift || col >= shift + width {
                    continue;
                }
                let (col, w) = (col.saturating_sub(shift), w.min(col + w - shift.max(col)));
                let w = w.min(width - col);
                let is_current = current.is_some_and(|h| {
                    crate::search::highlights(&view, row, std::slice::from_ref(h))
                        .iter()
                        .any(|&(c, _)| c == col + shift)
                });
                let style = if is_current { theme.current_match() } else { theme.match_hit() };
                buf.set_style(Rect::new(area.x + col, y, w, 1), style);
            }
        }
    }
}

/// `text` (a code block's text from byte `src`) cut where its colours change.
fn colored_pieces<'a>(text: &'a str, src: u32, colors: &Colors) -> Vec<(&'a str, Option<Colored>)> {
    let end = src + text.len() as u32;
    let mut out = Vec::new();
    let mut at = src;
    for c in colors.within(src, end) {
        let (a, b) = (c.start.max(src), c.end.min(end));
        if a > at {
            out.push((piece(text, src, at, a), None));
        }
        if b > a.max(at) {
            out.push((piece(text, src, a.max(at), b), Some(*c)));
            at = b;
        }
    }
    if at < end {
        out.push((piece(text, src, at, end), None));
    }
    out
}

/// `text[a - src..b - src]`, or nothing when that is not a cut between characters.
fn piece(text: &str, src: u32, a: u32, b: u32) -> &str {
    text.get((a - src) as usize..(b - src) as usize).unwrap_or("")
}

fn code_style(base: Style, c: Colored) -> Style {
    let mut style = base.fg(Color::Rgb(c.rgb.0, c.rgb.1, c.rgb.2));
    if c.bold {
        style = style.add_modifier(Modifier::BOLD);
    }
    if c.italic {
        style = style.add_modifier(Modifier::ITALIC);
    }
    style
}

/// `text` without its first `cells` cells (a wide glyph cut in half is dropped).
fn skip_width(text: &str, cells: usize) -> &str {
    use unicode_segmentation::UnicodeSegmentation;
    let mut w = 0;
    for (i, g) in text.grapheme_indices(true) {
        if w >= cells {
            return &text[i..];
        }
        w += crate::layout::width::grapheme_width(g);
    }
    ""
}

fn draw_toc(buf: &mut Buffer, area: Rect, state: &State, theme: &Theme) {
    if state.areas.toc_overlay {
        Clear.render(area, buf);
    }
    let borders = match (state.areas.toc_overlay, state.toc_right) {
        (true, _) => Borders::ALL,
        (false, true) => Borders::LEFT,
        (false, false) => Borders::RIGHT,
    };
    let focused = state.focus == Focus::Toc;
    let title_style = if focused { theme.toc_current() } else { theme.border() };
    let block = Block::new().borders(borders).border_style(theme.border()).title(" Contents ").title_style(title_style);
    let inner = block.inner(area);
    block.render(area, buf);
    let article = state.article();
    let highlight = state.toc_highlight();
    for (i, idx) in (state.toc.offset..state.toc.visible.len()).take(inner.height as usize).enumerate() {
        let id = state.toc.visible[idx];
        let s = article.section(id);
        let y = inner.y + i as u16;
        let indent = (s.depth as usize * 2).min(inner.width as usize / 2);
        let fold = if s.children.is_empty() {
            " "
        } else if state.toc.folded[id.0 as usize] {
            "▸"
        } else {
            "▾"
        };
        let label = format!("{}{fold}{}", " ".repeat(indent), s.label());
        let style = match (highlight == Some(idx), focused) {
            (true, true) => theme.toc_cursor(),
            (true, false) => theme.toc_current(),
            _ => Style::new(),
        };
        let width = inner.width as usize;
        let w = if display_width(&label) > width && width > 1 {
            let (t, w) = take_width(&label, width - 1);
            buf.set_stringn(inner.x, y, t, width, style);
            buf.set_stringn(inner.x + w as u16, y, "…", 1, style);
            w + 1
        } else {
            put(buf, inner.x, y, &label, width, style)
        };
        if highlight == Some(idx) && focused {
            buf.set_style(Rect::new(inner.x + w as u16, y, inner.width.saturating_sub(w as u16), 1), style);
        }
    }
}

/// The status line: title › section path, then position and a key hint.
fn draw_status(buf: &mut Buffer, state: &State, theme: &Theme) {
    let area = state.areas.status;
    buf.set_style(area, theme.status());
    let hint = if area.width >= 60 && (state.message.is_none() || area.width >= 90) {
        format!("  {} ", state.keymap.hint())
    } else {
        " ".to_string()
    };
    // Background work in progress, set apart from the reading position: `loading… 42% ·`.
    let work = state.work_status().map(|w| format!(" {w} ·")).unwrap_or_default();
    let right = match state.search_status() {
        Some(m) => format!("{work} {m}  {}%{hint}", state.percent()),
        None => format!("{work} {}%{hint}", state.percent()),
    };
    let right_w = display_width(&right);
    let left_room = (area.width as usize).saturating_sub(right_w);
    let selected = state.selected.and_then(|l| state.doc.target(l));
    let (left, style) = match (&state.message, selected) {
        (Some(m), _) => (format!(" {}", crate::sanitize::sanitize_line(m)), theme.message()),
        (None, Some(t)) => (format!(" → {}", state.describe(t)), theme.status()),
        (None, None) => (format!(" {}", breadcrumb(state)), theme.status()),
    };
    let lw = if display_width(&left) > left_room && left_room > 1 {
        let w = put(buf, area.x, area.y, &left, left_room - 1, style);
        put(buf, area.x + w as u16, area.y, "…", 1, style) + w
    } else {
        put(buf, area.x, area.y, &left, left_room, style)
    };
    let x = area.x + (area.width as usize - right_w.min(area.width as usize)).max(lw) as u16;
    put(buf, x, area.y, &right, (area.x + area.width - x) as usize, theme.status());
}

/// `Title › Section › Subsection` for the top of the reading pane.
pub fn breadcrumb(state: &State) -> String {
    let article = state.article();
    let mut s = article.title.clone();
    if let Some(id) = state.current_section() {
        for p in article.section_path(id) {
            let sec = article.section(p);
            s.push_str(" › ");
            s.push_str(&sec.label());
        }
    }
    s
}

fn draw_help(buf: &mut Buffer, area: Rect, state: &State, scroll: usize, theme: &Theme) {
    let rows = state.keymap.help_rows();
    let key_w = rows.iter().map(|(k, _)| display_width(k)).max().unwrap_or(0);
    let w = area.width.saturating_sub(4).min(90);
    // Narrow, the description comes first: it says what a row is for, the keys may be cut.
    let narrow = (w as usize) < key_w + 34;
    let mut lines: Vec<(String, Style)> = rows
        .iter()
        .map(|(k, d)| {
            let line = if narrow { format!("{d}: {k}") } else { format!("{k:<key_w$}  {d}", key_w = key_w) };
            (line, Style::new())
        })
        .collect();
    lines.push((String::new(), Style::new()));
    lines.extend(HELP_FOOTER.iter().map(|l| (l.to_string(), theme.border())));
    let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let rect = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height.saturating_sub(1) - h) / 2, w, h);
    Clear.render(rect, buf);
    let shown = h.saturating_sub(2) as usize;
    // When the list does not fit, the bottom border says there is more and how to see it.
    let more = match (scroll > 0, scroll + shown < lines.len()) {
        (_, true) => format!(" ↓ more: j/k, Space · {}–{} of {} ", scroll + 1, scroll + shown, lines.len()),
        (true, false) => format!(" ↑ k scrolls back · {}–{} of {} ", scroll + 1, lines.len(), lines.len()),
        (false, false) => String::new(),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(" folio keys — Esc closes ")
        .title_style(theme.toc_current())
        .title_bottom(ratatui::text::Line::from(more).style(theme.toc_current()).right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (i, (line, style)) in lines.iter().skip(scroll).take(inner.height as usize).enumerate() {
        put(buf, inner.x + 1, inner.y + i as u16, line, inner.width.saturating_sub(1) as usize, *style);
    }
}

/// A centred box with a border and title; returns its inner area.
fn boxed(buf: &mut Buffer, area: Rect, w: u16, h: u16, title: &str, theme: &Theme) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(3);
    let h = h.min(area.height.saturating_sub(2)).max(3);
    let rect =
        Rect::new(area.x + (area.width.saturating_sub(w)) / 2, area.y + (area.height.saturating_sub(1 + h)) / 2, w, h);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(title.to_string())
        .title_style(theme.toc_current());
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// A list of places (the book's chapters, backlinks): label in bold, detail after it; a
/// marked row starts with `▸`, a row that opens nothing (a part's title) is dim.
fn draw_places(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    places: &[crate::app::PlaceRow],
    cursor: usize,
    theme: &Theme,
) {
    let title = format!(" {} — Enter opens ", crate::sanitize::sanitize_line(title));
    let inner = boxed(buf, area, area.width.saturating_sub(4).min(110), area.height.saturating_sub(2), &title, theme);
    if inner.height == 0 || inner.width < 3 {
        return;
    }
    let rows = inner.height as usize;
    let offset = cursor.saturating_sub(rows.saturating_sub(1));
    for (i, place) in places.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + (i - offset) as u16;
        let base = if i == cursor { theme.toc_cursor() } else { Style::new() };
        if i == cursor {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        }
        let mark = if place.mark { "▸ " } else { "  " };
        let label_style =
            if place.entry.is_none() { base.patch(theme.border()) } else { base.add_modifier(Modifier::BOLD) };
        let w = put(buf, inner.x, y, mark, inner.width as usize, base.patch(theme.toc_current()));
        let w = w + put(buf, inner.x + w as u16, y, &place.label, inner.width as usize - w, label_style);
        if !place.detail.is_empty() && w + 4 < inner.width as usize {
            let rest = format!(" — {}", place.detail);
            put(buf, inner.x + w as u16, y, &rest, inner.width as usize - w, base.patch(theme.border()));
        }
    }
}

/// Labels drawn over the first cells of each visible link.
fn draw_hints(buf: &mut Buffer, state: &State, typed: &str, theme: &Theme) {
    let area = state.areas.text;
    for (label, span) in state.hints() {
        if !label.starts_with(typed) {
            continue;
        }
        let y = area.y + (span.row as usize - state.top) as u16;
        let x = area.x + span.col;
        let room = (area.x + area.width).saturating_sub(x) as usize;
        put(buf, x, y, &label, room, theme.hint());
    }
}

fn draw_link_list(
    buf: &mut Buffer,
    area: Rect,
    filter: &str,
    cursor: usize,
    all: &[ListedLink],
    shown: &[u32],
    theme: &Theme,
) {
    let title = format!(" Links {}/{} — type to filter, Enter follows ", shown.len(), all.len());
    let inner = boxed(buf, area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(2), &title, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    put(buf, inner.x, inner.y, &format!("/{filter}"), inner.width as usize, theme.toc_current());
    let rows = inner.height.saturating_sub(1) as usize;
    let offset = cursor.saturating_sub(rows.saturating_sub(1));
    let text_w = (inner.width as usize / 2).max(1);
    for (i, item) in shown.iter().map(|&k| &all[k as usize]).enumerate().skip(offset).take(rows) {
        let y = inner.y + 1 + (i - offset) as u16;
        let style = if i == cursor { theme.toc_cursor() } else { Style::new() };
        if i == cursor {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
        let w = put(buf, inner.x, y, &item.text, text_w.saturating_sub(1), style);
        let rest = format!(" → {} ({})", item.target, item.status);
        put(buf, inner.x + w as u16, y, &rest, inner.width as usize - w, style);
    }
}

fn draw_confirm(buf: &mut Buffer, area: Rect, url: &str, theme: &Theme) {
    let warnings = crate::library::resolve::url_warnings(url);
    // A long address is shown cut in the middle: its start and its end both matter.
    let max = (area.width as usize).saturating_sub(34).max(8);
    let shown = if display_width(url) > max {
        let head = take_width(url, max / 2).0;
        let tail: String = url.chars().rev().take(max / 2 - 1).collect::<Vec<_>>().into_iter().rev().collect();
        format!("{head}…{tail}")
    } else {
        url.to_string()
    };
    let question = format!("Open {shown} in the browser? (y/n)");
    let lines: Vec<(&str, Style)> = std::iter::once((question.as_str(), theme.toc_current()))
        .chain(warnings.iter().map(|w| (w.as_str(), theme.message())))
        .collect();
    let w = (lines.iter().map(|(l, _)| display_width(l)).max().unwrap_or(0) + 4).min(area.width as usize) as u16;
    let inner = boxed(buf, area, w, lines.len() as u16 + 2, " Open link ", theme);
    for (i, (line, style)) in lines.iter().enumerate().take(inner.height as usize) {
        put(buf, inner.x + 1, inner.y + i as u16, line, inner.width.saturating_sub(2) as usize, *style);
    }
}

/// A yes/no question in a box.
fn draw_question(buf: &mut Buffer, area: Rect, question: &str, theme: &Theme) {
    let w = (display_width(question) + 4).min(area.width as usize) as u16;
    let inner = boxed(buf, area, w, 3, " Open file ", theme);
    put(buf, inner.x + 1, inner.y, question, inner.width.saturating_sub(2) as usize, theme.toc_current());
}

/// A prompt drawn over the status line, with a cursor after the input.
fn draw_prompt(buf: &mut Buffer, state: &State, label: &str, input: &str, theme: &Theme) {
    let area = state.areas.status;
    Clear.render(area, buf);
    buf.set_style(area, theme.status());
    let right = state.search_status().map(|m| format!(" {m} ")).unwrap_or_default();
    let room = (area.width as usize).saturating_sub(display_width(&right));
    let text = format!(" {label}{input}");
    // Long input scrolls: show its end.
    let shown: String = if display_width(&text) + 1 > room {
        let chars: Vec<char> = text.chars().collect();
        let mut w = 0;
        let mut start = chars.len();
        while start > 0 && w + 2 < room {
            start -= 1;
            w += display_width(&chars[start].to_string());
        }
        format!("…{}", chars[start..].iter().collect::<String>())
    } else {
        text
    };
    let w = put(buf, area.x, area.y, &shown, room, theme.message());
    if w < room {
        put(buf, area.x + w as u16, area.y, " ", 1, theme.toc_cursor());
    }
    if !right.is_empty() && room < area.width as usize {
        put(buf, area.x + room as u16, area.y, &right, area.width as usize - room, theme.status());
    }
}

/// Writes `label` with the graphemes at `positions` emphasised; returns the width written.
#[allow(clippy::too_many_arguments)]
fn put_marked(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    label: &str,
    positions: &[u32],
    max: usize,
    base: Style,
    mark: Style,
) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let mut w = 0;
    for (i, g) in label.graphemes(true).enumerate() {
        let gw = crate::layout::width::grapheme_width(g);
        if w + gw > max {
            break;
        }
        let style = if positions.binary_search(&(i as u32)).is_ok() { base.patch(mark) } else { base };
        buf.set_stringn(x + w as u16, y, g, gw.max(1), style);
        w += gw;
    }
    w
}

fn draw_finder(
    buf: &mut Buffer,
    area: Rect,
    kind: FinderKind,
    input: &str,
    cursor: usize,
    items: &[FinderItem],
    theme: &Theme,
) {
    let title = match kind {
        FinderKind::Sections => " Go to section — name or number, Enter jumps ",
        FinderKind::Articles => " Open article — title or alias, Enter opens ",
    };
    let inner = boxed(buf, area, area.width.saturating_sub(4).min(90), area.height.saturating_sub(2), title, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    put(buf, inner.x, inner.y, &format!("> {input}"), inner.width as usize, theme.toc_current());
    let rows = inner.height.saturating_sub(1) as usize;
    let offset = cursor.saturating_sub(rows.saturating_sub(1));
    for (i, item) in items.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + 1 + (i - offset) as u16;
        let base = if i == cursor { theme.toc_cursor() } else { Style::new() };
        if i == cursor {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        }
        let w =
            put_marked(buf, inner.x, y, &item.label, &item.positions, inner.width as usize, base, theme.fuzzy_mark());
        if !item.detail.is_empty() && w + 3 < inner.width as usize {
            let detail = format!("  {}", item.detail);
            put(buf, inner.x + w as u16, y, &detail, inner.width as usize - w, base.patch(theme.border()));
        }
    }
    if items.is_empty() {
        put(buf, inner.x, inner.y + 1, "nothing matches", inner.width as usize, theme.border());
    }
}

fn draw_results(buf: &mut Buffer, area: Rect, pattern: &str, hits: &[LibraryHit], cursor: usize, theme: &Theme) {
    let title = format!(" Library: {} hits for ‘{}’ — Enter opens ", hits.len(), pattern);
    let inner = boxed(buf, area, area.width.saturating_sub(4).min(110), area.height.saturating_sub(2), &title, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let rows = inner.height as usize;
    let offset = cursor.saturating_sub(rows.saturating_sub(1));
    for (i, hit) in hits.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + (i - offset) as u16;
        let base = if i == cursor { theme.toc_cursor() } else { Style::new() };
        if i == cursor {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        }
        let mut line = hit.title.clone();
        if !hit.section.is_empty() {
            line.push_str(" › ");
            line.push_str(&hit.section);
        }
        let w = put(buf, inner.x, y, &line, inner.width as usize, base.add_modifier(ratatui::style::Modifier::BOLD));
        if hit.kind == HitKind::Body && w + 4 < inner.width as usize {
            let rest = format!(" — {}", hit.snippet);
            put(buf, inner.x + w as u16, y, &rest, inner.width as usize - w, base);
        }
    }
}
