//! ARN cases from `fixtures/arns/cases.tsv` (every shape), agreement with the peers' generated
//! list on a committed sample (`fixtures/arns/peers-sample.tsv`), conversions and serialisation.
//! Runs natively and on wasm32.
#![allow(clippy::unwrap_used)]

use imagebuilder_core::arn::{
    self, AccountId, ArnErrorKind, ArnShape, ArnVersionKind, ImageBuilderArn, Owner, ResourceType,
    SHAPES,
};
use imagebuilder_core::version::{BuildVersion, VersionFilter, VersionSpec};
use wasm_bindgen_test::wasm_bindgen_test;

const CASES: &str = include_str!("../fixtures/arns/cases.tsv");
const PEERS_SAMPLE: &str = include_str!("../fixtures/arns/peers-sample.tsv");

#[wasm_bindgen_test(unsupported = test)]
fn every_arn_fixture_case_gives_its_expected_result() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in CASES.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let (shape, verdict) = (cols[0], cols[1]);
        let input = if cols[2] == "<empty>" { "" } else { cols[2] };
        let got = arn::validate_for(shape, input);
        let problem = match (verdict, &got) {
            ("accept", Ok(Some(parsed))) => {
                let (kind, shown) = (parsed.kind().name(), parsed.to_string());
                (kind != cols[3] || shown != input).then(|| format!("accepted as {kind} {shown:?}"))
            }
            ("accept", Ok(None)) => {
                (cols[3] != "other").then(|| "accepted as a non-Image-Builder ARN".to_owned())
            }
            ("reject", Err(e)) => {
                let same = e.kind.name() == cols[3]
                    && e.field.name() == cols[4]
                    && e.offset.to_string() == cols[5];
                (!same).then(|| {
                    format!(
                        "rejected with {} in {} at {}",
                        e.kind.name(),
                        e.field.name(),
                        e.offset
                    )
                })
            }
            _ => Some(format!("{got:?}")),
        };
        if let Some(p) = problem {
            failures.push(format!("line {}: {line:?}: {p}", n + 1));
        }
    }
    assert!(count >= 150, "only {count} ARN cases");
    assert!(
        failures.is_empty(),
        "{} mismatching cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn arn_fixture_cases_cover_every_shape() {
    for shape in SHAPES {
        let prefix = format!("{shape}\taccept\t");
        assert!(
            CASES.lines().any(|l| l.starts_with(&prefix)),
            "no accepted case for {shape}"
        );
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn verdicts_agree_with_the_peers_generator_labels_on_the_committed_sample() {
    let mut failures = Vec::new();
    let mut count = 0;
    for line in PEERS_SAMPLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        count += 1;
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        let valid = cols[1] == "valid";
        let got = ImageBuilderArn::parse(cols[3]);
        if got.is_ok() != valid {
            failures.push(format!("{line:?}: {got:?}"));
        }
    }
    assert_eq!(count, 300);
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn shape_names_and_enum_agree() {
    assert_eq!(SHAPES.len(), ArnShape::ALL.len());
    for (name, shape) in SHAPES.iter().zip(ArnShape::ALL) {
        assert_eq!(shape.name(), *name);
        assert_eq!(ArnShape::from_name(name), Some(shape));
    }
    assert_eq!(ArnShape::from_name("imagebuilderarn"), None);
    assert!(ArnShape::ImageBuilderArn.is_image_builder());
    assert!(!ArnShape::SnsTopicArn.is_image_builder());
    let e = ArnShape::SnsTopicArn
        .parse("arn:aws:sns:us-east-1:123456789012:t")
        .unwrap_err();
    assert_eq!(e.kind, ArnErrorKind::UnknownShape);
}

#[wasm_bindgen_test(unsupported = test)]
fn parsed_parts_are_exposed() {
    let a = ImageBuilderArn::parse(
        "arn:aws-cn:imagebuilder:cn-north-1:000000000042:workflow/test/t-1/1.x.x",
    )
    .unwrap();
    assert_eq!(a.partition(), "aws-cn");
    assert!(a.is_known_partition());
    assert_eq!(a.region(), "cn-north-1");
    assert_eq!(a.owner(), Owner::Account(AccountId::new(42).unwrap()));
    assert_eq!(a.owner().to_string(), "000000000042");
    assert_eq!(a.resource_type(), ResourceType::WorkflowTest);
    assert_eq!(a.name(), "t-1");
    assert_eq!(a.version(), Some(VersionSpec::parse("1.x.x").unwrap()));
    assert_eq!(a.kind(), ArnVersionKind::WildcardVersion);
    let future =
        ImageBuilderArn::parse("arn:aws-mars:imagebuilder:mars-north-1:aws:image/x").unwrap();
    assert!(!future.is_known_partition());
}

#[wasm_bindgen_test(unsupported = test)]
fn build_version_arn_converts_to_version_arn_then_versionless() {
    let build =
        ImageBuilderArn::parse("arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4")
            .unwrap();
    let version = build.version_arn().unwrap();
    assert_eq!(
        version.to_string(),
        "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3"
    );
    assert_eq!(version.kind(), ArnVersionKind::Version);
    assert_eq!(version.version_arn(), Some(version.clone()));
    let bare = version.versionless();
    assert_eq!(
        bare.to_string(),
        "arn:aws:imagebuilder:us-east-1:123456789012:image/web"
    );
    assert_eq!(bare.version_arn(), None);
    let wild = bare
        .with_filter(VersionFilter::parse("1.x.x").unwrap())
        .unwrap();
    assert_eq!(
        wild.to_string(),
        "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.x.x"
    );
    assert_eq!(wild.version_arn(), None);
    assert!(wild.selects(&"1.9.0".parse().unwrap()));
    assert!(!wild.selects(&"2.0.0".parse().unwrap()));
    // A filter without wildcards is a plain version.
    let exact = bare
        .with_filter(VersionFilter::parse("1.2.3").unwrap())
        .unwrap();
    assert_eq!(exact.kind(), ArnVersionKind::Version);
    let rebuilt = bare
        .with_version(BuildVersion::parse("1.2.3/4").unwrap())
        .unwrap();
    assert_eq!(rebuilt, build);
}

#[wasm_bindgen_test(unsupported = test)]
fn unversioned_resource_types_refuse_a_version() {
    let p = ImageBuilderArn::parse(
        "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/nightly",
    )
    .unwrap();
    let e = p.with_filter(VersionFilter::ANY).unwrap_err();
    assert_eq!(e.kind, ArnErrorKind::UnversionedResourceType);
    assert_eq!(e.offset, p.to_string().len());
}

#[wasm_bindgen_test(unsupported = test)]
fn arns_are_built_from_parts_with_checks() {
    let a = ImageBuilderArn::new(
        "aws",
        "eu-west-1",
        Owner::Marketplace,
        ResourceType::Component,
        "cis",
        Some(VersionSpec::parse("1.0.0/2").unwrap()),
    )
    .unwrap();
    assert_eq!(
        a.to_string(),
        "arn:aws:imagebuilder:eu-west-1:aws-marketplace:component/cis/1.0.0/2"
    );
    let e = ImageBuilderArn::new(
        "aws",
        "eu-west-1",
        Owner::Amazon,
        ResourceType::Image,
        "Bad",
        None,
    )
    .unwrap_err();
    assert_eq!(
        (e.kind, e.offset),
        (
            ArnErrorKind::InvalidName,
            "arn:aws:imagebuilder:eu-west-1:aws:image/".len()
        )
    );
    let owned: ImageBuilderArn<'static> = "arn:aws:imagebuilder:eu-west-1:aws:image/x/1.0.0"
        .parse()
        .unwrap();
    assert_eq!(owned.name(), "x");
}

#[wasm_bindgen_test(unsupported = test)]
fn latest_version_reference_arns_are_build_version_arns_of_the_same_image() {
    let of =
        ImageBuilderArn::parse("arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1")
            .unwrap();
    let all: Vec<BuildVersion> = ["1.0.0/1", "1.0.0/3", "1.2.0/1", "3.0.0/2"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    let refs = arn::latest_version_reference_arns(&of, &all).unwrap();
    let base = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/";
    assert_eq!(
        refs.latest_version_arn.to_string(),
        format!("{base}3.0.0/2")
    );
    assert_eq!(
        refs.latest_major_version_arn.to_string(),
        format!("{base}1.2.0/1")
    );
    assert_eq!(
        refs.latest_minor_version_arn.to_string(),
        format!("{base}1.0.0/3")
    );
    assert_eq!(
        refs.latest_patch_version_arn.to_string(),
        format!("{base}1.0.0/3")
    );
    let json = serde_json::to_value(&refs).unwrap();
    assert_eq!(
        json["latestMajorVersionArn"]["arn"],
        format!("{base}1.2.0/1")
    );
    let e = arn::latest_version_reference_arns(&of.version_arn().unwrap(), &all).unwrap_err();
    assert_eq!(e.kind.name(), "MissingBuild");
}

#[wasm_bindgen_test(unsupported = test)]
fn arn_and_error_serialise_for_javascript() {
    let a =
        ImageBuilderArn::parse("arn:aws:imagebuilder:us-east-1:aws:image/al2023/x.x.x").unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        r#"{"arn":"arn:aws:imagebuilder:us-east-1:aws:image/al2023/x.x.x","partition":"aws","region":"us-east-1","owner":"aws","resourceType":"image","name":"al2023","kind":"wildcardVersion","version":"x.x.x"}"#
    );
    let e = ImageBuilderArn::parse("arn:aws:imagebuilder:us-east-1:12345:image/a").unwrap_err();
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        r#"{"kind":"InvalidAccount","field":"account","offset":36,"message":"invalid ARN at byte 36 (account): must be a 12-digit account ID or an owner alias [InvalidAccount]"}"#
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn hostile_inputs_are_refused_without_panicking() {
    let long_name = format!(
        "arn:aws:imagebuilder:us-east-1:123456789012:image/{}",
        "a".repeat(1 << 20)
    );
    assert!(ImageBuilderArn::parse(&long_name).is_ok());
    let long_digits = format!(
        "arn:aws:imagebuilder:us-east-1:123456789012:image/a/{}.0.0",
        "9".repeat(1 << 16)
    );
    assert_eq!(
        ImageBuilderArn::parse(&long_digits)
            .unwrap_err()
            .kind
            .name(),
        "NodeTooLarge"
    );
    let long_policy = format!(
        "arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/{}",
        "a".repeat(2000)
    );
    let e = arn::validate_for("LifecyclePolicyArn", &long_policy).unwrap_err();
    assert_eq!((e.kind, e.offset), (ArnErrorKind::TooLong, 1024));
    assert_eq!(
        arn::validate_for("RoleNameOrArn", &"r".repeat(2049))
            .unwrap_err()
            .kind,
        ArnErrorKind::TooLong
    );
    for s in [
        "\u{0}",
        "arn:\u{fffd}",
        "arn:aws:imagebuilder:us-east-1:123456789012:image/\u{1F600}",
        ":::::::::::",
        "arn:aws:imagebuilder:::::",
    ] {
        for shape in SHAPES {
            assert!(
                arn::validate_for(shape, s).is_err(),
                "{shape} accepted {s:?}"
            );
        }
    }
}
