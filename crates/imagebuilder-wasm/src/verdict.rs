//! `arnVerdict`: the cheap path behind the glue's `validateArn`, a valid/invalid verdict with no
//! JSON, no parsed object and no error value (the glue builds those only when they are read).
//! The shape crosses as its index in [`SHAPES`] (the glue maps names to indexes once), so the
//! ARN is the only string passed.

use imagebuilder_core::arn::{ArnShape, SHAPES};
use wasm_bindgen::prelude::*;

/// The verdict for the default shape (any Image Builder ARN).
const ANY_SHAPE: u32 = u32::MAX;

/// Checks `s` against the shape at index `shape` of [`SHAPES`] (`u32::MAX`: any Image Builder
/// ARN): 1 valid, 0 invalid, 2 no such shape index (the glue then takes the slow path, which
/// names the shape in its error).
#[wasm_bindgen(js_name = "arnVerdict")]
pub fn arn_verdict(s: &str, shape: u32) -> u32 {
    let shape = if shape == ANY_SHAPE {
        Some(ArnShape::ImageBuilderArn)
    } else {
        SHAPES
            .get(shape as usize)
            .and_then(|name| ArnShape::from_name(name))
    };
    match shape {
        Some(shape) => u32::from(shape.validate(s).is_ok()),
        None => 2,
    }
}
