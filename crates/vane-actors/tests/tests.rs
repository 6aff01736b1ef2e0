//! All integration tests of vane-actors, in one binary.

mod common;
mod importers;
mod packs;
mod resolve;
mod robust;
mod seed;
mod text;
