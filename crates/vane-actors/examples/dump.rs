use vane_actors::{mentions, Kb};
use vane_core::{Date, Gov};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let on = Date::parse_from_str(&args[2], "%Y-%m-%d").unwrap();
    let country = args.get(3).map(|c| Gov(c.clone()));
    let kb = Kb::bundled();
    let t = std::time::Instant::now();
    let r = mentions(&kb, &text, &[], Some(on), country.as_ref());
    eprintln!("{} mentions in {:?}", r.mentions.len(), t.elapsed());
    for m in &r.mentions {
        let id = m.actor.as_ref().unwrap();
        let name = kb
            .get(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| format!("PROV {id}"));
        let s = text.floor_char_boundary(m.range.start.saturating_sub(150));
        let e = text.ceil_char_boundary((m.range.end + 30).min(text.len()));
        println!(
            "{:?}\t{:?}\t{}\t{:?}\t{}",
            &text[m.range.range()],
            m.kind,
            name,
            &text[s..e],
            m.range.start
        );
    }
}
