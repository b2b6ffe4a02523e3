//! Parameter expansion: looking up `$name`, `$1`, `$@`, `${a[i]}` and the
//! special parameters, then applying the `${…}` operator — the POSIX ones
//! (`- = ? +`, `# ## % %%`, `#`) and bash's (substring, replace, case,
//! `@Q`-style transforms, indirection, name and key lists).

use super::field::{Field, Kind};
use super::pattern::{Pattern, PatternOptions};
use super::word::{emit, join_with, Ctx};
use super::{quote, ExpandError, ExpandResult};
use crate::shell::vars::Subscript as VarSub;
use crate::shell::Shell;
use crate::syntax::ast::{ParamExpansion, ParamName, ParamOp, ReplaceMode, Subscript, Word};
use crate::syntax::Span;

/// A parameter's value before the operator is applied.
#[derive(Debug, Clone)]
pub enum Value {
    Unset,
    Str(Vec<u8>),
    /// `$@`, `$*`, `${a[@]}`, `${a[*]}`: the items, whether it was the `*`
    /// form, and the `"$*"` separator (IFS; `None` when IFS is unset).
    List(Vec<Vec<u8>>, bool, Option<Vec<u8>>),
}

impl Value {
    /// Unset, or (with `colon`) empty.
    fn is_null(&self, colon: bool) -> bool {
        match self {
            Value::Unset => true,
            Value::Str(s) => colon && s.is_empty(),
            Value::List(items, ..) => {
                items.is_empty()
                    || (colon && items.iter().all(|i| i.is_empty()) && items.len() == 1)
            }
        }
    }

    fn map(self, mut f: impl FnMut(Vec<u8>) -> Vec<u8>) -> Value {
        match self {
            Value::Unset => Value::Unset,
            Value::Str(s) => Value::Str(f(s)),
            Value::List(items, star, sep) => {
                Value::List(items.into_iter().map(f).collect(), star, sep)
            }
        }
    }
}

fn name_text(p: &ParamExpansion) -> Vec<u8> {
    match &p.name {
        ParamName::Variable(v) => v.clone(),
        ParamName::Positional(n) => n.to_string().into_bytes(),
        ParamName::Special(c) => vec![*c],
    }
}

impl Shell {
    pub(super) fn expand_param(
        &mut self,
        p: &ParamExpansion,
        span: Span,
        ctx: Ctx,
        fields: &mut Vec<Field>,
    ) -> ExpandResult<()> {
        if let ParamOp::Bad(text) = &p.op {
            let mut m = b"${".to_vec();
            m.extend_from_slice(&name_text(p));
            m.extend_from_slice(text);
            m.extend_from_slice(b"}: bad substitution");
            return Err(ExpandError::new(m, span));
        }
        let value = self.lookup_param(p, span)?;
        let operand_ctx = Ctx {
            in_dquote: ctx.in_dquote,
            literal: Kind::Expanded,
        };
        match &p.op {
            ParamOp::Plain => {
                self.check_unset(p, &value, span)?;
                emit(fields, value, ctx);
            }
            ParamOp::Length => {
                self.check_unset(p, &value, span)?;
                let n = match &value {
                    Value::Unset => 0,
                    Value::Str(s) => self.char_len(s),
                    Value::List(items, ..) => items.len(),
                };
                emit(fields, Value::Str(n.to_string().into_bytes()), ctx);
            }
            ParamOp::Default { colon, word } => {
                if value.is_null(*colon) {
                    self.expand_parts(&word.parts, operand_ctx, fields)?;
                } else {
                    emit(fields, value, ctx);
                }
            }
            ParamOp::Alternative { colon, word } => {
                if !value.is_null(*colon) {
                    self.expand_parts(&word.parts, operand_ctx, fields)?;
                }
            }
            ParamOp::Assign { colon, word } => {
                if value.is_null(*colon) {
                    let text = self.expand_string(word)?;
                    self.assign_param(p, text.clone(), span)?;
                    emit(fields, Value::Str(text), ctx);
                } else {
                    emit(fields, value, ctx);
                }
            }
            ParamOp::Error { colon, word } => {
                if value.is_null(*colon) {
                    let mut m = name_text(p);
                    m.extend_from_slice(b": ");
                    match word {
                        Some(w) => m.extend(self.expand_string(w)?),
                        None if *colon => m.extend_from_slice(b"parameter null or not set"),
                        None => m.extend_from_slice(b"parameter not set"),
                    }
                    return Err(ExpandError::new(m, span).fatal());
                }
                emit(fields, value, ctx);
            }
            _ => {
                self.check_unset(p, &value, span)?;
                let value = self.apply_op(p, value, span)?;
                emit(fields, value, ctx);
            }
        }
        Ok(())
    }

