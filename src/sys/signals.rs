//! Signal dispositions and the record of signals that arrived.
//!
//! Owns: every `sigaction` of the shell. Handlers only *record*: they set a
//! bit in a pending mask (signals 1..=64, bit `sig - 1`) and write one byte
//! to a non-blocking self-pipe so a `poll` can wake up. All work happens
//! later in the main loop ([`take_pending`]). Must not: run shell code, lock
//! or allocate in a handler.
//! Main entry points: [`init`], [`catch`] / [`ignore`] / [`default`] (what
//! `trap` needs), [`take_pending`], [`child_default_mask`] (for spawn).
//!
//! # How dispositions are kept real
//!
//! Every disposition is a *real* kernel disposition, because children see
//! them: a signal ignored with `trap '' INT` must stay `SIG_IGN` across
//! `exec` (POSIX 2.11), which an emulated "ignore" inside a handler could not
//! give. So:
//! * catching goes through signal-hook (`low_level::register`) the first
//!   time for each signal; right after, we read back the `sigaction` the
//!   registry installed (its one handler, `SA_SIGINFO | SA_RESTART`) and keep
//!   it;
//! * ignoring and defaulting call `sigaction(SIG_IGN / SIG_DFL)` directly;
//! * catching again re-installs the saved registry `sigaction`. The
//!   registry's slot and our recording action were never removed, so the
//!   registry dispatches as before. (signal-hook's `unregister` would *not*
//!   restore the default — its handler stays installed — which is why we
//!   never rely on it.)
//!
//! signal-hook refuses `SIGILL`, `SIGFPE`, `SIGSEGV` (and we add `SIGBUS`,
//! whose first handler is Rust's stack-overflow detector, which the registry
//! would chain to). Those get our own tiny recording handler, which also
//! tells a real fault (`si_code > 0`) from `kill -SEGV`: on a fault it
//! resets to `SIG_DFL` and returns, so the faulting instruction kills the
//! shell instead of looping forever.
//!
//! # Two layers: the shell's base and the user's trap
//!
//! Each signal has a *base* disposition (what the shell itself needs:
//! `SIGCHLD` caught, `SIGQUIT` ignored as bash does, interactive `SIGINT`
//! caught and `SIGTERM` ignored, job-control `SIGTSTP`/`SIGTTIN`/`SIGTTOU`
//! ignored) and optionally a user *trap* (catch or ignore). `trap - SIG`
//! ([`default`]) drops the trap and returns to the base, exactly as bash
//! returns an interactive shell's `SIGINT` to its own handling rather than
//! to `SIG_DFL`. A base "default" means the disposition on entry: `SIG_IGN`
//! for a signal ignored at startup, else `SIG_DFL`.
//!
//! Handlers keep signal-hook's `SA_RESTART`, so blocking calls are not
//! broken by signals; a wait that must end on a trapped signal (the `wait`
//! builtin) polls [`wake_fd`] instead, as `jobs::reap` does. rustyline
//! (without its `signal-hook` feature) saves and restores our `SIGINT` and
//! `SIGWINCH` actions around each line it reads, which this design keeps
//! correct.
//!
//! `SIGPIPE`: the Rust runtime sets it to `SIG_IGN` before `main`, so the
//! real startup disposition is unknowable; we treat it as default (as every
//! other shell sees it), set it to `SIG_DFL` in [`init`], and always reset
//! it in children unless the user trapped it with `''`.

use std::io;
use std::os::fd::{IntoRawFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicU8, Ordering};
use std::sync::OnceLock;

use nix::errno::Errno;

pub use super::signal_names::{
    all_signals, signal_description, signal_name, signal_number, MAX_SIGNAL,
};

/// What a signal does in the shell process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// The disposition on entry (normally `SIG_DFL`).
    Default,
    /// `SIG_IGN`; inherited by children when it comes from a user trap.
    Ignore,
    /// A recording handler; reset to `SIG_DFL` in children.
    Catch,
}

