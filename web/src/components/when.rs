//! `when`: what `Show` does, without its generics. Every `<Show>` is its own instance of the
//! framework's memo, render-effect and children code (one per condition and children type);
//! `when` is one instance for every use: the condition is a boxed `Signal<bool>`, the children
//! a boxed function returning an `AnyView`.

use leptos::prelude::*;

/// Builds children returning an erased view: what [`when`] takes.
pub type ViewBox = Box<dyn Fn() -> AnyView + Send + Sync>;

/// The children while `cond` holds, else the fallback (if any). Like `Show`, the condition is
/// memoized: the children are built again only when it changes, not when what it reads changes
/// (an input inside keeps its focus while typing).
pub fn when(cond: Signal<bool>, children: ViewBox, fallback: Option<ViewBox>) -> impl IntoView {
    let cond = Memo::new(move |_| cond.get());
    move || {
        if cond.get() {
            Some(children())
        } else {
            fallback.as_ref().map(|f| f())
        }
    }
}