    /// `set -u`: an unset parameter is an error (but `$@`/`$*` never are).
    fn check_unset(&self, p: &ParamExpansion, value: &Value, span: Span) -> ExpandResult<()> {
        if !matches!(value, Value::Unset) || !self.opts.nounset() {
            return Ok(());
        }
        if matches!(p.name, ParamName::Special(b'@' | b'*')) {
            return Ok(());
        }
        let mut m = name_text(p);
        if let Some(Subscript::Index(_)) = p.subscript {
            m.extend_from_slice(b"[...]");
        }
        m.extend_from_slice(b": unbound variable");
        Err(ExpandError::new(m, span).fatal())
    }

    /// The operators that transform a value.
    fn apply_op(&mut self, p: &ParamExpansion, value: Value, span: Span) -> ExpandResult<Value> {
        Ok(match &p.op {
            ParamOp::RemovePrefix { longest, pattern } => {
                let text = self.expand_pattern(pattern)?;
                if let Some(simple) = SimplePattern::analyze(&text, self.opts.extglob()) {
                    return Ok(value.map(|s| {
                        let n = simple.prefix_len(&s, *longest);
                        match n {
                            Some(n) => s[n..].to_vec(),
                            None => s,
                        }
                    }));
                }
                let pat = self.compile_text(&text);
                value.map(|s| match pat.match_prefix(&s, *longest) {
                    Some(n) => s[n..].to_vec(),
                    None => s,
                })
            }
            ParamOp::RemoveSuffix { longest, pattern } => {
                let text = self.expand_pattern(pattern)?;
                if let Some(simple) = SimplePattern::analyze(&text, self.opts.extglob()) {
                    return Ok(value.map(|s| match simple.suffix_start(&s, *longest) {
                        Some(n) => s[..n].to_vec(),
                        None => s,
                    }));
                }
                let pat = self.compile_text(&text);
                value.map(|s| match pat.match_suffix(&s, *longest) {
                    Some(n) => s[..n].to_vec(),
                    None => s,
                })
            }
            ParamOp::Replace {
                mode,
                pattern,
                replacement,
            } => self.replace(value, *mode, pattern, replacement.as_ref())?,
            ParamOp::Substring { offset, length } => {
                self.substring(p, value, offset, length.as_ref(), span)?
            }
            ParamOp::Case {
                upper,
                all,
                pattern,
            } => {
                let pat = match pattern {
                    Some(w) => Some(self.compile(w)?),
                    None => None,
                };
                value.map(|s| convert_case(&s, *upper, *all, pat.as_ref()))
            }
            ParamOp::Toggle { all, pattern } => {
                let pat = match pattern {
                    Some(w) => Some(self.compile(w)?),
                    None => None,
                };
                value.map(|s| toggle_case(&s, *all, pat.as_ref()))
            }
            ParamOp::Transform(op) => self.transform(p, value, *op, span)?,
            ParamOp::PrefixNames { star } => {
                let prefix = name_text(p);
                let names: Vec<Vec<u8>> = self
                    .vars
                    .names()
                    .into_iter()
                    .filter(|n| n.starts_with(&prefix) && self.vars.exists(n))
                    .collect();
                let sep = self.vars.get(b"IFS").map(|v| v.into_owned());
                Value::List(names, *star, sep)
            }
            ParamOp::Keys { star } => {
                let ParamName::Variable(name) = &p.name else {
                    return Ok(Value::Unset);
                };
                let keys = match self.dynamic_array(name) {
                    Some(items) => (0..items.len())
                        .map(|i| i.to_string().into_bytes())
                        .collect(),
                    None => self.vars.keys(name).unwrap_or_default(),
                };
                let sep = self.vars.get(b"IFS").map(|v| v.into_owned());
                Value::List(keys, *star, sep)
            }
            _ => value,
        })
    }

