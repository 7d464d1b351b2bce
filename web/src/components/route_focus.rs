//! After a navigation inside the console: the document title names the page, and focus moves to
//! the main content, so a screen reader announces the new page and Tab starts from it (a
//! single-page app otherwise leaves focus on the link that was clicked).

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// The console's name, the end of every title.
const CONSOLE: &str = "EC2 Image Builder console";

/// The title of the page at `path`: `Images — EC2 Image Builder console`, an image's name with its
/// version for the image pages (`web-server 1.x.x — …`).
pub fn title_for(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let page = match parts.as_slice() {
        ["connect"] => "Connect".to_string(),
        ["images"] => "Images".to_string(),
        ["launch"] => "Launch".to_string(),
        ["validate"] => "Validate".to_string(),
        ["image", _, name] => format!("Image {name}"),
        ["image", _, name, version] => format!("Image {name} {version}"),
        ["image", _, name, version, build] => format!("Image {name} {version}/{build}"),
        [] => return CONSOLE.to_string(),
        _ => "Not found".to_string(),
    };
    format!("{page} — {CONSOLE}")
}

/// Sets the title on every path, and moves focus to `#main` on every path after the first.
#[component]
pub fn RouteFocus() -> impl IntoView {
    let location = use_location();
    Effect::new(move |first: Option<()>| {
        let path = location.pathname.get();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        document.set_title(&title_for(&path));
        if first.is_some()
            && let Some(main) = document
                .get_element_by_id("main")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::title_for;

    #[test]
    fn every_page_has_its_own_title() {
        assert_eq!(title_for("/images"), "Images — EC2 Image Builder console");
        assert_eq!(
            title_for("/image/123456789012/web-server/1.x.x"),
            "Image web-server 1.x.x — EC2 Image Builder console"
        );
        assert_eq!(
            title_for("/image/aws/base/1.0.0/2"),
            "Image base 1.0.0/2 — EC2 Image Builder console"
        );
        assert_eq!(title_for("/"), "EC2 Image Builder console");
        assert_eq!(
            title_for("/nope/x"),
            "Not found — EC2 Image Builder console"
        );
    }
}
