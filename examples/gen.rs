//! Writes generated test material:
//!   cargo run --release --example gen -- article SIZE_MB OUT.md
//!   cargo run --release --example gen -- library COUNT OUT_DIR

#[path = "../tests/support/testgen.rs"]
mod testgen;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["article", mb, out] => {
            let mb: usize = mb.parse().expect("size in MB");
            std::fs::write(out, testgen::article(mb << 20, 1)).expect("write article");
        }
        ["library", count, dir] => {
            let count: usize = count.parse().expect("article count");
            std::fs::create_dir_all(dir).expect("create library folder");
            for (name, text) in testgen::library(count, 7) {
                std::fs::write(std::path::Path::new(dir).join(name), text).expect("write article");
            }
        }
        _ => {
            eprintln!("usage: gen article SIZE_MB OUT.md | gen library COUNT OUT_DIR");
            std::process::exit(2);
        }
    }
}
