//! What each stage of a run took: wall time, the process's CPU time and its
//! peak memory (`onramp build -v` prints them). Linux tells CPU time and
//! memory through `/proc/self`; elsewhere only wall time is known.

use std::time::{Duration, Instant};

/// What one stage of a build took (`onramp build -v` prints these).
#[derive(Debug, Clone)]
pub struct Stage {
    /// Stage name.
    pub name: &'static str,
    /// Wall-clock time.
    pub wall: Duration,
    /// CPU time of the whole process (all threads, user + system) during
    /// the stage, where the system tells it (Linux).
    pub cpu: Option<Duration>,
    /// Peak resident memory of the process so far, in MiB (Linux).
    pub peak_mib: Option<u64>,
}

/// Times the stages of one run.
pub struct Timer {
    /// Stages timed so far.
    pub stages: Vec<Stage>,
    /// When the last stage ended.
    pub last: Instant,
    last_cpu: Option<Duration>,
}

impl Timer {
    /// A timer whose first stage starts at `started`.
    pub fn new(started: Instant) -> Timer {
        Timer { stages: Vec::new(), last: started, last_cpu: process_cpu() }
    }

    /// Ends the stage `name`.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let cpu = process_cpu();
        let spent = cpu.zip(self.last_cpu).map(|(now, before)| now.saturating_sub(before));
        self.stages.push(Stage { name, wall: now - self.last, cpu: spent, peak_mib: peak_memory_mib() });
        self.last = now;
        self.last_cpu = cpu;
    }
}

/// User + system CPU time of this process, from `/proc/self/stat` (fields
/// 14 and 15, in the kernel's fixed 100 Hz clock ticks).
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// Peak resident memory (`VmHWM` of `/proc/self/status`), in MiB.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
