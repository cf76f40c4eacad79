//! Reading an import file as text: what it is (`shape`), which encoding, which separator.

use std::path::Path;

use encoding_rs::{Encoding, GB18030};

use super::FileEncoding;
use super::shape::{NotRead, Shape, read_shape};
use crate::app::AppError;
use crate::domain::import::sniff::Delimiter;
use crate::i18n::problems::P;
use crate::i18n::shape_texts::SH;
use crate::i18n::{Lang, fill};

/// An import file read as text.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub delimiter: Delimiter,
}

impl Decoded {
    /// The encoding's name as people write it.
    pub fn label(&self) -> &'static str {
        encoding_label(self.encoding)
    }
}

/// Read a file and decode it: a BOM decides; else the named encoding; else what the bytes
/// look like (UTF-16 by its zero bytes, UTF-8 or GBK by which reads as ordinary text).
/// Undecodable bytes become U+FFFD, which the checks report as unreadable cells. A
/// workbook is refused, naming it and saying what to do.
pub fn read_file(path: &Path, forced: Option<FileEncoding>, lang: Lang) -> Result<Decoded, AppError> {
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::BadInput(fill(P::CannotReadFile.get(lang), &[&path.display(), &e])))?;
    match read_shape(bytes, forced) {
        Ok(Shape::Text { text, encoding, delimiter }) => Ok(Decoded { text, encoding, delimiter }),
        // workbook: read by the xlsx reader
        Ok(Shape::Workbook(_)) => Err(AppError::BadInput(fill(SH::Workbook.get(lang), &[&path.display()]))),
        Err(NotRead::OldWorkbook) => Err(AppError::BadInput(fill(SH::OldWorkbook.get(lang), &[&path.display()]))),
    }
}

/// `read_file`, as text and its encoding.
pub fn read_text(
    path: &Path,
    forced: Option<FileEncoding>,
    lang: Lang,
) -> Result<(String, &'static Encoding), AppError> {
    read_file(path, forced, lang).map(|d| (d.text, d.encoding))
}

/// The encoding's name as people write it.
pub(super) fn encoding_label(e: &'static Encoding) -> &'static str {
    if e == GB18030 { "GB18030" } else { e.name() }
}

/// Decode a file's bytes as `read_file` does; a workbook gives no text (empty).
pub fn decode(bytes: Vec<u8>, forced: Option<FileEncoding>) -> (String, &'static Encoding) {
    match read_shape(bytes, forced) {
        Ok(Shape::Text { text, encoding, .. }) => (text, encoding),
        Ok(Shape::Workbook(_)) | Err(_) => (String::new(), encoding_rs::UTF_8),
    }
}
