//! Colours and text attributes for each role. With `NO_COLOR` every colour is the terminal's
//! default, and selection and links still show through bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::Role;
use crate::library::Target;
use crate::model::Emphasis;

/// The palette in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// The theme for the environment: no colour when `NO_COLOR` is set or `TERM=dumb`.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
            || std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Theme { color: !no_color }
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
            Role::Title => self.fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
            // Every level looks different, with colour and without it.
            Role::Heading(1) => self.fg(Color::LightMagenta).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Role::Heading(2) => self.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            Role::Heading(3) => self.fg(Color::LightGreen).add_modifier(Modifier::BOLD | Modifier::ITALIC),
            Role::Heading(4) => self.fg(Color::Yellow).add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
            Role::Heading(5) => self.fg(Color::Cyan).add_modifier(Modifier::ITALIC),
            Role::Heading(_) => self.fg(Color::Gray).add_modifier(Modifier::ITALIC | Modifier::DIM),
            Role::Code => Style::new(),
            Role::CodeFrame => self.fg(Color::DarkGray),
            Role::QuoteBar => self.fg(Color::DarkGray),
            Role::Marker => self.fg(Color::LightCyan),
            Role::TableBorder => self.fg(Color::DarkGray),
            Role::TableHeader => Style::new().add_modifier(Modifier::BOLD),
            Role::Html | Role::Dim => self.fg(Color::DarkGray).add_modifier(Modifier::DIM),
            Role::Rule => self.fg(Color::DarkGray),
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
            s = s.patch(self.fg(Color::LightRed));
        }
        if emph.has(Emphasis::HTML) || emph.has(Emphasis::IMAGE) {
            s = s.patch(self.fg(Color::DarkGray));
        }
        if emph.has(Emphasis::FOOTNOTE) {
            s = s.patch(self.fg(Color::LightCyan));
        }
        match link {
            None => {}
            // A red link: the library has no such article. Without colour, it is dimmed.
            Some(Target::Missing(_) | Target::Section(_) | Target::MissingSection { .. }) => {
                s = s.patch(self.fg(Color::LightRed)).add_modifier(Modifier::UNDERLINED);
                if !self.color {
                    s = s.add_modifier(Modifier::DIM);
                }
            }
            Some(Target::Refused(_)) => s = s.patch(self.fg(Color::DarkGray)).add_modifier(Modifier::CROSSED_OUT),
            Some(Target::External(_)) => s = s.patch(self.fg(Color::LightGreen)).add_modifier(Modifier::UNDERLINED),
            Some(_) => s = s.patch(self.fg(Color::LightBlue)).add_modifier(Modifier::UNDERLINED),
        }
        s
    }

    /// The status line.
    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
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
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
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
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    /// The current search match.
    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new().bg(Color::LightRed).fg(Color::Black).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Matched characters in a finder entry.
    pub fn fuzzy_mark(&self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A link hint label.
    pub fn hint(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Yellow).fg(Color::Black).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Borders and titles of panes.
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }
}
