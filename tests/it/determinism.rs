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

/// `Pipeline::process_chunk` (the Python bindings' path) gives each record the bytes `run`
/// writes for it, and the same rejects, in input order.
#[test]
fn process_chunk_gives_the_bytes_of_run() {
    use newsgraph::article::ArticleOptions;
    use newsgraph::input::Reader;
    use newsgraph::pipeline::{Emit, Pipeline};
    use std::ops::ControlFlow;

    let wd = Workdir::new("process-chunk");
    let path = wd.path("mixed.jsonl");
    let mut lines = std::fs::read_to_string(repo().join("corpus/articles.jsonl")).unwrap();
    lines.push_str("{\"id\": \"no-text\"}\n[1]\n");
    std::fs::write(&path, &lines).unwrap();
    let pipeline = Pipeline::defaults();
    let opts = ArticleOptions::default();
    let mut want = Vec::new();
    let mut want_rejects = Vec::new();
    let reader = Reader::new(std::slice::from_ref(&path), opts.record_limit());
    pipeline
        .run(reader, &opts, Emit::Articles, &mut want, |e| {
            if let newsgraph::pipeline::Event::Reject { reject, .. } = e {
                want_rejects.push(reject.clone());
            }
            ControlFlow::Continue(())
        })
        .unwrap();
    let raws: Vec<_> = Reader::new(&[path], opts.record_limit())
        .map(Result::unwrap)
        .collect();
    let results = pipeline.process_chunk(&raws, &opts, Emit::Articles);
    assert_eq!(results.len(), 32);
    let got: Vec<u8> = results
        .iter()
        .flat_map(|r| r.iter().flatten().copied())
        .collect();
    let rejects: Vec<_> = results.into_iter().filter_map(Result::err).collect();
    assert_eq!(got, want);
    assert_eq!(rejects, want_rejects);
    assert_eq!(rejects.len(), 2);
}
