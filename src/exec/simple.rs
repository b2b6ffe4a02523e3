//! Simple commands (XCU 2.9.1): expand the words, perform assignments and
//! redirections, then run a special builtin, a function, a regular
//! builtin or an external command, in that order of lookup.
//!
//! Assignments before a special builtin persist (POSIX); before functions,
//! regular builtins and external commands they are temporary and exported
//! for that command only (bash).

use std::rc::Rc;

use super::{Status, Unwind};
use crate::builtins::{self, Builtin};
use crate::expand::{quote_for_display, ExpandError, OwnedSub};
use crate::shell::vars::Subscript as VarSub;
use crate::shell::Shell;
use crate::syntax::ast::{
    ArrayElement, AssignValue, Assignment, Command, PartKind, SimpleCommand, Word,
};

/// Builtins whose `name=value` arguments are assignments: not split or
/// globbed, and `name=(…)` assigns an array.
const DECLARATION_BUILTINS: &[&[u8]] = &[b"declare", b"typeset", b"local", b"export", b"readonly"];

/// Why an assignment failed (the error is already reported).
pub(crate) enum AssignFail {
    /// The command fails with this status.
    Status(i32),
    /// A fatal expansion error (`${x?}`, `set -u`) ends the shell, as it
    /// does in any other word.
    Fatal(Unwind),
}

impl AssignFail {
    fn into_status(self) -> Status {
        match self {
            AssignFail::Status(s) => Ok(s),
            AssignFail::Fatal(u) => Err(u),
        }
    }
}

/// An array assignment carried by a declaration builtin's argument.
struct DeclArray<'a> {
    name: Vec<u8>,
    append: bool,
    elements: &'a [ArrayElement],
}

impl Shell {
    pub(crate) fn run_command(&mut self, cmd: &Command) -> Status {
        // Deep nesting (recursive functions, nested compounds) grows the
        // stack on demand; shallow commands skip the check, whose first
        // use reads /proc/self/maps.
        self.exec_depth += 1;
        // Process substitutions opened for this command close when it ends
        // (a `wait $!` right after must see their reader finish).
        let procsubs = self.procsub_fds.len();
        let result = if self.exec_depth.is_multiple_of(4) {
            stacker::maybe_grow(256 * 1024, 2 * 1024 * 1024, || self.run_command_inner(cmd))
        } else {
            self.run_command_inner(cmd)
        };
        if self.procsub_fds.len() > procsubs {
            self.close_procsub_fds_from(procsubs);
        }
        self.exec_depth -= 1;
        result
    }

    fn run_command_inner(&mut self, cmd: &Command) -> Status {
        match cmd {
            Command::Simple(simple) => self.run_simple(simple),
            Command::Compound(compound) => self.run_compound(compound),
            Command::Function(def)
                if self.opts.posix() && !crate::shell::vars::is_valid_name(&def.name) =>
            {
                // POSIX mode: a function name must be a valid identifier.
                let mut m = b"`".to_vec();
                m.extend_from_slice(&def.name);
                m.extend_from_slice(b"': not a valid identifier");
                self.report_at(def.span, &m);
                Ok(2)
            }
            Command::Function(def) => {
                let function = crate::shell::Function {
                    name: def.name.clone(),
                    body: def.body.clone(),
                    source: Rc::clone(&self.source),
                    text: self.source_text(def.span),
                };
                self.functions.insert(def.name.clone(), Rc::new(function));
                Ok(0)
            }
        }
    }

    fn run_simple(&mut self, cmd: &SimpleCommand) -> Status {
        self.current_offset = cmd.span.start;
        if !self.in_trap {
            self.current_command = (cmd.span, std::rc::Rc::clone(&self.source));
        }
        self.last_subst_status = None;
        if self.traps[crate::shell::TRAP_DEBUG].is_some() {
            self.run_debug_trap()?;
        }
        let declaration = cmd
            .words
            .first()
            .and_then(Word::as_literal)
            .is_some_and(|w| DECLARATION_BUILTINS.contains(&w));
        let (argv, arrays) = if declaration {
            match self.expand_declaration_words(&cmd.words) {
                Ok(x) => x,
                Err(e) => return Err(self.expansion_failed(e)),
            }
        } else {
            match self.expand_words(&cmd.words) {
                Ok(argv) => (argv, Vec::new()),
                Err(e) => return Err(self.expansion_failed(e)),
            }
        };
        if argv.is_empty() {
            return self.run_assignments_only(cmd);
        }
        if self.opts.xtrace() && cmd.assignments.is_empty() {
            self.trace_command(&argv);
        }
        if let Some(last) = argv.last() {
            self.last_argument.clone_from(last);
        }
        let builtin = builtins::find_enabled(self, &argv[0]);
        if let Some(b) = builtin.filter(|b| b.special) {
            return self.run_special_builtin(b, cmd, &argv, &arrays);
        }
        if let Some(function) = self.functions.get(&argv[0]).cloned() {
            return self.with_temp_assignments(cmd, &argv, |shell| {
                let saved = match shell.apply_redirects(&cmd.redirects) {
                    Ok(saved) => saved,
                    Err(status) => return Ok(status),
                };
                let result = shell.call_function(&function, &argv);
                drop(saved);
                result
            });
        }
        if let Some(b) = builtin {
            return self.with_temp_assignments(cmd, &argv, |shell| {
                let saved = match shell.apply_redirects(&cmd.redirects) {
                    Ok(saved) => saved,
                    Err(status) => return Ok(status),
                };
                let result = shell.run_builtin(b, &argv, &arrays);
                drop(saved);
                result
            });
        }
        self.run_external(cmd, argv)
    }

