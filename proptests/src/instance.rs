//! Random valid instances of a [`Node`]: the JSON sent, what the typed payload must serialize
//! to, the leniencies the wire form relies on, and the places an invalid mutation can go.

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Union};
use serde_json::{Map, Value};

use crate::expected::Expected;
use crate::shape::{Additional, DateTime, EnumShape, Node, ObjectShape, Property, Shape};
use crate::time_text;

/// One generated value.
#[derive(Debug, Clone)]
pub struct Instance {
    /// What is sent.
    pub wire: Value,
    /// What the typed payload serializes to.
    pub expected: Expected,
    /// Wire forms the parser accepts and a standard validator may reject.
    pub leniencies: BTreeSet<Leniency>,
    /// Where a mutation makes the value invalid for both the schema and the parser.
    pub targets: Vec<Target>,
}

/// A wire form the parser accepts beyond what the schema's standard keywords say. The only
/// exceptions to "a standard validator accepts it ⇔ the typed parse does".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Leniency {
    /// A key from `x-aliases` in place of the property's own (a `required` key then looks
    /// absent to a validator).
    AliasKey,
    /// .NET's general date-time form under `x-lenient-date-time` (not RFC 3339).
    DotNetDateTime,
}

/// A step of a path inside `data`, in wire keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// An invalid mutation: both the schema and the parser reject the result.
#[derive(Debug, Clone)]
pub struct Target {
    /// Where, from `data`.
    pub path: Vec<Step>,
    /// What to do there.
    pub mutation: Mutation,
    /// The path passes through an `x-aliases` key the schema does not declare, whose value a
    /// standard validator does not look at: only the parser can reject it.
    pub validator_blind: bool,
}

/// The mutations.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Replace the value at the path with this one (of a wrong type, or not listed).
    Replace(Value),
    /// Remove this required key from the object at the path.
    Remove(String),
}

impl Target {
    fn under(mut self, step: Step) -> Target {
        self.path.insert(0, step);
        self
    }

    fn blind(mut self, blind: bool) -> Target {
        self.validator_blind |= blind;
        self
    }
}

fn exact(wire: Value) -> Instance {
    Instance {
        expected: Expected::Exact(wire.clone()),
        wire,
        leniencies: BTreeSet::new(),
        targets: Vec::new(),
    }
}

fn replace(value: Value) -> Vec<Target> {
    vec![Target {
        path: Vec::new(),
        mutation: Mutation::Replace(value),
        validator_blind: false,
    }]
}

/// Valid instances of `node`, `null` among them when it is nullable.
pub fn instances(node: &Node) -> BoxedStrategy<Instance> {
    let value = shape_instances(node);
    if node.nullable && !matches!(node.shape, Shape::Any | Shape::Null) {
        prop_oneof![1 => Just(exact(Value::Null)), 4 => value].boxed()
    } else {
        value
    }
}

fn shape_instances(node: &Node) -> BoxedStrategy<Instance> {
    match &node.shape {
        Shape::Any => any_json(2).prop_map(exact).boxed(),
        Shape::Null => Just(exact(Value::Null)).boxed(),
        Shape::Bool => any::<bool>()
            .prop_map(|b| Instance {
                targets: replace(Value::from("true")),
                ..exact(Value::Bool(b))
            })
            .boxed(),
        Shape::Integer {
            int32,
            string_or_number,
            minimum,
        } => integers(*int32, *string_or_number, *minimum),
        Shape::Number { string_or_number } => numbers(*string_or_number),
        Shape::Text {
            date_time: None,
            pattern: Some(pattern),
        } => matching(pattern)
            .prop_map(|s| Instance {
                targets: replace(Value::from(12345)),
                ..exact(Value::String(s))
            })
            .boxed(),
        Shape::Text {
            date_time: None,
            pattern: None,
        } => text()
            .prop_map(|s| Instance {
                targets: replace(Value::from(12345)),
                ..exact(Value::String(s))
            })
            .boxed(),
        Shape::Text {
            date_time: Some(rule),
            ..
        } => date_times(*rule),
        Shape::Enum(shape) => enum_values(shape),
        Shape::Array { items, min_items } => arrays(items, *min_items),
        Shape::Object(shape) => objects(shape),
        Shape::Map { values } => maps(values),
        Shape::Union(options) => {
            let options: Vec<BoxedStrategy<Instance>> = options
                .iter()
                .filter(|o| !matches!(o.shape, Shape::TooDeep))
                .map(instances)
                .collect();
            // Which option reads a value is the parser's choice: no mutation inside a union.
            Union::new(options)
                .prop_map(|mut instance| {
                    instance.targets.clear();
                    instance
                })
                .boxed()
        }
        Shape::TooDeep => panic!("{}: a required value nests too deep to generate", node.at),
    }
}

