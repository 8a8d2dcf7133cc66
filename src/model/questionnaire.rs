//! The questionnaire: what is asked, area by area.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error};
use crate::limits;
use crate::path;
use crate::source::{Seg, Source};

/// Effort for the organisation to improve a question by one level.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Effort {
    Low,
    #[default]
    Medium,
    High,
}

impl Effort {
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }
}

/// A questionnaire: areas, each with its questions.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = |s: &mut schemars::Schema| crate::schema::require(s, &["area"]))]
pub struct Questionnaire {
    /// Unique id; answers files and rubrics refer to the questionnaire by it.
    #[schemars(length(min = 1))]
    pub id: String,
    /// The name shown at the top of reports.
    pub title: String,
    /// The version of this content, e.g. "1.0.0".
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// The areas, in the order they are asked.
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub area: Vec<Area>,
    /// Where an editor finds this file's JSON Schema; ignored by the tool.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
}

/// One area of the assessment: processes, tools, training, management.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = |s: &mut schemars::Schema| crate::schema::require(s, &["question"]))]
pub struct Area {
    /// Unique among the areas; weights and targets refer to the area by it.
    #[schemars(length(min = 1))]
    pub id: String,
    /// The name shown in reports.
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The questions of this area, in the order they are asked.
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub question: Vec<Question>,
}

/// One question, with a descriptor per scale level.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique across all areas and stable: answers files refer to the question by it.
    #[schemars(length(min = 1))]
    pub id: String,
    /// A short label used in reports.
    pub title: String,
    /// The question as put to the respondent.
    pub text: String,
    /// Help for the interviewer: what to ask for, what to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// Effort for the organisation to improve by one level; decides quick wins.
    #[serde(default)]
    pub effort: Effort,
    /// How progress on this question is measured, for improvement plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<String>,
    /// What the question looks like at each level of the rubric's scale, lowest first: one per level.
    #[schemars(length(min = 1))]
    pub levels: Vec<String>,
    /// What to do to reach each next level: empty, or one fewer than the scale's levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
}

impl Questionnaire {
    /// Reads and checks a questionnaire on its own (the scale is checked
    /// against a rubric when the two are put together).
    pub fn parse(src: &Source) -> Result<Questionnaire, Error> {
        let q: Questionnaire = src.parse()?;
        let over = q.check_limits(src);
        if !over.is_empty() {
            return Err(Error::invalid(over));
        }
        let problems = q.check(src);
        if problems.is_empty() {
            Ok(q)
        } else {
            Err(Error::invalid(problems))
        }
    }

    /// Every question, with its area, in questionnaire order.
    pub fn questions(&self) -> impl Iterator<Item = (&Area, &Question)> {
        self.area
            .iter()
            .flat_map(|a| a.question.iter().map(move |q| (a, q)))
    }

