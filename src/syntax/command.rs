//! The command grammar (XCU 2.10 plus bash's additions): lists, and-or
//! lists, pipelines, simple commands with assignments and redirections,
//! and function definitions. Compound commands live in `compound.rs`.
//!
//! Entry points: [`Parser::next_complete_command`] (one line's worth of
//! commands, for running a script as it is parsed) and
//! [`Parser::compound_list`] (a body up to its closing token).

use std::cell::OnceCell;
use std::rc::Rc;

use super::ast::{
    AndOr, AndOrOp, ArrayElement, AssignValue, Assignment, Command, FunctionDef, HereDoc, ListItem,
    PartKind, Pipeline, Program, Redirect, RedirectFd, RedirectOp, RedirectTarget, SimpleCommand,
    TimeFormat, Word, WordPart,
};
use super::error::ParseError;
use super::parser::{is_delimiter, is_name_char, is_name_start, Attempt, PResult, Parser};
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
        if matches!(self.peek_operator(), Some(b")" | b";;" | b";&" | b";;&")) {
            return true;
        }
        CLOSERS.contains(&self.keyword_token())
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
        if len == 0 || quoted {
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
    fn continue_word(&mut self, first: WordPart) -> PResult<Word> {
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

    /// Redirections after a compound command.
    pub(super) fn redirect_list(&mut self) -> PResult<Vec<Redirect>> {
        let mut out = Vec::new();
        loop {
            self.skip_blanks();
            match self.redirect()? {
                Some(r) => out.push(r),
                None => return Ok(out),
            }
        }
    }

    /// A redirection at the cursor, if one starts here.
    fn redirect(&mut self) -> PResult<Option<Redirect>> {
        let start = self.pos;
        let fd = self.redirect_fd();
        let Some(op_text) = self.peek_operator() else {
            self.pos = start;
            return Ok(None);
        };
        let (op, strip_tabs) = match op_text {
            b"<" if self.peek_at(1) == Some(b'(') => {
                self.pos = start;
                return Ok(None);
            }
            b"<" => (RedirectOp::Input, false),
            b">" if self.peek_at(1) == Some(b'(') && fd == RedirectFd::Default => {
                self.pos = start;
                return Ok(None);
            }
            b">" => (RedirectOp::Output, false),
            b">|" => (RedirectOp::Clobber, false),
            b">>" => (RedirectOp::Append, false),
            b"<&" => (RedirectOp::DupInput, false),
            b">&" => (RedirectOp::DupOutput, false),
            b"<>" => (RedirectOp::ReadWrite, false),
            b"<<" => (RedirectOp::HereDoc, false),
            b"<<-" => (RedirectOp::HereDoc, true),
            b"<<<" => (RedirectOp::HereString, false),
            b"&>" if fd == RedirectFd::Default => (RedirectOp::OutputBoth, false),
            b"&>>" if fd == RedirectFd::Default => (RedirectOp::AppendBoth, false),
            _ => {
                self.pos = start;
                return Ok(None);
            }
        };
        self.pos += op_text.len();
        self.skip_blanks();
        // `2>` or `{fd}>` where the target should be is a redirection of
        // its own, which bash reports as unexpected (`echo > 2>x`).
        let target_start = self.pos;
        if self.redirect_fd() != RedirectFd::Default {
            self.pos = target_start;
            return Err(self.unexpected());
        }
        let word = if matches!(self.peek(), Some(b'<' | b'>')) && self.peek_at(1) == Some(b'(') {
            let part = self.process_sub()?;
            Some(self.continue_word(part)?)
        } else {
            self.brace_word()?
        };
        let Some(word) = word else {
            return Err(self.missing_word());
        };
        let target = if op == RedirectOp::HereDoc {
            let doc = Rc::new(HereDoc {
                delimiter: self.heredoc_delimiter(&word),
                quoted: word.has_quotes(),
                strip_tabs,
                body: OnceCell::new(),
            });
            self.pending_heredocs.push(Rc::clone(&doc));
            RedirectTarget::HereDoc(doc)
        } else {
            RedirectTarget::Word(word)
        };
        Ok(Some(Redirect {
            fd,
            op,
            target,
            span: self.span(start, self.pos),
        }))
    }

    /// `2>` / `{name}>`: the fd part of a redirection, consumed only when
    /// a redirection operator follows it directly.
    fn redirect_fd(&mut self) -> RedirectFd {
        let rest = self.rest();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && matches!(rest.get(digits), Some(b'<' | b'>')) {
            let n = std::str::from_utf8(&rest[..digits])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(i32::MAX);
            self.pos += digits;
            return RedirectFd::Number(n);
        }
        if rest.first() == Some(&b'{') {
            let len = rest[1..].iter().take_while(|&&b| is_name_char(b)).count();
            if len > 0
                && is_name_start(rest[1])
                && rest.get(1 + len) == Some(&b'}')
                && matches!(rest.get(2 + len), Some(b'<' | b'>'))
            {
                let name = rest[1..1 + len].to_vec();
                self.pos += len + 2;
                return RedirectFd::Variable(name);
            }
        }
        RedirectFd::Default
    }

    /// A here-document delimiter: the word's text after quote removal.
    fn heredoc_delimiter(&self, word: &Word) -> Vec<u8> {
        fn collect(parts: &[WordPart], out: &mut Vec<u8>, raw: &dyn Fn(&WordPart) -> Vec<u8>) {
            for part in parts {
                match &part.kind {
                    PartKind::Literal(t) | PartKind::Quoted(t) => out.extend_from_slice(t),
                    PartKind::DoubleQuoted(inner) => collect(inner, out, raw),
                    _ => out.extend(raw(part)),
                }
            }
        }
        let raw = |part: &WordPart| -> Vec<u8> {
            let (s, e) = (part.span.start as usize, part.span.end as usize);
            let (s, e) = (s.saturating_sub(self.base), e.saturating_sub(self.base));
            self.buf.get(s..e).map(<[u8]>::to_vec).unwrap_or_default()
        };
        let mut out = Vec::new();
        collect(&word.parts, &mut out, &raw);
        out
    }

    /// `name=value`, `name[i]=value`, `name+=…`, `name=(…)` at the cursor.
    fn assignment(&mut self) -> PResult<Option<Assignment>> {
        let Some(name_len) = assignment_prefix(self.rest()) else {
            return Ok(None);
        };
        let start = self.pos;
        let name = self.buf[start..start + name_len].to_vec();
        self.pos += name_len;
        let index = if self.peek() == Some(b'[') {
            self.pos += 1;
            let word = self.word_in_mode(WordMode::Subscript)?;
            self.pos += 1; // the `]` that assignment_prefix found
            Some(word)
        } else {
            None
        };
        let append = self.peek() == Some(b'+');
        self.pos += if append { 2 } else { 1 };
        let value = if self.peek() == Some(b'(') && index.is_none() {
            AssignValue::Array(self.array_literal()?)
        } else {
            AssignValue::Scalar(self.word_in_mode(WordMode::Assignment)?)
        };
        Ok(Some(Assignment {
            name,
            index,
            append,
            value,
            span: self.span(start, self.pos),
        }))
    }

    /// `(a [1]=b c)` with the cursor on `(`.
    fn array_literal(&mut self) -> PResult<Vec<ArrayElement>> {
        let open = self.pos;
        self.pos += 1;
        let mut elements = Vec::new();
        loop {
            self.linebreak()?;
            match self.peek() {
                None => {
                    return Err(ParseError::incomplete(
                        "unexpected end of file in array assignment",
                        self.span_here(),
                    )
                    .with_opened("`(`", self.span(open, open + 1)))
                }
                Some(b')') => {
                    self.pos += 1;
                    return Ok(elements);
                }
                _ => {}
            }
            if self.peek() == Some(b'[') {
                if let Some(element) = self.indexed_element()? {
                    elements.push(element);
                    continue;
                }
            }
            match self.brace_word()? {
                Some(value) => elements.push(ArrayElement {
                    index: None,
                    append: false,
                    value,
                }),
                None => return Err(self.unexpected()),
            }
        }
    }

    /// `[i]=value` inside an array literal.
    fn indexed_element(&mut self) -> PResult<Option<ArrayElement>> {
        if self.attempt_failed(Attempt::IndexedElement) {
            return Ok(None);
        }
        let save = self.checkpoint();
        self.pos += 1;
        let index = self.word_in_mode(WordMode::Subscript)?;
        if self.peek() != Some(b']') {
            self.backtrack(save, Attempt::IndexedElement);
            return Ok(None);
        }
        self.pos += 1;
        let append = self.starts_with(b"+=");
        if !append && self.peek() != Some(b'=') {
            self.backtrack(save, Attempt::IndexedElement);
            return Ok(None);
        }
        self.pos += if append { 2 } else { 1 };
        let value = self.word_in_mode(WordMode::Assignment)?;
        Ok(Some(ArrayElement {
            index: Some(index),
            append,
            value,
        }))
    }

    /// An argument of `declare`/`local`/…: `name=(…)` becomes a word whose
    /// last part is an array literal; other words parse normally.
    fn declaration_argument(&mut self) -> PResult<Option<Word>> {
        let Some((_, head_len)) = assignment_head(self.rest(), true) else {
            return Ok(None);
        };
        let start = self.pos;
        let head = self.rest()[..head_len].to_vec();
        self.pos += head_len;
        let head_part = WordPart {
            kind: PartKind::Literal(head),
            span: self.span(start, self.pos),
        };
        let mut parts = vec![head_part];
        if self.peek() == Some(b'(') {
            let open = self.pos;
            let elements = self.array_literal()?;
            parts.push(WordPart {
                kind: PartKind::ArrayLiteral(elements),
                span: self.span(open, self.pos),
            });
        } else {
            // The value is read as in an assignment: `export P=~/bin:~/x`
            // expands both tildes in bash and dash.
            let mut value = self.word_in_mode(WordMode::Assignment)?.parts.into_iter();
            if let Some(first) = value.next() {
                match (&mut parts[0].kind, first.kind) {
                    (PartKind::Literal(head), PartKind::Literal(text)) => {
                        head.extend_from_slice(&text);
                        parts[0].span = parts[0].span.to(first.span);
                    }
                    (_, kind) => parts.push(WordPart {
                        kind,
                        span: first.span,
                    }),
                }
            }
            parts.extend(value);
        }
        Ok(Some(Word {
            parts,
            span: self.span(start, self.pos),
        }))
    }
}

/// If `text` starts with `name=`, `name+=`, `name[…]=` or `name[…]+=`,
/// the length of the name.
pub fn assignment_prefix(text: &[u8]) -> Option<usize> {
    assignment_head(text, false).map(|(name_len, _)| name_len)
}

/// `(name length, head length)` of `name[…]+=` at the start of `text`,
/// the head running through the `=`. A subscript may hold blanks at the
/// start of a command (`a[i + 1]=x`) but not in an argument
/// (`in_word`), where a blank ends the word.
fn assignment_head(text: &[u8], in_word: bool) -> Option<(usize, usize)> {
    let first = *text.first()?;
    if !is_name_start(first) {
        return None;
    }
    let name_len = text.iter().take_while(|&&b| is_name_char(b)).count();
    let mut i = name_len;
    if text.get(i) == Some(&b'[') {
        let mut depth = 0usize;
        loop {
            match *text.get(i)? {
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b'\n' => return None,
                b if in_word && is_delimiter(b) => return None,
                _ => {}
            }
            i += 1;
        }
        i += 1;
    }
    if text.get(i) == Some(&b'+') {
        i += 1;
    }
    (text.get(i) == Some(&b'=')).then_some((name_len, i + 1))
}
