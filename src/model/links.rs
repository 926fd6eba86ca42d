//! What a link destination means: external, unsafe, absolute, or a path inside the QMS root.
//! Pure string work: whether the target exists is for the checks to decide.

/// A classified link destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `https:`, `mailto:` and other schemes the reader's software handles; not checked.
    External,
    /// `javascript:`, `vbscript:`, `data:`, `file:`.
    Unsafe { scheme: String },
    /// `/abs/path` or `C:\path`.
    Absolute,
    /// `../` climbs above the QMS root.
    OutsideRoot,
    /// A file inside the QMS root (`path`, relative to it, `/`-separated; empty for `#anchor`
    /// links to the same document) and an optional fragment.
    Local { path: String, fragment: Option<String> },
}

const UNSAFE_SCHEMES: &[&str] = &["javascript", "vbscript", "data", "file"];

/// Schemes a link on the published site may leave it by: the web, mail and telephone. Others
/// (`ftp:`, `ssh:`, an application's own `zoom:`) would hand the reader to another program.
const PUBLISHED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Whether the site publishes an external link (`scheme:…` or `//host/…`) as a link: its
/// scheme is one of the web's, mail's or the telephone's. A network path (`\\server\share`)
/// is not.
pub fn is_published_link(destination: &str) -> bool {
    let destination = destination.trim();
    destination.starts_with("//")
        || scheme_of(destination).is_some_and(|scheme| PUBLISHED_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)))
}

/// Classifies `destination`, written in the document at `document_path` (relative to the root).
pub fn classify_link(document_path: &str, destination: &str) -> LinkTarget {
    let destination = destination.trim();
    if let Some(scheme) = scheme_of(destination) {
        let scheme = scheme.to_ascii_lowercase();
        if UNSAFE_SCHEMES.contains(&scheme.as_str()) {
            return LinkTarget::Unsafe { scheme };
        }
        // A Windows drive letter (`C:\…`, `C:/…`) reads as a one-letter scheme.
        if scheme.len() == 1 {
            return LinkTarget::Absolute;
        }
        return LinkTarget::External;
    }
    if destination.starts_with("//") || destination.starts_with("\\\\") {
        return LinkTarget::External;
    }
    let (without_fragment, fragment) = match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (destination, None),
    };
    let path = without_fragment.split('?').next().unwrap_or_default();
    let path = percent_decode(path);
    if path.starts_with('/') || path.starts_with('\\') {
        return LinkTarget::Absolute;
    }
    if path.is_empty() {
        return LinkTarget::Local { path: String::new(), fragment };
    }
    let base = document_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    match join_normalized(base, &path) {
        Some(path) => LinkTarget::Local { path, fragment },
        None => LinkTarget::OutsideRoot,
    }
}

/// The name a link gives when it names a document by its id or an alias rather than by its
/// path (`[the policy](AOTP)`, `[SOP-004](SOP-004#scope)`): letters, digits, `-` and `_` only,
/// no folder or extension. Whether a document answers to it is for the register to say.
pub fn link_name(destination: &str) -> Option<&str> {
    let name = destination.trim().split('#').next().unwrap_or_default();
    let bare = name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    (bare && name.chars().any(char::is_alphabetic)).then_some(name)
}

/// The URL scheme, if `text` starts with one (`scheme:`, RFC 3986 characters).
fn scheme_of(text: &str) -> Option<&str> {
    let colon = text.find(':')?;
    let scheme = &text[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))).then_some(scheme)
}

/// `base/relative` with `.` and `..` resolved; `None` if it climbs above the root.
fn join_normalized(base: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(path: &str, fragment: Option<&str>) -> LinkTarget {
        LinkTarget::Local { path: path.into(), fragment: fragment.map(Into::into) }
    }

    #[test]
    fn classifies_destinations() {
        let doc = "docs/procedures/SOP-001.md";
        assert_eq!(classify_link(doc, "https://example.com"), LinkTarget::External);
        assert_eq!(classify_link(doc, "mailto:qa@example.com"), LinkTarget::External);
        assert_eq!(classify_link(doc, "JavaScript:alert(1)"), LinkTarget::Unsafe { scheme: "javascript".into() });
        assert_eq!(classify_link(doc, "/etc/passwd"), LinkTarget::Absolute);
        assert_eq!(classify_link(doc, "C:\\temp\\x.md"), LinkTarget::Absolute);
        assert_eq!(classify_link(doc, "../../../x.md"), LinkTarget::OutsideRoot);
        assert_eq!(
            classify_link(doc, "../forms/FRM-001.md#6-records"),
            local("docs/forms/FRM-001.md", Some("6-records"))
        );
        assert_eq!(classify_link(doc, "#scope"), local("", Some("scope")));
        assert_eq!(classify_link(doc, "my%20file.md"), local("docs/procedures/my file.md", None));
        assert_eq!(classify_link(doc, "./a/../b.md?x=1"), local("docs/procedures/b.md", None));
    }
}
