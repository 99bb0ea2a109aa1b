//! What the legal pages show, read from the configuration and the accessibility results file.

use super::types::{LegalFacts, Organisation, PeriodUnit, RemainingIssue, RetentionPeriod};
use crate::server::{config, human_dates::HumanDates};

/// What the accessibility checks still find (`end2end/tests/accessibility_audit.spec.ts`
/// keeps this file true), compiled in.
const REMAINING: &str = include_str!("../accessibility_remaining.json");

/// The list in `accessibility_remaining.json`.
pub fn remaining() -> Result<Vec<RemainingIssue>, serde_json::Error> {
    serde_json::from_str(REMAINING)
}

/// The facts of `config`, its dates written by `dates`.
pub fn facts(config: &config::Config, dates: &HumanDates) -> Result<LegalFacts, serde_json::Error> {
    let legal = &config.legal;
    let organisation = |name: &str, address: &str, phone: &str, email: &str| Organisation {
        name: name.to_string(),
        address: address.to_string(),
        phone: phone.to_string(),
        email: email.to_string(),
    };
    Ok(LegalFacts {
        site: config.public_link("/"),
        publisher: organisation(
            &legal.publisher_name,
            &legal.publisher_address,
            &legal.publisher_phone,
            &legal.publisher_email,
        ),
        director: legal.director.clone(),
        host: organisation(&legal.host_name, &legal.host_address, &legal.host_phone, ""),
        dpo: organisation(&legal.dpo_name, &legal.dpo_address, "", &legal.dpo_email),
        accessibility_email: legal.accessibility_email.clone(),
        accessibility_form_url: legal.accessibility_form_url.clone(),
        audit_date: dates.date(&legal.accessibility_audit_date),
        retention: config
            .retention
            .rules()
            .into_iter()
            .map(|rule| RetentionPeriod {
                key: rule.key.to_string(),
                amount: rule.amount,
                unit: match rule.unit {
                    config::PeriodUnit::Hours => PeriodUnit::Hours,
                    config::PeriodUnit::Days => PeriodUnit::Days,
                    config::PeriodUnit::Months => PeriodUnit::Months,
                },
            })
            .collect(),
        session_cookie: config.session.cookie_name.clone(),
        session_idle_hours: config.session.idle_hours,
        remaining: remaining()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accessibility_results_file_reads() {
        let issues = remaining().expect("accessibility_remaining.json parses");
        for issue in issues {
            assert!(
                !issue.pages.is_empty() && !issue.viewports.is_empty(),
                "{issue:?}"
            );
            assert!(
                issue
                    .viewports
                    .iter()
                    .all(|v| v == "desktop" || v == "phone"),
                "{issue:?}"
            );
        }
    }
}
