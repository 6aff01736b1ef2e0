//! Cue lexicon: the verbs and phrases that report speech or thought.

/// How a cue word behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// A verb of saying that takes a clause or a quote ("said", "warned").
    Say,
    /// A verb of saying whose first object is the hearer ("told reporters that").
    Tell,
    /// A transitive verb whose object is the content ("dismissed X as Y",
    /// "denied the report"). Indirect only with a clear source.
    Object,
    /// A verb of thought or belief ("believes", "thinks"): indirect only.
    Think,
}

/// Finite and participial forms of cue verbs, lowercase, sorted for binary search.
static CUES: &[(&str, CueClass)] = &[
    ("accused", CueClass::Object),
    ("accuses", CueClass::Object),
    ("accusing", CueClass::Object),
    ("acknowledge", CueClass::Say),
    ("acknowledged", CueClass::Say),
    ("acknowledges", CueClass::Say),
    ("acknowledging", CueClass::Say),
    ("add", CueClass::Say),
    ("added", CueClass::Say),
    ("adding", CueClass::Say),
    ("adds", CueClass::Say),
    ("admit", CueClass::Say),
    ("admits", CueClass::Say),
    ("admitted", CueClass::Say),
    ("admitting", CueClass::Say),
    ("agree", CueClass::Say),
    ("agreed", CueClass::Say),
    ("agrees", CueClass::Say),
    ("announce", CueClass::Say),
    ("announced", CueClass::Say),
    ("announces", CueClass::Say),
    ("announcing", CueClass::Say),
    ("applauded", CueClass::Object),
    ("argue", CueClass::Say),
    ("argued", CueClass::Say),
    ("argues", CueClass::Say),
    ("arguing", CueClass::Say),
    ("asked", CueClass::Tell),
    ("asks", CueClass::Tell),
    ("assert", CueClass::Say),
    ("asserted", CueClass::Say),
    ("asserting", CueClass::Say),
    ("asserts", CueClass::Say),
    ("assure", CueClass::Tell),
    ("assured", CueClass::Tell),
    ("assures", CueClass::Tell),
    ("attacked", CueClass::Object),
    ("attacking", CueClass::Object),
    ("believe", CueClass::Think),
    ("believed", CueClass::Think),
    ("believes", CueClass::Think),
    ("blamed", CueClass::Object),
    ("blaming", CueClass::Object),
    ("blasted", CueClass::Object),
    ("blasting", CueClass::Object),
    ("boasted", CueClass::Say),
    ("bragged", CueClass::Say),
    ("branded", CueClass::Object),
    ("called", CueClass::Object),
    ("calling", CueClass::Object),
    ("calls", CueClass::Object),
    ("cautioned", CueClass::Say),
    ("characterized", CueClass::Object),
    ("charged", CueClass::Say),
    ("chided", CueClass::Object),
    ("cited", CueClass::Object),
    ("cites", CueClass::Object),
    ("citing", CueClass::Object),
    ("claim", CueClass::Say),
    ("claimed", CueClass::Say),
    ("claiming", CueClass::Say),
    ("claims", CueClass::Say),
    ("complain", CueClass::Say),
    ("complained", CueClass::Say),
    ("complaining", CueClass::Say),
    ("complains", CueClass::Say),
    ("conceded", CueClass::Say),
    ("concedes", CueClass::Say),
    ("concluded", CueClass::Say),
    ("condemned", CueClass::Object),
    ("condemning", CueClass::Object),
    ("confirmed", CueClass::Say),
    ("contend", CueClass::Say),
    ("contended", CueClass::Say),
    ("contends", CueClass::Say),
    ("continued", CueClass::Say),
    ("countered", CueClass::Say),
    ("criticized", CueClass::Object),
    ("criticizes", CueClass::Object),
    ("criticizing", CueClass::Object),
    ("declare", CueClass::Say),
    ("declared", CueClass::Say),
    ("declares", CueClass::Say),
    ("declaring", CueClass::Say),
    ("declined", CueClass::Say),
    ("decried", CueClass::Object),
    ("defended", CueClass::Object),
    ("defending", CueClass::Object),
    ("defends", CueClass::Object),
    ("denied", CueClass::Object),
    ("denies", CueClass::Object),
    ("denounced", CueClass::Object),
    ("denouncing", CueClass::Object),
    ("deny", CueClass::Object),
    ("denying", CueClass::Object),
    ("described", CueClass::Object),
    ("describes", CueClass::Object),
    ("describing", CueClass::Object),
    ("dismiss", CueClass::Object),
    ("dismissed", CueClass::Object),
    ("dismisses", CueClass::Object),
    ("dismissing", CueClass::Object),
    ("echoed", CueClass::Object),
    ("echoing", CueClass::Object),
    ("emphasized", CueClass::Say),
    ("emphasizing", CueClass::Say),
    ("endorsed", CueClass::Object),
    ("endorsing", CueClass::Object),
    ("estimated", CueClass::Say),
    ("estimates", CueClass::Say),
    ("explain", CueClass::Say),
    ("explained", CueClass::Say),
    ("explaining", CueClass::Say),
    ("explains", CueClass::Say),
    ("fear", CueClass::Think),
    ("feared", CueClass::Think),
    ("fears", CueClass::Think),
    ("finds", CueClass::Say),
    ("found", CueClass::Say),
    ("hailed", CueClass::Object),
    ("highlighted", CueClass::Object),
    ("hope", CueClass::Think),
    ("hoped", CueClass::Think),
    ("hopes", CueClass::Think),
    ("hoping", CueClass::Say),
    ("indicated", CueClass::Say),
    ("insist", CueClass::Say),
    ("insisted", CueClass::Say),
    ("insisting", CueClass::Say),
    ("insists", CueClass::Say),
    ("joked", CueClass::Say),
    ("labeled", CueClass::Object),
    ("lambasted", CueClass::Object),
    ("maintained", CueClass::Say),
    ("maintains", CueClass::Say),
    ("mentioned", CueClass::Say),
    ("mocked", CueClass::Object),
    ("mocking", CueClass::Object),
    ("note", CueClass::Say),
    ("noted", CueClass::Say),
    ("notes", CueClass::Say),
    ("noting", CueClass::Say),
    ("observed", CueClass::Say),
    ("opposed", CueClass::Object),
    ("opposes", CueClass::Object),
    ("ordered", CueClass::Object),
    ("pledged", CueClass::Say),
    ("pledging", CueClass::Say),
    ("posted", CueClass::Say),
    ("praised", CueClass::Object),
    ("praises", CueClass::Object),
    ("praising", CueClass::Object),
    ("predicted", CueClass::Say),
    ("predicting", CueClass::Say),
    ("predicts", CueClass::Say),
    ("promise", CueClass::Say),
    ("promised", CueClass::Say),
    ("promises", CueClass::Say),
    ("promising", CueClass::Say),
    ("proposed", CueClass::Object),
    ("proposing", CueClass::Object),
    ("questioned", CueClass::Say),
    ("questioning", CueClass::Say),
    ("quipped", CueClass::Say),
    ("recalled", CueClass::Say),
    ("recalling", CueClass::Say),
    ("recalls", CueClass::Say),
    ("refused", CueClass::Say),
    ("refusing", CueClass::Say),
    ("reiterated", CueClass::Say),
    ("rejected", CueClass::Object),
    ("rejecting", CueClass::Object),
    ("remarked", CueClass::Say),
    ("reminded", CueClass::Tell),
    ("replied", CueClass::Say),
    ("reported", CueClass::Say),
    ("reports", CueClass::Say),
    ("responded", CueClass::Say),
    ("retorted", CueClass::Say),
    ("revealed", CueClass::Say),
    ("ridiculed", CueClass::Object),
    ("said", CueClass::Say),
    ("say", CueClass::Say),
    ("saying", CueClass::Say),
    ("says", CueClass::Say),
    ("scolded", CueClass::Object),
    ("show", CueClass::Say),
    ("showed", CueClass::Say),
    ("shows", CueClass::Say),
    ("slammed", CueClass::Object),
    ("slamming", CueClass::Object),
    ("state", CueClass::Say),
    ("stated", CueClass::Say),
    ("states", CueClass::Say),
    ("stating", CueClass::Say),
    ("stressed", CueClass::Say),
    ("stressing", CueClass::Say),
    ("suggest", CueClass::Say),
    ("suggested", CueClass::Say),
    ("suggesting", CueClass::Say),
    ("suggests", CueClass::Say),
    ("supported", CueClass::Object),
    ("tell", CueClass::Tell),
    ("telling", CueClass::Tell),
    ("tells", CueClass::Tell),
    ("think", CueClass::Think),
    ("thinks", CueClass::Think),
    ("thought", CueClass::Think),
    ("threatened", CueClass::Say),
    ("threatening", CueClass::Say),
    ("told", CueClass::Tell),
    ("touted", CueClass::Object),
    ("touting", CueClass::Object),
    ("tweeted", CueClass::Say),
    ("tweeting", CueClass::Say),
    ("urged", CueClass::Tell),
    ("urging", CueClass::Tell),
    ("vow", CueClass::Say),
    ("vowed", CueClass::Say),
    ("vowing", CueClass::Say),
    ("vows", CueClass::Say),
    ("warn", CueClass::Say),
    ("warned", CueClass::Say),
    ("warning", CueClass::Say),
    ("warns", CueClass::Say),
    ("welcomed", CueClass::Object),
    ("write", CueClass::Say),
    ("writes", CueClass::Say),
    ("writing", CueClass::Say),
    ("wrote", CueClass::Say),
];

