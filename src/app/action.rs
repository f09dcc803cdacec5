//! The vocabulary of folio: every key, help line and status hint is one of these.

use super::jobs::Done;

/// Something the user asked for, or a background job's result. The keymap maps keys to
/// actions by name ([`Action::name`]); help lists them with their descriptions.
#[derive(Clone, Debug, PartialEq)]
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
    /// Wrap long code lines, or let them run on (and scroll sideways).
    ToggleWrap,
    /// Scroll wide rows (code, tables) to the left.
    ScrollLeft,
    /// Scroll wide rows (code, tables) to the right.
    ScrollRight,
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
    /// The next chapter of the book.
    NextChapter,
    /// The previous chapter of the book.
    PrevChapter,
    /// The book's table of contents.
    Book,
    /// The places in the library that link here.
    Backlinks,
    /// Set a mark (the next letter names it).
    SetMark,
    /// Jump to a mark (the next letter names it; `'` returns).
    JumpToMark,
    /// The list of marks.
    Marks,
    /// Delete the mark under the cursor of the marks list.
    DeleteMark,
    /// Open the article in the editor.
    Edit,
    /// Copy the selected link's target or the section's reference.
    Copy,
    /// Preview where the selected link leads.
    Peek,
    /// Save the wiki page being read into the library.
    SaveArticle,
    /// The open article's file changed on disk (from the file watcher).
    FileChanged,
    /// The library folder's files changed (from the file watcher).
    LibraryChanged,
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
    /// Horizontal mouse wheel: columns to scroll wide rows, negative is left.
    HWheel(i8),
    /// A background job finished (or reports progress).
    Done(Box<Done>),
}

/// Every action a key can be bound to, with its name in the keymap and config files.
pub const NAMED: &[(&str, Action)] = &[
    ("line-down", Action::LineDown),
    ("line-up", Action::LineUp),
    ("page-down", Action::PageDown),
    ("page-up", Action::PageUp),
    ("half-down", Action::HalfDown),
    ("half-up", Action::HalfUp),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("next-section", Action::NextSection),
    ("prev-section", Action::PrevSection),
    ("focus-toc", Action::FocusToc),
    ("focus-reader", Action::FocusReader),
    ("activate", Action::Activate),
    ("toggle-fold", Action::ToggleFold),
    ("toggle-toc", Action::ToggleToc),
    ("toggle-wrap", Action::ToggleWrap),
    ("scroll-left", Action::ScrollLeft),
    ("scroll-right", Action::ScrollRight),
    ("help", Action::Help),
    ("close", Action::Close),
    ("toggle-mouse", Action::ToggleMouse),
    ("suspend", Action::Suspend),
    ("redraw", Action::Redraw),
    ("quit", Action::Quit),
    ("next-link", Action::NextLink),
    ("prev-link", Action::PrevLink),
    ("follow", Action::Follow),
    ("hints", Action::Hints),
    ("link-list", Action::LinkList),
    ("back", Action::Back),
    ("forward", Action::Forward),
    ("guide", Action::Guide),
    ("search", Action::Search),
    ("next-match", Action::NextMatch),
    ("prev-match", Action::PrevMatch),
    ("go-to-section", Action::GoToSection),
    ("open-article", Action::OpenArticle),
    ("search-library", Action::SearchLibrary),
    ("next-chapter", Action::NextChapter),
    ("previous-chapter", Action::PrevChapter),
    ("book", Action::Book),
    ("backlinks", Action::Backlinks),
    ("set-mark", Action::SetMark),
    ("jump-to-mark", Action::JumpToMark),
    ("marks", Action::Marks),
    ("delete-mark", Action::DeleteMark),
    ("edit", Action::Edit),
    ("copy", Action::Copy),
    ("peek", Action::Peek),
    ("save-page", Action::SaveArticle),
    ("delete-char", Action::DeleteChar),
    ("yes", Action::Yes),
];

impl Action {
    /// The action called `name` in the keymap (`line-down`), if any.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMED.iter().find(|(n, _)| *n == name).map(|(_, a)| a.clone())
    }

    /// The action's name in the keymap, if keys can be bound to it.
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a)| a == self).map(|(n, _)| *n)
    }

    /// A result of background work rather than something the user did.
    pub fn is_job(&self) -> bool {
        matches!(self, Action::Done(_))
    }
}
