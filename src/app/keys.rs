//! Key bindings as data: `assets/keymap.toml`, parsed once into a lookup table. The help
//! overlay, the status-line hints and the README's key table are all generated from it, so
//! they can never drift from what the keys do. Keys here are plain data ([`Key`]); turning a
//! terminal's key event into a [`Key`] is the edge's job (`crate::keymap`).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use super::Action;

/// The default bindings, embedded in the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The reading pane and the TOC.
    Reader,
    /// Only while the reading pane has focus.
    Page,
    /// Only while the TOC has focus.
    Toc,
    Help,
    /// The link list, finders and prompts (other characters are typed).
    List,
    Results,
    Confirm,
    /// Link hints (other characters are labels).
    Hints,
    /// The marks list (other characters filter it).
    Marks,
}

impl Scope {
    fn parse(name: &str) -> Option<Scope> {
        Some(match name {
            "reader" => Scope::Reader,
            "page" => Scope::Page,
            "toc" => Scope::Toc,
            "help" => Scope::Help,
            "list" => Scope::List,
            "results" => Scope::Results,
            "confirm" => Scope::Confirm,
            "hints" => Scope::Hints,
            "marks" => Scope::Marks,
            _ => return None,
        })
    }
}

/// Which bindings are live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Reader,
    Toc,
    Help,
    /// Link hints: letters are labels.
    Hints,
    /// The link list, prompts and finders: letters are typed.
    Links,
    /// Library search results: a list to move through.
    Results,
    /// A yes/no question.
    Confirm,
    /// The marks list: a list to move through, typing filters it.
    Marks,
}

impl Mode {
    /// The scopes searched for a key in this mode, the most specific first.
    fn scopes(self) -> &'static [Scope] {
        match self {
            Mode::Reader => &[Scope::Page, Scope::Reader],
            Mode::Toc => &[Scope::Toc, Scope::Reader],
            Mode::Help => &[Scope::Help],
            Mode::Hints => &[Scope::Hints],
            Mode::Marks => &[Scope::Marks],
            Mode::Links => &[Scope::List],
            Mode::Results => &[Scope::Results],
            Mode::Confirm => &[Scope::Confirm],
        }
    }

    /// Whether characters without a binding are typed (into a prompt, or as hint labels).
    fn types(self) -> bool {
        matches!(self, Mode::Hints | Mode::Links | Mode::Marks)
    }
}

/// A named key that is not a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    Down,
    Up,
    Left,
    Right,
    PageDown,
    PageUp,
    Home,
    End,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    F(u8),
}

/// What was pressed, without the terminal library's types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    Char(char),
    Named(Named),
}

/// A key with its modifiers. Shift is not part of a character key (`G` arrives as Shift+g on
/// some terminals and as plain `G` on others) nor of Shift-Tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Key {
    /// A key as the lookup table keeps it: shift dropped where it is part of the key itself.
    pub fn normal(mut self) -> Key {
        if matches!(self.code, Code::Char(_) | Code::Named(Named::BackTab)) {
            self.shift = false;
        }
        self
    }

    /// A plain character key.
    pub fn char(c: char) -> Key {
        Key { code: Code::Char(c), ctrl: false, alt: false, shift: false }
    }
}

