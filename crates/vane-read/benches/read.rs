//! Throughput of the whole reading pipeline (sentences, time, actors,
//! attributions, acts, statements, stance) on the bundled White House
//! transcripts, and of the stance stage alone (statements per second).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vane_actors::Kb;
use vane_core::RecordedTime;

#[path = "support/corpus.rs"]
mod corpus;
use corpus::{corpus, questions};

fn bench(c: &mut Criterion) {
    let kb = Kb::bundled();
    let docs = corpus();
    let qs = questions();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut g = c.benchmark_group("read");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("whitehouse-27-docs", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let r = vane_read::read(d, &kb);
                n += vane_read::positions(d, &r, &kb, &qs, RecordedTime { at: 0 }).len();
            }
            n
        })
    });
    g.finish();

    // The stance stage alone: relevance, stance and positions over readings
    // made once (what `vane questions load` re-runs over a stored corpus).
    let readings: Vec<_> = docs.iter().map(|d| vane_read::read(d, &kb)).collect();
    let statements: usize = readings.iter().map(|r| r.statements.len()).sum();
    let mut g = c.benchmark_group("stance");
    g.sample_size(20);
    g.throughput(Throughput::Elements(statements as u64));
    g.bench_function("whitehouse-27-docs-4-questions", |b| {
        b.iter(|| {
            let mut n = 0;
            for (d, r) in docs.iter().zip(&readings) {
                n += vane_read::positions(d, r, &kb, &qs, RecordedTime { at: 0 }).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
