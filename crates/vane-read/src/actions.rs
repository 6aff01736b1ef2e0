//! Reported acts: aid paused, halted, resumed, sent; meetings; welcomes.
//!
//! Rules over one sentence at a time. The agent is the nearest resolved
//! actor mention before the trigger in the same sentence, or, for a passive
//! ("was welcomed by Moscow"), the mention after "by".

use crate::lexicon;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};
use vane_core::{Action, ActionClass, Mention, MentionKind, TextRange};

struct Rule {
    class: ActionClass,
    /// Lowercase words one of which must occur for the pattern to match:
    /// a cheap test that spares most sentences the regex.
    needs: &'static [&'static str],
    re: Regex,
}

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let r = |class, needs, pat: &str| Rule {
            class,
            needs,
            re: Regex::new(pat).expect("valid action regex"),
        };
        vec![
            r(ActionClass::AidPause, &["pause", "halt", "freeze", "suspen", "froze", "withheld", "stopped", "cut"], r"(?i)\b(?:(?:directed|ordered|announced|imposed|approved)\s+(?:a|an|the)\s+(?:pause|halt|freeze|suspension)|(?:paused|halted|suspended|froze|withheld|stopped|cut\s+off))\b"),
            r(ActionClass::AidResume, &["resum", "restarted"], r"(?i)\b(?:resumed|restarted|(?:ordered|directed|announced)\s+(?:a|an|the)\s+resumption)\b"),
            r(ActionClass::AidSend, &["sent", "delivered", "shipped", "approved", "authorized", "announced", "decided", "recommended"], r"(?i)\b(?:sent|delivered|shipped|approved|authorized|announced\s+(?:a|an|the)\s+(?:new\s+)?(?:\$[\d.,]+\s*(?:million|billion)\s+)?(?:package|tranche|drawdown)|(?:ultimately\s+)?decided\b[^.;]{0,90}?\bto\s+(?:move\s+forward|proceed|provide|send|go\s+ahead)|recommended\s+(?:this|that|the)\s+(?:step|decision|move))\b"),
            r(ActionClass::AidRequest, &["request", "asked for", "asking for"], r"(?i)\b(?:requested|requesting|asked\s+for|asking\s+for|(?:made|making)\s+(?:a|the)\s+request\s+for)\b"),
            r(ActionClass::Meet, &["met", "talks", "meet"], r"(?i)\b(?:met\s+with|held\s+talks\s+with|will\s+meet\s+(?:with\s+)?)\b"),
            r(ActionClass::Welcome, &["welcomed", "praised", "hailed", "applauded"], r"(?i)\b(?:welcomed|praised|hailed|applauded)\b"),
        ]
    })
}

fn uncoordinated_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\bwithout\s+(?:first\s+)?(?:informing|consulting|telling|notifying|coordinating|the\s+knowledge\s+of)\b|\bcatching\s+.{1,60}\boff\s+guard\b")
            .expect("valid regex")
    })
}

/// Lexicon class `aid_words` (data/lexicon.toml).
static AID_WORDS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("aid_words"));

