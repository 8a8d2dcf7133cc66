//! The whole way from bytes to a report, as `report -` and `plan -` take
//! it: answers (TOML or JSON, told from the content) checked against the
//! built-in questionnaire, scored, and rendered as a report and a plan in
//! every format.

#![no_main]

use itsm_assess_fuzz::{catalog, check_error, score_and_render, source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(src) = source("<stdin>", data, None) else {
        return;
    };
    match catalog().load_answers(&src) {
        Ok((answers, instrument)) => score_and_render(instrument, &answers, None),
        Err(e) => check_error(&e),
    }
});