    fn compile_text(&self, text: &[u8]) -> Pattern {
        let opts = PatternOptions {
            extglob: self.opts.extglob(),
            nocase: false,
            ..Default::default()
        };
        Pattern::new(text, opts)
    }

    fn compile(&mut self, word: &Word) -> ExpandResult<Pattern> {
        let text = self.expand_pattern(word)?;
        let opts = PatternOptions {
            extglob: self.opts.extglob(),
            nocase: false,
            ..Default::default()
        };
        Ok(Pattern::new(&text, opts))
    }

    fn replace(
        &mut self,
        value: Value,
        mode: ReplaceMode,
        pattern: &Word,
        replacement: Option<&Word>,
    ) -> ExpandResult<Value> {
        if pattern.parts.is_empty() {
            return Ok(value);
        }
        let pat = self.compile(pattern)?;
        let repl = match replacement {
            Some(w) => {
                let fields = self.expand_to_fields(&w.parts, Ctx::WORD)?;
                let mut f = Field::default();
                for field in fields {
                    f.push(&field.bytes, Kind::Quoted);
                    // Keep the kinds: an unquoted `&` stands for the match.
                    let n = f.kinds.len();
                    f.kinds[n - field.kinds.len()..].copy_from_slice(&field.kinds);
                }
                f
            }
            None => Field::default(),
        };
        let ampersand = self.opts.shopt("patsub_replacement").unwrap_or(true);
        Ok(value.map(|s| replace_in(&s, &pat, mode, &repl, ampersand)))
    }

    fn substring(
        &mut self,
        p: &ParamExpansion,
        value: Value,
        offset: &Word,
        length: Option<&Word>,
        span: Span,
    ) -> ExpandResult<Value> {
        let off = self.eval_arith_word(offset, span)?;
        let len = match length {
            Some(w) => Some(self.eval_arith_word(w, span)?),
            None => None,
        };
        Ok(match value {
            Value::Unset => Value::Unset,
            Value::Str(s) => Value::Str(self.substr_chars(&s, off, len, span)?),
            Value::List(items, star, sep) if self.is_indexed_array_param(p) => {
                // Array offsets are indices, not positions: elements whose
                // index is at least the offset (from max+1 when negative).
                let ParamName::Variable(name) = &p.name else {
                    return Ok(Value::List(items, star, sep));
                };
                let keys: Vec<i64> = self
                    .vars
                    .keys(name)
                    .unwrap_or_default()
                    .iter()
                    .map(|k| {
                        std::str::from_utf8(k)
                            .ok()
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(0)
                    })
                    .collect();
                let top = keys.last().map_or(0, |k| k + 1);
                let start = if off < 0 { top + off } else { off };
                if start < 0 {
                    return Ok(Value::List(Vec::new(), star, sep));
                }
                let selected = keys
                    .iter()
                    .zip(items)
                    .filter(|(k, _)| **k >= start)
                    .map(|(_, v)| v);
                let out: Vec<Vec<u8>> = match len {
                    None => selected.collect(),
                    Some(l) if l < 0 => {
                        let mut m = b"${".to_vec();
                        m.extend(name_text(p));
                        m.extend_from_slice(b"}: substring expression < 0");
                        return Err(ExpandError::new(m, span));
                    }
                    Some(l) => selected.take(l as usize).collect(),
                };
                Value::List(out, star, sep)
            }
            Value::List(items, star, sep) => {
                // `${@:0}` includes $0.
                let mut items = items;
                if matches!(p.name, ParamName::Special(b'@' | b'*')) {
                    items.insert(0, self.arg0.clone());
                }
                let n = items.len() as i64;
                let start = if off < 0 { n + off } else { off };
                if start < 0 || start > n {
                    return Ok(Value::List(Vec::new(), star, sep));
                }
                let end = match len {
                    None => n,
                    Some(l) if l < 0 => {
                        let mut m = b"${".to_vec();
                        m.extend(name_text(p));
                        m.extend_from_slice(b"}: substring expression < 0");
                        return Err(ExpandError::new(m, span));
                    }
                    Some(l) => (start + l).min(n),
                };
                let slice = items[start as usize..end.max(start) as usize].to_vec();
                Value::List(slice, star, sep)
            }
        })
    }

