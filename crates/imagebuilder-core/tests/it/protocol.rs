//! The rest-json protocol: request layout (method, percent-encoded URI labels, query string,
//! JSON body, content type) and response parsing (unknown members, open enums, numbers and
//! timestamps, malformed bodies), through the JSON entry point and the typed operations.

use imagebuilder_core::operations::{
    CreateImage, GetImage, ListImages, ListTagsForResource, StartResourceStateUpdate,
};
use imagebuilder_core::protocol::json::{self, JsonRequestError};
use imagebuilder_core::protocol::{
    Operation, Paginated, RequestParts, ResponseError, ResponseParts, Timestamp,
};
use imagebuilder_core::types::{
    Filter, ImageVersion, ListImagesRequest, ListImagesResponse, Ownership, Platform,
};
use imagebuilder_core::{dispatch, operations};
use serde_json::{Value, json};

const IMAGE_BUILD_ARN: &str = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/3";
const INFRA_ARN: &str =
    "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/web";

fn ok(status: u16, body: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    (
        status,
        vec![("Content-Type".to_string(), "application/json".to_string())],
        body.as_bytes().to_vec(),
    )
}

fn response(parts: &(u16, Vec<(String, String)>, Vec<u8>)) -> ResponseParts<'_> {
    ResponseParts {
        status: parts.0,
        headers: &parts.1,
        body: &parts.2,
    }
}

