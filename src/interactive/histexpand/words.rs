//! The parts of a history reference after the event: splitting an entry
//! into words as bash's `history_tokenize` does, word designators
//! (`:2`, `:$`, `:1-3`, `:*`), and modifiers (`:h :t :r :e :p :q :x
//! :s/old/new/ :& :g…`).

/// Shell operator characters: each run of them is a word of its own.
const OPERATORS: &str = ";&|<>()";

/// Splits an entry into words: blanks separate, quotes and backslashes
/// keep text together, operators are words of their own.
pub fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut end = start;
        if OPERATORS.contains(c) {
            while let Some(&(i, c)) = chars.peek() {
                if !OPERATORS.contains(c) {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            words.push(text[start..end].to_string());
            continue;
        }
        let mut quote: Option<char> = None;
        while let Some(&(i, c)) = chars.peek() {
            if quote.is_none() && (c.is_whitespace() || OPERATORS.contains(c)) {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            match (quote, c) {
                (None, '\'' | '"') => quote = Some(c),
                (Some(q), _) if c == q => quote = None,
                (Some('\''), _) => {}
                (_, '\\') => {
                    if let Some((j, d)) = chars.next() {
                        end = j + d.len_utf8();
                    }
                }
                _ => {}
            }
        }
        words.push(text[start..end].to_string());
    }
    words
}

/// Parses a word designator at the start of `text` and selects the words;
/// `(None, 0)` when there is none. The error is the number of bytes of the
/// bad specifier.
pub fn select_words(text: &str, words: &[String]) -> Result<(Option<String>, usize), usize> {
    let (spec, offset) = match text.as_bytes().first() {
        Some(b':') if text[1..].starts_with(|c: char| c.is_ascii_digit() || "^$*-".contains(c)) => {
            (&text[1..], 1)
        }
        Some(b'^' | b'$' | b'*') => (text, 0),
        _ => return Ok((None, 0)),
    };
    let last = words.len().saturating_sub(1);
    let (range, used) = parse_range(spec, last).ok_or(offset + 1)?;
    let Some((from, to)) = range else {
        return Ok((Some(String::new()), offset + used));
    };
    if from > to || to >= words.len() {
        return Err(offset + used);
    }
    Ok((Some(words[from..=to].join(" ")), offset + used))
}

/// One end of a range: digits, `^` (1) or `$` (last).
fn parse_index(spec: &str, last: usize) -> Option<(usize, usize)> {
    match spec.as_bytes().first()? {
        b'^' => Some((1, 1)),
        b'$' => Some((last, 1)),
        b'0'..=b'9' => {
            let n = spec.bytes().take_while(u8::is_ascii_digit).count();
            Some((spec[..n].parse().unwrap_or(usize::MAX), n))
        }
        _ => None,
    }
}

/// A designator: the inclusive range (None for an empty `*`) and bytes used.
#[allow(clippy::type_complexity)]
fn parse_range(spec: &str, last: usize) -> Option<(Option<(usize, usize)>, usize)> {
    if spec.starts_with('*') {
        return Some(((last >= 1).then_some((1, last)), 1));
    }
    let (from, mut used) = if spec.starts_with('-') {
        (0, 0)
    } else {
        parse_index(spec, last)?
    };
    let rest = &spec[used..];
    if rest.starts_with('*') {
        used += 1;
        return Some(((from <= last && last >= 1).then_some((from, last)), used));
    }
    if let Some(after) = rest.strip_prefix('-') {
        used += 1;
        return match parse_index(after, last) {
            Some((to, n)) => Some((Some((from, to)), used + n)),
            None => Some((Some((from, last.checked_sub(1)?)), used)),
        };
    }
    Some((Some((from, from)), used))
}

/// One modifier, applied in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Modifier {
    Head,
    Tail,
    Root,
    Extension,
    Quote,
    QuoteWords,
    Substitute {
        old: String,
        new: String,
        global: bool,
    },
}

#[derive(Debug, Default)]
pub struct Modifiers {
    list: Vec<Modifier>,
    /// `:p`: print, do not run.
    pub print: bool,
}

