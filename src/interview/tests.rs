//! The interview logic, driven through the [`Prompter`] trait by a script of
//! answers, with every prompt it was shown and every save it made recorded.

use std::collections::VecDeque;

use super::*;
use crate::model::{Assessment, Questionnaire, Rubric};
use crate::source::{Format, Source};

/// One scripted reply, to the kind of prompt it names.
#[derive(Debug)]
pub(crate) enum Step {
    Pick(Choice),
    Target(f64),
    Note(&'static str),
    Text(&'static str),
    Stop(Stop),
}

/// A prompt as the interview showed it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Seen {
    Question {
        id: String,
        number: usize,
        answered: usize,
        default: Choice,
        labels: Vec<String>,
    },
    Target {
        id: String,
        default: f64,
        inherited: f64,
        from: &'static str,
    },
    Note {
        id: String,
        saved: Option<String>,
    },
    Text(TextRequest),
}

/// A prompter that replies from a script and panics when the interview asks
/// something the script did not expect.
pub(crate) struct Script {
    steps: VecDeque<Step>,
    pub seen: Vec<Seen>,
    /// What the interview refused, in order.
    pub refusals: Vec<String>,
}

impl Script {
    pub fn new(steps: Vec<Step>) -> Script {
        Script {
            steps: steps.into(),
            seen: Vec::new(),
            refusals: Vec::new(),
        }
    }

    fn next(&mut self, asked: &str) -> Step {
        self.steps.pop_front().unwrap_or_else(|| {
            panic!(
                "the script has no reply left for {asked}; seen: {:#?}",
                self.seen
            )
        })
    }

    pub fn text_requests(&self) -> Vec<TextRequest> {
        self.seen
            .iter()
            .filter_map(|s| match s {
                Seen::Text(r) => Some(r.clone()),
                _ => None,
            })
            .collect()
    }

