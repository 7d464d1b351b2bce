//! The Image Builder emulator: SigV4-verified requests decoded by the core, answered from the
//! [`Store`], encoded by the core.

pub mod builds;
pub mod demo;
pub mod error;
pub mod faults;
pub mod filters;
pub mod images;
pub mod paging;
pub mod references;
pub mod resources;

use crate::store::{Store, StoreError};
use error::ApiError;
use imagebuilder_core::protocol::server;
use imagebuilder_core::signing::Credentials;
use imagebuilder_core::verify::{self, IncomingRequest, VerifyParams};
use paging::Pager;
use serde_json::Value;
use std::sync::RwLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// The signing name every request must be scoped to.
pub const SERVICE: &str = "imagebuilder";

/// The operations the emulator answers; every other operation of the model is refused with an
/// error naming it.
pub const EMULATED: &[&str] = &[
    "CancelImageCreation",
    "CreateImage",
    "DeleteImage",
    "GetComponent",
    "GetContainerRecipe",
    "GetDistributionConfiguration",
    "GetImage",
    "GetImagePipeline",
    "GetImageRecipe",
    "GetInfrastructureConfiguration",
    "GetWorkflow",
    "ListComponents",
    "ListContainerRecipes",
    "ListDistributionConfigurations",
    "ListImageBuildVersions",
    "ListImagePackages",
    "ListImagePipelineImages",
    "ListImagePipelines",
    "ListImageRecipes",
    "ListImages",
    "ListInfrastructureConfigurations",
    "ListTagsForResource",
    "ListWorkflows",
    "StartImagePipelineExecution",
    "TagResource",
    "UntagResource",
];

/// Who the emulator is: its account, region, credentials and clock speed.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// The account that owns the caller's resources.
    pub account: String,
    /// The region requests are signed for and resources live in.
    pub region: String,
    /// The only credentials accepted.
    pub credentials: Credentials,
    /// How much faster than real time builds progress (1 = real time).
    pub speed: f64,
}

/// The emulator: configuration, state and the page-token key.
#[derive(Debug)]
pub struct Emulator {
    /// Who it is.
    pub config: EmulatorConfig,
    /// The state.
    pub store: RwLock<Store>,
    pager: Pager,
    /// Held across an idempotent call's check, work and record, so that two concurrent calls
    /// with one `clientToken` cannot both do the work.
    pub(crate) idempotency: std::sync::Mutex<()>,
    /// Whether the [`faults`] headers are honoured (`--test-faults`; off by default).
    test_faults: std::sync::atomic::AtomicBool,
}

/// A response of the emulator: status, headers and body, laid out by the core.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// `x-amzn-ErrorType` for errors.
    pub error_type: Option<&'static str>,
    /// The JSON body.
    pub body: Vec<u8>,
    /// The emulator's clock for the `Date` header, when a test fault sets it off (else now).
    pub date: Option<SystemTime>,
}

/// A request as the emulator sees it.
#[derive(Debug, Clone, Copy)]
pub struct EmulatorRequest<'a> {
    /// The method.
    pub method: &'a str,
    /// The path and query as sent (what the signature covers).
    pub path_and_query: &'a str,
    /// The path below the emulator's mount point (`/ListImages`).
    pub operation_path: &'a str,
    /// The raw query string, without `?`.
    pub query: &'a str,
    /// The headers.
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: &'a [u8],
}

/// Seconds since the Unix epoch, from the system clock.
pub fn now_secs() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

