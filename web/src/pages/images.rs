//! Images: ListImages with owner tabs, filters (the version filter checked by the core as you
//! type), include deprecated, by name; load more / load all with progress and stop; sort and
//! search over what is loaded; a virtualized table; counts. Filters live in the URL.

use crate::api::{Api, ApiError, ImageQuery, ImageRow};
use crate::app::use_settings;
use crate::components::error_view::ErrorView;
use crate::components::vtable::VirtualTable;
use crate::components::when::when;
use crate::counted::counted;
use crate::sort_indices::sort_indices;
use crate::validate_lines::check_version_filter;
use imagebuilder_client::CancelToken;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The owner tabs: `(value, label)`.
pub const OWNERS: &[(&str, &str)] = &[
    ("Self", "Mine"),
    ("Shared", "Shared with me"),
    ("Amazon", "Amazon"),
    ("ThirdParty", "Third party"),
    ("AWSMarketplace", "AWS Marketplace"),
];

const FILTERS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("platform", "Platform"),
    ("type", "Type"),
    ("osVersion", "OS version"),
    ("version", "Version"),
];

/// Columns: `(key, title)`.
const COLUMNS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("version", "Version"),
    ("type", "Type"),
    ("platform", "Platform"),
    ("osVersion", "OS version"),
    ("owner", "Owner"),
    ("created", "Created"),
];

fn cell<'a>(row: &'a ImageRow, key: &str) -> &'a str {
    match key {
        "name" => &row.name,
        "version" => &row.version,
        "type" => &row.kind,
        "platform" => &row.platform,
        "osVersion" => &row.os_version,
        "owner" => &row.owner,
        _ => &row.created,
    }
}

/// Sorts and searches `rows` (search is case-insensitive over every column): the indices of the
/// rows to show, in order. The rows themselves are never copied.
pub fn arrange(rows: &[ImageRow], search: &str, sort: &str, ascending: bool) -> Vec<usize> {
    let needle = search.trim().to_lowercase();
    let mut out: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            needle.is_empty()
                || COLUMNS
                    .iter()
                    .any(|(k, _)| contains_ignore_case(cell(&rows[i], k), &needle))
        })
        .collect();
    sort_indices(&mut out, &|a, b| {
        let o = cell(&rows[a], sort).cmp(cell(&rows[b], sort));
        if ascending { o } else { o.reverse() }
    });
    out
}

/// Whether `haystack` contains `needle` (already lower case), ignoring case; ASCII haystacks,
/// the common case, without allocating.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        haystack.to_lowercase().contains(needle)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Idle,
    Loading { all: bool },
    Stopped,
    Failed(ApiError),
}

