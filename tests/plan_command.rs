//! `itsm-assess plan`: the phased improvement plan, run as a user would.

use std::collections::HashMap;
use std::path::Path;

use assert_cmd::Command;
use chrono::{Days, NaiveDate};
use predicates::prelude::*;
use serde_json::Value;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("itsm-assess").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap()
}

/// The scale values of the effective instrument, ascending.
fn scale(extra: &[&str]) -> Vec<f64> {
    let q = json(
        bin()
            .args(["questionnaire", "show", "--format", "json"])
            .args(extra),
    );
    q["rubric"]["level"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["value"].as_f64().unwrap())
        .collect()
}

/// Checks every plan rule on a JSON plan against the report of the same
/// answers: one level per step, later phases for later steps, quick wins in
/// phase 1 (unless a prerequisite holds them), room per phase in points of
/// effort and in steps, prerequisites in earlier phases, due dates.
fn check_rules(
    plan: &Value,
    report: &Value,
    scale: &[f64],
    days: &[u64],
    steps_room: Option<usize>,
) {
    assert_eq!(plan["schema_version"], 1);
    let start = date(&plan["start"]);
    let room = plan["effort_per_phase"].as_u64().unwrap();
    let phases = plan["phases"].as_array().unwrap();
    // The rubric's phases, and more when steps had no room in them: every
    // step is dated, there is no backlog.
    assert!(phases.len() >= days.len());
    assert!(plan.get("backlog").is_none());
    let quick_wins: Vec<&str> = report["quick_wins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut due = start;
    // The phase of each question's latest step so far, and its level.
    let mut last: HashMap<&str, (u64, f64)> = HashMap::new();
    // The phase of every step, by id.
    let phase_of: HashMap<&str, u64> = phases
        .iter()
        .flat_map(|p| {
            p["steps"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |s| (s["id"].as_str().unwrap(), p["number"].as_u64().unwrap()))
        })
        .collect();
    for (k, phase) in phases.iter().enumerate() {
        assert_eq!(phase["number"], k + 1);
        // Added phases take the last phase's length.
        let length = days[k.min(days.len() - 1)];
        assert_eq!(phase["days"], length);
        due = due.checked_add_days(Days::new(length)).unwrap();
        assert_eq!(date(&phase["due"]), due, "phase {}", k + 1);
        let steps = phase["steps"].as_array().unwrap();
        let points = |quick: bool| -> u64 {
            steps
                .iter()
                .filter(|s| !quick || s["quick_win"] == true)
                .map(|s| s["points"].as_u64().unwrap())
                .sum()
        };
        assert_eq!(phase["effort"], points(false));
        let quick = steps.iter().filter(|s| s["quick_win"] == true).count();
        // Quick wins may fill phase 1 beyond its room; the rest may not, and
        // a step larger than a phase is alone in one.
        let (most_points, most_steps) = if k == 0 {
            (room.max(points(true)), steps_room.map(|m| m.max(quick)))
        } else {
            (room, steps_room)
        };
        assert!(
            points(false) <= most_points || steps.len() == 1,
            "phase {} holds {} points",
            k + 1,
            points(false)
        );
        if let Some(m) = most_steps {
            assert!(
                steps.len() <= m,
                "phase {} has {} steps",
                k + 1,
                steps.len()
            );
        }
        for s in steps {
            assert_eq!(date(&s["due"]), due);
            let (from, to) = (s["from"].as_f64().unwrap(), s["to"].as_f64().unwrap());
            let i = scale.iter().position(|v| *v == from).unwrap();
            assert_eq!(scale[i + 1], to, "one level per step: {s}");
            let id = s["question"].as_str().unwrap();
            if let Some((p, level)) = last.get(id) {
                assert!(*p < k as u64 + 1, "{id} twice in phase {}", k + 1);
                assert_eq!(*level, from, "{id} continues where it left off");
            }
            last.insert(id, (k as u64 + 1, to));
            // Prerequisites come first.
            for r in s["requires"].as_array().unwrap() {
                if let Some(need) = r["step"].as_str() {
                    assert!(phase_of[need] < k as u64 + 1, "{} before {need}", s["id"]);
                    assert_eq!(r["phase"], phase_of[need]);
                } else {
                    assert_eq!(r["met"], true, "{s}");
                }
            }
            assert!(s["owner"].is_string() || s["owner"].is_null());
            assert!(!s["relevant"].as_str().unwrap().is_empty());
        }
    }
    // Every quick win starts in phase 1, unless it waits for a prerequisite.
    for id in &quick_wins {
        let all: Vec<&Value> = phases
            .iter()
            .flat_map(|p| p["steps"].as_array().unwrap())
            .filter(|s| s["question"] == *id)
            .collect();
        let waits = all[0]["requires"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["step"].is_string());
        let first = phases[0]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["question"] == *id);
        assert!(first || waits, "quick win {id} is not in phase 1");
    }
    // Every question that falls short is planned up to its target.
    for id in report["priorities"].as_array().unwrap() {
        let id = id.as_str().unwrap();
        let q = report["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap();
        let steps: Vec<&Value> = phases
            .iter()
            .flat_map(|p| p["steps"].as_array().unwrap())
            .filter(|s| s["question"] == id)
            .collect();
        let target = q["target"].as_f64().unwrap();
        let top = steps
            .iter()
            .map(|s| s["to"].as_f64().unwrap())
            .fold(f64::MIN, f64::max);
        assert!(top >= target, "{id} planned to {top}, target {target}");
        assert!(steps[0]["from"].as_f64().unwrap() <= q["current"].as_f64().unwrap());
    }
}

#[test]
fn the_example_plan_follows_every_rule() {
    let args = ["examples/answers.toml", "--vision", "examples/vision.toml"];
    let plan = json(bin().arg("plan").args(args).args(["--format", "json"]));
    let report = json(bin().arg("report").args(args).args(["--format", "json"]));
    // The built-in rubric: 4 phases of 90 days, 16 points of effort each.
    assert_eq!(plan["effort_per_phase"], 16);
    check_rules(&plan, &report, &scale(&[]), &[90, 90, 90, 90], None);
    assert_eq!(plan["start"], "2026-11-20", "the assessment date");
    // More steps than 4 phases hold: phases are added for them.
    assert!(plan["phases"].as_array().unwrap().len() > 4);
}

#[test]
fn the_rubric_sets_phases_their_days_and_room() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/itsm-core-rubric.toml"),
    )
    .unwrap();
    let cut = builtin.find("[plan]").unwrap();
    let rubric = dir.path().join("rubric.toml");
    std::fs::write(
        &rubric,
        format!(
            "{}[plan]\nphases = 3\nphase_days = [30, 60]\nmax_steps_per_phase = 3\n",
            &builtin[..cut]
        ),
    )
    .unwrap();
    let rubric = rubric.display().to_string();
    let extra = ["--rubric", rubric.as_str()];
    let plan = json(
        bin()
            .args([
                "plan",
                "examples/answers.toml",
                "--start",
                "2027-01-04",
                "--format",
                "json",
            ])
            .args(extra),
    );
    let report = json(
        bin()
            .args(["report", "examples/answers.toml", "--format", "json"])
            .args(extra),
    );
    check_rules(&plan, &report, &scale(&extra), &[30, 60, 60], Some(3));
    assert_eq!(plan["start"], "2027-01-04");
    // The quick wins in the example overfill phase 1's room of three, and
    // fill it alone: all but those that wait for a prerequisite.
    let waiting: Vec<&Value> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .filter(|s| {
            s["quick_win"] == true
                && s["requires"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["step"].is_string())
        })
        .collect();
    let quick = report["quick_wins"].as_array().unwrap().len();
    assert!(quick - waiting.len() > 3);
    let first = plan["phases"][0]["steps"].as_array().unwrap();
    assert_eq!(first.len(), quick - waiting.len());
    assert!(first.iter().all(|s| s["quick_win"] == true));
}

