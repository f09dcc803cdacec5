//! The config file, `$XDG_CONFIG_HOME/folio/config.toml`: reading measure, TOC width and
//! side, mouse, theme and colours, library folders, key bindings. A file with an error gives
//! one warning naming its line, and folio starts with the defaults. Flags and the environment
//! (`NO_COLOR`, `--color`) come before the file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::app::keys::{line_of, parse_key, Keymap, KeymapError};
use crate::app::Action;

/// Which colours to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Dark or light by the terminal's background, where it can be asked.
    #[default]
    Auto,
    Dark,
    Light,
}

/// Where the TOC pane goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    #[default]
    Left,
    Right,
}

/// `[reader]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Reader {
    /// The reading measure in columns.
    pub measure: Option<u16>,
    /// The TOC pane's width in columns.
    pub toc_width: Option<u16>,
    pub toc_side: Side,
    /// Mouse capture at start.
    pub mouse: Option<bool>,
    /// Reading positions and history across runs.
    pub history: Option<bool>,
}

/// `[theme]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    pub name: ThemeName,
    /// Colours by element (`heading1 = "#ff8800"`, `link = "lightblue"`).
    pub colors: BTreeMap<String, String>,
}

/// `[library]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Library {
    /// Folders layered under an article's own library (`~` is the home folder).
    pub folders: Vec<String>,
}

/// A folder as the config file writes it: `~/` is the home folder.
pub fn expand_home(folder: &str) -> PathBuf {
    match (folder.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(folder),
    }
}

/// `[wiki]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Wiki {
    /// The User-Agent sent to wiki sites (default: folio, its version and project address).
    pub user_agent: Option<String>,
    /// Seconds a request may take.
    pub timeout: Option<u64>,
    /// Where `W` saves pages (default: the first library folder, else the data folder).
    pub save: Option<String>,
}

impl Wiki {
    /// The client's settings.
    pub fn settings(&self) -> crate::wiki::client::Settings {
        let mut s = crate::wiki::client::Settings::default();
        if let Some(ua) = self.user_agent.as_deref().filter(|u| !u.trim().is_empty()) {
            s.user_agent = ua.trim().to_string();
        }
        if let Some(t) = self.timeout {
            s.timeout = std::time::Duration::from_secs(t.clamp(1, 300));
        }
        s
    }
}

/// The whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub reader: Reader,
    pub theme: Theme,
    pub library: Library,
    pub wiki: Wiki,
    /// Keys by action name (`line-down = ["j", "<Down>"]`), replacing the defaults.
    pub keys: BTreeMap<String, toml::Spanned<Vec<String>>>,
}

/// The config file as read: the settings, and the keymap they make.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    pub keymap: std::sync::Arc<Keymap>,
    /// Where it came from (`None`: the defaults).
    pub path: Option<PathBuf>,
}

