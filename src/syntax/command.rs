//! The command grammar (XCU 2.10 plus bash's additions): lists, and-or
//! lists, pipelines, simple commands, function definitions and alias
//! substitution. Compound commands live in `compound.rs`, redirections in
//! `redirect.rs`, assignments in `assign.rs`.
//!
//! Entry points: [`Parser::next_complete_command`] (one line's worth of
//! commands, for running a script as it is parsed) and
//! [`Parser::compound_list`] (a body up to its closing token).

use super::ast::{
    AndOr, AndOrOp, Command, FunctionDef, ListItem, Pipeline, Program, SimpleCommand, TimeFormat,
    Word, WordPart,
};
use super::error::ParseError;
use super::parser::{is_delimiter, PResult, Parser};
use super::source::Span;
use super::word::WordMode;

/// Reserved words that close a construct and so end a command list.
const CLOSERS: &[&[u8]] = &[
    b"then", b"else", b"elif", b"fi", b"do", b"done", b"esac", b"}",
];

/// Builtins whose `name=value` arguments are parsed as assignments.
const DECLARATION_BUILTINS: &[&[u8]] = &[b"declare", b"typeset", b"local", b"export", b"readonly"];

/// What ended an and-or list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// `;` or `&`.
    Operator,
    Newline,
    /// Nothing: a closing token or the end of the input follows.
    None,
}

