//! The one operation descriptor the engine runs, whichever way a call comes in: [`Typed`] (any
//! `imagebuilder_core::protocol::Operation`, so every generated operation) and [`Json`] (an
//! operation of the model by name, JSON in and out). Filling the idempotency token
//! ([`Client::call`]) and pagination ([`Client::pages`]) are written once, over [`Descriptor`];
//! the waiter polls through [`Client::call`] too.

use crate::client::Client;
use crate::error::{CallError, CallErrorKind};
use crate::metadata::{CallEvent, CallObserver};
use crate::paginate::PageStream;
use crate::runtime::{CancelToken, uuid_v4};
use futures_util::stream::{self, StreamExt};
use imagebuilder_core::model::{self, Paginator};
use imagebuilder_core::protocol::json::{self, JsonRequestError};
use imagebuilder_core::protocol::{
    Operation, Paginated, RequestParts, ResponseError, ResponseParts,
};
use serde_json::Value;
use std::collections::HashSet;
use std::marker::PhantomData;
use std::time::Duration;

/// Per-call options.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CallOptions {
    /// Cancels the call (between or during attempts).
    pub cancel: Option<CancelToken>,
    /// The whole call's timeout (attempts and backoff), instead of the client's
    /// `total_timeout`. For a paginator: each page's call.
    pub total_timeout: Option<Duration>,
    /// A paginator stops (cleanly, as after the last page) once it has yielded this many pages.
    pub max_pages: Option<u32>,
    /// Told of retries and clock corrections as they happen, and of the call's metadata at its
    /// end (for a paginator or waiter: of each call's).
    pub observer: Option<CallObserver>,
}

impl CallOptions {
    /// Options with a cancel token.
    pub fn cancellable(token: CancelToken) -> Self {
        Self {
            cancel: Some(token),
            ..Self::default()
        }
    }

    /// These options with a total timeout for the call (each page's, for a paginator).
    pub fn with_total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// These options with an observer calling `f` with each [`CallEvent`] of the call.
    pub fn with_observer(mut self, f: impl Fn(&CallEvent) + 'static) -> Self {
        self.observer = Some(CallObserver::new(f));
        self
    }

    /// These options with a page cap for a paginator.
    pub fn with_max_pages(mut self, pages: u32) -> Self {
        self.max_pages = Some(pages);
        self
    }
}

/// No options: `client.send::<ListImages>(input, ())`.
impl From<()> for CallOptions {
    fn from((): ()) -> Self {
        Self::default()
    }
}

/// Cancellable through `token`.
impl From<CancelToken> for CallOptions {
    fn from(token: CancelToken) -> Self {
        Self::cancellable(token)
    }
}

/// The same options (a clone: clones share the cancel token).
impl From<&CallOptions> for CallOptions {
    fn from(options: &CallOptions) -> Self {
        options.clone()
    }
}

/// Cancellable through (a clone of) `token`.
impl From<&CancelToken> for CallOptions {
    fn from(token: &CancelToken) -> Self {
        Self::cancellable(token.clone())
    }
}

/// An operation as the engine runs it.
pub(crate) trait Descriptor {
    /// What the caller passes in (cloned for each page of a paginator).
    type Input;
    /// What a successful call returns.
    type Output;
    /// The input's idempotency token when the operation has one and the input holds a string
    /// (or nothing) there: `Some(None)` when unset. `None`: nothing to fill (no token member, or
    /// a value of the wrong type, which validation reports).
    fn client_token<'a>(&self, input: &'a mut Self::Input) -> Option<Option<&'a str>>;
    /// Sets the idempotency token.
    fn set_client_token(&self, input: &mut Self::Input, token: String);
    /// Validates the input and lays it out.
    fn request(&self, input: &Self::Input) -> Result<RequestParts, CallErrorKind>;
    /// Parses a response.
    fn response(&self, response: ResponseParts<'_>) -> Result<Self::Output, ResponseError>;
}

