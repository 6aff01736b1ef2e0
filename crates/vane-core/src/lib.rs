//! Weathervane's domain vocabulary.
//!
//! Plain data, no IO, no serialization. Every other crate speaks in these
//! types. The wire formats (JSONL exports, the SQLite schema) live at the
//! edges and convert from and to them.
//!
//! Offsets are **byte** offsets into the document text (Rust `str` indexing).
//! Exports convert them to code points at the edge (see [`CharIndex`]).

mod actor;
mod span;
mod time;

pub use actor::*;
pub use span::*;
pub use time::*;

use std::fmt;

/// A stable document identifier: the hex SHA-256 of the document text
/// (after front matter is removed). Ingesting the same text twice yields
/// the same id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub String);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A document as stored: immutable text plus metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: DocId,
    /// Where it came from, relative to the ingested folder when known
    /// (used as the `document` field of exports).
    pub name: String,
    pub title: Option<String>,
    /// The publication date; `None` when the document is undated.
    pub published: Option<Date>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The text, immutable. Every span in the system indexes it.
    pub text: String,
}

/// How a statement is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatementKind {
    /// A full quotation in quotation marks.
    Direct,
    /// Some quoted words inside the reporter's own sentence.
    Partial,
    /// Reported speech without quotation marks ("said that ...").
    Indirect,
    /// A reported act ("directed a pause in deliveries").
    Action,
    /// A speaker's turn in a transcript.
    Turn,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Partial => "partial",
            StatementKind::Indirect => "indirect",
            StatementKind::Action => "action",
            StatementKind::Turn => "direct",
        }
    }
}

/// A sentence of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub range: TextRange,
}

/// What kind of expression a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// "Marco Rubio", "U.S. Secretary of State Marco Rubio".
    Name,
    /// "Rubio", after a full mention.
    Surname,
    /// "the president", "the Secretary of Defense".
    Title,
    /// "he", "she", "they".
    Pronoun,
    /// "the White House", "Moscow".
    Metonym,
    /// "a senior administration official".
    Anonymous,
    /// A transcript speaker label ("MR. KIRBY:").
    SpeakerLabel,
}

/// A mention of an actor in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub range: TextRange,
    pub kind: MentionKind,
    /// The resolved actor, if any.
    pub actor: Option<ActorId>,
    /// True for an actor created from the text alone (not in the knowledge base).
    pub provisional: bool,
}

/// A reported speech act: who (source) said (cue) what (content).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The source span(s); empty when the text names no source.
    pub source: Vec<TextRange>,
    pub cue: Vec<TextRange>,
    /// The content, possibly discontinuous.
    pub content: Vec<TextRange>,
    pub kind: StatementKind,
    /// The resolved speaker.
    pub actor: Option<ActorId>,
}

/// A reported act, such as a pause of deliveries or a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// The agent span.
    pub agent: Vec<TextRange>,
    /// The verb phrase ("directed a pause").
    pub trigger: TextRange,
    /// The whole clause that reports the act: the evidence.
    pub range: TextRange,
    pub class: ActionClass,
    pub actor: Option<ActorId>,
    /// True when the text says the act was reported second-hand ("reportedly").
    pub reported: bool,
    /// True when the text says it was done without informing someone ("without informing the White House").
    pub uncoordinated: bool,
}

/// The kinds of act the pipeline recognises, with their CAMEO codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionClass {
    /// Aid paused, halted, stopped, suspended, withheld (CAMEO 1622 family).
    AidPause,
    /// Aid resumed (CAMEO 0631 family, restore aid).
    AidResume,
    /// Aid sent, delivered, approved, authorized (CAMEO 07 provide aid).
    AidSend,
    /// Aid requested, asked for (CAMEO 0233 appeal for military aid).
    AidRequest,
    /// A meeting (CAMEO 04x consult).
    Meet,
    /// A welcome or approval of something (CAMEO 051 praise/endorse).
    Welcome,
    /// A rejection or condemnation (CAMEO 11x disapprove); also a stance
    /// taken in a noun ("her objection to the deal").
    Reject,
    /// An act or a decision reported in any wording whose direction depends
    /// on its object ("raised", "hosted", "her decision to ..."): which way
    /// it points on a question is read from its clause. CAMEO has no one code.
    Decide,
    /// An act that puts its object in place ("imposed", "signed", "the
    /// proclamation of ..."): read from its clause, else for its object.
    Enact,
    /// An act that stops, revokes or condemns its object ("lifted",
    /// "revoked", "vetoed"): read from its clause, else against its object.
    Undo,
    /// Support taken in a noun ("his support for the accession"; CAMEO 051).
    Endorse,
}

