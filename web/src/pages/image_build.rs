//! One image build version: GetImage, refreshed while the build is in progress (the page is
//! rendered again only when the image changed), with Cancel.
//! Deep link: `/image/{account}/{name}/{version}/{build}`.

use crate::api::{Api, ApiError};
use crate::app::use_settings;
use crate::components::error_view::ErrorView;
use crate::pages::image_arn;
use crate::pages::image_detail::ImageDetail;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Whether a status still moves.
pub fn in_progress(status: &str) -> bool {
    matches!(
        imagebuilder_client::image_wait_state(status, None),
        imagebuilder_client::WaitState::Pending { .. }
    )
}

/// CancelImageCreation of the ARN dispatched; `tick`, when given, is bumped once it answered
/// (the build is read again). One action type for both pages that cancel.
pub fn cancel_action(tick: Option<RwSignal<u32>>) -> Action<String, Result<(), ApiError>> {
    let settings = use_settings();
    Action::new_local(move |arn: &String| {
        let arn = arn.clone();
        let s = settings.get_untracked();
        async move {
            let r = Api::connect(&s)?.cancel_image(&arn).await;
            if let Some(tick) = tick {
                tick.try_update(|t| *t += 1);
            }
            r
        }
    })
}

/// The image build version page.
#[component]
pub fn ImageBuildPage() -> impl IntoView {
    let settings = use_settings();
    let params = use_params_map();
    let p = move |k: &str| params.with(|m| m.get(k).unwrap_or_default());
    let arn = Memo::new(move |_| {
        let region = settings.with(|s| s.region.clone());
        format!(
            "{}/{}/{}",
            image_arn(&region, &p("account"), &p("name")),
            p("version"),
            p("build")
        )
    });
    let tick = RwSignal::new(0u32);
    let image = LocalResource::new(move || {
        tick.track();
        let arn = arn.get();
        let s = settings.get();
        async move { Api::connect(&s)?.get_image(&arn).await }
    });
    // Poll while the build moves.
    Effect::new(move |_| {
        if let Some(Ok(v)) = image.get()
            && in_progress(v["image"]["state"]["status"].as_str().unwrap_or_default())
        {
            spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(1_000).await;
                tick.try_update(|t| *t += 1);
            });
        }
    });
    // What the page shows: the last answer, rendered again only when the image changed (a poll
    // that finds the build where it was answers with a new request id only; rendering again
    // would close the raw JSON, reset the copy buttons and lose the focus).
    let shown = Memo::new_with_compare(
        move |prev: Option<&Option<Result<serde_json::Value, ApiError>>>| {
            image.get().or_else(|| prev.cloned().flatten())
        },
        |old, new| match (old, new) {
            (Some(Some(Ok(a))), Some(Some(Ok(b)))) => {
                a["image"] != b["image"]
                    || a["latestVersionReferences"] != b["latestVersionReferences"]
            }
            (a, b) => a != b,
        },
    );
    let cancel = cancel_action(Some(tick));
    view! {
        <nav aria-label="Breadcrumb" class="crumbs">
            <A href="/images">"Images"</A>" / "
            <A href=move || format!("/image/{}/{}", p("account"), p("name"))>{move || p("name")}</A>" / "
            <A href=move || format!("/image/{}/{}/{}", p("account"), p("name"), p("version"))>{move || p("version")}</A>" / "
            {move || p("build")}
        </nav>
        <h1>{move || format!("{} {}/{}", p("name"), p("version"), p("build"))}</h1>
        {move || match shown.get() {
            None => view! { <p role="status">"Loading image…"</p> }.into_any(),
            Some(Ok(v)) => {
                let status = v["image"]["state"]["status"].as_str().unwrap_or_default().to_string();
                let moving = in_progress(&status);
                view! {
                    {moving.then(|| view! {
                        <button type="button" class="danger" on:click=move |_| { cancel.dispatch(arn.get_untracked()); }
                            disabled=move || cancel.pending().get()>"Cancel build"</button>
                    })}
                    {move || cancel.value().get().and_then(Result::err).map(|e: ApiError| view! { <ErrorView error=e/> })}
                    <ImageDetail output=v/>
                }.into_any()
            }
            Some(Err(e)) => view! { <ErrorView error=e/> }.into_any(),
        }}
    }
}
