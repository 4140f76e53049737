//! `g1000 invite draw` and `g1000 invite verify` end to end, on a generated fictional register.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn g1000(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_g1000"))
        .args(args)
        .output()
        .expect("run g1000")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("g1000-invite-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// 3000 fictional people in 5 districts, 1–3 per address.
fn write_register(path: &Path) {
    let districts = ["Centrum", "Noord", "Oost", "Zuid", "Buitengebied"];
    let mut s = String::from("voornaam,achternaam,straat,huisnummer,postcode,woonplaats,wijk\n");
    let mut house = 0;
    let mut left = 0;
    for i in 0..3000 {
        if left == 0 {
            house += 1;
            left = 1 + house % 3;
        }
        left -= 1;
        s.push_str(&format!(
            "Voornaam{i},Achternaam{},Lindelaan,{house},{:04} XY,Voorbeeldstad,{}\n",
            i % 211,
            1000 + house % 50,
            districts[(house * 7 + house / 3) % 5]
        ));
    }
    std::fs::write(path, s).unwrap();
}

fn draw(register: &Path, out: &Path, seed: &str) -> Output {
    g1000(&[
        "invite",
        "draw",
        "--register",
        register.to_str().unwrap(),
        "--count",
        "40",
        "--stratify-by",
        "wijk",
        "--one-per-household",
        "straat,huisnummer,postcode",
        "--seed",
        seed,
        "--out-dir",
        out.to_str().unwrap(),
        "--base-url",
        "https://g1000.example/",
        "--summit-name",
        "G1000 Voorbeeldstad",
        "--municipality",
        "Voorbeeldstad",
        "--organiser",
        "Stichting G1000 Voorbeeldstad",
        "--contact",
        "info@g1000.example",
    ])
}

fn mail_merge(out: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(out.join("mail-merge.csv")).unwrap();
    text.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn draw_writes_everything_and_verifies() {
    let dir = temp_dir("draw");
    let register = dir.join("register.csv");
    write_register(&register);
    let out1 = dir.join("run1");
    let o = draw(&register, &out1, "2026-03-01 12 19 27 33 41");
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("drew 40 of 3000 people"), "{}", text(&o));

    // Mail-merge: header = register columns + code + url; 40 rows.
    let rows = mail_merge(&out1);
    assert_eq!(
        rows[0].join(","),
        "voornaam,achternaam,straat,huisnummer,postcode,woonplaats,wijk,code,url"
    );
    assert_eq!(rows.len(), 41);
    let codes: Vec<String> = rows[1..].iter().map(|r| r[7].clone()).collect();
    assert_eq!(codes.iter().collect::<HashSet<_>>().len(), 40);
    for r in &rows[1..] {
        assert!(g1000_invite::validate(&r[7]).is_ok(), "{}", r[7]);
        assert_eq!(r[8], format!("https://g1000.example/r/{}", r[7]));
    }
    // One per household.
    let houses: HashSet<&str> = rows[1..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(houses.len(), 40);

    // codes.txt: 40 hashes, no plain code.
    let codes_txt = std::fs::read_to_string(out1.join("codes.txt")).unwrap();
    let file = g1000_invite::CodesFile::parse(&codes_txt).unwrap();
    assert_eq!(file.hashes.len(), 40);
    for c in &codes {
        let code = g1000_invite::validate(c).unwrap();
        assert!(!codes_txt.contains(c.as_str()) && !codes_txt.contains(code.as_str()));
        assert!(file.contains(&code));
    }
    // No register data in codes.txt or the proof.
    let proof_text = std::fs::read_to_string(out1.join("draw-proof.json")).unwrap();
    for r in &rows[1..] {
        assert!(!codes_txt.contains(&r[0]) && !proof_text.contains(&r[0]));
    }

    // One PDF letter per invitee, with its code.
    let mut letters: Vec<PathBuf> = std::fs::read_dir(out1.join("letters"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    letters.sort();
    assert_eq!(letters.len(), 40);
    for (pdf, code) in letters.iter().zip(&codes) {
        let bytes = std::fs::read(pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        assert!(
            String::from_utf8_lossy(&bytes).contains(&format!("({code}) Tj")),
            "{} lacks {code}",
            pdf.display()
        );
    }

    // The proof verifies, also against codes.txt.
    let proof = out1.join("draw-proof.json");
    let o = g1000(&[
        "invite",
        "verify",
        "--register",
        register.to_str().unwrap(),
        "--proof",
        proof.to_str().unwrap(),
        "--codes",
        out1.join("codes.txt").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("verified: the same 40 people"),
        "{}",
        text(&o)
    );

    // Same seed again: the same people, other codes.
    let out2 = dir.join("run2");
    let o = draw(&register, &out2, "2026-03-01 12 19 27 33 41");
    assert!(o.status.success(), "{}", text(&o));
    let rows2 = mail_merge(&out2);
    let people = |rows: &[Vec<String>]| -> Vec<String> {
        rows[1..].iter().map(|r| r[..7].join(",")).collect()
    };
    assert_eq!(people(&rows), people(&rows2));
    let codes2: HashSet<&String> = rows2[1..].iter().map(|r| &r[7]).collect();
    assert!(codes.iter().all(|c| !codes2.contains(c)));
    assert_ne!(
        std::fs::read(out1.join("codes.txt")).unwrap(),
        std::fs::read(out2.join("codes.txt")).unwrap()
    );

    // A different seed draws other people.
    let out3 = dir.join("run3");
    let o = draw(&register, &out3, "another seed");
    assert!(o.status.success(), "{}", text(&o));
    assert_ne!(people(&rows), people(&mail_merge(&out3)));

    // The output directory is never reused.
    let o = draw(&register, &out1, "x");
    assert!(!o.status.success());
    assert!(text(&o).contains("not empty"), "{}", text(&o));

    // A modified register fails verification and says why.
    let modified = dir.join("modified.csv");
    let orig = std::fs::read_to_string(&register).unwrap();
    std::fs::write(&modified, orig.replacen("Voornaam7,", "Voornaam7b,", 1)).unwrap();
    let o = g1000(&[
        "invite",
        "verify",
        "--register",
        modified.to_str().unwrap(),
        "--proof",
        proof.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("FAILED register file"), "{t}");
    assert!(t.contains("not the register that was drawn from"), "{t}");
    assert!(t.contains("verification failed: register file"), "{t}");

    // A register with a district moved fails on the counts too.
    std::fs::write(&modified, orig.replace(",Noord\n", ",Oost\n")).unwrap();
    let o = g1000(&[
        "invite",
        "verify",
        "--register",
        modified.to_str().unwrap(),
        "--proof",
        proof.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("FAILED counts per stratum"),
        "{}",
        text(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_is_reported_precisely() {
    let dir = temp_dir("bad");
    let register = dir.join("register.csv");
    write_register(&register);
    let run = |reg: &Path, extra: &[&str]| {
        let out = dir.join(format!("out{}", extra.len()));
        let _ = std::fs::remove_dir_all(&out);
        let mut args = vec![
            "invite",
            "draw",
            "--register",
            reg.to_str().unwrap(),
            "--seed",
            "1",
            "--out-dir",
            out.to_str().unwrap(),
            "--no-letters",
        ];
        args.extend_from_slice(extra);
        let o = g1000(&args);
        assert!(!o.status.success());
        text(&o)
    };
    let t = run(&register, &["--count", "5", "--stratify-by", "district"]);
    assert!(t.contains("register.csv: no column 'district'"), "{t}");
    let t = run(&register, &["--count", "3001"]);
    assert!(
        t.contains("--count 3001 is larger than the register (3000 people"),
        "{t}"
    );
    let t = run(
        &register,
        &[
            "--count",
            "2500",
            "--one-per-household",
            "straat,huisnummer",
        ],
    );
    assert!(t.contains("larger than the number of households"), "{t}");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "naam,wijk\n").unwrap();
    let t = run(&empty, &["--count", "1"]);
    assert!(t.contains("empty.csv: empty register"), "{t}");
    let dup = dir.join("dup.csv");
    std::fs::write(&dup, "naam,wijk,naam\na,b,c\n").unwrap();
    let t = run(&dup, &["--count", "1"]);
    assert!(t.contains("dup.csv, row 1: duplicate column 'naam'"), "{t}");
    let t = run(&dir.join("missing.csv"), &["--count", "1"]);
    assert!(t.contains("missing.csv: cannot read the register"), "{t}");
    let _ = std::fs::remove_dir_all(&dir);
}