    /// The ids of the questions shown, in order.
    pub fn questions_shown(&self) -> Vec<String> {
        self.seen
            .iter()
            .filter_map(|s| match s {
                Seen::Question { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn is_done(&self) -> bool {
        self.steps.is_empty()
    }
}

impl Prompter for Script {
    fn choose_level(&mut self, view: &QuestionView) -> Result<Choice, Stop> {
        self.seen.push(Seen::Question {
            id: view.question.id.clone(),
            number: view.number,
            answered: view.answered,
            default: view.entries[view.default].choice,
            labels: view.entries.iter().map(|e| e.label.clone()).collect(),
        });
        match self.next("a question") {
            Step::Pick(choice) => {
                assert!(
                    view.entries.iter().any(|e| e.choice == choice),
                    "{choice:?} is not offered for {}",
                    view.question.id
                );
                Ok(choice)
            }
            Step::Stop(stop) => Err(stop),
            other => panic!(
                "asked for a level of {}, script has {other:?}",
                view.question.id
            ),
        }
    }

    fn choose_target(&mut self, view: &TargetView) -> Result<f64, Stop> {
        self.seen.push(Seen::Target {
            id: view.question.id.clone(),
            default: match view.entries[view.default].choice {
                Choice::Level(v) => v,
                other => panic!("target entry {other:?}"),
            },
            inherited: view.inherited,
            from: view.inherited_from,
        });
        match self.next("a target") {
            Step::Target(v) => Ok(v),
            Step::Stop(stop) => Err(stop),
            other => panic!(
                "asked for a target of {}, script has {other:?}",
                view.question.id
            ),
        }
    }

    fn ask_note(&mut self, question: &Question, note: Option<&str>) -> Result<String, Stop> {
        self.seen.push(Seen::Note {
            id: question.id.clone(),
            saved: note.map(str::to_string),
        });
        match self.next("a note") {
            Step::Note(text) => Ok(text.to_string()),
            Step::Stop(stop) => Err(stop),
            other => panic!("asked for a note on {}, script has {other:?}", question.id),
        }
    }

    fn ask_text(&mut self, request: &TextRequest) -> Result<String, Stop> {
        self.seen.push(Seen::Text(request.clone()));
        match self.next("a text") {
            Step::Text(text) => Ok(text.to_string()),
            Step::Stop(stop) => Err(stop),
            other => panic!("asked for {}, script has {other:?}", request.label),
        }
    }

    fn refused(&mut self, problem: &str) -> Result<(), Stop> {
        self.refusals.push(problem.to_string());
        Ok(())
    }
}

/// Keeps every saved version of the answers; can be told to fail.
#[derive(Default)]
struct Memory {
    saves: Vec<Answers>,
    fail: bool,
}

impl Saver for Memory {
    fn save(&mut self, answers: &Answers) -> Result<(), Error> {
        if self.fail {
            return Err(Error::write(
                "answers.toml",
                std::io::Error::other("disk full"),
            ));
        }
        self.saves.push(answers.clone());
        Ok(())
    }
}

impl Memory {
    fn last(&self) -> &Answers {
        self.saves.last().expect("nothing was saved")
    }
}

fn mini() -> Instrument {
    let qs = Source::new(
        "mini-questionnaire.toml",
        include_str!("../../tests/fixtures/mini-questionnaire.toml"),
        Format::Toml,
    );
    let rs = Source::new(
        "mini-rubric.toml",
        include_str!("../../tests/fixtures/mini-rubric.toml"),
        Format::Toml,
    );
    Instrument::new(
        Questionnaire::parse(&qs).unwrap(),
        &qs,
        Rubric::parse(&rs).unwrap(),
        &rs,
    )
    .unwrap()
}

fn vision(i: &Instrument) -> Vision {
    let src = Source::new(
        "mini-vision.toml",
        include_str!("../../tests/fixtures/mini-vision.toml"),
        Format::Toml,
    );
    Vision::load(&src, i).unwrap()
}

fn empty() -> Answers {
    Answers::new(Assessment {
        questionnaire: "mini".into(),
        organization: Some("Acme".into()),
        ..Assessment::default()
    })
}

fn response(a: &Answers, id: &str) -> Option<Response> {
    a.get(id).map(|a| a.response)
}

use Step::{Note, Pick};

#[test]
fn answers_every_question_in_order_and_saves_after_each_answer() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &[], false).unwrap();
    let mut script = Script::new(vec![
        Pick(Choice::Level(2.0)),
        Note("  procedure seen  "),
        Pick(Choice::Level(1.0)),
        Note(""),
        Pick(Choice::Level(3.0)),
        Note(""),
    ]);
    let mut saver = Memory::default();
    let outcome = interview.run(&mut script, &mut saver).unwrap();
    assert_eq!(outcome, Outcome::Finished);
    assert!(script.is_done());
    assert_eq!(
        script.questions_shown(),
        ["process.alpha", "process.beta", "people.gamma"]
    );
    let last = saver.last();
    assert_eq!(response(last, "process.alpha"), Some(Response::Level(2.0)));
    assert_eq!(
        last.get("process.alpha").unwrap().note.as_deref(),
        Some("procedure seen")
    );
    assert_eq!(response(last, "process.beta"), Some(Response::Level(1.0)));
    assert_eq!(last.get("process.beta").unwrap().note, None);
    assert_eq!(response(last, "people.gamma"), Some(Response::Level(3.0)));
    // The level is saved before the note is asked, and the note after it.
    assert_eq!(
        response(&saver.saves[0], "process.alpha"),
        Some(Response::Level(2.0))
    );
    assert_eq!(saver.saves[0].get("process.alpha").unwrap().note, None);
    assert_eq!(saver.saves.len(), 4, "three levels and one note");
    assert_eq!(interview.answers(), last);
    assert!(interview.view().is_none(), "nothing left to ask");
    assert_eq!(interview.current_question(), None);
    assert_eq!(
        interview.tally(),
        Tally {
            questions: 3,
            answered: 3,
            not_applicable: 0,
            skipped: 0
        }
    );
}

#[test]
fn the_choice_list_holds_levels_with_descriptors_then_the_moves() {
    let i = mini();
    let interview = Interview::new(&i, None, empty(), &[], false).unwrap();
    let view = interview.view().unwrap();
    let labels: Vec<&str> = view.entries.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "0 None",
            "1 Ad hoc",
            "2 Defined",
            "3 Managed",
            "Not applicable",
            "Skip for now",
            "Save and quit"
        ],
        "no Back at the first question"
    );
    assert_eq!(
        view.entries[1].detail.as_deref(),
        Some("Alpha is run by whoever remembers it, each in their own way.")
    );
    assert_eq!(view.default, 0);
    assert_eq!((view.number, view.total), (1, 3));
    assert_eq!((view.area_number, view.area_count), (1, 2));
    assert_eq!(view.area.id, "process");
}

#[test]
fn not_applicable_asks_no_target_but_a_note_and_drops_an_old_target() {
    let i = mini();
    let mut answers = empty();
    answers.set(
        "process.alpha",
        Answer {
            response: Response::Level(1.0),
            target: Some(3.0),
            note: Some("old".into()),
        },
    );
    answers.set("process.beta", Answer::level(1.0));
    answers.set("people.gamma", Answer::level(1.0));
    let mut interview = Interview::new(&i, None, answers, &[], true).unwrap();
    // Everything is answered: the interview starts at the last question.
    assert_eq!(interview.current_question(), Some("people.gamma"));
    let mut script = Script::new(vec![
        Pick(Choice::Back),
        Pick(Choice::Back),
        Pick(Choice::NotApplicable),
        Note("not run here"),
        Step::Stop(Stop::Quit),
    ]);
    let mut saver = Memory::default();
    assert_eq!(
        interview.run(&mut script, &mut saver).unwrap(),
        Outcome::Quit
    );
    let alpha = saver.last().get("process.alpha").unwrap().clone();
    assert_eq!(
        alpha,
        Answer {
            response: Response::NotApplicable,
            target: None,
            note: Some("not run here".into())
        }
    );
    assert!(
        script.seen.contains(&Seen::Note {
            id: "process.alpha".into(),
            saved: Some("old".into())
        }),
        "the saved note is offered: {:?}",
        script.seen
    );
    assert!(!script.seen.iter().any(|s| matches!(s, Seen::Target { .. })));
    assert_eq!(interview.tally().not_applicable, 1);
}

#[test]
fn skip_leaves_the_question_unanswered_and_goes_on() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &[], false).unwrap();
    let mut script = Script::new(vec![
        Pick(Choice::Skip),
        Pick(Choice::Level(0.0)),
        Note(""),
        Pick(Choice::Skip),
    ]);
    let mut saver = Memory::default();
    assert_eq!(
        interview.run(&mut script, &mut saver).unwrap(),
        Outcome::Finished
    );
    let last = saver.last();
    assert_eq!(response(last, "process.alpha"), None);
    assert_eq!(response(last, "process.beta"), Some(Response::Level(0.0)));
    assert_eq!(response(last, "people.gamma"), None);
    assert_eq!(saver.saves.len(), 1, "skips save nothing");
    assert_eq!(
        interview.tally(),
        Tally {
            questions: 3,
            answered: 1,
            not_applicable: 0,
            skipped: 2
        }
    );
}