fn body_text(parts: &RequestParts) -> Option<String> {
    parts
        .body
        .as_ref()
        .map(|b| String::from_utf8(b.clone()).expect("UTF-8 body"))
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn uri_labels_are_percent_encoded_like_botocore() {
    let parts = json::request(
        "ListTagsForResource",
        &json!({ "resourceArn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web-app_x/1.0.0" }),
    )
    .expect("valid");
    assert_eq!(parts.method, "GET");
    assert_eq!(
        parts.path,
        "/tags/arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Aimage-recipe%2Fweb-app_x%2F1.0.0"
    );
    assert!(parts.query.is_empty());
    assert_eq!(
        parts.body, None,
        "a GET with only a URI label sends no body"
    );
    assert!(parts.headers.is_empty(), "no body, no content type");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn query_members_are_decoded_pairs_and_encode_into_the_query_string() {
    let parts = json::request(
        "UntagResource",
        &json!({
            "resourceArn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0",
            "tagKeys": ["team", "cost center/a+b"],
        }),
    )
    .expect("valid");
    assert_eq!(parts.method, "DELETE");
    assert_eq!(
        parts.query,
        vec![
            ("tagKeys".to_string(), "team".to_string()),
            ("tagKeys".to_string(), "cost center/a+b".to_string()),
        ]
    );
    assert_eq!(
        parts.query_string(),
        "tagKeys=team&tagKeys=cost%20center%2Fa%2Bb"
    );
    assert_eq!(parts.body, None);

    let parts = json::request(
        "GetImage",
        &json!({ "imageBuildVersionArn": IMAGE_BUILD_ARN }),
    )
    .expect("valid");
    assert_eq!((parts.method, parts.path.as_str()), ("GET", "/GetImage"));
    assert_eq!(
        parts.query_string(),
        "imageBuildVersionArn=arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Aimage%2Fweb%2F1.0.0%2F3"
    );
    assert_eq!(parts.body, None);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn an_operation_with_body_members_sends_an_empty_object_when_none_is_set() {
    let parts = json::request("ListImages", &json!({})).expect("valid");
    assert_eq!((parts.method, parts.path.as_str()), ("POST", "/ListImages"));
    assert_eq!(body_text(&parts).as_deref(), Some("{}"));
    assert_eq!(
        parts.headers,
        vec![("content-type".to_string(), "application/json".to_string())]
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn body_members_follow_model_order_and_map_keys_are_sorted() {
    // Given in reverse order, with unsorted tags.
    let parts = json::request(
        "CreateImage",
        &json!({
            "clientToken": "t-1",
            "tags": { "zeta": "1", "alpha": "2\"quoted\"" },
            "imageTestsConfiguration": { "timeoutMinutes": 90, "imageTestsEnabled": false },
            "infrastructureConfigurationArn": INFRA_ARN,
        }),
    )
    .expect("valid");
    assert_eq!(parts.method, "PUT");
    assert_eq!(
        body_text(&parts).as_deref(),
        Some(concat!(
            r#"{"infrastructureConfigurationArn":"arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/web","#,
            r#""imageTestsConfiguration":{"imageTestsEnabled":false,"timeoutMinutes":90},"#,
            r#""tags":{"alpha":"2\"quoted\"","zeta":"1"},"clientToken":"t-1"}"#
        ))
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn request_timestamps_go_in_the_body_as_epoch_seconds() {
    let input = |update_at: Value| {
        json!({
            "resourceArn": IMAGE_BUILD_ARN,
            "state": { "status": "DEPRECATED" },
            "clientToken": "t",
            "updateAt": update_at,
        })
    };
    for (given, wire) in [
        (json!("2030-01-02T03:04:05Z"), "1893553445"),
        (json!("2030-01-02T03:04:05.250Z"), "1893553445.25"),
        (json!("2030-01-02T05:04:05.25+02:00"), "1893553445.25"),
        (json!(1893553445), "1893553445"),
        (json!(1893553445.123456), "1893553445.123456"),
    ] {
        let parts =
            json::request("StartResourceStateUpdate", &input(given.clone())).expect("valid");
        let body = body_text(&parts).expect("body");
        assert!(
            body.ends_with(&format!(r#""updateAt":{wire},"clientToken":"t"}}"#)),
            "{given} -> {body}"
        );
        let typed = dispatch::request_typed("StartResourceStateUpdate", &input(given.clone()))
            .expect("valid typed");
        assert_eq!(typed, parts, "{given}: typed and JSON requests differ");
    }
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn a_typed_input_lays_out_the_same_request_as_its_json() {
    let mut input = ListImagesRequest::default();
    input.owner = Some(Ownership::Amazon);
    input.max_results = Some(25);
    let mut filter = Filter::default();
    filter.name = Some("platform".to_string());
    filter.values = Some(vec!["Linux".to_string()]);
    input.filters = Some(vec![filter]);
    let typed = ListImages::request(&input).expect("valid");
    let from_json = json::request(
        "ListImages",
        &json!({ "maxResults": 25, "owner": "Amazon", "filters": [{ "values": ["Linux"], "name": "platform" }] }),
    )
    .expect("valid");
    assert_eq!(typed, from_json);
    assert_eq!(
        body_text(&typed).as_deref(),
        Some(
            r#"{"owner":"Amazon","filters":[{"name":"platform","values":["Linux"]}],"maxResults":25}"#
        )
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn a_typed_input_with_an_unknown_enum_value_is_refused_by_validation() {
    let mut input = ListImagesRequest::default();
    input.owner = Some(Ownership::from("Everyone"));
    let err = ListImages::request(&input).expect_err("not a model value");
    assert_eq!(err.operation, "ListImages");
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].path, "owner");
    assert_eq!(err.violations[0].rule, "enum");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn an_empty_2xx_body_is_an_empty_output() {
    let r = ok(200, "");
    assert_eq!(json::response("DeleteImage", response(&r)), Ok(json!({})));
    let typed = operations::DeleteImage::response(response(&r)).expect("empty output");
    assert_eq!(typed.request_id, None);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn unknown_members_are_dropped_and_unknown_enum_values_kept() {
    let r = ok(
        200,
        r#"{"requestId":"r-1","futureMember":{"x":1},"imageVersionList":[
            {"arn":"arn:aws:imagebuilder:us-east-1:aws:image/web/1.0.0","platform":"Plan9",
             "type":"AMI","nested":true,"dateCreated":"2024-01-01T00:00:00.000Z"}],
            "nextToken":"n-2"}"#,
    );
    let output = json::response("ListImages", response(&r)).expect("parsed");
    assert_eq!(
        output,
        json!({
            "requestId": "r-1",
            "imageVersionList": [{
                "arn": "arn:aws:imagebuilder:us-east-1:aws:image/web/1.0.0",
                "platform": "Plan9",
                "type": "AMI",
                "dateCreated": "2024-01-01T00:00:00.000Z"
            }],
            "nextToken": "n-2"
        })
    );
    let typed: ListImagesResponse = ListImages::response(response(&r)).expect("parsed");
    let image: &ImageVersion = &typed.image_version_list.as_ref().expect("list")[0];
    assert_eq!(image.platform, Some(Platform::Unknown("Plan9".to_string())));
    assert_eq!(image.platform.as_ref().map(Platform::as_str), Some("Plan9"));
    assert_eq!(
        dispatch::response_typed("ListImages", response(&r)),
        Ok(output)
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn paginated_operations_expose_their_tokens_and_items() {
    let r = ok(
        200,
        r#"{"imageVersionList":[{"name":"a"},{"name":"b"}],"nextToken":"page-2"}"#,
    );
    let output = ListImages::response(response(&r)).expect("parsed");
    assert_eq!(ListImages::next_token(&output), Some("page-2"));
    let names: Vec<Option<String>> = ListImages::items(output)
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(names, vec![Some("a".to_string()), Some("b".to_string())]);
    let mut input = ListImagesRequest::default();
    ListImages::set_next_token(&mut input, Some("page-2".to_string()));
    let parts = ListImages::request(&input).expect("valid");
    assert_eq!(
        body_text(&parts).as_deref(),
        Some(r#"{"nextToken":"page-2"}"#)
    );
    let last = ListImages::response(response(&ok(200, "{}"))).expect("parsed");
    assert_eq!(ListImages::next_token(&last), None);
    assert!(ListImages::items(last).is_empty());
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn idempotent_operations_expose_their_client_token() {
    let mut create = <CreateImage as Operation>::Input::default();
    *CreateImage::client_token(&mut create).expect("CreateImage has a clientToken") =
        Some("uuid".to_string());
    create.infrastructure_configuration_arn = Some(INFRA_ARN.to_string());
    let parts = CreateImage::request(&create).expect("valid");
    assert!(
        body_text(&parts)
            .expect("body")
            .contains(r#""clientToken":"uuid""#)
    );
    let mut update = <StartResourceStateUpdate as Operation>::Input::default();
    assert!(StartResourceStateUpdate::client_token(&mut update).is_some());
    let mut list = ListImagesRequest::default();
    assert!(ListImages::client_token(&mut list).is_none());
    let mut get = <GetImage as Operation>::Input::default();
    assert!(GetImage::client_token(&mut get).is_none());
    let mut tags = <ListTagsForResource as Operation>::Input::default();
    assert!(ListTagsForResource::client_token(&mut tags).is_none());
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn response_timestamps_are_epoch_seconds_kept_to_the_microsecond() {
    let r = ok(
        200,
        r#"{"lifecyclePolicy":{"name":"p","dateCreated":1718000000.123456,"dateUpdated":1718000000,"dateLastRun":1718000001.0}}"#,
    );
    let output = json::response("GetLifecyclePolicy", response(&r)).expect("parsed");
    assert_eq!(
        output["lifecyclePolicy"]["dateCreated"],
        json!(1718000000.123456)
    );
    assert_eq!(output["lifecyclePolicy"]["dateUpdated"], json!(1718000000));
    assert_eq!(output["lifecyclePolicy"]["dateLastRun"], json!(1718000001));
    let typed = operations::GetLifecyclePolicy::response(response(&r)).expect("parsed");
    let created = typed
        .lifecycle_policy
        .and_then(|p| p.date_created)
        .expect("dateCreated");
    assert_eq!(created.secs(), 1_718_000_000);
    assert_eq!(created.subsec_nanos(), 123_456_000);
    assert_eq!(created.to_string(), "2024-06-10T06:13:20.123456Z");
    assert_eq!(
        dispatch::response_typed("GetLifecyclePolicy", response(&r)),
        Ok(output)
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn response_numbers_must_fit_their_shapes() {
    let r = ok(
        200,
        r#"{"image":{"imageTestsConfiguration":{"timeoutMinutes":"sixty"}}}"#,
    );
    match json::response("GetImage", response(&r)) {
        Err(ResponseError::Malformed { status, message }) => {
            assert_eq!(status, 200);
            assert!(
                message
                    .starts_with("image.imageTestsConfiguration.timeoutMinutes: expected a number"),
                "{message}"
            );
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
    let r = ok(
        200,
        r#"{"image":{"imageTestsConfiguration":{"timeoutMinutes":4294967296}}}"#,
    );
    assert!(matches!(
        json::response("GetImage", response(&r)),
        Err(ResponseError::Malformed { .. })
    ));
    // An integral float is an integer; a double is always a float.
    let r = ok(
        200,
        r#"{"image":{"imageTestsConfiguration":{"timeoutMinutes":90.0}},"requestId":"x"}"#,
    );
    let output = json::response("GetImage", response(&r)).expect("parsed");
    assert_eq!(
        output["image"]["imageTestsConfiguration"]["timeoutMinutes"],
        json!(90)
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn a_2xx_body_that_is_not_a_json_object_is_malformed() {
    for body in ["<html>", "[1,2]", "\"text\"", "{\"requestId\":"] {
        let r = ok(200, body);
        match json::response("ListImages", response(&r)) {
            Err(ResponseError::Malformed { status: 200, .. }) => {}
            other => panic!("{body}: expected Malformed, got {other:?}"),
        }
        assert!(matches!(
            ListImages::response(response(&r)),
            Err(ResponseError::Malformed { .. })
        ));
    }
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn unknown_operations_are_refused_by_both_entry_points() {
    let r = ok(200, "{}");
    assert_eq!(
        json::response("ListImage", response(&r)),
        Err(ResponseError::UnknownOperation("ListImage".to_string()))
    );
    assert_eq!(
        dispatch::response_typed("ListImage", response(&r)),
        Err(ResponseError::UnknownOperation("ListImage".to_string()))
    );
    assert_eq!(
        json::request("ListImage", &json!({})),
        Err(JsonRequestError::UnknownOperation("ListImage".to_string()))
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn the_operation_list_holds_all_77_model_operations_sorted() {
    assert_eq!(imagebuilder_core::model::OPERATIONS.len(), 77);
    assert!(
        imagebuilder_core::model::OPERATIONS
            .windows(2)
            .all(|w| w[0] < w[1])
    );
    assert_eq!(<ListImages as Operation>::NAME, "ListImages");
    for name in imagebuilder_core::model::OPERATIONS {
        // Every listed operation is known to both entry points.
        let r = ok(200, "{}");
        assert!(json::response(name, response(&r)).is_ok(), "{name}");
        assert!(
            dispatch::response_typed(name, response(&r)).is_ok(),
            "{name}"
        );
    }
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn timestamps_convert_between_epoch_seconds_and_rfc_3339() {
    let t = Timestamp::parse_rfc3339("2024-02-29T23:59:59.999999999Z").expect("leap day");
    assert_eq!((t.secs(), t.subsec_nanos()), (1_709_251_199, 999_999_999));
    assert_eq!(t.to_string(), "2024-02-29T23:59:59.999999999Z");
    assert_eq!(t.decimal(), "1709251199.999999999");
    let before_epoch = Timestamp::parse_rfc3339("1969-12-31T23:59:59.75Z").expect("valid");
    assert_eq!(
        (before_epoch.secs(), before_epoch.subsec_nanos()),
        (-1, 750_000_000)
    );
    assert_eq!(before_epoch.decimal(), "-0.25");
    assert_eq!(before_epoch.to_string(), "1969-12-31T23:59:59.75Z");
    assert_eq!(Timestamp::from_millis(-1500).decimal(), "-1.5");
    assert_eq!(
        Timestamp::from_secs_f64(1718000000.5).map(|t| t.to_json()),
        Ok(json!(1718000000.5))
    );
    for bad in [
        "2024-02-30T00:00:00Z",
        "2024-01-01 00:00:00",
        "2024-01-01T24:00:00Z",
        "x",
    ] {
        assert!(Timestamp::parse_rfc3339(bad).is_err(), "{bad}");
    }
    assert!(Timestamp::from_secs_f64(f64::NAN).is_err());
}
