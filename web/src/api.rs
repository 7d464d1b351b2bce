//! The only module that talks to `imagebuilder-client`: builds the client from the settings,
//! runs the operations the pages need through the client's JSON path (smaller than the typed
//! shapes), and turns failures into [`ApiError`] (AWS code, message, request id, attempts);
//! retries and clock-skew corrections are told as they happen ([`call_notices`]).

use crate::seconds;
use crate::settings::{EndpointMode, Settings};
use futures_util::StreamExt;
use imagebuilder_client::{
    CallError, CallErrorKind, CallEvent, CallOptions, CancelToken, Client, StaticCredentials,
};
use leptos::prelude::{ArcRwSignal, Update};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::fmt;

pub use imagebuilder_client::CancelToken as Cancel;

/// A failed call, as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiError {
    /// The AWS error code (`ResourceNotFoundException`), or the client's own kind of failure
    /// (`ValidationError`, `NetworkError`, `Cancelled`, ...).
    pub code: String,
    /// What happened, in words.
    pub message: String,
    /// `x-amzn-RequestId`, when the service answered.
    pub request_id: Option<String>,
    /// The HTTP status, when the service answered.
    pub status: Option<u16>,
    /// How many attempts were sent (retries are visible).
    pub attempts: u32,
    /// Time spent backing off between the attempts, in ms.
    pub retry_delay_ms: u64,
    /// For validation errors: `(member path, message)`.
    pub violations: Vec<(String, String)>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    fn local(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            ..Self::default()
        }
    }

    /// Whether the call never reached a server (network, CORS, DNS).
    pub fn is_network(&self) -> bool {
        self.code == "NetworkError"
    }
}

impl From<CallError> for ApiError {
    fn from(e: CallError) -> Self {
        let metadata = e.metadata().clone();
        let text = e.to_string();
        let mut out = match e.into_kind() {
            CallErrorKind::Service(s) => ApiError {
                code: s.code,
                message: s.message.unwrap_or_else(|| format!("HTTP {}", s.status)),
                request_id: s.request_id,
                status: Some(s.status),
                ..ApiError::default()
            },
            CallErrorKind::Validation(v) => ApiError {
                code: "ValidationError".into(),
                message: format!("the input of {} breaks the model's rules", v.operation),
                violations: v
                    .violations
                    .into_iter()
                    .map(|v| (v.path, v.message))
                    .collect(),
                ..ApiError::default()
            },
            CallErrorKind::Transport(t) => ApiError::local("NetworkError", t.message),
            CallErrorKind::Cancelled => ApiError::local("Cancelled", "the call was cancelled"),
            CallErrorKind::AttemptTimeout { .. } | CallErrorKind::TotalTimeout { .. } => {
                ApiError::local("Timeout", text)
            }
            CallErrorKind::Credentials(_) => ApiError::local("CredentialsError", text),
            CallErrorKind::Endpoint(_) => ApiError::local("EndpointError", text),
            _ => ApiError::local("ClientError", text),
        };
        // The error's metadata carries its attempts (`CallError::metadata`).
        out.attempts = metadata.attempts;
        out.retry_delay_ms =
            u64::try_from(metadata.total_retry_delay.as_millis()).unwrap_or(u64::MAX);
        if out.request_id.is_none() {
            out.request_id = metadata.request_id;
        }
        if out.status.is_none() {
            out.status = metadata.http_status;
        }
        out
    }
}

/// A retry or clock correction the client made on its own, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallNotice {
    /// The operation.
    pub operation: String,
    /// What happened (`Retrying ListImages (attempt 2 of 3) after ThrottlingException in 0.4 s`).
    pub text: String,
}

/// How many notices the log keeps.
pub const NOTICES_KEPT: usize = 6;

thread_local! {
    static NOTICES: ArcRwSignal<Vec<CallNotice>> = ArcRwSignal::new(Vec::new());
}

/// The live log of retries and clock corrections, newest first (at most [`NOTICES_KEPT`]).
pub fn call_notices() -> ArcRwSignal<Vec<CallNotice>> {
    NOTICES.with(Clone::clone)
}

