//! Mounts the console.

fn main() {
    leptos::mount::mount_to_body(imagebuilder_console::app::App);
}
