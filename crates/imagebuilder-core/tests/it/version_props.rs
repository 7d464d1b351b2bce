//! Property tests for versions (native only): round trips, ordering, selection against naive
//! implementations, no panics, and agreement with the model's patterns
//! (`model/service-2.json`, read at test time).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use imagebuilder_core::version::{
    self, BuildVersion, FilterNode, MAX_NODE, Version, VersionErrorKind, VersionFilter,
    VersionSpec, latest_matching, latest_version_references,
};
use proptest::prelude::*;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The model's pattern for each version shape, compiled.
fn model_patterns() -> &'static HashMap<&'static str, Regex> {
    static PATTERNS: OnceLock<HashMap<&'static str, Regex>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../model/service-2.json");
        let model: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        version::SHAPES
            .iter()
            .map(|&name| {
                let pattern = model["shapes"][name]["pattern"].as_str().unwrap();
                (name, Regex::new(pattern).unwrap())
            })
            .collect()
    })
}

/// The documented stricter rules (module docs of `version`), listed independently of the code.
const STRICTER: &[VersionErrorKind] = &[
    VersionErrorKind::LeadingZero,
    VersionErrorKind::NodeTooLarge,
    VersionErrorKind::BuildTooLarge,
    VersionErrorKind::WildcardFollowedByNumber,
    VersionErrorKind::WildcardBuild,
    VersionErrorKind::BuildZero,
];

fn node() -> impl Strategy<Value = u32> {
    prop_oneof![0..=20u32, 0..=MAX_NODE, Just(MAX_NODE)]
}

fn a_version() -> impl Strategy<Value = Version> {
    (node(), node(), node()).prop_map(|(a, b, c)| Version::new(a, b, c).unwrap())
}

fn a_build_version() -> impl Strategy<Value = BuildVersion> {
    (a_version(), prop_oneof![1..=50u32, 1..=u32::MAX]).prop_map(|(v, b)| v.with_build(b).unwrap())
}

fn a_filter() -> impl Strategy<Value = VersionFilter> {
    (0..=3usize, a_version()).prop_map(|(fixed, v)| {
        let nodes = [v.major(), v.minor(), v.patch()]
            .map(FilterNode::Number)
            .into_iter()
            .enumerate()
            .map(|(i, n)| if i < fixed { n } else { FilterNode::Wildcard })
            .collect::<Vec<_>>();
        VersionFilter::new(nodes[0], nodes[1], nodes[2]).unwrap()
    })
}

