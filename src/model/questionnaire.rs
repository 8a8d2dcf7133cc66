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
    /// Help for a respondent answering on their own (a self-assessment, a
    /// survey): in plain words, what to think about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
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
    /// The acceptance criterion of each level above the lowest, written as
    /// what is in place once it is reached ("Accepted when ..."): empty, or
    /// one fewer than the scale's levels. Plans use it where given, and the
    /// level's descriptor otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
    /// The effort of each step up, lowest first: empty (every step takes
    /// `effort`), or one fewer than the scale's levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub efforts: Vec<Effort>,
    /// Questions that must reach a level before this one is raised: a
    /// question id (it must stand at least at the level each step of this
    /// question reaches), or `{ question = "...", level = 3 }` (it must
    /// stand at that level before any step of this question).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Requirement>,
    /// Ids of questions of an earlier version of this questionnaire whose
    /// answers this question takes over: `compare` matches them across
    /// versions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Ids of questions of another questionnaire (for a pulse survey, the
    /// core questionnaire's) that this question informs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informs: Vec<String>,
}

/// A prerequisite of a question's steps.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Requirement {
    /// The question must stand at least at the level the step reaches.
    Question(String),
    /// The question must stand at `level` (or, without one, at the level
    /// the step reaches).
    Level {
        question: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        level: Option<f64>,
    },
}

impl Requirement {
    /// The id of the question required.
    pub fn question(&self) -> &str {
        match self {
            Requirement::Question(q) | Requirement::Level { question: q, .. } => q,
        }
    }

    /// The level it must stand at for a step that reaches `to`.
    pub fn level_for(&self, to: f64) -> f64 {
        match self {
            Requirement::Level {
                level: Some(level), ..
            } => *level,
            _ => to,
        }
    }
}

impl<'de> Deserialize<'de> for Requirement {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Requirement;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a question id, or a table like { question = \"processes.knowledge\", level = 3 }",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Requirement, E> {
                Ok(Requirement::Question(v.to_string()))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Requirement, M::Error> {
                use serde::de::Error;
                let (mut question, mut level) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "question" => question = Some(map.next_value::<String>()?),
                        "level" => level = Some(map.next_value::<f64>()?),
                        other => {
                            return Err(M::Error::unknown_field(other, &["question", "level"]));
                        }
                    }
                }
                let question = question.ok_or_else(|| M::Error::missing_field("question"))?;
                Ok(Requirement::Level { question, level })
            }
        }
        d.deserialize_any(Visit)
    }
}

