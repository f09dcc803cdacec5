//! HTML inside Markdown, as documentation books write it: read by an HTML parser, never shown
//! as source. Each test names the construct and asserts on the imported article.

use folio::import::markdown::parse;
use folio::model::{block_text, Article, BlockKind, Emphasis};

/// Every block's text, one per line (anchors as `#name`).
fn texts(a: &Article) -> String {
    a.blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Anchor(name) => format!("#{name}"),
            _ => block_text(b).to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of the paragraphs' runs with emphasis flag `style`.
fn styled(a: &Article, style: u8) -> Vec<String> {
    let mut out = Vec::new();
    for b in &a.blocks {
        if let BlockKind::Paragraph(t) = &b.kind {
            out.extend(t.spans().filter(|s| s.style.has(style)).map(|s| s.text.to_string()));
        }
    }
    out
}

#[test]
fn comments_vanish_even_across_lines_and_inside_a_paragraph() {
    let a = parse(
        "# T\n\nSee the [guide](g.md)<!-- ignore\n--> for more.\n\n<!-- a note\nover lines\n-->\n\nAfter.\n",
        "t",
    );
    let t = texts(&a);
    assert!(t.contains("See the guide for more."), "{t}");
    assert!(!t.contains("<!--") && !t.contains("ignore") && !t.contains("a note"), "{t}");
    assert!(t.contains("After."));
}

#[test]
fn inline_tags_keep_their_text_and_kbd_code_are_code() {
    let a = parse("# T\n\nPress <kbd>Ctrl</kbd>+<kbd>C</kbd>, see <span class=\"x\">the span</span>, run <code>ls</code>.<br>Next line.\n", "t");
    let t = texts(&a);
    assert!(t.contains("Press Ctrl+C, see the span, run ls.\nNext line."), "{t}");
    assert_eq!(styled(&a, Emphasis::CODE), ["Ctrl", "C", "ls"]);
}

#[test]
fn sup_and_sub_stay_readable() {
    let a = parse("# T\n\nFrom 2<sup>n -\n1</sup> - 1, and H<sub>2</sub>O.\n\n<p>E = mc<sup>2</sup></p>\n", "t");
    let t = texts(&a);
    assert!(t.contains("From 2^(n - 1) - 1, and H_(2)O."), "{t}");
    assert!(t.contains("E = mc^(2)"), "{t}");
}

#[test]
fn ids_and_names_are_fragment_targets() {
    let a = parse(
        "# T\n\n<a id=\"old\"></a>\n\nText <a name=\"inline\"></a>here.\n\n<div id=\"box\">In a box.</div>\n",
        "t",
    );
    for name in ["old", "inline", "box"] {
        assert!(a.find_fragment(name).is_some(), "#{name} not found; anchors {:?}", a.anchors);
    }
    assert!(!texts(&a).contains('<'));
}

#[test]
fn links_and_images_are_links() {
    let a = parse("# T\n\nA <a href=\"other.md\">link</a> and <img alt=\"a chart\" src=\"chart.png\">.\n", "t");
    let dests: Vec<&str> = a.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(dests, ["other.md", "chart.png"]);
    assert!(texts(&a).contains("A link and [image: a chart]."), "{}", texts(&a));
}

#[test]
fn details_open_with_the_summary_as_a_label_and_scripts_drop() {
    let src = "# T\n\n<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>\n\n<script>alert(1)</script>\n<style>p { color: red }</style>\n\nEnd.\n";
    let a = parse(src, "t");
    let t = texts(&a);
    assert!(t.contains("More") && t.contains("Hidden text.") && t.contains("End."), "{t}");
    assert!(!t.contains("alert") && !t.contains("color"), "{t}");
    assert!(!t.contains("<details") && !t.contains("<summary"), "{t}");
}

#[test]
fn an_html_table_is_a_table() {
    let src =
        "# T\n\n<table>\n<tr><th>Key</th><th>Does</th></tr>\n<tr><td><kbd>q</kbd></td><td>quits</td></tr>\n</table>\n";
    let a = parse(src, "t");
    let table = a.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Table(t) => Some(t),
        _ => None,
    });
    let table = table.expect("a table block");
    assert_eq!(table.text.text, "Key\tDoes\nq\tquits\n");
    assert_eq!(table.rows.len(), 1);
}

#[test]
fn an_image_in_a_table_cell_is_a_link_not_markup() {
    let a = parse("# T\n\n| A | B |\n|---|---|\n| x | <img alt=\"pic\" src=\"p.png\"> |\n", "t");
    assert!(texts(&a).contains("[image: pic]"), "{}", texts(&a));
    assert!(!texts(&a).contains("<img"));
    assert_eq!(a.links.len(), 1);
}

#[test]
fn an_html_page_opened_as_a_file_reads_as_an_article() {
    let page = "<!DOCTYPE html>\n<html><head><title>Tide pools</title><style>p { color: red }</style></head>\
                <body><h1>Tide pools</h1><p>Pools where <a href=\"crabs.html\">crabs</a> live.</p>\
                <h2>Life</h2><p>Snails &amp; anemones.</p><script>alert(1)</script></body></html>\n";
    assert_eq!(folio::import::detect_format(Some("page.html"), page), folio::import::Format::Html);
    assert_eq!(folio::import::detect_format(Some("saved"), page), folio::import::Format::Html, "by its content");
    let a = folio::import::import(page, folio::import::Format::Html, "page", &|_| false);
    assert_eq!(a.title, "Tide pools");
    assert_eq!(a.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["Life"]);
    let text = folio::export::print_text(&a, 80);
    assert_eq!(text, "Tide pools\n══════════\n\nPools where crabs live.\n\n## Life\n\nSnails & anemones.\n");
    assert_eq!(a.links[0].dest, "crabs.html");
}
