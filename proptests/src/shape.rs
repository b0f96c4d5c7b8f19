//! A schema, resolved: `$ref`s followed, `allOf` parts merged, nullability decided at the use
//! site, and the `x-` keywords read. Instances are generated from this, never from raw JSON.
//!
//! This reads the schemas on its own rather than through eventgen's lowering: the tests must
//! catch a lowering that misreads a schema (its nullability, an alias, an enum's openness), so
//! they cannot take the lowering's word for what the schema says.

use std::collections::BTreeSet;

use eventgen::load::SchemaSet;
use eventgen::Location;
use serde_json::{Map, Value};

/// Below this depth an optional member is left out and an array is empty, so recursive
/// schemas (an error's `innererror`) give finite instances.
pub const MAX_DEPTH: usize = 8;

/// One schema at one use site.
#[derive(Debug, Clone)]
pub struct Node {
    /// What values look like.
    pub shape: Shape,
    /// Whether `null` is allowed here.
    pub nullable: bool,
    /// Where the schema is (for messages).
    pub at: String,
}

/// The kinds of value a schema describes.
#[derive(Debug, Clone)]
pub enum Shape {
    /// Any JSON (`{}`, `true`, no `type`): kept as received.
    Any,
    /// Only `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// An integer; `string_or_number` when `x-string-or-number` lets it arrive as a string.
    Integer {
        /// `format: int32`: the value fits in an `i32`.
        int32: bool,
        /// `x-string-or-number`: it may arrive as a string of digits.
        string_or_number: bool,
        /// The schema's `minimum`.
        minimum: Option<i64>,
    },
    /// A number; `string_or_number` as for integers.
    Number {
        /// `x-string-or-number`: it may arrive as a string.
        string_or_number: bool,
    },
    /// A string, maybe a `date-time`, maybe matching a `pattern` (which the parser does not
    /// check, so instances keep to it and no mutation breaks it).
    Text {
        /// `format: date-time`, and how it is read.
        date_time: Option<DateTime>,
        /// The schema's `pattern`.
        pattern: Option<String>,
    },
    /// A string enum (or a string `const`).
    Enum(EnumShape),
    /// An array of `items`.
    Array {
        /// The schema of every item.
        items: Box<Node>,
        /// The schema's `minItems`.
        min_items: usize,
    },
    /// An object with declared properties.
    Object(ObjectShape),
    /// An object with no declared properties: every value of the `values` schema.
    Map {
        /// The schema of every value.
        values: Box<Node>,
    },
    /// Several shapes (`oneOf`, `anyOf`, a `type` list).
    Union(Vec<Node>),
    /// Cut off at [`MAX_DEPTH`].
    TooDeep,
}

/// A `date-time` string.
#[derive(Debug, Clone, Copy)]
pub struct DateTime {
    /// The document asserts formats (`x-format-assertion`): the parser reads an instant.
    pub asserted: bool,
    /// `x-lenient-date-time`: .NET's general form is accepted too.
    pub lenient: bool,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct EnumShape {
    /// The listed values (without aliases and integer codes).
    pub listed: Vec<String>,
    /// The open form: any string is valid, unlisted ones land in the catch-all.
    pub open: bool,
    /// `x-enum-case-insensitive`.
    pub case_insensitive: bool,
    /// `x-enum-aliases`: (spelling, listed value).
    pub aliases: Vec<(String, String)>,
    /// `x-enum-integer-values`: (integer, listed value).
    pub integers: Vec<(i64, String)>,
}

/// An object with declared properties.
#[derive(Debug, Clone)]
pub struct ObjectShape {
    /// The properties, in declaration order.
    pub properties: Vec<Property>,
    /// Keys always present.
    pub required: BTreeSet<String>,
    /// Each `anyOf`/`oneOf` of `required` lists: one of its key sets is present.
    pub alternatives: Vec<Vec<Vec<String>>>,
    /// What undeclared keys are.
    pub additional: Additional,
}

/// Undeclared keys of an object.
#[derive(Debug, Clone)]
pub enum Additional {
    /// `additionalProperties: false`.
    Forbidden,
    /// Kept by the typed parse, each value of this schema.
    Kept(Box<Node>),
}

/// A declared property.
#[derive(Debug, Clone)]
pub struct Property {
    /// Its key, which serialization writes.
    pub name: String,
    /// `x-aliases`: other keys the parser accepts for it.
    pub aliases: Vec<String>,
    /// Its schema.
    pub node: Node,
}

/// Reads schemas of one set into [`Node`]s.
pub struct Reader<'s> {
    set: &'s SchemaSet,
}

