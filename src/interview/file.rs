//! The answers file of an interview: its default name, creating it without
//! overwriting another, holding it for the length of the interview, and
//! saving it atomically after every answer.
//!
//! An interview holds an exclusive lock on its answers file (a lock file,
//! `.<name>.lock`, beside it, holding the interview's process id), so a
//! second interview of the same file is refused instead of the last writer
//! winning. The lock goes with the process, however it ends; the lock file
//! is removed when the interview ends normally and reused after a crash.

use std::io::{ErrorKind, Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::Saver;
use super::layout::keep_layout;
use crate::atomic;
use crate::error::{Diagnostic, Error};
use crate::model::{Answers, Date, Instrument};

/// The longest organisation part of a default file name, in bytes (a file
/// name may be 255 bytes long, and the rest of the name needs some).
const MAX_NAME_PART: usize = 180;

/// How many numbered alternatives to a taken default name are tried.
const MAX_ALTERNATIVES: usize = 999;

/// An answers file, rewritten in full (atomically) on every save, held by
/// this interview alone.
#[derive(Debug)]
pub struct AnswersFile<'a> {
    /// The name the interview was given.
    path: PathBuf,
    /// The file written: `path` with symbolic links followed, so a link to
    /// a shared or synced file keeps pointing at it.
    target: PathBuf,
    instrument: &'a Instrument,
    /// The text read at the start, whose comments and layout each save keeps.
    layout: Option<String>,
    _lock: Lock,
    /// What the user should know before the first question.
    notices: Vec<String>,
}

impl<'a> AnswersFile<'a> {
    /// An existing answers file that an interview resumes, already held;
    /// `text` is what was read from it after it was held, whose comments
    /// and layout each save keeps.
    pub fn resume(held: Held, instrument: &'a Instrument, text: Option<String>) -> AnswersFile<'a> {
        AnswersFile {
            path: held.path,
            target: held.target,
            instrument,
            layout: text,
            _lock: held.lock,
            notices: held.notices,
        }
    }

    /// Creates the file with the answers; fails if it exists already.
    pub fn create(
        path: impl Into<PathBuf>,
        instrument: &'a Instrument,
        answers: &Answers,
    ) -> Result<AnswersFile<'a>, Error> {
        let path = path.into();
        let name = path.display().to_string();
        match try_create(&path, instrument, answers) {
            Ok(file) => Ok(file),
            Err(Failed::Taken) => Err(refusal(&path)),
            Err(Failed::Io(e)) => Err(Error::write(name, e)),
            Err(Failed::Other(e)) => Err(e),
        }
    }

    /// Creates a file at `path` or, if that is taken, at the first free
    /// numbered alternative: `name-2.toml`, `name-3.toml`, ...
    pub fn create_unused(
        path: &Path,
        instrument: &'a Instrument,
        answers: &Answers,
    ) -> Result<AnswersFile<'a>, Error> {
        for candidate in alternatives(path).take(MAX_ALTERNATIVES) {
            match try_create(&candidate, instrument, answers) {
                Ok(file) => return Ok(file),
                Err(Failed::Taken) => continue,
                Err(Failed::Io(e)) => {
                    return Err(Error::write(candidate.display().to_string(), e));
                }
                Err(Failed::Other(e)) => return Err(e),
            }
        }
        Err(Diagnostic::new(
            path.display().to_string(),
            format!("this name and {MAX_ALTERNATIVES} numbered alternatives are taken"),
        )
        .help("choose the file with --out FILE")
        .into())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The lock file that holds the answers file for this interview.
    pub fn lock_path(&self) -> PathBuf {
        self._lock.path.clone()
    }

    /// What the user should know before the first question (a lock file
    /// or temporaries left by an interview that was killed, hard links).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }
}

/// An existing answers file held for one interview: locked, with the
/// temporaries of a save that was cut off removed. Take it before reading
/// the file, so nothing changes it between the reading and the first save.
#[derive(Debug)]
pub struct Held {
    path: PathBuf,
    target: PathBuf,
    lock: Lock,
    notices: Vec<String>,
}

impl Held {
    pub fn take(path: impl Into<PathBuf>) -> Result<Held, Error> {
        let path = path.into();
        let name = path.display().to_string();
        let target = atomic::resolve_links(&path).map_err(|e| Error::write(&name, e))?;
        let lock = Lock::take(&target, &name)?;
        let mut notices = remove_stale_temporaries(&target);
        if let Ok(meta) = std::fs::metadata(&target)
            && meta.nlink() > 1
        {
            notices.push(format!(
                "{name} has {} hard links; each save replaces this name only, so the other names keep the answers as they are now",
                meta.nlink()
            ));
        }
        Ok(Held {
            path,
            target,
            lock,
            notices,
        })
    }
}

