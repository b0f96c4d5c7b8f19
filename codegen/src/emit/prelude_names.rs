//! Standard names as the prelude spells them. Emitters write std paths in full
//! (`::std::option::Option`), which is always right; this pass shortens each to the prelude's
//! name (`Option`) unless a generated item of that name would shadow it, so the output reads
//! as hand-written Rust does. The generated code is included into a module of its own, where
//! only generated items and the prelude are in scope.
//!
//! Exact, not a heuristic: a path is rewritten only when it starts with `::std`, in paths and in
//! the string attributes that hold paths (`skip_serializing_if = "…"`).

use std::collections::BTreeSet;

use proc_macro2::{Group, Ident, Literal, TokenStream, TokenTree};

/// Full path segments after `::std` → the prelude name, longest first so that
/// `Option::Some` becomes `Some`, not `Option::Some`. The second element names what must not be
/// shadowed for the rewrite to hold.
const PRELUDE: &[(&[&str], &str, &[&str])] = &[
    (&["option", "Option", "Some"], "Some", &["Some"]),
    (&["option", "Option", "None"], "None", &["None"]),
    (&["result", "Result", "Ok"], "Ok", &["Ok"]),
    (&["result", "Result", "Err"], "Err", &["Err"]),
    (&["option", "Option"], "Option", &["Option"]),
    (&["result", "Result"], "Result", &["Result"]),
    (&["string", "String"], "String", &["String"]),
    (&["vec", "Vec"], "Vec", &["Vec"]),
    (&["boxed", "Box"], "Box", &["Box"]),
    (&["convert", "Into"], "Into", &["Into"]),
    (&["convert", "From"], "From", &["From"]),
    (&["default", "Default"], "Default", &["Default"]),
    (&["clone", "Clone"], "Clone", &["Clone"]),
];

/// Keywords after which a `::std::…` path may start.
const KEYWORDS: &[&str] = &[
    "as", "const", "dyn", "else", "for", "if", "impl", "in", "let", "match", "move", "mut", "pub",
    "ref", "return", "static", "type", "where",
];

/// The prelude rewrites that hold given the names the generated code defines.
pub struct Prelude<'n> {
    defined: &'n BTreeSet<String>,
}

impl<'n> Prelude<'n> {
    /// `defined`: every name the generated module defines or re-exports.
    pub fn new(defined: &'n BTreeSet<String>) -> Self {
        Prelude { defined }
    }

    fn usable(&self, needs: &[&str]) -> bool {
        needs.iter().all(|name| !self.defined.contains(*name))
    }

    /// `tokens` with each std path the prelude names shortened.
    pub fn rewrite(&self, tokens: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        let mut i = 0;
        'tokens: while i < trees.len() {
            let path_start = match i.checked_sub(1).map(|p| &trees[p]) {
                // `a::std::…` continues a path; after a keyword (`impl ::std::…`) one starts.
                Some(TokenTree::Ident(prev)) => KEYWORDS.contains(&prev.to_string().as_str()),
                _ => true,
            };
            if let Some(after_std) = std_root(&trees[i..]).filter(|_| path_start) {
                for (segments, short, needs) in PRELUDE {
                    if let Some(len) = matches_segments(&trees[i + after_std..], segments) {
                        if self.usable(needs) {
                            let span = match &trees[i + 2] {
                                TokenTree::Ident(std) => std.span(),
                                _ => unreachable!("std_root matched an identifier"),
                            };
                            out.push(TokenTree::Ident(Ident::new(short, span)));
                            i += after_std + len;
                            continue 'tokens;
                        }
                    }
                }
            }
            out.push(match &trees[i] {
                TokenTree::Group(group) => {
                    let mut new = Group::new(group.delimiter(), self.rewrite(group.stream()));
                    new.set_span(group.span());
                    TokenTree::Group(new)
                }
                TokenTree::Literal(literal) => TokenTree::Literal(self.in_string(literal)),
                other => other.clone(),
            });
            i += 1;
        }
        out.into_iter().collect()
    }

    /// A string literal holding a std path the prelude names, shortened.
    fn in_string(&self, literal: &Literal) -> Literal {
        let text = literal.to_string();
        let Some(path) = text
            .strip_prefix("\"::std::")
            .and_then(|rest| rest.strip_suffix('"'))
        else {
            return literal.clone();
        };
        let parts: Vec<&str> = path.split("::").collect();
        for (segments, short, needs) in PRELUDE {
            if parts.starts_with(segments) && self.usable(needs) {
                let rest = &parts[segments.len()..];
                let value = std::iter::once(*short)
                    .chain(rest.iter().copied())
                    .collect::<Vec<_>>()
                    .join("::");
                let mut new = Literal::string(&value);
                new.set_span(literal.span());
                return new;
            }
        }
        literal.clone()
    }
}

