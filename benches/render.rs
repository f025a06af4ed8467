//! Per-stage costs on the seed report: parse + validate + lint, model → PDF (with fields),
//! model → DOCX. `cargo bench`; `bench/compare.sh` measures whole processes and batches.

use criterion::{criterion_group, criterion_main, Criterion};
use vanban::{Engine, Options};

fn stages(c: &mut Criterion) {
    let input = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bao-cao-612.json")).unwrap();
    let engine = Engine::new(Options::default()).unwrap();
    let model = engine.parse(&input).unwrap();
    let prepared = engine.prepare(&model, &input);
    c.bench_function("parse + validate + lint", |b| b.iter(|| engine.parse(&input).unwrap()));
    c.bench_function("prepare (nd30 strings, grid)", |b| b.iter(|| engine.prepare(&model, &input)));
    c.bench_function("model -> PDF/A with fields", |b| b.iter(|| engine.pdf(&prepared).unwrap()));
    c.bench_function("model -> DOCX", |b| b.iter(|| engine.docx(&prepared).unwrap()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
