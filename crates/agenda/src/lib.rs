//! The own agenda of a G1000: the keywords every table submits after a dialogue round (Dutch, sometimes
//! English) become a word cloud and about ten suggested themes, which the facilitators then merge, split
//! and rename. Pure: no I/O; deterministic (the input order does not matter).
//!
//! Normalisation ([`Settings::language`]): lower-case, Unicode-aware words, diacritics folded, stop words
//! removed (own lists, Dutch and English), Snowball stems; with [`Language::Unknown`] an entry whose stop
//! words tell its language gets that stemmer, otherwise both stems are candidates and the one more entries
//! support wins ("housing" and "houses" meet on the English stem, "woningen" and "woning" on the Dutch);
//! stems differing only by a final "s" are one. The facilitators' [`Synonym`]s are matched on stems (either
//! language) and may be phrases ("bike lanes" → "fietspaden").
//!
//! Themes ([`suggest_themes`]): TF-IDF vectors over the entries' terms (with [`Settings::compounds`], a
//! Dutch compound also counts, at half weight, the corpus words it starts or ends with: "fietspaden" →
//! "fiets"), cosine similarity, average-linkage clustering cut at [`Settings::similarity_threshold`]; the
//! largest [`Settings::max_themes`] clusters of at least [`Settings::min_theme_size`] entries are themes,
//! the rest is one theme labelled [`OTHER`].
//!
//! ```
//! use g1000_agenda::{Settings, Synonym, suggest_themes, word_cloud};
//!
//! let entries = [(1, "Fietspaden"), (2, "veilige fietspaden"), (3, "bike lanes"), (4, "fietspad"), (5, "meer groen")];
//! let settings = Settings {
//!     synonyms: vec![Synonym::new("bike lanes", "fietspaden")],
//!     ..Settings::default()
//! };
//! let cloud = word_cloud(&entries, &settings)?;
//! assert_eq!((cloud[0].label.as_str(), cloud[0].count), ("fietspaden", 4));
//! let themes = suggest_themes(&entries, &settings)?;
//! assert_eq!(themes[0].entry_ids, [1, 2, 3, 4]);
//! assert!(themes[1].other && themes[1].entry_ids == [5]);
//! # Ok::<(), g1000_agenda::AgendaError>(())
//! ```

mod cluster;
mod normalise;
mod stopwords;

use std::collections::{BTreeMap, HashMap, HashSet};

use normalise::{Normaliser, Term};

/// The label key of the theme that holds every entry not in a suggested theme; the web layer translates it
/// ("Overig" / "Other").
pub const OTHER: &str = "other";

/// The language of the keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    Dutch,
    English,
    /// Decide per entry (by its stop words), else try both stemmers.
    #[default]
    Unknown,
}

/// A synonym the facilitators add: `word` (one word or a phrase) counts as `canonical`. Both sides are
/// stemmed, so "bikes" and "bike" both hit a synonym given as "bike"; across languages works ("bike" →
/// "fiets"). A chain (a → b, b → c) resolves to its end; a cycle is an error. When two synonyms match at
/// the same place, the longer word side wins, then the earlier synonym.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synonym {
    pub word: String,
    pub canonical: String,
}

impl Synonym {
    pub fn new(word: &str, canonical: &str) -> Self {
        Synonym {
            word: word.to_string(),
            canonical: canonical.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub language: Language,
    pub synonyms: Vec<Synonym>,
    /// Extra stop words (both languages).
    pub stop_words: Vec<String>,
    /// At most this many suggested themes (besides [`OTHER`]).
    pub max_themes: usize,
    /// A cluster needs this many entries to be suggested as a theme.
    pub min_theme_size: usize,
    /// Clusters merge while their average cosine similarity is at least this; in (0, 1].
    pub similarity_threshold: f64,
    /// Match Dutch compounds against the corpus's words (see the crate documentation).
    pub compounds: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::Unknown,
            synonyms: Vec::new(),
            stop_words: Vec::new(),
            max_themes: 10,
            min_theme_size: 2,
            similarity_threshold: 0.25,
            compounds: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AgendaError {
    #[error("entry id {0} occurs more than once")]
    DuplicateId(i64),
    #[error(
        "synonym {index} ({word:?} → {canonical:?}): its {side} has no words left after removing stop words"
    )]
    EmptySynonym {
        index: usize,
        word: String,
        canonical: String,
        side: &'static str,
    },
    #[error("synonym {index} ({word:?}) leads back to itself through other synonyms")]
    SynonymCycle { index: usize, word: String },
    #[error("similarity threshold must be above 0 and at most 1, got {0}")]
    Threshold(f64),
}

/// One word of the cloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudWord {
    /// The normalised key (a stem, or a synonym's canonical key).
    pub key: String,
    /// The most frequent surface form (lower-cased, as typed), ties by alphabet.
    pub label: String,
    /// In how many entries the word occurs.
    pub count: usize,
    /// Those entries, ascending.
    pub entry_ids: Vec<i64>,
}

