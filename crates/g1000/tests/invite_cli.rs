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

/// A draw from `reg` (seed 1, no letters, into a fresh `dir/out`) that must fail without a
/// panic; returns what it printed.
fn failed_draw(dir: &Path, reg: &Path, extra: &[&str]) -> String {
    let out = dir.join("out");
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
    let t = text(&o);
    assert!(!t.contains("panicked"), "{t}");
    t
}

#[test]
fn bad_input_is_reported_precisely() {
    let dir = temp_dir("bad");
    let register = dir.join("register.csv");
    write_register(&register);
    let run = |reg: &Path, extra: &[&str]| failed_draw(&dir, reg, extra);
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

/// The cells of a CSV register (no quoted fields): row 1 is the header.
fn cells(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// Write `rows` as the first sheet ("Register") of an XLSX workbook; cells of the columns in
/// `numeric` (below the header) are written as numbers, as a spreadsheet holds house numbers.
/// A second sheet follows, which the draw must ignore.
fn write_xlsx(path: &Path, rows: &[Vec<String>], numeric: &[usize]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Register").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r > 0 && numeric.contains(&(c as usize)) {
                ws.write_number(r, c, v.parse::<f64>().unwrap()).unwrap();
            } else {
                ws.write_string(r, c, v).unwrap();
            }
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("Toelichting").unwrap();
    notes.write_string(0, 0, "not the register").unwrap();
    wb.save(path).unwrap();
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Write `rows` as a minimal OpenDocument spreadsheet (mimetype, manifest, content.xml).
fn write_ods(path: &Path, rows: &[Vec<String>], numeric: &[usize]) {
    use std::io::Write;
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Blad1">"#,
    );
    for (r, row) in rows.iter().enumerate() {
        content.push_str("<table:table-row>");
        for (c, v) in row.iter().enumerate() {
            if r > 0 && numeric.contains(&c) {
                content.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
                ));
            } else {
                content.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    xml_escape(v)
                ));
            }
        }
        content.push_str("</table:table-row>");
    }
    content.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    std::fs::write(path, bytes).unwrap();
}

fn proof(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("draw-proof.json")).unwrap()).unwrap()
}

fn sha256(p: &Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(p).unwrap()))
}

