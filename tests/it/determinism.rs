//! Same input, same bytes, whatever the number of threads.

use crate::workdir::{Workdir, repo, seed_path};

fn run_with_threads(wd: &Workdir, inputs: &[&str], threads: &str) -> Vec<u8> {
    let mut args = vec!["extract", "--threads", threads, "--quiet"];
    args.extend_from_slice(inputs);
    let out = wd.run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn threads_do_not_change_the_output() {
    let wd = Workdir::new("threads");
    let corpus = repo().join("corpus");
    let seed = seed_path();
    let inputs = [corpus.to_str().unwrap(), seed.to_str().unwrap()];
    let one = run_with_threads(&wd, &inputs, "1");
    let two = run_with_threads(&wd, &inputs, "2");
    let four = run_with_threads(&wd, &inputs, "4");
    assert!(one.len() > 1000);
    assert_eq!(one, two);
    assert_eq!(one, four);
}

/// A larger real corpus when ../shared has it: several batches, so batch boundaries and
/// thread scheduling are exercised.
#[test]
fn threads_do_not_change_the_output_on_reuters() {
    let reuters = repo().join("../shared/corpora/reuters21578/articles.jsonl.gz");
    if !reuters.exists() {
        eprintln!("skipped: {} not present", reuters.display());
        return;
    }
    let wd = Workdir::new("threads-reuters");
    let path = reuters.to_str().unwrap();
    let one = run_with_threads(&wd, &[path], "1");
    let two = run_with_threads(&wd, &[path], "2");
    assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 19_043);
    assert!(one == two, "outputs differ between 1 and 2 threads");
}
