//! The stance stage (relevance, stance, positions over readings made once)
//! on the bundled White House transcripts, with the rules alone and with the
//! learned judge of stance (a fresh judge each run, so embeddings are not
//! cached across iterations). The model directory is
//! `$VANE_MODEL_DIR`, else `$HOME/.cache/weathervane-models/all-minilm-l6-v2`
//! (`scripts/setup-model.sh` puts it there).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vane_actors::Kb;
use vane_core::RecordedTime;

// The same 27 transcripts as `vane-read`'s own bench.
#[path = "../../vane-read/benches/support/corpus.rs"]
mod corpus;
use corpus::{corpus, questions};

fn bench(c: &mut Criterion) {
    let kb = Kb::bundled();
    let docs = corpus();
    let qs = questions();
    let readings: Vec<_> = docs.iter().map(|d| vane_read::read(d, &kb)).collect();
    let statements: usize = readings.iter().map(|r| r.statements.len()).sum();
    let mut g = c.benchmark_group("stance-model");
    g.sample_size(10);
    g.throughput(Throughput::Elements(statements as u64));
    for (name, with) in [("rules", false), ("judge", true)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let judge = with.then(|| {
                    vane_model::judge::Judge::load(&vane_model::default_dir(), None, None)
                        .unwrap_or_else(|e| {
                            panic!("{e}: run scripts/setup-model.sh or set VANE_MODEL_DIR")
                        })
                });
                let judges = vane_read::Judges {
                    stance: judge.as_ref().map(|j| j as &dyn vane_read::StanceJudge),
                    ..Default::default()
                };
                let mut n = 0;
                for (d, r) in docs.iter().zip(&readings) {
                    n += vane_read::positions_with(d, r, &kb, &qs, RecordedTime { at: 0 }, &judges)
                        .len();
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
