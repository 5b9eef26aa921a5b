//! Fresh processes measured by the kernel's accounting: one run, and
//! several kinds of run interleaved round by round.

/// Makes the command for one end-to-end build.
pub type CommandMaker<'a> = Box<dyn Fn() -> std::process::Command + 'a>;

/// Runs `cmd` as a fresh process and waits for it; its CPU time (user +
/// system, seconds) and peak RSS (MiB), from that child's own accounting;
/// None when it fails.
///
/// `wait4` rather than `getrusage(RUSAGE_CHILDREN)`: `cargo run` execs the
/// bench in cargo's place, so the children's high-water mark would start
/// at the compiler's (hundreds of MiB after a fresh compile).
// The child is reaped by `wait4` below, which clippy cannot see.
#[allow(clippy::zombie_processes)]
pub fn try_measured(mut cmd: std::process::Command) -> Option<(f64, f64)> {
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let mut status = 0;
    // SAFETY: rusage is plain integers, for which all zeros is valid.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // A signal may interrupt the wait before the child ends: wait again.
    // SAFETY: wait4 only writes the status and the struct it is given; the
    // pid is our own unwaited child.
    while unsafe { libc::wait4(pid, &mut status, 0, &mut ru) } != pid {
        let error = std::io::Error::last_os_error();
        assert_eq!(
            error.kind(),
            std::io::ErrorKind::Interrupted,
            "waiting for a measured process: {error}"
        );
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return None;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Some((
        secs(ru.ru_utime) + secs(ru.ru_stime),
        ru.ru_maxrss as f64 / 1024.0,
    ))
}

/// [`try_measured`] for a build, which must succeed.
pub fn run_measured(cmd: std::process::Command) -> (f64, f64) {
    try_measured(cmd).expect("the build failed (run it by hand to see why)")
}

/// One kind of run's measurements over the rounds: CPU seconds per round
/// and the peak RSS over all of them.
#[derive(Default)]
pub struct Series {
    pub times: Vec<f64>,
    pub peak: f64,
}

impl Series {
    pub fn push(&mut self, (cpu, rss): (f64, f64)) {
        self.times.push(cpu);
        self.peak = self.peak.max(rss);
    }

    /// The median CPU seconds.
    pub fn median(&self) -> f64 {
        let mut t = self.times.clone();
        t.sort_by(f64::total_cmp);
        t.get(t.len() / 2).copied().unwrap_or(f64::NAN)
    }
}

/// Runs each of `makers` once per round, round after round (A B C, A B C
/// …), each a fresh process, so that every kind of run meets the same
/// load on the machine: ratios between them are then fair even when the
/// machine's speed drifts during the run. None when a run failed (which
/// one, by index).
pub fn interleaved(rounds: usize, makers: &[CommandMaker]) -> Result<Vec<Series>, usize> {
    let mut series: Vec<Series> = makers.iter().map(|_| Series::default()).collect();
    for _ in 0..rounds {
        for (i, (make, s)) in makers.iter().zip(&mut series).enumerate() {
            s.push(try_measured(make()).ok_or(i)?);
        }
    }
    Ok(series)
}
