//! Light and dark themes: the system's `prefers-color-scheme` by default, or the user's choice
//! (kept in this tab's sessionStorage; not a secret) as `data-theme` on `<html>`.

use leptos::prelude::*;

const KEY: &str = "ib.console.theme";

/// `system`, `light` or `dark`.
fn apply(theme: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = doc.document_element() {
        if theme == "system" {
            let _ = root.remove_attribute("data-theme");
        } else {
            let _ = root.set_attribute("data-theme", theme);
        }
    }
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(KEY, theme);
    }
}

fn stored() -> String {
    web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .filter(|t| ["light", "dark", "system"].contains(&t.as_str()))
        .unwrap_or_else(|| "system".into())
}

/// The theme picker.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(stored());
    Effect::new(move |_| apply(&theme.get()));
    view! {
        <label class="theme">
            "Theme "
            <select on:change=move |ev| theme.set(event_target_value(&ev)) prop:value=move || theme.get()>
                <option value="system">"System"</option>
                <option value="light">"Light"</option>
                <option value="dark">"Dark"</option>
            </select>
        </label>
    }
}
