//! Compound commands for the unparser, laid out as bash's
//! `print_cmd.c` does: `if …; then` / `fi`, `for … in …;` with `do` and
//! `done` on their own lines, `case … in` with `pattern)` lines and `;;`,
//! `elif` as a nested `if`, a group over several lines inside a function.

use super::{Flags, Printer, INDENT};
use crate::syntax::ast::{
    ArithText, CaseItem, CaseTerminator, CompoundCommand, CompoundKind, Program, Word,
};

impl<'a> Printer<'a> {
    pub(super) fn compound(&mut self, c: &'a CompoundCommand) {
        match &c.kind {
            CompoundKind::Brace(prog) => self.group(prog),
            CompoundKind::Subshell(prog) => {
                self.put(b"( ");
                self.skip_indent += 1;
                self.program(prog);
                self.flush_deferred(b"");
                self.put(b" )");
            }
            CompoundKind::If {
                branches,
                else_body,
            } => self.if_command(branches, else_body),
            CompoundKind::Loop {
                until,
                condition,
                body,
            } => self.loop_command(*until, condition, body),
            CompoundKind::For { name, words, body } => {
                self.for_head(b"for ", name, words.as_deref());
                self.do_body(body);
            }
            CompoundKind::Select { name, words, body } => {
                self.for_head(b"select ", name, words.as_deref());
                self.do_body(body);
            }
            CompoundKind::ArithFor {
                init,
                condition,
                step,
                body,
            } => {
                self.put(b"for ((");
                self.arith_for_section(init.as_ref());
                self.put(b"; ");
                self.arith_for_section(condition.as_ref());
                self.put(b"; ");
                self.arith_for_section(step.as_ref());
                self.put(b"))");
                self.do_body(body);
            }
            CompoundKind::Case { word, items } => self.case_command(word, items),
            CompoundKind::Arith(text) => {
                self.put(b"((");
                self.arith_command_text(text, c.span);
                self.put(b"))");
            }
            CompoundKind::Cond(expr) => {
                self.put(b"[[ ");
                self.cond_command(expr, c.span);
                self.put(b" ]]");
            }
            CompoundKind::Coproc { name, body } => {
                self.put(b"coproc ");
                self.put(name);
                self.put(b" ");
                self.skip_indent += 1;
                self.command(body, Flags::default(), false);
            }
        }
    }

    fn group(&mut self, prog: &'a Program) {
        self.put(b"{ ");
        if self.inside_function_def == 0 {
            self.skip_indent += 1;
        } else {
            // Inside a function a group is printed over several lines.
            self.put(b"\n");
            self.indentation += INDENT;
        }
        self.program(prog);
        self.flush_deferred(b"");
        if self.inside_function_def > 0 {
            self.put(b"\n");
            self.indentation -= INDENT;
            self.indent();
        } else {
            self.semicolon();
            self.put(b" ");
        }
        self.put(b"}");
    }

    /// bash keeps `elif` as an `if` nested in the `else` part, and prints
    /// it that way.
    fn if_command(&mut self, branches: &'a [(Program, Program)], else_body: &'a Option<Program>) {
        let Some(((test, then), rest)) = branches.split_first() else {
            return;
        };
        self.put(b"if ");
        self.skip_indent += 1;
        self.program(test);
        self.semicolon();
        self.put(b" then\n");
        self.indentation += INDENT;
        self.program(then);
        self.flush_deferred(b"");
        self.indentation -= INDENT;
        if !rest.is_empty() || else_body.is_some() {
            self.semicolon();
            self.newline(b"else\n");
            self.indentation += INDENT;
            if rest.is_empty() {
                if let Some(body) = else_body {
                    self.program(body);
                }
            } else {
                self.prefix(Flags::default());
                // A long `elif` chain nests as deep as it is long.
                stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                    self.if_command(rest, else_body);
                });
            }
            self.flush_deferred(b"");
            self.indentation -= INDENT;
        }
        self.semicolon();
        self.newline(b"fi");
    }

    fn loop_command(&mut self, until: bool, condition: &'a Program, body: &'a Program) {
        self.put(if until { b"until " } else { b"while " });
        self.skip_indent += 1;
        self.program(condition);
        self.flush_deferred(b"");
        self.semicolon();
        self.put(b" do\n");
        self.indentation += INDENT;
        self.program(body);
        self.flush_deferred(b"");
        self.indentation -= INDENT;
        self.semicolon();
        self.newline(b"done");
    }

    /// `for NAME in WORDS;` (`"$@"` when there was no `in`).
    fn for_head(&mut self, keyword: &[u8], name: &[u8], words: Option<&'a [Word]>) {
        self.put(keyword);
        self.put(name);
        self.put(b" in ");
        match words {
            None => self.put(b"\"$@\""),
            Some(words) => {
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        self.put(b" ");
                    }
                    self.word(w);
                }
            }
        }
        self.put(b";");
    }

    /// `do`, the indented body and `done` of `for`, `select` and
    /// arithmetic `for`.
    fn do_body(&mut self, body: &'a Program) {
        self.newline(b"do\n");
        self.indentation += INDENT;
        self.program(body);
        self.flush_deferred(b"");
        self.semicolon();
        self.indentation -= INDENT;
        self.newline(b"done");
    }

    /// One `for ((…))` section: its text less leading blanks; bash fills
    /// an empty section with `1`.
    fn arith_for_section(&mut self, section: Option<&'a ArithText>) {
        let text = section.map(|t| self.render_arith(&t.word));
        let text = text.as_deref().unwrap_or_default();
        let start = text
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(text.len());
        if start == text.len() {
            self.put(b"1");
        } else {
            self.put(&text[start..]);
        }
    }

    fn case_command(&mut self, word: &'a Word, items: &'a [CaseItem]) {
        self.put(b"case ");
        self.word(word);
        self.put(b" in ");
        self.indentation += INDENT;
        for item in items {
            self.newline(b"");
            for (i, pattern) in item.patterns.iter().enumerate() {
                if i > 0 {
                    self.put(b" | ");
                }
                self.word(pattern);
            }
            self.put(b")\n");
            self.indentation += INDENT;
            self.program(&item.body);
            self.indentation -= INDENT;
            self.flush_deferred(b"");
            self.newline(match item.terminator {
                CaseTerminator::Break => b";;",
                CaseTerminator::FallThrough => b";&",
                CaseTerminator::Continue => b";;&",
            });
        }
        self.indentation -= INDENT;
        self.newline(b"esac");
    }
}
