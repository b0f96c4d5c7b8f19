//! The properties, for any generated `EventData`:
//! - a valid delivery parses to one event per element, each of the exact variant, its typed
//!   payload serializing to what was generated (every value under its property's own key), its
//!   raw `data` kept byte for byte, serde's `Deserialize` reading it to the same payload as the
//!   delivery parse; a standard validator accepts each event unless it relies on a listed
//!   [`Leniency`](crate::instance::Leniency); the serialized payloads validate, and parse again to the same JSON;
//! - a delivery with one mutated event: that event alone fails, with its index, event type and
//!   the mutated field's path; the validator rejects it at that pointer; the others are intact.

use std::sync::Mutex;

use eventgen::validate::{DeliveryValidator, EventVerdict, Outcome};
use eventgen_runtime::{parse_delivery, Event, EventErrorKind, EventSet};
use proptest::test_runner::TestCaseError;
use serde::Serialize;
use serde_json::Value;

use crate::delivery::{error_path, mutate, pointer, Catalog, Delivery};
use crate::instance::Target;

/// A catalog and a validator of its schemas, kept for every case of a run.
pub struct Harness {
    /// The event schemas.
    pub catalog: &'static Catalog,
    validator: Mutex<DeliveryValidator<'static>>,
}

macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err(TestCaseError::fail(format!($($message)+)));
        }
    };
}

/// The cases per property: `PROPTEST_CASES` when set (longer runs), else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

impl Harness {
    /// A harness for the schemas below `root` (kept for the life of the process).
    pub fn new(root: &std::path::Path) -> Harness {
        let catalog: &'static Catalog = Box::leak(Box::new(Catalog::load(root)));
        Harness {
            catalog,
            validator: Mutex::new(DeliveryValidator::new(&catalog.set)),
        }
    }

    fn validate(&self, body: &str) -> Result<Vec<EventVerdict>, TestCaseError> {
        self.validator
            .lock()
            .unwrap()
            .validate(body.as_bytes())
            .map_err(TestCaseError::fail)
    }

