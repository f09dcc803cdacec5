//! Criterion benchmarks: import, layout, and one keypress + frame, on the bundled article and
//! on a generated ~10 MB article. `cargo bench --bench core`.

#[path = "../tests/support/testgen.rs"]
mod testgen;

use criterion::{criterion_group, criterion_main, Criterion};
use folio::app::{update, Action, State};
use folio::import::markdown;
use folio::layout::layout;
use folio::ui::{draw, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;

fn bundled() -> &'static str {
    folio::assets::bundled(folio::assets::DEFAULT_ARTICLE).unwrap()
}

fn bench_import(c: &mut Criterion) {
    let big = testgen::article(10 << 20, 1);
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("bundled", |b| b.iter(|| markdown::parse(black_box(bundled()), "x")));
    g.bench_function("10MB", |b| b.iter(|| markdown::parse(black_box(&big), "x")));
    g.finish();
}

fn bench_layout(c: &mut Criterion) {
    let small = markdown::parse(bundled(), "x");
    let big = markdown::parse(&testgen::article(10 << 20, 1), "x");
    let mut g = c.benchmark_group("layout");
    g.sample_size(10);
    for width in [40u16, 100] {
        g.bench_function(format!("bundled/{width}"), |b| b.iter(|| layout(black_box(&small), width)));
        g.bench_function(format!("10MB/{width}"), |b| b.iter(|| layout(black_box(&big), width)));
    }
    g.finish();
}

fn bench_key_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("key+frame");
    let theme = Theme::default();
    // The generated articles share their style (many links and emphasis per row), so 10 KB vs
    // 50 MB shows whether a key's cost depends on the article's size.
    for (name, text) in [
        ("bundled", bundled().to_string()),
        ("10KB", testgen::article(10 << 10, 1)),
        ("100KB", testgen::article(100 << 10, 1)),
        ("10MB", testgen::article(10 << 20, 1)),
        ("50MB", testgen::article(50 << 20, 1)),
    ] {
        let mut state = State::new(markdown::parse(&text, "x"), "bench", (120, 40), 100);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        // Each key alternates with its opposite on one state, as a reader's keys do: no state
        // is cloned between keys (a clone of a big article's TOC state would flush the caches
        // and measure that instead).
        for (key, there, back) in [
            ("j", Action::LineDown, Action::LineUp),
            ("]", Action::NextSection, Action::PrevSection),
            ("G", Action::Bottom, Action::Top),
        ] {
            let mut forward = true;
            g.bench_function(format!("{name}/{key}"), |b| {
                b.iter(|| {
                    update(&mut state, if forward { there.clone() } else { back.clone() });
                    forward = !forward;
                    terminal.draw(|f| draw(f, &state, &theme)).unwrap();
                })
            });
        }
    }
    g.finish();
}

fn bench_search(c: &mut Criterion) {
    let mut g = c.benchmark_group("search");
    g.sample_size(10);
    let big = markdown::parse(&testgen::article(10 << 20, 1), "x");
    let re = folio::search::compile("marker").unwrap();
    g.bench_function("article 10MB", |b| b.iter(|| folio::search::find(black_box(&big), &re)));

    // A generated library of 5,000 articles (~40 MB), searched from memory as the reader does
    // after its first library search.
    let dir = tempfile::tempdir().unwrap();
    let articles = testgen::library(5000, 7);
    let bytes: usize = articles.iter().map(|(_, t)| t.len()).sum();
    for (name, text) in &articles {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    eprintln!("library: {} articles, {} MB", articles.len(), bytes >> 20);
    let library = folio::library::Library::open_dir(dir.path()).unwrap();
    let cache = folio::library::cache::TextCache::default();
    let search = |pattern: &str| {
        folio::library::search::search_library(&library, pattern, &cache, &folio::work::Unwatched).unwrap()
    };
    search("warm up");
    for pattern in ["kabul", "the", "zzzz"] {
        g.bench_function(format!("library 5000/{pattern}"), |b| b.iter(|| search(black_box(pattern))));
    }
    g.bench_function("library scan 5000", |b| b.iter(|| folio::library::Library::open_dir(dir.path()).unwrap()));
    g.finish();
}

criterion_group!(benches, bench_import, bench_layout, bench_key_frame, bench_search);
criterion_main!(benches);
