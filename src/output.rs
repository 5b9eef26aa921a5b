//! Writing outputs so that a reader only ever sees a complete file: each is
//! written to a temporary file in the target's folder, flushed, then renamed
//! over the target (rename is atomic on one file system).

use std::io::Write;
use std::path::{Path, PathBuf};

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
    let tmp = temp_name(dir, path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn temp_name(dir: &Path, target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Removes temporary files a killed build left behind (`.NAME.PID.tmp`),
/// except those of builds still running.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let Some((_, pid)) = stem.rsplit_once('.') else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
