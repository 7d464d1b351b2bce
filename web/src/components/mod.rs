//! Reusable pieces of the console's UI.

pub mod call_activity;
pub mod copy_button;
pub mod error_view;
pub mod owner_select;
pub mod status_badge;
pub mod timeline;
pub mod vtable;
