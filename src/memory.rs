//! How the process allocates. A build renders version after version, each allocating and
//! freeing hundreds of megabytes of strings across threads: mimalloc does that with much less
//! work than the system allocator (whose arenas also keep what one thread freed for that
//! thread), and gives freed pages back to the system soon, so memory follows the versions being
//! rendered rather than the busiest moment of the build.

/// The process's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the `mi_option_e` enum of the mimalloc (v3) that
/// `libmimalloc-sys` builds: which the crate does not name.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays with the allocator before it goes back to the system, in
/// milliseconds. mimalloc's default (a second) keeps a finished version's pages while the next
/// one fills new ones; immediately (0) costs a system call at every free of a large block.
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Sets the allocator up; called once, before the work starts.
#[allow(unsafe_code)]
pub fn configure() {
    // SAFETY: sets one of mimalloc's own tuning options; it takes any value at any time.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(unsafe_code)]
    #[test]
    fn the_purge_delay_is_the_option_it_names() {
        // mimalloc's own default for the purge delay is a second: only that option has it.
        // SAFETY: reads mimalloc's options.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(default, 1000, "option {PURGE_DELAY} is not the purge delay of this mimalloc");
    }
}