#[test]
fn draw_from_xlsx_and_ods_equals_draw_from_csv() {
    let dir = temp_dir("xlsx");
    let csv = dir.join("register.csv");
    write_register(&csv);
    let rows = cells(&std::fs::read_to_string(&csv).unwrap());
    // huisnummer (column 3) as numbers: the household key must read "12", not "12.0".
    let xlsx = dir.join("register.xlsx");
    write_xlsx(&xlsx, &rows, &[3]);
    let ods = dir.join("register.ods");
    write_ods(&ods, &rows, &[3]);

    let seed = "2026-03-01 12 19 27 33 41";
    let (out_csv, out_xlsx, out_ods) = (dir.join("csv"), dir.join("xlsx"), dir.join("ods"));
    for (reg, out) in [(&csv, &out_csv), (&xlsx, &out_xlsx), (&ods, &out_ods)] {
        let o = draw(reg, out, seed);
        assert!(o.status.success(), "{}: {}", reg.display(), text(&o));
    }
    let people = |out: &Path| -> Vec<String> {
        mail_merge(out)[1..]
            .iter()
            .map(|r| r[..7].join(","))
            .collect()
    };
    let from_csv = people(&out_csv);
    assert_eq!(from_csv.len(), 40);
    assert_eq!(people(&out_xlsx), from_csv);
    assert_eq!(people(&out_ods), from_csv);
    assert_eq!(mail_merge(&out_xlsx)[0], mail_merge(&out_csv)[0]);

    let (p_csv, p_xlsx, p_ods) = (proof(&out_csv), proof(&out_xlsx), proof(&out_ods));
    for p in [&p_xlsx, &p_ods] {
        for field in [
            "drawn_rows_sha256",
            "strata",
            "households",
            "register_people",
        ] {
            assert_eq!(p[field], p_csv[field], "{field}");
        }
    }
    // The proof hashes the file's bytes: the workbook itself, not its cells.
    assert_eq!(p_csv["register_sha256"], sha256(&csv));
    assert_eq!(p_xlsx["register_sha256"], sha256(&xlsx));
    assert_eq!(p_ods["register_sha256"], sha256(&ods));
    assert_eq!(p_xlsx["register_sheet"], "Register");
    assert_eq!(p_ods["register_sheet"], "Blad1");
    assert!(p_csv.get("register_sheet").is_none());

    let verify = |reg: &Path, out: &Path| {
        g1000(&[
            "invite",
            "verify",
            "--register",
            reg.to_str().unwrap(),
            "--proof",
            out.join("draw-proof.json").to_str().unwrap(),
        ])
    };
    let o = verify(&xlsx, &out_xlsx);
    assert!(o.status.success(), "{}", text(&o));
    let o = verify(&ods, &out_ods);
    assert!(o.status.success(), "{}", text(&o));
    // The same people from the CSV, but not the file that was drawn from.
    let o = verify(&csv, &out_xlsx);
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("FAILED register file"), "{t}");
    assert!(t.contains("ok     people drawn"), "{t}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_xlsx_is_reported_with_file_sheet_row_and_column() {
    let dir = temp_dir("badxlsx");
    let run = |reg: &Path, extra: &[&str]| {
        let mut args = vec!["--count", "1"];
        args.extend_from_slice(extra);
        failed_draw(&dir, reg, &args)
    };
    let grid = |rows: &[&[&str]]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };

    // A cell holding an error value (a formula that gave #N/A).
    let path = dir.join("error.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Adressen").unwrap();
    for (c, h) in ["naam", "postcode", "wijk"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "An").unwrap();
    ws.write_string(1, 1, "1234 AB").unwrap();
    ws.write_string(1, 2, "Noord").unwrap();
    ws.write_string(2, 0, "Bo").unwrap();
    ws.write_formula(
        2,
        1,
        rust_xlsxwriter::Formula::new("=NA()").set_result("#N/A"),
    )
    .unwrap();
    ws.write_string(2, 2, "Oost").unwrap();
    wb.save(&path).unwrap();
    let t = run(&path, &[]);
    assert!(
        t.contains(
            "error.xlsx, sheet 'Adressen', row 3: column B ('postcode') holds the error value #N/A"
        ),
        "{t}"
    );

    // A duplicate column name; a value under a column without a name; no header in row 1.
    let cases: [(&str, &[&[&str]], &str); 3] = [
        (
            "dup.xlsx",
            &[&["naam", "wijk", "naam"], &["a", "b", "c"]],
            "dup.xlsx, sheet 'Register', row 1: duplicate column 'naam'",
        ),
        (
            "noname.xlsx",
            &[&["naam", "", "wijk"], &["a", "x", "c"]],
            "noname.xlsx, sheet 'Register', row 1: column B has values but no name",
        ),
        (
            "low.xlsx",
            &[&[], &["naam", "wijk"], &["a", "b"]],
            "low.xlsx, sheet 'Register', row 1: row 1 is empty",
        ),
    ];
    for (file, rows, expected) in cases {
        let path = dir.join(file);
        write_xlsx(&path, &grid(rows), &[]);
        let t = run(&path, &[]);
        assert!(t.contains(expected), "{t}");
    }

    // An empty stratum cell: the draw names the sheet too.
    let path = dir.join("stratum.xlsx");
    write_xlsx(
        &path,
        &grid(&[&["naam", "wijk"], &["a", "Noord"], &["b", ""]]),
        &[],
    );
    let t = run(&path, &["--stratify-by", "wijk"]);
    assert!(
        t.contains(
            "stratum.xlsx, sheet 'Register', row 3: column 'wijk' (used for --stratify-by) is empty"
        ),
        "{t}"
    );

    // Not a workbook at all, though named .xlsx; an .ods that is a broken ZIP.
    let path = dir.join("fake.xlsx");
    std::fs::write(&path, b"naam,wijk\na,b\n").unwrap();
    let t = run(&path, &[]);
    assert!(t.contains("fake.xlsx: not a readable XLSX workbook"), "{t}");
    let path = dir.join("broken.ods");
    std::fs::write(&path, b"PK\x03\x04 broken").unwrap();
    let t = run(&path, &[]);
    assert!(t.contains("broken.ods: not a readable ODS workbook"), "{t}");
    let _ = std::fs::remove_dir_all(&dir);
}
