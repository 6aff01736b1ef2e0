//! The pair judge with meaning: what the rules see in a candidate
//! (`vane_read::pair_judge::candidate_features`) and what a sentence
//! encoder sees in it, read by one small classifier ([`Head`]) that says
//! not about it, support or oppose.
//!
//! The encoder's part names no question either: the cosines of the
//! proposition with the sentence, the sentence before it and the
//! reporter's question (each, their largest, and whether they reach 0.3
//! to 0.7), crossed with the proposition's shape; and the element-wise
//! products of the proposition's embedding with each of the three texts',
//! beside the sentence's own embedding ([`meaning_features`]). And how well
//! the sentence, alone and with its context, covers the proposition piece
//! by piece: each content word piece of the proposition against the
//! texts' token states ([`alignment_features`]), which tells "Help Stacey
//! Abrams in Georgia" from Abrams tanks where one pooled vector cannot.
//! Embeddings are cached by hash, on disk too, so a corpus read again for
//! a new question embeds only that question's proposition; token states
//! are kept in memory for the read only (a bounded store), so a read again
//! runs the encoder again on the candidates the judge reads.
//!
//! Most candidates the reader hands a judge are plainly not about the
//! question; a screen leaves to the rules those in which the rules found
//! nothing and that the pair judge alone (`vane_read::pair_judge`, no
//! model) finds so, and embeds only the rest.
//!
//! The head and its feature names are data (`data/judge/pair-meaning.*`),
//! written by `scripts/train-pair-judge.py --model DIR` from candidates the
//! reader recorded on the labelled corpus's tuning folds only, with its
//! cuts (`--align` for the alignment features). The shipped head (session
//! 36, with the alignment features) adds nothing (none cut 0) and vetoes
//! the rules' positions from p(none) .97, with a screen of 0: it reads only
//! the candidates the rules found a position in. The script's own choice
//! (the best inner F1 on the tuning folds whose precision is not under the
//! rules': add under .5, veto from .9) read the White House development
//! set at .705 / .610, under issue 13's floor; the veto alone is the best
//! choice that holds the floor there (.800 / .732; NOTES.md, session 36).

use crate::embed::{ModelError, TokenStates};
use crate::judge::{cache_dir, text_hash, Base, Cache, Head};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use vane_read::{JudgeInput, StanceJudge};

/// The head built into vane, and its feature names and cuts.
const SHIPPED_HEAD: &[u8] = include_bytes!("../../../data/judge/pair-meaning.safetensors");
const SHIPPED_META: &str = include_str!("../../../data/judge/pair-meaning.json");

/// The cut-offs of the cosine indicators.
const COS_CUTS: [f32; 5] = [0.3, 0.4, 0.5, 0.6, 0.7];

/// The encoder's features of a candidate, by name: `p` is the
/// proposition's embedding, `s`, `prev` and `asked` the texts' (all zeros
/// for an empty text), `shape` the proposition's shape as the features
/// name it.
pub fn meaning_features(
    p: &[f32],
    s: &[f32],
    prev: &[f32],
    asked: &[f32],
    shape: &str,
) -> Vec<(String, f32)> {
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    let (cs, cp, ca) = (dot(p, s), dot(p, prev), dot(p, asked));
    let cm = cs.max(cp).max(ca);
    let mut scalars = vec![
        ("cos_s".to_string(), cs),
        ("cos_p".to_string(), cp),
        ("cos_a".to_string(), ca),
        ("cos_max".to_string(), cm),
    ];
    for cut in COS_CUTS {
        scalars.push((format!("cos_s>={cut}"), f32::from(u8::from(cs >= cut))));
        scalars.push((format!("cos_max>={cut}"), f32::from(u8::from(cm >= cut))));
    }
    let mut out = Vec::with_capacity(2 * scalars.len() + 4 * p.len());
    for (k, v) in scalars {
        out.push((format!("{k}@{shape}"), v));
        out.push((k, v));
    }
    for (name, other) in [("uv", s), ("uw", prev), ("ua", asked)] {
        out.extend(
            p.iter()
                .zip(other)
                .enumerate()
                .map(|(i, (a, b))| (format!("{name}{i}"), a * b)),
        );
    }
    out.extend(s.iter().enumerate().map(|(i, v)| (format!("v{i}"), *v)));
    out
}

