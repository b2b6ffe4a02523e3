//! The only place whelk creates processes.
//!
//! Owns: `posix_spawn`, `fork` and `execve`. A [`ChildPlan`] is built before
//! anything is forked (argv/envp as C strings, fd actions, process-group
//! policy, terminal hand-off); [`spawn`] runs it and reports exec errors
//! synchronously in the parent, so the lead prints messages, never the child.
//! [`fork_subshell`] forks a copy of the shell for subshells and pipeline
//! stages that run shell code.
//! Must not: allocate, lock or use Rust I/O between fork and exec — every
//! function that runs there is named `signal_safe_*` and calls libc only.
//!
//! Method: `posix_spawn` (glibc's uses `CLONE_VFORK`, so it costs the same
//! however large the shell grows) for every plan, including ones that take
//! the terminal: glibc ≥ 2.35's `posix_spawn_file_actions_addtcsetpgrp_np`
//! runs `tcsetpgrp` in the child after `setpgid`, with all signals blocked
//! (so no `SIGTTOU` stops it). Elsewhere, plans that take the terminal use
//! `fork` + `execve`, with errno sent back through a close-on-exec pipe.
//! `adddup2(fd, fd)` may leave `FD_CLOEXEC` set, so the fd would vanish at
//! exec (glibc 2.36 clears it, older libcs and other systems need not), so
//! such an action is done as a dup to a spare fd and back.
//!
//! Measured here (`/bin/true`, spawn + wait): 0.7 ms either way for a small
//! shell, but with 256 MB of touched heap fork costs 21 ms and posix_spawn
//! still 0.8 ms.

use std::ffi::{c_char, CString};
use std::io;
use std::mem::MaybeUninit;
use std::os::fd::{AsRawFd, RawFd};

use nix::errno::Errno;

use super::{fd, signals};

/// One step of fd set-up in the child, applied in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FdAction {
    /// `dup2(from, to)`; with `from == to` it makes `to` inheritable.
    Dup2 { from: RawFd, to: RawFd },
    /// `close(fd)`; closing an fd that is not open is not an error.
    Close(RawFd),
}

/// Which process group the child joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PgroupPolicy {
    /// Stay in the shell's group (no job control).
    Inherit,
    /// Start a new group led by the child: `setpgid(0, 0)`.
    Lead,
    /// Join the group `pgid` (a later stage of a pipeline).
    Join(i32),
}

/// Everything the child needs, decided before the fork.
#[derive(Debug)]
pub struct ChildPlan<'a> {
    /// The resolved path passed to `execve`.
    pub path: CString,
    /// `argv`, `argv[0]` included.
    pub argv: Vec<CString>,
    /// The environment as `NAME=value` strings.
    pub envp: &'a [CString],
    /// Redirections and pipe plumbing, applied in order.
    pub fd_actions: Vec<FdAction>,
    /// Process-group policy; `setpgid` runs in child (and parent on fork).
    pub pgroup: PgroupPolicy,
    /// With job control, the terminal fd: the child makes its own group the
    /// terminal's foreground group before exec.
    pub foreground_tty: Option<RawFd>,
}

/// Why a child could not be started. The terminal may already have been
/// given to the child's group; the caller's terminal guard takes it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpawnError {
    /// `fork`/`clone` failed (`EAGAIN` under a process limit, `ENOMEM`).
    Fork(Errno),
    /// `execve` (or a child set-up step) failed: `ENOENT`, `EACCES`, …
    Exec(Errno),
    /// `execve` said `ENOEXEC`: the caller runs the file as a shell script.
    NoExec,
}

/// Which side of [`fork_subshell`] we are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForkOutcome {
    Child,
    Parent(i32),
}

