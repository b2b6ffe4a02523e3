//! Running source text: a script file or `-c` string is parsed one
//! complete command at a time and each is run before the next is parsed
//! (so an alias or `shopt -s extglob` takes effect on the next line, and
//! commands before a syntax error run, as in bash and dash); standard
//! input is read a line at a time and never past the command being run.

use std::rc::Rc;

use super::{Status, Unwind};
pub use crate::shell::AliasTable;
use crate::shell::Shell;
use crate::syntax::{AliasLookup, ParseOptions, Parser, Source};
use crate::sys::fd::write_all_fd;
use crate::sys::lineread::read_until;
use crate::sys::signals;

/// Where text being run comes from, which decides what a syntax error does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// The main script or `-c`: a syntax error ends the shell (status 2).
    Main,
    /// `.`/`source`: a syntax error fails the builtin.
    Sourced,
}

impl Shell {
    /// Whether aliases expand: interactive shells, `shopt -s
    /// expand_aliases`, and POSIX mode (as dash always does).
    pub fn aliases_enabled(&self) -> bool {
        self.interactive || self.opts.shopt("expand_aliases").unwrap_or(false) || self.opts.posix()
    }

    /// Parses and runs a whole text, one complete command at a time.
    pub fn run_source(&mut self, source: Rc<Source>, kind: InputKind) -> Status {
        let table = self.aliases.clone();
        let mut parser = Parser::new(
            &source.text,
            ParseOptions {
                final_input: true,
                ..Default::default()
            },
        );
        let saved = std::mem::replace(&mut self.source, Rc::clone(&source));
        let mut status = 0;
        let result = loop {
            parser.set_extglob(self.opts.extglob());
            parser.set_aliases(if self.aliases_enabled() {
                Some(&table)
            } else {
                None
            });
            let start = parser.position();
            let parsed = parser.next_complete_command();
            for (message, span) in parser.take_warnings() {
                let out = crate::diagnostic::render(&source, span, &message);
                let _ = write_all_fd(2, &out);
            }
            match parsed {
                Ok(Some(program)) => {
                    if self.opts.get("verbose") {
                        let _ = write_all_fd(2, parser.text_since(start));
                    }
                    if self.opts.get("noexec") && !self.interactive {
                        continue;
                    }
                    let result = self.run_program(&program);
                    self.close_procsub_fds();
                    match result {
                        Ok(s) => status = s,
                        // An error abandoned this command; go on with the next.
                        Err(Unwind::Abort(s)) if kind == InputKind::Main => {
                            status = s;
                            self.last_status = s;
                            if self.opts.errexit() && !self.interactive {
                                break Err(Unwind::Exit(s));
                            }
                        }
                        Err(u) => break Err(u),
                    }
                }
                Ok(None) => break Ok(status),
                Err(e) => {
                    let out = crate::diagnostic::render_parse_error(&source, &e);
                    let _ = write_all_fd(2, &out);
                    self.last_status = 2;
                    break match kind {
                        InputKind::Main if !self.interactive => Err(Unwind::Exit(2)),
                        _ => Ok(2),
                    };
                }
            }
        };
        self.source = saved;
        result
    }

    /// Reads and runs commands from a file descriptor (stdin), a line at
    /// a time, asking for more lines while a command is incomplete.
    pub fn run_fd_lines(&mut self, fd: i32, name: &[u8]) -> Status {
        let mut status = 0;
        let mut line_number = 1;
        loop {
            let mut chunk = Vec::new();
            let first_line = line_number;
            let mut eof;
            let programs = loop {
                if self.interactive && chunk.is_empty() {
                    // A Ctrl-C typed at the prompt is not for the next
                    // command; a hang-up or a trapped signal is handled now.
                    signals::take_pending_in(signals::signal_bit(libc::SIGINT));
                    self.run_pending_traps()?;
                    self.notify_job_changes();
                }
                if self.interactive {
                    let prompt_var: &[u8] = if chunk.is_empty() { b"PS1" } else { b"PS2" };
                    let default: &[u8] = if chunk.is_empty() { b"$ " } else { b"> " };
                    let raw = self
                        .vars
                        .get(prompt_var)
                        .map(|v| v.into_owned())
                        .unwrap_or_else(|| default.to_vec());
                    let prompt = self.expand_prompt_string(&raw);
                    let _ = write_all_fd(2, &prompt);
                }
                match read_until(fd, b'\n', None) {
                    Ok((line, at_end)) => {
                        eof = at_end;
                        line_number += line.iter().filter(|&&b| b == b'\n').count();
                        chunk.extend_from_slice(&line);
                    }
                    Err(_) => eof = true,
                }
                if self.interactive {
                    signals::take_pending_in(signals::signal_bit(libc::SIGINT));
                }
                if chunk.is_empty() && eof {
                    return Ok(status);
                }
                match self.parse_chunk(&chunk, eof) {
                    Ok(programs) => break Ok(programs),
                    Err(e) if e.is_incomplete() && !eof => continue,
                    Err(e) => break Err(e),
                }
            };
            let mut source = Source::new(name.to_vec(), chunk);
            source.first_line = first_line;
            let source = Rc::new(source);
            match programs {
                Ok(programs) => {
                    let saved = std::mem::replace(&mut self.source, Rc::clone(&source));
                    for program in programs {
                        if self.opts.get("noexec") && !self.interactive {
                            continue;
                        }
                        let result = self.run_program(&program);
                        self.close_procsub_fds();
                        match result {
                            Ok(s) => status = s,
                            Err(Unwind::Abort(s)) => {
                                status = s;
                                self.last_status = s;
                                break;
                            }
                            Err(u) => {
                                self.source = saved;
                                return Err(u);
                            }
                        }
                    }
                    self.source = saved;
                }
                Err(e) => {
                    let out = crate::diagnostic::render_parse_error(&source, &e);
                    let _ = write_all_fd(2, &out);
                    self.last_status = 2;
                    if !self.interactive {
                        return Err(Unwind::Exit(2));
                    }
                }
            }
            if eof {
                return Ok(status);
            }
        }
    }

    fn parse_chunk(
        &mut self,
        chunk: &[u8],
        eof: bool,
    ) -> Result<Vec<crate::syntax::ast::Program>, crate::syntax::ParseError> {
        let table = self.aliases.clone();
        let aliases: Option<&dyn AliasLookup> = if self.aliases_enabled() {
            Some(&table)
        } else {
            None
        };
        let opts = ParseOptions {
            final_input: eof,
            extglob: self.opts.extglob(),
            aliases,
        };
        let mut parser = Parser::new(chunk, opts);
        let mut programs = Vec::new();
        while let Some(p) = parser.next_complete_command()? {
            programs.push(p);
        }
        Ok(programs)
    }
}
