//! Reading an import file as text: which encoding it is in.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_8};

use super::FileEncoding;
use crate::app::AppError;
use crate::i18n::problems::P;
use crate::i18n::{Lang, fill};

/// Read a file and decode it: a BOM decides; else the named encoding; else UTF-8 when the
/// bytes are (mostly) UTF-8, GB18030 when not. Undecodable bytes become U+FFFD, which the
/// checks report as unreadable cells.
pub fn read_text(
    path: &Path,
    forced: Option<FileEncoding>,
    lang: Lang,
) -> Result<(String, &'static Encoding), AppError> {
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::BadInput(fill(P::CannotReadFile.get(lang), &[&path.display(), &e])))?;
    Ok(decode(bytes, forced))
}

/// The encoding's name as people write it.
pub(super) fn encoding_label(e: &'static Encoding) -> &'static str {
    if e == GB18030 { "GB18030" } else { e.name() }
}

pub fn decode(bytes: Vec<u8>, forced: Option<FileEncoding>) -> (String, &'static Encoding) {
    let enc = match (Encoding::for_bom(&bytes), forced) {
        (Some((e, _)), _) => e,
        (None, Some(FileEncoding::Utf8)) => UTF_8,
        (None, Some(FileEncoding::Gb18030)) => GB18030,
        (None, None) => guess(&bytes),
    };
    if enc == UTF_8 {
        return match String::from_utf8(bytes) {
            // The BOM, if any, stays: the table reader skips it.
            Ok(text) => (text, UTF_8),
            Err(e) => (UTF_8.decode_with_bom_removal(e.as_bytes()).0.into_owned(), UTF_8),
        };
    }
    let (text, used, _) = enc.decode(&bytes);
    (text.into_owned(), used)
}

/// UTF-8 when the bytes are valid UTF-8, or nearly (a few damaged characters among many
/// good ones: those rows are reported); GB18030 otherwise.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    if bad == 0 || good >= 4 * bad { UTF_8 } else { GB18030 }
}
