//! The learned judge of stance: a small classifier over frozen sentence
//! embeddings of the proposition and of the statement in its context.
//!
//! Input: the proposition, the statement's sentence, the sentence before it,
//! and the reporter's question it answers (empty when none). Each text is
//! embedded once by the base encoder and cached by a hash of its text, so a
//! corpus read again for a new question embeds only the new proposition.
//! Features: the element-wise products and distance of the proposition with
//! the sentence, the sentence itself, the products with the context, and a
//! few lexical scalars. The head (one hidden layer, or none) gives the
//! probabilities of the four labels in [`LABELS`]. It may be several heads
//! trained from different seeds (with dropout) and merged into one whose
//! logits are their mean ([`TrainOpts::members`]); reading it is the same.
//!
//! Why not a fine-tuned cross-encoder: fine-tuning a 22M-parameter encoder
//! on 3,800 pairs takes about 20 minutes an epoch on this project's 2-core
//! machines, and its pair encodings cannot be cached across questions. The
//! frozen encoder embeds the corpus once; the head trains in seconds.

use crate::embed::{Embedder, ModelError, TokenStates};
use candle_core::{DType, Device, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The labels, in the order of the head's outputs.
pub const LABELS: [&str; 4] = ["none", "support", "oppose", "neutral"];

/// What the judge reads.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    pub proposition: &'a str,
    /// The statement's sentence.
    pub sentence: &'a str,
    /// The sentence before it ("" at the start).
    pub previous: &'a str,
    /// The reporter's question it answers ("" when none).
    pub asked: &'a str,
    /// The rules' view of the sentence (`vane_read::rule_features`).
    pub rules: &'a [f32],
}

/// Embeddings by text hash.
type Embeddings = HashMap<u64, Arc<[f32]>>;

/// A base encoder: texts to unit vectors.
pub enum Base {
    /// A sentence-embedding model (all-MiniLM-L6-v2), boxed: it is large
    /// beside the hashed base.
    Model(Box<Embedder>),
    /// No pretrained model: signed hashing of words and word pairs, the
    /// baseline that tells whether the model's knowledge pays.
    Hashed { dim: usize },
}

impl Base {
    pub fn name(&self) -> &'static str {
        match self {
            Base::Model(_) => "minilm",
            Base::Hashed { .. } => "hashed",
        }
    }

    pub fn dim(&self) -> usize {
        match self {
            Base::Model(_) => 384,
            Base::Hashed { dim } => *dim,
        }
    }

    fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        match self {
            Base::Model(e) => e.embed_batch(texts),
            Base::Hashed { dim } => Ok(texts.iter().map(|t| hashed(t, *dim)).collect()),
        }
    }

    /// The texts' embeddings with their token states; the hashed base's
    /// tokens are its words, each hashed alone.
    pub fn encode_with_tokens(
        &self,
        texts: &[&str],
    ) -> Result<Vec<(Vec<f32>, TokenStates)>, ModelError> {
        match self {
            Base::Model(e) => e.embed_batch_with_tokens(texts),
            Base::Hashed { dim } => Ok(texts
                .iter()
                .map(|t| {
                    let pieces = words(t);
                    let rows = pieces.iter().map(|w| hashed(w, *dim)).collect();
                    (hashed(t, *dim), TokenStates { pieces, rows })
                })
                .collect()),
        }
    }
}

/// FNV-1a: a stable hash for cache keys (the same across runs and builds).
pub fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// A crude stem: the first five letters ("sanctions", "sanctioned").
fn stem(w: &str) -> &str {
    match w.char_indices().nth(5) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

fn hashed(text: &str, dim: usize) -> Vec<f32> {
    let ws = words(text);
    let mut v = vec![0f32; dim];
    let mut put = |key: &str| {
        let h = text_hash(key);
        let sign = if h >> 63 == 1 { -1.0 } else { 1.0 };
        v[(h % dim as u64) as usize] += sign;
    };
    for w in &ws {
        put(stem(w));
    }
    for p in ws.windows(2) {
        put(&format!("{} {}", stem(&p[0]), stem(&p[1])));
    }
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    v.iter_mut().for_each(|x| *x /= norm);
    v
}

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "its", "their",
    "is", "are", "be", "that", "this", "from", "as", "at", "it", "united", "states",
];

