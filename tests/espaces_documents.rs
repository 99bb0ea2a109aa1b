//! A space's documents, over real HTTP on the backend `PARVIS_TEST_BACKEND` names: uploads
//! (streamed, typed by their content, a new version for the same name), downloads with their
//! original name and type, versions restored as the newest (sharing the file), rename, move,
//! the bin (animators restore and empty it), the quota refused before anything is stored,
//! hostile names, share links (opened without an account, logged, revoked, expired), an
//! archived space read-only, the refusals (a reader 403, a non-member 404) and the sweep of
//! unfinished uploads.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role,
    error::AppError,
    espaces::{
        activity_types::SpaceOverviewRow,
        documents_types::{BinPage, DocumentPage, DocumentsPage, SharedDocument},
        types::SpaceRole,
    },
};
use reqwest::{multipart, Client};

const PASSWORD: &str = "correct horse battery";
const PDF_1: &[u8] = b"%PDF-1.7\nfirst version of the report\n%%EOF\n";
const PDF_2: &[u8] = b"%PDF-1.7\nsecond version, a little longer than the first\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";

/// A space (project template: documents on) of a host agent, its animator; (space, agent).
async fn space(app: &TestApp) -> (i64, Client) {
    let (_, service) = app.direction("DEVE").await;
    let agent = app.sign_up("ada@paris.example", PASSWORD).await;
    app.grant("ada@paris.example", Role::HostAgent, Some(service))
        .await;
    let (status, id) = app
        .call_json::<i64>(
            &agent,
            "espaces/create",
            &[("template", "project"), ("name", "Jardins partagés")],
        )
        .await;
    assert_eq!(status, 200, "{id:?}");
    (id.expect("space"), agent)
}

/// A new account made a member of `space` with `role`.
async fn member(app: &TestApp, space: i64, email: &str, role: SpaceRole) -> Client {
    let client = app.sign_up(email, PASSWORD).await;
    app.add_space_member(space, email, role).await;
    client
}

/// Uploads one file as the page's script does (JSON answer): (status, outcome key).
async fn upload(
    app: &TestApp,
    client: &Client,
    space: i64,
    folder: Option<i64>,
    name: &str,
    bytes: &[u8],
) -> (u16, String) {
    let form = multipart::Form::new()
        .text("dossier", folder.map(|f| f.to_string()).unwrap_or_default())
        .part(
            "fichier",
            multipart::Part::bytes(bytes.to_vec())
                .file_name(name.to_string())
                .mime_str("application/octet-stream")
                .expect("mime"),
        );
    let response = client
        .post(app.url(&format!("/espaces/{space}/documents/depot")))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("upload sent");
    let status = response.status().as_u16();
    let body = response.text().await.expect("body");
    let key = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("key").and_then(|k| k.as_str()).map(str::to_string))
        .unwrap_or(body);
    (status, key)
}

async fn documents(
    app: &TestApp,
    client: &Client,
    space: i64,
    folder: i64,
    q: &str,
) -> (u16, Result<DocumentsPage, AppError>) {
    app.call_json::<DocumentsPage>(
        client,
        "espaces/documents",
        &[
            ("id", &space.to_string()),
            ("folder", &folder.to_string()),
            ("q", q),
        ],
    )
    .await
}

async fn document(
    app: &TestApp,
    client: &Client,
    space: i64,
    document: i64,
) -> (u16, Result<DocumentPage, AppError>) {
    app.call_json::<DocumentPage>(
        client,
        "espaces/document",
        &[
            ("id", &space.to_string()),
            ("document", &document.to_string()),
        ],
    )
    .await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// The objects stored under the space's documents folder.
async fn stored_objects(app: &TestApp, space: i64) -> usize {
    app.state
        .storage
        .list(&format!("espaces/{space}/documents"))
        .await
        .expect("list")
        .len()
}

async fn get(client: &Client, url: &str) -> reqwest::Response {
    client.get(url).send().await.expect("get")
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn a_new_upload_of_the_same_name_is_a_new_version_downloaded_with_its_name_and_type() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    assert_eq!(
        upload(&app, &agent, space, None, "Compte rendu été.pdf", PDF_1).await,
        (200, "documents-uploaded".into())
    );
    // The same name in another case: the same document.
    assert_eq!(
        upload(&app, &agent, space, None, "compte rendu ÉTÉ.pdf", PDF_2)
            .await
            .0,
        200
    );
    let (status, page) = documents(&app, &agent, space, 0, "").await;
    assert_eq!(status, 200, "{page:?}");
    let page = page.expect("page");
    assert_eq!(page.documents.len(), 1);
    let row = &page.documents[0];
    assert_eq!(row.name, "Compte rendu été.pdf", "the first name stays");
    assert_eq!(row.version, 2);
    assert_eq!(row.size, PDF_2.len() as i64);
    assert_eq!(row.content_type, "application/pdf");
    assert_eq!(page.used_bytes, (PDF_1.len() + PDF_2.len()) as i64);

    let response = get(&agent, &app.url(&row.download_url(space))).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/pdf");
    let disposition = header(&response, "content-disposition");
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''Compte%20rendu%20%C3%A9t%C3%A9.pdf"),
        "{disposition}"
    );
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    assert_eq!(response.bytes().await.expect("body").as_ref(), PDF_2);
    let inline = get(
        &agent,
        &app.url(&format!("{}?affichage=inline", row.download_url(space))),
    )
    .await;
    assert!(header(&inline, "content-disposition").starts_with("inline;"));

    let (_, doc) = document(&app, &agent, space, row.id).await;
    let doc = doc.expect("document");
    assert_eq!(doc.versions.len(), 2);
    let first = doc.versions.iter().find(|v| v.number == 1).expect("v1");
    let old = get(
        &agent,
        &app.url(&parvis::espaces::documents_types::version_url(
            space, row.id, first.id,
        )),
    )
    .await;
    assert_eq!(old.bytes().await.expect("body").as_ref(), PDF_1);

    // Restoring v1 makes v3, sharing v1's file: the storage does not grow.
    let (status, number) = app
        .call_json::<i64>(
            &agent,
            "espaces/restore_version",
            &[
                ("id", &space.to_string()),
                ("document", &row.id.to_string()),
                ("version", &first.id.to_string()),
            ],
        )
        .await;
    assert_eq!((status, number.expect("number")), (200, 3));
    let (_, doc) = document(&app, &agent, space, row.id).await;
    let doc = doc.expect("document");
    assert_eq!(doc.document.version, 3);
    assert_eq!(doc.versions[0].restored_from, Some(1));
    assert_eq!(doc.document.size, PDF_1.len() as i64);
    let current = get(&agent, &app.url(&doc.document.download_url(space))).await;
    assert_eq!(current.bytes().await.expect("body").as_ref(), PDF_1);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_files").await,
        2
    );
    assert_eq!(stored_objects(&app, space).await, 2);
    let (_, page) = documents(&app, &agent, space, 0, "").await;
    assert_eq!(
        page.expect("page").used_bytes,
        (PDF_1.len() + PDF_2.len()) as i64
    );

    // The site admins' overview counts the same bytes.
    let admin = app.sign_up("root@example.org", PASSWORD).await;
    app.grant("root@example.org", Role::SiteAdmin, None).await;
    let (_, rows) = app
        .call_json::<Vec<SpaceOverviewRow>>(&admin, "espaces/overview", &[])
        .await;
    let rows = rows.expect("overview");
    let row = rows.iter().find(|r| r.id == space).expect("row");
    assert_eq!(row.storage_bytes, (PDF_1.len() + PDF_2.len()) as i64);

    // The activity feed has both kinds of line.
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM space_activity WHERE space_id = $1 ORDER BY id")
            .bind(space)
            .fetch_all(&app.state.db.pool)
            .await
            .expect("activity");
    assert_eq!(
        actions,
        [
            "activity-document-uploaded",
            "activity-document-version",
            "activity-document-version"
        ]
    );
}

