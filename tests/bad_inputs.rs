//! The bad-input corpus: every file in `tests/fixtures/broken/` with the
//! exact error a user sees for it (file, line and column where the parser
//! knows them, what was expected, what to try), exit code 1 and no panic;
//! and inputs generated here rather than committed: huge, deeply nested,
//! with thousands of questions.

mod common;

use common::itsm;
use itsm_assess::limits;
use predicates::prelude::*;

const SCALE: &str = "valid values: 0 (Non-existent), 1 (Initial), 2 (Repeatable), 3 (Defined), 4 (Managed), 5 (Optimizing), or \"n/a\" when the question does not apply";
const CSV_SCALE: &str = "valid values: 0 (Non-existent), 1 (Initial), 2 (Repeatable), 3 (Defined), 4 (Managed), 5 (Optimizing), a level as \"N - Label\" or the question's level descriptor, \"n/a\", or an empty cell for unanswered";

/// One broken file: the exact standard error, and what standard output
/// holds (nothing, or the rows of a survey export that could be read).
struct Case {
    name: &'static str,
    stderr: String,
    rows: &'static [&'static str],
}

impl Case {
    fn rows(mut self, rows: &'static [&'static str]) -> Case {
        self.rows = rows;
        self
    }

    /// Survey exports go through `score`: `validate` does not take them.
    fn command(&self) -> &'static str {
        if self.name.ends_with(".csv") {
            "score"
        } else {
            "validate"
        }
    }
}

fn case(name: &'static str, stderr: String) -> Case {
    Case {
        name,
        stderr,
        rows: &[],
    }
}

fn f(name: &str) -> String {
    format!("tests/fixtures/broken/{name}")
}

