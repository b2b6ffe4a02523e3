//! The directory stack: `pushd`, `popd`, `dirs` and the `DIRSTACK`
//! array, following bash's `pushd.def`. `Shell::dir_stack` holds the
//! entries below the current directory, bottom first (its last element
//! is `+1`); the current directory is always entry 0.
//!
//! Entry points: [`pushd`], [`popd`], [`dirs`], [`dirstack_array`].

use super::args::{invalid_option, usage};
use super::cd::{change_dir, working_dir};
use super::{error, out};
use crate::exec::Status;
use crate::shell::Shell;

/// `DIRSTACK`: the current directory, then the stack from the top.
pub fn dirstack_array(shell: &mut Shell) -> Vec<Vec<u8>> {
    let mut v = vec![working_dir(shell, "dirstack").unwrap_or_else(|| b".".to_vec())];
    v.extend(shell.dir_stack.iter().rev().cloned());
    v
}

/// `~` for `$HOME` at the start of a path (bash's
/// `polite_directory_format`; a HOME of `/` is not abbreviated).
fn polite(shell: &mut Shell, path: &[u8]) -> Vec<u8> {
    let home = shell
        .vars
        .get(b"HOME")
        .map(|v| v.into_owned())
        .unwrap_or_default();
    let l = home.len();
    if l > 1 && path.starts_with(&home) && (path.len() == l || path[l] == b'/') {
        [b"~".as_slice(), &path[l..]].concat()
    } else {
        path.to_vec()
    }
}

fn stack_error(shell: &mut Shell, name: &[u8], arg: &[u8]) -> i32 {
    if shell.dir_stack.is_empty() {
        error(shell, name, b"directory stack empty");
    } else {
        error(
            shell,
            name,
            &[arg, b": directory stack index out of range"].concat(),
        );
    }
    1
}

/// Parses the number after `+`/`-` (bash's `legal_number`).
fn stack_number(shell: &mut Shell, name: &[u8], word: &[u8]) -> Result<i64, i32> {
    match super::parse_number(&word[1..]) {
        Some(n) if !word[1..].is_empty() => Ok(n),
        _ => {
            error(shell, name, &[word, b": invalid number"].concat());
            usage(name);
            Err(2)
        }
    }
}

/// Changes to `dir` for pushd/popd and lists the stack.
fn cd_and_list(shell: &mut Shell, name: &[u8], dir: &[u8]) -> i32 {
    let physical = shell.opts.get("physical");
    match change_dir(shell, dir, physical) {
        Ok(0) => list(shell, Flags::default(), None),
        Ok(s) => s,
        Err(reason) => {
            error(shell, name, &[dir, b": ", reason.as_bytes()].concat());
            1
        }
    }
}

pub fn pushd(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut i = 1;
    let mut no_cd = false;
    let mut rotate = None;
    let skip_opts = argv.get(1).is_some_and(|a| a == b"--");
    if skip_opts {
        i = 2;
    }
    while !skip_opts && i < argv.len() {
        let w = argv[i].as_slice();
        match w {
            b"-n" => no_cd = true,
            b"--" => {
                i += 1;
                break;
            }
            b"-" => break,
            _ if w.starts_with(b"+") || w.starts_with(b"-") => {
                let n = match stack_number(shell, b"pushd", w) {
                    Ok(n) => n,
                    Err(s) => return Ok(s),
                };
                let depth = shell.dir_stack.len() as i64;
                let num = if w[0] == b'-' {
                    depth.saturating_sub(n)
                } else {
                    n
                };
                if num > depth || num < 0 {
                    return Ok(stack_error(shell, b"pushd", w));
                }
                rotate = Some(num as usize);
            }
            _ => break,
        }
        i += 1;
    }
    if argv.len() == 1 || (skip_opts && argv.len() == 2) {
        return Ok(swap_top(shell));
    }
    if let Some(num) = rotate {
        return Ok(rotate_stack(shell, num, no_cd));
    }
    let Some(dir) = argv.get(i).cloned() else {
        return Ok(0);
    };
    let Some(current) = working_dir(shell, "pushd") else {
        return Ok(1);
    };
    if !no_cd {
        // bash runs `cd` on the rest of the words (so extra words give
        // "too many arguments"), under pushd's name.
        let mut cd_argv = vec![b"pushd".to_vec()];
        if skip_opts {
            cd_argv.push(b"--".to_vec());
        }
        cd_argv.extend_from_slice(&argv[i..]);
        let status = super::cd::cd(shell, &cd_argv)?;
        if status != 0 {
            return Ok(status);
        }
    }
    shell.dir_stack.push(if no_cd { dir } else { current });
    Ok(list(shell, Flags::default(), None))
}