/// The share of the proposition's content words (by stem) found in `text`.
fn overlap(proposition: &str, text: &str) -> f32 {
    let have: std::collections::HashSet<String> =
        words(text).iter().map(|w| stem(w).to_string()).collect();
    let want: Vec<String> = words(proposition)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .map(|w| stem(&w).to_string())
        .collect();
    if want.is_empty() {
        return 0.0;
    }
    want.iter().filter(|w| have.contains(*w)).count() as f32 / want.len() as f32
}

fn negated(text: &str) -> bool {
    let lc = format!(" {} ", text.to_lowercase());
    ["n't", " not ", " no ", " never ", " won't ", " nothing "]
        .iter()
        .any(|n| lc.contains(n))
}

/// Lexical scalars beside the embeddings.
const SCALARS: usize = 8;

/// The feature vector of a candidate from its texts' embeddings.
pub fn features(c: &Candidate<'_>, p: &[f32], s: &[f32], prev: &[f32], asked: &[f32]) -> Vec<f32> {
    let d = p.len();
    let mut x = Vec::with_capacity(5 * d + SCALARS);
    x.extend(p.iter().zip(s).map(|(a, b)| a * b));
    x.extend(p.iter().zip(s).map(|(a, b)| (a - b).abs()));
    x.extend_from_slice(s);
    x.extend(p.iter().zip(prev).map(|(a, b)| a * b));
    x.extend(p.iter().zip(asked).map(|(a, b)| a * b));
    let cos = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    x.push(cos(p, s));
    x.push(cos(p, prev));
    x.push(cos(p, asked));
    x.push(overlap(c.proposition, c.sentence));
    x.push(overlap(c.proposition, c.previous));
    x.push(overlap(c.proposition, c.asked));
    x.push(f32::from(u8::from(negated(c.sentence))));
    x.push(f32::from(u8::from(!c.asked.is_empty())));
    x.extend_from_slice(c.rules);
    x
}

/// Feature width for a base of dimension `d`.
pub fn width(d: usize) -> usize {
    5 * d + SCALARS + vane_read::RULE_FEATURES
}

/// Embeddings by text hash, in memory and, when opened on a file, on disk:
/// a corpus read again (for a new question, or with another head) embeds
/// only the texts it has not seen.
#[derive(Default)]
pub struct Cache {
    map: Mutex<Embeddings>,
    /// The file new embeddings are appended to: records of a u64 hash and
    /// `dim` f32s, little-endian.
    file: Option<Mutex<std::fs::File>>,
    dim: usize,
}

