//! A vision file (TOML or JSON) of any bytes, checked against the built-in
//! questionnaire and a questionnaire of the user's as `--vision` does; a
//! valid vision sets the targets of a scored report in every format.

#![no_main]

use itsm_assess::{Catalog, Vision};
use itsm_assess_fuzz::{
    check_error, example_answers, instrument, mini_questionnaire, mini_rubric, score_and_render,
    source, synthetic_answers,
};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn mini() -> &'static Catalog {
    static MINI: OnceLock<Catalog> = OnceLock::new();
    MINI.get_or_init(|| {
        Catalog::new(Some(&mini_questionnaire()), Some(&mini_rubric()))
            .expect("the mini questionnaire and rubric are valid")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(v) = source("vision.toml", data, None) else {
        return;
    };
    let builtin = instrument();
    match Vision::load(&v, builtin) {
        Ok(vision) => score_and_render(builtin, example_answers(), Some(&vision)),
        Err(e) => check_error(&e),
    }
    let mini = mini().instrument(None).expect("the mini instrument");
    match Vision::load(&v, mini) {
        Ok(vision) => score_and_render(mini, &synthetic_answers(mini), Some(&vision)),
        Err(e) => check_error(&e),
    }
});
