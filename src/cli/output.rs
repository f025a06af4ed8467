//! Writing outputs atomically: every file of one input goes to a temporary file first and is
//! renamed into place only when all of them are written, so a failure leaves nothing behind.
//! Missing folders on the way are made.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write each (path, bytes); "-" goes to standard output. All or none.
pub fn write_all(files: &[(String, Vec<u8>)]) -> Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |staged: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (path, bytes) in files {
        if path == "-" {
            continue;
        }
        let dest = PathBuf::from(path);
        // `--out-dir` and the folder of `-o` are made when missing (as `mkdir -p`).
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(dir) {
                cleanup(&staged);
                return Err(Error::Io(format!("{}: cannot make the folder: {e}", dir.display())));
            }
        }
        let tmp = temp_name(&dest);
        // No fsync: the rename makes the file appear whole or not at all for every reader;
        // surviving a power cut is the file system's business (and fsync costs milliseconds
        // per file, most of a render's time).
        let res = std::fs::File::create(&tmp).and_then(|mut f| f.write_all(bytes));
        if let Err(e) = res {
            let _ = std::fs::remove_file(&tmp);
            cleanup(&staged);
            return Err(Error::Io(format!("{}: {e}", dest.display())));
        }
        staged.push((tmp, dest));
    }
    for (tmp, dest) in &staged {
        if let Err(e) = std::fs::rename(tmp, dest) {
            cleanup(&staged);
            return Err(Error::Io(format!("{}: {e}", dest.display())));
        }
    }
    for (path, bytes) in files {
        if path == "-" {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|_| out.flush()).map_err(|e| Error::Io(format!("standard output: {e}")))?;
        }
    }
    Ok(())
}

fn temp_name(dest: &Path) -> PathBuf {
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dest.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