/// Why a file could not be created.
enum Failed {
    /// Something is there already.
    Taken,
    Io(std::io::Error),
    Other(Error),
}

fn try_create<'a>(
    path: &Path,
    instrument: &'a Instrument,
    answers: &Answers,
) -> Result<AnswersFile<'a>, Failed> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Failed::Taken);
    }
    let lock = Lock::take(path, &path.display().to_string()).map_err(Failed::Other)?;
    // The file appears whole or not at all: a full disk leaves no empty
    // file behind to block the name.
    atomic::create_new(path, answers.to_toml(instrument).as_bytes()).map_err(|e| {
        if e.kind() == ErrorKind::AlreadyExists {
            Failed::Taken
        } else {
            Failed::Io(e)
        }
    })?;
    Ok(AnswersFile {
        path: path.to_path_buf(),
        target: path.to_path_buf(),
        instrument,
        layout: None,
        _lock: lock,
        notices: Vec::new(),
    })
}

impl Saver for AnswersFile<'_> {
    fn save(&mut self, answers: &Answers) -> Result<(), Error> {
        let fresh = answers.to_toml(self.instrument);
        let text = match &self.layout {
            Some(edited) => keep_layout(edited, &fresh),
            None => fresh,
        };
        atomic::write(&self.target, text.as_bytes()).map_err(|e| match e {
            Error::Write { source, .. } => Error::write(self.path.display().to_string(), source),
            other => other,
        })?;
        self.layout = Some(text);
        Ok(())
    }
}

/// The exclusive lock on an answers file, held until dropped.
#[derive(Debug)]
struct Lock {
    file: std::fs::File,
    path: PathBuf,
}

