//! What wiki sites and dump tools leave in copied text, in one place: supporting a new site or
//! dump format costs a line here, not code.

/// Lines dropped whole: site chrome (compared trimmed, case-insensitively, with `_` read as a
/// space; a final `*` matches any rest of the line).
pub const CHROME: &[&str] = &[
    "from wikipedia, the free encyclopedia",
    "from wikipedia, the free encyclopaedia",
    "from simple english wikipedia, the free encyclopedia",
    "from wikibooks, open books for an open world",
    "from wikivoyage",
    "from the fandom wiki *",
    "jump to navigation",
    "jump to search",
    "jump to navigation jump to search",
    "jump to content",
    "skip to content",
    "toggle the table of contents",
    "move to sidebar hide",
    "[edit | edit source]",
    "[edit]",
    "[ edit ]",
    "retrieved from *",
    "categories: *",
    "category: *",
    "categories",
    "hidden categories",
    "hidden categories: *",
    "this page was last edited *",
    "this page was last modified *",
    "text is available under the creative commons *",
    "content is available under *",
    "v t e",
    "v · t · e",
    "v • t • e",
    "v\tt\te",
    "view · talk · edit",
    "(top)",
    "hide",
    "show",
    "read edit view history",
    "article talk",
    "coordinates: *",
];

/// Bracketed maintenance markers kept in the text as dim notes (matched case-insensitively).
pub const MAINTENANCE: &[&str] = &[
    "citation needed",
    "clarification needed",
    "better source needed",
    "full citation needed",
    "page needed",
    "dubious – discuss",
    "dubious",
    "verification needed",
    "according to whom?",
    "by whom?",
    "who?",
    "when?",
    "which?",
    "where?",
    "why?",
    "update",
    "needs update",
    "original research?",
];

/// Bracketed markers that were buttons and are dropped (`[edit]` after a heading inline).
pub const BUTTONS: &[&str] = &["edit", "edit | edit source", "edit source", "hide", "show", "change"];

/// Hatnotes: a line starting with one of these introduces cross references.
pub const HATNOTES: &[&str] = &[
    "Main article:",
    "Main articles:",
    "Further information:",
    "Further information on",
    "See also:",
    "Main page:",
    "Main category:",
    "For other uses, see",
    "For *, see",
    "For more details, see",
    "For more information, see",
    "For details, see",
    "Not to be confused with",
    "\"Further\" redirects here. For other uses, see",
];

/// Back-matter headings that always count as headings.
pub const BACK_MATTER: &[&str] = &[
    "see also",
    "references",
    "notes",
    "external links",
    "further reading",
    "bibliography",
    "sources",
    "footnotes",
    "citations",
    "works cited",
    "notes and references",
    "references and notes",
    "explanatory notes",
];

/// Sections whose `^ …` entries are the article's numbered notes.
pub const NOTE_SECTIONS: &[&str] =
    &["references", "notes", "citations", "footnotes", "notes and references", "references and notes", "sources"];

/// What starts a note entry in a notes section (after an optional number `12.`): the caret
/// a browser copies for the back link, the forms older skins used.
pub const NOTE_STARTS: &[&str] = &["^", "↑", "Jump up to:", "Jump up ^", "Jump up"];

/// The line that starts a copied table of contents (a `Contents` box).
pub const CONTENTS: &[&str] = &["contents", "contents hide", "contents [hide]", "contents\thide", "table of contents"];

/// List bullets of copies: `•` `·` `▪` `-` `–`.
pub const BULLETS: &[&str] = &["• ", "· ", "▪ ", "- ", "– "];

/// List bullets of dumps besides those: `*` `o` `+` `#` (html2text's levels).
pub const DUMP_BULLETS: &[&str] = &["* ", "o ", "+ ", "# "];

/// The first word of a heading line framed by stars in a dump: `****** Title ******` is the
/// title, `***** Heading *****` a section, `**** Subheading ****` below it (html2text).
pub const FRAME_STARS: std::ops::RangeInclusive<usize> = 2..=6;

/// Lines of this many characters or fewer, at the wrap width, count as wrapped at it.
pub const WRAP_SLACK: usize = 12;
