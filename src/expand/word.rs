//! The expansion driver: walks a word's parts, appending to [`Field`]s,
//! then splits and globs them. Entry points are the `expand_*` methods.

use std::borrow::Cow;

use super::brace::expand_braces;
use super::field::{Field, Kind};
use super::glob::{glob, GlobOptions};
use super::param::Value;
use super::pattern::Pattern;
use super::split::split_field;
use super::{ExpandError, ExpandResult};
use crate::shell::Shell;
use crate::syntax::ast::{PartKind, Word, WordPart};

/// How the parts being expanded are quoted.
#[derive(Clone, Copy)]
pub(super) struct Ctx {
    pub in_dquote: bool,
    /// The kind unquoted literal text gets: `Literal` in a command word,
    /// `Expanded` in a `${x:-…}` operand (whose result is split).
    pub literal: Kind,
}

impl Ctx {
    pub const WORD: Ctx = Ctx {
        in_dquote: false,
        literal: Kind::Literal,
    };

    fn literal_kind(self) -> Kind {
        if self.in_dquote {
            Kind::Quoted
        } else {
            self.literal
        }
    }
}

impl Shell {
    /// Expands command words into argument fields.
    pub fn expand_words(&mut self, words: &[Word]) -> ExpandResult<Vec<Vec<u8>>> {
        let mut out = Vec::with_capacity(words.len());
        for word in words {
            self.expand_word_into(word, &mut out)?;
        }
        Ok(out)
    }

    /// The value of a word that is a single simple part — `$x`, `"$x"`,
    /// `$((…))` — without building fields: the hot path of loops.
    /// `None` when the word needs the general machinery. The flag says
    /// whether the value is quoted (not split or globbed).
    fn expand_simple_part(&mut self, word: &Word) -> Option<ExpandResult<(Vec<u8>, bool)>> {
        let [part] = word.parts.as_slice() else {
            return None;
        };
        let (param, quoted) = match &part.kind {
            PartKind::Arith(text) => {
                return Some(
                    self.eval_arith_text(text, part.span)
                        .map(|n| (n.to_string().into_bytes(), false)),
                )
            }
            PartKind::Param(p) => (p, false),
            PartKind::DoubleQuoted(inner) => match inner.as_slice() {
                [WordPart {
                    kind: PartKind::Param(p),
                    ..
                }] => (p, true),
                _ => return None,
            },
            _ => return None,
        };
        use crate::syntax::ast::{ParamName, ParamOp};
        if param.indirect || param.subscript.is_some() || !matches!(param.op, ParamOp::Plain) {
            return None;
        }
        let value = match &param.name {
            ParamName::Variable(name) => {
                if matches!(
                    name.as_slice(),
                    b"LINENO"
                        | b"_"
                        | b"BASH_COMMAND"
                        | b"SHELLOPTS"
                        | b"BASHOPTS"
                        | b"BASHPID"
                        | b"BASH_SUBSHELL"
                        | b"FUNCNAME"
                        | b"BASH_SOURCE"
                        | b"PIPESTATUS"
                        | b"DIRSTACK"
                        | b"BASH_LINENO"
                        | b"BASH_ARGV"
                        | b"BASH_ARGC"
                ) {
                    return None;
                }
                self.vars.get(name).map(|v| v.into_owned())
            }
            ParamName::Positional(n) => self.positional.get(*n as usize - 1).cloned(),
            ParamName::Special(b'?') => Some(self.last_status.to_string().into_bytes()),
            _ => return None,
        };
        match value {
            Some(v) => Some(Ok((v, quoted))),
            None if self.opts.nounset() => None,
            None => Some(Ok((Vec::new(), quoted))),
        }
    }

