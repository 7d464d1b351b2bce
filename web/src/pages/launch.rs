//! Launch: CreateImage from an image or container recipe + infrastructure configuration
//! (+ distribution configuration, tests, tags), or StartImagePipelineExecution; pickers from the
//! list operations; the input validated live by the core; one `clientToken` per launch (a double
//! click or a retry sends the same token, so the service creates one image); then a live status
//! timeline until AVAILABLE or FAILED, with Cancel.

use crate::api::{self, Api, ApiError};
use crate::app::use_settings;
use crate::components::error_view::ErrorView;
use crate::components::timeline::Timeline;
use crate::pages::image_build::in_progress;
use crate::pages::image_path;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use serde_json::{Value, json};

/// The launch form, as values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LaunchForm {
    /// `recipe` or `pipeline`.
    pub source: String,
    /// An image or container recipe ARN.
    pub recipe: String,
    /// Infrastructure configuration ARN.
    pub infra: String,
    /// Distribution configuration ARN (optional).
    pub distribution: String,
    /// Pipeline ARN.
    pub pipeline: String,
    /// Run the image tests.
    pub tests: bool,
    /// Test timeout in minutes (text as typed).
    pub timeout: String,
    /// `key=value` per line.
    pub tags: String,
}

impl LaunchForm {
    /// The operation this form calls.
    pub fn operation(&self) -> &'static str {
        if self.source == "pipeline" {
            "StartImagePipelineExecution"
        } else {
            "CreateImage"
        }
    }

    /// The operation's input (with `clientToken`), or a message naming a field that cannot be
    /// read at all.
    pub fn input(&self, client_token: &str) -> Result<Value, (String, String)> {
        if self.source == "pipeline" {
            return Ok(json!({"imagePipelineArn": self.pipeline, "clientToken": client_token}));
        }
        let mut input = json!({
            "infrastructureConfigurationArn": self.infra,
            "clientToken": client_token,
        });
        if self.recipe.contains(":container-recipe/") {
            input["containerRecipeArn"] = self.recipe.clone().into();
        } else {
            input["imageRecipeArn"] = self.recipe.clone().into();
        }
        if !self.distribution.is_empty() {
            input["distributionConfigurationArn"] = self.distribution.clone().into();
        }
        let mut tests = json!({"imageTestsEnabled": self.tests});
        if !self.timeout.trim().is_empty() {
            let minutes: i64 = self.timeout.trim().parse().map_err(|_| {
                (
                    "imageTestsConfiguration.timeoutMinutes".to_string(),
                    format!(
                        "Test timeout: {:?} is not a whole number of minutes",
                        self.timeout.trim()
                    ),
                )
            })?;
            tests["timeoutMinutes"] = minutes.into();
        }
        input["imageTestsConfiguration"] = tests;
        let mut tags = serde_json::Map::new();
        for (i, line) in self
            .tags
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let Some((k, v)) = line.split_once('=') else {
                return Err((
                    "tags".into(),
                    format!("Tags, line {}: write key=value", i + 1),
                ));
            };
            tags.insert(k.trim().to_string(), v.trim().into());
        }
        if !tags.is_empty() {
            input["tags"] = tags.into();
        }
        Ok(input)
    }

    /// Every problem with the form, checked by the core offline: `(member path, message)`.
    pub fn problems(&self, client_token: &str) -> Vec<(String, String)> {
        match self.input(client_token) {
            Ok(input) => api::validate_input(self.operation(), &input),
            Err(p) => vec![p],
        }
    }
}

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
            let mut recipes = api.pick_list("ListImageRecipes").await?;
            recipes.extend(api.pick_list("ListContainerRecipes").await?);
            let infra = api.pick_list("ListInfrastructureConfigurations").await?;
            let dist = api.pick_list("ListDistributionConfigurations").await?;
            let pipes = api.pick_list("ListImagePipelines").await?;
            Ok::<_, ApiError>((recipes, infra, dist, pipes))
        }
    });
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
    let cancel = Action::new_local(move |arn: &String| {
        let arn = arn.clone();
        let s = settings.get_untracked();
        async move { Api::connect(&s)?.cancel_image(&arn).await }
    });
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
    let field_error = move |path: &'static str| {
        move || {
            problems.with(|p| {
                p.iter()
                    .find(|(m, _)| m == path)
                    .map(|(_, msg)| msg.clone())
            })
        }
    };
    let set = move |f: fn(&mut LaunchForm, String)| {
        move |ev: leptos::ev::Event| form.update(|x| f(x, event_target_value(&ev)))
    };

    view! {
        <h1>"Launch"</h1>
        <Transition fallback=|| view! { <p role="status">"Loading recipes and configurations…"</p> }>
            {move || Suspend::new(async move {
                let (recipes, infra, dist, pipes) = match pickers.await {
                    Ok(p) => p,
                    Err(e) => return view! { <ErrorView error=e/> }.into_any(),
                };
                let options = |list: Vec<(String, String)>| list.into_iter().map(|(arn, label)| view! { <option value=arn>{label}</option> }).collect_view();
                view! {
                    <form class="launch" on:submit=on_submit aria-label="Launch an image">
                        <fieldset>
                            <legend>"Source"</legend>
                            <label class="radio"><input type="radio" name="source" value="recipe" prop:checked=move || form.with(|f| f.source == "recipe") on:change=set(|f, v| f.source = v)/>"A recipe and an infrastructure configuration (CreateImage)"</label>
                            <label class="radio"><input type="radio" name="source" value="pipeline" prop:checked=move || form.with(|f| f.source == "pipeline") on:change=set(|f, v| f.source = v)/>"A pipeline (StartImagePipelineExecution)"</label>
                        </fieldset>
                        <Show when=move || form.with(|f| f.source == "recipe")>
                            <label for="recipe">"Recipe"</label>
                            <select id="recipe" on:change=set(|f, v| f.recipe = v) prop:value=move || form.with(|f| f.recipe.clone())>
                                <option value="">"Choose a recipe"</option>{options(recipes.clone())}
                            </select>
                            <p class="field-error" aria-live="polite">{field_error("imageRecipeArn")}{field_error("containerRecipeArn")}</p>
                            <label for="infra">"Infrastructure configuration"</label>
                            <select id="infra" on:change=set(|f, v| f.infra = v) prop:value=move || form.with(|f| f.infra.clone())>
                                <option value="">"Choose an infrastructure configuration"</option>{options(infra.clone())}
                            </select>
                            <p class="field-error" aria-live="polite">{field_error("infrastructureConfigurationArn")}</p>
                            <label for="dist">"Distribution configuration (optional)"</label>
                            <select id="dist" on:change=set(|f, v| f.distribution = v) prop:value=move || form.with(|f| f.distribution.clone())>
                                <option value="">"None"</option>{options(dist.clone())}
                            </select>
                            <label class="check"><input type="checkbox" prop:checked=move || form.with(|f| f.tests) on:change=move |ev| form.update(|f| f.tests = event_target_checked(&ev))/>"Run image tests"</label>
                            <label for="timeout">"Test timeout (minutes, 60–1440)"</label>
                            <input id="timeout" inputmode="numeric" on:input=set(|f, v| f.timeout = v) prop:value=move || form.with(|f| f.timeout.clone())/>
                            <p class="field-error" aria-live="polite">{field_error("imageTestsConfiguration.timeoutMinutes")}</p>
                            <label for="tags">"Tags (key=value, one per line)"</label>
                            <textarea id="tags" rows="3" on:input=set(|f, v| f.tags = v) prop:value=move || form.with(|f| f.tags.clone())></textarea>
                            <p class="field-error" aria-live="polite">{field_error("tags")}</p>
                        </Show>
                        <Show when=move || form.with(|f| f.source == "pipeline")>
                            <label for="pipeline">"Pipeline"</label>
                            <select id="pipeline" on:change=set(|f, v| f.pipeline = v) prop:value=move || form.with(|f| f.pipeline.clone())>
                                <option value="">"Choose a pipeline"</option>{options(pipes.clone())}
                            </select>
                            <p class="field-error" aria-live="polite">{field_error("imagePipelineArn")}</p>
                        </Show>
                        <div class="problems" aria-live="polite">
                            {move || {
                                let n = problems.with(Vec::len);
                                (n > 0).then(|| view! {
                                    <details><summary>{format!("{n} problem(s) before this can be sent")}</summary>
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
                    <Show when=move || final_status.with(String::is_empty)>
                        <button type="button" class="danger" on:click={
                            let arn = arn_for_cancel.clone();
                            move |_| { cancel.dispatch(arn.clone()); }
                        } disabled=move || cancel.pending().get()>"Cancel build"</button>
                    </Show>
                    {move || cancel.value().get().and_then(Result::err).map(|e| view! { <ErrorView error=e/> })}
                    <button type="button" on:click=new_launch>"New launch"</button>
                </section>
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipe_form() -> LaunchForm {
        LaunchForm {
            source: "recipe".into(),
            recipe: "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0".into(),
            infra: "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/default-infra".into(),
            tests: true,
            ..LaunchForm::default()
        }
    }

    #[test]
    fn a_complete_form_has_no_problems() {
        let p = recipe_form().problems("5b2f7d4e-1c1a-4b8e-9d0a-000000000001");
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn missing_and_bad_fields_are_named() {
        let mut f = recipe_form();
        f.infra.clear();
        f.recipe = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.x.2".into();
        let p = f.problems("t-1");
        assert!(
            p.iter().any(|(m, _)| m == "infrastructureConfigurationArn"),
            "{p:?}"
        );
        assert!(p.iter().any(|(m, _)| m == "imageRecipeArn"), "{p:?}");
        f.timeout = "soon".into();
        let p = f.problems("t-1");
        assert_eq!(p[0].0, "imageTestsConfiguration.timeoutMinutes");
    }

    #[test]
    fn a_timeout_out_of_range_is_named_by_the_core() {
        let mut f = recipe_form();
        f.timeout = "5".into();
        let p = f.problems("t-1");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "imageTestsConfiguration.timeoutMinutes");
        f.timeout = "90".into();
        assert!(f.problems("t-1").is_empty());
    }

    #[test]
    fn container_recipes_go_to_their_member() {
        let mut f = recipe_form();
        f.recipe =
            "arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/web-container/1.0.0"
                .into();
        let input = f.input("t").expect("input");
        assert!(input.get("imageRecipeArn").is_none());
        assert!(input["containerRecipeArn"].is_string());
    }
}