#[tokio::test]
async fn the_type_comes_from_the_content_never_from_the_name() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    for (name, bytes) in [
        ("photo.pdf", PNG),
        (
            "page.html",
            b"<html><script>alert(1)</script></html>".as_slice(),
        ),
        (
            "image.jpg",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".as_slice(),
        ),
    ] {
        assert_eq!(
            upload(&app, &agent, space, None, name, bytes).await.0,
            200,
            "{name}"
        );
    }
    let (_, page) = documents(&app, &agent, space, 0, "").await;
    let page = page.expect("page");
    let type_of = |name: &str| {
        page.documents
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.content_type.clone())
            .expect(name)
    };
    assert_eq!(type_of("photo.pdf"), "image/png");
    assert_eq!(type_of("page.html"), "text/plain; charset=utf-8");
    assert_eq!(type_of("image.jpg"), "application/octet-stream");
    // What is neither an image nor a PDF is never shown inline.
    let html = page
        .documents
        .iter()
        .find(|d| d.name == "page.html")
        .expect("html");
    let response = get(
        &agent,
        &app.url(&format!("{}?affichage=inline", html.download_url(space))),
    )
    .await;
    assert_eq!(
        header(&response, "content-type"),
        "text/plain; charset=utf-8"
    );
    assert!(header(&response, "content-disposition").starts_with("attachment;"));
    assert_eq!(header(&response, "x-content-type-options"), "nosniff");
}

