//! Translations: every user-facing string comes from a Fluent catalogue (`locales/*.ftl`, embedded).
//! The language follows the browser's `Accept-Language` until the person picks one with the language switch
//! (a `lang` cookie).

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Pick from an `Accept-Language` header: the supported language with the highest weight;
    /// Dutch when there is no header, English when the header names neither.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language.filter(|h| !h.trim().is_empty()) else {
            return Lang::Nl;
        };
        let mut best: Option<(f32, usize, Lang)> = None;
        for (i, part) in header.split(',').enumerate() {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim();
            let q = it
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && q > 0.0
                && best.is_none_or(|(bq, bi, _)| q > bq || (q == bq && i < bi))
            {
                best = Some((q, i, lang));
            }
        }
        best.map(|(_, _, l)| l).unwrap_or(Lang::En)
    }
}

/// Both catalogues, loaded once.
pub struct Catalogues {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

const NL: &str = include_str!("../locales/nl.ftl");
const EN: &str = include_str!("../locales/en.ftl");

impl Catalogues {
    pub fn load() -> Arc<Self> {
        let mut bundles = HashMap::new();
        for (lang, src) in [(Lang::Nl, NL), (Lang::En, EN)] {
            let res = FluentResource::try_new(src.to_string())
                .unwrap_or_else(|(_, errs)| panic!("locales/{}.ftl: {errs:?}", lang.code()));
            let langid = lang.code().parse().expect("valid language id");
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // No Unicode isolation marks: the strings go into HTML, where they would show up in copy-paste.
            bundle.set_use_isolating(false);
            bundle.add_resource(res).expect("no duplicate message ids");
            bundles.insert(lang, bundle);
        }
        Arc::new(Self { bundles })
    }

    /// The message `key` in `lang`, with arguments. A missing key shows as the key itself (and is caught by the
    /// catalogue test).
    pub fn message(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = &self.bundles[&lang];
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!("missing translation {key} ({})", lang.code());
            return key.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = vec![];
        let out = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        out.into_owned()
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundles[&lang].has_message(key)
    }

    /// Message ids in a catalogue's source, for the completeness test.
    pub fn ids(lang: Lang) -> Vec<String> {
        let src = match lang {
            Lang::Nl => NL,
            Lang::En => EN,
        };
        src.lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next().map(|s| s.trim().to_string()))
            .collect()
    }
}

/// A translator bound to one request's language, handed to every template.
#[derive(Clone)]
pub struct Tr {
    pub lang: Lang,
    cat: Arc<Catalogues>,
}

impl Tr {
    pub fn new(cat: Arc<Catalogues>, lang: Lang) -> Self {
        Self { lang, cat }
    }

    pub fn t(&self, key: &str) -> String {
        self.cat.message(self.lang, key, &[])
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.cat.message(
            self.lang,
            key,
            &[(name, FluentValue::from(value.to_string()))],
        )
    }

    /// A message with one numeric argument (for plurals).
    pub fn tn(&self, key: &str, name: &str, value: i64) -> String {
        self.cat
            .message(self.lang, key, &[(name, FluentValue::from(value))])
    }

    /// A message with several numeric arguments.
    pub fn tns(&self, key: &str, args: &[(&str, i64)]) -> String {
        let args: Vec<_> = args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(*v)))
            .collect();
        self.cat.message(self.lang, key, &args)
    }

    /// A message with several text arguments.
    pub fn targs(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<_> = args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(v.clone())))
            .collect();
        self.cat.message(self.lang, key, &args)
    }

    pub fn has(&self, key: &str) -> bool {
        self.cat.has(self.lang, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation() {
        assert_eq!(Lang::negotiate(None), Lang::Nl);
        assert_eq!(Lang::negotiate(Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(Lang::negotiate(Some("nl-BE,nl;q=0.9,en;q=0.8")), Lang::Nl);
        assert_eq!(Lang::negotiate(Some("fr-FR,en;q=0.5,nl;q=0.7")), Lang::Nl);
        assert_eq!(Lang::negotiate(Some("de")), Lang::En);
        assert_eq!(Lang::negotiate(Some("nl;q=0,en")), Lang::En);
    }

    #[test]
    fn catalogues_have_the_same_keys() {
        let nl = Catalogues::ids(Lang::Nl);
        let en = Catalogues::ids(Lang::En);
        let missing_en: Vec<_> = nl.iter().filter(|k| !en.contains(k)).collect();
        let missing_nl: Vec<_> = en.iter().filter(|k| !nl.contains(k)).collect();
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
        assert!(missing_nl.is_empty(), "missing in nl.ftl: {missing_nl:?}");
        // And both parse.
        let cat = Catalogues::load();
        for k in &nl {
            assert!(cat.has(Lang::Nl, k) && cat.has(Lang::En, k), "{k}");
        }
    }
}

#[cfg(test)]
mod usage_tests {
    use super::*;

    /// Every message id the templates and handlers ask for exists in both catalogues.
    #[test]
    fn every_used_key_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = vec![];
        for dir in ["templates", "src", "src/pages"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let p = entry.unwrap().path();
                if p.is_file() {
                    sources.push(std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        let cat = Catalogues::load();
        let mut missing = vec![];
        for src in &sources {
            for call in [".t(\"", ".t1(\"", ".tn(\"", ".tns(\"", "fail(ctx, \""] {
                for (i, _) in src.match_indices(call) {
                    let rest = &src[i + call.len()..];
                    let key: String = rest.chars().take_while(|c| *c != '"').collect();
                    if key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        && !key.is_empty()
                        && !(cat.has(Lang::Nl, &key) && cat.has(Lang::En, &key))
                    {
                        missing.push(key);
                    }
                }
            }
        }
        // Keys built from the domain's vocabularies.
        use g1000_store::{GroupKind, JoinMethod, Role, RoundKind};
        let mut dynamic: Vec<String> = vec![];
        dynamic.extend(Role::ALL.iter().map(|r| format!("role-{r}")));
        dynamic.extend(RoundKind::ALL.iter().map(|k| format!("round-kind-{k}")));
        dynamic.extend(GroupKind::ALL.iter().map(|k| format!("group-kind-{k}")));
        dynamic.extend(JoinMethod::ALL.iter().map(|k| format!("join-{k}")));
        dynamic.extend(JoinMethod::ALL.iter().map(|k| format!("join-how-{k}")));
        dynamic.extend(
            crate::forms::SUMMIT_LANGUAGES
                .iter()
                .map(|l| format!("language-{l}")),
        );
        dynamic.extend((1..=12).map(|m| format!("month-{m}")));
        dynamic.extend(
            GroupKind::ALL
                .iter()
                .filter(|k| **k != GroupKind::Other)
                .map(|k| format!("group-blurb-{k}")),
        );
        dynamic.extend(crate::forms::DIETS.iter().map(|d| format!("diet-{d}")));
        dynamic.extend(
            crate::forms::INTERPRETER_LANGUAGES
                .iter()
                .map(|l| format!("language-{l}")),
        );
        dynamic.extend(
            g1000_store::BatchKind::ALL
                .iter()
                .map(|k| format!("batch-kind-{k}")),
        );
        for key in dynamic {
            if !(cat.has(Lang::Nl, &key) && cat.has(Lang::En, &key)) {
                missing.push(key);
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "missing translations: {missing:?}");
    }
}