impl Cache {
    /// A cache backed by `path`, created if missing. A torn last record (a
    /// crash mid-write) is dropped; the rest is kept.
    pub fn open(path: &Path, dim: usize) -> Result<Cache, ModelError> {
        let err = |e: std::io::Error| ModelError::Load {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(err(e)),
        };
        let rec = 8 + 4 * dim;
        let whole = bytes.len() / rec * rec;
        let mut map = HashMap::new();
        for r in bytes[..whole].chunks_exact(rec) {
            let mut h = [0u8; 8];
            h.copy_from_slice(&r[..8]);
            let v: Vec<f32> = r[8..]
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            map.insert(u64::from_le_bytes(h), v.into());
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(err)?;
        if whole != bytes.len() {
            file.set_len(whole as u64).map_err(err)?;
        }
        Ok(Cache {
            map: Mutex::new(map),
            file: Some(Mutex::new(file)),
            dim,
        })
    }

    fn persist(&self, new: &[(u64, Arc<[f32]>)]) {
        use std::io::Write;
        let Some(f) = &self.file else { return };
        let mut buf = Vec::with_capacity(new.len() * (8 + 4 * self.dim));
        for (h, v) in new {
            if v.len() != self.dim {
                continue;
            }
            buf.extend_from_slice(&h.to_le_bytes());
            for x in v.iter() {
                buf.extend_from_slice(&x.to_le_bytes());
            }
        }
        // The cache is an accelerator: a failed write costs only time later.
        if let Ok(mut f) = f.lock() {
            let _ = f.write_all(&buf);
        }
    }

    /// Embeds the texts not yet cached, in batches.
    pub fn fill(&self, base: &Base, texts: &[&str]) -> Result<(), ModelError> {
        let mut todo: Vec<&str> = {
            let map = self.lock()?;
            texts
                .iter()
                .copied()
                .filter(|t| !map.contains_key(&text_hash(t)))
                .collect()
        };
        todo.sort_by_key(|t| t.len());
        todo.dedup();
        for chunk in todo.chunks(32) {
            let vs = base.encode(chunk)?;
            let new: Vec<(u64, Arc<[f32]>)> = chunk
                .iter()
                .zip(vs)
                .map(|(t, v)| (text_hash(t), v.into()))
                .collect();
            self.persist(&new);
            let mut map = self.lock()?;
            map.extend(new);
        }
        Ok(())
    }

    /// A judge's batch ([`vane_read::StanceJudge::prepare`]): embeds the
    /// texts not yet cached, leaving any that fail to be embedded one at a
    /// time when asked; with `VANE_JUDGE_STATS` set, says on standard error
    /// how many texts it was given and embedded, and in how long.
    pub fn fill_batch(&self, base: &Base, texts: &[&str]) {
        let before = self.len();
        let t0 = std::time::Instant::now();
        let _ = self.fill(base, texts);
        if std::env::var_os("VANE_JUDGE_STATS").is_some() {
            let chars: usize = texts.iter().map(|t| t.len()).sum();
            eprintln!(
                "judge: {} texts ({} chars) asked, {} embedded in {:.2} s",
                texts.len(),
                chars,
                self.len() - before,
                t0.elapsed().as_secs_f64()
            );
        }
    }

    /// Keeps `v` as the embedding of `text` (embedded elsewhere, with its
    /// token states), unless one is kept already.
    pub fn put(&self, text: &str, v: Vec<f32>) -> Result<(), ModelError> {
        let h = text_hash(text);
        if text.is_empty() || self.lock()?.contains_key(&h) {
            return Ok(());
        }
        let new = [(h, Arc::<[f32]>::from(v))];
        self.persist(&new);
        self.lock()?.extend(new);
        Ok(())
    }

    /// The embedding of a text, embedding it now if it is new.
    pub fn get(&self, base: &Base, text: &str) -> Result<Arc<[f32]>, ModelError> {
        if text.is_empty() {
            return Ok(vec![0f32; base.dim()].into());
        }
        if let Some(v) = self.lock()?.get(&text_hash(text)) {
            return Ok(v.clone());
        }
        self.fill(base, &[text])?;
        self.lock()?
            .get(&text_hash(text))
            .cloned()
            .ok_or_else(|| ModelError::Run("an embedding went missing from the cache".into()))
    }

    pub fn len(&self) -> usize {
        self.map.lock().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Embeddings>, ModelError> {
        self.map
            .lock()
            .map_err(|_| ModelError::Run("a thread panicked while embedding".into()))
    }
}

/// The classifier over features: `hidden` units with ReLU, or a softmax
/// regression when `hidden` is 0. Standardizes its input first.
#[derive(Clone, Debug)]
pub struct Head {
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub hidden: usize,
    /// Row-major weights: `w1` is input × hidden (unused when hidden is 0),
    /// `w2` is (hidden or input) × 4.
    pub w1: Vec<f32>,
    pub b1: Vec<f32>,
    pub w2: Vec<f32>,
    pub b2: Vec<f32>,
}

impl Head {
    pub fn input(&self) -> usize {
        self.mean.len()
    }

    /// The probabilities of [`LABELS`].
    pub fn probs(&self, x: &[f32]) -> [f32; 4] {
        let d = self.input();
        let z: Vec<f32> = x
            .iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .map(|((v, m), s)| (v - m) / s)
            .collect();
        let h: Vec<f32> = if self.hidden == 0 {
            z
        } else {
            let mut h = self.b1.clone();
            for (i, zi) in z.iter().enumerate().take(d) {
                if *zi == 0.0 {
                    continue;
                }
                let row = &self.w1[i * self.hidden..(i + 1) * self.hidden];
                for (hj, w) in h.iter_mut().zip(row) {
                    *hj += zi * w;
                }
            }
            h.into_iter().map(|v| v.max(0.0)).collect()
        };
        let mut o = [0f32; 4];
        o.copy_from_slice(&self.b2);
        for (i, hi) in h.iter().enumerate() {
            for (k, ok) in o.iter_mut().enumerate() {
                *ok += hi * self.w2[i * 4 + k];
            }
        }
        let m = o.iter().cloned().fold(f32::MIN, f32::max);
        let e: Vec<f32> = o.iter().map(|v| (v - m).exp()).collect();
        let sum: f32 = e.iter().sum();
        [e[0] / sum, e[1] / sum, e[2] / sum, e[3] / sum]
    }

    /// Writes the head as safetensors.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let run = |e: &dyn std::fmt::Display| ModelError::Run(e.to_string());
        let d = self.input();
        let rows = if self.hidden == 0 { d } else { self.hidden };
        let mut m: HashMap<String, Tensor> = HashMap::new();
        let t = |v: &[f32], shape: &[usize]| Tensor::from_slice(v, shape, &Device::Cpu);
        m.insert("mean".into(), t(&self.mean, &[d]).map_err(|e| run(&e))?);
        m.insert("scale".into(), t(&self.scale, &[d]).map_err(|e| run(&e))?);
        if self.hidden > 0 {
            m.insert(
                "w1".into(),
                t(&self.w1, &[d, self.hidden]).map_err(|e| run(&e))?,
            );
            m.insert(
                "b1".into(),
                t(&self.b1, &[self.hidden]).map_err(|e| run(&e))?,
            );
        }
        m.insert("w2".into(), t(&self.w2, &[rows, 4]).map_err(|e| run(&e))?);
        m.insert("b2".into(), t(&self.b2, &[4]).map_err(|e| run(&e))?);
        candle_core::safetensors::save(&m, path).map_err(|e| run(&e))
    }

    /// Reads a head [`Head::save`] wrote.
    pub fn load(path: &Path) -> Result<Head, ModelError> {
        let err = |reason: String| ModelError::Load {
            path: path.to_path_buf(),
            reason,
        };
        let m =
            candle_core::safetensors::load(path, &Device::Cpu).map_err(|e| err(e.to_string()))?;
        Head::from_tensors(&m, path)
    }

    fn from_tensors(m: &HashMap<String, Tensor>, path: &Path) -> Result<Head, ModelError> {
        let err = |reason: String| ModelError::Load {
            path: path.to_path_buf(),
            reason,
        };
        let get = |k: &str| -> Result<Vec<f32>, ModelError> {
            m.get(k)
                .ok_or_else(|| err(format!("no tensor `{k}`")))?
                .flatten_all()
                .and_then(|t| t.to_dtype(DType::F32))
                .and_then(|t| t.to_vec1())
                .map_err(|e| err(e.to_string()))
        };
        let (w1, b1) = if m.contains_key("w1") {
            (get("w1")?, get("b1")?)
        } else {
            (Vec::new(), Vec::new())
        };
        let head = Head {
            mean: get("mean")?,
            scale: get("scale")?,
            hidden: b1.len(),
            w1,
            b1,
            w2: get("w2")?,
            b2: get("b2")?,
        };
        let rows = if head.hidden == 0 {
            head.input()
        } else {
            head.hidden
        };
        if head.scale.len() != head.input()
            || head.w2.len() != rows * 4
            || head.b2.len() != 4
            || head.w1.len() != head.input() * head.hidden
        {
            return Err(err("tensor shapes do not agree".into()));
        }
        Ok(head)
    }
}

/// How to train a head.
#[derive(Clone, Debug)]
pub struct TrainOpts {
    pub hidden: usize,
    pub epochs: usize,
    pub lr: f64,
    pub weight_decay: f64,
    pub batch: usize,
    pub seed: u64,
    /// The share of inputs and hidden units dropped at each training step
    /// (0: none). Reading uses every unit, so the head's format is the same.
    pub dropout: f64,
    /// Heads trained from seeds `seed`, `seed + 1`, ...; their logits are
    /// averaged, which is one head with their hidden units side by side
    /// (see [`train`]).
    pub members: usize,
}

impl Default for TrainOpts {
    fn default() -> Self {
        TrainOpts {
            hidden: 64,
            epochs: 30,
            lr: 1e-3,
            weight_decay: 1e-2,
            batch: 64,
            seed: 7,
            dropout: 0.0,
            members: 1,
        }
    }
}

/// A small deterministic generator (SplitMix64), so that training is the
/// same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains a head on features `xs` with labels `ys` (indices into
/// [`LABELS`]), each class weighted by the inverse of its frequency.
///
/// With `opts.members` above 1, that many heads are trained from successive
/// seeds and merged into one whose logits are their mean: the hidden units
/// side by side, the output weights and biases divided by the number of
/// members. The members share the standardization (it depends on the data
/// alone), so the merged head is exact, and reading costs the same per
/// hidden unit.
pub fn train(xs: &[Vec<f32>], ys: &[usize], opts: &TrainOpts) -> Result<Head, ModelError> {
    let k = opts.members.max(1);
    let mut heads = (0..k as u64)
        .map(|i| {
            train_one(
                xs,
                ys,
                &TrainOpts {
                    seed: opts.seed + i,
                    ..opts.clone()
                },
            )
        })
        .collect::<Result<Vec<Head>, ModelError>>()?;
    if k == 1 {
        return Ok(heads.swap_remove(0));
    }
    let share = |v: f32| v / k as f32;
    let mut b2 = vec![0f32; 4];
    for h in &heads {
        b2.iter_mut().zip(&h.b2).for_each(|(a, b)| *a += share(*b));
    }
    let (mean, scale) = (heads[0].mean.clone(), heads[0].scale.clone());
    if opts.hidden == 0 {
        // A linear head's logits average to one linear head.
        let mut w2 = vec![0f32; heads[0].w2.len()];
        for h in &heads {
            w2.iter_mut().zip(&h.w2).for_each(|(a, b)| *a += share(*b));
        }
        let (w1, b1) = (Vec::new(), Vec::new());
        return Ok(Head {
            mean,
            scale,
            hidden: 0,
            w1,
            b1,
            w2,
            b2,
        });
    }
    let d = heads[0].input();
    let hid = opts.hidden;
    let wide = hid * k;
    let mut w1 = vec![0f32; d * wide];
    for (m, h) in heads.iter().enumerate() {
        for i in 0..d {
            w1[i * wide + m * hid..i * wide + (m + 1) * hid]
                .copy_from_slice(&h.w1[i * hid..(i + 1) * hid]);
        }
    }
    let b1: Vec<f32> = heads.iter().flat_map(|h| h.b1.iter().copied()).collect();
    let w2: Vec<f32> = heads
        .iter()
        .flat_map(|h| h.w2.iter().map(|w| share(*w)))
        .collect();
    Ok(Head {
        mean,
        scale,
        hidden: wide,
        w1,
        b1,
        w2,
        b2,
    })
}

/// Zeroes each element with probability `p` and scales the rest by
/// `1 / (1 - p)` (inverted dropout), with the seeded generator, so that
/// training stays the same on every machine.
fn dropout(t: &Tensor, p: f64, rng: &mut Rng) -> candle_core::Result<Tensor> {
    if p <= 0.0 {
        return Ok(t.clone());
    }
    let p = p as f32;
    let keep = 1.0 / (1.0 - p);
    let mask: Vec<f32> = (0..t.elem_count())
        .map(|_| if rng.unit() < p { 0.0 } else { keep })
        .collect();
    t.mul(&Tensor::from_vec(mask, t.shape(), t.device())?)
}

fn train_one(xs: &[Vec<f32>], ys: &[usize], opts: &TrainOpts) -> Result<Head, ModelError> {
    let run = |e: &dyn std::fmt::Display| ModelError::Run(e.to_string());
    let n = xs.len();
    let d = xs.first().map(|x| x.len()).unwrap_or(0);
    if n == 0 || d == 0 {
        return Err(ModelError::Run("no training examples".into()));
    }
    // Standardize.
    let mut mean = vec![0f32; d];
    for x in xs {
        for (m, v) in mean.iter_mut().zip(x) {
            *m += v / n as f32;
        }
    }
    let mut scale = vec![0f32; d];
    for x in xs {
        for ((s, v), m) in scale.iter_mut().zip(x).zip(&mean) {
            *s += (v - m) * (v - m) / n as f32;
        }
    }
    scale.iter_mut().for_each(|s| *s = s.sqrt().max(1e-4));
    let flat: Vec<f32> = xs
        .iter()
        .flat_map(|x| {
            x.iter()
                .zip(&mean)
                .zip(&scale)
                .map(|((v, m), s)| (v - m) / s)
        })
        .collect();
    let dev = Device::Cpu;
    let x_all = Tensor::from_vec(flat, (n, d), &dev).map_err(|e| run(&e))?;
    let mut counts = [0usize; 4];
    ys.iter().for_each(|y| counts[*y] += 1);
    let class_w: Vec<f32> = counts
        .iter()
        .map(|c| {
            if *c == 0 {
                0.0
            } else {
                n as f32 / (4.0 * *c as f32)
            }
        })
        .collect();
    let mut rng = Rng::new(opts.seed);
    let mut init = |rows: usize, cols: usize| -> Result<Var, ModelError> {
        let bound = (6.0 / (rows + cols) as f32).sqrt();
        let v: Vec<f32> = (0..rows * cols)
            .map(|_| (rng.unit() * 2.0 - 1.0) * bound)
            .collect();
        Var::from_vec(v, (rows, cols), &dev).map_err(|e| run(&e))
    };
    let rows = if opts.hidden == 0 { d } else { opts.hidden };
    let w1 = if opts.hidden > 0 {
        Some(init(d, opts.hidden)?)
    } else {
        None
    };
    let b1 = Var::zeros(opts.hidden.max(1), DType::F32, &dev).map_err(|e| run(&e))?;
    let w2 = init(rows, 4)?;
    let b2 = Var::zeros(4, DType::F32, &dev).map_err(|e| run(&e))?;
    let mut params = vec![w2.clone(), b2.clone()];
    if let Some(w1) = &w1 {
        params.push(w1.clone());
        params.push(b1.clone());
    }
    let mut opt = AdamW::new(
        params,
        ParamsAdamW {
            lr: opts.lr,
            weight_decay: opts.weight_decay,
            ..Default::default()
        },
    )
    .map_err(|e| run(&e))?;
    let mut order: Vec<usize> = (0..n).collect();
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for chunk in order.chunks(opts.batch.max(1)) {
            let idx: Vec<u32> = chunk.iter().map(|i| *i as u32).collect();
            let idx_t = Tensor::new(idx.as_slice(), &dev).map_err(|e| run(&e))?;
            let xb = x_all
                .index_select(&idx_t, 0)
                .and_then(|t| dropout(&t, opts.dropout, &mut rng))
                .map_err(|e| run(&e))?;
            let yb: Vec<u32> = chunk.iter().map(|i| ys[*i] as u32).collect();
            let wb: Vec<f32> = chunk.iter().map(|i| class_w[ys[*i]]).collect();
            let yb = Tensor::new(yb.as_slice(), &dev)
                .and_then(|t| t.unsqueeze(1))
                .map_err(|e| run(&e))?;
            let wb = Tensor::new(wb.as_slice(), &dev).map_err(|e| run(&e))?;
            let h = match &w1 {
                Some(w1) => xb
                    .matmul(w1.as_tensor())
                    .and_then(|t| t.broadcast_add(b1.as_tensor()))
                    .and_then(|t| t.relu())
                    .and_then(|t| dropout(&t, opts.dropout, &mut rng))
                    .map_err(|e| run(&e))?,
                None => xb,
            };
            let logits = h
                .matmul(w2.as_tensor())
                .and_then(|t| t.broadcast_add(b2.as_tensor()))
                .map_err(|e| run(&e))?;
            let logp = candle_nn::ops::log_softmax(&logits, 1).map_err(|e| run(&e))?;
            let picked = logp
                .gather(&yb, 1)
                .and_then(|t| t.squeeze(1))
                .map_err(|e| run(&e))?;
            let loss = picked
                .mul(&wb)
                .and_then(|t| t.sum_all())
                .and_then(|t| t.affine(-1.0 / chunk.len() as f64, 0.0))
                .map_err(|e| run(&e))?;
            opt.backward_step(&loss).map_err(|e| run(&e))?;
        }
    }
    let vec = |t: &Tensor| -> Result<Vec<f32>, ModelError> {
        t.flatten_all()
            .and_then(|t| t.to_vec1())
            .map_err(|e| run(&e))
    };
    Ok(Head {
        mean,
        scale,
        hidden: opts.hidden,
        w1: match &w1 {
            Some(w) => vec(w.as_tensor())?,
            None => Vec::new(),
        },
        b1: if opts.hidden > 0 {
            vec(b1.as_tensor())?
        } else {
            Vec::new()
        },
        w2: vec(w2.as_tensor())?,
        b2: vec(b2.as_tensor())?,
    })
}

