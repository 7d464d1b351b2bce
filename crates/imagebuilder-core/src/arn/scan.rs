//! The byte scanners behind every ARN shape: one left-to-right pass, no allocation, errors at the
//! leftmost broken rule.

use super::error::{ArnError, ArnErrorKind as K, ArnField as F};
use super::{AccountId, ImageBuilderArn, Owner, ResourceType};
use crate::version::{self, Forms};
use std::borrow::Cow;

/// What a shape allows after the resource name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VersionRule {
    /// No version at all (configurations, pipelines, lifecycle policies).
    Absent,
    /// The generic `ImageBuilderArn`: optional, any form, but only on versioned resource types.
    Generic,
    /// Required, in one of these forms.
    Required(Forms),
}

/// How a shape constrains its region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RegionRule {
    /// The model says `[^:]+`; we add the region syntax as a documented stricter rule.
    Loose,
    /// The model itself requires `[a-z]{2,}(?:-[a-z]+)+-[0-9]+`.
    Strict,
    /// The model requires an empty region (`organizations`, `iam`).
    Empty,
}

/// The rules of one Image Builder ARN shape.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    /// The model requires `aws(?:-[a-z]+)*` and the strict region syntax.
    pub(crate) strict: bool,
    /// The owner may be `aws-…` (`aws(?:-[a-z-]+)?`), not only `aws`.
    pub(crate) marketplace: bool,
    /// The owner may be `third-party`.
    pub(crate) third_party: bool,
    /// Allowed resource types, one bit per [`ResourceType`].
    pub(crate) types: u16,
    /// The version part.
    pub(crate) version: VersionRule,
    /// The model's maximum length, if any.
    pub(crate) max_len: Option<usize>,
}

#[inline]
fn err<T>(kind: K, field: F, offset: usize) -> Result<T, ArnError> {
    Err(ArnError::new(kind, field, offset))
}

/// Byte classes, one bit each, looked up in [`CLASS`] (one load per byte in the hot loops).
const LOWER: u8 = 1;
const DIGIT: u8 = 2;
/// `[a-z0-9-_]`: resource names.
const NAME: u8 = 4;
/// `[a-z-]`: resource types.
const TYPE: u8 = 8;

static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut class = 0;
        if b.is_ascii_lowercase() {
            class |= LOWER | NAME | TYPE;
        }
        if b.is_ascii_digit() {
            class |= DIGIT | NAME;
        }
        if b == b'-' {
            class |= NAME | TYPE;
        }
        if b == b'_' {
            class |= NAME;
        }
        table[c] = class;
        c += 1;
    }
    table
};

#[inline(always)]
fn is(class: u8, c: u8) -> bool {
    CLASS[c as usize] & class != 0
}

/// The end of the run of `class` bytes starting at `from`.
#[inline(always)]
fn span(b: &[u8], from: usize, class: u8) -> usize {
    match b.get(from..) {
        Some(rest) => {
            from + rest
                .iter()
                .position(|&c| !is(class, c))
                .unwrap_or(rest.len())
        }
        None => from,
    }
}

/// Index of the next `:` at or after `from`, if any.
#[inline]
fn next_colon(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == b':')
        .map(|p| from + p)
}

/// Checks `arn:` and the partition; returns the index of the `:` after the partition.
#[inline(always)]
fn prefix_and_partition(b: &[u8], strict: bool) -> Result<usize, ArnError> {
    if !b.starts_with(b"arn:") {
        return err(K::MissingPrefix, F::Prefix, 0);
    }
    let start = 4;
    for (k, &c) in b"aws".iter().enumerate() {
        if b.get(start + k) != Some(&c) {
            return err(K::InvalidPartition, F::Partition, start + k);
        }
    }
    // `(-[a-z]+)*` up to the `:`.
    let mut i = start + 3;
    loop {
        match b.get(i) {
            Some(b':') => return Ok(i),
            None => return err(K::MissingField, F::Service, b.len()),
            Some(b'-') => {
                i += 1;
                let label = i;
                while b.get(i).is_some_and(u8::is_ascii_lowercase) {
                    i += 1;
                }
                if i == label {
                    break;
                }
            }
            Some(_) => break,
        }
    }
    let kind = if strict {
        K::InvalidPartition
    } else {
        K::NonstandardPartition
    };
    err(kind, F::Partition, i)
}

