//! The invitation letter: page 1 in Dutch, page 2 in English, each with the code, a QR code of
//! the registration URL and the information GDPR Art. 14 requires (source of the address,
//! purpose, retention, rights, contact). Plain language (B1).

use crate::code::Code;
use crate::pdf::{Document, Font, PAGE_HEIGHT, PAGE_WIDTH, Page, wrap};

/// What the letters say about the summit and who sends them.
#[derive(Debug, Clone)]
pub struct LetterInfo {
    /// E.g. "G1000 Amersfoort".
    pub summit_name: String,
    /// The municipality whose register the address came from.
    pub municipality: String,
    /// The organiser (controller from registration on).
    pub organiser: String,
    /// How to reach the organiser: e-mail, phone, postal address.
    pub contact: String,
    /// Date (and place) of the summit, free text; optional.
    pub summit_date: Option<String>,
}

const MARGIN: f32 = 64.0;
const BODY: f32 = 10.5;
const LEADING: f32 = 14.0;

struct Cursor {
    page: Page,
    y: f32,
}

impl Cursor {
    fn heading(&mut self, text: &str) {
        self.y -= 6.0;
        self.page.text(Font::Bold, 11.5, MARGIN, self.y, text);
        self.y -= LEADING + 1.0;
    }

    fn para(&mut self, text: &str, width: f32) {
        for line in wrap(Font::Regular, BODY, text, width) {
            self.page.text(Font::Regular, BODY, MARGIN, self.y, &line);
            self.y -= LEADING;
        }
        self.y -= 4.0;
    }
}

struct Texts<'a> {
    title: String,
    greeting: &'a str,
    invite: String,
    how_heading: &'a str,
    how: String,
    code_label: &'a str,
    url_label: &'a str,
    privacy_heading: &'a str,
    privacy: Vec<String>,
    closing: String,
}

fn dutch(info: &LetterInfo) -> Texts<'_> {
    let when = info
        .summit_date
        .as_deref()
        .map(|d| format!(" De burgertop is op {d}."))
        .unwrap_or_default();
    Texts {
        title: format!("Uitnodiging: {}", info.summit_name),
        greeting: "Beste bewoner,",
        invite: format!(
            "U bent door loting gekozen om mee te doen aan {}: een burgertop waar inwoners samen \
             praten over de toekomst van onze gemeente en samen voorstellen maken.{when} Iedereen \
             kan meedoen; u hoeft niets te weten of voor te bereiden. Uw mening telt.",
            info.summit_name
        ),
        how_heading: "Zo meldt u zich aan",
        how: "Scan de QR-code met uw telefoon of ga naar het webadres hieronder en vul uw code \
              in. Heeft u hulp nodig, of liever een papieren formulier? Neem dan contact op \
              (zie onder). Deze code is persoonlijk en kan één keer gebruikt worden."
            .into(),
        code_label: "Uw persoonlijke code:",
        url_label: "Webadres:",
        privacy_heading: "Uw gegevens (privacy)",
        privacy: vec![
            format!(
                "Waar komt uw adres vandaan? De gemeente {} heeft uw adres door loting gekozen \
                 uit de Basisregistratie Personen (BRP) en deze brief verstuurd. De organisatie \
                 van de burgertop heeft uw naam en adres niet gekregen.",
                info.municipality
            ),
            "Waarvoor? Alleen om u uit te nodigen voor deze burgertop. De organisatie krijgt \
             alleen een onleesbare versie (hash) van uw code, zodat ze uw aanmelding kan \
             controleren."
                .into(),
            "Hoe lang? De gemeente bewaart de lijst van gelote adressen alleen tot de brieven \
             verstuurd zijn. Niet gebruikte codes worden verwijderd als de aanmelding sluit. \
             Meldt u zich aan, dan leest u op het formulier welke gegevens de organisatie \
             bewaart en hoe lang."
                .into(),
            "Uw rechten: u mag vragen welke gegevens er over u zijn, ze laten verbeteren of \
             verwijderen, en bezwaar maken. U kunt ook een klacht indienen bij de Autoriteit \
             Persoonsgegevens. Reageert u niet op deze brief, dan gebeurt er verder niets."
                .into(),
            format!(
                "Contact: {} ({}). Voor vragen over het gebruik van de BRP: de gemeente {}.",
                info.organiser, info.contact, info.municipality
            ),
        ],
        closing: format!("Met vriendelijke groet,\n{}", info.organiser),
    }
}

