//! The owner choice of the list operations that take `owner` (ListImageRecipes,
//! ListContainerRecipes, ListWorkflows, ListComponents): the model's `Ownership` values.

use crate::api::{Api, ApiError};
use crate::app::SettingsSignal;
use imagebuilder_core::types::Ownership;
use leptos::prelude::*;

/// The `(arn, label)` items of a picker, or why they could not be listed.
pub type Picks = Result<Vec<(String, String)>, ApiError>;

/// A picker's list fetched for an owner, read only while it answers for the chosen owner: while
/// another owner's list loads, the old one is not shown under the new owner's name.
#[derive(Clone, Copy)]
pub struct OwnedPicks {
    list: LocalResource<(String, Picks)>,
    owner: RwSignal<String>,
}

impl std::fmt::Debug for OwnedPicks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnedPicks").finish_non_exhaustive()
    }
}

impl OwnedPicks {
    /// `list` answers with the owner it was fetched for; `owner` is the one chosen.
    pub fn new(list: LocalResource<(String, Picks)>, owner: RwSignal<String>) -> Self {
        Self { list, owner }
    }

    /// The items of the list operations `ops` (every page of each, in that order) owned by
    /// `owner`, fetched again when the settings or the owner change. One resource type for
    /// every owned picker.
    pub fn list(
        settings: SettingsSignal,
        ops: &'static [&'static str],
        owner: RwSignal<String>,
    ) -> Self {
        let list = LocalResource::new(move || {
            let (s, chosen) = (settings.get(), owner.get());
            async move {
                let list = async {
                    let api = Api::connect(&s)?;
                    let mut list = Vec::new();
                    for op in ops {
                        list.extend(api.pick_list_owned(op, Some(&chosen)).await?);
                    }
                    Ok::<_, ApiError>(list)
                }
                .await;
                (chosen, list)
            }
        });
        Self::new(list, owner)
    }

    /// The list for the chosen owner (`None` while it loads); reactive.
    pub fn get(&self) -> Option<Picks> {
        self.list
            .get()
            .filter(|(o, _)| self.owner.with(|now| now == o))
            .map(|(_, list)| list)
    }
}

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
