//! Embeds each line of standard input (one text a line) with the base
//! encoder and writes the unit vectors, in the order read, as little-endian
//! f32 rows to OUT: a tool for studying the judge's features outside a read.
//!
//! `cargo run --release -p vane-model --features candle --example embed_texts -- MODEL_DIR OUT < texts.txt`

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(out)) = (args.get(1), args.get(2)) else {
        return Err("usage: embed_texts MODEL_DIR OUT < texts.txt".into());
    };
    let e = vane_model::Embedder::load(std::path::Path::new(dir))?;
    let texts: Vec<String> = std::io::stdin().lock().lines().collect::<Result<_, _>>()?;
    // Batches of texts of like length pad little.
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by_key(|&i| texts[i].len());
    let mut rows = vec![Vec::new(); texts.len()];
    for (n, chunk) in order.chunks(32).enumerate() {
        let batch: Vec<&str> = chunk.iter().map(|&i| texts[i].as_str()).collect();
        for (&i, v) in chunk.iter().zip(e.embed_batch(&batch)?) {
            rows[i] = v;
        }
        if n % 50 == 0 {
            eprintln!("{} of {}", (n + 1) * 32, texts.len());
        }
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    for v in rows {
        for x in v {
            w.write_all(&x.to_le_bytes())?;
        }
    }
    w.flush()?;
    Ok(())
}
