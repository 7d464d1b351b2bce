//! The pages as split points: the console's code is split into three modules of pages, which
//! the browser fetches the first time one of their pages is shown (Leptos's `LazyRoute` over
//! `wasm_split_helpers`; `cargo xtask console-wasm` does the split). A first visit downloads the
//! shell and one module of pages, not all of them.
//!
//! The modules (the `wasm_split` names below), chosen by measurement (`cargo xtask
//! bench-console`, when they were chosen): `browse` (Connect, Images, Validate: where a new user
//! starts and goes next), `image` (an image and a build version, opened one from the other),
//! `launch`. One module per page made the largest first visit larger (`/launch`: 342.9 KB
//! gzipped, against 334.6 KB for the largest with these three) and every first visit slower (28
//! to 34 files instead of 11; `/connect` on screen in 277 ms instead of about 225), though
//! Connect alone was smaller (292.6 KB instead of 330.6 KB): code shared by some pages is split
//! into modules of its own, one per set of pages, each compressed on its own.
//!
//! Every split function is `fallible`: a module that cannot be fetched (the server stopped, the
//! network dropped) shows an alert with a way to try again instead of a panic, which on wasm would
//! abort the whole module. A failed fetch is not remembered; the next visit fetches again.
//!
//! Validate works offline: a second after the first page is on screen, its module is fetched in
//! the background (out of the first page's way), so a console opened online keeps validating
//! after the network is gone.
//!
//! Off wasm32 (the host's `cargo test` and clippy) the split functions are plain calls.

use crate::pages::{
    connect::ConnectPage, image::ImagePage, image_build::ImageBuildPage, images::ImagesPage,
    launch::LaunchPage, validate::ValidatePage,
};
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::LazyRoute;
use std::sync::atomic::{AtomicBool, Ordering};

/// A page's view, or why its module did not load.
type Loaded = Result<AnyView, SplitLoaderError>;

/// Shows a loaded page, or an alert that it could not be fetched; the first page shown also
/// starts fetching Validate's module (see the module docs).
fn shown(loaded: Loaded) -> AnyView {
    static OFFLINE_READY: AtomicBool = AtomicBool::new(false);
    if !OFFLINE_READY.swap(true, Ordering::Relaxed) {
        // A failure here is not the user's concern yet: visiting Validate fetches it again.
        leptos::task::spawn_local(async {
            gloo_timers::future::TimeoutFuture::new(1_000).await;
            let _ = preload_validate().await;
        });
    }
    match loaded {
        Ok(view) => view,
        Err(_) => view! {
            <h1>"This page did not load"</h1>
            <p role="alert">
                "The browser could not load this page's code: the connection to the server \
                 may have dropped, or the console was rebuilt there since this tab opened. Try \
                 again loads the console afresh."
            </p>
            <button type="button" on:click=|_| reload()>"Try again"</button>
        }
        .into_any(),
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

macro_rules! lazy_page {
    ($route:ident, $split:ident, $preload:ident, $module:ident, $page:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy)]
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                shown($split().await)
            }
        }

        #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        fn $split() -> Loaded {
            Ok(view! { <$page/> }.into_any())
        }
    };
}

lazy_page!(
    ConnectRoute,
    connect_view,
    preload_connect,
    browse,
    ConnectPage,
    "`/connect`."
);
lazy_page!(
    ImagesRoute,
    images_view,
    preload_images,
    browse,
    ImagesPage,
    "`/images`."
);
lazy_page!(
    ValidateRoute,
    validate_view,
    preload_validate,
    browse,
    ValidatePage,
    "`/validate`."
);
lazy_page!(
    ImageRoute,
    image_view,
    preload_image,
    image,
    ImagePage,
    "`/image/{account}/{name}[/{version}]`."
);
lazy_page!(
    ImageBuildRoute,
    image_build_view,
    preload_image_build,
    image,
    ImageBuildPage,
    "`/image/{account}/{name}/{version}/{build}`."
);
lazy_page!(
    LaunchRoute,
    launch_view,
    preload_launch,
    launch,
    LaunchPage,
    "`/launch`."
);

/// `/`: the images when connected, else Connect (each fetched as its route fetches it).
#[component]
pub fn Home() -> impl IntoView {
    let settings = crate::app::use_settings();
    move || {
        if settings.with(crate::settings::Settings::has_credentials) {
            Suspend::new(async { shown(images_view().await) }).into_any()
        } else {
            Suspend::new(async { shown(connect_view().await) }).into_any()
        }
    }
}
