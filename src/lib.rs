//! folio: a terminal article browser.
//!
//! Data flows one way: source → [`import`] → [`model::Article`] → [`layout`] → [`ui`] → frame.
//! Input flows [`app::keymap`] → [`app::Action`] → [`app::update`] → state (+ effect), and
//! [`run`] carries out the effects. Only `run` (and the keymap) know the terminal.

pub mod app;
pub mod assets;
pub mod cli;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod layout;
pub mod library;
pub mod model;
pub mod run;
pub mod sanitize;
pub mod search;
pub mod source;
#[doc(hidden)]
pub mod testgen;
pub mod ui;