impl Modifiers {
    /// Parses `:x` modifiers at the start of `text`; returns bytes used.
    pub fn parse(&mut self, text: &str, last: &mut Option<(String, String)>) -> usize {
        let mut used = 0;
        while let Some(rest) = text[used..].strip_prefix(':') {
            let mut chars = rest.chars();
            let n = match chars.next() {
                Some('h') => self.push(Modifier::Head),
                Some('t') => self.push(Modifier::Tail),
                Some('r') => self.push(Modifier::Root),
                Some('e') => self.push(Modifier::Extension),
                Some('q') => self.push(Modifier::Quote),
                Some('x') => self.push(Modifier::QuoteWords),
                Some('p') => {
                    self.print = true;
                    1
                }
                Some('g' | 'a' | 'G') => match chars.next() {
                    Some('s' | '&') => 1 + self.parse_subst_or_repeat(&rest[1..], true, last),
                    _ => 0,
                },
                Some('s' | '&') => self.parse_subst_or_repeat(rest, false, last),
                _ => 0,
            };
            if n == 0 {
                break;
            }
            used += 1 + n;
        }
        used
    }

    fn push(&mut self, m: Modifier) -> usize {
        self.list.push(m);
        1
    }

    /// `s/old/new/` or `&` at the start of `text`.
    fn parse_subst_or_repeat(
        &mut self,
        text: &str,
        global: bool,
        last: &mut Option<(String, String)>,
    ) -> usize {
        if text.starts_with('&') {
            let (old, new) = last.clone().unwrap_or_default();
            self.list.push(Modifier::Substitute { old, new, global });
            return 1;
        }
        let Some(delim) = text[1..].chars().next() else {
            return 0;
        };
        let body = &text[1 + delim.len_utf8()..];
        1 + delim.len_utf8() + self.parse_substitution(body, delim, global, last)
    }

    /// `old<d>new[<d>]` (the text after the first delimiter); returns the
    /// bytes used. An empty `old` reuses the previous one; `&` in `new`
    /// stands for `old`.
    pub fn parse_substitution(
        &mut self,
        body: &str,
        delim: char,
        global: bool,
        last: &mut Option<(String, String)>,
    ) -> usize {
        let (old, n1) = until_delimiter(body, delim);
        let (new, n2) = until_delimiter(&body[n1..], delim);
        let old = if old.is_empty() {
            last.as_ref().map(|l| l.0.clone()).unwrap_or_default()
        } else {
            old
        };
        let new = new.replace('&', &old);
        *last = Some((old.clone(), new.clone()));
        self.list.push(Modifier::Substitute { old, new, global });
        n1 + n2
    }
}

/// Text up to an unescaped `delim` (consumed) or the end of the line.
fn until_delimiter(text: &str, delim: char) -> (String, usize) {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == delim {
            return (out, i + c.len_utf8());
        }
        if c == '\n' {
            return (out, i);
        }
        if c == '\\' {
            if let Some((_, d)) = chars.clone().next().filter(|&(_, d)| d == delim) {
                chars.next();
                out.push(d);
                continue;
            }
        }
        out.push(c);
    }
    (out, text.len())
}

/// Applies the modifiers in order; false if a substitution found nothing.
pub fn apply_modifiers(value: &mut String, mods: &Modifiers) -> bool {
    for m in &mods.list {
        match m {
            Modifier::Head => {
                if let Some(i) = value.rfind('/') {
                    value.truncate(i);
                }
            }
            Modifier::Tail => {
                if let Some(i) = value.rfind('/') {
                    *value = value[i + 1..].to_string();
                }
            }
            Modifier::Root => {
                if let Some(i) = suffix_start(value) {
                    value.truncate(i);
                }
            }
            Modifier::Extension => {
                *value = suffix_start(value)
                    .map(|i| value[i..].to_string())
                    .unwrap_or_default();
            }
            Modifier::Quote => *value = single_quote(value),
            Modifier::QuoteWords => {
                let words: Vec<String> = value.split_whitespace().map(single_quote).collect();
                *value = words.join(" ");
            }
            Modifier::Substitute { old, new, global } => {
                if old.is_empty() || !value.contains(old.as_str()) {
                    return false;
                }
                *value = if *global {
                    value.replace(old.as_str(), new)
                } else {
                    value.replacen(old.as_str(), new, 1)
                };
            }
        }
    }
    true
}

/// Where a `.suffix` of the last path component starts.
fn suffix_start(value: &str) -> Option<usize> {
    let dot = value.rfind('.')?;
    match value.rfind('/') {
        Some(slash) if slash > dot => None,
        _ => Some(dot),
    }
}

fn single_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}
