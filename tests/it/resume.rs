//! `extract --resume`: a run killed part-way (or stopped) goes on after its last checkpoint,
//! and the output, the rejects file and the summary counts come out byte for byte as an
//! uninterrupted run's.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::workdir::{Workdir, repo};

/// The articles of corpus/ repeated under new ids, `n` lines, every 997th a broken JSON line
/// (a reject), so that rejects fall on both sides of a checkpoint.
fn corpus(n: usize) -> Vec<u8> {
    let text = std::fs::read_to_string(repo().join("corpus/articles.jsonl")).unwrap();
    let articles: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = Vec::new();
    for i in 0..n {
        if i % 997 == 5 {
            writeln!(out, "{{\"id\": broken {i}").unwrap();
            continue;
        }
        let mut a = articles[i % articles.len()].clone();
        let id = format!("{}-{i}", a["id"].as_str().unwrap());
        a["id"] = id.into();
        serde_json::to_writer(&mut out, &a).unwrap();
        out.push(b'\n');
    }
    out
}

/// The summary line without its timing (" in 1.23s (…)").
fn counts(stderr: &str) -> String {
    let line = stderr
        .lines()
        .rfind(|l| l.contains(" articles, "))
        .unwrap_or_else(|| panic!("no summary line: {stderr}"));
    line[..line.find(" in ").unwrap()].to_string()
}

/// A resumed run succeeded, went on after `items` records, and ended with the bytes and counts
/// of the uninterrupted run (`ref.jsonl`, whose standard error is `ref_err`).
fn assert_resumed(wd: &Workdir, code: Option<i32>, err: &str, items: u64, ref_err: &str) {
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(&format!("resuming after {items} records")),
        "{err}"
    );
    assert!(
        std::fs::read(wd.path("out.jsonl")).unwrap()
            == std::fs::read(wd.path("ref.jsonl")).unwrap()
    );
    assert_eq!(counts(err), counts(ref_err));
}

fn run(wd: &Workdir, args: &[&str]) -> (Option<i32>, String) {
    let out = wd.run(args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code(), err)
}

