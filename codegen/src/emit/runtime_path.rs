//! The runtime's path in the output. Emitters name the runtime `::eventgen_runtime`; when the
//! user's crate reaches it another way (a renamed dependency, a re-export), this pass puts the
//! configured path in its place: in paths, and in the string attributes that hold paths
//! (`serialize_with = "::eventgen_runtime::…"`, `#[serde(crate = "…")]`).
//!
//! Exact, not a heuristic: `eventgen_runtime` is only ever the first segment of a path in
//! emitted code, never a field, variable or later segment.

use proc_macro2::{Group, Literal, TokenStream, TokenTree};

use crate::ir::DEFAULT_RUNTIME_PATH;

const NAME: &str = "eventgen_runtime";

/// `tokens` with every `::eventgen_runtime` replaced by `path` (tokens of a path, such as
/// `::acs_events::runtime` or `crate::rt`).
pub fn replace(tokens: TokenStream, path: &str) -> TokenStream {
    if path == DEFAULT_RUNTIME_PATH {
        return tokens;
    }
    let replacement: TokenStream = path.parse().expect("the configured path was checked");
    rewrite(tokens, path, &replacement)
}

fn rewrite(tokens: TokenStream, path: &str, replacement: &TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        if let [TokenTree::Punct(a), TokenTree::Punct(b), TokenTree::Ident(name), ..] = &trees[i..]
        {
            if a.as_char() == ':' && b.as_char() == ':' && name == NAME {
                out.extend(replacement.clone());
                i += 3;
                continue;
            }
        }
        out.push(match &trees[i] {
            TokenTree::Group(group) => {
                let inner = rewrite(group.stream(), path, replacement);
                let mut new = Group::new(group.delimiter(), inner);
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            TokenTree::Literal(literal) => TokenTree::Literal(in_string(literal, path)),
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// A string literal that starts with the runtime's path, with `path` in its place.
fn in_string(literal: &Literal, path: &str) -> Literal {
    let text = literal.to_string();
    let prefix = format!("\"{DEFAULT_RUNTIME_PATH}");
    match text.strip_prefix(&prefix) {
        Some(rest) if rest.starts_with("::") || rest == "\"" => {
            let value = format!("{path}{}", &rest[..rest.len() - 1]);
            Literal::string(&value)
        }
        _ => literal.clone(),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn paths_and_path_strings_take_the_configured_path() {
        let tokens = quote! {
            impl ::eventgen_runtime::__private::serde::Serialize for X {}
            #[serde(crate = "::eventgen_runtime::__private::serde", rename = "eventgen_runtime")]
            struct Y(Vec<::eventgen_runtime::RawJson>);
        };
        let out = replace(tokens, "::acs_events::runtime").to_string();
        assert_eq!(
            out,
            quote! {
                impl ::acs_events::runtime::__private::serde::Serialize for X {}
                #[serde(crate = "::acs_events::runtime::__private::serde", rename = "eventgen_runtime")]
                struct Y(Vec<::acs_events::runtime::RawJson>);
            }
            .to_string()
        );
    }

    #[test]
    fn the_default_path_leaves_the_tokens_as_they_are() {
        let tokens = quote!(::eventgen_runtime::Event<EventData>);
        assert_eq!(
            replace(tokens.clone(), DEFAULT_RUNTIME_PATH).to_string(),
            tokens.to_string()
        );
    }
}