/// Each broken file with the exact standard error it gets.
fn broken() -> Vec<Case> {
    vec![
        case(
            "answers-array-for-table.toml",
            format!(
                "error: {0}:1:11: expected a table, found an array\n",
                f("answers-array-for-table.toml")
            ),
        ),
        case(
            "answers-array.json",
            format!(
                "error: {0}: expected an object {{ ... }} at the top, found an array\n  help: every file holds one object, e.g. {{\"assessment\": {{\"questionnaire\": \"itsm-core\"}}, \"answers\": {{}}}}\n",
                f("answers-array.json")
            ),
        ),
        case(
            "answers-bad-date.toml",
            format!(
                "error: {0}:3:8: invalid date \"20 November\", expected a date as YYYY-MM-DD, e.g. 2026-11-20\n",
                f("answers-bad-date.toml")
            ),
        ),
        case(
            "answers-bad-values.toml",
            format!(
                "error: {0}:5:1: answers.\"processes.incidnt\": unknown question id \"processes.incidnt\"\n  help: did you mean \"processes.incident\"?\n\
                 error: {0}:6:1: answers.\"processes.change\": 7 is not on the scale\n  help: {SCALE}\n\
                 error: {0}:7:1: answers.\"tools.cmdb\": \"maybe\" is not a level of the scale\n  help: {SCALE}\n\
                 error: {0}:8:1: answers.\"training.plan\": unknown key `targt` in an answer\n  help: an answer table holds `current`, `target` and `note`\n",
                f("answers-bad-values.toml")
            ),
        ),
        case(
            "answers-bad.json",
            format!(
                "error: {0}:4:5: answers.\"processes.incident\": 9 is not on the scale\n  help: {SCALE}\n\
                 error: {0}:5:5: answers.\"tools.cmdb\": expected a scale value, a level label or \"n/a\", found a boolean\n  help: {SCALE}\n",
                f("answers-bad.json")
            ),
        ),
        case(
            "answers-bom.json",
            format!(
                "error: {0}:2:56: expected a string, found the number 7\n",
                f("answers-bom.json")
            ),
        ),
        case(
            "answers-crlf.json",
            format!(
                "error: {0}:5:5: answers.\"processes.change\": 2.5 is not on the scale\n  help: {SCALE}\n",
                f("answers-crlf.json")
            ),
        ),
        case(
            "answers-crlf.toml",
            format!(
                "error: {0}:6:1: answers.\"processes.change\": \"sometimes\" is not a level of the scale\n  help: {SCALE}\n",
                f("answers-crlf.toml")
            ),
        ),
        case(
            "answers-dotted-duplicate.toml",
            format!(
                "error: {0}:6:1: answers.\"processes.incident\": answered twice; keep one answer per question\n",
                f("answers-dotted-duplicate.toml")
            ),
        ),
        case(
            "answers-duplicate-field.json",
            format!(
                "error: {0}:3:14: duplicate field `assessment`\n",
                f("answers-duplicate-field.json")
            ),
        ),
        case(
            "answers-duplicate-key.json",
            format!(
                "error: {0}:5:5: answers.\"processes.incident\": answered twice; keep one answer per question\n",
                f("answers-duplicate-key.json")
            ),
        ),
        case(
            "answers-duplicate-key.toml",
            format!(
                "error: {0}:7:1: duplicate key `processes.incident`\n  help: a key may be set only once in a table; keep one of them\n",
                f("answers-duplicate-key.toml")
            ),
        ),
        case(
            "answers-empty-object.json",
            format!(
                "error: {0}: cannot tell what kind of file this is\n  help: a questionnaire has [[area]], a rubric [[level]], answers [assessment] and a vision [targets]; or name the kind with --kind\n",
                f("answers-empty-object.json")
            ),
        ),
        case(
            "answers-impossible-date.json",
            format!(
                "error: {0}:2:67: invalid date \"2026-13-45\", expected a date as YYYY-MM-DD, e.g. 2026-11-20\n",
                f("answers-impossible-date.json")
            ),
        ),
        case(
            "answers-impossible-date.toml",
            format!(
                "error: {0}:3:8: invalid date, expected month between 01 and 12\n",
                f("answers-impossible-date.toml")
            ),
        ),
        case(
            "answers-invalid-utf8.toml",
            format!(
                "error: {0}:3:22: is not UTF-8 text (a binary file?)\n  help: save the file as UTF-8 text\n",
                f("answers-invalid-utf8.toml")
            ),
        ),
        case(
            "answers-missing-assessment.toml",
            format!(
                "error: {0}:1:1: missing field `assessment`\n  help: an answers file starts with [assessment] and questionnaire = \"<id>\", e.g. \"itsm-core\"\n",
                f("answers-missing-assessment.toml")
            ),
        ),
        case(
            "answers-nan-inf.toml",
            format!(
                "error: {0}:5:1: answers.\"processes.incident\": nan and inf are not on the scale\n  help: {SCALE}\n\
                 error: {0}:6:1: answers.\"processes.change\": target nan or inf is outside the scale, which runs from 0 to 5\n",
                f("answers-nan-inf.toml")
            ),
        ),
        case(
            "answers-nan.json",
            format!(
                "error: {0}:1:82: expected a value: a number, \"text\", true, false, null, an object or an array\n",
                f("answers-nan.json")
            ),
        ),
        case(
            "answers-nested-tables.toml",
            format!(
                "error: {0}:4:2: answers.\"processes.incident.extra.deep.deeper.deepest\": unknown question id \"processes.incident.extra.deep.deeper.deepest\"\n  help: did you mean \"processes.incident\"?\n",
                f("answers-nested-tables.toml")
            ),
        ),
        case(
            "answers-nul-bytes.json",
            format!(
                "error: {0}:1:2: holds a NUL byte, which text never does (a binary file?)\n  help: save the file as UTF-8 text\n",
                f("answers-nul-bytes.json")
            ),
        ),
        case(
            "answers-nul-bytes.toml",
            format!(
                "error: {0}:5:25: holds a NUL byte, which text never does (a binary file?)\n  help: save the file as UTF-8 text\n",
                f("answers-nul-bytes.toml")
            ),
        ),
        case(
            "answers-nulls.json",
            format!(
                "error: {0}:4:5: answers.\"processes.incident\": null is not an answer\n  help: leave the question out to leave it unanswered; {SCALE}\n\
                 error: {0}:5:5: answers.\"processes.change\": `target` must be a number, found null\n  help: leave `target` out to use the vision's or the rubric's target\n",
                f("answers-nulls.json")
            ),
        ),
        case(
            "answers-number-for-string.toml",
            format!(
                "error: {0}:2:17: expected a string, found the number 5\n",
                f("answers-number-for-string.toml")
            ),
        ),
        case(
            "answers-other-questionnaire.toml",
            format!(
                "error: {0}:2:1: assessment.questionnaire: questionnaire \"other-questionnaire\" is neither given nor built in\n  help: validate the file together with its questionnaire and rubric: itsm-assess validate Q.toml R.toml FILE\n",
                f("answers-other-questionnaire.toml")
            ),
        ),
        case(
            "answers-string-for-object.json",
            format!(
                "error: {0}:2:27: expected an object, found the string \"itsm-core\"\n",
                f("answers-string-for-object.json")
            ),
        ),
        case(
            "answers-syntax.json",
            format!(
                "error: {0}:5:3: trailing comma\n",
                f("answers-syntax.json")
            ),
        ),
        case(
            "answers-syntax.toml",
            format!(
                "error: {0}:5:24: string values must be quoted, expected literal string\n",
                f("answers-syntax.toml")
            ),
        ),
        case(
            "answers-target-off-scale.toml",
            format!(
                "error: {0}:5:1: answers.\"processes.incident\": target 9 is outside the scale, which runs from 0 to 5\n",
                f("answers-target-off-scale.toml")
            ),
        ),
        case(
            "answers-truncated.json",
            format!(
                "error: {0}:4:28: the file ends in the middle of a value; is it cut short?\n",
                f("answers-truncated.json")
            ),
        ),
        case(
            "answers-truncated.toml",
            format!(
                "error: {0}:6:40: unclosed inline table, expected `}}`\n",
                f("answers-truncated.toml")
            ),
        ),
        case(
            "answers-unknown-key.json",
            format!(
                "error: {0}:3:10: unknown field `answer`, expected one of `assessment`, `answers`, `$schema`\n  help: did you mean `answers`?\n",
                f("answers-unknown-key.json")
            ),
        ),
        case(
            "answers-unknown-key.toml",
            format!(
                "error: {0}:3:1: unknown field `org`, expected one of `questionnaire`, `questionnaire_version`, `organization`, `respondent`, `role`, `date`, `scope`, `method`, `assessor`, `summary`\n  help: did you mean `organization`?\n",
                f("answers-unknown-key.toml")
            ),
        ),
        case(
            "answers-unterminated-string.json",
            format!(
                "error: {0}:4:35: the string is not closed before the end of the line\n  help: close it with \", and write a line break inside a string as \\n\n",
                f("answers-unterminated-string.json")
            ),
        ),
        case(
            "answers-unterminated-string.toml",
            format!(
                "error: {0}:6:1: missing comma between key-value pairs, expected `,`\n",
                f("answers-unterminated-string.toml")
            ),
        ),
        case(
            "answers-whitespace-only.toml",
            format!(
                "error: {0}: the file is empty\n  help: a questionnaire has [[area]], a rubric [[level]], answers [assessment] and a vision [targets]\n",
                f("answers-whitespace-only.toml")
            ),
        ),
        case(
            "answers-wrong-types.toml",
            format!(
                "error: {0}:5:1: answers.\"processes.incident\": `note` must be text, found a number\n\
                 error: {0}:6:1: answers.\"processes.change\": expected a scale value, a level label or \"n/a\", found an array\n  help: {SCALE}\n",
                f("answers-wrong-types.toml")
            ),
        ),
        case(
            "binary.toml",
            format!(
                "error: {0}:1:1: is not UTF-8 text (a binary file?)\n  help: save the file as UTF-8 text\n",
                f("binary.toml")
            ),
        ),
        case(
            "empty.toml",
            format!(
                "error: {0}: the file is empty\n  help: a questionnaire has [[area]], a rubric [[level]], answers [assessment] and a vision [targets]\n",
                f("empty.toml")
            ),
        ),
        case(
            "nul-only.toml",
            format!(
                "error: {0}:1:1: holds a NUL byte, which text never does (a binary file?)\n  help: save the file as UTF-8 text\n",
                f("nul-only.toml")
            ),
        ),
        case(
            "questionnaire-bad-effort.toml",
            format!(
                "error: {0}:12:10: unknown variant `huge`, expected one of `low`, `medium`, `high`\n",
                f("questionnaire-bad-effort.toml")
            ),
        ),
        case(
            "questionnaire-bom.toml",
            format!(
                "error: {0}:1:6: expected a string, found the number 5\n",
                f("questionnaire-bom.toml")
            ),
        ),
        case(
            "questionnaire-crlf.toml",
            format!(
                "error: {0}:13:1: unknown field `effrt`, expected one of `id`, `title`, `text`, `guidance`, `help`, `effort`, `kpi`, `levels`, `actions`, `accepted`, `efforts`, `requires`, `replaces`, `informs`\n  help: did you mean `effort`?\n",
                f("questionnaire-crlf.toml")
            ),
        ),
        case(
            "questionnaire-duplicate-key.toml",
            format!(
                "error: {0}:3:1: duplicate key `title`\n  help: a key may be set only once in a table; keep one of them\n",
                f("questionnaire-duplicate-key.toml")
            ),
        ),
        case(
            "questionnaire-duplicates.toml",
            format!(
                "error: {0}:15:1: area \"a\": duplicate area id; each area needs its own id\n\
                 error: {0}:19:1: question \"a.one\": duplicate question id; question ids must be unique across all areas\n  help: the first one is on line 9\n",
                f("questionnaire-duplicates.toml")
            ),
        ),
        case(
            "questionnaire-levels.toml",
            format!(
                "error: built-in:itsm-core-rubric.toml:52:1: weights.areas.training: unknown area \"training\"\n\
                 error: built-in:itsm-core-rubric.toml:53:1: weights.areas.management: unknown area \"management\"\n\
                 error: built-in:itsm-core-rubric.toml:56:1: weights.questions.\"management.leadership\": unknown question id \"management.leadership\"\n\
                 error: built-in:itsm-core-rubric.toml:57:1: weights.questions.\"management.communication-plan\": unknown question id \"management.communication-plan\"\n\
                 error: built-in:itsm-core-rubric.toml:58:1: weights.questions.\"processes.improvement\": unknown question id \"processes.improvement\"\n  help: did you mean \"processes.incident\"?\n\
                 error: {0}:12:1: question \"processes.incident\".levels: has 3 descriptors but the scale has 6 levels\n  help: write one descriptor per level, in scale order: 0 (Non-existent), 1 (Initial), 2 (Repeatable), 3 (Defined), 4 (Managed), 5 (Optimizing)\n\
                 error: {0}:13:1: question \"processes.incident\".actions: has 1 actions but a 6-level scale has 5 steps up; give one per step or none\n",
                f("questionnaire-levels.toml")
            ),
        ),
        case(
            "questionnaire-missing-field.toml",
            format!(
                "error: {0}:8:1: missing field `text`\n",
                f("questionnaire-missing-field.toml")
            ),
        ),
        case(
            "questionnaire-no-areas.toml",
            format!(
                "error: {0}:1:1: id: must not be empty\n\
                 error: {0}: has no areas\n  help: add at least one [[area]] with its [[area.question]] entries\n",
                f("questionnaire-no-areas.toml")
            ),
        ),
        case(
            "questionnaire-string-for-array.toml",
            format!(
                "error: {0}:12:10: expected an array, found the string \"no, yes\"\n",
                f("questionnaire-string-for-array.toml")
            ),
        ),
        case(
            "questionnaire-table-for-array.toml",
            format!(
                "error: {0}:4:1: expected an array, found a table\n",
                f("questionnaire-table-for-array.toml")
            ),
        ),
        case(
            "questionnaire-unknown-key.toml",
            format!(
                "error: {0}:11:1: unknown field `txt`, expected one of `id`, `title`, `text`, `guidance`, `help`, `effort`, `kpi`, `levels`, `actions`, `accepted`, `efforts`, `requires`, `replaces`, `informs`\n  help: did you mean `text`?\n",
                f("questionnaire-unknown-key.toml")
            ),
        ),
        case(
            "questionnaire-unterminated-string.toml",
            format!(
                "error: {0}:2:22: invalid basic string, expected `\"`\n",
                f("questionnaire-unterminated-string.toml")
            ),
        ),
        case(
            "rubric-array-for-table.toml",
            format!(
                "error: {0}:28:9: expected a table, found an array\n",
                f("rubric-array-for-table.toml")
            ),
        ),
        case(
            "rubric-bands.toml",
            format!(
                "error: {0}:24:1: band.min: the first band starts at 0.5, above the lowest scale value 0, so low scores would have no band\n  help: set the first band's min to 0\n\
                 error: {0}:28:1: band.min: bands must be sorted by min, ascending: 0.2 follows 0.5\n",
                f("rubric-bands.toml")
            ),
        ),
        case(
            "rubric-levels-not-ascending.toml",
            format!(
                "error: {0}:11:1: level.value: 1 is not above the previous level's 2; list the scale ascending\n\
                 error: {0}:17:1: level.value: 3 is not above the previous level's 3; list the scale ascending\n\
                 error: {0}:21:1: level.label: duplicate label \"managed\"\n",
                f("rubric-levels-not-ascending.toml")
            ),
        ),
        case(
            "rubric-nan-inf.toml",
            format!(
                "error: {0}:4:3: level: the scale has 2 levels, but every question of questionnaire \"itsm-core\" has 6 level descriptors\n  help: give the rubric 6 [[level]] entries, or use it with the questionnaire written for a 2-level scale\n\
                 error: {0}:5:1: level.value: must be a number from -1000000 to 1000000, not nan or inf\n\
                 error: {0}:12:1: band.min: must be a number from -1000000 to 1000000, not nan or inf\n\
                 error: {0}:16:1: gap.critical: must be a number above 0\n",
                f("rubric-nan-inf.toml")
            ),
        ),
        case(
            "rubric-negative-phases.toml",
            format!(
                "error: {0}:28:10: expected a whole number, 0 or more, found the number -2\n",
                f("rubric-negative-phases.toml")
            ),
        ),
        case(
            "rubric-negative-weight.toml",
            format!(
                "error: {0}:24:1: weights.questions.\"processes.incident\": weight must be above 0 and at most 1000000, found -1\n\
                 error: {0}:25:1: weights.questions.\"processes.incidnt\": unknown question id \"processes.incidnt\"\n  help: did you mean \"processes.incident\"?\n",
                f("rubric-negative-weight.toml")
            ),
        ),
        case(
            "rubric-no-bands.toml",
            format!(
                "error: {0}:4:3: level: the scale has 2 levels, but every question of questionnaire \"itsm-core\" has 6 level descriptors\n  help: give the rubric 6 [[level]] entries, or use it with the questionnaire written for a 2-level scale\n\
                 error: {0}: band: the rubric needs at least one [[band]]\n  help: add [[band]] entries with min and name, ascending by min\n",
                f("rubric-no-bands.toml")
            ),
        ),
        case(
            "rubric-other-questionnaire.toml",
            format!(
                "error: {0}:2:1: questionnaire: questionnaire \"itsm-lite\" is neither given nor built in\n  help: validate the rubric together with its questionnaire: itsm-assess validate QUESTIONNAIRE RUBRIC\n",
                f("rubric-other-questionnaire.toml")
            ),
        ),
        case(
            "rubric-string-for-number.toml",
            format!(
                "error: {0}:5:9: expected a number, found the string \"zero\"\n",
                f("rubric-string-for-number.toml")
            ),
        ),
        case(
            "rubric-unknown-key.toml",
            format!(
                "error: {0}:28:1: unknown field `critcal`, expected one of `critical`, `quick_win_max_gap`, `quick_win_max_effort`, `disagreement`\n  help: did you mean `critical`?\n",
                f("rubric-unknown-key.toml")
            ),
        ),
        case(
            "rubric-weights.toml",
            format!(
                "error: {0}:24:1: weights.areas.training: weight must be above 0 and at most 1000000, found 0\n\
                 error: {0}:25:1: weights.areas.manegement: unknown area \"manegement\"\n  help: did you mean \"management\"?\n",
                f("rubric-weights.toml")
            ),
        ),
        case(
            "survey-bad-cells.csv",
            format!(
                "warning: {0}: 1 date could not be read and was left out; the answers were kept: line 3 \"2026-13-45\"\n\
                 note: {0}: 1 of 57 questions found in the export; not found: processes.request, processes.problem, processes.change, processes.service-level, processes.supplier and 51 more\n\
                 error: {0}:3:4: row 2, column \"processes.incident\": \"seven\" is not a level of the scale\n  help: {CSV_SCALE}\n\
                 error: {0}:3:5: row 2, column \"processes.change:target\": target 9 is outside the scale, which runs from 0 to 5\n",
                f("survey-bad-cells.csv")
            ),
        )
        .rows(&["survey-bad-cells.csv:2 ┆ Ana (Agent)", "survey-bad-cells.csv:4 ┆ Cleo (Agent)"]),
        case(
            "survey-duplicate-column.csv",
            format!(
                "error: {0}:1:3: column 3: column \"Incident management\" repeats column 2 (\"processes.incident\")\n  help: each question may have one column, and one target column; map one of them to \"ignore\" with --map\n",
                f("survey-duplicate-column.csv")
            ),
        ),
        case(
            "survey-empty.csv",
            format!(
                "error: {0}: has no header row\n  help: the first row names the columns: respondent, role, organization, date, and one column per question\n",
                f("survey-empty.csv")
            ),
        ),
        case(
            "survey-header-only.csv",
            format!(
                "error: {0}: holds no respondents\n  help: a survey export needs one row per respondent below its header row\n",
                f("survey-header-only.csv")
            ),
        ),
        case(
            "survey-invalid-utf8.csv",
            format!(
                "warning: {0}: read as Windows-1252, as it is not UTF-8; if accents look wrong, save it as CSV UTF-8\n\
                 note: {0}: 1 of 57 questions found in the export; not found: processes.request, processes.problem, processes.change, processes.service-level, processes.supplier and 51 more\n\
                 error: {0}:3:3: row 2, column \"processes.incident\": \"\u{ff}3\" is not a level of the scale\n  help: {CSV_SCALE}\n",
                f("survey-invalid-utf8.csv")
            ),
        )
        .rows(&["survey-invalid-utf8.csv:2 ┆ Ana (Agent)"]),
        case(
            "survey-ragged.csv",
            format!(
                "note: {0}: 1 of 57 questions found in the export; not found: processes.request, processes.problem, processes.change, processes.service-level, processes.supplier and 51 more\n\
                 error: {0}:3:1: this row has 2 fields but the header has 3\n  help: every row needs as many fields as the header; check for an unquoted delimiter in a cell\n\
                 error: {0}:4:1: this row has 4 fields but the header has 3\n  help: every row needs as many fields as the header; check for an unquoted delimiter in a cell\n",
                f("survey-ragged.csv")
            ),
        )
        .rows(&["survey-ragged.csv:2 ┆ Ana (Agent)"]),
        case(
            "survey-unknown-column.csv",
            format!(
                "note: {0}: 1 of 57 questions found in the export; not found: processes.request, processes.problem, processes.change, processes.service-level, processes.supplier and 51 more\n\
                 error: {0}:1:5: column 5: column \"processes.chnage\" holds levels but names no question of \"itsm-core\"\n  help: did you mean \"processes.change\"? run `itsm-assess survey inspect {0} --write-map map.toml`, say in map.toml which question it answers, and pass --map map.toml; or pass --ignore-unknown-columns to leave it out\n",
                f("survey-unknown-column.csv")
            ),
        )
        .rows(&["survey-unknown-column.csv:2 ┆ Ana (Agent)"]),
        case(
            "unknown-kind.toml",
            format!(
                "error: {0}: cannot tell what kind of file this is\n  help: a questionnaire has [[area]], a rubric [[level]], answers [assessment] and a vision [targets]; or name the kind with --kind\n",
                f("unknown-kind.toml")
            ),
        ),
        case(
            "vision-bad.json",
            format!(
                "error: {0}:5:19: targets.questions.\"processes.incident\": target 7 is outside the scale, which runs from 0 to 5\n\
                 error: {0}:5:44: targets.questions.\"processes.nope\": unknown question id \"processes.nope\"\n  help: did you mean \"processes.problem\"?\n",
                f("vision-bad.json")
            ),
        ),
        case(
            "vision-bad.toml",
            format!(
                "error: {0}:4:1: targets.default: target 6 is outside the scale, which runs from 0 to 5\n\
                 error: {0}:7:1: targets.areas.trainig: unknown area \"trainig\"\n  help: did you mean \"training\"?\n\
                 error: {0}:10:1: targets.questions.\"management.leadership\": target -1 is outside the scale, which runs from 0 to 5\n",
                f("vision-bad.toml")
            ),
        ),
        case(
            "vision-nan-inf.toml",
            format!(
                "error: {0}:3:1: targets.default: target inf is outside the scale, which runs from 0 to 5\n\
                 error: {0}:5:1: targets.areas.training: target NaN is outside the scale, which runs from 0 to 5\n",
                f("vision-nan-inf.toml")
            ),
        ),
        case(
            "vision-other-questionnaire.toml",
            format!(
                "error: {0}:1:1: questionnaire: questionnaire \"itsm-lite\" is neither given nor built in\n  help: validate the file together with its questionnaire and rubric: itsm-assess validate Q.toml R.toml FILE\n",
                f("vision-other-questionnaire.toml")
            ),
        ),
        case(
            "vision-unknown-key.toml",
            format!(
                "error: {0}:4:1: unknown field `defualt`, expected one of `default`, `areas`, `questions`\n  help: did you mean `default`?\n",
                f("vision-unknown-key.toml")
            ),
        ),
        case(
            "vision-wrong-type.toml",
            format!(
                "error: {0}:4:11: expected a number, found the string \"high\"\n",
                f("vision-wrong-type.toml")
            ),
        ),
    ]
}

