//! Rendering one version of the controlled set into HTML pages.
