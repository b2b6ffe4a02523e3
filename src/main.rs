//! The `whelk` binary: argv → [`whelk::cli::Invocation`] → run; maps the
//! outcome to the process exit status.

use std::io::Write;
use std::process::ExitCode;

use whelk::cli::{self, CliAction};
use whelk::diagnostic;
use whelk::syntax::{self, ParseOptions, Source};

fn main() -> ExitCode {
    let invocation = match cli::parse(std::env::args_os().collect()) {
        CliAction::Run(inv) => inv,
        CliAction::Version => {
            println!("whelk {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        CliAction::Help => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        CliAction::Usage(message) => {
            eprintln!("whelk: {message}\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let noexec = invocation.options.iter().any(|(n, on)| n == "noexec" && *on);
    let (name, text) = match (&invocation.command, &invocation.script) {
        (Some(cmd), _) => (b"-c".to_vec(), cmd.clone()),
        (None, Some(path)) => {
            let os = std::ffi::OsStr::new(std::str::from_utf8(path).unwrap_or(""));
            match std::fs::read(os) {
                Ok(t) => (path.clone(), t),
                Err(e) => {
                    eprintln!("whelk: {}: {e}", String::from_utf8_lossy(path));
                    return ExitCode::from(127);
                }
            }
        }
        _ => {
            let mut t = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut t);
            (b"stdin".to_vec(), t)
        }
    };
    if noexec || invocation.dump_ast {
        let opts = ParseOptions {
            final_input: true,
            ..Default::default()
        };
        match syntax::parse_program(&text, opts) {
            Ok(program) => {
                if invocation.dump_ast {
                    print!("{}", syntax::dump::dump_program(&program));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                let source = Source::new(name, text);
                let _ = std::io::stderr().write_all(&diagnostic::render_parse_error(&source, &e));
                ExitCode::from(2)
            }
        }
    } else {
        ExitCode::SUCCESS
    }
}
