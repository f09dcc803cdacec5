//! Prose cross references: `See X and Y for …`, `see also X`, `(see Economy)`.
//!
//! A target list starts with a capital after `see` (so "see below" and "to see how" are
//! ignored), splits on commas and `and`/`or`, and ends at ` for ` or the end of the clause. At
//! each target, the longest run of words the library knows as a title or alias is taken whole
//! first, so `Trinidad and Tobago` survives the split when the library has it.

use std::ops::Range;

/// Lower-case words allowed inside a title between capitalised words (`War on Terror`).
const CONNECTORS: &[&str] =
    &["of", "on", "the", "de", "del", "la", "le", "du", "da", "von", "van", "al", "el", "bin", "upon", "in", "at", "y"];

/// Longest title looked up in the library, in words.
const MAX_TITLE_WORDS: usize = 8;

/// A word of the text: its byte range without trailing punctuation, and that punctuation.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    /// The punctuation right after the word (`,` `.` `;` `:` `)` `!` `?`), if any.
    punct: Option<char>,
}

fn words_from(text: &str, pos: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut i = pos;
    let bytes = text.as_bytes();
    while i < text.len() {
        while i < text.len() && bytes[i] == b' ' {
            i += 1;
        }
        if i >= text.len() {
            break;
        }
        let start = i;
        while i < text.len() && bytes[i] != b' ' {
            i += 1;
        }
        let raw = &text[start..i];
        let mut trimmed = raw.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '”']);
        // `(painting)` keeps its closing bracket: it is part of a title.
        if trimmed.starts_with('(') && !trimmed.contains(')') && raw[trimmed.len()..].starts_with(')') {
            trimmed = &raw[..trimmed.len() + 1];
        }
        let punct = raw[trimmed.len()..].chars().next();
        if trimmed.is_empty() {
            out.push(Word { start, end: start, punct: punct.or(Some('.')) });
        } else {
            out.push(Word { start, end: start + trimmed.len(), punct });
        }
        if out.len() > 64 {
            break;
        }
    }
    out
}

fn is_capital(text: &str, w: &Word) -> bool {
    text[w.start..w.end].chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The target named by link text: a possessive `’s` / `'s` dropped.
fn target_of(s: &str) -> String {
    let s = s.strip_suffix("’s").or_else(|| s.strip_suffix("'s")).unwrap_or(s);
    s.to_string()
}

/// Parses a list of targets starting at byte `pos`. With `stop_at_for`, the clause ends at the
/// word "for". Returns the targets (range in `text`, target) and the index of the word where
/// parsing stopped, with whether it stopped at "for".
pub fn parse_targets(
    text: &str,
    pos: usize,
    known: &dyn Fn(&str) -> bool,
    stop_at_for: bool,
) -> (Vec<(Range<usize>, String)>, Option<usize>) {
    let words = words_from(text, pos);
    let mut out = Vec::new();
    let mut i = 0;
    let mut stopped_at_for = None;
    while i < words.len() {
        // Longest known title first (unless the words go on as a longer name: `Harbour Wall`
        // when only `Harbour` is known).
        let mut take = 0;
        for n in (1..=MAX_TITLE_WORDS.min(words.len() - i)).rev() {
            let span = &words[i..i + n];
            if span[..n - 1].iter().any(|w| w.punct.is_some()) {
                continue;
            }
            let phrase = &text[span[0].start..span[n - 1].end];
            // `Tide Pool (painting)` is another article than `Tide Pool`.
            let disambiguated =
                span[n - 1].punct.is_none() && words.get(i + n).is_some_and(|w| text[w.start..w.end].starts_with('('));
            if !disambiguated && (known(phrase) || known(&target_of(phrase))) {
                take = n;
                break;
            }
        }
        let known_take = take;
        if is_capital(text, &words[i]) {
            take = 1;
            while i + take < words.len() && words[i + take - 1].punct.is_none() {
                let w = &words[i + take];
                let lower = &text[w.start..w.end];
                if is_capital(text, w) {
                    take += 1;
                } else if CONNECTORS.contains(&lower) {
                    // A connector belongs to the title only when a capitalised word follows.
                    let next_cap = words[i + take + 1..]
                        .iter()
                        .take(2)
                        .position(|n| is_capital(text, n))
                        .filter(|&k| words[i + take..i + take + 1 + k].iter().all(|w| w.punct.is_none()));
                    match next_cap {
                        Some(k) => take += 1 + k + 1,
                        None => break,
                    }
                } else if lower.starts_with('(') && lower.ends_with(')') {
                    // A disambiguator: `Tide Pool (painting)`.
                    take += 1;
                } else {
                    // Sentence case (`Intertidal zone`): lower-case words belong to the title
                    // when the item ends right after them (a comma, `and`, `for`, the clause's
                    // end).
                    let prev = &text[words[i + take - 1].start..words[i + take - 1].end];
                    if prev.ends_with("’s") || prev.ends_with("'s") {
                        break;
                    }
                    match sentence_case_tail(text, &words[i + take..], stop_at_for) {
                        Some(k) => take += k,
                        None => break,
                    }
                    break;
                }
            }
            take = take.min(words.len() - i).max(known_take);
        }
        if take == 0 {
            break;
        }
        let (first, last) = (words[i], words[i + take - 1]);
        let range = first.start..last.end;
        out.push((range.clone(), target_of(&text[range])));
        i += take;
        // What separates this target from the next?
        let punct = last.punct;
        if i >= words.len() {
            break;
        }
        let next = &text[words[i].start..words[i].end];
        match punct {
            Some(',') => {
                if next == "and" || next == "or" {
                    i += 1;
                }
            }
            None if next == "and" || next == "or" => i += 1,
            None if next == "for" && stop_at_for => {
                stopped_at_for = Some(i);
                break;
            }
            _ => break,
        }
        if i >= words.len() || !is_capital(text, &words[i]) {
            break;
        }
    }
    let resume = stopped_at_for.map(|k| words.get(k).map(|w| w.start).unwrap_or(text.len()));
    (out, resume)
}

/// How many lower-case words at the start of `rest` end a sentence-case title: at most three
/// plain words, after which the list item visibly ends.
fn sentence_case_tail(text: &str, rest: &[Word], stop_at_for: bool) -> Option<usize> {
    for (k, w) in rest.iter().take(3).enumerate() {
        let word = &text[w.start..w.end];
        let stop = matches!(word, "and" | "or" | "for" | "to" | "with" | "by" | "from" | "as" | "is" | "was" | "are");
        if stop || word.is_empty() || !word.chars().all(|c| c.is_alphabetic() || c == '-') || CONNECTORS.contains(&word)
        {
            return None;
        }
        if !word.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        let ends = match w.punct {
            Some(p) => matches!(p, ',' | '.' | ';' | ')' | ':'),
            None => match rest.get(k + 1).map(|n| &text[n.start..n.end]) {
                None => true,
                Some("and" | "or") => true,
                Some("for") => stop_at_for,
                _ => false,
            },
        };
        if ends {
            return Some(k + 1);
        }
        if w.punct.is_some() {
            return None;
        }
    }
    None
}

/// Finds every prose cross reference in a paragraph: (byte range of the link text, target).
pub fn find_cross_refs(text: &str, known: &dyn Fn(&str) -> bool) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(found) = find_see(text, search) {
        let mut pos = found;
        if text[pos..].starts_with("also ") {
            pos += 5;
        }
        let (targets, resume) = parse_targets(text, pos, known, true);
        let mut end = targets.last().map(|(r, _)| r.end).unwrap_or(pos);
        out.extend(targets);
        // `See A for x, and B for y`: a later `, and B` in the same sentence is another group.
        if let Some(from) = resume {
            let sentence_end = text[from..].find(". ").map(|k| from + k).unwrap_or(text.len());
            if let Some(k) = text[from..sentence_end].find(", and ") {
                let start = from + k + ", and ".len();
                let (more, _) = parse_targets(text, start, known, true);
                if let Some((r, _)) = more.last() {
                    end = r.end;
                }
                out.extend(more);
            }
        }
        search = end.max(found);
    }
    out
}

