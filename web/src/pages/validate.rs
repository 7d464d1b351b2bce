//! Validate: ARNs, versions and filters, one per line (100,000 lines too), checked by the core
//! in the page (works offline): an instant table of what each is, or exactly why not.
//!
//! Typed or small pasted text lives in the editor. A large paste, a chosen file or a dropped file
//! is kept in memory with a summary instead: a browser takes seconds to lay out a textarea of
//! 100,000 lines, while validating them takes about a tenth of a second.

use crate::components::vtable::VirtualTable;
use crate::counted::counted;
use crate::validate_lines::{LineReport, validate_text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Text above this many bytes (UTF-8) is kept out of the editor.
pub const EDITOR_LIMIT: usize = 32 * 1024;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Text held in memory instead of the editor.
#[derive(Debug, Clone, PartialEq)]
struct Held {
    /// Where it came from: "pasted text" or the file's name.
    origin: String,
    bytes: usize,
}

/// `text` with the editor's selection (UTF-16 offsets, as the DOM counts) replaced by `pasted`.
fn splice(area: &web_sys::HtmlTextAreaElement, pasted: &str) -> String {
    let value = js_sys::JsString::from(area.value());
    let len = value.length();
    let start = area
        .selection_start()
        .ok()
        .flatten()
        .unwrap_or(len)
        .min(len);
    let end = area
        .selection_end()
        .ok()
        .flatten()
        .unwrap_or(len)
        .clamp(start, len);
    let before = String::from(value.slice(0, start));
    let after = String::from(value.slice(end, len));
    format!("{before}{pasted}{after}")
}

/// Reads a file chosen or dropped, as UTF-8 text.
async fn read_file(file: web_sys::File) -> Result<String, String> {
    let name = file.name();
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the browser could not read it".into());
            format!("file {name:?}: {why}")
        })?;
    text.as_string()
        .ok_or_else(|| format!("file {name:?}: not text"))
}

