//! The interview: which question comes next, what the respondent may choose,
//! and what is saved when.
//!
//! The interview never touches the terminal. It asks through a [`Prompter`]
//! (the binary's is built on dialoguer; tests use scripted answers) and
//! saves through a [`Saver`] after every change, so stopping at any prompt
//! loses nothing that was answered.

mod assessment;
pub mod file;
mod layout;

pub use assessment::{
    TextRequest, ask_assessment, ask_assessment_from, ask_context, ask_context_from,
};
pub use file::AnswersFile;

use crate::error::{Diagnostic, Error, closest};
use crate::model::{Answer, Answers, Area, Instrument, Question, Response, Vision, fmt_num};
use crate::score::target_for;

/// Why a prompt gave no answer.
#[derive(Debug)]
pub enum Stop {
    /// The respondent asked to stop: Esc, or "Save and quit".
    Quit,
    /// Ctrl-C.
    Interrupt,
    /// The terminal could not be read or written.
    Failed(Error),
}

/// What the respondent can choose for a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Choice {
    /// A value of the scale.
    Level(f64),
    NotApplicable,
    /// Leave the question unanswered for now and go on.
    Skip,
    /// Go to the previous question, which keeps its answer.
    Back,
    /// Stop here; every answer given is already saved.
    SaveAndQuit,
}

/// One line of a choice list: what it stands for, its label, and the
/// sentence that describes it (a level's descriptor for this question).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub choice: Choice,
    pub label: String,
    pub detail: Option<String>,
}

/// Everything a prompter shows for one question.
#[derive(Debug, Clone)]
pub struct QuestionView<'a> {
    pub area: &'a Area,
    /// 1-based position of the area among the areas asked.
    pub area_number: usize,
    pub area_count: usize,
    pub question: &'a Question,
    /// 1-based position of the question in the interview.
    pub number: usize,
    pub total: usize,
    /// Questions of the interview answered so far (a level or n/a).
    pub answered: usize,
    /// The choices, levels first, in the order to show them.
    pub entries: Vec<Entry>,
    /// The entry selected at first: the saved answer, else the answer of
    /// the last assessment, else the lowest level.
    pub default: usize,
    /// The answer the last assessment gave (`run --from`), when it gave one.
    pub last_time: Option<LastTime>,
}

/// What the last assessment answered for a question, for a re-assessment
/// that starts from it.
#[derive(Debug, Clone, PartialEq)]
pub struct LastTime {
    /// The level as the scale names it ("2 Repeatable"), or "Not applicable".
    pub label: String,
    /// Its note, when it had one.
    pub note: Option<String>,
}

impl LastTime {
    /// The line a prompter shows: `last time: 2 Repeatable (note)`, with a
    /// long note shortened and control characters (a terminal's escape
    /// sequences among them) made visible, never acted on.
    pub fn line(&self) -> String {
        let label = crate::limits::clip(&self.label, LAST_TIME_NOTE_CHARS);
        match &self.note {
            Some(note) => format!(
                "last time: {label} ({})",
                crate::limits::clip(note, LAST_TIME_NOTE_CHARS)
            ),
            None => format!("last time: {label}"),
        }
    }
}

/// The most of a last note a question shows (the note prompt has it whole).
const LAST_TIME_NOTE_CHARS: usize = 160;

/// The choice of a target level for a question.
#[derive(Debug, Clone)]
pub struct TargetView<'a> {
    pub question: &'a Question,
    /// The current level just chosen.
    pub current: f64,
    /// The target the rubric or vision gives this question.
    pub inherited: f64,
    /// Where the inherited target comes from: "rubric" or "vision".
    pub inherited_from: &'static str,
    /// The levels to choose from (their choice is always [`Choice::Level`]).
    pub entries: Vec<Entry>,
    /// The entry selected at first: the saved own target, or the inherited one.
    pub default: usize,
}

/// How the interview talks to the respondent.
pub trait Prompter {
    /// The current level of a question, or where to go instead.
    fn choose_level(&mut self, view: &QuestionView) -> Result<Choice, Stop>;
    /// The target level of a question; returns the chosen entry's value.
    fn choose_target(&mut self, view: &TargetView) -> Result<f64, Stop>;
    /// An optional note (evidence, context); `note` is the saved one. An
    /// empty string means no note.
    fn ask_note(&mut self, question: &Question, note: Option<&str>) -> Result<String, Stop>;
    /// One line of text, such as the organisation's name.
    fn ask_text(&mut self, request: &TextRequest) -> Result<String, Stop>;
    /// The choice made for a question is saved: only now may it be shown as
    /// confirmed.
    fn confirmed(&mut self, _view: &QuestionView, _choice: Choice) -> Result<(), Stop> {
        Ok(())
    }
    /// A text was refused (`problem` says why) and is asked again.
    fn refused(&mut self, _problem: &str) -> Result<(), Stop> {
        Ok(())
    }
}

