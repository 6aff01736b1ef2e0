//! A learned judge over the rules' own view of a candidate: a multinomial
//! logistic regression (not about it, support, oppose) on features that
//! name no question, no country and no word of any proposition. They say
//! what the question compiler and the cue lists find in the sentence, the
//! sentence before it and the reporter's question it answers: how many of
//! the question's object terms each names, whether the target or the
//! subject is named, whether the sentence points back, which cue rules
//! fired and with what modality, negation, a first person, a modal, a
//! question mark, the sentence's length; each also crossed with the
//! proposition's shape.
//!
//! The weights are data (`data/pair-judge.tsv`), written by
//! `scripts/train-pair-judge.py` from the labelled corpus's tuning folds
//! only, out of the features `pair_features` gives (dumped by `cargo run -p
//! vane-read --example pair_features`), so that training and reading see the
//! same numbers. The held-out folds stay unseen.

use crate::questions::{Compiled, Shape};
use crate::stance;
use crate::{JudgeInput, StanceJudge};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The features of a candidate, by name. `sentence`, `previous` and
/// `asked` are as the text has them (any case); the reporter's question is
/// "" when the sentence answers none.
pub fn pair_features(
    q: &Compiled,
    sentence: &str,
    previous: &str,
    asked: &str,
) -> Vec<(String, f32)> {
    let text = vane_text::lower(sentence);
    let before = vane_text::lower(previous);
    let asked = vane_text::lower(asked);
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let named = |t: &str| q.object_hits(t) >= q.needed() && q.target_hit(t);
    let has_asked = !asked.trim().is_empty();
    let rel = named(&text) || (has_asked && named(&asked)) || (named(&before) && q.refers(&text));
    let found = stance::score(q, &text);
    let n = q.needed().max(1) as f32;
    let share = |t: &str| (q.object_hits(t) as f32 / n).min(1.0);
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let any = |set: &[&str]| b(words.iter().any(|w| set.contains(w)));
    let mut base: Vec<(String, f32)> = vec![("rel".into(), b(rel))];
    match &found {
        Some(f) => {
            base.push((format!("cue_{:?}", f.stance), 1.0));
            base.push(("cue_conf".into(), f.confidence));
            base.push((format!("mod_{:?}", f.modality), 1.0));
            for r in &f.rules {
                base.push((format!("rule_{r}"), 1.0));
            }
        }
        None => base.push(("cue_None".into(), 1.0)),
    }
    base.extend([
        ("obj_text".into(), share(&text)),
        ("obj_prev".into(), share(&before)),
        ("obj_asked".into(), share(&asked)),
        ("tgt_text".into(), b(q.target_hit(&text))),
        ("tgt_prev".into(), b(q.target_hit(&before))),
        ("tgt_asked".into(), b(has_asked && q.target_hit(&asked))),
        ("subj_text".into(), b(q.names_subject(&text))),
        ("named_text".into(), b(q.names_it(&text))),
        ("named_prev".into(), b(q.names_it(&before))),
        ("named_asked".into(), b(has_asked && q.names_it(&asked))),
        ("refers".into(), b(q.refers(&text))),
        ("points_back".into(), b(q.points_back(&text))),
        ("loose".into(), b(q.loosely_named(&text))),
        ("asked".into(), b(has_asked)),
        ("qmark".into(), b(text.contains('?'))),
        ("len".into(), ((text.len() as f32) + 1.0).ln() / 7.0),
        (
            "neg".into(),
            any(&["not", "no", "never", "won't", "don't", "didn't", "nor"]),
        ),
        ("we".into(), any(&["we", "our", "i", "us"])),
        (
            "modal".into(),
            any(&["will", "would", "should", "must", "could", "may", "might"]),
        ),
    ]);
    let shape = shape_name(q.shape);
    let mut out = Vec::with_capacity(base.len() * 2 + 2);
    for (k, x) in base {
        if x != 0.0 {
            out.push((format!("{k}@{shape}"), x));
            out.push((k, x));
        }
    }
    out.push(("bias".into(), 1.0));
    out.push((format!("bias@{shape}"), 1.0));
    out
}

/// The features of a judge's candidate: [`pair_features`] of its sentence,
/// and what the statement is (its kind, whether it is a reported act, the
/// speaker's rank, whether the speaker's government is the question's agent
/// or its recipient), each also crossed with the proposition's shape.
pub fn candidate_features(input: &JudgeInput<'_>) -> Vec<(String, f32)> {
    let q = input.compiled;
    let mut out = pair_features(q, input.sentence, input.previous, input.asked);
    let st = &input.statement;
    let shape = shape_name(q.shape);
    let mut on = vec![format!("st_{:?}", st.kind), format!("rank_{:?}", st.rank)];
    for (yes, k) in [
        (st.act, "st_act"),
        (st.agent, "st_agent"),
        (st.recipient, "st_recipient"),
        (!st.agent && !st.recipient, "st_third"),
    ] {
        if yes {
            on.push(k.to_string());
        }
    }
    for k in on {
        out.push((format!("{k}@{shape}"), 1.0));
        out.push((k, 1.0));
    }
    out
}