fn checkpoint_items(wd: &Workdir, name: &str) -> u64 {
    let text = wd.read(&format!(".{name}.checkpoint"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["progress"]["items"].as_u64().unwrap()
}

/// Starts `args`, waits for its first checkpoint beside `output`, and kills it (SIGKILL).
fn kill_after_first_checkpoint(wd: &Workdir, args: &[&str], output: &str) {
    let mut child = wd
        .command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let checkpoint = wd.path(&format!(".{output}.checkpoint"));
    let started = Instant::now();
    while !checkpoint.exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before its first checkpoint could be seen"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no checkpoint appeared"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

/// The acceptance test of issue #9, item 5: kill -9 part-way, run the same command with
/// --resume, get the uninterrupted run's bytes. A missing input before the corpus is an input
/// error counted before the checkpoint (exit status 1 both times); rejects fall before and
/// after it. The kill is simulated as landing mid-write too: bytes appended after the
/// checkpoint (a torn record, a torn reject) are cut off.
#[test]
fn resume_after_kill_9_gives_the_bytes_of_an_uninterrupted_run() {
    let wd = Workdir::new("resume-kill");
    let n = 30_000;
    wd.write("big.jsonl", corpus(n));
    let base = ["extract", "missing.jsonl", "big.jsonl", "--threads", "2"];
    let with = |out: &str, rejects: &str, resume: bool| {
        let mut a: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        a.extend(["-o", out, "--rejects", rejects].map(String::from));
        if resume {
            a.push("--resume".into());
        }
        a
    };
    let refs = with("ref.jsonl", "ref.rejects", false);
    let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
    let (code, ref_err) = run(&wd, &refs);
    assert_eq!(code, Some(1), "{ref_err}");

    let args = with("out.jsonl", "out.rejects", true);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    kill_after_first_checkpoint(&wd, &args, "out.jsonl");
    assert!(!wd.path("out.jsonl").exists(), "no output before the end");
    let items = checkpoint_items(&wd, "out.jsonl");
    assert!(
        items > 0 && items < n as u64,
        "checkpoint after {items} items"
    );
    // A kill lands anywhere, also in the middle of a write.
    for (name, torn) in [
        (".out.jsonl.partial", &b"{\"id\":\"torn"[..]),
        ("out.rejects", b"{\"id\": bro"),
    ] {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(wd.path(name))
            .unwrap();
        f.write_all(torn).unwrap();
    }

    let (code, err) = run(&wd, &args);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!("resuming after {items} records")),
        "{err}"
    );
    // Only what the resumed part read is reported again, not the missing input.
    assert!(!err.contains("missing.jsonl"), "{err}");
    let got = std::fs::read(wd.path("out.jsonl")).unwrap();
    let want = std::fs::read(wd.path("ref.jsonl")).unwrap();
    assert_eq!(got.len(), want.len());
    assert!(got == want, "the resumed output differs");
    assert_eq!(wd.read("out.rejects"), wd.read("ref.rejects"));
    assert_eq!(
        wd.read("out.rejects").lines().count(),
        (0..n).filter(|i| i % 997 == 5).count()
    );
    assert_eq!(counts(&err), counts(&ref_err));
    assert!(!wd.path(".out.jsonl.partial").exists());
    assert!(!wd.path(".out.jsonl.checkpoint").exists());
}

/// A resumable run stopped by --strict keeps its partial output and checkpoint (no kill
/// needed, so this is exact): a resume with other inputs or other options is refused and says
/// what changed; the same command goes on and gives the uninterrupted bytes.
#[test]
fn resume_refuses_another_command_and_goes_on_with_the_same() {
    let wd = Workdir::new("resume-strict");
    let mut input = corpus(12_000).to_vec();
    // Good lines only (the broken ones removed), then one bad line near the end.
    input = input
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty() && !l.starts_with(b"{\"id\": broken"))
        .flat_map(|l| l.iter().copied().chain([b'\n']))
        .collect();
    input.extend_from_slice(b"not json\n{\"id\":\"last\",\"text\":\"China met Japan.\"}\n");
    wd.write("in.jsonl", &input);
    let (code, ref_err) = run(&wd, &["extract", "in.jsonl", "-o", "ref.jsonl"]);
    assert_eq!(code, Some(0), "{ref_err}");

    let args = ["extract", "in.jsonl", "-o", "out.jsonl", "--resume"];
    let (code, err) = run(&wd, &[&args[..], &["--strict"]].concat());
    assert_eq!(code, Some(2), "{err}");
    assert!(!wd.path("out.jsonl").exists());
    assert!(wd.path(".out.jsonl.partial").exists());
    // At a batch end (512 records), after 10,000 records or 5 seconds.
    let items = checkpoint_items(&wd, "out.jsonl");
    assert!(items > 0 && items.is_multiple_of(512), "{items}");

    // Other options: refused, naming the option.
    let (code, err) = run(&wd, &[&args[..], &["--emit", "relations"]].concat());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("cannot resume") && err.contains("--emit was \"articles\", is \"relations\""),
        "{err}"
    );
    // A changed input: refused, naming the file.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(wd.path("in.jsonl"))
        .unwrap();
    f.write_all(b"{\"id\":\"more\",\"text\":\"x\"}\n").unwrap();
    drop(f);
    let (code, err) = run(&wd, &args);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("in.jsonl: changed"), "{err}");
    assert!(!wd.path("out.jsonl").exists());

    // The input as it was (same bytes, and the modification time the checkpoint saw).
    let len = input.len() as u64;
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(wd.path("in.jsonl"))
        .unwrap();
    f.set_len(len).unwrap();
    let ckpt: serde_json::Value = serde_json::from_str(&wd.read(".out.jsonl.checkpoint")).unwrap();
    let modified = ckpt["fingerprint"]["files"][0]["modified"]
        .as_str()
        .unwrap();
    let (secs, nanos) = modified.split_once('.').unwrap();
    let time = std::time::UNIX_EPOCH + Duration::new(secs.parse().unwrap(), nanos.parse().unwrap());
    f.set_modified(time).unwrap();
    drop(f);

    let (code, err) = run(&wd, &args);
    assert_resumed(&wd, code, &err, items, &ref_err);
}

