use std::collections::{HashMap, HashSet};
use std::path::Path;

use g1000_invite::code::{ALPHABET, CODE_CHARS, entropy_bits};
use g1000_invite::draw::apportion;
use g1000_invite::*;

/// A fictional register: `n` people, districts of unequal size, 1–4 people per address.
fn register_csv(n: usize) -> String {
    let districts = ["Centrum", "Noord", "Oost", "Zuid", "West"];
    let mut s = String::from("voornaam;achternaam;straat;huisnummer;postcode;wijk\n");
    let mut house = 0;
    let mut left_in_house = 0;
    for i in 0..n {
        if left_in_house == 0 {
            house += 1;
            left_in_house = 1 + (house * 7) % 4;
        }
        left_in_house -= 1;
        // Centrum gets half the people, the others share the rest.
        let d = if house % 2 == 0 {
            0
        } else {
            1 + (house / 2) % 4
        };
        s.push_str(&format!(
            "Persoon{i};Achternaam{};Dorpsstraat;{house};1234 AB;{}\n",
            i % 97,
            districts[d]
        ));
    }
    s
}

fn reg(n: usize) -> Register {
    Register::from_bytes(Path::new("R.csv"), register_csv(n).as_bytes()).unwrap()
}

fn params(seed: &str, count: usize) -> DrawParams {
    DrawParams {
        seed: seed.into(),
        count,
        stratify_by: None,
        one_per_household: vec![],
    }
}

#[test]
fn same_seed_same_people_other_seed_other_people() {
    let r = reg(2000);
    let a = draw(&r, &params("lotto 3 14 15 92", 100)).unwrap();
    let b = draw(&r, &params("lotto 3 14 15 92", 100)).unwrap();
    let c = draw(&r, &params("lotto 3 14 15 93", 100)).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.drawn.len(), 100);
    assert_ne!(a.drawn, c.drawn);
    assert_eq!(a.drawn.iter().collect::<HashSet<_>>().len(), 100);
    assert!(a.drawn.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn pinned_replay() {
    // The draw must never change for a given register and seed (algorithm draw-v1).
    let r = reg(500);
    let a = draw(&r, &params("pinned", 5)).unwrap();
    let again = draw(&reg(500), &params("pinned", 5)).unwrap();
    assert_eq!(a.row_numbers(), again.row_numbers());
    assert_eq!(a.row_numbers(), vec![5, 39, 304, 357, 404]);
}

#[test]
fn uniform_draw_is_roughly_uniform() {
    let r = reg(50);
    let mut hits = vec![0u32; 50];
    for s in 0..2000 {
        for i in draw(&r, &params(&s.to_string(), 5)).unwrap().drawn {
            hits[i] += 1;
        }
    }
    // Expected 200 each.
    assert!(hits.iter().all(|&h| (140..=260).contains(&h)), "{hits:?}");
}

#[test]
fn stratified_counts_are_proportional() {
    let r = reg(3000);
    let mut p = params("s", 200);
    p.stratify_by = Some("wijk".into());
    let res = draw(&r, &p).unwrap();
    let total: usize = res.strata.iter().map(|s| s.people).sum();
    assert_eq!(total, 3000);
    assert_eq!(res.strata.iter().map(|s| s.drawn).sum::<usize>(), 200);
    for s in &res.strata {
        let exact = 200.0 * s.people as f64 / total as f64;
        assert!((s.drawn as f64 - exact).abs() < 1.0, "{s:?} vs {exact}");
    }
    // The drawn rows really are in their strata.
    let col = r.column("wijk").unwrap();
    let mut per: HashMap<&str, usize> = HashMap::new();
    for &i in &res.drawn {
        *per.entry(r.rows[i][col].as_str()).or_default() += 1;
    }
    for s in &res.strata {
        assert_eq!(per[s.stratum.as_str()], s.drawn);
    }
}

#[test]
fn largest_remainder_apportionment() {
    assert_eq!(apportion(10, &[50, 30, 20], &[99, 99, 99]), vec![5, 3, 2]);
    // 7 · (5,3,2)/10 = 3.5, 2.1, 1.4 → 3,2,1 plus one to the largest remainder (3.5).
    assert_eq!(apportion(7, &[5, 3, 2], &[9, 9, 9]), vec![4, 2, 1]);
    // Equal remainders: larger stratum first, then the earlier one.
    assert_eq!(apportion(1, &[1, 1], &[9, 9]), vec![1, 0]);
    // Caps: the first stratum has only 2 households; the rest goes to the others.
    assert_eq!(apportion(6, &[10, 5, 5], &[2, 9, 9]), vec![2, 2, 2]);
    assert_eq!(
        apportion(10, &[1, 1, 1], &[4, 4, 4]).iter().sum::<usize>(),
        10
    );
}

#[test]
fn one_per_household() {
    let r = reg(1000);
    let mut p = params("h", 150);
    p.one_per_household = vec!["straat".into(), "huisnummer".into(), "postcode".into()];
    p.stratify_by = Some("wijk".into());
    let res = draw(&r, &p).unwrap();
    let col = r.column("huisnummer").unwrap();
    let houses: HashSet<&str> = res.drawn.iter().map(|&i| r.rows[i][col].as_str()).collect();
    assert_eq!(houses.len(), 150);
    // Without the rule, housemates are drawn together sometimes.
    let mut p2 = params("h", 150);
    p2.stratify_by = Some("wijk".into());
    let res2 = draw(&r, &p2).unwrap();
    let houses2: HashSet<&str> = res2
        .drawn
        .iter()
        .map(|&i| r.rows[i][col].as_str())
        .collect();
    assert!(houses2.len() < 150);
    // More than there are households.
    p.count = res.households + 1;
    let e = draw(&r, &p).unwrap_err().to_string();
    assert!(e.contains("households"), "{e}");
}

#[test]
fn bad_input_errors_name_file_row_and_column() {
    let path = Path::new("R.csv");
    let e = Register::from_bytes(path, b"").unwrap_err().to_string();
    assert!(e.contains("R.csv") && e.contains("empty"), "{e}");
    let e = Register::from_bytes(path, b"a,b\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("no rows"), "{e}");
    let e = Register::from_bytes(path, b"a,b,a\n1,2,3\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("duplicate column 'a'") && e.contains("row 1"),
        "{e}"
    );
    let e = Register::from_bytes(path, b"a,b\n1,2\n3\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 3") && e.contains("1 fields"), "{e}");
    let e = Register::from_bytes(path, b"a,b\n1,\xff\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 2") && e.contains("column 'b'") && e.contains("UTF-8"),
        "{e}"
    );

    let r = reg(10);
    let mut p = params("x", 3);
    p.stratify_by = Some("district".into());
    let e = draw(&r, &p).unwrap_err().to_string();
    assert!(
        e.contains("no column 'district'") && e.contains("wijk"),
        "{e}"
    );
    let e = draw(&r, &params("x", 11)).unwrap_err().to_string();
    assert!(
        e.contains("--count 11 is larger than the register (10 people"),
        "{e}"
    );

    let r = Register::from_bytes(path, b"naam,wijk\nA,Noord\nB,\n").unwrap();
    let mut p = params("x", 1);
    p.stratify_by = Some("wijk".into());
    let e = draw(&r, &p).unwrap_err().to_string();
    assert!(
        e.contains("row 3") && e.contains("'wijk'") && e.contains("empty"),
        "{e}"
    );
}