/// The cut-offs of the alignment shares.
const ALIGN_CUTS: [f32; 4] = [0.5, 0.6, 0.7, 0.8];

/// Token states kept in memory at most (about 70 KB each, so some 280 MB);
/// past this the store is emptied, and a text asked for again is embedded
/// again.
const TOKEN_LIMIT: usize = 4096;

/// Whether a word piece of the proposition carries content: a piece inside
/// a word ("##ville"), or one with a letter or digit that is not a function
/// word of the lexicon's class `stop`.
pub fn content_piece(piece: &str) -> bool {
    piece.starts_with("##")
        || (piece.chars().any(char::is_alphanumeric)
            && !vane_read::lexicon::Lexicon::shared()
                .classes_of(piece)
                .contains(&"stop"))
}

/// How well the text's tokens cover the proposition's, piece by piece: for
/// each content piece of the proposition `p` ([`content_piece`]), the
/// largest cosine of its token state with any token of `texts`; their mean,
/// least, second least, first quartile, and the shares reaching 0.5 to 0.8,
/// each also crossed with the shape, under `name`. Nothing when either side
/// has no token. A sentence that names one of the proposition's words in
/// another sense ("Stacey Abrams" for Abrams tanks) covers that piece and
/// leaves the others low.
pub fn alignment_features(
    p: &TokenStates,
    texts: &[&TokenStates],
    shape: &str,
    name: &str,
) -> Vec<(String, f32)> {
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    let others: Vec<&Vec<f32>> = texts.iter().flat_map(|t| &t.rows).collect();
    let mut best: Vec<f32> = p
        .pieces
        .iter()
        .zip(&p.rows)
        .filter(|(piece, _)| content_piece(piece))
        .map(|(_, r)| {
            others
                .iter()
                .map(|o| dot(r, o))
                .fold(f32::NEG_INFINITY, f32::max)
        })
        .collect();
    if best.is_empty() || others.is_empty() {
        return Vec::new();
    }
    best.sort_by(f32::total_cmp);
    let n = best.len();
    // The first quartile, interpolated as numpy's default does.
    let at = 0.25 * (n - 1) as f32;
    let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
    let q25 = best[lo] + (best[hi] - best[lo]) * (at - lo as f32);
    let mut scalars = vec![
        ("mean".to_string(), best.iter().sum::<f32>() / n as f32),
        ("min".to_string(), best[0]),
        ("min2".to_string(), best[1.min(n - 1)]),
        ("q25".to_string(), q25),
    ];
    for cut in ALIGN_CUTS {
        let share = best.iter().filter(|&&v| v >= cut).count() as f32 / n as f32;
        scalars.push((format!("frac>={cut}"), share));
    }
    let mut out = Vec::with_capacity(2 * scalars.len());
    for (k, v) in scalars {
        out.push((format!("{name}_{k}"), v));
        out.push((format!("{name}_{k}@{shape}"), v));
    }
    out
}

/// The judge as `vane` runs it (`--pair-judge --model DIR`).
pub struct MeaningJudge {
    base: Base,
    cache: Cache,
    head: Head,
    /// Each feature's column in the head's input.
    columns: HashMap<String, usize>,
    none_cut: f32,
    veto_cut: Option<f32>,
    /// The screen: a candidate in which the rules found nothing and which
    /// the pair judge alone finds not about the question with at least
    /// this probability is left to the rules, and its texts are never
    /// embedded.
    screen_cut: f32,
    /// Whether the head reads the alignment features (`al_*`): then texts
    /// are embedded with their token states, kept here by hash.
    align: bool,
    tokens: Mutex<HashMap<u64, Arc<TokenStates>>>,
}

