//! The stance stage (relevance, stance, positions over readings made once)
//! on the bundled White House transcripts, with the rules alone and with the
//! model as a judge of relatedness beside them. The model directory is
//! `$VANE_MODEL_DIR`, else `$HOME/.cache/weathervane-models/all-minilm-l6-v2`
//! (`scripts/setup-model.sh` puts it there).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};
use vane_actors::Kb;
use vane_core::{Document, RecordedTime};
use vane_read::questions::{compile, parse_toml};

fn corpus() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/whitehouse");
    let mut docs = Vec::new();
    for q in ["Q1_abrams", "Q2_f16", "Q3_cluster"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(q))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let opts = vane_ingest::Options {
                published: None,
                undated: vane_ingest::UndatedPolicy::Keep,
            };
            docs.push(vane_ingest::parse(&f.to_string_lossy(), &bytes, &opts).unwrap());
        }
    }
    docs
}

fn model_dir() -> PathBuf {
    std::env::var_os("VANE_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").unwrap_or_default();
            Path::new(&home).join(".cache/weathervane-models/all-minilm-l6-v2")
        })
}

fn bench(c: &mut Criterion) {
    let kb = Kb::bundled();
    let docs = corpus();
    let qs: Vec<_> = parse_toml(include_str!("../../../examples/whitehouse/questions.toml"))
        .unwrap()
        .iter()
        .map(compile)
        .collect();
    let readings: Vec<_> = docs.iter().map(|d| vane_read::read(d, &kb)).collect();
    let statements: usize = readings.iter().map(|r| r.statements.len()).sum();
    let embedder = vane_model::Embedder::load(&model_dir())
        .unwrap_or_else(|e| panic!("{e}: run scripts/setup-model.sh or set VANE_MODEL_DIR"));
    let judge = vane_model::Related::new(embedder, vane_model::DEFAULT_CUT);
    let mut g = c.benchmark_group("stance-model");
    g.sample_size(10);
    g.throughput(Throughput::Elements(statements as u64));
    for (name, with) in [("rules", false), ("rules+model", true)] {
        let j: Option<&dyn vane_read::Relatedness> = with.then_some(&judge);
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (d, r) in docs.iter().zip(&readings) {
                    n += vane_read::positions_with(d, r, &kb, &qs, RecordedTime { at: 0 }, j).len();
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