/// Checks the service segment starting at `start` is `service`; returns the index after its `:`.
#[inline(always)]
fn service(b: &[u8], start: usize, service: &[u8]) -> Result<usize, ArnError> {
    let end = start + service.len();
    if b.get(start..end) == Some(service) {
        match b.get(end) {
            Some(b':') => return Ok(end + 1),
            None => return err(K::MissingField, F::Region, b.len()),
            Some(_) => {}
        }
    }
    err(K::WrongService, F::Service, start)
}

/// Checks the region segment starting at `start` against the region syntax
/// `[a-z]{2,}(-[a-z]+)+-[0-9]+`, in one pass up to its `:`; returns the index after the `:`.
/// An error points at the first byte where the segment stops following the syntax.
#[inline(always)]
fn region(b: &[u8], start: usize, rule: RegionRule) -> Result<usize, ArnError> {
    let len = b.len();
    let kind = match rule {
        RegionRule::Empty => return region_empty(b, start),
        RegionRule::Strict => K::InvalidRegion,
        RegionRule::Loose => K::NonstandardRegion,
    };
    let ends = |i: usize| i == len || b[i] == b':';
    let fail = |at: usize| {
        if at == start && ends(start) {
            err(K::EmptyField, F::Region, start)
        } else {
            err(kind, F::Region, at)
        }
    };
    let mut i = start;
    while i < len && is(LOWER, b[i]) {
        i += 1;
    }
    if i - start < 2 {
        return fail(i);
    }
    let mut alpha_labels = 0;
    loop {
        if ends(i) || b[i] != b'-' {
            return fail(i);
        }
        i += 1;
        let label = i;
        if i < len && is(DIGIT, b[i]) {
            while i < len && is(DIGIT, b[i]) {
                i += 1;
            }
            if !ends(i) {
                return fail(i);
            }
            if alpha_labels == 0 {
                return fail(label);
            }
            return if i == len {
                err(K::MissingField, F::Account, len)
            } else {
                Ok(i + 1)
            };
        }
        while i < len && is(LOWER, b[i]) {
            i += 1;
        }
        if i == label {
            return fail(label);
        }
        alpha_labels += 1;
    }
}

/// The empty region of `organizations` and `iam` ARNs; returns the index after its `:`.
#[inline]
fn region_empty(b: &[u8], start: usize) -> Result<usize, ArnError> {
    let colon = next_colon(b, start);
    if colon.unwrap_or(b.len()) != start {
        return err(K::RegionNotAllowed, F::Region, start);
    }
    match colon {
        Some(c) => Ok(c + 1),
        None => err(K::MissingField, F::Account, b.len()),
    }
}

/// Checks a 12-digit account segment starting at `start` (ending at `end`).
#[inline]
fn account_digits(b: &[u8], start: usize, end: usize) -> Result<AccountId, ArnError> {
    let seg = &b[start..end];
    if seg.is_empty() {
        return err(K::EmptyField, F::Account, start);
    }
    let mut value: u64 = 0;
    for (k, &c) in seg.iter().enumerate() {
        if !c.is_ascii_digit() {
            return err(K::InvalidAccount, F::Account, start + k);
        }
        if k == 12 {
            return err(K::InvalidAccount, F::Account, start + k);
        }
        value = value * 10 + u64::from(c - b'0');
    }
    if seg.len() < 12 {
        return err(K::InvalidAccount, F::Account, end);
    }
    Ok(AccountId(value))
}

/// Checks the account segment starting at `start`, with a `:` required after it (whose absence is
/// reported as `missing`); returns the account and the index after the `:`.
#[inline]
fn account12(b: &[u8], start: usize, missing: F) -> Result<(AccountId, usize), ArnError> {
    let colon = next_colon(b, start);
    let end = colon.unwrap_or(b.len());
    let id = account_digits(b, start, end)?;
    match colon {
        Some(c) => Ok((id, c + 1)),
        None => err(K::MissingField, missing, b.len()),
    }
}

