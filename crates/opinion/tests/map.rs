//! The projector's opinion map (SVG) and common-ground list, on a built two-camp conversation.

use std::collections::{BTreeMap, BTreeSet};

use g1000_opinion::{
    Analysis, COMMON_GROUND_THRESHOLD, Config, MapText, VoteMatrix, analyze, common_ground,
    opinion_map_svg,
};

/// 8 participants in two camps of 4 (1–4 and 5–8), 12 statements: 1–3 everyone agrees with; 4–6 camp one
/// agrees with and camp two rejects, 7–9 the other way round; 10 everyone rejects; 11 camp one agrees
/// with while camp two passes; 12 camp one rejects while camp two passes. Within a camp everyone votes
/// alike (a statement that split both camps in half would let k-means, started from the first distinct
/// participants as Polis does, settle on that split instead).
fn two_camps() -> VoteMatrix {
    let mut m = VoteMatrix::new();
    for p in 1..=8u64 {
        let camp_one = p <= 4;
        for t in 1..=12u64 {
            // (camp one's vote, camp two's vote)
            let (a, b) = match t {
                1..=3 => (1, 1),
                4..=6 => (1, -1),
                7..=9 => (-1, 1),
                10 => (-1, -1),
                11 => (1, 0),
                _ => (-1, 0),
            };
            let vote = if camp_one { a } else { b };
            m.set_vote(p, t, vote);
        }
    }
    m
}

fn text() -> MapText {
    MapText {
        id: "map".into(),
        title: "Opinion map <live> & \"fresh\"".into(),
        description: "8 participants in 2 opinion groups".into(),
        group_names: vec!["Group A & co".into(), "Group <B>".into()],
        unclustered: "Not yet placed".into(),
        axis_x: "first opinion dimension".into(),
        axis_y: "second opinion dimension".into(),
    }
}

