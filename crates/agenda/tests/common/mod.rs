//! The hand-made test set, shared by the tests and the `themes` example.

use std::collections::BTreeMap;

use g1000_agenda::{Synonym, Theme};

/// (entries, group of each entry) from tests/data/keywords.tsv; ids are positions.
pub fn data() -> (Vec<(i64, String)>, Vec<String>) {
    let mut entries = Vec::new();
    let mut groups = Vec::new();
    for l in include_str!("../data/keywords.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let (g, t) = l.split_once('\t').expect("group<TAB>text");
        entries.push((entries.len() as i64, t.to_string()));
        groups.push(g.to_string());
    }
    (entries, groups)
}

/// The synonyms a facilitator would add for the set (tests/data/synonyms.tsv).
pub fn synonyms() -> Vec<Synonym> {
    include_str!("../data/synonyms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (w, c) = l.split_once('\t').expect("word<TAB>canonical");
            Synonym::new(w, c)
        })
        .collect()
}

pub fn refs(entries: &[(i64, String)]) -> Vec<(i64, &str)> {
    entries.iter().map(|(i, t)| (*i, t.as_str())).collect()
}

/// Adjusted Rand index between the expected groups and the themes, over entries with a clear group
/// (not "noise" or "ambiguous"); entry ids are positions.
pub fn ari(themes: &[Theme], groups: &[String]) -> f64 {
    let mut theme_of = BTreeMap::new();
    for (k, t) in themes.iter().enumerate() {
        for &i in &t.entry_ids {
            theme_of.insert(i as usize, k);
        }
    }
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut truth, mut found) = (Vec::new(), Vec::new());
    for (i, g) in groups.iter().enumerate() {
        if g != "noise" && g != "ambiguous" {
            let next = names.len();
            truth.push(*names.entry(g.as_str()).or_insert(next));
            found.push(theme_of[&i]);
        }
    }
    g1000_opinion::adjusted_rand_index(&truth, &found)
}
