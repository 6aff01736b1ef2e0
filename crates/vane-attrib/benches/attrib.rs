//! Throughput of sentence splitting plus attribution extraction, in bytes/s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const SEED: &str = include_str!("../tests/data/rubio-lavrov-kuala-lumpur.txt");

fn corpus() -> String {
    // The seed article repeated, with paragraph breaks: about 1 MB.
    let mut s = String::new();
    while s.len() < 1 << 20 {
        s.push_str(SEED);
        s.push_str("\n\n");
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let mut g = c.benchmark_group("attrib");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("sentences+extract", |b| {
        b.iter(|| {
            let s = vane_text::sentences(black_box(&text));
            black_box(vane_attrib::extract(&text, &s))
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| black_box(vane_text::sentences(black_box(&text))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