    fn is_indexed_array_param(&self, p: &ParamExpansion) -> bool {
        matches!((&p.name, &p.subscript), (ParamName::Variable(n), Some(Subscript::At | Subscript::Star)) if self.vars.is_indexed(n))
    }

    fn substr_chars(
        &self,
        s: &[u8],
        off: i64,
        len: Option<i64>,
        span: Span,
    ) -> ExpandResult<Vec<u8>> {
        let bounds = self.char_bounds(s);
        let n = (bounds.len() - 1) as i64;
        let start = if off < 0 { n + off } else { off };
        if start < 0 || start > n {
            return Ok(Vec::new());
        }
        let end = match len {
            None => n,
            Some(l) if l < 0 => {
                let e = n + l;
                if e < start {
                    return Err(ExpandError::new(
                        format!("{l}: substring expression < 0").into_bytes(),
                        span,
                    ));
                }
                e
            }
            Some(l) => (start.saturating_add(l)).min(n),
        };
        Ok(s[bounds[start as usize]..bounds[end as usize]].to_vec())
    }

    /// Byte offsets of character starts plus the end (characters are
    /// UTF-8 sequences in a UTF-8 locale, bytes otherwise).
    fn char_bounds(&self, s: &[u8]) -> Vec<usize> {
        let mut out: Vec<usize> = if self.utf8_locale {
            (0..s.len()).filter(|&i| (s[i] & 0xC0) != 0x80).collect()
        } else {
            (0..s.len()).collect()
        };
        out.push(s.len());
        out
    }

    pub(super) fn char_len(&self, s: &[u8]) -> usize {
        if self.utf8_locale {
            s.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
        } else {
            s.len()
        }
    }

    fn transform(
        &mut self,
        p: &ParamExpansion,
        value: Value,
        op: u8,
        span: Span,
    ) -> ExpandResult<Value> {
        let name = name_text(p);
        Ok(match op {
            b'Q' => value.map(|s| quote::single_quote(&s)),
            b'E' => value.map(|s| crate::syntax::word::decode_ansi_c(&s)),
            b'P' => {
                let mut out = Value::Unset;
                if let Value::Str(s) = value {
                    out = Value::Str(self.expand_prompt_string(&s));
                }
                out
            }
            b'U' => value.map(|s| s.to_ascii_uppercase()),
            b'L' => value.map(|s| s.to_ascii_lowercase()),
            b'u' => value.map(|s| convert_case(&s, true, false, None)),
            b'a' => {
                let flags = self
                    .vars
                    .attributes(&name)
                    .map(|a| a.flag_string())
                    .unwrap_or_default();
                value.map(|_| flags.clone())
            }
            b'A' => match value {
                Value::Str(s) => {
                    let mut out = name.clone();
                    out.push(b'=');
                    out.extend(quote::single_quote(&s));
                    Value::Str(out)
                }
                other => other,
            },
            b'K' | b'k' => match (&p.name, &p.subscript, value) {
                (
                    ParamName::Variable(n),
                    Some(Subscript::At | Subscript::Star),
                    Value::List(items, star, sep),
                ) => {
                    let keys = self.vars.keys(n).unwrap_or_default();
                    let mut out = Vec::new();
                    for (k, v) in keys.into_iter().zip(items) {
                        if op == b'k' {
                            out.push(k);
                            out.push(v);
                        } else {
                            let mut pair = k;
                            pair.extend_from_slice(b" \"");
                            pair.extend(v);
                            pair.push(b'"');
                            out.push(pair);
                        }
                    }
                    Value::List(out, star, sep)
                }
                (_, _, value) => value.map(|s| quote::single_quote(&s)),
            },
            _ => {
                let mut m = b"${".to_vec();
                m.extend(name);
                m.extend_from_slice(b"}: bad substitution");
                return Err(ExpandError::new(m, span));
            }
        })
    }

