//! `tierdesk due --format json` written straight into a buffer: the same bytes as serde's
//! pretty printer followed by the escaping of DEL and the C1 controls (`output::json` of the
//! whole list, and a line break; a test holds them equal), without serde's per-key calls and
//! a second pass over every byte. On the 90,000-item list they were a third of the process.

use std::io::Write;

use super::due::{DueOut, IsoDate};

/// The buffer is written out past this size.
const CHUNK: usize = 1 << 16;

/// `items` as a pretty JSON array and a line break, on `out`, a chunk at a time.
pub fn write_list<'a>(out: &mut impl Write, items: impl Iterator<Item = DueOut<'a>>) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(CHUNK + 4096);
    buf.push(b'[');
    let mut any = false;
    for o in items {
        buf.extend_from_slice(if any { b",\n  {" } else { b"\n  {" });
        any = true;
        write_object(&mut buf, &o);
        if buf.len() >= CHUNK {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    buf.extend_from_slice(if any { b"\n]\n" } else { b"]\n" });
    out.write_all(&buf)?;
    out.flush()
}

/// Items per piece formatted by one thread at a time (about 600 KB of JSON).
const PIECE: usize = 2048;

/// The same bytes as `write_list` of `(0..len).map(item)`, formatted by two threads taking
/// alternate pieces of the list while this one writes the pieces out in order. Formatting
/// was a fifth of `due --format json` on the 90,000-item list; memory stays a few pieces.
pub fn write_list_split<'a>(
    out: &mut impl Write,
    len: usize,
    item: &(impl Fn(usize) -> DueOut<'a> + Sync),
) -> std::io::Result<()> {
    const THREADS: usize = 2;
    let pieces = len.div_ceil(PIECE);
    let one_core = std::thread::available_parallelism().map_or(true, |n| n.get() < 2);
    if pieces < 2 || one_core {
        return write_list(out, (0..len).map(item));
    }
    std::thread::scope(|scope| {
        let mut receivers = Vec::with_capacity(THREADS);
        for first in 0..THREADS {
            // One piece waiting per thread: a thread is never more than two pieces ahead.
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
            receivers.push(receive);
            scope.spawn(move || {
                for piece in (first..pieces).step_by(THREADS) {
                    let mut buf = Vec::with_capacity(PIECE * 320);
                    for at in piece * PIECE..len.min((piece + 1) * PIECE) {
                        buf.extend_from_slice(if at == 0 { b"\n  {" } else { b",\n  {" });
                        write_object(&mut buf, &item(at));
                    }
                    // The writer gave up (a closed pipe): nothing more is wanted.
                    if send.send(buf).is_err() {
                        return;
                    }
                }
            });
        }
        out.write_all(b"[")?;
        for piece in 0..pieces {
            let buf = receivers[piece % THREADS]
                .recv()
                .map_err(|_| std::io::Error::other("a thread formatting the list stopped"))?;
            out.write_all(&buf)?;
        }
        out.write_all(b"\n]\n")?;
        out.flush()
    })
}

/// One item's fields, in `DueOut`'s order, indented as the pretty printer indents an object
/// inside an array; the braces are the caller's.
fn write_object(buf: &mut Vec<u8>, o: &DueOut) {
    key(buf, "customer_id", true);
    number(buf, o.customer_id);
    key(buf, "ref", false);
    optional_text(buf, o.ext_ref);
    key(buf, "name", false);
    text(buf, o.name);
    key(buf, "tier", false);
    text(buf, o.tier);
    key(buf, "reason", false);
    text(buf, o.reason);
    key(buf, "last_contact", false);
    optional_date(buf, o.last_contact);
    key(buf, "due_date", false);
    date(buf, o.due_date);
    key(buf, "days_overdue", false);
    number(buf, o.days_overdue);
    key(buf, "detail", false);
    text(buf, o.detail);
    key(buf, "escalated", false);
    buf.extend_from_slice(if o.escalated { b"true" } else { b"false" });
    key(buf, "release_on", false);
    optional_date(buf, o.release_on);
    buf.extend_from_slice(b"\n  }");
}

fn key(buf: &mut Vec<u8>, name: &str, first: bool) {
    buf.extend_from_slice(if first { b"\n    \"" } else { b",\n    \"" });
    buf.extend_from_slice(name.as_bytes());
    buf.extend_from_slice(b"\": ");
}

/// Digits by hand: `write!` through the formatting machinery was a tenth of the writing.
fn number(buf: &mut Vec<u8>, n: i64) {
    if n < 0 {
        buf.push(b'-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

fn date(buf: &mut Vec<u8>, d: IsoDate) {
    use chrono::Datelike;
    let (y, m, day) = (d.0.year(), d.0.month(), d.0.day());
    if !(0..=9999).contains(&y) {
        let _ = write!(buf, "\"{d}\"");
        return;
    }
    let y = y as u32;
    let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    buf.push(b'"');
    buf.extend_from_slice(&two(y / 100));
    buf.extend_from_slice(&two(y % 100));
    buf.push(b'-');
    buf.extend_from_slice(&two(m));
    buf.push(b'-');
    buf.extend_from_slice(&two(day));
    buf.push(b'"');
}

fn optional_date(buf: &mut Vec<u8>, d: Option<IsoDate>) {
    match d {
        Some(d) => date(buf, d),
        None => buf.extend_from_slice(b"null"),
    }
}

fn optional_text(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => text(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

/// A JSON string: `"` and `\` escaped, the C0 controls as serde writes them (`\n`, `\t`, …
/// or `\u00XX`), and DEL and the C1 controls (U+0080..U+009F, the UTF-8 pairs 0xC2 0x80..0x9F)
/// as `\u00XX`, which some terminals would otherwise obey.
fn text(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    buf.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes need nothing: one table look-up each, no branch on what they are
        // (matching every byte against the escapes was a fifth of the whole run).
        if !ATTENTION[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let b = bytes[i];
        let (escape, width): (Option<u8>, usize) = match b {
            b'"' | b'\\' | 0x00..=0x1f | 0x7f => (Some(b), 1),
            0xc2 if bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => (bytes.get(i + 1).copied(), 2),
            _ => (None, 1),
        };
        if let Some(code) = escape {
            buf.extend_from_slice(&bytes[start..i]);
            match code {
                b'"' => buf.extend_from_slice(b"\\\""),
                b'\\' => buf.extend_from_slice(b"\\\\"),
                b'\n' => buf.extend_from_slice(b"\\n"),
                b'\r' => buf.extend_from_slice(b"\\r"),
                b'\t' => buf.extend_from_slice(b"\\t"),
                0x08 => buf.extend_from_slice(b"\\b"),
                0x0c => buf.extend_from_slice(b"\\f"),
                _ => {
                    let _ = write!(buf, "\\u{code:04x}");
                }
            }
            start = i + width;
        }
        i += width;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// The bytes `text` must look at: `"`, `\`, the C0 controls, DEL, and 0xC2 (the lead byte of
/// the C1 controls' UTF-8 pairs; most 0xC2 pairs are letters and pass).
const ATTENTION: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[0x7f] = true;
    t[0xc2] = true;
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// Text with what needs escaping mixed in: quotes, backslashes, C0, DEL, C1, CJK.
    fn hostile() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\"".to_string()),
                Just("\\".to_string()),
                (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('x').to_string()),
                (0x7fu32..0xa1).prop_map(|c| char::from_u32(c).unwrap_or('x').to_string()),
                Just("招".to_string()),
                Just("é".to_string()),
                any::<char>().prop_map(|c| c.to_string()),
                "[a-z ]{0,3}",
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    /// Days around the years tierdesk reads, and far outside them (year 10360, before 0).
    fn day(n: i64) -> IsoDate {
        IsoDate(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n))
    }

    fn days() -> impl Strategy<Value = i64> {
        prop_oneof![0i64..4000, -800_000i64..3_100_000]
    }

    /// Split into pieces formatted by two threads, the list is written as one thread writes
    /// it, byte for byte, whatever its length around the pieces' size.
    #[test]
    fn the_split_writer_writes_the_same_bytes() {
        let names: Vec<String> = (0..PIECE * 3 + 7).map(|i| format!("客户 \"{i}\"\u{85}\n")).collect();
        let item = |i: usize| DueOut {
            customer_id: i as i64,
            ext_ref: i.is_multiple_of(3).then_some("R1"),
            name: &names[i],
            tier: "A",
            reason: "cadence",
            last_contact: i.is_multiple_of(2).then(|| day(i as i64)),
            due_date: day(i as i64 * 7),
            days_overdue: i as i64 - 100,
            detail: "every week",
            escalated: i.is_multiple_of(5),
            release_on: None,
        };
        for len in [0, 1, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE, names.len()] {
            let (mut one, mut split) = (Vec::new(), Vec::new());
            write_list(&mut one, (0..len).map(item)).unwrap();
            write_list_split(&mut split, len, &item).unwrap();
            assert!(one == split, "{len} items: the bytes differ");
            assert!(String::from_utf8(split).unwrap().ends_with("]\n"));
        }
    }

    proptest! {
        #[test]
        fn writes_what_serde_and_the_c1_escape_write(
            rows in proptest::collection::vec(
                (any::<i64>(), proptest::option::of(hostile()), hostile(), hostile(), hostile(),
                 proptest::option::of(days()), days(), any::<i64>(), any::<bool>(),
                 proptest::option::of(days())),
                0..4)
        ) {
            let outs: Vec<DueOut> = rows
                .iter()
                .map(|(id, r, name, tier, detail, last, due, late, esc, rel)| DueOut {
                    customer_id: *id,
                    ext_ref: r.as_deref(),
                    name,
                    tier,
                    reason: "cadence",
                    last_contact: last.map(day),
                    due_date: day(*due),
                    days_overdue: *late,
                    detail,
                    escalated: *esc,
                    release_on: rel.map(day),
                })
                .collect();
            let mut ours = Vec::new();
            write_list(&mut ours, outs.iter().cloned()).unwrap();
            let want = format!("{}\n", crate::cli::output::json(&outs).unwrap());
            prop_assert_eq!(String::from_utf8(ours).unwrap(), want);
        }
    }
}