#[test]
fn register_reads_semicolons_bom_and_quotes() {
    let r = Register::from_bytes(
        Path::new("R.csv"),
        "\u{feff}naam;adres\n\"Jansen; J.\";\"Laan 1\"\n\n;\nPiet;Weg 2\n".as_bytes(),
    )
    .unwrap();
    assert_eq!(r.delimiter, b';');
    assert_eq!(r.headers, vec!["naam", "adres"]);
    assert_eq!(r.people(), 2);
    assert_eq!(r.rows[0][0], "Jansen; J.");
}

fn lcg(mut x: u64) -> impl FnMut() -> u64 {
    move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        x ^ (x >> 29)
    }
}

#[test]
fn codes_alphabet_entropy_and_format() {
    assert!(entropy_bits() >= 64.0);
    assert_eq!(ALPHABET.len(), 31);
    for bad in b"01OIL" {
        assert!(!ALPHABET.contains(bad));
    }
    let c = Code::generate().unwrap();
    let g = c.grouped();
    assert_eq!(g.len(), CODE_CHARS + 3);
    assert_eq!(
        g.split('-').map(str::len).collect::<Vec<_>>(),
        vec![4, 4, 4, 2]
    );
    assert_eq!(validate(&g).unwrap(), c);
    assert_eq!(validate(&g.to_lowercase().replace('-', " ")).unwrap(), c);
    assert_eq!(normalise(" k7qm-4xrt.9pwd hx "), "K7QM4XRT9PWDHX");
    // OS codes differ.
    let many: HashSet<Code> = (0..1000).map(|_| Code::generate().unwrap()).collect();
    assert_eq!(many.len(), 1000);
}

