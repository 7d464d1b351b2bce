//! Version, build version and filter parser cases from `fixtures/versions/cases.tsv`, plus the
//! ordering, matching and selection rules. Runs natively and on wasm32.
#![allow(clippy::unwrap_used)]

use imagebuilder_core::version::{
    self, BuildVersion, FilterNode, Version, VersionError, VersionFilter, VersionKind, VersionSpec,
    latest_matching, latest_version_references,
};
use wasm_bindgen_test::wasm_bindgen_test;

const CASES: &str = include_str!("../fixtures/versions/cases.tsv");

/// Runs one fixture parser over `input`: the parsed value's kind name and display, or the error.
fn run(parser: &str, input: &str) -> Result<(String, String), VersionError> {
    let spec = |s: VersionSpec| (s.kind().name().to_owned(), s.to_string());
    Ok(match parser {
        "version" => spec(Version::parse(input)?.into()),
        "build" => spec(BuildVersion::parse(input)?.into()),
        "filter" => spec(VersionFilter::parse(input)?.into()),
        "spec" => spec(VersionSpec::parse(input)?),
        "concrete" => spec(VersionSpec::parse_concrete(input)?),
        shape => {
            let name = shape.strip_prefix("shape:").unwrap_or(shape);
            version::validate_for(name, input)?;
            // The shape check agrees with the parser of the same forms.
            spec(VersionSpec::parse(input)?)
        }
    })
}