/// The number of tokens of a leading `::std::`, when `trees` starts with one.
fn std_root(trees: &[TokenTree]) -> Option<usize> {
    match trees {
        [TokenTree::Punct(a), TokenTree::Punct(b), TokenTree::Ident(std), TokenTree::Punct(c), TokenTree::Punct(d), ..]
            if a.as_char() == ':'
                && b.as_char() == ':'
                && std == "std"
                && c.as_char() == ':'
                && d.as_char() == ':' =>
        {
            Some(5)
        }
        _ => None,
    }
}

/// The number of tokens `segments` (`a::b::c`) take at the start of `trees`, when they are there
/// and the path ends with them (no further `::` segment).
fn matches_segments(trees: &[TokenTree], segments: &[&str]) -> Option<usize> {
    let mut at = 0;
    for (n, segment) in segments.iter().enumerate() {
        if n > 0 {
            match trees.get(at..at + 2) {
                Some([TokenTree::Punct(a), TokenTree::Punct(b)])
                    if a.as_char() == ':' && b.as_char() == ':' =>
                {
                    at += 2
                }
                _ => return None,
            }
        }
        match trees.get(at) {
            Some(TokenTree::Ident(ident)) if ident == segment => at += 1,
            _ => return None,
        }
    }
    // `Option::is_none` stays `Option::is_none`: only whole matches of a table entry's path are
    // shortened, and a longer path keeps its tail after the shortened prefix.
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn rewrite(defined: &[&str], tokens: TokenStream) -> String {
        let defined = defined.iter().map(|s| s.to_string()).collect();
        Prelude::new(&defined).rewrite(tokens).to_string()
    }

    #[test]
    fn std_paths_become_prelude_names_in_types_patterns_and_strings() {
        let out = rewrite(
            &[],
            quote! {
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                f: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
                g: match x { ::std::option::Option::Some(v) => v, ::std::option::Option::None => ::std::default::Default::default() },
                h: ::std::option::Option::is_some(&y),
                i: ::std::fmt::Result,
            },
        );
        assert_eq!(
            out,
            quote! {
                #[serde(skip_serializing_if = "Option::is_none")]
                f: Option<Vec<String>>,
                g: match x { Some(v) => v, None => Default::default() },
                h: Option::is_some(&y),
                i: ::std::fmt::Result,
            }
            .to_string()
        );
    }

    #[test]
    fn a_generated_name_that_would_shadow_the_prelude_keeps_the_full_path() {
        let out = rewrite(
            &["String", "Some"],
            quote!(a: ::std::string::String, b: ::std::option::Option::Some(1), c: ::std::vec::Vec<u8>, d: "::std::string::String"),
        );
        assert_eq!(
            out,
            // `Some` is taken, `Option` is not.
            quote!(a: ::std::string::String, b: Option::Some(1), c: Vec<u8>, d: "::std::string::String").to_string()
        );
    }

    #[test]
    fn only_paths_rooted_at_std_change() {
        let tokens = quote!(a: my::std::option::Option<u8>, b: ::core::option::Option<u8>, c: std::option::Option<u8>);
        assert_eq!(rewrite(&[], tokens.clone()), tokens.to_string());
    }
}
