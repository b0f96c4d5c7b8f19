//! Hostile input, one class at a time, through every reader of a body: `parse_delivery`, owned
//! and borrowed, by both passes (the fast scan and the serde_json pass), the webhook's
//! `receive` and its notification, `inspect`'s lines and the stored form. Each class is tried
//! in every position our code reads JSON (typed data that parses, typed data that fails,
//! unknown data, envelope members and extensions, keys and values), with a valid event on
//! either side that must come through typed. Deep inputs run on a thread with a 256 KiB stack,
//! so a recursion on input depth fails here as a crash rather than passing on a large stack.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use acs_events::webhook::{AnswerKind, ConfigError, Received, Refusal, SecretLocation, Webhook};
use acs_events::{borrowed, parse_delivery, DeliveryError, EventData, EventErrorKind};
use eventgen_runtime::testing::assert_passes_agree;

// The fuzz targets' 256 KiB stack, so a test and a fuzz run crash alike.
#[path = "../fuzz/checks/small_stack.rs"]
mod small_stack;
use small_stack::on_small_stack;

const MILLION: usize = 1_000_000;

const SMS: &str = "Microsoft.Communication.SMSReceived";
const SMS_DATA: &str = r#"{"messageId": "m", "from": "1", "to": "2", "message": "hi", "receivedTimestamp": "2020-09-18T00:27:45.32Z"}"#;

/// An Event Grid event of `event_type` whose `data` is `data`, with `extra` members first.
fn event(event_type: &str, extra: &str, data: &str) -> String {
    format!(
        r#"{{{extra}"id": "e", "topic": "/t", "subject": "s", "eventType": "{event_type}", "eventTime": "2020-09-18T00:27:47Z", "dataVersion": "1.0", "data": {data}}}"#
    )
}

/// `middle` between two valid SMS events: a delivery of three.
fn between_neighbours(middle: &str) -> Vec<u8> {
    let sms = event(SMS, "", SMS_DATA);
    format!("[{sms}, {middle}, {sms}]").into_bytes()
}

