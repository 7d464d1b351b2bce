//! Image: every version of one image name (ListImages filtered by name) and the build versions
//! of the selected version (ListImageBuildVersions) with status badges. Deep links:
//! `/image/{account}/{name}` and `/image/{account}/{name}/{version}`.

use crate::api::{Api, ApiError, ImageQuery, ImageRow};
use crate::app::use_settings;
use crate::components::error_view::{ErrorView, boundary_fallback};
use crate::components::status_badge::StatusBadge;
use crate::pages::{image_arn, image_path};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The ListImages owners to look in for an ARN account (`aws` is Amazon, ...).
pub fn owners_for(account: &str) -> &'static [&'static str] {
    match account {
        "aws" => &["Amazon"],
        "aws-marketplace" => &["AWSMarketplace"],
        "third-party" => &["ThirdParty"],
        _ => &["Self", "Shared"],
    }
}

async fn versions_of(api: &Api, account: &str, name: &str) -> Result<Vec<ImageRow>, ApiError> {
    let mut found = Vec::new();
    for owner in owners_for(account) {
        let query = ImageQuery {
            owner: owner.to_string(),
            filters: vec![("name".into(), name.into())],
            include_deprecated: true,
            page_size: 100,
            ..ImageQuery::default()
        };
        let mut next = None;
        loop {
            let (rows, more) = api.list_images_page(&query, next, None).await?;
            found.extend(
                rows.into_iter()
                    .filter(|r| r.arn.split(':').nth(4) == Some(account)),
            );
            next = more;
            if next.is_none() {
                break;
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    found.sort_by(|a, b| b.version.cmp(&a.version));
    Ok(found)
}

/// The Image page.
#[component]
pub fn ImagePage() -> impl IntoView {
    let settings = use_settings();
    let params = use_params_map();
    let p = move |k: &str| params.with(|m| m.get(k).unwrap_or_default());
    let versions = LocalResource::new(move || {
        let (account, name) = (p("account"), p("name"));
        let s = settings.get();
        async move {
            let api = Api::connect(&s)?;
            versions_of(&api, &account, &name).await
        }
    });
    let selected = Memo::new(move |_| p("version"));
    let builds = LocalResource::new(move || {
        let (account, name, version) = (p("account"), p("name"), selected.get());
        let s = settings.get();
        async move {
            if version.is_empty() {
                return Ok(Vec::new());
            }
            let api = Api::connect(&s)?;
            let arn = format!("{}/{version}", image_arn(&s.region, &account, &name));
            api.build_versions(&arn).await
        }
    });
    view! {
        <nav aria-label="Breadcrumb" class="crumbs"><A href="/images">"Images"</A>" / "{move || p("name")}</nav>
        <h1>{move || p("name")}</h1>
        <p class="hint">"Owner "{move || p("account")}</p>
        <h2>"Versions"</h2>
        <Transition fallback=|| view! { <p role="status">"Loading versions…"</p> }>
            <ErrorBoundary fallback=boundary_fallback>
                {move || Suspend::new(async move {
                    let list = versions.await?;
                    let account = p("account");
                    Ok::<_, ApiError>(view! {
                        <table class="plain" aria-label="Versions">
                            <thead><tr><th scope="col">"Version"</th><th scope="col">"Type"</th><th scope="col">"Platform"</th><th scope="col">"OS"</th><th scope="col">"Created"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|r| {
                                    let href = format!("/image/{account}/{}/{}", r.name, r.version);
                                    let v = r.version.clone();
                                    view! {
                                        <tr class:selected=move || selected.get() == v>
                                            <td><A href=href>{r.version.clone()}</A></td>
                                            <td>{r.kind}</td><td>{r.platform}</td><td>{r.os_version}</td><td>{r.created}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <Show when=move || !selected.get().is_empty() fallback=|| view! { <p class="hint">"Pick a version to see its builds."</p> }>
            <h2>"Build versions of "{move || selected.get()}</h2>
            <Transition fallback=|| view! { <p role="status">"Loading builds…"</p> }>
                {move || Suspend::new(async move {
                    match builds.await {
                        Ok(list) => view! { <BuildList list=list/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </Show>
    }
}

#[component]
fn BuildList(list: Vec<serde_json::Value>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>"No builds."</p> }.into_any();
    }
    view! {
        <table class="plain" aria-label="Build versions">
            <thead><tr><th scope="col">"Build version"</th><th scope="col">"Status"</th><th scope="col">"Created"</th><th scope="col">"ARN"</th></tr></thead>
            <tbody>
                {list.into_iter().map(|b| {
                    let arn = b["arn"].as_str().unwrap_or_default().to_string();
                    let href = image_path(&arn).unwrap_or_default();
                    let status = b["state"]["status"].as_str().unwrap_or_default().to_string();
                    let version = b["version"].as_str().unwrap_or_default().to_string();
                    let created = b["dateCreated"].as_str().unwrap_or_default().to_string();
                    view! {
                        <tr>
                            <td><A href=href>{version}</A></td>
                            <td><StatusBadge status=status/></td>
                            <td>{created}</td>
                            <td><code class="arn">{arn}</code></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
