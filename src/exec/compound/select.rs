//! The `select` loop as bash 5.2 runs it ([`Shell::run_select`]): the menu
//! goes to stderr in columns sized like bash's (`COLUMNS`, else the
//! terminal on stderr, else 80), is shown first and again only after an
//! empty reply, each reply is read like `read` with no names (into
//! `REPLY`), and end of input ends the loop with status 1 — scripts such
//! as tzselect rely on `select …; done || exit`.

use super::LoopStep;
use crate::exec::{Status, Unwind};
use crate::shell::Shell;
use crate::syntax::ast::{Program, Word};
use crate::sys::fd::write_all_fd;

/// bash's `RP_SPACE`, printed after each index.
const RP_SPACE: &[u8] = b") ";
/// bash expands menu padding with tabs of this width.
const TAB: usize = 8;

impl Shell {
    pub(super) fn run_select(
        &mut self,
        name: &[u8],
        words: Option<&[Word]>,
        body: &Program,
    ) -> Status {
        let items = self.loop_items(words)?;
        if items.is_empty() {
            return Ok(0);
        }
        let mut show_menu = true;
        self.loop_depth += 1;
        let result = loop {
            let value = match self.select_query(&items, show_menu) {
                Ok(Some(v)) => v,
                Ok(None) => break Ok(1),
                Err(u) => break Err(u),
            };
            if self.vars.set(name, value).is_err() {
                // bash: a readonly loop variable ends the loop with failure.
                break Ok(1);
            }
            match self.loop_body(body) {
                Ok(LoopStep::Next(_)) => {}
                Ok(LoopStep::Stop(s)) => break Ok(s),
                Err(u) => break Err(u),
            }
            show_menu = self.vars.get(b"REPLY").is_some_and(|r| r.is_empty());
        };
        self.loop_depth -= 1;
        result
    }

    /// Shows the menu (when asked) and the PS3 prompt and reads replies
    /// until one is not empty: `Some(item)` (empty when the reply is not a
    /// valid index), `None` at end of input.
    fn select_query(
        &mut self,
        items: &[Vec<u8>],
        mut show_menu: bool,
    ) -> Result<Option<Vec<u8>>, Unwind> {
        let read = crate::builtins::find(b"read").map(|b| b.run);
        loop {
            let mut out = Vec::new();
            if show_menu {
                let columns = self.select_columns();
                out = select_menu(items, columns, self.utf8_locale);
            }
            match self.vars.get(b"PS3") {
                Some(p) => out.extend_from_slice(&p),
                None => out.extend_from_slice(b"#? "),
            }
            let _ = write_all_fd(2, &out);
            let status = match read {
                Some(run) => run(self, &[b"read".to_vec()])?,
                None => 1,
            };
            if status != 0 {
                let _ = write_all_fd(1, b"\n");
                return Ok(None);
            }
            let Some(reply) = self.vars.get(b"REPLY").map(|r| r.into_owned()) else {
                return Ok(None);
            };
            if reply.is_empty() {
                show_menu = true;
                continue;
            }
            let chosen = legal_number(&reply)
                .filter(|&n| n >= 1 && n <= items.len() as i64)
                .and_then(|n| items.get(usize::try_from(n - 1).ok()?));
            return Ok(Some(chosen.cloned().unwrap_or_default()));
        }
    }

    /// The menu width: `COLUMNS` when it starts with a positive number,
    /// else the width of the terminal on stderr, else 80 (bash's
    /// `default_columns` with `checkwinsize` on).
    fn select_columns(&mut self) -> usize {
        if let Some(n) = self.vars.get(b"COLUMNS").and_then(|v| atoi(&v)) {
            if n > 0 {
                return n as usize;
            }
        }
        // SAFETY: winsize is plain data; TIOCGWINSZ only writes into it.
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        // SAFETY: valid pointer to a local winsize.
        let rc = unsafe { libc::ioctl(2, libc::TIOCGWINSZ, &mut ws) };
        if rc == 0 && ws.ws_col > 0 {
            usize::from(ws.ws_col)
        } else {
            80
        }
    }
}

