//! Document history read from real git repositories built in temp dirs.