#[test]
fn every_broken_file_gets_its_exact_error_and_exit_1() {
    for case in broken() {
        let path = f(case.name);
        let assert = itsm()
            .args([case.command(), &path])
            .env("RUST_BACKTRACE", "1")
            .assert()
            .code(1)
            .stderr(case.stderr.clone());
        if case.rows.is_empty() {
            assert.stdout("");
        } else {
            let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
            for row in case.rows {
                assert!(
                    stdout.contains(row),
                    "{}: no row {row} in\n{stdout}",
                    case.name
                );
            }
        }
    }
}

#[test]
fn the_corpus_is_complete_and_covers_every_format() {
    // Every fixture in the folder has its expected message above.
    let listed: Vec<&str> = broken().iter().map(|c| c.name).collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            listed.contains(&name.as_str()),
            "{name} has no expected message"
        );
        files += 1;
    }
    assert_eq!(files, listed.len(), "a case names a file that is not there");
    assert!(files >= 45, "only {files} broken files");
    for (prefix, ext) in [
        ("questionnaire-", ".toml"),
        ("rubric-", ".toml"),
        ("answers-", ".toml"),
        ("answers-", ".json"),
        ("vision-", ".toml"),
        ("vision-", ".json"),
        ("survey-", ".csv"),
    ] {
        let n = listed
            .iter()
            .filter(|n| n.starts_with(prefix) && n.ends_with(ext))
            .count();
        assert!(n >= 1, "no broken {prefix}*{ext}");
    }
}

