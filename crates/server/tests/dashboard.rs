//! The embedded dashboard: served from the binary, offline, and building its page from data as
//! text only.

mod common;

use common::{corpus_app, get, get_json};

#[tokio::test]
async fn the_dashboard_is_served_from_the_binary() {
    let app = corpus_app();
    let page = get(&app, "/").await;
    assert_eq!(page.status, 200);
    let html = String::from_utf8(page.body.clone()).unwrap();
    assert!(html.contains("/assets/app.js"));
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    // No page resource comes from another host.
    for needle in ["http://", "https://", "//cdn", "@import"] {
        assert!(!html.contains(needle), "index.html mentions {needle}");
    }
    let js = get(&app, "/assets/app.js").await;
    assert!(js.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let world = get_json(&app, "/assets/countries-110m.json").await;
    assert_eq!(world["type"], "Topology");
    assert_eq!(
        world["objects"]["countries"]["geometries"]
            .as_array()
            .unwrap()
            .len(),
        177
    );
    let attribution = get(&app, "/assets/ATTRIBUTION.md").await;
    assert!(String::from_utf8_lossy(&attribution.body).contains("Natural Earth"));
    assert!(get(&app, "/assets/secrets.txt")
        .await
        .error(404)
        .contains("secrets.txt"));
    assert_eq!(get(&app, "/assets/..%2FCargo.toml").await.status, 404);
}

/// The page builds its DOM from data with textContent and createElement only.
#[test]
fn the_script_never_parses_data_as_html() {
    let js = std::fs::read_to_string(common::repo_root().join("web/app.js")).unwrap();
    for banned in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "setAttribute('on",
        "createContextualFragment",
    ] {
        assert!(!js.contains(banned), "web/app.js uses {banned}");
    }
    assert!(js.contains("textContent"));
}
