//! All integration tests of vane-actors, in one binary.

mod common;
mod seed;
