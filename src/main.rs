//! The binary: parse arguments and hand over to the CLI dispatcher.
#![forbid(unsafe_code)]

fn main() {
    std::process::exit(tierdesk::cli::main());
}
