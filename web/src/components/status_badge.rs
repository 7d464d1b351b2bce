//! An image status as a coloured badge with its text (colour is never the only cue).

use leptos::prelude::*;

/// The CSS class for a status.
pub fn status_class(status: &str) -> &'static str {
    match status {
        "AVAILABLE" => "badge ok",
        "FAILED" | "CANCELLED" | "DELETED" => "badge bad",
        "DEPRECATED" | "DISABLED" => "badge muted",
        "" => "badge muted",
        _ => "badge busy",
    }
}

/// `status` in a badge.
#[component]
pub fn StatusBadge(#[prop(into)] status: String) -> impl IntoView {
    let class = status_class(&status);
    let text = if status.is_empty() {
        "UNKNOWN".to_string()
    } else {
        status
    };
    view! { <span class=class>{text}</span> }
}
