//! Forms without JavaScript: a refused post comes back to its page with the message, each
//! field's error, and (passwords excepted) what was typed — once, and only for its author.

mod common;

use common::{
    fiches,
    plain_forms::{input_value, is_checked, refusal_message, textarea_text, ticked_values},
    TestApp,
};
use parvis::accounts::types::Role;

const PASSWORD: &str = "correct horse battery";
const BAD_CREDENTIALS: &str = "Adresse électronique ou mot de passe incorrect.";
const INVALID: &str = "Certains champs sont à corriger.";
const TOO_LONG: &str = "Ce texte est trop long.";

#[tokio::test]
async fn a_refused_sign_in_says_why_and_keeps_the_email_but_never_the_password() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.org", PASSWORD).await;
    let browser = app.client();
    let landed = app
        .post_plain_form(
            &browser,
            "/compte/connexion",
            "accounts/sign_in",
            &[
                ("next", ""),
                ("email", "ada@example.org"),
                ("password", "not my password at all"),
            ],
        )
        .await;
    assert!(
        landed.location.contains("/compte/connexion?")
            && landed.location.contains("__err=")
            && landed.location.contains("__form="),
        "{}",
        landed.location
    );
    assert_eq!(
        refusal_message(&landed.html).as_deref(),
        Some(BAD_CREDENTIALS)
    );
    assert_eq!(
        input_value(&landed.html, "email").as_deref(),
        Some("ada@example.org")
    );
    assert!(
        !landed.html.contains("not my password at all"),
        "a password came back in the page"
    );

    // Kept once: the same address again tells the message but no longer holds the typing.
    let again = app.page_html(&browser, &landed.location).await;
    assert_eq!(refusal_message(&again).as_deref(), Some(BAD_CREDENTIALS));
    assert_eq!(input_value(&again, "email"), None);
}

#[tokio::test]
async fn the_sign_in_limit_is_told_without_javascript() {
    let app = TestApp::spawn_with(|c| c.security.login_failures_per_account = 2).await;
    app.sign_up("ada@example.org", PASSWORD).await;
    let browser = app.client();
    let mut last = None;
    for attempt in 0..3 {
        let password = format!("wrong password {attempt}");
        last = Some(
            app.post_plain_form(
                &browser,
                "/compte/connexion",
                "accounts/sign_in",
                &[("email", "ada@example.org"), ("password", &password)],
            )
            .await,
        );
    }
    let last = last.expect("three attempts");
    assert_eq!(
        refusal_message(&last.html).as_deref(),
        Some("Trop de tentatives. Réessayez dans quelques minutes.")
    );
}