const NONE: u8 = 0;
const IGNORE: u8 = 1;
const CATCH: u8 = 2;
const SLOTS: usize = MAX_SIGNAL as usize + 1;

/// Signals that arrived and were not yet taken; bit `sig - 1`.
static PENDING: AtomicU64 = AtomicU64::new(0);
static WAKE_READ: AtomicI32 = AtomicI32::new(-1);
static WAKE_WRITE: AtomicI32 = AtomicI32::new(-1);
/// Signals ignored when the process started; bit `sig - 1`.
static STARTUP_IGNORED: AtomicU64 = AtomicU64::new(0);
static INITIALIZED: AtomicBool = AtomicBool::new(false);
/// The shell's own disposition per signal (NONE = default).
static BASE: [AtomicU8; SLOTS] = [const { AtomicU8::new(NONE) }; SLOTS];
/// The user's trap per signal (NONE = no trap).
static TRAP: [AtomicU8; SLOTS] = [const { AtomicU8::new(NONE) }; SLOTS];
/// Whether signal-hook's registry already has our action for the signal.
static HOOKED: [AtomicBool; SLOTS] = [const { AtomicBool::new(false) }; SLOTS];
/// The registry's `sigaction`, read back after its first installation.
static HOOK_ACTION: OnceLock<libc::sigaction> = OnceLock::new();

/// The pending-mask bit for `sig` (0 for numbers outside 1..=64).
pub fn signal_bit(sig: i32) -> u64 {
    if (1..=MAX_SIGNAL).contains(&sig) {
        1u64 << (sig - 1)
    } else {
        0
    }
}

fn slot(sig: i32) -> io::Result<usize> {
    if (1..=MAX_SIGNAL).contains(&sig) && sig != libc::SIGKILL && sig != libc::SIGSTOP {
        Ok(sig as usize)
    } else {
        Err(Errno::EINVAL.into())
    }
}

fn to_code(d: Disposition) -> u8 {
    match d {
        Disposition::Default => NONE,
        Disposition::Ignore => IGNORE,
        Disposition::Catch => CATCH,
    }
}

/// Records that `sig` arrived. Runs inside signal handlers: atomics and
/// `write(2)` only.
fn signal_safe_record(sig: i32) {
    PENDING.fetch_or(signal_bit(sig), Ordering::SeqCst);
    let fd = WAKE_WRITE.load(Ordering::SeqCst);
    if fd >= 0 {
        let byte = [sig as u8];
        // SAFETY: write(2) is async-signal-safe; `byte` lives across the
        // call. A full pipe (EAGAIN) is fine: a wake-up is already queued.
        unsafe { libc::write(fd, byte.as_ptr().cast(), 1) };
    }
}

/// Our handler for the fault signals signal-hook refuses.
extern "C" fn signal_safe_fault_handler(
    sig: libc::c_int,
    info: *mut libc::siginfo_t,
    _context: *mut libc::c_void,
) {
    let saved_errno = Errno::last_raw();
    // SAFETY: the kernel passes a valid siginfo_t (SA_SIGINFO); null is
    // checked anyway.
    let kernel_fault = !info.is_null() && unsafe { (*info).si_code } > 0;
    if kernel_fault {
        // A real fault: returning would re-run the faulting instruction
        // forever. Restore the default so that re-run kills the shell.
        // SAFETY: sigaction is async-signal-safe; the struct is local.
        unsafe {
            let mut dfl: libc::sigaction = std::mem::zeroed();
            dfl.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(sig, &dfl, std::ptr::null_mut());
        }
    } else {
        signal_safe_record(sig);
    }
    Errno::set_raw(saved_errno);
}

fn is_fault_signal(sig: i32) -> bool {
    matches!(
        sig,
        libc::SIGILL | libc::SIGFPE | libc::SIGSEGV | libc::SIGBUS
    )
}

