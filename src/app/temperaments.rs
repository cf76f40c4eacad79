//! The customer temperaments in use: the config folder's `temperaments.toml` if there is
//! one (it replaces the shipped list whole), else the shipped `data/temperaments.toml`.

use std::path::Path;

use crate::domain::source::SourceError;
use crate::domain::temperament::Temperaments;

/// The file in the config folder that replaces the shipped temperaments.
pub const FILE_NAME: &str = "temperaments.toml";

/// The temperaments: `config_dir`'s own file, else the shipped ones. A file that cannot be
/// read or used is refused with its path, its line and the problem, as a bad config is;
/// a missing one is no problem.
pub fn temperaments(config_dir: Option<&Path>) -> Result<Temperaments, SourceError> {
    let Some(file) = config_dir.map(|d| d.join(FILE_NAME)) else {
        return Ok(crate::data::temperaments());
    };
    let name = file.display().to_string();
    match std::fs::read(&file) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| SourceError::at(&name, None, "not UTF-8 text"))?;
            Temperaments::parse(&name, &text)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(crate::data::temperaments()),
        Err(e) => Err(SourceError::at(&name, None, e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_folder_or_no_file_is_the_shipped_list() {
        assert_eq!(temperaments(None).unwrap().len(), 10);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(temperaments(Some(dir.path())).unwrap(), crate::data::temperaments());
    }

    #[test]
    fn a_file_of_ones_own_replaces_the_list_and_a_bad_one_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        std::fs::write(
            &file,
            "[[temperament]]\nkey = \"calm\"\nzh = \"冷静型\"\nen = \"calm\"\nadvice_zh = \"慢慢谈。\"\nadvice_en = \"Go slowly.\"\n",
        )
        .unwrap();
        assert_eq!(temperaments(Some(dir.path())).unwrap().keys(), ["calm"]);
        std::fs::write(&file, "[[temperament]]\nkey = \"calm\"\nshade = 1\n").unwrap();
        let e = temperaments(Some(dir.path())).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}, line 3: unknown field `shade`", file.display())), "{e}");
        std::fs::write(&file, [0xff, 0xfe]).unwrap();
        assert!(temperaments(Some(dir.path())).unwrap_err().to_string().ends_with("not UTF-8 text"));
    }
}
