//! Shared test helpers: a scratch QMS in a temp dir, running the binary, reading its output.

#![allow(dead_code)]

pub mod git;

use std::path::{Path, PathBuf};
use std::process::Command;

pub const TODAY: &str = "2026-11-27";

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout of a `--format json` run, parsed.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// `(file, line, code)` of every error and warning of a `--format json` run. Notes (such as
    /// "not a git repository" for a temp dir) are left out.
    pub fn findings(&self) -> Vec<(String, u64, String)> {
        let json = self.json();
        let mut findings: Vec<_> = json["diagnostics"]
            .as_array()
            .expect("diagnostics is an array")
            .iter()
            .filter(|d| d["severity"] != "note")
            .map(|d| {
                (
                    d["file"].as_str().unwrap_or("").to_owned(),
                    d["line"].as_u64().unwrap_or(0),
                    d["code"].as_str().expect("code is a string").to_owned(),
                )
            })
            .collect();
        findings.sort();
        findings
    }

    /// The codes of all diagnostics, sorted.
    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<_> = self.findings().into_iter().map(|(_, _, code)| code).collect();
        codes.sort();
        codes
    }
}

/// Runs `qms` with `args` in `dir`.
pub fn qms_in(dir: &Path, args: &[&str]) -> Run {
    finish(Command::new(env!("CARGO_BIN_EXE_qms")).args(args).current_dir(dir))
}

/// Runs `qms` with `args` in `dir`, the environment changed by `env` (`None` removes a
/// variable).
pub fn qms_with_env_in(dir: &Path, args: &[&str], env: &[(&str, Option<&str>)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qms"));
    command.args(args).current_dir(dir);
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    finish(&mut command)
}

/// Runs `qms` with `args` in `dir` where no `git` program can be found: every git object is
/// read through libgit2.
pub fn qms_without_git_in(dir: &Path, args: &[&str]) -> Run {
    let empty = tempfile::tempdir().expect("temp dir");
    finish(Command::new(env!("CARGO_BIN_EXE_qms")).args(args).current_dir(dir).env("PATH", empty.path()))
}

/// Runs `qms` with `args` in `dir` where the only `git` program is the shell script `script`.
#[cfg(unix)]
pub fn qms_with_fake_git_in(dir: &Path, args: &[&str], script: &str) -> Run {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().expect("temp dir");
    let git = bin.path().join("git");
    std::fs::write(&git, format!("#!/bin/sh\n{script}\n")).expect("the script is written");
    std::fs::set_permissions(&git, std::fs::Permissions::from_mode(0o755)).expect("the script is executable");
    finish(Command::new(env!("CARGO_BIN_EXE_qms")).args(args).current_dir(dir).env("PATH", bin.path()))
}

fn finish(command: &mut Command) -> Run {
    let output = command.output().expect("the binary runs");
    let code = output.status.code().expect("the binary exits normally, not by a signal");
    Run {
        code,
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A scratch QMS root in a temp dir.
pub struct TestQms {
    dir: tempfile::TempDir,
}

impl TestQms {
    /// An empty root with a minimal `qms.toml` and a `docs/` folder.
    pub fn new() -> Self {
        let qms = Self::bare();
        qms.write("qms.toml", "[organization]\nname = \"Test Ltd\"\n\n[qms]\ndocuments = \"docs\"\n");
        std::fs::create_dir_all(qms.path().join("docs")).unwrap();
        qms
    }

    /// An empty temp dir: no `qms.toml`.
    pub fn bare() -> Self {
        Self { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes `contents` to `relative`, creating folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Writes a valid effective document `docs/<id>.md` with `extra` front-matter lines and `body`.
    pub fn doc(&self, id: &str, extra: &str, body: &str) -> &Self {
        self.write(&format!("docs/{id}.md"), valid_doc(id, extra, body))
    }

    /// Runs `qms` in the root with `args`.
    pub fn run(&self, args: &[&str]) -> Run {
        qms_in(self.path(), args)
    }

    /// `qms check --today TODAY --format json` plus `args`.
    pub fn check_json(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "--today", TODAY, "--format", "json"];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

/// The text of a valid effective document: fields in `extra` replace the defaults of the same name.
pub fn valid_doc(id: &str, extra: &str, body: &str) -> String {
    let defaults = [
        ("id", id.to_owned()),
        ("title", format!("Document {id}")),
        ("type", "procedure".to_owned()),
        ("version", "\"1.0\"".to_owned()),
        ("status", "effective".to_owned()),
        ("owner", "Quality Manager".to_owned()),
        ("approver", "Managing Director".to_owned()),
        ("approved", "2026-06-01".to_owned()),
        ("effective", "2026-06-08".to_owned()),
    ];
    let extra: Vec<(&str, &str)> = extra
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split_once(':').map_or((line.trim(), ""), |(k, v)| (k.trim(), v.trim())))
        .collect();
    // An extra field replaces the default of the same name on its line; others follow.
    let mut front = String::from("---\n");
    for (key, value) in &defaults {
        let value = extra.iter().find(|(k, _)| k == key).map_or(value.as_str(), |(_, v)| v);
        front.push_str(&format!("{key}: {value}\n"));
    }
    for (key, value) in extra.iter().filter(|(k, _)| !defaults.iter().any(|(d, _)| d == k)) {
        if value.is_empty() {
            front.push_str(&format!("{key}\n"))
        } else {
            front.push_str(&format!("{key}: {value}\n"))
        }
    }
    front.push_str("---\n");
    format!("{front}\n# {id}\n\n{body}\n")
}

/// The repository's `example-qms` folder.
pub fn example_qms() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-qms")
}
