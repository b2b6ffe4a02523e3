//! The individual `test` operators: file, string, variable and integer
//! tests, shared by `test`/`[` and `[[ ]]`.
//!
//! Main entry points: [`unary_test`] and [`binary_test`]. File tests use
//! stat(2)/lstat(2) through nix, and `-r -w -x` use
//! `faccessat(..., AT_EACCESS)` (effective ids), as bash does on Linux.

use super::TestEnv;
use nix::fcntl::{AtFlags, AT_FDCWD};
use nix::sys::stat::{lstat, stat, FileStat, Mode, SFlag};
use nix::unistd::{faccessat, getegid, geteuid, AccessFlags};

/// Evaluate unary operator `op` (e.g. `-f`) on an expanded operand, for
/// `[[ ]]`. `None` if `op` is not a unary test operator.
pub fn unary_test(op: &[u8], operand: &[u8], env: &mut dyn TestEnv) -> Option<bool> {
    is_unary_op(op).then(|| unary(op, operand, env))
}

/// Evaluate binary operator `op` on expanded operands, for `[[ ]]`.
/// `=`, `==` and `!=` are plain byte comparisons here (pattern matching
/// is the caller's job) and `<`/`>` compare bytes. Integer operators take
/// decimal integers with optional blanks and sign; `[[ ]]` callers that
/// want bash's arithmetic evaluation of operands should evaluate first
/// and pass the results. `None` if `op` is not a binary operator;
/// `Some(Err(msg))` for a bad integer (`X: integer expression expected`).
pub fn binary_test(op: &[u8], left: &[u8], right: &[u8]) -> Option<Result<bool, Vec<u8>>> {
    is_binary_op(op).then(|| binary(op, left, right))
}

/// bash's `test_unop`.
pub(super) fn is_unary_op(op: &[u8]) -> bool {
    matches!(op, [b'-', c] if b"abcdefghknoprstuvwxzGLOSNR".contains(c))
}

/// bash's `test_binop`.
pub(super) fn is_binary_op(op: &[u8]) -> bool {
    matches!(
        op,
        b"=" | b"=="
            | b"!="
            | b"<"
            | b">"
            | b"-nt"
            | b"-ot"
            | b"-ef"
            | b"-eq"
            | b"-ne"
            | b"-lt"
            | b"-le"
            | b"-gt"
            | b"-ge"
    )
}

/// bash's `legal_number`: optional leading white space, sign, decimal
/// digits, optional trailing blanks; no overflow.
pub(super) fn legal_number(s: &[u8]) -> Option<i64> {
    let lead = s
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .count();
    let (neg, rest) = match s[lead..].split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, &s[lead..]),
    };
    let ndigits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if ndigits == 0 || !rest[ndigits..].iter().all(|c| matches!(c, b' ' | b'\t')) {
        return None;
    }
    let mut v: i64 = 0;
    for d in &rest[..ndigits] {
        let d = (d - b'0') as i64;
        // Accumulate negatively so i64::MIN is representable.
        v = v.checked_mul(10)?.checked_sub(d)?;
    }
    if neg {
        Some(v)
    } else {
        v.checked_neg()
    }
}

