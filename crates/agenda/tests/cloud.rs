//! The word cloud and the normalisation behind it, seen through the public API.

use g1000_agenda::{AgendaError, CloudWord, Language, Settings, Synonym, word_cloud};

fn cloud(texts: &[&str], settings: &Settings) -> Vec<CloudWord> {
    let entries: Vec<(i64, &str)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i as i64 + 1, *t))
        .collect();
    word_cloud(&entries, settings).unwrap()
}

fn with_synonyms(pairs: &[(&str, &str)]) -> Settings {
    Settings {
        synonyms: pairs.iter().map(|(w, c)| Synonym::new(w, c)).collect(),
        ..Settings::default()
    }
}

/// (label, count, entry ids) of every cloud word.
fn summary(words: &[CloudWord]) -> Vec<(&str, usize, Vec<i64>)> {
    words
        .iter()
        .map(|w| (w.label.as_str(), w.count, w.entry_ids.clone()))
        .collect()
}

#[test]
fn plurals_case_and_punctuation_are_one_word_labelled_by_the_most_frequent_form() {
    let words = cloud(
        &["Fietspaden", "fietspad", "fietspaden!", "meer fietspaden"],
        &Settings::default(),
    );
    assert_eq!(summary(&words), vec![("fietspaden", 4, vec![1, 2, 3, 4])]);
}

#[test]
fn stop_words_numbers_and_single_letters_are_dropped() {
    let words = cloud(
        &[
            "meer groen in de wijk",
            "the more green the better",
            "2030",
            "a b c",
        ],
        &Settings::default(),
    );
    let labels: Vec<&str> = words.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels, vec!["green", "groen", "wijk"]);
}

#[test]
fn sorted_by_count_then_label() {
    let words = cloud(
        &["zorg", "wonen", "zorg", "groen", "wonen", "zorg", "armoede"],
        &Settings::default(),
    );
    assert_eq!(
        summary(&words),
        vec![
            ("zorg", 3, vec![1, 3, 6]),
            ("wonen", 2, vec![2, 5]),
            ("armoede", 1, vec![7]),
            ("groen", 1, vec![4]),
        ]
    );
}

#[test]
fn a_word_counts_once_per_entry() {
    let words = cloud(&["groen groen groen", "groen"], &Settings::default());
    assert_eq!(summary(&words), vec![("groen", 2, vec![1, 2])]);
}

#[test]
fn dutch_stems_meet_across_inflections() {
    for (a, b) in [
        ("fiets", "fietsen"),
        ("woning", "woningen"),
        ("betaalbaar", "betaalbare"),
        ("eenzaam", "eenzaamheid"),
        ("oudere", "ouderen"),
        ("auto", "auto's"),
        ("ideeën", "ideeen"),
        ("boom", "bomen"),
        ("kind", "kinderen"),
    ] {
        let words = cloud(&[a, b], &Settings::default());
        assert_eq!(words.len(), 1, "{a} ~ {b}: {words:?}");
        assert_eq!(words[0].count, 2);
    }
}

#[test]
fn english_stems_meet_and_unknown_picks_the_stem_the_corpus_supports() {
    let words = cloud(
        &["housing", "houses", "affordable housing"],
        &Settings::default(),
    );
    assert_eq!(summary(&words)[0], ("housing", 3, vec![1, 2, 3]));
    // In Dutch mode the English plural is not stemmed as English.
    let dutch = Settings {
        language: Language::Dutch,
        ..Settings::default()
    };
    assert_eq!(cloud(&["housing", "houses"], &dutch).len(), 2);
}

#[test]
fn stop_words_tell_the_language_of_an_entry() {
    // "door" is a Dutch stop word but an English noun; an English entry keeps it.
    let words = cloud(
        &["a door for the elderly", "door de wijk"],
        &Settings::default(),
    );
    let labels: Vec<&str> = words.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels, vec!["door", "elderly", "wijk"]);
}

#[test]
fn diacritics_fold_but_labels_keep_them() {
    let words = cloud(&["café", "Café", "cafe"], &Settings::default());
    assert_eq!(summary(&words), vec![("café", 3, vec![1, 2, 3])]);
}

