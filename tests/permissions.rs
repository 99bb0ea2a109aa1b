//! Who may call what: every registered server function, called by each of seven roles over
//! real HTTP, answers as ONE table below says. The table must list exactly the registered
//! functions (read from server_fn's registry at run time), so a new server function without
//! a row fails this test.
//!
//! Each account holds one role only (a signed-up account holds candidate and member; the
//! fixture keeps just the role of its row), so a row shows what that role opens. The
//! arguments name real things of the fixture: an offer of the host agent's service, the
//! candidate's application to it, the member's draft and published fiches, comment and
//! thread. Rows that change something are placed so that what they change does not decide a
//! later row (withdrawing and deleting come last, signing out very last).

mod common;

use common::{fiches, TestApp};
use parvis::{accounts::types::Role, error::AppError};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

const PASSWORD: &str = "correct horse battery";

/// The roles, in the order of each row's answers.
const ROLES: [&str; 7] = [
    "visitor",
    "candidate",
    "member",
    "host agent",
    "direction admin",
    "editor",
    "site admin",
];

/// (server function under /api/, arguments as `key=value&…` with `{placeholders}`, the answer
/// of each role in `ROLES` order). Answers: `A` passed authorisation (a success, or a refusal
/// of the arguments or the state: 409, 422, 429), `U` 401 (no account), `F` 403 (not this
/// account's to do), `N` 404 (not found, or not the caller's to see). A 400 means the row's
/// arguments do not decode and fails the test, as does any 5xx.
const TABLE: &[(&str, &str, &str)] = &[
    // Accounts.
    ("accounts/me", "", "AAAAAAA"),
    (
        "accounts/sign_up",
        "email=not-an-address&display_name=X&password=short",
        "AAAAAAA",
    ),
    (
        "accounts/sign_in",
        "email=nobody@example.org&password=",
        "AAAAAAA",
    ),
    (
        "accounts/change_password",
        "current_password=wrong&new_password=short",
        "UAAAAAA",
    ),
    (
        "accounts/request_reset",
        "email=nobody@example.org",
        "AAAAAAA",
    ),
    (
        "accounts/reset_password",
        "token=none&new_password=long enough password",
        "AAAAAAA",
    ),
    (
        "accounts/request_erasure",
        "password=not the password",
        "UAAAAAA",
    ),
    ("accounts/erasure_link", "token=none", "AAAAAAA"),
    ("accounts/confirm_erasure", "token=none", "AAAAAAA"),
    ("accounts/time_zone", "", "UAAAAAA"),
    (
        "accounts/set_time_zone",
        "time_zone=Europe/Paris",
        "UAAAAAA",
    ),
    // "My data": each account asks for its own archive (a 409 would count as passed).
    ("accounts/data_export", "", "UAAAAAA"),
    ("accounts/request_data_export", "", "UAAAAAA"),
    ("admin/accounts", "query=spare", "UFFFAFA"),
    (
        "admin/grant",
        "user_id={spare}&role=host_agent&scope=s:{service}",
        "UFFFAFA",
    ),
    (
        "admin/revoke",
        "user_id={spare}&grant_id={spare_editor_grant}",
        "UFFFFFA",
    ),
    ("admin/jobs", "", "UFFFFFA"),
    ("admin/retry_job", "id=999999", "UFFFFFN"),
    ("reference/all", "", "AAAAAAA"),
    // The legal pages' facts.
    ("legal/facts", "", "AAAAAAA"),
    (
        "reference/save",
        "kind=service&parent_id={direction}&name=",
        "UFFFFFA",
    ),
    // Stages: offers.
    ("stages/search", "", "AAAAAAA"),
    ("stages/offer", "id={offer}", "AAAAAAA"),
    ("stages/managed", "", "UFFAAFA"),
    ("stages/form_choices", "", "UFFAAFA"),
    ("stages/save_offer", "id={offer}&{offer_form}", "UFFAAFA"),
    (
        "stages/offer_state",
        "id={offer}&state=published",
        "UFFAAFA",
    ),
    ("stages/dashboard", "", "UFFAAFA"),
    // Stages: applications and their follow-up.
    ("stages/apply", "offer_id={offer}&cover_letter=", "UAFFFFF"),
    ("stages/apply_spontaneously", "cover_letter=", "UAFFFFF"),
    ("stages/pool", "", "UFFFAFA"),
    ("stages/my_applications", "", "UAFFFFF"),
    (
        "stages/candidate_profile",
        "profile[school]=Sciences Po",
        "UAFFFFF",
    ),
    ("stages/offer_applications", "offer_id={offer}", "UFFAAFA"),
    ("stages/application_file", "id={application}", "UANAANA"),
    (
        "stages/application_message",
        "id={application}&body=Bonjour.",
        "UANAANA",
    ),
    (
        "stages/application_note",
        "id={application}&body=Note.",
        "UNNAANA",
    ),
    (
        "stages/move_application",
        "id={application}&state=in_review",
        "UNNAANA",
    ),
    ("stages/answer_templates", "", "UFFFAFA"),
    (
        "stages/save_answer_template",
        "direction_id={direction}&state=declined&body=Merci.",
        "UFFFAFA",
    ),
    ("stages/pool_handlers", "", "UFFFAFA"),
    (
        "stages/add_pool_handler",
        "direction_id={direction}&user_id={agent}",
        "UFFFAFA",
    ),
    // The member was never a handler: who may remove one reaches "not found".
    (
        "stages/remove_pool_handler",
        "direction_id={direction}&user_id={member}",
        "UFFFNFN",
    ),
    ("stages/save_search", "query[q]=jardin", "UAAAAAA"),
    ("stages/saved_searches", "", "UAAAAAA"),
    // Innovation: fiches.
    ("innovation/browse", "", "AAAAAAA"),
    ("innovation/fiche", "id={published}", "AAAAAAA"),
    ("innovation/fields", "", "AAAAAAA"),
    ("innovation/mine", "", "UAAAAAA"),
    ("innovation/queue", "", "UFFFFAA"),
    ("innovation/desk", "id={draft}", "UNANNAA"),
    (
        "innovation/diff",
        "id={published}&from={published_revision}&to={published_revision}",
        "UNANNAA",
    ),
    ("innovation/translation", "id={draft}&original=", "UNANNNN"),
    ("innovation/save", "id={draft}&{fiche_form}", "UFAFFNN"),
    ("innovation/submit", "id={draft}", "UNANNNN"),
    ("innovation/review", "id={draft}&action=publish", "UFFFFAA"),
    ("innovation/promo_term", "term=Promo", "UFFFFAA"),
    // Innovation: community.
    ("innovation/page", "id={published}", "AAAAAAA"),
    ("innovation/comment", "fiche={published}&body=", "UFAFFAA"),
    (
        "innovation/flag",
        "kind=comment&id={comment}&reason=test",
        "UFAFFAA",
    ),
    // A reason with a control character is refused (422) after the permission, before any change.
    (
        "innovation/moderate",
        "kind=comment&id={comment}&action=hide&reason=\u{7}",
        "UFFFFAA",
    ),
    ("innovation/moderation", "", "UFFFFAA"),
    (
        "innovation/follow",
        "kind=field&target={field}&follow=true",
        "UAAAAAA",
    ),
    ("innovation/notifications", "", "UAAAAAA"),
    ("innovation/notifications_read", "", "UAAAAAA"),
    ("innovation/digest", "on=true", "UAAAAAA"),
    ("innovation/directory", "", "UAAAAAA"),
    ("innovation/member", "id={member}", "UAAAAAA"),
    ("innovation/my_profile", "", "UAAAAAA"),
    ("innovation/save_profile", "profile[job_title]=", "UAAAAAA"),
    ("innovation/contact", "id={member}&body=Bonjour.", "UAAAAAA"),
    ("innovation/threads", "", "AAAAAAA"),
    ("innovation/thread", "id={thread}", "AAAAAAA"),
    (
        "innovation/thread_start",
        "thread[title]=&thread[body]=",
        "UFAFFAA",
    ),
    (
        "innovation/thread_reply",
        "thread={thread}&body=",
        "UFAFFAA",
    ),
    // Espaces: the host agent's private space (its only animator); a city agent is any
    // staff role, so the direction admin and the editor may create one but do not see it.
    ("espaces/mine", "", "AAAAAAA"),
    ("espaces/create", "template=project&name=", "UFFAAAA"),
    ("espaces/space", "id={space}", "NNNANNA"),
    (
        "espaces/save_settings",
        "id={space}&settings[name]=&settings[visibility]=private",
        "NNNANNA",
    ),
    ("espaces/archive", "id={space}&archived=false", "NNNANNA"),
    ("espaces/activity", "id={space}", "NNNANNA"),
    // A site admin sees every space but is no member of this one: no setting to change.
    ("espaces/set_notify", "id={space}&notify=digest", "UNNANNF"),
    ("espaces/overview", "", "UFFFFFA"),
    ("espaces/members", "id={space}", "NNNANNA"),
    (
        "espaces/invite",
        "id={space}&email=not-an-address&role=reader",
        "NNNANNA",
    ),
    // The only animator cannot step down or leave (409).
    (
        "espaces/set_role",
        "id={space}&user_id={agent}&role=reader",
        "NNNANNA",
    ),
    (
        "espaces/remove_member",
        "id={space}&user_id={agent}",
        "NNNANNA",
    ),
    ("espaces/agents", "", "UFFFFFA"),
    ("espaces/grant_agent", "email=nobody@example.org", "UFFFFFA"),
    ("espaces/revoke_agent", "user_id=999999", "UFFFFFN"),
    ("espaces/invitation", "token=none", "AAAAAAA"),
    ("espaces/accept_invitation", "token=none", "UAAAAAA"),
    ("espaces/join", "invitation={invitation}", "UNNNNNN"),
    (
        "espaces/join_as_partner",
        "token=none&display_name=Partenaire",
        "AAAAAAA",
    ),
    (
        "espaces/request_sign_in_link",
        "email=nobody@example.org",
        "AAAAAAA",
    ),
    ("espaces/sign_in_link", "token=none", "AAAAAAA"),
    ("espaces/sign_in_by_link", "token=none", "AAAAAAA"),
    // Espaces' calendar: the host agent's event in its space ({event}). Only members have a
    // feed link (a site admin sees the space but is no member: 403); nobody is invited to
    // the event, so nobody answers it (403).
    ("espaces/calendar", "id={space}", "NNNANNA"),
    ("espaces/event", "id={space}&event={event}", "NNNANNA"),
    ("espaces/save_event", "id={space}&form[title]=", "NNNANNA"),
    (
        "espaces/cancel_occurrence",
        "id={space}&event={event}&date=2000-01-01",
        "NNNANNA",
    ),
    (
        "espaces/invite_attendee",
        "id={space}&event={event}&user_id=999999",
        "NNNANNA",
    ),
    (
        "espaces/answer_event",
        "id={space}&event={event}&answer=yes",
        "NNNFNNF",
    ),
    ("espaces/calendar_feed", "id={space}", "NNNANNF"),
    ("espaces/revoke_calendar_feed", "id={space}", "NNNANNF"),
    ("espaces/delete_event", "id={space}&event=999999", "NNNNNNN"),
    // The host agent revokes the invitation; the site admin then finds none pending.
    (
        "espaces/revoke_invitation",
        "id={space}&invitation={invitation}",
        "NNNANNN",
    ),
    // Espaces: forum (the host agent animates the space; empty texts are refused after the
    // checks, so nothing is written).
    ("espaces/forum", "id={space}", "NNNANNA"),
    (
        "espaces/forum_thread",
        "id={space}&thread={forum_thread}",
        "NNNANNA",
    ),
    (
        "espaces/forum_start",
        "id={space}&category=&title=&body=",
        "UNNANNA",
    ),
    (
        "espaces/forum_reply",
        "id={space}&thread={forum_thread}&body=",
        "UNNANNA",
    ),
    (
        "espaces/forum_edit",
        "id={space}&post={forum_post}&body=",
        "UNNANNF",
    ),
    (
        "espaces/forum_moderate",
        "id={space}&thread={forum_thread}&action=pin",
        "UNNANNA",
    ),
    (
        "espaces/forum_solution",
        "id={space}&thread={forum_thread}&post={forum_post}",
        "UNNANNA",
    ),
    (
        "espaces/forum_category",
        "id={space}&category=0&name=",
        "UNNANNA",
    ),
    (
        "espaces/forum_category_delete",
        "id={space}&category=999999",
        "UNNNNNN",
    ),
    // The host agent deletes its reply; the site admin then finds none.
    (
        "espaces/forum_delete",
        "id={space}&post={forum_post}",
        "UNNANNN",
    ),
    // Espaces' documents: the host agent's space; a site admin acts as its animators. Rows
    // naming a document use one that does not exist (404 for all, after the space's check).
    ("espaces/documents", "id={space}", "NNNANNA"),
    ("espaces/document", "id={space}&document=0", "NNNNNNN"),
    ("espaces/documents_bin", "id={space}", "NNNANNA"),
    ("espaces/create_folder", "id={space}&name=", "NNNANNA"),
    // The live wiki (its edits go through the WebSocket: tests/wiki.rs).
    ("wiki/index", "id={space}", "NNNANNA"),
    ("wiki/page", "id={space}&page=0", "NNNNNNN"),
    ("wiki/create", "id={space}&title=", "UNNANNA"),
    ("wiki/history", "id={space}&page=0", "NNNNNNN"),
    ("wiki/blame", "id={space}&page=0", "NNNNNNN"),
    ("wiki/save", "id={space}&page=0", "UNNNNNN"),
    ("wiki/restore", "id={space}&page=0&number=1", "UNNNNNN"),
    ("wiki/rename", "id={space}&page=0&title=Autre", "UNNNNNN"),
    ("wiki/bin", "id={space}", "NNNANNA"),
    ("wiki/restore_page", "id={space}&page=0", "UNNNNNN"),
    ("wiki/changes", "id={space}", "NNNANNA"),
    ("wiki/follow", "id={space}&page=0&follow=true", "UNNNNNN"),
    ("wiki/approval", "id={space}&on=false", "UNNANNA"),
    ("wiki/approve", "id={space}&page=0&number=1", "UNNNNNN"),
    ("wiki/ask_changes", "id={space}&page=0&number=1&note=x", "UNNNNNN"),
    ("wiki/delete", "id={space}&page=0", "UNNNNNN"),
    ("wiki/move", "id={space}&page=0&parent=0", "UNNNNNN"),
    ("wiki/reorder", "id={space}&page=0&earlier=true", "UNNNNNN"),
    ("wiki/preview", "id={space}&markdown=x", "UNNANNA"),
    ("wiki/share", "id={space}&page=0&days=7", "UNNNNNN"),
    ("wiki/revoke_share", "id={space}&page=0&share=0", "UNNNNNN"),
    ("wiki/shared", "token=none", "NNNNNNN"),
    (
        "espaces/rename_folder",
        "id={space}&folder=0&name=",
        "NNNANNA",
    ),
    ("espaces/delete_folder", "id={space}&folder=0", "NNNNNNN"),
    (
        "espaces/rename_document",
        "id={space}&document=0&name=",
        "NNNANNA",
    ),
    (
        "espaces/move_document",
        "id={space}&document=0&folder=0",
        "NNNNNNN",
    ),
    (
        "espaces/delete_document",
        "id={space}&document=0",
        "NNNNNNN",
    ),
    (
        "espaces/restore_version",
        "id={space}&document=0&version=0",
        "NNNNNNN",
    ),
    (
        "espaces/restore_document",
        "id={space}&document=0",
        "NNNNNNN",
    ),
    ("espaces/empty_bin", "id={space}", "NNNANNA"),
    (
        "espaces/share_document",
        "id={space}&document=0&days=0",
        "NNNANNA",
    ),
    ("espaces/revoke_share", "id={space}&share=0", "NNNNNNN"),
    ("espaces/shared_document", "token=none", "NNNNNNN"),
    // Last: what removes the thing it names, then the session itself.
    ("stages/withdraw", "id={application}", "UANNNNN"),
    ("stages/delete_saved_search", "id={saved_search}", "UANNNNN"),
    ("accounts/sign_out", "", "AAAAAAA"),
];

