//! End-to-end: the `inspect` example over every fixture, as a user runs it.

mod support;

use std::process::Output;

use serde_json::Value;

#[path = "support/example.rs"]
mod example;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    example::run(&example::example_binary(file!(), "inspect"), args, stdin)
}

fn lines(output: &Output) -> Vec<Value> {
    example::json_lines(output)
}

#[test]
fn every_fixture_comes_back_typed_with_every_value() {
    let files = support::fixture_files();
    assert_eq!(files.len(), 175);
    for file in files {
        let output = run(&[file.to_str().unwrap()], b"");
        assert!(
            output.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let body = std::fs::read(&file).unwrap();
        let input: Value = serde_json::from_slice(&body).unwrap();
        let lines = lines(&output);
        assert_eq!(
            lines.len(),
            input.as_array().unwrap().len(),
            "{}",
            file.display()
        );
        for (index, line) in lines.iter().enumerate() {
            // Key order from the text itself (`Value` sorts keys without `preserve_order`).
            let text = String::from_utf8_lossy(&output.stdout)
                .lines()
                .nth(index)
                .unwrap()
                .to_string();
            let members: eventgen_runtime::OrderedMap<String, eventgen_runtime::RawJson> =
                serde_json::from_str(&text).unwrap();
            assert_eq!(
                members.keys().collect::<Vec<_>>(),
                ["index", "event_type", "status", "variant", "data", "error"]
            );
            assert_eq!(line["index"], index);
            assert_eq!(line["status"], "typed", "{}: {line}", file.display());
            assert_eq!(
                line["event_type"].as_str(),
                Some(support::event_type(&input[index]))
            );
            assert!(line["variant"].as_str().is_some_and(|v| v != "Unknown"));
            assert_eq!(line["error"], Value::Null);
            // The typed data as the crate serializes it; the fixture tests compare that with
            // the input under the schemas' declared spellings.
            let typed = acs_events::parse_delivery(&body)
                .unwrap()
                .swap_remove(index)
                .unwrap();
            assert_eq!(
                line["data"],
                serde_json::to_value(&typed.data).unwrap(),
                "{}: data",
                file.display()
            );
        }
    }
}

#[test]
fn unknown_events_keep_their_data_and_errors_name_the_path() {
    let body = br#"[{"id":"u","eventType":"Microsoft.Storage.BlobCreated","data":{"b": 1.50,"a":"\u00e9"}},
        {"id":"e","eventType":"Microsoft.Communication.SMSReceived","data":{"messageId":"m","from":"1","to":"2","message":"x","segmentCount":"many"}},
        {"id":"t","eventType":"Microsoft.Communication.SMSReceived","data":{"messageId":"m","from":"1","to":"2","message":"x"}}]"#;
    let output = run(&["-"], body);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains(r#""data":{"b": 1.50,"a":"\u00e9"}"#),
        "raw data kept byte for byte: {text}"
    );
    let lines = lines(&output);
    assert_eq!(
        (lines[0]["status"].as_str(), lines[0]["variant"].as_str()),
        (Some("unknown"), Some("Unknown"))
    );
    assert_eq!(lines[1]["status"], "error");
    assert_eq!(lines[1]["data"], Value::Null);
    assert_eq!(lines[1]["variant"], Value::Null);
    assert_eq!(
        lines[1]["event_type"],
        "Microsoft.Communication.SMSReceived"
    );
    let error = lines[1]["error"].as_str().unwrap();
    assert!(
        error.starts_with(
            "event 1 (Microsoft.Communication.SMSReceived, id e) at data.segmentCount: "
        ),
        "{error}"
    );
    assert_eq!(
        (lines[2]["status"].as_str(), lines[2]["variant"].as_str()),
        (Some("typed"), Some("SmsReceived"))
    );
}

#[test]
fn a_body_that_is_not_a_delivery_exits_2_with_nothing_on_stdout() {
    for body in [&b"not json"[..], b"\"a string\"", b""] {
        let output = run(&["-"], body);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{:?}",
            String::from_utf8_lossy(body)
        );
        assert!(output.stdout.is_empty());
        assert!(String::from_utf8_lossy(&output.stderr).starts_with("inspect: -: the body is"));
    }
}
