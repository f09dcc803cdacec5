//! The bundled library, embedded in the binary so folio works from any folder.

/// The bundled articles: (file name, Markdown source).
pub const LIBRARY: &[(&str, &str)] =
    &[("islamic-state-khorasan-province.md", include_str!("../assets/library/islamic-state-khorasan-province.md"))];

/// The article opened when folio starts without a path.
pub const DEFAULT_ARTICLE: &str = "islamic-state-khorasan-province.md";

/// The source of a bundled article by file name.
pub fn bundled(name: &str) -> Option<&'static str> {
    LIBRARY.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}
