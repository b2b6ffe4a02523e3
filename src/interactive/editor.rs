//! The rustyline helper: completion ([`super::complete`]), history hints,
//! highlighting ([`super::highlight`]) and the Validator, plus the key
//! bindings whelk changes. Entry point: [`WhelkHelper`], [`bind_keys`].
//!
//! The helper never sees the `Shell`: the REPL copies what it needs into
//! [`WhelkHelper::view`] before each prompt.

use std::borrow::Cow;
use std::cell::RefCell;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ConditionalEventHandler, Context, Event, EventContext, EventHandler, Helper, KeyCode,
    KeyEvent, Modifiers, RepeatCount,
};

use super::commands::{is_executable_path, CommandCache};
use super::complete::{complete, View};
use super::highlight::{highlight, CommandKind, HINT};
use super::history::SharedHistory;
use crate::syntax::{AliasLookup, ParseOptions, Parser};

#[derive(Default)]
pub struct WhelkHelper {
    pub view: View,
    pub cache: RefCell<CommandCache>,
    pub history: SharedHistory,
    /// Colours and hints (off for `TERM=dumb` and `NO_COLOR`).
    pub colors: bool,
    pub extglob: bool,
    /// The earlier lines of a command being continued after PS2.
    pub pending: String,
}

/// Whether `text` ends inside an unfinished command (open quote, `if`
/// without `fi`, trailing `|` or `\`, a here-document still being read).
pub fn is_incomplete(text: &str, extglob: bool, aliases: Option<&dyn AliasLookup>) -> bool {
    if parse_incomplete(text, extglob, aliases) {
        return true;
    }
    // The parser joins `\` + newline even at the very end of the text:
    // without the final newline it tells whether that backslash asks for
    // a continuation line (not in a comment or single quotes).
    let Some(body) = text.strip_suffix('\n') else {
        return false;
    };
    let backslashes = body.bytes().rev().take_while(|&b| b == b'\\').count();
    backslashes % 2 == 1 && parse_incomplete(body, extglob, aliases)
}

fn parse_incomplete(text: &str, extglob: bool, aliases: Option<&dyn AliasLookup>) -> bool {
    let opts = ParseOptions {
        extglob,
        aliases,
        final_input: false,
    };
    let mut parser = Parser::new(text.as_bytes(), opts);
    loop {
        match parser.next_complete_command() {
            Ok(Some(_)) => continue,
            Ok(None) => return false,
            Err(e) => return e.is_incomplete(),
        }
    }
}

impl WhelkHelper {
    /// What a command name is, from memory (and one `stat` for a path).
    fn classify(&self, name: &str) -> CommandKind {
        let v = &self.view;
        let has = |list: &Vec<String>| list.iter().any(|n| n == name);
        if has(&v.aliases) || has(&v.functions) {
            CommandKind::Defined
        } else if has(&v.builtins) {
            CommandKind::Builtin
        } else if name.contains('/') {
            if is_executable_path(name.as_bytes()) {
                CommandKind::External
            } else {
                CommandKind::Missing
            }
        } else if self.cache.borrow().contains(name.as_bytes()) {
            CommandKind::External
        } else {
            CommandKind::Missing
        }
    }
}

impl Completer for WhelkHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(complete(
            line,
            pos,
            &self.view,
            &mut self.cache.borrow_mut(),
        ))
    }
}

impl Hinter for WhelkHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if !self.colors || pos < line.len() || !self.pending.is_empty() {
            return None;
        }
        self.history
            .borrow()
            .completion_of(line)
            .map(str::to_string)
    }
}

impl Highlighter for WhelkHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        // A continuation line is only part of a command: colouring it alone
        // would mislead (a here-document body is not commands).
        if !self.colors || !self.pending.is_empty() {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight(line, &|name| self.classify(name)))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(format!("{HINT}{hint}\x1b[0m"))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        // Any character can change how the whole word is coloured.
        self.colors
    }
}

impl Validator for WhelkHelper {
    /// A single line is always accepted: the REPL reads the rest of an
    /// unfinished command after PS2, as bash does. A buffer that already
    /// holds several lines (a multi-line command recalled from history, or
    /// pasted) is edited as a whole: Enter inside an unfinished one inserts
    /// a newline.
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        if !input.contains('\n') {
            return Ok(ValidationResult::Valid(None));
        }
        let text = format!("{}{input}\n", self.pending);
        if is_incomplete(&text, self.extglob, None) {
            Ok(ValidationResult::Incomplete)
        } else {
            Ok(ValidationResult::Valid(None))
        }
    }
}

impl Helper for WhelkHelper {}

/// End accepts the hint when the cursor is already at the end (rustyline
/// only binds Right arrow to that).
struct EndAcceptsHint;

impl ConditionalEventHandler for EndAcceptsHint {
    fn handle(
        &self,
        _evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        (ctx.has_hint() && ctx.pos() == ctx.line().len()).then_some(Cmd::CompleteHint)
    }
}

/// Key bindings whelk adds to rustyline's defaults.
pub fn bind_keys<H: Helper, I: rustyline::history::History>(editor: &mut rustyline::Editor<H, I>) {
    // Ctrl-Z at the prompt does nothing (rustyline would stop the whole
    // process group).
    editor.bind_sequence(
        KeyEvent(KeyCode::Char('Z'), Modifiers::CTRL),
        EventHandler::Simple(Cmd::Noop),
    );
    editor.bind_sequence(
        KeyEvent(KeyCode::End, Modifiers::NONE),
        EventHandler::Conditional(Box::new(EndAcceptsHint)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_input() {
        for text in [
            "echo 'abc\n",
            "echo \"abc\n",
            "if true\n",
            "if true; then echo\n",
            "ls |\n",
            "true &&\n",
            "echo \\\n",
            "echo a\\\nb \\\n",
            "cat <<EOF\n",
            "cat <<EOF\nbody\n",
            "for i in 1 2\n",
            "f() {\n",
            "echo $(\n",
            "case x in\n",
        ] {
            assert!(is_incomplete(text, false, None), "{text:?}");
        }
        for text in [
            "echo hi\n",
            "if true; then echo; fi\n",
            "cat <<EOF\nbody\nEOF\n",
            "echo 'a\nb'\n",
            "echo )\n",
            "\n",
            "",
            "fi\n",
            "echo \\\\\n",
            "# comment \\\n",
            "echo 'a\\'\n",
        ] {
            assert!(!is_incomplete(text, false, None), "{text:?}");
        }
    }

    #[test]
    fn classify_uses_view_and_cache() {
        let h = WhelkHelper {
            view: View {
                builtins: vec!["cd".into()],
                functions: vec!["f".into()],
                aliases: vec!["ll".into()],
                ..View::default()
            },
            ..WhelkHelper::default()
        };
        assert_eq!(h.classify("cd"), CommandKind::Builtin);
        assert_eq!(h.classify("f"), CommandKind::Defined);
        assert_eq!(h.classify("ll"), CommandKind::Defined);
        assert_eq!(h.classify("surely-not-a-command"), CommandKind::Missing);
        assert_eq!(h.classify("/bin/sh"), CommandKind::External);
        assert_eq!(h.classify("/nonexistent/x"), CommandKind::Missing);
    }
}