impl Lock {
    /// Takes the lock on `target`, or says which process holds it.
    fn take(target: &Path, name: &str) -> Result<Lock, Error> {
        let path = lock_path(target);
        loop {
            // Never through a link, and never anything but a regular file:
            // a link planted there must not have its target overwritten.
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
                .open(&path)
                .map_err(|e| match e.raw_os_error() {
                    Some(libc::ELOOP) | Some(libc::EISDIR) | Some(libc::ENXIO) => {
                        not_a_lock(name, &path)
                    }
                    _ => cannot_hold(name, &path, e),
                })?;
            if !file.metadata().is_ok_and(|m| m.is_file()) {
                return Err(not_a_lock(name, &path));
            }
            // SAFETY: flock on a file descriptor this function owns.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
                let err = std::io::Error::last_os_error();
                if err.kind() != ErrorKind::WouldBlock {
                    return Err(Error::write(path.display().to_string(), err));
                }
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let holder = match pid.trim().parse::<u32>() {
                    Ok(pid) => format!("another interview (process {pid})"),
                    Err(_) => "another interview".to_string(),
                };
                return Err(Diagnostic::new(
                    name,
                    format!("is being answered by {holder}; two interviews on one file would overwrite each other's answers"),
                )
                .help("finish or stop the other interview first, or save this one elsewhere with --out FILE")
                .into());
            }
            // The lock file may have been removed by the interview that held
            // it just before this one locked it: lock the file the name
            // names now.
            let same = match (file.metadata(), std::fs::metadata(&path)) {
                (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
                _ => false,
            };
            if !same {
                continue;
            }
            let _ = file.set_len(0);
            let _ = file.rewind();
            let _ = writeln!(file, "{}", std::process::id());
            let _ = file.flush();
            return Ok(Lock { file, path });
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes with the file.
        let _ = std::fs::remove_file(&self.path);
        let _ = &self.file;
    }
}

/// The error when the lock file cannot be made: the folder cannot be
/// written, so no answer could be saved either.
fn cannot_hold(name: &str, lock: &Path, e: std::io::Error) -> Error {
    if e.kind() == ErrorKind::PermissionDenied || e.raw_os_error() == Some(libc::EROFS) {
        let folder = atomic::folder_of(lock);
        let dir = std::path::absolute(folder)
            .unwrap_or_else(|_| folder.to_path_buf())
            .display()
            .to_string();
        return Diagnostic::new(
            name,
            format!("cannot be saved: its folder {dir} cannot be written ({e}), so no answer would be kept"),
        )
        .help("make the folder writable, or continue into a file elsewhere with --out FILE")
        .into();
    }
    Error::write(name, e)
}

/// The error for something other than a lock file where the lock file goes.
fn not_a_lock(name: &str, lock: &Path) -> Error {
    Diagnostic::new(
        name,
        format!(
            "cannot be held for the interview: {} is not a lock file (a link, a folder or a device is there)",
            lock.display()
        ),
    )
    .help(format!("remove {} and run again", lock.display()))
    .into()
}

/// `.<name>.lock` beside the answers file.
fn lock_path(target: &Path) -> PathBuf {
    atomic::folder_of(target).join(format!(".{}.lock", atomic::short_name(target, 200)))
}

/// Removes the temporary files a save of `target` left when the process was
/// killed during it. Only this file's temporaries are touched, and only
/// while this interview holds the file's lock, so none is being written.
fn remove_stale_temporaries(target: &Path) -> Vec<String> {
    let prefix = atomic::temp_prefix(target);
    let Ok(entries) = std::fs::read_dir(atomic::folder_of(target)) else {
        return Vec::new();
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix)
            && name.ends_with(atomic::TEMP_SUFFIX)
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    match removed {
        0 => Vec::new(),
        n => vec![format!(
            "removed {n} unfinished temporary file{} of an earlier save that was cut off; the answers file itself is whole",
            if n == 1 { "" } else { "s" }
        )],
    }
}

/// `path`, then `path` with `-2`, `-3`, ... before its extension.
fn alternatives(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    std::iter::once(path.to_path_buf())
        .chain((2..).map(move |n| path.with_file_name(format!("{stem}-{n}{ext}"))))
}

/// The error for an answers file that exists when a new interview starts.
pub fn refusal(path: &Path) -> Error {
    let name = path.display().to_string();
    Diagnostic::new(
        &name,
        "already exists; a new interview does not overwrite answers",
    )
    .help(format!(
        "continue that interview with --resume {name}, or save this one elsewhere with --out FILE"
    ))
    .into()
}

/// The default answers file name: `assessment-<organization>-<date>.toml`,
/// with the organisation lower-cased and anything but letters and digits
/// turned into `-`.
pub fn default_name(organization: Option<&str>, date: Date) -> String {
    let part = organization.map(name_part).unwrap_or_default();
    if part.is_empty() {
        format!("assessment-{date}.toml")
    } else {
        format!("assessment-{part}-{date}.toml")
    }
}

/// Text as a safe part of a file name: lower case letters and digits, runs
/// of anything else as one `-`, none at either end.
pub fn name_part(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                if out.len() + lower.len_utf8() > MAX_NAME_PART {
                    return out.trim_end_matches('-').to_string();
                }
                out.push(lower);
            }
        } else if !out.is_empty() && !out.ends_with('-') {
            if out.len() + 1 > MAX_NAME_PART {
                break;
            }
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::model::{Answer, Assessment};
    use crate::source::Format;

    fn date() -> Date {
        Date::parse("2026-11-20").unwrap()
    }

    #[test]
    fn default_names_are_safe_file_names() {
        assert_eq!(
            default_name(Some("Acme Corp"), date()),
            "assessment-acme-corp-2026-11-20.toml"
        );
        assert_eq!(
            default_name(Some("  ../R&D / IT: Ops!  "), date()),
            "assessment-r-d-it-ops-2026-11-20.toml"
        );
        assert_eq!(
            default_name(Some("Müller GmbH"), date()),
            "assessment-müller-gmbh-2026-11-20.toml"
        );
        assert_eq!(
            default_name(Some(" -- "), date()),
            "assessment-2026-11-20.toml"
        );
        assert_eq!(default_name(None, date()), "assessment-2026-11-20.toml");
        let long = "x".repeat(200);
        assert_eq!(name_part(&long).len(), MAX_NAME_PART);
    }

    fn answers() -> Answers {
        let mut a = Answers::new(Assessment {
            questionnaire: "itsm-core".into(),
            organization: Some("Acme".into()),
            ..Assessment::default()
        });
        a.set("processes.incident", Answer::level(3.0));
        a
    }

    #[test]
    fn create_refuses_an_existing_file_and_leaves_it_alone() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "keep me").unwrap();
        let err = AnswersFile::create(&path, &i, &answers()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("already exists; a new interview does not overwrite answers"),
            "{text}"
        );
        let Error::Invalid(d) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            d[0].help.as_deref(),
            Some(
                format!(
                    "continue that interview with --resume {}, or save this one elsewhere with --out FILE",
                    path.display()
                )
                .as_str()
            )
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    }

    #[test]
    fn create_unused_takes_the_next_free_number_and_saves_readable_answers() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("assessment-acme-2026-11-20.toml");
        std::fs::write(&path, "taken").unwrap();
        std::fs::write(
            dir.path().join("assessment-acme-2026-11-20-2.toml"),
            "taken",
        )
        .unwrap();
        let file = AnswersFile::create_unused(&path, &i, &answers()).unwrap();
        assert_eq!(
            file.path(),
            dir.path().join("assessment-acme-2026-11-20-3.toml")
        );
        let text = std::fs::read_to_string(file.path()).unwrap();
        let back = Answers::from_text("x", &text, Format::Toml, &i).unwrap();
        assert_eq!(back, answers());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "taken");
    }

    #[test]
    fn saving_rewrites_the_whole_file() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let mut file = AnswersFile::create(&path, &i, &answers()).unwrap();
        let mut more = answers();
        more.set("processes.request", Answer::not_applicable());
        file.save(&more).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            Answers::from_text("a.toml", &text, Format::Toml, &i).unwrap(),
            more
        );
    }
}