/// A base, a head and the cache: the judge as `vane` runs it.
pub struct Judge {
    pub base: Base,
    pub head: Head,
    pub cache: Cache,
    /// The name recorded on positions it decides.
    pub name: String,
}

impl Judge {
    /// The label probabilities of a candidate.
    pub fn probs(&self, c: &Candidate<'_>) -> Result<[f32; 4], ModelError> {
        let p = self.cache.get(&self.base, c.proposition)?;
        let s = self.cache.get(&self.base, c.sentence)?;
        let prev = self.cache.get(&self.base, c.previous)?;
        let asked = self.cache.get(&self.base, c.asked)?;
        let x = features(c, &p, &s, &prev, &asked);
        if x.len() != self.head.input() {
            return Err(ModelError::Run(format!(
                "the head expects {} features, the base gives {}",
                self.head.input(),
                x.len()
            )));
        }
        Ok(self.head.probs(&x))
    }
}

/// The head trained on every fold of the labelled corpus, built into the
/// binary (`scripts/train-judge.sh` writes it).
pub const SHIPPED_HEAD: &[u8] = include_bytes!("../../../data/judge/head.safetensors");

/// The settings the shipped head was trained with (`judge.json`).
pub const SHIPPED_META: &str = include_str!("../../../data/judge/judge.json");