#[test]
fn hyphens_split_and_curly_apostrophes_count() {
    let words = cloud(&["e-bike", "auto’s", "auto"], &Settings::default());
    let labels: Vec<(&str, usize)> = words.iter().map(|w| (w.label.as_str(), w.count)).collect();
    // "e" alone is dropped; "auto’s" and "auto" are one word, its label a tie broken by the alphabet.
    assert_eq!(labels, vec![("auto", 2), ("bike", 1)]);
}

#[test]
fn synonyms_match_on_stems_across_languages() {
    let settings = with_synonyms(&[("bike", "fiets"), ("bicycle", "fiets")]);
    let words = cloud(&["bikes", "fietsen", "fiets", "bicycle", "bike"], &settings);
    assert_eq!(words.len(), 1, "{words:?}");
    assert_eq!(words[0].entry_ids, vec![1, 2, 3, 4, 5]);
    // Without the synonym they stay apart.
    assert_eq!(
        cloud(
            &["bikes", "fietsen", "fiets", "bicycle", "bike"],
            &Settings::default()
        )
        .len(),
        3
    );
}

#[test]
fn phrase_synonyms() {
    let settings = with_synonyms(&[("bike lanes", "fietspaden"), ("ov", "openbaar vervoer")]);
    let words = cloud(
        &[
            "bike lanes",
            "fietspad",
            "openbaar vervoer",
            "beter OV",
            "bikes",
        ],
        &settings,
    );
    assert_eq!(
        summary(&words),
        vec![
            ("bike lanes", 2, vec![1, 2]),
            ("openbaar vervoer", 2, vec![3, 4]),
            ("bikes", 1, vec![5])
        ]
    );
}

#[test]
fn synonym_chains_resolve_and_cycles_are_refused() {
    let settings = with_synonyms(&[("bike", "rijwiel"), ("rijwiel", "fiets")]);
    assert_eq!(cloud(&["bike", "fiets", "rijwiel"], &settings).len(), 1);
    let cycle = with_synonyms(&[("bike", "fiets"), ("groen", "park"), ("fiets", "bike")]);
    let err = word_cloud(&[(1, "bike")], &cycle).unwrap_err();
    assert!(
        matches!(err, AgendaError::SynonymCycle { index: 1, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("synonym 1 (\"bike\")"), "{err}");
}

#[test]
fn bad_settings_and_input_are_named() {
    let empty = with_synonyms(&[("fiets", "bike"), ("de", "het")]);
    let err = word_cloud(&[(1, "x")], &empty).unwrap_err();
    assert_eq!(
        err,
        AgendaError::EmptySynonym {
            index: 2,
            word: "de".into(),
            canonical: "het".into(),
            side: "word"
        }
    );
    assert!(
        err.to_string().starts_with("synonym 2 (\"de\" → \"het\")"),
        "{err}"
    );
    let err = word_cloud(&[(1, "a"), (2, "b"), (1, "c")], &Settings::default()).unwrap_err();
    assert_eq!(err, AgendaError::DuplicateId(1));
    assert_eq!(err.to_string(), "entry id 1 occurs more than once");
    for bad in [0.0, -0.5, 1.5, f64::NAN] {
        let settings = Settings {
            similarity_threshold: bad,
            ..Settings::default()
        };
        assert!(matches!(
            word_cloud(&[], &settings),
            Err(AgendaError::Threshold(_))
        ));
    }
}

#[test]
fn extra_stop_words() {
    let settings = Settings {
        stop_words: vec!["Lindenhoven".into()],
        ..Settings::default()
    };
    let words = cloud(&["groen in Lindenhoven"], &settings);
    assert_eq!(summary(&words), vec![("groen", 1, vec![1])]);
}

#[test]
fn english_stop_words_that_are_dutch_words_stay() {
    // "kind" (child) is not dropped as the English "kind (of)"; "old" is a topic, not a stop word.
    let words = cloud(&["kind", "old people"], &Settings::default());
    let labels: Vec<&str> = words.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels, vec!["kind", "old", "people"]);
}