/// Writes a generated input into a fresh temporary folder.
fn generated(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let path = path.display().to_string();
    (dir, path)
}

/// Runs `validate` on a generated file: exit 1, nothing on standard output,
/// no panic, and the exact error.
fn validate_fails_with(path: &str, expected: String) {
    itsm()
        .args(["validate", path])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("internal error").not())
        .stderr(expected);
}

#[test]
fn a_50_mb_file_is_refused_by_its_size_before_it_is_read() {
    let padding = format!("{}\n", " ".repeat(99)).repeat(50 * 1024 * 1024 / 100);
    let text = format!(
        "{{\"assessment\": {{\"questionnaire\": \"itsm-core\"}},\n{padding}\"answers\": {{\"processes.incident\": 9}}}}\n"
    );
    assert!(text.len() > 50 * 1024 * 1024);
    let (_dir, path) = generated("big.json", &text);
    validate_fails_with(
        &path,
        format!(
            "error: {path}: is 50 MiB ({} bytes); the largest input read is 16 MiB\n  \
             help: split the input, or check that this is the file you meant\n",
            text.len()
        ),
    );
}

#[test]
fn the_same_50_mb_through_standard_input_is_refused_too() {
    let text = format!("{}\n", " ".repeat(99)).repeat(50 * 1024 * 1024 / 100);
    itsm()
        .args(["validate", "--kind", "answers", "-"])
        .write_stdin(text.clone())
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: <stdin>: is 50 MiB ({} bytes); the largest input read is 16 MiB\n  \
             help: split the input, or check that this is the file you meant\n",
            text.len()
        ));
}

