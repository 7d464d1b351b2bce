//! Property tests for ARNs (native only): round trips, no panics on arbitrary strings or on
//! mutations of valid ARNs, and agreement with every shape's pattern in `model/service-2.json`
//! (read at test time): whatever we accept the pattern accepts, and whatever the pattern accepts
//! but we refuse is refused by one of the documented stricter rules.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use imagebuilder_core::arn::{self, ArnErrorKind, ImageBuilderArn, Owner, ResourceType, SHAPES};
use imagebuilder_core::version::{Version, VersionErrorKind, VersionFilter, VersionSpec};
use proptest::prelude::*;
use proptest::sample::select;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Each shape's pattern and maximum length in the model.
fn model() -> &'static HashMap<&'static str, (Regex, Option<usize>)> {
    static MODEL: OnceLock<HashMap<&'static str, (Regex, Option<usize>)>> = OnceLock::new();
    MODEL.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../model/service-2.json");
        let model: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        SHAPES
            .iter()
            .map(|&name| {
                let shape = &model["shapes"][name];
                let pattern = shape["pattern"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name} has no pattern"));
                let max = shape["max"].as_u64().map(|m| usize::try_from(m).unwrap());
                (name, (Regex::new(pattern).unwrap(), max))
            })
            .collect()
    })
}

