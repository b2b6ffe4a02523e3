//! AST back to shell text, laid out exactly as bash 5.2 prints a function
//! for `declare -f`, `typeset -f` and `type`.
//!
//! Entry point: [`function_definition`]. The layout is regenerated (bash
//! re-indents by four, puts `;` after every command of a list but the
//! last, prints `elif` as a nested `if`, and so on); words are taken from
//! the source text by their spans, except for the parts bash itself
//! rewrites when it parses: `$(…)` and `<(…)` bodies are reformatted,
//! `$'…'` becomes single-quoted and `$"…"` double-quoted, and compound
//! array assignments are rejoined with single spaces.
//!
//! The printer is a port of bash's `print_cmd.c` state machine: its odd
//! spacing around here-documents (bodies deferred until after the next
//! connector, a `;` dropped after a body) falls out of the same counters
//! (`skip_indent`, `printing_connection`, `was_heredoc`, the deferred
//! here-document list), so they are kept with bash's meaning. bash's
//! binary command tree is emulated over our flat lists: `;`, `&`, `&&`
//! and `||` chains associate to the left, pipelines to the right.

mod compound;
mod cond;
mod rebuild;
mod redirect;
mod word;

#[cfg(test)]
mod tests;

use super::ast::{
    AndOr, AndOrOp, Command, CompoundKind, FunctionDef, Pipeline, Program, Redirect, TimeFormat,
};
use super::source::Span;

/// Indentation step, as bash's `indentation_amount`.
const INDENT: usize = 4;

/// Nesting beyond this is printed from the source text as written (the
/// parser refuses deeper input anyway).
const MAX_DEPTH: usize = 1000;

/// Words bash treats as reserved; a function with such a name is printed
/// with the `function` keyword so the text can be read back.
const RESERVED: &[&[u8]] = super::RESERVED_WORDS;

/// The text of function `name` with body `body` as bash prints it, without
/// a trailing newline: `name () \n{ \n    …\n}`. `source_text` is the text
/// the body's spans point into.
pub fn function_definition(name: &[u8], body: &Command, source_text: &[u8]) -> Vec<u8> {
    let mut p = Printer::new(source_text, false);
    if RESERVED.contains(&name) {
        p.put(b"function ");
    }
    p.put(name);
    p.put(b" () \n");
    p.inside_function_def += 1;
    p.put(b"{ \n");
    p.indentation += INDENT;
    p.function_body(body);
    p.indentation -= INDENT;
    p.inside_function_def -= 1;
    p.close_function_body(body);
    p.out
}

/// `time` and `!` in front of a pipeline (bash keeps them as flags on the
/// pipeline's command node).
#[derive(Clone, Copy, Default)]
struct Flags {
    time: Option<TimeFormat>,
    negate: bool,
}

/// bash's printer state (`print_cmd.c` globals) and the output buffer.
struct Printer<'a> {
    src: &'a [u8],
    out: Vec<u8>,
    indentation: usize,
    /// Commands that must not indent (they continue the current line).
    skip_indent: usize,
    /// A here-document body was just printed: the next `;` is dropped.
    was_heredoc: bool,
    /// Inside a connection (list, and-or, pipeline): here-document bodies
    /// wait until after the next connector.
    printing_connection: usize,
    deferred: Vec<&'a Redirect>,
    inside_function_def: usize,
    /// Printing a `$(…)` body: newline separators stay newlines.
    comsub: bool,
    depth: usize,
}

