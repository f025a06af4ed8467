//! `vanban new TYPE`: print a starter JSON for a type.

use super::report;
use crate::error::Error;
use crate::nd30::types::TYPES;

/// Run the command; the exit code.
pub fn new(slug: &str) -> i32 {
    match crate::starter::starter(slug) {
        Some(v) => {
            println!("{}", crate::starter::to_reading_order(&v));
            0
        }
        None => {
            let all: Vec<&str> = TYPES.iter().map(|t| t.slug).collect();
            report(None, &Error::Usage(format!("unknown type \"{slug}\"; one of: {}", all.join(", "))))
        }
    }
}