/// The documented stricter rules (module docs of `arn` and `version`), listed independently.
fn is_documented_stricter_rule(kind: ArnErrorKind) -> bool {
    matches!(
        kind,
        ArnErrorKind::NonstandardPartition
            | ArnErrorKind::NonstandardRegion
            | ArnErrorKind::UnknownOwnerAlias
            | ArnErrorKind::UnversionedResourceType
            | ArnErrorKind::TrailingCharacters
            | ArnErrorKind::Version(
                VersionErrorKind::LeadingZero
                    | VersionErrorKind::NodeTooLarge
                    | VersionErrorKind::BuildTooLarge
                    | VersionErrorKind::WildcardFollowedByNumber
                    | VersionErrorKind::WildcardBuild
                    | VersionErrorKind::BuildZero
            )
    )
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

type Part = BoxedStrategy<String>;

/// Usually a good value, sometimes a broken one.
fn mostly(good: Part, bad: Part) -> Part {
    prop_oneof![6 => good, 1 => bad].boxed()
}

fn one_of(items: &[&str]) -> Part {
    select(strings(items)).boxed()
}

fn partition() -> Part {
    mostly(
        one_of(&[
            "aws",
            "aws-cn",
            "aws-us-gov",
            "aws-iso",
            "aws-iso-b",
            "aws-eusc",
            "aws-new-one",
        ]),
        prop_oneof![
            one_of(&[
                "awsx", "aws-", "aws-CN", "aws1", "AWS", "", "azure", "aws--cn", "aws-cn-",
                "aws_cn", "aws-é"
            ]),
            "aws[a-z0-9_-]{0,5}".boxed(),
        ]
        .boxed(),
    )
}

fn region() -> Part {
    mostly(
        one_of(&[
            "us-east-1",
            "us-gov-west-1",
            "eusc-de-east-1",
            "cn-northwest-1",
            "eu-isoe-west-1",
            "ab-cd-ef-0",
        ]),
        prop_oneof![
            one_of(&[
                "",
                "us-east",
                "US-EAST-1",
                "x-y-1",
                "us-1",
                "us-east-1a",
                "us--east-1",
                "us-east-1-x",
                "us_east_1",
                "global",
                "ü-east-1"
            ]),
            "[a-z0-9-]{1,12}".boxed(),
            "[^:]{1,6}".boxed(),
        ]
        .boxed(),
    )
}

/// The empty region of organizations and IAM ARNs (or, sometimes, not empty).
fn no_region() -> Part {
    mostly(
        Just(String::new()).boxed(),
        one_of(&["us-east-1", "x", " "]),
    )
}

fn account12() -> Part {
    mostly(
        "[0-9]{12}".boxed(),
        one_of(&["12345678901", "1234567890123", "12345678901a", "aws", ""]),
    )
}

fn owner() -> Part {
    mostly(
        prop_oneof![
            "[0-9]{12}".boxed(),
            one_of(&["aws", "aws-marketplace", "third-party"])
        ]
        .boxed(),
        one_of(&[
            "12345678901",
            "1234567890123",
            "12345678901a",
            "aws-foo",
            "aws-",
            "aws--",
            "aws-a-b",
            "amazon",
            "AWS",
            "",
            "third_party",
        ]),
    )
}

fn small() -> Part {
    prop_oneof![3 => "[0-9]".boxed(), 1 => "[1-9][0-9]{1,3}".boxed()].boxed()
}

fn good_version_part() -> Part {
    (small(), small(), small(), "[1-9][0-9]?", 0..7usize)
        .prop_map(|(a, b, c, d, form)| match form {
            0 => String::new(),
            1 => format!("/{a}.{b}.{c}"),
            2 | 3 => format!("/{a}.{b}.{c}/{d}"),
            4 => format!("/{a}.x.x"),
            5 => format!("/{a}.{b}.x"),
            _ => "/x.x.x".to_owned(),
        })
        .boxed()
}

fn bad_version_node() -> Part {
    prop_oneof![
        4 => small(),
        3 => Just("x".to_owned()).boxed(),
        1 => "0[0-9]".boxed(),
        1 => one_of(&["1073741823", "1073741824", "99999999999", "X", ""]),
    ]
    .boxed()
}

fn bad_version_part() -> Part {
    let build = prop_oneof![
        3 => Just(None),
        3 => "[1-9][0-9]?".prop_map(Some),
        1 => select(strings(&["0", "01", "4294967295", "4294967296", "x", ""])).prop_map(Some),
    ];
    (prop::collection::vec(bad_version_node(), 1..=4), build)
        .prop_map(|(nodes, build)| {
            let mut s = format!("/{}", nodes.join("."));
            if let Some(b) = build {
                s = format!("{s}/{b}");
            }
            s
        })
        .boxed()
}

fn resource_type() -> Part {
    let types: Vec<String> = ResourceType::ALL
        .iter()
        .map(|t| t.as_str().to_owned())
        .collect();
    mostly(
        select(types).boxed(),
        one_of(&[
            "images",
            "workflow",
            "workflow/deploy",
            "Image",
            "imagerecipe",
            "",
        ]),
    )
}

fn image_builder_resource() -> Part {
    let name = mostly("[a-z0-9_-]{1,6}".boxed(), "[a-zA-Z0-9_.:/é-]{0,6}".boxed());
    (
        resource_type(),
        name,
        prop_oneof![2 => good_version_part(), 1 => bad_version_part()],
    )
        .prop_map(|(t, n, v)| format!("{t}/{n}{v}"))
        .boxed()
}

fn arn_of(partition: Part, service: &str, region: Part, account: Part, resource: Part) -> Part {
    let service = mostly(
        Just(service.to_owned()).boxed(),
        one_of(&["ec2", "imagebuilderx", "ImageBuilder", "sns", "iam", ""]),
    );
    (partition, service, region, account, resource)
        .prop_map(|(p, s, r, a, res)| format!("arn:{p}:{s}:{r}:{a}:{res}"))
        .boxed()
}

/// Candidates built from the structure of the model's patterns, one family at a time, each part
/// usually good and sometimes broken (so that many candidates are near the boundary).
fn candidate() -> impl Strategy<Value = String> {
    let topic = mostly(
        "[a-zA-Z0-9_-]{1,12}".boxed(),
        prop_oneof!["[a-zA-Z0-9_.:-]{0,8}", "[a-z]{254,258}"].boxed(),
    );
    let license = mostly(
        "license-configuration:lic-[a-z0-9_-]{32}".boxed(),
        prop_oneof![
            "license-configuration:lic-[a-z0-9_A-Z-]{30,34}",
            "license-config[a-z:-]{0,12}"
        ]
        .boxed(),
    );
    let org = mostly(
        "organization/o-[a-z0-9]{10,32}".boxed(),
        "organization/o-[a-z0-9A-Z]{8,34}".boxed(),
    );
    let ou = mostly(
        "ou/o-[a-z0-9]{10,12}/ou-[a-z0-9]{4,6}-[a-z0-9]{8,10}".boxed(),
        "ou/o-[a-z0-9]{9,12}/ou-[a-z0-9]{3,6}-[a-z0-9]{7,10}([a-z0-9]{20,24}|/x|-|:|A)?".boxed(),
    );
    let role = mostly(
        "role/[a-zA-Z0-9_+=,.@/-]{1,8}".boxed(),
        "(role|user)/[a-zA-Z0-9_+=,.@/ :-]{0,8}".boxed(),
    );
    prop_oneof![
        8 => arn_of(partition(), "imagebuilder", region(), owner(), image_builder_resource()),
        1 => arn_of(partition(), "sns", region(), account12(), topic),
        1 => arn_of(partition(), "license-manager", region(), account12(), license),
        1 => arn_of(partition(), "organizations", no_region(), account12(), org),
        1 => arn_of(partition(), "organizations", no_region(), account12(), ou),
        1 => arn_of(partition(), "iam", no_region(), account12(), role),
        1 => "[a-zA-Z0-9_+=,.@/: -]{0,10}".boxed(),
    ]
}

/// Valid Image Builder ARNs from their parts.
fn valid_arn() -> impl Strategy<Value = ImageBuilderArn<'static>> {
    let owner = prop_oneof![
        (0..=999_999_999_999u64).prop_map(|n| Owner::Account(arn::AccountId::new(n).unwrap())),
        Just(Owner::Amazon),
        Just(Owner::Marketplace),
        Just(Owner::ThirdParty),
    ];
    let version = prop_oneof![
        Just(None),
        (0..=1_073_741_823u32, 0..=20u32, 0..=20u32)
            .prop_map(|(a, b, c)| Some(VersionSpec::Version(Version::new(a, b, c).unwrap()))),
        (0..=20u32, 0..=20u32, 0..=20u32, 1..=u32::MAX).prop_map(|(a, b, c, d)| Some(
            VersionSpec::Build(Version::new(a, b, c).unwrap().with_build(d).unwrap())
        )),
        (0..=3usize, 0..=20u32).prop_map(|(fixed, n)| {
            let text = ["x.x.x", "n.x.x", "n.n.x", "n.n.n"][fixed].replace('n', &n.to_string());
            Some(VersionSpec::from(VersionFilter::parse(&text).unwrap()))
        }),
    ];
    (
        select(strings(&[
            "aws",
            "aws-cn",
            "aws-us-gov",
            "aws-iso-f",
            "aws-eusc",
            "aws-new-one",
        ])),
        select(strings(&[
            "us-east-1",
            "cn-north-1",
            "us-gov-east-1",
            "eusc-de-east-1",
            "ab-cd-ef-12",
        ])),
        owner,
        select(ResourceType::ALL.to_vec()),
        "[a-z0-9_-]{1,20}",
        version,
    )
        .prop_map(|(p, r, o, t, n, v)| {
            let v = if t.is_versioned() { v } else { None };
            ImageBuilderArn::new(&p, &r, o, t, &n, v).unwrap()
        })
}

