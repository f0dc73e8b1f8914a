//! The `newsgraph` binary: argument parsing, exit codes and terminal concerns only. All
//! pipeline logic lives in the library.

mod cmd;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator. With glibc's, each thread has its own arena, but
/// memory freed on another thread goes back to the arena it came from, under that arena's
/// lock; the workers, the reader and the writer pass records, buffers and results between
/// them, and a profile of `extract --threads 2` showed the workers sleeping on each other's
/// arena locks (~3% of the run idle, more CPU time than on one thread). mimalloc frees across
/// threads without a lock: 7–8% faster on two threads, 2–6% on one, start-up faster too
/// (docs/benchmarks.md). Transparent huge pages are off (`no_thp`): with them the peak memory
/// of a run grew from 35 to 75 MB for no measurable speed.
/// With the feature `python` the library sets the same allocator (src/python.rs).
#[cfg(not(feature = "python"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// newsgraph turns news articles into facts: the countries, companies and government agencies
/// they name, and who did what to whom (ban, pressure, sanction, spy on …), with evidence.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about, long_about = None)]
#[command(after_help = "Run 'newsgraph help <COMMAND>' for the options of a command.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Find entities and relations in articles; write JSON lines.
    Extract(cmd::extract::Args),
    /// Score extraction against gold data: precision, recall, F1.
    Eval(cmd::eval::Args),
    /// Check dictionary files, or explain which entries match a text and why.
    Dict(cmd::dict::Args),
    /// Statistics across extract output (entities, relations, pairs, periods, sources); merge
    /// saved statistics.
    Stats(cmd::stats::Args),
    /// Export extract output as a knowledge graph (Neo4j CSV, N-Triples, GraphML, JSON lines).
    Graph(cmd::graph::Args),
    /// One self-contained HTML page of a run: counts, relations over time, top triples with
    /// evidence, a graph.
    Report(cmd::report::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Dict(args) => cmd::dict::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Graph(args) => cmd::graph::run(args),
        Command::Report(args) => cmd::report::run(args),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`| head -1`) is how a reader says it has enough: end quietly.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                0
            } else {
                eprintln!("newsgraph: {e:#}");
                2
            }
        }
    };
    std::process::exit(code);
}
