use vane_actors::{import_phoenix, import_phoenix_agents, Kb};
use vane_core::{Date, Gov};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let t = std::time::Instant::now();
    let f = std::io::BufReader::new(std::fs::File::open(&args[1]).unwrap());
    if args.len() > 2 {
        let (a, e) = import_phoenix_agents(f);
        println!(
            "agents {} errors {} {:?}",
            a.len(),
            e.len(),
            a.sector("defense secretary")
        );
        for x in e.iter().take(5) {
            println!("{x}");
        }
        return;
    }
    let (kb, errors) = import_phoenix(f);
    println!(
        "{} actors, {} errors in {:?}",
        kb.len(),
        errors.len(),
        t.elapsed()
    );
    for e in errors.iter().take(8) {
        println!("{e}");
    }
    let on = Date::from_ymd_opt(2010, 1, 1).unwrap();
    for q in [
        "Carl XVI Gustaf",
        "President Putin",
        "Angela Merkel",
        "Barack Obama",
    ] {
        println!(
            "{q} -> {:?}",
            kb.resolve(q, None, on).map(|a| (
                &a.name,
                a.roles_on(on).map(|r| r.title.clone()).collect::<Vec<_>>()
            ))
        );
    }
    let mut b = Kb::bundled();
    let t = std::time::Instant::now();
    b.merge(kb);
    println!(
        "merged {} in {:?}; {:?}",
        b.len(),
        t.elapsed(),
        b.resolve(
            "the president",
            Some(&Gov("USA".into())),
            Date::from_ymd_opt(2023, 5, 20).unwrap()
        )
        .map(|a| &a.name)
    );
}