impl<'s> Reader<'s> {
    /// A reader of `set`.
    pub fn new(set: &'s SchemaSet) -> Self {
        Reader { set }
    }

    /// The node of the schema at `at`.
    pub fn node(&self, at: &Location, depth: usize) -> Node {
        let parts = self.parts(at, 0);
        self.merge_parts(at, &parts, depth)
    }

    /// The schema objects that all apply at `at`: itself, what its `$ref` names, and its
    /// `allOf` members, recursively (`true` contributes nothing).
    fn parts(&self, at: &Location, hops: usize) -> Vec<(Location, &'s Map<String, Value>)> {
        assert!(hops < 64, "{at}: reference cycle");
        let Ok(Value::Object(object)) = self.set.node(at) else {
            return Vec::new();
        };
        let mut parts = vec![(at.clone(), object)];
        if let Some(Value::String(reference)) = object.get("$ref") {
            let target = self
                .set
                .resolve(at, reference)
                .unwrap_or_else(|e| panic!("{at}: {e}"));
            parts.extend(self.parts(&target, hops + 1));
        }
        if let Some(Value::Array(members)) = object.get("allOf") {
            for i in 0..members.len() {
                parts.extend(self.parts(&at.join("allOf").join(&i.to_string()), hops + 1));
            }
        }
        parts
    }