/// A disk that fills up part-way (here the file-size limit, `ulimit -f`, whose EFBIG stands
/// for ENOSPC): the resumable run fails with the error, keeps its partial output and checkpoint;
/// once there is room, the same command with --resume goes on and ends with the uninterrupted
/// bytes.
#[test]
fn resume_after_the_disk_filled_up() {
    let wd = Workdir::new("resume-full");
    let mut input = Vec::new();
    for i in 0..40_000 {
        writeln!(
            input,
            "{{\"id\":\"{i}\",\"text\":\"China banned Huawei. Japan met France on day {i}.\"}}"
        )
        .unwrap();
    }
    wd.write("in.jsonl", &input);
    let (code, ref_err) = run(&wd, &["extract", "in.jsonl", "-o", "ref.jsonl"]);
    assert_eq!(code, Some(0), "{ref_err}");
    // About 70 MB of output: the limit (25 or 50 MB, as the shell counts blocks of 512 or
    // 1024 bytes) falls after the first checkpoint and before the end.
    let bin = env!("CARGO_BIN_EXE_newsgraph");
    let out = std::process::Command::new("sh")
        .current_dir(&wd.dir)
        .args([
            "-c",
            &format!(
                "trap '' XFSZ; ulimit -f 50000; exec '{bin}' extract in.jsonl -o out.jsonl --resume"
            ),
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("writing the output: File too large"), "{err}");
    assert!(!wd.path("out.jsonl").exists());
    let items = checkpoint_items(&wd, "out.jsonl");
    assert!((10_000..40_000).contains(&items), "{items}");

    let (code, err) = run(&wd, &["extract", "in.jsonl", "-o", "out.jsonl", "--resume"]);
    assert_resumed(&wd, code, &err, items, &ref_err);
}

/// With nothing to resume, --resume is an ordinary run, and leaves nothing beside the output.
#[test]
fn resume_with_nothing_to_resume_runs_from_the_start() {
    let wd = Workdir::new("resume-fresh");
    let corpus = repo().join("corpus");
    let corpus = corpus.to_str().unwrap();
    let (code, _) = run(&wd, &["extract", corpus, "-o", "ref.jsonl"]);
    assert_eq!(code, Some(0));
    let (code, err) = run(&wd, &["extract", corpus, "-o", "out.jsonl", "--resume"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("resuming"), "{err}");
    assert_eq!(wd.read("out.jsonl"), wd.read("ref.jsonl"));
    let left: Vec<String> = std::fs::read_dir(&wd.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn resume_needs_an_output_file_and_input_files() {
    let wd = Workdir::new("resume-usage");
    wd.write("a.jsonl", "{\"id\":\"a\",\"text\":\"China\"}\n");
    let cases: &[(&[&str], &str)] = &[
        (&["a.jsonl", "--resume"], "--output <FILE>"),
        (
            &["a.jsonl", "--resume", "-o", "-"],
            "--resume needs -o FILE",
        ),
        (
            &["--resume", "-o", "out.jsonl"],
            "--resume needs input files",
        ),
        (
            &["-", "--resume", "-o", "out.jsonl"],
            "--resume needs input files",
        ),
    ];
    for (args, want) in cases {
        let (code, err) = run(&wd, &[&["extract"][..], args].concat());
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    assert!(!wd.path("out.jsonl").exists());
}