    /// Stores the value of `${x=word}` / `${x:=word}`.
    fn assign_param(&mut self, p: &ParamExpansion, text: Vec<u8>, span: Span) -> ExpandResult<()> {
        let ParamName::Variable(name) = &p.name else {
            let mut m = name_text(p);
            m.extend_from_slice(b": cannot assign in this way");
            return Err(ExpandError::new(m, span));
        };
        let result = match &p.subscript {
            Some(Subscript::Index(w)) => {
                let sub = self.eval_subscript(name, w, span)?;
                match sub {
                    OwnedSub::Index(i) => self.vars.set_element(name, VarSub::Index(i), text),
                    OwnedSub::Key(k) => self.vars.set_element(name, VarSub::Key(&k), text),
                }
            }
            _ => self.vars.set(name, text),
        };
        result.map_err(|e| ExpandError::new(e.message(), span))
    }

    /// Looks up the parameter's raw value (following `${!ref}`).
    fn lookup_param(&mut self, p: &ParamExpansion, span: Span) -> ExpandResult<Value> {
        if matches!(p.op, ParamOp::PrefixNames { .. } | ParamOp::Keys { .. }) {
            return Ok(Value::Unset);
        }
        let direct = self.lookup_name(&p.name, p.subscript.as_ref(), span)?;
        if !p.indirect {
            return Ok(direct);
        }
        let target = match direct {
            Value::Str(s) => s,
            Value::List(items, ..) => join_with(&items, None),
            Value::Unset => {
                if self.opts.nounset() {
                    let mut m = name_text(p);
                    m.extend_from_slice(b": unbound variable");
                    return Err(ExpandError::new(m, span).fatal());
                }
                return Ok(Value::Unset);
            }
        };
        self.lookup_reference(&target, span)
    }

    /// The value named by the text of an indirect reference: `x`, `a[2]`,
    /// `a[@]`, `3`, `@`.
    fn lookup_reference(&mut self, target: &[u8], span: Span) -> ExpandResult<Value> {
        let (name, sub) = match target.iter().position(|&b| b == b'[') {
            Some(i) if target.ends_with(b"]") => {
                (&target[..i], Some(&target[i + 1..target.len() - 1]))
            }
            _ => (target, None),
        };
        let bad = || {
            let mut m = target.to_vec();
            m.extend_from_slice(b": invalid indirect expansion");
            ExpandError::new(m, span)
        };
        let pname = if name.iter().all(u8::is_ascii_digit) && !name.is_empty() {
            let n: u32 = std::str::from_utf8(name)
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(u32::MAX);
            if n == 0 {
                ParamName::Special(b'0')
            } else {
                ParamName::Positional(n)
            }
        } else if name.len() == 1 && b"@*#?-$!".contains(&name[0]) {
            ParamName::Special(name[0])
        } else if crate::shell::vars::is_valid_name(name) {
            ParamName::Variable(name.to_vec())
        } else {
            return Err(bad());
        };
        let subscript = match sub {
            None => None,
            Some(b"@") => Some(Subscript::At),
            Some(b"*") => Some(Subscript::Star),
            Some(text) => Some(Subscript::Index(Word {
                parts: vec![crate::syntax::ast::WordPart {
                    kind: crate::syntax::ast::PartKind::Literal(text.to_vec()),
                    span,
                }],
                span,
            })),
        };
        self.lookup_name(&pname, subscript.as_ref(), span)
    }