/// The words for one event of a call of `op` (`None`: nothing worth telling).
pub fn describe(op: &str, event: &CallEvent) -> Option<CallNotice> {
    let text = match event {
        CallEvent::Retrying {
            attempt,
            max_attempts,
            delay,
            reason,
        } => format!(
            "Retrying {op} (attempt {} of {max_attempts}) after {reason} in {} s",
            attempt + 1,
            seconds::duration_tenths(*delay)
        ),
        CallEvent::ClockSkewCorrected { offset_millis } => format!(
            "Corrected the clock for {op}: the server's clock is {} s from this computer's; signed again with it",
            seconds::signed_tenths(*offset_millis)
        ),
        CallEvent::Finished(m) if m.attempts > 1 => {
            let outcome = match m.http_status {
                Some(s) if (200..300).contains(&s) => "answered".to_string(),
                Some(s) => format!("failed (HTTP {s})"),
                None => "failed".to_string(),
            };
            let id = m
                .request_id
                .as_deref()
                .map(|id| format!(", request id {id}"))
                .unwrap_or_default();
            format!(
                "{op} {outcome} after {} attempts ({} s of backoff{id})",
                m.attempts,
                seconds::duration_tenths(m.total_retry_delay)
            )
        }
        _ => return None,
    };
    Some(CallNotice {
        operation: op.to_string(),
        text,
    })
}

/// The options of one call of `op`: cancellable, and telling [`call_notices`] what it does.
fn call_options(op: &str, cancel: Option<CancelToken>) -> CallOptions {
    let op = op.to_string();
    let notices = call_notices();
    cancel
        .map(CallOptions::cancellable)
        .unwrap_or_default()
        .with_observer(move |event| {
            if let Some(n) = describe(&op, event) {
                notices.update(|l| {
                    l.insert(0, n);
                    l.truncate(NOTICES_KEPT);
                });
            }
        })
}

thread_local! {
    static CLIENT: RefCell<Option<(Settings, Client)>> = const { RefCell::new(None) };
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_else(|| "http://127.0.0.1:8080".into())
}

/// A boxed future: the API's calls are awaited from many pages, and a boxed future is one
/// instance of its state machine instead of a copy inlined into every caller's (smaller wasm).
pub type Boxed<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;

/// A connected client (cached while the settings stay the same, so a learnt clock skew is kept).
#[derive(Clone, Debug)]
pub struct Api {
    client: Client,
}

impl Api {
    /// The client for `settings`, built once per distinct settings.
    pub fn connect(settings: &Settings) -> Result<Api, ApiError> {
        if !settings.has_credentials() {
            return Err(ApiError::local(
                "NotConnected",
                "enter an access key id and secret access key on the Connect page",
            ));
        }
        let cached = CLIENT.with_borrow(|c| {
            c.as_ref()
                .filter(|(s, _)| s == settings)
                .map(|(_, client)| client.clone())
        });
        if let Some(client) = cached {
            return Ok(Api { client });
        }
        let token = Some(settings.session_token.trim().to_string()).filter(|t| !t.is_empty());
        let mut builder = Client::builder()
            .region(settings.region.trim())
            .credentials(StaticCredentials::new(
                settings.access_key_id.trim(),
                settings.secret_access_key.trim(),
                token,
            ));
        if let Some(url) = settings.endpoint_url(&origin()) {
            builder = builder.endpoint_url(url);
        }
        let client = builder
            .build()
            .map_err(|e| ApiError::local("ConfigurationError", e.to_string()))?;
        CLIENT.with_borrow_mut(|c| *c = Some((settings.clone(), client.clone())));
        Ok(Api { client })
    }

    /// The clock offset learnt from the server's `Date` (ms).
    pub fn clock_skew_millis(&self) -> i64 {
        self.client.clock_skew_millis()
    }

    /// The endpoint the client calls.
    pub fn endpoint(&self) -> String {
        self.client.endpoint().to_string()
    }