#[test]
fn check_character_catches_every_substitution_and_adjacent_swap() {
    let mut next = lcg(42);
    for _ in 0..200 {
        let code = Code::generate_with(&mut next);
        let s: Vec<u8> = code.as_str().bytes().collect();
        assert!(validate(code.as_str()).is_ok());
        for i in 0..s.len() {
            for &a in ALPHABET {
                if a == s[i] {
                    continue;
                }
                let mut t = s.clone();
                t[i] = a;
                let e = validate(std::str::from_utf8(&t).unwrap());
                assert_eq!(e, Err(CodeError::CheckFailed), "substitution at {i}");
            }
            if i + 1 < s.len() && s[i] != s[i + 1] {
                let mut t = s.clone();
                t.swap(i, i + 1);
                assert_eq!(
                    validate(std::str::from_utf8(&t).unwrap()),
                    Err(CodeError::CheckFailed),
                    "swap at {i}"
                );
            }
        }
    }
    assert!(matches!(
        validate("K7QM-4XRT"),
        Err(CodeError::WrongLength { found: 8, .. })
    ));
    assert!(matches!(
        validate("K7QM-4XRT-9PWD-H0"),
        Err(CodeError::BadCharacter {
            ch: '0',
            position: 14
        })
    ));
}

#[test]
fn hashes_and_codes_file() {
    let c = validate(Code::generate_with(lcg(7)).as_str()).unwrap();
    let salt = [7u8; 32];
    let h = hash_code(&salt, &c);
    let mut manual = salt.to_vec();
    manual.extend_from_slice(c.as_str().as_bytes());
    use sha2::Digest;
    assert_eq!(h, hex::encode(sha2::Sha256::digest(&manual)));
    assert_ne!(h, hash_code(&[8u8; 32], &c));

    let codes: Vec<Code> = {
        let mut next = lcg(9);
        (0..20).map(|_| Code::generate_with(&mut next)).collect()
    };
    let f = CodesFile::new(salt, &codes);
    let text = f.to_text();
    for c in &codes {
        assert!(!text.contains(c.as_str()) && !text.contains(&c.grouped()));
    }
    let back = CodesFile::parse(&text).unwrap();
    assert_eq!(back, f);
    assert!(codes.iter().all(|c| back.contains(c)));
    assert!(!back.contains(&Code::generate_with(lcg(1))));
}

#[test]
fn proof_verifies_and_names_the_failing_check() {
    let r = reg(800);
    let mut p = params("proof", 40);
    p.stratify_by = Some("wijk".into());
    let res = draw(&r, &p).unwrap();
    let proof = DrawProof::new(&r, &p, &res, Some("codes"));
    let json = proof.to_json();
    let back: DrawProof = serde_json::from_str(&json).unwrap();
    assert_eq!(back, proof);
    assert!(verify(&r, &proof, Some(b"codes")).ok());

    let mut text = register_csv(800);
    text = text.replacen("Noord", "Oost", 1);
    let r2 = Register::from_bytes(Path::new("R2.csv"), text.as_bytes()).unwrap();
    let rep = verify(&r2, &proof, Some(b"other"));
    let failed: Vec<&str> = rep.failed().iter().map(|c| c.name).collect();
    assert!(failed.contains(&"register file"), "{failed:?}");
    assert!(failed.contains(&"counts per stratum"), "{failed:?}");
    assert!(failed.contains(&"codes.txt"), "{failed:?}");
}

#[test]
fn letter_pdf_is_a_pdf_with_the_code() {
    let info = LetterInfo {
        summit_name: "G1000 Voorbeeldstad".into(),
        municipality: "Voorbeeldstad".into(),
        organiser: "Stichting G1000 Voorbeeldstad".into(),
        contact: "info@example.org, 030 123 45 67".into(),
        summit_date: Some("zaterdag 12 september 2026".into()),
    };
    let code = Code::generate_with(lcg(3));
    let pdf = letter::letter_pdf(
        &info,
        &code,
        &registration_url("http://127.0.0.1:8080/", &code),
    );
    assert!(pdf.starts_with(b"%PDF-1.4"));
    assert!(pdf.ends_with(b"%%EOF\n"));
    let hay = String::from_utf8_lossy(&pdf);
    assert!(hay.contains(&format!("({}) Tj", code.grouped())));
    assert!(hay.contains("/Count 2"));
    assert!(hay.contains("Basisregistratie Personen"));
    assert!(hay.contains("population register"));
    assert!(hay.contains(&format!("(http://127.0.0.1:8080/r/{}) Tj", code.grouped())));
}