fn english(info: &LetterInfo) -> Texts<'_> {
    let when = info
        .summit_date
        .as_deref()
        .map(|d| format!(" The summit takes place on {d}."))
        .unwrap_or_default();
    Texts {
        title: format!("Invitation: {}", info.summit_name),
        greeting: "Dear resident,",
        invite: format!(
            "You have been chosen by lot to take part in {}: a citizens' summit where residents \
             talk together about the future of our municipality and make proposals together.\
             {when} Everyone can take part; you do not need to know or prepare anything. Your \
             opinion counts.",
            info.summit_name
        ),
        how_heading: "How to register",
        how: "Scan the QR code with your phone or go to the web address below and enter your \
              code. Do you need help, or would you prefer a paper form? Please contact us (see \
              below). This code is personal and can be used once."
            .into(),
        code_label: "Your personal code:",
        url_label: "Web address:",
        privacy_heading: "Your data (privacy)",
        privacy: vec![
            format!(
                "Where does your address come from? The municipality of {} chose your address \
                 by lot from the population register (BRP) and sent this letter. The summit's \
                 organisers did not receive your name or address.",
                info.municipality
            ),
            "What for? Only to invite you to this summit. The organisers only receive an \
             unreadable version (a hash) of your code, so they can check your registration."
                .into(),
            "For how long? The municipality keeps the list of drawn addresses only until the \
             letters have been sent. Unused codes are deleted when registration closes. If \
             you register, the form tells you which data the organisers keep and for how long."
                .into(),
            "Your rights: you may ask which data is held about you, have it corrected or \
             deleted, and object. You may also complain to the Dutch Data Protection Authority \
             (Autoriteit Persoonsgegevens). If you do not reply to this letter, nothing further \
             happens."
                .into(),
            format!(
                "Contact: {} ({}). For questions about the use of the population register: the \
                 municipality of {}.",
                info.organiser, info.contact, info.municipality
            ),
        ],
        closing: format!("Kind regards,\n{}", info.organiser),
    }
}

fn page(t: &Texts<'_>, code: &Code, url: &str, other_language_note: &str) -> Page {
    let width = PAGE_WIDTH - 2.0 * MARGIN;
    let mut c = Cursor {
        page: Page::default(),
        y: PAGE_HEIGHT - 72.0,
    };
    c.page.text(Font::Bold, 17.0, MARGIN, c.y, &t.title);
    c.y -= 30.0;
    c.para(t.greeting, width);
    c.para(&t.invite, width);
    c.heading(t.how_heading);
    c.para(&t.how, width);

    // Code and QR side by side.
    let qr_size = 118.0;
    let top = c.y + 4.0;
    c.page.qr(url, PAGE_WIDTH - MARGIN - qr_size, top, qr_size);
    c.y -= 10.0;
    c.page.text(Font::Regular, BODY, MARGIN, c.y, t.code_label);
    c.y -= 26.0;
    c.page.text(Font::Bold, 22.0, MARGIN, c.y, &code.grouped());
    c.y -= 26.0;
    c.page.text(Font::Regular, BODY, MARGIN, c.y, t.url_label);
    c.y -= LEADING + 2.0;
    for line in wrap(Font::Bold, 12.0, url, width - qr_size - 10.0) {
        c.page.text(Font::Bold, 12.0, MARGIN, c.y, &line);
        c.y -= LEADING + 2.0;
    }
    c.y = c.y.min(top - qr_size) - 12.0;

    c.heading(t.privacy_heading);
    for p in &t.privacy {
        c.para(p, width);
    }
    c.y -= 4.0;
    for line in t.closing.lines() {
        c.page.text(Font::Regular, BODY, MARGIN, c.y, line);
        c.y -= LEADING;
    }
    c.page.line(MARGIN, 52.0, PAGE_WIDTH - MARGIN, 52.0);
    c.page
        .text(Font::Regular, 9.0, MARGIN, 40.0, other_language_note);
    c.page
}

/// The letter for one invitee: Dutch page, then English page.
pub fn letter_pdf(info: &LetterInfo, code: &Code, url: &str) -> Vec<u8> {
    let mut doc = Document::new(
        &format!("Uitnodiging / Invitation: {}", info.summit_name),
        "nl",
    );
    doc.pages.push(page(
        &dutch(info),
        code,
        url,
        "English: see the other side of this letter. Hulp nodig in een andere taal? Neem contact op.",
    ));
    doc.pages.push(page(
        &english(info),
        code,
        url,
        "Nederlands: zie de andere kant van deze brief. Need help in another language? Contact us.",
    ));
    doc.to_bytes()
}
