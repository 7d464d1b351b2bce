//! Component tests in headless Chromium (wasm-bindgen-test, run by `cargo xtask e2e`'s sibling
//! step in `cargo xtask test`): the virtualized table, the Validate page and the forms, mounted
//! for real into the document.
#![cfg(target_arch = "wasm32")]

use imagebuilder_console::components::vtable::VirtualTable;
use imagebuilder_console::pages::launch_form::LaunchForm;
use imagebuilder_console::pages::validate::ValidatePage;
use imagebuilder_console::validate_lines::validate_text;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    // The console's stylesheet gives the table's scroller its height; the test page has none.
    let style = doc.create_element("style").expect("a style");
    style.set_text_content(Some(
        ".vtable { height: 480px; overflow: auto; } td { height: 32px; padding: 0; }",
    ));
    doc.body()
        .expect("a body")
        .append_child(&style)
        .expect("appended");
    let div = doc.create_element("div").expect("a div");
    doc.body()
        .expect("a body")
        .append_child(&div)
        .expect("appended");
    div.unchecked_into()
}

async fn settle() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

fn count(el: &web_sys::HtmlElement, selector: &str) -> u32 {
    el.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

#[wasm_bindgen_test]
async fn the_table_renders_10000_rows_as_a_small_window() {
    let el = host();
    let rows = RwSignal::new((0..10_000).map(|i| format!("row {i}")).collect::<Vec<_>>());
    let handle = leptos::mount::mount_to(el.clone(), move || {
        view! {
            <VirtualTable rows=rows label="Test rows" columns=1
                header=Box::new(|| view! { <tr><th>"Row"</th></tr> }.into_any())
                render_row=|_, r: &String| view! { <td>{r.clone()}</td> }/>
        }
    });
    settle().await;
    let dom_rows = count(&el, "tbody tr[aria-rowindex]");
    assert!(
        dom_rows > 0 && dom_rows <= 200,
        "{dom_rows} rows in the DOM"
    );
    let table = el.query_selector("table").ok().flatten().expect("a table");
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some("10001")
    );
    // Scrolling to the middle renders the middle.
    let scroller: web_sys::HtmlElement = el
        .query_selector(".vtable")
        .ok()
        .flatten()
        .expect("the scroller")
        .unchecked_into();
    scroller.set_scroll_top(5_000 * 32);
    let _ = scroller.dispatch_event(&web_sys::Event::new("scroll").expect("event"));
    settle().await;
    let text = scroller.text_content().unwrap_or_default();
    assert!(
        text.contains("row 5000"),
        "row 5000 not rendered after scrolling"
    );
    assert!(!text.contains("row 0 "), "row 0 still rendered");
    // Fewer rows: the table shrinks with them.
    rows.set(vec!["only".to_string()]);
    settle().await;
    assert_eq!(count(&el, "tbody tr[aria-rowindex]"), 1);
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_validate_page_reports_each_line() {
    let el = host();
    let handle = leptos::mount::mount_to(el.clone(), ValidatePage);
    settle().await;
    let area: web_sys::HtmlTextAreaElement = el
        .query_selector("#lines")
        .ok()
        .flatten()
        .expect("the textarea")
        .unchecked_into();
    area.set_value("1.2.3\n1.x.2\narn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1");
    let _ = area.dispatch_event(&web_sys::Event::new("input").expect("event"));
    settle().await;
    let text = el.text_content().unwrap_or_default();
    assert!(text.contains("3 lines: 2 valid, 1 invalid"), "{text}");
    assert!(text.contains("invalid version"), "{text}");
    drop(handle);
}

#[wasm_bindgen_test]
fn the_validator_runs_in_the_browser() {
    let r =
        validate_text("arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.x.2\n2.x.x");
    assert_eq!(r.len(), 2);
    assert!(
        r[0].error
            .as_deref()
            .is_some_and(|e| e.contains("(version)"))
    );
    assert!(r[1].ok());
}

#[wasm_bindgen_test]
fn the_launch_form_is_checked_by_the_core_in_the_browser() {
    let form = LaunchForm {
        source: "recipe".into(),
        recipe: "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0".into(),
        infra: String::new(),
        timeout: "5".into(),
        ..LaunchForm::default()
    };
    let problems = form.problems("token-1");
    let paths: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
    assert!(
        paths.contains(&"infrastructureConfigurationArn"),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"imageTestsConfiguration.timeoutMinutes"),
        "{paths:?}"
    );
}
