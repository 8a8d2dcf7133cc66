//! Writing files so that a failure never leaves half a file behind.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// flushed to disk and then renamed over the target.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path.display().to_string();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".itsm-assess-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::write(&name, e))?;
    tmp.write_all(bytes).map_err(|e| Error::write(&name, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::write(&name, e))?;
    tmp.persist(path)
        .map_err(|e| Error::write(&name, e.error))?;
    // Make the rename itself durable where the platform allows it.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.txt"]);
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
}
