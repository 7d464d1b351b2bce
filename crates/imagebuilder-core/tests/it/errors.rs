//! Error responses: the cases in `fixtures/errors/cases.json` (headers, body, and the kind, code,
//! message and request id they must give), every modelled exception in every spelling, through
//! the JSON entry point and a typed operation.

use imagebuilder_core::operations::ListImages;
use imagebuilder_core::protocol::json;
use imagebuilder_core::protocol::{
    Operation, ResponseError, ResponseParts, ServiceError, ServiceErrorKind,
};
use serde_json::Value;

const CASES: &str = include_str!("../fixtures/errors/cases.json");

fn service_error(status: u16, headers: &[(String, String)], body: &str) -> ServiceError {
    let http = ResponseParts {
        status,
        headers,
        body: body.as_bytes(),
    };
    let from_json = match json::response("GetImage", http) {
        Err(ResponseError::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    };
    let typed = match ListImages::response(http) {
        Err(ResponseError::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    };
    assert_eq!(from_json, typed, "the JSON and typed paths disagree");
    from_json
}

fn pairs(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .expect("headers")
        .iter()
        .map(|p| {
            (
                p[0].as_str().expect("name").to_string(),
                p[1].as_str().expect("value").to_string(),
            )
        })
        .collect()
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn every_fixture_error_gives_its_kind_code_message_and_request_id() {
    let fixture: Value = serde_json::from_str(CASES).expect("cases.json is JSON");
    let cases = fixture["cases"].as_array().expect("cases");
    assert!(cases.len() >= 18);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let status = u16::try_from(case["status"].as_u64().expect("status")).expect("u16");
        let headers = pairs(&case["headers"]);
        let body = case["body"].as_str().expect("body");
        let e = service_error(status, &headers, body);
        let expect = &case["expect"];
        let got = (
            e.kind.as_str(),
            e.code.as_str(),
            e.message.as_deref(),
            e.request_id.as_deref(),
        );
        let want = (
            expect["kind"].as_str().expect("kind"),
            expect["code"].as_str().expect("code"),
            expect["message"].as_str(),
            expect["requestId"].as_str(),
        );
        if got != want {
            failures.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
        if e.status != status || e.body != body {
            failures.push(format!("{name}: status or body not kept"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn every_modelled_exception_is_recognised_in_every_spelling() {
    let names: Vec<&str> = ServiceErrorKind::modelled().collect();
    assert_eq!(names.len(), 20, "the model has 20 exceptions");
    for name in names {
        let kind = ServiceErrorKind::from_code(name);
        assert_ne!(kind, ServiceErrorKind::Unknown, "{name}");
        assert_eq!(kind.as_str(), name);
        assert_eq!(
            format!("{kind:?}"),
            name,
            "the variant is named after the shape"
        );
        let status = kind.http_status().expect("modelled status");
        let spellings: [(Vec<(String, String)>, String); 5] = [
            (
                vec![(
                    "x-amzn-ErrorType".to_string(),
                    format!("{name}:http://internal.amazon.com/coral/com.amazonaws.imagebuilder/"),
                )],
                r#"{"message":"m"}"#.to_string(),
            ),
            (
                vec![],
                format!(
                    r#"{{"__type":"com.amazonaws.imagebuilder.v20191202#{name}","Message":"m"}}"#
                ),
            ),
            (vec![], format!(r#"{{"__type":"{name}","message":"m"}}"#)),
            (vec![], format!(r#"{{"code":"{name}","message":"m"}}"#)),
            (vec![], format!(r#"{{"Code":"{name}","Message":"m"}}"#)),
        ];
        for (headers, body) in spellings {
            let e = service_error(status, &headers, &body);
            assert_eq!(e.kind, kind, "{name} from {headers:?} {body}");
            assert_eq!(e.code, name);
            assert_eq!(e.message.as_deref(), Some("m"));
            assert_eq!(e.status, status);
        }
    }
    assert_eq!(
        ServiceErrorKind::from_code("ThrottlingException"),
        ServiceErrorKind::Unknown
    );
    assert_eq!(ServiceErrorKind::Unknown.as_str(), "Unknown");
    assert_eq!(ServiceErrorKind::Unknown.http_status(), None);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn modelled_statuses_come_from_the_model() {
    assert_eq!(
        ServiceErrorKind::ResourceNotFoundException.http_status(),
        Some(404)
    );
    assert_eq!(
        ServiceErrorKind::CallRateLimitExceededException.http_status(),
        Some(429)
    );
    assert_eq!(
        ServiceErrorKind::ServiceQuotaExceededException.http_status(),
        Some(402)
    );
    assert_eq!(
        ServiceErrorKind::DryRunOperationException.http_status(),
        Some(412)
    );
    assert_eq!(ServiceErrorKind::ServiceException.http_status(), Some(500));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn service_errors_display_code_status_message_and_request_id() {
    let headers = vec![
        (
            "x-amzn-ErrorType".to_string(),
            "ResourceNotFoundException".to_string(),
        ),
        ("x-amzn-RequestId".to_string(), "r-1".to_string()),
    ];
    let e = service_error(404, &headers, r#"{"message":"No such image."}"#);
    assert_eq!(
        e.to_string(),
        "ResourceNotFoundException (HTTP 404): No such image. [request id r-1]"
    );
    let wrapped = ResponseError::Service(e);
    assert_eq!(
        wrapped.to_string(),
        "ResourceNotFoundException (HTTP 404): No such image. [request id r-1]"
    );
}
