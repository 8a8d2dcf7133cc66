//! `plan --format jira-csv` and `--format azure-devops-csv`: CSV files in
//! the layouts of the trackers' importers, parsed with the csv crate.

mod common;

use common::{itsm, stdout_of};

fn records(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r.records().collect::<Result<_, _>>().expect("valid CSV");
    (header, rows)
}

const PLAN: [&str; 4] = [
    "plan",
    "examples/answers.toml",
    "--vision",
    "examples/vision.toml",
];

#[test]
fn jira_gets_an_epic_per_area_and_its_steps_as_children() {
    let mut args = PLAN.to_vec();
    args.extend(["--format", "jira-csv"]);
    let (header, rows) = records(&stdout_of(&args));
    assert_eq!(
        header,
        [
            "Issue ID",
            "Parent",
            "Issue Type",
            "Summary",
            "Description",
            "Priority",
            "Due Date",
            "Labels",
            "Labels",
            "Labels",
            "Labels"
        ]
    );
    let epics: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[2] == "Epic").collect();
    assert_eq!(epics.len(), 4, "one epic per area");
    let ids: Vec<&str> = epics.iter().map(|r| &r[0]).collect();
    for r in &rows {
        assert!(
            ["Highest", "High", "Medium", "Low"].contains(&&r[5]),
            "{:?}",
            &r[5]
        );
        assert!(!r[3].is_empty(), "every issue has a summary");
        if &r[2] == "Task" {
            assert!(ids.contains(&&r[1]), "a task's parent is an epic: {r:?}");
            let d = &r[4];
            for part in ["Acceptance: ", "Question: ", "Area: ", "Levels: "] {
                assert!(d.contains(part), "{part} missing in {d}");
            }
        }
    }
    // Every step of the plan is a task; scheduled ones have a due date.
    let steps = stdout_of(&[PLAN[0], PLAN[1], PLAN[2], PLAN[3], "--format", "csv"]);
    let (_, plan_rows) = records(&steps);
    let tasks: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[2] == "Task").collect();
    assert_eq!(tasks.len(), plan_rows.len());
    assert_eq!(&tasks[0][6], "2027-02-18");
    assert_eq!(&tasks[0][5], "Highest");
    assert_eq!(&tasks[0][7], "itsm-assess");
}

#[test]
fn azure_devops_gets_areas_as_parents_by_the_title_columns() {
    let mut args = PLAN.to_vec();
    args.extend(["--format", "azure-devops-csv"]);
    let (header, rows) = records(&stdout_of(&args));
    assert_eq!(
        header,
        [
            "ID",
            "Work Item Type",
            "Title 1",
            "Title 2",
            "Description",
            "Priority",
            "Tags",
            "Target Date"
        ]
    );
    assert_eq!(&rows[0][1], "Epic", "a parent comes before its children");
    let mut parent = None;
    for r in &rows {
        assert!(r[0].is_empty(), "new items have no ID");
        assert!(["1", "2", "3", "4"].contains(&&r[5]), "{:?}", &r[5]);
        match &r[1] {
            "Epic" => {
                assert!(!r[2].is_empty() && r[3].is_empty());
                parent = Some(r[2].to_string());
            }
            "Feature" => {
                assert!(r[2].is_empty() && !r[3].is_empty());
                assert!(parent.is_some());
                assert!(r[4].contains("Acceptance: "));
                assert!(r[6].starts_with("itsm-assess; "), "{:?}", &r[6]);
            }
            other => panic!("unexpected type {other}"),
        }
    }
    assert_eq!(rows.iter().filter(|r| &r[1] == "Epic").count(), 4);
}

#[test]
fn tracker_layouts_are_written_atomically_and_are_for_plans_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jira.csv");
    let mut args = PLAN.to_vec();
    args.extend(["--format", "jira-csv", "--output"]);
    itsm().args(&args).arg(&out).assert().success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("Issue ID,Parent,"));
    // A .csv output without --format is the plain plan CSV.
    let plain = dir.path().join("plan.csv");
    itsm()
        .args(PLAN)
        .arg("--output")
        .arg(&plain)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&plain)
            .unwrap()
            .starts_with("phase,")
    );
    for cmd in [
        vec!["report", "examples/answers.toml"],
        vec![
            "compare",
            "examples/answers.toml",
            "examples/answers-followup.toml",
        ],
    ] {
        itsm()
            .args(&cmd)
            .args(["--format", "azure-devops-csv"])
            .assert()
            .code(2);
    }
}
