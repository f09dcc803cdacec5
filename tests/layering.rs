//! The core stays pure: the model, the importers, the layout and the application state never
//! touch the terminal, the file system, the network, processes or threads. Only the edges
//! (`run`, `keymap`, `cli`, `open`, `source`, `library`, `jobs`, `opener`) do.

use std::path::Path;

/// What the pure layers must never name.
const FORBIDDEN: &[&str] = &[
    "crossterm",
    "ratatui::backend",
    "ratatui::Terminal",
    "std::fs",
    "std::net",
    "std::process",
    "std::thread",
    "std::env",
    "std::io::stdin",
    "std::io::stdout",
    "File::open",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn model_import_layout_and_app_are_pure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for layer in ["model", "import", "layout", "app"] {
        rust_files(&root.join(layer), &mut files);
    }
    assert!(files.len() > 20, "found the layers' files");
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in FORBIDDEN {
                if code.contains(word) {
                    found.push(format!("{}:{}: {word}", f.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "the pure layers use I/O or the terminal:\n{}", found.join("\n"));
}

#[test]
fn test_support_is_not_library_api() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for module in ["testgen", "fuzzing"] {
        assert!(!lib.contains(&format!("pub mod {module}")), "{module} is public API");
    }
}
