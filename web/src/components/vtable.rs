//! A virtualized table: only the rows in view (plus a small overscan) are in the DOM, spacer
//! rows keep the scroll height, and `aria-rowcount`/`aria-rowindex` tell assistive technology
//! the real size. Rows have a fixed height (CSS `--row-height`, [`ROW_HEIGHT`] px).

use crate::components::when::when;
use leptos::prelude::*;

/// The fixed row height in pixels (must match `--row-height` in `style.css`).
pub const ROW_HEIGHT: f64 = 32.0;
/// Rows rendered above and below the viewport.
pub const OVERSCAN: usize = 8;
/// The viewport height assumed before the element is measured.
const DEFAULT_VIEWPORT: f64 = 640.0;

/// Which slice of `total` rows to render for a scroll offset and viewport height:
/// `(first, end)`, `end` exclusive.
pub fn window(total: usize, scroll_top: f64, viewport: f64) -> (usize, usize) {
    let first_visible = (scroll_top.max(0.0) / ROW_HEIGHT) as usize;
    let visible = (viewport.max(ROW_HEIGHT) / ROW_HEIGHT).ceil() as usize + 1;
    let first = first_visible.saturating_sub(OVERSCAN).min(total);
    let end = (first_visible + visible + OVERSCAN).min(total);
    (first, end.max(first))
}

/// The height of `el` that can be seen: its own, at most the window's (a container without a
/// height limit must not make every row "visible").
fn visible_height(el: &web_sys::HtmlDivElement) -> f64 {
    let own = el.client_height() as f64;
    let window = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(DEFAULT_VIEWPORT);
    if own > 0.0 {
        own.min(window)
    } else {
        DEFAULT_VIEWPORT
    }
}

/// A table over `rows` that renders only what is in view. `header` is the `<tr>` of `<th>`s;
/// `render_row(index, row)` renders one `<td>` list (the `<tr>` is provided).
#[component]
pub fn VirtualTable<T, R, IV>(
    /// The rows (read with `with`, never cloned whole).
    #[prop(into)]
    rows: Signal<Vec<T>>,
    /// The accessible name of the table.
    label: &'static str,
    /// Number of columns (for `aria-colcount` and empty states).
    columns: usize,
    /// The header row.
    header: Children,
    /// Renders the cells of row `index`.
    render_row: R,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    R: Fn(usize, &T) -> IV + Send + Sync + Clone + 'static,
    IV: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT);
    let container = NodeRef::<leptos::html::Div>::new();
    let total = Memo::new(move |_| rows.with(Vec::len));
    let slice = Memo::new(move |_| window(total.get(), scroll_top.get(), viewport.get()));
    let on_scroll = move |_| {
        if let Some(el) = container.get_untracked() {
            scroll_top.set(el.scroll_top() as f64);
            viewport.set(visible_height(&el));
        }
    };
    // Measure once mounted.
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            viewport.set(visible_height(&el));
        }
    });
    // A new data set starts at the top.
    Effect::new(move |prev: Option<usize>| {
        let n = total.get();
        if let (Some(p), Some(el)) = (prev, container.get_untracked())
            && n < p
        {
            el.set_scroll_top(0);
            scroll_top.set(0.0);
        }
        n
    });
    let body = move || {
        let (first, end) = slice.get();
        let render_row = render_row.clone();
        rows.with(|all| {
            all.get(first..end)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let index = first + i;
                    view! { <tr aria-rowindex=index + 2>{render_row(index, row)}</tr> }
                })
                .collect_view()
        })
    };
    // Whole pixels, formatted as integers (no float formatting code in the bundle for this).
    let px = |rows: usize| format!("{}px", rows.saturating_mul(ROW_HEIGHT as usize));
    let top_pad = move || px(slice.get().0);
    let bottom_pad = move || {
        let (_, end) = slice.get();
        px(total.get().saturating_sub(end))
    };
    view! {
        <div class="vtable" node_ref=container on:scroll=on_scroll tabindex="0" role="region" aria-label=label>
            <table aria-rowcount=move || total.get() + 1 aria-colcount=columns aria-label=label>
                <thead>{header()}</thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=top_pad></tr>
                    {body}
                    <tr class="spacer" aria-hidden="true" style:height=bottom_pad></tr>
                </tbody>
            </table>
            {when(Signal::derive(move || total.get() == 0), Box::new(|| view! { <p class="empty">"Nothing to show."</p> }.into_any()), None)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_is_bounded() {
        assert_eq!(window(0, 0.0, 640.0), (0, 0));
        let (first, end) = window(10_000, 0.0, 640.0);
        assert_eq!(first, 0);
        assert!(end - first <= 40, "{first}..{end}");
        let (first, end) = window(10_000, 5_000.0 * ROW_HEIGHT, 640.0);
        assert_eq!(first, 5_000 - OVERSCAN);
        assert!(end > 5_000 + 20 && end < 5_000 + 40);
        let (first, end) = window(10_000, 1e12, 640.0);
        assert_eq!((first, end), (10_000, 10_000));
    }
}
