//! The article as text for other programs: `--print` (plain text), `--toc`, `--links`, and
//! `--to-markdown`.

mod markdown;
mod text;

pub use markdown::{escape_markdown, to_markdown};
pub use text::{links_text, print_measure, print_text, print_to, references_text, toc_text};
