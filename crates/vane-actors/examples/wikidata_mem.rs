//! Memory of the streaming Wikidata importer against file size.
//!
//! Writes a synthetic dump in Wikidata's line format (`[`, one entity per
//! line ending in `,`, `]`) to a temp file, streams it through
//! [`vane_actors::import_wikidata`] and prints the line count, file size,
//! time and peak RSS (`VmHWM`). The number of retained entities (P39
//! holders, their positions and countries) is fixed, whatever the size, so
//! that two runs differ only in the entities the importer must drop.
//!
//! ```text
//! cargo run -p vane-actors --release --example wikidata_mem -- 50   # MB
//! cargo run -p vane-actors --release --example wikidata_mem -- 500
//! ```

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::time::Instant;

/// Entities kept by the importer, whatever the file size.
const HOLDERS: usize = 1000;
const POSITIONS: usize = 50;

fn main() {
    let mb: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let path = std::env::temp_dir().join(format!("vane_wikidata_mem_{mb}mb.json"));
    let target = mb * 1_000_000;
    let t0 = Instant::now();
    let lines = match write_dump(&path, target) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("cannot write {}: {e}", path.display());
            return;
        }
    };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let gen_s = t0.elapsed().as_secs_f64();
    let hwm_before = vm("VmHWM");
    let Ok(f) = File::open(&path) else {
        eprintln!("cannot open {}", path.display());
        return;
    };
    let t1 = Instant::now();
    let (kb, errors) = vane_actors::import_wikidata(BufReader::new(f));
    let secs = t1.elapsed().as_secs_f64();
    let hwm = vm("VmHWM");
    let actors = kb.actors().count();
    println!(
        "lines={lines}\tsize_mb={:.1}\tgen_s={gen_s:.1}\timport_s={secs:.2}\tMB/s={:.0}\tactors={actors}\terrors={}\tpeak_rss_before_import_kb={hwm_before}\tpeak_rss_kb={hwm}",
        size as f64 / 1e6,
        size as f64 / 1e6 / secs.max(1e-9),
        errors.len(),
    );
    let _ = std::fs::remove_file(&path);
}

/// A `VmHWM`/`VmRSS` line of /proc/self/status, in kB (0 when unknown).
fn vm(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn item_snak(prop: &str, qid: &str, extra: &str) -> String {
    let num = &qid[1..];
    format!(
        r#"{{"mainsnak":{{"snaktype":"value","property":"{prop}","datavalue":{{"value":{{"entity-type":"item","numeric-id":{num},"id":"{qid}"}},"type":"wikibase-entityid"}},"datatype":"wikibase-item"}},"type":"statement",{extra}"id":"{qid}${prop}-0000","rank":"normal"}}"#
    )
}

fn time_qual(prop: &str, year: u32) -> String {
    format!(
        r#""{prop}":[{{"snaktype":"value","property":"{prop}","datavalue":{{"value":{{"time":"+{year}-01-01T00:00:00Z","timezone":0,"before":0,"after":0,"precision":11,"calendarmodel":"http://www.wikidata.org/entity/Q1985727"}},"type":"time"}},"datatype":"time"}}]"#
    )
}

fn entity(id: &str, label: &str, claims: &[String], pad: usize) -> String {
    // Descriptions in a few languages pad the line to a realistic size.
    let desc: String = (0..pad)
        .map(|k| {
            format!(
                r#""l{k}":{{"language":"l{k}","value":"synthetic description number {k} of {id}"}}"#
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    format!(
        r#"{{"type":"item","id":"{id}","labels":{{"en":{{"language":"en","value":"{label}"}},"de":{{"language":"de","value":"{label}"}}}},"descriptions":{{{desc}}},"aliases":{{}},"claims":{{{}}},"sitelinks":{{"enwiki":{{"site":"enwiki","title":"{label}","badges":[]}}}}}},"#,
        claims.join(",")
    )
}

fn write_dump(path: &std::path::Path, target: u64) -> std::io::Result<usize> {
    let mut w = Out {
        w: BufWriter::new(File::create(path)?),
        written: 0,
        lines: 0,
    };
    w.put("[")?;
    // Positions (retained: labels and countries).
    for p in 0..POSITIONS {
        let id = format!("Q{}", 900_000 + p);
        let claims = [
            format!(r#""P31":[{}]"#, item_snak("P31", "Q4164871", "")),
            format!(r#""P17":[{}]"#, item_snak("P17", "Q30", "")),
        ];
        w.put(&entity(&id, &format!("Synthetic Office {p}"), &claims, 4))?;
    }
    // P39 holders (retained as actors).
    for h in 0..HOLDERS {
        let id = format!("Q{}", 1_000_000 + h);
        let pos = format!("Q{}", 900_000 + h % POSITIONS);
        let quals = format!(
            r#""qualifiers":{{{},{}}},"#,
            time_qual("P580", 1990 + (h % 20) as u32),
            time_qual("P582", 2011 + (h % 10) as u32)
        );
        let claims = [
            format!(r#""P31":[{}]"#, item_snak("P31", "Q5", "")),
            format!(r#""P21":[{}]"#, item_snak("P21", "Q6581097", "")),
            format!(r#""P27":[{}]"#, item_snak("P27", "Q30", "")),
            format!(r#""P39":[{}]"#, item_snak("P39", &pos, &quals)),
        ];
        w.put(&entity(&id, &format!("Holder Person {h}"), &claims, 6))?;
    }
    // Everything else: entities without P39, dropped by the importer.
    let mut k = 0usize;
    while w.written < target {
        let id = format!("Q{}", 10_000_000 + k);
        let claims = [
            format!(r#""P31":[{}]"#, item_snak("P31", "Q13442814", "")),
            format!(r#""P1476":[{}]"#, item_snak("P1476", "Q1860", "")),
            format!(
                r#""P50":[{}]"#,
                item_snak("P50", &format!("Q{}", 20_000_000 + k), "")
            ),
        ];
        w.put(&entity(&id, &format!("Scholarly article {k}"), &claims, 8))?;
        k += 1;
    }
    w.put("]")?;
    w.w.flush()?;
    Ok(w.lines)
}

struct Out {
    w: BufWriter<File>,
    written: u64,
    lines: usize,
}

impl Out {
    fn put(&mut self, s: &str) -> std::io::Result<()> {
        self.w.write_all(s.as_bytes())?;
        self.w.write_all(b"\n")?;
        self.written += s.len() as u64 + 1;
        self.lines += 1;
        Ok(())
    }
}