impl Question {
    /// The effort of the step up from scale level `k` (from 0).
    pub fn effort_of_step(&self, k: usize) -> Effort {
        self.efforts.get(k).copied().unwrap_or(self.effort)
    }
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
                    ("help", q.help.as_ref()),
                    ("kpi", q.kpi.as_ref()),
                ] {
                    if let Some(value) = value {
                        let key = || format!("{}.{field}", name());
                        limits::check_text(p, src, &at(field), key, value);
                    }
                }
                for (field, count, most) in [
                    ("efforts", q.efforts.len(), limits::MAX_LEVELS),
                    ("requires", q.requires.len(), limits::MAX_REQUIRES),
                ] {
                    if count > most {
                        p.push(src.diag(
                            &at(field),
                            format!("{}.{field}", name()),
                            format!("has {count} entries; the most allowed is {most}"),
                        ));
                    }
                }
                for (field, list) in [
                    ("levels", &q.levels),
                    ("actions", &q.actions),
                    ("accepted", &q.accepted),
                    ("replaces", &q.replaces),
                    ("informs", &q.informs),
                ] {
                    let per_level = !matches!(field, "replaces" | "informs");
                    let most = if per_level {
                        limits::MAX_LEVELS
                    } else {
                        limits::MAX_REQUIRES
                    };
                    if list.len() > most {
                        let message = if per_level {
                            format!(
                                "has {} entries; a scale has at most {most} levels",
                                list.len()
                            )
                        } else {
                            format!("has {} entries; the most allowed is {most}", list.len())
                        };
                        p.push(src.diag(&at(field), format!("{}.{field}", name()), message));
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
        if problems.is_empty() {
            problems.extend(self.check_requires(src, &question_ids));
            problems.extend(self.check_replaces(src, &question_ids));
        }
        problems
    }

    /// A question replaces ids that are no longer questions here, each once;
    /// `informs` names question ids (of another questionnaire: checked
    /// where both are known).
    fn check_replaces(
        &self,
        src: &Source,
        ids: &std::collections::HashMap<&str, (usize, usize)>,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut replaced: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        for (ai, area) in self.area.iter().enumerate() {
            for (qi, q) in area.question.iter().enumerate() {
                for (field, list) in [("replaces", &q.replaces), ("informs", &q.informs)] {
                    for (i, id) in list.iter().enumerate() {
                        let at = path!["area", ai, "question", qi, field, i];
                        let key = || format!("question \"{}\".{field}[{}]", q.id, i + 1);
                        if id.trim().is_empty() {
                            problems.push(src.diag(&at, key(), "must be a question id, not empty"));
                            continue;
                        }
                        if field == "informs" {
                            continue;
                        }
                        if ids.contains_key(id.as_str()) {
                            problems.push(
                                src.diag(
                                    &at,
                                    key(),
                                    format!(
                                        "\"{}\" is still a question of this questionnaire; a question replaces one that is gone",
                                        limits::shown(id)
                                    ),
                                )
                                .help("remove it from replaces, or remove the old question"),
                            );
                        } else if let Some(first) = replaced.insert(id, &q.id) {
                            problems.push(src.diag(
                                &at,
                                key(),
                                format!(
                                    "\"{}\" is replaced by \"{first}\" already; an old question goes to one new one",
                                    limits::shown(id)
                                ),
                            ));
                        }
                    }
                }
            }
        }
        problems
    }

    /// Prerequisites name other questions of this questionnaire, and no
    /// question depends on itself through others.
    fn check_requires(
        &self,
        src: &Source,
        ids: &std::collections::HashMap<&str, (usize, usize)>,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (ai, area) in self.area.iter().enumerate() {
            for (qi, q) in area.question.iter().enumerate() {
                for (ri, r) in q.requires.iter().enumerate() {
                    let at = path!["area", ai, "question", qi, "requires", ri];
                    let key = || format!("question \"{}\".requires[{}]", q.id, ri + 1);
                    let id = r.question();
                    if id == q.id {
                        problems.push(src.diag(&at, key(), "a question cannot require itself"));
                    } else if !ids.contains_key(id) {
                        let mut d = src.diag(
                            &at,
                            key(),
                            format!(
                                "\"{}\" is not a question of this questionnaire",
                                limits::shown(id)
                            ),
                        );
                        let known = self.questions().map(|(_, q)| q.id.as_str());
                        if let Some(near) = crate::error::closest(id, known) {
                            d = d.help(format!("did you mean \"{near}\"?"));
                        }
                        problems.push(d);
                    }
                }
            }
        }
        if !problems.is_empty() {
            return problems;
        }
        // A cycle: depth-first search over the questions, in questionnaire order.
        let order: Vec<&Question> = self.questions().map(|(_, q)| q).collect();
        let by_id: std::collections::HashMap<&str, &Question> =
            order.iter().map(|q| (q.id.as_str(), *q)).collect();
        // 0 unseen, 1 on the path, 2 done.
        let mut state: std::collections::HashMap<&str, u8> = std::collections::HashMap::new();
        for start in &order {
            if state.contains_key(start.id.as_str()) {
                continue;
            }
            // (question, next requirement to follow)
            let mut path: Vec<(&Question, usize)> = vec![(start, 0)];
            state.insert(&start.id, 1);
            while let Some((q, next)) = path.last_mut() {
                let Some(r) = q.requires.get(*next) else {
                    state.insert(&q.id, 2);
                    path.pop();
                    continue;
                };
                *next += 1;
                let Some(&dep) = by_id.get(r.question()) else {
                    continue;
                };
                match state.get(dep.id.as_str()) {
                    None => {
                        state.insert(&dep.id, 1);
                        path.push((dep, 0));
                    }
                    Some(1) => {
                        let from = path.iter().position(|(p, _)| p.id == dep.id).unwrap_or(0);
                        let mut ring: Vec<&str> =
                            path[from..].iter().map(|(p, _)| p.id.as_str()).collect();
                        ring.push(&dep.id);
                        let (ai, qi) = ids[dep.id.as_str()];
                        return vec![
                            src.diag(
                                &path!["area", ai, "question", qi, "requires"],
                                format!("question \"{}\".requires", dep.id),
                                format!("the prerequisites go round in a circle: {}", ring.join(" -> ")),
                            )
                            .help("remove one of these requires entries, so that one of the questions can be raised first"),
                        ];
                    }
                    Some(_) => {}
                }
            }
        }
        Vec::new()
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
    fn help_replaces_and_informs_are_read() {
        let text = ONE.replace(
            "levels = [\"no\", \"yes\"]",
            "levels = [\"no\", \"yes\"]\nhelp = \"Think of last month.\"\nreplaces = [\"a.old\"]\ninforms = [\"core.x\"]",
        );
        let q = parse(&text).unwrap();
        let one = &q.area[0].question[0];
        assert_eq!(one.help.as_deref(), Some("Think of last month."));
        assert_eq!(one.replaces, ["a.old"]);
        assert_eq!(one.informs, ["core.x"]);
    }

    #[test]
    fn a_question_replaces_only_what_is_gone_and_each_once() {
        let text = format!(
            "{ONE}[[area.question]]\nid = \"a.two\"\ntitle = \"Two\"\ntext = \"?\"\nlevels = [\"no\", \"yes\"]\nreplaces = [\"a.one\", \"a.old\"]\n[[area.question]]\nid = \"a.three\"\ntitle = \"Three\"\ntext = \"?\"\nlevels = [\"no\", \"yes\"]\nreplaces = [\"a.old\", \" \"]\n"
        );
        let e = parse(&text).unwrap_err().to_string();
        assert!(
            e.contains("question \"a.two\".replaces[1]: \"a.one\" is still a question of this questionnaire; a question replaces one that is gone"),
            "{e}"
        );
        assert!(
            e.contains("question \"a.three\".replaces[1]: \"a.old\" is replaced by \"a.two\" already; an old question goes to one new one"),
            "{e}"
        );
        assert!(
            e.contains("question \"a.three\".replaces[2]: must be a question id, not empty"),
            "{e}"
        );
    }

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

    fn with_second(extra: &str) -> String {
        format!(
            "{ONE}{extra}\n[[area.question]]\nid = \"a.two\"\ntitle = \"Two\"\ntext = \"?\"\nlevels = [\"no\", \"yes\"]\n"
        )
    }

    #[test]
    fn requires_names_a_known_other_question() {
        let err = parse(&with_second("requires = [\"a.tow\"]"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "q.toml:12:13: question \"a.one\".requires[1]: \"a.tow\" is not a question of this questionnaire\n  help: did you mean \"a.two\"?"
        );
        let err = parse(&with_second("requires = [\"a.one\"]"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("question \"a.one\".requires[1]: a question cannot require itself"),
            "{err}"
        );
        let q = parse(&with_second(
            "requires = [\"a.two\", { question = \"a.two\", level = 1 }]",
        ))
        .unwrap();
        assert_eq!(
            q.area[0].question[0].requires,
            [
                Requirement::Question("a.two".into()),
                Requirement::Level {
                    question: "a.two".into(),
                    level: Some(1.0)
                }
            ]
        );
    }

    #[test]
    fn a_requirement_of_the_wrong_shape_says_what_is_expected() {
        let err = parse(&with_second("requires = [3]"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "a question id, or a table like { question = \"processes.knowledge\", level = 3 }"
            ),
            "{err}"
        );
        let err = parse(&with_second(
            "requires = [{ question = \"a.two\", lvl = 3 }]",
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown field `lvl`"), "{err}");
        let err = parse(&with_second("requires = [{ level = 3 }]"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing field `question`"), "{err}");
    }

    #[test]
    fn prerequisites_that_go_round_in_a_circle_are_an_error() {
        let text = format!(
            "{ONE}requires = [\"a.two\"]\n[[area.question]]\nid = \"a.two\"\ntitle = \"Two\"\ntext = \"?\"\nlevels = [\"no\", \"yes\"]\nrequires = [\"a.three\"]\n\
             [[area.question]]\nid = \"a.three\"\ntitle = \"Three\"\ntext = \"?\"\nlevels = [\"no\", \"yes\"]\nrequires = [\"a.one\"]\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains(
                "the prerequisites go round in a circle: a.one -> a.two -> a.three -> a.one"
            ),
            "{err}"
        );
        assert!(
            err.contains("remove one of these requires entries"),
            "{err}"
        );
    }

    #[test]
    fn a_step_takes_its_own_effort_or_the_question_s() {
        let q = parse(&ONE.replace("levels", "efforts = [\"high\"]\nlevels")).unwrap();
        assert_eq!(q.area[0].question[0].effort_of_step(0), Effort::High);
        let q = parse(ONE).unwrap();
        assert_eq!(q.area[0].question[0].effort_of_step(0), Effort::Medium);
    }
}