/// A suggested theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The most representative entry's text (lower-cased), or [`OTHER`].
    pub label: String,
    /// True for the [`OTHER`] theme (the rest).
    pub other: bool,
    /// Its entries, ascending.
    pub entry_ids: Vec<i64>,
    /// Its most frequent words (their cloud labels; words of two or more of its entries), at most five.
    pub terms: Vec<String>,
}

struct Prepared {
    ids: Vec<i64>,
    texts: Vec<String>,
    terms: Vec<Vec<Term>>,
}

fn prepare(entries: &[(i64, &str)], settings: &Settings) -> Result<Prepared, AgendaError> {
    if !(settings.similarity_threshold > 0.0 && settings.similarity_threshold <= 1.0) {
        return Err(AgendaError::Threshold(settings.similarity_threshold));
    }
    let mut seen = HashSet::with_capacity(entries.len());
    for &(id, _) in entries {
        if !seen.insert(id) {
            return Err(AgendaError::DuplicateId(id));
        }
    }
    let mut normaliser = Normaliser::new(settings)?;
    let texts: Vec<&str> = entries.iter().map(|e| e.1).collect();
    let terms = normaliser.normalise(&texts);
    Ok(Prepared {
        ids: entries.iter().map(|e| e.0).collect(),
        texts: texts
            .iter()
            .map(|t| {
                t.trim_matches(|c: char| !c.is_alphanumeric())
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .collect(),
        terms,
    })
}

/// The most frequent string, ties by alphabet.
fn most_frequent<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in items {
        *counts.entry(s).or_default() += 1;
    }
    counts
        .into_iter()
        .fold(None, |best: Option<(&str, usize)>, (s, n)| match best {
            Some((_, bn)) if bn >= n => best,
            _ => Some((s, n)),
        })
        .map(|(s, _)| s.to_string())
        .unwrap_or_default()
}

fn cloud(p: &Prepared) -> Vec<CloudWord> {
    let mut by_key: HashMap<&str, (Vec<i64>, Vec<&str>)> = HashMap::new();
    for (terms, &id) in p.terms.iter().zip(&p.ids) {
        let mut keys = HashSet::new();
        for t in terms {
            if keys.insert(t.key.as_str()) {
                let e = by_key.entry(&t.key).or_default();
                e.0.push(id);
                e.1.push(&t.surface);
            }
        }
    }
    let mut words: Vec<CloudWord> = by_key
        .into_iter()
        .map(|(key, (mut ids, surfaces))| {
            ids.sort_unstable();
            CloudWord {
                key: key.to_string(),
                label: most_frequent(surfaces),
                count: ids.len(),
                entry_ids: ids,
            }
        })
        .collect();
    words.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| a.key.cmp(&b.key))
    });
    words
}

/// The word cloud: every normalised word with the entries it occurs in, most frequent first (ties by
/// label, then key). Entries without a content word do not appear.
pub fn word_cloud(
    entries: &[(i64, &str)],
    settings: &Settings,
) -> Result<Vec<CloudWord>, AgendaError> {
    Ok(cloud(&prepare(entries, settings)?))
}

/// Suggested themes, largest first (ties by label), then [`OTHER`] if any entry is left; every entry is in
/// exactly one theme.
pub fn suggest_themes(
    entries: &[(i64, &str)],
    settings: &Settings,
) -> Result<Vec<Theme>, AgendaError> {
    let p = prepare(entries, settings)?;
    Ok(themes(&p, settings, &cloud(&p)))
}

/// The word cloud and the suggested themes at once (one normalisation instead of two): the same results
/// as [`word_cloud`] and [`suggest_themes`].
pub fn cloud_and_themes(
    entries: &[(i64, &str)],
    settings: &Settings,
) -> Result<(Vec<CloudWord>, Vec<Theme>), AgendaError> {
    let p = prepare(entries, settings)?;
    let words = cloud(&p);
    let themes = themes(&p, settings, &words);
    Ok((words, themes))
}

