//! Teams: many respondents aggregated per question, overall and by role,
//! with the spread of their answers and the perception gaps between roles.
//!
//! Everything is kept as counts per scale level, so a tally takes the same
//! memory for ten respondents as for a million, the median is exact, and the
//! order in which respondents arrive never changes a result.

use std::collections::{BTreeMap, BTreeSet};

use crate::limits;
use crate::model::answers::AnswerMap;
use crate::model::instrument::EPSILON;
use crate::model::{Answer, Answers, Assessment, Date, Instrument, Response, Vision};
use crate::score::{
    AssessmentInfo, PerceptionGap, RoleArea, RoleQuestion, RoleScore, RoleValue, Scope, Scorecard,
    Spread, score,
};
use crate::survey::{Comment, ExportInfo};

/// How the respondents' levels on a question become one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Aggregate {
    #[default]
    Mean,
    Median,
}

/// The role name used for respondents who gave none.
pub const NO_ROLE: &str = "(no role)";

/// Counts for one question: respondents per scale level, n/a answers, and
/// the respondents' own targets.
#[derive(Debug, Clone, Default, PartialEq)]
struct QuestionTally {
    levels: Vec<u64>,
    not_applicable: u64,
    /// Own targets, by their bit pattern, so sums run in a fixed order.
    targets: BTreeMap<u64, u64>,
}

impl QuestionTally {
    fn new(scale: usize) -> QuestionTally {
        QuestionTally {
            levels: vec![0; scale],
            ..QuestionTally::default()
        }
    }

    fn n(&self) -> u64 {
        self.levels.iter().sum()
    }

    fn merge(&mut self, other: &QuestionTally) {
        for (a, b) in self.levels.iter_mut().zip(&other.levels) {
            *a += b;
        }
        self.not_applicable += other.not_applicable;
        for (bits, count) in &other.targets {
            *self.targets.entry(*bits).or_insert(0) += count;
        }
    }

    /// (value, count) for every level somebody chose, ascending.
    fn counts<'a>(&'a self, values: &'a [f64]) -> impl Iterator<Item = (f64, u64)> + 'a {
        values
            .iter()
            .zip(&self.levels)
            .filter(|(_, c)| **c > 0)
            .map(|(v, c)| (*v, *c))
    }

    fn mean(&self, values: &[f64]) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| self.counts(values).map(|(v, c)| v * c as f64).sum::<f64>() / n as f64)
    }

    /// The exact median: the middle value, or the mean of the two middle ones.
    fn median(&self, values: &[f64]) -> Option<f64> {
        let n = self.n();
        if n == 0 {
            return None;
        }
        let nth = |rank: u64| {
            let mut seen = 0;
            for (v, c) in self.counts(values) {
                seen += c;
                if rank < seen {
                    return v;
                }
            }
            f64::NAN
        };
        Some(if n % 2 == 1 {
            nth(n / 2)
        } else {
            (nth(n / 2 - 1) + nth(n / 2)) / 2.0
        })
    }

    fn spread(&self, values: &[f64]) -> Spread {
        let n = self.n();
        let min = self.counts(values).map(|(v, _)| v).next();
        let max = self.counts(values).map(|(v, _)| v).last();
        let stdev = self.mean(values).map(|mean| {
            let var = self
                .counts(values)
                .map(|(v, c)| (v - mean).powi(2) * c as f64)
                .sum::<f64>()
                / n as f64;
            var.sqrt()
        });
        Spread { n, min, max, stdev }
    }

    fn target(&self) -> Option<f64> {
        let n: u64 = self.targets.values().sum();
        (n > 0).then(|| {
            self.targets
                .iter()
                .map(|(bits, c)| f64::from_bits(*bits) * *c as f64)
                .sum::<f64>()
                / n as f64
        })
    }

    fn response(&self, values: &[f64], how: Aggregate) -> Response {
        let value = match how {
            Aggregate::Mean => self.mean(values),
            Aggregate::Median => self.median(values),
        };
        match value {
            Some(v) => Response::Level(v),
            None if self.not_applicable > 0 => Response::NotApplicable,
            None => Response::Unanswered,
        }
    }
}

/// A group of respondents: everyone, or one role.
#[derive(Debug, Clone, PartialEq)]
struct Group {
    respondents: u64,
    questions: Vec<QuestionTally>,
}

