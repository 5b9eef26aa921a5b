//! Writing outputs so that a folder only ever holds one whole build: the
//! names are checked to stay inside the folder, the folder is locked for the
//! write, every file goes to a temporary beside its target first, and only
//! when all of them are on disk are they renamed over their targets (the
//! manifest last). A file whose bytes did not change is left alone.

mod folder;

use folder::{same_folder, swap_in, temporary_folder};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The lock file a build holds while it writes into an output folder.
pub const LOCK: &str = ".folio-lock";

/// One output file, made but not yet written.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// File name inside the output folder.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// An output that is a folder of files (the web edition), replaced as a
/// whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// Folder name inside the output folder.
    pub name: String,
    /// (path inside the folder, bytes); paths use `/` and plain names.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Everything a build makes.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Output files.
    pub files: Vec<OutputFile>,
    /// Output folders.
    pub folders: Vec<Folder>,
    /// Pages of the PDF (0 when no PDF is configured).
    pub pages: usize,
    /// What layout found worth a warning (an image too coarse for print).
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

/// Names Windows keeps for devices, with or without an extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks that an output name is a plain file name that stays in the output
/// folder on every system the outputs may be copied to; the error says what
/// is wrong and what was expected.
///
/// ```
/// use folio::output::check_name;
/// assert!(check_name("report-2023.pdf").is_ok());
/// assert!(check_name("../report.toml").is_err());
/// assert!(check_name("/etc/passwd").is_err());
/// assert!(check_name("nul.xlsx").is_err());
/// assert!(check_name(".folio-manifest").is_err());
/// ```
pub fn check_name(name: &str) -> Result<(), String> {
    const EXPECTED: &str = "expected a plain file name such as \"report-2023.pdf\"";
    if name.trim().is_empty() {
        return Err(format!("the output name is empty; {EXPECTED}"));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(format!(
            "the output name contains the control character U+{:04X}; {EXPECTED}",
            u32::from(c)
        ));
    }
    if name.contains(['/', '\\']) {
        return Err(format!(
            "the output name \"{name}\" contains a folder separator; {EXPECTED}: outputs are written inside the output folder (--out)"
        ));
    }
    if name == "." || name == ".." {
        return Err(format!("\"{name}\" names a folder, not a file; {EXPECTED}"));
    }
    if name.starts_with('.') {
        return Err(format!(
            "the output name \"{name}\" starts with a dot; {EXPECTED}: names starting with a dot are kept for folio's own files (.folio-manifest, temporaries)"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Err(format!(
            "the output name \"{name}\" contains '{c}', which Windows does not allow in file names; {EXPECTED}"
        ));
    }
    if name.ends_with(['.', ' ']) || name.starts_with(' ') {
        return Err(format!(
            "the output name \"{name}\" starts with a space or ends with a dot or space, which Windows drops; {EXPECTED}"
        ));
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if RESERVED.iter().any(|r| stem.eq_ignore_ascii_case(r)) {
        return Err(format!(
            "\"{name}\" is a device name on Windows ({stem}), not a file; {EXPECTED}"
        ));
    }
    if name.len() > 200 {
        return Err(format!(
            "the output name is {} bytes long; {EXPECTED} of at most 200 bytes",
            name.len()
        ));
    }
    Ok(())
}

/// Two names that are one file on a case-insensitive file system (Windows,
/// macOS) are one name.
///
/// ```
/// assert!(folio::output::same_name("Report.PDF", "report.pdf"));
/// ```
pub fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// What [`write_all`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Files replaced or created.
    pub changed: Vec<PathBuf>,
    /// Files whose bytes were already those of this build (left alone, so
    /// their modification time and any copy a reader holds stay valid).
    pub unchanged: Vec<PathBuf>,
}

/// Writes `files` (name, bytes) into `dir` all or nothing: the folder is
/// locked against other builds, every changed file is written to a
/// temporary beside its target, all of them are synced, and only then are they renamed
/// in the order given, `own` (folio's hidden bookkeeping, such as the
/// manifest: name and bytes) last. If any file cannot be written the
/// temporaries are removed and the folder is as it was.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("folio-doc-all-{}", std::process::id()));
/// use folio::output::write_all;
/// let w = write_all(&dir, &[("a.txt", b"one"), ("b.txt", b"two")], None).unwrap();
/// assert_eq!(w.changed.len(), 2);
/// let again = write_all(&dir, &[("a.txt", b"one"), ("b.txt", b"2")], None).unwrap();
/// assert_eq!((again.changed.len(), again.unchanged.len()), (1, 1));
/// assert!(write_all(&dir, &[("../a.txt", b"x")], None).is_err());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_all(
    dir: &Path,
    files: &[(&str, &[u8])],
    own: Option<(&str, &[u8])>,
) -> std::io::Result<Written> {
    write_outputs(dir, files, &[], own)
}

/// [`write_all`] with folders among the outputs: each is built complete in
/// a temporary folder beside its target, then swapped in with one atomic
/// exchange (the old one removed after), so a web server never serves half
/// an edition, and a failed build leaves the last one in place.
///
/// ```
/// use folio::output::{write_outputs, Folder};
/// let dir = std::env::temp_dir().join(format!("folio-doc-folder-{}", std::process::id()));
/// let web = Folder { name: "web".into(), files: vec![("index.html".into(), b"<p>1".to_vec()),
///     ("images/a.png".into(), b"png".to_vec())] };
/// write_outputs(&dir, &[], &[web.clone()], None).unwrap();
/// assert_eq!(std::fs::read(dir.join("web/images/a.png")).unwrap(), b"png");
/// let w = write_outputs(&dir, &[], &[web], None).unwrap();
/// assert_eq!(w.unchanged, [dir.join("web")]);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_outputs(
    dir: &Path,
    files: &[(&str, &[u8])],
    folders: &[Folder],
    own: Option<(&str, &[u8])>,
) -> std::io::Result<Written> {
    let invalid = |m: String| std::io::Error::new(std::io::ErrorKind::InvalidInput, m);
    let names: Vec<&str> = files
        .iter()
        .map(|(n, _)| *n)
        .chain(folders.iter().map(|f| f.name.as_str()))
        .collect();
    for (i, name) in names.iter().enumerate() {
        check_name(name).map_err(invalid)?;
        if let Some(other) = names[..i].iter().find(|o| same_name(o, name)) {
            return Err(invalid(format!(
                "two outputs are named \"{other}\" and \"{name}\"; expected a different name for each"
            )));
        }
    }
    for f in folders {
        for (path, _) in &f.files {
            for part in path.split('/') {
                check_name(part).map_err(|e| invalid(format!("{}/{path}: {e}", f.name)))?;
            }
        }
    }
    std::fs::create_dir_all(dir)?;
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK))?;
    // Another build into this folder finishes its write first: two builds
    // never mix their files, and clean-up never meets a live temporary.
    lock.lock()?;
    remove_stale_temporaries(dir);
    let mut pending = Vec::new();
    let mut written = Written::default();
    for (name, bytes) in files.iter().chain(own.as_ref()) {
        let path = dir.join(name);
        if path.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                format!("a folder is in the way of {}", path.display()),
            ));
        }
        if std::fs::read(&path).is_ok_and(|old| old == *bytes) {
            written.unchanged.push(path);
            continue;
        }
        let tmp = temporary(&path, bytes).map_err(|e| in_file(&path, e))?;
        pending.push((tmp, path));
    }
    let mut swaps = Vec::new();
    for f in folders {
        let path = dir.join(&f.name);
        if path.exists() && !path.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("a file is in the way of the folder {}", path.display()),
            ));
        }
        if same_folder(&path, &f.files) {
            written.unchanged.push(path);
            continue;
        }
        let tmp = temporary_folder(dir, f).map_err(|e| in_file(&path, e))?;
        swaps.push((tmp, path));
    }
    let temporaries: Vec<&Path> = pending
        .iter()
        .map(|(t, _)| t.path())
        .chain(swaps.iter().map(|(t, _)| t.path()))
        .collect();
    make_durable(dir, &temporaries)?;
    let own_path = own.map(|(name, _)| dir.join(name));
    for (tmp, path) in swaps {
        swap_in(tmp, &path).map_err(|e| in_file(&path, e))?;
        written.changed.push(path);
    }
    for (tmp, path) in pending {
        tmp.persist(&path).map_err(|e| in_file(&path, e.error))?;
        if Some(&path) != own_path.as_ref() {
            written.changed.push(path);
        }
    }
    if let Some(p) = &own_path {
        written.unchanged.retain(|u| u != p);
    }
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        // The renames themselves reach the disk.
        let _ = d.sync_all();
    }
    drop(lock);
    Ok(written)
}