impl Head {
    /// Reads a head from safetensors bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Head, ModelError> {
        let m = candle_core::safetensors::load_buffer(bytes, &Device::Cpu)
            .map_err(|e| ModelError::Run(format!("the judge's head: {e}")))?;
        Head::from_tensors(&m, Path::new("<shipped head>"))
    }
}

impl Judge {
    /// The base model in `model_dir` with a head: `head` names a
    /// safetensors file, else the shipped head is used. `none_cut`
    /// overrides the cut the head was trained with.
    pub fn load(
        model_dir: &Path,
        head: Option<&Path>,
        none_cut: Option<f32>,
    ) -> Result<LearnedJudge, ModelError> {
        let embedder = Embedder::load(model_dir)?;
        let h = match head {
            Some(p) => Head::load(p)?,
            None => Head::from_bytes(SHIPPED_HEAD)?,
        };
        let meta: serde_json::Value = match head.map(|p| p.with_file_name("judge.json")) {
            Some(m) if m.is_file() => std::fs::read_to_string(&m)
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default(),
            _ => serde_json::from_str(SHIPPED_META).unwrap_or_default(),
        };
        let cut = none_cut
            .or_else(|| meta["none_cut"].as_f64().map(|c| c as f32))
            .unwrap_or(0.5);
        let base = Base::Model(Box::new(embedder));
        if width(base.dim()) != h.input() {
            return Err(ModelError::Run(format!(
                "the judge's head takes {} features; this base gives {}",
                h.input(),
                width(base.dim())
            )));
        }
        // Embeddings persist beside the user's other caches, one file per
        // base model (named by the size of its weights, which differs between
        // models).
        let size = std::fs::metadata(model_dir.join("model.safetensors"))
            .map(|m| m.len())
            .unwrap_or(0);
        let cache = match cache_dir() {
            Some(d) => Cache::open(&d.join(format!("embeddings-{size}.bin")), base.dim())
                .unwrap_or_default(),
            None => Cache::default(),
        };
        Ok(LearnedJudge {
            judge: Judge {
                base,
                head: h,
                cache,
                name: "minilm-judge".into(),
            },
            none_cut: cut,
        })
    }
}

