//! Reading a document as a stream: its header checked first, then each record handed to a
//! sink as it is parsed, so a document of a million contacts is never held in memory.

use std::io::Read;

use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{FORMAT, MoveProblem, SECTIONS, Section, VERSION};
use crate::store::{Result, StoreError};

/// What takes the records of a document, one at a time, in the document's order.
pub trait RecordSink {
    /// `index`: the record's place in its section, from 0.
    fn record(&mut self, section: &'static Section, index: u64, record: Value) -> Result<()>;
}

/// Read the document from `input`, handing every record to `sink`. The first failure (the
/// document's or the sink's) stops the reading and is returned.
pub fn read_document(input: impl Read, sink: &mut dyn RecordSink) -> Result<()> {
    let mut failed = None;
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, input));
    let read = Top { sink, failed: &mut failed }.deserialize(&mut de).and_then(|()| de.end());
    if let Some(e) = failed {
        return Err(e);
    }
    read.map_err(|e| StoreError::Move(MoveProblem::NotADocument(e.to_string())))
}

struct Top<'a> {
    sink: &'a mut dyn RecordSink,
    failed: &'a mut Option<StoreError>,
}

fn stop<E: serde::de::Error>(failed: &mut Option<StoreError>, problem: MoveProblem) -> E {
    *failed = Some(StoreError::Move(problem));
    E::custom("stopped")
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a tierdesk book document (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let (mut format, mut version) = (false, false);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let found: String = map.next_value()?;
                    if found != FORMAT {
                        return Err(stop(self.failed, MoveProblem::NotABookDocument(found)));
                    }
                    format = true;
                }
                "version" => {
                    let found: u64 = map.next_value()?;
                    if found > VERSION {
                        return Err(stop(self.failed, MoveProblem::NewerVersion { found, known: VERSION }));
                    }
                    version = true;
                }
                "exported_at" => {
                    map.next_value::<IgnoredAny>()?;
                }
                name => {
                    let Some(section) = SECTIONS.iter().find(|s| s.name == name) else {
                        return Err(stop(self.failed, MoveProblem::UnknownSection(name.to_string())));
                    };
                    if !(format && version) {
                        return Err(stop(self.failed, MoveProblem::MissingHeader));
                    }
                    map.next_value_seed(Records { section, sink: &mut *self.sink, failed: &mut *self.failed })?;
                }
            }
        }
        if !(format && version) {
            return Err(stop(self.failed, MoveProblem::MissingHeader));
        }
        Ok(())
    }
}

/// One section's array, each record handed on as it is parsed.
struct Records<'a> {
    section: &'static Section,
    sink: &'a mut dyn RecordSink,
    failed: &'a mut Option<StoreError>,
}

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "the list of {}", self.section.name)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut index = 0u64;
        while let Some(record) = seq.next_element::<Value>()? {
            if let Err(e) = self.sink.record(self.section, index, record) {
                *self.failed = Some(e);
                return Err(A::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
}
