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

    /// The people who have led each government (a role of rank head, at
    /// any date), by the lowercase names that stand for them in running
    /// text: (government, full names and aliases, surnames used alone:
    /// "vladimir putin", "putin"). A surname that is another person's
    /// first name or surname ("Lee" and "Kim" of two governments' leaders,
    /// "Harris" of Kamala Harris beside Ireland's Simon Harris, "Dan" of Dan
    /// Caine) is left out, as it names none of them alone.
    pub fn leader_names(&self) -> Vec<(Gov, Vec<String>, Vec<String>)> {
        let mut by_gov: Vec<(Gov, Vec<String>, Vec<String>)> = Vec::new();
        let mut leaders: Vec<(usize, Gov)> = Vec::new();
        for (i, r) in self.recs.iter().enumerate() {
            let Some(role) = r
                .actor
                .roles
                .iter()
                .find(|x| x.rank == vane_core::Rank::Head)
            else {
                continue;
            };
            let gov = role.gov.clone();
            let names = std::iter::once(&r.actor.name)
                .chain(&r.actor.aliases)
                .map(|s| s.to_lowercase());
            let surname = r.surname.iter().cloned();
            match by_gov.iter_mut().find(|(g, _, _)| *g == gov) {
                Some((_, ns, ss)) => {
                    ns.extend(names);
                    ss.extend(surname);
                }
                None => by_gov.push((gov.clone(), names.collect(), surname.collect())),
            }
            leaders.push((i, gov));
        }
        // Whether another person than a leader of `gov` goes by `word`.
        let others = |word: &str, gov: &Gov| {
            self.recs.iter().enumerate().any(|(i, r)| {
                r.actor.kind == vane_core::ActorKind::Person
                    && !leaders.iter().any(|(l, g)| *l == i && g == gov)
                    && (r.surname.as_deref() == Some(word)
                        || r.actor.name.to_lowercase().split(' ').next() == Some(word))
            })
        };
        let shared: Vec<(String, bool)> = by_gov
            .iter()
            .flat_map(|(g, _, ss)| ss.iter().map(move |s| (s.clone(), others(s, g))))
            .collect();
        for (_, names, surnames) in &mut by_gov {
            names.sort();
            names.dedup();
            surnames.retain(|s| !shared.iter().any(|(x, taken)| x == s && *taken));
            surnames.sort();
            surnames.dedup();
        }
        by_gov
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

    #[test]
    fn leaders_by_their_names_and_the_surnames_that_are_theirs_alone() {
        let kb = Kb::bundled();
        let leaders = kb.leader_names();
        let of = |code: &str| leaders.iter().find(|(g, _, _)| g.0 == code).expect(code);
        let (_, names, surnames) = of("RUS");
        assert!(names.iter().any(|n| n == "vladimir putin"), "{names:?}");
        assert!(surnames.iter().any(|n| n == "putin"), "{surnames:?}");
        // "Lee" and "Kim" name leaders of more than one government.
        assert!(!of("KOR").2.iter().any(|n| n == "lee" || n == "kim"));
        // "Harris": Kamala Harris goes by it too.
        assert!(!of("IRL").2.iter().any(|n| n == "harris"));
    }
}
