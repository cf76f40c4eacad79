//! Shared test fixtures: a real book in a temp folder with a fixed "today", and a TUI
//! harness that presses keys and renders into ratatui's TestBackend.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::{CustomerFields, CustomerId};
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;
use tierdesk::ui::keymap::Keymap;
use tierdesk::ui::theme::Theme;
use tierdesk::ui::{App, Env};

/// The real binary on the book `dir/book.sqlite`, with its config in `dir/config`, today fixed
/// at `today()` and English texts.
pub fn tierdesk_bin(dir: &Path) -> assert_cmd::Command {
    tierdesk_on(&dir.join("book.sqlite"))
}

/// The real binary on the book at `book`, with its config in a `config` folder beside it.
pub fn tierdesk_on(book: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(tierdesk_process(book))
}

/// The same as a plain process, for tests that start several at once and wait on them.
pub fn tierdesk_process(book: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(tierdesk_path());
    on_book(&mut cmd, book);
    cmd
}

/// Gives any command (the binary, or a shell that runs it) the test settings: the book
/// `--db book` (appended to its arguments), config beside the book, today fixed, English.
pub fn on_book<'a>(cmd: &'a mut std::process::Command, book: &Path) -> &'a mut std::process::Command {
    cmd.env("TIERDESK_CONFIG_DIR", book.with_file_name("config"))
        .env_remove("TIERDESK_DB")
        .env("TIERDESK_TODAY", "2026-11-23")
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(book)
}

/// The real binary as `user`: a config of its own (in `dir`) names the user the book records.
pub fn tierdesk_as(dir: &Path, user: &str) -> assert_cmd::Command {
    // One config folder per user; spaces and punctuation are not wanted in a folder name.
    let safe: String = user.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
    let config = dir.join(format!("config-{safe}"));
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), format!("user = \"{user}\"\n")).unwrap();
    let mut cmd = tierdesk_bin(dir);
    cmd.env("TIERDESK_CONFIG_DIR", config);
    cmd
}

/// The real binary with no book, config or date set: for tests of where those come from.
pub fn tierdesk_bare() -> assert_cmd::Command {
    assert_cmd::Command::new(tierdesk_path())
}

/// The real binary on the book at `db` (a file or a team book's URL), English, today fixed
/// at 2026-11-23, with its config in `dir/config` and no `TIERDESK_DB` from outside.
pub fn tierdesk_at(dir: &Path, db: &str) -> assert_cmd::Command {
    let mut cmd = tierdesk_bare();
    cmd.env("TIERDESK_CONFIG_DIR", dir.join("config"))
        .env("LANG", "en_US.UTF-8")
        .env("TIERDESK_TODAY", "2026-11-23")
        .env_remove("TIERDESK_DB")
        .args(["--db", db]);
    cmd
}

/// Where cargo built the binary.
pub fn tierdesk_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("tierdesk")
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn today() -> NaiveDate {
    d("2026-11-23")
}

pub fn open(path: &Path) -> Store {
    let mut s = Store::open(path, Clock::Fixed(today()), "tester").unwrap();
    if s.scheme().is_none() {
        s.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    }
    s
}

pub fn fields(name: &str, company: &str, tier: &str, created: &str) -> CustomerFields {
    CustomerFields {
        name: name.into(),
        company: company.into(),
        tier: tier.into(),
        created_on: d(created),
        owner: "Lin".into(),
        ..Default::default()
    }
}

/// A small book: CJK and Latin names, every tier, overdue / due today / later.
pub fn fixture(dir: &Path) -> (PathBuf, Store, Vec<CustomerId>) {
    let path = dir.join("book.sqlite");
    let mut s = open(&path);
    let ids = fixture_into(&mut s, "Lin", true);
    (path, s, ids)
}

/// The fixture's customers (owned by `owner`; the top tier signed off where `sign_off`) and
/// contacts, written into any engine's book; their ids in order.
pub fn fixture_into(s: &mut dyn tierdesk::store::Book, owner: &str, sign_off: bool) -> Vec<CustomerId> {
    let rows = [
        ("招商银行", "招商银行股份有限公司深圳分行营业部", "A", "2025-01-06"),
        ("王芳", "上海华信科技有限公司", "A", "2025-02-01"),
        ("Acme Trading", "Acme Trading Ltd", "B", "2025-03-01"),
        ("欧阳娜娜", "广州星河文化传媒有限公司", "B", "2025-04-01"),
        ("李强", "远航物流", "C", "2025-05-01"),
        ("Zhang Wei", "Bluehill Logistics", "C", "2025-06-01"),
        ("赵敏", "恒泰投资", "D", "2025-07-01"),
    ];
    let mut ids = Vec::new();
    for (name, company, tier, created) in rows {
        let id = s
            .add_customer(&CustomerFields { owner: owner.to_string(), ..fields(name, company, tier, created) })
            .unwrap();
        // Taken on in the top tier, a customer waits for a sign-off: these have had theirs
        // where a typed name may give it (a book file).
        if tier == "A" && sign_off {
            s.approve_tier(id, "Director Zhou").unwrap();
        }
        ids.push(id);
    }
    // 招商银行 A: last contact 2026-11-10 → due 11-17, 6 days overdue
    // 王芳 A: last contact 2026-11-16 → due today
    // Acme B: 2026-11-20 → due 12-04
    // 欧阳娜娜 B: never contacted → due 2025-04-15, overdue
    // 李强 C: 2026-10-31 → due 11-30
    let contacts = [(0, "2026-11-10"), (1, "2026-11-16"), (2, "2026-11-20"), (4, "2026-10-31"), (6, "2026-01-15")];
    let contacts: Vec<NewContact> = contacts
        .iter()
        .map(|(i, on)| NewContact {
            customer: ids[*i],
            kind: "visit".into(),
            on: d(on),
            person: String::new(),
            summary: "季度回访 quarterly review".into(),
            outcome: String::new(),
        })
        .collect();
    s.add_contacts_bulk(&contacts, &[(ids[0], "发送报价单".into(), d("2026-11-20"))]).unwrap();
    ids
}