#[test]
fn a_questionnaire_with_10000_questions_is_refused_at_the_first_one_too_many() {
    let mut text =
        String::from("id = \"huge\"\ntitle = \"Huge\"\n\n[[area]]\nid = \"a\"\ntitle = \"A\"\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "\n[[area.question]]\nid = \"a.q{i}\"\ntitle = \"Q{i}\"\ntext = \"?\"\nlevels = [\"no\", \"yes\"]\n"
        ));
    }
    let (_dir, path) = generated("huge.toml", &text);
    let max = limits::MAX_QUESTIONS;
    let line = text
        .lines()
        .position(|l| l == format!("id = \"a.q{max}\""))
        .unwrap()
        + 1;
    validate_fails_with(
        &path,
        format!(
            "error: {path}:{line}:1: question: there are 10000 questions; the most allowed is {max}\n"
        ),
    );
}

#[test]
fn an_over_long_question_id_is_clipped_in_the_message() {
    let id = "x".repeat(100_000);
    let text = format!("[assessment]\nquestionnaire = \"itsm-core\"\n\n[answers]\n\"{id}\" = 2\n");
    let (_dir, path) = generated("long.toml", &text);
    let shown = format!("{}…", "x".repeat(limits::MAX_SHOWN_CHARS));
    validate_fails_with(
        &path,
        format!(
            "error: {path}:5:1: answers.\"{shown}\": unknown question id \"{shown}\"\n  help: the questionnaire \"itsm-core\" has no such question; `itsm-assess questionnaire show` lists the ids\n"
        ),
    );
}

