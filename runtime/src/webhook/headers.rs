//! Typed access to the `aeg-*` headers Event Grid sends with every request.

use http::HeaderMap;

/// What an Event Grid request is, per its `aeg-event-type` header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AegEventType {
    /// `SubscriptionValidation`: the validation handshake.
    SubscriptionValidation,
    /// `Notification`: events.
    Notification,
    /// `SubscriptionDeletion`: the subscription was deleted.
    SubscriptionDeletion,
    /// A value this crate does not know, as sent.
    Other(String),
}

/// The `aeg-*` headers of a request. Header names are case-insensitive; values that are absent
/// or not what they should be are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AegHeaders {
    /// `aeg-event-type`.
    pub event_type: Option<AegEventType>,
    /// `aeg-subscription-name` (Event Grid sends it upper-cased).
    pub subscription_name: Option<String>,
    /// `aeg-delivery-count`: a hint only; senders disagree on whether the first attempt is 0 or 1.
    pub delivery_count: Option<u32>,
    /// `aeg-data-version` (Event Grid schema only).
    pub data_version: Option<String>,
    /// `aeg-metadata-version`.
    pub metadata_version: Option<String>,
    /// `aeg-output-event-id`.
    pub output_event_id: Option<String>,
}

impl AegHeaders {
    /// The `aeg-*` headers of a request's header map.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
        };
        AegHeaders {
            event_type: text("aeg-event-type").map(|v| match v.to_ascii_lowercase().as_str() {
                "subscriptionvalidation" => AegEventType::SubscriptionValidation,
                "notification" => AegEventType::Notification,
                "subscriptiondeletion" => AegEventType::SubscriptionDeletion,
                _ => AegEventType::Other(v),
            }),
            subscription_name: text("aeg-subscription-name"),
            delivery_count: text("aeg-delivery-count").and_then(|v| v.parse().ok()),
            data_version: text("aeg-data-version"),
            metadata_version: text("aeg-metadata-version"),
            output_event_id: text("aeg-output-event-id"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_case_insensitively() {
        let mut headers = HeaderMap::new();
        headers.insert("AEG-EVENT-TYPE", "SubscriptionValidation".parse().unwrap());
        headers.insert("Aeg-Subscription-Name", "MY-SUB".parse().unwrap());
        headers.insert("aeg-delivery-count", "0".parse().unwrap());
        headers.insert("aeg-metadata-version", "1".parse().unwrap());
        let aeg = AegHeaders::from_headers(&headers);
        assert_eq!(aeg.event_type, Some(AegEventType::SubscriptionValidation));
        assert_eq!(aeg.subscription_name.as_deref(), Some("MY-SUB"));
        assert_eq!(aeg.delivery_count, Some(0));
        assert_eq!(aeg.metadata_version.as_deref(), Some("1"));
        assert_eq!(aeg.data_version, None);
    }
}
