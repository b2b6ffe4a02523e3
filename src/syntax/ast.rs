//! The abstract syntax tree: plain data produced by the parser and read by
//! everything else.
//!
//! Every command, redirection, word and word part carries the byte [`Span`]
//! of the text it came from, so runtime errors can point at the code that
//! caused them. Words are fully structured here — quoting, every expansion
//! form, brace expansions and extglob groups — and are never re-lexed later.
//! The only text kept for later parsing is arithmetic that contains
//! expansions (bash expands those textually before evaluating).

use std::cell::OnceCell;
use std::rc::Rc;

use super::arith::ArithExpr;
use super::source::Span;

/// A sequence of complete commands (a script, a `-c` string, a body).
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub items: Vec<ListItem>,
}

/// One and-or list terminated by `;`, `&` or a newline.
#[derive(Debug, Clone)]
pub struct ListItem {
    pub and_or: AndOr,
    pub background: bool,
    pub span: Span,
}

/// `a && b || c`: a first pipeline and the operators that follow it.
#[derive(Debug, Clone)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(AndOrOp, Pipeline)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AndOrOp {
    And,
    Or,
}

/// `[time [-p]] [!] cmd [| cmd]...`. `pipe_stderr[i]` is true when the pipe
/// after command `i` was bash's `|&`.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub negated: bool,
    pub timed: Option<TimeFormat>,
    pub commands: Vec<Command>,
    pub pipe_stderr: Vec<bool>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFormat {
    Default,
    Posix,
}

#[derive(Debug, Clone)]
pub enum Command {
    Simple(SimpleCommand),
    Compound(Box<CompoundCommand>),
    Function(Box<FunctionDef>),
}

impl Command {
    pub fn span(&self) -> Span {
        match self {
            Command::Simple(c) => c.span,
            Command::Compound(c) => c.span,
            Command::Function(f) => f.span,
        }
    }
}

/// Assignments, words and redirections in source order within each kind.
#[derive(Debug, Clone, Default)]
pub struct SimpleCommand {
    pub assignments: Vec<Assignment>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
    pub span: Span,
}

/// `name=value`, `name+=value`, `name[i]=value`, `name=(…)`.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub name: Vec<u8>,
    pub index: Option<Word>,
    pub append: bool,
    pub value: AssignValue,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum AssignValue {
    Scalar(Word),
    Array(Vec<ArrayElement>),
}

/// One element of `a=(x [3]=y)`.
#[derive(Debug, Clone)]
pub struct ArrayElement {
    pub index: Option<Word>,
    pub append: bool,
    pub value: Word,
}

#[derive(Debug, Clone)]
pub struct CompoundCommand {
    pub kind: CompoundKind,
    pub redirects: Vec<Redirect>,
    pub span: Span,
}

// Every CompoundKind sits in a Box (`Command::Compound`), so the size of
// the largest variant (`for ((…))` with three arithmetic texts) is paid
// once per compound command, not per word or list item.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum CompoundKind {
    Brace(Program),
    Subshell(Program),
    If {
        /// `if`/`elif` branches: condition and body.
        branches: Vec<(Program, Program)>,
        else_body: Option<Program>,
    },
    Loop {
        until: bool,
        condition: Program,
        body: Program,
    },
    For {
        name: Vec<u8>,
        /// `None` means `"$@"` (no `in` clause).
        words: Option<Vec<Word>>,
        body: Program,
    },
    ArithFor {
        init: Option<ArithText>,
        condition: Option<ArithText>,
        step: Option<ArithText>,
        body: Program,
    },
    Select {
        name: Vec<u8>,
        words: Option<Vec<Word>>,
        body: Program,
    },
    Case {
        word: Word,
        items: Vec<CaseItem>,
    },
    /// `(( expr ))`
    Arith(ArithText),
    /// `[[ expr ]]`
    Cond(CondExpr),
    /// `coproc [NAME] command`
    Coproc {
        name: Vec<u8>,
        body: Command,
    },
}