    fn lookup_name(
        &mut self,
        name: &ParamName,
        sub: Option<&Subscript>,
        span: Span,
    ) -> ExpandResult<Value> {
        Ok(match name {
            ParamName::Positional(n) => match self.positional.get(*n as usize - 1) {
                Some(v) => Value::Str(v.clone()),
                None => Value::Unset,
            },
            ParamName::Special(c) => self.special_param(*c),
            ParamName::Variable(v) => match sub {
                None => match self.dynamic_var(v) {
                    Some(value) => value,
                    None => match self.vars.get(v) {
                        Some(s) => Value::Str(s.into_owned()),
                        None => Value::Unset,
                    },
                },
                Some(Subscript::At) | Some(Subscript::Star) => {
                    let star = matches!(sub, Some(Subscript::Star));
                    let items = match self.dynamic_array(v) {
                        Some(items) => Some(items),
                        None => self.vars.get_all(v),
                    };
                    match items {
                        Some(items) => {
                            let sep = self.vars.get(b"IFS").map(|s| s.into_owned());
                            Value::List(items, star, sep)
                        }
                        None => Value::Unset,
                    }
                }
                Some(Subscript::Index(w)) => {
                    if let Some(items) = self.dynamic_array(v) {
                        let i = self.eval_arith_word(w, span)?;
                        // A negative index counts from the end.
                        let i = if i < 0 { i + items.len() as i64 } else { i };
                        return Ok(usize::try_from(i)
                            .ok()
                            .and_then(|i| items.get(i))
                            .map_or(Value::Unset, |s| Value::Str(s.clone())));
                    }
                    match self.eval_subscript(v, w, span)? {
                        OwnedSub::Index(i) => {
                            match self.vars.try_get_element(v, VarSub::Index(i)) {
                                Ok(Some(s)) => Value::Str(s.into_owned()),
                                Ok(None) => Value::Unset,
                                Err(e) => {
                                    // bash reports it and expands to nothing.
                                    let message = e.message();
                                    self.report_at(span, &message);
                                    Value::Unset
                                }
                            }
                        }
                        OwnedSub::Key(k) => match self.vars.get_element(v, VarSub::Key(&k)) {
                            Some(s) => Value::Str(s.into_owned()),
                            None => Value::Unset,
                        },
                    }
                }
            },
        })
    }

    /// Evaluates an array subscript: a string key for associative arrays,
    /// arithmetic otherwise.
    pub fn eval_subscript(&mut self, name: &[u8], w: &Word, span: Span) -> ExpandResult<OwnedSub> {
        if self.vars.is_assoc(name) {
            Ok(OwnedSub::Key(self.expand_string(w)?))
        } else {
            Ok(OwnedSub::Index(self.eval_arith_word(w, span)?))
        }
    }

    fn special_param(&mut self, c: u8) -> Value {
        match c {
            b'@' | b'*' => {
                let sep = self.vars.get(b"IFS").map(|s| s.into_owned());
                Value::List(self.positional.clone(), c == b'*', sep)
            }
            b'#' => Value::Str(self.positional.len().to_string().into_bytes()),
            b'?' => Value::Str(self.last_status.to_string().into_bytes()),
            b'-' => Value::Str(self.dash_flags()),
            b'$' => Value::Str(self.shell_pid.to_string().into_bytes()),
            b'!' => match self.last_background {
                Some(pid) => Value::Str(pid.to_string().into_bytes()),
                None => Value::Unset,
            },
            b'0' => Value::Str(self.arg0.clone()),
            _ => Value::Unset,
        }
    }

    /// `$-`: the option letters, plus `i` when interactive.
    pub fn dash_flags(&self) -> Vec<u8> {
        let mut flags = self.opts.letters();
        if self.interactive {
            flags.push(b'i');
        }
        // bash adds `c` for a -c string and `s` when reading standard input.
        if self.command_string {
            flags.push(b'c');
        } else if self.reading_stdin {
            flags.push(b's');
        }
        flags
    }

    /// Variables computed from shell state rather than stored.
    fn dynamic_var(&mut self, name: &[u8]) -> Option<Value> {
        let s = |v: String| Some(Value::Str(v.into_bytes()));
        match name {
            b"LINENO" => s(self.current_line().to_string()),
            b"BASHPID" => s(std::process::id().to_string()),
            b"BASH_SUBSHELL" => s(self.subshell_depth.to_string()),
            b"_" => Some(Value::Str(self.last_argument.clone())),
            b"BASH_COMMAND" => {
                let (span, source) = &self.current_command;
                let text = source
                    .text
                    .get(span.start as usize..span.end as usize)
                    .unwrap_or_default();
                Some(Value::Str(text.to_vec()))
            }
            b"SHELLOPTS" => {
                let on: Vec<&str> = self
                    .opts
                    .all()
                    .filter(|(_, on)| *on)
                    .map(|(n, _)| n)
                    .collect();
                s(on.join(":"))
            }
            b"BASHOPTS" => {
                let on: Vec<&str> = self
                    .opts
                    .all_shopt()
                    .filter(|(_, on)| *on)
                    .map(|(n, _)| n)
                    .collect();
                s(on.join(":"))
            }
            b"FUNCNAME" | b"BASH_SOURCE" | b"PIPESTATUS" | b"DIRSTACK" => {
                let items = self.dynamic_array(name)?;
                Some(items.into_iter().next().map_or(Value::Unset, Value::Str))
            }
            _ => None,
        }
    }