impl Parser<'_> {
    /// Parses the next complete command: the and-or lists up to the end of
    /// a line (including every line a compound command spans). `None` at
    /// the end of the input.
    pub fn next_complete_command(&mut self) -> PResult<Option<Program>> {
        self.linebreak()?;
        if self.at_end() {
            self.check_input_end()?;
            return Ok(None);
        }
        let mut items = Vec::new();
        loop {
            self.skip_blanks_and_comment();
            if self.at_end() || self.peek() == Some(b'\n') {
                break;
            }
            if self.at_closer() {
                return Err(self.unexpected());
            }
            let (item, separator) = self.list_item()?;
            items.push(item);
            match separator {
                // The newline ends this complete command (its here-document
                // bodies were read with it); the next line is parsed only
                // after this one has run, so an alias or `shopt` on this
                // line applies to the next.
                Separator::Newline => return Ok(Some(Program { items })),
                Separator::Operator => {}
                Separator::None => break,
            }
        }
        self.skip_blanks_and_comment();
        if !self.at_end() && !self.newline()? {
            return Err(self.unexpected());
        }
        if self.at_end() {
            self.check_input_end()?;
        }
        Ok(Some(Program { items }))
    }

    /// At the end of the input: here-documents still waiting for their
    /// bodies, or a backslash-newline just before the end, need more input
    /// unless this is all there is (then the bodies are empty, as bash
    /// reads them, and the backslash-newline is removed).
    fn check_input_end(&mut self) -> PResult<()> {
        if !self.pending_heredocs.is_empty() {
            self.read_pending_heredocs()?;
        }
        if self.continued_at_end {
            return Err(ParseError::incomplete(
                "unexpected end of file after a backslash-newline",
                self.span_here(),
            ));
        }
        Ok(())
    }

    /// A list of commands up to a closing token (`)`, `}`, `fi`, `done`,
    /// `;;`, …) or the end of the input; the closer is not consumed.
    pub(super) fn compound_list(&mut self) -> PResult<Program> {
        let mut items = Vec::new();
        self.linebreak()?;
        loop {
            self.skip_blanks_and_comment();
            // An alias may expand to a closing word (`alias end='}'`).
            while !self.at_closer() && self.expand_alias_at_cursor() {
                self.skip_blanks_and_comment();
            }
            if self.at_end() || self.at_closer() {
                break;
            }
            let (item, separator) = self.list_item()?;
            items.push(item);
            if separator == Separator::None {
                break;
            }
            self.linebreak()?;
        }
        Ok(Program { items })
    }

    /// One and-or list and the separator that ended it.
    fn list_item(&mut self) -> PResult<(ListItem, Separator)> {
        let start = self.pos;
        let and_or = self.and_or()?;
        self.skip_blanks_and_comment();
        let last = and_or.rest.last().map_or(&and_or.first, |(_, p)| p);
        let span = Span {
            start: self.span(start, start).start,
            end: last.span.end,
        };
        let (background, separator) = if self.operator(b"&") {
            (true, Separator::Operator)
        } else if self.operator(b";") {
            (false, Separator::Operator)
        } else if self.newline()? {
            (false, Separator::Newline)
        } else {
            (false, Separator::None)
        };
        let item = ListItem {
            and_or,
            background,
            span,
        };
        Ok((item, separator))
    }

    /// True when the next token closes an enclosing construct.
    pub(super) fn at_closer(&self) -> bool {
        match self.peek() {
            Some(b')') => true,
            Some(b';') => matches!(self.peek_at(1), Some(b';' | b'&')),
            _ => CLOSERS.contains(&self.keyword_token()),
        }
    }

    fn and_or(&mut self) -> PResult<AndOr> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            self.skip_blanks();
            let op = if self.operator(b"&&") {
                AndOrOp::And
            } else if self.operator(b"||") {
                AndOrOp::Or
            } else {
                break;
            };
            self.linebreak()?;
            let symbol = if op == AndOrOp::And { "&&" } else { "||" };
            self.command_must_follow(symbol)?;
            rest.push((op, self.pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn pipeline(&mut self) -> PResult<Pipeline> {
        self.skip_blanks_and_comment();
        let start = self.pos;
        let mut timed = None;
        let mut negated = false;
        let mut prefixed = false;
        // bash accepts `!` and `time [-p] [--]` before a pipeline in any
        // order and number (`! time cmd`, `time ! cmd`, `! ! cmd`).
        loop {
            if self.keyword(b"!") {
                negated = !negated;
            } else if self.keyword(b"time") {
                let posix = self.time_options();
                if posix || timed.is_none() {
                    timed = Some(if posix {
                        TimeFormat::Posix
                    } else {
                        TimeFormat::Default
                    });
                }
            } else {
                break;
            }
            prefixed = true;
        }
        let prefix_end = self.pos;
        self.skip_blanks_and_comment();
        // `time` and `!` may stand alone before `;`, a newline or the end.
        if prefixed && self.at_list_terminator() {
            return Ok(Pipeline {
                negated,
                timed,
                commands: Vec::new(),
                pipe_stderr: Vec::new(),
                span: self.span(start, prefix_end),
            });
        }
        let mut commands = vec![self.command()?];
        let mut pipe_stderr = Vec::new();
        loop {
            self.skip_blanks();
            let both = if self.operator(b"|") {
                false
            } else if self.operator(b"|&") {
                true
            } else {
                break;
            };
            pipe_stderr.push(both);
            self.linebreak()?;
            self.command_must_follow(if both { "|&" } else { "|" })?;
            commands.push(self.command()?);
        }
        let end = commands.last().map_or(0, |c| c.span().end);
        Ok(Pipeline {
            negated,
            timed,
            commands,
            pipe_stderr,
            span: Span {
                start: self.span(start, start).start,
                end,
            },
        })
    }

    /// The input ended after `|`, `&&` or `||`: more is needed.
    fn command_must_follow(&self, operator: &str) -> PResult<()> {
        if self.at_end() {
            return Err(ParseError::incomplete(
                format!("unexpected end of file: a command must follow `{operator}`"),
                self.span_here(),
            ));
        }
        Ok(())
    }

    /// `-p` and `--` after `time`; true when `-p` was given.
    fn time_options(&mut self) -> bool {
        self.skip_blanks();
        let posix = self.at_keyword(b"-p");
        if posix {
            self.pos += 2;
            self.skip_blanks();
        }
        if self.at_keyword(b"--") {
            self.pos += 2;
        }
        posix
    }

    /// bash's `list_terminator`: `;`, a newline or the end of the input.
    fn at_list_terminator(&self) -> bool {
        self.at_end() || self.peek() == Some(b'\n') || self.peek_operator() == Some(b";")
    }

    /// One command of a pipeline.
    pub(super) fn command(&mut self) -> PResult<Command> {
        self.nested(|p| p.command_inner())
    }

    fn command_inner(&mut self) -> PResult<Command> {
        self.skip_blanks_and_comment();
        while self.expand_alias_at_cursor() {
            self.skip_blanks_and_comment();
        }
        if let Some(compound) = self.compound_command()? {
            return Ok(compound);
        }
        // A reserved word that cannot start a command is an error here, as
        // in bash and dash: `in` and `]]` close nothing by themselves, and
        // `!` only starts a pipeline (`a | ! b` is an error).
        let misplaced = matches!(self.keyword_token(), b"in" | b"]]" | b"!");
        if misplaced || self.at_closer() || self.at_end() || self.peek() == Some(b'\n') {
            return Err(self.unexpected());
        }
        let start = self.pos;
        if self.keyword(b"function") {
            return self.function_keyword_def(start);
        }
        self.simple_command()
    }

    /// Substitutes an alias for the word at the cursor, as POSIX 2.3.1
    /// describes; returns whether it did.
    pub(super) fn expand_alias_at_cursor(&mut self) -> bool {
        let Some(lookup) = self.opts.aliases else {
            return false;
        };
        let pos = self.pos;
        self.active_aliases.retain(|alias| alias.1 > pos);
        let rest = &self.buf[pos..];
        let len = rest
            .iter()
            .position(|&b| is_delimiter(b))
            .unwrap_or(rest.len());
        let name = &rest[..len];
        let quoted = name
            .iter()
            .any(|b| matches!(b, b'\'' | b'"' | b'\\' | b'$' | b'`' | b'='));
        // Quoted words and reserved words are never aliases (POSIX 2.3.1).
        if len == 0 || quoted || super::RESERVED_WORDS.contains(&name) {
            return false;
        }
        // An alias is not expanded inside its own expansion (recursion).
        if self.active_aliases.iter().any(|(n, ..)| n == name) {
            return false;
        }
        let Some(value) = lookup.alias(name) else {
            return false;
        };
        let name = name.to_vec();
        self.splice(pos, pos + len, &value);
        let end = pos + value.len();
        // POSIX: a value ending in a blank makes the next word a
        // candidate for alias substitution too. When aliases nest and end
        // together, the outer one decides, as in bash.
        let blank = value.last().is_some_and(|&b| b == b' ' || b == b'\t');
        let outer_without_blank = (self.active_aliases.iter()).any(|a| a.1 == end && !a.2);
        if blank && !outer_without_blank {
            self.alias_blank_ends.push(end);
        }
        self.active_aliases.push((name, end, blank));
        true
    }

    /// Whether the word at the cursor follows an alias whose value ended
    /// in a blank (and so is checked for aliases wherever it is).
    fn alias_check_due(&mut self) -> bool {
        if self.alias_blank_ends.is_empty() {
            return false;
        }
        let pos = self.pos;
        let before = self.alias_blank_ends.len();
        self.alias_blank_ends.retain(|&end| end > pos);
        self.alias_blank_ends.len() < before
    }

    fn simple_command(&mut self) -> PResult<Command> {
        let start = self.pos;
        let mut cmd = SimpleCommand::default();
        let mut declaration = false;
        loop {
            self.skip_blanks();
            if let Some(redirect) = self.redirect()? {
                cmd.redirects.push(redirect);
                continue;
            }
            let Some(b) = self.peek() else { break };
            if (b == b'<' || b == b'>') && self.peek_at(1) == Some(b'(') {
                let part = self.process_sub()?;
                let word = self.continue_word(part)?;
                cmd.words.push(word);
                continue;
            }
            let lone_word = cmd.assignments.is_empty() && cmd.redirects.is_empty();
            if b == b'(' && cmd.words.len() == 1 && lone_word {
                return self.function_def(cmd, start);
            }
            if is_delimiter(b) || (b == b'#') {
                break;
            }
            // The command name after assignments or redirections is in
            // command position; any word after an alias ending in a blank
            // is checked too.
            let due = self.alias_check_due();
            if (due || cmd.words.is_empty()) && self.expand_alias_at_cursor() {
                continue;
            }
            if cmd.words.is_empty() {
                if let Some(assignment) = self.assignment()? {
                    cmd.assignments.push(assignment);
                    continue;
                }
            } else if declaration {
                if let Some(word) = self.declaration_argument()? {
                    cmd.words.push(word);
                    continue;
                }
            }
            let Some(word) = self.brace_word()? else {
                break;
            };
            if cmd.words.is_empty() {
                declaration = word
                    .as_literal()
                    .is_some_and(|w| DECLARATION_BUILTINS.contains(&w));
            }
            cmd.words.push(word);
        }
        if cmd.words.is_empty() && cmd.assignments.is_empty() && cmd.redirects.is_empty() {
            return Err(self.unexpected());
        }
        // The span ends at the last element, not after the blanks that
        // follow it.
        let end = (cmd.assignments.iter().map(|a| a.span.end))
            .chain(cmd.words.iter().map(|w| w.span.end))
            .chain(cmd.redirects.iter().map(|r| r.span.end))
            .max()
            .unwrap_or_default();
        cmd.span = Span {
            start: self.span(start, start).start,
            end,
        };
        Ok(Command::Simple(cmd))
    }

    /// The rest of a word that began with a structured part.
    pub(super) fn continue_word(&mut self, first: WordPart) -> PResult<Word> {
        let start_span = first.span;
        let mut parts = vec![first];
        if self.peek().is_some_and(|b| !is_delimiter(b)) {
            parts.extend(self.parts(WordMode::Normal)?);
        }
        let end = self.span_here();
        Ok(Word {
            parts,
            span: start_span.to(end),
        })
    }

    /// `name() body` after the name was read as the command's only word.
    fn function_def(&mut self, cmd: SimpleCommand, start: usize) -> PResult<Command> {
        let name_word = &cmd.words[0];
        let Some(name) = name_word.as_literal().map(<[u8]>::to_vec) else {
            return Err(self.unexpected());
        };
        self.pos += 1;
        self.skip_blanks();
        if !self.operator(b")") {
            return Err(self.unexpected());
        }
        self.function_body(name, start)
    }

    /// `function name [()] body`, after the keyword at `start`.
    fn function_keyword_def(&mut self, start: usize) -> PResult<Command> {
        self.skip_blanks();
        let Some(word) = self.word()? else {
            return Err(self.missing_word());
        };
        let Some(name) = word.as_literal().map(<[u8]>::to_vec) else {
            return Err(ParseError::syntax("invalid function name", word.span));
        };
        self.skip_blanks();
        if self.starts_with(b"(") {
            self.pos += 1;
            self.skip_blanks();
            if !self.operator(b")") {
                return Err(self.unexpected());
            }
        }
        self.function_body(name, start)
    }

    fn function_body(&mut self, name: Vec<u8>, start: usize) -> PResult<Command> {
        self.linebreak()?;
        let body = match self.compound_command()? {
            Some(body) => body,
            None => return Err(self.unexpected()),
        };
        let span = Span {
            start: self.span(start, start).start,
            end: body.span().end,
        };
        Ok(Command::Function(Box::new(FunctionDef {
            name,
            body,
            span,
        })))
    }
}
