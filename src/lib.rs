//! folio: a terminal article browser.
//!
//! Data flows one way: source → [`import`] → [`model::Article`] → [`layout`] → [`ui`] → frame.
//! Input flows [`keymap`] → [`app::Action`] → [`app::update`] → state (+ effect); [`run`]
//! carries out the effects, starting background [`jobs`] whose results come back as actions.
//! Only `run`, `keymap` and `cli` know the terminal.

pub mod app;
pub mod assets;
pub mod check;
pub mod cli;
pub mod config;
pub mod export;
pub mod highlight;
pub mod import;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod memory;
pub mod model;
pub mod open;
pub mod opener;
pub mod run;
pub mod sanitize;
pub mod search;
pub mod source;
pub mod ui;
pub mod wiki;
pub mod work;

// Test support lives outside the library's API (tests/support); the library's own unit tests
// include the article generator from there.
#[cfg(test)]
extern crate self as folio;
#[cfg(test)]
#[path = "../tests/support/testgen.rs"]
mod testgen;
