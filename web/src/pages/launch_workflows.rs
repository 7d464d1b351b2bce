//! The Launch form's workflows: an owner choice over ListWorkflows (every page), any number of
//! workflows each with its parameters and failure behaviour, and the execution role.

use crate::components::owner_select::{OwnedPicks, OwnerSelect, owner_label};
use crate::counted::counted;
use crate::pages::launch_form::{LaunchForm, WorkflowChoice};
use leptos::prelude::*;

/// The messages of every problem under `prefix` (`workflows[0]` …).
fn problems_under(problems: &[(String, String)], prefix: &str) -> Vec<String> {
    problems
        .iter()
        .filter(|(p, _)| {
            p == prefix
                || p.starts_with(&format!("{prefix}."))
                || p.starts_with(&format!("{prefix}["))
        })
        .map(|(p, m)| format!("{p}: {m}"))
        .collect()
}

/// The workflows fieldset.
#[component]
pub fn WorkflowsFieldset(
    /// The form.
    form: RwSignal<LaunchForm>,
    /// The core's problems with it.
    problems: Memo<Vec<(String, String)>>,
    /// The owner ListWorkflows is called with.
    owner: RwSignal<String>,
    /// Its answer for the chosen owner (every page; `None` while loading).
    workflows: OwnedPicks,
) -> impl IntoView {
    let count = Memo::new(move |_| form.with(|f| f.workflows.len()));
    let add = move |_| form.update(|f| f.workflows.push(WorkflowChoice::default()));
    let listing = move || {
        match workflows.get() {
        None => view! { <p class="hint" role="status">"Loading workflows…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="field-error" role="alert">{e.to_string()}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="hint" role="status">{format!("No workflows owned by {} in this region.", owner_label(&owner.get()))}</p>
        }.into_any(),
        Some(Ok(list)) => view! {
            <p class="hint" role="status">{format!("{} owned by {}.", counted(list.len(), "workflow", "workflows"), owner_label(&owner.get()))}</p>
        }.into_any(),
    }
    };
    let row = move |i: usize| {
        let n = i + 1;
        let value = move |get: fn(&WorkflowChoice) -> String| {
            move || form.with(|f| f.workflows.get(i).map(get).unwrap_or_default())
        };
        let set = move |put: fn(&mut WorkflowChoice, String)| {
            move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                form.update(|f| {
                    if let Some(w) = f.workflows.get_mut(i) {
                        put(w, v);
                    }
                });
            }
        };
        let options = move || {
            let chosen = form.with(|f| {
                f.workflows
                    .get(i)
                    .map(|w| w.arn.clone())
                    .unwrap_or_default()
            });
            let mut list = workflows.get().and_then(Result::ok).unwrap_or_default();
            // A workflow chosen under another owner stays chosen.
            if !chosen.is_empty() && !list.iter().any(|(a, _)| *a == chosen) {
                list.insert(0, (chosen.clone(), chosen.clone()));
            }
            list.into_iter()
                .map(|(arn, label)| {
                    let selected = arn == chosen;
                    view! { <option value=arn selected=selected>{label}</option> }
                })
                .collect_view()
        };
        let errors = move || problems.with(|p| problems_under(p, &format!("workflows[{i}]")));
        view! {
            <div class="workflow" role="group" aria-label=format!("Workflow {n} settings")>
                <label for=format!("wf-{i}")>{format!("Workflow {n}")}</label>
                <select id=format!("wf-{i}") on:change=set(|w, v| w.arn = v) prop:value=value(|w| w.arn.clone())>
                    <option value="">"Choose a workflow"</option>
                    {options}
                </select>
                <label for=format!("wf-{i}-params")>{format!("Parameters of workflow {n} (name=value, one per line)")}</label>
                <textarea id=format!("wf-{i}-params") rows="2" spellcheck="false" on:input=set(|w, v| w.parameters = v) prop:value=value(|w| w.parameters.clone())></textarea>
                <label for=format!("wf-{i}-fail")>{format!("On failure of workflow {n}")}</label>
                <select id=format!("wf-{i}-fail") on:change=set(|w, v| w.on_failure = v) prop:value=value(|w| w.on_failure.clone())>
                    <option value="">"The service's default"</option>
                    <option value="ABORT">"Abort the build"</option>
                    <option value="CONTINUE">"Continue"</option>
                </select>
                <p class="field-error" aria-live="polite">{move || errors().join("; ")}</p>
                <button type="button" on:click=move |_| form.update(|f| { if i < f.workflows.len() { f.workflows.remove(i); } })>{format!("Remove workflow {n}")}</button>
            </div>
        }
    };
    let role_error = move || problems.with(|p| problems_under(p, "executionRole").join("; "));
    view! {
        <fieldset>
            <legend>"Workflows"</legend>
            <OwnerSelect id="workflow-owner" label="Workflow owner" owner=owner/>
            {listing}
            {move || (0..count.get()).map(row).collect_view()}
            <button type="button" on:click=add>"Add workflow"</button>
            <label for="execution-role">"Execution role for workflows (IAM role name or ARN, optional)"</label>
            <input id="execution-role" spellcheck="false" autocomplete="off"
                on:input=move |ev| form.update(|f| f.execution_role = event_target_value(&ev))
                prop:value=move || form.with(|f| f.execution_role.clone())/>
            <p class="field-error" aria-live="polite">{role_error}</p>
        </fieldset>
    }
}
