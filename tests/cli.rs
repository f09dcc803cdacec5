//! The command line as scripts use it.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn folio() -> Command {
    let mut c = Command::cargo_bin("folio").unwrap();
    common::isolated(&mut c);
    c
}

#[test]
fn toc_of_the_bundled_article() {
    folio().arg("--toc").write_stdin("").assert().success().stdout(
        "Islamic State Khorasan Province\n\
         \x20 1 Origins and Ideology\n\
         \x20 2 Geography, Operations, and Capabilities\n\
         \x20 3 Leadership, Organization, and Strategic Outlook\n\
         \x20 4 Security, Counterterrorism, and Policy Debates\n\
         \x20 5 Impact, Legacy, and International Context\n",
    );
}

#[test]
fn toc_of_nested_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "# A\n\n## B\n\n### C\n\n# D\n").unwrap();
    // Two top-level headings: neither names the article, the file does.
    folio().arg("--toc").arg(&p).assert().success().stdout("a\n1 A\n  1.1 B\n    1.1.1 C\n2 D\n");
}

#[test]
fn print_has_no_escape_byte_and_wraps() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("e.md");
    std::fs::write(&p, "hi \x1b[2J\x1b[31mRED\x1b[0m &#27;]2;x&#7; and a long line of words to wrap\n").unwrap();
    let out = folio().args(["--print", "--width", "20"]).arg(&p).output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "ESC in --print output");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("␛[2J"));
    assert!(text.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 20));
}

#[test]
fn piped_stdout_prints_plain_text() {
    folio().write_stdin("").assert().success().stdout(
        predicate::str::contains("Islamic State Khorasan Province\n").and(predicate::str::contains("\x1b").not()),
    );
}

#[test]
fn article_on_stdin() {
    folio()
        .arg("-")
        .write_stdin("# Piped\n\nHello from stdin.\n")
        .assert()
        .success()
        .stdout("Piped\n═════\n\nHello from stdin.\n");
}

#[test]
fn missing_file_exits_1_naming_it() {
    folio().arg("nope.md").assert().code(1).stderr("folio: error: nope.md: No such file or directory\n").stdout("");
}

#[test]
fn directory_and_binary_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("b.md");
    std::fs::write(&bin, b"abc\0def").unwrap();
    folio().arg(&bin).assert().code(1).stderr(predicate::str::contains("binary file (NUL byte at offset 3)"));
}

#[test]
fn usage_errors_exit_2() {
    folio().arg("--no-such-flag").assert().code(2);
    folio().args(["--width", "0"]).assert().code(2);
}

#[test]
fn help_and_version_exit_0() {
    folio().arg("--help").assert().success().stdout(predicate::str::contains("--print"));
    folio().arg("--version").assert().success().stdout(predicate::str::starts_with("folio "));
}

#[test]
fn format_override() {
    folio()
        .args(["--format", "md", "-"])
        .write_stdin("# T\n\nx\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("T\n"));
}

#[test]
fn links_of_the_bundled_article_are_articles() {
    let out = folio().arg("--links").write_stdin("").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10);
    assert!(lines.iter().all(|l| l.starts_with("article\t")), "{text}");
    assert_eq!(lines[0], "article\tISIS\tISIS");
    assert_eq!(lines[9], "article\tWar on Terror\tWar on Terror");
}

#[test]
fn a_text_article_opened_from_anywhere_resolves_against_the_user_and_bundled_libraries() {
    let home = tempfile::tempdir().unwrap();
    let downloads = home.path().join("Downloads");
    let wiki = home.path().join("wiki");
    std::fs::create_dir_all(&downloads).unwrap();
    std::fs::create_dir_all(&wiki).unwrap();
    let page = downloads.join("page.txt");
    std::fs::write(&page, "Harbour\nThe harbour is old and busy with boats from every port along the coast.\nSee Harbour Wall and Tide Mill for the works, and Taliban for nothing at all.\nSee Nowhere Land for what is missing.\n").unwrap();
    std::fs::write(wiki.join("wall.md"), "# Harbour Wall\n\nStone.\n").unwrap();
    std::fs::write(wiki.join("mill.md"), "# Tide Mill\n\nWheel.\n").unwrap();
    let links = |cmd: &mut Command| String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    // Alone: only the bundled library's articles resolve.
    let alone = links(folio().env_remove("FOLIO_LIBRARY").arg("--links").arg(&page));
    assert_eq!(alone, "missing\tHarbour Wall\tHarbour Wall\nmissing\tTide Mill\tTide Mill\narticle\tTaliban\tTaliban\nmissing\tNowhere Land\tNowhere Land\n");
    // With the user's library (by flag or by FOLIO_LIBRARY), its articles resolve too.
    let flagged = links(folio().env_remove("FOLIO_LIBRARY").arg("--links").arg("--library").arg(&wiki).arg(&page));
    let by_env =
        links(folio().env("FOLIO_LIBRARY", format!("/nonexistent:{}", wiki.display())).arg("--links").arg(&page));
    let want = "article\tHarbour Wall\tHarbour Wall\narticle\tTide Mill\tTide Mill\narticle\tTaliban\tTaliban\nmissing\tNowhere Land\tNowhere Land\n";
    assert_eq!(flagged, want);
    assert_eq!(by_env, want);
    // A --library that is not a folder is an error.
    folio().arg("--links").arg("--library").arg(&page).arg(&page).assert().failure().code(1);
}

