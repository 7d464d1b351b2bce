//! A button that copies a value to the clipboard and says so.

use leptos::prelude::*;

/// Copies `value`; `label` names what is copied (for screen readers and the tooltip).
#[component]
pub fn CopyButton(#[prop(into)] value: String, #[prop(into)] label: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let aria = format!("Copy {label}");
    let on_click = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&value);
            copied.set(true);
        }
    };
    view! {
        <button type="button" class="copy" aria-label=aria.clone() title=aria on:click=on_click>
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}