/// A mutation: insert, delete or replace one character (by char index).
fn mutate(s: &str, op: u8, at: usize, c: char) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let at = at % (chars.len() + 1);
    match op % 3 {
        0 => chars.insert(at, c),
        1 if at < chars.len() => {
            chars.remove(at);
        }
        _ if at < chars.len() => chars[at] = c,
        _ => chars.push(c),
    }
    chars.into_iter().collect()
}

fn check_against_model(s: &str) -> Result<(), TestCaseError> {
    for &shape in SHAPES {
        let (pattern, max) = &model()[shape];
        let model_accepts = pattern.is_match(s) && max.is_none_or(|m| s.len() <= m);
        match arn::validate_for(shape, s) {
            Ok(parsed) => {
                prop_assert!(
                    model_accepts,
                    "{} accepted {:?} but the model refuses it",
                    shape,
                    s
                );
                if let Some(parsed) = parsed {
                    prop_assert_eq!(parsed.to_string(), s);
                }
            }
            Err(e) => {
                prop_assert!(
                    e.offset <= s.len() && s.is_char_boundary(e.offset),
                    "{:?}: bad offset {}",
                    s,
                    e.offset
                );
                if model_accepts {
                    prop_assert!(
                        is_documented_stricter_rule(e.kind) && e.kind.is_stricter_than_model(),
                        "{} refused {:?}, which the model accepts, with {} (not a documented stricter rule)",
                        shape,
                        s,
                        e
                    );
                } else {
                    // A kind that claims to be stricter must be one we document.
                    prop_assert!(
                        !e.kind.is_stricter_than_model() || is_documented_stricter_rule(e.kind)
                    );
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn arn_display_parses_back_to_the_same_arn(a in valid_arn()) {
        let text = a.to_string();
        prop_assert_eq!(ImageBuilderArn::parse(&text), Ok(a.clone()));
        prop_assert_eq!(ImageBuilderArn::parse(&text).unwrap().into_owned(), a);
        check_against_model(&text)?;
    }

    #[test]
    fn every_shape_agrees_with_its_model_pattern(s in candidate()) {
        check_against_model(&s)?;
    }

    #[test]
    fn no_shape_panics_on_arbitrary_strings(s in any::<String>()) {
        for shape in SHAPES {
            if let Err(e) = arn::validate_for(shape, &s) {
                prop_assert!(e.offset <= s.len());
            }
        }
    }

    #[test]
    fn no_shape_panics_on_mutations_of_valid_arns(
        a in valid_arn(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<char>()), 1..4),
    ) {
        let mut s = a.to_string();
        for (op, at, c) in edits {
            s = mutate(&s, op, at, c);
        }
        check_against_model(&s)?;
    }
}
