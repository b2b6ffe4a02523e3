//! The interactive shell: reads command lines from the terminal and runs
//! them, reporting job status changes before each prompt.

pub mod commands;
pub mod complete;
pub mod histexpand;
pub mod history;
pub mod history_file;
pub mod lex;

use crate::exec::{Status, Unwind};
use crate::shell::Shell;

/// Runs the interactive loop until `exit` or end of input.
pub fn run(shell: &mut Shell) -> Status {
    loop {
        shell.notify_job_changes();
        match shell.run_fd_lines(0, b"stdin") {
            Ok(status) => return Ok(status),
            Err(Unwind::Abort(status)) => {
                shell.last_status = status;
                continue;
            }
            Err(other) => return Err(other),
        }
    }
}