/// `pushd` alone: exchange the top two entries.
fn swap_top(shell: &mut Shell) -> i32 {
    let Some(top) = shell.dir_stack.pop() else {
        error(shell, b"pushd", b"no other directory");
        return 1;
    };
    let Some(current) = working_dir(shell, "pushd") else {
        shell.dir_stack.push(top);
        return 1;
    };
    shell.dir_stack.push(current);
    cd_and_list(shell, b"pushd", &top)
}

/// `pushd +N`: rotate so entry N becomes the top.
fn rotate_stack(shell: &mut Shell, num: usize, no_cd: bool) -> i32 {
    let Some(mut temp) = working_dir(shell, "pushd") else {
        return 1;
    };
    if num == 0 {
        return if no_cd {
            0
        } else {
            cd_and_list(shell, b"pushd", &temp)
        };
    }
    for _ in 0..num {
        let Some(top) = shell.dir_stack.pop() else {
            break;
        };
        shell.dir_stack.insert(0, temp);
        temp = top;
    }
    if no_cd {
        0
    } else {
        cd_and_list(shell, b"pushd", &temp)
    }
}

pub fn popd(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut no_cd = false;
    let mut which: i64 = 0;
    let mut direction = b'+';
    let mut which_word: Vec<u8> = Vec::new();
    for w in &argv[1..] {
        match w.as_slice() {
            b"-n" => no_cd = true,
            b"--" => break,
            _ if w.starts_with(b"+") || w.starts_with(b"-") => {
                which = match stack_number(shell, b"popd", w) {
                    Ok(n) => n,
                    Err(s) => return Ok(s),
                };
                direction = w[0];
                which_word = w.clone();
            }
            b"" => break,
            _ => {
                error(
                    shell,
                    b"popd",
                    &[w.as_slice(), b": invalid argument"].concat(),
                );
                usage(b"popd");
                return Ok(2);
            }
        }
    }
    let depth = shell.dir_stack.len() as i64;
    if which > depth || which < -depth || (depth == 0 && which == 0) {
        return Ok(stack_error(shell, b"popd", &which_word));
    }
    if (direction == b'+' && which == 0) || (direction == b'-' && which == depth) {
        if !no_cd {
            let top = shell.dir_stack[shell.dir_stack.len() - 1].clone();
            let physical = shell.opts.get("physical");
            match change_dir(shell, &top, physical) {
                Ok(0) => {}
                Ok(s) => return Ok(s),
                Err(reason) => {
                    error(
                        shell,
                        b"popd",
                        &[top.as_slice(), b": ", reason.as_bytes()].concat(),
                    );
                    return Ok(1);
                }
            }
        }
        shell.dir_stack.pop();
    } else {
        let i = if direction == b'+' {
            depth - which
        } else {
            which
        };
        if i < 0 || i > depth {
            return Ok(stack_error(shell, b"popd", &which_word));
        }
        let i = i as usize;
        if i < shell.dir_stack.len() {
            shell.dir_stack.remove(i);
        }
    }
    Ok(list(shell, Flags::default(), None))
}

#[derive(Default, Clone, Copy)]
struct Flags {
    long: bool,
    per_line: bool,
    numbered: bool,
}

/// Which entry `dirs +N`/`-N` shows: `Some(None)` for the current
/// directory, `Some(Some(i))` for `dir_stack[i]`, `None` if out of range.
fn dirs_index(shell: &Shell, n: i64, plus: bool) -> Option<Option<usize>> {
    let depth = shell.dir_stack.len() as i64;
    if n == 0 && plus {
        return Some(None);
    }
    if n == depth {
        return Some(if plus { Some(0) } else { None });
    }
    if n < 0 || n > depth {
        return None;
    }
    let i = if plus { depth - n } else { n };
    Some(Some(i as usize))
}

