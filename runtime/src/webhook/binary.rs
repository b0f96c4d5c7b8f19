//! CloudEvents HTTP binary mode: the attributes are `ce-*` headers and the body is the data.
//! The event is rebuilt as a structured CloudEvents object and parsed like any other, so both
//! modes give the same `Event`.

use http::HeaderMap;

/// Whether the request carries a CloudEvent in binary mode.
pub(crate) fn is_binary_mode(headers: &HeaderMap) -> bool {
    headers.contains_key("ce-specversion")
}

/// The structured JSON form of a binary-mode event, or why it cannot be built.
pub(crate) fn to_structured(headers: &HeaderMap, body: &[u8]) -> Result<Vec<u8>, String> {
    let mut object = serde_json::Map::new();
    for (name, value) in headers {
        let Some(attribute) = name.as_str().strip_prefix("ce-") else {
            continue;
        };
        let value = value
            .to_str()
            .map_err(|_| format!("header `{name}` is not text"))?;
        // Header values are percent-encoded where they are not printable ASCII.
        let value = percent_decode(value)
            .map_err(|()| format!("header `{name}` has a bad percent-encoding"))?;
        object.insert(attribute.to_string(), serde_json::Value::String(value));
    }
    if let Some(content_type) = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        object.insert("datacontenttype".into(), content_type.into());
        if !body.is_empty() && !is_json(content_type) {
            return Err(format!(
                "binary-mode data of content type `{content_type}` is not JSON"
            ));
        }
    }
    let mut text = serde_json::to_vec(&object).map_err(|e| e.to_string())?;
    if !body.is_empty() {
        let data =
            std::str::from_utf8(body).map_err(|_| "binary-mode data is not UTF-8".to_string())?;
        serde_json::from_str::<&serde_json::value::RawValue>(data)
            .map_err(|e| format!("binary-mode data is not JSON: {e}"))?;
        text.pop(); // the closing brace
        if !object.is_empty() {
            text.push(b',');
        }
        text.extend_from_slice(b"\"data\":");
        text.extend_from_slice(data.trim().as_bytes());
        text.push(b'}');
    }
    Ok(text)
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

fn percent_decode(value: &str) -> Result<String, ()> {
    if !value.contains('%') {
        return Ok(value.to_string());
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3).ok_or(())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| ())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ())
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
        let text = to_structured(&headers, br#" {"a": 1} "#).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&text).unwrap();
        assert_eq!(value["subject"], "café");
        assert_eq!(value["data"]["a"], 1);
        assert_eq!(value["datacontenttype"], "application/json; charset=utf-8");
        headers.insert("content-type", "text/plain".parse().unwrap());
        assert!(to_structured(&headers, b"hello")
            .unwrap_err()
            .contains("not JSON"));
    }
}
