//! The owner choice of the list operations that take `owner` (ListImageRecipes,
//! ListContainerRecipes, ListWorkflows, ListComponents): the model's `Ownership` values.

use imagebuilder_core::types::Ownership;
use leptos::prelude::*;

/// Words for an `Ownership` value.
pub fn owner_label(value: &str) -> &str {
    match value {
        "Self" => "Mine (Self)",
        "Shared" => "Shared with me",
        "Amazon" => "Amazon",
        "ThirdParty" => "Third party",
        "AWSMarketplace" => "AWS Marketplace",
        other => other,
    }
}

/// A labelled select over the model's owners, bound to `owner`.
#[component]
pub fn OwnerSelect(
    /// The select's id.
    id: &'static str,
    /// Its label.
    label: &'static str,
    /// The chosen `Ownership` value.
    owner: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select id=id on:change=move |ev| owner.set(event_target_value(&ev)) prop:value=move || owner.get()>
            {Ownership::values().iter().map(|v| view! { <option value=*v>{owner_label(v)}</option> }).collect_view()}
        </select>
    }
}
