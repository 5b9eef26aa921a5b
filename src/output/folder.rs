//! Output folders (the web edition): assembled complete in a hidden
//! temporary folder beside the target, then swapped in whole, so a reader
//! or a web server never sees half an edition.

use super::Folder;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder at `path` holds exactly `files`, byte for byte.
pub(super) fn same_folder(path: &Path, files: &[(String, Vec<u8>)]) -> bool {
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .fold(0, |n, e| {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    n + count(&e.path())
                } else {
                    n + 1
                }
            })
    }
    path.is_dir()
        && count(path) == files.len()
        && files
            .iter()
            .all(|(p, bytes)| std::fs::read(path.join(p)).is_ok_and(|old| old == *bytes))
}

/// `folder`'s files in a new hidden folder in `dir` (`.NAME.XXXXXX.tmp`),
/// with the modes a plain `create` gives. Not yet synced: the caller makes
/// every temporary durable at once (see [`super::make_durable`]).
pub(super) fn temporary_folder(dir: &Path, folder: &Folder) -> std::io::Result<tempfile::TempDir> {
    let prefix = format!(".{}.", folder.name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    let tmp = builder.tempdir_in(dir)?;
    for (path, bytes) in &folder.files {
        let target = tmp.path().join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::File::create(&target)?.write_all(bytes)?;
    }
    Ok(tmp)
}

/// Every file and folder under `root`, itself included, children first
/// (the order to fsync them in, so a folder is synced after its entries).
pub(super) fn tree(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root)? {
        let e = e?;
        if e.file_type()?.is_dir() {
            out.extend(tree(&e.path())?);
        } else {
            out.push(e.path());
        }
    }
    out.push(root.to_path_buf());
    Ok(out)
}

/// Puts the folder `tmp` at `path`: one atomic exchange where the system
/// has one (Linux's `renameat2`), else the old folder moved aside first.
/// The old folder is removed after.
pub(super) fn swap_in(tmp: tempfile::TempDir, path: &Path) -> std::io::Result<()> {
    let new = tmp.keep();
    if !path.exists() {
        return std::fs::rename(&new, path);
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| {
            std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other)
        };
        let (a, b) = (c(&new)?, c(path)?);
        // SAFETY: two valid NUL-terminated paths.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            // `new` now holds the old edition.
            return std::fs::remove_dir_all(&new);
        }
    }
    let aside = new.with_extension("old.tmp");
    std::fs::rename(path, &aside)?;
    std::fs::rename(&new, path)?;
    std::fs::remove_dir_all(&aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_lists_each_folder_after_its_entries() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("web");
        std::fs::create_dir_all(root.join("fonts")).unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        std::fs::write(root.join("fonts/a.ttf"), "y").unwrap();
        let t = tree(&root).unwrap();
        let at = |p: &Path| t.iter().position(|q| q == p).unwrap();
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(at(&root.join("fonts/a.ttf")) < at(&root.join("fonts")));
        assert!(at(&root.join("index.html")) < at(&root));
        assert_eq!(t.last(), Some(&root));
    }
}