    fn merge_parts(
        &self,
        at: &Location,
        parts: &[(Location, &'s Map<String, Value>)],
        depth: usize,
    ) -> Node {
        let nullable = !parts.is_empty() && parts.iter().all(|(l, o)| self.admits_null(l, o));
        let node = |shape| Node {
            shape,
            nullable,
            at: at.to_string(),
        };
        if depth > MAX_DEPTH {
            return node(Shape::TooDeep);
        }
        let is_object = parts
            .iter()
            .any(|(_, o)| o.contains_key("properties") || types(o).iter().any(|t| t == "object"));
        if is_object {
            return node(self.object(parts, depth));
        }
        // The most specific part decides: an enum or const, then a union, then a typed part.
        let rank = |o: &Map<String, Value>| {
            if o.contains_key("enum") || o.contains_key("const") || open_enum(o).is_some() {
                4
            } else if union_options(o).is_some() {
                3
            } else if !types(o).is_empty() {
                2
            } else {
                0
            }
        };
        let Some((part_at, part)) = parts.iter().max_by_key(|(_, o)| rank(o)).cloned() else {
            return node(Shape::Any);
        };
        if rank(part) == 0 {
            return node(Shape::Any);
        }
        node(self.scalar(&part_at, part, depth))
    }

    /// `null` passes the schema `object` itself (its `$ref` and `allOf` are separate parts).
    fn admits_null(&self, at: &Location, object: &Map<String, Value>) -> bool {
        if let Some(Value::Array(values)) = object.get("enum") {
            if !values.contains(&Value::Null) {
                return false;
            }
        }
        if let Some(constant) = object.get("const") {
            return constant.is_null();
        }
        if let Some(values) = open_enum(object) {
            if !values.contains(&Value::Null) {
                return false;
            }
        } else if let Some((keyword, options)) = union_options(object) {
            let any = (0..options.len()).any(|i| {
                let option = at.join(keyword).join(&i.to_string());
                let parts = self.parts(&option, 0);
                !parts.is_empty() && parts.iter().all(|(l, o)| self.admits_null(l, o))
            });
            if !any {
                return false;
            }
        }
        match object.get("type") {
            None => true,
            Some(Value::String(t)) => t == "null",
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "null"),
            Some(_) => false,
        }
    }

    fn scalar(&self, at: &Location, object: &'s Map<String, Value>, depth: usize) -> Shape {
        if let Some(values) = open_enum(object) {
            return Shape::Enum(enum_shape(object, values, true));
        }
        if let Some(Value::Array(values)) = object.get("enum") {
            return Shape::Enum(enum_shape(object, values, false));
        }
        if let Some(constant) = object.get("const") {
            return match constant {
                Value::String(_) => {
                    Shape::Enum(enum_shape(object, std::slice::from_ref(constant), false))
                }
                Value::Null => Shape::Null,
                other => panic!("{at}: literal const {other} is not generated"),
            };
        }
        if let Some((keyword, options)) = union_options(object) {
            let options: Vec<Node> = (0..options.len())
                .map(|i| self.node(&at.join(keyword).join(&i.to_string()), depth + 1))
                .filter(|n| !matches!(n.shape, Shape::Null))
                .collect();
            return match options.len() {
                1 => options.into_iter().next().unwrap().shape,
                _ => Shape::Union(options),
            };
        }
        let string_or_number = object.get("x-string-or-number") == Some(&Value::Bool(true));
        let kinds: Vec<String> = types(object)
            .into_iter()
            .filter(|t| t != "null" && !(string_or_number && t == "string"))
            .collect();
        let shapes: Vec<Shape> = kinds
            .iter()
            .map(|kind| self.typed(at, object, kind, string_or_number, depth))
            .collect();
        match shapes.len() {
            0 => Shape::Null,
            1 => shapes.into_iter().next().unwrap(),
            _ => Shape::Union(
                shapes
                    .into_iter()
                    .map(|shape| Node {
                        shape,
                        nullable: false,
                        at: at.to_string(),
                    })
                    .collect(),
            ),
        }
    }

    fn typed(
        &self,
        at: &Location,
        object: &Map<String, Value>,
        kind: &str,
        string_or_number: bool,
        depth: usize,
    ) -> Shape {
        match kind {
            "boolean" => Shape::Bool,
            "integer" => Shape::Integer {
                int32: object.get("format") == Some(&Value::from("int32")),
                string_or_number,
                minimum: object.get("minimum").and_then(Value::as_i64),
            },
            "number" => Shape::Number { string_or_number },
            "string" => Shape::Text {
                pattern: object
                    .get("pattern")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                date_time: (object.get("format") == Some(&Value::from("date-time"))).then(|| {
                    DateTime {
                        asserted: self.asserts_formats(at),
                        lenient: object.get("x-lenient-date-time") == Some(&Value::Bool(true)),
                    }
                }),
            },
            "array" => Shape::Array {
                items: Box::new(match object.get("items") {
                    None | Some(Value::Bool(true)) => any_node(at),
                    Some(_) => self.node(&at.join("items"), depth + 1),
                }),
                min_items: object.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize,
            },
            other => panic!("{at}: type {other} is not generated"),
        }
    }

    fn asserts_formats(&self, at: &Location) -> bool {
        self.set
            .files
            .get(&at.file)
            .and_then(|d| d.get("x-format-assertion"))
            == Some(&Value::Bool(true))
    }

    fn object(&self, parts: &[(Location, &'s Map<String, Value>)], depth: usize) -> Shape {
        let mut declared: Vec<(String, Vec<Location>)> = Vec::new();
        let mut aliases: Vec<(String, Vec<String>)> = Vec::new();
        let mut required = BTreeSet::new();
        let mut alternatives = Vec::new();
        let mut additional: Option<Location> = None;
        let mut forbidden = false;
        for (at, object) in parts {
            if let Some(Value::Object(properties)) = object.get("properties") {
                for (name, schema) in properties {
                    let place = at.join("properties").join(name);
                    match declared.iter_mut().find(|(n, _)| n == name) {
                        Some((_, places)) => places.push(place),
                        None => declared.push((name.clone(), vec![place])),
                    }
                    if let Some(Value::Array(list)) = schema.get("x-aliases") {
                        let list = list.iter().filter_map(Value::as_str).map(str::to_string);
                        match aliases.iter_mut().find(|(n, _)| n == name) {
                            Some((_, known)) => known.extend(list),
                            None => aliases.push((name.clone(), list.collect())),
                        }
                    }
                }
            }
            if let Some(Value::Array(list)) = object.get("required") {
                required.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
            }
            for keyword in ["anyOf", "oneOf"] {
                if let Some(Value::Array(options)) = object.get(keyword) {
                    let lists: Option<Vec<Vec<String>>> = options
                        .iter()
                        .map(|o| {
                            let o = o.as_object()?;
                            (o.len() == 1).then_some(())?;
                            let list = o.get("required")?.as_array()?;
                            Some(
                                list.iter()
                                    .filter_map(Value::as_str)
                                    .map(str::to_string)
                                    .collect(),
                            )
                        })
                        .collect();
                    if let Some(lists) = lists {
                        alternatives.push(lists);
                    }
                }
            }
            match object.get("additionalProperties") {
                Some(Value::Bool(false)) => forbidden = true,
                Some(_) => additional = Some(at.join("additionalProperties")),
                None => {}
            }
        }
        let properties: Vec<Property> = declared
            .into_iter()
            .map(|(name, places)| {
                let parts: Vec<_> = places.iter().flat_map(|p| self.parts(p, 0)).collect();
                let node = self.merge_parts(&places[places.len() - 1], &parts, depth + 1);
                let aliases = aliases
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, a)| a.clone())
                    .unwrap_or_default();
                Property {
                    name,
                    aliases,
                    node,
                }
            })
            .collect();
        let additional = match (forbidden, additional) {
            (true, _) => Additional::Forbidden,
            (false, Some(at)) => Additional::Kept(Box::new(self.node(&at, depth + 1))),
            // No `additionalProperties`: any undeclared key, kept as received.
            (false, None) => Additional::Kept(Box::new(any_node(&parts[0].0))),
        };
        // An object with no properties is a map of its `additionalProperties` values.
        if properties.is_empty() && alternatives.is_empty() && required.is_empty() {
            let values = match additional {
                Additional::Kept(values) => values,
                _ => Box::new(any_node(&parts[0].0)),
            };
            return Shape::Map { values };
        }
        Shape::Object(ObjectShape {
            properties,
            required,
            alternatives,
            additional,
        })
    }
}

fn any_node(at: &Location) -> Node {
    Node {
        shape: Shape::Any,
        nullable: true,
        at: at.to_string(),
    }
}

/// The `type` keyword as a list.
fn types(object: &Map<String, Value>) -> Vec<String> {
    match object.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// `oneOf`/`anyOf` options that are shapes (not `required` alternatives), with their keyword.
fn union_options(object: &Map<String, Value>) -> Option<(&'static str, &Vec<Value>)> {
    ["oneOf", "anyOf"].into_iter().find_map(|keyword| {
        let options = object.get(keyword)?.as_array()?;
        let alternatives = options.iter().all(|o| {
            o.as_object()
                .is_some_and(|o| o.len() == 1 && o.contains_key("required"))
        });
        (!alternatives).then_some((keyword, options))
    })
}

/// The open enum form, `anyOf: [{enum: [...]}, {type: string}]`: its listed values.
fn open_enum(object: &Map<String, Value>) -> Option<&Vec<Value>> {
    let options = object.get("anyOf")?.as_array()?;
    match options.as_slice() {
        [listed, any] if *any == serde_json::json!({"type": "string"}) => {
            listed.get("enum")?.as_array()
        }
        _ => None,
    }
}

fn enum_shape(object: &Map<String, Value>, values: &[Value], open: bool) -> EnumShape {
    let map = |key: &str| -> Vec<(String, String)> {
        object
            .get(key)
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    };
    let aliases = map("x-enum-aliases");
    let integers: Vec<(i64, String)> = map("x-enum-integer-values")
        .into_iter()
        .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
        .collect();
    let listed = values
        .iter()
        .filter_map(Value::as_str)
        .filter(|v| !aliases.iter().any(|(alias, _)| alias == v))
        .map(str::to_string)
        .collect();
    EnumShape {
        listed,
        open,
        case_insensitive: object.get("x-enum-case-insensitive") == Some(&Value::Bool(true)),
        aliases,
        integers,
    }
}
