//! Prints the word cloud and the suggested themes of the hand-made test set, with and without the
//! compound matching and the synonyms, and how well each agrees with the expected groups (adjusted Rand
//! index over the entries that have a group). `cargo run -p g1000-agenda --example themes`
#[path = "../tests/common/mod.rs"]
mod common;

use common::{ari, data, refs, synonyms};
use g1000_agenda::{Settings, suggest_themes, word_cloud};

fn main() {
    let (entries, groups) = data();
    let synonyms = synonyms();
    let refs = refs(&entries);
    for (name, syn, compounds) in [
        ("no synonyms, no compounds", false, false),
        ("no synonyms, compounds", false, true),
        ("synonyms, no compounds", true, false),
        ("synonyms, compounds", true, true),
    ] {
        let settings = Settings {
            synonyms: if syn { synonyms.clone() } else { Vec::new() },
            compounds,
            ..Settings::default()
        };
        let themes = suggest_themes(&refs, &settings).expect("themes");
        println!("== {name}: ARI {:.3}", ari(&themes, &groups));
        for t in &themes {
            let members: Vec<&str> = t
                .entry_ids
                .iter()
                .map(|&i| entries[i as usize].1.as_str())
                .collect();
            println!(
                "  [{}] ({}) {:?}: {}",
                t.label,
                t.entry_ids.len(),
                t.terms,
                members.join(" | ")
            );
        }
        if syn && compounds {
            let cloud = word_cloud(&refs, &settings).expect("cloud");
            let top: Vec<String> = cloud
                .iter()
                .take(15)
                .map(|w| format!("{} {}", w.label, w.count))
                .collect();
            println!("  cloud: {}", top.join(", "));
        }
    }
}
