//! Writing files so that a failure never leaves half a file behind.
//!
//! A regular file (or a new path) is replaced through a temporary file in
//! its own folder, flushed to disk and renamed over it, and the folder is
//! flushed too. A symbolic link is followed: its target is replaced and the
//! link stays. A file that is not a regular one (a terminal, `/dev/null`, a
//! named pipe) is written directly: renaming over it would replace the
//! device itself. A new file gets the usual `0666` less the umask; a
//! replaced one keeps its mode.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

/// The prefix of every temporary file, after `.` and the target's name.
pub const TEMP_MARK: &str = ".itsm-assess-";
/// The suffix of every temporary file.
pub const TEMP_SUFFIX: &str = ".tmp";

/// The longest part of the target's name kept in its temporary file's name,
/// in bytes, so that the temporary name fits in a folder entry (255 bytes).
const MAX_NAME_IN_TEMP: usize = 120;

/// How many symbolic links are followed before giving up (the kernel's own
/// limit is 40).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path`, atomically where `path` is a regular file or a
/// new one.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path.display().to_string();
    // What the path finally names, as the kernel sees it: `/dev/stdout`
    // may lead to a pipe through `/proc/self/fd/1`, which no path names.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(
                Diagnostic::new(&name, "is a folder; cannot write a file over it")
                    .help("name a file inside it")
                    .into(),
            );
        }
        Ok(meta) if !meta.is_file() => return write_in_place(path, bytes, &name),
        _ => {}
    }
    let target = resolve_links(path).map_err(|e| Error::write(&name, e))?;
    let (mode, owner) = match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => {
            use std::os::unix::fs::MetadataExt;
            (
                Some(meta.permissions().mode() & 0o7777),
                Some((meta.uid(), meta.gid())),
            )
        }
        Ok(_) => return write_in_place(&target, bytes, &name),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, None),
        Err(e) => return Err(Error::write(&name, e)),
    };
    let dir = folder_of(&target);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&target))
        .suffix(TEMP_SUFFIX)
        // The kernel takes the umask off, as for any new file.
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(|e| Error::write(&name, e))?;
    if let Some((uid, gid)) = owner {
        // A replaced file keeps its owner where this process may give it
        // (root replacing a user's file); otherwise it is this user's.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(uid), Some(gid));
    }
    if let Some(mode) = mode {
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::write(&name, e))?;
    }
    tmp.write_all(bytes).map_err(|e| Error::write(&name, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::write(&name, e))?;
    tmp.persist(&target)
        .map_err(|e| Error::write(&name, e.error))?;
    sync_folder(dir);
    Ok(())
}

/// Creates `path` with `bytes`, atomically, failing with `AlreadyExists` if
/// something is there: the file appears whole or not at all, so a full disk
/// never leaves an empty file that blocks the name.
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_folder(dir);
    Ok(())
}

/// The file a path finally names: symbolic links followed (a dangling one
/// to the path it points at), the path itself when it is no link.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&current)?;
                current = if to.is_absolute() {
                    to
                } else {
                    folder_of(&current).join(to)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a loop?)"
    )))
}

/// The temporary files of a target are named `.<name>.itsm-assess-XXXXXX.tmp`.
pub fn temp_prefix(target: &Path) -> String {
    format!(".{}{TEMP_MARK}", short_name(target, MAX_NAME_IN_TEMP))
}

/// The file name of `path`, cut to at most `max` bytes at a character
/// boundary: for names made from it that must fit a folder entry.
pub fn short_name(path: &Path, max: usize) -> String {
    let mut name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut cut = name.len().min(max);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    name.truncate(cut);
    name
}

/// The folder a path is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename in `dir` durable where the platform allows it.
fn sync_folder(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes to a device or a named pipe as it is: no temporary, no rename.
fn write_in_place(target: &Path, bytes: &[u8], name: &str) -> Result<(), Error> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(|e| Error::write(name, e))?;
    match file.write_all(bytes).and_then(|()| file.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::write(name, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    #[test]
    fn failure_names_the_file() {
        let err = write(Path::new("/nonexistent-dir/x.txt"), b"x").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/nonexistent-dir/x.txt: cannot write"),
            "{err}"
        );
    }

    #[test]
    fn a_new_file_gets_the_umask_and_a_replaced_one_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.txt");
        write(&path, b"x").unwrap();
        // The umask of the test process, read back from a file made the usual way.
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&path), mode(&plain));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"y").unwrap();
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn a_symbolic_link_keeps_pointing_at_its_replaced_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("real.toml", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn a_device_is_written_not_replaced() {
        write(Path::new("/dev/null"), b"gone").unwrap();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file());
    }

    #[test]
    fn create_new_never_replaces_and_never_leaves_an_empty_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        create_new(&path, b"first").unwrap();
        let err = create_new(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(names(dir.path()), ["a.toml"]);
    }

    #[test]
    fn temporary_names_fit_a_folder_entry() {
        let long = "é".repeat(127);
        let prefix = temp_prefix(Path::new(&long));
        assert!(
            prefix.len() + 6 + TEMP_SUFFIX.len() <= 255,
            "{}",
            prefix.len()
        );
        assert!(prefix.starts_with(".é"));
    }
}