impl Group {
    fn new(questions: usize, scale: usize) -> Group {
        Group {
            respondents: 0,
            questions: vec![QuestionTally::new(scale); questions],
        }
    }

    fn merge(&mut self, other: &Group) {
        self.respondents += other.respondents;
        for (a, b) in self.questions.iter_mut().zip(&other.questions) {
            a.merge(b);
        }
    }

    /// The group's answers, aggregated into one synthetic respondent.
    fn answers(&self, instrument: &Instrument, values: &[f64], how: Aggregate) -> Answers {
        let mut answers =
            AnswerMap::with_capacity_and_hasher(self.questions.len(), Default::default());
        for ((_, q), t) in instrument.questionnaire.questions().zip(&self.questions) {
            answers.insert(
                q.id.clone(),
                Answer {
                    response: t.response(values, how),
                    target: t.target(),
                    note: None,
                },
            );
        }
        Answers {
            assessment: Assessment {
                questionnaire: instrument.questionnaire.id.clone(),
                ..Assessment::default()
            },
            answers,
        }
    }
}

/// One respondent's answer to one question, by position in the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reply {
    pub position: usize,
    pub response: Response,
    pub target: Option<f64>,
}

/// Running counts over any number of respondents of one questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    values: Vec<f64>,
    all: Group,
    /// By role, keyed case-insensitively; the name kept is the smallest
    /// spelling seen, so it does not depend on who came first.
    roles: BTreeMap<String, (String, Group)>,
    organizations: BTreeSet<String>,
    latest: Option<Date>,
    /// How each survey export was read.
    exports: Vec<ExportInfo>,
    /// The respondents' comments, in the order read, up to [`MAX_COMMENTS`].
    comments: Vec<Comment>,
    comments_left_out: u64,
    /// Respondents whose role would have been one past [`MAX_ROLES`].
    roles_refused: u64,
    /// The fewest respondents a role needs to be shown on its own.
    min_group: u64,
    /// The keys of the roles met last, so a row's role is not folded to
    /// lower case again (a survey has a handful of roles).
    keys: RoleKeys,
}

/// Role texts as given and their keys; not part of what a tally holds.
#[derive(Debug, Clone, Default)]
struct RoleKeys(Vec<(String, String)>);

impl PartialEq for RoleKeys {
    fn eq(&self, _: &RoleKeys) -> bool {
        true
    }
}

/// Role texts whose keys are kept.
const ROLE_KEYS: usize = 16;

impl RoleKeys {
    /// The key of a role: its lower-case form.
    fn key(&mut self, role: &str) -> &str {
        let at = match self.0.iter().position(|(r, _)| r == role) {
            Some(at) => at,
            None => {
                if self.0.len() >= ROLE_KEYS {
                    self.0.remove(0);
                }
                self.0.push((role.to_string(), role.to_lowercase()));
                self.0.len() - 1
            }
        };
        &self.0[at].1
    }
}

/// Comments kept for a report; more are counted.
pub const MAX_COMMENTS: usize = 1_000;

impl Tally {
    pub fn new(instrument: &Instrument) -> Tally {
        let values: Vec<f64> = instrument.scale().iter().map(|l| l.value).collect();
        Tally {
            all: Group::new(instrument.question_count(), values.len()),
            values,
            roles: BTreeMap::new(),
            organizations: BTreeSet::new(),
            latest: None,
            exports: Vec::new(),
            comments: Vec::new(),
            comments_left_out: 0,
            roles_refused: 0,
            min_group: 1,
            keys: RoleKeys::default(),
        }
    }

    /// Anonymity: roles with fewer respondents than `n` are left out of the
    /// role view and the perception gaps (their respondents still count).
    pub fn set_min_group(&mut self, n: u64) {
        self.min_group = n.max(1);
    }

    /// Respondents whose role was one more distinct role than
    /// [`limits::MAX_ROLES`]: the team's roles are not all known, which the
    /// caller must report as an error rather than show a partial breakdown.
    pub fn roles_refused(&self) -> u64 {
        self.roles_refused
    }

    /// Records how a survey export was read, for the report.
    pub fn add_export(&mut self, info: ExportInfo) {
        self.exports.push(info);
    }

