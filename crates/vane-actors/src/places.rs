//! The countries of the knowledge base as places a proposition can name.

use crate::kb::Kb;
use vane_core::Gov;

impl Kb {
    /// Every country the knowledge base knows as a place (not those packed
    /// as speakers only, `place = false`), with the lowercase forms that
    /// name it in running text: its names (without a leading "the") and its
    /// adjectives, singular and plural ("Mexico", "Mexican", "Mexicans").
    /// Question compilation reads it so that any country can be a target.
    pub fn places(&self) -> Vec<(Gov, Vec<String>)> {
        self.countries
            .iter()
            .filter(|c| c.place)
            .map(|c| {
                let mut forms: Vec<String> = std::iter::once(&c.name)
                    .chain(&c.names)
                    .map(|s| {
                        let l = s.to_lowercase();
                        l.strip_prefix("the ").map(str::to_string).unwrap_or(l)
                    })
                    .collect();
                for a in &c.adjectives {
                    let l = a.to_lowercase();
                    if !l.ends_with('s') {
                        forms.push(format!("{l}s"));
                    }
                    forms.push(l);
                }
                forms.retain(|f| f.len() > 2);
                forms.dedup();
                (c.code.clone(), forms)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::Kb;

    #[test]
    fn every_country_is_a_place_with_its_adjectives() {
        let kb = Kb::bundled();
        let places = kb.places();
        let mex = places.iter().find(|(g, _)| g.0 == "MEX").expect("Mexico");
        assert!(mex.1.iter().any(|f| f == "mexico"), "{:?}", mex.1);
        assert!(mex.1.iter().any(|f| f == "mexican"), "{:?}", mex.1);
        assert!(places.iter().all(|(_, f)| !f.is_empty()));
    }
}
