//! Article → Markdown (`--to-markdown`): front matter with the title, headings, paragraphs and
//! cross references as `[[Title]]` wiki links, so an imported text can be reviewed and kept.

use crate::model::{Article, BlockKind, Emphasis, LinkKind, Nest, Span};

/// Escapes text so Markdown shows it literally.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|' | '&' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
            while i < spans.len() && spans[i].link == Some(id) {
                text.push_str(spans[i].text);
                i += 1;
            }
            let link = &article.links[id.0 as usize];
            match link.kind {
                LinkKind::Wiki | LinkKind::CrossRef if text == link.dest => out.push_str(&format!("[[{}]]", link.dest)),
                LinkKind::Wiki | LinkKind::CrossRef => out.push_str(&format!("[[{}|{}]]", link.dest, text)),
                LinkKind::Markdown => {
                    out.push_str(&format!("[{}](<{}>)", escape(&text), link.dest.replace('>', "%3E")))
                }
            }
            continue;
        }
        let mut t = if span.style.has(Emphasis::CODE) { format!("`{}`", span.text) } else { escape(span.text) };
        if span.style.has(Emphasis::BOLD) && !t.trim().is_empty() {
            t = format!("**{t}**");
        }
        if span.style.has(Emphasis::ITALIC) && !t.trim().is_empty() {
            t = format!("*{}*", t.trim_end());
            if span.text.ends_with(' ') {
                t.push(' ');
            }
        }
        out.push_str(&t);
        i += 1;
    }
    out
}

/// The article as Markdown.
pub fn to_markdown(article: &Article) -> String {
    let mut out = format!("---\ntitle: \"{}\"\n", article.title.replace('\\', "\\\\").replace('"', "\\\""));
    if !article.aliases.is_empty() {
        out.push_str("aliases:\n");
        for a in &article.aliases {
            out.push_str(&format!("  - \"{}\"\n", a.replace('"', "\\\"")));
        }
    }
    out.push_str("---\n");
    for block in &article.blocks {
        let prefix: String = block
            .nest
            .iter()
            .map(|n| match n {
                Nest::Quote => "> ".to_string(),
                Nest::Item(_) => "- ".to_string(),
                Nest::Indent(w) => " ".repeat(*w as usize),
                Nest::Footnote(l) => format!("[^{l}]: "),
            })
            .collect();
        let body = match &block.kind {
            BlockKind::Title(_) => continue,
            BlockKind::Heading { level, text, .. } => {
                format!("{} {}", "#".repeat(*level as usize), inline(article, text.spans()))
            }
            BlockKind::Paragraph(text) => inline(article, text.spans()),
            BlockKind::Code { lang, text } => format!("```{lang}\n{text}\n```"),
            BlockKind::Rule => "---".to_string(),
            BlockKind::Html(h) => h.clone(),
            BlockKind::Table(table) => {
                let row = |cells: &[(u32, u32)]| {
                    let cells: Vec<String> =
                        cells.iter().map(|&(a, b)| inline(article, table.text.spans_in(a, b))).collect();
                    format!("| {} |", cells.join(" | "))
                };
                let mut t = row(&table.header);
                t.push_str(&format!("\n|{}", "---|".repeat(table.header.len().max(1))));
                for r in &table.rows {
                    t.push('\n');
                    t.push_str(&row(r));
                }
                t
            }
        };
        if block.gap_before || !out.ends_with('\n') || block.nest.is_empty() {
            out.push('\n');
        }
        out.push_str(&prefix);
        out.push_str(&body);
        out.push('\n');
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
}
