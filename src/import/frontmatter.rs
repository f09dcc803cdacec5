//! Front matter at byte 0: YAML between `---` lines or TOML between `+++` lines.
//!
//! Only the keys folio uses are read (`title`, `aliases`, `tags`), with a small line parser:
//! a full YAML parser would be a large dependency for three keys, and the YAML crates are in
//! flux (`serde_yaml` is deprecated).

/// What folio reads from front matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
}

/// Splits front matter off the start of `text`; returns it and the rest of the text.
pub fn split(text: &str) -> (FrontMatter, &str) {
    for fence in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence || (fence == "---" && line.trim_end() == "...") {
                let body = &rest[..offset];
                return (parse(body, fence == "+++"), &rest[offset + line.len()..]);
            }
            offset += line.len();
        }
    }
    (FrontMatter::default(), text)
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
        .unwrap_or(v);
    v.trim().to_string()
}

fn inline_list(v: &str) -> Option<Vec<String>> {
    let inner = v.trim().strip_prefix('[')?.strip_suffix(']')?;
    Some(inner.split(',').map(unquote).filter(|s| !s.is_empty()).collect())
}

fn parse(body: &str, toml: bool) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut list_key: Option<String> = None;
    for line in body.lines() {
        let trimmed = line.trim();
        if let (Some(key), Some(item)) = (&list_key, trimmed.strip_prefix("- ")) {
            let item = unquote(item);
            match key.as_str() {
                "aliases" => fm.aliases.push(item),
                "tags" => fm.tags.push(item),
                _ => {}
            }
            continue;
        }
        let sep = if toml { '=' } else { ':' };
        let Some((key, value)) = line.split_once(sep) else { continue };
        if line.starts_with(' ') {
            continue;
        }
        let key = key.trim().to_string();
        let value = value.trim();
        list_key = None;
        match key.as_str() {
            "title" => fm.title = Some(unquote(value)).filter(|t| !t.is_empty()),
            "aliases" | "tags" => {
                let items = if value.is_empty() {
                    list_key = Some(key.clone());
                    Vec::new()
                } else {
                    inline_list(value).unwrap_or_else(|| vec![unquote(value)])
                };
                if key == "aliases" {
                    fm.aliases = items;
                } else {
                    fm.tags = items;
                }
            }
            _ => {}
        }
    }
    fm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_block_lists_and_inline_lists() {
        let (fm, rest) = split("---\ntitle: \"ISKP\"\naliases:\n  - ISIS-K\n  - 'ISKP'\ntags: [a, b]\n---\n# Body\n");
        assert_eq!(fm.title.as_deref(), Some("ISKP"));
        assert_eq!(fm.aliases, vec!["ISIS-K", "ISKP"]);
        assert_eq!(fm.tags, vec!["a", "b"]);
        assert_eq!(rest, "# Body\n");
    }

    #[test]
    fn toml_front_matter() {
        let (fm, rest) = split("+++\ntitle = \"T\"\naliases = [\"A\", \"B\"]\n+++\ntext");
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(fm.aliases, vec!["A", "B"]);
        assert_eq!(rest, "text");
    }

    #[test]
    fn unterminated_is_not_front_matter() {
        let (fm, rest) = split("---\ntitle: x\nno end");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(rest, "---\ntitle: x\nno end");
    }
}