/// Refuses an encoder other than the one a head was trained on (its
/// metadata's `encoder`: name, layers and width), which would feed the head
/// features of another space without a word. A head that names no encoder
/// takes any.
fn check_encoder(model_dir: &Path, meta: &str) -> Result<(), ModelError> {
    let meta: serde_json::Value = serde_json::from_str(meta)
        .map_err(|e| ModelError::Run(format!("the pair judge's metadata: {e}")))?;
    let want = &meta["encoder"];
    if want.is_null() {
        return Ok(());
    }
    let path = model_dir.join("config.json");
    let load = |reason: String| ModelError::Load {
        path: path.clone(),
        reason,
    };
    let config: serde_json::Value = std::fs::read_to_string(&path)
        .map_err(|e| load(e.to_string()))
        .and_then(|t| serde_json::from_str(&t).map_err(|e| load(e.to_string())))?;
    let (layers, hidden) = (&config["num_hidden_layers"], &config["hidden_size"]);
    let name = want["name"].as_str().unwrap_or("another encoder");
    // By shape: config.json's own name is not reliable (all-MiniLM-L6-v2's
    // says "nreimers/MiniLM-L6-H384-uncased"), so two encoders of one shape
    // pass.
    if *layers != want["layers"] || *hidden != want["hidden"] {
        return Err(load(format!(
            "the pair judge's head was trained on {name} ({} layers, {} wide), and this encoder \
             has {} layers, {} wide; pass --model the folder that holds {name} \
             (scripts/setup-model.sh unpacks all-MiniLM-L6-v2)",
            want["layers"], want["hidden"], layers, hidden
        )));
    }
    Ok(())
}

impl MeaningJudge {
    /// The encoder in `model_dir` with the head built into vane.
    pub fn load(model_dir: &Path) -> Result<MeaningJudge, ModelError> {
        check_encoder(model_dir, SHIPPED_META)?;
        let embedder = crate::Embedder::load(model_dir)?;
        let head = Head::from_bytes(SHIPPED_HEAD)?;
        let size = std::fs::metadata(model_dir.join("model.safetensors"))
            .map(|m| m.len())
            .unwrap_or(0);
        let cache = match cache_dir() {
            Some(d) => {
                Cache::open(&d.join(format!("embeddings-{size}.bin")), 384).unwrap_or_default()
            }
            None => Cache::default(),
        };
        MeaningJudge::new(Base::Model(Box::new(embedder)), cache, head, SHIPPED_META)
    }