#[tokio::test]
async fn a_refused_sign_up_shows_the_field_error_and_keeps_name_and_email() {
    let app = TestApp::spawn().await;
    let browser = app.client();
    let landed = app
        .post_plain_form(
            &browser,
            "/compte/inscription",
            "accounts/sign_up",
            &[
                ("display_name", "Émile Öztürk"),
                ("email", "emile@example.org"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(refusal_message(&landed.html).as_deref(), Some(INVALID));
    assert!(
        landed
            .html
            .contains("Le mot de passe doit compter au moins 10 caractères."),
        "the password field's error is missing"
    );
    assert_eq!(
        input_value(&landed.html, "display_name").as_deref(),
        Some("Émile Öztürk")
    );
    assert_eq!(
        input_value(&landed.html, "email").as_deref(),
        Some("emile@example.org")
    );
    // The same email already taken: the conflict is told too.
    app.sign_up("taken@example.org", PASSWORD).await;
    let landed = app
        .post_plain_form(
            &app.client(),
            "/compte/inscription",
            "accounts/sign_up",
            &[
                ("display_name", "Bis"),
                ("email", "taken@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert!(
        refusal_message(&landed.html).is_some_and(|m| !m.is_empty()),
        "no message for a taken email"
    );
}

/// An app with a published DEVE offer, its agent, and two candidates (Ada, Bob).
async fn with_offer() -> (TestApp, i64) {
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    app.sign_up("ada@example.org", PASSWORD).await;
    app.sign_up("bob@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let id = app
        .publish_offer(&agent, service, "Stage jardins partagés")
        .await;
    (app, id)
}

#[tokio::test]
async fn a_second_application_and_a_closed_offer_are_told_on_the_offer_page() {
    let (app, offer) = with_offer().await;
    let (page, offer_id) = (format!("/stages/offres/{offer}"), offer.to_string());
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    app.call_json::<i64>(
        &ada,
        "stages/apply",
        &[
            ("offer_id", &offer_id),
            ("cover_letter", "Je suis motivée."),
        ],
    )
    .await
    .1
    .expect("applied");
    // A second tab still showed the form.
    let landed = app
        .post_plain_form(
            &ada,
            &page,
            "stages/apply",
            &[("offer_id", &offer_id), ("cover_letter", "Encore moi.")],
        )
        .await;
    assert_eq!(
        refusal_message(&landed.html).as_deref(),
        Some("Vous avez déjà postulé à cette offre.")
    );

    sqlx::query("UPDATE offers SET deadline = '2000-01-01' WHERE id = $1")
        .bind(offer)
        .execute(&app.state.db.pool)
        .await
        .expect("deadline passed");
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    let landed = app
        .post_plain_form(
            &bob,
            &page,
            "stages/apply",
            &[
                ("offer_id", &offer_id),
                ("cover_letter", "Je découvre l'offre."),
            ],
        )
        .await;
    assert_eq!(
        refusal_message(&landed.html).as_deref(),
        Some("Cette offre ne reçoit plus de candidatures.")
    );
}

#[tokio::test]
async fn a_refused_cover_letter_and_message_come_back_as_typed_to_their_author_only() {
    let (app, offer) = with_offer().await;
    let (page, offer_id) = (format!("/stages/offres/{offer}"), offer.to_string());
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let letter = format!(
        "Madame, Monsieur,\n<je> & \"vous\" {}",
        "très motivée ".repeat(400)
    );
    let landed = app
        .post_plain_form(
            &ada,
            &page,
            "stages/apply",
            &[("offer_id", &offer_id), ("cover_letter", &letter)],
        )
        .await;
    assert_eq!(refusal_message(&landed.html).as_deref(), Some(INVALID));
    assert!(
        landed.html.contains(TOO_LONG),
        "the letter's field error is missing"
    );
    assert_eq!(
        textarea_text(&landed.html, "cover_letter").as_deref(),
        Some(letter.as_str())
    );
    assert!(
        !landed.location.contains("motiv"),
        "the letter went into the URL: {}",
        landed.location
    );
    // Someone else opening the same address gets the message, not Ada's letter.
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    let theirs = app.page_html(&bob, &landed.location).await;
    assert_eq!(textarea_text(&theirs, "cover_letter").as_deref(), Some(""));

    // A message on the application's file, refused for its length, comes back too.
    let application = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[
                ("offer_id", &offer_id),
                ("cover_letter", "Je suis motivée."),
            ],
        )
        .await
        .1
        .expect("applied");
    let message = "Bonjour, ".repeat(700);
    let file = format!("/stages/candidatures/{application}");
    let landed = app
        .post_plain_form(
            &ada,
            &file,
            "stages/application_message",
            &[("id", &application.to_string()), ("body", &message)],
        )
        .await;
    assert_eq!(refusal_message(&landed.html).as_deref(), Some(INVALID));
    assert_eq!(
        textarea_text(&landed.html, "body").as_deref(),
        Some(message.as_str())
    );
}

#[tokio::test]
async fn a_refused_offer_keeps_every_field() {
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let description = "Missions **variées** :\n- inventaire\n- animation";
    let mut form = app.offer_form(service, "").await;
    for (name, value) in form.iter_mut() {
        match name.as_str() {
            "offer[description]" => *value = description.to_string(),
            "offer[places]" => *value = "2".to_string(),
            _ => {}
        }
    }
    form.push(("offer[paid]".to_string(), "on".to_string()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let landed = app
        .post_plain_form(
            &agent,
            "/stages/gestion/offre",
            "stages/save_offer",
            &fields,
        )
        .await;
    assert_eq!(refusal_message(&landed.html).as_deref(), Some(INVALID));
    assert!(
        landed
            .html
            .contains("L'intitulé doit compter de 5 à 150 caractères."),
        "the title's error is missing"
    );
    assert_eq!(
        textarea_text(&landed.html, "offer[description]").as_deref(),
        Some(description)
    );
    assert_eq!(
        input_value(&landed.html, "offer[discipline]").as_deref(),
        Some("Paysage")
    );
    assert_eq!(
        input_value(&landed.html, "offer[places]").as_deref(),
        Some("2")
    );
    assert!(
        is_checked(&landed.html, "offer[paid]"),
        "the paid box was unticked"
    );
    assert!(
        landed
            .html
            .contains(&format!("<option value=\"{service}\" selected")),
        "the chosen service was lost"
    );
}

#[tokio::test]
async fn a_refused_fiche_comment_and_reply_keep_their_text() {
    let (app, field) = fiches::newsroom().await;
    let author = app.sign_in("author@example.org", fiches::PASSWORD).await;
    let body = format!(
        "Le réseau compte 1 400 stations.\n\n{}",
        "Des vélos partout. ".repeat(20)
    );
    let mut form = fiches::form(field, "", &body);
    form.retain(|(name, _)| name != "fiche[title]");
    form.push(("fiche[title]".into(), String::new()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let landed = app
        .post_plain_form(&author, "/innovation/ecrire", "innovation/save", &fields)
        .await;
    assert_eq!(refusal_message(&landed.html).as_deref(), Some(INVALID));
    assert_eq!(
        textarea_text(&landed.html, "fiche[body]").as_deref(),
        Some(body.as_str())
    );
    assert!(
        landed
            .html
            .contains("Le titre doit compter de 5 à 150 caractères."),
        "the title's error is missing"
    );
    assert_eq!(
        input_value(&landed.html, "fiche[city]").as_deref(),
        Some("Paris")
    );
    assert_eq!(
        ticked_values(&landed.html, "fiche[fields]"),
        vec![field.to_string()]
    );

    let fiche = fiches::published_fiche(&app, field).await;
    let other = app.sign_in("other@example.org", fiches::PASSWORD).await;
    let comment = "Très intéressant. ".repeat(300);
    let landed = app
        .post_plain_form(
            &other,
            &format!("/innovation/fiches/{fiche}"),
            "innovation/comment",
            &[("fiche", &fiche.to_string()), ("body", &comment)],
        )
        .await;
    assert_eq!(refusal_message(&landed.html).as_deref(), Some(INVALID));
    assert!(
        landed.html.contains(TOO_LONG),
        "the comment's error is missing"
    );
    assert_eq!(
        textarea_text(&landed.html, "body").as_deref(),
        Some(comment.as_str())
    );

    let thread = app
        .call_json::<i64>(
            &other,
            "innovation/thread_start",
            &[
                ("thread[title]", "Quels abris vélos ?"),
                ("thread[body]", "Vos retours ?"),
                ("thread[fields][0]", &field.to_string()),
            ],
        )
        .await
        .1
        .expect("thread started");
    let landed = app
        .post_plain_form(
            &author,
            &format!("/innovation/discussions/{thread}"),
            "innovation/thread_reply",
            &[("thread", &thread.to_string()), ("body", &comment)],
        )
        .await;
    assert_eq!(refusal_message(&landed.html).as_deref(), Some(INVALID));
    assert_eq!(
        textarea_text(&landed.html, "body").as_deref(),
        Some(comment.as_str())
    );
}

#[tokio::test]
async fn an_accepted_plain_post_leaves_no_refusal_behind() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.org", PASSWORD).await;
    let browser = app.client();
    let refused = app
        .post_plain_form(
            &browser,
            "/compte/connexion",
            "accounts/sign_in",
            &[("email", "ada@example.org"), ("password", "not it")],
        )
        .await;
    // The next try is posted from the page that showed the refusal.
    let page = refused.location.trim_start_matches(&app.base).to_string();
    let landed = app
        .post_plain_form(
            &browser,
            &page,
            "accounts/sign_in",
            &[("email", "ada@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert!(
        !landed.location.contains("__err") && !landed.location.contains("__form"),
        "{}",
        landed.location
    );
    assert_eq!(refusal_message(&landed.html), None);
}
