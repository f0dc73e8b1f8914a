//! Faults around a run: a full device, a closed pipe, an unreadable input, a `kill -9`. Each
//! ends the way docs/reliability.md says: a clear error and a non-zero exit, or a quiet end, and
//! never a truncated file under the output's final name.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::hostile::{GOOD, extract, measure};
use crate::workdir::Workdir;

fn articles(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        writeln!(
            out,
            "{{\"id\":\"{i}\",\"text\":\"China banned Huawei. Japan met France on day {i}.\"}}"
        )
        .unwrap();
    }
    out
}

#[test]
fn stdout_to_a_full_device_fails_clearly() {
    let wd = Workdir::new("fault-full");
    wd.write("a.jsonl", articles(2000));
    let mut cmd = wd.command(&["extract", "a.jsonl"]);
    cmd.stdin(Stdio::null())
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .stderr(Stdio::piped());
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("newsgraph: writing the output: No space left on device"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// A write that fails part-way through `-o` (here: the file-size limit, `ulimit -f`, with the
/// signal ignored so that the write returns EFBIG like a full disk's ENOSPC) leaves no file
/// under the final name, no temporary file, and the previous file untouched.
#[test]
fn failed_write_to_output_file_leaves_the_previous_file() {
    let wd = Workdir::new("fault-efbig");
    wd.write("a.jsonl", articles(5000));
    wd.write("out.jsonl", "previous\n");
    let bin = env!("CARGO_BIN_EXE_newsgraph");
    let out = std::process::Command::new("sh")
        .current_dir(&wd.dir)
        .args([
            "-c",
            &format!("trap '' XFSZ; ulimit -f 64; exec '{bin}' extract a.jsonl -o out.jsonl"),
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("newsgraph: writing the output: File too large"),
        "{err}"
    );
    assert_eq!(wd.read("out.jsonl"), "previous\n");
    let left: Vec<_> = std::fs::read_dir(&wd.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn output_in_a_missing_folder_fails_before_reading() {
    let wd = Workdir::new("fault-nofolder");
    wd.write("a.jsonl", GOOD);
    let m = extract(&wd, &["a.jsonl", "-o", "no/such/folder/out.jsonl"]);
    assert_eq!(m.code, Some(2));
    assert!(m.stderr.contains("cannot create"), "{}", m.stderr);
}

/// `newsgraph extract big | head -1`: the reader has enough; newsgraph ends at once, exit 0,
/// nothing on standard error.
#[test]
fn closed_pipe_ends_quietly() {
    let wd = Workdir::new("fault-pipe");
    wd.write("a.jsonl", articles(50_000));
    let mut child = wd
        .command(&["extract", "a.jsonl"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe is closed with most of the output unwritten.
    assert!(first.starts_with("{\"id\":\"0\""), "{first}");
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err, "", "a closed pipe is not an error");
}

/// A file that opens but cannot be read (`/proc/self/mem` fails with EIO at offset 0; tests
/// run as root, so permissions cannot make a file unreadable), a dangling symbolic link and a
/// missing file: each reported with its name, exit 1, and the other inputs processed.
#[test]
fn unreadable_inputs_are_reported_and_the_others_processed() {
    let wd = Workdir::new("fault-unreadable");
    wd.write("a.jsonl", "{\"id\":\"a\",\"text\":\"China\"}\n");
    wd.write("b.jsonl", "{\"id\":\"b\",\"text\":\"Japan\"}\n");
    std::os::unix::fs::symlink("nowhere.jsonl", wd.path("dangling.jsonl")).unwrap();
    let m = extract(
        &wd,
        &[
            "/proc/self/mem",
            "a.jsonl",
            "dangling.jsonl",
            "missing.jsonl",
            "b.jsonl",
        ],
    );
    assert_eq!(m.code, Some(1), "{}", m.stderr);
    assert_eq!(m.ids(), ["a", "b"]);
    for name in [
        "/proc/self/mem: Input/output error",
        "dangling.jsonl: No such file",
        "missing.jsonl: No such file",
    ] {
        assert!(m.stderr.contains(name), "{name}: {}", m.stderr);
    }
    assert!(m.stderr.contains("3 unreadable inputs"), "{}", m.stderr);
}

/// A folder input whose files are unreadable: the same, file by file.
#[test]
fn unreadable_file_inside_a_folder() {
    let wd = Workdir::new("fault-folder");
    wd.write("in/1.jsonl", "{\"id\":\"a\",\"text\":\"China\"}\n");
    std::os::unix::fs::symlink("gone.jsonl", wd.path("in/2.jsonl")).unwrap();
    wd.write("in/3.jsonl", "{\"id\":\"c\",\"text\":\"Japan\"}\n");
    let m = extract(&wd, &["in"]);
    assert_eq!(m.code, Some(1), "{}", m.stderr);
    assert_eq!(m.ids(), ["a", "c"]);
    assert!(m.stderr.contains("2.jsonl: No such file"), "{}", m.stderr);
}

/// `kill -9` part-way through a run with `-o`: the final name still holds the previous file,
/// whole; a run to the end then replaces it with the complete output and removes the killed
/// run's temporary file.
#[test]
fn kill_9_leaves_the_previous_output() {
    let wd = Workdir::new("fault-kill");
    let n = 400_000;
    wd.write("a.jsonl", articles(n));
    wd.write("out.jsonl", "previous\n");
    let mut child = wd
        .command(&["extract", "a.jsonl", "-o", "out.jsonl", "--threads", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill once the temporary file has some output in it: mid-write.
    let started = Instant::now();
    let tmp = wd.path(&format!(".out.jsonl.{}.tmp", child.id()));
    while std::fs::metadata(&tmp).map_or(0, |m| m.len()) < 1 << 20 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no output appeared"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended too soon"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(wd.read("out.jsonl"), "previous\n");
    // The temporary file of the killed run stays behind: nothing in the killed process can
    // remove it.
    assert!(tmp.exists());
    // Beside it, the temporary file of a run still going (this test process stands in for
    // it) and a file that only looks like one.
    let live = wd.write(&format!(".out.jsonl.{}.tmp", std::process::id()), "live");
    let other = wd.write(".out.jsonl.x1.tmp", "not ours");

    // The next run completes, replaces the file with the whole output, and removes the
    // temporary file of the dead run, and only that one.
    let m = measure(wd.command(&["extract", "a.jsonl", "-o", "out.jsonl"]), None);
    assert_eq!(m.code, Some(0), "{}", m.stderr);
    let out = std::fs::read(wd.path("out.jsonl")).unwrap();
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), n);
    assert!(out.ends_with(b"\n"));
    assert!(
        !tmp.exists(),
        "the dead run's temporary file is still there"
    );
    assert!(live.exists() && other.exists());
}