/// A [`Descriptor`] of an operation with a paginator.
pub(crate) trait Paged: Descriptor {
    /// The operation's model name, for the pagination-loop error.
    fn operation(&self) -> &'static str;
    /// Sets the input's `nextToken`.
    fn set_next_token(&self, input: &mut Self::Input, token: String);
    /// The output's `nextToken`, if any.
    fn next_token<'a>(&self, output: &'a Self::Output) -> Option<&'a str>;
}

/// A typed operation (`Typed::<ListImages>::new()`).
pub(crate) struct Typed<O>(PhantomData<fn() -> O>);

impl<O> Typed<O> {
    pub(crate) fn new() -> Self {
        Self(PhantomData)
    }
}

impl<O: Operation> Descriptor for Typed<O> {
    type Input = O::Input;
    type Output = O::Output;

    fn client_token<'a>(&self, input: &'a mut O::Input) -> Option<Option<&'a str>> {
        O::client_token(input).map(|t| t.as_deref())
    }

    fn set_client_token(&self, input: &mut O::Input, token: String) {
        if let Some(slot) = O::client_token(input) {
            *slot = Some(token);
        }
    }

    fn request(&self, input: &O::Input) -> Result<RequestParts, CallErrorKind> {
        O::request(input).map_err(CallErrorKind::Validation)
    }

    fn response(&self, response: ResponseParts<'_>) -> Result<O::Output, ResponseError> {
        O::response(response)
    }
}

impl<O: Paginated> Paged for Typed<O> {
    fn operation(&self) -> &'static str {
        O::NAME
    }

    fn set_next_token(&self, input: &mut O::Input, token: String) {
        O::set_next_token(input, Some(token));
    }

    fn next_token<'a>(&self, output: &'a O::Output) -> Option<&'a str> {
        O::next_token(output)
    }
}

/// An operation of the model by name, with JSON input and output (model member names).
pub(crate) struct Json<'a> {
    name: &'a str,
    client_token: Option<&'static str>,
    paginator: Option<Paginator>,
}

impl<'a> Json<'a> {
    /// `name` as the model describes it (an unknown name fails at [`Descriptor::request`]).
    pub(crate) fn named(name: &'a str) -> Self {
        Self {
            name,
            client_token: model::client_token_member(name),
            paginator: model::paginator(name),
        }
    }

    /// This operation as a paginator, or the error a paginator of it ends with.
    pub(crate) fn paged(self) -> Result<Json<'static>, CallError> {
        let name = model::PAGINATED_OPERATIONS
            .iter()
            .find(|op| **op == self.name)
            .filter(|_| self.paginator.is_some());
        match name {
            Some(name) => Ok(Json {
                name,
                client_token: self.client_token,
                paginator: self.paginator,
            }),
            None => Err(CallError::new(
                CallErrorKind::JsonRequest {
                    operation: self.name.to_string(),
                    error: JsonRequestError::NotPaginated(self.name.to_string()),
                },
                0,
            )),
        }
    }
}

impl Descriptor for Json<'_> {
    type Input = Value;
    type Output = Value;

    fn client_token<'b>(&self, input: &'b mut Value) -> Option<Option<&'b str>> {
        match input.get(self.client_token?) {
            None | Some(Value::Null) => Some(None),
            Some(Value::String(s)) => Some(Some(s)),
            Some(_) => None,
        }
    }

    fn set_client_token(&self, input: &mut Value, token: String) {
        if let (Some(member), Value::Object(map)) = (self.client_token, input) {
            map.insert(member.to_string(), Value::String(token));
        }
    }

    fn request(&self, input: &Value) -> Result<RequestParts, CallErrorKind> {
        json::request(self.name, input).map_err(|e| match e {
            JsonRequestError::Validation(v) => CallErrorKind::Validation(v),
            error => CallErrorKind::JsonRequest {
                operation: self.name.to_string(),
                error,
            },
        })
    }

    fn response(&self, response: ResponseParts<'_>) -> Result<Value, ResponseError> {
        json::response(self.name, response)
    }
}

