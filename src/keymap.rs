//! The edge between the terminal's events and folio's actions: a crossterm key event becomes a
//! plain [`Key`] looked up in the keymap (`app::keys`); mouse events become actions here.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::app::keys::{Code, Key, Keymap, Mode, Named};
use crate::app::Action;

/// The key a terminal key event stands for, if folio has a name for it.
pub fn key_of(ev: &KeyEvent) -> Option<Key> {
    let code = match ev.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Down => Code::Named(Named::Down),
        KeyCode::Up => Code::Named(Named::Up),
        KeyCode::Left => Code::Named(Named::Left),
        KeyCode::Right => Code::Named(Named::Right),
        KeyCode::PageDown => Code::Named(Named::PageDown),
        KeyCode::PageUp => Code::Named(Named::PageUp),
        KeyCode::Home => Code::Named(Named::Home),
        KeyCode::End => Code::Named(Named::End),
        KeyCode::Enter => Code::Named(Named::Enter),
        KeyCode::Esc => Code::Named(Named::Esc),
        KeyCode::Tab => Code::Named(Named::Tab),
        KeyCode::BackTab => Code::Named(Named::BackTab),
        KeyCode::Backspace => Code::Named(Named::Backspace),
        KeyCode::Delete => Code::Named(Named::Delete),
        KeyCode::Insert => Code::Named(Named::Insert),
        KeyCode::F(n) => Code::Named(Named::F(n)),
        _ => return None,
    };
    let m = ev.modifiers;
    let key = Key {
        code,
        ctrl: m.contains(KeyModifiers::CONTROL),
        alt: m.contains(KeyModifiers::ALT),
        shift: m.contains(KeyModifiers::SHIFT),
    };
    Some(key.normal())
}

/// The action for a key press in a mode, if any (key releases are ignored).
pub fn action_for(keymap: &Keymap, ev: &KeyEvent, mode: Mode) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    keymap.action_for(key_of(ev)?, mode)
}

/// The action for a mouse event: the wheel scrolls, a left click selects.
pub fn mouse_action(m: &MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, 3)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, -3)),
        MouseEventKind::ScrollRight => Some(Action::HWheel(4)),
        MouseEventKind::ScrollLeft => Some(Action::HWheel(-4)),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_letters_ctrl_and_back_tab() {
        let k = Keymap::defaults();
        let ev = |code, mods| KeyEvent::new(code, mods);
        assert_eq!(action_for(&k, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT), Mode::Reader), Some(Action::Bottom));
        assert_eq!(
            action_for(&k, &ev(KeyCode::Char('d'), KeyModifiers::CONTROL), Mode::Reader),
            Some(Action::HalfDown)
        );
        assert_eq!(action_for(&k, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL), Mode::Help), Some(Action::Quit));
        assert_eq!(action_for(&k, &ev(KeyCode::BackTab, KeyModifiers::SHIFT), Mode::Reader), Some(Action::PrevLink));
        let mut release = ev(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(&k, &release, Mode::Reader), None);
    }
}
