//! Themes: semantic colour roles from `themes/*.toml`, turned into typed styles.
//! A missing or unknown role is an error naming the file and line, never a silently
//! unstyled screen.

use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::data;
use crate::domain::source::SourceError;
use crate::domain::tier::TierColor;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub header: Style,
    pub selection: Style,
    pub ok: Style,
    pub warn: Style,
    pub danger: Style,
    badge_fg: Color,
    tiers: [Color; 6],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    text: String,
    muted: String,
    accent: String,
    border: String,
    border_focus: String,
    title: String,
    header: String,
    selection_fg: String,
    selection_bg: String,
    ok: String,
    warn: String,
    danger: String,
    badge_fg: String,
    tiers: RawTiers,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTiers {
    tier1: String,
    tier2: String,
    tier3: String,
    tier4: String,
    tier5: String,
    tier6: String,
}

pub const BUILTIN: [(&str, &str); 3] =
    [("dark", data::themes::DARK), ("light", data::themes::LIGHT), ("high-contrast", data::themes::HIGH_CONTRAST)];

/// A theme file's role holds no colour (the file's problem, said where the file is named).
#[derive(Debug, thiserror::Error)]
#[error("{role}: \"{text}\" is not a colour (use #rrggbb or a colour name)")]
struct NotAColour {
    role: String,
    text: String,
}

fn color(role: &str, text: &str) -> Result<Color, NotAColour> {
    let t = text.trim().to_ascii_lowercase().replace('_', "-");
    if t == "reset" || t == "default" {
        return Ok(Color::Reset);
    }
    t.parse::<Color>().map_err(|_| NotAColour { role: role.to_string(), text: text.to_string() })
}

impl Theme {
    pub fn parse(file: &str, text: &str) -> Result<Self, SourceError> {
        let named = format!("theme {file}");
        let raw: RawTheme = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| crate::domain::tier::line_of(text, s.start));
            SourceError::at(&named, line, e.message().trim())
        })?;
        let c = |role: &str, v: &str| color(role, v).map_err(|e| SourceError::at(&named, None, e.to_string()));
        let fg = |role: &str, v: &str| -> Result<Style, SourceError> { Ok(Style::new().fg(c(role, v)?)) };
        Ok(Theme {
            text: fg("text", &raw.text)?,
            muted: fg("muted", &raw.muted)?,
            accent: fg("accent", &raw.accent)?,
            border: fg("border", &raw.border)?,
            border_focus: fg("border_focus", &raw.border_focus)?,
            title: fg("title", &raw.title)?.add_modifier(Modifier::BOLD),
            header: fg("header", &raw.header)?.add_modifier(Modifier::BOLD),
            selection: Style::new().fg(c("selection_fg", &raw.selection_fg)?).bg(c("selection_bg", &raw.selection_bg)?),
            ok: fg("ok", &raw.ok)?,
            warn: fg("warn", &raw.warn)?.add_modifier(Modifier::BOLD),
            danger: fg("danger", &raw.danger)?.add_modifier(Modifier::BOLD),
            badge_fg: c("badge_fg", &raw.badge_fg)?,
            tiers: [
                c("tiers.tier1", &raw.tiers.tier1)?,
                c("tiers.tier2", &raw.tiers.tier2)?,
                c("tiers.tier3", &raw.tiers.tier3)?,
                c("tiers.tier4", &raw.tiers.tier4)?,
                c("tiers.tier5", &raw.tiers.tier5)?,
                c("tiers.tier6", &raw.tiers.tier6)?,
            ],
        })
    }

    /// A shipped theme by name, or a theme file by path.
    pub fn load(name_or_path: &str) -> Result<Self, SourceError> {
        if let Some((name, text)) = BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            return Self::parse(&format!("themes/{name}.toml"), text);
        }
        let path = Path::new(name_or_path);
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(name_or_path, &text),
            Err(e) => Err(SourceError::at(
                format!("theme \"{name_or_path}\""),
                None,
                format!("not a shipped theme (dark, light, high-contrast) and not a readable file ({e})"),
            )),
        }
    }

    pub fn dark() -> Self {
        Self::parse("themes/dark.toml", data::themes::DARK).unwrap_or_else(|_| Self::plain())
    }

    /// A last-resort theme with no colours (used only if a shipped file were broken).
    fn plain() -> Self {
        let s = Style::new();
        Theme {
            text: s,
            muted: s,
            accent: s,
            border: s,
            border_focus: s.add_modifier(Modifier::BOLD),
            title: s.add_modifier(Modifier::BOLD),
            header: s.add_modifier(Modifier::BOLD),
            selection: s.add_modifier(Modifier::REVERSED),
            ok: s,
            warn: s.add_modifier(Modifier::BOLD),
            danger: s.add_modifier(Modifier::BOLD),
            badge_fg: Color::Reset,
            tiers: [Color::Reset; 6],
        }
    }

    pub fn tier_color(&self, role: TierColor) -> Color {
        self.tiers[TierColor::ALL.iter().position(|c| *c == role).unwrap_or(0)]
    }

    /// A tier badge: the code on the tier's colour.
    pub fn badge(&self, role: TierColor) -> Style {
        Style::new().fg(self.badge_fg).bg(self.tier_color(role)).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_themes_load() {
        for (name, _) in BUILTIN {
            Theme::load(name).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn bad_themes_name_the_problem() {
        let e = Theme::parse("t.toml", &data::themes::DARK.replace("muted =", "mutd =")).unwrap_err();
        assert!(e.to_string().contains("theme t.toml, line"), "{e}");
        let e = Theme::parse("t.toml", &data::themes::DARK.replace("#8a8f98", "greyish")).unwrap_err();
        assert!(e.to_string().contains("theme t.toml: muted: \"greyish\""), "{e}");
        let e = Theme::load("no-such-theme").unwrap_err();
        assert!(e.to_string().contains("theme \"no-such-theme\": not a shipped theme"), "{e}");
    }
}
