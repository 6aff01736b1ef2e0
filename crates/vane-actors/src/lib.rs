//! Actor knowledge base and mention resolution. Pure: no IO (packs are
//! passed in as strings; the bundled pack is compiled in).
