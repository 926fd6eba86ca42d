//! The `qms` binary: everything happens in [`qms::cli::run`].

fn main() -> std::process::ExitCode {
    qms::cli::run()
}
