//! End-to-end: the `inspect` example over every fixture delivery, as a user runs it, and over a
//! delivery that mixes services, ACS and an unknown event type. The program is the runtime's
//! `inspect::command`, whose handling of bodies that are not deliveries acs-events' test covers.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

#[path = "../../tests/support/example.rs"]
mod example;
#[path = "../../tests/support/files.rs"]
mod files;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    example::run(&example::example_binary(file!(), "inspect"), args, stdin)
}

fn lines(output: &Output) -> Vec<Value> {
    example::json_lines(output)
}

/// The events of a delivery: its array, or the one event object.
fn events_of(delivery: Value) -> Vec<Value> {
    match delivery {
        Value::Array(events) => events,
        event => vec![event],
    }
}

#[test]
fn every_fixture_comes_back_typed_as_the_crate_serializes_it() {
    let files = files::json_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/fixtures"));
    assert!(files.len() >= 30, "{}", files.len());
    for file in files {
        let output = run(&[file.to_str().unwrap()], b"");
        assert!(
            output.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let body = std::fs::read(&file).unwrap();
        let input = events_of(serde_json::from_slice(&body).unwrap());
        let lines = lines(&output);
        assert_eq!(lines.len(), input.len(), "{}", file.display());
        let typed = azure_system_events::parse_delivery(&body).unwrap();
        for (index, (line, event)) in lines.iter().zip(&input).enumerate() {
            let event_type = event.get("eventType").or_else(|| event.get("type"));
            assert_eq!(line["index"], index);
            assert_eq!(line["status"], "typed", "{}: {line}", file.display());
            assert_eq!(
                line["event_type"].as_str(),
                event_type.and_then(Value::as_str)
            );
            assert!(line["variant"].as_str().is_some_and(|v| v != "Unknown"));
            assert_eq!(line["error"], Value::Null);
            let typed = typed[index].as_ref().unwrap();
            assert_eq!(line["variant"], typed.data.variant_name());
            assert_eq!(
                line["data"],
                serde_json::to_value(&typed.data).unwrap(),
                "{}",
                file.display()
            );
        }
    }
}

/// One delivery of Storage (Event Grid schema), Key Vault (CloudEvents), ACS SMS, a service's
/// event type the crate does not know, and a Storage event with a value of the wrong type: each
/// comes back on its own, the ACS one as acs-events' type.
#[test]
fn a_delivery_mixing_services_and_acs_is_dispatched_by_one_event_data() {
    let body = br#"[
      {"id": "s", "topic": "/subscriptions/x/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a",
       "subject": "/blobServices/default/containers/c/blobs/b", "eventType": "Microsoft.Storage.BlobCreated",
       "eventTime": "2026-01-02T03:04:05.678Z", "dataVersion": "", "metadataVersion": "1",
       "data": {"api": "PutBlob", "contentLength": 7, "blobType": "BlockBlob", "accessTier": "Hot",
                "url": "https://a.blob.core.windows.net/c/b", "storageDiagnostics": {"batchId": "1"}}},
      {"specversion": "1.0", "id": "k", "source": "/subscriptions/x/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v",
       "type": "Microsoft.KeyVault.SecretNearExpiry", "subject": "s1", "time": "2026-01-02T03:04:05Z",
       "data": {"Id": "https://v.vault.azure.net/secrets/s1/1", "VaultName": "v", "ObjectType": "Secret",
                "ObjectName": "s1", "Version": "1", "NBF": 1559081980, "EXP": 1559082000}},
      {"id": "a", "topic": "/subscriptions/x/resourceGroups/g/providers/Microsoft.Communication/communicationServices/c",
       "subject": "/phonenumber/15555555555", "eventType": "Microsoft.Communication.SMSReceived",
       "eventTime": "2026-01-02T03:04:05Z", "dataVersion": "1.0", "metadataVersion": "1",
       "data": {"messageId": "m", "from": "15555555555", "to": "15555555556", "message": "hi"}},
      {"id": "u", "eventType": "Microsoft.Storage.SomethingNew", "data": {"b": 1.50}},
      {"id": "e", "eventType": "Microsoft.Storage.BlobCreated", "data": {"accessTier": "Hot", "storageDiagnostics": {}, "contentLength": "seven"}}
    ]"#;
    let output = run(&["-"], body);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    let lines = lines(&output);
    let statuses: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["status"].as_str().unwrap(),
                l["variant"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("typed", "StorageBlobCreated"),
            ("typed", "KeyVaultSecretNearExpiry"),
            ("typed", "SmsReceived"),
            ("unknown", "Unknown"),
            ("error", "-"),
        ]
    );
    assert_eq!(lines[0]["data"]["contentLength"], 7);
    assert_eq!(lines[0]["data"]["accessTier"], "Hot");
    assert_eq!(lines[1]["data"]["VaultName"], "v");
    assert_eq!(lines[1]["data"]["EXP"], 1559082000);
    assert_eq!(lines[2]["data"]["message"], "hi");
    assert!(
        text.lines()
            .nth(3)
            .unwrap()
            .contains(r#""data":{"b": 1.50}"#),
        "{text}"
    );
    let error = lines[4]["error"].as_str().unwrap();
    assert!(
        error.starts_with("event 4 (Microsoft.Storage.BlobCreated, id e) at data.contentLength: "),
        "{error}"
    );

    // The SMS payload is acs-events' own type, not a copy.
    let events = azure_system_events::parse_delivery(body).unwrap();
    let azure_system_events::EventData::SmsReceived(sms) = &events[2].as_ref().unwrap().data else {
        panic!("{:?}", events[2]);
    };
    let sms: &acs_events::models::AcsSmsReceivedEventData = sms;
    assert_eq!(sms.message, "hi");
}