    /// Runs a builtin, then the array assignments of a declaration.
    fn run_builtin(&mut self, b: Builtin, argv: &[Vec<u8>], arrays: &[DeclArray]) -> Status {
        let status = (b.run)(self, argv)?;
        if status == 0 {
            for array in arrays {
                if let Err(fail) = self.assign_array(&array.name, array.elements, array.append) {
                    return fail.into_status();
                }
            }
        }
        Ok(status)
    }

    fn run_special_builtin(
        &mut self,
        b: Builtin,
        cmd: &SimpleCommand,
        argv: &[Vec<u8>],
        arrays: &[DeclArray],
    ) -> Status {
        // POSIX: assignments before a special builtin persist; bash keeps
        // them temporary unless in POSIX mode.
        if !cmd.assignments.is_empty() && !self.opts.posix() {
            return self.with_temp_assignments(cmd, argv, |shell| {
                let saved = match shell.apply_redirects(&cmd.redirects) {
                    Ok(saved) => saved,
                    Err(status) => return Ok(status),
                };
                let result = shell.run_builtin(b, argv, arrays);
                drop(saved);
                result
            });
        }
        for a in &cmd.assignments {
            if let Err(fail) = self.assign(a) {
                return fail.into_status();
            }
        }
        if self.opts.xtrace() && !cmd.assignments.is_empty() {
            self.trace_command(argv);
        }
        // `exec` without a command keeps its redirections.
        if argv[0] == b"exec" && argv.len() == 1 {
            return match self.apply_redirects(&cmd.redirects) {
                Ok(saved) => {
                    saved.forget();
                    Ok(0)
                }
                Err(status) => Ok(status),
            };
        }
        let posix_fatal = self.opts.posix() && !self.interactive;
        let saved = match self.apply_redirects(&cmd.redirects) {
            Ok(saved) => saved,
            // POSIX 2.8.1: a redirection error of a special builtin is fatal.
            Err(status) if posix_fatal => return Err(Unwind::Exit(status)),
            Err(status) => return Ok(status),
        };
        let result = self.run_builtin(b, argv, arrays);
        drop(saved);
        match result {
            // A usage or syntax error in a special builtin is fatal too.
            Ok(2) if posix_fatal => Err(Unwind::Exit(2)),
            other => other,
        }
    }

    /// A command with no words: assignments change the shell; redirections
    /// are performed (creating files) and undone.
    fn run_assignments_only(&mut self, cmd: &SimpleCommand) -> Status {
        for a in &cmd.assignments {
            if let Err(fail) = self.assign(a) {
                let status = match fail {
                    AssignFail::Status(s) => s,
                    AssignFail::Fatal(unwind) => return Err(unwind),
                };
                // bash: a failed assignment alone abandons the command line
                // (and ends a POSIX-mode or `set -e` script).
                self.last_status = status;
                if !self.interactive && (self.opts.posix() || self.opts.errexit()) {
                    return Err(Unwind::Exit(status));
                }
                return Err(Unwind::Abort(status));
            }
        }
        let saved = match self.apply_redirects(&cmd.redirects) {
            Ok(saved) => saved,
            Err(status) => return Ok(status),
        };
        drop(saved);
        Ok(self.last_subst_status.unwrap_or(0))
    }