impl Emulator {
    /// An emulator over `store`; the demo data goes in when the store is empty.
    pub fn new(config: EmulatorConfig, mut store: Store) -> Result<Self, StoreError> {
        let key = store.meta_or_insert("page-token-key", || {
            let mut key = [0u8; 32];
            // Without an OS random source the key is still per-server but guessable; say so.
            if getrandom::fill(&mut key).is_err() {
                eprintln!(
                    "imagebuilder-server: no OS randomness; page tokens use a time-based key"
                );
                key[..16].copy_from_slice(&now_secs().to_bits().to_le_bytes().repeat(2));
            }
            key.to_vec()
        })?;
        let mut k = [0u8; 32];
        for (d, s) in k.iter_mut().zip(key.iter()) {
            *d = *s;
        }
        if store.is_empty() {
            store.put_many(demo::resources(&config.account, &config.region, now_secs()))?;
        }
        Ok(Self {
            config,
            store: RwLock::new(store),
            pager: Pager::new(k),
            idempotency: std::sync::Mutex::new(()),
            test_faults: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Honours (or not) the test-only [`faults`] headers.
    pub fn set_test_faults(&self, on: bool) {
        self.test_faults
            .store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// The page-token issuer.
    pub fn pager(&self) -> &Pager {
        &self.pager
    }

    /// Handles one request: signature, decoding, the operation, encoding.
    pub fn handle(&self, req: &EmulatorRequest<'_>, request_id: &str) -> Reply {
        let (method, operation_path, query, body) =
            (req.method, req.operation_path, req.query, req.body);
        let request = IncomingRequest {
            method,
            path_and_query: req.path_and_query,
            headers: req.headers,
            body,
        };
        let faults = if self.test_faults.load(std::sync::atomic::Ordering::Relaxed) {
            match faults::Faults::from_headers(req.headers) {
                Ok(f) => f,
                Err(e) => return error_reply(e),
            }
        } else {
            faults::Faults::default()
        };
        let now = faults.now();
        let date = (faults.clock_offset_secs != 0).then_some(now);
        let mut params =
            VerifyParams::new(&self.config.credentials, &self.config.region, SERVICE, now);
        params.max_skew = verify::MAX_SKEW;
        if let Err(e) = verify::verify(&request, &params) {
            let r = server::error_response(e.code(), &e.to_string());
            return Reply {
                status: e.status(),
                error_type: Some(r.code),
                body: r.body,
                date,
            };
        }
        if let Some(code) = faults.error {
            return error_reply(ApiError::new(
                code,
                format!(
                    "{code} on purpose: the request carries {}.",
                    faults::FAULT_HEADER
                ),
            ));
        }
        // An operation the emulator does not answer is refused before its input is checked.
        if let Ok((name, _)) = server::route(method, operation_path)
            && !EMULATED.contains(&name)
        {
            return error_reply(not_emulated(name));
        }
        let mut decoded = match server::decode_request(method, operation_path, query, body) {
            Ok(d) => d,
            Err(e) => return error_reply(ApiError::new(e.code(), e.to_string())),
        };
        faults.cap_page(decoded.operation, &mut decoded.input);
        match self.dispatch(decoded.operation, &decoded.input) {
            Ok(mut output) => {
                if let Some(obj) = output.as_object_mut() {
                    obj.insert("requestId".to_string(), Value::from(request_id));
                }
                match server::encode_output(decoded.operation, &output) {
                    Ok(body) => Reply {
                        status: 200,
                        error_type: None,
                        body,
                        date,
                    },
                    Err(e) => error_reply(ApiError::new("ServiceException", e.to_string())),
                }
            }
            Err(e) => error_reply(e),
        }
    }

    /// Runs `operation` on a validated `input`.
    pub fn dispatch(&self, operation: &str, input: &Value) -> Result<Value, ApiError> {
        match operation {
            "ListImages" => images::list_images(self, input),
            "ListImageBuildVersions" => images::list_image_build_versions(self, input),
            "GetImage" => images::get_image(self, input),
            "ListImagePackages" => images::list_image_packages(self, input),
            "ListImagePipelineImages" => images::list_image_pipeline_images(self, input),
            "CreateImage" => builds::create_image(self, input),
            "StartImagePipelineExecution" => builds::start_pipeline_execution(self, input),
            "CancelImageCreation" => builds::cancel_image_creation(self, input),
            "DeleteImage" => builds::delete_image(self, input),
            "ListTagsForResource" => resources::list_tags(self, input),
            "TagResource" => resources::tag_resource(self, input),
            "UntagResource" => resources::untag_resource(self, input),
            other => match resources::KINDS.iter().find(|k| k.list_op == other) {
                Some(def) => resources::list(self, def, input),
                None => match resources::KINDS.iter().find(|k| k.get_op == other) {
                    Some(def) => resources::get(self, def, input),
                    None => Err(not_emulated(other)),
                },
            },
        }
    }

    /// The store for reading (a poisoned lock is recovered: every write is whole).
    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(|p| p.into_inner())
    }

    /// The store for writing.
    pub fn write(&self) -> std::sync::RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(|p| p.into_inner())
    }
}

/// The refusal of an operation the emulator does not answer: `InvalidRequestException` (a
/// modelled error of every operation, and not retried by the SDKs), naming it.
pub fn not_emulated(operation: &str) -> ApiError {
    ApiError::invalid_request(format!(
        "{operation} is not emulated by imagebuilder-server; it emulates {}.",
        EMULATED.join(", ")
    ))
}

/// The reply for an error.
pub fn error_reply(e: ApiError) -> Reply {
    let r = server::error_response(e.code, &e.message);
    Reply {
        status: r.status,
        error_type: Some(r.code),
        body: r.body,
        date: None,
    }
}
