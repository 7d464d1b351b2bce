//! Input validation against the model: the cases in `fixtures/validation/cases.json` (each an
//! operation, an input and exactly the violations it must produce, with path, rule and message),
//! through both entry points; every operation's maximal valid input from the botocore fixtures;
//! and (natively) the compiled patterns against the `regex` crate.

use crate::common;

use imagebuilder_core::dispatch;
use imagebuilder_core::protocol::json::{self, JsonRequestError};
use imagebuilder_core::protocol::{ValidationError, Violation};
use serde_json::{Value, json};

const CASES: &str = include_str!("../fixtures/validation/cases.json");

fn cases() -> Vec<Value> {
    let fixture: Value = serde_json::from_str(CASES).expect("cases.json is JSON");
    fixture["cases"].as_array().expect("cases").clone()
}

fn violations(result: Result<(), JsonRequestError>) -> Vec<Violation> {
    match result {
        Ok(()) => Vec::new(),
        Err(JsonRequestError::Validation(ValidationError { violations, .. })) => violations,
        Err(other) => panic!("expected violations, got {other:?}"),
    }
}

/// The differences between what a case expects and what was reported.
fn differences(case: &Value, got: &[Violation]) -> Vec<String> {
    let want = case["violations"].as_array().expect("violations");
    let mut out = Vec::new();
    if want.len() != got.len() {
        out.push(format!(
            "expected {} violations, got {}: {:#?}",
            want.len(),
            got.len(),
            got
        ));
        return out;
    }
    for (w, g) in want.iter().zip(got) {
        if w["path"] != g.path.as_str() || w["rule"] != g.rule {
            out.push(format!(
                "expected {} [{}], got {} [{}]",
                w["path"], w["rule"], g.path, g.rule
            ));
        }
        if let Some(message) = w["message"].as_str()
            && message != g.message
        {
            out.push(format!(
                "message: expected {message:?}, got {:?}",
                g.message
            ));
        }
        if let Some(prefix) = w["message_prefix"].as_str()
            && !g.message.starts_with(prefix)
        {
            out.push(format!(
                "message: expected {prefix:?}..., got {:?}",
                g.message
            ));
        }
    }
    out
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn every_fixture_case_reports_exactly_its_violations_on_the_json_path() {
    let mut failures = Vec::new();
    let all = cases();
    for case in &all {
        let name = case["name"].as_str().expect("name");
        let operation = case["operation"].as_str().expect("operation");
        let got = violations(json::validate(operation, &case["input"]));
        let diff = differences(case, &got);
        if !diff.is_empty() {
            failures.push(format!("{name}:\n    {}", diff.join("\n    ")));
        }
        // `request` validates the same way before laying anything out.
        let request_violations = match json::request(operation, &case["input"]) {
            Ok(_) => Vec::new(),
            Err(JsonRequestError::Validation(e)) => e.violations,
            Err(other) => panic!("{name}: {other:?}"),
        };
        assert_eq!(
            request_violations, got,
            "{name}: request and validate disagree"
        );
    }
    assert!(all.len() >= 40, "the fixture lost cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn typed_inputs_report_the_same_violations_as_json_inputs() {
    let mut checked = 0;
    for case in cases() {
        if case["typed"] == false {
            continue;
        }
        let name = case["name"].as_str().expect("name");
        let operation = case["operation"].as_str().expect("operation");
        let json_result = json::request(operation, &case["input"]).map_err(|e| format!("{e:?}"));
        let typed_result =
            dispatch::request_typed(operation, &case["input"]).map_err(|e| format!("{e:?}"));
        assert_eq!(typed_result, json_result, "{name}");
        checked += 1;
    }
    assert!(
        checked >= 40,
        "only {checked} cases went through the typed path"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn validation_error_display_lists_every_violation_in_member_order() {
    let err = json::validate("ListImages", &json!({ "maxResults": 0, "owner": "Mine" }))
        .expect_err("two violations");
    assert_eq!(
        err.to_string(),
        "ListImages: owner: must be one of Self, Shared, Amazon, ThirdParty, AWSMarketplace, \
         got \"Mine\"; maxResults: must be between 1 and 100, got 0"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn unknown_operations_and_non_object_inputs_are_refused_by_name() {
    assert_eq!(
        json::validate("ListImage", &json!({})),
        Err(JsonRequestError::UnknownOperation("ListImage".to_string()))
    );
    assert_eq!(
        json::validate("ListImages", &json!([1, 2])),
        Err(JsonRequestError::NotAnObject)
    );
    assert_eq!(
        json::request("ListImages", &Value::Null),
        Err(JsonRequestError::NotAnObject)
    );
    assert!(matches!(
        dispatch::request_typed("listImages", &json!({})),
        Err(JsonRequestError::UnknownOperation(name)) if name == "listImages"
    ));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn long_values_are_cut_in_messages() {
    let token = "é".repeat(200);
    let err = json::validate(
        "CancelImageCreation",
        &json!({
            "imageBuildVersionArn": "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1",
            "clientToken": token,
        }),
    )
    .expect_err("too long");
    let message = match err {
        JsonRequestError::Validation(e) => e.violations[0].message.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        message,
        "clientToken: length must be between 1 and 64, got 200"
    );
    let err = json::validate(
        "CreateComponent",
        &json!({
            "name": "web", "semanticVersion": "1.0.0", "platform": "Linux",
            "clientToken": "t", "data": "\u{0}".repeat(100)
        }),
    )
    .expect_err("NUL data");
    let JsonRequestError::Validation(e) = err else {
        panic!("validation error expected");
    };
    let quoted = format!("\"{}\"…", "\\u0000".repeat(80));
    assert!(
        e.violations[0].message.ends_with(&quoted),
        "{}",
        e.violations[0].message
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn every_operations_maximal_valid_input_has_no_violation() {
    assert_eq!(
        common::botocore::OPERATION_FIXTURES.len(),
        imagebuilder_core::model::OPERATIONS.len()
    );
    let mut failures = Vec::new();
    for (name, text) in common::botocore::OPERATION_FIXTURES {
        let fixture: Value = serde_json::from_str(text).expect("fixture JSON");
        if let Err(e) = json::validate(name, &fixture["input"]) {
            failures.push(format!("{name}: {e}"));
        }
        if let Err(e) = dispatch::request_typed(name, &fixture["input"]) {
            failures.push(format!("{name} (typed): {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn dropping_any_required_member_of_a_maximal_input_is_reported() {
    // For each operation, remove each top-level member in turn: the input must stay valid or
    // report exactly that member as required.
    let mut required_seen = 0;
    for (name, text) in common::botocore::OPERATION_FIXTURES {
        let fixture: Value = serde_json::from_str(text).expect("fixture JSON");
        let input = fixture["input"].as_object().expect("object");
        for key in input.keys() {
            let mut smaller = input.clone();
            smaller.remove(key);
            match json::validate(name, &Value::Object(smaller)) {
                Ok(()) => {}
                Err(JsonRequestError::Validation(e)) => {
                    assert_eq!(e.violations.len(), 1, "{name} without {key}: {e}");
                    assert_eq!(e.violations[0].path, *key, "{name} without {key}");
                    assert_eq!(e.violations[0].rule, "required", "{name} without {key}");
                    required_seen += 1;
                }
                Err(other) => panic!("{name}: {other:?}"),
            }
        }
    }
    // Every operation but the ones with no required member has at least one.
    assert!(
        required_seen > 100,
        "only {required_seen} required members seen"
    );
}

/// The compiled-pattern matcher against the `regex` crate (native only: `regex` is a native
/// dev-dependency).
#[cfg(not(target_arch = "wasm32"))]
mod against_the_regex_crate {
    use imagebuilder_core::model::{matches_pattern, pattern_check, pattern_checks};
    use proptest::prelude::*;
    use regex::Regex;

    /// The model's pattern in the `regex` crate's syntax: `\s`/`\w`/`\d` made ASCII (as the
    /// service's Java regexes have them), and TagKey's lookahead split off (the `regex` crate
    /// has none).
    fn reference(pattern: &str) -> (Option<&'static str>, Regex) {
        let (forbidden, rest) = match pattern.strip_prefix("^(?!aws:)") {
            Some(rest) => (Some("aws:"), format!("^{rest}")),
            None => (None, pattern.to_string()),
        };
        assert!(
            !["(?!", "(?=", "(?<"].iter().any(|l| rest.contains(l)),
            "no other lookaround expected: {pattern}"
        );
        let ascii = rest
            .replace(r"\s", "[:space:]")
            .replace(r"\w", "[:word:]")
            .replace(r"\d", "[:digit:]");
        // All of the model's \s and \w sit inside brackets, where [:name:] is valid.
        (
            forbidden,
            Regex::new(&ascii).expect("reference regex compiles"),
        )
    }

    fn reference_matches(pattern: &str, value: &str) -> bool {
        let (forbidden, regex) = reference(pattern);
        forbidden.is_none_or(|f| !value.starts_with(f)) && regex.is_match(value)
    }

    /// Values that match (or nearly match) each pattern, to mutate from.
    fn seeds(shape: &str) -> &'static [&'static str] {
        match shape {
            "AccountId" => &["123456789012", "000000000000"],
            "AmiNameString" => &["web-{{ imagebuilder:buildDate }}", "a b", "ab"],
            "AmiWatermarkName" => &["my (watermark) [1]/a.b@c_d-e", "abc"],
            "ComponentParameterDescription"
            | "ComponentParameterName"
            | "ComponentParameterValue"
            | "InlineComponentData"
            | "InlineDockerFileTemplate"
            | "InlineWorkflowData"
            | "WorkflowParameterDescription"
            | "WorkflowParameterName"
            | "WorkflowParameterValue" => &["x", "\0", "a\0b", ""],
            "ComponentParameterType" => &["String", "StringList", "Integer", "Boolean", "xString"],
            "WorkflowParameterType" => &["string", "stringList", "integer", "boolean"],
            "FilterName" => &["name", "platform"],
            "FilterValue" => &["Amazon Linux 2023 *", "x.x.x", "{\"a\":1}"],
            "HttpTokens" => &["optional", "required", "xrequiredx"],
            "InstanceProfileNameType" => &["my+role=a,b.c@d-e_f", "a"],
            "LaunchTemplateId" => &["lt-0123456789abcdef0", "lt-0123456789abcdef"],
            "LifecycleExecutionId" => &["lce-0123abcd-0123-4abc-8def-0123456789ab"],
            "LogGroupName" => &["/aws/imagebuilder/web", "a"],
            "MarketplaceResourceLocation" => &["s3://bucket/key/file.txt", "s3://b/k"],
            "ParallelGroup" => &["group-1_a+b#c", "A"],
            "ProductCodeId" => &["abcdefghij0123456789ABCDE", "a"],
            "ResourceName" => &["web", "my web-image_1", "ab"],
            "SsmParameterName" => &["/imagebuilder/web/ami-id", "a"],
            "TagKey" => &["team", "aws:owner", "cost center:a+b=c@d/e.f", "", "awsx"],
            "Timezone" => &["Etc/UTC", "America/New_York", "UTC", "a!", "!!ab"],
            "UserDataOverride" => &["ZWNobyBoaQ==", "YWJj", "YWI=", "", "YW=="],
            "WorkflowExecutionId" => &["wf-0123abcd-0123-4abc-8def-0123456789ab"],
            "WorkflowStepExecutionId" => &["step-0123abcd-0123-4abc-8def-0123456789ab"],
            "WorkflowStepAction" | "WorkflowStepName" => &["Resume", "a1", "ab-c_d"],
            _ => &["a", "0", ""],
        }
    }

    /// Characters to mutate with: the ones near every pattern's class boundaries, some
    /// whitespace and some non-ASCII.
    const POOL: &[char] = &[
        'a', 'z', 'A', 'Z', '0', '9', '-', '_', '.', ':', '/', '{', '}', '(', ')', '[', ']', '@',
        '+', '=', ',', '#', '*', '"', '\'', ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{0}',
        '\u{85}', '\u{a0}', 'é', '✓', '😀', 'x', 'l', 't', 's', 'w', '3', 'S', 'i', 'g', '!', '$',
    ];

    #[derive(Debug, Clone)]
    enum Edit {
        Insert(usize, char),
        Delete(usize),
        Replace(usize, char),
        Repeat(usize, usize),
    }

    fn apply(seed: &str, edits: &[Edit]) -> String {
        let mut chars: Vec<char> = seed.chars().collect();
        for edit in edits {
            let n = chars.len();
            match *edit {
                Edit::Insert(at, c) => chars.insert(at % (n + 1), c),
                Edit::Delete(at) if n > 0 => {
                    chars.remove(at % n);
                }
                Edit::Replace(at, c) if n > 0 => chars[at % n] = c,
                Edit::Repeat(at, times) if n > 0 => {
                    let c = chars[at % n];
                    for _ in 0..times {
                        chars.insert(at % n, c);
                    }
                }
                _ => {}
            }
        }
        chars.into_iter().collect()
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let c = proptest::sample::select(POOL);
        prop_oneof![
            (any::<usize>(), c.clone()).prop_map(|(a, c)| Edit::Insert(a, c)),
            any::<usize>().prop_map(Edit::Delete),
            (any::<usize>(), c).prop_map(|(a, c)| Edit::Replace(a, c)),
            (any::<usize>(), 0usize..1100).prop_map(|(a, t)| Edit::Repeat(a, t)),
        ]
    }

    fn program_shapes() -> Vec<(&'static str, &'static str)> {
        pattern_checks()
            .filter(|(_, _, how)| *how == "pattern")
            .map(|(shape, pattern, _)| (shape, pattern))
            .collect()
    }

    #[test]
    fn every_pattern_is_checked_by_the_matcher_or_an_arn_or_version_validator() {
        let all: Vec<_> = pattern_checks().collect();
        assert_eq!(all.len(), 57, "the model has 57 patterned string shapes");
        let arn: Vec<&str> = all
            .iter()
            .filter(|(_, _, how)| *how == "arn")
            .map(|(s, _, _)| *s)
            .collect();
        for shape in &arn {
            assert!(
                imagebuilder_core::arn::SHAPES.contains(shape),
                "{shape} is checked by arn::validate_for, which does not know it"
            );
        }
        assert_eq!(arn.len(), imagebuilder_core::arn::SHAPES.len());
        for shape in imagebuilder_core::version::SHAPES {
            assert_eq!(pattern_check(shape), Some("version"), "{shape}");
        }
        assert_eq!(program_shapes().len(), 57 - 21 - 3);
        assert_eq!(matches_pattern("ImageBuildVersionArn", "x"), None);
        assert_eq!(matches_pattern("NoSuchShape", "x"), None);
    }

    #[test]
    fn every_compiled_pattern_agrees_with_the_regex_crate_on_its_seeds() {
        for (shape, pattern) in program_shapes() {
            for seed in seeds(shape) {
                assert_eq!(
                    matches_pattern(shape, seed),
                    Some(reference_matches(pattern, seed)),
                    "{shape} `{pattern}` on {seed:?}"
                );
            }
        }
    }

    #[test]
    fn counted_repetitions_hold_at_their_limits() {
        let name = |n: usize| "a".repeat(n);
        assert_eq!(matches_pattern("FilterName", &name(1024)), Some(true));
        assert_eq!(matches_pattern("FilterName", &name(1025)), Some(false));
        assert_eq!(matches_pattern("FilterName", ""), Some(false));
        let resource = |n: usize| format!("a{}a", "b".repeat(n));
        assert_eq!(matches_pattern("ResourceName", &resource(126)), Some(true));
        assert_eq!(matches_pattern("ResourceName", &resource(127)), Some(false));
        assert_eq!(matches_pattern("ResourceName", &resource(0)), Some(false));
        assert_eq!(
            matches_pattern("LaunchTemplateId", "lt-0123456789abcdef0"),
            Some(true)
        );
        assert_eq!(
            matches_pattern("LaunchTemplateId", "lt-0123456789abcdef01"),
            Some(false)
        );
        // 21847 characters of base64, the model's maximum, in linear time.
        let big = "QUJD".repeat(5461) + "QQ==";
        assert_eq!(matches_pattern("UserDataOverride", &big), Some(true));
        assert_eq!(
            matches_pattern("UserDataOverride", &(big.clone() + "=")),
            Some(false)
        );
    }

    #[test]
    fn patterns_are_not_anchored_unless_they_say_so() {
        // Smithy patterns match anywhere in the value; these have no `^...$`.
        assert_eq!(
            matches_pattern("HttpTokens", "not-required-at-all"),
            Some(true)
        );
        assert_eq!(matches_pattern("Timezone", "!!Etc"), Some(true));
        assert_eq!(matches_pattern("Timezone", "a!b"), Some(false));
        // `^String|Integer|Boolean|StringList$` is four alternatives, two anchored.
        assert_eq!(
            matches_pattern("ComponentParameterType", "xInteger"),
            Some(true)
        );
        assert_eq!(
            matches_pattern("ComponentParameterType", "xString"),
            Some(false)
        );
        assert_eq!(
            matches_pattern("ComponentParameterType", "Stringx"),
            Some(true)
        );
    }

    #[test]
    fn word_and_space_classes_are_ascii() {
        assert_eq!(
            matches_pattern("InstanceProfileNameType", "rôle"),
            Some(false)
        );
        assert_eq!(matches_pattern("TagKey", "a\u{a0}b"), Some(false));
        assert_eq!(matches_pattern("TagKey", "a\tb c"), Some(true));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn mutated_seeds_match_exactly_when_the_regex_crate_says_so(
            shape_index in any::<usize>(),
            seed_index in any::<usize>(),
            edits in proptest::collection::vec(edit(), 0..6),
        ) {
            let shapes = program_shapes();
            let (shape, pattern) = shapes[shape_index % shapes.len()];
            let seeds = seeds(shape);
            let value = apply(seeds[seed_index % seeds.len()], &edits);
            prop_assert_eq!(
                matches_pattern(shape, &value),
                Some(reference_matches(pattern, &value)),
                "{} `{}` on {:?}", shape, pattern, value
            );
        }

        #[test]
        fn random_strings_match_exactly_when_the_regex_crate_says_so(
            shape_index in any::<usize>(),
            value in proptest::collection::vec(proptest::sample::select(POOL), 0..40)
                .prop_map(|cs| cs.into_iter().collect::<String>()),
        ) {
            let shapes = program_shapes();
            let (shape, pattern) = shapes[shape_index % shapes.len()];
            prop_assert_eq!(
                matches_pattern(shape, &value),
                Some(reference_matches(pattern, &value)),
                "{} `{}` on {:?}", shape, pattern, value
            );
        }
    }
}