    /// Arrays computed from shell state: `FUNCNAME`, `BASH_SOURCE`,
    /// `BASH_LINENO`.
    fn dynamic_array(&mut self, name: &[u8]) -> Option<Vec<Vec<u8>>> {
        if name == b"DIRSTACK" {
            return Some(crate::builtins::dirstack_array(self));
        }
        if name == b"PIPESTATUS" {
            return Some(
                self.pipestatus
                    .iter()
                    .map(|s| s.to_string().into_bytes())
                    .collect(),
            );
        }
        if matches!(name, b"BASH_ARGV" | b"BASH_ARGC")
            && self.opts.shopt("extdebug").unwrap_or(false)
        {
            let mut out = Vec::new();
            for frame in self.call_stack.iter().rev() {
                if name == b"BASH_ARGC" {
                    out.push(frame.saved_positional.len().to_string().into_bytes());
                } else {
                    out.extend(frame.saved_positional.iter().rev().cloned());
                }
            }
            return Some(out);
        }
        if self.call_stack.is_empty() {
            return None;
        }
        let frames = self.call_stack.iter().rev();
        match name {
            b"FUNCNAME" => {
                let mut v: Vec<Vec<u8>> = frames.map(|f| f.name.clone()).collect();
                // bash names the script's top level `main`; not so for -c
                // strings and standard input.
                if !self.command_string && !self.reading_stdin {
                    v.push(b"main".to_vec());
                }
                Some(v)
            }
            b"BASH_SOURCE" => {
                let mut v: Vec<Vec<u8>> = frames.map(|f| f.source.name.clone()).collect();
                v.push(self.arg0.clone());
                Some(v)
            }
            b"BASH_LINENO" => {
                let mut v: Vec<Vec<u8>> = frames
                    .map(|f| f.call_line().to_string().into_bytes())
                    .collect();
                if !self.command_string && !self.reading_stdin {
                    v.push(b"0".to_vec());
                }
                Some(v)
            }
            _ => None,
        }
    }
}

/// An evaluated subscript.
pub enum OwnedSub {
    Index(i64),
    Key(Vec<u8>),
}

fn convert_case(s: &[u8], upper: bool, all: bool, pat: Option<&Pattern>) -> Vec<u8> {
    let mut out = s.to_vec();
    for (i, b) in out.iter_mut().enumerate() {
        if !all && i > 0 {
            break;
        }
        let selected = pat.is_none_or(|p| p.matches(&[*b]));
        if selected {
            *b = if upper {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            };
        }
    }
    out
}

