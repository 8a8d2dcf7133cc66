//! The starter files `itsm-assess init` writes: a questionnaire, rubric and
//! vision to edit into one's own. They are copies of the built-in
//! questionnaire and rubric under the id `my-itsm` (so answers given with
//! them are never scored with the built-in one by mistake), commented field
//! by field; `questionnaires/templates/` holds them.

use std::path::{Path, PathBuf};

use crate::atomic;
use crate::error::{Diagnostic, Error};

/// The questionnaire id of the starter files.
pub const QUESTIONNAIRE_ID: &str = "my-itsm";

/// One starter file: its name in the folder and its content.
#[derive(Debug, Clone, Copy)]
pub struct StarterFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// The starter files, in the order they are written.
pub const FILES: &[StarterFile] = &[
    StarterFile {
        name: "questionnaire.toml",
        text: include_str!("../questionnaires/templates/questionnaire.toml"),
    },
    StarterFile {
        name: "rubric.toml",
        text: include_str!("../questionnaires/templates/rubric.toml"),
    },
    StarterFile {
        name: "vision.toml",
        text: include_str!("../questionnaires/templates/vision.toml"),
    },
];

/// Writes the starter files to `dir`, creating it if needed, each
/// atomically. Unless `force`, nothing is written when any of them exists
/// already. Returns the paths written.
pub fn write(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
    let paths: Vec<PathBuf> = FILES.iter().map(|f| dir.join(f.name)).collect();
    if !force {
        let mut existing: Vec<Diagnostic> = paths
            .iter()
            .filter(|p| p.symlink_metadata().is_ok())
            .map(|p| {
                Diagnostic::new(
                    p.display().to_string(),
                    "already exists; nothing was written",
                )
            })
            .collect();
        if let Some(last) = existing.pop() {
            existing.push(last.help(
                "edit the files you have, choose another folder, or pass --force to overwrite them",
            ));
            return Err(Error::invalid(existing));
        }
    }
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(dir).map_err(|e| Error::write(dir.display().to_string(), e))?;
    }
    for (file, path) in FILES.iter().zip(&paths) {
        atomic::write(path, file.text.as_bytes())?;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::model::{Instrument, Questionnaire, Rubric, Vision};
    use crate::source::{Format, Source};

    fn source(name: &str) -> Source {
        let file = FILES.iter().find(|f| f.name == name).unwrap();
        Source::new(name, file.text, Format::Toml)
    }

    fn instrument() -> Instrument {
        let (qs, rs) = (source("questionnaire.toml"), source("rubric.toml"));
        Instrument::new(
            Questionnaire::parse(&qs).unwrap(),
            &qs,
            Rubric::parse(&rs).unwrap(),
            &rs,
        )
        .unwrap()
    }

    fn builtin() -> Instrument {
        builtin::default().instrument().unwrap()
    }

    #[test]
    fn the_starter_files_make_a_valid_instrument_and_vision_under_their_own_id() {
        let i = instrument();
        assert_eq!(i.questionnaire.id, QUESTIONNAIRE_ID);
        assert_eq!(i.rubric.questionnaire, QUESTIONNAIRE_ID);
        let v = Vision::load(&source("vision.toml"), &i).unwrap();
        assert_eq!(v.questionnaire, QUESTIONNAIRE_ID);
        assert!(builtin::BuiltIn::find(QUESTIONNAIRE_ID).is_none());
    }

    /// The template is a copy of the built-in questionnaire: only the id
    /// and version differ, every area and question is the same.
    #[test]
    fn the_questionnaire_template_has_the_built_in_content() {
        let (mine, core) = (instrument().questionnaire, builtin().questionnaire);
        assert_eq!(mine.title, core.title);
        assert_eq!(mine.description, core.description);
        assert_eq!(
            json(&mine.area),
            json(&core.area),
            "questionnaires/templates/questionnaire.toml differs from questionnaires/itsm-core.toml in its areas or questions"
        );
    }

    /// The rubric template scores the same way as the built-in rubric.
    #[test]
    fn the_rubric_template_has_the_built_in_rules() {
        let (mine, core) = (instrument().rubric, builtin().rubric);
        assert_eq!(mine.description, core.description);
        for (what, a, b) in [
            ("level", json(&mine.level), json(&core.level)),
            ("weights", json(&mine.weights), json(&core.weights)),
            ("band", json(&mine.band), json(&core.band)),
            ("targets", json(&mine.targets), json(&core.targets)),
            ("gap", json(&mine.gap), json(&core.gap)),
            ("plan", json(&mine.plan), json(&core.plan)),
        ] {
            assert_eq!(
                a, b,
                "questionnaires/templates/rubric.toml differs from questionnaires/itsm-core-rubric.toml in [{what}]"
            );
        }
    }

    /// Any serializable value as JSON, to compare types without PartialEq.
    fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
        serde_json::to_value(value).unwrap()
    }

    #[test]
    fn writes_into_a_new_folder_and_refuses_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new");
        let written = write(&dir, false).unwrap();
        assert_eq!(written.len(), FILES.len());
        for (path, file) in written.iter().zip(FILES) {
            assert_eq!(std::fs::read_to_string(path).unwrap(), file.text);
        }
        // One file in the way: it is named, and nothing is written.
        let other = tmp.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("rubric.toml"), "mine").unwrap();
        let err = write(&other, false).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "{}: already exists; nothing was written\n  help: edit the files you have, choose another folder, or pass --force to overwrite them",
                other.join("rubric.toml").display()
            )
        );
        assert!(!other.join("questionnaire.toml").exists());
        assert_eq!(
            std::fs::read_to_string(other.join("rubric.toml")).unwrap(),
            "mine"
        );
        write(&other, true).unwrap();
        assert_eq!(
            std::fs::read_to_string(other.join("rubric.toml")).unwrap(),
            FILES[1].text
        );
        // All three in the way: all three are named.
        let err = write(&dir, false).unwrap_err().to_string();
        assert_eq!(err.matches("already exists").count(), 3, "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.join("rubric.toml")).unwrap(),
            FILES[1].text
        );
    }
}
