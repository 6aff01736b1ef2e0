fn main() {
    let t = std::time::Instant::now();
    let kb = vane_actors::Kb::bundled();
    println!("bundled: {} actors in {:?}", kb.len(), t.elapsed());
}
