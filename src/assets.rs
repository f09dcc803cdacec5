//! The bundled library, embedded in the binary so folio works from any folder.

/// The bundled articles: (file name, Markdown source).
pub const LIBRARY: &[(&str, &str)] = &[
    ("afghanistan.md", include_str!("../assets/library/afghanistan.md")),
    ("folio.md", include_str!("../assets/library/folio.md")),
    ("isis.md", include_str!("../assets/library/isis.md")),
    ("islamic-state-khorasan-province.md", include_str!("../assets/library/islamic-state-khorasan-province.md")),
    ("khorasan.md", include_str!("../assets/library/khorasan.md")),
    ("khyber-pakhtunkhwa.md", include_str!("../assets/library/khyber-pakhtunkhwa.md")),
    ("nangarhar-province.md", include_str!("../assets/library/nangarhar-province.md")),
    ("pakistan.md", include_str!("../assets/library/pakistan.md")),
    ("taliban.md", include_str!("../assets/library/taliban.md")),
    ("tehrik-i-taliban-pakistan.md", include_str!("../assets/library/tehrik-i-taliban-pakistan.md")),
    ("war-on-terror.md", include_str!("../assets/library/war-on-terror.md")),
];

/// The article opened when folio starts without a path.
pub const DEFAULT_ARTICLE: &str = "islamic-state-khorasan-province.md";

/// folio's own guide (opened with F1).
pub const GUIDE_ARTICLE: &str = "folio.md";

/// The source of a bundled article by file name.
pub fn bundled(name: &str) -> Option<&'static str> {
    LIBRARY.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_asset_file_is_bundled() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/library");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(super::bundled(&name).is_some(), "{name} is not in assets::LIBRARY");
        }
    }
}
