//! The single-pass parser behind every version type's `FromStr` and [`validate_for`].

use super::{
    BuildVersion, MAX_BUILD, MAX_NODE, Version, VersionError, VersionErrorKind, VersionFilter,
    VersionNode, VersionSpec,
};

/// Which forms a parse accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Forms {
    pub(crate) wildcard: bool,
    pub(crate) version: bool,
    pub(crate) build: bool,
}

impl Forms {
    pub(crate) const ANY: Self = Self {
        wildcard: true,
        version: true,
        build: true,
    };
    pub(crate) const VERSION: Self = Self {
        wildcard: false,
        version: true,
        build: false,
    };
    pub(crate) const BUILD: Self = Self {
        wildcard: false,
        version: false,
        build: true,
    };
    pub(crate) const FILTER: Self = Self {
        wildcard: true,
        version: true,
        build: false,
    };
    pub(crate) const CONCRETE: Self = Self {
        wildcard: false,
        version: true,
        build: true,
    };
}

const DOTTED: [VersionNode; 3] = [VersionNode::Major, VersionNode::Minor, VersionNode::Patch];

/// The kind for an unexpected byte inside a node: letters and signs make a non-numeric node,
/// anything else is a stray character.
fn stray(c: u8) -> VersionErrorKind {
    if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'_') {
        VersionErrorKind::NonNumericNode
    } else {
        VersionErrorKind::UnexpectedCharacter
    }
}

/// Reads a decimal number starting at `b[i]` (a digit), refusing leading zeros and values above
/// `max`. Returns the value and the index after it. Stops as soon as the value exceeds `max`, so
/// it never reads more than 11 digits.
#[inline]
fn read_number(
    b: &[u8],
    mut i: usize,
    max: u32,
    too_large: VersionErrorKind,
    node: VersionNode,
) -> Result<(u32, usize), VersionError> {
    let start = i;
    if b[i] == b'0' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return Err(VersionError::new(
            VersionErrorKind::LeadingZero,
            start,
            Some(node),
        ));
    }
    let mut value: u64 = 0;
    while let Some(&c) = b.get(i)
        && c.is_ascii_digit()
    {
        value = value * 10 + u64::from(c - b'0');
        if value > u64::from(max) {
            return Err(VersionError::new(too_large, start, Some(node)));
        }
        i += 1;
    }
    // `value <= max <= u32::MAX` here.
    Ok((value as u32, i))
}

/// The single parser behind every version entry point: parses `s` and checks it is one of the
/// `forms` allowed. Errors report the leftmost broken rule.
pub(crate) fn parse_with(s: &str, forms: Forms) -> Result<VersionSpec, VersionError> {
    use VersionErrorKind as K;
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(VersionError::new(K::Empty, 0, None));
    }
    let mut i = 0;
    let mut nodes = [None::<u32>; 3];
    let mut wildcard = false;
    for (n, &node) in DOTTED.iter().enumerate() {
        if n > 0 {
            match b.get(i) {
                Some(b'.') => i += 1,
                None | Some(b'/') => return Err(VersionError::new(K::TooFewNodes, i, Some(node))),
                Some(&c) => return Err(VersionError::new(stray(c), i, Some(DOTTED[n - 1]))),
            }
        }
        match b.get(i) {
            None | Some(b'.' | b'/') => return Err(VersionError::new(K::EmptyNode, i, Some(node))),
            Some(b'x') => {
                if !forms.wildcard {
                    return Err(VersionError::new(K::WildcardNotAllowed, i, Some(node)));
                }
                wildcard = true;
                i += 1;
            }
            Some(c) if c.is_ascii_digit() => {
                if wildcard {
                    return Err(VersionError::new(
                        K::WildcardFollowedByNumber,
                        i,
                        Some(node),
                    ));
                }
                let (value, next) = read_number(b, i, MAX_NODE, K::NodeTooLarge, node)?;
                nodes[n] = Some(value);
                i = next;
            }
            Some(b'+' | b'-') => return Err(VersionError::new(K::LeadingSign, i, Some(node))),
            Some(&c) => return Err(VersionError::new(stray(c), i, Some(node))),
        }
    }
    match b.get(i) {
        None => {
            if wildcard {
                Ok(VersionSpec::Wildcard(VersionFilter { nodes }))
            } else if forms.version {
                let [major, minor, patch] = nodes.map(|n| n.unwrap_or(0));
                Ok(VersionSpec::Version(Version {
                    major,
                    minor,
                    patch,
                }))
            } else {
                Err(VersionError::new(
                    K::MissingBuild,
                    i,
                    Some(VersionNode::Build),
                ))
            }
        }
        Some(b'.') => Err(VersionError::new(K::TooManyNodes, i, None)),
        Some(b'/') => {
            if wildcard {
                return Err(VersionError::new(
                    K::WildcardBuild,
                    i,
                    Some(VersionNode::Build),
                ));
            }
            if !forms.build {
                return Err(VersionError::new(
                    K::BuildNotAllowed,
                    i,
                    Some(VersionNode::Build),
                ));
            }
            i += 1;
            let node = Some(VersionNode::Build);
            let build = match b.get(i) {
                None | Some(b'.' | b'/') => return Err(VersionError::new(K::EmptyNode, i, node)),
                Some(b'x') => return Err(VersionError::new(K::WildcardBuild, i, node)),
                Some(c) if c.is_ascii_digit() => {
                    let start = i;
                    let (value, next) =
                        read_number(b, i, MAX_BUILD, K::BuildTooLarge, VersionNode::Build)?;
                    if value == 0 {
                        return Err(VersionError::new(K::BuildZero, start, node));
                    }
                    i = next;
                    value
                }
                Some(b'+' | b'-') => return Err(VersionError::new(K::LeadingSign, i, node)),
                Some(&c) => return Err(VersionError::new(stray(c), i, node)),
            };
            match b.get(i) {
                None => {
                    let [major, minor, patch] = nodes.map(|n| n.unwrap_or(0));
                    Ok(VersionSpec::Build(BuildVersion {
                        version: Version {
                            major,
                            minor,
                            patch,
                        },
                        build,
                    }))
                }
                Some(b'.' | b'/') => Err(VersionError::new(K::TooManyNodes, i, None)),
                Some(&c) => Err(VersionError::new(stray(c), i, node)),
            }
        }
        Some(&c) => Err(VersionError::new(stray(c), i, Some(VersionNode::Patch))),
    }
}

pub(super) fn decimal_len(mut n: u32) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

/// Whether `value` is acceptable for the model shape `shape`: `VersionNumber` (a version),
/// `VersionNumberWithBuild` (a version or a build version) or `WildcardVersionNumber` (a filter).
/// Any other name gives [`VersionErrorKind::UnknownShape`]. See [`SHAPES`](super::SHAPES).
///
/// The model's length bounds for `VersionNumberWithBuild` (5..=64) are implied by the node
/// limits: any accepted value is 5 to 43 bytes long.
pub fn validate_for(shape: &str, value: &str) -> Result<(), VersionError> {
    let forms = match shape {
        "VersionNumber" => Forms::VERSION,
        "VersionNumberWithBuild" => Forms::CONCRETE,
        "WildcardVersionNumber" => Forms::FILTER,
        _ => return Err(VersionError::new(VersionErrorKind::UnknownShape, 0, None)),
    };
    parse_with(value, forms).map(|_| ())
}