#[test]
fn an_over_long_note_is_refused_with_its_length() {
    let note = "é".repeat(limits::MAX_TEXT_CHARS + 1);
    let text =
        format!("{ANSWERS_HEAD}\"processes.incident\" = {{ current = 2, note = \"{note}\" }}\n");
    let (_dir, path) = generated("note.toml", &text);
    let column = text.lines().nth(4).unwrap().find("note").unwrap() + 1;
    validate_fails_with(
        &path,
        format!(
            "error: {path}:5:{column}: answers.\"processes.incident\".note: is {} characters long; the longest text allowed is {}\n  \
             help: shorten it, or move the detail to a document and refer to it\n",
            limits::MAX_TEXT_CHARS + 1,
            limits::MAX_TEXT_CHARS
        ),
    );
}

#[test]
fn a_file_full_of_problems_shows_the_first_twenty() {
    let body: String = (0..5_000)
        .map(|i| format!("\"processes.x{i}\" = 2\n"))
        .collect();
    let (_dir, path) = generated("many.toml", &format!("{ANSWERS_HEAD}{body}"));
    let output = itsm()
        .args(["validate", &path])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(output).unwrap();
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), limits::MAX_PROBLEMS + 1, "{stderr}");
    assert!(errors[0].starts_with(&format!("error: {path}:5:1: answers.\"processes.x0\"")));
    assert_eq!(
        errors[limits::MAX_PROBLEMS],
        format!(
            "error: {path}: more problems follow; fix these {} and run again",
            limits::MAX_PROBLEMS
        )
    );
}

