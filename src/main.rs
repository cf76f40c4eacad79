//! The binary: parse the arguments, read the settings, and pick the face: the command line
//! for a subcommand, else the TUI.
#![forbid(unsafe_code)]

fn main() {
    // A reader that stops early (`tierdesk history X --all | head`) is handled where the CLI
    // writes: the run ends quietly (see `cli::output::print_text`).
    let cli = match tierdesk::cli::parse() {
        Ok(cli) => cli,
        Err(code) => std::process::exit(code),
    };
    let ctx = match cli.context() {
        Ok(ctx) => ctx,
        Err(code) => std::process::exit(code),
    };
    let code = match cli.command {
        Some(command) => tierdesk::cli::main(command, cli.demo, ctx),
        None => tierdesk::ui::main(ctx, cli.demo),
    };
    std::process::exit(code);
}
