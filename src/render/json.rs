//! JSON documents: the scorecard as it is, with a schema version.

use serde::Serialize;

use crate::render::SCHEMA_VERSION;
use crate::score::Scorecard;

#[derive(Serialize)]
struct Versioned<'a, T: Serialize> {
    schema_version: u32,
    #[serde(flatten)]
    body: &'a T,
}

/// Any serializable document with `schema_version` first, pretty-printed.
pub fn document<T: Serialize>(body: &T) -> String {
    let doc = Versioned {
        schema_version: SCHEMA_VERSION,
        body,
    };
    // Serializing plain data structures to a string cannot fail.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The gap report as JSON.
pub fn report(card: &Scorecard) -> String {
    document(card)
}