    /// Expands one word into zero or more fields, appended to `out`.
    pub fn expand_word_into(&mut self, word: &Word, out: &mut Vec<Vec<u8>>) -> ExpandResult<()> {
        if let Some(result) = self.expand_simple_part(word) {
            let (value, quoted) = result?;
            if quoted {
                out.push(value);
                return Ok(());
            }
            let ifs = self.vars.get(b"IFS");
            let plain = !could_glob(&value)
                && !value.iter().any(|&b| {
                    ifs.as_deref()
                        .map_or(b" \t\n".contains(&b), |i| i.contains(&b))
                });
            if plain {
                if !value.is_empty() {
                    out.push(value);
                }
                return Ok(());
            }
            // Fall through: splitting or globbing needed.
        }
        if let Some(text) = word.as_literal() {
            if !could_glob(text) || self.opts.noglob() {
                out.push(text.to_vec());
                return Ok(());
            }
        }
        let variants: Vec<Cow<[WordPart]>> = if has_braces(&word.parts) && self.opts.braceexpand() {
            expand_braces(&word.parts)
                .into_iter()
                .map(Cow::Owned)
                .collect()
        } else {
            vec![Cow::Borrowed(&word.parts[..])]
        };
        for parts in variants {
            let mut fields = vec![Field::default()];
            self.expand_parts(&parts, Ctx::WORD, &mut fields)?;
            let ifs = self.ifs();
            for field in fields {
                for piece in split_field(field, &ifs) {
                    self.glob_field(piece, word, out)?;
                }
            }
        }
        Ok(())
    }

    /// Expands a word to one string: no field splitting, no pathname
    /// expansion (assignments, here-strings, redirection targets in
    /// POSIX mode, `[[ ]]` operands, `case` words).
    pub fn expand_string(&mut self, word: &Word) -> ExpandResult<Vec<u8>> {
        if let Some(text) = word.as_literal() {
            return Ok(text.to_vec());
        }
        if let Some(result) = self.expand_simple_part(word) {
            return result.map(|(value, _)| value);
        }
        let fields = self.expand_to_fields(&word.parts, Ctx::WORD)?;
        Ok(join_fields(fields, |f| f.bytes))
    }

    /// Expands a word as a pattern: quoted characters are escaped so they
    /// match themselves.
    pub fn expand_pattern(&mut self, word: &Word) -> ExpandResult<Vec<u8>> {
        if let Some(text) = word.as_literal() {
            return Ok(text.to_vec());
        }
        let fields = self.expand_to_fields(&word.parts, Ctx::WORD)?;
        Ok(join_fields(fields, |f| f.to_pattern()))
    }

    /// Expands parts as if inside double quotes (here-document bodies,
    /// arithmetic text).
    pub fn expand_quoted(&mut self, word: &Word) -> ExpandResult<Vec<u8>> {
        let ctx = Ctx {
            in_dquote: true,
            literal: Kind::Quoted,
        };
        let fields = self.expand_to_fields(&word.parts, ctx)?;
        Ok(join_fields(fields, |f| f.bytes))
    }

    pub(super) fn expand_to_fields(
        &mut self,
        parts: &[WordPart],
        ctx: Ctx,
    ) -> ExpandResult<Vec<Field>> {
        let mut fields = vec![Field::default()];
        self.expand_parts(parts, ctx, &mut fields)?;
        Ok(fields)
    }

    /// The value of IFS (default: space, tab, newline).
    pub fn ifs(&mut self) -> Vec<u8> {
        match self.vars.get(b"IFS") {
            Some(v) => v.into_owned(),
            None => b" \t\n".to_vec(),
        }
    }

    pub(super) fn expand_parts(
        &mut self,
        parts: &[WordPart],
        ctx: Ctx,
        fields: &mut Vec<Field>,
    ) -> ExpandResult<()> {
        for part in parts {
            self.expand_part(part, ctx, fields)?;
        }
        Ok(())
    }

