//! `vanban new [--profile dang] TYPE`: print a starter JSON for a type.

use super::report;
use crate::error::Error;
use crate::profile::Profile;

/// Run the command; the exit code.
pub fn new(slug: &str, profile: &str) -> i32 {
    let profile = Profile::parse(Some(profile)).unwrap_or_default();
    match crate::starter::starter_for(profile, slug) {
        Some(v) => {
            println!("{}", crate::starter::to_reading_order(&v));
            0
        }
        None => {
            let all: Vec<&str> = profile.types().iter().map(|t| t.slug).collect();
            let mut msg = format!("unknown type \"{slug}\" for {}; one of: {}", profile.rules(), all.join(", "));
            if profile.other().type_info(slug).is_some() {
                msg.push_str(&format!(" (\"{slug}\" is a type of --profile {})", profile.other().slug()));
            }
            report(None, &Error::Usage(msg))
        }
    }
}