#[tokio::test]
async fn hostile_names_are_made_safe_or_refused() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    assert_eq!(
        upload(&app, &agent, space, None, "../../etc/passwd", PDF_1)
            .await
            .0,
        200
    );
    assert_eq!(
        upload(&app, &agent, space, None, "..\\..\\win.ini", PDF_1)
            .await
            .0,
        200
    );
    assert_eq!(
        upload(&app, &agent, space, None, "CON.txt", PDF_1).await,
        (422, "field-document-name-reserved".into())
    );
    assert_eq!(
        upload(&app, &agent, space, None, "..", PDF_1).await.0,
        422,
        "dots alone"
    );
    let (_, page) = documents(&app, &agent, space, 0, "").await;
    let mut names: Vec<String> = page
        .expect("page")
        .documents
        .into_iter()
        .map(|d| d.name)
        .collect();
    names.sort();
    assert_eq!(names, ["passwd", "win.ini"]);
    assert_eq!(
        stored_objects(&app, space).await,
        2,
        "refused names store nothing"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_uploads").await,
        0
    );

    let id: i64 = sqlx::query_scalar("SELECT id FROM space_documents WHERE name = 'passwd'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("document");
    for (name, key) in [
        ("../secret", "field-document-name-path"),
        ("a/b", "field-document-name-path"),
        ("nul", "field-document-name-reserved"),
        ("  ", "field-required"),
        ("win.ini", "field-document-exists"),
    ] {
        let (status, refused) = app
            .call_json::<()>(
                &agent,
                "espaces/rename_document",
                &[
                    ("id", &space.to_string()),
                    ("document", &id.to_string()),
                    ("name", name),
                ],
            )
            .await;
        assert_eq!(status, 422, "{name:?}");
        assert_eq!(
            refused.expect_err("refused").field_key("name"),
            Some(key),
            "{name:?}"
        );
    }
    let (status, _) = app
        .call_json::<()>(
            &agent,
            "espaces/rename_document",
            &[
                ("id", &space.to_string()),
                ("document", &id.to_string()),
                ("name", "Mots\u{7} de passe\u{202e}.txt"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let name: String = sqlx::query_scalar("SELECT name FROM space_documents WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("name");
    assert_eq!(
        name, "Mots de passe.txt",
        "control characters and direction marks dropped"
    );
}

#[tokio::test]
async fn folders_moves_and_the_search_by_name() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    let (status, folder) = app
        .call_json::<i64>(
            &agent,
            "espaces/create_folder",
            &[("id", &space.to_string()), ("name", "Rapports")],
        )
        .await;
    assert_eq!(status, 200);
    let folder = folder.expect("folder");
    let (_, inner) = app
        .call_json::<i64>(
            &agent,
            "espaces/create_folder",
            &[
                ("id", &space.to_string()),
                ("parent", &folder.to_string()),
                ("name", "2026"),
            ],
        )
        .await;
    let inner = inner.expect("inner folder");
    let (status, _) = app
        .call_json::<i64>(
            &agent,
            "espaces/create_folder",
            &[("id", &space.to_string()), ("name", "rapports")],
        )
        .await;
    assert_eq!(status, 422, "a folder of that name is there");
    // The same name in two folders: two documents.
    assert_eq!(
        upload(&app, &agent, space, Some(inner), "bilan.pdf", PDF_1)
            .await
            .0,
        200
    );
    assert_eq!(
        upload(&app, &agent, space, None, "bilan.pdf", PDF_2)
            .await
            .0,
        200
    );
    let (_, top) = documents(&app, &agent, space, 0, "").await;
    let top = top.expect("top");
    assert_eq!(top.folders.len(), 1);
    assert_eq!(top.documents.len(), 1);
    let (_, inside) = documents(&app, &agent, space, inner, "").await;
    let inside = inside.expect("inside");
    assert_eq!(inside.path.len(), 2);
    assert_eq!(inside.documents[0].version, 1);
    let (_, found) = documents(&app, &agent, space, 0, "BILAN").await;
    let found = found.expect("search");
    assert_eq!(found.documents.len(), 2);
    assert!(found
        .documents
        .iter()
        .any(|d| d.folder_path == "Rapports / 2026"));
    let (_, none) = documents(&app, &agent, space, 0, "%").await;
    assert!(
        none.expect("search").documents.is_empty(),
        "% is a character"
    );
    // Moving the top one into the folder meets its namesake.
    let (status, _) = app
        .call_json::<()>(
            &agent,
            "espaces/move_document",
            &[
                ("id", &space.to_string()),
                ("document", &top.documents[0].id.to_string()),
                ("folder", &inner.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = app
        .call_json::<()>(
            &agent,
            "espaces/move_document",
            &[
                ("id", &space.to_string()),
                ("document", &top.documents[0].id.to_string()),
                ("folder", &folder.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    // A folder of another space is no place to go.
    let (other, _) = {
        let (status, id) = app
            .call_json::<i64>(
                &agent,
                "espaces/create",
                &[("template", "project"), ("name", "Autre")],
            )
            .await;
        assert_eq!(status, 200);
        (id.expect("other"), ())
    };
    let (_, foreign) = app
        .call_json::<i64>(
            &agent,
            "espaces/create_folder",
            &[("id", &other.to_string()), ("name", "Ailleurs")],
        )
        .await;
    assert_eq!(
        upload(
            &app,
            &agent,
            space,
            Some(foreign.expect("folder")),
            "x.pdf",
            PDF_1
        )
        .await
        .0,
        404
    );
    assert_eq!(stored_objects(&app, space).await, 2);
}

#[tokio::test]
async fn readers_only_read_and_non_members_see_nothing() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    assert_eq!(
        upload(&app, &agent, space, None, "plan.pdf", PDF_1).await.0,
        200
    );
    let reader = member(&app, space, "rea@partner.example", SpaceRole::Reader).await;
    let outsider = app.sign_up("out@elsewhere.example", PASSWORD).await;
    let visitor = app.client();

    assert_eq!(
        upload(&app, &reader, space, None, "mine.pdf", PDF_2)
            .await
            .0,
        403
    );
    assert_eq!(
        upload(&app, &outsider, space, None, "mine.pdf", PDF_2)
            .await
            .0,
        404
    );
    assert_eq!(
        upload(&app, &visitor, space, None, "mine.pdf", PDF_2)
            .await
            .0,
        404
    );
    assert_eq!(stored_objects(&app, space).await, 1);

    let (status, page) = documents(&app, &reader, space, 0, "").await;
    assert_eq!(status, 200);
    let row = page.expect("page").documents.remove(0);
    let response = get(&reader, &app.url(&row.download_url(space))).await;
    assert_eq!(response.status(), 200, "a reader downloads");
    assert_eq!(
        get(&outsider, &app.url(&row.download_url(space)))
            .await
            .status(),
        404
    );
    assert_eq!(
        get(&visitor, &app.url(&row.download_url(space)))
            .await
            .status(),
        404
    );
    assert_eq!(documents(&app, &outsider, space, 0, "").await.0, 404);
    let (_, doc) = document(&app, &reader, space, row.id).await;
    assert!(
        doc.expect("document").shares.is_empty(),
        "readers see no share link"
    );

    let id = space.to_string();
    let doc = row.id.to_string();
    for (endpoint, args) in [
        ("espaces/rename_document", vec![("name", "x.pdf")]),
        ("espaces/move_document", vec![("folder", "0")]),
        ("espaces/delete_document", vec![]),
        ("espaces/share_document", vec![("days", "7")]),
        ("espaces/restore_version", vec![("version", "1")]),
    ] {
        let mut form = vec![("id", id.as_str()), ("document", doc.as_str())];
        form.extend(args);
        assert_eq!(
            app.call(&reader, endpoint, &form).await.status(),
            403,
            "{endpoint}"
        );
        assert_eq!(
            app.call(&outsider, endpoint, &form).await.status(),
            404,
            "{endpoint}"
        );
    }
    assert_eq!(
        app.call(
            &reader,
            "espaces/create_folder",
            &[("id", &id), ("name", "X")]
        )
        .await
        .status(),
        403
    );
    assert_eq!(
        app.call(&reader, "espaces/documents_bin", &[("id", &id)])
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn the_bin_counts_toward_the_quota_and_only_animators_restore_or_empty_it() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    let contributor = member(&app, space, "con@paris.example", SpaceRole::Contributor).await;
    assert_eq!(
        upload(&app, &contributor, space, None, "notes.txt", b"v1\n")
            .await
            .0,
        200
    );
    assert_eq!(
        upload(&app, &contributor, space, None, "notes.txt", b"v2 longer\n")
            .await
            .0,
        200
    );
    let (_, page) = documents(&app, &contributor, space, 0, "").await;
    let row = page.expect("page").documents.remove(0);
    let id = space.to_string();
    let doc = row.id.to_string();
    let form = [("id", id.as_str()), ("document", doc.as_str())];
    assert_eq!(
        app.call(&contributor, "espaces/delete_document", &form)
            .await
            .status(),
        200
    );
    let (_, page) = documents(&app, &contributor, space, 0, "").await;
    let page = page.expect("page");
    assert!(page.documents.is_empty());
    assert_eq!(page.in_bin, 1);
    assert_eq!(page.used_bytes, 13, "the bin counts");
    let (_, bin) = app
        .call_json::<BinPage>(&contributor, "espaces/documents_bin", &[("id", &id)])
        .await;
    assert_eq!(bin.expect("bin").documents[0].size, 13);

    assert_eq!(
        app.call(&contributor, "espaces/restore_document", &form)
            .await
            .status(),
        403
    );
    assert_eq!(
        app.call(&contributor, "espaces/empty_bin", &[("id", &id)])
            .await
            .status(),
        403
    );
    assert_eq!(
        app.call(&agent, "espaces/restore_document", &form)
            .await
            .status(),
        200
    );
    let (_, page) = documents(&app, &agent, space, 0, "").await;
    assert_eq!(page.expect("page").documents.len(), 1);

    // Deleted again, then a new document of the same name: restoring the first is refused.
    assert_eq!(
        app.call(&contributor, "espaces/delete_document", &form)
            .await
            .status(),
        200
    );
    assert_eq!(
        upload(&app, &contributor, space, None, "notes.txt", b"new\n")
            .await
            .0,
        200
    );
    assert_eq!(
        app.call(&agent, "espaces/restore_document", &form)
            .await
            .status(),
        409
    );
    assert_eq!(stored_objects(&app, space).await, 3);

    let (status, gone) = app
        .call_json::<u64>(&agent, "espaces/empty_bin", &[("id", &id)])
        .await;
    assert_eq!((status, gone.expect("emptied")), (200, 1));
    assert_eq!(
        stored_objects(&app, space).await,
        1,
        "the bin's files are deleted"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_files").await,
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_uploads").await,
        0
    );
    let (_, page) = documents(&app, &agent, space, 0, "").await;
    let page = page.expect("page");
    assert_eq!(page.used_bytes, 4);
    assert_eq!(page.in_bin, 0);
    assert_eq!(document(&app, &agent, space, row.id).await.0, 404);
}

#[tokio::test]
async fn an_upload_past_the_quota_is_refused_before_anything_is_stored() {
    let app = TestApp::spawn_with(|config| {
        config.espaces.quota_bytes = 100_000;
        config.espaces.upload_max_bytes = 80_000;
    })
    .await;
    let (space, agent) = space(&app).await;
    // Announced larger than the quota (Content-Length): refused before reading.
    let big = vec![b'a'; 200_000];
    assert_eq!(
        upload(&app, &agent, space, None, "big.txt", &big).await,
        (413, "error-documents-quota".into())
    );
    assert_eq!(stored_objects(&app, space).await, 0);
    // Larger than one upload may be: refused as it streams.
    let large = vec![b'b'; 90_000];
    assert_eq!(
        upload(&app, &agent, space, None, "large.txt", &large).await,
        (413, "field-document-too-big".into())
    );
    // Fits the announcement's slack but not what is left: refused as it streams.
    let part = vec![b'c'; 60_000];
    assert_eq!(
        upload(&app, &agent, space, None, "part.txt", &part).await.0,
        200
    );
    let more = vec![b'd'; 50_000];
    assert_eq!(
        upload(&app, &agent, space, None, "more.txt", &more).await,
        (413, "error-documents-quota".into())
    );
    assert_eq!(
        stored_objects(&app, space).await,
        1,
        "nothing of the refused uploads"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_files").await,
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_uploads").await,
        0
    );
    // The plain form (no script) is sent back to the folder with the message.
    let form = multipart::Form::new().text("dossier", "").part(
        "fichier",
        multipart::Part::bytes(more.clone()).file_name("more.txt"),
    );
    let response = agent
        .post(app.url(&format!("/espaces/{space}/documents/depot")))
        .multipart(form)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 303);
    assert_eq!(
        header(&response, "location"),
        format!("/espaces/{space}/documents?depot=error-documents-quota")
    );
    let small = multipart::Form::new().text("dossier", "").part(
        "fichier",
        multipart::Part::bytes(b"ok".to_vec()).file_name("ok.txt"),
    );
    let response = agent
        .post(app.url(&format!("/espaces/{space}/documents/depot")))
        .multipart(small)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        header(&response, "location"),
        format!("/espaces/{space}/documents?depot=documents-uploaded")
    );
}

#[tokio::test]
async fn an_unfinished_upload_leaves_nothing_once_swept() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    assert_eq!(
        upload(&app, &agent, space, None, "kept.pdf", PDF_1).await.0,
        200
    );
    // What a process that died between the end of an upload and its commit leaves.
    let key =
        parvis::server::storage::StorageKey::new(format!("espaces/{space}/documents/0123abcd"))
            .expect("key");
    app.state
        .storage
        .put_bytes(&key, b"orphan".to_vec())
        .await
        .expect("stored");
    let now = app.state.clock.now_seconds();
    sqlx::query("INSERT INTO space_document_uploads (storage_key, space_id, started_at) VALUES ($1, $2, $3)")
        .bind(key.as_str())
        .bind(space)
        .bind(now)
        .execute(&app.state.db.pool)
        .await
        .expect("pending row");
    parvis::espaces::server::documents_sweep::run(app.state.clone())
        .await
        .expect("sweep");
    assert_eq!(
        stored_objects(&app, space).await,
        2,
        "an upload under way is left alone"
    );
    app.state.clock.set(
        app.state
            .clock
            .now()
            .checked_add(jiff::SignedDuration::from_hours(25))
            .expect("later"),
    );
    parvis::espaces::server::documents_sweep::run(app.state.clone())
        .await
        .expect("sweep");
    assert_eq!(
        stored_objects(&app, space).await,
        1,
        "the orphan is gone, the version stays"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_uploads").await,
        0
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_versions").await,
        1
    );
}

#[tokio::test]
async fn a_share_link_opens_without_an_account_is_logged_and_stops_when_revoked_or_expired() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    let contributor = member(&app, space, "con@paris.example", SpaceRole::Contributor).await;
    assert_eq!(
        upload(&app, &contributor, space, None, "carte.png", PNG)
            .await
            .0,
        200
    );
    let (_, page) = documents(&app, &contributor, space, 0, "").await;
    let doc = page.expect("page").documents.remove(0).id;
    let id = space.to_string();
    let doc_arg = doc.to_string();
    for days in ["0", "91", "-1"] {
        let (status, _) = app
            .call_json::<String>(
                &contributor,
                "espaces/share_document",
                &[("id", &id), ("document", &doc_arg), ("days", days)],
            )
            .await;
        assert_eq!(status, 422, "{days}");
    }
    let (status, link) = app
        .call_json::<String>(
            &contributor,
            "espaces/share_document",
            &[("id", &id), ("document", &doc_arg), ("days", "7")],
        )
        .await;
    assert_eq!(status, 200);
    let link = link.expect("link");
    let token = link.rsplit('/').next().expect("token").to_string();
    assert!(link.starts_with(&app.url("/espaces/partage/")), "{link}");

    let stranger = app.client();
    let (status, shared) = app
        .call_json::<SharedDocument>(&stranger, "espaces/shared_document", &[("token", &token)])
        .await;
    assert_eq!(status, 200);
    let shared = shared.expect("shared");
    assert_eq!(shared.name, "carte.png");
    assert_eq!(shared.content_type, "image/png");
    let file = get(&stranger, &app.url(&shared.url)).await;
    assert_eq!(file.status(), 200);
    assert_eq!(header(&file, "content-type"), "image/png");
    assert_eq!(file.bytes().await.expect("body").as_ref(), PNG);
    let page = get(&stranger, &app.url(&format!("/espaces/partage/{token}"))).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("html").contains("carte.png"));
    // So far two openings (the server function's and the page's); the file fetched with the
    // page's proof (`shared.url`, and the preview) was part of the first. Fetched otherwise,
    // it is an opening of its own: a forged Referer hides nothing, nor does a made-up proof
    // or one older than its quarter of an hour.
    assert!(shared.url.contains("?ouverture="), "{}", shared.url);
    let preview = shared.preview_url.clone().expect("an image is previewed");
    assert_eq!(get(&stranger, &app.url(&preview)).await.status(), 200);
    let bare = format!("/espaces/partage/{token}/fichier");
    let forged = stranger
        .get(app.url(&bare))
        .header("referer", app.url(&format!("/espaces/partage/{token}")))
        .send()
        .await
        .expect("file");
    assert_eq!(forged.status(), 200);
    let made_up = format!("{bare}?ouverture={}", "ab".repeat(32));
    assert_eq!(get(&stranger, &app.url(&made_up)).await.status(), 200);
    app.state.clock.set(
        app.state
            .clock
            .now()
            .checked_add(jiff::SignedDuration::from_mins(16))
            .expect("later"),
    );
    assert_eq!(get(&stranger, &app.url(&shared.url)).await.status(), 200);

    // The animators see each opening; a contributor sees the count only.
    let (_, seen) = document(&app, &agent, space, doc).await;
    let seen = seen.expect("document");
    assert_eq!(seen.openings.len(), 5);
    assert_eq!(seen.shares[0].openings, 5);
    let (_, by_contributor) = document(&app, &contributor, space, doc).await;
    assert!(by_contributor.expect("document").openings.is_empty());

    // Revoked: a clear page, the file no more.
    let share = seen.shares[0].id.to_string();
    assert_eq!(
        app.call(
            &contributor,
            "espaces/revoke_share",
            &[("id", &id), ("share", &share)]
        )
        .await
        .status(),
        200
    );
    let (status, ended) = app
        .call_json::<SharedDocument>(&stranger, "espaces/shared_document", &[("token", &token)])
        .await;
    assert_eq!(status, 409);
    assert_eq!(
        ended.expect_err("ended").message_key(),
        "error-share-link-ended"
    );
    let page = get(&stranger, &app.url(&format!("/espaces/partage/{token}"))).await;
    assert_eq!(page.status(), 409);
    let html = page.text().await.expect("html");
    assert!(
        html.contains("lien de partage a été révoqué"),
        "a clear page"
    );
    let file = get(&stranger, &app.url(&shared.url)).await;
    assert_eq!(file.status(), 303);
    assert_eq!(
        header(&file, "location"),
        format!("/espaces/partage/{token}")
    );
    assert_eq!(
        app.call(
            &contributor,
            "espaces/revoke_share",
            &[("id", &id), ("share", &share)]
        )
        .await
        .status(),
        404,
        "revoked once"
    );
    // An unknown token: the site's 404 page.
    let (status, _) = app
        .call_json::<SharedDocument>(
            &stranger,
            "espaces/shared_document",
            &[("token", &"0".repeat(64))],
        )
        .await;
    assert_eq!(status, 404);

    // Expired after its days.
    let (_, link) = app
        .call_json::<String>(
            &contributor,
            "espaces/share_document",
            &[("id", &id), ("document", &doc_arg), ("days", "1")],
        )
        .await;
    let token = link
        .expect("link")
        .rsplit('/')
        .next()
        .expect("token")
        .to_string();
    assert_eq!(
        app.call_json::<SharedDocument>(&stranger, "espaces/shared_document", &[("token", &token)])
            .await
            .0,
        200
    );
    app.state.clock.set(
        app.state
            .clock
            .now()
            .checked_add(jiff::SignedDuration::from_hours(25))
            .expect("later"),
    );
    assert_eq!(
        app.call_json::<SharedDocument>(&stranger, "espaces/shared_document", &[("token", &token)])
            .await
            .0,
        409
    );
    let (_, seen) = document(&app, &agent, space, doc).await;
    let seen = seen.expect("document");
    assert!(seen.shares.iter().all(|s| s.revoked || s.expired));
    assert_eq!(
        seen.openings.len(),
        6,
        "openings of ended links are not logged"
    );
}

#[tokio::test]
async fn an_archived_space_only_reads() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    assert_eq!(
        upload(&app, &agent, space, None, "plan.pdf", PDF_1).await.0,
        200
    );
    let id = space.to_string();
    assert_eq!(
        app.call(
            &agent,
            "espaces/archive",
            &[("id", &id), ("archived", "true")]
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        upload(&app, &agent, space, None, "plan.pdf", PDF_2).await.0,
        409
    );
    let (status, page) = documents(&app, &agent, space, 0, "").await;
    assert_eq!(status, 200);
    let row = page.expect("page").documents.remove(0);
    assert_eq!(row.version, 1);
    assert_eq!(
        get(&agent, &app.url(&row.download_url(space)))
            .await
            .status(),
        200
    );
    let doc = row.id.to_string();
    for (endpoint, extra) in [
        ("espaces/rename_document", ("name", "x.pdf")),
        ("espaces/delete_document", ("", "")),
        ("espaces/share_document", ("days", "3")),
        ("espaces/empty_bin", ("", "")),
    ] {
        let mut form = vec![("id", id.as_str()), ("document", doc.as_str())];
        if !extra.0.is_empty() {
            form.push(extra);
        }
        assert_eq!(
            app.call(&agent, endpoint, &form).await.status(),
            409,
            "{endpoint}"
        );
    }
    assert_eq!(
        app.call(
            &agent,
            "espaces/create_folder",
            &[("id", &id), ("name", "X")]
        )
        .await
        .status(),
        409
    );
    assert_eq!(stored_objects(&app, space).await, 1);
}

#[tokio::test]
async fn the_pages_render_on_the_server_with_a_plain_upload_form() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    assert_eq!(
        upload(&app, &agent, space, None, "Plan.pdf", PDF_1).await.0,
        200
    );
    let (_, page) = documents(&app, &agent, space, 0, "").await;
    let doc = page.expect("page").documents.remove(0).id;
    let html = get(&agent, &app.url(&format!("/espaces/{space}/documents"))).await;
    assert_eq!(html.status(), 200);
    let html = html.text().await.expect("html");
    assert!(html.contains(&format!("action=\"/espaces/{space}/documents/depot\"")));
    assert!(html.contains("enctype=\"multipart/form-data\""));
    assert!(html.contains("name=\"fichier\""));
    assert!(html.contains("Plan.pdf"));
    let html = get(
        &agent,
        &app.url(&format!("/espaces/{space}/documents?q=plan")),
    )
    .await;
    assert!(html.text().await.expect("html").contains("Plan.pdf"));
    let html = get(
        &agent,
        &app.url(&format!("/espaces/{space}/documents/{doc}")),
    )
    .await;
    assert_eq!(html.status(), 200);
    let html = html.text().await.expect("html");
    assert!(
        html.contains("affichage=inline"),
        "a PDF has a preview link"
    );
    let bin = get(&agent, &app.url(&format!("/espaces/{space}/corbeille"))).await;
    assert_eq!(bin.status(), 200);
    let reader = member(&app, space, "rea@partner.example", SpaceRole::Reader).await;
    let html = get(&reader, &app.url(&format!("/espaces/{space}/documents"))).await;
    assert_eq!(html.status(), 200);
    assert!(
        !html
            .text()
            .await
            .expect("html")
            .contains("multipart/form-data"),
        "no upload form for a reader"
    );
    assert_eq!(
        get(&reader, &app.url(&format!("/espaces/{space}/corbeille")))
            .await
            .status(),
        403
    );
    let outsider = app.sign_up("out@elsewhere.example", PASSWORD).await;
    assert_eq!(
        get(&outsider, &app.url(&format!("/espaces/{space}/documents")))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn the_demo_spaces_hold_folders_and_files_in_several_versions() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let spaces_with_documents =
        count(&app, "SELECT COUNT(DISTINCT space_id) FROM space_documents").await;
    assert_eq!(spaces_with_documents, 3);
    assert!(count(&app, "SELECT COUNT(*) FROM space_folders").await >= 4);
    let versioned = count(
        &app,
        "SELECT COUNT(*) FROM space_documents d WHERE (SELECT COUNT(*) FROM space_document_versions v WHERE v.document_id = d.id) > 1",
    )
    .await;
    assert!(versioned >= 3, "{versioned} documents in several versions");
    let keys: Vec<String> = sqlx::query_scalar("SELECT storage_key FROM space_document_files")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("keys");
    for key in keys {
        let key = parvis::server::storage::StorageKey::new(key).expect("key");
        assert!(
            app.state.storage.head(&key).await.expect("head").is_some(),
            "{key}"
        );
    }
    let pdfs = count(
        &app,
        "SELECT COUNT(*) FROM space_document_files WHERE content_type = 'application/pdf'",
    )
    .await;
    assert!(pdfs >= 4);
}

/// A module switched off in the settings answers 404 everywhere, as if it did not exist:
/// documents (server functions, upload and download routes, share links), forum and calendar
/// (server functions, one event's .ics, the private feed); switched back on, all answer again.
#[tokio::test]
async fn a_module_switched_off_answers_404_at_every_address() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    let id = space.to_string();
    assert_eq!(
        upload(&app, &agent, space, None, "plan.pdf", PDF_1).await.0,
        200
    );
    let doc: i64 = sqlx::query_scalar("SELECT id FROM space_documents WHERE space_id = $1")
        .bind(space)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("document");
    let version: i64 =
        sqlx::query_scalar("SELECT id FROM space_document_versions WHERE document_id = $1")
            .bind(doc)
            .fetch_one(&app.state.db.pool)
            .await
            .expect("version");
    let doc_arg = doc.to_string();
    let (_, link) = app
        .call_json::<String>(
            &agent,
            "espaces/share_document",
            &[("id", &id), ("document", &doc_arg), ("days", "7")],
        )
        .await;
    let shared_file = format!("{}/fichier", link.expect("share link"));
    let (status, event) = app
        .call_json::<i64>(
            &agent,
            "espaces/save_event",
            &[
                ("id", id.as_str()),
                ("event", "0"),
                ("form[title]", "Comité"),
                ("form[start_date]", "2027-03-15"),
                ("form[start_time]", "10:00"),
                ("form[end_date]", "2027-03-15"),
                ("form[end_time]", "11:00"),
            ],
        )
        .await;
    let event = event
        .unwrap_or_else(|e| panic!("{status} {e:?}"))
        .to_string();
    let (_, feed) = app
        .call_json::<String>(&agent, "espaces/calendar_feed", &[("id", &id)])
        .await;
    let feed = feed.expect("feed link");

    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("espaces/documents", vec![("id", &id)]),
        (
            "espaces/document",
            vec![("id", &id), ("document", &doc_arg)],
        ),
        ("espaces/forum", vec![("id", &id)]),
        ("espaces/calendar", vec![("id", &id)]),
        ("espaces/event", vec![("id", &id), ("event", &event)]),
    ];
    let addresses = [
        app.url(&format!(
            "/espaces/{space}/documents/{doc}/versions/{version}/fichier"
        )),
        app.url(&format!("/espaces/{space}/agenda/{event}/ics")),
        feed.clone(),
        shared_file.clone(),
    ];
    let statuses = |expected: u16| {
        let (app, agent, calls, addresses) = (&app, &agent, &calls, &addresses);
        async move {
            for (endpoint, form) in calls {
                let status = app.call(agent, endpoint, form).await.status();
                assert_eq!(status, expected, "{endpoint}");
            }
            for address in addresses {
                let status = agent.get(address).send().await.expect("get").status();
                // An ended share link's file sends the reader to the link's page, which says so.
                let status = if status.is_redirection() {
                    404
                } else {
                    status.as_u16()
                };
                assert_eq!(status, expected, "{address}");
            }
        }
    };
    statuses(200).await;

    let save = |modules: &'static [&'static str]| {
        let (app, agent) = (&app, &agent);
        async move {
            app.set_space_modules(agent, space, "Jardins partagés", modules)
                .await
        }
    };
    save(&["wiki"]).await;
    statuses(404).await;
    let (status, key) = upload(&app, &agent, space, None, "autre.pdf", PDF_2).await;
    assert_eq!(status, 404, "{key}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM space_document_versions").await,
        1,
        "nothing stored while documents are off"
    );
    save(&["documents", "forum", "calendar"]).await;
    statuses(200).await;
}