    fn call<'a>(
        &'a self,
        op: &'a str,
        input: Value,
        cancel: Option<CancelToken>,
    ) -> Boxed<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            Ok(self
                .client
                .send_json(op, input, call_options(op, cancel))
                .await?)
        })
    }

    /// One page of ListImages.
    pub async fn list_images_page(
        &self,
        query: &ImageQuery,
        next_token: Option<String>,
        cancel: Option<CancelToken>,
    ) -> Result<(Vec<ImageRow>, Option<String>), ApiError> {
        let mut input = query.to_input();
        if let Some(t) = next_token {
            input["nextToken"] = t.into();
        }
        let out = self.call("ListImages", input, cancel).await?;
        let rows = out["imageVersionList"]
            .as_array()
            .map(|l| l.iter().map(ImageRow::from_json).collect())
            .unwrap_or_default();
        let next = out["nextToken"]
            .as_str()
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        Ok((rows, next))
    }

    /// Every item of a paginated list operation (its paginator's result key).
    pub fn list_all<'a>(
        &'a self,
        op: &'a str,
        input: Value,
    ) -> Boxed<'a, Result<Vec<Value>, ApiError>> {
        Box::pin(self.list_all_unboxed(op, input))
    }

    async fn list_all_unboxed(&self, op: &str, input: Value) -> Result<Vec<Value>, ApiError> {
        let key = imagebuilder_core::model::paginator(op)
            .map(|p| p.result_key)
            .ok_or_else(|| ApiError::local("ClientError", format!("{op} is not paginated")))?;
        let mut pages = self.client.paginate_json(op, input, call_options(op, None));
        let mut items = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page?;
            if let Some(list) = page[key].as_array() {
                items.extend(list.iter().cloned());
            }
        }
        Ok(items)
    }

    /// The build versions of an image version ARN (`…/image/name/1.2.3`).
    pub async fn build_versions(&self, version_arn: &str) -> Result<Vec<Value>, ApiError> {
        self.list_all(
            "ListImageBuildVersions",
            json!({"imageVersionArn": version_arn}),
        )
        .await
    }

    /// GetImage: the whole output (`image`, `latestVersionReferences`, `requestId`).
    pub async fn get_image(&self, arn: &str) -> Result<Value, ApiError> {
        self.call("GetImage", json!({"imageBuildVersionArn": arn}), None)
            .await
    }

    /// `(arn, label)` of every item of a list operation (every page), for the launch pickers.
    pub async fn pick_list(&self, op: &str) -> Result<Vec<(String, String)>, ApiError> {
        self.pick_list_owned(op, None).await
    }

    /// Like [`Api::pick_list`] for the list operations that take `owner` (`Self`, `Shared`,
    /// `Amazon`, `ThirdParty`, `AWSMarketplace`); other owners' items are labelled with theirs.
    pub async fn pick_list_owned(
        &self,
        op: &str,
        owner: Option<&str>,
    ) -> Result<Vec<(String, String)>, ApiError> {
        let mut input = json!({"maxResults": 100});
        if let Some(o) = owner {
            input["owner"] = o.into();
        }
        let foreign = owner.is_some_and(|o| o != "Self");
        let items = self.list_all(op, input).await?;
        Ok(items
            .iter()
            .filter_map(|i| {
                let arn = i["arn"].as_str()?.to_string();
                let name = i["name"].as_str().unwrap_or_default();
                // Summaries carry no version member: it is the ARN's tail after the name.
                let version = i["version"].as_str().map(str::to_string).or_else(|| {
                    arn.split_once(&format!("/{name}/"))
                        .map(|(_, v)| v.to_string())
                });
                let mut label = match version {
                    Some(v) => format!("{name} {v}"),
                    None => name.to_string(),
                };
                if let Some(t) = i["type"].as_str().filter(|_| op == "ListWorkflows") {
                    label.push_str(&format!(" ({t})"));
                }
                if foreign {
                    let owner = i["owner"]
                        .as_str()
                        .or_else(|| arn.split(':').nth(4))
                        .unwrap_or_default();
                    label.push_str(&format!(" — {owner}"));
                }
                Some((arn, label))
            })
            .collect())
    }

    /// CreateImage with a ready input (its `clientToken` set by the caller, once per launch).
    pub async fn create_image(&self, input: Value) -> Result<String, ApiError> {
        let out = self.call("CreateImage", input, None).await?;
        Ok(out["imageBuildVersionArn"]
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// StartImagePipelineExecution (one `clientToken` per launch).
    pub async fn start_pipeline(
        &self,
        pipeline_arn: &str,
        client_token: &str,
    ) -> Result<String, ApiError> {
        let input = json!({"imagePipelineArn": pipeline_arn, "clientToken": client_token});
        let out = self
            .call("StartImagePipelineExecution", input, None)
            .await?;
        Ok(out["imageBuildVersionArn"]
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// CancelImageCreation.
    pub async fn cancel_image(&self, arn: &str) -> Result<(), ApiError> {
        self.call(
            "CancelImageCreation",
            json!({"imageBuildVersionArn": arn}),
            None,
        )
        .await
        .map(|_| ())
    }

    /// One cheap signed call: ListImages for one image.
    pub async fn probe(&self) -> Result<(), ApiError> {
        self.call(
            "ListImages",
            json!({"owner": "Self", "maxResults": 1}),
            None,
        )
        .await
        .map(|_| ())
    }
}

/// Checks `op`'s input against the model offline (nothing sent): `(member path, message)`.
pub fn validate_input(op: &str, input: &Value) -> Vec<(String, String)> {
    use imagebuilder_core::protocol::json::{JsonRequestError, validate};
    match validate(op, input) {
        Ok(()) => Vec::new(),
        Err(JsonRequestError::Validation(v)) => v
            .violations
            .into_iter()
            .map(|v| (v.path, v.message))
            .collect(),
        Err(other) => vec![(String::new(), other.to_string())],
    }
}

/// A fresh idempotency token for one launch.
pub fn new_client_token() -> String {
    #[cfg(target_arch = "wasm32")]
    let random = imagebuilder_client::fetch::JsRandom;
    #[cfg(not(target_arch = "wasm32"))]
    let random = imagebuilder_client::SeededRandom::from_entropy();
    imagebuilder_client::runtime::uuid_v4(&random)
}

/// "Check connection": probes the endpoint and says in words what to do.
pub async fn check_connection(settings: &Settings) -> Result<String, String> {
    let api = Api::connect(settings).map_err(|e| e.message)?;
    match api.probe().await {
        Ok(()) => {
            let skew = api.clock_skew_millis();
            let mut text = format!(
                "Connected to {} as {}.",
                api.endpoint(),
                settings.access_key_id.trim()
            );
            if skew.abs() > 1000 {
                text.push_str(&format!(
                    " Your clock is {} s off the server's; the console corrects for it, but fix the computer's clock.",
                    seconds::tenths(skew)
                ));
            }
            Ok(text)
        }
        Err(e) => Err(advice(settings, &e)),
    }
}

/// Plain-words advice for a failed probe.
pub fn advice(settings: &Settings, e: &ApiError) -> String {
    let what = match e.code.as_str() {
        "NetworkError" => match settings.mode {
            EndpointMode::AwsDirect => "AWS refused the cross-origin call (or the network is down): use \"AWS via this server's relay\".".to_string(),
            EndpointMode::Custom => "The custom endpoint did not answer or refused the cross-origin call: check the URL and that it sends CORS headers.".to_string(),
            _ => "This server did not answer: is imagebuilder-server still running?".to_string(),
        },
        "InvalidSignatureException" | "SignatureDoesNotMatch"
            if e.message.to_lowercase().contains("expired") || e.message.to_lowercase().contains("time") =>
        {
            "The request time is too far from the server's: set your computer's clock right.".to_string()
        }
        "InvalidSignatureException" | "SignatureDoesNotMatch" => {
            "The signature does not match: check the secret access key (and session token).".to_string()
        }
        "UnrecognizedClientException" | "InvalidClientTokenId" => {
            "The access key id is not known: check it, or your session token if the keys are temporary.".to_string()
        }
        "ExpiredTokenException" => "The session token has expired: export fresh credentials.".to_string(),
        "RelayUpstreamException" => "This server's relay could not reach AWS: give the machine running imagebuilder-server internet access to *.amazonaws.com (or run it where it has), or call AWS directly if your browser may.".to_string(),
        "RelayRefusedException" => "This server's relay refused the call: check the region and that you opened the console from the server's own address.".to_string(),
        "AccessDeniedException" => "The credentials work but may not list images: check the IAM policy.".to_string(),
        _ => "The call failed.".to_string(),
    };
    format!("{what} ({e})")
}

/// The filters and options of a ListImages call.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageQuery {
    /// `Self`, `Shared`, `Amazon`, `ThirdParty` or `AWSMarketplace`.
    pub owner: String,
    /// `(filter name, value)`, empty values left out.
    pub filters: Vec<(String, String)>,
    /// `byName`.
    pub by_name: bool,
    /// `includeDeprecated`.
    pub include_deprecated: bool,
    /// Page size (1..=100).
    pub page_size: u32,
}

impl ImageQuery {
    /// The ListImages input.
    pub fn to_input(&self) -> Value {
        let mut input = json!({"maxResults": self.page_size.clamp(1, 100)});
        if !self.owner.is_empty() {
            input["owner"] = self.owner.clone().into();
        }
        let filters: Vec<Value> = self
            .filters
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(n, v)| json!({"name": n, "values": [v.trim()]}))
            .collect();
        if !filters.is_empty() {
            input["filters"] = filters.into();
        }
        if self.by_name {
            input["byName"] = true.into();
        }
        if self.include_deprecated {
            input["includeDeprecated"] = true.into();
        }
        input
    }
}

/// One row of the images table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageRow {
    /// The image version ARN.
    pub arn: String,
    /// Name.
    pub name: String,
    /// Version (`1.2.3` or `1.2.3/4`).
    pub version: String,
    /// `AMI` or `Docker`.
    pub kind: String,
    /// Platform.
    pub platform: String,
    /// OS version.
    pub os_version: String,
    /// Owner account or alias.
    pub owner: String,
    /// Creation date.
    pub created: String,
}

