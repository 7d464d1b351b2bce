//! The core's values as plain JavaScript objects, made by the JS engine (no JSON serializer in
//! the wasm): the same members, names and values as the core's `Serialize` implementations
//! (which the server and the client's JSON path use), checked field by field by the npm tests.

use crate::errors::FieldValue;
use imagebuilder_core::arn::ImageBuilderArn;
use imagebuilder_core::version::{FilterNode, VersionSpec};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// Sets `key` on `object` (a data property of a plain object: cannot fail).
pub(crate) fn set(object: &Object, key: &str, value: impl FieldValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into_js());
}

/// A plain object with `pairs`, in order.
pub(crate) fn object<const N: usize>(pairs: [(&str, JsValue); N]) -> JsValue {
    let o = Object::new();
    for (key, value) in pairs {
        set(&o, key, value);
    }
    o.into()
}

/// An ARN as `parseArn` returns it: `arn`, `partition`, `region`, `owner`, `resourceType`,
/// `name`, `kind`, `version` (`null` when versionless).
pub(crate) fn arn(a: &ImageBuilderArn<'_>) -> JsValue {
    object([
        ("arn", a.to_string().into_js()),
        ("partition", a.partition().into_js()),
        ("region", a.region().into_js()),
        ("owner", a.owner().to_string().into_js()),
        ("resourceType", a.resource_type().as_str().into_js()),
        ("name", a.name().into_js()),
        ("kind", a.kind().name().into_js()),
        ("version", a.version().map(|v| v.to_string()).into_js()),
    ])
}

fn node(n: FilterNode) -> JsValue {
    match n {
        FilterNode::Number(n) => n.into_js(),
        FilterNode::Wildcard => "x".into_js(),
    }
}

/// A version as `parseVersion` returns it: `kind`, `major`, `minor`, `patch` (numbers, or `"x"`
/// in a filter), `build` (`null` without one) and the normalised `text`.
pub(crate) fn version(spec: &VersionSpec) -> JsValue {
    let [a, b, c] = spec.filter().nodes();
    object([
        ("kind", spec.kind().name().into_js()),
        ("major", node(a)),
        ("minor", node(b)),
        ("patch", node(c)),
        ("build", spec.build().into_js()),
        ("text", spec.to_string().into_js()),
    ])
}
