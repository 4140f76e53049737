//! The person panels of a distribution file, held compactly: every id once, each panel as
//! indices into that table. A LEXIMIN distribution for n=1500, k=600 has ~30,000 panels of
//! 600 members; as one `String` per member they took 1.45 GB to write and as much to read.
//! The JSON is unchanged: `[{"members": [id, ...], "probability": p}, ...]`.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;

/// One panel: its members as indices into [`Panels::ids`], and its probability.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub members: Vec<u32>,
    pub probability: f64,
}

/// The panels of a distribution and the id table their members index into. Two are equal
/// when they list the same panels (ids and probabilities), whatever their id tables.
#[derive(Debug, Clone, Default)]
pub struct Panels {
    pub ids: Vec<String>,
    pub entries: Vec<Panel>,
}

impl Panels {
    /// Panels over the given id table, each panel's members in ascending id order and the
    /// panels in ascending order of their member lists (the canonical order of the file).
    /// `ids` must be sorted: then index order is id order.
    pub fn canonical(ids: Vec<String>, mut entries: Vec<Panel>) -> Self {
        debug_assert!(ids.windows(2).all(|w| w[0] < w[1]), "id table not sorted");
        for e in &mut entries {
            e.members.sort_unstable();
        }
        entries.sort_by(|a, b| a.members.cmp(&b.members));
        Panels { ids, entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The ids of one panel's members.
    pub fn member_ids<'a>(&'a self, panel: &'a Panel) -> impl Iterator<Item = &'a str> + 'a {
        panel.members.iter().map(|&i| self.ids[i as usize].as_str())
    }
}

impl PartialEq for Panels {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.entries.iter().zip(&other.entries).all(|(a, b)| {
                a.probability == b.probability && self.member_ids(a).eq(other.member_ids(b))
            })
    }
}

struct MemberList<'a>(&'a Panels, &'a Panel);

impl Serialize for MemberList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.members.len()))?;
        for id in self.0.member_ids(self.1) {
            seq.serialize_element(id)?;
        }
        seq.end()
    }
}

impl Serialize for Panels {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.entries.len()))?;
        for e in &self.entries {
            seq.serialize_element(&Entry(self, e))?;
        }
        seq.end()
    }
}

struct Entry<'a>(&'a Panels, &'a Panel);

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("members", &MemberList(self.0, self.1))?;
        map.serialize_entry("probability", &self.1.probability)?;
        map.end()
    }
}

/// Reading: ids are interned as they come, so each is stored once.
#[derive(Default)]
struct Interner {
    ids: Vec<String>,
    index: HashMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.ids.push(id.to_string());
        self.index.insert(id.to_string(), i);
        i
    }
}

impl<'de> Deserialize<'de> for Panels {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(PanelsVisitor)
    }
}

struct PanelsVisitor;

impl<'de> Visitor<'de> for PanelsVisitor {
    type Value = Panels;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of panels")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Panels, A::Error> {
        let mut interner = Interner::default();
        let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(e) = seq.next_element_seed(EntrySeed(&mut interner))? {
            entries.push(e);
        }
        Ok(Panels {
            ids: interner.ids,
            entries,
        })
    }
}

struct EntrySeed<'a>(&'a mut Interner);

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = Panel;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Panel, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_> {
    type Value = Panel;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a panel {\"members\": [...], \"probability\": p}")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Panel, A::Error> {
        let (mut members, mut probability) = (None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "members" if members.is_none() => {
                    members = Some(map.next_value_seed(MembersSeed(self.0))?)
                }
                "probability" if probability.is_none() => probability = Some(map.next_value()?),
                "members" | "probability" => {
                    return Err(de::Error::custom(format!("duplicate field `{key}`")));
                }
                _ => {
                    return Err(de::Error::unknown_field(&key, &["members", "probability"]));
                }
            }
        }
        Ok(Panel {
            members: members.ok_or_else(|| de::Error::missing_field("members"))?,
            probability: probability.ok_or_else(|| de::Error::missing_field("probability"))?,
        })
    }
}

struct MembersSeed<'a>(&'a mut Interner);

impl<'de> DeserializeSeed<'de> for MembersSeed<'_> {
    type Value = Vec<u32>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<u32>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for MembersSeed<'_> {
    type Value = Vec<u32>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of member ids")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u32>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(id) = seq.next_element::<std::borrow::Cow<'de, str>>()? {
            out.push(self.0.intern(&id));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_the_file_format() {
        let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let p = Panels::canonical(
            ids,
            vec![
                Panel {
                    members: vec![3, 1],
                    probability: 0.25,
                },
                Panel {
                    members: vec![2, 0],
                    probability: 0.75,
                },
            ],
        );
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"[{"members":["a","c"],"probability":0.75},{"members":["b","d"],"probability":0.25}]"#
        );
        let back: Panels = serde_json::from_str(&json).unwrap();
        // Ids are interned in order of appearance; the panels read back are the same.
        assert_eq!(back.ids, ["a", "c", "b", "d"]);
        let read: Vec<(Vec<&str>, f64)> = back
            .entries
            .iter()
            .map(|e| (back.member_ids(e).collect(), e.probability))
            .collect();
        assert_eq!(read, [(vec!["a", "c"], 0.75), (vec!["b", "d"], 0.25)]);
    }

    #[test]
    fn bad_panels_are_rejected_with_the_field() {
        let e = serde_json::from_str::<Panels>(r#"[{"members":["a"]}]"#).unwrap_err();
        assert!(e.to_string().contains("missing field `probability`"), "{e}");
        let e = serde_json::from_str::<Panels>(r#"[{"members":[1],"probability":1}]"#).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
        let e = serde_json::from_str::<Panels>(r#"[{"people":[],"probability":1}]"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `people`"), "{e}");
    }
}