    /// The limits on its size: areas, questions, levels, and every text.
    fn check_limits(&self, src: &Source) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let areas = self.area.len();
        problems.extend(limits::check_count(
            src,
            &path!["area", limits::MAX_AREAS, "id"],
            "area",
            "areas",
            areas,
            limits::MAX_AREAS,
        ));
        let questions: usize = self.area.iter().map(|a| a.question.len()).sum();
        if questions > limits::MAX_QUESTIONS {
            // The first question past the limit, for its line.
            let mut left = limits::MAX_QUESTIONS;
            let mut at = path!["area"].to_vec();
            for (ai, area) in self.area.iter().enumerate() {
                if left < area.question.len() {
                    at = path!["area", ai, "question", left, "id"].to_vec();
                    break;
                }
                left -= area.question.len();
            }
            problems.extend(limits::check_count(
                src,
                &at,
                "question",
                "questions",
                questions,
                limits::MAX_QUESTIONS,
            ));
        }
        if !problems.is_empty() {
            return problems;
        }
        let p = &mut problems;
        limits::check_text(p, src, &path!["id"], || "id".into(), &self.id);
        limits::check_text(p, src, &path!["title"], || "title".into(), &self.title);
        limits::check_text(
            p,
            src,
            &path!["version"],
            || "version".into(),
            &self.version,
        );
        let at = path!["description"];
        limits::check_text(p, src, &at, || "description".into(), &self.description);
        for (ai, area) in self.area.iter().enumerate() {
            let name = || format!("area \"{}\"", limits::shown(&area.id));
            for (field, value) in [
                ("id", &area.id),
                ("title", &area.title),
                ("description", &area.description),
            ] {
                let at = path!["area", ai, field];
                limits::check_text(p, src, &at, || format!("{}.{field}", name()), value);
            }
            for (qi, q) in area.question.iter().enumerate() {
                let name = || format!("question \"{}\"", limits::shown(&q.id));
                let at = |field: &str| path!["area", ai, "question", qi, field];
                for (field, value) in [
                    ("id", Some(&q.id)),
                    ("title", Some(&q.title)),
                    ("text", Some(&q.text)),
                    ("guidance", q.guidance.as_ref()),
                    ("kpi", q.kpi.as_ref()),
                ] {
                    if let Some(value) = value {
                        let key = || format!("{}.{field}", name());
                        limits::check_text(p, src, &at(field), key, value);
                    }
                }
                for (field, list) in [("levels", &q.levels), ("actions", &q.actions)] {
                    if list.len() > limits::MAX_LEVELS {
                        p.push(src.diag(
                            &at(field),
                            format!("{}.{field}", name()),
                            format!(
                                "has {} entries; a scale has at most {} levels",
                                list.len(),
                                limits::MAX_LEVELS
                            ),
                        ));
                        continue;
                    }
                    for (i, value) in list.iter().enumerate() {
                        let mut path = at(field).to_vec();
                        path.push(Seg::Index(i));
                        let key = || format!("{}.{field}[{}]", name(), i + 1);
                        limits::check_text(p, src, &path, key, value);
                    }
                }
            }
        }
        problems
    }

    fn check(&self, src: &Source) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if self.id.trim().is_empty() {
            problems.push(src.diag(&path!["id"], "id", "must not be empty"));
        }
        if self.area.is_empty() {
            problems.push(
                Diagnostic::new(&src.name, "has no areas")
                    .help("add at least one [[area]] with its [[area.question]] entries"),
            );
        }
        let mut area_ids = std::collections::HashSet::new();
        let mut question_ids: std::collections::HashMap<&str, (usize, usize)> =
            std::collections::HashMap::new();
        for (ai, area) in self.area.iter().enumerate() {
            if area.id.trim().is_empty() {
                problems.push(src.diag(&path!["area", ai, "id"], "area.id", "must not be empty"));
            } else if !area_ids.insert(area.id.as_str()) {
                problems.push(src.diag(
                    &path!["area", ai, "id"],
                    format!("area \"{}\"", area.id),
                    "duplicate area id; each area needs its own id",
                ));
            }
            if area.question.is_empty() {
                problems.push(src.diag(
                    &path!["area", ai, "id"],
                    format!("area \"{}\"", area.id),
                    "has no questions; add [[area.question]] entries after it",
                ));
            }
            for (qi, question) in area.question.iter().enumerate() {
                let at = path!["area", ai, "question", qi, "id"];
                if question.id.trim().is_empty() {
                    problems.push(src.diag(&at, "question.id", "must not be empty"));
                } else if let Some(&first) = question_ids.get(question.id.as_str()) {
                    let (line, _) = src
                        .locate(&path!["area", first.0, "question", first.1, "id"])
                        .unwrap_or((0, 0));
                    let mut d = src.diag(
                        &at,
                        format!("question \"{}\"", question.id),
                        "duplicate question id; question ids must be unique across all areas",
                    );
                    if line > 0 {
                        d = d.help(format!("the first one is on line {line}"));
                    }
                    problems.push(d);
                } else {
                    question_ids.insert(question.id.as_str(), (ai, qi));
                }
                if question.levels.is_empty() {
                    problems.push(src.diag(
                        &path!["area", ai, "question", qi, "levels"],
                        format!("question \"{}\".levels", question.id),
                        "needs one descriptor per scale level",
                    ));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn parse(text: &str) -> Result<Questionnaire, Error> {
        Questionnaire::parse(&Source::new("q.toml", text, Format::Toml))
    }

    const ONE: &str = r#"
id = "q"
title = "Q"
[[area]]
id = "a"
title = "A"
[[area.question]]
id = "a.one"
title = "One"
text = "?"
levels = ["no", "yes"]
"#;

    #[test]
    fn effort_defaults_to_medium_and_orders_low_first() {
        let q = parse(ONE).unwrap();
        assert_eq!(q.area[0].question[0].effort, Effort::Medium);
        assert!(Effort::Low < Effort::Medium && Effort::Medium < Effort::High);
    }

    #[test]
    fn duplicate_question_ids_are_reported_with_the_first_line() {
        let text = format!(
            "{ONE}\n[[area.question]]\nid = \"a.one\"\ntitle = \"Again\"\ntext = \"?\"\nlevels = [\"no\", \"yes\"]\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("q.toml:14:1: question \"a.one\": duplicate question id"),
            "{err}"
        );
        assert!(err.contains("the first one is on line 8"), "{err}");
        // A third one still points at the first, not at the second.
        let again = "\n[[area.question]]\nid = \"a.one\"\ntitle = \"Again\"\ntext = \"?\"\nlevels = [\"no\", \"yes\"]\n";
        let err = parse(&format!("{text}{again}")).unwrap_err().to_string();
        assert_eq!(
            err.matches("the first one is on line 8").count(),
            2,
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_position() {
        let err = parse(&ONE.replace("text = \"?\"", "txt = \"?\""))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("q.toml:10:1: "), "{err}");
        assert!(err.contains("unknown field `txt`"), "{err}");
    }

    #[test]
    fn area_without_questions_is_an_error() {
        let err = parse("id = \"q\"\ntitle = \"Q\"\n[[area]]\nid = \"a\"\ntitle = \"A\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("area \"a\": has no questions"), "{err}");
    }

    /// A questionnaire of `areas` areas with `per_area` questions each.
    fn sized(areas: usize, per_area: usize) -> String {
        let mut text = String::from("id = \"q\"\ntitle = \"Q\"\n");
        for a in 0..areas {
            text.push_str(&format!("[[area]]\nid = \"a{a}\"\ntitle = \"A\"\n"));
            for q in 0..per_area {
                text.push_str(&format!(
                    "[[area.question]]\nid = \"a{a}.q{q}\"\ntitle = \"T\"\ntext = \"?\"\nlevels = [\"x\", \"y\"]\n"
                ));
            }
        }
        text
    }

    #[test]
    fn the_most_questions_pass_and_one_more_is_shown_at_its_line() {
        let max = limits::MAX_QUESTIONS;
        assert!(parse(&sized(10, max / 10)).is_ok());
        let text = sized(10, max / 10)
            + "[[area.question]]\nid = \"extra\"\ntitle = \"T\"\ntext = \"?\"\nlevels = [\"x\", \"y\"]\n";
        let line = text.lines().position(|l| l == "id = \"extra\"").unwrap() + 1;
        let err = parse(&text).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "q.toml:{line}:1: question: there are {} questions; the most allowed is {max}",
                max + 1
            )
        );
    }

    #[test]
    fn too_many_areas_is_one_error() {
        let err = parse(&sized(limits::MAX_AREAS + 1, 1)).unwrap_err();
        let problems = err.diagnostics();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].message,
            format!(
                "there are {} areas; the most allowed is {}",
                limits::MAX_AREAS + 1,
                limits::MAX_AREAS
            )
        );
    }

    #[test]
    fn over_long_texts_and_descriptor_lists_name_their_question() {
        let long = "x".repeat(limits::MAX_TEXT_CHARS + 1);
        let many = vec!["\"d\""; limits::MAX_LEVELS + 1].join(", ");
        let text = format!(
            "id = \"q\"\ntitle = \"Q\"\n[[area]]\nid = \"a\"\ntitle = \"A\"\n\
             [[area.question]]\nid = \"a.one\"\ntitle = \"T\"\ntext = \"{long}\"\nlevels = [{many}]\n"
        );
        let err = parse(&text).unwrap_err();
        let shown: Vec<String> = err.diagnostics().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                format!(
                    "q.toml:9:1: question \"a.one\".text: is {} characters long; the longest text allowed is {}\n  \
                     help: shorten it, or move the detail to a document and refer to it",
                    limits::MAX_TEXT_CHARS + 1,
                    limits::MAX_TEXT_CHARS
                ),
                format!(
                    "q.toml:10:1: question \"a.one\".levels: has {} entries; a scale has at most {} levels",
                    limits::MAX_LEVELS + 1,
                    limits::MAX_LEVELS
                ),
            ]
        );
    }
}
