//! `set -x` tracing: the one place that writes trace lines.

use crate::shell::Shell;

impl Shell {
    /// Writes one `set -x` line: PS4 (its first character repeated once
    /// per level of command substitution, `eval` and `.`) and `body`, to
    /// BASH_XTRACEFD or standard error.
    pub(crate) fn trace(&mut self, body: &[u8]) {
        let ps4 = match self.vars.get(b"PS4") {
            Some(v) => v.into_owned(),
            None => b"+ ".to_vec(),
        };
        let ps4 = self.expand_prompt_string(&ps4);
        let mut line = Vec::with_capacity(ps4.len() + body.len() + 4);
        if let Some(&first) = ps4.first() {
            for _ in 0..self.trace_level {
                line.push(first);
            }
        }
        line.extend_from_slice(&ps4);
        line.extend_from_slice(body);
        line.push(b'\n');
        let fd = self
            .vars
            .get(b"BASH_XTRACEFD")
            .and_then(|v| {
                std::str::from_utf8(&v)
                    .ok()
                    .and_then(|s| s.trim().parse::<i32>().ok())
            })
            .filter(|&fd| crate::sys::fd::is_valid_fd(fd))
            .unwrap_or(2);
        let _ = crate::sys::fd::write_all_fd(fd, &line);
    }
}
