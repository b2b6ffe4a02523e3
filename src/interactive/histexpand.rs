//! History expansion (`!!`, `!n`, `!-n`, `!prefix`, `!?text?`, `!#`, word
//! designators `:n :^ :$ :* :x-y`, modifiers `:h :t :r :e :p :q :x :s :&
//! :g`, and `^old^new^`) applied to a line read interactively, as bash
//! does before the line is parsed. Entry point: [`expand`].
//!
//! The rules follow bash's `history_expand`: `!` is literal before a blank,
//! `=`, `(` or the end of the line, inside single quotes, after a
//! backslash, before `"` inside double quotes, and in `[!`, `${!` and `$!`.

mod words;

pub use words::split_words;
use words::{apply_modifiers, select_words, Modifiers};

/// The result of expanding one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub line: String,
    /// Something was substituted (bash then echoes the new line).
    pub changed: bool,
    /// A `:p` modifier: show and record the line but do not run it.
    pub print_only: bool,
}

/// The history as the expander sees it: oldest first, and the number of
/// the first entry (for `!n`).
pub struct Events<'a> {
    pub entries: &'a [&'a str],
    pub base: usize,
}

impl Events<'_> {
    fn last(&self) -> Option<&str> {
        self.entries.last().copied()
    }

    fn number(&self, n: usize) -> Option<&str> {
        let i = n.checked_sub(self.base)?;
        self.entries.get(i).copied()
    }

    fn back(&self, n: usize) -> Option<&str> {
        let i = self.entries.len().checked_sub(n)?;
        self.entries.get(i).copied()
    }

    fn find(&self, text: &str, anchored: bool) -> Option<&str> {
        self.entries.iter().rev().copied().find(|e| {
            if anchored {
                e.starts_with(text)
            } else {
                e.contains(text)
            }
        })
    }
}

/// Expands history references in `line`; an error message (without the
/// `whelk: ` prefix) when an event or substitution fails.
pub fn expand(line: &str, events: &Events) -> Result<Expansion, String> {
    let mut state = State {
        out: String::with_capacity(line.len()),
        changed: false,
        print_only: false,
        last_subst: None,
    };
    let mut rest = line;
    if let Some(after) = line.strip_prefix('^') {
        rest = state.quick_substitution(after, events)?;
    }
    state.scan(rest, events)?;
    Ok(Expansion {
        line: state.out,
        changed: state.changed,
        print_only: state.print_only,
    })
}

struct State {
    out: String,
    changed: bool,
    print_only: bool,
    /// The last `:s` pattern and replacement (for `:&`).
    last_subst: Option<(String, String)>,
}

impl State {
    /// `^old^new^` is `!!:s^old^new^`; returns the text after it.
    fn quick_substitution<'l>(
        &mut self,
        after: &'l str,
        events: &Events,
    ) -> Result<&'l str, String> {
        let mut mods = Modifiers::default();
        let used = mods.parse_substitution(after, '^', false, &mut self.last_subst);
        let spec = after[..used].trim_end_matches('^');
        let mut text = events
            .last()
            .ok_or_else(|| format!(":s^{spec}: event not found"))?
            .to_string();
        if !apply_modifiers(&mut text, &mods) {
            return Err(format!(":s^{spec}: substitution failed"));
        }
        self.out.push_str(&text);
        self.changed = true;
        Ok(&after[used..])
    }

    fn scan(&mut self, line: &str, events: &Events) -> Result<(), String> {
        let mut in_single = false;
        let mut in_double = false;
        let mut i = 0;
        while i < line.len() {
            let Some(c) = line[i..].chars().next() else {
                break;
            };
            let next = line[i + c.len_utf8()..].chars().next();
            match c {
                '\'' if !in_double => in_single = !in_single,
                '"' if !in_single => in_double = !in_double,
                '\\' if !in_single => {
                    if let Some(n) = next {
                        self.out.push(c);
                        self.out.push(n);
                        i += 1 + n.len_utf8();
                        continue;
                    }
                }
                '!' if !in_single && !literal_bang(line, i, next, in_double) => {
                    let used = self.reference(&line[i..], events)?;
                    i += used;
                    continue;
                }
                _ => {}
            }
            self.out.push(c);
            i += c.len_utf8();
        }
        Ok(())
    }

    /// Expands the reference at the start of `text` (which starts with
    /// `!`); returns how many bytes it used.
    fn reference(&mut self, text: &str, events: &Events) -> Result<usize, String> {
        let (event, mut used) = event_text(text, events, &self.out)?;
        let words = split_words(&event);
        let (selected, n) = select_words(&text[used..], &words)
            .map_err(|consumed| format!("{}: bad word specifier", &text[..used + consumed]))?;
        used += n;
        let mut value = selected.unwrap_or(event);
        let mut mods = Modifiers::default();
        let n = mods.parse(&text[used..], &mut self.last_subst);
        let spec = &text[..used + n];
        used += n;
        if !apply_modifiers(&mut value, &mods) {
            return Err(format!("{spec}: substitution failed"));
        }
        self.print_only |= mods.print;
        self.out.push_str(&value);
        self.changed = true;
        Ok(used)
    }
}

