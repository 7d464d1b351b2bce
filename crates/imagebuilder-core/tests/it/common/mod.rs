//! Helpers shared by several test modules (`use crate::common;`).

pub(crate) mod botocore;
