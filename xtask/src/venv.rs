//! Python virtual environments under the target dir, each holding one pinned package from PyPI:
//! botocore for the conformance fixtures and the SigV4 corpus, boto3 for the interop tests.

use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python of `<target-dir>/<name>`, created when missing and given `package==version` from
/// PyPI when it holds another version or none.
pub fn python_with(name: &str, package: &str, version: &str) -> Result<PathBuf> {
    let venv = util::target_dir().join(name);
    let python = venv_python(&venv);
    if !python.is_file() {
        step(&format!("python3 -m venv {}", venv.display()));
        util::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))
            .context("could not create the Python venv (is python3 with venv installed?)")?;
    }
    if installed(&python, package).as_deref() == Some(version) {
        return Ok(python);
    }
    step(&format!(
        "pip install {package}=={version} (PyPI) into {name}"
    ));
    util::run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .arg(format!("{package}=={version}")),
    )
    .with_context(|| format!("pip could not install {package} from PyPI"))?;
    let got = installed(&python, package);
    if got.as_deref() != Some(version) {
        bail!("the venv {name} has {package} {got:?} after pip install, expected {version}");
    }
    Ok(python)
}

/// The venv's Python interpreter.
fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// The version of `package` the venv's Python imports, if any.
fn installed(python: &Path, package: &str) -> Option<String> {
    let script = format!("import {package}; print({package}.__version__)");
    util::output(Command::new(python).args(["-c", &script])).map(|out| out.trim().to_string())
}
