//! The selection dashboard: what is waiting, and how fast the city answers — the measure the
//! platform is judged by (time from application to first answer).

use serde::{Deserialize, Serialize};

/// Median and 90th percentile of answer times, in seconds, over `answered` applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerTimes {
    pub unit: String,
    pub answered: usize,
    pub waiting: usize,
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferCounts {
    pub offer_id: i64,
    pub title: String,
    pub state: crate::stages::types::OfferState,
    /// Applications per state, in the order of `ApplicationState::ALL`.
    pub counts: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub offers: Vec<OfferCounts>,
    pub by_direction: Vec<AnswerTimes>,
    pub by_service: Vec<AnswerTimes>,
    /// Published offers whose deadline falls within the next seven days: (id, title, deadline).
    pub expiring: Vec<(i64, String, crate::ui::time::HumanTime)>,
    pub spontaneous_waiting: i64,
}

/// The nearest-rank percentile `p` (0–100) of `sorted` values.
pub fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Answer times of one unit (a direction or a service) from (created, first answer) pairs.
pub fn answer_times(unit: String, rows: &[(i64, Option<i64>)]) -> AnswerTimes {
    let mut answered: Vec<i64> = rows
        .iter()
        .filter_map(|(created, answer)| answer.map(|a| (a - created).max(0)))
        .collect();
    answered.sort_unstable();
    AnswerTimes {
        unit,
        answered: answered.len(),
        waiting: rows.len() - answered.len(),
        median_seconds: percentile(&answered, 50),
        p90_seconds: percentile(&answered, 90),
    }
}

/// "3 j 4 h", "5 h 12 min", "40 min": a duration a person reads at a glance.
pub fn human_duration(seconds: i64) -> String {
    let minutes = seconds / 60;
    let (days, hours) = (minutes / 1440, (minutes % 1440) / 60);
    if days > 0 {
        format!("{days} j {hours} h")
    } else if hours > 0 {
        format!("{hours} h {} min", minutes % 60)
    } else {
        format!("{minutes} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let values: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&values, 50), Some(5));
        assert_eq!(percentile(&values, 90), Some(9));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[], 50), None);
    }

    #[test]
    fn answer_times_count_the_waiting_apart() {
        let times = answer_times(
            "DEVE".into(),
            &[(0, Some(3600)), (0, Some(7200)), (0, None)],
        );
        assert_eq!(
            (
                times.answered,
                times.waiting,
                times.median_seconds,
                times.p90_seconds
            ),
            (2, 1, Some(3600), Some(7200))
        );
        assert_eq!(human_duration(90_000), "1 j 1 h");
        assert_eq!(human_duration(3_900), "1 h 5 min");
    }
}