#[cfg(test)]
mod holding {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::model::{Answer, Assessment};

    fn answers() -> Answers {
        let mut a = Answers::new(Assessment {
            questionnaire: "itsm-core".into(),
            ..Assessment::default()
        });
        a.set("processes.incident", Answer::level(3.0));
        a
    }

    #[test]
    fn a_held_file_cannot_be_held_twice_and_is_free_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x").unwrap();
        let first = Held::take(&path).unwrap();
        let err = Held::take(&path).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "{}: is being answered by another interview (process {}); two interviews on one file would overwrite each other's answers\n  \
                 help: finish or stop the other interview first, or save this one elsewhere with --out FILE",
                path.display(),
                std::process::id()
            )
        );
        drop(first);
        assert!(
            !dir.path().join(".a.toml.lock").exists(),
            "the lock file goes"
        );
        Held::take(&path).unwrap();
    }

    #[test]
    fn temporaries_of_a_cut_off_save_are_removed_and_others_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x").unwrap();
        let stale = dir.path().join(".a.toml.itsm-assess-Ab12Cd.tmp");
        let other = dir.path().join(".b.toml.itsm-assess-Ab12Cd.tmp");
        std::fs::write(&stale, "partial").unwrap();
        std::fs::write(&other, "partial").unwrap();
        let held = Held::take(&path).unwrap();
        assert!(!stale.exists());
        assert!(
            other.exists(),
            "another file's temporary is not this interview's"
        );
        assert_eq!(
            held.notices,
            [
                "removed 1 unfinished temporary file of an earlier save that was cut off; the answers file itself is whole"
            ]
        );
    }

    #[test]
    fn a_resumed_file_keeps_its_comments_and_a_link_keeps_its_target() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let text = "# kept\n[assessment]\nquestionnaire = \"itsm-core\" # id\n\n[answers]\n# first\n\"processes.incident\" = 3\n";
        std::fs::write(&real, text).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("real.toml", &link).unwrap();
        let held = Held::take(&link).unwrap();
        let mut file = AnswersFile::resume(held, &i, Some(text.to_string()));
        let mut more = answers();
        more.set("processes.request", Answer::level(2.0));
        file.save(&more).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&real).unwrap(),
            "# kept\n[assessment]\nquestionnaire = \"itsm-core\" # id\n\n[answers]\n# first\n\"processes.incident\" = 3\n\"processes.request\" = 2\n"
        );
    }

    #[test]
    fn default_names_fit_in_a_folder_entry_in_bytes() {
        let name = default_name(Some(&"é".repeat(300)), Date::parse("2026-11-20").unwrap());
        assert!(name.len() <= 255, "{} bytes", name.len());
        assert!(name.starts_with("assessment-éé"));
    }

    #[test]
    fn a_new_file_is_whole_or_absent() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let err = AnswersFile::create("/nonexistent-dir/a.toml", &i, &answers()).unwrap_err();
        assert!(
            err.to_string().starts_with("/nonexistent-dir/a.toml"),
            "{err}"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let file = AnswersFile::create(&path, &i, &answers()).unwrap();
        assert!(dir.path().join(".a.toml.lock").exists(), "held while open");
        drop(file);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.toml"]);
    }
}

#[cfg(test)]
mod planted {
    use super::*;

    #[test]
    fn a_link_or_folder_where_the_lock_goes_is_refused_and_its_target_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x").unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join(".a.toml.lock")).unwrap();
        let err = Held::take(&path).unwrap_err().to_string();
        assert!(err.contains("is not a lock file"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            dir.path().join(".a.toml.lock").symlink_metadata().is_ok(),
            "left for the user"
        );

        let other = dir.path().join("b.toml");
        std::fs::write(&other, "x").unwrap();
        std::fs::create_dir(dir.path().join(".b.toml.lock")).unwrap();
        let err = Held::take(&other).unwrap_err().to_string();
        assert!(err.contains("is not a lock file"), "{err}");
    }
}
