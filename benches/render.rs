//! Per-stage costs on the seed report: parse + validate + lint, prepare, model → PDF (with
//! fields), model → DOCX. `cargo bench`; `bench/compare.sh` measures whole processes and
//! batches.
//!
//! Typst's memo cache makes the same document cheap the second time, which no batch sees:
//! the "varied" cases render a different document (other number, date, issuer) each
//! iteration, as `batch` does.

use criterion::{criterion_group, criterion_main, Criterion};
use vanban::doc::Doc;
use vanban::{Engine, Options};

/// The seed with another number, date and issuer, prepared.
fn variants(engine: &Engine, input: &[u8], n: usize) -> Vec<Doc> {
    let base: serde_json::Value = serde_json::from_slice(input).unwrap();
    (0..n)
        .map(|i| {
            let mut d = base.clone();
            d["number"] = serde_json::json!(i + 1);
            d["date"] = serde_json::json!(format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
            d["issuer"]["name"] = serde_json::json!(format!("Ủy ban nhân dân xã Số {i}"));
            let bytes = serde_json::to_vec(&d).unwrap();
            engine.prepare(&engine.parse(&bytes).unwrap(), &bytes)
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let input = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bao-cao-612.json")).unwrap();
    let engine = Engine::new(Options::default()).unwrap();
    let model = engine.parse(&input).unwrap();
    let prepared = engine.prepare(&model, &input);
    c.bench_function("parse + validate + lint", |b| b.iter(|| engine.parse(&input).unwrap()));
    c.bench_function("prepare (nd30 strings, grid)", |b| b.iter(|| engine.prepare(&model, &input)));
    c.bench_function("model -> PDF/A with fields, same document", |b| b.iter(|| engine.pdf(&prepared).unwrap()));
    let docs = variants(&engine, &input, 500);
    let mut k = 0;
    c.bench_function("model -> PDF/A with fields, varied documents", |b| {
        b.iter(|| {
            k = (k + 1) % docs.len();
            engine.pdf(&docs[k]).unwrap()
        })
    });
    c.bench_function("model -> DOCX", |b| b.iter(|| engine.docx(&prepared).unwrap()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
