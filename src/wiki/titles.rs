//! Copied text meets its source: a plain-text article copied from a wiki, read with that wiki
//! given (`--wiki URL`), has its cross references checked against the wiki's titles in one
//! batched query before they are split or marked red, so that `See Trinidad and Tobago
//! Government Railway` stays one link when the wiki has that page; such links then lead to
//! the wiki.

use std::cell::RefCell;
use std::collections::BTreeSet;

use super::client::{self, FetchError, Settings};
use super::Site;
use crate::import::parsoid::WIKI_SCHEME;
use crate::model::{Article, LinkKind};
use crate::work::Watch;

/// Most titles asked in the one query (the Action API's limit).
const MAX_ASKED: usize = 50;

/// The titles the importer considered for cross references that `known` does not have,
/// longest runs of words first (they decide the splits), at most 50.
pub fn candidates(text: &str, fallback_title: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let asked = RefCell::new(BTreeSet::new());
    let recording = |t: &str| {
        let k = known(t);
        if !k && !t.trim().is_empty() && t.len() <= 255 {
            asked.borrow_mut().insert(t.trim().to_string());
        }
        k
    };
    crate::import::plaintext::parse_with(text, fallback_title, &recording);
    let mut all: Vec<String> = asked.into_inner().into_iter().collect();
    all.sort_by_key(|t| std::cmp::Reverse(t.split(' ').count()));
    all.truncate(MAX_ASKED);
    all
}

/// A title as MediaWiki compares them: first letter upper case, `_` as space.
fn wiki_key(title: &str) -> String {
    let t = title.trim().replace('_', " ");
    let mut chars = t.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => t,
    }
}

/// Imports plain text whose cross references are checked against `site` (one request);
/// links to pages the wiki has and `known` does not lead to the wiki.
pub fn import_checked(
    text: &str,
    fallback_title: &str,
    known: &dyn Fn(&str) -> bool,
    settings: &Settings,
    site: &Site,
    watch: &dyn Watch,
) -> Result<(Article, usize), FetchError> {
    let asked = candidates(text, fallback_title, known);
    let found: BTreeSet<String> =
        client::existing(settings, site, &asked, watch)?.iter().map(|t| wiki_key(t)).collect();
    let on_wiki = |t: &str| found.contains(&wiki_key(t));
    let mut article = crate::import::plaintext::parse_with(text, fallback_title, &|t| known(t) || on_wiki(t));
    let mut linked = 0;
    for link in &mut article.links {
        if link.kind == LinkKind::CrossRef && !known(&link.dest) && on_wiki(&link.dest) {
            link.dest = format!("{WIKI_SCHEME}{}", super::encode_title(&link.dest));
            linked += 1;
        }
    }
    Ok((article, linked))
}