/// Finds the acts reported in `text[sentence]`. `mentions` are the
/// document's resolved mentions, in text order.
pub fn find(text: &str, sentence: TextRange, mentions: &[Mention]) -> Vec<Action> {
    let s = &text[sentence.range()];
    let lc = s.to_lowercase();
    let mut out = Vec::new();
    for rule in rules() {
        if !rule.needs.iter().any(|w| lc.contains(w)) {
            continue;
        }
        for m in rule.re.find_iter(s) {
            let trig = TextRange::new(sentence.start + m.start(), sentence.start + m.end());
            let after = &s[m.end()..];
            let after_lc: String = after.chars().take(80).collect::<String>().to_lowercase();
            // An object that points back at what is being discussed
            // ("approved it", "this step") counts when the topic is aid:
            // relevance is decided later, against the questions.
            let anaphoric = {
                let head: String = after_lc
                    .chars()
                    .take(12)
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .collect();
                let m_lc = m.as_str().to_lowercase();
                [" it", " them", " this", " that"].iter().any(|a| {
                    head.starts_with(a) && !head[a.len()..].starts_with(char::is_alphanumeric)
                }) || m_lc.contains(" step")
                    || m_lc.contains(" decision")
                    || m_lc.contains(" move")
                    || m_lc.ends_with("move forward")
                    || m_lc.ends_with("proceed")
                    || m_lc.ends_with("go ahead")
            };
            let aid = anaphoric || AID_WORDS.iter().any(|w| after_lc.contains(w));
            if matches!(
                rule.class,
                ActionClass::AidPause
                    | ActionClass::AidResume
                    | ActionClass::AidSend
                    | ActionClass::AidRequest
            ) && !aid
            {
                continue;
            }
            let before_lc = s[..m.start()].to_lowercase();
            // "has been requesting" is progressive, not passive.
            let progressive = m.as_str().to_lowercase().ends_with("ing");
            let passive = !progressive
                && (before_lc.trim_end().ends_with("was")
                    || before_lc.trim_end().ends_with("were")
                    || before_lc.trim_end().ends_with("was reportedly")
                    || before_lc.trim_end().ends_with("been"));
            let agent = if passive {
                let by = after.to_lowercase().find("by ").filter(|&i| i < 12);
                by.and_then(|i| {
                    let at = trig.end + i + 3;
                    mentions
                        .iter()
                        .find(|mm| {
                            mm.range.start >= at && mm.range.start < at + 4 && mm.actor.is_some()
                        })
                        .cloned()
                })
            } else if let Some(p) = pronoun_subject_re().find(&s[..m.start()]) {
                // "as it has requested these munitions", "they reached out and
                // requested them": the government last named before the pronoun.
                let at = sentence.start + p.start();
                government_before(at, mentions).map(|g| Mention {
                    range: TextRange::new(at, at + p.as_str().trim_end().len()),
                    kind: MentionKind::Pronoun,
                    actor: g.actor.clone(),
                    provisional: g.provisional,
                })
            } else {
                mentions
                    .iter()
                    .filter(|mm| {
                        mm.actor.is_some()
                            && mm.kind != MentionKind::SpeakerLabel
                            && mm.range.start >= sentence.start
                            && mm.range.end <= trig.start
                    })
                    .rfind(|mm| !inside_without_clause(text, sentence, mm.range, trig))
                    // "Kirby said the administration had approved this step":
                    // the one who speaks of an act is not its agent.
                    .filter(|mm| !speech_re().is_match(&text[mm.range.end..trig.start]))
                    .cloned()
            };
            let Some(agent) = agent else { continue };
            let reported = s.to_lowercase().contains("reportedly")
                || s.to_lowercase().contains("according to");
            let uncoordinated = uncoordinated_re().find(&s[..m.start()]).is_some();
            let start = if passive {
                trig.start
            } else {
                agent.range.start.min(trig.start)
            };
            let end = {
                let t = s.trim_end();
                let t = t.trim_end_matches(['.', '"', '”']);
                (sentence.start + t.len()).max(trig.end)
            };
            let start = if passive {
                // "was reportedly welcomed by Moscow": start at the auxiliary.
                let pre = &s[..m.start()];
                let aux = pre
                    .rfind("was")
                    .or_else(|| pre.rfind("were"))
                    .unwrap_or(m.start());
                sentence.start + aux
            } else {
                start
            };
            out.push(Action {
                agent: vec![agent.range],
                trigger: trig,
                range: TextRange::new(start.min(end), end),
                class: rule.class,
                actor: agent.actor.clone(),
                reported,
                uncoordinated,
            });
        }
    }
    out.sort_by_key(|a| a.trigger.start);
    out
}

/// A verb of speaking: a mention before it is the speaker, not an agent.
fn speech_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:said|says|told|tells|stated|added|noted|confirmed|explained)\b")
            .expect("valid regex")
    })
}

/// "it" or "they" as the subject right before a trigger, with its
/// auxiliaries: "as it has", "they reached out and".
fn pronoun_subject_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:it|they)\s+(?:(?:has|have|had)\s+)?(?:been\s+)?(?:(?:also|already|now|repeatedly|formally)\s+)?(?:reached\s+out\s+and\s+)?$")
            .expect("valid regex")
    })
}

/// How far back a pronoun looks for the government it stands for.
const PRONOUN_REACH: usize = 600;