impl ImageRow {
    /// From a ListImages item.
    pub fn from_json(v: &Value) -> Self {
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        Self {
            arn: s("arn"),
            name: s("name"),
            version: s("version"),
            kind: s("type"),
            platform: s("platform"),
            os_version: s("osVersion"),
            // The ARN's account when the item has no owner member.
            owner: v["owner"]
                .as_str()
                .or_else(|| v["arn"].as_str().and_then(|a| a.split(':').nth(4)))
                .unwrap_or_default()
                .to_string(),
            created: s("dateCreated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imagebuilder_client::CallMetadata;
    use std::time::Duration;

    #[test]
    fn retries_and_clock_corrections_are_told_in_words_and_plain_calls_are_not() {
        let retry = CallEvent::Retrying {
            attempt: 1,
            max_attempts: 3,
            delay: Duration::from_millis(420),
            reason: "ThrottlingException".into(),
        };
        assert_eq!(
            describe("ListImages", &retry).map(|n| n.text).as_deref(),
            Some("Retrying ListImages (attempt 2 of 3) after ThrottlingException in 0.4 s")
        );
        let skew = CallEvent::ClockSkewCorrected {
            offset_millis: -600_400,
        };
        let text = describe("GetImage", &skew)
            .map(|n| n.text)
            .unwrap_or_default();
        assert!(text.contains("-600.4 s"), "{text}");
        let mut m = CallMetadata::default();
        m.attempts = 1;
        m.http_status = Some(200);
        assert_eq!(
            describe("ListImages", &CallEvent::Finished(m.clone())),
            None
        );
        m.attempts = 3;
        m.total_retry_delay = Duration::from_millis(1500);
        m.request_id = Some("req-1".into());
        assert_eq!(
            describe("ListImages", &CallEvent::Finished(m.clone()))
                .map(|n| n.text)
                .as_deref(),
            Some("ListImages answered after 3 attempts (1.5 s of backoff, request id req-1)")
        );
        m.http_status = Some(400);
        let text = describe("ListImages", &CallEvent::Finished(m))
            .map(|n| n.text)
            .unwrap_or_default();
        assert!(
            text.starts_with("ListImages failed (HTTP 400) after 3 attempts"),
            "{text}"
        );
    }
}
