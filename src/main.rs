//! The binary: parse arguments and hand over to the CLI dispatcher.
#![forbid(unsafe_code)]

fn main() {
    // `tierdesk history X --all | head` closes the pipe early: that is the reader's choice,
    // not a failure worth a panic message. Anything else goes to the usual hook.
    let usual = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info.to_string();
        if text.contains("failed printing to stdout") && text.contains("Broken pipe") {
            std::process::exit(0);
        }
        usual(info);
    }));
    std::process::exit(tierdesk::cli::main());
}