/// The government a pronoun at `at` stands for: the nearest actor mention
/// before it (speaker labels aside), within reach, when that mention is a
/// government; `None` when the nearest is anyone else.
fn government_before(at: usize, mentions: &[Mention]) -> Option<&Mention> {
    let from = at.saturating_sub(PRONOUN_REACH);
    let m = mentions.iter().rfind(|mm| {
        mm.actor.is_some()
            && mm.kind != MentionKind::SpeakerLabel
            && mm.kind != MentionKind::Pronoun
            && mm.range.start >= from
            && mm.range.end <= at
    })?;
    m.actor
        .as_ref()
        .is_some_and(|a| a.0.starts_with("gov-"))
        .then_some(m)
}

/// True when `m` sits inside a "without informing X" clause that ends before the trigger.
fn inside_without_clause(text: &str, sentence: TextRange, m: TextRange, trig: TextRange) -> bool {
    let s = &text[sentence.start..trig.start];
    if let Some(w) = uncoordinated_re().find(s) {
        let w_start = sentence.start + w.start();
        // The clause runs to the next comma.
        let clause_end = text[w_start..trig.start]
            .find(',')
            .map_or(trig.start, |i| w_start + i);
        return m.start >= w_start && m.end <= clause_end;
    }
    false
}

/// Does the sentence open with an anaphor to an earlier act ("This move", "The decision")?
pub fn refers_back(sentence_text: &str) -> bool {
    let lc = sentence_text.trim_start().to_lowercase();
    [
        "this move",
        "the move",
        "this decision",
        "the decision",
        "the pause",
        "this pause",
        "that decision",
        "that move",
        "the halt",
        "this step",
        "it ",
    ]
    .iter()
    .any(|p| lc.starts_with(p))
}
#[cfg(test)]
mod tests {
    use super::*;
    use vane_core::{ActorId, MentionKind};

    fn person(id: &str, start: usize, end: usize) -> Mention {
        Mention {
            range: TextRange::new(start, end),
            kind: MentionKind::Name,
            actor: Some(ActorId(id.into())),
            provisional: false,
        }
    }

    fn ukraine(start: usize) -> Mention {
        Mention {
            range: TextRange::new(start, start + 7),
            kind: MentionKind::Metonym,
            actor: Some(ActorId("gov-ukr".into())),
            provisional: false,
        }
    }

    #[test]
    fn progressive_is_not_passive() {
        let text = "In this environment, Ukraine has been requesting cluster munitions.";
        let a = find(text, TextRange::new(0, text.len()), &[ukraine(21)]);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].class, ActionClass::AidRequest);
        assert_eq!(a[0].actor, Some(ActorId("gov-ukr".into())));
    }

    #[test]
    fn pronoun_agent_is_the_government_last_named() {
        let text = "We are coordinating with Ukraine, as it has requested these munitions.";
        let a = find(text, TextRange::new(0, text.len()), &[ukraine(25)]);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].actor, Some(ActorId("gov-ukr".into())));
        // The evidence starts at the pronoun, not at the antecedent.
        assert_eq!(&text[a[0].range.range()][..6], "it has");
        let text = "Kirby met Ukraine. Then he said they reached out and requested them.";
        let kirby = Mention {
            kind: MentionKind::Pronoun,
            ..person("john-kirby", 24, 26)
        };
        let a = find(text, TextRange::new(19, text.len()), &[ukraine(10), kirby]);
        assert_eq!(a[0].actor, Some(ActorId("gov-ukr".into())), "{a:?}");
    }

    #[test]
    fn the_speaker_of_an_act_is_not_its_agent() {
        let text = "Kirby said the administration had approved this step.";
        let kirby = person("john-kirby", 0, 5);
        assert!(find(
            text,
            TextRange::new(0, text.len()),
            std::slice::from_ref(&kirby)
        )
        .is_empty());
        let text = "Kirby approved this step.";
        assert_eq!(find(text, TextRange::new(0, text.len()), &[kirby]).len(), 1);
    }

    #[test]
    fn anaphoric_object_counts() {
        let text = "So, Ukraine reached out and requested them.";
        let a = find(text, TextRange::new(0, text.len()), &[ukraine(4)]);
        assert_eq!(a.len(), 1, "{a:?}");
    }
}
