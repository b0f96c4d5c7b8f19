//! Request authentication: shared secrets compared in constant time (several may be active at
//! once, for rotation) and a bearer-token hook the application implements (the library makes no
//! network calls, so validating an Entra ID token against cached keys is the application's job).

use http::HeaderMap;

/// Where Event Grid puts the shared secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretLocation {
    /// A query parameter of the endpoint URL, which Event Grid replays on every request.
    Query(String),
    /// A header set through the subscription's delivery properties.
    Header(http::HeaderName),
}

/// Validates the token of an `Authorization: Bearer …` header (for Entra ID protected
/// subscriptions: audience, issuer, signature against keys the application has cached).
pub trait BearerValidator: Send + Sync + 'static {
    /// Whether `token` (the header's value after `Bearer `) is accepted.
    fn validate(&self, token: &str) -> bool;
}

impl<F: Fn(&str) -> bool + Send + Sync + 'static> BearerValidator for F {
    fn validate(&self, token: &str) -> bool {
        self(token)
    }
}

/// Whether `presented` equals one of `secrets`. Every secret is compared, over the length of the
/// longer value, so the time taken does not depend on where the values differ or on which
/// secret matched.
pub(crate) fn secret_matches(secrets: &[String], presented: &[u8]) -> bool {
    let mut matched = false;
    for secret in secrets {
        matched |= constant_time_eq(secret.as_bytes(), presented);
    }
    matched
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let len = a.len().max(b.len());
    let mut difference = (a.len() ^ b.len()) as u64;
    for i in 0..len {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        difference |= u64::from(x ^ y);
    }
    // Keep the optimizer from turning the loop into an early exit.
    std::hint::black_box(difference) == 0
}

/// The secret as presented in the request, if any.
pub(crate) fn presented_secret(
    location: &SecretLocation,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Option<Vec<u8>> {
    match location {
        SecretLocation::Query(name) => form_urlencoded::parse(query?.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned().into_bytes()),
        SecretLocation::Header(name) => headers.get(name).map(|v| v.as_bytes().to_vec()),
    }
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_secrets_exactly() {
        let secrets = vec!["old-secret".to_string(), "new-secret".to_string()];
        assert!(secret_matches(&secrets, b"old-secret"));
        assert!(secret_matches(&secrets, b"new-secret"));
        assert!(!secret_matches(&secrets, b"new-secre"));
        assert!(!secret_matches(&secrets, b"new-secret2"));
        assert!(!secret_matches(&secrets, b""));
        assert!(!secret_matches(&[], b""));
    }

    #[test]
    fn reads_query_secrets_percent_decoded() {
        let location = SecretLocation::Query("code".into());
        let headers = HeaderMap::new();
        assert_eq!(
            presented_secret(&location, Some("a=1&code=s%2Bt+u"), &headers),
            Some(b"s+t u".to_vec())
        );
        assert_eq!(presented_secret(&location, Some("a=1"), &headers), None);
        assert_eq!(presented_secret(&location, None, &headers), None);
    }

    #[test]
    fn reads_bearer_tokens() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::AUTHORIZATION,
            "bearer abc.def".parse().unwrap(),
        );
        assert_eq!(bearer_token(&headers), Some("abc.def"));
        headers.insert(http::header::AUTHORIZATION, "Basic xyz".parse().unwrap());
        assert_eq!(bearer_token(&headers), None);
    }
}
