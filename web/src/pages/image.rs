//! Image: every version of one image name (ListImages filtered by name) and the build versions
//! of the selected version (ListImageBuildVersions) with status badges. Deep links:
//! `/image/{account}/{name}` and `/image/{account}/{name}/{version}`, where the version may be a
//! wildcard (`x.x.x`, `1.x.x`, `1.2.x`: GetImage's latest version references): it resolves to
//! the newest matching version, whose row in the Versions table is marked (`aria-current`, a
//! visible style and the words "1.x.x resolves to this version") and whose builds are shown.

use crate::api::{Api, ApiError, ImageQuery, ImageRow};
use crate::app::use_settings;
use crate::components::error_view::{ErrorView, boundary_fallback};
use crate::components::status_badge::StatusBadge;
use crate::components::when::when;
use crate::counted::counted;
use crate::pages::{image_arn, image_path};
use crate::sort_indices::sort_indices;
use imagebuilder_core::version::{Version, VersionFilter};
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
    Ok(newest_first(found))
}

/// `rows` newest version first, numerically (1.10.0 above 1.9.0); rows whose version does not
/// parse last, in the order they came.
pub fn newest_first(rows: Vec<ImageRow>) -> Vec<ImageRow> {
    let keys: Vec<Option<Version>> = rows
        .iter()
        .map(|r| Version::parse(&r.version).ok())
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    sort_indices(&mut order, &|a, b| keys[b].cmp(&keys[a]));
    let mut slots: Vec<Option<ImageRow>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The newest of `versions` that `wanted` (a version or a wildcard filter) denotes, and how many
/// match; `None` when `wanted` is neither.
pub fn resolve_version(wanted: &str, versions: &[String]) -> Option<(Option<String>, usize)> {
    let filter = VersionFilter::parse(wanted).ok()?;
    let matching: Vec<(Version, &String)> = versions
        .iter()
        .filter_map(|v| Some((Version::parse(v).ok()?, v)))
        .filter(|(v, _)| filter.matches(v))
        .collect();
    let newest = matching
        .iter()
        .max_by_key(|(v, _)| *v)
        .map(|(_, s)| (*s).clone());
    Some((newest, matching.len()))
}

/// What a version in the address resolved to.
#[derive(Debug, Clone, Default)]
struct Resolved {
    /// The concrete version whose builds are listed (empty: none matched).
    version: String,
    /// For a wildcard: how many versions match it.
    matching: Option<usize>,
    /// The builds of `version`.
    builds: Vec<serde_json::Value>,
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
    // The version row the address denotes: the version itself, or the newest one a wildcard
    // resolves to (the same rule as the build list below).
    let current = Memo::new(move |_| {
        let wanted = selected.get();
        if !wanted.contains('x') {
            return wanted;
        }
        let Some(Ok(list)) = versions.get() else {
            return String::new();
        };
        let list: Vec<String> = list.into_iter().map(|r| r.version).collect();
        resolve_version(&wanted, &list)
            .and_then(|(newest, _)| newest)
            .unwrap_or_default()
    });
    let builds = LocalResource::new(move || {
        let (account, name, wanted) = (p("account"), p("name"), selected.get());
        let s = settings.get();
        async move {
            if wanted.is_empty() {
                return Ok(Resolved::default());
            }
            let mut resolved = Resolved {
                version: wanted.clone(),
                ..Resolved::default()
            };
            if wanted.contains('x') {
                let list: Vec<String> = versions.await?.into_iter().map(|r| r.version).collect();
                let (newest, count) = resolve_version(&wanted, &list).ok_or_else(|| ApiError {
                    code: "InvalidVersion".into(),
                    message: format!(
                        "{wanted} is not a version or a wildcard filter such as 1.x.x"
                    ),
                    ..ApiError::default()
                })?;
                resolved.matching = Some(count);
                match newest {
                    Some(v) => resolved.version = v,
                    None => {
                        return Ok(Resolved {
                            version: String::new(),
                            ..resolved
                        });
                    }
                }
            }
            let api = Api::connect(&s)?;
            let arn = format!(
                "{}/{}",
                image_arn(&s.region, &account, &name),
                resolved.version
            );
            resolved.builds = api.build_versions(&arn).await?;
            Ok::<_, ApiError>(resolved)
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
                                    let here = move || current.with(|c| *c == v);
                                    let note = {
                                        let here = here.clone();
                                        move || {
                                            let wanted = selected.get();
                                            (here() && wanted.contains('x')).then(|| view! { " "<span class="resolved-tag">{format!("({wanted} resolves to this version)")}</span> })
                                        }
                                    };
                                    view! {
                                        <tr class:selected=here.clone() aria-current=move || here().then_some("true")>
                                            <td><A href=href>{r.version.clone()}</A>{note}</td>
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
        {when(Signal::derive(move || !selected.get().is_empty()), Box::new(move || view! {
            <Transition fallback=|| view! { <p role="status">"Loading builds…"</p> }>
                {move || Suspend::new(async move {
                    match builds.await {
                        Ok(r) => view! { <ResolvedBuilds wanted=selected.get_untracked() resolved=r/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Transition>
        }.into_any()), Some(Box::new(|| view! { <p class="hint">"Pick a version to see its builds."</p> }.into_any())))}
    }
}

#[component]
fn ResolvedBuilds(wanted: String, resolved: Resolved) -> impl IntoView {
    let Resolved {
        version,
        matching,
        builds,
    } = resolved;
    let note = matching.map(|n| {
        let newest = builds
            .iter()
            .filter_map(|b| Some((b["version"].as_str()?.to_string(), b["arn"].as_str()?.to_string())))
            .max_by_key(|(v, _)| imagebuilder_core::version::BuildVersion::parse(v).ok());
        if version.is_empty() {
            return view! { <p class="resolved" role="status">{format!("No version of this image matches {wanted}.")}</p> }.into_any();
        }
        view! {
            <p class="resolved" role="status">
                {format!("{wanted} resolves to version {version}, the newest of {}.", counted(n, "matching version", "matching versions"))}
                {newest.map(|(v, arn)| view! { " Newest build: "<A href=image_path(&arn).unwrap_or_default()>{v}</A> })}
            </p>
        }.into_any()
    });
    let heading =
        (!version.is_empty()).then(|| view! { <h2>"Build versions of "{version.clone()}</h2> });
    view! {
        {note}
        {heading}
        {(!version.is_empty()).then(|| view! { <BuildList list=builds/> })}
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

#[cfg(test)]
mod tests {
    use super::{newest_first, resolve_version};
    use crate::api::ImageRow;

    #[test]
    fn versions_are_listed_newest_first_numerically_and_unparsable_ones_last() {
        let rows = ["1.9.0", "bad", "1.10.0", "2.0.0", "1.10.0"]
            .iter()
            .enumerate()
            .map(|(i, v)| ImageRow {
                version: v.to_string(),
                name: format!("row{i}"),
                ..ImageRow::default()
            })
            .collect();
        let out: Vec<String> = newest_first(rows)
            .into_iter()
            .map(|r| format!("{} {}", r.version, r.name))
            .collect();
        assert_eq!(
            out,
            [
                "2.0.0 row3",
                "1.10.0 row2",
                "1.10.0 row4",
                "1.9.0 row0",
                "bad row1"
            ]
        );
    }

    fn list(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_wildcard_resolves_to_the_newest_matching_version_numerically() {
        let versions = list(&["1.9.0", "1.10.0", "2.0.0", "1.10.2"]);
        assert_eq!(
            resolve_version("1.x.x", &versions),
            Some((Some("1.10.2".into()), 3))
        );
        assert_eq!(
            resolve_version("x.x.x", &versions),
            Some((Some("2.0.0".into()), 4))
        );
        assert_eq!(
            resolve_version("1.10.x", &versions),
            Some((Some("1.10.2".into()), 2))
        );
        assert_eq!(resolve_version("3.x.x", &versions), Some((None, 0)));
        assert_eq!(resolve_version("1.x.2", &versions), None);
    }
}