impl ActionClass {
    /// The CAMEO event code; "0" for a generic act (`Decide`, `Enact`, `Undo`).
    pub fn cameo(self) -> &'static str {
        match self {
            ActionClass::AidPause => "1622",
            ActionClass::AidResume => "0632",
            ActionClass::AidSend => "0732",
            ActionClass::AidRequest => "0233",
            ActionClass::Meet => "044",
            ActionClass::Welcome => "051",
            ActionClass::Reject => "111",
            ActionClass::Decide | ActionClass::Enact | ActionClass::Undo => "0",
            ActionClass::Endorse => "051",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ActionClass::AidPause => "aid-pause",
            ActionClass::AidResume => "aid-resume",
            ActionClass::AidSend => "aid-send",
            ActionClass::AidRequest => "aid-request",
            ActionClass::Meet => "meet",
            ActionClass::Welcome => "welcome",
            ActionClass::Reject => "reject",
            ActionClass::Decide => "decide",
            ActionClass::Enact => "enact",
            ActionClass::Undo => "undo",
            ActionClass::Endorse => "endorse",
        }
    }
}

/// A question the user watches.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Question {
    pub id: String,
    pub proposition: String,
    pub aliases: Vec<String>,
    /// Key terms; when empty they are derived from the proposition.
    pub terms: Vec<String>,
    pub support_examples: Vec<String>,
    pub oppose_examples: Vec<String>,
}

/// A stance toward a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    Support,
    Oppose,
    /// An explicit refusal to commit, or "no decision has been made".
    Neutral,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
            Stance::Neutral => "neutral",
        }
    }
    pub fn parse(s: &str) -> Option<Stance> {
        match s {
            "support" => Some(Stance::Support),
            "oppose" => Some(Stance::Oppose),
            "neutral" => Some(Stance::Neutral),
            _ => None,
        }
    }
    /// Support and oppose are opposite; neutral is opposite to neither.
    pub fn opposes(self, other: Stance) -> bool {
        matches!(
            (self, other),
            (Stance::Support, Stance::Oppose) | (Stance::Oppose, Stance::Support)
        )
    }
}

/// How a position was expressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modality {
    Statement,
    Commitment,
    Refusal,
    Act,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Statement => "statement",
            Modality::Commitment => "commitment",
            Modality::Refusal => "refusal",
            Modality::Act => "act",
        }
    }
    pub fn parse(s: &str) -> Option<Modality> {
        match s {
            "statement" => Some(Modality::Statement),
            "commitment" => Some(Modality::Commitment),
            "refusal" => Some(Modality::Refusal),
            "act" => Some(Modality::Act),
            _ => None,
        }
    }
}

/// Where a fact comes from: a document and a byte range of its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Evidence {
    pub doc: DocId,
    pub range: TextRange,
}

/// A position: an actor took a stance on a question, at a valid time, as
/// recorded at a recorded time, on the evidence of a span of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    pub question: String,
    pub actor: ActorId,
    /// The actor's display name at the time.
    pub actor_name: String,
    pub government: Gov,
    /// The authority rank the actor held at the valid time.
    pub rank: Rank,
    pub stance: Stance,
    /// A qualifier such as "at least some defensive weapons".
    pub qualifier: Option<String>,
    pub kind: StatementKind,
    pub modality: Modality,
    /// Confidence in [0, 1].
    pub confidence: f32,
    pub valid: ValidTime,
    pub recorded: RecordedTime,
    pub evidence: Evidence,
    /// True when the text reports it second-hand ("reportedly").
    pub reported: bool,
    /// True when the act was taken without informing a superior.
    pub uncoordinated: bool,
    /// Who decided the stance, and by which rules.
    pub why: Why,
}

/// How a position was decided: by the rules (each rule that fired, by id)
/// or by a learned judge (its name and the probability it gave the stance).
/// The rules' vetoes apply to both, so a judged position lists the checks it
/// passed as well.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Why {
    /// `rules`, or the learned judge's name.
    pub judge: String,
    /// The ids of the rules that decided it, in the order they fired.
    pub rules: Vec<String>,
    /// The learned judge's probability for the stance it chose.
    pub probability: Option<f32>,
}

impl Why {
    /// A position the rules decided.
    pub fn rules(ids: &[&str]) -> Why {
        Why {
            judge: "rules".into(),
            rules: ids.iter().map(|s| s.to_string()).collect(),
            probability: None,
        }
    }

    /// One line: `rules: a, b` or `judge minilm (p 0.91): a, b`.
    pub fn summary(&self) -> String {
        let ids = self.rules.join(", ");
        match self.probability {
            Some(p) => format!("{} (p {p:.2}): {ids}", self.judge),
            None if self.judge.is_empty() => ids,
            None => format!("{}: {ids}", self.judge),
        }
    }
}
