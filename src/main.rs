//! The `whelk` binary: argv → [`whelk::cli::Invocation`] → a session; the
//! session's status becomes the process exit status.

use whelk::cli::{self, CliAction};
use whelk::sys::fd::write_all_fd;

fn main() {
    let status = match cli::parse(std::env::args_os().collect()) {
        CliAction::Run(inv) => whelk::session::run(inv),
        CliAction::Version => {
            let _ = write_all_fd(
                1,
                format!("whelk {}\n", env!("CARGO_PKG_VERSION")).as_bytes(),
            );
            0
        }
        CliAction::Help => {
            let _ = write_all_fd(1, format!("{}\n", cli::USAGE).as_bytes());
            0
        }
        CliAction::Usage(message) => {
            let _ = write_all_fd(2, format!("whelk: {message}\n{}\n", cli::USAGE).as_bytes());
            2
        }
    };
    std::process::exit(status);
}