fn themes(p: &Prepared, settings: &Settings, words: &[CloudWord]) -> Vec<Theme> {
    let labels: HashMap<String, String> = words
        .iter()
        .map(|w| (w.key.clone(), w.label.clone()))
        .collect();

    // Term indices in key order, so that nothing depends on the input order.
    let mut keys: Vec<&str> = labels.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let index: HashMap<&str, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u32))
        .collect();

    // Compound parts: folded words and keys of the corpus that a longer word starts or ends with.
    let mut parts: HashMap<&str, u32> = HashMap::new();
    if settings.compounds {
        // A word can have different keys in different entries (by their language): the smallest key wins,
        // so that the input order does not matter.
        for t in p.terms.iter().flatten() {
            let i = index[t.key.as_str()];
            for piece in [t.folded.as_str(), t.key.as_str()] {
                if !piece.is_empty() {
                    let e = parts.entry(piece).or_insert(i);
                    *e = (*e).min(i);
                }
            }
        }
    }
    const PART: usize = 4;
    const REST: usize = 3;
    const PART_WEIGHT: f64 = 0.5;
    /// Dutch verb endings made of a noun ("parkeren", "parkeert", "parkeerplaats"): a head followed by
    /// one of these is no compound head.
    const VERB_ENDINGS: [&str; 5] = ["eer", "eren", "ering", "erend", "erde"];

    // Per entry: its terms (weight 1) and compound parts (weight 0.5), by term index.
    let raw: Vec<BTreeMap<u32, f64>> = p
        .terms
        .iter()
        .map(|terms| {
            let mut v = BTreeMap::new();
            for t in terms {
                v.insert(index[t.key.as_str()], 1.0);
            }
            if settings.compounds {
                for t in terms {
                    let own = index[t.key.as_str()];
                    let chars: Vec<(usize, char)> = t.folded.char_indices().collect();
                    let n = chars.len();
                    for cut in PART..n.saturating_sub(REST - 1) {
                        let (head, rest) = t.folded.split_at(chars[cut].0);
                        let tail = &t.folded[chars[n - cut].0..];
                        // "parkeren" is not a compound of "park": a verb ending is not a word.
                        let verb = VERB_ENDINGS.iter().any(|v| rest.starts_with(v));
                        let head = (!verb).then_some(head);
                        for piece in head.into_iter().chain([tail]) {
                            if let Some(&i) = parts.get(piece)
                                && i != own
                            {
                                v.entry(i).or_insert(PART_WEIGHT);
                            }
                        }
                    }
                }
            }
            v
        })
        .collect();

    // Document frequencies; a term in one entry only cannot make two entries alike, so it is left out
    // of the vectors (it would only dilute the shared terms) unless the entry has nothing else.
    let n = p.ids.len() as f64;
    let mut df = vec![0usize; keys.len()];
    for v in &raw {
        v.keys().for_each(|&t| df[t as usize] += 1);
    }
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0)
        .collect();
    // Entries with the same vector (after normalising) are one weighted item; items in vector order.
    let mut items: BTreeMap<Vec<(u32, u64)>, Vec<usize>> = BTreeMap::new();
    for (e, v) in raw.iter().enumerate() {
        let mut shared: Vec<(u32, f64)> = v
            .iter()
            .filter(|(t, _)| df[**t as usize] > 1)
            .map(|(&t, &w)| (t, w * idf[t as usize]))
            .collect();
        if shared.is_empty() {
            // Nothing in common with any other entry: its own item, alone.
            shared = v.iter().map(|(&t, &w)| (t, w * idf[t as usize])).collect();
        }
        if !shared.is_empty() {
            let norm = shared.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
            let key = shared
                .iter()
                .map(|&(t, x)| (t, (x / norm).to_bits()))
                .collect();
            items.entry(key).or_default().push(e);
        }
    }
    let vectors: Vec<cluster::Vector> = items
        .keys()
        .map(|v| v.iter().map(|&(t, x)| (t, f64::from_bits(x))).collect())
        .collect();
    let weights: Vec<f64> = items.values().map(|es| es.len() as f64).collect();
    let item_entries: Vec<&Vec<usize>> = items.values().collect();
    let clusters = cluster::upgma(&vectors, &weights, settings.similarity_threshold);

    let ctx = Ctx {
        p,
        raw: &raw,
        keys: &keys,
        idf: &idf,
        labels: &labels,
    };
    let size = |c: &Vec<usize>| c.iter().map(|&i| item_entries[i].len()).sum::<usize>();
    let mut ranked: Vec<(usize, Theme)> = clusters
        .iter()
        .filter(|c| size(c) >= settings.min_theme_size.max(1))
        .map(|c| (size(c), ctx.theme(c, &vectors, &weights, &item_entries)))
        .collect();
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.label.cmp(&b.1.label))
            .then_with(|| a.1.entry_ids.cmp(&b.1.entry_ids))
    });
    let mut themes: Vec<Theme> = ranked
        .into_iter()
        .take(settings.max_themes)
        .map(|(_, t)| t)
        .collect();
    let placed: HashSet<i64> = themes
        .iter()
        .flat_map(|t| t.entry_ids.iter().copied())
        .collect();
    let other: Vec<usize> = (0..p.ids.len())
        .filter(|&e| !placed.contains(&p.ids[e]))
        .collect();
    if !other.is_empty() {
        let mut ids: Vec<i64> = other.iter().map(|&e| p.ids[e]).collect();
        ids.sort_unstable();
        themes.push(Theme {
            label: OTHER.to_string(),
            other: true,
            entry_ids: ids,
            terms: ctx.top_terms(&other),
        });
    }
    themes
}

