//! The README tells the truth: its key table is the keymap's, generated from
//! `assets/keymap.toml` (paste the table this test prints when it fails).

const README: &str = include_str!("../README.md");

/// The text between two marker lines of the README.
fn between<'a>(begin: &str, end: &str) -> &'a str {
    let start = README.find(begin).unwrap_or_else(|| panic!("README has no {begin}")) + begin.len();
    let stop = README[start..].find(end).unwrap_or_else(|| panic!("README has no {end}")) + start;
    README[start..stop].trim_matches('\n')
}

#[test]
fn readme_key_table_is_the_keymap() {
    let table = folio::app::Keymap::defaults().readme_table();
    let readme = between("<!-- keys:begin -->", "<!-- keys:end -->");
    assert!(readme == table.trim_end(), "the README's key table differs from the keymap; it should read:\n\n{table}");
}
