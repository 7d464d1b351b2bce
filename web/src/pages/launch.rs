//! Launch: CreateImage from an image or container recipe (any owner the model allows) +
//! infrastructure configuration (+ distribution configuration, image tests, scanning,
//! workflows, tags), or StartImagePipelineExecution; pickers from the list operations (every
//! page); the input validated live by the core; one `clientToken` per launch (a double click or
//! a retry sends the same token, so the service creates one image); then a live status timeline
//! until AVAILABLE or FAILED, with Cancel.

use crate::api::{self, Api, ApiError};
use crate::app::use_settings;
use crate::components::error_view::ErrorView;
use crate::components::owner_select::{OwnedPicks, OwnerSelect, owner_label};
use crate::components::timeline::Timeline;
use crate::components::when::when;
use crate::counted::counted;
use crate::pages::image_build::{cancel_action, in_progress};
use crate::pages::image_path;
use crate::pages::launch_form::LaunchForm;
use crate::pages::launch_workflows::WorkflowsFieldset;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

fn now_text() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The Launch page.
#[component]
pub fn LaunchPage() -> impl IntoView {
    let settings = use_settings();
    let form = RwSignal::new(LaunchForm {
        source: "recipe".into(),
        tests: true,
        ..LaunchForm::default()
    });
    let pickers = LocalResource::new(move || {
        let s = settings.get();
        async move {
            let api = Api::connect(&s)?;
            let infra = api.pick_list("ListInfrastructureConfigurations").await?;
            let dist = api.pick_list("ListDistributionConfigurations").await?;
            let pipes = api.pick_list("ListImagePipelines").await?;
            Ok::<_, ApiError>((infra, dist, pipes))
        }
    });
    let recipe_owner = RwSignal::new("Self".to_string());
    // The owned lists answer with the owner they were fetched for: while another owner's list
    // loads, the old one is not shown under the new owner's name.
    let recipes = OwnedPicks::list(
        settings,
        &["ListImageRecipes", "ListContainerRecipes"],
        recipe_owner,
    );
    let workflow_owner = RwSignal::new("Self".to_string());
    let workflows = OwnedPicks::list(settings, &["ListWorkflows"], workflow_owner);
    // Another owner's list does not hold the chosen recipe: choose again.
    Effect::new(move |prev: Option<String>| {
        let owner = recipe_owner.get();
        if prev.is_some_and(|p| p != owner) {
            form.update(|f| f.recipe.clear());
        }
        owner
    });
    let recipe_options = move || {
        let chosen = form.with(|f| f.recipe.clone());
        recipes
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|(arn, label)| {
                let selected = arn == chosen;
                view! { <option value=arn selected=selected>{label}</option> }
            })
            .collect_view()
    };
    let recipe_listing = move || {
        match recipes.get() {
        None => view! { <p class="hint" role="status">"Loading recipes…"</p> }.into_any(),
        Some(Err(e)) => view! { <ErrorView error=e/> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="hint" role="status">{format!("No image or container recipes owned by {} in this region.", owner_label(&recipe_owner.get()))}</p>
        }.into_any(),
        Some(Ok(list)) => view! {
            <p class="hint" role="status">{format!("{} owned by {}.", counted(list.len(), "recipe", "recipes"), owner_label(&recipe_owner.get()))}</p>
        }.into_any(),
    }
    };
    // One token per launch: kept while the input is the same (double clicks and retries reuse
    // it), renewed when the input changes or a launch finished.
    let token = RwSignal::new(api::new_client_token());
    Effect::new(move |prev: Option<LaunchForm>| {
        let f = form.get();
        if prev.is_some_and(|p| p != f) {
            token.set(api::new_client_token());
        }
        f
    });
    let problems = Memo::new(move |_| form.with(|f| f.problems(&token.get())));
    let launched = RwSignal::new(None::<String>);
    let seen = RwSignal::new(Vec::<(String, String)>::new());
    let final_status = RwSignal::new(String::new());
    let watch_error = RwSignal::new(None::<ApiError>);

    let watch = move |arn: String| {
        let s = settings.get_untracked();
        spawn_local(async move {
            let Ok(api) = Api::connect(&s) else { return };
            loop {
                let result = api.get_image(&arn).await;
                // Stop when the page was left (signals disposed) or another launch took over.
                if launched.try_get_untracked().flatten().as_deref() != Some(arn.as_str()) {
                    return;
                }
                match result {
                    Ok(out) => {
                        let status = out["image"]["state"]["status"]
                            .as_str()
                            .unwrap_or_default()
                            .to_string();
                        let reason = out["image"]["state"]["reason"]
                            .as_str()
                            .unwrap_or_default()
                            .to_string();
                        if seen
                            .with_untracked(|l| l.last().map(|(s, _)| s != &status).unwrap_or(true))
                        {
                            seen.update(|l| l.push((status.clone(), now_text())));
                        }
                        if !in_progress(&status) {
                            final_status.set(if reason.is_empty() {
                                status
                            } else {
                                format!("{status}: {reason}")
                            });
                            return;
                        }
                    }
                    Err(e) => {
                        watch_error.set(Some(e));
                        return;
                    }
                }
                gloo_timers::future::TimeoutFuture::new(500).await;
            }
        });
    };
    let launch = Action::new_local(move |(f, t): &(LaunchForm, String)| {
        let (f, t) = (f.clone(), t.clone());
        let s = settings.get_untracked();
        async move {
            let api = Api::connect(&s)?;
            let arn = if f.source == "pipeline" {
                api.start_pipeline(&f.pipeline, &t).await?
            } else {
                let input = f.input(&t).map_err(|(path, message)| ApiError {
                    code: "ValidationError".into(),
                    message: message.clone(),
                    violations: vec![(path, message)],
                    ..ApiError::default()
                })?;
                api.create_image(input).await?
            };
            Ok::<_, ApiError>(arn)
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(arn)) = launch.value().get()
            && launched.get_untracked().as_deref() != Some(arn.as_str())
        {
            seen.set(Vec::new());
            final_status.set(String::new());
            watch_error.set(None);
            launched.set(Some(arn.clone()));
            watch(arn);
        }
    });
    let cancel = cancel_action(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !problems.with(Vec::is_empty) {
            return;
        }
        launch.dispatch((form.get_untracked(), token.get_untracked()));
    };
    let new_launch = move |_| {
        launched.set(None);
        seen.set(Vec::new());
        final_status.set(String::new());
        token.set(api::new_client_token());
    };
    // A field's problem shows once the field was used (an untouched form is not an error); the
    // summary below the form lists them all.
    let touched = RwSignal::new(Vec::<&'static str>::new());
    let field_error = move |path: &'static str| {
        move || {
            if !touched.with(|t| t.contains(&path)) {
                return None;
            }
            problems.with(|p| {
                p.iter()
                    .find(|(m, _)| m == path)
                    .map(|(_, msg)| msg.clone())
            })
        }
    };
    // One closure type for every field read (rather than one per field).
    let text = move |get: fn(&LaunchForm) -> String| move || form.with(get);
    let flag = move |get: fn(&LaunchForm) -> bool| move || form.with(get);
    let check = move |f: fn(&mut LaunchForm, bool)| {
        move |ev: leptos::ev::Event| form.update(|x| f(x, event_target_checked(&ev)))
    };
    let set = move |f: fn(&mut LaunchForm, String)| {
        move |ev: leptos::ev::Event| form.update(|x| f(x, event_target_value(&ev)))
    };
    // `set`, marking `paths` as used.
    let set_field = move |paths: &'static [&'static str], f: fn(&mut LaunchForm, String)| {
        move |ev: leptos::ev::Event| {
            touched.update(|t| {
                for path in paths {
                    if !t.contains(path) {
                        t.push(path);
                    }
                }
            });
            form.update(|x| f(x, event_target_value(&ev)));
        }
    };

    view! {
        <h1>"Launch"</h1>
        <Transition fallback=|| view! { <p role="status">"Loading recipes and configurations…"</p> }>
            {move || Suspend::new(async move {
                let (infra, dist, pipes) = match pickers.await {
                    Ok(p) => p,
                    Err(e) => return view! { <ErrorView error=e/> }.into_any(),
                };
                let options = |list: Vec<(String, String)>| list.into_iter().map(|(arn, label)| view! { <option value=arn>{label}</option> }).collect_view();
                view! {
                    <form class="launch" on:submit=on_submit aria-label="Launch an image">
                        <fieldset>
                            <legend>"Source"</legend>
                            <label class="radio"><input type="radio" name="source" value="recipe" prop:checked=flag(|f| f.source == "recipe") on:change=set(|f, v| f.source = v)/>"A recipe and an infrastructure configuration (CreateImage)"</label>
                            <label class="radio"><input type="radio" name="source" value="pipeline" prop:checked=flag(|f| f.source == "pipeline") on:change=set(|f, v| f.source = v)/>"A pipeline (StartImagePipelineExecution)"</label>
                        </fieldset>
                        {when(Signal::derive(flag(|f| f.source == "recipe")), Box::new(move || view! {
                            <OwnerSelect id="recipe-owner" label="Recipe owner" owner=recipe_owner/>
                            <label for="recipe">"Recipe"</label>
                            <select id="recipe" on:change=set_field(&["imageRecipeArn", "containerRecipeArn"], |f, v| f.recipe = v) prop:value=text(|f| f.recipe.clone())>
                                <option value="">"Choose a recipe"</option>{recipe_options}
                            </select>
                            {recipe_listing}
                            <p class="field-error" aria-live="polite">{field_error("imageRecipeArn")}{field_error("containerRecipeArn")}</p>
                            <label for="infra">"Infrastructure configuration"</label>
                            <select id="infra" on:change=set_field(&["infrastructureConfigurationArn"], |f, v| f.infra = v) prop:value=text(|f| f.infra.clone())>
                                <option value="">"Choose an infrastructure configuration"</option>{options(infra.clone())}
                            </select>
                            <p class="field-error" aria-live="polite">{field_error("infrastructureConfigurationArn")}</p>
                            <label for="dist">"Distribution configuration (optional)"</label>
                            <select id="dist" on:change=set(|f, v| f.distribution = v) prop:value=text(|f| f.distribution.clone())>
                                <option value="">"None"</option>{options(dist.clone())}
                            </select>
                            <fieldset>
                                <legend>"Image tests"</legend>
                                <label class="check"><input type="checkbox" prop:checked=flag(|f| f.tests) on:change=check(|f, v| f.tests = v)/>"Run image tests"</label>
                                <label for="timeout">"Test timeout (minutes, 60–1440)"</label>
                                <input id="timeout" inputmode="numeric" on:input=set_field(&["imageTestsConfiguration.timeoutMinutes"], |f, v| f.timeout = v) prop:value=text(|f| f.timeout.clone())/>
                                <p class="field-error" aria-live="polite">{field_error("imageTestsConfiguration.timeoutMinutes")}</p>
                            </fieldset>
                            <fieldset>
                                <legend>"Vulnerability scanning"</legend>
                                <label class="check"><input type="checkbox" prop:checked=flag(|f| f.scanning) on:change=check(|f, v| f.scanning = v)/>"Scan the image (Amazon Inspector)"</label>
                                {when(Signal::derive(flag(|f| f.scanning && f.is_container())), Box::new(move || view! {
                                    <label for="ecr-repo">"Scanning repository (ECR, optional)"</label>
                                    <input id="ecr-repo" spellcheck="false" on:input=set(|f, v| f.ecr_repository = v) prop:value=text(|f| f.ecr_repository.clone())/>
                                    <label for="ecr-tags">"Scanned image tags (comma-separated, optional)"</label>
                                    <input id="ecr-tags" spellcheck="false" on:input=set(|f, v| f.ecr_tags = v) prop:value=text(|f| f.ecr_tags.clone())/>
                                    <p class="field-error" aria-live="polite">{move || problems.with(|p| p.iter().filter(|(m, _)| m.starts_with("imageScanningConfiguration")).map(|(m, e)| format!("{m}: {e}")).collect::<Vec<_>>().join("; "))}</p>
                                }.into_any()), None)}
                            </fieldset>
                            <WorkflowsFieldset form=form problems=problems owner=workflow_owner workflows=workflows/>
                            <label for="tags">"Tags (key=value, one per line)"</label>
                            <textarea id="tags" rows="3" on:input=set_field(&["tags"], |f, v| f.tags = v) prop:value=text(|f| f.tags.clone())></textarea>
                            <p class="field-error" aria-live="polite">{field_error("tags")}</p>
                        }.into_any()), None)}
                        {when(Signal::derive(flag(|f| f.source == "pipeline")), Box::new(move || view! {
                            <label for="pipeline">"Pipeline"</label>
                            <select id="pipeline" on:change=set_field(&["imagePipelineArn"], |f, v| f.pipeline = v) prop:value=text(|f| f.pipeline.clone())>
                                <option value="">"Choose a pipeline"</option>{options(pipes.clone())}
                            </select>
                            <p class="field-error" aria-live="polite">{field_error("imagePipelineArn")}</p>
                        }.into_any()), None)}
                        <div class="problems" aria-live="polite">
                            {move || {
                                let n = problems.with(Vec::len);
                                (n > 0).then(|| view! {
                                    <details><summary>{format!("{} before this can be sent", counted(n, "problem", "problems"))}</summary>
                                    <ul>{problems.get().into_iter().map(|(p, m)| view! { <li><code>{p}</code>": "{m}</li> }).collect_view()}</ul></details>
                                })
                            }}
                        </div>
                        <button type="submit" class="primary" disabled=move || !problems.with(Vec::is_empty) || launch.pending().get()>"Launch"</button>
                        <p class="hint">"Idempotency token for this launch: "<code>{move || token.get()}</code></p>
                    </form>
                }.into_any()
            })}
        </Transition>
        {move || launch.value().get().and_then(Result::err).map(|e| view! { <ErrorView error=e/> })}
        {move || launched.get().map(|arn| {
            let href = image_path(&arn).unwrap_or_default();
            let arn_for_cancel = arn.clone();
            view! {
                <section class="watch" aria-labelledby="watch-h">
                    <h2 id="watch-h">"Build"</h2>
                    <p>"Launched "<A href=href><code>{arn.clone()}</code></A></p>
                    <Timeline seen=seen/>
                    <p class="final" role="status" aria-live="polite">{move || final_status.get()}</p>
                    {move || watch_error.get().map(|e| view! { <ErrorView error=e/> })}
                    {when(Signal::derive(move || final_status.with(String::is_empty)), Box::new(move || view! {
                        <button type="button" class="danger" on:click={
                            let arn = arn_for_cancel.clone();
                            move |_| { cancel.dispatch(arn.clone()); }
                        } disabled=move || cancel.pending().get()>"Cancel build"</button>
                    }.into_any()), None)}
                    {move || cancel.value().get().and_then(Result::err).map(|e| view! { <ErrorView error=e/> })}
                    <button type="button" on:click=new_launch>"New launch"</button>
                </section>
            }
        })}
    }
}