/// Where embeddings are cached: `$VANE_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/weathervane`, else `$HOME/.cache/weathervane`; none when
/// `VANE_CACHE_DIR` is empty.
pub fn cache_dir() -> Option<std::path::PathBuf> {
    match std::env::var_os("VANE_CACHE_DIR") {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(d.into()),
        None => std::env::var_os("XDG_CACHE_HOME")
            .map(|d| Path::new(&d).join("weathervane"))
            .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/weathervane"))),
    }
}

/// [`Judge`] as `vane-read`'s learned judge of stance.
pub struct LearnedJudge {
    pub judge: Judge,
    pub none_cut: f32,
}

impl vane_read::StanceJudge for LearnedJudge {
    fn name(&self) -> &str {
        &self.judge.name
    }

    fn prepare(&self, texts: &[&str]) {
        // A batch that fails is embedded again one text at a time below.
        self.judge.cache.fill_batch(&self.judge.base, texts);
    }

    fn probabilities(&self, input: &vane_read::JudgeInput<'_>) -> Option<[f32; 4]> {
        let rules = input.rules();
        self.judge
            .probs(&Candidate {
                proposition: &input.question.proposition,
                sentence: input.sentence,
                previous: input.previous,
                asked: input.asked,
                rules: &rules,
            })
            .ok()
    }