#[test]
fn back_returns_to_the_previous_question_with_its_answer_selected() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &[], false).unwrap();
    let mut script = Script::new(vec![
        Pick(Choice::Level(2.0)),
        Note("first"),
        Pick(Choice::Back),
        // Alpha again: its level is selected and its note offered.
        Pick(Choice::Level(3.0)),
        Note("first"),
        Pick(Choice::SaveAndQuit),
    ]);
    let mut saver = Memory::default();
    assert_eq!(
        interview.run(&mut script, &mut saver).unwrap(),
        Outcome::Quit
    );
    assert_eq!(
        script.questions_shown(),
        [
            "process.alpha",
            "process.beta",
            "process.alpha",
            "process.beta"
        ]
    );
    let Seen::Question { labels, .. } = &script.seen[2] else {
        panic!("{:?}", script.seen)
    };
    assert!(labels.contains(&"Back to the previous question".to_string()));
    let Seen::Question { id, default, .. } = &script.seen[3] else {
        panic!("{:?}", script.seen)
    };
    assert_eq!(
        (id.as_str(), *default),
        ("process.alpha", Choice::Level(2.0))
    );
    assert!(script.seen.contains(&Seen::Note {
        id: "process.alpha".into(),
        saved: Some("first".into())
    }));
    assert_eq!(
        saver.last().get("process.alpha").unwrap(),
        &Answer {
            response: Response::Level(3.0),
            target: None,
            note: Some("first".into())
        }
    );
    // Quitting at beta leaves it where it was: unanswered.
    assert_eq!(response(saver.last(), "process.beta"), None);
    assert_eq!(interview.current_question(), Some("process.beta"));
}

