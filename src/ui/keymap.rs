//! Key chords → actions, per scope, from `data/keymap.toml` plus the user's overrides.
//! The help bar and the `?` overlay are generated from this table, never written by hand.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::Lang;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    List,
    Form,
    Text,
    Interview,
    Confirm,
    /// The tier review: accepting and skipping suggestions.
    Review,
}

impl Scope {
    pub const ALL: [Scope; 7] =
        [Scope::Global, Scope::List, Scope::Form, Scope::Text, Scope::Interview, Scope::Confirm, Scope::Review];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::List => "list",
            Scope::Form => "form",
            Scope::Text => "text",
            Scope::Interview => "interview",
            Scope::Confirm => "confirm",
            Scope::Review => "review",
        }
    }

    fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        use crate::i18n::T;
        match self {
            Scope::Global => T::ScopeGlobal.get(lang),
            Scope::List => T::ScopeList.get(lang),
            Scope::Form => T::ScopeForm.get(lang),
            Scope::Text => T::ScopeText.get(lang),
            Scope::Interview => T::ScopeInterview.get(lang),
            Scope::Confirm => T::ScopeConfirm.get(lang),
            Scope::Review => T::ScopeReview.get(lang),
        }
    }
}

/// One key with its modifiers, normalised so that a typed "G" is simply 'G'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// `KeyCode` with an ordering, so chords can live in ordered maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(&'static str),
}

const NAMED: [(&str, KeyCode); 14] = [
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

impl KeyChord {
    /// From a terminal key event.
    pub fn from_event(ev: &KeyEvent) -> Option<Self> {
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => KeyCodeOrd::Named(NAMED.iter().find(|(_, k)| *k == other)?.0),
        };
        let m = ev.modifiers;
        // Shift is already in the character ('G') and in BackTab; keep it only for named keys.
        let shift = m.contains(KeyModifiers::SHIFT) && matches!(code, KeyCodeOrd::Named(n) if n != "backtab");
        Some(Self { code, ctrl: m.contains(KeyModifiers::CONTROL), alt: m.contains(KeyModifiers::ALT), shift })
    }

    /// From a keymap name: "k", "G", "ctrl-c", "shift-up", "space", "f1".
    pub fn parse(text: &str) -> Option<Self> {
        let mut chord = Self { code: KeyCodeOrd::Char(' '), ctrl: false, alt: false, shift: false };
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                chord.ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                chord.alt = true;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                chord.shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        chord.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeOrd::Char(if chord.ctrl { c.to_ascii_lowercase() } else { c }),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if lower == "space" {
                    KeyCodeOrd::Char(' ')
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    KeyCodeOrd::F(n)
                } else {
                    KeyCodeOrd::Named(NAMED.iter().find(|(name, _)| *name == lower)?.0)
                }
            }
        };
        if let KeyCodeOrd::Char(c) = chord.code
            && chord.shift
        {
            // "shift-g" means 'G'
            chord.code = KeyCodeOrd::Char(c.to_ascii_uppercase());
            chord.shift = false;
        }
        Some(chord)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl-")?;
        }
        if self.alt {
            write!(f, "Alt-")?;
        }
        if self.shift {
            write!(f, "Shift-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => write!(f, "Space"),
            KeyCodeOrd::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            // Plain words: arrow glyphs are ambiguous-width on CJK terminals.
            KeyCodeOrd::Named(n) => {
                let word = match n {
                    "backtab" => "Shift-Tab",
                    "pageup" => "PgUp",
                    "pagedown" => "PgDn",
                    "backspace" => "Bksp",
                    "delete" => "Del",
                    other => {
                        let mut s = other.to_string();
                        if let Some(first) = s.get_mut(0..1) {
                            first.make_ascii_uppercase();
                        }
                        return write!(f, "{s}");
                    }
                };
                write!(f, "{word}")
            }
        }
    }
}

