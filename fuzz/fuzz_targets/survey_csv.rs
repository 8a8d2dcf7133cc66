//! A survey export of any bytes, streamed row by row as `report --csv -`
//! and `score --csv -` read it: tallied into a team scorecard (mean and
//! median) whose report is rendered in every format, and scored one respondent at a time.

#![no_main]

use itsm_assess::batch::{Batch, Input};
use itsm_assess::render::summary::Summary;
use itsm_assess::score::AssessmentInfo;
use itsm_assess::survey::SurveyOptions;
use itsm_assess::team::Aggregate;
use itsm_assess_fuzz::{catalog, check_error, instrument, render_reports};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let inputs = [Input::CsvText {
        name: "<stdin>".into(),
        bytes: data.to_vec(),
    }];
    let instrument = instrument();
    let strict = Batch {
        catalog: catalog(),
        vision: None,
        survey: SurveyOptions::default(),
        progress: &(),
    };
    let (tally, failures) = strict.tally(&inputs, instrument);
    for f in &failures {
        check_error(&f.error);
    }
    if tally.respondents() > 0 {
        let info = AssessmentInfo {
            source: Some("<stdin>".into()),
            ..AssessmentInfo::default()
        };
        // The plan and the renderers on their own are the report target's.
        let card = tally.finish(instrument, None, Aggregate::Mean, info.clone());
        render_reports(&card, instrument);
        let card = tally.finish(instrument, None, Aggregate::Median, info);
        assert_eq!(card.respondents, Some(tally.respondents()));
    }
    let lenient = Batch {
        survey: SurveyOptions {
            ignore_unknown_columns: true,
            ..SurveyOptions::default()
        },
        ..strict
    };
    lenient.score_each(&inputs, Summary::compute, &mut |result| {
        if let Err(f) = result {
            check_error(&f.error);
        }
    });
});
