//! A data file that cannot be used, with where and why. One shape for every file tierdesk
//! reads (a tier scheme, a grading model, a questionnaire, the config), so that each loader
//! reports alike: `file, line 4, rule 2: problem`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The file as the message names it (the path the user gave, or the shipped file's).
    pub file: String,
    pub line: Option<usize>,
    /// The part of the file at fault, when the problem is in one.
    pub part: Option<Part>,
    pub problem: String,
}

/// Where in a file a problem is, beyond its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A grading model's entry: `indicator "margin"`, `rule 3`, `band 2`, `quota 1`, `score`.
    Entry(String),
    /// A questionnaire's question, by its id.
    Question(String),
}

impl SourceError {
    /// The problem of a whole file or of one line of it.
    pub fn at(file: impl Into<String>, line: Option<usize>, problem: impl Into<String>) -> Self {
        Self { file: file.into(), line, part: None, problem: problem.into() }
    }

    /// The grading model entry at fault, if any.
    pub fn entry(&self) -> Option<&str> {
        match &self.part {
            Some(Part::Entry(e)) => Some(e),
            _ => None,
        }
    }

    /// The questionnaire question at fault, if any.
    pub fn question(&self) -> Option<&str> {
        match &self.part {
            Some(Part::Question(q)) => Some(q),
            _ => None,
        }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        match &self.part {
            Some(Part::Entry(entry)) => write!(f, ", {entry}")?,
            Some(Part::Question(id)) => write!(f, ": question \"{id}\"")?,
            None => {}
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for SourceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_reads_as_its_loader_always_wrote_it() {
        let mut e = SourceError::at("bad.toml", Some(4), "no tiers");
        assert_eq!(e.to_string(), "bad.toml, line 4: no tiers");
        e.line = None;
        assert_eq!(e.to_string(), "bad.toml: no tiers");
        e.line = Some(2);
        e.part = Some(Part::Entry("rule 3".into()));
        assert_eq!(e.to_string(), "bad.toml, line 2, rule 3: no tiers");
        assert_eq!((e.entry(), e.question()), (Some("rule 3"), None));
        e.part = Some(Part::Question("q1".into()));
        assert_eq!(e.to_string(), "bad.toml, line 2: question \"q1\": no tiers");
        assert_eq!((e.entry(), e.question()), (None, Some("q1")));
    }
}