    fn expand_part(
        &mut self,
        part: &WordPart,
        ctx: Ctx,
        fields: &mut Vec<Field>,
    ) -> ExpandResult<()> {
        match &part.kind {
            PartKind::Literal(text) => last(fields).push(text, ctx.literal_kind()),
            PartKind::Quoted(text) => {
                let f = last(fields);
                f.has_quoted = true;
                f.push(text, Kind::Quoted);
            }
            PartKind::DoubleQuoted(inner) => {
                if !is_lone_empty_at(self, inner) {
                    last(fields).has_quoted = true;
                }
                let inner_ctx = Ctx {
                    in_dquote: true,
                    literal: Kind::Quoted,
                };
                self.expand_parts(inner, inner_ctx, fields)?;
            }
            PartKind::Tilde(user) => {
                let home = self.expand_tilde(user);
                last(fields).push(&home, Kind::Quoted);
            }
            PartKind::Param(param) => self.expand_param(param, part.span, ctx, fields)?,
            PartKind::CommandSub { program, .. } => {
                let mut output = self.capture_output(program)?;
                while output.last() == Some(&b'\n') {
                    output.pop();
                }
                emit(fields, Value::Str(output), ctx);
            }
            PartKind::Arith(text) => {
                let n = self.eval_arith_text(text, part.span)?;
                emit(fields, Value::Str(n.to_string().into_bytes()), ctx);
            }
            PartKind::ProcessSub { program, output } => {
                let path = self.process_substitution(program, *output, part.span)?;
                last(fields).push(&path, Kind::Quoted);
            }
            PartKind::BraceList(alternatives) => {
                // Only reached where brace expansion does not apply.
                last(fields).push(b"{", ctx.literal_kind());
                for (i, alt) in alternatives.iter().enumerate() {
                    if i > 0 {
                        last(fields).push(b",", ctx.literal_kind());
                    }
                    self.expand_parts(alt, ctx, fields)?;
                }
                last(fields).push(b"}", ctx.literal_kind());
            }
            PartKind::BraceRange { start, end, step } => {
                let mut text = b"{".to_vec();
                text.extend_from_slice(start);
                text.extend_from_slice(b"..");
                text.extend_from_slice(end);
                if let Some(step) = step {
                    text.extend_from_slice(format!("..{step}").as_bytes());
                }
                text.push(b'}');
                last(fields).push(&text, ctx.literal_kind());
            }
            PartKind::ExtGlob { op, alternatives } => {
                let kind = if ctx.in_dquote {
                    Kind::Quoted
                } else {
                    Kind::Literal
                };
                last(fields).push(&[*op, b'('], kind);
                for (i, alt) in alternatives.iter().enumerate() {
                    if i > 0 {
                        last(fields).push(b"|", kind);
                    }
                    self.expand_parts(alt, ctx, fields)?;
                }
                last(fields).push(b")", kind);
            }
            PartKind::ArrayLiteral(_) => {}
        }
        Ok(())
    }

    /// Pathname expansion of one split field, or its plain text.
    fn glob_field(
        &mut self,
        field: Field,
        word: &Word,
        out: &mut Vec<Vec<u8>>,
    ) -> ExpandResult<()> {
        let extglob = self.opts.extglob();
        if self.opts.noglob() || !field.has_glob_chars(extglob) {
            out.push(field.bytes);
            return Ok(());
        }
        let pattern = field.to_pattern();
        let opts = GlobOptions {
            dotglob: self.opts.dotglob(),
            nocaseglob: self.opts.nocaseglob(),
            extglob,
            globstar: self.opts.globstar(),
        };
        let mut matches = glob(&pattern, opts);
        if let Some(ignore) = self.vars.get(b"GLOBIGNORE").map(|v| v.into_owned()) {
            if !ignore.is_empty() {
                let popts = super::pattern::PatternOptions {
                    extglob,
                    pathname: true,
                    ..Default::default()
                };
                let patterns: Vec<Pattern> = ignore
                    .split(|&b| b == b':')
                    .filter(|p| !p.is_empty())
                    .map(|p| Pattern::new(p, popts))
                    .collect();
                matches.retain(|m| {
                    let name = m.rsplit(|&b| b == b'/').next().unwrap_or(m);
                    name != b"." && name != b".." && !patterns.iter().any(|p| p.matches(m))
                });
            }
        }
        if !matches.is_empty() {
            out.extend(matches);
        } else if self.opts.failglob() {
            let mut message = b"no match: ".to_vec();
            message.extend_from_slice(&field.bytes);
            return Err(ExpandError::new(message, word.span));
        } else if !self.opts.nullglob() {
            out.push(field.bytes);
        }
        Ok(())
    }

