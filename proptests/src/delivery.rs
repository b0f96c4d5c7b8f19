//! Events and deliveries: each generated `data` in an Event Grid or CloudEvents envelope, its
//! members in random order, several events to a batch; and an invalid event made from a valid
//! one by one mutation.

use std::path::Path;

use eventgen::load::SchemaSet;
use eventgen::Location;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use serde_json::{Map, Value};

use crate::instance::{instances, shuffle, Instance, Mutation, Step, Target};
use crate::shape::{Node, Reader};

/// The event schemas of a set, each read into a [`Node`].
pub struct Catalog {
    /// The schema set (for the validator).
    pub set: SchemaSet,
    /// Every event schema, in file order.
    pub events: Vec<EventSchema>,
}

/// One event type's schema.
#[derive(Debug, Clone)]
pub struct EventSchema {
    /// `x-event-type`.
    pub event_type: String,
    /// `x-data-version`, sent as the Event Grid `dataVersion`.
    pub data_version: Option<String>,
    /// The schema of its `data`.
    pub node: Node,
}

impl Catalog {
    /// Every event schema below `root` (files with `x-event-type`).
    pub fn load(root: &Path) -> Catalog {
        let set = SchemaSet::load(root).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
        let reader = Reader::new(&set);
        let events = set
            .files
            .iter()
            .filter_map(|(file, document)| {
                let event_type = document.get("x-event-type")?.as_str()?.to_string();
                Some(EventSchema {
                    event_type,
                    data_version: document
                        .get("x-data-version")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    node: reader.node(&Location::new(file.clone(), ""), 0),
                })
            })
            .collect();
        Catalog { set, events }
    }
}

/// One generated event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Its event type.
    pub event_type: String,
    /// Its `data`.
    pub data: Instance,
    /// The envelope members besides `data`, in the order sent, and where `data` goes among them.
    pub members: Vec<(String, Value)>,
    /// The position of `data` among the members.
    pub data_at: usize,
}

impl Event {
    /// The event as JSON, with `data` replaced by `data`.
    pub fn to_json(&self, data: &Value) -> Value {
        let mut object = Map::new();
        for (i, (key, value)) in self.members.iter().enumerate() {
            if i == self.data_at {
                object.insert("data".into(), data.clone());
            }
            object.insert(key.clone(), value.clone());
        }
        if self.data_at >= self.members.len() {
            object.insert("data".into(), data.clone());
        }
        Value::Object(object)
    }
}

/// Events of one schema in either envelope.
pub fn events(schema: &EventSchema) -> BoxedStrategy<Event> {
    let schema = schema.clone();
    (
        instances(&schema.node),
        any::<bool>(),
        "[a-f0-9]{8}-[a-f0-9]{4}",
        any::<u64>(),
        0usize..8,
    )
        .prop_map(move |(data, cloud_events, id, order, data_at)| {
            let mut members: Vec<(String, Value)> = if cloud_events {
                vec![
                    ("id".into(), id.into()),
                    (
                        "source".into(),
                        "/subscriptions/s/resourceGroups/g/providers/p/r".into(),
                    ),
                    ("specversion".into(), "1.0".into()),
                    ("type".into(), schema.event_type.clone().into()),
                    ("subject".into(), "sub/ject".into()),
                    ("time".into(), "2024-05-06T07:08:09.1234567Z".into()),
                    ("datacontenttype".into(), "application/json".into()),
                ]
            } else {
                vec![
                    ("id".into(), id.into()),
                    (
                        "topic".into(),
                        "/subscriptions/s/resourceGroups/g/providers/p/r".into(),
                    ),
                    ("subject".into(), "sub/ject".into()),
                    ("eventType".into(), schema.event_type.clone().into()),
                    (
                        "eventTime".into(),
                        "2024-05-06T07:08:09.1234567+00:00".into(),
                    ),
                    ("metadataVersion".into(), "1".into()),
                    (
                        "dataVersion".into(),
                        schema
                            .data_version
                            .clone()
                            .unwrap_or_else(|| "1.0".into())
                            .into(),
                    ),
                ]
            };
            shuffle(&mut members, order);
            Event {
                event_type: schema.event_type.clone(),
                data,
                data_at: data_at.min(members.len()),
                members,
            }
        })
        .boxed()
}

/// Events of any schema of the catalog.
pub fn any_event(catalog: &Catalog) -> BoxedStrategy<Event> {
    let strategies: Vec<BoxedStrategy<Event>> = catalog.events.iter().map(events).collect();
    proptest::strategy::Union::new(strategies).boxed()
}

/// A delivery: its events, and whether a lone event is sent as an object rather than an array.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The events, in order.
    pub events: Vec<Event>,
    /// Sent as one event object (only with one event).
    pub single: bool,
}

impl Delivery {
    /// The HTTP body, event `i` carrying `data(i)` as its data.
    pub fn body_with<'v>(&'v self, data: impl Fn(usize) -> &'v Value) -> String {
        let events: Vec<Value> = self
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| e.to_json(data(i)))
            .collect();
        if self.single && events.len() == 1 {
            events[0].to_string()
        } else {
            Value::Array(events).to_string()
        }
    }

    /// The HTTP body as generated.
    pub fn body(&self) -> String {
        self.body_with(|i| &self.events[i].data.wire)
    }
}

/// Deliveries of one to `max` events of the catalog, in random order.
pub fn deliveries(catalog: &Catalog, max: usize) -> BoxedStrategy<Delivery> {
    (
        proptest::collection::vec(any_event(catalog), 1..=max),
        any::<bool>(),
    )
        .prop_map(|(events, single)| Delivery { events, single })
        .boxed()
}

/// `value` with `target` applied.
pub fn mutate(value: &Value, target: &Target) -> Value {
    let mut value = value.clone();
    let mut at = &mut value;
    for step in &target.path {
        at = match step {
            Step::Key(key) => at.get_mut(key.as_str()).expect("a generated member"),
            Step::Index(i) => at.get_mut(*i).expect("a generated element"),
        };
    }
    match &target.mutation {
        Mutation::Replace(wrong) => *at = wrong.clone(),
        Mutation::Remove(key) => {
            at.as_object_mut().expect("an object").shift_remove(key);
        }
    }
    value
}

/// The path the parser reports for `target`: `data.members[0].role`. A removed key is
/// reported at its object.
pub fn error_path(target: &Target) -> String {
    render(
        target,
        "data",
        |key| format!(".{key}"),
        |i| format!("[{i}]"),
    )
}

/// The JSON pointer a validator reports for `target`: `/data/members/0/role`.
pub fn pointer(target: &Target) -> String {
    render(
        target,
        "/data",
        |key| format!("/{}", key.replace('~', "~0").replace('/', "~1")),
        |i| format!("/{i}"),
    )
}

fn render(
    target: &Target,
    root: &str,
    key: impl Fn(&str) -> String,
    index: impl Fn(usize) -> String,
) -> String {
    let mut text = root.to_string();
    for step in &target.path {
        text.push_str(&match step {
            Step::Key(k) => key(k),
            Step::Index(i) => index(*i),
        });
    }
    text
}
