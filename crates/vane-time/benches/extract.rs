//! Throughput of `extract` on a synthetic news-like text (no corpus text).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vane_core::Date;

fn corpus() -> String {
    let para = "KUALA LUMPUR, Malaysia - The foreign ministers met on Thursday on the sidelines of the summit. \
The meeting comes just days after the president expressed frustration, and last week the defense secretary \
directed a pause in deliveries. Officials said on Jan. 5, 2025 that shipments would resume in the coming weeks. \
Revenue in the third quarter rose 12% from a year earlier, the company said, and it expects growth of about \
two years. The talks will continue next month, and a report is due by July 10. Trading was halted for three days \
in 1998, and the index rose 4% in the past six months. Meetings are held every week, at 4:03 p.m. daily.\n";
    para.repeat(200)
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let dct = Date::from_ymd_opt(2025, 7, 10);
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("news", |b| {
        b.iter(|| vane_time::extract(black_box(&text), dct))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
