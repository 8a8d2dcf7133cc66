//! A questionnaire file (TOML or JSON) of any bytes: read as `--questionnaire`
//! does, paired with its built-in rubric or with a rubric of its own, then
//! shown in every format and used to score answers to all its questions.

#![no_main]

use itsm_assess::Catalog;
use itsm_assess::render::questionnaire as show;
use itsm_assess_fuzz::{check_error, mini_rubric, score_and_render, source, synthetic_answers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(q) = source("questionnaire.toml", data, None) else {
        return;
    };
    let rubric = mini_rubric();
    for r in [None, Some(&rubric)] {
        match Catalog::new(Some(&q), r) {
            Ok(catalog) => {
                let instrument = catalog
                    .instrument(None)
                    .expect("a catalogue of a questionnaire holds it");
                assert!(!show::show_table(instrument).is_empty());
                let json = show::show_json(instrument);
                assert!(
                    serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                    "{json}"
                );
                let _ = show::show_toml(instrument);
                score_and_render(instrument, &synthetic_answers(instrument), None);
            }
            Err(e) => check_error(&e),
        }
    }
});
