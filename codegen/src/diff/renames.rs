//! Which removed and added properties of one object are one property under another key.
//!
//! Two rules, tried in order:
//! - a **rename** ([`is_rename`]): the keys differ only in case or separators (and the type is
//!   the same), or one side lists the other's key as an alias (`x-aliases`). The schemas say it
//!   is the same property.
//! - a **likely rename** ([`likely_renames`]): what is left after the first rule, paired only
//!   when nothing else could be meant: exactly one removed and one added property, of identical
//!   type and presence; or, among several, a removed and an added property of identical type
//!   and presence whose keys (without case and separators) start or end with each other
//!   (`signedBy` and `signedByName`), each the other's only such candidate. The schemas do not
//!   say it is the same property, so the report says "likely".

use crate::ir::FieldDef;

/// The schemas say `before` and `after` are one property under two keys.
pub(super) fn is_rename(before: &FieldDef, after: &FieldDef) -> bool {
    before.wire_name.eq_ignore_ascii_case(&after.wire_name)
        || after.aliases.contains(&before.wire_name)
        || before.aliases.contains(&after.wire_name)
        || (before.ty == after.ty && normalized(&before.wire_name) == normalized(&after.wire_name))
}

/// The (removed, added) index pairs that are likely one property renamed, by the module's rule.
pub(super) fn likely_renames(removed: &[&FieldDef], added: &[&FieldDef]) -> Vec<(usize, usize)> {
    let alike = |a: &FieldDef, b: &FieldDef| a.ty == b.ty && a.presence() == b.presence();
    if let ([before], [after]) = (removed, added) {
        return if alike(before, after) {
            vec![(0, 0)]
        } else {
            Vec::new()
        };
    }
    let similar = |a: &FieldDef, b: &FieldDef| {
        let (a, b) = (normalized(&a.wire_name), normalized(&b.wire_name));
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        !short.is_empty() && (long.starts_with(&short) || long.ends_with(&short))
    };
    let candidate = |a: &FieldDef, b: &FieldDef| alike(a, b) && similar(a, b);
    let mut pairs = Vec::new();
    for (i, before) in removed.iter().enumerate() {
        let mut matches = added
            .iter()
            .enumerate()
            .filter(|(_, after)| candidate(before, after));
        let (Some((j, after)), None) = (matches.next(), matches.next()) else {
            continue;
        };
        // The added property must have no other candidate either.
        if removed.iter().filter(|b| candidate(b, after)).count() == 1 {
            pairs.push((i, j));
        }
    }
    pairs
}

/// A key without case and separators: `delivery_status` and `deliveryStatus` compare equal.
fn normalized(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
