//! Mounts the console.

fn main() {
    // A panic (a bug) is reported on the browser console with its message, never silently.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(imagebuilder_console::app::App);
}
