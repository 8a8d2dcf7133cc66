//! Throughput of batch scoring and survey aggregation, on data generated
//! here (deterministically). Run with:
//!
//!     cargo bench --bench throughput
//!
//! It measures the real binary, and prints each figure next to its target:
//! - 10,000 answers files scored (`score DIR`) at least as fast as a
//!   single-threaded loop that only reads and parses them with the toml crate;
//! - a 100,000-row survey export aggregated with the per-role breakdown
//!   (`report FILE.csv`) in under 1 second and under 64 MB of peak memory,
//!   not growing with the number of rows (compared with 10,000 rows).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use itsm_assess::builtin::BuiltIn;

const BIN: &str = env!("CARGO_BIN_EXE_itsm-assess");

/// A small deterministic generator (xorshift), so every run sees the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ROLES: [&str; 3] = ["Manager", "Service desk agent", "Engineer"];

fn question_ids() -> Vec<(String, String)> {
    let instrument = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
    instrument
        .questionnaire
        .questions()
        .map(|(a, q)| (a.id.clone(), q.id.clone()))
        .collect()
}

fn level(rng: &mut Rng, role: usize, area: &str) -> u64 {
    let base = if role == 0 && area == "management" {
        3
    } else {
        1
    };
    (base + rng.below(3)).min(5)
}

fn write_answers_files(dir: &Path, count: usize) {
    let ids = question_ids();
    let mut rng = Rng(0x5eed);
    for i in 0..count {
        let role = i % 3;
        let mut text = format!(
            "[assessment]\nquestionnaire = \"itsm-core\"\norganization = \"Acme Corp\"\nrespondent = \"Respondent {i}\"\nrole = \"{}\"\ndate = 2026-11-20\n\n[answers]\n",
            ROLES[role]
        );
        for (area, id) in &ids {
            match rng.below(20) {
                0 => writeln!(text, "\"{id}\" = \"n/a\"").unwrap(),
                1 => {}
                2 => writeln!(
                    text,
                    "\"{id}\" = {{ current = {}, note = \"seen in interview {i}\" }}",
                    level(&mut rng, role, area)
                )
                .unwrap(),
                _ => writeln!(text, "\"{id}\" = {}", level(&mut rng, role, area)).unwrap(),
            }
        }
        std::fs::write(dir.join(format!("answers-{i:05}.toml")), text).unwrap();
    }
}

fn write_survey(path: &Path, rows: usize) {
    let ids = question_ids();
    let mut rng = Rng(0xc5f);
    let mut out = String::with_capacity(rows * 110);
    out.push_str("respondent,role,organization,date");
    for (_, id) in &ids {
        out.push(',');
        out.push_str(id);
    }
    out.push('\n');
    for i in 0..rows {
        let role = i % 3;
        write!(out, "R{i},{},Acme Corp,2026-11-20", ROLES[role]).unwrap();
        for (area, _) in &ids {
            out.push(',');
            match rng.below(25) {
                0 => out.push_str("n/a"),
                1 => {}
                _ => write!(out, "{}", level(&mut rng, role, area)).unwrap(),
            }
        }
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

/// Runs the binary, its output thrown away; wall time and peak resident memory.
// wait4 below reaps the child, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run(args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, with valid pointers to locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    // ru_maxrss is in kilobytes on Linux.
    (elapsed, usage.ru_maxrss as u64 * 1024)
}

/// The best of `n` runs, to see past a busy moment on the machine.
fn best(n: usize, f: impl Fn() -> (Duration, u64)) -> (Duration, u64) {
    (0..n).map(|_| f()).min_by_key(|(d, _)| *d).unwrap()
}

fn baseline_parse(files: &[PathBuf]) -> Duration {
    let start = Instant::now();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        std::hint::black_box(table);
    }
    start.elapsed()
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing and
    // should not spend a minute here.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files_dir = dir.path().join("answers");
    std::fs::create_dir(&files_dir).unwrap();
    let count = 10_000;
    write_answers_files(&files_dir, count);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&files_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let folder = files_dir.to_str().unwrap();

    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Warm the page cache, then take the best of three of each.
    baseline_parse(&files);
    let base = (0..3).map(|_| baseline_parse(&files)).min().unwrap();
    let (score, score_mem) = best(3, || run(&["score", folder, "--format", "json"]));
    let (team, team_mem) = best(3, || run(&["report", folder, "--format", "json"]));
    let rate = |d: Duration| count as f64 / d.as_secs_f64();
    println!("{count} answers files:");
    println!(
        "  baseline, read + toml parse, 1 thread: {:>7.0} ms ({:>6.0} files/s)",
        base.as_secs_f64() * 1e3,
        rate(base)
    );
    println!(
        "  itsm-assess score DIR --format json:   {:>7.0} ms ({:>6.0} files/s), peak {:.1} MB  [target: <= baseline: {}]",
        score.as_secs_f64() * 1e3,
        rate(score),
        mb(score_mem),
        verdict(score <= base)
    );
    println!(
        "  itsm-assess report DIR --format json:  {:>7.0} ms ({:>6.0} files/s), peak {:.1} MB  [target: <= baseline: {}]",
        team.as_secs_f64() * 1e3,
        rate(team),
        mb(team_mem),
        verdict(team <= base)
    );

    let small = dir.path().join("survey-10k.csv");
    let large = dir.path().join("survey-100k.csv");
    write_survey(&small, 10_000);
    write_survey(&large, 100_000);
    let size = std::fs::metadata(&large).unwrap().len();
    let (t_small, m_small) = best(3, || {
        run(&["report", small.to_str().unwrap(), "--format", "json"])
    });
    let (t_large, m_large) = best(3, || {
        run(&["report", large.to_str().unwrap(), "--format", "json"])
    });
    println!("survey export aggregated with per-role breakdown (report FILE.csv --format json):");
    println!(
        "   10,000 rows: {:>5.0} ms, peak {:.1} MB",
        t_small.as_secs_f64() * 1e3,
        mb(m_small)
    );
    println!(
        "  100,000 rows: {:>5.0} ms, peak {:.1} MB, {:.1} MB of CSV, {:.0} rows/s  [target: < 1 s: {}; < 64 MB: {}; memory not growing with rows: {}]",
        t_large.as_secs_f64() * 1e3,
        mb(m_large),
        mb(size),
        100_000.0 / t_large.as_secs_f64(),
        verdict(t_large < Duration::from_secs(1)),
        verdict(m_large < 64 * 1024 * 1024),
        verdict(m_large < m_small + 4 * 1024 * 1024)
    );
}
