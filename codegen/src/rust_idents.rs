//! Spelling as Rust identifiers: a wire name, schema title or enum value becomes a
//! `snake_case`, `UpperCamelCase` or `SCREAMING_SNAKE_CASE` identifier, keywords and leading
//! digits avoided, deterministically. It spells one string at a time; which name a type gets
//! across the whole schema set is `lower/naming.rs`'s decision.

/// Split a name into words at case changes, digits-to-letters changes and separators:
/// `fromBSUID` → [from, BSUID], `SMSReceived` → [SMS, Received], `Control/Typing` → [Control, Typing].
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(|n| n.is_lowercase()))
                || (prev.is_ascii_digit() != c.is_ascii_digit()
                    && prev.is_alphabetic()
                    && c.is_ascii_digit());
            if boundary {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `UpperCamelCase`, with acronyms folded (`SMSReceived` → `SmsReceived`).
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(&chars.as_str().to_lowercase());
        }
    }
    not_self(sanitize(out, "V"))
}

/// `Self` is the one capitalised keyword: as a type or variant name it takes a trailing
/// underscore, as keywords do in `snake`.
fn not_self(name: String) -> String {
    if name == "Self" {
        "Self_".into()
    } else {
        name
    }
}

/// `snake_case`, with keywords avoided by a trailing underscore (`type` → `type_`).
pub fn snake(name: &str) -> String {
    let out = words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    let out = sanitize(out, "field_");
    if is_keyword(&out) {
        format!("{out}_")
    } else {
        out
    }
}

/// `snake_case` with symbols spelled out (`+1` → `plus_1`, `-1` → `minus_1`): for keys that
/// only differ in symbols.
pub fn snake_spelled(name: &str) -> String {
    let mut spelled = String::new();
    for c in name.chars() {
        let word = match c {
            '+' => "plus",
            '-' => "minus",
            '@' => "at",
            '#' => "hash",
            '$' => "dollar",
            '.' => "dot",
            '*' => "star",
            '/' => "slash",
            '%' => "percent",
            '&' => "and",
            '!' => "bang",
            '?' => "question",
            '=' => "eq",
            '<' => "lt",
            '>' => "gt",
            '~' => "tilde",
            ':' => "colon",
            _ => {
                spelled.push(c);
                continue;
            }
        };
        spelled.push(' ');
        spelled.push_str(word);
        spelled.push(' ');
    }
    snake(&spelled)
}

/// `SCREAMING_SNAKE_CASE`.
pub fn screaming(name: &str) -> String {
    let out = words(name)
        .iter()
        .map(|w| w.to_uppercase())
        .collect::<Vec<_>>()
        .join("_");
    sanitize(out, "N_")
}

/// A type name taken from a schema title: kept as written when it is already an identifier
/// (so `AcsSmsReceivedEventData` stays exactly the service's model name), camel-cased otherwise.
pub fn type_name(title: &str) -> String {
    let is_ident = title.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && title.chars().all(|c| c.is_ascii_alphanumeric());
    if is_ident {
        not_self(title.to_string())
    } else {
        upper_camel(title)
    }
}

/// Whether `name` can be used as a Rust identifier as written (for names a schema gives
/// explicitly, such as `x-variant-name`).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars.next().is_some_and(|c| c == '_' || c.is_alphabetic());
    starts_well
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && name != "_"
        && !is_keyword(name)
        && name != "Self"
}

fn sanitize(name: String, prefix: &str) -> String {
    if name.is_empty() {
        return format!("{prefix}Empty").trim_end_matches('_').to_string();
    }
    if name.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return format!("{prefix}{name}");
    }
    name
}

fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "try"
            | "typeof"
            | "unsized"
            | "virtual"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_acronyms_and_separators() {
        assert_eq!(words("fromBSUID"), ["from", "BSUID"]);
        assert_eq!(words("SMSReceived"), ["SMS", "Received"]);
        assert_eq!(words("Control/Typing"), ["Control", "Typing"]);
        assert_eq!(
            words("deleteThreadAfterDays"),
            ["delete", "Thread", "After", "Days"]
        );
    }

    #[test]
    fn recognises_identifiers() {
        assert!(is_identifier("SmsReceived"));
        assert!(!is_identifier("Sms Received"));
        assert!(!is_identifier("9Lives"));
        assert!(!is_identifier("type"));
        assert!(!is_identifier("Self"));
    }

    #[test]
    fn converts_cases() {
        assert_eq!(snake("receivedTimeStamp"), "received_time_stamp");
        assert_eq!(snake("fromBSUID"), "from_bsuid");
        assert_eq!(snake("type"), "type_");
        assert_eq!(
            upper_camel("SMSDeliveryReportReceived"),
            "SmsDeliveryReportReceived"
        );
        assert_eq!(upper_camel("threadCreationDate"), "ThreadCreationDate");
        assert_eq!(upper_camel("2xx"), "V2xx");
        assert_eq!(screaming("SMSReceived"), "SMS_RECEIVED");
        assert_eq!(
            type_name("AcsSmsReceivedEventData"),
            "AcsSmsReceivedEventData"
        );
        assert_eq!(type_name("tree node"), "TreeNode");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(upper_camel("self"), "Self_");
    }
}