/// The Images page.
#[component]
pub fn ImagesPage() -> impl IntoView {
    let settings = use_settings();
    let query = use_query_map();
    let navigate = use_navigate();
    let param = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());

    // The form mirrors the URL; submitting writes the URL, and the URL drives the load.
    let owner = Memo::new(move |_| {
        let o = param("owner");
        if OWNERS.iter().any(|(v, _)| *v == o) {
            o
        } else {
            "Self".to_string()
        }
    });
    let fields: Vec<(&'static str, &'static str, RwSignal<String>)> = FILTERS
        .iter()
        .map(|(k, label)| (*k, *label, RwSignal::new(param(k))))
        .collect();
    let deprecated = RwSignal::new(param("deprecated") == "true");
    let by_name = RwSignal::new(param("byName") == "true");
    let version_field = fields.iter().find(|f| f.0 == "version").map(|f| f.2);
    // Back and forward change the URL under the mounted page: the form follows it.
    let fields_for_sync = fields.clone();
    Effect::new(move |_| {
        for (k, _, sig) in &fields_for_sync {
            sig.set(param(k));
        }
        deprecated.set(param("deprecated") == "true");
        by_name.set(param("byName") == "true");
    });
    let version_error = move || {
        let v = version_field?.get();
        let v = v.trim();
        if v.is_empty() {
            None
        } else {
            check_version_filter(v).err()
        }
    };

    let image_query = Memo::new(move |_| ImageQuery {
        owner: owner.get(),
        filters: FILTERS
            .iter()
            .map(|(k, _)| (k.to_string(), param(k)))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
        by_name: param("byName") == "true",
        include_deprecated: param("deprecated") == "true",
        page_size: 25,
    });

    let rows = RwSignal::new(Vec::<ImageRow>::new());
    let next = RwSignal::new(None::<String>);
    let pages = RwSignal::new(0u32);
    let load = RwSignal::new(Load::Idle);
    let cancel = StoredValue::new_local(None::<CancelToken>);
    let generation = StoredValue::new(0u64);

    let run = move |all: bool, fresh: bool| {
        let Ok(api) = Api::connect(&settings.get_untracked()) else {
            load.set(Load::Failed(ApiError {
                code: "NotConnected".into(),
                message: "connect first (Connect page)".into(),
                ..ApiError::default()
            }));
            return;
        };
        if let Some(t) = cancel.get_value() {
            t.cancel();
        }
        let token = CancelToken::new();
        cancel.set_value(Some(token.clone()));
        generation.update_value(|g| *g += 1);
        let this = generation.get_value();
        if fresh {
            rows.set(Vec::new());
            next.set(None);
            pages.set(0);
        }
        let q = image_query.get_untracked();
        load.set(Load::Loading { all });
        spawn_local(async move {
            let mut token_in = if fresh { None } else { next.get_untracked() };
            loop {
                let result = api
                    .list_images_page(&q, token_in.clone(), Some(token.clone()))
                    .await;
                // The page may have been left (signals disposed) or a newer load started.
                if generation.try_get_value() != Some(this) {
                    return;
                }
                match result {
                    Ok((page, more)) => {
                        rows.update(|r| r.extend(page));
                        pages.update(|p| *p += 1);
                        next.set(more.clone());
                        token_in = more;
                        if !all || token_in.is_none() {
                            break;
                        }
                    }
                    Err(e) if e.code == "Cancelled" => {
                        load.set(Load::Stopped);
                        return;
                    }
                    Err(e) => {
                        load.set(Load::Failed(e));
                        return;
                    }
                }
                if token.is_cancelled() {
                    load.set(Load::Stopped);
                    return;
                }
            }
            load.set(Load::Idle);
        });
    };
    Effect::new(move |_| {
        image_query.track();
        run(false, true);
    });
    on_cleanup(move || {
        if let Some(t) = cancel.try_get_value().flatten() {
            t.cancel();
        }
    });

    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(("name", true));
    let shown = Memo::new(move |_| {
        let (key, asc) = sort.get();
        let s = search.get();
        rows.with(|r| arrange(r, &s, key, asc))
    });

    let fields_for_submit = fields.clone();
    let navigate_submit = navigate.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if version_error().is_some() {
            return;
        }
        let mut parts = vec![format!("owner={}", owner.get_untracked())];
        for (k, _, v) in &fields_for_submit {
            let v = v.get_untracked();
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", js_sys::encode_uri_component(v.trim())));
            }
        }
        if deprecated.get_untracked() {
            parts.push("deprecated=true".into());
        }
        if by_name.get_untracked() {
            parts.push("byName=true".into());
        }
        navigate_submit(&format!("/images?{}", parts.join("&")), Default::default());
    };

    // Load more and Load all: one closure (one attribute type) for both buttons.
    let cannot_load = move || next.get().is_none() || matches!(load.get(), Load::Loading { .. });
    let tab_href = move |o: &str| format!("/images?owner={o}");
    view! {
        <h1>"Images"</h1>
        <nav class="tabs" aria-label="Owner">
            {OWNERS.iter().map(|(v, label)| {
                let v = *v;
                view! {
                    <a href=tab_href(v) aria-current=move || (owner.get() == v).then_some("page")>{*label}</a>
                }
            }).collect_view()}
        </nav>
        <form class="filters" on:submit=submit aria-label="Filters">
            {fields.iter().map(|(k, label, sig)| {
                let id = format!("filter-{k}");
                let sig = *sig;
                let is_version = *k == "version";
                view! {
                    <div class="field">
                        <label for=id.clone()>{*label}</label>
                        <input id=id bind:value=sig
                            placeholder=if is_version { "1.x.x" } else { "" }
                            aria-invalid=move || (is_version && version_error().is_some()).to_string()
                            aria-describedby=if is_version { "version-error" } else { "" }/>
                    </div>
                }
            }).collect_view()}
            <label class="check"><input type="checkbox" bind:checked=deprecated/>"Include deprecated"</label>
            <label class="check"><input type="checkbox" bind:checked=by_name/>"By name (latest version of each)"</label>
            <button type="submit" class="primary">"Apply filters"</button>
            <p id="version-error" class="field-error" aria-live="polite">{version_error}</p>
        </form>
        <div class="toolbar">
            <label for="search">"Search loaded images"</label>
            <input id="search" type="search" bind:value=search/>
            <button type="button" on:click=move |_| run(false, false)
                disabled=cannot_load>"Load more"</button>
            <button type="button" on:click=move |_| run(true, false)
                disabled=cannot_load>"Load all"</button>
            <button type="button" on:click=move |_| { if let Some(t) = cancel.get_value() { t.cancel(); } }
                disabled=move || !matches!(load.get(), Load::Loading { all: true })>"Stop"</button>
        </div>
        <p class="counts" role="status" aria-live="polite">
            {move || {
                let loaded = rows.with(Vec::len);
                let more = if next.get().is_some() { ", more available" } else { "" };
                let state = match load.get() {
                    Load::Loading { .. } => " Loading…",
                    Load::Stopped => " Stopped.",
                    _ => "",
                };
                format!(
                    "Showing {} of {} ({}{more}).{state}",
                    shown.with(Vec::len),
                    counted(loaded, "loaded image", "loaded images"),
                    counted(pages.get(), "page", "pages"),
                )
            }}
        </p>
        {when(Signal::derive(move || matches!(load.get(), Load::Loading { all: true })),
            Box::new(|| view! { <progress aria-label="Loading all images"></progress> }.into_any()), None)}
        {move || match load.get() { Load::Failed(e) => Some(view! { <ErrorView error=e/> }), _ => None }}
        <VirtualTable rows=shown label="Images" columns=COLUMNS.len()
            header=Box::new(move || view! {
                <tr>
                    {COLUMNS.iter().map(|(key, title)| {
                        let key = *key;
                        let aria = move || match sort.get() {
                            (k, true) if k == key => "ascending",
                            (k, false) if k == key => "descending",
                            _ => "none",
                        };
                        view! {
                            <th scope="col" aria-sort=aria>
                                <button type="button" class="sort" on:click=move |_| sort.update(|s| {
                                    *s = if s.0 == key { (key, !s.1) } else { (key, true) };
                                })>{*title}</button>
                            </th>
                        }
                    }).collect_view()}
                </tr>
            }.into_any())
            render_row=move |_, i: &usize| rows.with_untracked(|all| all.get(*i).map(|r| {
                let account = r.arn.split(':').nth(4).unwrap_or_default().to_string();
                let name_href = format!("/image/{account}/{}", r.name);
                let version_href = format!("/image/{account}/{}/{}", r.name, r.version);
                let (name, version) = (r.name.clone(), r.version.clone());
                view! {
                    <td><A href=name_href>{name}</A></td>
                    <td><A href=version_href>{version}</A></td>
                    <td>{r.kind.clone()}</td>
                    <td>{r.platform.clone()}</td>
                    <td>{r.os_version.clone()}</td>
                    <td>{r.owner.clone()}</td>
                    <td>{r.created.clone()}</td>
                }
            }))/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, version: &str) -> ImageRow {
        ImageRow {
            name: name.into(),
            version: version.into(),
            ..ImageRow::default()
        }
    }

    #[test]
    fn search_ignores_case_beyond_ascii() {
        let rows = vec![row("Überbild", "1.0.0"), row("web", "1.0.0")];
        assert_eq!(arrange(&rows, "üBER", "name", true), [0]);
        assert_eq!(arrange(&rows, "WEB", "name", true), [1]);
    }

    #[test]
    fn search_and_sort() {
        let rows = vec![
            row("web", "1.0.0"),
            row("app-01", "2.0.0"),
            row("base", "1.5.0"),
        ];
        let names = |out: Vec<usize>| {
            out.iter()
                .map(|&i| rows[i].name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(arrange(&rows, "", "name", true)),
            ["app-01", "base", "web"]
        );
        let out = arrange(&rows, "", "version", false);
        assert_eq!(rows[out[0]].version, "2.0.0");
        assert_eq!(names(arrange(&rows, "WE", "name", true)), ["web"]);
        assert_eq!(names(arrange(&rows, " 1.5 ", "name", true)), ["base"]);
        assert_eq!(
            names(arrange(&rows, "nothing", "name", true)),
            Vec::<&str>::new()
        );
    }
}