/// The fixture: one client per role (`ROLES` order) and the values of the placeholders.
struct Fixture {
    clients: Vec<reqwest::Client>,
    values: BTreeMap<&'static str, String>,
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.user_id(email).await
}

/// The `id` column of the first row `sql` (one `$1`, bound to `bind`) finds.
async fn first_id(app: &TestApp, sql: &str, bind: i64) -> i64 {
    sqlx::query(sql)
        .bind(bind)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .try_get("id")
        .expect("id")
}

/// Signs up `email` (signed in), then leaves it holding `role` alone.
async fn account_with_only(
    app: &TestApp,
    email: &str,
    role: Role,
    scope: Option<i64>,
) -> reqwest::Client {
    let client = app.sign_up(email, PASSWORD).await;
    let id = user_id(app, email).await;
    sqlx::query("DELETE FROM role_grants WHERE user_id = $1")
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .expect("grants cleared");
    app.grant(email, role, scope).await;
    client
}

impl Fixture {
    async fn build(app: &TestApp) -> Fixture {
        let (direction, service) = app.direction("DEVE").await;
        let field = parvis::reference::server::store::load(&app.state.db)
            .await
            .expect("reference")
            .fields[1]
            .id;
        let clients = vec![
            app.client(),
            account_with_only(app, "candidate@example.org", Role::Candidate, None).await,
            account_with_only(app, "member@example.org", Role::Member, None).await,
            account_with_only(app, "agent@example.org", Role::HostAgent, Some(service)).await,
            account_with_only(
                app,
                "direction@example.org",
                Role::DirectionAdmin,
                Some(direction),
            )
            .await,
            account_with_only(app, "editor@example.org", Role::Editor, None).await,
            account_with_only(app, "admin@example.org", Role::SiteAdmin, None).await,
        ];
        let [_, candidate, member, agent, _, editor, _] = &clients[..] else {
            unreachable!("seven roles")
        };

        let offer = app.publish_offer(agent, service, "Stage aux jardins").await;
        let (_, application) = app
            .call_json::<i64>(
                candidate,
                "stages/apply",
                &[
                    ("offer_id", &offer.to_string()),
                    ("cover_letter", "Motivée."),
                ],
            )
            .await;
        let application = application.expect("applied");
        app.call_json::<()>(candidate, "stages/save_search", &[("query[q]", "jardin")])
            .await
            .1
            .expect("search saved");
        let saved_search = first_id(
            app,
            "SELECT id FROM saved_searches WHERE user_id = $1",
            user_id(app, "candidate@example.org").await,
        )
        .await;

        let body = "Le budget participatif laisse les habitants proposer puis choisir par vote des projets d'investissement pour leur quartier.";
        let published = fiches::save(
            app,
            member,
            None,
            &fiches::form(field, "Budget participatif", body),
        )
        .await
        .1
        .expect("saved");
        app.call_json::<()>(
            member,
            "innovation/submit",
            &[("id", &published.to_string())],
        )
        .await
        .1
        .expect("submitted");
        app.call_json::<()>(
            editor,
            "innovation/review",
            &[("id", &published.to_string()), ("action", "publish")],
        )
        .await
        .1
        .expect("published");
        let draft = fiches::save(
            app,
            member,
            None,
            &fiches::form(field, "Jardins partagés", body),
        )
        .await
        .1
        .expect("draft saved");
        let (_, comment) = app
            .call_json::<i64>(
                member,
                "innovation/comment",
                &[("fiche", &published.to_string()), ("body", "Bravo.")],
            )
            .await;
        let comment = comment.expect("commented");
        let (_, thread) = app
            .call_json::<i64>(
                member,
                "innovation/thread_start",
                &[
                    ("thread[title]", "Qui a essayé ?"),
                    ("thread[body]", "Des retours ?"),
                    ("thread[fields][0]", &field.to_string()),
                ],
            )
            .await;
        let thread = thread.expect("thread started");
        let profile = [
            ("profile[job_title]", "Urbaniste"),
            ("profile[organisation]", "Ville"),
            ("profile[city]", "Lyon"),
            ("profile[country]", "France"),
        ];
        app.call_json::<()>(member, "innovation/save_profile", &profile)
            .await
            .1
            .expect("member profile saved");
        let published_revision = first_id(
            app,
            "SELECT id FROM fiche_revisions WHERE fiche_id = $1 ORDER BY id",
            published,
        )
        .await;

        let (_, space) = app
            .call_json::<i64>(
                agent,
                "espaces/create",
                // The plan template: every module on, the wiki too.
                &[("template", "plan"), ("name", "Jardins du 13e")],
            )
            .await;
        let space = space.expect("space created");
        app.call_json::<()>(
            agent,
            "espaces/invite",
            &[
                ("id", &space.to_string()),
                ("email", "guest@example.org"),
                ("role", "reader"),
            ],
        )
        .await
        .1
        .expect("invited");
        let invitation = first_id(
            app,
            "SELECT id FROM space_invitations WHERE space_id = $1",
            space,
        )
        .await;
        let (_, event) = app
            .call_json::<i64>(
                agent,
                "espaces/save_event",
                &[
                    ("id", space.to_string().as_str()),
                    ("form[title]", "Réunion"),
                    ("form[start_date]", "2027-03-15"),
                    ("form[start_time]", "10:00"),
                    ("form[end_time]", "11:00"),
                ],
            )
            .await;
        let event = event.expect("event created");

        let (_, forum_thread) = app
            .call_json::<i64>(
                agent,
                "espaces/forum_start",
                &[
                    ("id", &space.to_string()),
                    ("category", ""),
                    ("title", "Ordre du jour"),
                    ("body", "Les points à traiter."),
                ],
            )
            .await;
        let forum_thread = forum_thread.expect("forum thread started");
        let (_, forum_post) = app
            .call_json::<i64>(
                agent,
                "espaces/forum_reply",
                &[
                    ("id", &space.to_string()),
                    ("thread", &forum_thread.to_string()),
                    ("body", "Un point de plus."),
                ],
            )
            .await;
        let forum_post = forum_post.expect("forum reply posted");

        app.sign_up("spare@example.org", PASSWORD).await;
        app.grant("spare@example.org", Role::Editor, None).await;
        let spare = user_id(app, "spare@example.org").await;
        let spare_editor_grant = first_id(
            app,
            "SELECT id FROM role_grants WHERE user_id = $1 AND role = 'editor'",
            spare,
        )
        .await;

        let offer_form = app
            .offer_form(service, "Stage aux jardins, modifié")
            .await
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        let fiche_form = fiches::form(field, "Jardins partagés", body)
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        let values = BTreeMap::from([
            ("direction", direction.to_string()),
            ("service", service.to_string()),
            ("field", field.to_string()),
            ("offer", offer.to_string()),
            ("application", application.to_string()),
            ("saved_search", saved_search.to_string()),
            ("published", published.to_string()),
            ("draft", draft.to_string()),
            ("published_revision", published_revision.to_string()),
            ("comment", comment.to_string()),
            ("thread", thread.to_string()),
            (
                "member",
                user_id(app, "member@example.org").await.to_string(),
            ),
            ("agent", user_id(app, "agent@example.org").await.to_string()),
            ("spare", spare.to_string()),
            ("space", space.to_string()),
            ("invitation", invitation.to_string()),
            ("forum_thread", forum_thread.to_string()),
            ("forum_post", forum_post.to_string()),
            ("event", event.to_string()),
            ("spare_editor_grant", spare_editor_grant.to_string()),
            ("offer_form", offer_form),
            ("fiche_form", fiche_form),
        ]);
        Fixture { clients, values }
    }