/// The resolved bindings.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    /// (scope, action) → keys, in the order the file lists them.
    bindings: BTreeMap<(Scope, Action), Vec<KeyChord>>,
}

/// The shipped keys (and any problem in them: the tests make sure there is none), read once.
static SHIPPED: std::sync::LazyLock<(Keymap, Vec<String>)> =
    std::sync::LazyLock::new(|| Keymap::load(crate::data::KEYMAP, None));

impl Keymap {
    /// The shipped keys, then `user` overrides (if any), as `load` but without reading the
    /// shipped file again.
    pub fn shipped_with(user: Option<(&str, &str)>) -> (Self, Vec<String>) {
        let (mut map, mut warnings) = SHIPPED.clone();
        if let Some((file, text)) = user {
            map.merge(file, text, &mut warnings);
        }
        (map, warnings)
    }

    /// The defaults, then `user` overrides (if any). Problems in the user file are returned
    /// as messages; the defaults stay in force for the entries concerned.
    pub fn load(defaults: &str, user: Option<(&str, &str)>) -> (Self, Vec<String>) {
        let mut map = Keymap::default();
        let mut warnings = Vec::new();
        // The shipped file is tested; any problem in it would show up as a warning too.
        map.merge("data/keymap.toml", defaults, &mut warnings);
        if let Some((file, text)) = user {
            map.merge(file, text, &mut warnings);
        }
        (map, warnings)
    }

