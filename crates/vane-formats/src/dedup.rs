//! Near-duplicate detection: MinHash signatures over word shingles, with
//! LSH banding for lookup.
//!
//! Texts are lowercased and cut into `\w+`-like words (alphanumeric runs);
//! shingles are runs of [`SHINGLE`] words. Two texts' estimated Jaccard
//! similarity is the share of equal signature slots. Deterministic: fixed
//! seeds, no randomness.

use std::collections::HashMap;

use vane_core::DocId;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Signature length.
pub const HASHES: usize = 128;
/// LSH bands (rows per band = HASHES / BANDS). 32 bands of 4 rows find pairs
/// above about 0.5 Jaccard with high probability.
const BANDS: usize = 32;
const ROWS: usize = HASHES / BANDS;

/// A MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub Vec<u64>);

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The text's words, lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Signature {
    /// The signature of a text. A text shorter than one shingle hashes its
    /// words as a single shingle; an empty text has an all-`u64::MAX`
    /// signature, similar to nothing.
    pub fn of(text: &str) -> Signature {
        let w = words(text);
        let mut sig = vec![u64::MAX; HASHES];
        if w.is_empty() {
            return Signature(sig);
        }
        let n = SHINGLE.min(w.len());
        for win in w.windows(n) {
            let mut h = 0xcbf2_9ce4_8422_2325;
            for word in win {
                h = fnv(word.as_bytes(), h);
                h = fnv(b" ", h);
            }
            for (i, slot) in sig.iter_mut().enumerate() {
                let v = mix(h ^ mix(i as u64 + 1));
                if v < *slot {
                    *slot = v;
                }
            }
        }
        Signature(sig)
    }

    /// Estimated Jaccard similarity of the two texts' shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.iter().all(|&v| v == u64::MAX) || other.0.iter().all(|&v| v == u64::MAX) {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len().max(1) as f64
    }

    fn bands(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(i, c)| (i, c.iter().fold(0xcbf2_9ce4_8422_2325, |h, &v| mix(h ^ v))))
    }
}

/// A near-duplicate index: remembers the first copy of each text.
#[derive(Clone, Debug)]
pub struct Index {
    threshold: f64,
    sigs: Vec<(DocId, Signature)>,
    buckets: HashMap<(usize, u64), Vec<usize>>,
}

/// A near-duplicate found by [`Index::check`].
#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate {
    /// The first copy seen.
    pub of: DocId,
    /// Estimated Jaccard similarity, `threshold..=1.0`.
    pub similarity: f64,
}

impl Default for Index {
    fn default() -> Self {
        Index::new(0.8)
    }
}

impl Index {
    /// An index reporting pairs whose estimated Jaccard similarity is at
    /// least `threshold` (0.8 by default).
    pub fn new(threshold: f64) -> Index {
        Index {
            threshold,
            sigs: Vec::new(),
            buckets: HashMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.sigs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sigs.is_empty()
    }

    /// The most similar indexed text at or above the threshold, if any.
    pub fn find(&self, text: &str) -> Option<Duplicate> {
        self.find_sig(&Signature::of(text))
    }

    fn find_sig(&self, sig: &Signature) -> Option<Duplicate> {
        let mut best: Option<(usize, f64)> = None;
        let mut seen = std::collections::HashSet::new();
        for key in sig.bands() {
            for &i in self.buckets.get(&key).into_iter().flatten() {
                if !seen.insert(i) {
                    continue;
                }
                let s = sig.similarity(&self.sigs[i].1);
                // Ties go to the earliest copy.
                if s >= self.threshold && best.is_none_or_lower(s, i) {
                    best = Some((i, s));
                }
            }
        }
        best.map(|(i, s)| Duplicate {
            of: self.sigs[i].0.clone(),
            similarity: s,
        })
    }

    /// Checks a new document: returns the near-duplicate first copy if there
    /// is one (the text is then not indexed), else indexes it and returns
    /// `None`.
    pub fn check(&mut self, id: &DocId, text: &str) -> Option<Duplicate> {
        let sig = Signature::of(text);
        if let Some(d) = self.find_sig(&sig) {
            return Some(d);
        }
        if let Some((i, _)) = self.sigs.iter().enumerate().find(|(_, (d, _))| d == id) {
            return Some(Duplicate {
                of: self.sigs[i].0.clone(),
                similarity: 1.0,
            });
        }
        let at = self.sigs.len();
        for key in sig.bands() {
            self.buckets.entry(key).or_default().push(at);
        }
        self.sigs.push((id.clone(), sig));
        None
    }
}

trait Better {
    fn is_none_or_lower(&self, s: f64, i: usize) -> bool;
}

impl Better for Option<(usize, f64)> {
    fn is_none_or_lower(&self, s: f64, i: usize) -> bool {
        match *self {
            None => true,
            Some((j, t)) => s > t || (s == t && i < j),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> DocId {
        DocId(s.to_string())
    }

    #[test]
    fn finds_near_duplicates_only() {
        let a = "The Secretary of State said on Tuesday that the United States would pause \
                 deliveries of artillery shells to the region until a review is complete, \
                 according to a statement released by the department late in the evening.";
        let b = format!("{a} Reporting by Jane Doe.");
        let c = "Officials in Brussels met on Wednesday to discuss new sanctions against \
                 several companies accused of supplying drone components, diplomats said.";
        let mut ix = Index::default();
        assert_eq!(ix.check(&id("a"), a), None);
        let d = ix.check(&id("b"), &b).expect("b duplicates a");
        assert_eq!(d.of, id("a"));
        assert!(d.similarity >= 0.8);
        assert_eq!(ix.check(&id("c"), c), None);
        assert_eq!(ix.len(), 2);
        assert!(Signature::of(a).similarity(&Signature::of(c)) < 0.2);
        assert_eq!(Signature::of("").similarity(&Signature::of("")), 0.0);
        assert_eq!(ix.check(&id("e"), ""), None);
        assert_eq!(
            ix.check(&id("e"), ""),
            Some(Duplicate {
                of: id("e"),
                similarity: 1.0
            })
        );
    }
}
