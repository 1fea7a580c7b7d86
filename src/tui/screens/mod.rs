//! One module per screen: the room the user is in.

pub mod call;
pub mod home;
pub mod practice;
pub mod practice_stats;
pub mod report;
pub mod too_small;
pub mod trainer;
