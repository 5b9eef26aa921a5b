//! Writing outputs so that a reader only ever sees a complete file: each is
//! written to a temporary file in the target's folder, flushed, then renamed
//! over the target (rename is atomic on one file system).

use std::io::Write;
use std::path::Path;

/// One output file, made but not yet written.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// File name inside the output folder.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything a build makes.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Output files.
    pub artifacts: Vec<Artifact>,
    /// Pages of the PDF (0 when no PDF is configured).
    pub pages: usize,
    /// What layout found worth a warning (an image too coarse for print).
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

/// Writes `bytes` to `path` atomically.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("folio-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let p = dir.join("a.txt");
/// folio::output::write_atomic(&p, b"hello").unwrap();
/// assert_eq!(std::fs::read(&p).unwrap(), b"hello");
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "a folder is in the way",
        ));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    // `.NAME.XXXXXX.tmp` beside the target (a rename never crosses file
    // systems), locked while it is written so that another build's clean-up
    // leaves it alone; removed by tempfile if anything fails.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.as_file().lock()?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes temporary files that killed builds left behind
/// (`.NAME.XXXXXX.tmp`): those nobody holds locked. A build still writing
/// holds its lock, so its file stays.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(f) = std::fs::File::open(e.path()) else {
            continue;
        };
        if f.try_lock().is_ok() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_up_spares_a_temporary_that_is_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".report.pdf.abc123.tmp");
        std::fs::write(&stale, b"half").unwrap();
        let busy = dir.path().join(".events.xlsx.def456.tmp");
        let writer = std::fs::File::create(&busy).unwrap();
        writer.lock().unwrap();
        remove_stale_temporaries(dir.path());
        assert!(!stale.exists(), "a stale temporary stays");
        assert!(busy.exists(), "a temporary being written was removed");
        drop(writer);
        remove_stale_temporaries(dir.path());
        assert!(!busy.exists());
    }
}
