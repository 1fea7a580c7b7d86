//! What opens over a screen and closes back to it: help, forms, pickers.

pub mod form;
pub mod help;
pub mod picker;
pub mod search;