/// Puts every temporary's bytes on disk before any is renamed over its
/// target: a crash must never leave a renamed file whose bytes are not on
/// disk (after a power cut, a rename that reached the journal before the
/// data would show an empty or torn report where the last good one was).
/// One `syncfs(2)` on the output folder's file system does it for all of
/// them at once; a build writes some thirty files (the web edition's pages
/// and fonts), and an fsync each cost about 10 ms of system time, as much
/// as writing the web edition itself. Where `syncfs` is missing or fails
/// (not Linux, or a file system that refuses it), each file and folder is
/// fsynced instead.
fn make_durable(dir: &Path, temporaries: &[&Path]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if let Ok(d) = std::fs::File::open(dir) {
        use std::os::fd::AsRawFd;
        // SAFETY: a valid open descriptor; syncfs only reads it. Since
        // Linux 5.8 it reports a write-back error of the file system, so
        // success means the bytes are down.
        if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    for t in temporaries {
        let paths = if t.is_dir() {
            folder::tree(t)?
        } else {
            vec![t.to_path_buf()]
        };
        for p in paths {
            std::fs::File::open(&p)
                .and_then(|f| f.sync_all())
                .map_err(|e| in_file(&p, e))?;
        }
    }
    // `dir` is only read where syncfs exists.
    let _ = dir;
    Ok(())
}

fn in_file(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// `bytes` in a temporary file beside `path`, not yet synced (`.NAME.XXXXXX.tmp`, so
/// a rename never crosses file systems), with the mode the file it replaces
/// has, or else the one a plain `File::create` gives (0666 less the umask):
/// tempfile's own 0600 would hide the report from colleagues on a shared
/// drive.
fn temporary(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    if let Ok(old) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(old.permissions())?;
    }
    tmp.write_all(bytes)?;
    Ok(tmp)
}

/// Writes `bytes` to `path` atomically (a temporary beside it, then a
/// rename), with the mode described at [`write_all`].
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
    let tmp = temporary(path, bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes temporary files that killed builds left behind
/// (`.NAME.XXXXXX.tmp`). Called with the folder's lock held, so no build is
/// writing one.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".tmp") {
            match e.file_type() {
                Ok(t) if t.is_file() => {
                    let _ = std::fs::remove_file(e.path());
                }
                // A web edition a killed build was assembling.
                Ok(t) if t.is_dir() => {
                    let _ = std::fs::remove_dir_all(e.path());
                }
                _ => {}
            }
        }
    }
}