/// The body through every reader, which must agree: both passes, owned and borrowed, the
/// webhook and its notification, one `inspect` line per event, the stored form. The owned
/// parse's result.
fn read_everywhere(body: &[u8]) -> Result<acs_events::Delivery, DeliveryError> {
    assert_passes_agree::<borrowed::EventData<'_>>(body);
    let owned = parse_delivery(body);
    let borrowed = borrowed::parse_delivery(body).map(|events| {
        events
            .into_iter()
            .map(|event| event.map(|event| event.into_owned()))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        format!("{borrowed:?}"),
        format!("{owned:?}"),
        "borrowed made owned is the owned parse"
    );
    let webhook = Webhook::builder()
        .body_limit(usize::MAX)
        .max_events(usize::MAX)
        .build()
        .unwrap();
    let request = http::Request::post("/api/events").body(()).unwrap();
    let (parts, ()) = request.into_parts();
    match (webhook.receive(&parts, body), &owned) {
        (Received::Notification(notification), Ok(events)) => {
            assert_eq!(
                format!("{:?}", notification.events()),
                format!("{events:?}")
            );
        }
        (Received::Answered(answer), Err(_)) => {
            assert!(
                matches!(answer.kind, AnswerKind::Refused(Refusal::NotADelivery(_))),
                "{answer:?}"
            );
        }
        (Received::Answered(answer), Ok(events)) => {
            // A delivery of validation events alone is answered: nothing else may be.
            assert!(
                matches!(answer.kind, AnswerKind::Validation(_)),
                "{answer:?}"
            );
            assert!(events.iter().all(|event| event.as_ref().is_ok_and(|e| {
                e.envelope.event_type() == acs_events::webhook::SUBSCRIPTION_VALIDATION_EVENT_TYPE
            })));
        }
        (Received::Notification(_), Err(error)) => panic!("received what parses as {error}"),
    }
    if let Ok(events) = &owned {
        for (index, event) in events.iter().enumerate() {
            let line = acs_events::inspect::event_line(index, event);
            assert!(!line.contains(['\n', '\r']), "one line per event: {line}");
            serde_json::from_str::<&serde_json::value::RawValue>(&line).expect("a JSON line");
            if let Ok(event) = event {
                let stored = serde_json::to_string(event).expect("an event serializes");
                let restored: acs_events::Event = serde_json::from_str(&stored).unwrap();
                assert_eq!(format!("{restored:?}"), format!("{event:?}"), "stored form");
            }
        }
    }
    owned
}

/// The three events of [`between_neighbours`]: the neighbours typed and intact, the middle one
/// returned.
fn middle_of_three(
    events: acs_events::Delivery,
) -> Result<acs_events::Event, acs_events::EventError> {
    assert_eq!(events.len(), 3, "{events:?}");
    let mut events = events.into_iter();
    let first = events.next().unwrap();
    let middle = events.next().unwrap();
    let last = events.next().unwrap();
    for (index, neighbour) in [(0, first), (2, last)] {
        let neighbour = neighbour.expect("a valid neighbour stays valid");
        assert_eq!(neighbour.index, index);
        match &neighbour.data {
            EventData::SmsReceived(sms) => assert_eq!(sms.message, "hi"),
            other => panic!("neighbour {index} is {other:?}"),
        }
    }
    middle
}

/// JSON nested `depth` levels: arrays `[[…1…]]` or objects `{"a":{"a":…1…}}`.
fn nested(depth: usize, objects: bool) -> String {
    if objects {
        format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
    } else {
        format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
    }
}

/// 129 levels (just past serde_json's limit), 10^4 and 10^6.
const DEPTHS: [usize; 3] = [129, 10_000, MILLION];

/// Every depth of [`DEPTHS`], of arrays and of objects, with its depth.
fn deep_inputs() -> impl Iterator<Item = (usize, String)> {
    DEPTHS
        .into_iter()
        .flat_map(|depth| [false, true].map(|objects| (depth, nested(depth, objects))))
}

#[test]
fn deep_nesting_in_a_failing_typed_payload_is_that_events_error() {
    on_small_stack(|| {
        for (depth, deep) in deep_inputs() {
            // Beside a bad field (an undeclared member is skipped at any depth), before
            // it, and as the whole payload.
            for (data, path) in [
                (
                    format!(r#"{{"messageId": 1, "x": {deep}}}"#),
                    "data.messageId",
                ),
                (
                    format!(r#"{{"x": {deep}, "messageId": 1}}"#),
                    "data.messageId",
                ),
                (deep.clone(), "data"),
            ] {
                let body = between_neighbours(&event(SMS, "", &data));
                let error = middle_of_three(read_everywhere(&body).unwrap()).unwrap_err();
                assert_eq!(error.kind, EventErrorKind::Data, "{error}");
                assert_eq!(error.event_type.as_deref(), Some(SMS));
                assert!(error.path.starts_with(path), "{depth}: {}", error.path);
                assert_eq!(error.raw_data.as_deref().map(|raw| raw.get()), Some(&*data));
            }
        }
    });
}

/// A Job Router `RouterJobQueued` payload with `labels` `{"l": <value>}` and `priority`.
fn router_job(labels_value: &str, priority: &str) -> String {
    let data = format!(
        r#"{{"jobId": "j", "channelId": "c", "queueId": "q", "priority": {priority}, "labels": {{"l": {labels_value}}}, "tags": {{}}, "requestedWorkerSelectors": [], "attachedWorkerSelectors": []}}"#
    );
    event("Microsoft.Communication.RouterJobQueued", "", &data)
}

#[test]
fn deep_nesting_in_open_values_unknown_data_and_extensions_is_kept_exactly() {
    on_small_stack(|| {
        for (_, deep) in deep_inputs() {
            // An open value of a typed payload: the typed parse succeeds and keeps its text.
            let body = between_neighbours(&router_job(&deep, "1"));
            match middle_of_three(read_everywhere(&body).unwrap())
                .unwrap()
                .data
            {
                EventData::RouterJobQueued(job) => {
                    let labels = job.labels.expect("labels");
                    assert_eq!(labels.get("l").map(|value| value.get()), Some(&*deep));
                }
                other => panic!("{other:?}"),
            }
            // The same beside a field that fails.
            let body = between_neighbours(&router_job(&deep, r#""high""#));
            let error = middle_of_three(read_everywhere(&body).unwrap()).unwrap_err();
            assert_eq!(
                (error.kind, &*error.path),
                (EventErrorKind::Data, "data.priority")
            );

            // Unknown event data, and an extension member of a typed event.
            let body = between_neighbours(&event("Contoso.Deep", "", &deep));
            let unknown = middle_of_three(read_everywhere(&body).unwrap()).unwrap();
            assert_eq!(unknown.raw_data().map(|raw| raw.get()), Some(&*deep));
            assert!(matches!(unknown.data, EventData::Unknown(_)));
            let body = between_neighbours(&event(SMS, &format!(r#""x": {deep}, "#), SMS_DATA));
            let extended = middle_of_three(read_everywhere(&body).unwrap()).unwrap();
            assert_eq!(
                extended.envelope.extension("x").map(|raw| raw.get()),
                Some(&*deep)
            );
            assert!(matches!(extended.data, EventData::SmsReceived(_)));
        }
    });
}

#[test]
fn a_deep_body_is_one_bad_event_and_an_unterminated_one_is_not_json() {
    on_small_stack(|| {
        for depth in DEPTHS {
            // An array of one deep array, and one deep object without an event type.
            for (body, message) in [
                (
                    nested(depth, false),
                    "an event must be a JSON object, found an array",
                ),
                (nested(depth, true), "missing `eventType`"),
            ] {
                let events = read_everywhere(body.as_bytes()).unwrap();
                let [Err(error)] = &events[..] else {
                    panic!("{depth}: {events:?}");
                };
                assert_eq!(
                    (error.kind, &*error.message),
                    (EventErrorKind::Envelope, message)
                );
            }
            for body in [
                "[".repeat(depth),
                format!(r#"[{{"data": {}"#, "[".repeat(depth)),
            ] {
                let error = read_everywhere(body.as_bytes()).unwrap_err();
                assert!(
                    matches!(error, DeliveryError::NotJson { .. }),
                    "{depth}: {error}"
                );
            }
        }
    });
}

/// Characters of every UTF-8 width but one.
const WIDE: [&str; 3] = ["é", "€", "😀"];
/// Every JSON escape, and surrogate pairs.
const ESCAPES: [&str; 10] = [
    r#"\""#,
    r"\\",
    r"\/",
    r"\b",
    r"\f",
    r"\n",
    r"\r",
    r"\t",
    r"\u00e9",
    r"\ud83d\ude00",
];

/// String contents with `middle` at every offset from 0 to 80 bytes: across the 16-byte blocks
/// of the string search and the 64-byte blocks of the container skip, in keys and values.
fn at_every_offset(middle: &str) -> impl Iterator<Item = String> + '_ {
    (0..=80).map(move |at| format!("{}{middle}{}", "a".repeat(at), "b".repeat(at % 5)))
}

#[test]
fn escapes_before_multibyte_characters_decode_at_every_offset() {
    for wide in WIDE {
        for escape in ESCAPES {
            for text in at_every_offset(&format!("{escape}{wide}")) {
                let expected: String = serde_json::from_str(&format!("\"{text}\"")).unwrap();
                // A typed string, the envelope's subject, a data key and an extension key.
                let data = format!(
                    r#"{{"messageId": "m", "from": "1", "to": "2", "message": "{text}", "{text}": 1}}"#
                );
                // A key holding a control character names no member (that event's error, see
                // below): those escapes go in values only.
                let key_name = !expected.contains(char::is_control);
                let extension = if key_name {
                    format!(r#""{text}": 2, "#)
                } else {
                    String::new()
                };
                let middle = format!(
                    r#"{{{extension}"id": "e", "subject": "{text}", "eventType": "{SMS}", "data": {data}}}"#
                );
                let event = middle_of_three(read_everywhere(&between_neighbours(&middle)).unwrap());
                let event = event.unwrap_or_else(|error| panic!("{text}: {error}"));
                assert_eq!(event.envelope.subject(), Some(&*expected));
                if key_name {
                    assert_eq!(
                        event
                            .envelope
                            .extensions()
                            .first()
                            .map(|(key, _)| key.as_str()),
                        Some(&*expected)
                    );
                }
                match event.data {
                    EventData::SmsReceived(sms) => assert_eq!(sms.message, expected),
                    other => panic!("{other:?}"),
                }
            }
        }
    }
}

#[test]
fn a_backslash_before_a_multibyte_character_is_not_json_at_every_offset() {
    on_small_stack(|| {
        for wide in WIDE {
            for text in at_every_offset(&format!("\\{wide}")) {
                let typed =
                    format!(r#"{{"messageId": "m", "from": "1", "to": "2", "message": "{text}"}}"#);
                for middle in [
                    event(SMS, "", &typed),
                    event("Contoso.Unknown", "", &format!(r#"["{text}"]"#)),
                    event(SMS, &format!(r#""{text}": 1, "#), SMS_DATA),
                    event(SMS, &format!(r#""x": "{text}", "#), SMS_DATA),
                ] {
                    let error = read_everywhere(&between_neighbours(&middle)).unwrap_err();
                    assert!(matches!(error, DeliveryError::NotJson { .. }), "{error}");
                }
            }
        }
    });
}

/// Escapes UTF-16 cannot decode alone, and the pair that it can.
const LONE_SURROGATES: [&str; 5] = [
    r"\ud800",
    r"\udc00",
    r"\udc00\ud800",
    r"\ud800\u0041",
    r"\udbff\ud83d",
];

#[test]
fn lone_surrogates_are_the_errors_of_their_own_event_in_keys_and_values() {
    for surrogate in LONE_SURROGATES {
        for text in at_every_offset(surrogate).step_by(9) {
            let read = |middle: String| {
                middle_of_three(read_everywhere(&between_neighbours(&middle)).unwrap())
            };
            // In envelope keys: an envelope error naming the event type.
            let error = read(event(SMS, &format!(r#""{text}": 1, "#), SMS_DATA)).unwrap_err();
            assert_eq!(
                (error.kind, &*error.path),
                (EventErrorKind::Envelope, ""),
                "{error}"
            );
            assert_eq!(error.event_type.as_deref(), Some(SMS));
            // In envelope values.
            let error = read(
                event(SMS, "", SMS_DATA)
                    .replace(r#""subject": "s""#, &format!(r#""subject": "{text}""#)),
            )
            .unwrap_err();
            assert_eq!(
                (error.kind, &*error.path),
                (EventErrorKind::Envelope, "subject")
            );
            let error = read(event(&text, "", SMS_DATA)).unwrap_err();
            assert_eq!(
                (error.kind, &*error.path, error.event_type),
                (EventErrorKind::Envelope, "eventType", None)
            );
            // In typed data, as a value and as a key.
            let data = SMS_DATA.replace(r#""message": "hi""#, &format!(r#""message": "{text}""#));
            let error = read(event(SMS, "", &data)).unwrap_err();
            assert_eq!(
                (error.kind, &*error.path),
                (EventErrorKind::Data, "data.message"),
                "{error}"
            );
            let data =
                SMS_DATA.replace(r#"{"messageId""#, &format!(r#"{{"{text}": 1, "messageId""#));
            let error = read(event(SMS, "", &data)).unwrap_err();
            assert_eq!(error.kind, EventErrorKind::Data, "{error}");
            // Unknown data, and extension values: kept as received.
            let data = format!(r#"{{"{text}": "{text}"}}"#);
            let unknown = read(event("Contoso.Unknown", "", &data)).unwrap();
            assert_eq!(unknown.raw_data().map(|raw| raw.get()), Some(&*data));
            let value = format!(r#""{text}""#);
            let extended = read(event(SMS, &format!(r#""x": {value}, "#), SMS_DATA)).unwrap();
            assert_eq!(
                extended.envelope.extension("x").map(|raw| raw.get()),
                Some(&*value)
            );
        }
    }
}

#[test]
fn control_characters_in_envelope_keys_are_the_errors_of_their_own_event() {
    for key in [r"a\u0000", r"\n", "a\u{1}b", "\t"] {
        let body = between_neighbours(&event(SMS, &format!(r#""{key}": 1, "#), SMS_DATA));
        let error = middle_of_three(read_everywhere(&body).unwrap()).unwrap_err();
        assert_eq!(
            (error.kind, &*error.path),
            (EventErrorKind::Envelope, ""),
            "{error}"
        );
    }
}

#[test]
fn a_repeated_member_is_an_error_of_its_event_never_last_wins() {
    let event_grid = event(SMS, r#""traceparent": "t", "#, SMS_DATA);
    let cloud_events = format!(
        r#"{{"specversion": "1.0", "id": "c", "source": "/s", "type": "{SMS}", "time": "2020-09-18T00:27:47Z", "subject": "s", "datacontenttype": "application/json", "dataschema": "d", "traceparent": "t", "data": {SMS_DATA}}}"#
    );
    for (event, members) in [
        (
            event_grid,
            &[
                "id",
                "topic",
                "subject",
                "eventType",
                "eventTime",
                "dataVersion",
                "data",
                "traceparent",
            ][..],
        ),
        (
            cloud_events,
            &[
                "specversion",
                "id",
                "source",
                "type",
                "time",
                "subject",
                "datacontenttype",
                "dataschema",
                "traceparent",
                "data",
            ][..],
        ),
    ] {
        for member in members {
            // The member again, at the end: as itself (same value) and with the validation
            // handshake's event type, which must never turn the event into a handshake.
            for value in [
                serde_json::from_str::<serde_json::Value>(&event).unwrap()[member].to_string(),
                r#""Microsoft.EventGrid.SubscriptionValidationEvent""#.to_string(),
            ] {
                let repeated = format!("{}, \"{member}\": {value}}}", &event[..event.len() - 1]);
                let body = between_neighbours(&repeated);
                let error = middle_of_three(read_everywhere(&body).unwrap()).unwrap_err();
                assert_eq!(
                    (error.kind, &*error.path),
                    (EventErrorKind::Envelope, *member),
                    "{error}"
                );
                let type_member = matches!(*member, "eventType" | "type");
                assert_eq!(error.event_type.is_none(), type_member, "{error}");
                assert!(error.message.contains("more than once"), "{error}");
            }
        }
    }
}

#[test]
fn a_duplicate_validation_event_type_is_no_handshake() {
    let smuggled = format!(
        r#"{{"id": "e", "eventType": "{SMS}", "data": {{"validationCode": "c"}}, "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent"}}"#
    );
    let webhook = Webhook::builder().build().unwrap();
    let (parts, ()) = http::Request::post("/").body(()).unwrap().into_parts();
    let body = format!("[{smuggled}]");
    let Received::Notification(notification) = webhook.receive(&parts, body.as_bytes()) else {
        panic!("answered as a handshake");
    };
    let error = notification.events()[0].as_ref().unwrap_err();
    assert_eq!(&*error.path, "eventType");
}

#[test]
fn cloudevents_other_than_1_0_and_data_with_data_base64_are_errors_of_their_event() {
    let cloud_event = |extra: &str| {
        format!(r#"{{{extra}"id": "c", "source": "/s", "type": "{SMS}", "data": {SMS_DATA}}}"#)
    };
    for version in ["0.3", "2.0", "1.1", "1", "", "1.0 "] {
        let body = between_neighbours(&cloud_event(&format!(r#""specversion": "{version}", "#)));
        let error = middle_of_three(read_everywhere(&body).unwrap()).unwrap_err();
        assert_eq!(
            (error.kind, &*error.path),
            (EventErrorKind::Envelope, "specversion")
        );
        assert_eq!(error.event_type.as_deref(), Some(SMS));
    }
    let body = between_neighbours(&cloud_event(
        r#""specversion": "1.0", "data_base64": "aGk=", "#,
    ));
    let error = middle_of_three(read_everywhere(&body).unwrap()).unwrap_err();
    assert_eq!(
        (error.kind, &*error.path),
        (EventErrorKind::Envelope, "data_base64")
    );
    // `data_base64` alone is an extension, kept.
    let alone = r#"{"specversion": "1.0", "id": "c", "source": "/s", "type": "Contoso.Bytes", "data_base64": "aGk="}"#;
    let event = middle_of_three(read_everywhere(&between_neighbours(alone)).unwrap()).unwrap();
    assert_eq!(
        event.envelope.extension("data_base64").map(|raw| raw.get()),
        Some(r#""aGk=""#)
    );
}

#[test]
fn timestamps_that_an_instant_cannot_hold_exactly_are_errors() {
    for (time, exact) in [
        ("2020-09-18T00:27:47.1234567891Z", None),
        ("2020-09-18T00:27:47.0000000001+01:00", None),
        ("2016-12-31T23:59:60Z", None),
        ("2020-09-18T00:27:47.123456789000Z", Some(123_456_789)),
        ("2020-09-18T00:27:47.1234567Z", Some(123_456_700)),
    ] {
        // The envelope's time, and a typed payload's.
        let envelope = event(SMS, "", SMS_DATA).replace("2020-09-18T00:27:47Z", time);
        let data = SMS_DATA.replace("2020-09-18T00:27:45.32Z", time);
        let payload = event(SMS, "", &data);
        for (middle, path) in [(envelope, "eventTime"), (payload, "data.receivedTimestamp")] {
            let result = middle_of_three(read_everywhere(&between_neighbours(&middle)).unwrap());
            match (result, exact) {
                (Ok(event), Some(nanos)) => {
                    let instant = match &event.data {
                        EventData::SmsReceived(sms) if path.starts_with("data") => {
                            sms.received_timestamp
                        }
                        _ => event.envelope.time(),
                    };
                    assert_eq!(instant.map(|t| t.nanosecond()), Some(nanos), "{time}");
                }
                (Err(error), None) => assert_eq!(error.path, path, "{time}: {error}"),
                (other, _) => panic!("{time} at {path}: {other:?}"),
            }
        }
    }
}

thread_local! {
    /// Bytes this thread has allocated and not freed, and the most at once, while counting.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    /// Allocation calls (a realloc counts as one) while counting.
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

/// The system allocator, counting the current thread's live bytes and allocation calls while
/// [`peak_bytes`] or [`allocation_calls`] runs.
struct Counting;
#[allow(unsafe_code)] // a `GlobalAlloc` is an `unsafe` trait
                      // SAFETY: every call goes to `System` unchanged; the counters are thread-local cells.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize, 1);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize), 0);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize, 1);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// `delta` live bytes and `calls` allocation calls, while counting.
fn count(delta: isize, calls: usize) {
    // `try_with`: a thread being torn down has no counters left, and needs none.
    let _ = COUNTING.try_with(|counting| {
        if counting.get() {
            let live = LIVE.get() + delta;
            LIVE.set(live);
            PEAK.set(PEAK.get().max(live));
            CALLS.set(CALLS.get() + calls);
        }
    });
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations `f` made on this thread (its result dropped outside the count).
fn allocation_calls<T>(f: impl FnOnce() -> T) -> usize {
    CALLS.set(0);
    COUNTING.set(true);
    let result = f();
    COUNTING.set(false);
    drop(result);
    CALLS.get()
}

/// The borrowed parse of an event whose strings need no copy allocates its result's slot and
/// its payload's box, and nothing else: no copy of the id (which an error would name), of the
/// event type, or of any string of `data`. Each bad event still gets its id (tests above).
#[test]
fn a_borrowed_event_allocates_its_result_and_its_payloads_box_alone() {
    let body = event(SMS, "", SMS_DATA).into_bytes();
    let calls = allocation_calls(|| {
        let delivery = acs_events::borrowed::parse_delivery(&body).unwrap();
        assert!(delivery[0].is_ok(), "{:?}", delivery[0]);
        delivery
    });
    assert_eq!(calls, 2, "the results vector and the payload's box");
}

/// The most bytes `f` had allocated at once on this thread.
fn peak_bytes<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LIVE.set(0);
    PEAK.set(0);
    COUNTING.set(true);
    let result = f();
    COUNTING.set(false);
    (result, PEAK.get().max(0) as usize)
}

#[test]
fn the_webhook_refuses_a_million_events_at_the_limit_with_memory_of_the_limit() {
    let body = format!("[{}1]", "1,".repeat(MILLION - 1)).into_bytes();
    let webhook = Webhook::builder().build().unwrap();
    let (parts, ()) = http::Request::post("/").body(()).unwrap().into_parts();
    let (received, peak) = peak_bytes(|| webhook.receive(&parts, &body));
    let Received::Answered(answer) = received else {
        panic!("a million events accepted");
    };
    assert_eq!(
        answer.kind,
        AnswerKind::Refused(Refusal::TooManyEvents { limit: 5_000 })
    );
    assert_eq!(answer.response.status(), 413);
    // The body's copy and the results for 5,000 events, not a million.
    assert!(
        peak < body.len() + 4 * 1024 * 1024,
        "peak {peak} bytes for {} of body",
        body.len()
    );

    // The same body's events as objects, and a limit of ten: ten pass, eleven do not.
    let events = |n: usize| format!("[{}]", vec![event("Contoso.X", "", "1"); n].join(","));
    let small = Webhook::builder().max_events(10).build().unwrap();
    assert!(matches!(
        small.receive(&parts, events(10).as_bytes()),
        Received::Notification(_)
    ));
    let Received::Answered(answer) = small.receive(&parts, events(11).as_bytes()) else {
        panic!("eleven events accepted");
    };
    assert_eq!(
        answer.kind,
        AnswerKind::Refused(Refusal::TooManyEvents { limit: 10 })
    );
}

#[test]
fn a_million_elements_inside_one_event_cost_that_event_alone() {
    let million = format!("[{}1]", "1,".repeat(MILLION - 1));
    let members = format!(
        "{{{}\"k\":1}}",
        (0..MILLION - 1)
            .map(|i| format!("\"k{i}\":1,"))
            .collect::<String>()
    );
    // A typed field, unknown data, an extension and an object of a million members.
    let typed = SMS_DATA.replace(r#""message": "hi""#, &format!(r#""message": {million}"#));
    let error =
        middle_of_three(read_everywhere(&between_neighbours(&event(SMS, "", &typed))).unwrap())
            .unwrap_err();
    assert_eq!(
        (error.kind, &*error.path),
        (EventErrorKind::Data, "data.message")
    );
    for data in [&million, &members] {
        let unknown = middle_of_three(
            read_everywhere(&between_neighbours(&event("Contoso.X", "", data))).unwrap(),
        )
        .unwrap();
        assert_eq!(unknown.raw_data().map(|raw| raw.get()), Some(&**data));
    }
    let extended = event(SMS, &format!(r#""x": {million}, "#), SMS_DATA);
    let extended =
        middle_of_three(read_everywhere(&between_neighbours(&extended)).unwrap()).unwrap();
    assert_eq!(
        extended.envelope.extension("x").map(|raw| raw.get()),
        Some(&*million)
    );
    // A million extension members, one of them twice: found without comparing every pair.
    let many = (0..MILLION)
        .map(|i| format!("\"x{i}\": 1, "))
        .collect::<String>();
    let repeated = event(SMS, &format!("{many}\"x7\": 2, "), SMS_DATA);
    let error =
        middle_of_three(read_everywhere(&between_neighbours(&repeated)).unwrap()).unwrap_err();
    assert_eq!((error.kind, &*error.path), (EventErrorKind::Envelope, "x7"));
    let unique = event(SMS, &many, SMS_DATA);
    let event = middle_of_three(read_everywhere(&between_neighbours(&unique)).unwrap()).unwrap();
    assert_eq!(event.envelope.extensions().len(), MILLION);
}

#[test]
fn a_webhook_whose_secret_could_be_empty_does_not_build() {
    let empty = Webhook::builder()
        .secrets(SecretLocation::Query("code".into()), ["old", ""])
        .build();
    assert_eq!(empty.err(), Some(ConfigError::EmptySecret { index: 1 }));
    let none = Webhook::builder()
        .secrets(
            SecretLocation::Header(http::HeaderName::from_static("x-secret")),
            Vec::<String>::new(),
        )
        .build();
    assert_eq!(none.err(), Some(ConfigError::NoSecrets));
    let zero = Webhook::builder().max_events(0).build();
    assert_eq!(zero.err(), Some(ConfigError::ZeroMaxEvents));
    let zero = Webhook::builder()
        .body_read_timeout(std::time::Duration::ZERO)
        .build();
    assert_eq!(zero.err(), Some(ConfigError::ZeroBodyReadTimeout));
    // With a real secret, an empty or bare `code` is refused.
    let webhook = Webhook::builder()
        .secrets(SecretLocation::Query("code".into()), ["s3cret"])
        .build()
        .unwrap();
    let body = between_neighbours(&event(SMS, "", SMS_DATA));
    for uri in ["/?code=", "/?code", "/?code=s3cre", "/?code=s3cret%00"] {
        let (parts, ()) = http::Request::post(uri).body(()).unwrap().into_parts();
        let Received::Answered(answer) = webhook.receive(&parts, &body) else {
            panic!("{uri} authenticated");
        };
        assert_eq!(answer.response.status(), 401, "{uri}");
    }
}

#[test]
fn inspect_prints_one_line_per_event_whatever_its_values_hold() {
    // An open value of a typed payload, and unknown data, both pretty-printed as received.
    let pretty = "{\n  \"a\": [\r\n    1,\n    \"x\\ny\"\n  ]\n}";
    for middle in [router_job(pretty, "1"), event("Contoso.X", "", pretty)] {
        let events = read_everywhere(&between_neighbours(&middle)).unwrap();
        let line = acs_events::inspect::event_line(1, &events[1]);
        assert!(!line.contains(['\n', '\r']), "{line}");
        let line: serde_json::Value = serde_json::from_str(&line).unwrap();
        let value = line["data"].pointer("/labels/l").unwrap_or(&line["data"]);
        assert_eq!(value, &serde_json::json!({"a": [1, "x\ny"]}), "{line}");
    }
}

/// The single-event entry points on deep input: a deep message body, deep binary-mode data, a
/// deep receive result and a deep event inside one are each an error or typed, never a crash.
#[test]
fn deep_input_to_one_event_messages_and_receive_results_is_an_error() {
    on_small_stack(|| {
        let attributes = [
            ("cloudEvents:specversion", "1.0"),
            ("cloudEvents:id", "1"),
            ("cloudEvents:type", "Microsoft.Communication.SMSReceived"),
        ];
        for (depth, deep) in deep_inputs() {
            // A deep array is a batch, not one event; a deep object is an event without a type.
            let error = acs_events::parse_event(deep.as_bytes()).unwrap_err();
            let wanted = if deep.starts_with('[') {
                (EventErrorKind::Body, "")
            } else {
                (EventErrorKind::Envelope, "eventType")
            };
            assert_eq!((error.kind, &*error.path), wanted, "{depth}");

            let error = acs_events::parse_message(attributes, deep.as_bytes()).unwrap_err();
            assert_eq!(
                (error.kind, &*error.path),
                (EventErrorKind::Data, "data"),
                "{depth}"
            );

            let unterminated = "[".repeat(depth);
            let error = acs_events::parse_message(attributes, unterminated.as_bytes()).unwrap_err();
            assert_eq!(error.kind, EventErrorKind::Data, "{depth}");

            // Whether serde_json's depth limit stops the receive result or its item, the deep
            // value is an error: of the body, of the item, or of the event.
            let body = format!(r#"{{"value": {deep}}}"#);
            match acs_events::pull::parse_receive_result(body.as_bytes()) {
                Err(_) => {}
                Ok(items) => {
                    for item in items {
                        assert_eq!(item.unwrap_err().path, "brokerProperties", "{depth}");
                    }
                }
            }
            let body = format!(
                r#"{{"value": [{{"brokerProperties": {{"lockToken": "t", "deliveryCount": 1}}, "event": {deep}}}]}}"#
            );
            match acs_events::pull::parse_receive_result(body.as_bytes()) {
                Err(DeliveryError::NotJson { .. }) => {}
                Ok(items) => {
                    let [Ok(received)] = &items[..] else {
                        panic!("{depth}: {items:?}");
                    };
                    assert_eq!(received.lock_token, "t");
                    assert!(received.event.is_err(), "{depth}");
                }
                other => panic!("{depth}: {other:?}"),
            }
        }
    });
}

/// Attribute names and values of any bytes: multi-byte characters at the prefix boundary, bytes
/// that are not UTF-8, percent signs at the end of a value, and thousands of attributes.
#[test]
fn hostile_binary_mode_attributes_are_errors_of_the_event() {
    let base = [
        ("ce_specversion".to_string(), b"1.0".to_vec()),
        (
            "ce_type".to_string(),
            b"Microsoft.Communication.SMSReceived".to_vec(),
        ),
        ("ce_source".to_string(), b"/s".to_vec()),
    ];
    let data = br#"{"messageId": "m", "from": "1", "to": "2", "message": "hi"}"#;
    for (name, value, path) in [
        ("ce-subject", b"%".to_vec(), "subject"),
        ("ce-subject", b"%4".to_vec(), "subject"),
        ("ce-subject", "%é".as_bytes().to_vec(), "subject"),
        ("ce-subject", b"%FF".to_vec(), "subject"),
        ("ce_subject", b"\xc3".to_vec(), "subject"),
        ("ce_source", vec![0xed, 0xa0, 0x80], "source"),
    ] {
        let pairs = base
            .iter()
            .cloned()
            .chain([(name.to_string(), value.clone())]);
        let error = acs_events::parse_message(pairs, data).unwrap_err();
        assert_eq!(
            (error.kind, &*error.path),
            (EventErrorKind::Envelope, path),
            "{name} {value:?}"
        );
    }
    for name in [
        "cé",
        "ceé_id",
        "cloudEventsé",
        "é",
        "ce-",
        "ce_",
        "cloudEvents:",
    ] {
        let pairs = base.iter().cloned().chain([
            ("ce_id".to_string(), b"1".to_vec()),
            (name.to_string(), b"x".to_vec()),
        ]);
        let event = acs_events::parse_message(pairs, data).unwrap();
        assert!(event.envelope.extensions().is_empty(), "{name}");
    }
    let many = (0..5_000).map(|at| (format!("ce_ext{at}"), b"v".to_vec()));
    let pairs = base
        .iter()
        .cloned()
        .chain([("ce_id".to_string(), b"1".to_vec())])
        .chain(many);
    let event = acs_events::parse_message(pairs, data).unwrap();
    assert_eq!(event.envelope.extensions().len(), 5_000);
}
