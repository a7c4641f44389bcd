//! `flashpoint code` options, end to end through the binary.

use std::process::Command;

fn code(args: &[&str], text: &str) -> serde_json::Value {
    let dir = std::env::temp_dir().join(format!("fp-cli-code-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("a{}.txt", args.len()));
    std::fs::write(&file, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .arg("code")
        .args(args)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn hypothetical_acts_only_on_request() {
    let text = "If talks fail, Turkey could attack Syrian forces in Idlib.";
    let plain = code(&["--published", "2020-02-20"], text);
    assert_eq!(plain["events"].as_array().map(Vec::len), Some(0));
    let all = code(
        &["--published", "2020-02-20", "--include-hypothetical"],
        text,
    );
    let events = all["events"].as_array().unwrap();
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["modality"] == "hypothetical"));
}

#[test]
fn events_follow_the_output_contract() {
    let doc = code(
        &["--published", "2020-02-20", "--id", "x"],
        "Turkey condemned Russia on Tuesday.",
    );
    assert_eq!(doc["id"], "x");
    let e = &doc["events"][0];
    assert_eq!(e["source"]["country"], "TUR");
    assert_eq!(e["target"]["country"], "RUS");
    // The model's entity label, on the event's parties and on the actors.
    assert_eq!(e["source"]["entity"], "GPE");
    assert!(doc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["text"] == "Russia" && a["entity"] == "GPE" && a["country"] == "RUS"));
    assert_eq!(&e["cameo"].as_str().unwrap()[..2], "11");
    assert_eq!(e["date"], "2020-02-18");
    assert_eq!(e["quad_class"], 3);
    assert!(e["goldstein"].as_f64().unwrap() < 0.0);
    assert!(e["plover"]["event"].is_string());
    let (start, end) = (
        e["trigger"]["span"][0].as_u64().unwrap(),
        e["trigger"]["span"][1].as_u64().unwrap(),
    );
    assert_eq!(
        &"Turkey condemned Russia on Tuesday."[start as usize..end as usize],
        e["trigger"]["text"]
    );
}