/// The shape's name in the features' names ("rel@provision").
pub fn shape_name(shape: Shape) -> &'static str {
    match shape {
        Shape::Provision => "provision",
        Shape::Action => "action",
        Shape::Evaluation => "evaluation",
    }
}

/// What is wrong with a weights file.
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("line {line}: {reason}")]
    Line { line: usize, reason: String },
}

/// A logistic regression over [`pair_features`].
#[derive(Debug, Clone)]
pub struct PairJudge {
    weights: HashMap<String, [f32; 3]>,
    none_cut: f32,
}

impl PairJudge {
    /// Reads weights: `feature<TAB>none<TAB>support<TAB>oppose` per line;
    /// `#` starts a comment, and `#! none_cut <p>` sets the probability of
    /// "not about it" from which a candidate is left out (default 0.5).
    pub fn parse(src: &str) -> Result<Self, WeightsError> {
        let mut weights = HashMap::new();
        let mut none_cut = 0.5;
        for (i, l) in src.lines().enumerate() {
            let bad = |reason: &str| WeightsError::Line {
                line: i + 1,
                reason: reason.to_string(),
            };
            if let Some(rest) = l.strip_prefix("#! none_cut") {
                none_cut = rest
                    .trim()
                    .parse()
                    .map_err(|_| bad("none_cut is not a number"))?;
                continue;
            }
            if l.starts_with('#') || l.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() != 4 {
                return Err(bad("expected feature, none, support, oppose"));
            }
            let mut w = [0.0f32; 3];
            for (k, x) in f[1..].iter().enumerate() {
                w[k] = x
                    .trim()
                    .parse()
                    .map_err(|_| bad("a weight is not a number"))?;
            }
            weights.insert(f[0].to_string(), w);
        }
        Ok(PairJudge { weights, none_cut })
    }

    /// Sets the probability of "not about it" from which a candidate is
    /// left out.
    pub fn set_none_cut(&mut self, cut: f32) {
        self.none_cut = cut;
    }

    /// The weights built into vane (`data/pair-judge.tsv`).
    pub fn bundled() -> &'static PairJudge {
        static BUNDLED: LazyLock<PairJudge> = LazyLock::new(|| {
            PairJudge::parse(include_str!("../data/pair-judge.tsv"))
                .expect("the bundled pair-judge weights parse (a test checks)")
        });
        &BUNDLED
    }

    /// `[none, support, oppose, neutral]` of a sentence alone, with no
    /// statement (neutral is never given).
    pub fn judge(&self, q: &Compiled, sentence: &str, previous: &str, asked: &str) -> [f32; 4] {
        self.weigh(&pair_features(q, sentence, previous, asked))
    }

    /// `[none, support, oppose, neutral]` of features
    /// ([`candidate_features`]' or [`pair_features`]').
    pub fn weigh(&self, features: &[(String, f32)]) -> [f32; 4] {
        let mut s = [0.0f32; 3];
        for (k, x) in features {
            if let Some(w) = self.weights.get(k) {
                for (s, w) in s.iter_mut().zip(w) {
                    *s += w * x;
                }
            }
        }
        let m = s.iter().copied().fold(f32::MIN, f32::max);
        let e = s.map(|x| (x - m).exp());
        let z: f32 = e.iter().sum();
        [e[0] / z, e[1] / z, e[2] / z, 0.0]
    }
}

impl StanceJudge for PairJudge {
    fn name(&self) -> &str {
        "pair-features"
    }

    fn probabilities(&self, input: &JudgeInput<'_>) -> Option<[f32; 4]> {
        Some(self.weigh(&candidate_features(input)))
    }

    fn none_cut(&self) -> f32 {
        self.none_cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questions::compile_proposition as q;

    #[test]
    fn the_bundled_weights_parse() {
        PairJudge::parse(include_str!("../data/pair-judge.tsv")).unwrap();
        assert!(!PairJudge::bundled().weights.is_empty());
    }

    #[test]
    fn a_bad_weight_names_its_line() {
        let e = PairJudge::parse("# c\nbias\t1\tx\t0\n").unwrap_err();
        assert_eq!(e.to_string(), "line 2: a weight is not a number");
    }

    #[test]
    fn features_name_no_word_of_the_question() {
        let q = q("The United States provides weapons to Ukraine.");
        let f = pair_features(&q, "We will send more weapons to Ukraine.", "", "");
        for (k, _) in &f {
            assert!(!k.contains("ukrain") && !k.contains("weapon"), "{k}");
        }
        let has = |k: &str| f.iter().any(|(n, _)| n == k);
        assert!(has("rel") && has("named_text") && has("we") && has("modal"));
        assert!(has("bias@provision"));
    }

    #[test]
    fn probabilities_sum_to_one() {
        let j = PairJudge::parse("bias\t0.5\t0.1\t-1\nrel\t-1\t2\t0\n").unwrap();
        let q = q("The United States provides weapons to Ukraine.");
        let p = j.judge(&q, "We will send more weapons to Ukraine.", "", "");
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!(p[1] > p[0], "{p:?}");
    }
}