/// The Validate page.
#[component]
pub fn ValidatePage() -> impl IntoView {
    let reports = RwSignal::new(Vec::<LineReport>::new());
    let took = RwSignal::new(0.0_f64);
    let only_invalid = RwSignal::new(false);
    let held = RwSignal::new(None::<Held>);
    let held_text = StoredValue::new(String::new());
    let read_error = RwSignal::new(None::<String>);
    let editor = NodeRef::<leptos::html::Textarea>::new();
    let run = move |t: &str| {
        let start = now_ms();
        let r = validate_text(t);
        reports.set(r);
        took.set(now_ms() - start);
    };
    // Large text: validated from memory, the editor emptied.
    let hold = move |origin: String, text: String| {
        read_error.set(None);
        if let Some(area) = editor.get_untracked() {
            area.set_value("");
        }
        run(&text);
        held.set(Some(Held {
            origin,
            bytes: text.len(),
        }));
        held_text.set_value(text);
    };
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        let Some(area) = editor.get_untracked() else {
            return;
        };
        let whole = splice(&area, &text);
        if whole.len() > EDITOR_LIMIT {
            ev.prevent_default();
            hold("pasted text".into(), whole);
        }
    };
    let on_input = move |ev: web_sys::Event| {
        held.set(None);
        held_text.set_value(String::new());
        run(&event_target_value(&ev));
    };
    let take_file = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        spawn_local(async move {
            let name = file.name();
            match read_file(file).await {
                Ok(text) if text.len() <= EDITOR_LIMIT => {
                    held.set(None);
                    read_error.set(None);
                    if let Some(area) = editor.get_untracked() {
                        area.set_value(&text);
                    }
                    run(&text);
                }
                Ok(text) => hold(name, text),
                Err(e) => read_error.set(Some(e)),
            }
        });
    };
    let on_choose = move |ev: web_sys::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        take_file(
            input
                .as_ref()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0)),
        );
        // Choosing the same file again is a new choice.
        if let Some(input) = input {
            input.set_value("");
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if file.is_some() {
            ev.prevent_default();
            take_file(file);
        }
    };
    let edit_held = move |_| {
        if let Some(area) = editor.get_untracked() {
            area.set_value(&held_text.get_value());
        }
        held.set(None);
        held_text.set_value(String::new());
    };
    let clear = move |_| {
        if let Some(area) = editor.get_untracked() {
            area.set_value("");
        }
        held.set(None);
        held_text.set_value(String::new());
        read_error.set(None);
        run("");
    };
    // Indices into `reports`: filtering never copies the reports themselves.
    let shown = Memo::new(move |_| {
        let invalid = only_invalid.get();
        reports.with(|r| {
            (0..r.len())
                .filter(|&i| !invalid || !r[i].ok())
                .collect::<Vec<usize>>()
        })
    });
    view! {
        <h1>"Validate"</h1>
        <p class="hint">"Paste ARNs, versions (1.2.3, 1.2.3/4, 1.x.x) and ListImages filters (version=1.x.x), one per line, or choose or drop a text file. Checked in this page by imagebuilder-core; nothing is sent."</p>
        <label for="lines">"Lines to validate"</label>
        <textarea id="lines" rows="8" spellcheck="false" node_ref=editor
            on:paste=on_paste on:input=on_input
            on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop></textarea>
        {move || held.get().map(|h| view! {
            <p class="held" role="status">
                {format!("Validating {} ({} bytes), kept in memory rather than in the editor. ", h.origin, h.bytes)}
                <button type="button" on:click=edit_held>"Edit as text"</button>
                " "
                <button type="button" on:click=clear>"Clear"</button>
            </p>
        })}
        <div class="field">
            <label for="lines-file">"Validate a file"</label>
            <input id="lines-file" type="file" accept=".txt,.csv,.log,text/plain" on:change=on_choose/>
        </div>
        <p class="field-error" role="alert">{move || read_error.get()}</p>
        <p class="counts" role="status" aria-live="polite">
            {move || {
                let (total, bad) = reports.with(|r| (r.len(), r.iter().filter(|l| !l.ok()).count()));
                format!("{}: {} valid, {bad} invalid (validated in {} ms).", counted(total, "line", "lines"), total - bad, took.get().round() as u64)
            }}
        </p>
        <label class="check"><input type="checkbox" bind:checked=only_invalid/>"Show only invalid lines"</label>
        <VirtualTable rows=shown label="Validation results" columns=8
            header=Box::new(|| view! {
                <tr>
                    <th scope="col">"Line"</th><th scope="col">"Input"</th><th scope="col">"Result"</th>
                    <th scope="col">"Kind"</th><th scope="col">"Partition"</th><th scope="col">"Region"</th>
                    <th scope="col">"Owner"</th><th scope="col">"Type / name"</th>
                </tr>
            }.into_any())
            render_row=move |_, i: &usize| reports.with_untracked(|all| all.get(*i).map(row_view))/>
    }
}

/// The cells of one report: the verdict next to the input (a long input or error is cut to the
/// cell's width with an ellipsis, its whole text in the cell's title), then the ARN's parts.
fn row_view(r: &LineReport) -> impl IntoView + use<> {
    let verdict = match &r.error {
        None => format!(
            "valid ({})",
            if r.level.is_empty() { "ok" } else { &r.level }
        ),
        Some(e) => e.clone(),
    };
    let title = verdict.clone();
    view! {
        <td>{r.line}</td>
        <td title=r.input.clone()><code>{r.input.clone()}</code></td>
        <td class=if r.ok() { "valid" } else { "invalid" } title=title>{verdict}</td>
        <td>{r.kind}</td>
        <td>{r.partition.clone()}</td>
        <td>{r.region.clone()}</td>
        <td>{r.owner.clone()}</td>
        <td>{if r.resource.is_empty() { r.name.clone() } else { format!("{} {}", r.resource, r.name) }}</td>
    }
}
