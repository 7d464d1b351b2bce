//! The live status timeline of one build: each status seen, with the time it was first seen.

use crate::components::status_badge::StatusBadge;
use leptos::prelude::*;

/// The statuses a build goes through, in order.
pub const PHASES: &[&str] = &[
    "PENDING",
    "BUILDING",
    "TESTING",
    "DISTRIBUTING",
    "AVAILABLE",
];

/// `seen` is `(status, time seen)` in order.
#[component]
pub fn Timeline(#[prop(into)] seen: Signal<Vec<(String, String)>>) -> impl IntoView {
    view! {
        <ol class="timeline" aria-label="Build status timeline">
            {move || seen.get().into_iter().map(|(status, at)| view! {
                <li><StatusBadge status=status/>" "<time>{at}</time></li>
            }).collect_view()}
        </ol>
    }
}
