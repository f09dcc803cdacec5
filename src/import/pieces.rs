//! Putting together an article parsed in pieces, last piece first (so that the source can
//! shrink behind each piece parsed; see [`super::markdown::parse_owned`]).

use crate::model::{Block, Link};

/// Puts pieces stored last-first one after another back in document order, in place, and
/// renumbers link ids to index the reordered links. `stored` holds where each piece's blocks
/// and links start, in the order the pieces were stored.
pub fn put_in_order(blocks: &mut [Block], links: &mut [Link], stored: &[(usize, usize)]) {
    // Reversing the whole lists puts the pieces in document order, each reversed; then each
    // piece is reversed back.
    blocks.reverse();
    links.reverse();
    let (mut at_block, mut at_link) = (0, 0);
    let (mut end_block, mut end_link) = (blocks.len(), links.len());
    // The piece stored last is the first of the document.
    for &(first_block, first_link) in stored.iter().rev() {
        let (nb, nl) = (end_block - first_block, end_link - first_link);
        blocks[at_block..at_block + nb].reverse();
        links[at_link..at_link + nl].reverse();
        let by = at_link as i64 - first_link as i64;
        if by != 0 {
            for b in &mut blocks[at_block..at_block + nb] {
                b.shift_links(by);
            }
        }
        (at_block, at_link) = (at_block + nb, at_link + nl);
        (end_block, end_link) = (first_block, first_link);
    }
}