#[test]
fn quit_and_interrupt_at_any_prompt_keep_every_earlier_answer() {
    let i = mini();
    for (stop_at, stop, expected) in [
        (1, Stop::Quit, Outcome::Quit),
        (1, Stop::Interrupt, Outcome::Interrupted),
        (2, Stop::Interrupt, Outcome::Interrupted),
    ] {
        let mut steps = vec![
            Pick(Choice::Level(1.0)),
            Note("kept"),
            Pick(Choice::Level(2.0)),
        ];
        // Stop at beta's level prompt (1) or at its note prompt (2).
        steps.truncate(if stop_at == 1 { 2 } else { 3 });
        steps.push(Step::Stop(stop));
        let mut script = Script::new(steps);
        let mut interview = Interview::new(&i, None, empty(), &[], false).unwrap();
        let mut saver = Memory::default();
        assert_eq!(interview.run(&mut script, &mut saver).unwrap(), expected);
        assert!(script.is_done());
        let last = saver.last();
        assert_eq!(response(last, "process.alpha"), Some(Response::Level(1.0)));
        assert_eq!(
            last.get("process.alpha").unwrap().note.as_deref(),
            Some("kept")
        );
        let beta = if stop_at == 2 {
            Some(Response::Level(2.0))
        } else {
            None
        };
        assert_eq!(response(last, "process.beta"), beta, "stop at {stop_at}");
    }
}

#[test]
fn a_failing_terminal_ends_the_interview_with_its_error() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &[], false).unwrap();
    let mut script = Script::new(vec![Step::Stop(Stop::Failed(Error::read(
        "<terminal>",
        std::io::Error::other("gone"),
    )))]);
    let err = interview
        .run(&mut script, &mut Memory::default())
        .unwrap_err();
    assert_eq!(err.to_string(), "<terminal>: cannot read: gone");
}

#[test]
fn a_failing_save_stops_the_interview_before_the_next_prompt() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &[], false).unwrap();
    let mut script = Script::new(vec![Pick(Choice::Level(1.0))]);
    let mut saver = Memory {
        fail: true,
        ..Memory::default()
    };
    let err = interview.run(&mut script, &mut saver).unwrap_err();
    assert_eq!(err.to_string(), "answers.toml: cannot write: disk full");
    assert!(script.is_done(), "no note was asked after the failed save");
}

#[test]
fn resume_starts_at_the_first_unanswered_question() {
    let i = mini();
    let mut answers = empty();
    answers.set("process.alpha", Answer::level(2.0));
    answers.set("people.gamma", Answer::not_applicable());
    let mut interview = Interview::new(&i, None, answers, &[], false).unwrap();
    assert_eq!(interview.position(), 1);
    assert_eq!(interview.current_question(), Some("process.beta"));
    let mut script = Script::new(vec![
        Pick(Choice::Back),
        Pick(Choice::Skip),
        Pick(Choice::Level(1.0)),
        Note(""),
        Pick(Choice::SaveAndQuit),
    ]);
    let mut saver = Memory::default();
    interview.run(&mut script, &mut saver).unwrap();
    let defaults: Vec<(String, Choice, usize)> = script
        .seen
        .iter()
        .filter_map(|s| match s {
            Seen::Question {
                id,
                default,
                answered,
                ..
            } => Some((id.clone(), *default, *answered)),
            _ => None,
        })
        .collect();
    assert_eq!(
        defaults,
        [
            ("process.beta".to_string(), Choice::Level(0.0), 2),
            ("process.alpha".to_string(), Choice::Level(2.0), 2),
            ("process.beta".to_string(), Choice::Level(0.0), 2),
            ("people.gamma".to_string(), Choice::NotApplicable, 3),
        ]
    );
    // The answers read from the file are kept as they were.
    assert_eq!(
        response(saver.last(), "process.alpha"),
        Some(Response::Level(2.0))
    );
    assert_eq!(
        response(saver.last(), "people.gamma"),
        Some(Response::NotApplicable)
    );
}