/// Strings: plain words, and any Unicode text (quotes, backslashes, controls, astral planes),
/// which the wire escapes.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 _.:+-]{0,12}",
        1 => any::<String>(),
        1 => Just("\"quoted\" \\ back\nslash \u{1F600} é".to_string()),
    ]
    .boxed()
}

/// Strings matching an ECMA-262 `pattern` of the simple kind schemas use (anchored classes,
/// repetitions, groups).
fn matching(pattern: &str) -> BoxedStrategy<String> {
    let inner = pattern.strip_prefix('^').unwrap_or(pattern);
    let inner = inner.strip_suffix('$').unwrap_or(inner);
    proptest::string::string_regex(inner)
        .unwrap_or_else(|e| panic!("pattern {pattern}: {e}"))
        .boxed()
}

fn integers(int32: bool, string_or_number: bool, minimum: Option<i64>) -> BoxedStrategy<Instance> {
    let (low, high) = if int32 {
        (i32::MIN as i64, i32::MAX as i64)
    } else {
        // Beyond 2^53 too: serde_json keeps integers exact.
        (i64::MIN, i64::MAX)
    };
    let low = minimum.map_or(low, |m| m.max(low));
    let small = low.max(-1000)..=low.max(-1000).saturating_add(2000);
    let values = prop_oneof![small, low..=high].boxed();
    (values, any::<bool>())
        .prop_map(move |(n, as_text)| {
            let expected = Expected::Exact(Value::from(n));
            if string_or_number && as_text {
                Instance {
                    wire: Value::String(n.to_string()),
                    expected,
                    leniencies: BTreeSet::new(),
                    targets: replace(Value::from("12a")),
                }
            } else {
                Instance {
                    wire: Value::from(n),
                    expected,
                    leniencies: BTreeSet::new(),
                    targets: replace(Value::from(if string_or_number { "12a" } else { "12" })),
                }
            }
        })
        .boxed()
}

fn numbers(string_or_number: bool) -> BoxedStrategy<Instance> {
    // Quarters: exact in binary, so the text round-trips.
    ((-4_000_000i64..4_000_000), any::<bool>())
        .prop_map(move |(quarters, as_text)| {
            let n = quarters as f64 / 4.0;
            let wire = if string_or_number && as_text {
                Value::String(n.to_string())
            } else if quarters % 4 == 0 {
                Value::from(quarters / 4)
            } else {
                Value::from(n)
            };
            Instance {
                wire,
                expected: Expected::Number(n),
                leniencies: BTreeSet::new(),
                targets: replace(Value::from(if string_or_number { "1.5x" } else { "1.5" })),
            }
        })
        .boxed()
}

fn date_times(rule: DateTime) -> BoxedStrategy<Instance> {
    let forms = if rule.lenient { 0..=3u8 } else { 0..=2u8 };
    (time_text::instants(), forms)
        .prop_map(move |((nanos, offset, digits), form)| {
            let (wire, lenient) = match form {
                3 => (time_text::dot_net(nanos, offset), true),
                _ => (time_text::rfc3339(nanos, offset, digits), false),
            };
            let expected = if rule.asserted {
                Expected::Instant(time_text::truncated(
                    nanos,
                    if lenient { 0 } else { digits },
                ))
            } else {
                Expected::Exact(Value::String(wire.clone()))
            };
            let mut leniencies = BTreeSet::new();
            if lenient {
                leniencies.insert(Leniency::DotNetDateTime);
            }
            Instance {
                wire: Value::String(wire),
                expected,
                leniencies,
                targets: replace(if rule.asserted {
                    Value::from("2024-13-45T99:00:00Z")
                } else {
                    Value::from(12345)
                }),
            }
        })
        .boxed()
}