/// Where the answers go after every change.
pub trait Saver {
    fn save(&mut self, answers: &Answers) -> Result<(), Error>;
}

/// How an interview ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every question of the interview was visited.
    Finished,
    /// Esc or "Save and quit".
    Quit,
    /// Ctrl-C.
    Interrupted,
}

/// Counts over the questions of an interview.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub questions: usize,
    pub answered: usize,
    pub not_applicable: usize,
    /// Questions without an answer: skipped, or not reached yet.
    pub skipped: usize,
}

/// One interview over the questions of some or all areas.
#[derive(Debug)]
pub struct Interview<'a> {
    instrument: &'a Instrument,
    vision: Option<&'a Vision>,
    /// The areas asked, in questionnaire order.
    areas: Vec<&'a Area>,
    /// The questions asked, in order, with the index of their area in `areas`.
    walk: Vec<(usize, &'a Question)>,
    answers: Answers,
    /// The last assessment's answers: each question's default, never saved
    /// unless chosen again.
    previous: Option<Answers>,
    ask_targets: bool,
    position: usize,
    /// Whether the answers changed since they were last saved.
    unsaved: bool,
}

impl<'a> Interview<'a> {
    /// An interview over the areas named in `areas` (all when empty), that
    /// starts at the first question without an answer.
    pub fn new(
        instrument: &'a Instrument,
        vision: Option<&'a Vision>,
        answers: Answers,
        areas: &[String],
        ask_targets: bool,
    ) -> Result<Interview<'a>, Error> {
        let areas = select_areas(instrument, areas)?;
        let walk: Vec<(usize, &Question)> = areas
            .iter()
            .enumerate()
            .flat_map(|(ai, a)| a.question.iter().map(move |q| (ai, q)))
            .collect();
        let mut interview = Interview {
            instrument,
            vision,
            areas,
            walk,
            answers,
            previous: None,
            ask_targets,
            position: 0,
            unsaved: false,
        };
        interview.position = interview.resume_position();
        Ok(interview)
    }

    /// A re-assessment: every question offers the answer `previous` gave it
    /// (its level or n/a selected, its target and note kept), so Enter keeps
    /// it. Only what is chosen again is saved: a question skipped or not
    /// reached stays unanswered in the new answers.
    pub fn with_previous(mut self, previous: Answers) -> Interview<'a> {
        self.previous = Some(previous);
        self
    }

    /// Where an interview continues: the first question without an answer,
    /// or the last question when every one has one (so Back reaches them all).
    fn resume_position(&self) -> usize {
        self.walk
            .iter()
            .position(|(_, q)| !self.is_answered(&q.id))
            .unwrap_or(self.walk.len().saturating_sub(1))
    }

    fn is_answered(&self, id: &str) -> bool {
        self.answers
            .get(id)
            .is_some_and(|a| a.response != Response::Unanswered)
    }

    /// The 0-based position of the question asked next.
    pub fn position(&self) -> usize {
        self.position
    }

    /// The id of the question asked next, if any is left.
    pub fn current_question(&self) -> Option<&'a str> {
        self.walk.get(self.position).map(|(_, q)| q.id.as_str())
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn into_answers(self) -> Answers {
        self.answers
    }

    /// The areas asked, in order.
    pub fn areas(&self) -> &[&'a Area] {
        &self.areas
    }

    /// Answered, not applicable and skipped questions of this interview.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally {
            questions: self.walk.len(),
            ..Tally::default()
        };
        for (_, q) in &self.walk {
            match self.answers.get(&q.id).map(|a| a.response) {
                Some(Response::Level(_)) => tally.answered += 1,
                Some(Response::NotApplicable) => tally.not_applicable += 1,
                Some(Response::Unanswered) | None => tally.skipped += 1,
            }
        }
        tally
    }

    /// Asks question after question until the last one is done or the
    /// respondent stops. Every change is saved before the next prompt.
    pub fn run(
        &mut self,
        prompter: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> Result<Outcome, Error> {
        let outcome = self.walk_questions(prompter, saver);
        // Whatever happened, nothing given is left unsaved.
        self.save(saver)?;
        match outcome {
            Ok(outcome) => Ok(outcome),
            Err(Stop::Quit) => Ok(Outcome::Quit),
            Err(Stop::Interrupt) => Ok(Outcome::Interrupted),
            Err(Stop::Failed(e)) => Err(e),
        }
    }

    fn walk_questions(
        &mut self,
        prompter: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> Result<Outcome, Stop> {
        while let Some(view) = self.view() {
            let choice = prompter.choose_level(&view)?;
            let (area, question) = (view.area, view.question);
            match choice {
                Choice::Level(value) => {
                    let mut answer = self.answer_of(&question.id);
                    answer.response = Response::Level(value);
                    self.set(&question.id, answer.clone(), saver)?;
                    prompter.confirmed(&view, choice)?;
                    if self.ask_targets {
                        let view = self.target_view(area, question, value, answer.target);
                        let target = prompter.choose_target(&view)?;
                        // A target equal to the rubric's or vision's is not
                        // the respondent's own, so the vision keeps applying.
                        answer.target = (!same(target, view.inherited)).then_some(target);
                        self.set(&question.id, answer.clone(), saver)?;
                    }
                    self.ask_note(prompter, saver, question, answer)?;
                    self.position += 1;
                }
                Choice::NotApplicable => {
                    let mut answer = self.answer_of(&question.id);
                    answer.response = Response::NotApplicable;
                    answer.target = None;
                    self.set(&question.id, answer.clone(), saver)?;
                    prompter.confirmed(&view, choice)?;
                    self.ask_note(prompter, saver, question, answer)?;
                    self.position += 1;
                }
                Choice::Skip => {
                    prompter.confirmed(&view, choice)?;
                    self.position += 1;
                }
                Choice::Back => self.position = self.position.saturating_sub(1),
                Choice::SaveAndQuit => return Ok(Outcome::Quit),
            }
        }
        Ok(Outcome::Finished)
    }

    fn ask_note(
        &mut self,
        prompter: &mut dyn Prompter,
        saver: &mut dyn Saver,
        question: &Question,
        mut answer: Answer,
    ) -> Result<(), Stop> {
        // A note longer than an answers file may hold would be saved and
        // then refused by every command that reads the file.
        let text = loop {
            let text = prompter.ask_note(question, answer.note.as_deref())?;
            match crate::limits::too_long(text.trim()) {
                None => break text,
                Some(problem) => prompter.refused(&format!(
                    "This note {problem}; it was not saved. Shorten it, or refer to a document."
                ))?,
            }
        };
        let text = text.trim();
        answer.note = (!text.is_empty()).then(|| text.to_string());
        self.set(&question.id, answer, saver)
    }

    /// The answer given so far, else the last assessment's target and note
    /// (its response is the one chosen now), else an empty one.
    fn answer_of(&self, id: &str) -> Answer {
        if let Some(answer) = self.answers.get(id) {
            return answer.clone();
        }
        match self.last_answer(id) {
            Some(last) => Answer {
                response: Response::Unanswered,
                ..last.clone()
            },
            None => Answer {
                response: Response::Unanswered,
                target: None,
                note: None,
            },
        }
    }

    /// The last assessment's answer to a question, when it gave one.
    fn last_answer(&self, id: &str) -> Option<&Answer> {
        self.previous
            .as_ref()?
            .get(id)
            .filter(|a| a.response != Response::Unanswered)
    }

    /// Records an answer and saves the answers if they changed.
    fn set(&mut self, id: &str, answer: Answer, saver: &mut dyn Saver) -> Result<(), Stop> {
        if self.answers.get(id) != Some(&answer) {
            self.answers.set(id, answer);
            self.unsaved = true;
        }
        self.save(saver).map_err(Stop::Failed)
    }

    fn save(&mut self, saver: &mut dyn Saver) -> Result<(), Error> {
        if self.unsaved {
            saver.save(&self.answers)?;
            self.unsaved = false;
        }
        Ok(())
    }

    fn answered_count(&self) -> usize {
        self.walk
            .iter()
            .filter(|(_, q)| self.is_answered(&q.id))
            .count()
    }

    /// What the respondent sees for the question asked next; none when the
    /// interview has gone past its last question.
    pub fn view(&self) -> Option<QuestionView<'a>> {
        let (ai, question) = *self.walk.get(self.position)?;
        let scale = self.instrument.scale();
        let mut entries: Vec<Entry> = scale
            .iter()
            .enumerate()
            .map(|(i, level)| Entry {
                choice: Choice::Level(level.value),
                label: format!("{} {}", fmt_num(level.value), level.label),
                detail: question
                    .levels
                    .get(i)
                    .cloned()
                    .or_else(|| level.description.clone()),
            })
            .collect();
        for (choice, label) in [
            (Choice::NotApplicable, "Not applicable"),
            (Choice::Skip, "Skip for now"),
            (Choice::Back, "Back to the previous question"),
            (Choice::SaveAndQuit, "Save and quit"),
        ] {
            if choice == Choice::Back && self.position == 0 {
                continue;
            }
            entries.push(Entry {
                choice,
                label: label.to_string(),
                detail: None,
            });
        }
        let choice_of = |answer: Option<&Answer>| match answer.map(|a| a.response) {
            Some(Response::Level(v)) => Some(Choice::Level(v)),
            Some(Response::NotApplicable) => Some(Choice::NotApplicable),
            Some(Response::Unanswered) | None => None,
        };
        let last = self.last_answer(&question.id);
        let last_time = choice_of(last).map(|choice| LastTime {
            label: match choice {
                Choice::Level(v) => entries
                    .iter()
                    .find(|e| same_choice(e.choice, choice))
                    .map_or_else(|| fmt_num(v), |e| e.label.clone()),
                _ => "Not applicable".to_string(),
            },
            note: last.and_then(|a| a.note.clone()),
        });
        let default = choice_of(self.answers.get(&question.id))
            .or_else(|| choice_of(last))
            .and_then(|s| entries.iter().position(|e| same_choice(e.choice, s)))
            .unwrap_or(0);
        Some(QuestionView {
            area: self.areas[ai],
            area_number: ai + 1,
            area_count: self.areas.len(),
            question,
            number: self.position + 1,
            total: self.walk.len(),
            answered: self.answered_count(),
            entries,
            default,
            last_time,
        })
    }

    fn target_view(
        &self,
        area: &Area,
        question: &'a Question,
        current: f64,
        own: Option<f64>,
    ) -> TargetView<'a> {
        let inherited = target_for(self.instrument, self.vision, &area.id, &question.id, None);
        let from_vision = self
            .vision
            .and_then(|v| v.targets.for_question(&question.id, &area.id))
            .is_some();
        let mut entries: Vec<Entry> = self
            .instrument
            .scale()
            .iter()
            .map(|level| Entry {
                choice: Choice::Level(level.value),
                label: format!("{} {}", fmt_num(level.value), level.label),
                detail: level.description.clone(),
            })
            .collect();
        // A rubric or vision may aim between two levels; offer that value too.
        for value in [Some(inherited), own].into_iter().flatten() {
            if self.instrument.level_index(value).is_none()
                && !entries
                    .iter()
                    .any(|e| same_choice(e.choice, Choice::Level(value)))
            {
                let at = entries
                    .iter()
                    .position(|e| matches!(e.choice, Choice::Level(v) if v > value))
                    .unwrap_or(entries.len());
                entries.insert(
                    at,
                    Entry {
                        choice: Choice::Level(value),
                        label: fmt_num(value),
                        detail: None,
                    },
                );
            }
        }
        let wanted = own.unwrap_or(inherited);
        let default = entries
            .iter()
            .position(|e| same_choice(e.choice, Choice::Level(wanted)))
            .unwrap_or(0);
        TargetView {
            question,
            current,
            inherited,
            inherited_from: if from_vision { "vision" } else { "rubric" },
            entries,
            default,
        }
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= crate::model::instrument::EPSILON
}

