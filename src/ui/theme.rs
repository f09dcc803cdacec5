//! Colours and text attributes for each role. With `NO_COLOR` every colour is the terminal's
//! default, and selection and links still show through bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::Role;
use crate::library::Target;
use crate::model::Emphasis;

/// The colour of each element, for a dark or a light background (and custom colours from
/// the config file on top).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    pub title: Color,
    pub headings: [Color; 6],
    pub marker: Color,
    /// Frames, rules, borders, dim text.
    pub frame: Color,
    pub code: Color,
    pub footnote: Color,
    pub link: Color,
    pub external: Color,
    pub missing: Color,
    pub status_bg: Color,
    pub status_fg: Color,
    pub current: Color,
    pub matched: Color,
    pub current_match: Color,
    pub hint: Color,
    pub fuzzy: Color,
}

impl Palette {
    /// The element names the config file may colour.
    pub const ELEMENTS: [&'static str; 21] = [
        "title",
        "heading1",
        "heading2",
        "heading3",
        "heading4",
        "heading5",
        "heading6",
        "marker",
        "frame",
        "code",
        "footnote",
        "link",
        "external",
        "missing",
        "status-bg",
        "status-fg",
        "current",
        "match",
        "current-match",
        "hint",
        "fuzzy",
    ];

    /// Colours for a dark background.
    pub const DARK: Palette = Palette {
        title: Color::LightMagenta,
        headings: [Color::LightMagenta, Color::LightCyan, Color::LightGreen, Color::Yellow, Color::Cyan, Color::Gray],
        marker: Color::LightCyan,
        frame: Color::DarkGray,
        code: Color::LightRed,
        footnote: Color::LightCyan,
        link: Color::LightBlue,
        external: Color::LightGreen,
        missing: Color::LightRed,
        status_bg: Color::DarkGray,
        status_fg: Color::White,
        current: Color::LightCyan,
        matched: Color::Yellow,
        current_match: Color::LightRed,
        hint: Color::Yellow,
        fuzzy: Color::LightYellow,
    };

    /// Colours for a light background.
    pub const LIGHT: Palette = Palette {
        title: Color::Magenta,
        headings: [Color::Magenta, Color::Blue, Color::Green, Color::Rgb(150, 100, 0), Color::Cyan, Color::DarkGray],
        marker: Color::Blue,
        frame: Color::Gray,
        code: Color::Red,
        footnote: Color::Blue,
        link: Color::Blue,
        external: Color::Green,
        missing: Color::Red,
        status_bg: Color::Gray,
        status_fg: Color::Black,
        current: Color::Blue,
        matched: Color::LightYellow,
        current_match: Color::LightRed,
        hint: Color::LightYellow,
        fuzzy: Color::Red,
    };

    /// Whether `name` is an element.
    pub fn knows(name: &str) -> bool {
        Palette::ELEMENTS.contains(&name)
    }

    /// Sets an element's colour (unknown names are ignored: the config checked them).
    pub fn set(&mut self, name: &str, c: Color) {
        match name {
            "title" => self.title = c,
            "marker" => self.marker = c,
            "frame" => self.frame = c,
            "code" => self.code = c,
            "footnote" => self.footnote = c,
            "link" => self.link = c,
            "external" => self.external = c,
            "missing" => self.missing = c,
            "status-bg" => self.status_bg = c,
            "status-fg" => self.status_fg = c,
            "current" => self.current = c,
            "match" => self.matched = c,
            "current-match" => self.current_match = c,
            "hint" => self.hint = c,
            "fuzzy" => self.fuzzy = c,
            h => {
                if let Some(n) =
                    h.strip_prefix("heading").and_then(|n| n.parse::<usize>().ok()).filter(|n| (1..=6).contains(n))
                {
                    self.headings[n - 1] = c;
                }
            }
        }
    }
}

/// The palette in use, and whether colours are on at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Whether the background is dark (code colours follow it).
    pub dark: bool,
    pub palette: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colored()
    }
}

impl Theme {
    /// Colours for a dark background.
    pub fn colored() -> Theme {
        Theme { color: true, dark: true, palette: Palette::DARK }
    }

    /// No colours: attributes only.
    pub fn plain() -> Theme {
        Theme { color: false, ..Theme::colored() }
    }

    /// Colours for a light background.
    pub fn light() -> Theme {
        Theme { color: true, dark: false, palette: Palette::LIGHT }
    }

