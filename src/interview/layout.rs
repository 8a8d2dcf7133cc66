//! Saving into a file a person edited: the answers change, the comments
//! and the layout stay.
//!
//! The new answers are written as the tool writes them, then carried into
//! the document read at the start (with toml_edit, which keeps comments,
//! spacing and order): a value that did not change keeps its text, a
//! changed one takes the new value with the old comments around it, a new
//! one is added at the end of its table, and one no longer given is
//! removed.

use toml_edit::{DocumentMut, Item, Table};

/// `fresh` (a file as the tool writes it) with the comments and layout of
/// `edited`, when `edited` is TOML; `fresh` unchanged otherwise.
pub fn keep_layout(edited: &str, fresh: &str) -> String {
    let (Ok(mut old), Ok(new)) = (edited.parse::<DocumentMut>(), fresh.parse::<DocumentMut>())
    else {
        return fresh.to_string();
    };
    merge_table(old.as_table_mut(), new.as_table());
    let text = old.to_string();
    // What is saved must read back as exactly what the tool wrote.
    match text.parse::<toml::Table>() {
        Ok(back) if fresh.parse::<toml::Table>().is_ok_and(|f| f == back) => text,
        _ => fresh.to_string(),
    }
}

fn merge_table(old: &mut Table, new: &Table) {
    let gone: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k))
        .collect();
    for key in gone {
        old.remove(&key);
    }
    for (key, item) in new.iter() {
        match (old.get_mut(key), item) {
            (Some(Item::Table(o)), Item::Table(n)) => merge_table(o, n),
            (Some(Item::Value(o)), Item::Value(n)) => {
                if !same_value(o, n) {
                    let decor = o.decor().clone();
                    *o = n.clone();
                    *o.decor_mut() = decor;
                }
            }
            (Some(slot), _) => *slot = item.clone(),
            (None, _) => {
                old.insert(key, item.clone());
            }
        }
    }
}

/// Whether two values mean the same, however they are written.
fn same_value(a: &toml_edit::Value, b: &toml_edit::Value) -> bool {
    let parse =
        |v: &toml_edit::Value| format!("v = {}", v.to_string().trim()).parse::<toml::Table>();
    matches!((parse(a), parse(b)), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDITED: &str = "\
# Answers of Acme, typed in by hand.

[assessment]
questionnaire = \"itsm-core\"   # which questionnaire
organization = \"Acme\"

[answers]
# Processes first.
\"processes.incident\" = 3      # seen in the tool
\"processes.request\" = { current = 2, note = \"old note\" }
\"processes.problem\" = 1
";

    #[test]
    fn comments_survive_a_changed_a_new_and_a_removed_answer() {
        let fresh = "\
[assessment]
questionnaire = \"itsm-core\"
organization = \"Acme\"

[answers]
\"processes.incident\" = 4
\"processes.request\" = { current = 2, note = \"old note\" }
\"tools.fit\" = 2
";
        let kept = keep_layout(EDITED, fresh);
        assert_eq!(
            kept,
            "\
# Answers of Acme, typed in by hand.

[assessment]
questionnaire = \"itsm-core\"   # which questionnaire
organization = \"Acme\"

[answers]
# Processes first.
\"processes.incident\" = 4      # seen in the tool
\"processes.request\" = { current = 2, note = \"old note\" }
\"tools.fit\" = 2
"
        );
    }

    #[test]
    fn text_that_is_not_toml_gives_the_fresh_file() {
        assert_eq!(keep_layout("{\"json\": 1}", "a = 1\n"), "a = 1\n");
    }
}