fn toggle_case(s: &[u8], all: bool, pat: Option<&Pattern>) -> Vec<u8> {
    let mut out = s.to_vec();
    for (i, b) in out.iter_mut().enumerate() {
        if !all && i > 0 {
            break;
        }
        if pat.is_none_or(|p| p.matches(&[*b])) {
            *b = if b.is_ascii_uppercase() {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
        }
    }
    out
}

/// `${x/p/r}` and its variants on one string.
fn replace_in(
    s: &[u8],
    pat: &Pattern,
    mode: ReplaceMode,
    repl: &Field,
    ampersand: bool,
) -> Vec<u8> {
    let render = |matched: &[u8], out: &mut Vec<u8>| {
        for (&b, &k) in repl.bytes.iter().zip(&repl.kinds) {
            if ampersand && b == b'&' && k != Kind::Quoted {
                out.extend_from_slice(matched);
            } else {
                out.push(b);
            }
        }
    };
    let mut out = Vec::with_capacity(s.len());
    match mode {
        ReplaceMode::Prefix => match pat.match_prefix(s, true) {
            Some(n) => {
                render(&s[..n], &mut out);
                out.extend_from_slice(&s[n..]);
            }
            None => out.extend_from_slice(s),
        },
        ReplaceMode::Suffix => match pat.match_suffix(s, true) {
            Some(n) => {
                out.extend_from_slice(&s[..n]);
                render(&s[n..], &mut out);
            }
            None => out.extend_from_slice(s),
        },
        ReplaceMode::First | ReplaceMode::All => {
            let mut from = 0;
            while from <= s.len() {
                let Some((start, end)) = pat.find(s, from) else {
                    break;
                };
                out.extend_from_slice(&s[from..start]);
                render(&s[start..end], &mut out);
                if end == start {
                    // An empty match: step over one byte so we progress.
                    if start < s.len() {
                        out.push(s[start]);
                    }
                    from = start + 1;
                } else {
                    from = end;
                }
                if mode == ReplaceMode::First {
                    break;
                }
            }
            if from <= s.len() {
                out.extend_from_slice(&s[from.min(s.len())..]);
            }
        }
    }
    out
}

/// The pattern shapes `${x#…}`/`${x%…}` see most (`*/`, `.*`, a literal),
/// matched by substring search instead of the general matcher.
enum SimplePattern {
    Literal(Vec<u8>),
    /// `*` then a literal.
    StarThen(Vec<u8>),
    /// A literal then `*`.
    ThenStar(Vec<u8>),
}

impl SimplePattern {
    /// Recognises the shapes in a pattern text (backslash escapes as the
    /// expander writes them); `None` for anything else.
    fn analyze(text: &[u8], extglob: bool) -> Option<SimplePattern> {
        let (lead, rest) = match text.first() {
            Some(b'*') => (true, &text[1..]),
            _ => (false, text),
        };
        let mut literal = Vec::with_capacity(rest.len());
        let mut trail = false;
        let mut i = 0;
        while i < rest.len() {
            let b = rest[i];
            match b {
                b'\\' => {
                    literal.push(*rest.get(i + 1)?);
                    i += 2;
                    continue;
                }
                b'*' if i + 1 == rest.len() && !lead => trail = true,
                b'*' | b'?' | b'[' => return None,
                b'(' if extglob => return None,
                _ => literal.push(b),
            }
            i += 1;
        }
        if literal.is_empty() {
            return None;
        }
        Some(match (lead, trail) {
            (false, false) => SimplePattern::Literal(literal),
            (true, false) => SimplePattern::StarThen(literal),
            (false, true) => SimplePattern::ThenStar(literal),
            (true, true) => return None,
        })
    }

    /// Length of the matching prefix (shortest or longest).
    fn prefix_len(&self, s: &[u8], longest: bool) -> Option<usize> {
        match self {
            SimplePattern::Literal(l) => s.starts_with(l).then_some(l.len()),
            SimplePattern::StarThen(l) => {
                let at = if longest { rfind(s, l) } else { find(s, l) }?;
                Some(at + l.len())
            }
            SimplePattern::ThenStar(l) => {
                s.starts_with(l)
                    .then_some(if longest { s.len() } else { l.len() })
            }
        }
    }

    /// Start of the matching suffix (shortest or longest).
    fn suffix_start(&self, s: &[u8], longest: bool) -> Option<usize> {
        match self {
            SimplePattern::Literal(l) => s.ends_with(l).then(|| s.len() - l.len()),
            SimplePattern::ThenStar(l) => {
                if longest {
                    find(s, l)
                } else {
                    rfind(s, l)
                }
            }
            SimplePattern::StarThen(l) => {
                s.ends_with(l)
                    .then_some(if longest { 0 } else { s.len() - l.len() })
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod simple_pattern_tests {
    use super::SimplePattern;

    #[test]
    fn shapes_match_like_the_general_matcher() {
        let p = SimplePattern::analyze(b"*/", false).unwrap();
        assert_eq!(p.prefix_len(b"/a/b/c", true), Some(5));
        assert_eq!(p.prefix_len(b"/a/b/c", false), Some(1));
        let p = SimplePattern::analyze(b"/*", false).unwrap();
        assert_eq!(p.suffix_start(b"/a/b/c", false), Some(4));
        assert_eq!(p.suffix_start(b"/a/b/c", true), Some(0));
        let p = SimplePattern::analyze(b".\\*", false).unwrap();
        assert!(matches!(p, SimplePattern::Literal(ref l) if l == b".*"));
        assert!(SimplePattern::analyze(b"a?b", false).is_none());
        assert!(SimplePattern::analyze(b"*", false).is_none());
    }
}