fn classes(n: roxmltree::Node) -> BTreeSet<String> {
    n.attribute("class")
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn group_of(a: &Analysis) -> BTreeMap<u64, usize> {
    a.groups
        .iter()
        .flat_map(|g| g.members.iter().map(move |&p| (p, g.id)))
        .collect()
}

#[test]
fn the_two_camps_are_two_groups() {
    let a = analyze(&two_camps(), &Config::default());
    let mut groups: Vec<BTreeSet<u64>> = a
        .groups
        .iter()
        .map(|g| g.members.iter().copied().collect())
        .collect();
    groups.sort();
    assert_eq!(groups, vec![(1..=4).collect(), (5..=8).collect()]);
}

#[test]
fn common_ground_is_exactly_the_shared_statements() {
    let m = two_camps();
    let a = analyze(&m, &Config::default());
    let cg = common_ground(&m, &a, COMMON_GROUND_THRESHOLD);
    let tids: BTreeSet<u64> = cg.iter().map(|c| c.tid).collect();
    assert_eq!(tids, BTreeSet::from([1, 2, 3]));
    for c in &cg {
        assert_eq!(c.groups.len(), 2);
        for g in &c.groups {
            assert_eq!((g.agree, g.disagree, g.votes), (4, 0, 4), "{c:?}");
            assert_eq!(g.agree_share, 1.0);
        }
        // (4 + 1) / (4 + 2) per group.
        assert!(
            (c.consensus - (5.0f64 / 6.0).powi(2)).abs() < 1e-12,
            "{}",
            c.consensus
        );
    }
    // Highest first, ties by statement id.
    assert_eq!(cg.iter().map(|c| c.tid).collect::<Vec<_>>(), vec![1, 2, 3]);
    // The divisive statements and 11 score (4 + 1)/(4 + 2) · (0 + 1)/(4 + 2) = 5/36: a bar just under that
    // lets them in, 10 and 12 (1/36) stay out.
    let wider: BTreeSet<u64> = common_ground(&m, &a, 0.13).iter().map(|c| c.tid).collect();
    assert_eq!(wider, BTreeSet::from([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
    let c4 = common_ground(&m, &a, 0.13)
        .into_iter()
        .find(|c| c.tid == 4)
        .unwrap();
    let shares: Vec<f64> = c4.groups.iter().map(|g| g.agree_share).collect();
    assert!(shares == [1.0, 0.0] || shares == [0.0, 1.0], "{shares:?}");
}

#[test]
fn moderated_out_statements_are_never_common_ground() {
    let mut m = two_camps();
    m.set_moderated_out(2, true);
    let a = analyze(&m, &Config::default());
    let tids: BTreeSet<u64> = common_ground(&m, &a, COMMON_GROUND_THRESHOLD)
        .iter()
        .map(|c| c.tid)
        .collect();
    assert_eq!(tids, BTreeSet::from([1, 3]));
}

#[test]
fn the_map_is_accessible_xml_with_one_marker_per_participant() {
    let m = two_camps();
    let a = analyze(&m, &Config::default());
    let svg = opinion_map_svg(&a, &text());
    let doc = roxmltree::Document::parse(&svg).expect("the SVG parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("viewBox"), Some("0 0 1000 640"));
    assert!(
        root.attribute("width").is_none() && root.attribute("height").is_none(),
        "sized by its viewBox"
    );
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some("map-title map-desc")
    );
    let first: Vec<roxmltree::Node> = root.children().filter(|n| n.is_element()).take(2).collect();
    assert_eq!(first[0].tag_name().name(), "title");
    assert_eq!(first[0].attribute("id"), Some("map-title"));
    assert_eq!(
        first[0].text(),
        Some("Opinion map <live> & \"fresh\""),
        "escaped, and read back the same"
    );
    assert_eq!(first[1].tag_name().name(), "desc");
    assert_eq!(first[1].text(), Some("8 participants in 2 opinion groups"));

    let groups = group_of(&a);
    let markers: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| classes(*n).contains("participant"))
        .collect();
    assert_eq!(markers.len(), a.projection.len());
    assert_eq!(markers.len(), 8);
    let mut pids = BTreeSet::new();
    for n in &markers {
        let pid: u64 = n.attribute("data-participant").unwrap().parse().unwrap();
        assert!(pids.insert(pid), "one marker per participant");
        let g = groups[&pid];
        assert!(
            classes(*n).contains(&format!("group-{g}")),
            "{pid} in group {g}: {:?}",
            classes(*n)
        );
    }
    // A colour and a shape per group.
    let style = |g: usize| {
        let n = markers
            .iter()
            .find(|n| classes(**n).contains(&format!("group-{g}")))
            .unwrap();
        (
            n.tag_name().name().to_string(),
            n.attribute("d").is_some(),
            n.attribute("fill").unwrap().to_string(),
        )
    };
    assert_ne!(style(0), style(1));
    assert_ne!(style(0).2, style(1).2);
    assert_ne!((style(0).0, style(0).1), (style(1).0, style(1).1));

    // The legend names each group (escaped) with its size; the only other words are the axes' names.
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        texts,
        vec![
            "first opinion dimension".to_string(),
            "second opinion dimension".into(),
            "Group A & co (4)".into(),
            "Group <B> (4)".into()
        ]
    );
    assert!(svg.contains("Group &lt;B&gt; (4)") && svg.contains("Group A &amp; co"));
    // Markers stay inside the plot.
    for n in &markers {
        for (ax, lo, hi) in [
            ("cx", 30.0, 610.0),
            ("cy", 30.0, 610.0),
            ("x", 20.0, 620.0),
            ("y", 20.0, 620.0),
        ] {
            if let Some(v) = n.attribute(ax) {
                let v: f64 = v.parse().unwrap();
                assert!((lo..=hi).contains(&v), "{ax} = {v}");
            }
        }
    }
}

#[test]
fn the_camps_sit_apart_on_the_map() {
    let a = analyze(&two_camps(), &Config::default());
    let svg = opinion_map_svg(&a, &text());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Every marker's centre, from its shape's own coordinates (circle centre, rect corner + half, path start).
    let mut centre_x: BTreeMap<u64, f64> = BTreeMap::new();
    for n in doc
        .descendants()
        .filter(|n| classes(*n).contains("participant"))
    {
        let pid: u64 = n.attribute("data-participant").unwrap().parse().unwrap();
        let x = match n.tag_name().name() {
            "circle" => n.attribute("cx").unwrap().parse::<f64>().unwrap(),
            "rect" => {
                n.attribute("x").unwrap().parse::<f64>().unwrap()
                    + n.attribute("width").unwrap().parse::<f64>().unwrap() / 2.0
            }
            _ => {
                let d = n.attribute("d").unwrap();
                d[1..d.find(',').unwrap()].parse::<f64>().unwrap()
            }
        };
        centre_x.insert(pid, x);
    }
    let (one, two): (Vec<f64>, Vec<f64>) = (
        (1..=4).map(|p| centre_x[&p]).collect(),
        (5..=8).map(|p| centre_x[&p]).collect(),
    );
    let (max1, min1) = (
        one.iter().cloned().fold(f64::MIN, f64::max),
        one.iter().cloned().fold(f64::MAX, f64::min),
    );
    let (max2, min2) = (
        two.iter().cloned().fold(f64::MIN, f64::max),
        two.iter().cloned().fold(f64::MAX, f64::min),
    );
    assert!(
        max1 < min2 || max2 < min1,
        "camps overlap on the first axis: {one:?} {two:?}"
    );
}

#[test]
fn participants_outside_the_groups_are_drawn_apart_in_the_legend() {
    let mut m = two_camps();
    m.set_vote(9, 1, 1); // one vote: too few to be placed in a group
    let config = Config {
        min_clustered: 0,
        ..Config::default()
    };
    let a = analyze(&m, &config);
    assert!(!group_of(&a).contains_key(&9));
    let svg = opinion_map_svg(&a, &text());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let nine: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.attribute("data-participant") == Some("9"))
        .collect();
    assert_eq!(nine.len(), 1);
    assert!(classes(nine[0]).contains("unclustered"));
    assert!(!classes(nine[0]).iter().any(|c| c.starts_with("group-")));
    assert!(svg.contains("Not yet placed (1)"));
    assert_eq!(
        doc.descendants()
            .filter(|n| classes(*n).contains("participant"))
            .count(),
        9
    );
}

#[test]
fn an_empty_conversation_still_renders() {
    let a = analyze(&VoteMatrix::new(), &Config::default());
    let svg = opinion_map_svg(&a, &MapText::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| classes(*n).contains("participant"))
            .count(),
        0
    );
    assert!(common_ground(&VoteMatrix::new(), &a, COMMON_GROUND_THRESHOLD).is_empty());
}

#[test]
fn group_letters_and_escaping() {
    use g1000_opinion::map::{escape, group_letter};
    assert_eq!(group_letter(0), "A");
    assert_eq!(group_letter(25), "Z");
    assert_eq!(group_letter(26), "27");
    assert_eq!(
        escape("a<b>&\"c\"'d'\u{1}"),
        "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;"
    );
    // Names not given fall back to the letter.
    let a = analyze(&two_camps(), &Config::default());
    let svg = opinion_map_svg(&a, &MapText::default());
    assert!(svg.contains(">A (4)<") && svg.contains(">B (4)<"), "{svg}");
}