    /// Keeps a respondent's comment for the report.
    pub fn add_comment(&mut self, comment: Comment) {
        if self.comments.len() < MAX_COMMENTS {
            self.comments.push(comment);
        } else {
            self.comments_left_out += 1;
        }
    }

    /// How each survey export was read.
    pub fn exports(&self) -> &[ExportInfo] {
        &self.exports
    }

    /// Respondents counted so far.
    pub fn respondents(&self) -> u64 {
        self.all.respondents
    }

    /// Adds one respondent's answers (already checked against `instrument`).
    pub fn add(&mut self, instrument: &Instrument, answers: &Answers) {
        let responses = answers.answers.iter().filter_map(|(id, a)| {
            Some(Reply {
                position: instrument.position(id)?,
                response: a.response,
                target: a.target,
            })
        });
        let a = &answers.assessment;
        self.add_responses(
            instrument,
            a.role.as_deref(),
            a.organization.as_deref(),
            a.date,
            responses,
        );
    }

    /// Adds one respondent given as responses by question position.
    pub fn add_responses(
        &mut self,
        instrument: &Instrument,
        role: Option<&str>,
        organization: Option<&str>,
        date: Option<Date>,
        responses: impl IntoIterator<Item = Reply>,
    ) {
        let role = role
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or(NO_ROLE);
        let key = self.keys.key(role);
        let (questions, scale) = (self.all.questions.len(), self.values.len());
        if !self.roles.contains_key(key) {
            // Every distinct role costs a group of counts: memory is
            // bounded by refusing roles past the limit.
            if self.roles.len() >= limits::MAX_ROLES {
                self.roles_refused += 1;
                return;
            }
            self.roles.insert(
                key.to_string(),
                (role.to_string(), Group::new(questions, scale)),
            );
        }
        let Some(entry) = self.roles.get_mut(key) else {
            return;
        };
        if role < entry.0.as_str() {
            entry.0 = role.to_string();
        }
        let group = &mut entry.1;
        group.respondents += 1;
        self.all.respondents += 1;
        for r in responses {
            let (Some(all), Some(mine)) = (
                self.all.questions.get_mut(r.position),
                group.questions.get_mut(r.position),
            ) else {
                continue;
            };
            match r.response {
                Response::Level(v) => {
                    // A survey gives the scale's own values: an exact match
                    // first, the tolerant one for values computed elsewhere.
                    let i = self
                        .values
                        .iter()
                        .position(|x| *x == v)
                        .or_else(|| instrument.level_index(v));
                    if let Some(i) = i {
                        all.levels[i] += 1;
                        mine.levels[i] += 1;
                    }
                }
                Response::NotApplicable => {
                    all.not_applicable += 1;
                    mine.not_applicable += 1;
                }
                Response::Unanswered => {}
            }
            if let Some(t) = r.target {
                *all.targets.entry(t.to_bits()).or_insert(0) += 1;
            }
        }
        // Only whether there is one organisation matters: two are kept.
        if let Some(org) = organization.map(str::trim).filter(|o| !o.is_empty())
            && self.organizations.len() < 2
            && !self.organizations.contains(org)
        {
            self.organizations.insert(org.to_string());
        }
        if date > self.latest {
            self.latest = date;
        }
    }

    /// Adds another tally of the same questionnaire (from another thread).
    pub fn merge(&mut self, other: &Tally) {
        self.all.merge(&other.all);
        for (key, (name, group)) in &other.roles {
            let full = self.roles.len() >= limits::MAX_ROLES;
            match self.roles.get_mut(key) {
                Some((mine, g)) => {
                    if name < mine {
                        mine.clone_from(name);
                    }
                    g.merge(group);
                }
                None if full => {
                    self.roles_refused += group.respondents;
                }
                None => {
                    self.roles
                        .insert(key.clone(), (name.clone(), group.clone()));
                }
            }
        }
        self.roles_refused += other.roles_refused;
        self.organizations
            .extend(other.organizations.iter().cloned());
        while self.organizations.len() > 2 {
            self.organizations.pop_last();
        }
        if other.latest > self.latest {
            self.latest = other.latest;
        }
        self.exports.extend(other.exports.iter().cloned());
        for c in &other.comments {
            self.add_comment(c.clone());
        }
        self.comments_left_out += other.comments_left_out;
    }