/// The class of a cue word, if it is one (case-insensitive, ASCII).
pub(crate) fn cue_class(word: &str) -> Option<CueClass> {
    if word.len() > 16 || word.is_empty() {
        return None;
    }
    let mut buf = [0u8; 16];
    for (k, b) in word.bytes().enumerate() {
        buf[k] = b.to_ascii_lowercase();
    }
    let w = std::str::from_utf8(&buf[..word.len()]).ok()?;
    CUES.binary_search_by(|(k, _)| (*k).cmp(w))
        .ok()
        .map(|i| CUES[i].1)
}

/// Whether a cue word is a present participle ("saying", "declaring").
pub(crate) fn is_participle(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ing")
}

fn one_of(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Personal and relative pronouns that can be a source on their own.
pub(crate) fn is_pronoun(w: &str) -> bool {
    one_of(
        &["he", "she", "they", "i", "we", "you", "it", "who", "which"],
        w,
    )
}

/// Auxiliaries and adverbs that a cue may carry before its verb
/// ("has said", "also said").
pub(crate) fn is_cue_prefix(w: &str) -> bool {
    one_of(
        &[
            "has", "have", "had", "also", "later", "previously", "once", "recently", "repeatedly",
            "often", "then", "again", "publicly", "privately", "quickly", "simply", "now", "already", "since", "long", "never", "even", "openly", "flatly", "first",
        ],
        w,
    )
}

/// Words that start a new clause: a source never reaches left across them.
pub(crate) fn is_clause_word(w: &str) -> bool {
    one_of(
        &[
            "that", "and", "but", "or", "because", "when", "while", "as", "after", "before", "if",
            "since", "although", "though", "so", "where", "whom", "whose", "than", "until", "unless",
            "whether", "what", "how", "why", "nor", "yet", "is", "was", "are", "were", "be",
        ],
        w,
    )
}

/// Words that end a source NP written after its cue ("said Smith, who ...").
pub(crate) fn ends_post_source(w: &str) -> bool {
    one_of(
        &[
            "who", "which", "that", "when", "while", "during", "in", "at", "on", "after", "before",
            "because", "as", "and", "but", "to", "with", "from", "last", "this", "on", "about",
            "referring", "adding", "noting", "saying", "according", "told", "said", "since",
            "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "earlier", "recently", "outside", "onstage", "via",
        ],
        w,
    )
}

/// Leading words trimmed off a source found before its cue.
pub(crate) fn is_leading_filler(w: &str) -> bool {
    one_of(
        &[
            "but", "and", "so", "still", "yet", "however", "meanwhile", "instead", "now", "then",
            "also", "indeed", "moreover", "later", "earlier", "here", "there", "thus",
        ],
        w,
    )
}

/// Determiners and similar words that open an apposition ("a Republican").
pub(crate) fn is_det(w: &str) -> bool {
    one_of(
        &[
            "a", "an", "the", "his", "her", "their", "its", "our", "another", "one", "two",
            "former", "chairman", "chairwoman", "president", "director", "spokesman",
            "spokeswoman", "senior", "head", "leader", "executive", "founder", "co-founder",
            "chief", "secretary", "member", "partner", "professor", "author", "adviser",
            "advisor", "manager", "communications", "deputy",
        ],
        w,
    )
}
