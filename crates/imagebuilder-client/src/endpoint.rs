//! Endpoint resolution, following `model/endpoint-rule-set-1.json` and the partitions of
//! `model/partitions.json` (botocore 1.44.5):
//!
//! - a custom endpoint (`SDK::Endpoint`) is used as is, path prefix included; FIPS or dual-stack
//!   with a custom endpoint is an error;
//! - otherwise the region picks a partition (its explicit region list first, then its region
//!   pattern, else `aws`) and the URL is
//!   - `https://imagebuilder.{region}.{dnsSuffix}` by default,
//!   - `https://imagebuilder-fips.{region}.{dnsSuffix}` with FIPS, except in `aws-us-gov`
//!     where the FIPS endpoint is `https://imagebuilder.{region}.amazonaws.com`,
//!   - `https://imagebuilder.{region}.{dualStackDnsSuffix}` with dual-stack,
//!   - `https://imagebuilder-fips.{region}.{dualStackDnsSuffix}` with both.

use std::fmt;

/// How the client picks its endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum EndpointConfig {
    /// The AWS endpoint for the region (the default).
    #[default]
    Aws,
    /// The AWS FIPS endpoint for the region.
    AwsFips,
    /// The AWS dual-stack (IPv6) endpoint.
    AwsDualStack,
    /// The AWS FIPS dual-stack endpoint.
    AwsFipsDualStack,
    /// A custom base URL (`http(s)://host[:port][/prefix/]`), e.g. an emulator's
    /// `http://127.0.0.1:8080/emulator/` or a relay's `https://relay.example/relay/us-east-1/`.
    Custom(String),
}

/// Why no endpoint could be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The region is missing or is not a valid host label.
    InvalidRegion {
        /// The region given.
        region: String,
        /// Why it is refused.
        message: String,
    },
    /// The custom endpoint URL is not an absolute `http(s)` URL without query or fragment.
    InvalidCustomUrl {
        /// The URL given.
        url: String,
        /// Why it is refused.
        message: String,
    },
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::InvalidRegion { region, message } => {
                write!(f, "region {region:?}: {message}")
            }
            EndpointError::InvalidCustomUrl { url, message } => {
                write!(f, "endpoint {url:?}: {message}")
            }
        }
    }
}

impl std::error::Error for EndpointError {}

/// A partition of `model/partitions.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    /// `aws`, `aws-cn`, `aws-us-gov`, ...
    pub name: &'static str,
    /// e.g. `amazonaws.com`.
    pub dns_suffix: &'static str,
    /// e.g. `api.aws`.
    pub dual_stack_dns_suffix: &'static str,
    regions: &'static [&'static str],
    /// Region pattern as `(first labels, middle label required)`: the region must be
    /// `<one of prefixes>-<word>-<digits>`.
    prefixes: &'static [&'static str],
}

/// The partitions, in `partitions.json` order.
pub const PARTITIONS: &[Partition] = &[
    Partition {
        name: "aws",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "aws-global",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "me-west-1",
            "mx-central-1",
            "sa-east-1",
            "sa-west-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
        prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
    },
    Partition {
        name: "aws-cn",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
        prefixes: &["cn"],
    },
    Partition {
        name: "aws-eusc",
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        regions: &["eusc-de-east-1"],
        prefixes: &["eusc-de"],
    },
    Partition {
        name: "aws-iso",
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
        prefixes: &["us-iso"],
    },
    Partition {
        name: "aws-iso-b",
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        regions: &["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
        prefixes: &["us-isob"],
    },
    Partition {
        name: "aws-iso-e",
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        regions: &["aws-iso-e-global", "eu-isoe-west-1"],
        prefixes: &["eu-isoe"],
    },
    Partition {
        name: "aws-iso-f",
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
        prefixes: &["us-isof"],
    },
    Partition {
        name: "aws-us-gov",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
        prefixes: &["us-gov"],
    },
];

impl Partition {
    /// Whether `region` matches `^<prefix>-\w+-\d+$` for one of the partition's prefixes.
    fn matches_pattern(&self, region: &str) -> bool {
        self.prefixes.iter().any(|prefix| {
            let Some(rest) = region
                .strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('-'))
            else {
                return false;
            };
            let Some((word, digits)) = rest.split_once('-') else {
                return false;
            };
            !word.is_empty()
                && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
        })
    }
}

/// The partition of `region`, as the rule set's `aws.partition` function picks it.
pub fn partition_of(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.regions.contains(&region))
        .or_else(|| PARTITIONS.iter().find(|p| p.matches_pattern(region)))
        .unwrap_or(&PARTITIONS[0])
}

/// Checks a region: 1 to 63 characters, lower-case letters, digits and `-`, not starting or
/// ending with `-` (a host label, so it can go into a URL).
pub fn check_region(region: &str) -> Result<(), EndpointError> {
    let bad = |message: &str| EndpointError::InvalidRegion {
        region: region.to_string(),
        message: message.to_string(),
    };
    if region.is_empty() {
        return Err(bad("a region is required (e.g. us-east-1)"));
    }
    if region.len() > 63 {
        return Err(bad("a region is at most 63 characters"));
    }
    if !region
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || region.starts_with('-')
        || region.ends_with('-')
    {
        return Err(bad(
            "a region is lower-case letters, digits and inner hyphens (e.g. us-east-1)",
        ));
    }
    Ok(())
}

/// Resolves the base URL (no trailing slash) that operation paths are appended to.
pub fn resolve(region: &str, config: &EndpointConfig) -> Result<String, EndpointError> {
    if let EndpointConfig::Custom(url) = config {
        return custom_base(url);
    }
    check_region(region)?;
    let p = partition_of(region);
    Ok(match config {
        EndpointConfig::AwsFipsDualStack => format!(
            "https://imagebuilder-fips.{region}.{}",
            p.dual_stack_dns_suffix
        ),
        EndpointConfig::AwsFips if p.name == "aws-us-gov" => {
            format!("https://imagebuilder.{region}.amazonaws.com")
        }
        EndpointConfig::AwsFips => format!("https://imagebuilder-fips.{region}.{}", p.dns_suffix),
        EndpointConfig::AwsDualStack => {
            format!("https://imagebuilder.{region}.{}", p.dual_stack_dns_suffix)
        }
        _ => format!("https://imagebuilder.{region}.{}", p.dns_suffix),
    })
}

fn custom_base(url: &str) -> Result<String, EndpointError> {
    let bad = |message: &str| EndpointError::InvalidCustomUrl {
        url: url.to_string(),
        message: message.to_string(),
    };
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| bad("must start with http:// or https://"))?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..host_end];
    if authority.is_empty() {
        return Err(bad("must name a host"));
    }
    if authority.contains('@') {
        return Err(bad(
            "must not contain user info (credentials go in the provider)",
        ));
    }
    if url.contains(['?', '#']) {
        return Err(bad("must not contain a query or a fragment"));
    }
    if url.bytes().any(|b| !b.is_ascii_graphic()) {
        return Err(bad("must be ASCII without spaces"));
    }
    Ok(url.trim_end_matches('/').to_string())
}
