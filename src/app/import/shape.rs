//! What a file given to an import is, and its text: the domain sniffs the first bytes
//! (`domain::import::sniff`), this decodes them. A workbook is handed on as bytes; an old
//! .xls is refused, naming it.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::FileEncoding;
use crate::domain::import::sniff::{self, ByteOrder, Delimiter, Reading, Sniffed};

/// How much of a file valid both as UTF-8 and as GBK decides which it is.
const JUDGED: usize = 256 * 1024;

/// A file as an import reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Text: decoded (a UTF-8 BOM kept: the table reader skips it), the encoding it was read
    /// in, and the character between its cells.
    Text { text: String, encoding: &'static Encoding, delimiter: Delimiter },
    /// An Excel workbook (.xlsx): its bytes, for the workbook reader.
    Workbook(Vec<u8>),
}

/// A file no import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRead {
    /// An Excel 97–2003 workbook (.xls).
    OldWorkbook,
}

/// What `bytes` are, decoded when they are text. A BOM decides the encoding; else
/// `forced`, when the person names one; else what the bytes look like.
pub fn read_shape(bytes: Vec<u8>, forced: Option<FileEncoding>) -> Result<Shape, NotRead> {
    let sniffed = sniff::sniff(&bytes);
    let sniffed = match (sniffed, forced) {
        (Sniffed::Xlsx, _) => return Ok(Shape::Workbook(bytes)),
        (Sniffed::Xls, _) => return Err(NotRead::OldWorkbook),
        (Sniffed::Utf8 { bom: true } | Sniffed::Utf16 { bom: true, .. }, _) | (_, None) => sniffed,
        (_, Some(FileEncoding::Utf8)) => Sniffed::Utf8 { bom: false },
        (_, Some(FileEncoding::Gb18030)) => Sniffed::Gbk,
    };
    let (text, encoding) = decode_as(bytes, sniffed);
    let delimiter = sniff::delimiter(&text);
    Ok(Shape::Text { text, encoding, delimiter })
}

fn decode_as(bytes: Vec<u8>, sniffed: Sniffed) -> (String, &'static Encoding) {
    match sniffed {
        Sniffed::Utf16 { order, bom } => {
            let enc = if order == ByteOrder::Little { UTF_16LE } else { UTF_16BE };
            let text =
                if bom { enc.decode_with_bom_removal(&bytes).0 } else { enc.decode_without_bom_handling(&bytes).0 };
            (text.into_owned(), enc)
        }
        Sniffed::Gbk => (GB18030.decode_without_bom_handling(&bytes).0.into_owned(), GB18030),
        Sniffed::Utf8OrGbk => {
            // Judged on the first lines (a line break is a boundary in both encodings), so a
            // large file is decoded once.
            let head = &bytes[..bytes.len().min(JUDGED)];
            let head = match head.iter().rposition(|b| *b == b'\n') {
                Some(i) if head.len() < bytes.len() => &head[..=i],
                _ => head,
            };
            let as_gbk = GB18030.decode_without_bom_handling(head).0;
            let reading = sniff::choose(&String::from_utf8_lossy(head), &as_gbk);
            match String::from_utf8(bytes) {
                Ok(utf8) if reading == Reading::Utf8 => (utf8, UTF_8),
                Ok(utf8) => (GB18030.decode_without_bom_handling(utf8.as_bytes()).0.into_owned(), GB18030),
                Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), UTF_8),
            }
        }
        // Workbooks never come here; UTF-8 is what is left.
        Sniffed::Utf8 { .. } | Sniffed::Xlsx | Sniffed::Xls => match String::from_utf8(bytes) {
            // The BOM, if any, stays: the table reader skips it.
            Ok(text) => (text, UTF_8),
            Err(e) => (UTF_8.decode_with_bom_removal(e.as_bytes()).0.into_owned(), UTF_8),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], forced: Option<FileEncoding>) -> (String, &'static str, Delimiter) {
        match read_shape(bytes.to_vec(), forced) {
            Ok(Shape::Text { text, encoding, delimiter }) => (text, encoding.name(), delimiter),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf16_with_a_bom_and_tabs_as_excel_saves_unicode_text() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("客户名称\t电话\r\n卢伟\t13800138000\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(text(&bytes, None), ("客户名称\t电话\r\n卢伟\t13800138000\r\n".into(), "UTF-16LE", Delimiter::Tab));
    }

    #[test]
    fn gbk_bytes_valid_as_utf8_read_as_gbk_and_utf8_stays_utf8() {
        let (t, enc, _) = text(b"name,company\n\xC2\xAC\xCE\xB0,\xC2\xB3\xD1\xB8\n", None);
        assert_eq!((t.as_str(), enc), ("name,company\n卢伟,鲁迅\n", "gb18030"));
        let (t, enc, _) = text("name;company\n王芳;华信\n".as_bytes(), None);
        assert_eq!((t.as_str(), enc), ("name;company\n王芳;华信\n", "UTF-8"));
        // Named: the person's word wins over the guess.
        let (t, enc, _) = text(b"name\n\xC2\xAC\xCE\xB0\n", Some(FileEncoding::Utf8));
        assert_eq!((t.as_str(), enc), ("name\n¬ΰ\n", "UTF-8"));
    }

    #[test]
    fn workbooks() {
        assert_eq!(read_shape(b"PK\x03\x04rest".to_vec(), None), Ok(Shape::Workbook(b"PK\x03\x04rest".to_vec())));
        assert_eq!(read_shape(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], None), Err(NotRead::OldWorkbook));
    }
}