    fn none_cut(&self) -> f32 {
        self.none_cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four separable classes in 6 dimensions, with noise.
    fn data() -> (Vec<Vec<f32>>, Vec<usize>) {
        let mut rng = Rng::new(3);
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..120 {
            let y = i % 4;
            let x: Vec<f32> = (0..6)
                .map(|j| f32::from(u8::from(j == y)) + rng.unit() * 0.5)
                .collect();
            xs.push(x);
            ys.push(y);
        }
        (xs, ys)
    }

    fn logits(h: &Head, x: &[f32]) -> [f32; 4] {
        // The log-probabilities are the logits up to a shared constant.
        let p = h.probs(x);
        let m = p.iter().map(|v| v.ln()).sum::<f32>() / 4.0;
        [p[0].ln() - m, p[1].ln() - m, p[2].ln() - m, p[3].ln() - m]
    }

    /// Trains `opts.members` heads merged and each member alone, checks that
    /// the merged head's logits are the members' mean, and returns it.
    fn merged_is_the_mean_of_its_members(opts: &TrainOpts) -> Head {
        let (xs, ys) = data();
        let merged = train(&xs, &ys, opts).unwrap();
        let members: Vec<Head> = (0..opts.members as u64)
            .map(|i| {
                let seed = opts.seed + i;
                train_one(
                    &xs,
                    &ys,
                    &TrainOpts {
                        seed,
                        ..opts.clone()
                    },
                )
                .unwrap()
            })
            .collect();
        let k = members.len() as f32;
        for x in xs.iter().take(20) {
            let got = logits(&merged, x);
            let mut want = [0f32; 4];
            for h in &members {
                want.iter_mut()
                    .zip(logits(h, x))
                    .for_each(|(w, l)| *w += l / k);
            }
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 1e-3, "{got:?} against {want:?}");
            }
        }
        merged
    }

    #[test]
    fn members_merge_into_one_head_whose_logits_are_their_mean() {
        let merged = merged_is_the_mean_of_its_members(&TrainOpts {
            hidden: 8,
            epochs: 5,
            dropout: 0.2,
            members: 3,
            ..TrainOpts::default()
        });
        assert_eq!(merged.hidden, 24);
    }

    #[test]
    fn linear_members_merge_into_one_linear_head() {
        let merged = merged_is_the_mean_of_its_members(&TrainOpts {
            hidden: 0,
            epochs: 5,
            members: 2,
            ..TrainOpts::default()
        });
        assert_eq!(merged.hidden, 0);
    }

    #[test]
    fn training_with_dropout_is_the_same_twice_and_learns() {
        let (xs, ys) = data();
        let opts = TrainOpts {
            hidden: 8,
            epochs: 100,
            lr: 1e-2,
            batch: 16,
            dropout: 0.3,
            ..TrainOpts::default()
        };
        let a = train(&xs, &ys, &opts).unwrap();
        let b = train(&xs, &ys, &opts).unwrap();
        assert_eq!(a.w1, b.w1);
        let right = xs
            .iter()
            .zip(&ys)
            .filter(|(x, y)| {
                let p = a.probs(x);
                (0..4).max_by(|i, j| p[*i].total_cmp(&p[*j])) == Some(**y)
            })
            .count();
        assert!(right >= 100, "{right} of 120 right");
    }
}