pub fn env(lang: Lang, scheme: tierdesk::domain::tier::TierScheme) -> Env {
    let (keymap, warnings) = Keymap::load(data::KEYMAP, None);
    assert!(warnings.is_empty());
    Env {
        lang,
        theme: Theme::dark(),
        keymap,
        scheme,
        today: today(),
        book_label: "book.sqlite".into(),
        user: "tester".into(),
        kinds: data::contact_kinds(),
        assessments: Default::default(),
        review: Default::default(),
        scope: Default::default(),
        plan: Default::default(),
        ref_pattern: Default::default(),
        late_rule: Default::default(),
        claims_per_day: None,
        temperaments: data::temperaments(),
    }
}

/// Drives the whole app like a person at a terminal of a given size.
pub struct Harness {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    /// The last frame as drawn (not the backend's diff-updated copy).
    pub frame: ratatui::buffer::Buffer,
}

impl Harness {
    pub fn new(store: Store, lang: Lang, width: u16, height: u16) -> Self {
        Self::on_book(Box::new(store), lang, width, height)
    }

    /// The app on any engine's book (a team book on PostgreSQL, connected as a person).
    pub fn on_book(book: Box<dyn Book>, lang: Lang, width: u16, height: u16) -> Self {
        let scheme = book.scheme().unwrap().clone();
        let app = App::new(book, env(lang, scheme));
        let mut h = Self {
            app,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            frame: ratatui::buffer::Buffer::empty(Rect::new(0, 0, width, height)),
        };
        h.draw();
        h
    }

    pub fn draw(&mut self) {
        let size = self.terminal.size().unwrap();
        self.app.prepare(Rect::new(0, 0, size.width, size.height));
        let app = &self.app;
        let done = self.terminal.draw(|f| app.draw(f)).unwrap();
        self.frame = done.buffer.clone();
    }

    /// Press keys named as in the keymap, separated by spaces: "j j enter ctrl-s".
    pub fn press(&mut self, keys: &str) {
        for name in keys.split_whitespace() {
            self.app.handle_key(key(name));
            self.draw();
        }
    }

    /// Type text into the focused field.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self.draw();
    }

    /// Paste text as a terminal with bracketed paste sends it: one event, whole.
    pub fn paste(&mut self, text: &str) {
        self.app.handle_paste(text);
        self.draw();
    }

    /// Resize the window (as the terminal's resize event does) and redraw.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.draw();
    }

    pub fn screen(&self) -> String {
        let buf = &self.frame;
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..buf.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The row of the screen containing `text`, and the column where it starts (in cells).
    pub fn find(&self, text: &str) -> Option<(u16, u16)> {
        let buf = &self.frame;
        for y in 0..buf.area.height {
            let mut line = String::new();
            let mut cols = Vec::new();
            let mut skip = 0;
            for x in 0..buf.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                for _ in sym.chars() {
                    cols.push(x);
                }
                line.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            if let Some(i) = line.find(text) {
                let char_idx = line[..i].chars().count();
                return Some((y, cols[char_idx]));
            }
        }
        None
    }

    pub fn style_at(&self, x: u16, y: u16) -> ratatui::style::Style {
        self.frame[(x, y)].style()
    }
}

pub fn key(name: &str) -> KeyEvent {
    let chord = tierdesk::ui::keymap::KeyChord::parse(name).unwrap_or_else(|| panic!("bad key {name}"));
    let mut mods = KeyModifiers::NONE;
    if chord.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if chord.alt {
        mods |= KeyModifiers::ALT;
    }
    let code = match chord.code {
        tierdesk::ui::keymap::KeyCodeOrd::Char(c) => KeyCode::Char(c),
        tierdesk::ui::keymap::KeyCodeOrd::F(n) => KeyCode::F(n),
        tierdesk::ui::keymap::KeyCodeOrd::Named(n) => match n {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            other => panic!("unmapped key {other}"),
        },
    };
    KeyEvent::new(code, mods)
}
