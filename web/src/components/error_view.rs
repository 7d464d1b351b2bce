//! How a failed call is shown: the AWS code, the message, the request id and the attempts;
//! for validation errors, each member and rule.

use crate::api::ApiError;
use leptos::prelude::*;

/// One error, as an alert.
#[component]
pub fn ErrorView(error: ApiError) -> impl IntoView {
    let ApiError {
        code,
        message,
        request_id,
        status,
        attempts,
        retry_delay_ms,
        violations,
    } = error;
    view! {
        <div class="error" role="alert">
            <p>
                <strong class="code">{code}</strong>
                {status.map(|s| format!(" (HTTP {s})"))}
                ": "
                <span class="message">{message}</span>
            </p>
            {request_id.map(|id| view! { <p class="request-id">"Request id: " <code>{id}</code></p> })}
            {(attempts > 1).then(|| view! { <p class="attempts">{format!("After {attempts} attempts ({} s of backoff between them).", crate::seconds::duration_tenths(std::time::Duration::from_millis(retry_delay_ms)))}</p> })}
            {(!violations.is_empty()).then(|| view! {
                <ul class="violations">
                    {violations.into_iter().map(|(path, msg)| view! { <li><code>{path}</code>": "{msg}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// The fallback of an `ErrorBoundary`: every error it caught, as text.
pub fn boundary_fallback(errors: ArcRwSignal<leptos::error::Errors>) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            {move || errors.get().into_iter().map(|(_, e)| view! { <p>{e.to_string()}</p> }).collect_view()}
        </div>
    }
}
