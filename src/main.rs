//! The `folio` binary: everything happens in [`folio::cli::main`].

fn main() -> std::process::ExitCode {
    folio::cli::main()
}
