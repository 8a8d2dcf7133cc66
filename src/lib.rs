//! itsm-assess: ITSM maturity assessments across processes, tools, training
//! and management, scored against a rubric and compared with a vision.
//!
//! The library holds every rule: file formats and their validation
//! ([`model`]), scoring ([`score`]) and rendering ([`render`]). It never
//! prints and never reads the terminal; the binary does that.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod builtin;
pub mod catalog;
pub mod error;
pub mod interview;
pub mod model;
pub mod render;
pub mod score;
pub mod source;
pub mod validate;

pub use catalog::Catalog;
pub use error::{Diagnostic, Error, Result};
pub use model::{Answers, Instrument, Questionnaire, Rubric, Vision};
pub use score::{Scorecard, score};
pub use source::{Format, Source};
