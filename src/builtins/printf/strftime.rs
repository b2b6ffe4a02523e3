//! `%(fmt)T` support: local-time formatting through the C library, so
//! every strftime(3) directive and the `TZ` environment variable behave
//! exactly as in bash.
//!
//! Main entry point: [`format_time`]. The caller (shell state) must keep
//! the process environment's `TZ` in sync with the shell variable, as
//! bash's `sv_tz` does.

use std::ffi::CString;
use std::time::{SystemTime, UNIX_EPOCH};

/// bash's buffer size: results of 128 bytes or more come out empty.
const TIMELEN_MAX: usize = 128;

/// Format `secs` (-1 and -2 mean "now"; whelk does not track the shell
/// start time separately here) in local time with strftime(3).
pub(super) fn format_time(fmt: &[u8], secs: i64) -> Vec<u8> {
    let secs = if secs == -1 || secs == -2 {
        now()
    } else {
        secs
    };
    // A NUL cannot come from a shell word; stop there like C would.
    let fmt = &fmt[..fmt.iter().position(|&c| c == 0).unwrap_or(fmt.len())];
    let Ok(cfmt) = CString::new(fmt) else {
        return Vec::new();
    };
    c_strftime(&cfmt, secs)
}

fn now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

extern "C" {
    /// Not exported by the libc crate. glibc's localtime_r only reads `TZ`
    /// once, so call this to honour changes made since.
    fn tzset();
}

/// The only unsafe code in printf: `localtime_r` + `strftime`. A time
/// `localtime_r` cannot represent falls back to the epoch, as in bash.
fn c_strftime(fmt: &CString, secs: i64) -> Vec<u8> {
    let mut buf = [0u8; TIMELEN_MAX];
    // SAFETY: `tm` is plain data that localtime_r fills in; `fmt` is a valid
    // NUL-terminated string; strftime writes at most `buf.len()` bytes into
    // `buf` and returns how many (0 on overflow).
    let n = unsafe {
        tzset();
        let mut tm: libc::tm = std::mem::zeroed();
        let t = secs as libc::time_t;
        if libc::localtime_r(&t, &mut tm).is_null() {
            let zero: libc::time_t = 0;
            if libc::localtime_r(&zero, &mut tm).is_null() {
                return Vec::new();
            }
        }
        libc::strftime(buf.as_mut_ptr().cast(), buf.len(), fmt.as_ptr(), &tm)
    };
    buf[..n.min(buf.len())].to_vec()
}