/// The Image Builder owner segment `[start, end)`.
#[inline(always)]
fn owner(b: &[u8], start: usize, end: usize, rules: &Rules) -> Result<Owner, ArnError> {
    let seg = &b[start..end];
    if seg.len() == 12 && seg.iter().all(|&c| is(DIGIT, c)) {
        let id = seg.iter().fold(0u64, |n, &c| n * 10 + u64::from(c - b'0'));
        return Ok(Owner::Account(AccountId(id)));
    }
    match seg {
        [] => err(K::EmptyField, F::Account, start),
        [c, ..] if c.is_ascii_digit() => account_digits(b, start, end).map(Owner::Account),
        b"aws" => Ok(Owner::Amazon),
        b"third-party" if rules.third_party => Ok(Owner::ThirdParty),
        b"third-party" => err(K::OwnerNotAllowed, F::Account, start),
        [b'a', b'w', b's', b'-', rest @ ..] => {
            // The model's `aws(?:-[a-z-]+)?`.
            if let Some(k) = rest
                .iter()
                .position(|c| !(c.is_ascii_lowercase() || *c == b'-'))
            {
                return err(K::InvalidAccount, F::Account, start + 4 + k);
            }
            if rest.is_empty() {
                return err(K::InvalidAccount, F::Account, end);
            }
            if !rules.marketplace {
                err(K::OwnerNotAllowed, F::Account, start)
            } else if rest == b"marketplace" {
                Ok(Owner::Marketplace)
            } else {
                err(K::UnknownOwnerAlias, F::Account, start)
            }
        }
        _ => err(K::InvalidAccount, F::Account, start),
    }
}

/// Reads the resource type at `start`; returns it and the index of the `/` (or end) after it.
#[inline(always)]
fn resource_type(b: &[u8], start: usize) -> Result<(ResourceType, usize), ArnError> {
    use ResourceType as T;
    let mut i = span(b, start, TYPE);
    let token = &b[start..i];
    // Dispatch on the length first, so that each candidate is one fixed-size comparison.
    let ty = match token.len() {
        5 if token == b"image" => T::Image,
        9 if token == b"component" => T::Component,
        12 if token == b"image-recipe" => T::ImageRecipe,
        14 if token == b"image-pipeline" => T::ImagePipeline,
        16 if token == b"container-recipe" => T::ContainerRecipe,
        16 if token == b"lifecycle-policy" => T::LifecyclePolicy,
        26 if token == b"distribution-configuration" => T::DistributionConfiguration,
        28 if token == b"infrastructure-configuration" => T::InfrastructureConfiguration,
        8 if token == b"workflow" && b.get(i) == Some(&b'/') => {
            let sub = i + 1;
            let j = span(b, sub, LOWER);
            let ty = match &b[sub..j] {
                b"build" => T::WorkflowBuild,
                b"test" => T::WorkflowTest,
                b"distribution" => T::WorkflowDistribution,
                _ => return err(K::UnknownResourceType, F::ResourceType, start),
            };
            i = j;
            ty
        }
        _ => return err(K::UnknownResourceType, F::ResourceType, start),
    };
    if !matches!(b.get(i), None | Some(b'/')) {
        return err(K::UnknownResourceType, F::ResourceType, start);
    }
    Ok((ty, i))
}