fn same_choice(a: Choice, b: Choice) -> bool {
    match (a, b) {
        (Choice::Level(x), Choice::Level(y)) => same(x, y),
        (a, b) => a == b,
    }
}

/// The areas named (all when none is), in questionnaire order, or an error
/// naming the unknown ones.
pub fn select_areas<'a>(
    instrument: &'a Instrument,
    ids: &[String],
) -> Result<Vec<&'a Area>, Error> {
    let all = &instrument.questionnaire.area;
    if ids.is_empty() {
        return Ok(all.iter().collect());
    }
    let problems: Vec<Diagnostic> = ids
        .iter()
        .filter(|id| instrument.area(id).is_none())
        .map(|id| {
            let known: Vec<&str> = all.iter().map(|a| a.id.as_str()).collect();
            let help = match closest(id, known.iter().copied()) {
                Some(k) => format!("did you mean \"{k}\"? The areas are: {}", known.join(", ")),
                None => format!("the areas are: {}", known.join(", ")),
            };
            Diagnostic::new(
                "--area",
                format!(
                    "questionnaire \"{}\" has no area \"{id}\"",
                    instrument.questionnaire.id
                ),
            )
            .help(help)
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(all.iter().filter(|a| ids.contains(&a.id)).collect())
}

#[cfg(test)]
mod tests;