#[derive(Debug, Clone)]
pub struct CaseItem {
    pub patterns: Vec<Word>,
    pub body: Program,
    pub terminator: CaseTerminator,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseTerminator {
    /// `;;`
    Break,
    /// `;&`
    FallThrough,
    /// `;;&`
    Continue,
}

#[derive(Debug, Clone)]
pub struct FunctionDef {
    pub name: Vec<u8>,
    pub body: Command,
    pub span: Span,
}

/// The `[[ … ]]` expression grammar.
#[derive(Debug, Clone)]
pub enum CondExpr {
    Not(Box<CondExpr>),
    And(Box<CondExpr>, Box<CondExpr>),
    Or(Box<CondExpr>, Box<CondExpr>),
    /// `-f file`, `-z str`, …
    Unary {
        op: Vec<u8>,
        operand: Word,
    },
    /// `a == pat`, `a -lt b`, `a =~ re`, …
    Binary {
        op: Vec<u8>,
        left: Word,
        right: Word,
    },
    /// A lone word: true when non-empty.
    Word(Word),
}

/// Arithmetic text from `$((…))`, `((…))` or `for ((…))`.
///
/// `expr` is the tree parsed at parse time when the text contains no
/// expansions and is well formed; otherwise it is `None` and the executor
/// expands `word` (as in double quotes) and parses the result, reporting any
/// syntax error at run time as bash does.
#[derive(Debug, Clone)]
pub struct ArithText {
    pub word: Word,
    pub expr: Option<ArithExpr>,
}

#[derive(Debug, Clone)]
pub struct Redirect {
    pub fd: RedirectFd,
    pub op: RedirectOp,
    pub target: RedirectTarget,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectFd {
    /// The operator's default (0 for input, 1 for output).
    Default,
    Number(i32),
    /// `{name}>file`: allocate an fd >= 10 and store it in `name`.
    Variable(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectOp {
    /// `<`
    Input,
    /// `>`
    Output,
    /// `>|`
    Clobber,
    /// `>>`
    Append,
    /// `<&`
    DupInput,
    /// `>&`
    DupOutput,
    /// `<>`
    ReadWrite,
    /// `<<` and `<<-`
    HereDoc,
    /// `<<<`
    HereString,
    /// `&>` (and `>&word` when word is not a number or `-`)
    OutputBoth,
    /// `&>>`
    AppendBoth,
}

#[derive(Debug, Clone)]
pub enum RedirectTarget {
    Word(Word),
    HereDoc(Rc<HereDoc>),
}

/// A here-document. The body is read when the parser consumes the newline
/// after the command, so it is filled in after the node is created.
#[derive(Debug, Clone)]
pub struct HereDoc {
    pub delimiter: Vec<u8>,
    /// Any part of the delimiter was quoted: the body is taken literally.
    pub quoted: bool,
    pub strip_tabs: bool,
    pub body: OnceCell<Word>,
}

/// A shell word: a sequence of parts, each with its own span.
#[derive(Debug, Clone, Default)]
pub struct Word {
    pub parts: Vec<WordPart>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct WordPart {
    pub kind: PartKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum PartKind {
    /// Unquoted text. Glob characters in it are active.
    Literal(Vec<u8>),
    /// Text that is quoted: `'…'`, `$'…'` (already decoded), `\c`, or
    /// literal text inside double quotes.
    Quoted(Vec<u8>),
    /// `"…"`: parts inside are literal text (as `Quoted`) or expansions.
    DoubleQuoted(Vec<WordPart>),
    /// `~` or `~user` at the start of a word or after `:`/`=` in an assignment.
    Tilde(Vec<u8>),
    Param(Box<ParamExpansion>),
    /// `$(…)` or `` `…` ``.
    CommandSub {
        program: Program,
        backquoted: bool,
    },
    /// `$((…))`
    Arith(Box<ArithText>),
    /// `<(…)` (`output: false`) or `>(…)`
    ProcessSub {
        program: Program,
        output: bool,
    },
    /// `{a,b,c}`: each alternative is a sequence of parts.
    BraceList(Vec<Vec<WordPart>>),
    /// `{1..10..2}`, `{a..e}`: the endpoints as written.
    BraceRange {
        start: Vec<u8>,
        end: Vec<u8>,
        step: Option<i64>,
    },
    /// `x=(a b)` as an argument of a declaration builtin (`declare`,
    /// `local`, …): the part after `=`.
    ArrayLiteral(Vec<ArrayElement>),
    /// Extglob `?(…)` `*(…)` `+(…)` `@(…)` `!(…)`: operator and alternatives.
    ExtGlob {
        op: u8,
        alternatives: Vec<Vec<WordPart>>,
    },
}

/// `$name`, `${…}` in all their forms.
#[derive(Debug, Clone)]
pub struct ParamExpansion {
    pub name: ParamName,
    pub subscript: Option<Subscript>,
    /// `${!name}`: indirect expansion.
    pub indirect: bool,
    pub op: ParamOp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamName {
    Variable(Vec<u8>),
    Positional(u32),
    /// One of `@ * # ? - $ ! 0`.
    Special(u8),
}

#[derive(Debug, Clone)]
pub enum Subscript {
    At,
    Star,
    /// Arithmetic for indexed arrays, a string key for associative ones.
    Index(Word),
}

#[derive(Debug, Clone)]
pub enum ParamOp {
    /// `$x`, `${x}`
    Plain,
    /// `${#x}`
    Length,
    /// `${x-w}` `${x:-w}`
    Default { colon: bool, word: Word },
    /// `${x=w}` `${x:=w}`
    Assign { colon: bool, word: Word },
    /// `${x?w}` `${x:?w}`
    Error { colon: bool, word: Option<Word> },
    /// `${x+w}` `${x:+w}`
    Alternative { colon: bool, word: Word },
    /// `${x#p}` `${x##p}`
    RemovePrefix { longest: bool, pattern: Word },
    /// `${x%p}` `${x%%p}`
    RemoveSuffix { longest: bool, pattern: Word },
    /// `${x:offset}` `${x:offset:length}` (arithmetic text)
    Substring { offset: Word, length: Option<Word> },
    /// `${x/p/r}` `${x//p/r}` `${x/#p/r}` `${x/%p/r}`
    Replace {
        mode: ReplaceMode,
        pattern: Word,
        replacement: Option<Word>,
    },
    /// `${x^p}` `${x^^p}` `${x,p}` `${x,,p}`
    Case {
        upper: bool,
        all: bool,
        pattern: Option<Word>,
    },
    /// `${x~p}` `${x~~p}`: toggle case.
    Toggle { all: bool, pattern: Option<Word> },
    /// `${x@Q}` and the other transformations (`Q E P A a U u L K k`)
    Transform(u8),
    /// `${!prefix*}` / `${!prefix@}`
    PrefixNames { star: bool },
    /// `${!a[@]}` / `${!a[*]}`
    Keys { star: bool },
    /// Text that is not a valid expansion; bash and dash report
    /// "bad substitution" only when it is expanded.
    Bad(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplaceMode {
    First,
    All,
    Prefix,
    Suffix,
}

impl Word {
    /// The word's text if it is a plain unquoted literal (for reserved
    /// words, names, and fd numbers).
    pub fn as_literal(&self) -> Option<&[u8]> {
        match self.parts.as_slice() {
            [WordPart {
                kind: PartKind::Literal(text),
                ..
            }] => Some(text),
            _ => None,
        }
    }

    /// True when any part is quoted (here-doc delimiters, `[[ =~ ]]`).
    pub fn has_quotes(&self) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p.kind, PartKind::Quoted(_) | PartKind::DoubleQuoted(_)))
    }
}