#[test]
fn resume_of_untouched_answers_saves_nothing() {
    let i = mini();
    let mut answers = empty();
    answers.set("process.alpha", Answer::level(2.0));
    let mut interview = Interview::new(&i, None, answers, &[], false).unwrap();
    let mut script = Script::new(vec![Pick(Choice::Back), Step::Stop(Stop::Quit)]);
    let mut saver = Memory::default();
    assert_eq!(
        interview.run(&mut script, &mut saver).unwrap(),
        Outcome::Quit
    );
    assert!(saver.saves.is_empty(), "{:?}", saver.saves);
}

#[test]
fn targets_default_to_the_rubric_and_only_a_different_one_is_kept() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &[], true).unwrap();
    let mut script = Script::new(vec![
        Pick(Choice::Level(1.0)),
        Step::Target(2.0), // the rubric's default: not the respondent's own
        Note(""),
        Pick(Choice::Level(1.0)),
        Step::Target(3.0),
        Note(""),
        Pick(Choice::Level(2.0)),
        Step::Target(3.0), // the rubric's target for gamma
        Note(""),
    ]);
    let mut saver = Memory::default();
    assert_eq!(
        interview.run(&mut script, &mut saver).unwrap(),
        Outcome::Finished
    );
    let targets: Vec<Seen> = script
        .seen
        .iter()
        .filter(|s| matches!(s, Seen::Target { .. }))
        .cloned()
        .collect();
    assert_eq!(
        targets,
        [
            Seen::Target {
                id: "process.alpha".into(),
                default: 2.0,
                inherited: 2.0,
                from: "rubric"
            },
            Seen::Target {
                id: "process.beta".into(),
                default: 2.0,
                inherited: 2.0,
                from: "rubric"
            },
            Seen::Target {
                id: "people.gamma".into(),
                default: 3.0,
                inherited: 3.0,
                from: "rubric"
            },
        ]
    );
    let last = saver.last();
    assert_eq!(last.get("process.alpha").unwrap().target, None);
    assert_eq!(last.get("process.beta").unwrap().target, Some(3.0));
    assert_eq!(last.get("people.gamma").unwrap().target, None);
}

#[test]
fn targets_default_to_the_vision_or_the_saved_own_target() {
    let i = mini();
    let v = vision(&i);
    let mut answers = empty();
    answers.set(
        "process.beta",
        Answer {
            response: Response::Level(1.0),
            target: Some(1.0),
            note: None,
        },
    );
    answers.set("people.gamma", Answer::level(0.0));
    let mut interview = Interview::new(&i, Some(&v), answers, &[], true).unwrap();
    let mut script = Script::new(vec![
        Pick(Choice::Level(0.0)),
        Step::Target(3.0),
        Note(""),
        Pick(Choice::Level(1.0)),
        Step::Stop(Stop::Interrupt),
    ]);
    let mut saver = Memory::default();
    assert_eq!(
        interview.run(&mut script, &mut saver).unwrap(),
        Outcome::Interrupted
    );
    let targets: Vec<Seen> = script
        .seen
        .iter()
        .filter(|s| matches!(s, Seen::Target { .. }))
        .cloned()
        .collect();
    assert_eq!(
        targets,
        [
            Seen::Target {
                id: "process.alpha".into(),
                default: 3.0,
                inherited: 3.0,
                from: "vision"
            },
            Seen::Target {
                id: "process.beta".into(),
                default: 1.0,
                inherited: 3.0,
                from: "vision"
            },
        ]
    );
    let last = saver.last();
    // Equal to the vision's: not stored, so the vision keeps applying.
    assert_eq!(last.get("process.alpha").unwrap().target, None);
    // Interrupted at beta's target: the own target saved before is kept.
    assert_eq!(last.get("process.beta").unwrap().target, Some(1.0));
}

