//! `merge-driver %O %A %B`: git's merge driver for a `state.json` in a dotfiles repository.
//! The union by id is symmetric, so merge and rebase (which swap `%A` and `%B`) give the
//! same bytes. `%O` is ignored: it may be empty (add/add), and a union needs no base.

use crate::cli::MergeDriverArgs;
use crate::error::Result;
use crate::storage;

pub fn run(args: &MergeDriverArgs) -> Result<()> {
    // Both sides are read before anything is written: a side that does not parse leaves
    // `%A` as it was, and the exit status 1 tells git it is a conflict.
    let mut ours = storage::read_state_file(&args.ours)?;
    let theirs = storage::read_state_file(&args.theirs)?;
    ours.merge(theirs.records());
    storage::replace_atomically(&args.ours, &ours.to_bytes())
}
