//! CloudEvents HTTP binary mode: the attributes are `ce-*` headers and the body is the data. The
//! crate's binary-mode reader (`binary_mode.rs`, shared with `parse_message`) rebuilds the event
//! as a structured CloudEvents object, parsed like any other, so both modes give the same `Event`.

use http::HeaderMap;

/// The structured JSON form of the binary-mode event the headers carry: `Ok(None)` when they
/// carry none (no `ce-specversion`), or why it cannot be built.
pub(crate) fn to_structured(headers: &HeaderMap, body: &[u8]) -> Result<Option<Vec<u8>>, String> {
    // The HTTP binding's own marker: a structured request (almost every one) is decided by one
    // header lookup, without reading every header as a possible attribute.
    if !headers.contains_key("ce-specversion") {
        return Ok(None);
    }
    let pairs = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()));
    // Each message names the header or the data at fault.
    crate::binary_mode::to_structured(pairs, body).map_err(|error| error.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_the_structured_event() {
        let mut headers = HeaderMap::new();
        headers.insert("ce-specversion", "1.0".parse().unwrap());
        headers.insert("ce-id", "1".parse().unwrap());
        headers.insert("ce-type", "T".parse().unwrap());
        headers.insert("ce-subject", "caf%C3%A9".parse().unwrap());
        headers.insert(
            "content-type",
            "application/json; charset=utf-8".parse().unwrap(),
        );
        let text = to_structured(&headers, br#" {"a": 1} "#).unwrap().unwrap();
        let value: serde_json::Value = serde_json::from_slice(&text).unwrap();
        assert_eq!(value["subject"], "café");
        assert_eq!(value["data"]["a"], 1);
        assert_eq!(value["datacontenttype"], "application/json; charset=utf-8");
        headers.insert("content-type", "text/plain".parse().unwrap());
        assert!(to_structured(&headers, b"hello")
            .unwrap_err()
            .contains("not JSON"));
        headers.remove("ce-specversion");
        assert_eq!(to_structured(&headers, b"{}"), Ok(None));
    }
}