#[test]
fn without_targets_a_saved_own_target_is_kept() {
    let i = mini();
    let mut answers = empty();
    answers.set(
        "process.alpha",
        Answer {
            response: Response::Level(1.0),
            target: Some(3.0),
            note: None,
        },
    );
    let mut interview = Interview::new(&i, None, answers, &[], false).unwrap();
    let mut script = Script::new(vec![
        Pick(Choice::Back),
        Pick(Choice::Level(2.0)),
        Note(""),
        Pick(Choice::SaveAndQuit),
    ]);
    let mut saver = Memory::default();
    interview.run(&mut script, &mut saver).unwrap();
    assert_eq!(
        saver.last().get("process.alpha").unwrap(),
        &Answer {
            response: Response::Level(2.0),
            target: Some(3.0),
            note: None
        }
    );
}

#[test]
fn areas_limit_the_questions_and_are_counted_among_themselves() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &["people".to_string()], false).unwrap();
    let view = interview.view().unwrap();
    assert_eq!((view.area_number, view.area_count), (1, 1));
    assert_eq!((view.number, view.total), (1, 1));
    let mut script = Script::new(vec![Pick(Choice::Level(3.0)), Note("")]);
    let mut saver = Memory::default();
    assert_eq!(
        interview.run(&mut script, &mut saver).unwrap(),
        Outcome::Finished
    );
    assert_eq!(script.questions_shown(), ["people.gamma"]);
    assert_eq!(interview.tally().questions, 1);
}

#[test]
fn unknown_areas_are_named_with_a_suggestion() {
    let i = mini();
    let err = Interview::new(
        &i,
        None,
        empty(),
        &["peple".to_string(), "zzz".to_string()],
        false,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "--area: questionnaire \"mini\" has no area \"peple\"\n  help: did you mean \"people\"? The areas are: process, people\n--area: questionnaire \"mini\" has no area \"zzz\"\n  help: the areas are: process, people"
    );
}

#[test]
fn saved_answers_read_back_from_the_file_format() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &[], true).unwrap();
    let mut script = Script::new(vec![
        Pick(Choice::Level(1.0)),
        Step::Target(3.0),
        Note("said \"soon\""),
        Pick(Choice::NotApplicable),
        Note(""),
        Pick(Choice::Skip),
    ]);
    let mut saver = Memory::default();
    interview.run(&mut script, &mut saver).unwrap();
    let text = saver.last().to_toml(&i);
    let back = Answers::from_text("a.toml", &text, Format::Toml, &i).unwrap();
    assert_eq!(&back, saver.last());
}

/// Prompter and saver sharing one log, to see what happens in what order.
struct Logged(std::rc::Rc<std::cell::RefCell<Vec<String>>>);

impl Prompter for Logged {
    fn choose_level(&mut self, view: &QuestionView) -> Result<Choice, Stop> {
        self.0
            .borrow_mut()
            .push(format!("ask {}", view.question.id));
        Ok(Choice::Level(1.0))
    }
    fn choose_target(&mut self, _: &TargetView) -> Result<f64, Stop> {
        Ok(1.0)
    }
    fn ask_note(&mut self, _: &Question, _: Option<&str>) -> Result<String, Stop> {
        Ok(String::new())
    }
    fn ask_text(&mut self, _: &TextRequest) -> Result<String, Stop> {
        Ok(String::new())
    }
    fn confirmed(&mut self, view: &QuestionView, choice: Choice) -> Result<(), Stop> {
        self.0
            .borrow_mut()
            .push(format!("confirm {} {choice:?}", view.question.id));
        Ok(())
    }
}

impl Saver for Logged {
    fn save(&mut self, _: &Answers) -> Result<(), Error> {
        self.0.borrow_mut().push("save".into());
        Ok(())
    }
}

#[test]
fn a_choice_is_confirmed_only_after_it_is_saved() {
    let i = mini();
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut interview = Interview::new(&i, None, empty(), &[], false).unwrap();
    let (mut prompter, mut saver) = (Logged(log.clone()), Logged(log.clone()));
    interview.run(&mut prompter, &mut saver).unwrap();
    let log = log.borrow();
    assert_eq!(
        log[..3],
        [
            "ask process.alpha",
            "save",
            "confirm process.alpha Level(1.0)"
        ]
    );
    let confirms = log.iter().filter(|l| l.starts_with("confirm")).count();
    assert_eq!(confirms, 3, "{log:?}");
    for (n, line) in log.iter().enumerate() {
        if line.starts_with("confirm") {
            assert_eq!(log[n - 1], "save", "{log:?}");
        }
    }
}