pub fn dirs(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut flags = Flags::default();
    let mut clear = false;
    let mut index: Option<(Option<Option<usize>>, Vec<u8>)> = None;
    for w in &argv[1..] {
        match w.as_slice() {
            b"-l" => flags.long = true,
            b"-c" => clear = true,
            b"-v" => flags.numbered = true,
            b"-p" => flags.per_line = true,
            b"--" => break,
            _ if w.starts_with(b"+") || w.starts_with(b"-") => {
                let n = match stack_number(shell, b"dirs", w) {
                    Ok(n) => n,
                    Err(s) => return Ok(s),
                };
                index = Some((dirs_index(shell, n, w[0] == b'+'), w[1..].to_vec()));
            }
            _ => return Ok(invalid_option(shell, b"dirs", w)),
        }
    }
    if clear {
        shell.dir_stack.clear();
        return Ok(0);
    }
    match index {
        Some((None, word)) => Ok(stack_error(shell, b"dirs", &word)),
        Some((Some(which), _)) => Ok(list(shell, flags, Some(which))),
        None => Ok(list(shell, flags, None)),
    }
}

/// Prints the stack (or one entry of it) in `dirs` format.
fn list(shell: &mut Shell, flags: Flags, only: Option<Option<usize>>) -> i32 {
    let format = |shell: &mut Shell, p: &[u8]| {
        if flags.long {
            p.to_vec()
        } else {
            polite(shell, p)
        }
    };
    let depth = shell.dir_stack.len();
    let mut text = Vec::new();
    let entry = |text: &mut Vec<u8>, n: usize, p: Vec<u8>| {
        if flags.numbered {
            text.extend_from_slice(format!("{n:2}  ").as_bytes());
        }
        text.extend(p);
    };
    match only {
        Some(Some(i)) => {
            let p = format(shell, &shell.dir_stack[i].clone());
            entry(&mut text, depth - i, p);
        }
        _ => {
            let cwd =
                working_dir(shell, "dirs").unwrap_or_else(|| b"<no current directory>".to_vec());
            let p = format(shell, &cwd);
            entry(&mut text, 0, p);
        }
    }
    if only.is_none() {
        for i in (0..depth).rev() {
            let p = format(shell, &shell.dir_stack[i].clone());
            text.push(if flags.numbered || flags.per_line {
                b'\n'
            } else {
                b' '
            });
            entry(&mut text, depth - i, p);
        }
    }
    text.push(b'\n');
    out(shell, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell_with_stack(n: usize) -> Shell {
        let mut sh = Shell::new(b"whelk".to_vec());
        sh.dir_stack = (0..n).map(|i| format!("/d{i}").into_bytes()).collect();
        sh
    }

    #[test]
    fn dirs_indexes_like_bash() {
        let sh = shell_with_stack(2);
        assert_eq!(dirs_index(&sh, 0, true), Some(None));
        assert_eq!(dirs_index(&sh, 1, true), Some(Some(1)));
        assert_eq!(dirs_index(&sh, 2, true), Some(Some(0)));
        assert_eq!(dirs_index(&sh, 0, false), Some(Some(0)));
        assert_eq!(dirs_index(&sh, 2, false), Some(None));
        assert_eq!(dirs_index(&sh, 3, true), None);
        let empty = shell_with_stack(0);
        assert_eq!(dirs_index(&empty, 0, false), Some(None));
    }

    #[test]
    fn home_is_abbreviated_only_at_component_boundaries() {
        let mut sh = shell_with_stack(0);
        let _ = sh.vars.set(b"HOME", b"/home/u".to_vec());
        assert_eq!(polite(&mut sh, b"/home/u/x"), b"~/x");
        assert_eq!(polite(&mut sh, b"/home/u"), b"~");
        assert_eq!(polite(&mut sh, b"/home/user"), b"/home/user");
        let _ = sh.vars.set(b"HOME", b"/".to_vec());
        assert_eq!(polite(&mut sh, b"/x"), b"/x");
    }
}
