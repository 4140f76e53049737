//! Suggested themes on hand-made keyword sets where the right grouping is clear from the words.

mod common;

use std::collections::BTreeSet;

use common::{ari, data, refs, synonyms};
use g1000_agenda::{Language, Settings, Theme, suggest_themes};

/// For each theme, the set of groups of its entries.
fn groups_of(themes: &[Theme], groups: &[String]) -> Vec<BTreeSet<String>> {
    themes
        .iter()
        .map(|t| {
            t.entry_ids
                .iter()
                .map(|&i| groups[i as usize].clone())
                .collect()
        })
        .collect()
}

#[test]
fn mixed_dutch_and_english_with_synonyms_groups_by_topic() {
    let (entries, groups) = data();
    let settings = Settings {
        synonyms: synonyms(),
        ..Settings::default()
    };
    let themes = suggest_themes(&refs(&entries), &settings).unwrap();
    let by_theme = groups_of(&themes, &groups);
    let (suggested, other) = themes.split_at(themes.len() - 1);
    assert!(other[0].other, "the last theme is the rest");
    assert!(suggested.iter().all(|t| !t.other));
    assert_eq!(suggested.len(), 10);

    // Every suggested theme is one topic (apart from the one ambiguous keyword).
    for (t, g) in suggested.iter().zip(&by_theme) {
        let clear: Vec<&String> = g.iter().filter(|g| *g != "ambiguous").collect();
        assert_eq!(clear.len(), 1, "theme {:?} mixes {:?}", t.label, g);
    }
    // Each topic has its own theme, and most of its keywords are in it.
    let topics = [
        "housing",
        "cycling",
        "green",
        "trees",
        "parks",
        "loneliness",
        "eldercare",
        "safety",
        "police",
        "youth",
    ];
    for topic in topics {
        let k = by_theme
            .iter()
            .position(|g| g.contains(topic))
            .unwrap_or_else(|| panic!("no theme for {topic}"));
        let total = groups.iter().filter(|g| *g == topic).count();
        let inside = themes[k]
            .entry_ids
            .iter()
            .filter(|&&i| groups[i as usize] == topic)
            .count();
        assert!(
            inside * 4 >= total * 3,
            "{topic}: {inside} of {total} in {:?}",
            themes[k].label
        );
    }
    // The English table's keywords join the Dutch ones.
    let theme_of = |text: &str| {
        let id = entries.iter().find(|e| e.1 == text).unwrap().0;
        themes
            .iter()
            .position(|t| t.entry_ids.contains(&id))
            .unwrap()
    };
    assert_eq!(
        theme_of("affordable housing"),
        theme_of("betaalbare woningen")
    );
    assert_eq!(theme_of("bike lanes"), theme_of("fietspaden"));
    assert_eq!(theme_of("lonely elderly"), theme_of("eenzaamheid"));
    assert_eq!(theme_of("safe streets"), theme_of("veilige straten"));
    assert_eq!(theme_of("youth center"), theme_of("jongeren"));
    // Labels are representative surface forms; the terms their words.
    let label = |text: &str| themes[theme_of(text)].label.as_str();
    assert_eq!(label("fietspad"), "fietspaden");
    assert_eq!(label("woningnood"), "woningen");
    assert_eq!(label("stadsgroen"), "groen");
    assert!(
        themes[theme_of("fietspad")]
            .terms
            .contains(&"fiets".to_string())
    );
    // Keywords without a content word are in the rest.
    for (i, g) in groups.iter().enumerate() {
        if g == "noise" {
            assert!(other[0].entry_ids.contains(&(i as i64)));
        }
    }
    assert!(ari(&themes, &groups) > 0.65, "{}", ari(&themes, &groups));
}

#[test]
fn compound_matching_helps_on_this_set() {
    let (entries, groups) = data();
    for synonyms in [Vec::new(), synonyms()] {
        let score = |compounds| {
            let settings = Settings {
                synonyms: synonyms.clone(),
                compounds,
                ..Settings::default()
            };
            ari(
                &suggest_themes(&refs(&entries), &settings).unwrap(),
                &groups,
            )
        };
        let (without, with) = (score(false), score(true));
        assert!(
            with > without + 0.1,
            "with compounds {with:.3}, without {without:.3}"
        );
    }
}

