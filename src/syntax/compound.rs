//! Compound commands: `{ }`, `( )`, `if`, `while`/`until`, `for` (both
//! forms), `select`, `case`, `(( ))`, `[[ ]]` and `coproc`, each followed
//! by its redirections.
//!
//! An unclosed construct at the end of the input is reported as
//! incomplete and names where it was opened, so the REPL can ask for more
//! and a script's error says which `if` never met its `fi`.

use super::ast::{
    ArithText, CaseItem, CaseTerminator, Command, CompoundCommand, CompoundKind, Program,
};
use super::error::{ParseError, ParseErrorKind};
use super::parser::{Attempt, PResult, Parser};
use super::source::Span;
use super::word::{arith_text, WordMode};

/// The reserved words that open a compound command.
#[derive(Clone, Copy)]
enum Opener {
    Brace,
    If,
    While,
    Until,
    For,
    Select,
    Case,
    Cond,
    Coproc,
}

impl Parser<'_> {
    /// A compound command at the cursor, or `None` if none starts here.
    pub(super) fn compound_command(&mut self) -> PResult<Option<Command>> {
        self.skip_blanks_and_comment();
        let start = self.pos;
        let kind = if self.starts_with(b"((") {
            match self.arith_command()? {
                Some(kind) => kind,
                None => self.subshell()?,
            }
        } else if self.starts_with(b"(") {
            self.subshell()?
        } else {
            // One look at the word at the cursor instead of a comparison
            // per reserved word: this runs for every command.
            let word = self.keyword_token();
            let len = word.len();
            let opener = match word {
                b"{" => Opener::Brace,
                b"if" => Opener::If,
                b"while" => Opener::While,
                b"until" => Opener::Until,
                b"for" => Opener::For,
                b"select" => Opener::Select,
                b"case" => Opener::Case,
                b"[[" => Opener::Cond,
                b"coproc" => Opener::Coproc,
                _ => return Ok(None),
            };
            self.pos += len;
            match opener {
                Opener::Brace => CompoundKind::Brace(self.body_until(b"}", "`{`", start)?),
                Opener::If => self.if_command(start)?,
                Opener::While => self.loop_command(false, start)?,
                Opener::Until => self.loop_command(true, start)?,
                Opener::For => self.for_command(start, false)?,
                Opener::Select => self.for_command(start, true)?,
                Opener::Case => self.case_command(start)?,
                Opener::Cond => CompoundKind::Cond(self.cond_command(start)?),
                Opener::Coproc => self.coproc()?,
            }
        };
        // The span ends at the closing token or the last redirection,
        // not after the blanks that follow.
        let mut end = self.span(self.pos, self.pos).end;
        if let CompoundKind::Coproc { body, .. } = &kind {
            end = body.span().end;
        }
        let redirects = self.redirect_list()?;
        if let Some(last) = redirects.last() {
            end = last.span.end;
        }
        let span = Span {
            start: self.span(start, start).start,
            end,
        };
        Ok(Some(Command::Compound(Box::new(CompoundCommand {
            kind,
            redirects,
            span,
        }))))
    }

    /// The error for a construct that is not closed by `closer`.
    fn unclosed(&self, closer: &str, opener: &str, start: usize) -> ParseError {
        let opened = self.span(start, start + 1);
        if self.at_end() {
            return ParseError::incomplete(
                format!("unexpected end of file: {opener} is never closed by `{closer}`"),
                self.span_here(),
            )
            .with_opened(opener, opened);
        }
        let token = self.describe_token();
        ParseError::syntax(
            format!("syntax error near unexpected token `{token}' (expected `{closer}`)"),
            self.span(self.pos, self.pos + self.token_len()),
        )
        .with_opened(opener, opened)
    }

    /// A non-empty list closed by the reserved word `closer`, consumed.
    fn body_until(&mut self, closer: &[u8], opener: &str, start: usize) -> PResult<Program> {
        let body = self.compound_list()?;
        self.skip_blanks_and_comment();
        if body.items.is_empty() {
            if self.at_end() {
                return Err(self.unclosed(&String::from_utf8_lossy(closer), opener, start));
            }
            return Err(self.unexpected());
        }
        if !self.keyword(closer) {
            return Err(self.unclosed(&String::from_utf8_lossy(closer), opener, start));
        }
        Ok(body)
    }

    fn subshell(&mut self) -> PResult<CompoundKind> {
        let start = self.pos;
        self.pos += 1;
        let body = self.compound_list()?;
        self.skip_blanks_and_comment();
        if body.items.is_empty() && !self.at_end() {
            return Err(self.unexpected());
        }
        if !self.operator(b")") {
            return Err(self.unclosed(")", "`(`", start));
        }
        Ok(CompoundKind::Subshell(body))
    }

    /// `(( … ))`; `None` (cursor restored) when it is really `( ( … ) )`.
    fn arith_command(&mut self) -> PResult<Option<CompoundKind>> {
        if self.attempt_failed(Attempt::ArithCommand) {
            return Ok(None);
        }
        let save = self.checkpoint();
        let open = self.pos;
        self.pos += 2;
        let word = match self.word_in_mode(WordMode::Arith) {
            Ok(word) => word,
            Err(e) if e.kind != ParseErrorKind::Syntax => return Err(e),
            Err(_) => {
                self.backtrack(save, Attempt::ArithCommand);
                return Ok(None);
            }
        };
        if self.starts_with(b"))") {
            self.pos += 2;
            return Ok(Some(CompoundKind::Arith(arith_text(word))));
        }
        if self.at_end() {
            return Err(self.unclosed("))", "`((`", open));
        }
        self.backtrack(save, Attempt::ArithCommand);
        Ok(None)
    }

    fn if_command(&mut self, start: usize) -> PResult<CompoundKind> {
        let mut branches = Vec::new();
        let mut else_body = None;
        loop {
            let condition = self.body_until(b"then", "`if`", start)?;
            let body = self.compound_list()?;
            self.skip_blanks_and_comment();
            if body.items.is_empty() {
                return Err(if self.at_end() {
                    self.unclosed("fi", "`if`", start)
                } else {
                    self.unexpected()
                });
            }
            branches.push((condition, body));
            if self.keyword(b"elif") {
                continue;
            }
            if self.keyword(b"else") {
                else_body = Some(self.body_until(b"fi", "`if`", start)?);
                break;
            }
            if self.keyword(b"fi") {
                break;
            }
            return Err(self.unclosed("fi", "`if`", start));
        }
        Ok(CompoundKind::If {
            branches,
            else_body,
        })
    }

    fn loop_command(&mut self, until: bool, start: usize) -> PResult<CompoundKind> {
        let opener = if until { "`until`" } else { "`while`" };
        let condition = self.body_until(b"do", opener, start)?;
        let body = self.body_until(b"done", opener, start)?;
        Ok(CompoundKind::Loop {
            until,
            condition,
            body,
        })
    }

    /// `do … done`, or bash's `{ … }`, as the body of `for`/`select`.
    fn do_group(&mut self, opener: &str, start: usize) -> PResult<Program> {
        self.linebreak()?;
        if self.keyword(b"do") {
            return self.body_until(b"done", opener, start);
        }
        let brace = self.pos;
        if self.keyword(b"{") {
            return self.body_until(b"}", "`{`", brace);
        }
        Err(self.unclosed("do", opener, start))
    }

    fn for_command(&mut self, start: usize, select: bool) -> PResult<CompoundKind> {
        let opener = if select { "`select`" } else { "`for`" };
        self.skip_blanks();
        if !select && self.starts_with(b"((") {
            return self.arith_for(start);
        }
        let Some(name) = self.name() else {
            return Err(self.unexpected());
        };
        if self.peek().is_some_and(|b| !super::parser::is_delimiter(b)) {
            return Err(self.error_here("`for` needs a variable name"));
        }
        self.skip_blanks_and_comment();
        let mut words = None;
        // `in` may follow the name on the next line.
        let save = self.pos;
        self.linebreak()?;
        if self.keyword(b"in") {
            let mut list = Vec::new();
            while let Some(word) = self.brace_word()? {
                list.push(word);
            }
            self.skip_blanks_and_comment();
            if !self.operator(b";") && !self.newline()? {
                return Err(self.unclosed("do", opener, start));
            }
            words = Some(list);
        } else {
            self.pos = save;
            self.skip_blanks();
            let _ = self.operator(b";");
        }
        let body = self.do_group(opener, start)?;
        Ok(if select {
            CompoundKind::Select { name, words, body }
        } else {
            CompoundKind::For { name, words, body }
        })
    }

    /// `for (( init; cond; step ))` with the cursor on `((`.
    fn arith_for(&mut self, start: usize) -> PResult<CompoundKind> {
        let open = self.pos;
        self.pos += 2;
        let mut sections: Vec<Option<ArithText>> = Vec::new();
        for i in 0..3 {
            let section_start = self.pos;
            let text = self.arith_for_section(i == 2, open)?;
            let section = if text.iter().all(u8::is_ascii_whitespace) {
                None
            } else {
                let mut sub = self.sub(text, self.offset(section_start));
                let word = sub.word_in_mode(WordMode::HereDoc)?;
                Some(arith_text(word))
            };
            sections.push(section);
        }
        self.skip_blanks();
        let _ = self.operator(b";");
        let body = self.do_group("`for`", start)?;
        let step = sections.pop().flatten();
        let condition = sections.pop().flatten();
        let init = sections.pop().flatten();
        Ok(CompoundKind::ArithFor {
            init,
            condition,
            step,
            body,
        })
    }

    /// The raw text of one `for ((…))` section and its terminator.
    fn arith_for_section(&mut self, last: bool, open: usize) -> PResult<Vec<u8>> {
        let mut depth = 0usize;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.unclosed("))", "`for ((`", open)),
                Some(b'(') => depth += 1,
                Some(b')') if depth > 0 => depth -= 1,
                Some(b')') if last && self.starts_with(b"))") => {
                    let text = self.buf[start..self.pos].to_vec();
                    self.pos += 2;
                    return Ok(text);
                }
                Some(b';') if !last && depth == 0 => {
                    let text = self.buf[start..self.pos].to_vec();
                    self.pos += 1;
                    return Ok(text);
                }
                Some(b')') => return Err(self.unexpected()),
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn case_command(&mut self, start: usize) -> PResult<CompoundKind> {
        self.skip_blanks();
        let Some(word) = self.word()? else {
            return Err(self.unexpected());
        };
        self.linebreak()?;
        if !self.keyword(b"in") {
            return Err(self.unclosed("in", "`case`", start));
        }
        let mut items = Vec::new();
        loop {
            self.linebreak()?;
            if self.keyword(b"esac") {
                break;
            }
            if self.at_end() {
                return Err(self.unclosed("esac", "`case`", start));
            }
            let item = self.case_item(start)?;
            let terminator = item.terminator;
            items.push(item);
            if terminator == CaseTerminator::Break && self.last_item_unterminated {
                self.last_item_unterminated = false;
                self.linebreak()?;
                if !self.keyword(b"esac") {
                    return Err(self.unclosed("esac", "`case`", start));
                }
                break;
            }
        }
        Ok(CompoundKind::Case { word, items })
    }

    fn case_item(&mut self, case_start: usize) -> PResult<CaseItem> {
        let start = self.pos;
        let _ = self.operator(b"(");
        let mut patterns = Vec::new();
        loop {
            self.skip_blanks();
            let word = match self.word()? {
                Some(w) => w,
                None if self.at_end() => return Err(self.unclosed("esac", "`case`", case_start)),
                None => return Err(self.unexpected()),
            };
            patterns.push(word);
            self.skip_blanks();
            if self.operator(b"|") {
                continue;
            }
            if self.operator(b")") {
                break;
            }
            if self.at_end() {
                return Err(self.unclosed("esac", "`case`", case_start));
            }
            return Err(self.unexpected());
        }
        let body = self.compound_list()?;
        self.skip_blanks_and_comment();
        let terminator = if self.operator(b";;") {
            CaseTerminator::Break
        } else if self.operator(b";&") {
            CaseTerminator::FallThrough
        } else if self.operator(b";;&") {
            CaseTerminator::Continue
        } else if self.at_keyword(b"esac") {
            self.last_item_unterminated = true;
            CaseTerminator::Break
        } else if self.at_end() {
            return Err(self.unclosed("esac", "`case`", case_start));
        } else {
            return Err(self.unexpected());
        };
        Ok(CaseItem {
            patterns,
            body,
            terminator,
            span: self.span(start, self.pos),
        })
    }

    /// `coproc [NAME] command`, after the keyword.
    fn coproc(&mut self) -> PResult<CompoundKind> {
        self.skip_blanks_and_comment();
        if self.at_end() || self.peek() == Some(b'\n') {
            return Err(self.missing_word());
        }
        let save = self.pos;
        if let Some(name) = self.name() {
            self.skip_blanks();
            let compound_next = self.starts_with(b"(")
                || [&b"{"[..], b"if", b"while", b"until", b"for", b"case", b"[["]
                    .iter()
                    .any(|k| self.at_keyword(k));
            if compound_next {
                let body = self.command()?;
                return Ok(CompoundKind::Coproc { name, body });
            }
            self.pos = save;
        }
        let body = self.command()?;
        Ok(CompoundKind::Coproc {
            name: b"COPROC".to_vec(),
            body,
        })
    }
}
