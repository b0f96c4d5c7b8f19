//! The owned envelope's string members in one allocation: an owned event costs one allocation
//! for its envelope's strings however many it has (Event Grid's six, CloudEvents' up to seven),
//! where a `String` each would cost one per member.

/// The envelope's string members, in the order their text is packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Member {
    Id,
    EventType,
    Source,
    Subject,
    DataVersion,
    MetadataVersion,
    SpecVersion,
    DataContentType,
    DataSchema,
}

const MEMBERS: usize = 9;

/// Each present member's text, one after another in [`Member`] order, in one buffer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PackedStrings {
    text: Box<str>,
    /// Where each member's text ends; it starts where the previous member's ends.
    ends: [usize; MEMBERS],
    /// Bit `m` is set when member `m` is present (an absent member is empty, and so is an
    /// empty string: this tells them apart).
    present: u16,
}

impl PackedStrings {
    /// The members' values, indexed by [`Member`], packed into one allocation of their total size.
    pub(crate) fn pack(values: [Option<&str>; MEMBERS]) -> Self {
        let total = values.iter().flatten().map(|value| value.len()).sum();
        let mut text = String::with_capacity(total);
        let mut ends = [0; MEMBERS];
        let mut present = 0;
        for (member, value) in values.iter().enumerate() {
            if let Some(value) = value {
                text.push_str(value);
                present |= 1 << member;
            }
            ends[member] = text.len();
        }
        PackedStrings {
            text: text.into_boxed_str(),
            ends,
            present,
        }
    }

    /// One member's value.
    pub(crate) fn get(&self, member: Member) -> Option<&str> {
        let index = member as usize;
        if self.present & (1 << index) == 0 {
            return None;
        }
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        Some(&self.text[start..self.ends[index]])
    }

    /// The same members with `member` set to `value` (packed anew: for building, not parsing).
    pub(crate) fn with(&self, member: Member, value: Option<&str>) -> Self {
        let mut values = self.values();
        values[member as usize] = value;
        PackedStrings::pack(values)
    }

    fn values(&self) -> [Option<&str>; MEMBERS] {
        ALL.map(|member| self.get(member))
    }
}

const ALL: [Member; MEMBERS] = [
    Member::Id,
    Member::EventType,
    Member::Source,
    Member::Subject,
    Member::DataVersion,
    Member::MetadataVersion,
    Member::SpecVersion,
    Member::DataContentType,
    Member::DataSchema,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_member_reads_back_as_packed_absent_and_empty_apart() {
        let values = [
            Some("id-1"),
            Some("Contoso.X"),
            None,
            Some(""),
            Some("1.0"),
            None,
            None,
            Some("application/json"),
            Some("é"),
        ];
        let packed = PackedStrings::pack(values);
        assert_eq!(packed.values(), values);
        assert_eq!(packed.get(Member::Subject), Some(""));
        assert_eq!(packed.get(Member::Source), None);
        assert_eq!(
            &*packed.text, "id-1Contoso.X1.0application/jsoné",
            "one buffer, in member order"
        );
    }

    #[test]
    fn setting_a_member_keeps_the_others() {
        let packed = PackedStrings::pack([
            Some("a"),
            Some("b"),
            Some("c"),
            None,
            None,
            None,
            None,
            None,
            Some("z"),
        ]);
        let changed = packed
            .with(Member::Subject, Some("subject"))
            .with(Member::Source, None);
        assert_eq!(
            changed.values(),
            [
                Some("a"),
                Some("b"),
                None,
                Some("subject"),
                None,
                None,
                None,
                None,
                Some("z")
            ]
        );
        assert_eq!(
            changed
                .with(Member::Subject, None)
                .with(Member::Source, Some("c")),
            packed
        );
    }

    #[test]
    fn the_order_of_all_is_the_order_of_the_discriminants() {
        for (index, member) in ALL.iter().enumerate() {
            assert_eq!(*member as usize, index);
        }
    }
}
