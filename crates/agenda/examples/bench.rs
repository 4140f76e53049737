//! Times the word cloud and the suggested themes on generated keyword sets (the size of a big G1000 and
//! beyond): `cargo run --release -p g1000-agenda --example bench [N ...]`.
use std::time::Instant;

use g1000_agenda::{Settings, Synonym, suggest_themes, word_cloud};

const HEADS: &[&str] = &[
    "fiets",
    "woning",
    "groen",
    "bomen",
    "park",
    "eenzaamheid",
    "ouderen",
    "veiligheid",
    "straat",
    "jongeren",
    "school",
    "onderwijs",
    "zorg",
    "verkeer",
    "parkeren",
    "armoede",
    "energie",
    "klimaat",
    "cultuur",
    "sport",
    "winkels",
    "werk",
    "bus",
    "trein",
    "water",
    "afval",
    "buurt",
    "wijk",
    "kunst",
    "muziek",
];
const MODS: &[&str] = &[
    "meer",
    "betaalbare",
    "veilige",
    "goede",
    "minder",
    "nieuwe",
    "sociale",
    "duurzame",
    "lokale",
    "groene",
    "paden",
    "huis",
    "centrum",
    "plan",
    "hulp",
    "",
    "",
    "",
    "voor iedereen",
    "in de wijk",
];
const ENGLISH: &[&str] = &[
    "affordable housing",
    "bike lanes",
    "more trees",
    "loneliness",
    "safe streets",
    "youth center",
];

fn generate(n: usize) -> Vec<(i64, String)> {
    let mut state = 12345u64;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % m as u64) as usize
    };
    (0..n)
        .map(|i| {
            let text = if next(10) == 0 {
                ENGLISH[next(ENGLISH.len())].to_string()
            } else {
                let (h, m) = (HEADS[next(HEADS.len())], MODS[next(MODS.len())]);
                match next(3) {
                    0 => format!("{m} {h}"),
                    1 => format!("{h}{}", if m.contains(' ') { "" } else { m }),
                    _ => format!("{h} {m} {}", HEADS[next(HEADS.len())]),
                }
            };
            (i as i64, text)
        })
        .collect()
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10, 1000, 5000, 20000]
    } else {
        sizes
    };
    let settings = Settings {
        synonyms: vec![
            Synonym::new("bike", "fiets"),
            Synonym::new("housing", "woning"),
            Synonym::new("trees", "bomen"),
        ],
        ..Settings::default()
    };
    for n in sizes {
        let entries = generate(n);
        let refs: Vec<(i64, &str)> = entries.iter().map(|(i, t)| (*i, t.as_str())).collect();
        let runs = 5;
        let (mut cloud_best, mut themes_best) = (f64::MAX, f64::MAX);
        let mut last = (0, 0);
        for _ in 0..runs {
            let t = Instant::now();
            let cloud = word_cloud(&refs, &settings).expect("cloud");
            cloud_best = cloud_best.min(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let themes = suggest_themes(&refs, &settings).expect("themes");
            themes_best = themes_best.min(t.elapsed().as_secs_f64());
            last = (cloud.len(), themes.len());
        }
        println!(
            "{n} keywords: word_cloud {:.1} ms ({} words), suggest_themes {:.1} ms ({} themes incl. the rest); best of {runs}",
            cloud_best * 1e3,
            last.0,
            themes_best * 1e3,
            last.1
        );
    }
}
