//! From a keyword's text to normalised terms: tokenising, diacritics folding, stop words, stemming per
//! language (Snowball Dutch / English; "unknown" tries both and keeps the stem the corpus supports best),
//! the facilitators' synonyms (matched on stems, so "bikes" hits a synonym given as "bike") and the merge
//! of stems that differ only by a final "s" (Dutch Snowball stems "fiets" to "fiet" but "fietsen" to "fiets").

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::{AgendaError, Language, Settings, stopwords};

/// One word of a keyword as typed (lower-cased) and folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Lower-cased, as typed (the label shown to people).
    pub surface: String,
    /// Without diacritics and apostrophes: what is stemmed.
    pub folded: String,
}

/// One normalised term of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub key: String,
    pub surface: String,
    /// The folded word (empty for a synonym phrase): used to find compounds.
    pub folded: String,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`')
}

/// Removes combining marks after canonical decomposition: "ideeën" → "ideeen", "café" → "cafe".
pub(crate) fn fold(word: &str) -> String {
    word.nfd().filter(|&c| !is_combining_mark(c)).collect()
}

/// Splits a text into lower-cased words: letters and digits, with apostrophes inside a word kept
/// ("auto's"); everything else (spaces, hyphens, punctuation) separates. A trailing "'s" (Dutch plural,
/// English possessive) is dropped from the folded form; words of one character and bare numbers are skipped.
pub(crate) fn tokenise(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        let w = word.trim_matches('\'');
        if !w.is_empty() {
            let stem_part = w.strip_suffix("'s").unwrap_or(w);
            let folded: String = fold(&stem_part.replace('\'', ""));
            if folded.chars().count() > 1 && !folded.chars().all(|c| c.is_numeric()) {
                out.push(Token {
                    surface: w.to_string(),
                    folded,
                });
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            word.extend(c.to_lowercase());
        } else if is_apostrophe(c) && !word.is_empty() {
            word.push('\'');
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    out
}

/// Which stemmer(s) an entry gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryLang {
    Nl,
    En,
    Both,
}

/// The Dutch plurals in "-eren" (a closed class), which Snowball stems to "kinder", not "kind".
const DUTCH_EREN_PLURALS: [(&str, &str); 8] = [
    ("kinderen", "kind"),
    ("eieren", "ei"),
    ("liederen", "lied"),
    ("bladeren", "blad"),
    ("runderen", "rund"),
    ("kalveren", "kalf"),
    ("lammeren", "lam"),
    ("volkeren", "volk"),
];

struct Stems {
    nl: Stemmer,
    en: Stemmer,
    cache: HashMap<(bool, String), String>,
}

impl Stems {
    fn new() -> Self {
        Stems {
            nl: Stemmer::create(Algorithm::Dutch),
            en: Stemmer::create(Algorithm::English),
            cache: HashMap::new(),
        }
    }

    fn stem(&mut self, english: bool, folded: &str) -> String {
        if let Some(s) = self.cache.get(&(english, folded.to_string())) {
            return s.clone();
        }
        let s = if english {
            self.en.stem(folded).into_owned()
        } else if let Some(&(_, singular)) = DUTCH_EREN_PLURALS.iter().find(|(p, _)| *p == folded) {
            singular.to_string()
        } else {
            self.nl.stem(folded).into_owned()
        };
        self.cache.insert((english, folded.to_string()), s.clone());
        s
    }

    /// The candidate stems of a word: one per language, Dutch first, without repeats.
    fn candidates(&mut self, lang: EntryLang, folded: &str) -> Vec<String> {
        match lang {
            EntryLang::Nl => vec![self.stem(false, folded)],
            EntryLang::En => vec![self.stem(true, folded)],
            EntryLang::Both => {
                let nl = self.stem(false, folded);
                let en = self.stem(true, folded);
                if nl == en { vec![nl] } else { vec![nl, en] }
            }
        }
    }
}

/// What a synonym rule turns its words into.
#[derive(Debug, Clone)]
enum Canonical {
    /// One word: its candidate stems, chosen like any other word's.
    Word(Vec<String>),
    /// Several words: one fixed key.
    Phrase(String),
}

#[derive(Debug, Clone)]
struct Rule {
    /// Per word: the forms it matches (folded word and its stems).
    left: Vec<HashSet<String>>,
    canonical: Canonical,
    /// The synonym (0-based, as given) this rule comes from.
    origin: usize,
}

/// A word of an entry on its way to a key.
struct Pending {
    candidates: Vec<String>,
    /// Forms that synonyms match on: the folded word and its stems.
    forms: HashSet<String>,
    surface: String,
    folded: String,
}

pub(crate) struct Normaliser {
    language: Language,
    stop_nl: HashSet<String>,
    stop_en: HashSet<String>,
    rules: Vec<Rule>,
    stems: Stems,
}

fn word_list(text: &str) -> HashSet<String> {
    text.split_whitespace().map(fold).collect()
}

impl Normaliser {
    pub(crate) fn new(settings: &Settings) -> Result<Self, AgendaError> {
        let mut stop_nl = word_list(stopwords::DUTCH);
        let mut stop_en = word_list(stopwords::ENGLISH);
        for w in &settings.stop_words {
            for t in tokenise(w) {
                stop_nl.insert(t.folded.clone());
                stop_en.insert(t.folded);
            }
        }
        let mut n = Normaliser {
            language: settings.language,
            stop_nl,
            stop_en,
            rules: Vec::new(),
            stems: Stems::new(),
        };
        n.compile_synonyms(settings)?;
        Ok(n)
    }

    fn default_lang(&self) -> EntryLang {
        match self.language {
            Language::Dutch => EntryLang::Nl,
            Language::English => EntryLang::En,
            Language::Unknown => EntryLang::Both,
        }
    }

    fn is_stop(&self, lang: EntryLang, folded: &str) -> bool {
        match lang {
            EntryLang::Nl => self.stop_nl.contains(folded),
            EntryLang::En => self.stop_en.contains(folded),
            EntryLang::Both => self.stop_nl.contains(folded) || self.stop_en.contains(folded),
        }
    }

    /// The content words of a synonym side with their match forms, or an error naming the synonym.
    fn side(
        &mut self,
        index: usize,
        settings: &Settings,
        canonical: bool,
    ) -> Result<Vec<Pending>, AgendaError> {
        let syn = &settings.synonyms[index];
        let text = if canonical { &syn.canonical } else { &syn.word };
        let lang = self.default_lang();
        let words = self.content(lang, tokenise(text));
        if words.is_empty() {
            return Err(AgendaError::EmptySynonym {
                index: index + 1,
                word: syn.word.clone(),
                canonical: syn.canonical.clone(),
                side: if canonical { "canonical word" } else { "word" },
            });
        }
        Ok(words)
    }

    /// The words that are not stop words, with their candidate stems.
    fn content(&mut self, lang: EntryLang, tokens: Vec<Token>) -> Vec<Pending> {
        let kept: Vec<Token> = tokens
            .into_iter()
            .filter(|t| !self.is_stop(lang, &t.folded))
            .collect();
        kept.into_iter().map(|t| self.pending(lang, t)).collect()
    }

    fn pending(&mut self, lang: EntryLang, t: Token) -> Pending {
        let candidates = self.stems.candidates(lang, &t.folded);
        let mut forms: HashSet<String> = candidates.iter().cloned().collect();
        // Synonyms match across languages whatever the entry's language.
        forms.extend(self.stems.candidates(EntryLang::Both, &t.folded));
        forms.insert(t.folded.clone());
        Pending {
            candidates,
            forms,
            surface: t.surface,
            folded: t.folded,
        }
    }

    fn compile_synonyms(&mut self, settings: &Settings) -> Result<(), AgendaError> {
        let mut rules = Vec::new();
        for i in 0..settings.synonyms.len() {
            let left = self.side(i, settings, false)?;
            let right = self.side(i, settings, true)?;
            let canonical = if right.len() == 1 {
                Canonical::Word(right[0].candidates.clone())
            } else {
                // A phrase's key: its words' first candidate stems, joined.
                let key = right
                    .iter()
                    .map(|p| p.candidates[0].as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                // The canonical phrase written out in an entry becomes the same one term.
                rules.push(Rule {
                    left: right.iter().map(|p| p.forms.clone()).collect(),
                    canonical: Canonical::Phrase(key.clone()),
                    origin: i,
                });
                Canonical::Phrase(key)
            };
            rules.push(Rule {
                left: left.into_iter().map(|p| p.forms).collect(),
                canonical,
                origin: i,
            });
        }
        // Resolve chains (a → b, b → c) and refuse cycles.
        let resolved: Vec<Canonical> = (0..rules.len())
            .map(|r| resolve(&rules, r, settings))
            .collect::<Result<_, _>>()?;
        for (rule, c) in rules.iter_mut().zip(resolved) {
            rule.canonical = c;
        }
        // Longest left side first, then in the order given.
        rules.sort_by_key(|r| std::cmp::Reverse(r.left.len()));
        self.rules = rules;
        Ok(())
    }

    /// Normalises every entry's text; the result is parallel to `texts`.
    pub(crate) fn normalise(&mut self, texts: &[&str]) -> Vec<Vec<Term>> {
        let default = self.default_lang();
        let mut pending: Vec<Vec<Pending>> = Vec::with_capacity(texts.len());
        for text in texts {
            let tokens = tokenise(text);
            let lang = if default == EntryLang::Both {
                self.detect(&tokens)
            } else {
                default
            };
            let words = self.content(lang, tokens);
            pending.push(self.apply_synonyms(words));
        }
        // Each candidate's support in the whole corpus decides between the Dutch and English stem.
        let mut support: HashMap<&str, usize> = HashMap::new();
        for p in pending.iter().flatten() {
            for c in &p.candidates {
                *support.entry(c.as_str()).or_default() += 1;
            }
        }
        let choose = |p: &Pending| -> String {
            p.candidates
                .iter()
                .enumerate()
                .max_by(|(i, a), (j, b)| {
                    support[a.as_str()]
                        .cmp(&support[b.as_str()])
                        .then(b.len().cmp(&a.len()))
                        .then(j.cmp(i))
                })
                .map(|(_, c)| c.clone())
                .unwrap_or_default()
        };
        let mut terms: Vec<Vec<Term>> = pending
            .iter()
            .map(|words| {
                words
                    .iter()
                    .map(|p| Term {
                        key: choose(p),
                        surface: p.surface.clone(),
                        folded: p.folded.clone(),
                    })
                    .collect()
            })
            .collect();
        // Stems that differ only by a final "s" are one key.
        let vocabulary: HashSet<String> = terms.iter().flatten().map(|t| t.key.clone()).collect();
        for t in terms.iter_mut().flatten() {
            if let Some(base) = t.key.strip_suffix('s')
                && base.chars().count() >= 4
                && !base.contains(' ')
                && vocabulary.contains(base)
            {
                t.key = base.to_string();
            }
        }
        terms
    }

    /// Dutch or English by the stop words an entry contains; `Both` when they do not tell.
    fn detect(&self, tokens: &[Token]) -> EntryLang {
        let (mut nl, mut en) = (0, 0);
        for t in tokens {
            let (a, b) = (
                self.stop_nl.contains(&t.folded),
                self.stop_en.contains(&t.folded),
            );
            nl += usize::from(a && !b);
            en += usize::from(b && !a);
        }
        match nl.cmp(&en) {
            std::cmp::Ordering::Greater => EntryLang::Nl,
            std::cmp::Ordering::Less => EntryLang::En,
            std::cmp::Ordering::Equal => EntryLang::Both,
        }
    }

    /// Replaces every run of words that a synonym's word side matches (longest first, left to right).
    fn apply_synonyms(&self, words: Vec<Pending>) -> Vec<Pending> {
        if self.rules.is_empty() {
            return words;
        }
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let hit = self.rules.iter().find(|r| {
                r.left.len() <= words.len() - i
                    && r.left
                        .iter()
                        .zip(&words[i..])
                        .all(|(l, w)| !l.is_disjoint(&w.forms))
            });
            match hit {
                Some(rule) => {
                    let run = &words[i..i + rule.left.len()];
                    let surface = run
                        .iter()
                        .map(|w| w.surface.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let candidates = match &rule.canonical {
                        Canonical::Word(c) => c.clone(),
                        Canonical::Phrase(k) => vec![k.clone()],
                    };
                    // A single replaced word still names its key inside compounds ("jeugd" in
                    // "jeugdcentrum" when "jeugd" → "jongeren").
                    let folded = if run.len() == 1 {
                        run[0].folded.clone()
                    } else {
                        String::new()
                    };
                    out.push(Pending {
                        forms: candidates.iter().cloned().collect(),
                        candidates,
                        surface,
                        folded,
                    });
                    i += rule.left.len();
                }
                None => {
                    let w = &words[i];
                    out.push(Pending {
                        candidates: w.candidates.clone(),
                        forms: HashSet::new(),
                        surface: w.surface.clone(),
                        folded: w.folded.clone(),
                    });
                    i += 1;
                }
            }
        }
        out
    }
}

/// Follows rule `start`'s canonical word through other single-word rules; a rule reached twice is a cycle.
fn resolve(rules: &[Rule], start: usize, settings: &Settings) -> Result<Canonical, AgendaError> {
    let mut current = start;
    let mut seen = vec![start];
    loop {
        let Canonical::Word(c) = &rules[current].canonical else {
            return Ok(rules[current].canonical.clone());
        };
        let next = rules
            .iter()
            .position(|r| r.left.len() == 1 && c.iter().any(|s| r.left[0].contains(s)));
        match next {
            Some(n) if n == current => return Ok(rules[current].canonical.clone()),
            Some(n) if seen.contains(&n) => {
                let origin = rules[start].origin;
                return Err(AgendaError::SynonymCycle {
                    index: origin + 1,
                    word: settings.synonyms[origin].word.clone(),
                });
            }
            Some(n) => {
                seen.push(n);
                current = n;
            }
            None => return Ok(rules[current].canonical.clone()),
        }
    }
}
