//! The vocabulary of folio: every key, help line and status hint is one of these.

/// Something the user asked for. The keymap maps keys to actions; the help overlay lists them
/// with [`Action::describe`], so help can never drift from behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Scroll (or move in the TOC) one line down.
    LineDown,
    /// Scroll (or move in the TOC) one line up.
    LineUp,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfDown,
    /// Half a page up.
    HalfUp,
    /// To the top of the article.
    Top,
    /// To the end of the article.
    Bottom,
    /// To the next section's heading.
    NextSection,
    /// To the start of this section, or the previous one.
    PrevSection,
    /// Focus the table of contents.
    FocusToc,
    /// Focus the reading pane.
    FocusReader,
    /// In the TOC: jump to the entry and return to the reading pane.
    Activate,
    /// Fold or unfold the TOC subtree.
    ToggleFold,
    /// Show or hide the table of contents.
    ToggleToc,
    /// Show the help overlay.
    Help,
    /// Close an overlay, leave the TOC, clear a message.
    Close,
    /// Turn mouse capture off (so the terminal can select text) or on.
    ToggleMouse,
    /// Suspend folio (back with `fg`).
    Suspend,
    /// Redraw the whole screen.
    Redraw,
    /// Quit folio.
    Quit,
    /// Select the next link.
    NextLink,
    /// Select the previous link.
    PrevLink,
    /// Follow the selected link (in the link list: the chosen one).
    Follow,
    /// Label the links on screen; typing a label follows it.
    Hints,
    /// List every link of the article.
    LinkList,
    /// Back in the history.
    Back,
    /// Forward in the history.
    Forward,
    /// Open folio's guide.
    Guide,
    /// Search this article (incremental).
    Search,
    /// The next match.
    NextMatch,
    /// The previous match.
    PrevMatch,
    /// Go to a section by fuzzy name or number.
    GoToSection,
    /// Open an article of the library by title or alias.
    OpenArticle,
    /// Search the text of every article in the library.
    SearchLibrary,
    /// A character typed into an overlay (hint labels, the link list filter).
    Char(char),
    /// Delete the last character typed into an overlay.
    DeleteChar,
    /// Answer yes to a question.
    Yes,
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// Mouse wheel at (column, row): lines to scroll, negative is up.
    Wheel(u16, u16, i8),
    /// Mouse click at (column, row).
    Click(u16, u16),
}

impl Action {
    /// The help text for actions bound to keys; `None` for events that are not keys.
    pub fn describe(self) -> Option<&'static str> {
        Some(match self {
            Action::LineDown => "line down",
            Action::LineUp => "line up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfDown => "half page down",
            Action::HalfUp => "half page up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextSection => "next section",
            Action::PrevSection => "previous section",
            Action::FocusToc => "focus table of contents",
            Action::FocusReader => "focus reading pane",
            Action::Activate => "TOC: jump to entry",
            Action::ToggleFold => "fold / unfold TOC subtree",
            Action::ToggleToc => "show / hide table of contents",
            Action::Help => "help",
            Action::Close => "close overlay / clear",
            Action::ToggleMouse => "mouse capture on / off",
            Action::Suspend => "suspend (fg resumes)",
            Action::Redraw => "redraw the screen",
            Action::Quit => "quit",
            Action::NextLink => "select next link",
            Action::PrevLink => "select previous link",
            Action::Follow => "follow selected link",
            Action::Hints => "link hints: type a label to follow",
            Action::LinkList => "list all links (type to filter)",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::Guide => "folio guide",
            Action::Yes => "yes",
            Action::Search => "search this article",
            Action::NextMatch => "next match",
            Action::PrevMatch => "previous match",
            Action::GoToSection => "go to section (name or number)",
            Action::OpenArticle => "open article (title or alias)",
            Action::SearchLibrary => "search the whole library",
            Action::Resize(..) | Action::Wheel(..) | Action::Click(..) | Action::Char(_) | Action::DeleteChar => {
                return None
            }
        })
    }
}
