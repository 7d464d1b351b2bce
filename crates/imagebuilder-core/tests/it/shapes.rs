//! The generated typed shapes: open enums, model member names in JSON, `Default` construction,
//! aliases, and serde round trips of real inputs and outputs (the botocore fixtures).

use imagebuilder_core::protocol::Timestamp;
use imagebuilder_core::types::{
    AmiDistributionConfiguration, CreateDistributionConfigurationRequest, CreateImageRecipeRequest,
    DateTimeTimestamp, EbsVolumeType, GetImageResponse, GetLifecyclePolicyResponse, ImageStatus,
    ImageVersion, ListImagesResponse, Ownership, Platform, S3ExportConfiguration,
    SsmParameterDataType, StartResourceStateUpdateRequest, TagMap,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::str::FromStr;

const MODEL: &str = include_str!("../../../../model/service-2.json");

fn model_enum(shape: &str) -> Vec<String> {
    let model: Value = serde_json::from_str(MODEL).expect("model JSON");
    model["shapes"][shape]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{shape} is not an enum"))
        .iter()
        .map(|v| v.as_str().expect("string").to_string())
        .collect()
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn enum_values_are_the_models_in_model_order() {
    assert_eq!(Platform::values(), model_enum("Platform"));
    assert_eq!(Ownership::values(), model_enum("Ownership"));
    assert_eq!(EbsVolumeType::values(), model_enum("EbsVolumeType"));
    assert_eq!(ImageStatus::values(), model_enum("ImageStatus"));
    assert_eq!(
        SsmParameterDataType::values(),
        model_enum("SsmParameterDataType")
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn every_enum_value_round_trips_through_its_variant() {
    fn check<E>(values: &[&str])
    where
        E: for<'a> From<&'a str>
            + AsRef<str>
            + Serialize
            + DeserializeOwned
            + PartialEq
            + std::fmt::Debug,
    {
        for v in values {
            let e = E::from(v);
            assert_eq!(e.as_ref(), *v);
            assert_eq!(serde_json::to_value(&e).expect("serializes"), json!(v));
            assert_eq!(
                serde_json::from_value::<E>(json!(v)).expect("deserializes"),
                e
            );
        }
    }
    check::<Platform>(Platform::values());
    check::<Ownership>(Ownership::values());
    check::<EbsVolumeType>(EbsVolumeType::values());
    check::<ImageStatus>(ImageStatus::values());
    check::<SsmParameterDataType>(SsmParameterDataType::values());
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn enum_variants_have_rust_names_and_unknown_values_are_kept() {
    assert_eq!(Ownership::from("Self"), Ownership::SelfValue);
    assert_eq!(Ownership::from("AWSMarketplace"), Ownership::AwsMarketplace);
    assert_eq!(Platform::from("macOS"), Platform::MacOs);
    assert_eq!(EbsVolumeType::from("gp3"), EbsVolumeType::Gp3);
    assert_eq!(
        SsmParameterDataType::from("aws:ec2:image"),
        SsmParameterDataType::AwsEc2Image
    );
    assert_eq!(ImageStatus::from("AVAILABLE"), ImageStatus::Available);
    let future = ImageStatus::from("HIBERNATING".to_string());
    assert_eq!(future, ImageStatus::Unknown("HIBERNATING".to_string()));
    assert_eq!(future.as_str(), "HIBERNATING");
    assert_eq!(future.to_string(), "HIBERNATING");
    assert_eq!(
        serde_json::from_value::<ImageStatus>(json!("HIBERNATING")).expect("kept"),
        future
    );
    assert_eq!(
        serde_json::to_value(&future).expect("serializes"),
        json!("HIBERNATING")
    );
    assert_eq!(Platform::from_str("Linux"), Ok(Platform::Linux));
    // Enum values are case-sensitive, as on the wire.
    assert_eq!(
        Platform::from("linux"),
        Platform::Unknown("linux".to_string())
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn structures_use_the_models_member_names_in_json() {
    let mut ami = AmiDistributionConfiguration::default();
    ami.target_account_ids = Some(vec!["123456789012".to_string()]);
    ami.kms_key_id = Some("key".to_string());
    assert_eq!(
        serde_json::to_value(&ami).expect("serializes"),
        json!({ "targetAccountIds": ["123456789012"], "kmsKeyId": "key" })
    );
    let mut s3 = S3ExportConfiguration::default();
    s3.s3_bucket = Some("bucket".to_string());
    s3.disk_image_format = Some("VHD".into());
    assert_eq!(
        serde_json::to_value(&s3).expect("serializes"),
        json!({ "s3Bucket": "bucket", "diskImageFormat": "VHD" })
    );
    let mut image = ImageVersion::default();
    image.r#type = Some("DOCKER".into());
    assert_eq!(
        serde_json::to_value(&image).expect("serializes"),
        json!({ "type": "DOCKER" })
    );
    assert_eq!(
        serde_json::to_value(ImageVersion::default()).expect("serializes"),
        json!({}),
        "unset members are left out"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn maps_are_sorted_maps_and_timestamps_are_the_protocol_timestamp() {
    let mut tags = TagMap::new();
    tags.insert("b".to_string(), "2".to_string());
    tags.insert("a".to_string(), "1".to_string());
    assert_eq!(tags.keys().collect::<Vec<_>>(), ["a", "b"]);
    let t: DateTimeTimestamp = Timestamp::from_secs(1_700_000_000);
    assert_eq!(
        serde_json::to_value(t).expect("serializes"),
        json!(1_700_000_000)
    );
    let mut update = StartResourceStateUpdateRequest::default();
    update.update_at = Some(Timestamp::parse_rfc3339("2023-11-14T22:13:20.5Z").expect("valid"));
    assert_eq!(
        serde_json::to_value(&update).expect("serializes"),
        json!({ "updateAt": 1_700_000_000.5 })
    );
    let back: StartResourceStateUpdateRequest =
        serde_json::from_value(json!({ "updateAt": "2023-11-14T22:13:20.5Z" })).expect("RFC 3339");
    assert_eq!(back.update_at, update.update_at);
}

fn fixture(name: &str, text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Deserializing into `T` and serializing back gives the same JSON (numbers compared by value).
fn round_trips<T: Serialize + DeserializeOwned>(what: &str, value: &Value) {
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{what}: {e}"));
    let back = serde_json::to_value(&typed).expect("serializes");
    assert!(same(value, &back), "{what}:\n{value}\n{back}");
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn maximal_inputs_and_outputs_round_trip_through_the_typed_shapes() {
    let create_distribution = fixture(
        "CreateDistributionConfiguration",
        include_str!("../fixtures/botocore/CreateDistributionConfiguration.json"),
    );
    round_trips::<CreateDistributionConfigurationRequest>(
        "CreateDistributionConfiguration input",
        &create_distribution["input"],
    );
    let recipe = fixture(
        "CreateImageRecipe",
        include_str!("../fixtures/botocore/CreateImageRecipe.json"),
    );
    round_trips::<CreateImageRecipeRequest>("CreateImageRecipe input", &recipe["input"]);
    let update = fixture(
        "StartResourceStateUpdate",
        include_str!("../fixtures/botocore/StartResourceStateUpdate.json"),
    );
    round_trips::<StartResourceStateUpdateRequest>(
        "StartResourceStateUpdate input",
        &update["input"],
    );
    let get_image = fixture(
        "GetImage",
        include_str!("../fixtures/botocore/GetImage.json"),
    );
    round_trips::<GetImageResponse>("GetImage output", &get_image["parsed"]);
    let list_images = fixture(
        "ListImages",
        include_str!("../fixtures/botocore/ListImages.json"),
    );
    round_trips::<ListImagesResponse>("ListImages output", &list_images["parsed"]);
    let policy = fixture(
        "GetLifecyclePolicy",
        include_str!("../fixtures/botocore/GetLifecyclePolicy.json"),
    );
    round_trips::<GetLifecyclePolicyResponse>("GetLifecyclePolicy output", &policy["parsed"]);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn client_token_members_are_the_models_idempotency_tokens() {
    let service: Value = serde_json::from_str(MODEL).expect("model JSON");
    let mut expected: Vec<(&str, &str)> = Vec::new();
    for (name, op) in service["operations"].as_object().expect("operations") {
        let input = op["input"]["shape"].as_str().expect("input shape");
        let members = service["shapes"][input]["members"]
            .as_object()
            .expect("members");
        for (member, def) in members {
            if def["idempotencyToken"] == true {
                expected.push((name, member));
            }
        }
    }
    expected.sort_unstable();
    assert_eq!(expected.len(), 23);
    let names: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    assert_eq!(imagebuilder_core::model::IDEMPOTENT_OPERATIONS, names);
    for name in imagebuilder_core::model::OPERATIONS {
        let member = expected.iter().find(|(n, _)| n == name).map(|(_, m)| *m);
        assert_eq!(
            imagebuilder_core::model::client_token_member(name),
            member,
            "{name}"
        );
    }
    assert_eq!(
        imagebuilder_core::model::client_token_member("NoSuchOperation"),
        None
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn paginators_are_the_models_paginators() {
    let model: Value = serde_json::from_str(include_str!("../../../../model/paginators-1.json"))
        .expect("paginators JSON");
    let pagination = model["pagination"].as_object().expect("pagination");
    let mut expected: Vec<&str> = pagination.keys().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(expected.len(), 21);
    assert_eq!(imagebuilder_core::model::PAGINATED_OPERATIONS, expected);
    for name in imagebuilder_core::model::OPERATIONS {
        let Some(p) = pagination.get(*name) else {
            assert_eq!(imagebuilder_core::model::paginator(name), None, "{name}");
            continue;
        };
        let got = imagebuilder_core::model::paginator(name)
            .unwrap_or_else(|| panic!("{name} has no paginator"));
        assert_eq!(got.input_token, p["input_token"], "{name}");
        assert_eq!(got.output_token, p["output_token"], "{name}");
        assert_eq!(got.limit_key, p["limit_key"].as_str(), "{name}");
        assert_eq!(got.result_key, p["result_key"], "{name}");
    }
    assert_eq!(imagebuilder_core::model::paginator("NoSuchOperation"), None);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn input_constructors_set_the_required_members_and_leave_the_token_to_the_client() {
    use imagebuilder_core::types::{
        CreateImageRequest, GetImageRequest, ListImagesRequest, TagResourceRequest,
    };
    let arn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1";
    let keys = |v: Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let get = GetImageRequest::new(arn);
    assert_eq!(get.image_build_version_arn.as_deref(), Some(arn));
    assert_eq!(
        keys(serde_json::to_value(&get).unwrap()),
        ["imageBuildVersionArn"]
    );
    // `clientToken` is required by the model, but the client fills it.
    let create = CreateImageRequest::new(
        "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/x",
    );
    assert_eq!(create.client_token, None);
    assert_eq!(
        keys(serde_json::to_value(&create).unwrap()),
        ["infrastructureConfigurationArn"]
    );
    let tags = std::collections::BTreeMap::from([("team".to_string(), "web".to_string())]);
    let tag = TagResourceRequest::new(arn, tags.clone());
    assert_eq!(tag.tags, Some(tags));
    assert_eq!(ListImagesRequest::new(), ListImagesRequest::default());
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn waiters_are_the_models_waiters() {
    let model: Value = serde_json::from_str(include_str!("../../../../model/waiters-2.json"))
        .expect("waiters JSON");
    let waiters = model["waiters"].as_object().unwrap();
    assert_eq!(imagebuilder_core::model::WAITERS.len(), waiters.len());
    for (name, w) in waiters {
        let got = imagebuilder_core::model::waiter(name).unwrap();
        assert_eq!(got.operation, w["operation"].as_str().unwrap(), "{name}");
        assert_eq!(u64::from(got.delay_seconds), w["delay"].as_u64().unwrap());
        assert_eq!(
            u64::from(got.max_attempts),
            w["maxAttempts"].as_u64().unwrap()
        );
        let with = |state: &str| -> Vec<&str> {
            w["acceptors"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["state"] == state)
                .inspect(|a| assert_eq!(a["argument"].as_str(), Some(got.path)))
                .map(|a| a["expected"].as_str().unwrap())
                .collect()
        };
        assert_eq!(got.success, with("success").as_slice(), "{name}");
        assert_eq!(got.failure, with("failure").as_slice(), "{name}");
    }
    assert_eq!(imagebuilder_core::model::waiter("NoSuchWaiter"), None);
}
