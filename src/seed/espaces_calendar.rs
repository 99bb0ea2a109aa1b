//! Demo calendar (issue 13's "Demo data"): a month of events in the demo spaces that use the
//! calendar — a weekly team meeting on Mondays at 10:00 (one occurrence cancelled), a
//! fortnightly steering committee, workshops, a site visit, an all-day open day and a
//! two-day fair — with a few attendees and answers. Loaded once, into spaces without events.

use crate::{
    espaces::{
        calendar_types::Recurrence,
        server::{
            calendar_rules::{CheckedEvent, Rule},
            calendar_store,
        },
    },
    server::{clock::zone_named, db::Db},
};
use jiff::{civil::Date, ToSpan};

/// (space, title, day offset from this week's Monday, start "HH:MM" or "" for all day,
/// end "HH:MM", days it lasts, place, description, recurrence, every, occurrences)
type DemoEvent = (
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
    Recurrence,
    i64,
    Option<i64>,
);

const EVENTS: &[DemoEvent] = &[
    ("Plan écologie urbaine", "Point d'équipe hebdomadaire", 0, "10:00", "11:00", 0, "Salle Bièvre, 103 avenue de France", "Tour de table des actions du plan ; ordre du jour dans le forum.", Recurrence::Weekly, 1, None),
    ("Plan écologie urbaine", "Comité de pilotage", 3, "14:00", "16:00", 0, "Hôtel de Ville, salle des commissions", "Avancement du plan, **décisions** à prendre, budget.", Recurrence::Weekly, 2, Some(3)),
    ("Plan écologie urbaine", "Atelier îlots de fraîcheur, avec Bureau Vert", 8, "09:30", "12:00", 0, "Visio", "Restitution de l'étude, cartes de chaleur.", Recurrence::None, 1, None),
    ("Plan écologie urbaine", "Visite du jardin partagé de la rue Riquet", 11, "15:00", "17:00", 0, "Rue Riquet, Paris 19e", "Avec l'association Abeilles de Paris : ruches, compost.", Recurrence::None, 1, None),
    ("Plan écologie urbaine", "Journée portes ouvertes des jardins", 19, "", "", 0, "Tous arrondissements", "", Recurrence::None, 1, None),
    ("Plan écologie urbaine", "Salon des solutions fondées sur la nature", 23, "", "", 1, "Parc des expositions", "Stand de la Ville, planning de présence à venir.", Recurrence::None, 1, None),
    ("Équipe toitures végétalisées", "Réunion de chantier", 1, "08:30", "09:30", 0, "Toit du gymnase Jean-Jaurès", "Casques et chaussures de sécurité.", Recurrence::Weekly, 1, Some(5)),
    ("Équipe toitures végétalisées", "Réception des travaux, lot 1", 26, "11:00", "12:30", 0, "Gymnase Jean-Jaurès", "", Recurrence::None, 1, None),
];

/// Loads the demo events into the demo spaces that have none (from this week's Monday in the
/// city's zone `time_zone`, `today` being the city's day).
pub async fn load(db: &Db, today: Date, time_zone: &str, at: i64) -> Result<(), sqlx::Error> {
    let Some(zone) = zone_named(time_zone) else {
        return Ok(());
    };
    let monday = today
        .checked_sub(i64::from(today.weekday().to_monday_zero_offset()).days())
        .unwrap_or(today);
    let done: std::collections::HashSet<i64> =
        sqlx::query_scalar::<_, i64>("SELECT DISTINCT space_id FROM space_events")
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect();
    let mut tx = db.begin_write().await?;
    for (space_name, title, offset, start, end, days, place, description, freq, every, count) in EVENTS {
        let found: Option<(i64, Option<i64>)> =
            sqlx::query_as("SELECT id, created_by FROM spaces WHERE name = $1")
                .bind(*space_name)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((space, creator)) = found else {
            continue;
        };
        // A space that had events before this load is left as it is.
        if done.contains(&space) {
            continue;
        }
        let Ok(day) = monday.checked_add(offset.days()) else {
            continue;
        };
        let all_day = start.is_empty();
        let (Ok(start_time), Ok(end_time)) = (
            if all_day { Ok(jiff::civil::Time::midnight()) } else { start.parse() },
            if all_day { Ok(jiff::civil::Time::midnight()) } else { end.parse() },
        ) else {
            continue;
        };
        let last = day.checked_add(days.days()).unwrap_or(day);
        let end_at = if all_day {
            last.tomorrow().unwrap_or(last).to_datetime(end_time)
        } else {
            last.to_datetime(end_time)
        };
        let event = CheckedEvent {
            title: (*title).to_string(),
            place: (*place).to_string(),
            description: (*description).to_string(),
            start: day.to_datetime(start_time),
            end: end_at,
            all_day,
            rule: if *freq == Recurrence::None {
                Rule::ONCE
            } else {
                Rule {
                    freq: *freq,
                    every: *every,
                    until: None,
                    count: *count,
                }
            },
        };
        let id = calendar_store::insert(&mut tx, space, &event, &zone, creator, at).await?;
        if *freq == Recurrence::Weekly && *every == 1 && count.is_none() {
            // The weekly meeting skips the third Monday (a bank holiday, say); everyone who
            // belongs to the space is invited, the first two said yes.
            if let Ok(skipped) = day.checked_add(2.weeks()) {
                calendar_store::set_exception(&mut tx, id, skipped, false).await?;
            }
            let members: Vec<i64> = sqlx::query_scalar(
                "SELECT user_id FROM space_members WHERE space_id = $1 ORDER BY joined_at, user_id",
            )
            .bind(space)
            .fetch_all(&mut *tx)
            .await?;
            for (n, user) in members.iter().enumerate() {
                calendar_store::invite(&mut tx, space, id, *user, at).await?;
                if n < 2 {
                    sqlx::query(
                        "UPDATE space_event_attendees SET answer = 'yes', answered_at = $3 WHERE event_id = $1 AND user_id = $2",
                    )
                    .bind(id)
                    .bind(*user)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
    }
    tx.commit().await
}