/// Starts `plan` and returns the child's pid once `execve` has succeeded.
pub fn spawn(plan: &ChildPlan) -> Result<i32, SpawnError> {
    let prepared = Prepared::new(plan);
    if use_posix_spawn(plan) {
        spawn_posix(plan, &prepared)
    } else {
        spawn_fork(plan, &prepared)
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn use_posix_spawn(_plan: &ChildPlan) -> bool {
    !fork_forced()
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn use_posix_spawn(plan: &ChildPlan) -> bool {
    plan.foreground_tty.is_none() && !fork_forced()
}

#[cfg(test)]
thread_local! {
    /// Tests set this to exercise the fork path on glibc too.
    static FORCE_FORK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn fork_forced() -> bool {
    FORCE_FORK.with(|f| f.get())
}

#[cfg(not(test))]
fn fork_forced() -> bool {
    false
}

/// The C views of a plan, built in the parent: null-terminated pointer
/// arrays and the list of signals to reset, so the child allocates nothing.
struct Prepared {
    argv: Vec<*const c_char>,
    envp: Vec<*const c_char>,
    reset_mask: u64,
    reset_signals: [i32; 64],
    reset_count: usize,
}

impl Prepared {
    fn new(plan: &ChildPlan) -> Prepared {
        let pointers = |strings: &[CString]| {
            let mut v: Vec<*const c_char> = strings.iter().map(|s| s.as_ptr()).collect();
            v.push(std::ptr::null());
            v
        };
        let reset_mask = signals::child_default_mask();
        let mut reset_signals = [0; 64];
        let mut reset_count = 0;
        for sig in 1..=signals::MAX_SIGNAL {
            if reset_mask & signals::signal_bit(sig) != 0 && reset_count < reset_signals.len() {
                reset_signals[reset_count] = sig;
                reset_count += 1;
            }
        }
        Prepared {
            argv: pointers(&plan.argv),
            envp: pointers(plan.envp),
            reset_mask,
            reset_signals,
            reset_count,
        }
    }
}

fn sigset_from_mask(mask: u64) -> libc::sigset_t {
    // SAFETY: sigemptyset initialises the set; sigaddset only writes into it.
    unsafe {
        let mut set = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(set.as_mut_ptr());
        let mut set = set.assume_init();
        for sig in 1..=signals::MAX_SIGNAL {
            if mask & signals::signal_bit(sig) != 0 {
                libc::sigaddset(&mut set, sig);
            }
        }
        set
    }
}

/// `posix_spawnattr_t` that is destroyed on drop.
struct SpawnAttr(libc::posix_spawnattr_t);

impl SpawnAttr {
    fn new() -> io::Result<SpawnAttr> {
        let mut attr = MaybeUninit::uninit();
        // SAFETY: init fills the uninitialised attr; checked before use.
        let rc = unsafe { libc::posix_spawnattr_init(attr.as_mut_ptr()) };
        check(rc)?;
        // SAFETY: init succeeded.
        Ok(SpawnAttr(unsafe { attr.assume_init() }))
    }
}

impl Drop for SpawnAttr {
    fn drop(&mut self) {
        // SAFETY: initialised in `new`, destroyed once.
        unsafe { libc::posix_spawnattr_destroy(&mut self.0) };
    }
}

/// `posix_spawn_file_actions_t` that is destroyed on drop.
struct FileActions(libc::posix_spawn_file_actions_t);

impl FileActions {
    fn new() -> io::Result<FileActions> {
        let mut actions = MaybeUninit::uninit();
        // SAFETY: init fills the uninitialised value; checked before use.
        let rc = unsafe { libc::posix_spawn_file_actions_init(actions.as_mut_ptr()) };
        check(rc)?;
        // SAFETY: init succeeded.
        Ok(FileActions(unsafe { actions.assume_init() }))
    }

    fn dup2(&mut self, from: RawFd, to: RawFd) -> io::Result<()> {
        // SAFETY: self.0 is initialised; the call copies the two ints.
        check(unsafe { libc::posix_spawn_file_actions_adddup2(&mut self.0, from, to) })
    }

    fn close(&mut self, fd: RawFd) -> io::Result<()> {
        // SAFETY: as above.
        check(unsafe { libc::posix_spawn_file_actions_addclose(&mut self.0, fd) })
    }
}

impl Drop for FileActions {
    fn drop(&mut self) {
        // SAFETY: initialised in `new`, destroyed once.
        unsafe { libc::posix_spawn_file_actions_destroy(&mut self.0) };
    }
}

/// posix_spawn* functions return the error number instead of setting errno.
fn check(rc: libc::c_int) -> io::Result<()> {
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(rc))
    }
}

fn errno_of(err: &io::Error) -> Errno {
    Errno::from_raw(err.raw_os_error().unwrap_or(libc::EINVAL))
}

/// The highest fd a plan mentions, so helper fds can be placed above it.
fn highest_fd(plan: &ChildPlan) -> RawFd {
    let mut high = plan.foreground_tty.unwrap_or(2).max(2);
    for action in &plan.fd_actions {
        high = match *action {
            FdAction::Dup2 { from, to } => high.max(from).max(to),
            FdAction::Close(fd) => high.max(fd),
        };
    }
    high
}

fn build_file_actions(plan: &ChildPlan, tty: Option<RawFd>) -> io::Result<FileActions> {
    let mut actions = FileActions::new()?;
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = tty;
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if let Some(tty) = tty {
        // First, before any dup2 can replace the tty fd.
        // SAFETY: actions.0 is initialised; the call records an int.
        check(unsafe { libc::posix_spawn_file_actions_addtcsetpgrp_np(&mut actions.0, tty) })?;
    }
    let mut created: Vec<RawFd> = Vec::new();
    let mut spare = highest_fd(plan);
    for action in &plan.fd_actions {
        match *action {
            FdAction::Dup2 { from, to } if from == to => {
                // dup2(fd, fd) keeps FD_CLOEXEC; go through a spare fd that is
                // free in the child (closed in the parent, above every fd the
                // plan touches) to get an inheritable copy.
                spare = next_free_fd(spare)?;
                actions.dup2(from, spare)?;
                actions.dup2(spare, to)?;
                actions.close(spare)?;
            }
            FdAction::Dup2 { from, to } => {
                actions.dup2(from, to)?;
                created.push(to);
            }
            FdAction::Close(fd) => {
                // Closing a never-opened fd fails in some libcs; skip it.
                if fd::is_valid_fd(fd) || created.contains(&fd) {
                    actions.close(fd)?;
                    created.retain(|&c| c != fd);
                }
            }
        }
    }
    Ok(actions)
}

fn next_free_fd(after: RawFd) -> io::Result<RawFd> {
    let mut fd = after.checked_add(1).ok_or(Errno::EMFILE)?;
    while fd::is_valid_fd(fd) {
        fd = fd.checked_add(1).ok_or(Errno::EMFILE)?;
    }
    Ok(fd)
}

fn build_attr(prepared: &Prepared, pgroup: PgroupPolicy) -> io::Result<SpawnAttr> {
    let mut attr = SpawnAttr::new()?;
    let mut flags = libc::POSIX_SPAWN_SETSIGMASK | libc::POSIX_SPAWN_SETSIGDEF;
    let pgid = match pgroup {
        PgroupPolicy::Inherit => None,
        PgroupPolicy::Lead => Some(0),
        PgroupPolicy::Join(pgid) => Some(pgid),
    };
    if pgid.is_some() {
        flags |= libc::POSIX_SPAWN_SETPGROUP;
    }
    let empty = sigset_from_mask(0);
    let defaults = sigset_from_mask(prepared.reset_mask);
    // SAFETY: attr.0 is initialised; the sets are valid and copied.
    unsafe {
        check(libc::posix_spawnattr_setflags(
            &mut attr.0,
            flags as libc::c_short,
        ))?;
        check(libc::posix_spawnattr_setpgroup(
            &mut attr.0,
            pgid.unwrap_or(0),
        ))?;
        check(libc::posix_spawnattr_setsigmask(&mut attr.0, &empty))?;
        check(libc::posix_spawnattr_setsigdefault(&mut attr.0, &defaults))?;
    }
    Ok(attr)
}

fn spawn_posix(plan: &ChildPlan, prepared: &Prepared) -> Result<i32, SpawnError> {
    let attempt = |pgroup, tty| {
        let actions = build_file_actions(plan, tty).map_err(|e| SpawnError::Exec(errno_of(&e)))?;
        posix_spawn_with(plan, prepared, &actions, pgroup)
    };
    let mut pgroup = plan.pgroup;
    let mut result = attempt(pgroup, plan.foreground_tty);
    if let (Err(SpawnError::Exec(Errno::EPERM)), PgroupPolicy::Join(_)) = (result, pgroup) {
        // The group to join is gone (its processes were reaped). Better a
        // job split over two groups than a failed command.
        pgroup = PgroupPolicy::Lead;
        result = attempt(pgroup, plan.foreground_tty);
    }
    if let Err(SpawnError::Exec(e)) = result {
        if plan.foreground_tty.is_some() && is_tty_errno(e) {
            // The terminal is gone or not ours (hang-up): run the command
            // anyway, as the fork path (which ignores tcsetpgrp errors) does.
            result = attempt(pgroup, None);
        }
    }
    result
}

/// Errors `tcsetpgrp` gives for a terminal that is gone or not ours.
fn is_tty_errno(e: Errno) -> bool {
    matches!(
        e,
        Errno::ENOTTY | Errno::EIO | Errno::ENXIO | Errno::EPERM | Errno::EINVAL | Errno::EBADF
    )
}

fn posix_spawn_with(
    plan: &ChildPlan,
    prepared: &Prepared,
    actions: &FileActions,
    pgroup: PgroupPolicy,
) -> Result<i32, SpawnError> {
    let attr = build_attr(prepared, pgroup).map_err(|e| SpawnError::Exec(errno_of(&e)))?;
    let mut pid: libc::pid_t = 0;
    // SAFETY: every pointer is valid for the call: the path and the
    // null-terminated argv/envp arrays borrow `plan`, which outlives it;
    // glibc reaps the child itself when it reports an exec error.
    let rc = unsafe {
        libc::posix_spawn(
            &mut pid,
            plan.path.as_ptr(),
            &actions.0,
            &attr.0,
            prepared.argv.as_ptr() as *const *mut c_char,
            prepared.envp.as_ptr() as *const *mut c_char,
        )
    };
    match rc {
        0 => Ok(pid),
        libc::ENOEXEC => Err(SpawnError::NoExec),
        // clone(2) failures; exec itself does not report these in practice.
        libc::EAGAIN | libc::ENOMEM => Err(SpawnError::Fork(Errno::from_raw(rc))),
        e => Err(SpawnError::Exec(Errno::from_raw(e))),
    }
}

/// Blocks every signal, returning the previous mask: no handler may run in
/// a child between fork and the reset of its dispositions.
fn block_all_signals() -> libc::sigset_t {
    // SAFETY: sigfillset initialises `all`; sigprocmask writes `old`.
    unsafe {
        let mut all = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigfillset(all.as_mut_ptr());
        let mut old = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(old.as_mut_ptr());
        libc::sigprocmask(libc::SIG_BLOCK, all.as_ptr(), old.as_mut_ptr());
        old.assume_init()
    }
}

fn restore_signal_mask(old: &libc::sigset_t) {
    // SAFETY: `old` is a valid set from block_all_signals.
    unsafe { libc::sigprocmask(libc::SIG_SETMASK, old, std::ptr::null_mut()) };
}

/// The parent's half of `setpgid`: whichever of parent and child runs first
/// creates the group, so a later stage can always join it (no race).
fn parent_setpgid(pid: i32, pgroup: PgroupPolicy) {
    let pgid = match pgroup {
        PgroupPolicy::Inherit => return,
        PgroupPolicy::Lead => pid,
        PgroupPolicy::Join(pgid) => pgid,
    };
    // SAFETY: setpgid touches no memory. EACCES (child already exec'd) and
    // ESRCH are expected and harmless.
    unsafe { libc::setpgid(pid, pgid) };
}

fn spawn_fork(plan: &ChildPlan, prepared: &Prepared) -> Result<i32, SpawnError> {
    let fork_err = |e: io::Error| SpawnError::Fork(errno_of(&e));
    let (err_read, low_write) = fd::pipe_cloexec().map_err(fork_err)?;
    // Above every fd the plan touches, so no dup2 in the child replaces it.
    // The low copy must be closed, or the parent's read never sees EOF.
    let err_write =
        fd::dup_high_cloexec(low_write.as_raw_fd(), highest_fd(plan) + 1).map_err(fork_err)?;
    drop(low_write);
    let old_mask = block_all_signals();
    // SAFETY: the shell has no threads; the child runs only
    // signal_safe_exec_child, which calls async-signal-safe functions.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        signal_safe_exec_child(plan, prepared, err_write.as_raw_fd());
    }
    let fork_errno = Errno::last();
    restore_signal_mask(&old_mask);
    if pid < 0 {
        return Err(SpawnError::Fork(fork_errno));
    }
    parent_setpgid(pid, plan.pgroup);
    drop(err_write);
    match read_child_errno(err_read.as_raw_fd()) {
        None => Ok(pid),
        Some(errno) => {
            reap_failed_child(pid);
            Err(match errno {
                libc::ENOEXEC => SpawnError::NoExec,
                e => SpawnError::Exec(Errno::from_raw(e)),
            })
        }
    }
}

/// Reads the child's errno from the close-on-exec pipe: end of file means
/// `execve` succeeded.
fn read_child_errno(fd: RawFd) -> Option<i32> {
    let mut buf = [0u8; 4];
    let mut got = 0;
    while got < buf.len() {
        match fd::read_fd(fd, &mut buf[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    (got == buf.len()).then(|| i32::from_ne_bytes(buf))
}

/// The child of a failed exec is ours alone (not in any job yet): wait for
/// it here so it does not linger as a zombie.
fn reap_failed_child(pid: i32) {
    let mut status = 0;
    // SAFETY: waitpid writes only `status`.
    while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 && Errno::last() == Errno::EINTR {}
}

/// The child of [`spawn_fork`]: process group, terminal, signals, fds, exec.
/// Async-signal-safe: libc calls on data prepared before the fork only.
fn signal_safe_exec_child(plan: &ChildPlan, prepared: &Prepared, err_fd: RawFd) -> ! {
    signal_safe_join_group(plan.pgroup, plan.foreground_tty);
    // SAFETY (whole block): plain system calls on prepared data; every
    // pointer refers to memory the parent built before fork.
    unsafe {
        let mut dfl: libc::sigaction = std::mem::zeroed();
        dfl.sa_sigaction = libc::SIG_DFL;
        for &sig in prepared.reset_signals.iter().take(prepared.reset_count) {
            libc::sigaction(sig, &dfl, std::ptr::null_mut());
        }
        for action in &plan.fd_actions {
            let failed = match *action {
                FdAction::Dup2 { from, to } if from == to => {
                    let flags = libc::fcntl(from, libc::F_GETFD);
                    flags == -1 || libc::fcntl(from, libc::F_SETFD, flags & !libc::FD_CLOEXEC) == -1
                }
                FdAction::Dup2 { from, to } => libc::dup2(from, to) == -1,
                FdAction::Close(fd) => {
                    libc::close(fd);
                    false
                }
            };
            if failed {
                signal_safe_fail(err_fd);
            }
        }
        let mut empty = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(empty.as_mut_ptr());
        libc::sigprocmask(libc::SIG_SETMASK, empty.as_ptr(), std::ptr::null_mut());
        libc::execve(
            plan.path.as_ptr(),
            prepared.argv.as_ptr(),
            prepared.envp.as_ptr(),
        );
    }
    signal_safe_fail(err_fd)
}

/// Sends errno to the parent and exits 127 without running any Rust or C
/// exit handlers.
fn signal_safe_fail(err_fd: RawFd) -> ! {
    let bytes = Errno::last_raw().to_ne_bytes();
    // SAFETY: write and _exit are async-signal-safe; `bytes` is local.
    unsafe {
        libc::write(err_fd, bytes.as_ptr().cast(), bytes.len());
        libc::_exit(127)
    }
}

/// Child side of process-group set-up (after fork, all signals blocked, so
/// `tcsetpgrp` from a background group raises no `SIGTTOU`).
fn signal_safe_join_group(pgroup: PgroupPolicy, tty: Option<RawFd>) {
    // SAFETY: setpgid/tcsetpgrp/getpgrp are async-signal-safe system calls.
    unsafe {
        match pgroup {
            PgroupPolicy::Inherit => {}
            PgroupPolicy::Lead => {
                libc::setpgid(0, 0);
            }
            PgroupPolicy::Join(pgid) => {
                if libc::setpgid(0, pgid) == -1 {
                    // The group is gone; lead a new one rather than run in
                    // the shell's group and steal its signals.
                    libc::setpgid(0, 0);
                }
            }
        }
        if let Some(tty) = tty {
            libc::tcsetpgrp(tty, libc::getpgrp());
        }
    }
}

/// Forks a copy of the shell for a subshell or a pipeline stage that runs
/// shell code. In the child: process group and terminal as asked, then
/// [`signals::reset_for_subshell`]; the caller does the rest (job table,
/// options). The caller guarantees no Rust-buffered output is pending.
pub fn fork_subshell(
    pgroup: PgroupPolicy,
    foreground_tty: Option<RawFd>,
) -> Result<ForkOutcome, SpawnError> {
    let old_mask = block_all_signals();
    // SAFETY: the shell has no threads, so the child's copy of the heap and
    // of every lock is consistent and it may run ordinary Rust code.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        let errno = Errno::last();
        restore_signal_mask(&old_mask);
        return Err(SpawnError::Fork(errno));
    }
    if pid == 0 {
        signal_safe_join_group(pgroup, foreground_tty);
        // Failure here leaves the parent's dispositions; nothing better to do.
        let _ = signals::reset_for_subshell();
        restore_signal_mask(&old_mask);
        return Ok(ForkOutcome::Child);
    }
    restore_signal_mask(&old_mask);
    parent_setpgid(pid, pgroup);
    Ok(ForkOutcome::Parent(pid))
}

/// Replaces the current process with the program (a forked child's last
/// command, or the `exec` builtin): signals the shell caught or ignored
/// for itself return to their defaults first (user `trap ''` ignores stay),
/// the signal mask is cleared. Returns the errno only if `execve` failed.
pub fn exec_in_place(path: &CString, argv: &[CString], envp: &[CString]) -> Errno {
    let plan = ChildPlan {
        path: path.clone(),
        argv: argv.to_vec(),
        envp,
        fd_actions: Vec::new(),
        pgroup: PgroupPolicy::Inherit,
        foreground_tty: None,
    };
    let prepared = Prepared::new(&plan);
    let resets = prepared.reset_signals.iter().take(prepared.reset_count);
    // SAFETY: resetting dispositions and the mask touches only local data;
    // path, argv and envp are NUL-terminated arrays of valid C strings that
    // live until execve returns (it only returns on error).
    unsafe {
        let mut dfl: libc::sigaction = std::mem::zeroed();
        dfl.sa_sigaction = libc::SIG_DFL;
        // Only what was really saved is restored after a failed exec.
        let mut saved: [Option<libc::sigaction>; 64] = [None; 64];
        for (slot, &sig) in saved.iter_mut().zip(resets) {
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(sig, &dfl, &mut old) == 0 {
                *slot = Some(old);
            }
        }
        let mut empty = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(empty.as_mut_ptr());
        let mut old_mask = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(old_mask.as_mut_ptr());
        libc::sigprocmask(libc::SIG_SETMASK, empty.as_ptr(), old_mask.as_mut_ptr());
        libc::execve(
            path.as_ptr(),
            prepared.argv.as_ptr(),
            prepared.envp.as_ptr(),
        );
        let errno = Errno::last();
        // `exec` failed and the shell goes on (`exec` in an interactive
        // shell, or execfail): give it its own dispositions back.
        libc::sigprocmask(libc::SIG_SETMASK, old_mask.as_ptr(), std::ptr::null_mut());
        let resets = prepared.reset_signals.iter().take(prepared.reset_count);
        for (slot, &sig) in saved.iter().zip(resets) {
            if let Some(old) = slot {
                libc::sigaction(sig, old, std::ptr::null_mut());
            }
        }
        errno
    }
}

/// Serialises tests that fork or touch signal dispositions: cargo runs tests
/// on threads of one process, and `waitpid(-1)` in one would steal another's
/// children.
#[cfg(test)]
pub(crate) fn test_serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
pub(crate) fn with_fork_path<T>(f: impl FnOnce() -> T) -> T {
    FORCE_FORK.with(|c| c.set(true));
    let result = f();
    FORCE_FORK.with(|c| c.set(false));
    result
}

#[cfg(test)]
#[path = "spawn_tests.rs"]
mod tests;
