//! Who speaks in an official publication's own prose, by the kind of
//! publication its title names: the data of `data/voices.toml`.

use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Default, Deserialize)]
struct VoicesFile {
    voices: Voices,
}

/// Title markers of the publications written in a given voice.
#[derive(Debug, Default, Deserialize)]
pub struct Voices {
    /// Titles written in the head of government's own voice.
    #[serde(default)]
    pub head: Vec<String>,
    /// The titles of a country's leader at summits and in leaders'
    /// statements, in order of preference: by default the head of
    /// government's.
    #[serde(default)]
    pub leader_titles: Vec<String>,
    /// Countries (ISO alpha-3) whose President leads them there.
    #[serde(default)]
    pub led_by_president: Vec<String>,
    /// Parties that sign leaders' statements in their own name (no title
    /// is looked up for them).
    #[serde(default)]
    pub signs_as_itself: Vec<String>,
    #[serde(default)]
    pub groups: Vec<Group>,
    /// The President's instruments: a sentence of an official publication
    /// that opens on one ("The Proclamation imposes ...") is the President's.
    #[serde(default)]
    pub instruments: Vec<String>,
    /// The openings that make the meeting's parties a sentence's subject in
    /// a readout ("The leaders discussed ...", "Both leaders ...").
    #[serde(default)]
    pub party_subjects: Vec<String>,
    /// More openings that make the parties the subject in a readout only
    /// ("They discussed ...", "The two sides ..."): not leaders as such.
    #[serde(default)]
    pub readout_party_subjects: Vec<String>,
    /// What a readout's principal did, named after the principal when no
    /// possessive marks them ("... Biden, Jr. Call with ...").
    #[serde(default)]
    pub readout_events: Vec<String>,
    /// A meeting named before its parties ("Meeting Between A and B").
    #[serde(default)]
    pub readout_between: Vec<String>,
}

/// A named grouping of governments ("Quad", "G7").
#[derive(Debug, Default, Deserialize)]
pub struct Group {
    pub names: Vec<String>,
    /// ISO 3166 alpha-3 codes.
    pub members: Vec<String>,
}

impl Voices {
    /// Parses a file in the format of `data/voices.toml`.
    pub fn parse(toml_text: &str) -> Result<Voices, toml::de::Error> {
        let f: VoicesFile = toml::from_str(toml_text)?;
        let mut v = f.voices;
        for h in &mut v.head {
            *h = normalize(h);
        }
        Ok(v)
    }