    /// A judge over any base, with a head and its metadata (JSON:
    /// `features`, the head's input columns by name; `none_cut`;
    /// `veto_cut`, or null).
    pub fn new(base: Base, cache: Cache, head: Head, meta: &str) -> Result<Self, ModelError> {
        let bad = |reason: String| ModelError::Run(format!("the pair judge's metadata: {reason}"));
        let meta: serde_json::Value = serde_json::from_str(meta).map_err(|e| bad(e.to_string()))?;
        let columns: HashMap<String, usize> = meta["features"]
            .as_array()
            .ok_or_else(|| bad("no `features` list".into()))?
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.as_str().map(|f| (f.to_string(), i)))
            .collect();
        if columns.len() != head.input() {
            return Err(bad(format!(
                "{} features named, the head takes {}",
                columns.len(),
                head.input()
            )));
        }
        Ok(MeaningJudge {
            base,
            cache,
            head,
            none_cut: meta["none_cut"].as_f64().unwrap_or(0.5) as f32,
            veto_cut: meta["veto_cut"].as_f64().map(|c| c as f32),
            screen_cut: meta["screen_cut"].as_f64().unwrap_or(1.0) as f32,
            align: columns.keys().any(|k| k.starts_with("al_")),
            tokens: Mutex::new(HashMap::new()),
            columns,
        })
    }

    /// Embeds the texts whose token states are not kept, with their token
    /// states, keeping both.
    fn fill_tokens(&self, texts: &[&str]) -> Result<(), ModelError> {
        let lock = || {
            self.tokens
                .lock()
                .map_err(|_| ModelError::Run("a thread panicked while embedding".into()))
        };
        let mut todo: Vec<&str> = {
            let kept = lock()?;
            texts
                .iter()
                .copied()
                .filter(|t| !t.is_empty() && !kept.contains_key(&text_hash(t)))
                .collect()
        };
        todo.sort_by_key(|t| (t.len(), *t));
        todo.dedup();
        for chunk in todo.chunks(32) {
            let done = self.base.encode_with_tokens(chunk)?;
            let mut kept = lock()?;
            if kept.len() + chunk.len() > TOKEN_LIMIT {
                kept.clear();
            }
            for (t, (v, states)) in chunk.iter().zip(done) {
                self.cache.put(t, v)?;
                kept.insert(text_hash(t), Arc::new(states));
            }
        }
        Ok(())
    }

    /// A text's token states, embedding it now if they are not kept.
    fn token_states(&self, text: &str) -> Result<Arc<TokenStates>, ModelError> {
        if text.is_empty() {
            return Ok(Arc::new(TokenStates::default()));
        }
        let get = || {
            self.tokens
                .lock()
                .map(|k| k.get(&text_hash(text)).cloned())
                .map_err(|_| ModelError::Run("a thread panicked while embedding".into()))
        };
        if let Some(t) = get()? {
            return Ok(t);
        }
        self.fill_tokens(&[text])?;
        match get()? {
            Some(t) => Ok(t),
            // Emptied by another thread's batch in between: embed it alone.
            None => Ok(Arc::new(
                self.base
                    .encode_with_tokens(&[text])?
                    .pop()
                    .map(|(_, s)| s)
                    .unwrap_or_default(),
            )),
        }
    }

    /// Whether the candidate passes the screen: the rules found a position
    /// in it (which the judge may veto), or the pair judge alone, over the
    /// candidate's pair features `named`, finds it not about the question
    /// with a probability under `screen_cut`.
    fn screened_in(&self, input: &JudgeInput<'_>, named: &[(String, f32)]) -> bool {
        input.ruled.is_some()
            || vane_read::pair_judge::PairJudge::bundled().weigh(named)[0] < self.screen_cut
    }

    /// The head's input for a candidate: its pair features `named` and its
    /// meaning features in their columns, zero where a candidate has none.
    fn input(
        &self,
        input: &JudgeInput<'_>,
        named: Vec<(String, f32)>,
    ) -> Result<Vec<f32>, ModelError> {
        let get = |t: &str| self.cache.get(&self.base, t);
        let p = get(&input.question.proposition)?;
        let (s, prev, asked) = (
            get(input.sentence)?,
            get(input.previous)?,
            get(input.asked)?,
        );
        let shape = vane_read::pair_judge::shape_name(input.compiled.shape);
        let mut x = vec![0f32; self.head.input()];
        let mut aligned = Vec::new();
        if self.align {
            let tok = |t: &str| self.token_states(t);
            let pt = tok(&input.question.proposition)?;
            let (st, wt, at) = (
                tok(input.sentence)?,
                tok(input.previous)?,
                tok(input.asked)?,
            );
            aligned = alignment_features(&pt, &[&st], shape, "al_s");
            aligned.extend(alignment_features(&pt, &[&st, &wt, &at], shape, "al_c"));
        }
        let named = named
            .into_iter()
            .chain(meaning_features(&p, &s, &prev, &asked, shape))
            .chain(aligned);
        for (k, v) in named {
            if let Some(&i) = self.columns.get(&k) {
                x[i] = v;
            }
        }
        Ok(x)
    }
}

impl StanceJudge for MeaningJudge {
    fn name(&self) -> &str {
        "pair-meaning"
    }

    fn prepare(&self, texts: &[&str]) {
        if self.align {
            // A text that fails is embedded alone when asked for.
            let _ = self.fill_tokens(texts);
        } else {
            self.cache.fill_batch(&self.base, texts);
        }
    }