/// Parses an Image Builder ARN under `rules`.
pub(crate) fn image_builder<'a>(
    s: &'a str,
    rules: &Rules,
) -> Result<ImageBuilderArn<'a>, ArnError> {
    let b = s.as_bytes();
    if b.is_empty() {
        return err(K::Empty, F::Whole, 0);
    }
    if let Some(max) = rules.max_len
        && b.len() > max
    {
        return err(K::TooLong, F::Whole, max);
    }
    let p_colon = prefix_and_partition(b, rules.strict)?;
    let r = service(b, p_colon + 1, b"imagebuilder")?;
    let a = region(
        b,
        r,
        if rules.strict {
            RegionRule::Strict
        } else {
            RegionRule::Loose
        },
    )?;

    // Fast path: a 12-digit account is followed by ':' at a fixed place.
    let a_colon = if b.get(a + 12) == Some(&b':') {
        Some(a + 12)
    } else {
        next_colon(b, a)
    };
    let a_end = a_colon.unwrap_or(b.len());
    let owner = owner(b, a, a_end, rules)?;
    let t = match a_colon {
        Some(c) => c + 1,
        None => return err(K::MissingField, F::ResourceType, b.len()),
    };

    let (resource_type, t_end) = resource_type(b, t)?;
    if rules.types & resource_type.bit() == 0 {
        return err(K::WrongResourceType, F::ResourceType, t);
    }
    if t_end == b.len() {
        return err(K::MissingField, F::Name, b.len());
    }
    let n = t_end + 1;
    let i = span(b, n, NAME);
    match b.get(i) {
        None | Some(b'/') if i == n => return err(K::EmptyField, F::Name, n),
        None | Some(b'/') => {}
        Some(_) => return err(K::InvalidName, F::Name, i),
    }
    let n_end = i;

    let version = if n_end == b.len() {
        if let VersionRule::Required(_) = rules.version {
            return err(K::MissingVersion, F::Version, b.len());
        }
        None
    } else {
        let forms = match rules.version {
            VersionRule::Absent => return err(K::VersionNotAllowed, F::Version, n_end),
            VersionRule::Generic if !resource_type.is_versioned() => {
                return err(K::UnversionedResourceType, F::Version, n_end);
            }
            VersionRule::Generic => Forms::ANY,
            VersionRule::Required(forms) => forms,
        };
        let v = n_end + 1;
        // `v` follows an ASCII '/', so it is a char boundary.
        let part = cut(s, v..s.len());
        Some(version::parse_with(part, forms).map_err(|e| ArnError::from_version(e, v))?)
    };

    Ok(ImageBuilderArn {
        partition: Cow::Borrowed(cut(s, 4..p_colon)),
        region: Cow::Borrowed(cut(s, r..a - 1)),
        owner,
        resource_type,
        name: Cow::Borrowed(cut(s, n..n_end)),
        version,
    })
}

/// `s[range]`, for ranges the scanner found between ASCII bytes (always char boundaries, so the
/// slice always exists): `get` instead of indexing keeps the slicing panic, and the formatting
/// code of its message, out of the wasm builds.
#[inline]
fn cut(s: &str, range: std::ops::Range<usize>) -> &str {
    s.get(range).unwrap_or_default()
}

/// Checks that `b[at..]` starts with `literal`; reports the first differing byte.
#[inline]
fn literal(b: &[u8], at: usize, literal: &[u8]) -> Result<usize, ArnError> {
    for (k, &c) in literal.iter().enumerate() {
        if b.get(at + k) != Some(&c) {
            return err(K::InvalidResource, F::Resource, at + k);
        }
    }
    Ok(at + literal.len())
}

/// Reads a run of bytes satisfying `class` at `at`; returns its end.
#[inline]
fn run(b: &[u8], at: usize, class: impl Fn(u8) -> bool) -> usize {
    let mut i = at;
    while b.get(i).is_some_and(|&c| class(c)) {
        i += 1;
    }
    i
}

/// Reads `class{min,max}` at `at` that must be followed by `then` (`None` = end of input).
#[inline]
fn bounded(
    b: &[u8],
    at: usize,
    class: impl Fn(u8) -> bool,
    min: usize,
    max: usize,
    then: Option<u8>,
) -> Result<usize, ArnError> {
    let end = run(b, at, class);
    let len = end - at;
    if len > max {
        return err(K::InvalidResource, F::Resource, at + max);
    }
    if len < min || b.get(end).copied() != then {
        return err(K::InvalidResource, F::Resource, end);
    }
    Ok(end)
}

fn lower_digit(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// The part every foreign ARN (SNS, License Manager, Organizations) shares: `arn:`, a partition,
/// `service`, a region by `region_rule` and a 12-digit account. Returns the bytes and where the
/// resource starts.
fn foreign_head<'a>(
    s: &'a str,
    service_name: &[u8],
    region_rule: RegionRule,
) -> Result<(&'a [u8], usize), ArnError> {
    let b = s.as_bytes();
    if b.is_empty() {
        return err(K::Empty, F::Whole, 0);
    }
    let p = prefix_and_partition(b, false)?;
    let r = service(b, p + 1, service_name)?;
    let a = region(b, r, region_rule)?;
    let (_, t) = account12(b, a, F::Resource)?;
    Ok((b, t))
}

