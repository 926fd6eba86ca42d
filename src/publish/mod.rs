//! Building the whole site: every version, the switcher data, the manifest, and the atomic swap into place.