const ANSWERS_HEAD: &str = "[assessment]\nquestionnaire = \"itsm-core\"\n\n[answers]\n";

fn too_deep(format: &str) -> String {
    let most = if format == "json" {
        limits::MAX_JSON_NESTING
    } else {
        limits::MAX_TOML_NESTING
    };
    format!("arrays and tables are nested more than {most} levels deep")
}

#[test]
fn ten_thousand_nested_toml_arrays_do_not_crash() {
    let n = 10_000;
    let text = format!(
        "{ANSWERS_HEAD}\"processes.incident\" = {}{}\n",
        "[".repeat(n),
        "]".repeat(n)
    );
    let (_dir, path) = generated("deep.toml", &text);
    // The first bracket is in column 24; the one past the limit is shown.
    let column = 24 + limits::MAX_TOML_NESTING;
    validate_fails_with(
        &path,
        format!("error: {path}:5:{column}: {}\n", too_deep("toml")),
    );
}

#[test]
fn ten_thousand_nested_toml_inline_tables_do_not_crash() {
    let n = 10_000;
    let text = format!(
        "{ANSWERS_HEAD}\"processes.incident\" = {}1{}\n",
        "{ a = ".repeat(n),
        " }".repeat(n)
    );
    let (_dir, path) = generated("deep-tables.toml", &text);
    let column = 24 + 6 * limits::MAX_TOML_NESTING;
    validate_fails_with(
        &path,
        format!("error: {path}:5:{column}: {}\n", too_deep("toml")),
    );
}

#[test]
fn ten_thousand_dotted_key_parts_do_not_crash() {
    // The depth is found only when the document is turned into values,
    // where the toml crate knows no position: the line is that of the key.
    let text = format!("{ANSWERS_HEAD}{} = 1\n", vec!["a"; 10_000].join("."));
    let (_dir, path) = generated("deep-dotted.toml", &text);
    let line = ANSWERS_HEAD.lines().count() + 1;
    validate_fails_with(
        &path,
        format!("error: {path}:{line}:1: {}\n", too_deep("toml")),
    );
}