/// Byte position right after the next `see ` / `See ` that starts a word.
fn find_see(text: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(k) = text[i..].find("ee ") {
        let at = i + k;
        if at >= 1 && matches!(text.as_bytes()[at - 1], b's' | b'S') {
            let start = at - 1;
            let boundary = start == 0 || !text[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric());
            if boundary {
                return Some(at + 3);
            }
        }
        i = at + 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str, known: &[&str]) -> Vec<String> {
        find_cross_refs(text, &|t| known.contains(&t)).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn example_sentences() {
        assert_eq!(
            targets("See also ISIS and Khorasan for broader context on how ISKP fits.", &[]),
            ["ISIS", "Khorasan"]
        );
        assert_eq!(
            targets("See Nangarhar Province and Khyber Pakhtunkhwa for related regional dynamics, and Afghanistan and Pakistan for a broader geographic frame.", &[]),
            ["Nangarhar Province", "Khyber Pakhtunkhwa", "Afghanistan", "Pakistan"]
        );
        assert_eq!(
            targets(
                "For broader context on similar insurgent dynamics, see Taliban and Tehrik-i-Taliban Pakistan.",
                &[]
            ),
            ["Taliban", "Tehrik-i-Taliban Pakistan"]
        );
        assert_eq!(
            targets(
                "See War on Terror for the broad policy context and United States engagement in counterterrorism.",
                &[]
            ),
            ["War on Terror"]
        );
    }

    #[test]
    fn lower_case_see_is_a_verb() {
        assert!(targets("As we will see below, and to see how it works, see the rest.", &[]).is_empty());
    }

    #[test]
    fn parenthesised_and_possessive() {
        assert_eq!(targets("Trade grew (see Economy) fast.", &[]), ["Economy"]);
        assert_eq!(targets("See ISKP’s history.", &[]), ["ISKP"]);
    }

    #[test]
    fn known_titles_with_and_stay_whole() {
        assert_eq!(targets("See Trinidad and Tobago for details.", &["Trinidad and Tobago"]), ["Trinidad and Tobago"]);
        assert_eq!(targets("See Trinidad and Tobago for details.", &[]), ["Trinidad", "Tobago"]);
        assert_eq!(
            targets("See Association for Computing Machinery.", &["Association for Computing Machinery"]),
            ["Association for Computing Machinery"]
        );
    }

    #[test]
    fn sentence_case_titles_and_disambiguators() {
        assert_eq!(
            targets("See Intertidal zone and Rocky shore for the setting.", &[]),
            ["Intertidal zone", "Rocky shore"]
        );
        assert_eq!(targets("For the painting, see Tide Pool (painting).", &[]), ["Tide Pool (painting)"]);
        assert_eq!(targets("See Taliban for the wider story and more.", &[]), ["Taliban"]);
        assert_eq!(targets("See Taliban rule in the valley for more.", &[]), ["Taliban"]);
    }

    #[test]
    fn comma_lists() {
        assert_eq!(targets("See Alpha, Beta, and Gamma Delta.", &[]), ["Alpha", "Beta", "Gamma Delta"]);
    }
}