fn set_action(sig: i32, action: &libc::sigaction) -> io::Result<()> {
    // SAFETY: `action` is a fully initialised sigaction; no old action wanted.
    if unsafe { libc::sigaction(sig, action, std::ptr::null_mut()) } == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

fn simple_action(handler: libc::sighandler_t) -> libc::sigaction {
    // SAFETY: sigaction is plain data; all-zero is a valid empty value.
    let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
    action.sa_sigaction = handler;
    action
}

fn current_handler(sig: i32) -> Option<libc::sighandler_t> {
    // SAFETY: as above; sigaction with a null new action only reads.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: `old` is a valid out-pointer.
    let rc = unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) };
    (rc == 0).then_some(old.sa_sigaction)
}

/// Installs the recording handler for `sig`.
fn install_catcher(sig: i32) -> io::Result<()> {
    if is_fault_signal(sig) {
        let mut action = simple_action(signal_safe_fault_handler as *const () as usize);
        action.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART;
        return set_action(sig, &action);
    }
    if HOOKED[sig as usize].load(Ordering::SeqCst) {
        let action = HOOK_ACTION
            .get()
            .ok_or_else(|| io::Error::from(Errno::EINVAL))?;
        return set_action(sig, action);
    }
    // SAFETY: the action only touches atomics and calls write(2), both
    // async-signal-safe, and cannot panic.
    unsafe { signal_hook::low_level::register(sig, move || signal_safe_record(sig)) }?;
    HOOKED[sig as usize].store(true, Ordering::SeqCst);
    if HOOK_ACTION.get().is_none() {
        // SAFETY: sigaction is plain data; zeroed is valid; read-only query.
        let mut installed: libc::sigaction = unsafe { std::mem::zeroed() };
        // SAFETY: `installed` is a valid out-pointer.
        if unsafe { libc::sigaction(sig, std::ptr::null(), &mut installed) } == 0 {
            let _ = HOOK_ACTION.set(installed);
        }
    }
    Ok(())
}

fn effective(sig: usize) -> u8 {
    match TRAP[sig].load(Ordering::SeqCst) {
        NONE => BASE[sig].load(Ordering::SeqCst),
        trap => trap,
    }
}

/// Makes the kernel disposition of `sig` match base + trap.
fn apply(sig: usize) -> io::Result<()> {
    let num = sig as i32;
    match effective(sig) {
        CATCH => install_catcher(num),
        IGNORE => set_action(num, &simple_action(libc::SIG_IGN)),
        _ if ignored_at_startup(num) && num != libc::SIGCHLD => {
            set_action(num, &simple_action(libc::SIG_IGN))
        }
        _ => set_action(num, &simple_action(libc::SIG_DFL)),
    }
}

/// Records the startup dispositions, creates the wake-up pipe and sets the
/// shell's base dispositions: `SIGCHLD` caught (never ignored, or `waitpid`
/// would lose children), `SIGQUIT` ignored (bash does in every mode),
/// `SIGPIPE` default (undoing the Rust runtime's `SIG_IGN`). Call once,
/// first thing; later calls do nothing.
pub fn init() -> io::Result<()> {
    if INITIALIZED.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    record_startup_dispositions();
    open_wake_pipe()?;
    set_base(libc::SIGCHLD, Disposition::Catch)?;
    set_base(libc::SIGQUIT, Disposition::Ignore)?;
    set_base(libc::SIGPIPE, Disposition::Default)
}

/// Base dispositions of an interactive shell (bash): `SIGINT` caught (the
/// shell survives Ctrl-C and sees it), `SIGTERM` ignored (so `kill 0` does
/// not kill it). Job-control signals are set by `jobs::terminal`.
pub fn enter_interactive() -> io::Result<()> {
    set_base(libc::SIGINT, Disposition::Catch)?;
    set_base(libc::SIGTERM, Disposition::Ignore)
}

fn record_startup_dispositions() {
    let mut mask = 0;
    for sig in 1..=MAX_SIGNAL {
        // SIGPIPE's true startup state was overwritten by the Rust runtime.
        if sig != libc::SIGPIPE && current_handler(sig) == Some(libc::SIG_IGN) {
            mask |= signal_bit(sig);
        }
    }
    STARTUP_IGNORED.store(mask, Ordering::SeqCst);
}

