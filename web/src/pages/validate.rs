//! Validate: ARNs, versions and filters, one per line (100,000 lines too), checked by the core
//! in the page (works offline): an instant table of what each is, or exactly why not.

use crate::components::vtable::VirtualTable;
use crate::validate_lines::{LineReport, validate_text};
use leptos::prelude::*;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// The Validate page.
#[component]
pub fn ValidatePage() -> impl IntoView {
    let reports = RwSignal::new(Vec::<LineReport>::new());
    let took = RwSignal::new(0.0_f64);
    let only_invalid = RwSignal::new(false);
    let run = move |t: &str| {
        let start = now_ms();
        let r = validate_text(t);
        reports.set(r);
        took.set(now_ms() - start);
    };
    let shown = Memo::new(move |_| {
        if only_invalid.get() {
            reports.with(|r| r.iter().filter(|l| !l.ok()).cloned().collect())
        } else {
            reports.get()
        }
    });
    view! {
        <h1>"Validate"</h1>
        <p class="hint">"Paste ARNs, versions (1.2.3, 1.2.3/4, 1.x.x) and ListImages filters (version=1.x.x), one per line. Checked in this page by imagebuilder-core; nothing is sent."</p>
        <label for="lines">"Lines to validate"</label>
        <textarea id="lines" rows="8" spellcheck="false"
            on:input=move |ev| run(&event_target_value(&ev))></textarea>
        <p class="counts" role="status" aria-live="polite">
            {move || {
                let (total, bad) = reports.with(|r| (r.len(), r.iter().filter(|l| !l.ok()).count()));
                format!("{total} lines: {} valid, {bad} invalid (validated in {:.0} ms).", total - bad, took.get())
            }}
        </p>
        <label class="check"><input type="checkbox" bind:checked=only_invalid/>"Show only invalid lines"</label>
        <VirtualTable rows=shown label="Validation results" columns=8
            header=Box::new(|| view! {
                <tr>
                    <th scope="col">"Line"</th><th scope="col">"Input"</th><th scope="col">"Kind"</th>
                    <th scope="col">"Partition"</th><th scope="col">"Region"</th><th scope="col">"Owner"</th>
                    <th scope="col">"Type / name"</th><th scope="col">"Result"</th>
                </tr>
            }.into_any())
            render_row=|_, r: &LineReport| view! {
                <td>{r.line}</td>
                <td><code>{r.input.clone()}</code></td>
                <td>{r.kind}</td>
                <td>{r.partition.clone()}</td>
                <td>{r.region.clone()}</td>
                <td>{r.owner.clone()}</td>
                <td>{if r.resource.is_empty() { r.name.clone() } else { format!("{} {}", r.resource, r.name) }}</td>
                <td class=if r.ok() { "valid" } else { "invalid" }>{match &r.error {
                    None => format!("valid ({})", if r.level.is_empty() { "ok" } else { &r.level }),
                    Some(e) => e.clone(),
                }}</td>
            }/>
    }
}