/// C `atoi`: optional blanks and sign, then digits (none means 0); `None`
/// only when the value does not fit.
fn atoi(s: &[u8]) -> Option<i64> {
    let mut i = s.iter().take_while(|b| is_c_space(**b)).count();
    let neg = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let mut n: i64 = 0;
    for &b in s[i.min(s.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
    {
        n = n.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    Some(if neg { -n } else { n })
}

fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// bash's `legal_number`: a decimal integer with optional surrounding
/// white space and sign, nothing else.
fn legal_number(s: &[u8]) -> Option<i64> {
    let start = s.iter().take_while(|b| is_c_space(**b)).count();
    let end = s.len() - s.iter().rev().take_while(|b| is_c_space(**b)).count();
    let body = s.get(start..end)?;
    let digits = body.strip_prefix(b"-").or_else(|| body.strip_prefix(b"+"));
    let digits = digits.unwrap_or(body);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(body).ok()?.parse::<i64>().ok()
}

/// Digits of an index (bash's `NUMBER_LEN`).
fn number_len(n: usize) -> usize {
    n.to_string().len()
}

/// The numbered menu laid out in columns, filled top to bottom, exactly as
/// bash's `print_select_list` pads it (tabs where a tab stop fits).
pub(super) fn select_menu(items: &[Vec<u8>], columns: usize, utf8: bool) -> Vec<u8> {
    let n = items.len();
    let widths: Vec<usize> = items.iter().map(|w| display_len(w, utf8)).collect();
    let indices_len = number_len(n);
    let max_elem_len = widths.iter().copied().max().unwrap_or(0) + indices_len + RP_SPACE.len() + 2;
    let cols = (columns / max_elem_len).max(1);
    let mut rows = n.div_ceil(cols).max(1);
    let cols = n.div_ceil(rows);
    if rows == 1 {
        // Everything fits on one line: bash lists one item per line instead.
        rows = cols;
    }
    let first_indices_len = number_len(rows);
    let mut out = Vec::new();
    for row in 0..rows {
        let (mut ind, mut pos) = (row, 0);
        loop {
            let width = if pos == 0 {
                first_indices_len
            } else {
                indices_len
            };
            out.extend_from_slice(format!("{:>width$}", ind + 1).as_bytes());
            out.extend_from_slice(RP_SPACE);
            out.extend_from_slice(&items[ind]);
            let elem_len = widths[ind] + width + RP_SPACE.len();
            ind += rows;
            if ind >= n {
                break;
            }
            indent(&mut out, pos + elem_len, pos + max_elem_len);
            pos += max_elem_len;
        }
        out.push(b'\n');
    }
    out
}

/// Pads from column `from` to `to` with tabs and spaces (bash's `indent`).
fn indent(out: &mut Vec<u8>, mut from: usize, to: usize) {
    while from < to {
        if to / TAB > from / TAB {
            out.push(b'\t');
            from += TAB - from % TAB;
        } else {
            out.push(b' ');
            from += 1;
        }
    }
}

/// bash's `displen` (glibc `mbstowcs` + `wcswidth`): 0 for text that is not
/// valid in the locale (any non-ASCII byte in the C locale), the byte length
/// when it holds a non-printable character, else the display width. Wide
/// (East Asian) and zero-width characters are approximated by ranges.
fn display_len(word: &[u8], utf8: bool) -> usize {
    let text = if utf8 {
        match std::str::from_utf8(word) {
            Ok(t) => t,
            Err(_) => return 0,
        }
    } else if word.is_ascii() {
        // ASCII is valid UTF-8, and ASCII widths are the same in both.
        std::str::from_utf8(word).unwrap_or_default()
    } else {
        return 0;
    };
    let mut width = 0;
    for c in text.chars() {
        match char_width(c) {
            Some(w) => width += w,
            None => return word.len(),
        }
    }
    width
}

/// Display width of one character; `None` when it is not printable.
fn char_width(c: char) -> Option<usize> {
    let c = u32::from(c);
    if c < 0x20 || (0x7f..0xa0).contains(&c) {
        return None;
    }
    let zero = [(0x300, 0x36f), (0x200b, 0x200f), (0xfe00, 0xfe0f)];
    if zero.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)) {
        return Some(0);
    }
    let wide = [
        (0x1100, 0x115f),
        (0x2e80, 0x303e),
        (0x3041, 0xa4cf),
        (0xac00, 0xd7a3),
        (0xf900, 0xfaff),
        (0xfe30, 0xfe4f),
        (0xff00, 0xff60),
        (0xffe0, 0xffe6),
        (0x1f300, 0x1f64f),
        (0x1f900, 0x1f9ff),
        (0x20000, 0x3fffd),
    ];
    Some(if wide.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)) {
        2
    } else {
        1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn menu(items: &[&str], columns: usize, utf8: bool) -> String {
        let items: Vec<Vec<u8>> = items.iter().map(|s| s.as_bytes().to_vec()).collect();
        String::from_utf8(select_menu(&items, columns, utf8)).unwrap()
    }

    // Expected layouts captured from bash 5.2 (`COLUMNS=… bash -c 'select …'`).
    #[test]
    fn short_lists_are_one_per_line() {
        assert_eq!(menu(&["1", "2", "3"], 80, false), "1) 1\n2) 2\n3) 3\n");
    }

    #[test]
    fn columns_fill_top_to_bottom_with_tabs() {
        let items = [
            "aaaaaaaaaa",
            "b",
            "c",
            "d",
            "e",
            "f",
            "g",
            "h",
            "i",
            "j",
            "k",
            "l",
            "m",
            "n",
        ];
        let want = "1) aaaaaaaaaa\t 8) h\n2) b\t\t 9) i\n3) c\t\t10) j\n4) d\t\t11) k\n\
                    5) e\t\t12) l\n6) f\t\t13) m\n7) g\t\t14) n\n";
        assert_eq!(menu(&items, 40, false), want);
    }

    #[test]
    fn invalid_multibyte_text_counts_as_zero_width() {
        let want = "1) Curaçao    3) cd  5) gh\n2) ab  4) ef\n";
        assert_eq!(menu(&["Curaçao", "ab", "cd", "ef", "gh"], 30, false), want);
        let want = "1) Curaçao  4) ef\n2) ab\t    5) gh\n3) cd\n";
        assert_eq!(menu(&["Curaçao", "ab", "cd", "ef", "gh"], 30, true), want);
    }

    #[test]
    fn control_characters_count_bytes() {
        let want = "1) a\tbcdefgh  4) ef\n2) ab\t      5) gh\n3) cd\n";
        assert_eq!(
            menu(&["a\tbcdefgh", "ab", "cd", "ef", "gh"], 30, true),
            want
        );
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let want = "1) 日本語本  4) ef\n2) ab\t     5) gh\n3) cd\n";
        assert_eq!(menu(&["日本語本", "ab", "cd", "ef", "gh"], 30, true), want);
    }

    #[test]
    fn replies_are_decimal_numbers_with_blanks() {
        assert_eq!(legal_number(b" 3 "), Some(3));
        assert_eq!(legal_number(b"+2"), Some(2));
        assert_eq!(legal_number(b"-1"), Some(-1));
        assert_eq!(legal_number(b"0x2"), None);
        assert_eq!(legal_number(b"+"), None);
        assert_eq!(legal_number(b"  "), None);
        assert_eq!(legal_number(b"99999999999999999999"), None);
    }

    #[test]
    fn atoi_reads_a_numeric_prefix() {
        assert_eq!(atoi(b"40"), Some(40));
        assert_eq!(atoi(b" 40x"), Some(40));
        assert_eq!(atoi(b"abc"), Some(0));
        assert_eq!(atoi(b"-5"), Some(-5));
    }
}