fn enum_values(shape: &EnumShape) -> BoxedStrategy<Instance> {
    let mut choices: Vec<BoxedStrategy<(Value, Value)>> = Vec::new();
    let listed = shape.listed.clone();
    choices.push(
        proptest::sample::select(listed.clone())
            .prop_map(|v| (Value::from(v.clone()), Value::from(v)))
            .boxed(),
    );
    if shape.case_insensitive {
        choices.push(
            (proptest::sample::select(listed.clone()), any::<u64>())
                .prop_map(|(v, bits)| (Value::from(flip_case(&v, bits)), Value::from(v)))
                .boxed(),
        );
    }
    if !shape.aliases.is_empty() {
        choices.push(
            proptest::sample::select(shape.aliases.clone())
                .prop_map(|(alias, value)| (Value::from(alias), Value::from(value)))
                .boxed(),
        );
    }
    if !shape.integers.is_empty() {
        choices.push(
            proptest::sample::select(shape.integers.clone())
                .prop_map(|(code, value)| (Value::from(code), Value::from(value)))
                .boxed(),
        );
    }
    if shape.open {
        let known = shape.clone();
        choices.push(
            "[A-Za-z][A-Za-z0-9]{0,10}"
                .prop_filter("a listed value", move |s| !known.recognises(s))
                .prop_map(|s| (Value::from(s.clone()), Value::from(s)))
                .boxed(),
        );
    }
    let unlisted = if shape.open {
        Value::Bool(true)
    } else {
        Value::from("~unlisted~")
    };
    Union::new(choices)
        .prop_map(move |(wire, expected)| Instance {
            wire,
            expected: Expected::Exact(expected),
            leniencies: BTreeSet::new(),
            targets: replace(unlisted.clone()),
        })
        .boxed()
}

impl EnumShape {
    /// Whether the parser reads `value` as a listed value (or an alias of one).
    pub fn recognises(&self, value: &str) -> bool {
        let same = |a: &str| {
            if self.case_insensitive {
                a.eq_ignore_ascii_case(value)
            } else {
                a == value
            }
        };
        self.listed.iter().any(|v| same(v)) || self.aliases.iter().any(|(a, _)| same(a))
    }
}

fn flip_case(value: &str, bits: u64) -> String {
    value
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if bits >> (i % 64) & 1 == 1 {
                if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            } else {
                c
            }
        })
        .collect()
}

fn arrays(items: &Node, min_items: usize) -> BoxedStrategy<Instance> {
    if matches!(items.shape, Shape::TooDeep) {
        assert_eq!(min_items, 0, "{}: required items nest too deep", items.at);
        return Just(Instance {
            targets: replace(Value::from("not an array")),
            ..exact(Value::Array(Vec::new()))
        })
        .boxed();
    }
    proptest::collection::vec(instances(items), min_items..min_items + 4)
        .prop_map(|elements| {
            let mut targets = replace(Value::from("not an array"));
            let mut leniencies = BTreeSet::new();
            let mut wire = Vec::new();
            let mut expected = Vec::new();
            for (i, element) in elements.into_iter().enumerate() {
                wire.push(element.wire);
                expected.push(element.expected);
                leniencies.extend(element.leniencies);
                targets.extend(element.targets.into_iter().map(|t| t.under(Step::Index(i))));
            }
            Instance {
                wire: Value::Array(wire),
                expected: Expected::Array(expected),
                leniencies,
                targets,
            }
        })
        .boxed()
}

fn maps(values: &Node) -> BoxedStrategy<Instance> {
    let entry = ("[a-z][a-zA-Z0-9_-]{0,8}", instances(values));
    proptest::collection::vec(entry, 0..4)
        .prop_map(|entries| {
            let mut targets = replace(Value::from("not an object"));
            let mut leniencies = BTreeSet::new();
            let mut wire = Map::new();
            let mut expected = Vec::new();
            for (key, value) in entries {
                if wire.contains_key(&key) {
                    continue; // one value per key: a repeated key is another test's business
                }
                wire.insert(key.clone(), value.wire);
                leniencies.extend(value.leniencies);
                targets.extend(
                    value
                        .targets
                        .into_iter()
                        .map(|t| t.under(Step::Key(key.clone()))),
                );
                expected.push((key, value.expected));
            }
            Instance {
                wire: Value::Object(wire),
                expected: Expected::Object(expected),
                leniencies,
                targets,
            }
        })
        .boxed()
}

/// A property's draw: whether it is sent when optional, which of its keys, and its value.
#[derive(Debug, Clone)]
struct Draw {
    sent: bool,
    key: usize,
    value: Option<Instance>,
}

fn draws(property: &Property) -> BoxedStrategy<Draw> {
    let keys = 1 + property.aliases.len();
    if matches!(property.node.shape, Shape::TooDeep) {
        return Just(Draw {
            sent: false,
            key: 0,
            value: None,
        })
        .boxed();
    }
    (any::<bool>(), 0..keys * 2, instances(&property.node))
        .prop_map(move |(sent, key, value)| Draw {
            sent,
            // The property's own key half of the time, an alias otherwise.
            key: key.saturating_sub(keys),
            value: Some(value),
        })
        .boxed()
}