    /// Runs `f` with the command's assignments in a temporary scope.
    fn with_temp_assignments(
        &mut self,
        cmd: &SimpleCommand,
        argv: &[Vec<u8>],
        f: impl FnOnce(&mut Shell) -> Status,
    ) -> Status {
        if cmd.assignments.is_empty() {
            return f(self);
        }
        self.vars.push_temp_scope();
        let trace_after = self.opts.xtrace();
        let mut result = Ok(0);
        let mut ok = true;
        for a in &cmd.assignments {
            match self.assignment_value_text(a) {
                Ok(Some(value)) => {
                    self.trace_assignment(&a.name, false, &value);
                    if let Err(e) = self.vars.set_temp(&a.name, value) {
                        // bash reports it and still runs the command.
                        self.report(&e.message());
                    }
                }
                Ok(None) => {
                    if let Err(fail) = self.assign(a) {
                        result = fail.into_status();
                        ok = false;
                        break;
                    }
                }
                Err(unwind) => {
                    result = Err(unwind);
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            if trace_after {
                self.trace_command(argv);
            }
            result = f(self);
        }
        self.vars.pop_temp_scope();
        result
    }

    /// The scalar text of an assignment, or `None` when it is an array or
    /// element assignment that must go through [`Shell::assign`].
    fn assignment_value_text(&mut self, a: &Assignment) -> Result<Option<Vec<u8>>, Unwind> {
        if a.index.is_some() || a.append {
            return Ok(None);
        }
        match &a.value {
            AssignValue::Scalar(w) => match self.expand_string(w) {
                Ok(v) => Ok(Some(v)),
                Err(e) => Err(self.expansion_failed(e)),
            },
            AssignValue::Array(_) => Ok(None),
        }
    }

    /// Performs one assignment in the shell. Errors are reported; the
    /// status to use is returned.
    pub(crate) fn assign(&mut self, a: &Assignment) -> Result<(), AssignFail> {
        let result = match &a.value {
            AssignValue::Array(elements) => {
                if self.opts.xtrace() {
                    let text = self.source_text(a.span);
                    self.trace(&text);
                }
                return self.assign_array(&a.name, elements, a.append);
            }
            AssignValue::Scalar(w) => {
                let value = match self.expand_string(w) {
                    Ok(v) => v,
                    Err(e) => return Err(self.report_expand(e)),
                };
                self.trace_assignment(&a.name, a.append, &value);
                match &a.index {
                    Some(index) => self.assign_element(&a.name, index, value, a.append, a.span),
                    None => self.assign_scalar(&a.name, value, a.append),
                }
            }
        };
        result.map_err(|message| {
            self.report(&message);
            AssignFail::Status(1)
        })
    }

    fn report_expand(&mut self, e: ExpandError) -> AssignFail {
        if e.fatal {
            return AssignFail::Fatal(self.expansion_failed(e));
        }
        self.report_at(e.span, &e.message);
        AssignFail::Status(e.status)
    }

    /// `name=value` / `name+=value`, honouring the integer attribute.
    pub fn assign_scalar(
        &mut self,
        name: &[u8],
        value: Vec<u8>,
        append: bool,
    ) -> Result<(), Vec<u8>> {
        let value = if self.vars.is_integer(name) {
            let mut n = self.eval_integer(&value)?;
            if append {
                let old = self
                    .vars
                    .get(name)
                    .map(|v| v.into_owned())
                    .unwrap_or_default();
                n = n.wrapping_add(self.eval_integer(&old)?);
            }
            return self
                .vars
                .set(name, n.to_string().into_bytes())
                .map_err(|e| e.message());
        } else {
            value
        };
        let result = if append {
            self.vars.append(name, &value)
        } else {
            self.vars.set(name, value)
        };
        if matches!(name, b"LC_ALL" | b"LC_CTYPE" | b"LANG") {
            self.update_locale();
        }
        result.map_err(|e| e.message())
    }

    fn eval_integer(&mut self, text: &[u8]) -> Result<i64, Vec<u8>> {
        crate::expand::arith::eval_text(text, self).map_err(|e| e.render())
    }

    /// Assigns to a name that may carry a subscript (`read 'a[1]'`,
    /// `printf -v 'a[k]'`); errors come back as message text.
    pub fn assign_name(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), Vec<u8>> {
        match name.iter().position(|&b| b == b'[') {
            Some(open) if name.ends_with(b"]") => {
                let index = Word {
                    parts: vec![crate::syntax::ast::WordPart {
                        kind: PartKind::Literal(name[open + 1..name.len() - 1].to_vec()),
                        span: Default::default(),
                    }],
                    span: Default::default(),
                };
                self.assign_element(&name[..open], &index, value, false, Default::default())
            }
            _ => self.assign_scalar(name, value, false),
        }
    }

    /// `name[index]=value` from a builtin (`declare 'a[1]=x'`).
    pub fn assign_element_text(
        &mut self,
        name: &[u8],
        index: &Word,
        value: Vec<u8>,
    ) -> Result<(), Vec<u8>> {
        self.assign_element(name, index, value, false, index.span)
    }

    fn assign_element(
        &mut self,
        name: &[u8],
        index: &Word,
        value: Vec<u8>,
        append: bool,
        span: crate::syntax::Span,
    ) -> Result<(), Vec<u8>> {
        let sub = self
            .eval_subscript(name, index, span)
            .map_err(|e| e.message)?;
        let result = match (&sub, append) {
            (OwnedSub::Index(i), false) => self.vars.set_element(name, VarSub::Index(*i), value),
            (OwnedSub::Index(i), true) => self.vars.append_element(name, VarSub::Index(*i), &value),
            (OwnedSub::Key(k), false) => self.vars.set_element(name, VarSub::Key(k), value),
            (OwnedSub::Key(k), true) => self.vars.append_element(name, VarSub::Key(k), &value),
        };
        result.map_err(|e| e.message())
    }

    /// `name=(…)` / `name+=(…)`.
    pub(crate) fn assign_array(
        &mut self,
        name: &[u8],
        elements: &[ArrayElement],
        append: bool,
    ) -> Result<(), AssignFail> {
        let assoc = self.vars.is_assoc(name);
        let mut items = Vec::new();
        for e in elements {
            match &e.index {
                Some(index) => {
                    let key = match self.expand_string(index) {
                        Ok(k) => k,
                        Err(err) => return Err(self.report_expand(err)),
                    };
                    let value = match self.expand_string(&e.value) {
                        Ok(v) => v,
                        Err(err) => return Err(self.report_expand(err)),
                    };
                    let sub = if assoc {
                        OwnedSub::Key(key)
                    } else {
                        match crate::expand::arith::eval_text(&key, self) {
                            Ok(i) => OwnedSub::Index(i),
                            Err(err) => {
                                self.report(&err.render());
                                return Err(AssignFail::Status(1));
                            }
                        }
                    };
                    items.push((Some(sub), value));
                }
                None => {
                    let mut fields = Vec::new();
                    if let Err(err) = self.expand_word_into(&e.value, &mut fields) {
                        return Err(self.report_expand(err));
                    }
                    items.extend(fields.into_iter().map(|f| (None, f)));
                }
            }
        }
        if self.vars.is_integer(name) {
            for (_, value) in items.iter_mut() {
                match crate::expand::arith::eval_text(value, self) {
                    Ok(n) => *value = n.to_string().into_bytes(),
                    Err(err) => {
                        self.report(&err.render());
                        return Err(AssignFail::Status(1));
                    }
                }
            }
        }
        let items: Vec<crate::shell::vars::ArrayItem> = items
            .iter()
            .map(|(sub, value)| {
                let sub = sub.as_ref().map(|s| match s {
                    OwnedSub::Index(i) => VarSub::Index(*i),
                    OwnedSub::Key(k) => VarSub::Key(k),
                });
                (sub, value.clone())
            })
            .collect();
        self.vars.set_array(name, items, append).map_err(|e| {
            self.report(&e.message());
            AssignFail::Status(1)
        })
    }

    /// Expands a declaration builtin's words: `name=value` arguments are
    /// expanded as assignments (no splitting or globbing), `name=(…)`
    /// arguments become the name plus an array assignment done after the
    /// builtin has declared the variable.
    fn expand_declaration_words<'w>(
        &mut self,
        words: &'w [Word],
    ) -> Result<(Vec<Vec<u8>>, Vec<DeclArray<'w>>), ExpandError> {
        let mut argv = Vec::new();
        let mut arrays = Vec::new();
        for (i, word) in words.iter().enumerate() {
            if let [head, crate::syntax::ast::WordPart {
                kind: PartKind::ArrayLiteral(elements),
                ..
            }] = word.parts.as_slice()
            {
                if let PartKind::Literal(text) = &head.kind {
                    let name_end = text
                        .iter()
                        .position(|&b| b == b'=' || b == b'+')
                        .unwrap_or(text.len());
                    let name = text[..name_end].to_vec();
                    argv.push(name.clone());
                    arrays.push(DeclArray {
                        name,
                        append: text.contains(&b'+'),
                        elements,
                    });
                    continue;
                }
            }
            let is_assignment = i > 0
                && word
                    .parts
                    .first()
                    .is_some_and(|p| matches!(&p.kind, PartKind::Literal(t) if crate::syntax::assignment_prefix(t).is_some()));
            if is_assignment {
                argv.push(self.expand_string(word)?);
            } else {
                self.expand_word_into(word, &mut argv)?;
            }
        }
        Ok((argv, arrays))
    }

    /// `set -x`: the command's words, quoted, after PS4.
    pub(crate) fn trace_command(&mut self, argv: &[Vec<u8>]) {
        let mut line = Vec::new();
        for (i, arg) in argv.iter().enumerate() {
            if i > 0 {
                line.push(b' ');
            }
            line.extend(quote_for_display(arg));
        }
        self.trace(&line);
    }

    /// `set -x` line for an assignment with its final value.
    pub(crate) fn trace_assignment(&mut self, name: &[u8], append: bool, value: &[u8]) {
        if self.opts.xtrace() {
            let mut line = name.to_vec();
            line.extend_from_slice(if append { b"+=" } else { b"=" });
            line.extend(quote_for_display(value));
            self.trace(&line);
        }
    }
}