/// Parses a key name such as `j`, `G`, `<C-d>`, `<S-Tab>`, `<PageDown>`, `<F1>`.
pub fn parse_key(name: &str) -> Option<Key> {
    let Some(inner) = name.strip_prefix('<').and_then(|n| n.strip_suffix('>')).filter(|n| !n.is_empty()) else {
        let mut chars = name.chars();
        let c = chars.next()?;
        return chars.next().is_none().then_some(Key::char(c));
    };
    let mut key = Key::char(' ');
    let mut rest = inner;
    loop {
        if let Some(r) = rest.strip_prefix("C-").filter(|r| !r.is_empty()) {
            key.ctrl = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("A-").filter(|r| !r.is_empty()) {
            key.alt = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("S-").filter(|r| !r.is_empty()) {
            key.shift = true;
            rest = r;
        } else {
            break;
        }
    }
    key.code = match rest {
        "Down" => Code::Named(Named::Down),
        "Up" => Code::Named(Named::Up),
        "Left" => Code::Named(Named::Left),
        "Right" => Code::Named(Named::Right),
        "PageDown" => Code::Named(Named::PageDown),
        "PageUp" => Code::Named(Named::PageUp),
        "Home" => Code::Named(Named::Home),
        "End" => Code::Named(Named::End),
        "Enter" => Code::Named(Named::Enter),
        "Esc" => Code::Named(Named::Esc),
        "Tab" if key.shift => Code::Named(Named::BackTab),
        "Tab" => Code::Named(Named::Tab),
        "BS" => Code::Named(Named::Backspace),
        "Del" => Code::Named(Named::Delete),
        "Ins" => Code::Named(Named::Insert),
        "Space" => Code::Char(' '),
        "lt" => Code::Char('<'),
        "gt" => Code::Char('>'),
        f if f.len() > 1 && f.starts_with('F') => {
            Code::Named(Named::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?))
        }
        s if s.chars().count() == 1 => Code::Char(s.chars().next()?),
        _ => return None,
    };
    Some(key.normal())
}

/// A key name as help shows it: `<C-d>` → `Ctrl-d`, `<Down>` → `↓`, `<PageDown>` → `PgDn`.
pub fn display_key(name: &str) -> String {
    let Some(inner) = name.strip_prefix('<').and_then(|n| n.strip_suffix('>')) else {
        return name.to_string();
    };
    let mut mods = String::new();
    let mut base = inner;
    while let Some((prefix, rest)) = [("C-", "Ctrl-"), ("A-", "Alt-"), ("S-", "Shift-")]
        .iter()
        .find_map(|(p, shown)| base.strip_prefix(p).filter(|r| !r.is_empty()).map(|r| (*shown, r)))
    {
        mods.push_str(prefix);
        base = rest;
    }
    let base = match base {
        "Down" => "↓",
        "Up" => "↑",
        "Left" => "←",
        "Right" => "→",
        "PageDown" => "PgDn",
        "PageUp" => "PgUp",
        "BS" => "Backspace",
        "lt" => "<",
        "gt" => ">",
        b => b,
    };
    format!("{mods}{base}")
}

/// One binding: an action, its keys (as written), where they apply, and the help line.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub scope: Scope,
    pub action: Action,
    pub keys: Vec<String>,
    pub help: String,
}

/// Why a keymap could not be read: the line and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct KeymapError {
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    bind: Vec<toml::Spanned<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    action: String,
    #[serde(default)]
    mode: Option<String>,
    keys: Vec<String>,
    #[serde(default)]
    help: Option<String>,
}

/// The line of byte `offset` in `text` (1-based).
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The bindings and the table looked up on every key.
#[derive(Debug)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
    table: HashMap<(Scope, Key), Action>,
}

impl Keymap {
    /// Parses a keymap file; an unknown action, mode or key name is an error naming its line.
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        let file: File = toml::from_str(text).map_err(|e| KeymapError {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        let mut bindings = Vec::new();
        for spanned in file.bind {
            let line = line_of(text, spanned.span().start);
            let e = spanned.into_inner();
            let err = |message: String| KeymapError { line, message };
            let action = Action::from_name(&e.action).ok_or_else(|| err(format!("unknown action ‘{}’", e.action)))?;
            let scope = match &e.mode {
                Some(m) => Scope::parse(m).ok_or_else(|| err(format!("unknown mode ‘{m}’")))?,
                None => Scope::Reader,
            };
            for k in &e.keys {
                parse_key(k).ok_or_else(|| err(format!("bad key name ‘{k}’")))?;
            }
            let help = e.help.unwrap_or_else(|| e.action.replace('-', " "));
            bindings.push(Binding { scope, action, keys: e.keys, help });
        }
        Ok(Keymap::from_bindings(bindings))
    }

    /// The lookup table for a list of bindings (a later binding of a key wins).
    pub fn from_bindings(bindings: Vec<Binding>) -> Keymap {
        let mut table = HashMap::new();
        for b in &bindings {
            for k in &b.keys {
                if let Some(key) = parse_key(k) {
                    table.insert((b.scope, key), b.action.clone());
                }
            }
        }
        Keymap { bindings, table }
    }

    /// folio's default keymap, parsed once.
    pub fn defaults() -> Arc<Keymap> {
        static DEFAULT: OnceLock<Arc<Keymap>> = OnceLock::new();
        DEFAULT.get_or_init(|| Arc::new(Keymap::parse(DEFAULT_KEYMAP).expect("the bundled keymap parses"))).clone()
    }

    /// The action for a key in a mode: a binding of the mode's scopes, or a typed character
    /// where the mode takes typing.
    pub fn action_for(&self, key: Key, mode: Mode) -> Option<Action> {
        let key = key.normal();
        for scope in mode.scopes() {
            if let Some(a) = self.table.get(&(*scope, key)) {
                return Some(a.clone());
            }
        }
        match key.code {
            Code::Char(c) if mode.types() && !key.ctrl && !key.alt => Some(Action::Char(c)),
            _ => None,
        }
    }

    /// Help rows for the reading pane and the TOC: each action with all its keys (TOC-only
    /// keys marked), in the keymap's order.
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let mut rows: Vec<(Action, Vec<String>, String)> = Vec::new();
        for b in self.bindings.iter().filter(|b| matches!(b.scope, Scope::Reader | Scope::Page | Scope::Toc)) {
            let keys = b.keys.iter().map(|k| {
                let mut shown = display_key(k);
                if b.scope == Scope::Toc {
                    shown.push_str(" (TOC)");
                }
                shown
            });
            match rows.iter_mut().find(|(a, _, _)| *a == b.action) {
                Some((_, all, _)) => all.extend(keys),
                None => rows.push((b.action.clone(), keys.collect(), b.help.clone())),
            }
        }
        rows.into_iter().map(|(_, keys, help)| (keys.join(" "), help)).collect()
    }