fn objects(shape: &ObjectShape) -> BoxedStrategy<Instance> {
    let shape = shape.clone();
    let draws: Vec<BoxedStrategy<Draw>> = shape.properties.iter().map(draws).collect();
    let choices: Vec<BoxedStrategy<usize>> = shape
        .alternatives
        .iter()
        .map(|group| (0..group.len()).boxed())
        .collect();
    let extra_values = match &shape.additional {
        Additional::Kept(node) => instances(node),
        _ => any_json(1).prop_map(exact).boxed(),
    };
    let extras = match &shape.additional {
        Additional::Forbidden => Just(Vec::new()).boxed(),
        _ => proptest::collection::vec(extra_values, 0..3).boxed(),
    };
    (draws, choices, extras, any::<u64>())
        .prop_map(move |(draws, choices, extras, order)| {
            object(&shape, draws, choices, extras, order)
        })
        .boxed()
}

fn object(
    shape: &ObjectShape,
    draws: Vec<Draw>,
    choices: Vec<usize>,
    extras: Vec<Instance>,
    order: u64,
) -> Instance {
    // Keys a chosen alternative names, and the property each stands for.
    let chosen: Vec<&String> = shape
        .alternatives
        .iter()
        .zip(&choices)
        .flat_map(|(group, &i)| &group[i])
        .collect();
    let in_every_alternative = |p: &Property| {
        shape.alternatives.iter().any(|group| {
            group
                .iter()
                .all(|keys| keys.iter().any(|k| *k == p.name || p.aliases.contains(k)))
        })
    };
    let mut members: Vec<(String, Value)> = Vec::new();
    let mut expected = Vec::new();
    let mut leniencies = BTreeSet::new();
    let mut targets = replace(Value::from("not an object"));
    for (property, draw) in shape.properties.iter().zip(draws) {
        let Some(value) = draw.value else { continue };
        let alternative_key = chosen
            .iter()
            .find(|k| ***k == property.name || property.aliases.contains(k));
        let required = shape.required.contains(&property.name) || in_every_alternative(property);
        let key = match alternative_key {
            Some(key) => (*key).clone(),
            None if draw.key == 0 => property.name.clone(),
            None => property.aliases[draw.key - 1].clone(),
        };
        if !(required || alternative_key.is_some() || draw.sent) {
            continue;
        }
        // A validator sees an alias as an unknown key: it misses a `required` property, or
        // breaks `additionalProperties: false`. Alternatives name their own spellings.
        let forbidden = matches!(shape.additional, Additional::Forbidden);
        if key != property.name && (shape.required.contains(&property.name) || forbidden) {
            leniencies.insert(Leniency::AliasKey);
        }
        if shape.required.contains(&property.name) && key == property.name {
            targets.push(Target {
                path: Vec::new(),
                mutation: Mutation::Remove(key.clone()),
                validator_blind: false,
            });
        }
        leniencies.extend(value.leniencies.iter().copied());
        let undeclared = !shape.properties.iter().any(|p| p.name == key);
        targets.extend(
            value
                .targets
                .into_iter()
                .map(|t| t.under(Step::Key(key.clone())).blind(undeclared)),
        );
        // Every member sent is written back, a null included: an optional member's null is
        // `Some(None)` (or the null a `RawJson` or `()` holds), never folded into absence.
        expected.push((property.name.clone(), value.expected));
        members.push((key, value.wire));
    }
    for (i, extra) in extras.into_iter().enumerate() {
        let key = format!("extra_{i}");
        if let Additional::Kept(_) = shape.additional {
            expected.push((key.clone(), extra.expected));
            targets.extend(
                extra
                    .targets
                    .into_iter()
                    .map(|t| t.under(Step::Key(key.clone()))),
            );
        }
        leniencies.extend(extra.leniencies);
        members.push((key, extra.wire));
    }
    // Member order varies: nothing may depend on it.
    shuffle(&mut members, order);
    Instance {
        wire: Value::Object(members.into_iter().collect()),
        expected: Expected::Object(expected),
        leniencies,
        targets,
    }
}

/// `items` in an order `seed` picks (a Fisher–Yates pass driven by the seed's bits), for
/// members built inside a `prop_map`.
pub(crate) fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut seed = seed;
    for i in (1..items.len()).rev() {
        items.swap(i, (seed % (i as u64 + 1)) as usize);
        seed = seed.rotate_right(7) ^ 0x9E37_79B9_7F4A_7C15;
    }
}

/// Small arbitrary JSON, `depth` levels of containers at most.
pub fn any_json(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1000i64..1000).prop_map(|q| Value::from(q as f64 / 8.0)),
        "[a-zA-Z0-9 ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            proptest::collection::vec(("[a-z]{1,5}", inner), 0..3)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
    .boxed()
}