#[wasm_bindgen_test(unsupported = test)]
fn every_version_fixture_case_gives_its_expected_result() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in CASES.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let (parser, verdict) = (cols[0], cols[1]);
        let input = if cols[2] == "<empty>" { "" } else { cols[2] };
        let got = run(parser, input);
        let problem = match (verdict, &got) {
            ("accept", Ok((kind, shown))) => {
                (kind != cols[3] || shown != input).then(|| format!("accepted as {kind} {shown:?}"))
            }
            ("reject", Err(e)) => {
                let node = e.node.map(|n| n.name()).unwrap_or("");
                let want_node = cols.get(5).copied().unwrap_or("");
                let same = e.kind.name() == cols[3]
                    && e.offset.to_string() == cols[4]
                    && node == want_node;
                (!same).then(|| {
                    format!(
                        "rejected with {} at {} node {node:?}",
                        e.kind.name(),
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
    assert!(count >= 100, "only {count} version cases");
    assert!(
        failures.is_empty(),
        "{} mismatching cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn version_error_display_names_rule_node_and_offset() {
    let e = Version::parse("1.02.3").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid version at byte 2 (minor node): a node must not have leading zeros [LeadingZero]"
    );
    let e = VersionFilter::parse("1.x.2").unwrap_err();
    assert!(
        e.to_string()
            .contains("every node to the right of the first x wildcard must also be x")
    );
    assert!(e.to_string().contains("byte 4"));
}

#[wasm_bindgen_test(unsupported = test)]
fn ordering_is_numeric_node_by_node_then_by_build() {
    let v = |s: &str| Version::parse(s).unwrap();
    let b = |s: &str| BuildVersion::parse(s).unwrap();
    assert!(v("1.10.0") > v("1.9.0"));
    assert!(v("2.0.0") > v("1.999.999"));
    assert!(v("0.0.10") > v("0.0.9"));
    assert!(b("1.2.3/10") > b("1.2.3/9"));
    assert!(b("1.2.4/1") > b("1.2.3/99"));
    let mut list = [v("1.10.0"), v("1.2.0"), v("1.9.9"), v("0.99.0")];
    list.sort();
    let shown: Vec<String> = list.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["0.99.0", "1.2.0", "1.9.9", "1.10.0"]);
}

#[wasm_bindgen_test(unsupported = test)]
fn filters_match_only_their_numeric_nodes() {
    let v = Version::parse("1.2.3").unwrap();
    for (filter, expected) in [
        ("x.x.x", true),
        ("1.x.x", true),
        ("1.2.x", true),
        ("1.2.3", true),
        ("2.x.x", false),
        ("1.3.x", false),
        ("1.2.4", false),
    ] {
        assert_eq!(
            VersionFilter::parse(filter).unwrap().matches(&v),
            expected,
            "{filter}"
        );
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn filter_constructor_enforces_the_wildcard_rule_and_node_limit() {
    use FilterNode::{Number, Wildcard};
    assert_eq!(
        VersionFilter::new(Number(1), Wildcard, Wildcard)
            .unwrap()
            .to_string(),
        "1.x.x"
    );
    let e = VersionFilter::new(Number(1), Wildcard, Number(2)).unwrap_err();
    assert_eq!((e.kind.name(), e.offset), ("WildcardFollowedByNumber", 4));
    let e = VersionFilter::new(Number(version::MAX_NODE + 1), Wildcard, Wildcard).unwrap_err();
    assert_eq!(e.kind.name(), "NodeTooLarge");
    assert_eq!(
        Version::new(1, version::MAX_NODE + 1, 0)
            .unwrap_err()
            .offset,
        2
    );
    assert_eq!(
        Version::new(1, 2, 3)
            .unwrap()
            .with_build(0)
            .unwrap_err()
            .kind
            .name(),
        "BuildZero"
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn latest_matching_picks_the_highest_matching_build() {
    let builds: Vec<BuildVersion> = [
        "1.2.3/1", "1.10.0/1", "1.10.0/3", "1.10.0/2", "2.0.0/1", "1.9.9/7",
    ]
    .iter()
    .map(|s| s.parse().unwrap())
    .collect();
    let pick = |f: &str| latest_matching(&f.parse().unwrap(), &builds).map(ToString::to_string);
    assert_eq!(pick("x.x.x").as_deref(), Some("2.0.0/1"));
    assert_eq!(pick("1.x.x").as_deref(), Some("1.10.0/3"));
    assert_eq!(pick("1.9.x").as_deref(), Some("1.9.9/7"));
    assert_eq!(pick("1.2.3").as_deref(), Some("1.2.3/1"));
    assert_eq!(pick("3.x.x"), None);
    let empty: [Version; 0] = [];
    assert_eq!(latest_matching(&VersionFilter::ANY, &empty), None);
}

#[wasm_bindgen_test(unsupported = test)]
fn latest_version_references_follow_major_minor_and_patch() {
    let all: Vec<BuildVersion> = [
        "1.0.0/1", "1.0.0/2", "1.0.1/1", "1.1.0/1", "1.1.5/3", "2.0.0/1", "2.3.0/1", "1.0.0/5",
    ]
    .iter()
    .map(|s| s.parse().unwrap())
    .collect();
    let refs = latest_version_references("1.0.0/2".parse().unwrap(), &all);
    assert_eq!(refs.latest_version.to_string(), "2.3.0/1");
    assert_eq!(refs.latest_major_version.to_string(), "1.1.5/3");
    assert_eq!(refs.latest_minor_version.to_string(), "1.0.1/1");
    assert_eq!(refs.latest_patch_version.to_string(), "1.0.0/5");
    // `of` counts even when the list does not hold it.
    let alone = latest_version_references("4.0.0/1".parse().unwrap(), &all);
    assert_eq!(alone.latest_version.to_string(), "4.0.0/1");
    assert_eq!(alone.latest_patch_version.to_string(), "4.0.0/1");
}

#[wasm_bindgen_test(unsupported = test)]
fn version_types_serialise_to_plain_json() {
    let json = |v: &dyn erased::Ser| v.json();
    assert_eq!(
        json(&Version::parse("1.2.3").unwrap()),
        r#"{"major":1,"minor":2,"patch":3}"#
    );
    assert_eq!(
        json(&BuildVersion::parse("1.2.3/4").unwrap()),
        r#"{"major":1,"minor":2,"patch":3,"build":4}"#
    );
    assert_eq!(
        json(&VersionFilter::parse("1.x.x").unwrap()),
        r#"{"major":1,"minor":"x","patch":"x"}"#
    );
    assert_eq!(
        json(&VersionSpec::parse("1.x.x").unwrap()),
        r#"{"kind":"wildcard","major":1,"minor":"x","patch":"x","build":null}"#
    );
    assert_eq!(
        json(&Version::parse("1.2").unwrap_err()),
        r#"{"kind":"TooFewNodes","offset":3,"node":"patch","message":"invalid version at byte 3 (patch node): a version must have three nodes: <major>.<minor>.<patch> [TooFewNodes]"}"#
    );
    let refs = latest_version_references("1.0.0/1".parse().unwrap(), &[]);
    assert!(json(&refs).starts_with(r#"{"latestVersion":{"major":1"#));
    assert_eq!(
        VersionSpec::parse("1.2.3/4").unwrap().kind(),
        VersionKind::BuildVersion
    );
}

/// A tiny object-safe wrapper so one helper can serialise the different types.
mod erased {
    pub(crate) trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn version_shapes_list_names_every_shape_validate_for_knows() {
    for shape in version::SHAPES {
        assert!(version::validate_for(shape, "1.2.3").is_ok(), "{shape}");
    }
    assert_eq!(
        version::validate_for("Nope", "1.2.3")
            .unwrap_err()
            .kind
            .name(),
        "UnknownShape"
    );
}