    /// Does `text` match the shell pattern (already expanded)?
    pub fn pattern_matches(&self, pattern: &[u8], text: &[u8]) -> bool {
        let opts = super::pattern::PatternOptions {
            extglob: true,
            nocase: self.opts.nocasematch(),
            ..Default::default()
        };
        Pattern::new(pattern, opts).matches(text)
    }
}

/// The field being appended to.
pub(super) fn last(fields: &mut Vec<Field>) -> &mut Field {
    if fields.is_empty() {
        fields.push(Field::default());
    }
    let n = fields.len() - 1;
    &mut fields[n]
}

/// Appends an expansion's value to the fields, honouring `"$@"`.
pub(super) fn emit(fields: &mut Vec<Field>, value: Value, ctx: Ctx) {
    let kind = if ctx.in_dquote {
        Kind::Quoted
    } else {
        Kind::Expanded
    };
    match value {
        Value::Unset => {}
        Value::Str(s) => last(fields).push(&s, kind),
        Value::List(items, star, sep) => {
            if ctx.in_dquote && star {
                let joined = join_with(&items, sep.as_deref());
                last(fields).push(&joined, kind);
                return;
            }
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    fields.push(Field {
                        has_quoted: ctx.in_dquote,
                        ..Field::default()
                    });
                }
                last(fields).push(item, kind);
            }
        }
    }
}

/// Joins `"$*"` items with the first byte of IFS (`sep`), or nothing when
/// IFS is empty.
pub(super) fn join_with(items: &[Vec<u8>], sep: Option<&[u8]>) -> Vec<u8> {
    let sep = sep.unwrap_or(b" ");
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep[..sep.len().min(1)]);
        }
        out.extend_from_slice(item);
    }
    out
}

fn join_fields(fields: Vec<Field>, f: impl Fn(Field) -> Vec<u8>) -> Vec<u8> {
    let mut iter = fields.into_iter();
    let mut out = iter.next().map(&f).unwrap_or_default();
    for field in iter {
        out.push(b' ');
        out.extend(f(field));
    }
    out
}

/// `"$@"` (or `"${a[@]}"`) standing alone in double quotes with nothing to
/// expand to: the word disappears instead of becoming an empty field.
fn is_lone_empty_at(shell: &mut Shell, inner: &[WordPart]) -> bool {
    use crate::syntax::ast::{ParamName, ParamOp, Subscript};
    let [WordPart {
        kind: PartKind::Param(p),
        ..
    }] = inner
    else {
        return false;
    };
    if !matches!(p.op, ParamOp::Plain) || p.indirect {
        return false;
    }
    match (&p.name, &p.subscript) {
        (ParamName::Special(b'@'), None) => shell.positional.is_empty(),
        (ParamName::Variable(name), Some(Subscript::At)) => shell.vars.len_elements(name) == 0,
        _ => false,
    }
}

fn has_braces(parts: &[WordPart]) -> bool {
    parts
        .iter()
        .any(|p| matches!(p.kind, PartKind::BraceList(_) | PartKind::BraceRange { .. }))
}

impl Shell {
    /// The fields of a word before splitting and globbing, with the kinds
    /// of their bytes (for `=~`, where quoted parts match literally).
    pub fn expand_word_fields(&mut self, w: &Word) -> ExpandResult<Vec<Field>> {
        self.expand_to_fields(&w.parts, Ctx::WORD)
    }
}

/// Whether unquoted text could match files: `*`, `?`, or a `[` closed by
/// a later `]` (a lone `[`, as in `[ … ]`, is literal).
fn could_glob(text: &[u8]) -> bool {
    text.iter().any(|&b| b == b'*' || b == b'?')
        || text
            .iter()
            .position(|&b| b == b'[')
            .is_some_and(|i| text[i + 1..].contains(&b']'))
}
