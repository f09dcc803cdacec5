//! Link resolution of arbitrary destinations (see `tests/support/fuzzing.rs`: `resolve`).
#![no_main]

#[path = "../../tests/support/fuzzing.rs"]
mod fuzzing;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::resolve(data));