#[test]
fn a_note_longer_than_a_file_may_hold_is_refused_and_asked_again() {
    let i = mini();
    let mut interview = Interview::new(&i, None, empty(), &["process".into()], false).unwrap();
    let long: &'static str = Box::leak(
        "n".repeat(crate::limits::MAX_TEXT_CHARS + 1)
            .into_boxed_str(),
    );
    let mut script = Script::new(vec![
        Pick(Choice::Level(2.0)),
        Note(long),
        Note("short"),
        Pick(Choice::SaveAndQuit),
    ]);
    let mut saver = Memory::default();
    interview.run(&mut script, &mut saver).unwrap();
    assert!(script.is_done());
    assert_eq!(
        script.refusals,
        [format!(
            "This note is {} characters long; the longest text allowed is {}; it was not saved. Shorten it, or refer to a document.",
            crate::limits::MAX_TEXT_CHARS + 1,
            crate::limits::MAX_TEXT_CHARS
        )]
    );
    let note = saver.last().get("process.alpha").unwrap().note.clone();
    assert_eq!(note.as_deref(), Some("short"));
    assert!(saver.saves.iter().all(|a| {
        a.get("process.alpha")
            .and_then(|x| x.note.as_ref())
            .is_none_or(|n| n.len() <= crate::limits::MAX_TEXT_CHARS)
    }));
}

#[test]
fn a_reassessment_offers_last_answers_and_saves_only_what_is_chosen_again() {
    let i = mini();
    let mut last = empty();
    last.set(
        "process.alpha",
        Answer {
            response: Response::Level(2.0),
            target: Some(3.0),
            note: Some("procedure seen".into()),
        },
    );
    last.set(
        "process.beta",
        Answer {
            response: Response::NotApplicable,
            target: None,
            note: None,
        },
    );
    let mut interview = Interview::new(&i, None, empty(), &[], false)
        .unwrap()
        .with_previous(last.clone());
    let view = interview.view().unwrap();
    assert_eq!(view.entries[view.default].choice, Choice::Level(2.0));
    assert_eq!(
        view.last_time.as_ref().map(LastTime::line).as_deref(),
        Some("last time: 2 Defined (procedure seen)")
    );
    let mut script = Script::new(vec![
        // Enter on the selected level and on the prefilled note: kept.
        Pick(Choice::Level(2.0)),
        Note("procedure seen"),
        // The n/a is selected; the respondent skips this time.
        Pick(Choice::Skip),
        // No answer last time: the lowest level, nothing to show.
        Pick(Choice::Level(1.0)),
        Note(""),
    ]);
    let mut saver = Memory::default();
    assert_eq!(
        interview.run(&mut script, &mut saver).unwrap(),
        Outcome::Finished
    );
    let defaults: Vec<Choice> = script
        .seen
        .iter()
        .filter_map(|s| match s {
            Seen::Question { default, .. } => Some(*default),
            _ => None,
        })
        .collect();
    assert_eq!(
        defaults,
        [
            Choice::Level(2.0),
            Choice::NotApplicable,
            Choice::Level(0.0)
        ]
    );
    assert!(script.seen.contains(&Seen::Note {
        id: "process.alpha".into(),
        saved: Some("procedure seen".into())
    }));
    let saved = saver.last();
    // The level, own target and note chosen again are the new answer.
    assert_eq!(saved.get("process.alpha"), last.get("process.alpha"));
    // Skipped this time: not carried over unasked.
    assert_eq!(saved.get("process.beta"), None);
    assert_eq!(response(saved, "people.gamma"), Some(Response::Level(1.0)));
}

#[test]
fn a_last_note_is_shortened_and_shown_without_control_characters() {
    let last = LastTime {
        label: "Not applicable".into(),
        note: Some(format!("\u{1b}[31mred{}", "x".repeat(400))),
    };
    let line = last.line();
    assert!(!line.chars().any(char::is_control), "{line:?}");
    assert!(line.starts_with("last time: Not applicable (\\u{1b}[31mred"));
    assert!(line.ends_with("…)"), "{line}");
}