#[test]
fn without_an_assessment_date_the_plan_starts_today() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(
        &path,
        "[assessment]\nquestionnaire = \"itsm-core\"\n[answers]\n\"processes.incident\" = 1\n",
    )
    .unwrap();
    let plan = json(bin().args(["plan", "--format", "json"]).arg(&path));
    assert_eq!(date(&plan["start"]), chrono::Local::now().date_naive());
    let steps: Vec<(f64, f64)> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .map(|s| (s["from"].as_f64().unwrap(), s["to"].as_f64().unwrap()))
        .collect();
    assert_eq!(steps, [(1.0, 2.0), (2.0, 3.0)], "1 to the default target 3");
}

#[test]
fn markdown_html_and_csv_show_the_same_plan() {
    let md = bin()
        .args(["plan", "examples/answers.toml", "--format", "markdown"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    let plan = json(bin().args(["plan", "examples/answers.toml", "--format", "json"]));
    let phases = plan["phases"].as_array().unwrap();
    let scheduled: usize = phases
        .iter()
        .map(|p| p["steps"].as_array().unwrap().len())
        .sum();
    assert!(md.starts_with("# Improvement plan: Acme Corp\n"), "{md}");
    // One box per step, and one per phase for its check.
    assert_eq!(md.matches("\n- [ ] **").count(), scheduled + phases.len());
    assert!(md.contains(&format!(
        "## Phase 1: due {}",
        phases[0]["due"].as_str().unwrap()
    )));

    let html = bin()
        .args(["plan", "examples/answers.toml", "--format", "html"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(html).unwrap();
    assert_eq!(
        html.matches("<ul class=\"checklist\">").count(),
        phases
            .iter()
            .filter(|p| !p["steps"].as_array().unwrap().is_empty())
            .count()
    );
    assert!(!html.contains("http://") && !html.contains("https://"));

    let csv = bin()
        .args(["plan", "examples/answers.toml", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    assert_eq!(&reader.headers().unwrap()[0], "phase");
    assert_eq!(reader.records().count(), scheduled);
}

#[test]
fn a_team_plan_follows_every_rule_on_fractional_team_levels() {
    // A survey export: the team's mean levels are fractional, so the first
    // step of a question starts at the scale level at or below its mean.
    let args = ["examples/team.csv", "--vision", "examples/vision.toml"];
    let plan = json(bin().arg("plan").args(args).args(["--format", "json"]));
    let report = json(bin().arg("report").args(args).args(["--format", "json"]));
    assert_eq!(report["respondents"], 12);
    check_rules(&plan, &report, &scale(&[]), &[90, 90, 90, 90], None);
    // Several answers files make a team too.
    let two = json(bin().args([
        "plan",
        "examples/answers.toml",
        "examples/answers.json",
        "--format",
        "json",
    ]));
    let two_report = json(bin().args([
        "report",
        "examples/answers.toml",
        "examples/answers.json",
        "--format",
        "json",
    ]));
    check_rules(&two, &two_report, &scale(&[]), &[90, 90, 90, 90], None);
}

#[test]
fn a_bad_start_date_is_a_usage_error() {
    bin()
        .args(["plan", "examples/answers.toml", "--start", "2027-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: invalid value '2027-02-30' for '--start <YYYY-MM-DD>': expected a date as YYYY-MM-DD, e.g. 2026-11-20\n",
        ));
}

#[test]
fn every_step_names_its_owner_or_says_one_is_to_be_named() {
    let args = ["examples/answers.toml", "--vision", "examples/vision.toml"];
    let plan = json(bin().arg("plan").args(args).args(["--format", "json"]));
    let steps: Vec<&Value> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .collect();
    for s in &steps {
        assert!(s["due"].is_string(), "{s}");
        let expected = match (s["question"].as_str().unwrap(), s["area"].as_str().unwrap()) {
            ("management.communication-plan", _) => Value::from("CIO office"),
            (_, "processes") => Value::from("Head of Service Operations"),
            (_, "training") => Value::from("HR learning partner"),
            _ => Value::Null,
        };
        assert_eq!(s["owner"], expected, "{}", s["question"]);
    }
    assert!(steps.iter().any(|s| s["owner"].is_null()));
    let md = String::from_utf8(
        bin()
            .arg("plan")
            .args(args)
            .args(["--format", "markdown"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(md.contains("  - Owner: Head of Service Operations"));
    assert!(md.contains("  - Owner: owner to be named"));
}

#[test]
fn an_owner_of_an_unknown_area_or_question_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("v.toml");
    std::fs::write(
        &v,
        "questionnaire = \"itsm-core\"\n[owners]\nprocesess = \"X\"\n",
    )
    .unwrap();
    bin()
        .args(["plan", "examples/answers.toml", "--vision"])
        .arg(&v)
        .assert()
        .code(1)
        .stderr(format!(
            "error: {}:3:1: owners.procesess: \"procesess\" is neither an area nor a question id\n  help: did you mean \"processes\"?\n",
            v.display()
        ));
}