    fn texts<'a>(&self, input: &JudgeInput<'a>) -> Vec<&'a str> {
        // The rules' candidates pass without their features.
        if input.ruled.is_none()
            && !self.screened_in(input, &vane_read::pair_judge::candidate_features(input))
        {
            return Vec::new();
        }
        input.texts()
    }

    fn probabilities(&self, input: &JudgeInput<'_>) -> Option<[f32; 4]> {
        // The pair features once, for the screen and the head.
        let named = vane_read::pair_judge::candidate_features(input);
        if !self.screened_in(input, &named) {
            return None;
        }
        let x = self.input(input, named).ok()?;
        Some(self.head.probs(&x))
    }

    fn none_cut(&self) -> f32 {
        self.none_cut
    }

    fn veto_cut(&self) -> Option<f32> {
        self.veto_cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_encoder_other_than_the_heads_is_refused() {
        let dir = std::env::temp_dir().join(format!("vane-encoder-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let config =
            |layers: u32| format!(r#"{{"num_hidden_layers": {layers}, "hidden_size": 384}}"#);
        // paraphrase-MiniLM-L3-v2 (scripts/setup-model-l3.sh): three layers.
        std::fs::write(dir.join("config.json"), config(3)).unwrap();
        let err = check_encoder(&dir, SHIPPED_META).unwrap_err().to_string();
        assert!(
            err.contains("all-MiniLM-L6-v2 (6 layers, 384 wide)"),
            "{err}"
        );
        assert!(err.contains("has 3 layers"), "{err}");
        std::fs::write(dir.join("config.json"), config(6)).unwrap();
        assert!(check_encoder(&dir, SHIPPED_META).is_ok());
        // A head that names no encoder takes any.
        std::fs::write(dir.join("config.json"), config(3)).unwrap();
        assert!(check_encoder(&dir, r#"{"features": []}"#).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_shipped_head_and_its_names_agree() {
        let head = Head::from_bytes(SHIPPED_HEAD).unwrap();
        let j = MeaningJudge::new(
            Base::Hashed { dim: 384 },
            Cache::default(),
            head,
            SHIPPED_META,
        )
        .unwrap();
        assert!(j.columns.contains_key("cos_s"));
        assert!((0.0..1.0).contains(&j.none_cut));
        // A head that adds nothing (none cut 0) is there to veto.
        assert!(
            j.none_cut > 0.0 || j.veto_cut.is_some_and(|c| c > 0.0 && c < 1.0),
            "a head that adds nothing must veto"
        );
    }

    fn states(pieces: &[&str], rows: &[[f32; 2]]) -> TokenStates {
        TokenStates {
            pieces: pieces.iter().map(|p| p.to_string()).collect(),
            rows: rows.iter().map(|r| r.to_vec()).collect(),
        }
    }

    #[test]
    fn alignment_reads_the_content_pieces_only() {
        assert!(content_piece("tanks") && content_piece("##ville") && content_piece("f16"));
        assert!(!content_piece("the") && !content_piece(".") && !content_piece("to"));
        // "the tanks to ukraine": "the" and "to" are no content; "tanks" is
        // met exactly, "ukraine" at a right angle.
        let p = states(
            &["the", "tanks", "to", "ukraine"],
            &[[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]],
        );
        let s = states(&["tanks"], &[[1.0, 0.0]]);
        let f = alignment_features(&p, &[&s], "action", "al_s");
        let get = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| *v);
        assert_eq!(get("al_s_mean"), Some(0.5));
        assert_eq!(get("al_s_min"), Some(0.0));
        assert_eq!(get("al_s_min2"), Some(1.0));
        assert_eq!(get("al_s_q25"), Some(0.25));
        assert_eq!(get("al_s_frac>=0.8@action"), Some(0.5));
        // The context may cover what the sentence leaves out.
        let w = states(&["kyiv"], &[[0.0, 1.0]]);
        let f = alignment_features(&p, &[&s, &w], "action", "al_c");
        assert!(f.iter().any(|(n, v)| n == "al_c_min" && *v == 1.0));
        // Nothing to align: no features.
        assert!(alignment_features(&p, &[&TokenStates::default()], "action", "al_s").is_empty());
    }

    #[test]
    fn the_hashed_base_gives_token_states() {
        let base = Base::Hashed { dim: 64 };
        let out = base.encode_with_tokens(&["Abrams tanks", ""]).unwrap();
        assert_eq!(out[0].1.pieces, ["abrams", "tanks"]);
        assert_eq!(out[0].1.rows.len(), 2);
        assert!(out[1].1.rows.is_empty());
    }

    #[test]
    fn meaning_features_name_no_word() {
        let u = [0.6f32, 0.8, 0.0];
        let f = meaning_features(&u, &u, &[0.0; 3], &[0.0; 3], "action");
        let get = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| *v);
        assert!((get("cos_s").unwrap() - 1.0).abs() < 1e-6);
        assert_eq!(get("cos_p@action"), Some(0.0));
        assert_eq!(get("cos_max>=0.7"), Some(1.0));
        assert_eq!(get("v1"), Some(0.8));
        assert!(f.iter().all(|(n, _)| n.is_ascii()));
    }
}
