//! Counts in words: "1 event", "2 events", "0 warnings".

/// `n` and `noun`, the noun plural unless `n` is 1. Every noun the CLI counts takes an `s`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(0, "event"), "0 events");
        assert_eq!(count(1, "event"), "1 event");
        assert_eq!(count(2, "warning"), "2 warnings");
    }
}