    /// The theme for the environment: no colour when `NO_COLOR` is set or `TERM=dumb`.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
            || std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Theme { color: !no_color, ..Theme::colored() }
    }

    /// A colour, or the default colour when colours are off.
    pub fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The style of a run of article text; `link` says where the run's link leads, if it is one.
    pub fn run(&self, role: Role, emph: Emphasis, link: Option<&Target>) -> Style {
        let mut s = match role {
            Role::Body => Style::new(),
            Role::Title => self.fg(self.palette.title).add_modifier(Modifier::BOLD),
            // Every level looks different, with colour and without it.
            Role::Heading(1) => self.fg(self.palette.headings[0]).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Role::Heading(2) => self.fg(self.palette.headings[1]).add_modifier(Modifier::BOLD),
            Role::Heading(3) => self.fg(self.palette.headings[2]).add_modifier(Modifier::BOLD | Modifier::ITALIC),
            Role::Heading(4) => self.fg(self.palette.headings[3]).add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
            Role::Heading(5) => self.fg(self.palette.headings[4]).add_modifier(Modifier::ITALIC),
            Role::Heading(_) => self.fg(self.palette.headings[5]).add_modifier(Modifier::ITALIC | Modifier::DIM),
            Role::Code => Style::new(),
            Role::CodeFrame => self.fg(self.palette.frame),
            Role::QuoteBar => self.fg(self.palette.frame),
            Role::Marker => self.fg(self.palette.marker),
            Role::TableBorder => self.fg(self.palette.frame),
            Role::TableHeader => Style::new().add_modifier(Modifier::BOLD),
            Role::Html | Role::Dim => self.fg(self.palette.frame).add_modifier(Modifier::DIM),
            Role::Rule => self.fg(self.palette.frame),
        };
        if emph.has(Emphasis::ITALIC) {
            s = s.add_modifier(Modifier::ITALIC);
        }
        if emph.has(Emphasis::BOLD) {
            s = s.add_modifier(Modifier::BOLD);
        }
        if emph.has(Emphasis::STRIKE) {
            s = s.add_modifier(Modifier::CROSSED_OUT);
        }
        if emph.has(Emphasis::CODE) {
            s = s.patch(self.fg(self.palette.code));
        }
        if emph.has(Emphasis::HTML) || emph.has(Emphasis::IMAGE) {
            s = s.patch(self.fg(self.palette.frame));
        }
        if emph.has(Emphasis::FOOTNOTE) {
            s = s.patch(self.fg(self.palette.footnote));
        }
        match link {
            None => {}
            // A red link: the library has no such article. Without colour, it is dimmed.
            Some(Target::Missing(_) | Target::Section(_) | Target::MissingSection { .. }) => {
                s = s.patch(self.fg(self.palette.missing)).add_modifier(Modifier::UNDERLINED);
                if !self.color {
                    s = s.add_modifier(Modifier::DIM);
                }
            }
            Some(Target::Refused(_)) => s = s.patch(self.fg(self.palette.frame)).add_modifier(Modifier::CROSSED_OUT),
            Some(Target::External(_)) => s = s.patch(self.fg(self.palette.external)).add_modifier(Modifier::UNDERLINED),
            Some(_) => s = s.patch(self.fg(self.palette.link)).add_modifier(Modifier::UNDERLINED),
        }
        s
    }

    /// The status line.
    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(self.palette.status_bg).fg(self.palette.status_fg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A message in the status line.
    pub fn message(&self) -> Style {
        self.status().add_modifier(Modifier::BOLD)
    }

    /// The TOC entry of the section being read.
    pub fn toc_current(&self) -> Style {
        self.fg(self.palette.current).add_modifier(Modifier::BOLD)
    }

    /// The TOC cursor while the TOC has focus.
    pub fn toc_cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The selected link: reversed, so it shows without colour too.
    pub fn selected_link(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// A search match.
    pub fn match_hit(&self) -> Style {
        if self.color {
            Style::new().bg(self.palette.matched).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    /// The current search match.
    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new().bg(self.palette.current_match).fg(Color::Black).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Matched characters in a finder entry.
    pub fn fuzzy_mark(&self) -> Style {
        self.fg(self.palette.fuzzy).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A link hint label.
    pub fn hint(&self) -> Style {
        if self.color {
            Style::new().bg(self.palette.hint).fg(Color::Black).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Borders and titles of panes.
    pub fn border(&self) -> Style {
        self.fg(self.palette.frame)
    }
}
