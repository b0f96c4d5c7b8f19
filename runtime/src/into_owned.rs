//! The owned form of a borrowed payload value: what `#[derive(Payload)]`'s `into_owned()` calls
//! for each field that borrows, so containers (`Option`, `Vec`, `Box`, maps) convert their
//! contents without a generated closure per field.

use crate::cow_str::CowStr;
use crate::OrderedMap;

/// A value of the borrowed form converted to the owned form's, copying borrowed strings.
pub trait IntoOwned {
    /// The owned form's type.
    type Owned;
    /// The value in the owned form.
    fn into_owned(self) -> Self::Owned;
}

impl IntoOwned for CowStr<'_> {
    type Owned = String;
    fn into_owned(self) -> String {
        CowStr::into_owned(self)
    }
}

impl IntoOwned for crate::borrowed::RawJson<'_> {
    type Owned = crate::RawJson;
    fn into_owned(self) -> crate::RawJson {
        crate::borrowed::RawJson::into_owned(self)
    }
}

impl<T: IntoOwned> IntoOwned for Option<T> {
    type Owned = Option<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.map(T::into_owned)
    }
}

impl<T: IntoOwned> IntoOwned for Vec<T> {
    type Owned = Vec<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.into_iter().map(T::into_owned).collect()
    }
}

impl<T: IntoOwned> IntoOwned for Box<T> {
    type Owned = Box<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        Box::new((*self).into_owned())
    }
}

impl<'a, V: IntoOwned> IntoOwned for OrderedMap<CowStr<'a>, V> {
    type Owned = OrderedMap<String, V::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.map_entries(|(k, v)| (k.into_owned(), v.into_owned()))
    }
}

/// Values that hold no borrowed text are their own owned form.
macro_rules! owned_as_is {
    ($($ty:ty),*) => {$(
        impl IntoOwned for $ty {
            type Owned = $ty;
            fn into_owned(self) -> $ty {
                self
            }
        }
    )*};
}
owned_as_is!(
    bool,
    i32,
    i64,
    f64,
    (),
    time::OffsetDateTime,
    crate::DateTime
);

/// Tuples (`prefixItems`, which the generator takes with 1 to 8 items) convert item by item.
macro_rules! tuples {
    ($(($($item:ident),+)),*) => {$(
        impl<$($item: IntoOwned),+> IntoOwned for ($($item,)+) {
            type Owned = ($($item::Owned,)+);
            #[allow(non_snake_case)]
            fn into_owned(self) -> Self::Owned {
                let ($($item,)+) = self;
                ($($item.into_owned(),)+)
            }
        }
    )*};
}
tuples!(
    (A),
    (A, B),
    (A, B, C),
    (A, B, C, D),
    (A, B, C, D, E),
    (A, B, C, D, E, F),
    (A, B, C, D, E, F, G),
    (A, B, C, D, E, F, G, H)
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_convert_their_contents() {
        let value: Option<Vec<Box<CowStr<'_>>>> = Some(vec![Box::new(CowStr::borrowed("a"))]);
        assert_eq!(
            IntoOwned::into_owned(value),
            Some(vec![Box::new(String::from("a"))])
        );
        let map: OrderedMap<CowStr<'_>, i64> =
            OrderedMap::from_entries(vec![(CowStr::borrowed("k"), 1)]);
        let owned: OrderedMap<String, i64> = IntoOwned::into_owned(map);
        let entries: Vec<(String, i64)> = owned.iter().map(|(k, v)| (k.to_owned(), *v)).collect();
        assert_eq!(entries, [(String::from("k"), 1)]);
        let tuple = (CowStr::borrowed("t"), Some(2_i64), true);
        assert_eq!(
            IntoOwned::into_owned(tuple),
            (String::from("t"), Some(2), true)
        );
    }
}
