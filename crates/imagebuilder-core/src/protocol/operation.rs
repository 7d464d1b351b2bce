//! The typed contract: the [`Operation`] and [`Paginated`] traits every generated operation
//! implements, and [`validate_input`].

use super::engine;
use super::errors::ResponseError;
use super::parts::{RequestParts, ResponseParts};
use super::violation::{ValidationError, Violation};

/// Checks a typed input against the model without laying out a request: every violation, as
/// [`Operation::request`] would report them.
///
/// ```
/// use imagebuilder_core::{operations::ListImages, types::ListImagesRequest};
/// use imagebuilder_core::protocol::validate_input;
///
/// let mut input = ListImagesRequest::default();
/// input.max_results = Some(500);
/// let err = validate_input::<ListImages>(&input).unwrap_err();
/// assert_eq!(err.violations[0].message, "maxResults: must be between 1 and 100, got 500");
/// ```
pub fn validate_input<O: Operation>(input: &O::Input) -> Result<(), ValidationError>
where
    O::Input: serde::Serialize,
{
    let Some(op) = engine::find(O::NAME) else {
        return Err(ValidationError {
            operation: O::NAME,
            // Not a member's violation: the path stays empty, the message names the operation.
            violations: vec![Violation {
                path: String::new(),
                rule: "unknown",
                message: format!("{}: not an operation of the model", O::NAME),
            }],
        });
    };
    engine::typed_validate(op, input)
}

/// A typed operation of the service. Implemented by every generated operation.
pub trait Operation {
    /// The operation's model name, e.g. `ListImages`.
    const NAME: &'static str;
    /// The input shape.
    type Input;
    /// The output shape.
    type Output;
    /// Validates `input` against the model and lays it out as an HTTP request.
    fn request(input: &Self::Input) -> Result<RequestParts, ValidationError>;
    /// Parses a response: 2xx into the output, anything else into a [`ServiceError`](super::ServiceError).
    fn response(response: ResponseParts<'_>) -> Result<Self::Output, ResponseError>;
    /// The input's idempotency token member (`clientToken`), for operations that have one.
    fn client_token(input: &mut Self::Input) -> Option<&mut Option<String>> {
        let _ = input;
        None
    }
}

/// An operation with a paginator in the model (`paginators-1.json`).
pub trait Paginated: Operation {
    /// One element of the result list (`result_key`).
    type Item;
    /// Sets `nextToken` on the input for the next page.
    fn set_next_token(input: &mut Self::Input, token: Option<String>);
    /// The output's `nextToken`, `None` (or empty) on the last page.
    fn next_token(output: &Self::Output) -> Option<&str>;
    /// Takes the page's items out of the output.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}