/// A folder is renamed (not onto a sibling's name), and deleted only once nothing is in it —
/// a document in the bin included, since restoring it goes back to its folder; a reader may
/// do neither, a stranger gets 404.
#[tokio::test]
async fn a_folder_is_renamed_and_deleted_only_when_empty() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    let id = space.to_string();
    let folder = |name: &'static str| {
        let (app, agent, id) = (&app, &agent, id.clone());
        async move {
            let form = [("id", id.as_str()), ("name", name)];
            app.call_json::<i64>(agent, "espaces/create_folder", &form)
                .await
                .1
                .expect("folder")
        }
    };
    let reports = folder("Rapports").await;
    folder("Photos").await;
    let rename = |client: &Client, folder: i64, name: &'static str| {
        let (app, id, client) = (&app, id.clone(), client.clone());
        async move {
            let folder = folder.to_string();
            let form = [
                ("id", id.as_str()),
                ("folder", folder.as_str()),
                ("name", name),
            ];
            app.call_json::<()>(&client, "espaces/rename_folder", &form)
                .await
        }
    };
    let delete = |client: &Client, folder: i64| {
        let (app, id, client) = (&app, id.clone(), client.clone());
        async move {
            let folder = folder.to_string();
            let form = [("id", id.as_str()), ("folder", folder.as_str())];
            app.call_json::<i64>(&client, "espaces/delete_folder", &form)
                .await
        }
    };
    assert_eq!(
        rename(&agent, reports, "photos").await.0,
        422,
        "a sibling's name"
    );
    assert_eq!(rename(&agent, reports, "../x").await.0, 422);
    assert_eq!(rename(&agent, reports, "Comptes rendus").await.0, 200);
    let name: String = sqlx::query_scalar("SELECT name FROM space_folders WHERE id = $1")
        .bind(reports)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("name");
    assert_eq!(name, "Comptes rendus");
    let reader = member(&app, space, "rita@example.org", SpaceRole::Reader).await;
    let stranger = app.sign_up("x@elsewhere.example", PASSWORD).await;
    assert_eq!(rename(&reader, reports, "Lu").await.0, 403);
    assert_eq!(delete(&reader, reports).await.0, 403);
    assert_eq!(delete(&stranger, reports).await.0, 404);

    assert_eq!(
        upload(&app, &agent, space, Some(reports), "bilan.pdf", PDF_1)
            .await
            .0,
        200
    );
    let (status, refused) = delete(&agent, reports).await;
    assert_eq!(status, 409);
    assert!(matches!(refused, Err(AppError::Conflict(ref k)) if k == "error-folder-not-empty"));
    let doc: i64 = sqlx::query_scalar("SELECT id FROM space_documents WHERE folder_id = $1")
        .bind(reports)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("document");
    let (status, _) = app
        .call_json::<()>(
            &agent,
            "espaces/delete_document",
            &[("id", &id), ("document", &doc.to_string())],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        delete(&agent, reports).await.0,
        409,
        "its document is in the bin"
    );
    let (status, emptied) = app
        .call_json::<u64>(&agent, "espaces/empty_bin", &[("id", &id)])
        .await;
    assert_eq!((status, emptied.ok()), (200, Some(1)));
    assert_eq!(delete(&agent, reports).await, (200, Ok(0)));
    assert_eq!(delete(&agent, reports).await.0, 404, "gone");
}

