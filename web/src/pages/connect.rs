//! Connect: region (every partition's regions), endpoint mode, credentials (typed or pasted
//! from `aws configure export-credentials --format env`), "remember in this tab", and a check.

use crate::api;
use crate::app::use_settings;
use crate::components::when::when;
use crate::partitions;
use crate::settings::{
    DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, EndpointMode, Settings, parse_env_export,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The Connect page.
#[component]
pub fn ConnectPage() -> impl IntoView {
    let settings = use_settings();
    let current = settings.get_untracked();
    let region = RwSignal::new(current.region.clone());
    let mode = RwSignal::new(current.mode);
    let custom_url = RwSignal::new(current.custom_url.clone());
    let access_key = RwSignal::new(current.access_key_id.clone());
    let secret = RwSignal::new(current.secret_access_key.clone());
    let token = RwSignal::new(current.session_token.clone());
    let remember = RwSignal::new(current.remember);
    let pasted = RwSignal::new(String::new());
    let paste_note = RwSignal::new(String::new());

    let form = move || Settings {
        region: region.get_untracked().trim().to_string(),
        mode: mode.get_untracked(),
        custom_url: custom_url.get_untracked(),
        access_key_id: access_key.get_untracked(),
        secret_access_key: secret.get_untracked(),
        session_token: token.get_untracked(),
        remember: remember.get_untracked(),
    };
    let region_error = move || {
        imagebuilder_client::endpoint::check_region(region.get().trim())
            .err()
            .map(|e| e.to_string())
    };
    let url_error = move || {
        (mode.get() == EndpointMode::Custom).then(|| {
            let url = custom_url.get();
            let url = url.trim();
            if url.starts_with("http://") || url.starts_with("https://") {
                None
            } else {
                Some("Endpoint URL: enter an absolute http:// or https:// URL".to_string())
            }
        })?
    };
    let navigate = use_navigate();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if region_error().is_some() || url_error().is_some() {
            return;
        }
        let s = form();
        s.save();
        settings.set(s);
        navigate("/images", Default::default());
    };
    let check = Action::new_local(move |s: &Settings| {
        let s = s.clone();
        async move { api::check_connection(&s).await }
    });
    let on_check = move |_| {
        check.dispatch_local(form());
    };
    let on_paste = move |_| {
        let found = parse_env_export(&pasted.get_untracked());
        let mut read = Vec::new();
        if let Some(v) = found.access_key_id {
            access_key.set(v);
            read.push("access key id");
        }
        if let Some(v) = found.secret_access_key {
            secret.set(v);
            read.push("secret access key");
        }
        if let Some(v) = found.session_token {
            token.set(v);
            read.push("session token");
        }
        if let Some(v) = found.region {
            region.set(v);
            read.push("region");
        }
        pasted.set(String::new());
        paste_note.set(if read.is_empty() {
            "No AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN line found.".into()
        } else {
            format!("Read the {}.", read.join(", "))
        });
    };
    let use_demo = move |_| {
        mode.set(EndpointMode::Emulator);
        region.set("us-east-1".into());
        access_key.set(DEMO_ACCESS_KEY_ID.into());
        secret.set(DEMO_SECRET_ACCESS_KEY.into());
        token.set(String::new());
    };

    view! {
        <h1>"Connect"</h1>
        <form class="connect" on:submit=save>
            <fieldset>
                <legend>"Endpoint"</legend>
                <label for="region">"Region"</label>
                <select id="region" on:change=move |ev| region.set(event_target_value(&ev)) prop:value=move || region.get()>
                    {partitions::all().iter().map(|p| view! {
                        <optgroup label=p.partition.clone()>
                            {p.regions.iter().map(|(code, desc)| view! {
                                <option value=code.clone()>{format!("{code} — {desc}")}</option>
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
                {move || region_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div role="radiogroup" aria-label="Endpoint mode" class="modes">
                    {EndpointMode::ALL.into_iter().map(|m| view! {
                        <label class="radio">
                            <input type="radio" name="mode" value=m.key()
                                prop:checked=move || mode.get() == m
                                on:change=move |_| mode.set(m)/>
                            {m.label()}
                        </label>
                    }).collect_view()}
                </div>
                {when(Signal::derive(move || mode.get() == EndpointMode::Custom), Box::new(move || view! {
                    <label for="custom-url">"Endpoint URL"</label>
                    <input id="custom-url" type="url" placeholder="https://example.com/emulator" bind:value=custom_url/>
                    {move || url_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                }.into_any()), None)}
            </fieldset>
            <fieldset>
                <legend>"Credentials"</legend>
                <p class="hint">"Kept in this tab's memory only, unless you tick \"Remember in this tab\"."</p>
                <label for="akid">"Access key ID"</label>
                <input id="akid" autocomplete="off" spellcheck="false" bind:value=access_key/>
                <label for="secret">"Secret access key"</label>
                <input id="secret" type="password" autocomplete="off" bind:value=secret/>
                <label for="token">"Session token (optional)"</label>
                <input id="token" type="password" autocomplete="off" bind:value=token/>
                <label for="paste">"Or paste the output of aws configure export-credentials --format env"</label>
                <textarea id="paste" rows="3" spellcheck="false" bind:value=pasted></textarea>
                <button type="button" on:click=on_paste>"Read pasted credentials"</button>
                <p class="hint" aria-live="polite">{move || paste_note.get()}</p>
                <button type="button" class="secondary" on:click=use_demo>"Use the emulator's demo credentials"</button>
                <label class="check">
                    <input type="checkbox" bind:checked=remember/>
                    "Remember in this tab (sessionStorage)"
                </label>
            </fieldset>
            <div class="actions">
                <button type="button" on:click=on_check disabled=move || check.pending().get()>"Check connection"</button>
                <button type="submit" class="primary">"Connect"</button>
            </div>
            <div aria-live="polite" class="check-result">
                {move || check.value().get().map(|r| match r {
                    Ok(text) => view! { <p class="ok" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
                })}
            </div>
        </form>
    }
}
