//! itsm-assess: ITSM maturity assessments across processes, tools, training
//! and management, scored against a rubric and compared with a vision.
//!
//! The library holds every rule: file formats and their validation
//! ([`model`]), scoring ([`score`]), improvement plans ([`plan`]), progress
//! over time ([`compare`]) and rendering ([`render`]). It never
//! prints and never reads the terminal; the binary does that.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod batch;
pub mod builtin;
pub mod catalog;
pub mod compare;
pub mod error;
pub mod interview;
pub mod limits;
pub mod model;
pub mod output;
pub mod plan;
pub mod pulse;
pub mod render;
pub mod schema;
pub mod score;
pub mod source;
pub mod starter;
pub mod survey;
pub mod team;
pub mod validate;

pub use catalog::Catalog;
pub use compare::{Comparison, compare};
pub use error::{Diagnostic, Error, Result};
pub use model::{Answers, Instrument, Questionnaire, Rubric, Vision};
pub use plan::{Plan, plan};
pub use score::{Scorecard, score};
pub use source::{Format, Source};