/// Creates the self-pipe (both ends non-blocking, close-on-exec, above the
/// user's fds), replacing any previous one.
fn open_wake_pipe() -> io::Result<()> {
    let (read, write) = super::fd::pipe_cloexec()?;
    let read = super::fd::dup_high_cloexec(std::os::fd::AsRawFd::as_raw_fd(&read), 100)?;
    let write = super::fd::dup_high_cloexec(std::os::fd::AsRawFd::as_raw_fd(&write), 100)?;
    for fd in [&read, &write] {
        super::fd::set_nonblocking(std::os::fd::AsRawFd::as_raw_fd(fd), true)?;
    }
    let old_write = WAKE_WRITE.swap(write.into_raw_fd(), Ordering::SeqCst);
    let old_read = WAKE_READ.swap(read.into_raw_fd(), Ordering::SeqCst);
    for old in [old_write, old_read] {
        if old >= 0 {
            let _ = super::fd::close(old);
        }
    }
    Ok(())
}

/// Was `sig` ignored when the shell started? POSIX 2.11: in a
/// non-interactive shell such signals cannot be trapped or reset (the
/// caller enforces that; interactive shells may trap them).
pub fn ignored_at_startup(sig: i32) -> bool {
    STARTUP_IGNORED.load(Ordering::SeqCst) & signal_bit(sig) != 0
}

/// Sets the shell's own (base) disposition of `sig`; takes effect unless a
/// user trap overrides it.
pub fn set_base(sig: i32, disposition: Disposition) -> io::Result<()> {
    change(&BASE, sig, to_code(disposition))
}

/// Sets one layer's code for `sig` and applies it; on failure (e.g. the
/// reserved signals 32 and 33) the layer is put back, so the bookkeeping
/// never claims a disposition the kernel does not have.
fn change(layer: &[AtomicU8; SLOTS], sig: i32, code: u8) -> io::Result<()> {
    let s = slot(sig)?;
    let before = layer[s].swap(code, Ordering::SeqCst);
    apply(s).inspect_err(|_| {
        layer[s].store(before, Ordering::SeqCst);
        let _ = apply(s);
    })
}

/// `trap ACTION SIG`: install the recording handler for `sig`. Fails with
/// `EINVAL` for `SIGKILL`, `SIGSTOP`, 0 and numbers above 64.
pub fn catch(sig: i32) -> io::Result<()> {
    change(&TRAP, sig, CATCH)
}

/// `trap '' SIG`: ignore `sig`, in the shell and in every child.
pub fn ignore(sig: i32) -> io::Result<()> {
    change(&TRAP, sig, IGNORE)
}

/// `trap - SIG`: drop the user's trap; `sig` returns to the shell's base
/// disposition (see the module doc). A later [`catch`] works again.
pub fn default(sig: i32) -> io::Result<()> {
    change(&TRAP, sig, NONE)
}

/// The disposition `sig` has in the shell now (base + trap).
pub fn disposition(sig: i32) -> Disposition {
    match slot(sig).map(effective) {
        Ok(CATCH) => Disposition::Catch,
        Ok(IGNORE) => Disposition::Ignore,
        _ => Disposition::Default,
    }
}

/// Takes every pending signal: returns the mask (bit `sig - 1`) and clears it.
pub fn take_pending() -> u64 {
    PENDING.swap(0, Ordering::SeqCst)
}

/// Takes only the pending signals in `mask`, leaving the others pending.
pub fn take_pending_in(mask: u64) -> u64 {
    PENDING.fetch_and(!mask, Ordering::SeqCst) & mask
}

/// The pending mask, without clearing it.
pub fn pending() -> u64 {
    PENDING.load(Ordering::SeqCst)
}