#[tokio::test]
async fn two_writers_of_one_name_at_once_get_the_answer_of_the_check() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    let id = space.to_string();
    // Folders: each call checks the name is free, then inserts; at once, the unique index
    // decides, and the losers get the same refusal as a taken name (never a 500).
    let creations = (0..8).map(|_| {
        let (app, agent, id) = (&app, &agent, id.clone());
        async move {
            let form = [("id", id.as_str()), ("name", "Simultané")];
            app.call_json::<i64>(agent, "espaces/create_folder", &form)
                .await
                .0
        }
    });
    let mut statuses = futures_util::future::join_all(creations).await;
    statuses.sort_unstable();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 422),
        "{statuses:?}"
    );
    // Uploads of one new name: one document, every upload one of its versions.
    let uploads = (0..4).map(|_| upload(&app, &agent, space, None, "ensemble.pdf", PDF_1));
    let results = futures_util::future::join_all(uploads).await;
    assert!(
        results.iter().all(|(status, _)| *status == 200),
        "{results:?}"
    );
    let (documents, versions): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(DISTINCT d.id), COUNT(v.id) FROM space_documents d JOIN space_document_versions v ON v.document_id = d.id \
         WHERE d.space_id = $1 AND d.name = 'ensemble.pdf'",
    )
    .bind(space)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("counts");
    assert_eq!((documents, versions), (1, 4));
}