    /// The aggregated answers of everyone: one synthetic respondent.
    pub fn answers(&self, instrument: &Instrument, how: Aggregate) -> Answers {
        self.all.answers(instrument, &self.values, how)
    }

    /// Scores the team: the core rules on the aggregated answers, plus the
    /// spread per question, the roles and the perception gaps.
    pub fn finish(
        &self,
        instrument: &Instrument,
        vision: Option<&Vision>,
        how: Aggregate,
        mut info: AssessmentInfo,
    ) -> Scorecard {
        if self.organizations.len() == 1 {
            info.organization = info
                .organization
                .or_else(|| self.organizations.first().cloned());
        }
        info.date = info.date.or(self.latest);
        let mut card = score(instrument, &self.answers(instrument, how), vision, info);
        let disagreement = instrument.rubric.gap.disagreement;
        for (q, t) in card.questions.iter_mut().zip(&self.all.questions) {
            let spread = t.spread(&self.values);
            q.disagreement = Some(match (spread.min, spread.max) {
                (Some(lo), Some(hi)) => hi - lo + EPSILON >= disagreement,
                _ => false,
            });
            q.spread = Some(spread);
        }
        card.respondents = Some(self.all.respondents);

        // Each role scored on its own, with the same rules.
        let mut roles = Vec::new();
        let mut role_cards = Vec::new();
        let mut hidden = crate::score::HiddenRoles {
            min_group: self.min_group,
            roles: 0,
            respondents: 0,
        };
        for (name, group) in self.roles.values() {
            // Too few to be shown: a lone respondent of a role would be
            // identified by it.
            if group.respondents < self.min_group {
                hidden.roles += 1;
                hidden.respondents += group.respondents;
                continue;
            }
            let c = score(
                instrument,
                &group.answers(instrument, &self.values, how),
                vision,
                AssessmentInfo::default(),
            );
            roles.push(RoleScore {
                role: name.clone(),
                respondents: group.respondents,
                areas: c
                    .areas
                    .iter()
                    .map(|a| RoleArea {
                        id: a.id.clone(),
                        current: a.current,
                    })
                    .collect(),
                questions: c
                    .questions
                    .iter()
                    .map(|q| RoleQuestion {
                        id: q.id.clone(),
                        current: q.current,
                    })
                    .collect(),
            });
            role_cards.push((name.clone(), c));
        }
        roles.sort_by(|a, b| a.role.cmp(&b.role));
        let mut gaps = Vec::new();
        for area in &card.areas {
            let values = role_cards
                .iter()
                .filter_map(|(role, c)| Some((role, c.area(&area.id)?.current?)));
            if let Some(g) = perception_gap(Scope::Area, &area.id, &area.title, values) {
                gaps.push(g);
            }
        }
        for q in &card.questions {
            let values = role_cards
                .iter()
                .filter_map(|(role, c)| Some((role, c.question(&q.id)?.current?)));
            if let Some(g) = perception_gap(Scope::Question, &q.id, &q.title, values) {
                gaps.push(g);
            }
        }
        // Stable: areas before questions, questionnaire order, among equals.
        gaps.sort_by(|a, b| b.gap.total_cmp(&a.gap));
        card.roles = Some(roles);
        card.hidden_roles = (hidden.roles > 0).then_some(hidden);
        card.perception_gaps = Some(gaps);
        if !self.exports.is_empty() {
            let mut exports = self.exports.clone();
            exports.sort_by(|a, b| a.file.cmp(&b.file));
            card.exports = Some(exports);
        }
        if !self.comments.is_empty() {
            let mut comments = self.comments.clone();
            // A comment must not name a role too small to be shown.
            for c in &mut comments {
                let small = c.role.as_deref().is_some_and(|r| {
                    self.roles
                        .get(&r.trim().to_lowercase())
                        .is_some_and(|(_, g)| g.respondents < self.min_group)
                });
                if small {
                    c.role = None;
                }
            }
            if self.comments_left_out > 0 {
                comments.push(Comment {
                    respondent: None,
                    role: None,
                    text: format!(
                        "... and {} more comments, left out of this report",
                        self.comments_left_out
                    ),
                });
            }
            card.comments = Some(comments);
        }
        card
    }
}

