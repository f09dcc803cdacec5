//! The wiki finder (`o`, `S` in a wiki page) and link previews (`K`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::theme::Theme;
use super::{boxed, draw_places, draw_prompt, put};
use crate::app::{Overlay, Peek, PlaceRow, State};
use crate::sanitize::sanitize_line;

/// The pages found on the wiki, with the query typed on the status line.
pub(super) fn draw_wiki_find(buf: &mut Buffer, area: Rect, state: &State, theme: &Theme) {
    let Some(Overlay::WikiFind { full, input, cursor, hits, .. }) = &state.overlay else { return };
    let (full, cursor) = (*full, *cursor);
    let host = state.doc.wiki.as_ref().map(|o| o.site.host().to_string()).unwrap_or_default();
    let rows: Vec<PlaceRow> = hits
        .iter()
        .map(|h| PlaceRow {
            entry: Some(0),
            label: sanitize_line(&h.title).into_owned(),
            detail: h.snippet.clone(),
            section: None,
            mark: false,
        })
        .collect();
    let title = match (full, hits.is_empty()) {
        (true, true) => format!("Search the text of {host}: type, then Enter"),
        (true, false) => format!("Pages of {host} that mention it"),
        (false, true) => format!("Titles on {host}: type a title (Enter opens it as typed)"),
        (false, false) => format!("Titles on {host}"),
    };
    draw_places(buf, area, &title, &rows, cursor, theme);
    let label = if full { "search the wiki: " } else { "open a page: " };
    draw_prompt(buf, state, label, input, theme);
}

/// A link's preview: the title, the first paragraph of what it leads to, and where.
pub(super) fn draw_peek(buf: &mut Buffer, area: Rect, peek: &Peek, loading: bool, theme: &Theme) {
    let width = area.width.saturating_sub(6).clamp(10, 76);
    let text_width = width.saturating_sub(4).max(4) as usize;
    let body = if loading {
        "reading…".to_string()
    } else if peek.text.trim().is_empty() {
        "(no text to show)".to_string()
    } else {
        sanitize_line(&peek.text).into_owned()
    };
    let mut lines: Vec<(String, bool)> = Vec::new();
    let max_lines = (area.height.saturating_sub(8) as usize).clamp(1, 12);
    let wrapped = textwrap::wrap(&body, text_width);
    for (i, l) in wrapped.iter().enumerate().take(max_lines) {
        let last = i + 1 == max_lines && wrapped.len() > max_lines;
        lines.push((if last { format!("{}…", l.trim_end()) } else { l.to_string() }, false));
    }
    lines.push((String::new(), false));
    lines.push((format!("→ {}", sanitize_line(&peek.leads)), true));
    lines.push(("Enter follows · Esc closes".to_string(), true));
    let title = format!(" {} ", sanitize_line(&peek.title));
    let inner = boxed(buf, area, width, lines.len() as u16 + 2, &title, theme);
    for (i, (line, dim)) in lines.iter().enumerate().take(inner.height as usize) {
        let style = if *dim { theme.border() } else { ratatui::style::Style::new() };
        let style = if i == 0 && !dim { style.remove_modifier(Modifier::DIM) } else { style };
        put(buf, inner.x + 1, inner.y + i as u16, line, inner.width.saturating_sub(2) as usize, style);
    }
}