/// What the themes are described from.
struct Ctx<'a> {
    p: &'a Prepared,
    /// Per entry: term index → weight (1 for its own terms, less for compound parts).
    raw: &'a [BTreeMap<u32, f64>],
    /// Term index → key.
    keys: &'a [&'a str],
    idf: &'a [f64],
    /// Key → cloud label.
    labels: &'a HashMap<String, String>,
}

impl Ctx<'_> {
    /// The words most entries of a group use (their own words and compound parts), by their cloud labels.
    fn top_terms(&self, entries: &[usize]) -> Vec<String> {
        let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
        for &e in entries {
            self.raw[e]
                .keys()
                .for_each(|&t| *counts.entry(t).or_default() += 1);
        }
        // Words of one entry only say nothing about the group, unless it is all there is.
        let floor = if entries.len() > 1 { 2 } else { 1 };
        let mut ranked: Vec<(usize, &str)> = counts
            .into_iter()
            .filter(|&(_, n)| n >= floor)
            .map(|(t, n)| (n, self.labels[self.keys[t as usize]].as_str()))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        ranked.dedup_by(|a, b| a.1 == b.1);
        ranked
            .into_iter()
            .take(5)
            .map(|(_, l)| l.to_string())
            .collect()
    }

    /// A cluster as a theme. Its label is the text most of its entries share; ties by how close the
    /// entry's own words (not compound parts) are to the cluster's centroid ("de buurt" labels the
    /// cluster of "buurthuis" and "buurtbus"), then the shorter text, then the alphabet.
    fn theme(
        &self,
        cluster: &[usize],
        vectors: &[cluster::Vector],
        weights: &[f64],
        item_entries: &[&Vec<usize>],
    ) -> Theme {
        let p = self.p;
        let mut centroid: HashMap<u32, f64> = HashMap::new();
        for &i in cluster {
            for &(t, x) in &vectors[i] {
                *centroid.entry(t).or_default() += weights[i] * x;
            }
        }
        let entries: Vec<usize> = cluster
            .iter()
            .flat_map(|&i| item_entries[i].iter().copied())
            .collect();
        let mut texts: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
        for &e in &entries {
            let own: Vec<(u32, f64)> = self.raw[e]
                .iter()
                .filter(|(_, w)| **w == 1.0)
                .map(|(&t, _)| (t, self.idf[t as usize]))
                .collect();
            let norm = own.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
            let closeness = own
                .iter()
                .map(|(t, x)| x * centroid.get(t).copied().unwrap_or(0.0))
                .sum::<f64>()
                / norm.max(f64::MIN_POSITIVE);
            let t = texts.entry(p.texts[e].as_str()).or_insert((0, closeness));
            t.0 += 1;
        }
        let label = texts
            .into_iter()
            .max_by(|a, b| {
                (a.1.0.cmp(&b.1.0))
                    .then(a.1.1.total_cmp(&b.1.1))
                    .then(b.0.len().cmp(&a.0.len()))
                    .then(b.0.cmp(a.0))
            })
            .map(|(t, _)| t.to_string())
            .expect("a cluster has an entry");
        let mut ids: Vec<i64> = entries.iter().map(|&e| p.ids[e]).collect();
        ids.sort_unstable();
        Theme {
            label,
            other: false,
            entry_ids: ids,
            terms: self.top_terms(&entries),
        }
    }
}