impl<'a> Printer<'a> {
    fn new(src: &'a [u8], comsub: bool) -> Printer<'a> {
        Printer {
            src,
            out: Vec::new(),
            indentation: 0,
            skip_indent: 0,
            was_heredoc: false,
            printing_connection: 0,
            deferred: Vec::new(),
            inside_function_def: 0,
            comsub,
            depth: 0,
        }
    }

    fn put(&mut self, text: &[u8]) {
        self.out.extend_from_slice(text);
    }

    fn indent(&mut self) {
        let n = self.indentation;
        self.out.extend(std::iter::repeat_n(b' ', n));
    }

    /// bash's `newline`: a line break, the indentation, then `text`.
    fn newline(&mut self, text: &[u8]) {
        self.put(b"\n");
        self.indent();
        self.put(text);
    }

    /// bash's `semicolon`: a `;` unless the text already ends a command.
    fn semicolon(&mut self) {
        if !matches!(self.out.last(), Some(b'&' | b'\n')) {
            self.put(b";");
        }
    }

    /// The start of every command node: indent (unless it continues the
    /// line), then `time` and `!`.
    fn prefix(&mut self, flags: Flags) {
        if self.skip_indent > 0 {
            self.skip_indent -= 1;
        } else {
            self.indent();
        }
        match flags.time {
            Some(TimeFormat::Default) => self.put(b"time "),
            Some(TimeFormat::Posix) => self.put(b"time -p "),
            None => {}
        }
        if flags.negate {
            self.put(b"! ");
        }
    }

    /// The source text of a span, or nothing when it is out of range.
    fn slice(&self, span: Span) -> &'a [u8] {
        self.src
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }

    /// Runs `f` one level deeper, growing the stack on demand; past
    /// [`MAX_DEPTH`] the node is printed from its source text.
    fn nested(&mut self, span: Span, f: impl FnOnce(&mut Self)) {
        if self.depth >= MAX_DEPTH {
            let text = self.slice(span);
            self.put(text);
            return;
        }
        self.depth += 1;
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self));
        self.depth -= 1;
    }

    // ----- lists -------------------------------------------------------

    /// A list: bash's left-leaning tree of `;` / `&` connections.
    fn program(&mut self, prog: &'a Program) {
        let items = &prog.items;
        let Some(last) = items.last() else {
            return;
        };
        let connections = items.len() - 1 + usize::from(last.background);
        if connections == 0 {
            self.and_or(&last.and_or);
            return;
        }
        self.prefix(Flags::default());
        self.printing_connection += connections;
        self.skip_indent += 1;
        self.and_or(&items[0].and_or);
        for j in 0..connections {
            let second = items.get(j + 1);
            if items[j].background {
                self.print_deferred_heredocs(b" &");
                if second.is_some() {
                    self.put(b" ");
                    self.skip_indent += 1;
                }
            } else {
                let newline = self.src.get(items[j].span.end as usize) == Some(&b'\n');
                self.separator(if newline { b'\n' } else { b';' });
            }
            if let Some(item) = second {
                self.and_or(&item.and_or);
            }
            self.flush_deferred(b"");
            self.printing_connection -= 1;
        }
    }

    /// The `;` (or, in a `$(…)` body, newline) connector between two
    /// commands of a list.
    fn separator(&mut self, c: u8) {
        let s = if self.comsub { c } else { b';' };
        let was_newline = self.deferred.is_empty() && !self.was_heredoc && c == b'\n';
        if self.deferred.is_empty() {
            if self.was_heredoc {
                self.was_heredoc = false;
            } else {
                self.put(&[s]);
            }
        } else if self.inside_function_def > 0 {
            self.print_deferred_heredocs(b"");
        } else {
            self.print_deferred_heredocs(b";");
        }
        if self.inside_function_def > 0 {
            self.put(b"\n");
        } else if self.comsub && c == b'\n' && !was_newline {
            // A newline after a here-document body is kept, and the next
            // command starts its own (indented) line.
            self.put(b"\n");
        } else {
            if c == b';' {
                self.put(b" ");
            }
            self.skip_indent += 1;
        }
    }

    fn and_or(&mut self, ao: &'a AndOr) {
        if ao.rest.is_empty() {
            self.pipeline(&ao.first);
            return;
        }
        self.prefix(Flags::default());
        self.printing_connection += ao.rest.len();
        self.skip_indent += 1;
        self.pipeline(&ao.first);
        for (op, pipeline) in &ao.rest {
            self.print_deferred_heredocs(match op {
                AndOrOp::And => b" && ",
                AndOrOp::Or => b" || ",
            });
            self.skip_indent += 1;
            self.pipeline(pipeline);
            self.flush_deferred(b"");
            self.printing_connection -= 1;
        }
    }

    /// A pipeline: bash nests `a | b | c` as `a | (b | c)`; `a |& b` is
    /// `a 2>&1 | b`.
    fn pipeline(&mut self, p: &'a Pipeline) {
        let flags = Flags {
            time: p.timed,
            negate: p.negated,
        };
        let Some((last, init)) = p.commands.split_last() else {
            // `time` on its own: an empty command with the flag.
            self.prefix(flags);
            return;
        };
        if init.is_empty() {
            self.command(last, flags, false);
            return;
        }
        for (i, cmd) in init.iter().enumerate() {
            self.prefix(if i == 0 { flags } else { Flags::default() });
            self.skip_indent += 1;
            self.printing_connection += 1;
            let stderr = p.pipe_stderr.get(i).copied().unwrap_or(false);
            self.command(cmd, Flags::default(), stderr);
            self.print_deferred_heredocs(b" |");
            self.put(b" ");
            self.skip_indent += 1;
        }
        self.command(last, Flags::default(), false);
        for _ in init {
            self.flush_deferred(b"");
            self.printing_connection -= 1;
        }
    }

    // ----- commands ----------------------------------------------------

    /// One command node; `stderr` adds the `2>&1` of a `|&`.
    fn command(&mut self, cmd: &'a Command, flags: Flags, stderr: bool) {
        self.nested(cmd.span(), |p| {
            p.prefix(flags);
            match cmd {
                Command::Simple(s) => {
                    let mut first = true;
                    for a in &s.assignments {
                        p.put(if first { b"" } else { b" " });
                        p.assignment(a);
                        first = false;
                    }
                    for w in &s.words {
                        p.put(if first { b"" } else { b" " });
                        p.word(w);
                        first = false;
                    }
                    if !s.redirects.is_empty() || stderr {
                        if !first {
                            p.put(b" ");
                        }
                        p.redirect_list(&s.redirects, stderr);
                    }
                }
                Command::Compound(c) => {
                    p.compound(c);
                    if !c.redirects.is_empty() || stderr {
                        p.put(b" ");
                        p.redirect_list(&c.redirects, stderr);
                    }
                }
                Command::Function(f) => p.function_def(f),
            }
        });
    }

    /// A function defined inside a function body.
    fn function_def(&mut self, f: &'a FunctionDef) {
        self.put(b"function ");
        self.put(&f.name);
        self.put(b" () \n");
        self.indent();
        self.put(b"{ \n");
        self.inside_function_def += 1;
        self.indentation += INDENT;
        self.function_body(&f.body);
        self.indentation -= INDENT;
        self.inside_function_def -= 1;
        self.close_function_body(&f.body);
    }

    /// A function body: a `{ … }` group prints its list (its redirections
    /// go after the closing brace); any other compound command prints whole.
    fn function_body(&mut self, body: &'a Command) {
        match body {
            Command::Compound(c) => match &c.kind {
                CompoundKind::Brace(prog) => self.program(prog),
                _ => self.command(body, Flags::default(), false),
            },
            _ => self.command(body, Flags::default(), false),
        }
        self.flush_deferred(b"");
    }

    fn close_function_body(&mut self, body: &'a Command) {
        match body {
            Command::Compound(c)
                if matches!(c.kind, CompoundKind::Brace(_)) && !c.redirects.is_empty() =>
            {
                self.newline(b"} ");
                self.redirect_list(&c.redirects, false);
            }
            _ => self.newline(b"}"),
        }
    }

    /// The text of a `$(…)` or `<(…)` body as bash 5.2 stores it: printed
    /// flat with newline separators kept, a space before a leading `(`.
    /// `None` past the nesting limit.
    fn comsub_text(&self, prog: &Program) -> Option<Vec<u8>> {
        let mut p = Printer::new(self.src, true);
        p.depth = self.depth + 1;
        if p.depth >= MAX_DEPTH {
            return None;
        }
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || p.program(prog));
        let mut text = p.out;
        if text.first() == Some(&b'(') {
            text.insert(0, b' ');
        }
        Some(text)
    }
}