/// Version-like candidates built from the patterns' structure: nodes that are numbers (some with
/// leading zeros or too large), `x`, or junk; an optional build; sometimes extra nodes.
fn candidate() -> impl Strategy<Value = String> {
    let node = prop_oneof![
        "[0-9]{1,3}",
        Just("0".to_owned()),
        "0[0-9]{1,3}",
        Just("1073741823".to_owned()),
        Just("1073741824".to_owned()),
        "[0-9]{11,14}",
        Just("x".to_owned()),
        Just("x".to_owned()),
        Just("X".to_owned()),
        Just(String::new()),
        "[a-z+*-]",
    ];
    let build = prop_oneof![
        Just(None),
        "[0-9]{1,3}".prop_map(Some),
        Just(Some("0".to_owned())),
        "0[0-9]{1,2}".prop_map(Some),
        Just(Some("4294967295".to_owned())),
        Just(Some("4294967296".to_owned())),
        Just(Some("x".to_owned())),
    ];
    (prop::collection::vec(node, 1..=4), build).prop_map(|(nodes, build)| {
        let mut s = nodes.join(".");
        if let Some(b) = build {
            s.push('/');
            s.push_str(&b);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn version_display_parses_back_to_the_same_version(v in a_version()) {
        prop_assert_eq!(Version::parse(&v.to_string()), Ok(v));
        prop_assert_eq!(VersionSpec::parse(&v.to_string()), Ok(VersionSpec::Version(v)));
    }

    #[test]
    fn build_version_display_parses_back_to_the_same_build_version(b in a_build_version()) {
        prop_assert_eq!(BuildVersion::parse(&b.to_string()), Ok(b));
        prop_assert_eq!(VersionSpec::parse_concrete(&b.to_string()), Ok(VersionSpec::Build(b)));
    }

    #[test]
    fn filter_display_parses_back_to_the_same_filter(f in a_filter()) {
        prop_assert_eq!(VersionFilter::parse(&f.to_string()), Ok(f));
        let spec = VersionSpec::from(f);
        prop_assert_eq!(VersionSpec::parse(&spec.to_string()), Ok(spec));
    }

    #[test]
    fn ordering_is_the_numeric_order_of_the_node_tuple(a in a_build_version(), b in a_build_version()) {
        let key = |x: &BuildVersion| (x.version().major(), x.version().minor(), x.version().patch(), x.build());
        prop_assert_eq!(a.cmp(&b), key(&a).cmp(&key(&b)));
        prop_assert_eq!(a.version().cmp(&b.version()), key(&a).0.cmp(&key(&b).0)
            .then(key(&a).1.cmp(&key(&b).1)).then(key(&a).2.cmp(&key(&b).2)));
    }

    #[test]
    fn a_filter_matches_exactly_the_versions_agreeing_on_its_numeric_nodes(f in a_filter(), v in a_version()) {
        let text = f.to_string();
        let shown = v.to_string();
        let expected = text.split('.').zip(shown.split('.')).all(|(a, b)| a == "x" || a == b);
        prop_assert_eq!(f.matches(&v), expected);
    }

    #[test]
    fn latest_matching_equals_the_maximum_of_the_matching_items(
        f in a_filter(),
        items in prop::collection::vec((0..3u32, 0..3u32, 0..3u32, 1..4u32), 0..40),
    ) {
        let items: Vec<BuildVersion> = items.into_iter()
            .map(|(a, b, c, d)| Version::new(a, b, c).unwrap().with_build(d).unwrap())
            .collect();
        let f = VersionFilter::new(
            f.nodes()[0].min_number(2), f.nodes()[1].min_number(2), f.nodes()[2].min_number(2)).unwrap();
        let naive = items.iter().filter(|b| f.matches(&b.version())).max();
        prop_assert_eq!(latest_matching(&f, &items), naive);
    }

    #[test]
    fn latest_version_references_equal_naive_maxima(
        of in (0..3u32, 0..3u32, 0..3u32, 1..4u32),
        items in prop::collection::vec((0..3u32, 0..3u32, 0..3u32, 1..4u32), 0..40),
    ) {
        let mk = |(a, b, c, d): (u32, u32, u32, u32)| Version::new(a, b, c).unwrap().with_build(d).unwrap();
        let of = mk(of);
        let mut all: Vec<BuildVersion> = items.into_iter().map(mk).collect();
        let refs = latest_version_references(of, &all);
        all.push(of);
        let best = |keep: &dyn Fn(&BuildVersion) -> bool| all.iter().copied().filter(|b| keep(b)).max().unwrap();
        let v = of.version();
        prop_assert_eq!(refs.latest_version, best(&|_| true));
        prop_assert_eq!(refs.latest_major_version, best(&|b| b.version().major() == v.major()));
        prop_assert_eq!(refs.latest_minor_version,
            best(&|b| (b.version().major(), b.version().minor()) == (v.major(), v.minor())));
        prop_assert_eq!(refs.latest_patch_version, best(&|b| b.version() == v));
    }

    #[test]
    fn version_parsers_never_panic_on_arbitrary_strings(s in any::<String>()) {
        let _ = Version::parse(&s);
        let _ = BuildVersion::parse(&s);
        let _ = VersionFilter::parse(&s);
        if let Err(e) = VersionSpec::parse(&s) {
            prop_assert!(e.offset <= s.len());
            prop_assert!(s.is_char_boundary(e.offset));
        }
    }

    #[test]
    fn accepted_values_match_the_model_pattern_and_refusals_of_matches_are_stricter_rules(s in candidate()) {
        for &shape in version::SHAPES {
            let pattern = &model_patterns()[shape];
            match version::validate_for(shape, &s) {
                Ok(()) => prop_assert!(pattern.is_match(&s), "{} accepted {:?} but the model refuses it", shape, s),
                Err(e) => {
                    prop_assert!(e.offset <= s.len());
                    if pattern.is_match(&s) {
                        prop_assert!(STRICTER.contains(&e.kind) && e.kind.is_stricter_than_model(),
                            "{} refused {:?} with {} which is not a documented stricter rule", shape, s, e);
                    } else {
                        prop_assert!(!e.kind.is_stricter_than_model() || STRICTER.contains(&e.kind));
                    }
                }
            }
        }
    }
}

/// Test helper: clamps a numeric filter node into a small range so filters hit small lists.
trait MinNumber {
    fn min_number(self, max: u32) -> FilterNode;
}

impl MinNumber for FilterNode {
    fn min_number(self, max: u32) -> FilterNode {
        match self {
            FilterNode::Number(n) => FilterNode::Number(n.min(max)),
            FilterNode::Wildcard => FilterNode::Wildcard,
        }
    }
}
