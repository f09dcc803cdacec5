//! Link resolution of arbitrary destinations (see `folio::fuzzing::resolve`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::resolve(data));
