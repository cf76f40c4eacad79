//! What a file given to an import is, from its first bytes: a workbook (an .xlsx is a zip,
//! an old .xls an OLE compound file), or text in UTF-8 (with or without BOM), UTF-16 (with a
//! BOM, or without one: every other byte zero), or GBK; and, once decoded, which character
//! separates its cells (`,` `;` or tab). Pure: the app decodes, this only looks.

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// An Excel workbook (.xlsx, also .xlsm and WPS's .et saved as xlsx): a zip.
    Xlsx,
    /// An Excel 97–2003 workbook (.xls): an OLE compound file; not read.
    Xls,
    /// UTF-8 for sure: a BOM, plain ASCII, or (nearly) valid UTF-8 that no GBK text would be.
    Utf8 { bom: bool },
    /// UTF-16, with or without its BOM.
    Utf16 { order: ByteOrder, bom: bool },
    /// Not UTF-8: GBK (GB18030), as Excel saves on a Chinese Windows.
    Gbk,
    /// Valid UTF-8 whose bytes are valid GBK too: decode both and `choose`.
    Utf8OrGbk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteOrder {
    Little,
    Big,
}

/// The character between cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delimiter {
    #[default]
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What `bytes` (the whole file, or at least its first few kilobytes) are.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(ZIP) {
        return Sniffed::Xlsx;
    }
    if bytes.starts_with(&OLE[..4]) {
        return Sniffed::Xls;
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Sniffed::Utf8 { bom: true };
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Sniffed::Utf16 { order: ByteOrder::Little, bom: true };
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Sniffed::Utf16 { order: ByteOrder::Big, bom: true };
    }
    if let Some(order) = utf16_without_bom(bytes) {
        return Sniffed::Utf16 { order, bom: false };
    }
    utf8_or_gbk(bytes)
}

/// UTF-16 without a BOM: in text that is mostly ASCII (headers, digits, separators) every
/// other byte is zero, on the odd side in little-endian, the even side in big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<ByteOrder> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_at = |side: usize| head.chunks_exact(2).filter(|p| p[side] == 0 && p[1 - side] != 0).count();
    let (odd, even) = (zero_at(1), zero_at(0));
    // Many zero bytes, nearly all on one side (plain text never holds zero bytes).
    if odd * 10 >= pairs * 3 && even * 20 <= odd {
        Some(ByteOrder::Little)
    } else if even * 10 >= pairs * 3 && odd * 20 <= even {
        Some(ByteOrder::Big)
    } else {
        None
    }
}

/// UTF-8 when the bytes are ASCII, or UTF-8 with a few damaged characters among many good
/// ones (those rows are reported); both ways when they are valid UTF-8 with other characters
/// (GBK text may be valid UTF-8 by chance); GBK otherwise.
fn utf8_or_gbk(bytes: &[u8]) -> Sniffed {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    match (good, bad) {
        (0, 0) => Sniffed::Utf8 { bom: false },
        (_, 0) => Sniffed::Utf8OrGbk,
        _ if good >= 4 * bad => Sniffed::Utf8 { bom: false },
        _ => Sniffed::Gbk,
    }
}

/// How a character reads in a customer file: ordinary text, an oddity that mostly comes from
/// decoding bytes in the wrong encoding, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ordinary,
    Odd,
    Neutral,
}

