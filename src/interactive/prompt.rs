//! What the REPL shows and runs around the prompt: PS1/PS2 for the line
//! editor (with `\[ \]` regions kept out of the width), `PROMPT_COMMAND`,
//! `PS0`, the mark for output that did not end in a newline, and
//! `COLUMNS`/`LINES` from the terminal size.

use std::rc::Rc;

use crate::exec::{InputKind, Unwind};
use crate::shell::Shell;
use crate::syntax::Source;
use crate::sys::fd::write_all_fd;

/// A prompt in the two forms rustyline wants: `raw` (what it measures and
/// prints without colours) and `styled`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorPrompt {
    pub raw: String,
    pub styled: String,
}

impl rustyline::Prompt for EditorPrompt {
    fn raw(&self) -> &str {
        &self.raw
    }

    fn styled(&self) -> &str {
        &self.styled
    }
}

/// Splits an expanded prompt at its 0x01/0x02 markers: `raw` leaves out
/// the marked (non-printing) text, `styled` keeps it without the markers.
pub fn split_markers(expanded: &[u8]) -> EditorPrompt {
    let mut raw = Vec::with_capacity(expanded.len());
    let mut styled = Vec::with_capacity(expanded.len());
    let mut hidden = false;
    for &b in expanded {
        match b {
            0x01 => hidden = true,
            0x02 => hidden = false,
            _ => {
                styled.push(b);
                if !hidden {
                    raw.push(b);
                }
            }
        }
    }
    EditorPrompt {
        raw: String::from_utf8_lossy(&raw).into_owned(),
        styled: String::from_utf8_lossy(&styled).into_owned(),
    }
}

/// PS1 or PS2, expanded, for the editor.
pub fn editor_prompt(shell: &mut Shell, name: &[u8], default: &[u8]) -> EditorPrompt {
    let text = shell
        .vars
        .get(name)
        .map(|v| v.into_owned())
        .unwrap_or_else(|| default.to_vec());
    let expanded = shell.expand_prompt_marked(&text);
    split_markers(&expanded)
}

/// Runs `PROMPT_COMMAND` (a string, or each element of an array as bash
/// 5.1 does), keeping `$?` for the prompt and the next command.
pub fn run_prompt_command(shell: &mut Shell) -> Result<(), Unwind> {
    let commands: Vec<Vec<u8>> = if shell.vars.is_indexed(b"PROMPT_COMMAND") {
        shell.vars.get_all(b"PROMPT_COMMAND").unwrap_or_default()
    } else {
        shell
            .vars
            .get(b"PROMPT_COMMAND")
            .map(|v| vec![v.into_owned()])
            .unwrap_or_default()
    };
    let status = shell.last_status;
    for command in commands.into_iter().filter(|c| !c.is_empty()) {
        let source = Rc::new(Source::new("PROMPT_COMMAND", command));
        match shell.run_source(source, InputKind::Sourced) {
            Err(Unwind::Exit(s)) => return Err(Unwind::Exit(s)),
            _ => shell.last_status = status,
        }
    }
    shell.last_status = status;
    Ok(())
}

/// `PS0`: expanded and shown after a command is read, before it runs.
pub fn show_ps0(shell: &mut Shell) {
    let Some(text) = shell.vars.get(b"PS0").map(|v| v.into_owned()) else {
        return;
    };
    if text.is_empty() {
        return;
    }
    let expanded = shell.expand_prompt_string(&text);
    let _ = write_all_fd(2, &expanded);
}

/// zsh's PROMPT_SP: a mark, COLUMNS-1 spaces and a carriage return. At
/// column 0 the spaces fit on the line and `\r` comes back to its start
/// (the editor then clears the mark); after unfinished output they wrap,
/// so the prompt starts on a fresh line and the output stays visible,
/// ending in the mark. No terminal query is needed.
pub fn partial_line_mark(columns: usize, reverse_video: bool) -> Vec<u8> {
    let mut out = if reverse_video {
        b"\x1b[7m%\x1b[27m".to_vec()
    } else {
        b"%".to_vec()
    };
    out.resize(out.len() + columns.saturating_sub(1), b' ');
    out.push(b'\r');
    out
}

/// The terminal's size (columns, rows) from `TIOCGWINSZ` on `fd`.
pub fn window_size(fd: i32) -> Option<(usize, usize)> {
    // SAFETY: winsize is plain data; the ioctl fills it or fails.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize into the pointer we pass.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    (r == 0 && ws.ws_col > 0).then_some((usize::from(ws.ws_col), usize::from(ws.ws_row)))
}

/// Sets `COLUMNS` and `LINES` from the terminal (bash's `checkwinsize`);
/// returns the width.
pub fn update_window_size(shell: &mut Shell) -> usize {
    match window_size(2) {
        Some((cols, rows)) => {
            let _ = shell.vars.set(b"COLUMNS", cols.to_string().into_bytes());
            let _ = shell.vars.set(b"LINES", rows.to_string().into_bytes());
            cols
        }
        None => 80,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_split_width_from_style() {
        let p = split_markers(b"\x01\x1b[32m\x02user\x01\x1b[0m\x02$ ");
        assert_eq!(p.raw, "user$ ");
        assert_eq!(p.styled, "\x1b[32muser\x1b[0m$ ");
        let p = split_markers(b"plain> ");
        assert_eq!((p.raw.as_str(), p.styled.as_str()), ("plain> ", "plain> "));
        // An unclosed region hides the rest from the width.
        let p = split_markers(b"a\x01\x1b]0;title\x07");
        assert_eq!(p.raw, "a");
        assert_eq!(p.styled, "a\x1b]0;title\x07");
    }

    #[test]
    fn mark_fills_the_line() {
        assert_eq!(partial_line_mark(4, false), b"%   \r");
        assert_eq!(partial_line_mark(3, true), b"\x1b[7m%\x1b[27m  \r");
        assert_eq!(partial_line_mark(0, false), b"%\r");
    }
}