/// Whether the `!` at `at` stands for itself.
fn literal_bang(line: &str, at: usize, next: Option<char>, in_double: bool) -> bool {
    let before = &line[..at];
    match next {
        None | Some(' ' | '\t' | '\n' | '\r' | '=' | '(') => return true,
        Some('"') if in_double => return true,
        _ => {}
    }
    before.ends_with('[') || before.ends_with("${") || before.ends_with('$')
}

/// The event designator at the start of `text` (after the `!`): the
/// entry's text and the bytes used (including the `!`).
fn event_text(text: &str, events: &Events, current: &str) -> Result<(String, usize), String> {
    let body = &text[1..];
    let not_found = |spec: &str| format!("{spec}: event not found");
    let first = body.chars().next().unwrap_or(' ');
    // `!$`, `!*`, `!^`, `!:…` refer to the previous command.
    if matches!(first, '$' | '*' | '^' | ':') {
        let e = events.last().ok_or_else(|| not_found(&text[..1]))?;
        return Ok((e.to_string(), 1));
    }
    if first == '!' {
        let e = events.last().ok_or_else(|| not_found(&text[..2]))?;
        return Ok((e.to_string(), 2));
    }
    if first == '#' {
        return Ok((current.to_string(), 2));
    }
    if first == '?' {
        let inner = &body[1..];
        let (needle, used) = match inner.find(['?', '\n']) {
            Some(end) if inner[end..].starts_with('?') => (&inner[..end], end + 3),
            Some(end) => (&inner[..end], end + 2),
            None => (inner, inner.len() + 2),
        };
        let e = events
            .find(needle, false)
            .ok_or_else(|| not_found(&text[..used.min(text.len())]))?;
        return Ok((e.to_string(), used.min(text.len())));
    }
    let digits_from = usize::from(first == '-');
    let digits = body[digits_from..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits > 0 {
        let used = 1 + digits_from + digits;
        let n: usize = body[digits_from..digits_from + digits]
            .parse()
            .unwrap_or(usize::MAX);
        let e = if digits_from == 1 {
            events.back(n)
        } else {
            events.number(n)
        };
        return e
            .map(|e| (e.to_string(), used))
            .ok_or_else(|| not_found(&text[..used]));
    }
    let len = body
        .find(|c: char| c.is_whitespace() || ":;&|<>()\"'`".contains(c))
        .unwrap_or(body.len());
    let prefix = &body[..len];
    let e = events
        .find(prefix, true)
        .ok_or_else(|| not_found(&text[..1 + len]))?;
    Ok((e.to_string(), 1 + len))
}

#[cfg(test)]
mod tests;
