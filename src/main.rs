//! The binary: parse arguments and hand over to the CLI dispatcher.
#![forbid(unsafe_code)]

fn main() {
    // A reader that stops early (`tierdesk history X --all | head`) is handled where the CLI
    // writes: the run ends quietly (see `cli::output::print_text`).
    std::process::exit(tierdesk::cli::main());
}