#[test]
fn links_statuses_for_markdown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.md"), "# B\n\n## Part\n").unwrap();
    let a = dir.path().join("a.md");
    std::fs::write(&a, "# A\n\n## Here\n\n[b](b.md#part) [h](#here) [w](https://example.org) [x](../../etc/passwd) [j](javascript:alert(1)) [[Nowhere]]\n").unwrap();
    folio().arg("--links").arg(&a).assert().success().stdout(
        "article\tB#part\tb\nsection\t#here\th\nexternal\thttps://example.org/\tw\nrefused\t../../etc/passwd\tx\nrefused\tjavascript:alert(1)\tj\nmissing\tNowhere\tNowhere\n",
    );
}

#[test]
fn to_markdown_round_trip_keeps_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("iskp.txt");
    std::fs::write(&p, include_str!("fixtures/iskp.txt")).unwrap();
    let md = folio().arg("--to-markdown").arg(&p).output().unwrap().stdout;
    let md = String::from_utf8(md).unwrap();
    assert!(md.starts_with("---\ntitle: \"Islamic State Khorasan Province\"\n---\n"));
    assert!(md.contains("See also [[ISIS]] and [[Khorasan]] for broader context"));
    let back = dir.path().join("back.md");
    std::fs::write(&back, &md).unwrap();
    let toc_text = folio().arg("--toc").arg(&p).output().unwrap().stdout;
    let toc_md = folio().arg("--toc").arg(&back).output().unwrap().stdout;
    assert_eq!(toc_text, toc_md);
}

#[test]
fn format_detection_by_name_and_content() {
    let dir = tempfile::tempdir().unwrap();
    let noext = dir.path().join("README");
    std::fs::write(&noext, "# Heading\n\ntext\n").unwrap();
    folio().arg("--toc").arg(&noext).assert().stdout("Heading\n");
    let txt = dir.path().join("a.txt");
    std::fs::write(&txt, "# Not markdown\nA long enough paragraph of plain text that follows the first line.\n")
        .unwrap();
    folio().arg("--toc").arg(&txt).assert().stdout("# Not markdown\n");
    folio().args(["--toc", "--format", "md"]).arg(&txt).assert().stdout("Not markdown\n");
}

#[test]
fn a_folder_opens_its_index_or_a_list_of_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "---\ntitle: Alpha\n---\ntext\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/b.txt"), "Beta\nA paragraph of text long enough to be one.\n").unwrap();
    let out = folio().arg("--links").arg(dir.path()).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "article\tAlpha\tAlpha\narticle\tBeta\tBeta\n");
    std::fs::write(dir.path().join("README.md"), "# Welcome\n\nSee [[Alpha]].\n").unwrap();
    folio().arg("--toc").arg(dir.path()).assert().success().stdout("Welcome\n");
}

#[test]
fn search_prints_hits_like_grep() {
    let out = folio().args(["--search", "Jalalabad"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.split('\t').count() == 3), "{text}");
    assert!(text.starts_with("Nangarhar Province\t\t"), "{text}");
    folio().args(["--search", "no such words anywhere"]).write_stdin("").assert().code(1).stdout("");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "# Doc\n\n## Part\n\nThe word is here.\n").unwrap();
    folio().args(["--search", "word"]).arg(&p).assert().success().stdout("Doc\tPart\tThe word is here.\n");
}

#[test]
fn search_in_a_plain_text_article_names_sections() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("iskp.txt");
    std::fs::write(&p, include_str!("fixtures/iskp.txt")).unwrap();
    let out = folio().args(["--search", "Kabul"]).arg(&p).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Islamic State Khorasan Province\tGeography, Operations, and Capabilities\t"), "{text}");
}

/// `--print` of a fixture at `width` (extra flags first), as a script would capture it.
fn printed(fixture: &str, width: &str, extra: &[&str]) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture);
    let out = folio().args(extra).args(["--print", "--width", width]).arg(path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn print_goldens_of_real_looking_documents() {
    let chapter = printed("book/ch02-01-lanterns.md", "60", &[]);
    insta::assert_snapshot!("print_chapter_60", chapter);
    for raw in ["<img", "<span", "<!--", "<kbd", "<br", "<details", "[^"] {
        assert!(!chapter.contains(raw), "raw markup {raw:?} printed");
    }
    assert!(chapter.contains("## Filling the Reservoir"), "heading markers");
    assert!(chapter.contains("↪"), "long code wraps with its marker");
    insta::assert_snapshot!("print_wide_table_60", printed("wide-table.md", "60", &[]));
    insta::assert_snapshot!("print_spec_txt_80", printed("spec.txt", "80", &[]));
    let refs = printed("book/ch02-01-lanterns.md", "80", &["--references"]);
    insta::assert_snapshot!("print_chapter_references_80", refs);
    assert!(refs.contains("img/north.png"), "image targets are listed");
}

#[test]
fn an_image_of_the_library_is_a_file_not_a_missing_article() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::write(dir.path().join("img/pier.png"), b"\x89PNG").unwrap();
    let doc = dir.path().join("a.md");
    std::fs::write(
        &doc,
        "# A\n\n![the pier](img/pier.png), ![gone](img/gone.png), ![web](https://example.org/x.png)\n",
    )
    .unwrap();
    folio().arg("--links").arg(&doc).assert().success().stdout(
        "file\timg/pier.png\t[image: the pier]\n\
         missing\timg/gone.png\t[image: gone]\n\
         external\thttps://example.org/x.png\t[image: web]\n",
    );
    let refs = folio().args(["--print", "--references"]).arg(&doc).output().unwrap();
    let refs = String::from_utf8(refs.stdout).unwrap();
    assert!(
        refs.contains("[1] file: img/pier.png\n[2] missing: img/gone.png\n[3] https://example.org/x.png"),
        "{refs}"
    );
}