impl Paged for Json<'static> {
    fn operation(&self) -> &'static str {
        self.name
    }

    fn set_next_token(&self, input: &mut Value, token: String) {
        if let (Some(p), Value::Object(map)) = (self.paginator, input) {
            map.insert(p.input_token.to_string(), Value::String(token));
        }
    }

    fn next_token<'b>(&self, output: &'b Value) -> Option<&'b str> {
        let p = self.paginator?;
        output.get(p.output_token).and_then(Value::as_str)
    }
}

impl Client {
    /// The one way a call goes: an empty idempotency token filled with a UUIDv4 (once per call,
    /// so every retry sends the same), the input validated and laid out, then the engine
    /// ([`Client::execute`]).
    pub(crate) async fn call<D: Descriptor>(
        &self,
        descriptor: &D,
        mut input: D::Input,
        options: CallOptions,
    ) -> Result<D::Output, CallError> {
        if descriptor
            .client_token(&mut input)
            .is_some_and(|token| token.is_none_or(str::is_empty))
        {
            descriptor.set_client_token(&mut input, uuid_v4(self.random().as_ref()));
        }
        let parts = descriptor
            .request(&input)
            .map_err(|kind| CallError::new(kind, 0))?;
        self.execute(parts, &|response| descriptor.response(response), options)
            .await
    }

    /// The one paginator: every page of `descriptor` from `input` (whose token, if set, is the
    /// first page's). It asks for the next page only when polled past the current one, stops
    /// after the page without a `nextToken` (or with an empty one), stops with the error of a
    /// failed page, stops after `options.max_pages` pages, and stops with
    /// `CallErrorKind::PaginationLoop` if the service hands back any token it was given before
    /// (A, B, A... as well as A, A).
    pub(crate) fn pages<D>(
        &self,
        descriptor: D,
        input: D::Input,
        options: CallOptions,
    ) -> PageStream<D::Output>
    where
        D: Paged + 'static,
        D::Input: Clone + 'static,
        D::Output: 'static,
    {
        struct State<D: Paged> {
            client: Client,
            descriptor: D,
            input: D::Input,
            options: CallOptions,
            /// `Some(token)` while there is a page to fetch (`Some(None)` for the first).
            next: Option<Option<String>>,
            /// An error to yield after the page just yielded.
            error: Option<CallError>,
            pages: u32,
            /// Every token sent so far.
            seen: HashSet<String>,
        }
        let state = State {
            client: self.clone(),
            descriptor,
            input,
            options,
            next: Some(None),
            error: None,
            pages: 0,
            seen: HashSet::new(),
        };
        stream::unfold(state, |mut state| async move {
            if let Some(e) = state.error.take() {
                return Some((Err(e), state));
            }
            if state
                .options
                .max_pages
                .is_some_and(|cap| state.pages >= cap)
            {
                return None;
            }
            let token = state.next.take()?;
            let mut input = state.input.clone();
            if let Some(t) = &token {
                state.descriptor.set_next_token(&mut input, t.clone());
            }
            let page = state
                .client
                .call(&state.descriptor, input, state.options.clone())
                .await;
            match page {
                Ok(output) => {
                    state.pages += 1;
                    let next = state
                        .descriptor
                        .next_token(&output)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string);
                    if let Some(t) = &token {
                        state.seen.insert(t.clone());
                    }
                    if next.as_ref().is_some_and(|n| state.seen.contains(n)) {
                        let operation = state.descriptor.operation();
                        let pages = state.pages;
                        let kind = CallErrorKind::PaginationLoop { operation, pages };
                        state.error = Some(CallError::new(kind, 1));
                    } else {
                        state.next = next.map(Some);
                    }
                    Some((Ok(output), state))
                }
                Err(e) => Some((Err(e), state)),
            }
        })
        .boxed_local()
    }
}
