//! The shell: settings context, layout, navigation and the routes (a deep link for every page,
//! image, image version and build version).

use crate::components::call_activity::CallActivity;
use crate::components::route_focus::RouteFocus;
use crate::lazy_pages::{
    ConnectRoute, Home, ImageBuildRoute, ImageRoute, ImagesRoute, LaunchRoute, ValidateRoute,
};
use crate::settings::Settings;
use crate::theme::ThemeToggle;
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::{Lazy, path};

/// The connection settings, shared by every page.
pub type SettingsSignal = RwSignal<Settings>;

/// The settings of this tab.
pub fn use_settings() -> SettingsSignal {
    expect_context::<SettingsSignal>()
}

/// The console.
#[component]
pub fn App() -> impl IntoView {
    let settings: SettingsSignal = RwSignal::new(Settings::load());
    provide_context(settings);
    view! {
        <Router>
            <RouteFocus/>
            <a class="skip" href="#main">"Skip to content"</a>
            <header class="top">
                <span class="brand">"EC2 Image Builder"</span>
                <nav aria-label="Main">
                    <A href="/connect">"Connect"</A>
                    <A href="/images">"Images"</A>
                    <A href="/launch">"Launch"</A>
                    <A href="/validate">"Validate"</A>
                </nav>
                <span class="who" aria-live="polite">
                    {move || settings.with(|s| if s.has_credentials() {
                        format!("{} · {}", s.region, s.mode.key())
                    } else {
                        "Not connected".to_string()
                    })}
                </span>
                <ThemeToggle/>
            </header>
            <CallActivity/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <h1>"Not found"</h1><p>"No page here. "<A href="/images">"Go to images"</A></p> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/connect") view={Lazy::<ConnectRoute>::new()}/>
                    <Route path=path!("/images") view={Lazy::<ImagesRoute>::new()}/>
                    <Route path=path!("/image/:account/:name") view={Lazy::<ImageRoute>::new()}/>
                    <Route path=path!("/image/:account/:name/:version") view={Lazy::<ImageRoute>::new()}/>
                    <Route path=path!("/image/:account/:name/:version/:build") view={Lazy::<ImageBuildRoute>::new()}/>
                    <Route path=path!("/launch") view={Lazy::<LaunchRoute>::new()}/>
                    <Route path=path!("/validate") view={Lazy::<ValidateRoute>::new()}/>
                </Routes>
            </main>
        </Router>
    }
}
