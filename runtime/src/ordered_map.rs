//! `OrderedMap`: a JSON object's members in the order received. Generated code uses it for every
//! map (`additionalProperties`), so key order survives a round trip without serde_json's
//! crate-wide `preserve_order` feature, which would slow every `Value` in the user's build.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map from string keys `K` to `V` that keeps insertion order; the parameters are in std's
/// order (`HashMap<K, V>`). The key type is `String`, or [`crate::cow_str::CowStr`] in borrowed
/// payloads (any `K: AsRef<str>`).
///
/// Backed by one vector: JSON objects in events hold a handful of keys, for which a scan beats
/// hashing and costs one allocation. Lookups are linear in the number of keys; parsing is not (a
/// repeated key is found with a hash index when the object is large). A repeated key keeps its
/// first position and its last value, as serde_json's maps do.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct OrderedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> OrderedMap<K, V> {
    /// An empty map.
    pub const fn new() -> Self {
        OrderedMap {
            entries: Vec::new(),
        }
    }

    /// An empty map with room for `capacity` keys.
    pub fn with_capacity(capacity: usize) -> Self {
        OrderedMap {
            entries: Vec::with_capacity(capacity),
        }
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The members as a slice of (key, value) pairs, in order.
    pub fn as_slice(&self) -> &[(K, V)] {
        &self.entries
    }

    /// The members as a vector of (key, value) pairs, in order.
    pub fn into_vec(self) -> Vec<(K, V)> {
        self.entries
    }

    /// The map with each member converted by `f`, in order (`f` must keep keys distinct, as a
    /// conversion of the key's type does: borrowed keys to owned ones).
    pub fn map_entries<K2, V2>(self, f: impl FnMut((K, V)) -> (K2, V2)) -> OrderedMap<K2, V2> {
        OrderedMap {
            entries: self.entries.into_iter().map(f).collect(),
        }
    }
}

impl<K: AsRef<str>, V> OrderedMap<K, V> {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_ref() == key)
            .map(|(_, v)| v)
    }

    /// The value of `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k.as_ref() == key)
            .map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Set `key` to `value`: a new key goes last, an existing one keeps its place. Returns the
    /// value it replaced.
    pub fn insert(&mut self, key: impl Into<K>, value: V) -> Option<V> {
        let key = key.into();
        match self.get_mut(key.as_ref()) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// Remove `key`, keeping the order of the others. Returns its value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let position = self.entries.iter().position(|(k, _)| k.as_ref() == key)?;
        Some(self.entries.remove(position).1)
    }

    /// The members in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &V)> + DoubleEndedIterator {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    /// The values in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> + DoubleEndedIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// A map of `entries` in order; a repeated key keeps its first position and its last value.
    pub fn from_entries(entries: Vec<(K, V)>) -> Self {
        let mut map = OrderedMap { entries };
        map.deduplicate();
        map
    }

    /// Collapse repeated keys: first position, last value. Linear for small maps, hashed for large.
    fn deduplicate(&mut self) {
        const SCAN_UP_TO: usize = 16;
        let n = self.entries.len();
        let key = |i: usize| self.entries[i].0.as_ref();
        // The common case, a small map without repeats, is settled without allocating.
        if n <= SCAN_UP_TO && (1..n).all(|i| (0..i).all(|j| key(j) != key(i))) {
            return;
        }
        let first_of: Vec<usize> = if n <= SCAN_UP_TO {
            (0..n)
                .map(|i| (0..i).find(|&j| key(j) == key(i)).unwrap_or(i))
                .collect()
        } else {
            let mut index = std::collections::HashMap::with_capacity(n);
            (0..n).map(|i| *index.entry(key(i)).or_insert(i)).collect()
        };
        if first_of.iter().enumerate().all(|(i, &first)| first == i) {
            return;
        }
        let mut slots: Vec<Option<(K, V)>> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(Some)
            .collect();
        for i in 0..n {
            let first = first_of[i];
            if first != i {
                let (_, value) = slots[i]
                    .take()
                    .unwrap_or_else(|| unreachable!("each slot is taken once"));
                if let Some((_, slot)) = slots[first].as_mut() {
                    *slot = value;
                }
            }
        }
        self.entries = slots.into_iter().flatten().collect();
    }
}

impl<K, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        OrderedMap {
            entries: Vec::new(),
        }
    }
}

impl<K: AsRef<str>, V: fmt::Debug> fmt::Debug for OrderedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: AsRef<str>, V> std::ops::Index<&str> for OrderedMap<K, V> {
    type Output = V;

    /// Panics when `key` is absent, as `HashMap`'s index does.
    fn index(&self, key: &str) -> &V {
        self.get(key)
            .unwrap_or_else(|| panic!("no key `{key}` in the map"))
    }
}

impl<Q: Into<K>, K: AsRef<str>, V> FromIterator<(Q, V)> for OrderedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (Q, V)>>(iter: I) -> Self {
        let mut map = OrderedMap::default();
        map.extend(iter);
        map
    }
}

impl<Q: Into<K>, K: AsRef<str>, V> Extend<(Q, V)> for OrderedMap<K, V> {
    fn extend<I: IntoIterator<Item = (Q, V)>>(&mut self, iter: I) {
        self.entries
            .extend(iter.into_iter().map(|(key, value)| (key.into(), value)));
        self.deduplicate();
    }
}

impl<K, V> IntoIterator for OrderedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<K: AsRef<str>, V: Serialize> Serialize for OrderedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(key.as_ref(), value)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de> + AsRef<str>, V: Deserialize<'de>> Deserialize<'de>
    for OrderedMap<K, V>
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de> + AsRef<str>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = OrderedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                // Capped: a size hint is a claim of the input, not a promise.
                let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some(entry) = access.next_entry::<K, V>()? {
                    entries.push(entry);
                }
                Ok(OrderedMap::from_entries(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

#[cfg(feature = "schemars")]
impl<K, V: schemars::JsonSchema> schemars::JsonSchema for OrderedMap<K, V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "object", "additionalProperties": generator.subschema_for::<V>() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_received_and_round_trips() {
        let text = r#"{"z":1,"a":2,"m":3}"#;
        let map: OrderedMap<String, u8> = serde_json::from_str(text).unwrap();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["z", "a", "m"]);
        assert_eq!((map["a"], map.get("q"), map.len()), (2, None, 3));
        assert_eq!(serde_json::to_string(&map).unwrap(), text);
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value_at_any_size() {
        let map: OrderedMap<String, u8> = serde_json::from_str(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(map.iter().collect::<Vec<_>>(), [("a", &3), ("b", &2)]);
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        text.push_str("\"k3\":99,\"k0\":98}");
        let big: OrderedMap<String, u8> = serde_json::from_str(&text).unwrap();
        assert_eq!(big.len(), 40);
        assert_eq!((big["k0"], big["k3"], big["k39"]), (98, 99, 39));
        assert_eq!(
            big.keys().take(4).collect::<Vec<_>>(),
            ["k0", "k1", "k2", "k3"]
        );
    }

    #[test]
    fn insert_and_remove_keep_the_others_in_place() {
        let mut map: OrderedMap<String, i32> = [("b", 1), ("a", 2)].into_iter().collect();
        assert_eq!(map.insert("b", 5), Some(1));
        assert_eq!(map.insert("c", 6), None);
        assert_eq!(map.remove("a"), Some(2));
        assert_eq!(map.iter().collect::<Vec<_>>(), [("b", &5), ("c", &6)]);
    }
}
