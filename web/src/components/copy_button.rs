//! A button that copies a value to the clipboard and says whether it did.

use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last click did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Idle,
    Copied,
    Refused,
}

/// Copies `value`; `label` names what is copied (for screen readers and the tooltip). Says
/// "Copied" only once the clipboard took it, and "Copy refused" (with how to copy by hand in the
/// tooltip) when the browser refused (no permission, an insecure origin). The outcome is also
/// told in a polite live region, because the button's accessible name (`Copy LABEL`) does not
/// change with its visible text.
#[component]
pub fn CopyButton(#[prop(into)] value: String, #[prop(into)] label: String) -> impl IntoView {
    let outcome = RwSignal::new(Outcome::Idle);
    let aria = format!("Copy {label}");
    let title = format!("{aria} (if the browser refuses, select the text and copy it by hand)");
    let told = move || match outcome.get() {
        Outcome::Idle => String::new(),
        Outcome::Copied => format!("Copied {label}"),
        Outcome::Refused => format!("The browser refused to copy {label}"),
    };
    let on_click = move |_| {
        let Some(w) = web_sys::window() else { return };
        let promise = w.navigator().clipboard().write_text(&value);
        spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await;
            outcome.try_set(if done.is_ok() {
                Outcome::Copied
            } else {
                Outcome::Refused
            });
        });
    };
    view! {
        <button type="button" class="copy" aria-label=aria title=title on:click=on_click>
            {move || match outcome.get() {
                Outcome::Idle => "Copy",
                Outcome::Copied => "Copied",
                Outcome::Refused => "Copy refused",
            }}
        </button>
        <span class="sr-only" role="status">{told}</span>
    }
}
