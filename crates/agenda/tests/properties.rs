//! Properties over generated keyword sets: every entry in exactly one theme, the input order does not
//! matter, edge cases (no entries, one entry, repeated texts).

use std::collections::BTreeSet;

use g1000_agenda::{Settings, Synonym, Theme, cloud_and_themes, suggest_themes, word_cloud};
use g1000_opinion::SplitMix64;

/// The seeded generator of the test data.
struct Rng(SplitMix64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(SplitMix64::new(seed))
    }
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "fietspaden",
    "fiets",
    "fietsen",
    "woningen",
    "betaalbare",
    "woningnood",
    "groen",
    "bomen",
    "parken",
    "eenzaamheid",
    "ouderen",
    "veiligheid",
    "straat",
    "jongeren",
    "jeugd",
    "housing",
    "affordable",
    "bike",
    "lanes",
    "trees",
    "green",
    "safety",
    "meer",
    "de",
    "voor",
    "the",
    "more",
    "!",
    "café",
    "auto's",
    "zorg",
    "onderwijs",
    "school",
    "verkeer",
    "verkeersveiligheid",
    "stadsgroen",
    "starterswoningen",
];

fn generate(rng: &mut Rng, n: usize) -> Vec<(i64, String)> {
    (0..n)
        .map(|i| {
            let len = 1 + rng.below(3);
            let text: Vec<&str> = (0..len).map(|_| WORDS[rng.below(WORDS.len())]).collect();
            // Ids are unique but not in order.
            ((i as i64) * 7919 % 100_003 - 50_000, text.join(" "))
        })
        .collect()
}

fn settings(rng: &mut Rng) -> Settings {
    Settings {
        synonyms: vec![
            Synonym::new("bike", "fiets"),
            Synonym::new("green", "groen"),
        ],
        max_themes: 1 + rng.below(10),
        min_theme_size: 1 + rng.below(3),
        similarity_threshold: [0.1, 0.25, 0.5, 0.9][rng.below(4)],
        compounds: rng.below(2) == 0,
        ..Settings::default()
    }
}

fn themes(entries: &[(i64, String)], s: &Settings) -> Vec<Theme> {
    let refs: Vec<(i64, &str)> = entries.iter().map(|(i, t)| (*i, t.as_str())).collect();
    suggest_themes(&refs, s).unwrap()
}

fn check_partition(entries: &[(i64, String)], themes: &[Theme], s: &Settings) {
    let mut seen = BTreeSet::new();
    for t in themes {
        assert!(!t.entry_ids.is_empty());
        assert!(t.entry_ids.windows(2).all(|w| w[0] < w[1]), "ids ascending");
        for &id in &t.entry_ids {
            assert!(seen.insert(id), "entry {id} in two themes");
        }
    }
    let all: BTreeSet<i64> = entries.iter().map(|e| e.0).collect();
    assert_eq!(seen, all, "every entry in a theme");
    let suggested = themes.iter().filter(|t| !t.other).count();
    assert!(suggested <= s.max_themes);
    assert!(themes.iter().filter(|t| t.other).count() <= 1);
    if let Some(pos) = themes.iter().position(|t| t.other) {
        assert_eq!(pos, themes.len() - 1, "the rest comes last");
    }
    for t in themes.iter().filter(|t| !t.other) {
        assert!(t.entry_ids.len() >= s.min_theme_size);
    }
}

#[test]
fn every_entry_in_exactly_one_theme_and_order_does_not_matter() {
    let mut rng = Rng::new(42);
    for round in 0..60 {
        let n = [0, 1, 2, 5, 30, 120][round % 6];
        let entries = generate(&mut rng, n);
        let s = settings(&mut rng);
        let first = themes(&entries, &s);
        check_partition(&entries, &first, &s);
        let refs: Vec<(i64, &str)> = entries.iter().map(|(i, t)| (*i, t.as_str())).collect();
        let cloud = word_cloud(&refs, &s).unwrap();
        assert_eq!(
            cloud_and_themes(&refs, &s).unwrap(),
            (cloud.clone(), first.clone())
        );
        for _ in 0..3 {
            let mut shuffled = entries.clone();
            for i in (1..shuffled.len()).rev() {
                let j = rng.below(i + 1);
                shuffled.swap(i, j);
            }
            assert_eq!(
                themes(&shuffled, &s),
                first,
                "round {round}: a permutation changed the themes"
            );
            let refs: Vec<(i64, &str)> = shuffled.iter().map(|(i, t)| (*i, t.as_str())).collect();
            assert_eq!(
                word_cloud(&refs, &s).unwrap(),
                cloud,
                "round {round}: a permutation changed the cloud"
            );
        }
    }
}