    /// The row's arguments with the placeholders filled in.
    fn arguments(&self, template: &str) -> Vec<(String, String)> {
        let mut filled = template.to_string();
        for (name, value) in &self.values {
            filled = filled.replace(&format!("{{{name}}}"), value);
        }
        assert!(!filled.contains('{'), "unknown placeholder in {template}");
        filled
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                pair.split_once('=')
                    .map_or((pair.to_string(), String::new()), |(k, v)| {
                        (k.to_string(), v.to_string())
                    })
            })
            .collect()
    }
}

/// The class of an answer (see `TABLE`), or why it is not one.
fn classify(status: u16, body: &str) -> Result<char, String> {
    if (200..400).contains(&status) {
        return Ok('A');
    }
    match serde_json::from_str::<AppError>(body) {
        Ok(AppError::Unauthenticated) => Ok('U'),
        Ok(AppError::Forbidden) => Ok('F'),
        Ok(AppError::NotFound) => Ok('N'),
        Ok(AppError::Transport(detail)) => {
            Err(format!("arguments do not decode ({status}): {detail}"))
        }
        Ok(AppError::Internal) => Err(format!("internal error ({status})")),
        Ok(_) => Ok('A'),
        Err(_) => Err(format!("{status} without an error body: {body:.200}")),
    }
}

