//! JSON documents: the scorecard as it is, with a schema version.

use schemars::JsonSchema;
use serde::Serialize;

use crate::render::SCHEMA_VERSION;
use crate::score::Scorecard;

/// A JSON document: `schema_version` first, then the body's fields.
#[derive(Serialize, JsonSchema)]
pub struct Versioned<'a, T: Serialize> {
    /// The version of this document's shape; it changes only on incompatible changes.
    #[schemars(extend("const" = SCHEMA_VERSION))]
    pub schema_version: u32,
    #[serde(flatten)]
    pub body: &'a T,
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