/// Has `sig` arrived since it was last taken?
pub fn is_pending(sig: i32) -> bool {
    pending() & signal_bit(sig) != 0
}

/// The read end of the self-pipe: readable after any caught signal. Poll it
/// beside other fds, then call [`drain_wake_fd`]. `None` before [`init`].
pub fn wake_fd() -> Option<RawFd> {
    let fd = WAKE_READ.load(Ordering::SeqCst);
    (fd >= 0).then_some(fd)
}

/// Empties the self-pipe. Call *before* checking [`pending`] so a signal
/// arriving after the check still leaves a byte to wake the next `poll`.
pub fn drain_wake_fd() {
    let Some(fd) = wake_fd() else { return };
    let mut buf = [0u8; 64];
    // SAFETY: reading into a local buffer; the fd is non-blocking, so the
    // loop ends at EAGAIN.
    while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
}

/// The signals a new child must reset to `SIG_DFL` (bit `sig - 1`): all
/// the shell catches, and those it ignores for itself (base), except those
/// ignored at startup. Signals the user ignored with `trap ''` stay ignored
/// (POSIX 2.11). `SIGPIPE` is always reset unless trapped with `''`.
pub fn child_default_mask() -> u64 {
    let mut mask = 0;
    for sig in 1..=MAX_SIGNAL {
        let s = sig as usize;
        let trap = TRAP[s].load(Ordering::SeqCst);
        let reset = match effective(s) {
            CATCH => true,
            IGNORE => trap == NONE && !ignored_at_startup(sig),
            _ => sig == libc::SIGPIPE,
        };
        if reset || (sig == libc::SIGPIPE && trap != IGNORE) {
            mask |= signal_bit(sig);
        }
    }
    mask
}

/// Ends the shell by `sig` with its default action, so the parent sees
/// `WIFSIGNALED` — the "cooperative exit" of bash: a script whose foreground
/// child died of `SIGINT` dies of `SIGINT` itself (after its own cleanup;
/// nothing is flushed here). Falls back to `_exit(128 + sig)` for signals
/// whose default action does not terminate.
pub fn die_of_signal(sig: i32) -> ! {
    // SAFETY: sigaction/sigprocmask/raise/_exit on local data; _exit does
    // not return.
    unsafe {
        if (1..=MAX_SIGNAL).contains(&sig) {
            set_action(sig, &simple_action(libc::SIG_DFL)).ok();
            let mut set = std::mem::MaybeUninit::<libc::sigset_t>::uninit();
            libc::sigemptyset(set.as_mut_ptr());
            libc::sigaddset(set.as_mut_ptr(), sig);
            libc::sigprocmask(libc::SIG_UNBLOCK, set.as_ptr(), std::ptr::null_mut());
            libc::raise(sig);
        }
        libc::_exit(128 + (sig & 0x7f))
    }
}

/// Called in a forked subshell before it runs shell code. POSIX 2.12:
/// traps that are not ignored are reset; the base returns to the
/// non-interactive state (a subshell has no job control and dies of
/// Ctrl-C). Pending signals belonged to the parent, and the self-pipe is
/// replaced so the two processes do not share it. Makes no allocation.
pub fn reset_for_subshell() -> io::Result<()> {
    PENDING.store(0, Ordering::SeqCst);
    for sig in 1..=MAX_SIGNAL {
        let s = sig as usize;
        if sig == libc::SIGKILL || sig == libc::SIGSTOP {
            continue;
        }
        let before = effective(s);
        if TRAP[s].load(Ordering::SeqCst) == CATCH {
            TRAP[s].store(NONE, Ordering::SeqCst);
        }
        let base = match sig {
            libc::SIGCHLD => CATCH,
            libc::SIGQUIT => IGNORE,
            _ => NONE,
        };
        BASE[s].store(base, Ordering::SeqCst);
        if effective(s) != before {
            apply(s)?;
        }
    }
    if INITIALIZED.load(Ordering::SeqCst) {
        open_wake_pipe()?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "signals_tests.rs"]
mod tests;
