//! The console's account of what the client did on its own: retries (with their reason and
//! backoff) and clock-skew corrections, as they happen, newest first (a live log).

use crate::api::{self, CallNotice};
use crate::components::when::when;
use leptos::prelude::*;

/// The call activity log (empty: nothing shown).
#[component]
pub fn CallActivity() -> impl IntoView {
    let notices = api::call_notices();
    let clear = {
        let notices = notices.clone();
        move |_| notices.set(Vec::new())
    };
    let shown = {
        let notices = notices.clone();
        move || !notices.with(Vec::is_empty)
    };
    view! {
        {when(Signal::derive(shown), Box::new(move || view! {
            <section class="call-activity" aria-label="Client activity">
                <ul role="log" aria-label="Retries and clock corrections" aria-live="polite">
                    {
                        let notices = notices.clone();
                        move || notices.get().into_iter().map(|CallNotice { text, .. }| view! { <li>{text}</li> }).collect_view()
                    }
                </ul>
                <button type="button" class="secondary" on:click=clear.clone()>"Clear"</button>
            </section>
        }.into_any()), None)}
    }
}
