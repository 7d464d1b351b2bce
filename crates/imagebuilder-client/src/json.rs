//! The JSON entry points: any operation by name with a `serde_json::Value` input and output,
//! over the same engine as the typed ones (the npm package uses these to stay small).

use crate::client::{CallOptions, Client};
use crate::error::{CallError, CallErrorKind};
use crate::paginate::PageStream;
use crate::runtime::uuid_v4;
use futures_util::stream::{self, StreamExt};
use imagebuilder_core::protocol::json::{self, JsonRequestError};
use serde_json::Value;

impl Client {
    /// Calls `operation` with a JSON input (model member names) and returns its JSON output.
    /// Like [`Client::send`]: validated first, an empty idempotency token (`clientToken`) filled
    /// with a UUIDv4 for the operations that have one, retried as the standard mode does.
    pub async fn send_json(&self, operation: &str, input: Value) -> Result<Value, CallError> {
        self.send_json_with(operation, input, &CallOptions::default())
            .await
    }

    /// [`Client::send_json`] with options.
    pub async fn send_json_with(
        &self,
        operation: &str,
        mut input: Value,
        options: &CallOptions,
    ) -> Result<Value, CallError> {
        if let Some(member) = imagebuilder_core::model::client_token_member(operation)
            && let Value::Object(map) = &mut input
        {
            let empty = match map.get(member) {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => s.is_empty(),
                Some(_) => false,
            };
            if empty {
                map.insert(
                    member.to_string(),
                    Value::String(uuid_v4(self.random().as_ref())),
                );
            }
        }
        let parts = json::request(operation, &input).map_err(|e| {
            let kind = match e {
                JsonRequestError::Validation(v) => CallErrorKind::Validation(v),
                other => CallErrorKind::JsonRequest {
                    operation: operation.to_string(),
                    error: other,
                },
            };
            CallError::new(kind, 0)
        })?;
        self.execute(
            parts,
            &|response| json::response(operation, response),
            options,
        )
        .await
    }

    /// All pages of a paginated `operation` (one of [`imagebuilder_core::model::PAGINATED_OPERATIONS`]) as JSON.
    pub fn paginate_json(&self, operation: &str, input: Value) -> PageStream<Value> {
        self.paginate_json_with(operation, input, CallOptions::default())
    }

    /// [`Client::paginate_json`] with options.
    pub fn paginate_json_with(
        &self,
        operation: &str,
        input: Value,
        options: CallOptions,
    ) -> PageStream<Value> {
        let found = imagebuilder_core::model::PAGINATED_OPERATIONS
            .iter()
            .find(|name| **name == operation)
            .zip(imagebuilder_core::model::paginator(operation));
        let Some((&name, paginator)) = found else {
            let error = CallError::new(
                CallErrorKind::JsonRequest {
                    operation: operation.to_string(),
                    error: JsonRequestError::NotPaginated(operation.to_string()),
                },
                0,
            );
            return stream::once(async move { Err(error) }).boxed_local();
        };
        let client = self.clone();
        let state = (
            client,
            input,
            options,
            Some(None::<String>),
            0u32,
            None::<CallError>,
        );
        stream::unfold(
            state,
            move |(client, input, options, next, pages, error)| async move {
                if let Some(e) = error {
                    return Some((Err(e), (client, input, options, None, pages, None)));
                }
                let token = next?;
                let mut page_input = input.clone();
                if let (Some(t), Value::Object(map)) = (&token, &mut page_input) {
                    map.insert(paginator.input_token.to_string(), Value::String(t.clone()));
                }
                match client.send_json_with(name, page_input, &options).await {
                    Ok(output) => {
                        let pages = pages + 1;
                        let next_token = output
                            .get(paginator.output_token)
                            .and_then(Value::as_str)
                            .filter(|t| !t.is_empty())
                            .map(str::to_string);
                        let (next, error) = if next_token.is_some() && next_token == token {
                            (
                                None,
                                Some(CallError::new(
                                    CallErrorKind::PaginationLoop {
                                        operation: name,
                                        pages,
                                    },
                                    1,
                                )),
                            )
                        } else {
                            (next_token.map(Some), None)
                        };
                        Some((Ok(output), (client, input, options, next, pages, error)))
                    }
                    Err(e) => Some((Err(e), (client, input, options, None, pages, None))),
                }
            },
        )
        .boxed_local()
    }
}