#[test]
fn cloud_counts_are_consistent() {
    let mut rng = Rng::new(7);
    let entries = generate(&mut rng, 200);
    let refs: Vec<(i64, &str)> = entries.iter().map(|(i, t)| (*i, t.as_str())).collect();
    let cloud = word_cloud(&refs, &Settings::default()).unwrap();
    assert!(!cloud.is_empty());
    for w in &cloud {
        assert_eq!(w.count, w.entry_ids.len());
        assert!(w.entry_ids.windows(2).all(|p| p[0] < p[1]));
        assert!(!w.label.is_empty() && !w.key.is_empty());
    }
    assert!(
        cloud
            .windows(2)
            .all(|p| p[0].count > p[1].count
                || (p[0].count == p[1].count && p[0].label <= p[1].label))
    );
    let keys: BTreeSet<&str> = cloud.iter().map(|w| w.key.as_str()).collect();
    assert_eq!(keys.len(), cloud.len(), "keys are unique");
}

#[test]
fn no_entries() {
    assert!(
        suggest_themes(&[], &Settings::default())
            .unwrap()
            .is_empty()
    );
    assert!(word_cloud(&[], &Settings::default()).unwrap().is_empty());
}

#[test]
fn one_entry() {
    let themes = suggest_themes(&[(5, "fietspaden")], &Settings::default()).unwrap();
    assert_eq!(themes.len(), 1);
    assert!(themes[0].other, "one keyword is not yet a theme");
    assert_eq!(themes[0].entry_ids, vec![5]);
    let alone = Settings {
        min_theme_size: 1,
        ..Settings::default()
    };
    let themes = suggest_themes(&[(5, "Fietspaden")], &alone).unwrap();
    assert_eq!(
        (themes[0].label.as_str(), themes[0].other),
        ("fietspaden", false)
    );
    assert_eq!(themes[0].terms, vec!["fietspaden".to_string()]);
}

#[test]
fn repeated_texts_stay_together() {
    let mut rng = Rng::new(3);
    for _ in 0..20 {
        let mut entries = generate(&mut rng, 40);
        // Repeat some texts under new ids.
        for k in 0..10 {
            let text = entries[rng.below(40)].1.clone();
            entries.push((1_000_000 + k, text));
        }
        let s = settings(&mut rng);
        let themes = themes(&entries, &s);
        check_partition(&entries, &themes, &s);
        let theme_of = |id: i64| {
            themes
                .iter()
                .position(|t| t.entry_ids.contains(&id))
                .unwrap()
        };
        for a in &entries {
            for b in &entries {
                if a.1 == b.1 {
                    assert_eq!(theme_of(a.0), theme_of(b.0), "{:?} and {:?}", a, b);
                }
            }
        }
    }
}

#[test]
fn all_the_same_keyword() {
    let entries: Vec<(i64, &str)> = (0..50).map(|i| (i, "Meer groen!")).collect();
    let themes = suggest_themes(&entries, &Settings::default()).unwrap();
    assert_eq!(themes.len(), 1);
    assert_eq!(themes[0].label, "meer groen");
    assert_eq!(themes[0].entry_ids.len(), 50);
    assert_eq!(themes[0].terms, vec!["groen".to_string()]);
}

#[test]
fn any_text_is_handled() {
    let long = "fietspaden ".repeat(2000);
    let texts = [
        "🚲🚲 fietsen!!",
        "公共交通",
        "النقل العام",
        "\u{0}\u{7}\t\n",
        "İstanbul'daki",
        "e\u{301}e\u{301}n",
        "'s-Hertogenbosch",
        "---",
        "a'b'c'",
        long.as_str(),
        "ÉÉN FIETS",
        "",
    ];
    let entries: Vec<(i64, &str)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i as i64, *t))
        .collect();
    let s = Settings::default();
    let (cloud, themes) = cloud_and_themes(&entries, &s).unwrap();
    let placed: usize = themes.iter().map(|t| t.entry_ids.len()).sum();
    assert_eq!(placed, texts.len());
    // "fietsen" and "ÉÉN FIETS" share "fiets" ("één" folds to the stop word "een"); the long entry counts once.
    let entries_of = |label: &str| {
        cloud
            .iter()
            .find(|w| w.label == label)
            .map(|w| w.entry_ids.clone())
    };
    assert_eq!(entries_of("fiets"), Some(vec![0, 10]), "{cloud:?}");
    assert_eq!(entries_of("fietspaden"), Some(vec![9]));
    assert_eq!(entries_of("公共交通"), Some(vec![1]));
    let owned: Vec<(i64, String)> = entries.iter().map(|(i, t)| (*i, t.to_string())).collect();
    check_partition(&owned, &themes, &s);
}
