//! A rubric file (TOML or JSON) of any bytes: read as `--rubric` does, for
//! the built-in questionnaire and for a questionnaire of the user's, then
//! used to score answers and render every report.

#![no_main]

use itsm_assess::Catalog;
use itsm_assess::render::questionnaire as show;
use itsm_assess_fuzz::{
    check_error, example_answers, mini_questionnaire, score_and_render, source, synthetic_answers,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(r) = source("rubric.toml", data, None) else {
        return;
    };
    let questionnaire = mini_questionnaire();
    for q in [None, Some(&questionnaire)] {
        match Catalog::new(q, Some(&r)) {
            Ok(catalog) => {
                let instrument = catalog
                    .instrument(None)
                    .expect("the rubric's questionnaire is in the catalogue");
                assert!(!show::show_table(instrument).is_empty());
                let json = show::show_json(instrument);
                assert!(
                    serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                    "{json}"
                );
                let answers = if q.is_none() && instrument.questionnaire.id == "itsm-core" {
                    example_answers().clone()
                } else {
                    synthetic_answers(instrument)
                };
                score_and_render(instrument, &answers, None);
            }
            Err(e) => check_error(&e),
        }
    }
});
