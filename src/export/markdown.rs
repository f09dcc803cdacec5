//! Article → Markdown (`--to-markdown`): front matter with the title, then every block, so an
//! imported text can be reviewed and kept. The export round-trips: imported again, it gives the
//! same text, sections and links, and never a link the article did not have (text that looks
//! like Markdown is escaped; code keeps fences longer than any run of backticks inside it).

use crate::model::{Align, Article, BlockKind, Emphasis, LinkKind, Nest, Span};

/// Escapes text so Markdown shows it literally.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|' | '&' | '~' | '!' | '$' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would start a block at the beginning of a line (`1. `, `- `, `+ `, `= `).
fn escape_line_start(line: &str) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let b = line.as_bytes();
    if digits > 0 && matches!(b.get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if matches!(b.first(), Some(b'-' | b'+' | b'=')) {
        return format!("\\{line}");
    }
    line.to_string()
}

/// The longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    crate::library::longest_run(s, c)
}

/// A code span holding `text` literally: a fence longer than any run of backticks inside it,
/// and a space on each side when the text starts or ends with a backtick or a space.
fn code_span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
    if pad {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// A link destination that cannot end early: inside `<…>`, with `<`, `>` and line breaks
/// percent-encoded.
fn destination(dest: &str) -> String {
    let mut out = String::from("<");
    for c in dest.chars() {
        match c {
            '<' | '>' | '\n' | '\r' | '\\' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// Text styled as the span is, escaped.
fn styled(span: &Span) -> String {
    if span.style.has(Emphasis::CODE) {
        return code_span(span.text);
    }
    if span.style.has(Emphasis::FOOTNOTE) {
        let label = span.text.trim_start_matches('[').trim_end_matches(']');
        return format!("[^{label}]");
    }
    if span.style.has(Emphasis::HTML) || span.style.has(Emphasis::MATH) {
        return span.text.to_string();
    }
    let mut t = escape_markdown(span.text).replace('\n', "\\\n");
    // Emphasis closes only after a non-space: spaces stay outside the markers.
    let core = t.trim();
    if !core.is_empty() {
        let (lead, trail) = (&t[..t.len() - t.trim_start().len()], &t[t.trim_end().len()..]);
        let mut inner = core.to_string();
        if span.style.has(Emphasis::STRIKE) {
            inner = format!("~~{inner}~~");
        }
        if span.style.has(Emphasis::BOLD) {
            inner = format!("**{inner}**");
        }
        if span.style.has(Emphasis::ITALIC) {
            inner = format!("*{inner}*");
        }
        t = format!("{lead}{inner}{trail}");
    }
    t
}

fn inline<'a>(article: &Article, spans: impl Iterator<Item = Span<'a>>) -> String {
    let spans: Vec<Span> = spans.collect();
    let mut out = String::new();
    let mut i = 0;
    while i < spans.len() {
        let span = &spans[i];
        if let Some(id) = span.link {
            // A link's spans are consecutive; write the link once.
            let mut text = String::new();
            let mut plain = String::new();
            while i < spans.len() && spans[i].link == Some(id) {
                text.push_str(&styled(&spans[i]));
                plain.push_str(spans[i].text);
                i += 1;
            }
            let Some(link) = article.links.get(id.0 as usize) else { continue };
            // A footnote reference and an image are links by their own syntax.
            if span.style.has(Emphasis::FOOTNOTE) {
                out.push_str(&format!("[^{}]", plain.trim_start_matches('[').trim_end_matches(']')));
                continue;
            }
            if span.style.has(Emphasis::IMAGE) {
                let alt = plain.strip_prefix("[image: ").and_then(|a| a.strip_suffix(']')).unwrap_or(&plain);
                out.push_str(&format!("![{}]({})", escape_markdown(alt), destination(&link.dest)));
                continue;
            }
            let wiki_safe = |s: &str| !s.contains(['[', ']', '|', '\n', '#']) || s == link.dest;
            match link.kind {
                LinkKind::Wiki | LinkKind::CrossRef if plain == link.dest && wiki_safe(&plain) => {
                    out.push_str(&format!("[[{}]]", link.dest))
                }
                LinkKind::Wiki | LinkKind::CrossRef if wiki_safe(&link.dest) && wiki_safe(&plain) => {
                    out.push_str(&format!("[[{}|{}]]", link.dest, plain))
                }
                _ => out.push_str(&format!("[{text}]({})", destination(&link.dest))),
            }
            continue;
        }
        out.push_str(&styled(span));
        i += 1;
    }
    out
}

/// The container prefixes of a block: on its first line, and on the lines after.
fn prefixes(nest: &[Nest]) -> (String, String) {
    let (mut first, mut rest) = (String::new(), String::new());
    for n in nest {
        match n {
            Nest::Quote => {
                first.push_str("> ");
                rest.push_str("> ");
            }
            Nest::Item(m) => {
                let marker = match m.as_str() {
                    "[x]" => "- [x] ".to_string(),
                    "[ ]" => "- [ ] ".to_string(),
                    s if s.ends_with('.') && s[..s.len() - 1].chars().all(|c| c.is_ascii_digit()) => format!("{s} "),
                    _ => "- ".to_string(),
                };
                rest.push_str(&" ".repeat(marker.chars().count()));
                first.push_str(&marker);
            }
            Nest::Indent(w) => {
                let w = (*w as usize).max(2);
                first.push_str(&" ".repeat(w));
                rest.push_str(&" ".repeat(w));
            }
            Nest::Footnote(l) => {
                first.push_str(&format!("[^{l}]: "));
                rest.push_str("    ");
            }
        }
    }
    (first, rest)
}

/// The article as Markdown.
pub fn to_markdown(article: &Article) -> String {
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ");
    let mut out = format!("---\ntitle: \"{}\"\n", quote(&article.title));
    if !article.aliases.is_empty() {
        out.push_str("aliases:\n");
        for a in &article.aliases {
            out.push_str(&format!("  - \"{}\"\n", quote(a)));
        }
    }
    out.push_str("---\n");
    let mut prev_nest: Vec<Nest> = Vec::new();
    for block in &article.blocks {
        let body = match &block.kind {
            BlockKind::Title(_) => continue,
            BlockKind::Heading { level, text, .. } => {
                let t = inline(article, text.spans()).replace("\\\n", " ");
                format!("{} {}", "#".repeat(*level as usize), t).trim_end().to_string()
            }
            BlockKind::Paragraph(text) => {
                let t = inline(article, text.spans());
                t.split('\n').map(escape_line_start).collect::<Vec<_>>().join("\n")
            }
            BlockKind::Code { lang, text } => {
                let (c, n) =
                    if lang.contains('`') { ('~', longest_run(text, '~')) } else { ('`', longest_run(text, '`')) };
                let fence = c.to_string().repeat((n + 1).max(3));
                format!("{fence}{lang}\n{text}\n{fence}")
            }
            BlockKind::Rule => "***".to_string(),
            BlockKind::Html(h) => h.clone(),
            // A footnote's anchor comes back with its definition.
            BlockKind::Anchor(name) if name.starts_with("fn:") => continue,
            BlockKind::Anchor(name) => format!("<a id=\"{}\"></a>", name.replace(['"', '<', '>', '&'], "")),
            BlockKind::Table(table) => {
                let row = |cells: &[(u32, u32)]| {
                    let cells: Vec<String> = cells
                        .iter()
                        .map(|&(a, b)| inline(article, table.text.spans_in(a, b)).replace('\n', " "))
                        .collect();
                    format!("| {} |", cells.join(" | "))
                };
                let mut t = row(&table.header);
                let aligns: String = (0..table.header.len().max(1))
                    .map(|c| match table.aligns.get(c) {
                        Some(Align::Center) => ":-:|",
                        Some(Align::Right) => "--:|",
                        _ => "---|",
                    })
                    .collect();
                t.push_str(&format!("\n|{aligns}"));
                for r in &table.rows {
                    t.push('\n');
                    t.push_str(&row(r));
                }
                t
            }
        };
        let (first, rest) = prefixes(&block.nest);
        for showing in 0..block.times() {
            let gap = if showing == 0 { block.gap_before } else { block.repeat_gap };
            if gap || !out.ends_with('\n') || block.nest.is_empty() {
                // A blank line keeps the quote markers this block shares with the one before
                // (a quote stays one quote); anything else ends there.
                let prev: &[Nest] = if showing == 0 { &prev_nest } else { &block.nest };
                let shared =
                    block.nest.iter().zip(prev).take_while(|(a, b)| **a == Nest::Quote && **b == Nest::Quote).count();
                out.push_str(">".repeat(shared).as_str());
                out.push('\n');
            }
            for (n, line) in body.split('\n').enumerate() {
                out.push_str(if n == 0 { &first } else { &rest });
                out.push_str(line);
                out.push('\n');
            }
        }
        prev_nest = block.nest.to_vec();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{markdown, plaintext};

    #[test]
    fn text_round_trips_to_the_same_tree() {
        let text = "My Title\nHistory\nIt began long ago in a small town by the river, as the story goes.\nSee also\nOther Place\nThird Place\n";
        let a = plaintext::parse(text, "x");
        let md = to_markdown(&a);
        let b = markdown::parse(&md, "x");
        assert_eq!(a.title, b.title);
        let titles = |a: &Article| a.sections.iter().map(|s| (s.number.clone(), s.title.clone())).collect::<Vec<_>>();
        assert_eq!(titles(&a), titles(&b));
        let dests = |a: &Article| a.links.iter().map(|l| l.dest.clone()).collect::<Vec<_>>();
        assert_eq!(dests(&a), dests(&b));
        assert!(md.contains("[[Other Place]]"), "{md}");
    }

    #[test]
    fn code_never_becomes_links() {
        let a = markdown::parse("``x` [click me](https://evil.example/) `z``\n\n~~~\n```\n[a](b)\n```\n~~~\n", "t");
        assert!(a.links.is_empty());
        let md = to_markdown(&a);
        assert!(markdown::parse(&md, "t").links.is_empty(), "{md}");
    }
}