    /// The bundled markers.
    pub fn bundled() -> &'static Voices {
        static V: OnceLock<Voices> = OnceLock::new();
        // The bundled file is checked by a test; a broken one marks nothing.
        V.get_or_init(|| Voices::parse(include_str!("../data/voices.toml")).unwrap_or_default())
    }

    /// Whether `s` opens on one of the President's instruments as its
    /// subject: "The Proclamation imposes ...", "This Executive Order ...".
    pub fn opens_with_instrument(&self, s: &str) -> bool {
        let Some(rest) = s.strip_prefix("The ").or_else(|| s.strip_prefix("This ")) else {
            return false;
        };
        self.instruments.iter().any(|i| {
            rest.strip_prefix(i.as_str())
                .is_some_and(|r| r.starts_with(char::is_whitespace))
        })
    }

    /// Whether `s` opens on the meeting's parties as its subject: "The
    /// leaders condemned ...", "The two leaders underscored ...". Matched
    /// case-insensitively, as whole words.
    pub fn opens_with_parties(&self, s: &str) -> bool {
        opens_with(s, &self.party_subjects)
    }

    /// Whether `s` opens on a readout's parties as its subject: a form of
    /// [`Voices::opens_with_parties`], or "They discussed ...", "The two
    /// sides ..." (`readout_party_subjects`).
    pub fn opens_with_readout_parties(&self, s: &str) -> bool {
        opens_with(s, &self.party_subjects) || opens_with(s, &self.readout_party_subjects)
    }

    /// The name of the official whose meeting or call a readout's title
    /// reports: "Readout of President Biden’s Meeting with ..." (before the
    /// possessive), "Readout of President Joseph R. Biden, Jr. Call with
    /// ..." (before an event of `readout_events`), "Joint Readout of the
    /// Meeting Between President Biden and ..." (the first party), "Readout
    /// from NSC Spokesperson Emily Horne on National Security Advisor Jake
    /// Sullivan’s Call with ..." (whose event the spokesperson reads out).
    pub fn readout_principal_name<'t>(&self, title: &'t str) -> Option<&'t str> {
        let rest = readout_subject(title)?;
        let lc = rest.to_ascii_lowercase();
        let lc = lc.as_str();
        let bare = lc.strip_prefix("the ").map_or(0, |_| 4);
        for b in &self.readout_between {
            if let Some(after) = lc[bare..].strip_prefix(b.as_str()) {
                let from = rest.len() - after.len();
                let end = lc[from..].find(" and ").map_or(rest.len(), |k| from + k);
                return Some(rest[from..end].trim()).filter(|n| !n.is_empty());
            }
        }
        // The possessive before the event ("President Biden’s Call with
        // ..."), not one in the other party's name ("... of the People’s
        // Republic of China").
        let event = self
            .readout_events
            .iter()
            .filter_map(|e| lc.find(&format!(" {e} ")))
            .min();
        let possessive = rest
            .find("’s")
            .or_else(|| rest.find("'s"))
            .filter(|&k| event.is_none_or(|e| k < e));
        possessive
            .or(event)
            .map(|end| rest[..end].trim())
            .filter(|n| !n.is_empty())
    }

    /// The titles to look up for a country's leader, best first.
    pub fn leader_titles(&self, gov: &str) -> Vec<&str> {
        let listed = |codes: &[String]| codes.iter().any(|g| g.eq_ignore_ascii_case(gov));
        if listed(&self.signs_as_itself) {
            Vec::new()
        } else if listed(&self.led_by_president) {
            vec!["President"]
        } else {
            self.leader_titles.iter().map(String::as_str).collect()
        }
    }

    /// The members of every group `title` names, as whole words.
    pub fn group_members(&self, title: &str) -> Vec<&str> {
        let named = |n: &str| crate::questions::has_form(title, n);
        let mut out: Vec<&str> = Vec::new();
        for g in self
            .groups
            .iter()
            .filter(|g| g.names.iter().any(|n| named(n)))
        {
            for m in &g.members {
                if !out.contains(&m.as_str()) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// Whether a publication of this title speaks in the head of
    /// government's voice.
    pub fn is_head(&self, title: &str) -> bool {
        let t = normalize(title);
        self.head.iter().any(|h| t.contains(h.as_str()))
    }
}

/// What a readout's title reports, after "Readout of ", "Joint Readout of
/// ", or a spokesperson's "Readout from/by ... on/of ".
fn readout_subject(title: &str) -> Option<&str> {
    let lc = title.to_ascii_lowercase();
    for p in ["readout of ", "joint readout of "] {
        if lc.starts_with(p) {
            return Some(&title[p.len()..]);
        }
    }
    for (p, then) in [("readout from ", " on "), ("readout by ", " of ")] {
        if let Some(rest) = lc.strip_prefix(p) {
            let k = rest.find(then)? + p.len() + then.len();
            return Some(&title[k..]);
        }
    }
    None
}

/// Whether `s` opens on one of `openings` (lowercase), case-insensitively,
/// as whole words.
fn opens_with(s: &str, openings: &[String]) -> bool {
    let s = normalize(s);
    openings.iter().any(|p| {
        s.strip_prefix(p.as_str())
            .is_some_and(|r| r.starts_with(|c: char| !c.is_alphanumeric()))
    })
}

/// Lowercase, straight apostrophes, one space for each run of whitespace.
fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['’', '‘'], "'")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaders_by_country() {
        let v = Voices::bundled();
        assert_eq!(v.leader_titles("USA"), ["President"]);
        assert_eq!(v.leader_titles("fra"), ["President"]);
        assert_eq!(v.leader_titles("IND")[0], "Prime Minister");
        // The EU signs as the Union, not as one of its Presidents.
        assert!(v.leader_titles("EUR").is_empty());
    }

    #[test]
    fn a_readouts_principal_from_its_title() {
        let v = Voices::bundled();
        let cases = [
            ("Readout of President Biden’s Meeting with Prime Minister De Croo of Belgium", Some("President Biden")),
            // No possessive: the name ends before the event.
            ("Readout of President Joseph R. Biden, Jr. Call with President Recep Tayyip Erdogan of Turkey", Some("President Joseph R. Biden, Jr.")),
            ("Readout of Vice President Kamala Harris Call with Prime Minister Benjamin Netanyahu of Israel", Some("Vice President Kamala Harris")),
            // A possessive in the other party's name is not the principal's.
            ("Readout of President Joe Biden Call with President Xi Jinping of the People’s Republic of China", Some("President Joe Biden")),
            ("Joint Readout of the Meeting Between President Joseph R. Biden, Jr. and Prime Minister Mario Draghi", Some("President Joseph R. Biden, Jr.")),
            ("Readout of Bilateral Meeting Between the Vice President Kamala Harris of the United States and President Ferdinand Marcos Jr. of the Philippines", Some("the Vice President Kamala Harris of the United States")),
            ("Readout from NSC Spokesperson Emily Horne on National Security Advisor Jake Sullivan’s Call with Prime Minister Kaja Kallas of Estonia", Some("National Security Advisor Jake Sullivan")),
            ("Readout by NSC Spokesperson Adrienne Watson of National Security Advisor Jake Sullivan’s Meeting with President Hassan Sheikh Mohamud of Somalia", Some("National Security Advisor Jake Sullivan")),
            ("Readout of AUKUS Joint Steering Group Meetings", None),
            ("Statement from President Joe Biden on the Call with President Erdogan", None),
        ];
        for (title, want) in cases {
            assert_eq!(v.readout_principal_name(title), want, "{title}");
        }
    }

    #[test]
    fn groups_named_in_a_title() {
        let v = Voices::bundled();
        assert_eq!(
            v.group_members("Joint Statement from Quad\u{a0}Leaders"),
            ["USA", "AUS", "IND", "JPN"]
        );
        assert!(v.group_members("Quadrilateral talks").is_empty());
        assert_eq!(v.group_members("G7 Leaders’ Statement").len(), 8);
    }

    #[test]
    fn instruments_open_a_sentence() {
        let v = Voices::bundled();
        assert!(v.opens_with_instrument("The Proclamation imposes universal 50% tariffs"));
        assert!(v.opens_with_instrument("This Executive Order directs the Secretary"));
        assert!(!v.opens_with_instrument("The Orderly transition"));
        assert!(!v.opens_with_instrument("Orders were given"));
    }

    #[test]
    fn bundled_voices_parse() {
        let v = Voices::parse(include_str!("../data/voices.toml")).expect("bundled voices");
        assert!(!v.head.is_empty());
    }

    // Titles of White House publications in the labelled corpus.
    #[test]
    fn leaders_and_messages_speak_as_the_head() {
        let v = Voices::bundled();
        assert!(v.is_head("G7 Apulia Leaders\u{2019}\u{a0}Communiqu\u{e9}"));
        assert!(v.is_head("Joint Statement by President Biden and President Macron"));
        assert!(
            v.is_head("Presidential Message on the 78th Birthday of the United States Air Force")
        );
        assert!(v.is_head(
            "A Letter on the Continuation of the National Emergency with Respect to Ukraine"
        ));
    }

    #[test]
    fn other_publications_do_not() {
        // Counter-examples: a fact sheet and a governments' joint statement
        // keep the office's or the governments' voice.
        let v = Voices::bundled();
        assert!(!v.is_head("U.S.-EU Joint Statement of the Trade and Technology Council"));
        assert!(!v.is_head(
            "Fact Sheet: Delivering on the Next Generation of Innovation and Partnership"
        ));
    }
}