#[test]
fn dutch_only_without_synonyms() {
    let entries = [
        "fietspaden",
        "veilige fietspaden",
        "meer fietsen",
        "fietsenstalling",
        "fietspad",
        "Fietsers",
        "betaalbare woningen",
        "woningen voor jongeren",
        "woningnood",
        "starterswoningen",
        "Woningbouw",
        "meer groen",
        "groen in de wijk",
        "groene daken",
        "stadsgroen",
        "eenzaamheid",
        "eenzaamheid onder ouderen",
        "eenzame mensen",
        "Eenzaamheid!",
    ];
    let expected = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3];
    let input: Vec<(i64, &str)> = entries
        .iter()
        .enumerate()
        .map(|(i, t)| (i as i64 + 100, *t))
        .collect();
    let settings = Settings {
        language: Language::Dutch,
        ..Settings::default()
    };
    let themes = suggest_themes(&input, &settings).unwrap();
    assert_eq!(themes.len(), 4, "{themes:#?}");
    let mut seen = BTreeSet::new();
    for t in &themes {
        let g: BTreeSet<usize> = t
            .entry_ids
            .iter()
            .map(|&i| expected[(i - 100) as usize])
            .collect();
        assert_eq!(g.len(), 1, "{t:?}");
        assert!(seen.insert(*g.first().unwrap()));
        assert!(!t.other);
    }
    let labels: BTreeSet<&str> = themes.iter().map(|t| t.label.as_str()).collect();
    assert!(labels.contains("eenzaamheid"), "{labels:?}");
}

#[test]
fn english_table_alone() {
    let entries = [
        "affordable housing",
        "more affordable homes",
        "housing for young people",
        "social housing",
        "bike lanes",
        "safe bike lanes",
        "bike parking",
        "more bikes",
        "loneliness",
        "lonely elderly people",
        "loneliness among the elderly",
    ];
    let input: Vec<(i64, &str)> = entries
        .iter()
        .enumerate()
        .map(|(i, t)| (i as i64, *t))
        .collect();
    let settings = Settings {
        language: Language::English,
        ..Settings::default()
    };
    let themes = suggest_themes(&input, &settings).unwrap();
    let find = |id: i64| {
        themes
            .iter()
            .position(|t| t.entry_ids.contains(&id))
            .unwrap()
    };
    assert_eq!(find(0), find(2));
    assert_eq!(find(0), find(3));
    assert_eq!(find(4), find(5));
    assert_eq!(find(4), find(7));
    assert_eq!(find(8), find(10));
    assert_ne!(find(0), find(4));
    assert_ne!(find(4), find(8));
    assert_ne!(find(0), find(8));
}

#[test]
fn max_themes_and_min_size_send_the_rest_to_other() {
    let (entries, _) = data();
    let settings = Settings {
        synonyms: synonyms(),
        max_themes: 3,
        min_theme_size: 8,
        ..Settings::default()
    };
    let themes = suggest_themes(&refs(&entries), &settings).unwrap();
    assert!(themes.len() <= 4);
    for t in themes.iter().filter(|t| !t.other) {
        assert!(t.entry_ids.len() >= 8, "{t:?}");
    }
    let all: usize = themes.iter().map(|t| t.entry_ids.len()).sum();
    assert_eq!(all, entries.len());
    // Themes are largest first.
    let sizes: Vec<usize> = themes
        .iter()
        .filter(|t| !t.other)
        .map(|t| t.entry_ids.len())
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
}

#[test]
fn verbs_made_of_nouns_are_no_compounds() {
    // "parkeren" and "parkeerplaatsen" start with "park" but are not about parks; "fietspad" is about "fiets".
    let entries = [
        (1, "parken"),
        (2, "park"),
        (3, "parkeren"),
        (4, "parkeerplaatsen"),
        (5, "fiets"),
        (6, "fietspad"),
    ];
    let settings = Settings {
        language: Language::Dutch,
        min_theme_size: 2,
        ..Settings::default()
    };
    let themes = suggest_themes(&entries, &settings).unwrap();
    let theme_of = |id: i64| {
        themes
            .iter()
            .position(|t| t.entry_ids.contains(&id))
            .unwrap()
    };
    assert_eq!(theme_of(1), theme_of(2));
    assert_ne!(theme_of(1), theme_of(3));
    assert_ne!(theme_of(1), theme_of(4));
    assert_eq!(theme_of(5), theme_of(6));
}
