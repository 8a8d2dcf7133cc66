//! Throughput of batch scoring and survey aggregation, on data generated
//! here (deterministically). Run with:
//!
//!     cargo bench --bench throughput
//!
//! It measures the real binary against floors it builds itself in the same
//! run, and prints each figure as a ratio to its floor, next to its target:
//! - a survey export of 100,000 and 1,000,000 rows aggregated with the
//!   per-role breakdown (`report FILE.csv`): at most 1.3 times a
//!   single-threaded loop that only reads the export with the csv crate's
//!   `ByteRecord` and sums small integers per role and column; peak memory
//!   flat in the number of rows;
//! - `score FILE.csv` of the same: within 1.5 times `report`'s time, peak
//!   memory flat (under 32 MB at 1,000,000 rows);
//! - 10,000 answers files (`score DIR`, `report DIR`): at least 1.8 times
//!   the throughput of a single-threaded loop that only reads and parses
//!   them with the toml crate;
//! - `report` of one answers file: under 10 ms;
//! - where Python with polars is installed, the same aggregation in polars
//!   (`read_csv`, per-column mean, std, min, max, count, and a group-by
//!   role), as a peer; skipped with a note otherwise.

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

/// Written as it is made: this process stays small, so the memory its
/// children are measured with is theirs (a child's peak counts what it
/// inherited when it was forked).
fn write_survey(path: &Path, rows: usize) {
    use std::io::Write as _;
    let ids = question_ids();
    let mut rng = Rng(0xc5f);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut line = String::from("respondent,role,organization,date");
    for (_, id) in &ids {
        line.push(',');
        line.push_str(id);
    }
    line.push('\n');
    out.write_all(line.as_bytes()).unwrap();
    for i in 0..rows {
        line.clear();
        let role = i % 3;
        write!(line, "R{i},{},Acme Corp,2026-11-20", ROLES[role]).unwrap();
        for (area, _) in &ids {
            line.push(',');
            match rng.below(25) {
                0 => line.push_str("n/a"),
                1 => {}
                _ => write!(line, "{}", level(&mut rng, role, area)).unwrap(),
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes()).unwrap();
    }
    out.flush().unwrap();
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The CSV floor: one thread reads the export with the csv crate's
/// `ByteRecord` (one record reused) and sums the small integers of every
/// question column per role; nothing else.
fn csv_floor(path: &Path) -> Duration {
    let start = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .unwrap();
    let width = reader.byte_headers().unwrap().len();
    let mut roles: Vec<Vec<u8>> = Vec::new();
    let mut sums: Vec<Vec<(u64, u64)>> = Vec::new();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).unwrap() {
        let role = &record[1];
        let r = match roles.iter().position(|x| x == role) {
            Some(r) => r,
            None => {
                roles.push(role.to_vec());
                sums.push(vec![(0, 0); width]);
                roles.len() - 1
            }
        };
        for (c, cell) in record.iter().enumerate().skip(4) {
            if let [d @ b'0'..=b'9'] = cell {
                let s = &mut sums[r][c];
                s.0 += u64::from(d - b'0');
                s.1 += 1;
            }
        }
    }
    std::hint::black_box(sums);
    start.elapsed()
}

/// The polars peer, when Python has polars: the export read, then per
/// question column mean, std, min, max and count, overall and per role.
const POLARS: &str = r#"
import sys, polars as pl
df = pl.read_csv(sys.argv[1], null_values=["", "n/a"], infer_schema_length=10000)
qs = [c for c in df.columns if "." in c]
df.select([pl.col(q).mean().alias(q + "_mean") for q in qs] + [pl.col(q).std().alias(q + "_std") for q in qs] + [pl.col(q).min().alias(q + "_min") for q in qs] + [pl.col(q).max().alias(q + "_max") for q in qs] + [pl.col(q).count().alias(q + "_n") for q in qs])
df.group_by("role").agg([pl.col(q).mean() for q in qs] + [pl.col(q).std().alias(q + "_std") for q in qs] + [pl.col(q).count().alias(q + "_n") for q in qs])
"#;

fn has_polars() -> bool {
    Command::new("python3")
        .args(["-c", "import polars"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs a program, its output thrown away; wall time and peak memory.
#[allow(clippy::zombie_processes)]
fn run_program(program: &str, args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the program runs");
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, with valid pointers to locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    assert_eq!(status, 0, "{program} {args:?} failed");
    (elapsed, usage.ru_maxrss as u64 * 1024)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing and
    // should not spend minutes here.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs = 3;
    let dir = tempfile::tempdir().unwrap();
    println!(
        "machine: {} cores; each figure the best of {runs} runs",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let polars = has_polars();

    // Survey exports.
    let mut memory = Vec::new();
    for rows in [100_000usize, 1_000_000] {
        let path = dir.path().join(format!("survey-{rows}.csv"));
        write_survey(&path, rows);
        let p = path.to_str().unwrap();
        let size = std::fs::metadata(&path).unwrap().len();
        csv_floor(&path); // warm the page cache
        let floor = (0..runs).map(|_| csv_floor(&path)).min().unwrap();
        let (report, report_mem) = best(runs, || run(&["report", p, "--format", "json"]));
        let (score, score_mem) = best(runs, || run(&["score", p, "--format", "json"]));
        memory.push((report_mem, score_mem));
        let ratio = report.as_secs_f64() / floor.as_secs_f64();
        println!(
            "survey export, {rows} rows ({:.0} MB), aggregated with per-role breakdown:",
            mb(size)
        );
        println!(
            "  floor, csv ByteRecord + sums per role, 1 thread: {:>7.0} ms",
            ms(floor)
        );
        println!(
            "  report FILE.csv --format json:                   {:>7.0} ms = {ratio:.2} x floor, peak {:.1} MB  [target: <= 1.3 x: {}]",
            ms(report),
            mb(report_mem),
            verdict(ratio <= 1.3)
        );
        let score_ratio = score.as_secs_f64() / report.as_secs_f64();
        println!(
            "  score FILE.csv --format json:                    {:>7.0} ms = {score_ratio:.2} x report, peak {:.1} MB  [target: <= 1.5 x report: {}{}]",
            ms(score),
            mb(score_mem),
            verdict(score_ratio <= 1.5),
            if rows == 1_000_000 {
                format!("; < 32 MB: {}", verdict(score_mem < 32 * 1024 * 1024))
            } else {
                String::new()
            }
        );
        if polars {
            let (peer, peer_mem) = best(runs, || run_program("python3", &["-c", POLARS, p]));
            println!(
                "  polars peer (read_csv, stats, group-by role):    {:>7.0} ms = {:.2} x floor, peak {:.1} MB; report is {:.2} x polars  [target: < 1: {}]",
                ms(peer),
                peer.as_secs_f64() / floor.as_secs_f64(),
                mb(peer_mem),
                report.as_secs_f64() / peer.as_secs_f64(),
                verdict(report < peer)
            );
        }
        std::fs::remove_file(&path).unwrap();
    }
    if !polars {
        println!(
            "  polars peer skipped: python3 with polars is not installed (pip install polars)"
        );
    }
    let ((r1, s1), (r2, s2)) = (memory[0], memory[1]);
    let grows = |a: u64, b: u64| b > a + 4 * 1024 * 1024;
    println!(
        "  peak memory 100,000 -> 1,000,000 rows: report {:.1} -> {:.1} MB, score {:.1} -> {:.1} MB  [target: flat: {}]",
        mb(r1),
        mb(r2),
        mb(s1),
        mb(s2),
        verdict(!grows(r1, r2) && !grows(s1, s2))
    );

    // Answers files.
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
    baseline_parse(&files);
    let base = (0..runs).map(|_| baseline_parse(&files)).min().unwrap();
    let (score, score_mem) = best(runs, || run(&["score", folder, "--format", "json"]));
    let (team, team_mem) = best(runs, || run(&["report", folder, "--format", "json"]));
    let speedup = |d: Duration| base.as_secs_f64() / d.as_secs_f64();
    println!("{count} answers files:");
    println!("  floor, read + toml parse, 1 thread: {:>7.0} ms", ms(base));
    println!(
        "  score DIR --format json:            {:>7.0} ms = {:.2} x the floor's throughput, peak {:.1} MB  [target: >= 1.8 x: {}]",
        ms(score),
        speedup(score),
        mb(score_mem),
        verdict(speedup(score) >= 1.8)
    );
    println!(
        "  report DIR --format json:           {:>7.0} ms = {:.2} x the floor's throughput, peak {:.1} MB  [target: >= 1.8 x: {}]",
        ms(team),
        speedup(team),
        mb(team_mem),
        verdict(speedup(team) >= 1.8)
    );
    let one = files[0].to_str().unwrap();
    let (single, _) = best(10, || run(&["report", one]));
    println!(
        "one answers file, report FILE: {:.1} ms  [target: < 10 ms: {}]",
        ms(single),
        verdict(single < Duration::from_millis(10))
    );
}
