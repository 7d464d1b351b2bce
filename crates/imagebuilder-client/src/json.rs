//! The JSON entry points: any operation by name with a `serde_json::Value` input and output,
//! over the same engine, token filling and paginator as the typed ones (the npm package uses
//! these: they link the protocol tables, not every typed shape).

use crate::call::CallOptions;
use crate::call::Json;
use crate::client::Client;
use crate::error::CallError;
use crate::paginate::PageStream;
use futures_util::stream::{self, StreamExt};
use serde_json::Value;

impl Client {
    /// Calls `operation` with a JSON input (model member names) and returns its JSON output.
    /// Like [`Client::send`]: validated first, an empty idempotency token (`clientToken`) filled
    /// with a UUIDv4 for the operations that have one, retried as the standard mode does.
    /// `options`: `()` for none, or [`CallOptions`] / a [`CancelToken`](crate::CancelToken).
    pub async fn send_json(
        &self,
        operation: &str,
        input: Value,
        options: impl Into<CallOptions>,
    ) -> Result<Value, CallError> {
        self.call(&Json::named(operation), input, options.into())
            .await
    }

    /// All pages of a paginated `operation` (one of
    /// [`PAGINATED_OPERATIONS`](imagebuilder_core::model::PAGINATED_OPERATIONS)) as JSON; any
    /// other operation gives a stream of one `JsonRequest` error.
    pub fn paginate_json(
        &self,
        operation: &str,
        input: Value,
        options: impl Into<CallOptions>,
    ) -> PageStream<Value> {
        match Json::named(operation).paged() {
            Ok(json) => self.pages(json, input, options.into()),
            Err(error) => stream::once(async move { Err(error) }).boxed_local(),
        }
    }
}
