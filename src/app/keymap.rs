//! Keys → [`Action`]s. The bindings are data (one table); help is generated from it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use super::Action;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Reading pane and TOC.
    Any,
    /// Only while the TOC has focus.
    Toc,
    /// Only while the reading pane has focus.
    Reader,
}

/// The default bindings, in the order help shows them. Key names: a character, or `<Name>`
/// with optional `C-` (Ctrl), `A-` (Alt) and `S-` (Shift) prefixes.
pub const BINDINGS: &[(Scope, &str, Action)] = &[
    (Scope::Any, "j", Action::LineDown),
    (Scope::Any, "<Down>", Action::LineDown),
    (Scope::Any, "k", Action::LineUp),
    (Scope::Any, "<Up>", Action::LineUp),
    (Scope::Reader, "<Space>", Action::PageDown),
    (Scope::Any, "<PageDown>", Action::PageDown),
    (Scope::Any, "<C-f>", Action::PageDown),
    (Scope::Any, "b", Action::PageUp),
    (Scope::Any, "<PageUp>", Action::PageUp),
    (Scope::Any, "<C-b>", Action::PageUp),
    (Scope::Any, "d", Action::HalfDown),
    (Scope::Any, "<C-d>", Action::HalfDown),
    (Scope::Any, "u", Action::HalfUp),
    (Scope::Any, "<C-u>", Action::HalfUp),
    (Scope::Any, "g", Action::Top),
    (Scope::Any, "<Home>", Action::Top),
    (Scope::Any, "G", Action::Bottom),
    (Scope::Any, "<End>", Action::Bottom),
    (Scope::Any, "]", Action::NextSection),
    (Scope::Any, "[", Action::PrevSection),
    (Scope::Any, "h", Action::FocusToc),
    (Scope::Any, "<Left>", Action::FocusToc),
    (Scope::Any, "l", Action::FocusReader),
    (Scope::Any, "<Right>", Action::FocusReader),
    (Scope::Toc, "<Enter>", Action::Activate),
    (Scope::Any, "z", Action::ToggleFold),
    (Scope::Toc, "<Space>", Action::ToggleFold),
    (Scope::Any, "t", Action::ToggleToc),
    (Scope::Any, "<Tab>", Action::NextLink),
    (Scope::Any, "<S-Tab>", Action::PrevLink),
    (Scope::Reader, "<Enter>", Action::Follow),
    (Scope::Any, "f", Action::Hints),
    (Scope::Any, "F", Action::LinkList),
    (Scope::Any, "<BS>", Action::Back),
    (Scope::Any, "H", Action::Back),
    (Scope::Any, "<A-Left>", Action::Back),
    (Scope::Any, "L", Action::Forward),
    (Scope::Any, "<A-Right>", Action::Forward),
    (Scope::Any, "/", Action::Search),
    (Scope::Any, "n", Action::NextMatch),
    (Scope::Any, "N", Action::PrevMatch),
    (Scope::Any, ":", Action::GoToSection),
    (Scope::Any, "s", Action::GoToSection),
    (Scope::Any, "o", Action::OpenArticle),
    (Scope::Any, "S", Action::SearchLibrary),
    (Scope::Any, "<C-/>", Action::SearchLibrary),
    (Scope::Any, "<C-_>", Action::SearchLibrary),
    (Scope::Any, "<C-7>", Action::SearchLibrary),
    (Scope::Any, "<F1>", Action::Guide),
    (Scope::Any, "?", Action::Help),
    (Scope::Any, "<Esc>", Action::Close),
    (Scope::Any, "m", Action::ToggleMouse),
    (Scope::Any, "<C-z>", Action::Suspend),
    (Scope::Any, "<C-l>", Action::Redraw),
    (Scope::Any, "q", Action::Quit),
    (Scope::Any, "<C-c>", Action::Quit),
];