impl Config {
    /// Parses a config file; an error names its line.
    pub fn parse(text: &str) -> Result<Config, KeymapError> {
        let config: Config = toml::from_str(text).map_err(|e| KeymapError {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        for (name, colour) in &config.theme.colors {
            if !crate::ui::theme::Palette::knows(name) {
                return Err(at_key(text, name, format!("unknown element ‘{name}’ in [theme.colors]")));
            }
            if colour.parse::<ratatui::style::Color>().is_err() {
                return Err(at_key(text, name, format!("bad colour ‘{colour}’")));
            }
        }
        Ok(config)
    }

    /// The keymap: the defaults with this file's keys in place of theirs.
    pub fn keymap(&self, text: &str) -> Result<Keymap, KeymapError> {
        let mut bindings = Keymap::defaults().bindings.clone();
        for (name, keys) in &self.keys {
            let line = line_of(text, keys.span().start);
            let err = |message: String| KeymapError { line, message };
            let action = Action::from_name(name).ok_or_else(|| err(format!("unknown action ‘{name}’")))?;
            for k in keys.get_ref() {
                parse_key(k).ok_or_else(|| err(format!("bad key name ‘{k}’")))?;
            }
            let new: Vec<_> = keys.get_ref().iter().filter_map(|k| parse_key(k)).collect();
            let reader = |s: crate::app::keys::Scope| {
                matches!(s, crate::app::keys::Scope::Reader | crate::app::keys::Scope::Page)
            };
            // The action's own keys are replaced; another action loses the keys taken.
            let mut first = true;
            bindings.retain_mut(|b| {
                if b.action == action && reader(b.scope) {
                    let keep = first;
                    first = false;
                    b.keys = keys.get_ref().clone();
                    return keep;
                }
                if reader(b.scope) {
                    b.keys.retain(|k| parse_key(k).is_none_or(|key| !new.contains(&key)));
                }
                true
            });
            if first {
                bindings.push(crate::app::keys::Binding {
                    scope: crate::app::keys::Scope::Reader,
                    action,
                    keys: keys.get_ref().clone(),
                    help: name.replace('-', " "),
                });
            }
        }
        Ok(Keymap::from_bindings(bindings))
    }

    /// The library folders, `~` expanded.
    pub fn folders(&self) -> Vec<PathBuf> {
        self.library.folders.iter().map(|f| expand_home(f)).collect()
    }
}

/// An error at the line where `key` is written.
fn at_key(text: &str, key: &str, message: String) -> KeymapError {
    let at =
        text.find(&format!("{key} ")).or_else(|| text.find(&format!("{key}="))).or_else(|| text.find(key)).unwrap_or(0);
    KeymapError { line: line_of(text, at), message }
}

/// The theme: colours on or off by `--color` (`flag`), else by the environment (`env_color`:
/// no `NO_COLOR`, no `TERM=dumb`); dark or light by the file (`auto`: `dark_background` is
/// asked, only when colours are on); the file's colours on top.
pub fn theme(
    flag: Option<bool>,
    env_color: bool,
    config: &Config,
    dark_background: &dyn Fn() -> bool,
) -> crate::ui::Theme {
    let color = flag.unwrap_or(env_color);
    let dark = match config.theme.name {
        ThemeName::Dark => true,
        ThemeName::Light => false,
        ThemeName::Auto if color => dark_background(),
        ThemeName::Auto => true,
    };
    let mut theme = if dark { crate::ui::Theme::colored() } else { crate::ui::Theme::light() };
    theme.color = color;
    for (name, value) in &config.theme.colors {
        if let Ok(c) = value.parse() {
            theme.palette.set(name, c);
        }
    }
    theme
}

/// The defaults (`--no-config`).
pub fn load_defaults() -> Loaded {
    Loaded { config: Config::default(), keymap: Keymap::defaults(), path: None }
}

/// Reads the config: from `path` (`--config`), else the user's file when there is one.
/// Returns the settings and a warning for the status line; on any error, the defaults.
pub fn load(path: Option<PathBuf>) -> (Loaded, Option<String>) {
    let defaults = || Loaded { config: Config::default(), keymap: Keymap::defaults(), path: None };
    let explicit = path.is_some();
    let Some(path) = path.or_else(default_path) else { return (defaults(), None) };
    let text = match crate::source::read_file(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) if !explicit && !path.exists() => return (defaults(), None),
        Err(e) => return (defaults(), Some(format!("config {}: {e}", crate::source::display_path(&path)))),
    };
    let shown = crate::source::display_path(&path);
    match Config::parse(&text).and_then(|c| c.keymap(&text).map(|k| (c, k))) {
        Ok((config, keymap)) => (Loaded { config, keymap: std::sync::Arc::new(keymap), path: Some(path) }, None),
        Err(e) => (defaults(), Some(format!("config {shown}: {e}; using the defaults"))),
    }
}

/// `$XDG_CONFIG_HOME/folio/config.toml` (or `~/.config/folio/config.toml`).
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    if std::env::var_os("HOME").is_none_or(|h| h.is_empty()) && std::env::var_os("XDG_CONFIG_HOME").is_none() {
        return None;
    }
    etcetera::choose_base_strategy().ok().map(|b| b.config_dir().join("folio").join("config.toml"))
}

