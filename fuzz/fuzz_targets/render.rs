//! Import → layout → render at a random size, with a few keys (see `tests/support/fuzzing.rs`: `render`).
#![no_main]

#[path = "../../tests/support/fuzzing.rs"]
mod fuzzing;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::render(data));
