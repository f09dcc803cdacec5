//! Inputs the fuzzers found (and a few seeds), replayed as ordinary tests; plus the same
//! fuzz bodies driven by proptest on stable, so they run in every `cargo test`.

#[path = "support/fuzzing.rs"]
mod fuzzing;

use proptest::prelude::*;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-cases").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        run(&data);
        n += 1;
    }
    assert!(n > 0, "no cases in {}", dir.display());
}

#[test]
fn render_cases() {
    replay("render", fuzzing::render);
}

#[test]
fn resolve_cases() {
    replay("resolve", fuzzing::resolve);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn render_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..600)) {
        fuzzing::render(&data);
    }

    #[test]
    fn render_markdownish_text(w in any::<u8>(), h in any::<u8>(), text in "[-#>*_`\\[\\]()|!: a-z\\n\u{1b}\u{202e}漢👍\\t]{0,400}") {
        let mut data = vec![w, h, 0];
        data.extend_from_slice(text.as_bytes());
        fuzzing::render(&data);
    }

    #[test]
    fn resolve_arbitrary(text in "\\PC{0,80}") {
        fuzzing::resolve(text.as_bytes());
    }

    #[test]
    fn resolve_pathlike(text in "[./%2fFe~\\\\:a-z#]{0,40}") {
        fuzzing::resolve(text.as_bytes());
    }
}