/// Bindings while the help overlay is open.
pub const HELP_BINDINGS: &[(&str, Action)] = &[
    ("j", Action::LineDown),
    ("<Down>", Action::LineDown),
    ("k", Action::LineUp),
    ("<Up>", Action::LineUp),
    ("<Space>", Action::PageDown),
    ("<PageDown>", Action::PageDown),
    ("b", Action::PageUp),
    ("<PageUp>", Action::PageUp),
    ("<Esc>", Action::Close),
    ("?", Action::Close),
    ("q", Action::Close),
    ("<F1>", Action::Guide),
    ("<C-c>", Action::Quit),
];

/// Bindings while the link list is open (other characters filter).
pub const LIST_BINDINGS: &[(&str, Action)] = &[
    ("<Down>", Action::LineDown),
    ("<C-n>", Action::LineDown),
    ("<Up>", Action::LineUp),
    ("<C-p>", Action::LineUp),
    ("<PageDown>", Action::PageDown),
    ("<PageUp>", Action::PageUp),
    ("<Enter>", Action::Follow),
    ("<BS>", Action::DeleteChar),
    ("<Esc>", Action::Close),
    ("<C-c>", Action::Quit),
];

/// Bindings in the library search results.
pub const RESULTS_BINDINGS: &[(&str, Action)] = &[
    ("j", Action::LineDown),
    ("<Down>", Action::LineDown),
    ("k", Action::LineUp),
    ("<Up>", Action::LineUp),
    ("<PageDown>", Action::PageDown),
    ("<PageUp>", Action::PageUp),
    ("<Enter>", Action::Follow),
    ("<Esc>", Action::Close),
    ("q", Action::Close),
    ("<C-c>", Action::Quit),
];

/// Bindings for a yes/no question.
pub const CONFIRM_BINDINGS: &[(&str, Action)] = &[
    ("y", Action::Yes),
    ("Y", Action::Yes),
    ("n", Action::Close),
    ("N", Action::Close),
    ("<Esc>", Action::Close),
    ("<C-c>", Action::Quit),
];

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
}

/// Parses a key name such as `j`, `G`, `<C-d>`, `<S-Tab>`, `<PageDown>`.
pub fn parse_key(name: &str) -> Option<(KeyCode, KeyModifiers)> {
    let Some(inner) = name.strip_prefix('<').and_then(|n| n.strip_suffix('>')) else {
        let mut chars = name.chars();
        let c = chars.next()?;
        return chars.next().is_none().then_some((KeyCode::Char(c), KeyModifiers::NONE));
    };
    let mut mods = KeyModifiers::NONE;
    let mut rest = inner;
    loop {
        if let Some(r) = rest.strip_prefix("C-") {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("A-") {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("S-") {
            mods |= KeyModifiers::SHIFT;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PageDown" => KeyCode::PageDown,
        "PageUp" => KeyCode::PageUp,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Space" => KeyCode::Char(' '),
        "Tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        "Tab" => KeyCode::Tab,
        "BS" => KeyCode::Backspace,
        "F1" => KeyCode::F(1),
        s if s.chars().count() == 1 => KeyCode::Char(s.chars().next()?),
        _ => return None,
    };
    Some((code, mods))
}

/// Whether `key` is the key named `name`. Shift is ignored for characters (`G` arrives as
/// Shift+g on some terminals and as plain `G` on others).
fn matches(name: &str, key: &KeyEvent) -> bool {
    let Some((code, mods)) = parse_key(name) else { return false };
    let mut got = key.modifiers;
    let mut want = mods;
    if matches!(key.code, KeyCode::Char(_)) {
        got.remove(KeyModifiers::SHIFT);
        want.remove(KeyModifiers::SHIFT);
    }
    if key.code == KeyCode::BackTab {
        got.remove(KeyModifiers::SHIFT);
        want.remove(KeyModifiers::SHIFT);
    }
    code == key.code && got == want
}

/// The action for a key press in a mode, if any.
pub fn action_for(key: &KeyEvent, mode: Mode) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let typed = || match key.code {
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            Some(Action::Char(c))
        }
        _ => None,
    };
    let find = |table: &[(&str, Action)]| table.iter().find(|(n, _)| matches(n, key)).map(|(_, a)| *a);
    match mode {
        Mode::Help => return find(HELP_BINDINGS),
        Mode::Links => return find(LIST_BINDINGS).or_else(typed),
        Mode::Confirm => return find(CONFIRM_BINDINGS),
        Mode::Results => return find(RESULTS_BINDINGS),
        Mode::Hints => return find(&[("<Esc>", Action::Close), ("<C-c>", Action::Quit)]).or_else(typed),
        Mode::Reader | Mode::Toc => {}
    }
    let scoped = |s: Scope| match s {
        Scope::Any => true,
        Scope::Toc => mode == Mode::Toc,
        Scope::Reader => mode == Mode::Reader,
    };
    // Scoped bindings win over general ones (Space pages in the reader, folds in the TOC).
    BINDINGS
        .iter()
        .filter(|(s, _, _)| *s != Scope::Any && scoped(*s))
        .chain(BINDINGS.iter().filter(|(s, _, _)| *s == Scope::Any))
        .find(|(_, n, _)| matches(n, key))
        .map(|(_, _, a)| *a)
}

/// The action for a mouse event: the wheel scrolls, a left click selects.
pub fn mouse_action(m: &MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, 3)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, -3)),
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        _ => None,
    }
}

