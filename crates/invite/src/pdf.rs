//! A minimal PDF 1.4 writer: A4 pages, the standard Helvetica fonts (WinAnsiEncoding, no
//! embedding), text lines, word wrapping and filled rectangles. Content streams are not
//! compressed, so a letter's text can be found in its bytes. Also QR codes (drawn as filled squares) and
//! coloured areas, for the letters here and the web app's badges.

use qrcode::{Color, EcLevel, QrCode};

/// A4 in PDF points.
pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// Helvetica advance widths (1/1000 em) for ASCII 32..=126, from the standard AFM.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// Helvetica-Bold advance widths for ASCII 32..=126.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// The WinAnsi byte for a character, if it has one (Latin-1 plus the usual typographic marks).
fn win_ansi(c: char) -> Option<u8> {
    match c {
        ' '..='~' => Some(c as u8),
        '\u{A0}'..='\u{FF}' => Some(c as u32 as u8),
        '€' => Some(0x80),
        '‘' => Some(0x91),
        '’' => Some(0x92),
        '“' => Some(0x93),
        '”' => Some(0x94),
        '•' => Some(0x95),
        '–' => Some(0x96),
        '—' => Some(0x97),
        _ => None,
    }
}

/// Width of one character in 1/1000 em. Accented letters take the width of their base letter
/// (close enough for wrapping).
fn char_width(font: Font, c: char) -> u16 {
    let table = match font {
        Font::Regular => &HELVETICA,
        Font::Bold => &HELVETICA_BOLD,
    };
    let base = match c {
        ' '..='~' => c,
        'à'..='å' => 'a',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ò'..='ö' => 'o',
        'ù'..='ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'À'..='Å' => 'A',
        'È'..='Ë' => 'E',
        'Ì'..='Ï' => 'I',
        'Ò'..='Ö' => 'O',
        'Ù'..='Ü' => 'U',
        '–' => return 556,
        '—' => return 1000,
        '‘' | '’' => return 222,
        '“' | '”' => return 333,
        '•' => return 350,
        '€' => return 556,
        _ => 'n',
    };
    table[(base as u8 - 32) as usize]
}

/// Width of a text in points.
pub fn text_width(font: Font, size: f32, text: &str) -> f32 {
    text.chars()
        .map(|c| char_width(font, c) as f32)
        .sum::<f32>()
        * size
        / 1000.0
}

/// Split a paragraph into lines no wider than `width` points (words longer than a line stay whole).
pub fn wrap(font: Font, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(font, size, &candidate) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A PDF string literal in WinAnsi bytes; characters without a WinAnsi byte become `?`.
fn literal(text: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for c in text.chars() {
        let b = win_ansi(c).unwrap_or(b'?');
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            _ => out.push(b),
        }
    }
    out.push(b')');
    out
}

/// One page being drawn. Coordinates in points from the bottom-left corner.
#[derive(Default)]
pub struct Page {
    content: Vec<u8>,
}

impl Page {
    pub fn text(&mut self, font: Font, size: f32, x: f32, y: f32, text: &str) {
        self.content.extend_from_slice(
            format!("BT /{} {size:.1} Tf {x:.2} {y:.2} Td ", font.resource()).as_bytes(),
        );
        self.content.extend_from_slice(&literal(text));
        self.content.extend_from_slice(b" Tj ET\n");
    }

    /// A filled black rectangle.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.content
            .extend_from_slice(format!("{x:.2} {y:.2} {w:.2} {h:.2} re\n").as_bytes());
    }

    /// Fill all rectangles added since the last fill.
    pub fn fill(&mut self) {
        self.content.extend_from_slice(b"0 g f\n");
    }

    /// Fill all rectangles added since the last fill in a colour (RGB, 0..=1), then go back to black.
    pub fn fill_rgb(&mut self, rgb: [f32; 3]) {
        let [r, g, b] = rgb;
        self.content
            .extend_from_slice(format!("{r:.3} {g:.3} {b:.3} rg f 0 g\n").as_bytes());
    }

    /// Text in a colour (RGB, 0..=1).
    pub fn text_rgb(&mut self, font: Font, size: f32, x: f32, y: f32, text: &str, rgb: [f32; 3]) {
        let [r, g, b] = rgb;
        self.content
            .extend_from_slice(format!("q {r:.3} {g:.3} {b:.3} rg\n").as_bytes());
        self.text(font, size, x, y, text);
        self.content.extend_from_slice(b"Q\n");
    }

    /// The QR code of `data` (error correction M, with its quiet zone) as filled black squares, its top-left
    /// corner at (x, top), `size` points wide.
    pub fn qr(&mut self, data: &str, x: f32, top: f32, size: f32) {
        let qr = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
            .expect("a URL fits a QR code");
        let width = qr.width();
        let quiet = 4.0;
        let module = size / (width as f32 + 2.0 * quiet);
        for (i, color) in qr.to_colors().iter().enumerate() {
            if *color == Color::Dark {
                let (col, row) = ((i % width) as f32, (i / width) as f32);
                self.rect(
                    x + (quiet + col) * module,
                    top - (quiet + row + 1.0) * module,
                    module + 0.01,
                    module + 0.01,
                );
            }
        }
        self.fill();
    }

    /// A thin stroked line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.content
            .extend_from_slice(format!("0.5 w {x1:.2} {y1:.2} m {x2:.2} {y2:.2} l S\n").as_bytes());
    }
}

/// A document: pages plus metadata.
pub struct Document {
    pub title: String,
    pub lang: String,
    /// The program that made it (the PDF's /Producer).
    pub producer: String,
    pub pages: Vec<Page>,
}

impl Document {
    pub fn new(title: &str, lang: &str) -> Self {
        Document {
            title: title.to_string(),
            lang: lang.to_string(),
            producer: "g1000 invite".to_string(),
            pages: Vec::new(),
        }
    }

    /// Serialise to PDF 1.4 bytes (no timestamps: the same input gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        // Objects: 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, then per page: page, content.
        let mut objects: Vec<Vec<u8>> = Vec::new();
        let n = self.pages.len();
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
        objects.push(
            format!(
                "<< /Type /Catalog /Pages 2 0 R /Lang {} >>",
                String::from_utf8_lossy(&literal(&self.lang))
            )
            .into_bytes(),
        );
        objects
            .push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
        for name in ["Helvetica", "Helvetica-Bold"] {
            objects.push(
                format!(
                    "<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>"
                )
                .into_bytes(),
            );
        }
        let mut info = b"<< /Title ".to_vec();
        info.extend_from_slice(&literal(&self.title));
        info.extend_from_slice(b" /Producer ");
        info.extend_from_slice(&literal(&self.producer));
        info.extend_from_slice(b" >>");
        objects.push(info);
        for (i, page) in self.pages.iter().enumerate() {
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                     /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                    7 + 2 * i
                )
                .into_bytes(),
            );
            let mut stream = format!("<< /Length {} >>\nstream\n", page.content.len()).into_bytes();
            stream.extend_from_slice(&page.content);
            stream.extend_from_slice(b"\nendstream");
            objects.push(stream);
        }
        let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, obj) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(obj);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}