/// Without JavaScript, making a share link lands back on the document's page, which shows
/// the new link to its maker — checked by the server: the same address opened by another
/// member, more than ten minutes later, after a revocation, or with another token of the
/// right shape shows no link.
#[tokio::test]
async fn a_share_link_made_without_javascript_is_shown_to_its_maker_only() {
    let app = TestApp::spawn().await;
    let (space, agent) = space(&app).await;
    assert_eq!(
        upload(&app, &agent, space, None, "plan.pdf", PDF_1).await.0,
        200
    );
    let (_, listed) = documents(&app, &agent, space, 0, "").await;
    let doc = listed.expect("documents").documents.remove(0).id;
    let other = member(&app, space, "con@paris.example", SpaceRole::Contributor).await;
    let page = format!("/espaces/{space}/documents/{doc}");
    let (id, doc_arg) = (space.to_string(), doc.to_string());
    let landed = app
        .post_plain_form(
            &agent,
            &page,
            "espaces/share_document",
            &[("id", &id), ("document", &doc_arg), ("days", "7")],
        )
        .await;
    let token = landed
        .location
        .strip_prefix(&format!("{page}?lien="))
        .unwrap_or_else(|| panic!("back on the document's page: {}", landed.location))
        .to_string();
    let shown = |html: &str| html.contains("data-testid=\"share-link\"");
    assert!(shown(&landed.html), "the maker sees the new link");
    assert!(landed.html.contains(&format!("/espaces/partage/{token}")));
    assert!(
        !shown(&app.page_html(&other, &landed.location).await),
        "not another member"
    );
    let made_up = format!("{page}?lien={}", "ab".repeat(32));
    assert!(
        !shown(&app.page_html(&agent, &made_up).await),
        "not a made-up token"
    );
    app.state.clock.set(
        app.state
            .clock
            .now()
            .checked_add(jiff::SignedDuration::from_mins(11))
            .expect("later"),
    );
    assert!(
        !shown(&app.page_html(&agent, &landed.location).await),
        "not ten minutes later"
    );
    // The link itself works for its ten days, whatever the page shows.
    let stranger = app.client();
    let (status, _) = app
        .call_json::<SharedDocument>(&stranger, "espaces/shared_document", &[("token", &token)])
        .await;
    assert_eq!(status, 200);
}