/// A unary test; `op` must satisfy [`is_unary_op`].
pub(super) fn unary(op: &[u8], arg: &[u8], env: &mut dyn TestEnv) -> bool {
    let st = || file_stat(arg);
    let mode_is =
        |kind: SFlag| st().is_some_and(|s| s.st_mode & SFlag::S_IFMT.bits() == kind.bits());
    let mode_has = |bit: u32| st().is_some_and(|s| s.st_mode & bit != 0);
    match op[1] {
        b'a' | b'e' => st().is_some(),
        b'r' => access(arg, AccessFlags::R_OK),
        b'w' => access(arg, AccessFlags::W_OK),
        b'x' => access(arg, AccessFlags::X_OK),
        b'O' => st().is_some_and(|s| s.st_uid == geteuid().as_raw()),
        b'G' => st().is_some_and(|s| s.st_gid == getegid().as_raw()),
        b'N' => st().is_some_and(|s| (s.st_mtime, s.st_mtime_nsec) > (s.st_atime, s.st_atime_nsec)),
        // A file type of 0 counts as regular, as in bash.
        b'f' => st().is_some_and(|s| {
            let kind = s.st_mode & SFlag::S_IFMT.bits();
            kind == 0 || kind == SFlag::S_IFREG.bits()
        }),
        b'd' => mode_is(SFlag::S_IFDIR),
        b's' => st().is_some_and(|s| s.st_size > 0),
        b'S' => mode_is(SFlag::S_IFSOCK),
        b'c' => mode_is(SFlag::S_IFCHR),
        b'b' => mode_is(SFlag::S_IFBLK),
        b'p' => mode_is(SFlag::S_IFIFO),
        b'h' | b'L' => {
            !arg.is_empty()
                && lstat(arg)
                    .is_ok_and(|s| s.st_mode & SFlag::S_IFMT.bits() == SFlag::S_IFLNK.bits())
        }
        b'u' => mode_has(Mode::S_ISUID.bits()),
        b'g' => mode_has(Mode::S_ISGID.bits()),
        b'k' => mode_has(Mode::S_ISVTX.bits()),
        b't' => legal_number(arg)
            .and_then(|fd| i32::try_from(fd).ok())
            .is_some_and(is_terminal),
        b'n' => !arg.is_empty(),
        b'z' => arg.is_empty(),
        b'o' => env.is_option_set(arg) == Some(true),
        b'v' => env.is_var_set(arg),
        b'R' => env.is_nameref(arg),
        _ => false,
    }
}

/// stat(2); the empty path never exists.
fn file_stat(path: &[u8]) -> Option<FileStat> {
    if path.is_empty() {
        return None;
    }
    stat(path).ok()
}

fn access(path: &[u8], mode: AccessFlags) -> bool {
    faccessat(AT_FDCWD, path, mode, AtFlags::AT_EACCESS).is_ok()
}

fn is_terminal(fd: i32) -> bool {
    // SAFETY: isatty only inspects the descriptor number; an invalid or
    // closed descriptor just yields 0.
    unsafe { libc::isatty(fd) == 1 }
}

/// A binary test; `op` must satisfy [`is_binary_op`].
pub(super) fn binary(op: &[u8], l: &[u8], r: &[u8]) -> Result<bool, Vec<u8>> {
    Ok(match op {
        b"=" | b"==" => l == r,
        b"!=" => l != r,
        b"<" => l < r,
        b">" => l > r,
        b"-nt" | b"-ot" => newer_older(op == b"-nt", l, r),
        b"-ef" => match (file_stat(l), file_stat(r)) {
            (Some(a), Some(b)) => a.st_dev == b.st_dev && a.st_ino == b.st_ino,
            _ => false,
        },
        _ => {
            let int = |s: &[u8]| {
                legal_number(s).ok_or_else(|| [s, b": integer expression expected"].concat())
            };
            let (a, b) = (int(l)?, int(r)?);
            match op {
                b"-eq" => a == b,
                b"-ne" => a != b,
                b"-lt" => a < b,
                b"-le" => a <= b,
                b"-gt" => a > b,
                _ => a >= b,
            }
        }
    })
}

/// `-nt` / `-ot`: an existing file is newer than a missing one.
fn newer_older(newer: bool, l: &[u8], r: &[u8]) -> bool {
    let mtime = |p: &[u8]| file_stat(p).map(|s| (s.st_mtime, s.st_mtime_nsec));
    let (a, b) = (mtime(l), mtime(r));
    match (a, b, newer) {
        (Some(x), Some(y), true) => x > y,
        (Some(x), Some(y), false) => x < y,
        (Some(_), None, true) | (None, Some(_), false) => true,
        _ => false,
    }
}