fn perception_gap<'a>(
    scope: Scope,
    id: &str,
    title: &str,
    values: impl Iterator<Item = (&'a String, f64)>,
) -> Option<PerceptionGap> {
    let values: Vec<(&String, f64)> = values.collect();
    if values.len() < 2 {
        return None;
    }
    // Ties go to the role that sorts first, whatever the input order.
    let pick = |better: fn(f64, f64) -> bool| {
        values.iter().copied().reduce(|a, b| {
            if better(b.1, a.1) || (b.1 == a.1 && b.0 < a.0) {
                b
            } else {
                a
            }
        })
    };
    let (hi_role, hi) = pick(|x, y| x > y)?;
    let (lo_role, lo) = pick(|x, y| x < y)?;
    (hi - lo > EPSILON).then(|| PerceptionGap {
        scope,
        id: id.to_string(),
        title: title.to_string(),
        gap: hi - lo,
        highest: RoleValue {
            role: hi_role.clone(),
            current: hi,
        },
        lowest: RoleValue {
            role: lo_role.clone(),
            current: lo,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;

    fn instrument() -> Instrument {
        BuiltIn::find("itsm-core").unwrap().instrument().unwrap()
    }

    fn respondent(role: &str, pairs: &[(&str, Response)]) -> Answers {
        let mut a = Answers::new(Assessment {
            questionnaire: "itsm-core".into(),
            role: (!role.is_empty()).then(|| role.to_string()),
            ..Assessment::default()
        });
        for (id, r) in pairs {
            a.set(
                id,
                Answer {
                    response: *r,
                    target: None,
                    note: None,
                },
            );
        }
        a
    }

    fn tally(people: &[Answers]) -> Tally {
        let i = instrument();
        let mut t = Tally::new(&i);
        for p in people {
            t.add(&i, p);
        }
        t
    }

    const Q: &str = "processes.incident";
    use Response::{Level, NotApplicable};

    #[test]
    fn mean_and_median_leave_out_not_applicable_and_unanswered() {
        let i = instrument();
        let t = tally(&[
            respondent("", &[(Q, Level(1.0))]),
            respondent("", &[(Q, Level(2.0))]),
            respondent("", &[(Q, Level(5.0))]),
            respondent("", &[(Q, NotApplicable)]),
            respondent("", &[]),
        ]);
        let mean = t.answers(&i, Aggregate::Mean);
        assert_eq!(mean.get(Q).unwrap().response, Level(8.0 / 3.0));
        let median = t.answers(&i, Aggregate::Median);
        assert_eq!(median.get(Q).unwrap().response, Level(2.0));
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let i = instrument();
        let t = tally(&[
            respondent("", &[(Q, Level(1.0))]),
            respondent("", &[(Q, Level(2.0))]),
            respondent("", &[(Q, Level(3.0))]),
            respondent("", &[(Q, Level(5.0))]),
        ]);
        assert_eq!(
            t.answers(&i, Aggregate::Median).get(Q).unwrap().response,
            Level(2.5)
        );
    }

    #[test]
    fn a_question_is_not_applicable_only_if_everyone_who_answered_said_so() {
        let i = instrument();
        let all_na = tally(&[
            respondent("", &[(Q, NotApplicable)]),
            respondent("", &[(Q, NotApplicable)]),
        ]);
        assert_eq!(
            all_na.answers(&i, Aggregate::Mean).get(Q).unwrap().response,
            NotApplicable
        );
        let mixed = tally(&[
            respondent("", &[(Q, NotApplicable)]),
            respondent("", &[(Q, Level(3.0))]),
        ]);
        assert_eq!(
            mixed.answers(&i, Aggregate::Mean).get(Q).unwrap().response,
            Level(3.0)
        );
        let nobody = tally(&[respondent("", &[])]);
        assert_eq!(
            nobody.answers(&i, Aggregate::Mean).get(Q).unwrap().response,
            Response::Unanswered
        );
    }

    #[test]
    fn spread_is_population_statistics_and_flags_disagreement() {
        let i = instrument();
        let t = tally(&[
            respondent("", &[(Q, Level(1.0)), ("processes.change", Level(2.0))]),
            respondent("", &[(Q, Level(3.0)), ("processes.change", Level(3.0))]),
        ]);
        let card = t.finish(&i, None, Aggregate::Mean, AssessmentInfo::default());
        let q = card.question(Q).unwrap();
        let s = q.spread.unwrap();
        assert_eq!(
            (s.n, s.min, s.max, s.stdev),
            (2, Some(1.0), Some(3.0), Some(1.0))
        );
        // max - min = 2 reaches the rubric's disagreement threshold of 2.
        assert_eq!(q.disagreement, Some(true));
        assert_eq!(
            card.question("processes.change").unwrap().disagreement,
            Some(false)
        );
        assert_eq!(card.respondents, Some(2));
    }

    #[test]
    fn targets_are_the_mean_of_own_targets_else_the_rubric() {
        let i = instrument();
        let mut a = respondent("", &[(Q, Level(1.0))]);
        a.answers.get_mut(Q).unwrap().target = Some(4.0);
        let mut b = respondent("", &[(Q, Level(1.0))]);
        b.answers.get_mut(Q).unwrap().target = Some(5.0);
        let c = respondent("", &[(Q, Level(1.0)), ("processes.change", Level(1.0))]);
        let card = tally(&[a, b, c]).finish(&i, None, Aggregate::Mean, AssessmentInfo::default());
        assert_eq!(card.question(Q).unwrap().target, Some(4.5));
        assert_eq!(card.question("processes.change").unwrap().target, Some(3.0));
    }

    #[test]
    fn roles_are_scored_apart_and_perception_gaps_run_largest_first() {
        let i = instrument();
        let lead = |v| {
            respondent(
                "Manager",
                &[(Q, Level(v)), ("management.leadership", Level(4.0))],
            )
        };
        let staff = |v| {
            respondent(
                "Agent",
                &[(Q, Level(v)), ("management.leadership", Level(1.0))],
            )
        };
        let t = tally(&[
            lead(3.0),
            staff(2.0),
            lead(3.0),
            staff(3.0),
            respondent("manager", &[]),
        ]);
        let card = t.finish(&i, None, Aggregate::Mean, AssessmentInfo::default());
        let roles = card.roles.as_ref().unwrap();
        let names: Vec<&str> = roles.iter().map(|r| r.role.as_str()).collect();
        // Roles group case-insensitively and sort by name.
        assert_eq!(names, ["Agent", "Manager"]);
        assert_eq!(roles[1].respondents, 3);
        let mgmt = |r: &RoleScore| {
            r.areas
                .iter()
                .find(|a| a.id == "management")
                .unwrap()
                .current
        };
        assert_eq!((mgmt(&roles[0]), mgmt(&roles[1])), (Some(1.0), Some(4.0)));
        let gaps = card.perception_gaps.as_ref().unwrap();
        assert_eq!(gaps[0].gap, 3.0);
        assert_eq!(
            (gaps[0].scope, gaps[0].id.as_str()),
            (Scope::Area, "management")
        );
        assert_eq!(
            (gaps[0].highest.role.as_str(), gaps[0].lowest.role.as_str()),
            ("Manager", "Agent")
        );
        assert!(gaps.windows(2).all(|w| w[0].gap >= w[1].gap));
        let incident = gaps.iter().find(|g| g.id == Q).unwrap();
        assert_eq!(incident.gap, 0.5);
    }

    #[test]
    fn order_of_respondents_does_not_change_the_result() {
        let i = instrument();
        let people = [
            respondent("B", &[(Q, Level(1.0)), ("tools.cmdb", NotApplicable)]),
            respondent("a", &[(Q, Level(4.0))]),
            respondent("A", &[(Q, Level(2.0)), ("tools.cmdb", Level(5.0))]),
            respondent("b", &[(Q, Level(3.0))]),
        ];
        let forward = tally(&people).finish(&i, None, Aggregate::Median, AssessmentInfo::default());
        let mut reversed = people.clone();
        reversed.reverse();
        let backward =
            tally(&reversed).finish(&i, None, Aggregate::Median, AssessmentInfo::default());
        assert_eq!(forward, backward);
        // Merging two halves is the same as adding everyone to one tally.
        let mut left = tally(&people[..2]);
        left.merge(&tally(&people[2..]));
        assert_eq!(left, tally(&people));
    }
}
