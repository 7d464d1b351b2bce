//! Reusable pieces of the console's UI.

pub mod call_activity;
pub mod copy_button;
pub mod error_view;
pub mod owner_select;
pub mod route_focus;
pub mod status_badge;
pub mod timeline;
pub mod vtable;
pub mod when;
