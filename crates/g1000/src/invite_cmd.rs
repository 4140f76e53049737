//! `g1000 invite ...`: stage 1 of the lottery, run offline at the municipality. File I/O and
//! terminal output around the `g1000-invite` library.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use g1000_invite::{DrawOptions, DrawParams, DrawProof, LetterInfo, Register};

#[derive(Args, Debug)]
pub struct InviteArgs {
    #[command(subcommand)]
    pub command: InviteCommand,
}

// Parsed once per run: boxing the large variant would only obscure the clap derive.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum InviteCommand {
    /// Draw N people from a register (offline, at the municipality): mail-merge CSV, PDF letters,
    /// codes.txt (code hashes only, for the platform) and the public draw-proof.json.
    Draw {
        /// The register: CSV (UTF-8, `,` or `;`) or the first sheet of a workbook (.xlsx,
        /// .ods, .xls, .xlsb); header in row 1, one person per row.
        #[arg(long)]
        register: PathBuf,
        /// How many people to invite.
        #[arg(long)]
        count: usize,
        /// Column to stratify by (e.g. district): seats proportional to each value's people.
        #[arg(long)]
        stratify_by: Option<String>,
        /// Columns that identify a household (at most one letter per household), comma-separated.
        #[arg(long, value_delimiter = ',')]
        one_per_household: Vec<String>,
        /// The public seed (any text, e.g. numbers drawn in public after the register hash was published).
        #[arg(long)]
        seed: String,
        /// A new (or empty) directory for the output files.
        #[arg(long)]
        out_dir: PathBuf,
        /// Registration base URL; letters link to BASE/r/CODE.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        base_url: String,
        /// The summit's name, as in the letter (e.g. "G1000 Amersfoort").
        #[arg(long, default_value = "de G1000")]
        summit_name: String,
        /// The municipality whose register this is (source of the address, in the letter).
        #[arg(long, default_value = "uw gemeente")]
        municipality: String,
        /// The organiser (who handles registrations).
        #[arg(long, default_value = "de organisatie van de G1000")]
        organiser: String,
        /// How to contact the organiser: e-mail, phone, postal address.
        #[arg(long, default_value = "zie de website")]
        contact: String,
        /// Date (and place) of the summit, as printed in the letter.
        #[arg(long)]
        summit_date: Option<String>,
        /// Do not write the PDF letters (mail-merge CSV only).
        #[arg(long)]
        no_letters: bool,
    },
    /// Re-run a draw from its public proof and check that the same people were drawn.
    Verify {
        /// The register the draw was made from.
        #[arg(long)]
        register: PathBuf,
        /// The draw's draw-proof.json.
        #[arg(long)]
        proof: PathBuf,
        /// Also check that this codes.txt belongs to the draw.
        #[arg(long)]
        codes: Option<PathBuf>,
    },
}

pub fn run(args: InviteArgs) -> Result<()> {
    match args.command {
        InviteCommand::Draw {
            register,
            count,
            stratify_by,
            one_per_household,
            seed,
            out_dir,
            base_url,
            summit_name,
            municipality,
            organiser,
            contact,
            summit_date,
            no_letters,
        } => {
            let opts = DrawOptions {
                register,
                params: DrawParams {
                    seed,
                    count,
                    stratify_by,
                    one_per_household: one_per_household
                        .into_iter()
                        .map(|c| c.trim().to_string())
                        .filter(|c| !c.is_empty())
                        .collect(),
                },
                out_dir,
                base_url,
                letter: LetterInfo {
                    summit_name,
                    municipality,
                    organiser,
                    contact,
                    summit_date,
                },
                no_letters,
            };
            let s = g1000_invite::run_draw(&opts)?;
            let p = &s.proof;
            println!(
                "drew {} of {} people ({} households), seed {:?}",
                p.count, p.register_people, p.households, p.seed
            );
            if p.stratify_by.is_some() {
                for st in &p.strata {
                    println!(
                        "  {:<24} {:>6} drawn of {:>8} people",
                        st.stratum, st.drawn, st.people
                    );
                }
            }
            println!("register SHA-256: {}", p.register_sha256);
            println!(
                "mail-merge (stays at the municipality): {}",
                s.mail_merge.display()
            );
            if let Some(dir) = &s.letters_dir {
                println!("letters (stay at the municipality):    {}", dir.display());
            }
            println!(
                "code hashes (for the platform):         {}",
                s.codes_txt.display()
            );
            println!(
                "public proof:                           {}",
                s.proof_path.display()
            );
            Ok(())
        }
        InviteCommand::Verify {
            register,
            proof,
            codes,
        } => {
            let proof = DrawProof::read(&proof)?;
            let reg = Register::read(&register)?;
            let codes = match codes {
                Some(p) => Some(
                    std::fs::read(&p)
                        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", p.display()))?,
                ),
                None => None,
            };
            let report = g1000_invite::verify(&reg, &proof, codes.as_deref());
            for c in &report.checks {
                println!(
                    "{} {}: {}",
                    if c.ok { "ok    " } else { "FAILED" },
                    c.name,
                    c.detail
                );
            }
            if report.ok() {
                println!(
                    "verified: the same {} people were drawn from this register with seed {:?}",
                    proof.count, proof.seed
                );
                Ok(())
            } else {
                let failed: Vec<&str> = report.failed().iter().map(|c| c.name).collect();
                bail!("verification failed: {}", failed.join(", "))
            }
        }
    }
}