/// A key name as help shows it: `<C-d>` → `Ctrl-d`, `<Down>` → `↓`.
pub fn display_key(name: &str) -> String {
    let Some(inner) = name.strip_prefix('<').and_then(|n| n.strip_suffix('>')) else {
        return name.to_string();
    };
    let inner = inner.replace("C-", "Ctrl-").replace("A-", "Alt-").replace("S-", "Shift-");
    inner
        .replace("Down", "↓")
        .replace("Up", "↑")
        .replace("Left", "←")
        .replace("Right", "→")
        .replace("Page↓", "PgDn")
        .replace("Page↑", "PgUp")
        .replace("BS", "Backspace")
}

/// Help rows: each action with all its keys, in binding order.
pub fn help_rows() -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
    for (scope, name, action) in BINDINGS {
        let mut key = display_key(name);
        if *scope == Scope::Toc {
            key.push_str(" (TOC)");
        }
        match rows.iter_mut().find(|(a, _)| a == action) {
            Some((_, keys)) => keys.push(key),
            None => rows.push((*action, vec![key])),
        }
    }
    rows.into_iter().filter_map(|(a, keys)| a.describe().map(|d| (keys.join(" "), d))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_binding_parses() {
        for (_, name, _) in BINDINGS {
            assert!(parse_key(name).is_some(), "{name}");
        }
        for (name, _) in HELP_BINDINGS.iter().chain(LIST_BINDINGS).chain(CONFIRM_BINDINGS).chain(RESULTS_BINDINGS) {
            assert!(parse_key(name).is_some(), "{name}");
        }
    }

    #[test]
    fn space_depends_on_focus() {
        let space = key(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(action_for(&space, Mode::Reader), Some(Action::PageDown));
        assert_eq!(action_for(&space, Mode::Toc), Some(Action::ToggleFold));
    }

    #[test]
    fn shifted_letters_and_ctrl() {
        assert_eq!(action_for(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), Mode::Reader), Some(Action::Bottom));
        assert_eq!(action_for(&key(KeyCode::Char('d'), KeyModifiers::CONTROL), Mode::Reader), Some(Action::HalfDown));
        assert_eq!(action_for(&key(KeyCode::Char('c'), KeyModifiers::CONTROL), Mode::Help), Some(Action::Quit));
    }

    #[test]
    fn help_lists_every_keyed_action() {
        let rows = help_rows();
        assert!(rows.iter().any(|(k, d)| k == "Space PgDn Ctrl-f" && *d == "page down"));
        assert!(rows.iter().any(|(k, _)| k.contains("Enter (TOC)")));
    }
}
