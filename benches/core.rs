//! Criterion benchmarks: import, layout, and one keypress + frame, on the bundled article and
//! on a generated ~10 MB article. `cargo bench --bench core`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
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
    let big = folio::testgen::article(10 << 20, 1);
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("bundled", |b| b.iter(|| markdown::parse(black_box(bundled()), "x")));
    g.bench_function("10MB", |b| b.iter(|| markdown::parse(black_box(&big), "x")));
    g.finish();
}

fn bench_layout(c: &mut Criterion) {
    let small = markdown::parse(bundled(), "x");
    let big = markdown::parse(&folio::testgen::article(10 << 20, 1), "x");
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
    for (name, text) in [("bundled", bundled().to_string()), ("10MB", folio::testgen::article(10 << 20, 1))] {
        let state = State::new(markdown::parse(&text, "x"), "bench", (120, 40), 100);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        for (key, action) in [("j", Action::LineDown), ("]", Action::NextSection), ("G", Action::Bottom)] {
            g.bench_function(format!("{name}/{key}"), |b| {
                b.iter_batched(
                    || state.clone(),
                    |mut s| {
                        update(&mut s, action);
                        terminal.draw(|f| draw(f, &s, &theme)).unwrap();
                        s
                    },
                    BatchSize::SmallInput,
                )
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_import, bench_layout, bench_key_frame);
criterion_main!(benches);
