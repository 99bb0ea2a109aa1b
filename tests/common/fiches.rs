//! Innovation fixtures: a newsroom (an author, another member, an editor), the fiche form,
//! and a fiche published through the real review.

use super::TestApp;
use parvis::accounts::types::Role;

pub const PASSWORD: &str = "correct horse battery";

pub async fn newsroom() -> (TestApp, i64) {
    let app = TestApp::spawn().await;
    for email in [
        "author@example.org",
        "other@example.org",
        "editor@example.org",
    ] {
        app.sign_up(email, PASSWORD).await;
    }
    app.grant("editor@example.org", Role::Editor, None).await;
    let field = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .fields[1]
        .id;
    (app, field)
}

pub fn form(field: i64, title: &str, body: &str) -> Vec<(String, String)> {
    [
        ("language", "fr"),
        ("title", title),
        (
            "summary",
            "Un réseau de vélos partagés ouvert jour et nuit.",
        ),
        ("body", body),
        ("city", "Paris"),
        ("country", "France"),
        ("year_started", "2007"),
        ("maturity", "scaled"),
        ("results", "Fréquentation **mesurée** chaque année."),
        ("sources", "https://fr.wikipedia.org/wiki/V%C3%A9lib%27"),
        ("tags", "vélo, mobilité"),
        (
            "interests",
            "Aucun lien avec l'exploitant ni avec la ville.",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (format!("fiche[{k}]"), v.to_string()))
    .chain([("fiche[fields][0]".to_string(), field.to_string())])
    .collect()
}

pub async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    id: Option<i64>,
    form: &[(String, String)],
) -> (u16, Result<i64, parvis::error::AppError>) {
    let mut fields: Vec<(&str, &str)> =
        form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let id_text = id.map(|i| i.to_string()).unwrap_or_default();
    if id.is_some() {
        fields.push(("id", &id_text));
    }
    app.call_json::<i64>(client, "innovation/save", &fields)
        .await
}

pub async fn published_fiche(app: &TestApp, field: i64) -> i64 {
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    let body = "Le budget participatif laisse les habitants proposer puis choisir par vote des projets d'investissement pour leur quartier.";
    let id = save(
        app,
        &author,
        None,
        &form(field, "Budget participatif", body),
    )
    .await
    .1
    .expect("saved");
    submit_and_publish(app, &author, &editor, id).await;
    id
}

/// The author submits fiche `id`, the editor publishes it.
pub async fn submit_and_publish(
    app: &TestApp,
    author: &reqwest::Client,
    editor: &reqwest::Client,
    id: i64,
) {
    app.call_json::<()>(author, "innovation/submit", &[("id", &id.to_string())])
        .await
        .1
        .expect("submitted");
    app.call_json::<()>(
        editor,
        "innovation/review",
        &[("id", &id.to_string()), ("action", "publish")],
    )
    .await
    .1
    .expect("published");
}
