//! Import → layout → render at a random size, with a few keys (see `folio::fuzzing::render`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::render(data));
