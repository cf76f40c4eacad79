//! The demo's word lists (`data/demo/`) and the small generator that picks from them.

/// A small, fast, deterministic generator (SplitMix64).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    /// One of `items`, or "" when the list is empty (a word list emptied by hand).
    pub(super) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        if items.is_empty() { "" } else { items[self.below(items.len())] }
    }
}

/// Lines of a plain list, skipping comments and blanks.
pub(super) fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// Words of `## name` section (whitespace separated).
pub(super) fn section<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    section_lines(text, name).into_iter().flat_map(str::split_whitespace).collect()
}

/// Lines of a `## name` section.
pub(super) fn section_lines<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if let Some(h) = line.strip_prefix("## ") {
            inside = h.trim() == name;
        } else if inside && !line.is_empty() && !line.starts_with('#') {
            out.push(line);
        }
    }
    out
}