    fn merge(&mut self, file: &str, text: &str, warnings: &mut Vec<String>) {
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                let line = e.span().map(|s| crate::domain::tier::line_of(text, s.start));
                let at = line.map(|l| format!(", line {l}")).unwrap_or_default();
                warnings.push(format!("{file}{at}: {}; using the default keys", e.message().trim()));
                return;
            }
        };
        for (scope_name, entries) in table {
            let Some(scope) = Scope::from_name(&scope_name) else {
                warnings.push(format!("{file}: unknown section [{scope_name}] ignored"));
                continue;
            };
            let Some(entries) = entries.as_table() else {
                warnings.push(format!("{file}: [{scope_name}] must be a table"));
                continue;
            };
            for (action_name, keys) in entries {
                let Some(action) = Action::from_name(action_name) else {
                    warnings.push(format!("{file}: [{scope_name}] unknown action \"{action_name}\" ignored"));
                    continue;
                };
                let names: Vec<&str> = match keys {
                    toml::Value::String(s) => vec![s.as_str()],
                    toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                    _ => Vec::new(),
                };
                let chords: Option<Vec<KeyChord>> = names.iter().map(|n| KeyChord::parse(n)).collect();
                match chords {
                    Some(c) if !c.is_empty() => {
                        self.bindings.insert((scope, action), c);
                    }
                    _ => warnings.push(format!(
                        "{file}: [{scope_name}] {action_name}: cannot read keys {keys}; keeping the default"
                    )),
                }
            }
        }
    }

    /// The action bound to `chord` in the first of `scopes` that binds it.
    pub fn resolve(&self, scopes: &[Scope], chord: &KeyChord) -> Option<Action> {
        scopes.iter().find_map(|scope| {
            self.bindings.iter().find(|((s, _), keys)| s == scope && keys.contains(chord)).map(|((_, a), _)| *a)
        })
    }

    pub fn resolve_event(&self, scopes: &[Scope], ev: &KeyEvent) -> Option<Action> {
        self.resolve(scopes, &KeyChord::from_event(ev)?)
    }

    /// The keys for an action in a scope.
    pub fn keys(&self, scope: Scope, action: Action) -> &[KeyChord] {
        self.bindings.get(&(scope, action)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// "j/Down" style text for an action, empty when unbound.
    pub fn keys_text(&self, scope: Scope, action: Action) -> String {
        self.keys(scope, action).iter().map(|k| k.to_string()).collect::<Vec<_>>().join("/")
    }

    /// The first key for an action, for hints like "press a to add".
    pub fn first_key(&self, scope: Scope, action: Action) -> String {
        self.keys(scope, action).first().map(|k| k.to_string()).unwrap_or_default()
    }

    /// Every binding of a scope, in action order, for the help overlay.
    pub fn scope_entries(&self, scope: Scope) -> Vec<(Action, String)> {
        self.bindings
            .iter()
            .filter(|((s, _), _)| *s == scope)
            .map(|((_, a), keys)| (*a, keys.iter().map(|k| k.to_string()).collect::<Vec<_>>().join("/")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn shipped_keymap_loads_cleanly() {
        let (map, warnings) = Keymap::load(data::KEYMAP, None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(map.resolve_event(&[Scope::List], &ev(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(map.resolve_event(&[Scope::List], &ev(KeyCode::Down, KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(
            map.resolve_event(&[Scope::Global], &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            map.resolve_event(&[Scope::List], &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.resolve_event(&[Scope::Form], &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevField)
        );
    }

    #[test]
    fn every_action_in_the_shipped_keymap_is_bound_somewhere() {
        let (map, _) = Keymap::load(data::KEYMAP, None);
        for a in Action::ALL {
            assert!(Scope::ALL.iter().any(|s| !map.keys(*s, *a).is_empty()), "{a:?} unbound");
        }
    }

    #[test]
    fn user_file_overrides_one_entry_and_keeps_the_rest() {
        let user = "[list]\ndown = [\"ctrl-n\"]\n";
        let (map, warnings) = Keymap::load(data::KEYMAP, Some(("user.toml", user)));
        assert!(warnings.is_empty());
        assert_eq!(
            map.resolve_event(&[Scope::List], &ev(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
        assert_eq!(map.resolve_event(&[Scope::List], &ev(KeyCode::Char('j'), KeyModifiers::NONE)), None);
        assert_eq!(map.resolve_event(&[Scope::List], &ev(KeyCode::Char('k'), KeyModifiers::NONE)), Some(Action::Up));
    }

    #[test]
    fn the_shipped_keys_read_once_are_the_shipped_file() {
        let user = "[list]\ndown = [\"ctrl-n\"]\nfly = [\"x\"]\n";
        for user in [None, Some(("user.toml", user))] {
            let (once, once_warnings) = Keymap::shipped_with(user);
            let (read, read_warnings) = Keymap::load(data::KEYMAP, user);
            assert_eq!(format!("{once:?}"), format!("{read:?}"));
            assert_eq!(once_warnings, read_warnings);
        }
    }

    #[test]
    fn unknown_keys_and_actions_are_reported_and_defaults_kept() {
        let user = "[list]\ndown = [\"hyper-x\"]\nfly = [\"f\"]\n[nowhere]\nup = [\"u\"]\n";
        let (map, warnings) = Keymap::load(data::KEYMAP, Some(("user.toml", user)));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("unknown action \"fly\"")));
        assert!(warnings.iter().any(|w| w.contains("[nowhere]")));
        assert!(warnings.iter().any(|w| w.contains("hyper-x")));
        assert_eq!(map.resolve_event(&[Scope::List], &ev(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::Down));
    }

    #[test]
    fn a_broken_user_file_keeps_every_default() {
        let (map, warnings) = Keymap::load(data::KEYMAP, Some(("user.toml", "[list\n")));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("user.toml, line 1"), "{warnings:?}");
        assert_eq!(map.resolve_event(&[Scope::List], &ev(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::Down));
    }

    #[test]
    fn chords_parse_and_display() {
        for (text, shown) in [
            ("ctrl-s", "Ctrl-S"),
            ("G", "G"),
            ("shift-g", "G"),
            ("backtab", "Shift-Tab"),
            ("f1", "F1"),
            ("space", "Space"),
            ("pagedown", "PgDn"),
        ] {
            assert_eq!(KeyChord::parse(text).unwrap().to_string(), shown, "{text}");
        }
        assert!(KeyChord::parse("f13").is_none());
        assert!(KeyChord::parse("blah").is_none());
    }
}
