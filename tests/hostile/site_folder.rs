//! Where `qms build` writes: only inside `--out` (created with its parents) and its staging
//! beside it, under an OS lock that dies with the process; a signal leaves the previous site and
//! no staging; files a user adds to the site live in `theme/static/`.

use crate::support::{TODAY, TestQms};
use std::path::Path;

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site") && n != ".site.lock")
        .collect()
}

#[test]
fn a_stale_lock_file_naming_a_live_process_does_not_block_the_build() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Body.");
    let out = qms.join("site");
    // PID 1 is alive in every container, and this test's own process is alive too: neither
    // holds the lock, so neither may block the build.
    for holder in ["1".to_owned(), std::process::id().to_string()] {
        std::fs::write(qms.join(".site.lock"), &holder).unwrap();
        let run = qms.run(&["build", "--today", TODAY, "--out", &out.to_string_lossy()]);
        assert_eq!(run.code, 0, "a lock file naming process {holder}: {}", run.stderr);
    }
    assert!(out.join("current/documents/SOP-1.html").is_file());
}

#[test]
fn out_is_created_with_its_parents() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Body.");
    let run = qms.run(&["build", "--today", TODAY, "--out", "public/manual/site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(qms.join("public/manual/site/current/documents/SOP-1.html").is_file());
}

#[cfg(unix)]
#[test]
fn sigterm_and_sigint_leave_the_previous_site_and_no_staging() {
    let qms = TestQms::new();
    for n in 1..=400 {
        qms.doc(&format!("SOP-{n}"), "", &"A paragraph of procedure text, long enough to render.\n\n".repeat(40));
    }
    let out = qms.join("site");
    let out_arg = out.to_string_lossy().into_owned();
    let first = qms.run(&["build", "--today", TODAY, "--out", &out_arg]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let manifest = std::fs::read(out.join("manifest.json")).unwrap();
    qms.doc("SOP-1", "title: Changed title", "Changed.");

    for (signal, name) in [(15, "TERM"), (2, "INT")] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_qms"))
            .args(["build", "--today", TODAY, "--out", &out_arg])
            .current_dir(qms.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the build is writing its staging folder, then signal it.
        let staging = qms.join(".site.building");
        let started = std::time::Instant::now();
        while !staging.join("current").exists() && started.elapsed() < std::time::Duration::from_secs(60) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(child.try_wait().unwrap().is_none(), "the build finished before it could be signalled");
        let kill = std::process::Command::new("kill").args([&format!("-{name}"), &child.id().to_string()]).status();
        assert!(kill.unwrap().success());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(128 + signal), "SIG{name}: {stderr}");
        assert!(stderr.contains("interrupted"), "{stderr}");
        assert_eq!(leftovers(qms.path()), Vec::<String>::new(), "SIG{name} left the staging behind");
        assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), manifest, "the previous site is intact");
    }
    let run = qms.run(&["build", "--today", TODAY, "--out", &out_arg]);
    assert_eq!(run.code, 0, "the lock died with the signalled builds: {}", run.stderr);
    assert!(std::fs::read_to_string(out.join("current/documents/SOP-1.html")).unwrap().contains("Changed title"));
}

/// A mount point (a volume in a container, a tmpfs) can be `--out`: it cannot be renamed, so the
/// site is swapped in inside it. Needs a user and mount namespace (`unshare -rm`).
#[cfg(target_os = "linux")]
#[test]
#[allow(clippy::print_stderr)]
fn a_mount_point_can_be_the_output_folder() {
    if !std::process::Command::new("unshare").args(["-rm", "true"]).status().is_ok_and(|s| s.success()) {
        eprintln!("skipped: this machine cannot make a mount namespace (unshare -rm)");
        return;
    }
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Body.");
    let out = qms.join("mounted");
    std::fs::create_dir_all(&out).unwrap();
    let script = format!(
        "mount -t tmpfs none '{out}' && '{bin}' build --today {TODAY} --out '{out}' && '{bin}' build --today {TODAY} --out '{out}' && ls -a '{out}' && cat '{out}/current/documents/SOP-1.html' | head -c 100",
        out = out.display(),
        bin = env!("CARGO_BIN_EXE_qms"),
    );
    let output = std::process::Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .current_dir(qms.path())
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{stdout}{stderr}");
    for name in ["current", "index.html", "manifest.json", ".qms-site"] {
        assert!(stdout.lines().any(|l| l == name), "{name} in the mount point: {stdout}");
    }
    assert!(!stdout.contains("building") && !stdout.contains("previous"), "no staging left inside: {stdout}");
    assert!(stdout.contains("<!DOCTYPE html>") || stdout.contains("<!doctype html>"), "{stdout}");
}

#[test]
fn files_put_in_theme_static_are_in_every_build_and_a_rebuild_names_what_it_removes() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Body.");
    qms.write("theme/static/CNAME", "manual.example.com\n");
    qms.write("theme/static/.well-known/security.txt", "Contact: mailto:security@example.com\n");
    let out = qms.join("site");
    let out_arg = out.to_string_lossy().into_owned();
    let run = qms.run(&["build", "--today", TODAY, "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(out.join("CNAME")).unwrap(), "manual.example.com\n");
    assert!(out.join(".well-known/security.txt").is_file());
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"CNAME\""), "static files are in the manifest: {manifest}");

    // A file the user put straight into the site is not kept, and the build says so.
    std::fs::write(out.join("robots.txt"), "User-agent: *\n").unwrap();
    let run = qms.run(&["build", "--today", TODAY, "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("robots.txt") && run.stderr.contains("theme/static/"), "{}", run.stderr);
    assert!(!out.join("robots.txt").exists());
    assert!(out.join("CNAME").is_file(), "theme/static/ is copied again");

    // A static file may not replace a file of the site.
    qms.write("theme/static/index.html", "<p>hijack</p>");
    let run = qms.run(&["build", "--today", TODAY, "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("theme/static/index.html"), "{}", run.stderr);
    assert!(!std::fs::read_to_string(out.join("index.html")).unwrap().contains("hijack"));
}
