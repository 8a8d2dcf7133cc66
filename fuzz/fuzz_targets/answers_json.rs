//! An answers file in JSON of any bytes, checked against the built-in
//! questionnaire as `report answers.json` does; valid answers are scored,
//! and written back as the interview saves them, which must read back the
//! same.

#![no_main]

use itsm_assess::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    itsm_assess_fuzz::answers(data, Format::Json);
});
