//! Plain-text exports: the article wrapped at a width (`--print`), the table of contents
//! (`--toc`), and every link with where it leads (`--links`).

use crate::app::Document;
use crate::layout::{layout, Measure};
use crate::library::{Library, Target};
use crate::model::Article;
use crate::sanitize::sanitize;

/// One line per link: status, target, text.
pub fn links_text(doc: &Document, library: &Library) -> String {
    let mut out = String::new();
    for (link, target) in doc.article.links.iter().zip(doc.targets.iter()) {
        let shown = match target {
            Target::Article { entry, fragment } => {
                let title = &library.entries[*entry].title;
                match fragment {
                    Some(f) => format!("{title}#{f}"),
                    None => title.clone(),
                }
            }
            Target::Section(f) => format!("#{f}"),
            Target::MissingSection { entry, fragment } => format!("{}#{fragment}", library.entries[*entry].title),
            Target::Here(_) | Target::Anchor(_) => link.dest.clone(),
            Target::External(u) => u.clone(),
            Target::Missing(name) | Target::File(name) => name.clone(),
            Target::Refused(_) => link.dest.clone(),
            Target::Wiki { title, fragment } => match fragment {
                Some(f) => format!("{title}#{f}"),
                None => title.clone(),
            },
        };
        let clean = |s: &str| sanitize(s).replace(['\t', '\n'], " ");
        out.push_str(&format!("{}\t{}\t{}\n", target.status(), clean(&shown), clean(&link.text)));
    }
    out
}

/// The measure of `--print` at `width`: plain text (heading markers, inline code in
/// backticks, code indented, long code lines wrapped with `↪`).
pub fn print_measure(width: u16) -> Measure {
    Measure { plain: true, ..Measure::new(width) }
}

/// The article as plain text wrapped at `width`, as `--print` writes it (what `lynx -dump`
/// users expect): the reader's layout in its plain form.
pub fn print_text(article: &Article, width: u16) -> String {
    let mut out = Vec::new();
    let _ = print_to(article, print_measure(width), &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`print_text`], written to `out` as it goes: the text of a big article (or of a flood of
/// rules, each as wide as the page) is never held whole.
pub fn print_to(article: &Article, measure: Measure, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let page = layout(article, measure);
    // A slice of rows at a time: each block is laid out again once, not once per row.
    for from in (0..page.len()).step_by(1024) {
        let rows = from..(from + 1024).min(page.len());
        let view = page.view(article, rows.clone());
        let mut chunk = String::new();
        for row in rows {
            chunk.push_str(&view.row_text(row));
            chunk.push('\n');
        }
        out.write_all(chunk.as_bytes())?;
    }
    Ok(())
}

/// The numbered list of every link's target that `--print --references` ends with.
pub fn references_text(doc: &Document, library: &Library) -> String {
    if doc.article.links.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nReferences\n\n");
    for (i, target) in doc.targets.iter().enumerate() {
        let shown = match target {
            Target::External(u) => u.clone(),
            t => crate::app::describe_target(&doc.article, library, t),
        };
        out.push_str(&format!("[{}] {}\n", i + 1, sanitize(&shown).replace(['\t', '\n'], " ")));
    }
    out
}

/// The title, then one line per section: two spaces per level below the top, number, heading.
pub fn toc_text(article: &Article) -> String {
    let mut out = format!("{}\n", article.title);
    for s in &article.sections {
        let indent = "  ".repeat(s.level.saturating_sub(1) as usize);
        out.push_str(&format!("{indent}{}\n", s.label()));
    }
    out
}