    /// The properties of a valid delivery. Returns the body, for further checks.
    pub fn valid<D: EventSet + Serialize>(
        &self,
        delivery: &Delivery,
    ) -> Result<String, TestCaseError> {
        let body = delivery.body();
        let parsed = parse_delivery::<D>(body.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("the delivery was refused: {e}\n{body}")))?;
        ensure!(
            parsed.len() == delivery.events.len(),
            "{} results for {} events",
            parsed.len(),
            delivery.events.len()
        );
        let mut serialized = Vec::new();
        for (i, (result, generated)) in parsed.iter().zip(&delivery.events).enumerate() {
            let event = result
                .as_ref()
                .map_err(|e| TestCaseError::fail(format!("a valid event failed: {e}\n{body}")))?;
            serialized.push(self.typed(
                i,
                event,
                &generated.event_type,
                &generated.data.expected,
                &body,
            )?);
            let raw = event.raw_data().map(|r| r.get().to_string());
            let sent = generated.data.wire.to_string();
            ensure!(
                raw.as_deref() == Some(sent.as_str()),
                "event {i}: raw data {raw:?} is not what was sent, {sent}"
            );
        }
        for (verdict, generated) in self.validate(&body)?.iter().zip(&delivery.events) {
            if generated.data.leniencies.is_empty() {
                ensure!(
                    verdict.outcome == Outcome::Valid,
                    "event {} is valid, yet the validator says {:?}\n{body}",
                    verdict.index,
                    verdict.outcome
                );
            }
        }
        // What the typed payloads serialize to is valid, and parses back to itself.
        let again = delivery.body_with(|i| &serialized[i]);
        for verdict in self.validate(&again)? {
            ensure!(
                verdict.outcome == Outcome::Valid,
                "serialized event {} is invalid: {:?}\n{again}",
                verdict.index,
                verdict.outcome
            );
        }
        let reparsed = parse_delivery::<D>(again.as_bytes()).map_err(|e| {
            TestCaseError::fail(format!("the serialized delivery was refused: {e}"))
        })?;
        for (i, result) in reparsed.iter().enumerate() {
            let event = result.as_ref().map_err(|e| {
                TestCaseError::fail(format!("serialized event failed: {e}\n{again}"))
            })?;
            let value = serde_json::to_value(&event.data)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            ensure!(
                value == serialized[i],
                "event {i}: the round trip changed {} into {value}",
                serialized[i]
            );
        }
        Ok(body)
    }

    /// Event `i`'s exact variant and serialized payload.
    fn typed<D: EventSet + Serialize>(
        &self,
        i: usize,
        event: &Event<D>,
        event_type: &str,
        expected: &crate::expected::Expected,
        body: &str,
    ) -> Result<Value, TestCaseError> {
        ensure!(event.index == i, "event {i} has index {}", event.index);
        ensure!(
            event.envelope.event_type() == event_type,
            "event {i}: event type {}",
            event.envelope.event_type()
        );
        let kind = D::kind_of(event_type);
        ensure!(
            kind.is_some() && event.data.kind() == kind,
            "event {i}: variant {:?} for {event_type}",
            event.data.kind()
        );
        let value =
            serde_json::to_value(&event.data).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The delivery parse reads payloads with the direct parser where it can; the serde
        // `Deserialize` must read the same text to the same payload.
        let raw = event.raw_data().map(|r| r.get()).unwrap_or("null");
        let via_serde =
            D::deserialize_data(kind.unwrap(), &mut serde_json::Deserializer::from_str(raw))
                .map_err(|e| {
                    TestCaseError::fail(format!(
                        "event {i}: serde's parse fails where the delivery's does not: {e}"
                    ))
                })?;
        let via_serde =
            serde_json::to_value(&via_serde).map_err(|e| TestCaseError::fail(e.to_string()))?;
        ensure!(
            via_serde == value,
            "event {i}: serde's parse gives {via_serde}, the delivery's {value}"
        );
        expected.check(&value, "/data").map_err(|what| {
            TestCaseError::fail(format!("event {i} ({event_type}): {what}\n{body}"))
        })?;
        Ok(value)
    }

    /// The properties of a delivery whose event `victim` is mutated by its `target`-th target
    /// (modulo their number; a case whose event has none is rejected). Returns the body, for
    /// further checks.
    pub fn invalid<D: EventSet + Serialize>(
        &self,
        delivery: &Delivery,
        victim: usize,
        target: usize,
    ) -> Result<String, TestCaseError> {
        let victim = victim % delivery.events.len();
        let targets = &delivery.events[victim].data.targets;
        if targets.is_empty() {
            return Err(TestCaseError::reject("no place to break"));
        }
        let target: &Target = &targets[target % targets.len()];
        let broken = mutate(&delivery.events[victim].data.wire, target);
        let body = delivery.body_with(|i| {
            if i == victim {
                &broken
            } else {
                &delivery.events[i].data.wire
            }
        });
        let event_type = &delivery.events[victim].event_type;
        let parsed = parse_delivery::<D>(body.as_bytes()).map_err(|e| {
            TestCaseError::fail(format!("one bad event took down the delivery: {e}\n{body}"))
        })?;
        ensure!(
            parsed.len() == delivery.events.len(),
            "{} results for {} events",
            parsed.len(),
            delivery.events.len()
        );
        for (i, (result, generated)) in parsed.iter().zip(&delivery.events).enumerate() {
            if i != victim {
                let event = result.as_ref().map_err(|e| {
                    TestCaseError::fail(format!(
                        "event {i} failed beside the mutated {victim}: {e}\n{body}"
                    ))
                })?;
                self.typed(
                    i,
                    event,
                    &generated.event_type,
                    &generated.data.expected,
                    &body,
                )?;
                continue;
            }
            let Err(error) = result else {
                return Err(TestCaseError::fail(format!(
                    "event {i} parsed after {target:?}\n{body}"
                )));
            };
            ensure!(
                error.index == i && error.event_type.as_deref() == Some(event_type.as_str()),
                "event {i}: error names event {} ({:?})",
                error.index,
                error.event_type
            );
            ensure!(
                error.kind == EventErrorKind::Data,
                "event {i}: {:?} error for a data mutation",
                error.kind
            );
            let kind = D::kind_of(event_type).expect("a typed event");
            let serde_parse = D::deserialize_data(
                kind,
                &mut serde_json::Deserializer::from_str(&broken.to_string()),
            );
            ensure!(
                serde_parse.is_err(),
                "event {i}: serde's parse accepts what the delivery's refuses ({target:?})"
            );
            let path = error_path(target);
            ensure!(
                error.path == path,
                "event {i}: error at `{}`, the mutation at `{path}` ({:?}): {error}\n{body}",
                error.path,
                target.mutation
            );
        }
        let verdicts = self.validate(&body)?;
        for (verdict, generated) in verdicts.iter().zip(&delivery.events) {
            let lenient = !generated.data.leniencies.is_empty();
            if verdict.index != victim {
                ensure!(
                    lenient || verdict.outcome == Outcome::Valid,
                    "event {} is valid, yet the validator says {:?}",
                    verdict.index,
                    verdict.outcome
                );
                continue;
            }
            if target.validator_blind {
                continue;
            }
            let expected = pointer(target);
            let Outcome::Violations(violations) = &verdict.outcome else {
                return Err(TestCaseError::fail(format!(
                    "the validator accepts the mutated event {victim} ({target:?}): {:?}\n{body}",
                    verdict.outcome
                )));
            };
            ensure!(
                // At the value, or at an `anyOf`/`oneOf` holding it, where a validator reports
                // that no option fits.
                lenient
                    || violations
                        .iter()
                        .any(|(p, _)| *p == expected || expected.starts_with(&format!("{p}/"))),
                "the validator reports {violations:?}, not `{expected}` ({:?})",
                target.mutation
            );
        }
        Ok(body)
    }
}