/// The effective config as a commented file (`--print-config`).
pub fn print(loaded: &Loaded) -> String {
    let c = &loaded.config;
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::new();
    out.push_str(&match &loaded.path {
        Some(p) => format!("# folio's configuration, read from {}\n", crate::source::display_path(p)),
        None => "# folio's configuration: the defaults (no config file)\n".to_string(),
    });
    out.push_str("# Save as $XDG_CONFIG_HOME/folio/config.toml (~/.config/folio/config.toml).\n\n[reader]\n");
    out.push_str("# Reading measure in columns (code and tables may use the whole pane).\n");
    out.push_str(&format!("measure = {}\n", c.reader.measure.unwrap_or(crate::app::DEFAULT_MAX_WIDTH)));
    out.push_str("# Width of the contents pane in columns (default: 30% of the terminal, 16 to 40).\n");
    match c.reader.toc_width {
        Some(w) => out.push_str(&format!("toc-width = {w}\n")),
        None => out.push_str("# toc-width = 30\n"),
    }
    out.push_str("# Side of the contents pane: \"left\" or \"right\".\n");
    out.push_str(&format!("toc-side = {}\n", q(if c.reader.toc_side == Side::Right { "right" } else { "left" })));
    out.push_str("# Mouse capture at start (Alt-m toggles it; Shift-drag selects text while it is on).\n");
    out.push_str(&format!("mouse = {}\n", c.reader.mouse.unwrap_or(true)));
    out.push_str("# Reading positions, marks and history kept across runs.\n");
    out.push_str(&format!("history = {}\n\n[theme]\n", c.reader.history.unwrap_or(true)));
    out.push_str("# \"auto\" (by the terminal's background), \"dark\" or \"light\".\n");
    let name = match c.theme.name {
        ThemeName::Auto => "auto",
        ThemeName::Dark => "dark",
        ThemeName::Light => "light",
    };
    out.push_str(&format!("name = {}\n\n[theme.colors]\n", q(name)));
    out.push_str(&format!(
        "# Colours by element, as names (\"lightcyan\") or \"#rrggbb\". Elements: {}.\n",
        crate::ui::theme::Palette::ELEMENTS.join(", ")
    ));
    for (k, v) in &c.theme.colors {
        out.push_str(&format!("{k} = {}\n", q(v)));
    }
    out.push_str("\n[library]\n# Folders whose articles links also lead to, after the article's own folder.\n");
    let folders: Vec<String> = c.library.folders.iter().map(|f| q(f)).collect();
    out.push_str(&format!("folders = [{}]\n\n[wiki]\n", folders.join(", ")));
    out.push_str("# The User-Agent sent to wiki sites.\n");
    out.push_str(&format!("user-agent = {}\n", q(&c.wiki.settings().user_agent)));
    out.push_str("# Seconds a request may take.\n");
    out.push_str(&format!("timeout = {}\n", c.wiki.settings().timeout.as_secs()));
    out.push_str("# Where W saves wiki pages (default: the first library folder, else the data folder).\n");
    match &c.wiki.save {
        Some(dir) => out.push_str(&format!("save = {}\n\n[keys]\n", q(dir))),
        None => out.push_str("# save = \"~/wiki\"\n\n[keys]\n"),
    }
    out.push_str("# Keys by action (they replace the action's default keys). The keys in use:\n");
    let mut seen = std::collections::BTreeSet::new();
    for b in &loaded.keymap.bindings {
        let Some(name) = b.action.name() else { continue };
        if matches!(b.scope, crate::app::keys::Scope::Reader | crate::app::keys::Scope::Page) && seen.insert(name) {
            let keys: Vec<String> = b.keys.iter().map(|k| q(k)).collect();
            let line = format!("{name} = [{}]", keys.join(", "));
            if c.keys.contains_key(name) {
                out.push_str(&format!("{line}\n"));
            } else {
                out.push_str(&format!("# {line}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::{Key, Mode};

    #[test]
    fn keys_replace_defaults_and_errors_name_the_line() {
        let text = "[reader]\nmeasure = 72\n\n[keys]\nline-down = [\"n\"]\n";
        let c = Config::parse(text).unwrap();
        assert_eq!(c.reader.measure, Some(72));
        let k = c.keymap(text).unwrap();
        assert_eq!(k.action_for(Key::char('n'), Mode::Reader), Some(Action::LineDown));
        assert_eq!(k.action_for(Key::char('j'), Mode::Reader), None, "the old key is gone");
        let bad = "[keys]\n\nno-such-action = [\"x\"]\n";
        let e = Config::parse(bad).unwrap().keymap(bad).unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (3, "unknown action ‘no-such-action’"));
        let bad = "[keys]\nline-up = [\"<Nope>\"]\n";
        assert_eq!(Config::parse(bad).unwrap().keymap(bad).unwrap_err().line, 2);
        let bad = "[reader]\nmesure = 3\n";
        assert_eq!(Config::parse(bad).unwrap_err().line, 2);
        let bad = "[theme.colors]\nheading1 = \"not-a-colour\"\n";
        assert_eq!(Config::parse(bad).unwrap_err().line, 2);
    }
}