#[test]
fn json_nested_100000_deep_does_not_crash() {
    let n = 100_000;
    let text = format!(
        "{{\"assessment\": {{\"questionnaire\": \"itsm-core\"}}, \"answers\": {{\"processes.incident\": {}{}}}}}\n",
        "[".repeat(n),
        "]".repeat(n)
    );
    let (_dir, path) = generated("deep.json", &text);
    // The first bracket is in column 82, two objects deep.
    let column = 82 + limits::MAX_JSON_NESTING - 2;
    validate_fails_with(
        &path,
        format!("error: {path}:1:{column}: {}\n", too_deep("json")),
    );
}

#[test]
fn report_shows_the_same_errors_as_validate() {
    for name in [
        "answers-bad-values.toml",
        "answers-bad.json",
        "answers-nulls.json",
        "answers-duplicate-key.json",
        "answers-crlf.toml",
        "answers-invalid-utf8.toml",
    ] {
        let path = f(name);
        let validate = itsm().args(["validate", &path]).assert().code(1);
        let expected = String::from_utf8(validate.get_output().stderr.clone()).unwrap();
        assert!(
            expected.starts_with(&format!("error: {path}:")),
            "{expected}"
        );
        itsm()
            .args(["report", &path])
            .assert()
            .code(1)
            .stdout("")
            .stderr(expected);
    }
}

#[test]
fn standard_input_is_named_stdin() {
    itsm()
        .args(["validate", "-"])
        .pipe_stdin(f("answers-bad.json"))
        .unwrap()
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: <stdin>:4:5: answers.\"processes.incident\": 9 is not on the scale\n  help: {SCALE}\n\
             error: <stdin>:5:5: answers.\"tools.cmdb\": expected a scale value, a level label or \"n/a\", found a boolean\n  help: {SCALE}\n"
        ));
    // A byte order mark on standard input does not shift the column either.
    itsm()
        .args(["validate", "-"])
        .pipe_stdin(f("questionnaire-bom.toml"))
        .unwrap()
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: <stdin>:1:6: expected a string, found the number 5\n");
    itsm()
        .args(["score", "--csv", "-"])
        .pipe_stdin(f("survey-ragged.csv"))
        .unwrap()
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:2 ┆ Ana (Agent)"))
        .stderr(
            "note: <stdin>: 1 of 57 questions found in the export; not found: processes.request, processes.problem, processes.change, processes.service-level, processes.supplier and 51 more\n\
             error: <stdin>:3:1: this row has 2 fields but the header has 3\n  help: every row needs as many fields as the header; check for an unquoted delimiter in a cell\n\
             error: <stdin>:4:1: this row has 4 fields but the header has 3\n  help: every row needs as many fields as the header; check for an unquoted delimiter in a cell\n",
        );
}

#[test]
fn validate_says_a_survey_export_is_for_score() {
    let path = f("survey-ragged.csv");
    itsm()
        .args(["validate", &path])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: {path}: is a survey export, which validate does not check\n  help: itsm-assess score {path} checks every row and cell of it\n"
        ));
}

#[test]
fn a_header_only_survey_holds_no_respondents_under_report_too() {
    let path = f("survey-header-only.csv");
    itsm()
        .args(["report", &path])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: {path}: holds no respondents\n  help: a survey export needs one row per respondent below its header row\n"
        ));
}

#[test]
fn files_for_another_questionnaire_are_refused() {
    // A rubric written for another questionnaire.
    itsm()
        .args([
            "report",
            "--questionnaire",
            "examples/questionnaire.toml",
            "--rubric",
            "questionnaires/itsm-core-rubric.toml",
            "examples/desk-answers.toml",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: questionnaires/itsm-core-rubric.toml:15:1: questionnaire: this rubric is for questionnaire \"itsm-core\", not \"desk-check\"\n  help: pass the rubric written for this questionnaire with --rubric\n",
        ));
    // Answers given with another questionnaire.
    itsm()
        .args([
            "report",
            "--questionnaire",
            "examples/questionnaire.toml",
            "--rubric",
            "examples/rubric.toml",
            "examples/answers.toml",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: examples/answers.toml:7:1: assessment.questionnaire: these answers are for questionnaire \"itsm-core\", not \"desk-check\"\n  help: pass the questionnaire the answers were given with: --questionnaire FILE\n");
    // A vision for another questionnaire.
    let vision = f("vision-other-questionnaire.toml");
    itsm()
        .args(["report", "examples/answers.toml", "--vision", &vision])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: {vision}:1:1: questionnaire: this vision is for questionnaire \"itsm-lite\", but the assessment uses \"itsm-core\"\n  help: use a vision written for the same questionnaire as the answers\n"
        ));
}

#[test]
fn an_empty_file_of_a_given_kind_is_said_to_be_empty_in_either_format() {
    for name in ["empty.json", "blank.toml"] {
        let text = if name.ends_with(".json") {
            ""
        } else {
            "\n  \n"
        };
        let (_dir, path) = generated(name, text);
        itsm()
            .args(["validate", "--kind", "answers", &path])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!("error: {path}: the file is empty\n"));
    }
}
