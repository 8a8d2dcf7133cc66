//! The user-facing file formats, as serde types with their validation.

pub mod answers;
pub mod date;
pub mod instrument;
pub mod questionnaire;
pub mod rubric;
pub mod vision;

pub use answers::{Answer, Answers, Assessment, RawAnswers, Response};
pub use date::Date;
pub use instrument::{Instrument, fmt_num};
pub use questionnaire::{Area, Effort, Question, Questionnaire};
pub use rubric::{Band, GapRules, Level, PlanRules, Rubric, Targets};
pub use vision::Vision;