/// The registered server functions, as their paths under /api/.
fn registered() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect()
}

#[tokio::test]
async fn every_server_function_answers_each_role_as_the_table_says() {
    let listed: BTreeSet<String> = TABLE.iter().map(|(path, _, _)| path.to_string()).collect();
    assert_eq!(listed.len(), TABLE.len(), "a server function has two rows");
    let registered = registered();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "server functions without a row: {missing:?}; rows without a server function: {stale:?}"
    );
    assert!(
        registered.len() >= 70,
        "the registry lists {} server functions",
        registered.len()
    );

    let app = TestApp::spawn().await;
    let fixture = Fixture::build(&app).await;
    let mut wrong = Vec::new();
    for (path, template, expected) in TABLE {
        assert_eq!(
            expected.chars().count(),
            ROLES.len(),
            "{path}: one answer per role"
        );
        let arguments = fixture.arguments(template);
        let form: Vec<(&str, &str)> = arguments
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mut answers = String::new();
        for (role, client) in ROLES.iter().zip(&fixture.clients) {
            let response = app.call(client, path, &form).await;
            let status = response.status().as_u16();
            let body = response.text().await.expect("body");
            match classify(status, &body) {
                Ok(class) => answers.push(class),
                Err(why) => panic!("{path} as {role}: {why}"),
            }
        }
        if answers != *expected {
            wrong.push(format!("{path}: expected {expected}, got {answers}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "answers differ from the table (roles: {ROLES:?}):\n{}",
        wrong.join("\n")
    );
}

/// The controls a page shows come from the permissions the server refuses by: an editor
/// (staff, but not of Stages) is not offered the offer desk, and is refused it; a host agent
/// is offered it and may use it.
#[tokio::test]
async fn an_editor_is_not_offered_the_offer_desk_the_server_refuses() {
    use parvis::accounts::types::{CurrentUser, Permission};
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DEVE").await;
    let editor = app.sign_up("editor@example.org", PASSWORD).await;
    app.grant("editor@example.org", Role::Editor, None).await;
    let agent = app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;

    for (client, manages) in [(&editor, false), (&agent, true)] {
        let (_, me) = app
            .call_json::<Option<CurrentUser>>(client, "accounts/me", &[])
            .await;
        let me = me.expect("me").expect("signed in");
        assert_eq!(
            me.can(Permission::ManageOffers),
            manages,
            "{:?}",
            me.permissions
        );
        let page = client
            .get(app.url("/stages"))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        // The signed-in part of the page arrives once its resource resolves (streamed), so
        // look for the link anywhere in the body.
        assert_eq!(
            page.contains("href=\"/stages/gestion\""),
            manages,
            "the offer desk link on /stages for {}",
            me.email
        );
        let status = app
            .call(client, "stages/managed", &[])
            .await
            .status()
            .as_u16();
        assert_eq!(
            status,
            if manages { 200 } else { 403 },
            "stages/managed for {}",
            me.email
        );
    }
}