/// `^arn:aws[^:]*:sns:[^:]+:[0-9]{12}:[a-zA-Z0-9-_]{1,256}$`
pub(crate) fn sns_topic(s: &str) -> Result<(), ArnError> {
    let (b, t) = foreign_head(s, b"sns", RegionRule::Loose)?;
    if t == b.len() {
        return err(K::EmptyField, F::Resource, t);
    }
    bounded(
        b,
        t,
        |c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_',
        1,
        256,
        None,
    )
    .map(|_| ())
}

/// `^arn:aws[^:]*:license-manager:[^:]+:[0-9]{12}:license-configuration:lic-[a-z0-9-_]{32}$`
pub(crate) fn license_configuration(s: &str) -> Result<(), ArnError> {
    // The resource contains a ':', so the account ends at the next one.
    let (b, t) = foreign_head(s, b"license-manager", RegionRule::Loose)?;
    let id = literal(b, t, b"license-configuration:lic-")?;
    bounded(
        b,
        id,
        |c| lower_digit(c) || c == b'-' || c == b'_',
        32,
        32,
        None,
    )
    .map(|_| ())
}

/// `^arn:aws[^:]*:organizations::[0-9]{12}:organization/o-[a-z0-9]{10,32}$`
pub(crate) fn organization(s: &str) -> Result<(), ArnError> {
    let (b, t) = foreign_head(s, b"organizations", RegionRule::Empty)?;
    let id = literal(b, t, b"organization/o-")?;
    bounded(b, id, lower_digit, 10, 32, None).map(|_| ())
}

/// `^arn:aws[^:]*:organizations::[0-9]{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}`
/// (no end anchor in the model: we require the end, see [`K::TrailingCharacters`]).
pub(crate) fn organizational_unit(s: &str) -> Result<(), ArnError> {
    let (b, t) = foreign_head(s, b"organizations", RegionRule::Empty)?;
    let org = literal(b, t, b"ou/o-")?;
    let org_end = bounded(b, org, lower_digit, 10, 32, Some(b'/'))?;
    let ou = literal(b, org_end, b"/ou-")?;
    let ou_end = bounded(b, ou, lower_digit, 4, 32, Some(b'-'))?;
    let last = ou_end + 1;
    let end = run(b, last, lower_digit);
    if end - last < 8 {
        return err(K::InvalidResource, F::Resource, end);
    }
    // The model's pattern stops matching after 32 characters and ignores what follows.
    let matched = last + (end - last).min(32);
    if matched != b.len() {
        return err(K::TrailingCharacters, F::Resource, matched);
    }
    Ok(())
}

/// The model's maximum length of `RoleNameOrArn`.
const ROLE_MAX: usize = 2048;

fn role_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'=' | b',' | b'.' | b'@' | b'-' | b'/')
}

/// `^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/)?[a-zA-Z_0-9+=,.@\-_/]+$`, length 1..=2048.
pub(crate) fn role_name_or_arn(s: &str) -> Result<(), ArnError> {
    let b = s.as_bytes();
    if b.is_empty() {
        return err(K::Empty, F::Whole, 0);
    }
    if b.len() > ROLE_MAX {
        return err(K::TooLong, F::Whole, ROLE_MAX);
    }
    let name = if b.starts_with(b"arn:") {
        let p = prefix_and_partition(b, true)?;
        let r = service(b, p + 1, b"iam")?;
        let a = region(b, r, RegionRule::Empty)?;
        let (_, t) = account12(b, a, F::Resource)?;
        let n = literal(b, t, b"role/")?;
        if n == b.len() {
            return err(K::EmptyField, F::Name, n);
        }
        n
    } else {
        0
    };
    let end = run(b, name, role_byte);
    if end != b.len() {
        return err(K::InvalidName, F::Name, end);
    }
    Ok(())
}