fn kind(c: char) -> Kind {
    match u32::from(c) {
        0x09 | 0x0A | 0x0D | 0x20..=0x7E => Kind::Ordinary,
        // Symbols real text holds (£ ¥ § © ® ° ± ² ³ µ · ¼ ½ ¾ × ÷), Latin letters (é, ü, ł).
        0xA2 | 0xA3 | 0xA5 | 0xA7 | 0xA9 | 0xAE | 0xB0..=0xB3 | 0xB5 | 0xB7 | 0xBC..=0xBE => Kind::Ordinary,
        0xC0..=0x17F => Kind::Ordinary,
        // Modern Greek and Russian letters.
        0x0386..=0x03CE | 0x0401 | 0x0410..=0x044F | 0x0451 => Kind::Ordinary,
        // Quotes, dashes and ellipsis; CJK punctuation; the common CJK ideographs; full-width forms.
        0x2010..=0x2027 | 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF01..=0xFF5E => Kind::Ordinary,
        // Controls and the Latin-1 signs hardly anyone types (¤ ¦ ¨ ª ¬ soft hyphen ¯ ´ ¶ ¸ ¹ º),
        // IPA and combining marks, scripts from Armenian to Thaana, box drawing and blocks,
        // private use, replacement characters.
        0x00..=0x1F | 0x7F..=0x9F | 0xA4 | 0xA6 | 0xA8 | 0xAA | 0xAC | 0xAD | 0xAF | 0xB4 | 0xB6 | 0xB8..=0xBA => {
            Kind::Odd
        }
        0x0250..=0x036F | 0x0530..=0x08FF | 0x2500..=0x259F | 0xE000..=0xF8FF | 0xFFF0..=0xFFFF => Kind::Odd,
        _ => Kind::Neutral,
    }
}

/// How ordinary the characters beyond ASCII of a decoded text read (the ASCII ones read
/// the same in either encoding): (ordinary less odd ones, how many there are).
pub fn ordinariness(text: &str) -> (i64, i64) {
    let (mut net, mut all) = (0i64, 0i64);
    for c in text.chars().filter(|c| !c.is_ascii() && !c.is_whitespace()) {
        all += 1;
        net += match kind(c) {
            Kind::Ordinary => 1,
            Kind::Odd => -1,
            Kind::Neutral => 0,
        };
    }
    (net, all)
}

/// Which reading of bytes that decode both ways to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Utf8,
    Gbk,
}

/// UTF-8 unless the GBK reading is the more ordinary text (per character beyond ASCII): GBK
/// bytes read as UTF-8 give Latin-1 signs and stray letters (卢伟 reads `¬ΰ`), UTF-8 bytes
/// read as GBK give rare ideographs no better than the real text. A tie keeps UTF-8.
pub fn choose(as_utf8: &str, as_gbk: &str) -> Reading {
    let (u, u_all) = ordinariness(as_utf8);
    let (g, g_all) = ordinariness(as_gbk);
    if g * u_all.max(1) > u * g_all.max(1) { Reading::Gbk } else { Reading::Utf8 }
}

/// The separator of a decoded text: of `,` `;` and tab, the one the header holds and most of
/// the first rows hold as often (outside quotes); a comma when none is found.
pub fn delimiter(text: &str) -> Delimiter {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut best = (Delimiter::Comma, 0usize, 0usize);
    for d in Delimiter::ALL {
        let counts = counts(text, d.byte(), 20);
        let Some(&header) = counts.first() else { continue };
        if header == 0 {
            continue;
        }
        let same = counts.iter().filter(|n| **n == header).count();
        if (same, header) > (best.1, best.2) {
            best = (d, same, header);
        }
    }
    best.0
}

/// How often `sep` stands outside quotes in each of the first `max` rows that hold anything.
fn counts(text: &str, sep: u8, max: usize) -> Vec<usize> {
    let mut rows = Vec::new();
    let (mut n, mut quoted, mut at_start, mut blank) = (0usize, false, true, true);
    let mut after_quote = false;
    for &b in text.as_bytes() {
        if quoted {
            match b {
                b'"' if after_quote => after_quote = false,
                b'"' => after_quote = true,
                _ if after_quote => {
                    quoted = false;
                    after_quote = false;
                }
                _ => continue,
            }
            if quoted {
                continue;
            }
        }
        match b {
            b'"' if at_start => {
                quoted = true;
                blank = false;
                at_start = false;
            }
            b'\n' | b'\r' => {
                if !blank {
                    rows.push(n);
                    if rows.len() >= max {
                        return rows;
                    }
                }
                (n, at_start, blank) = (0, true, true);
            }
            _ if b == sep => {
                n += 1;
                at_start = true;
                blank = false;
            }
            b' ' => {}
            _ => {
                at_start = false;
                blank = false;
            }
        }
    }
    if !blank {
        rows.push(n);
    }
    rows
}

#[cfg(test)]
#[path = "sniff_tests.rs"]
mod tests;
