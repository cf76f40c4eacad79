//! The progress bars of a long import on a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Files smaller than this are done before a bar could say anything.
pub(super) const LARGE_FILE: usize = 512 * 1024;

pub(super) fn bar(len: u64, show: bool, message: &'static str) -> ProgressBar {
    if !show || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg:>9} [{bar:40}] {percent:>3}% {elapsed} (eta {eta})") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(message);
    pb
}

/// Move the writing bar; once every row is written, say that the rest is saving.
pub(super) fn advance(pb: &ProgressBar, n: u64, total: u64) {
    pb.set_position(n);
    if n >= total {
        pb.set_message("saving");
    }
}