/// Files in `dir` that a build did not write: what a user may take for
/// this build's output but is left from another (a CSV file, a print
/// edition no longer asked for). Hidden files are folio's own.
pub fn extras(dir: &Path, written: &[&str]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !written.iter().any(|w| same_name(w, n)))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_up_removes_stale_temporaries_only() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".report.pdf.abc123.tmp");
        std::fs::write(&stale, b"half").unwrap();
        let kept = dir.path().join("notes.tmp");
        std::fs::write(&kept, b"mine").unwrap();
        write_all(dir.path(), &[("a.pdf", b"x")], None).unwrap();
        assert!(!stale.exists(), "a stale temporary stays");
        assert!(kept.exists(), "a user's file was removed");
    }

    #[test]
    fn a_failed_file_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[("a.pdf", b"old"), ("b.xlsx", b"old")], None).unwrap();
        // A folder where the second output goes: the first is not replaced.
        std::fs::remove_file(dir.path().join("b.xlsx")).unwrap();
        std::fs::create_dir(dir.path().join("b.xlsx")).unwrap();
        let e = write_all(dir.path(), &[("a.pdf", b"new"), ("b.xlsx", b"new")], None).unwrap_err();
        assert!(e.to_string().contains("folder is in the way"), "{e}");
        assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_umask_mode_or_keep_their_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |n: &str| {
            std::fs::metadata(dir.path().join(n))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        // What File::create gives under this process's umask.
        std::fs::File::create(dir.path().join("probe")).unwrap();
        let plain = mode("probe");
        write_all(dir.path(), &[("a.pdf", b"1")], None).unwrap();
        assert_eq!(mode("a.pdf"), plain);
        std::fs::set_permissions(
            dir.path().join("a.pdf"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
        write_all(dir.path(), &[("a.pdf", b"2")], None).unwrap();
        assert_eq!(mode("a.pdf"), 0o640);
    }

    #[test]
    fn names_that_leave_the_folder_or_collide_are_refused() {
        for bad in [
            "../report.toml",
            "/tmp/x.pdf",
            "a/b.pdf",
            "a\\b.pdf",
            "..",
            ".folio-manifest",
            ".report.pdf.abc.tmp",
            "CON",
            "lpt1.xlsx",
            "a\u{1b}[2J.pdf",
            "report.pdf.",
            "what?.pdf",
            "",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?} passed");
        }
        let dir = tempfile::tempdir().unwrap();
        let e = write_all(dir.path(), &[("a.pdf", b"1"), ("A.PDF", b"2")], None).unwrap_err();
        assert!(e.to_string().contains("two outputs"), "{e}");
    }
}