    /// The first key bound to `action` in the reading pane, as shown to the user.
    pub fn key_for(&self, action: &Action) -> Option<String> {
        self.bindings
            .iter()
            .filter(|b| matches!(b.scope, Scope::Reader | Scope::Page))
            .find(|b| &b.action == action)
            .and_then(|b| b.keys.first())
            .map(|k| display_key(k))
    }

    /// The status line's key hint: `?:help  q:quit` with the keys bound now.
    pub fn hint(&self) -> String {
        let part = |a: Action, what: &str| self.key_for(&a).map(|k| format!("{k}:{what}"));
        [part(Action::Help, "help"), part(Action::Quit, "quit")].into_iter().flatten().collect::<Vec<_>>().join("  ")
    }

    /// The README's key table (Markdown), generated from the bindings.
    pub fn readme_table(&self) -> String {
        let mut out = String::from("| action | keys |\n|---|---|\n");
        for (keys, help) in self.help_rows() {
            let keys: Vec<String> = keys
                .split(' ')
                .filter(|k| !k.is_empty())
                .map(|k| if k == "(TOC)" { "(TOC)".to_string() } else { format!("`{}`", k.replace('|', "\\|")) })
                .collect();
            out.push_str(&format!("| {help} | {} |\n", keys.join(" ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names() {
        assert_eq!(parse_key("G"), Some(Key::char('G')));
        let ctrl_d = parse_key("<C-d>").unwrap();
        assert!(ctrl_d.ctrl && ctrl_d.code == Code::Char('d'));
        assert_eq!(parse_key("<S-Tab>").unwrap().code, Code::Named(Named::BackTab));
        assert_eq!(parse_key("<F12>").unwrap().code, Code::Named(Named::F(12)));
        assert_eq!(parse_key("<Space>"), Some(Key::char(' ')));
        for bad in ["", "ab", "<Nope>", "<C->", "<F99>", "<>"] {
            assert_eq!(parse_key(bad), None, "{bad:?}");
        }
        assert_eq!(display_key("<C-d>"), "Ctrl-d");
        assert_eq!(display_key("<PageDown>"), "PgDn");
        assert_eq!(display_key("<A-Left>"), "Alt-←");
        assert_eq!(display_key("<C-->"), "Ctrl--");
    }

    #[test]
    fn defaults_parse_and_scopes_win() {
        let k = Keymap::defaults();
        assert_eq!(k.action_for(Key::char(' '), Mode::Reader), Some(Action::PageDown));
        assert_eq!(k.action_for(Key::char(' '), Mode::Toc), Some(Action::ToggleFold));
        assert_eq!(k.action_for(Key::char('G'), Mode::Reader), Some(Action::Bottom));
        assert_eq!(k.action_for(Key::char('x'), Mode::Links), Some(Action::Char('x')));
        assert_eq!(k.action_for(Key::char('x'), Mode::Reader), None);
        assert_eq!(k.hint(), "?:help  q:quit");
    }

    #[test]
    fn errors_name_the_line() {
        let bad = "[[bind]]\naction = \"line-down\"\nkeys = [\"j\"]\n\n[[bind]]\naction = \"fly\"\nkeys = [\"x\"]\n";
        let e = Keymap::parse(bad).unwrap_err();
        assert_eq!(e.line, 5);
        assert!(e.message.contains("unknown action ‘fly’"));
        let e = Keymap::parse("[[bind]]\naction = \"quit\"\nkeys = [\"<Nope>\"]\n").unwrap_err();
        assert!(e.message.contains("bad key name ‘<Nope>’"), "{e}");
        assert!(Keymap::parse("[[bind]]\naction = \"quit\"\nkeys = [\"q\"]\nmode = \"space\"\n").is_err());
    }

    #[test]
    fn help_lists_every_keyed_action() {
        let rows = Keymap::defaults().help_rows();
        assert!(rows.iter().any(|(k, d)| k == "Space PgDn Ctrl-f" && d == "page down"), "{rows:?}");
        assert!(rows.iter().any(|(k, _)| k.contains("Enter (TOC)")));
    }
}
