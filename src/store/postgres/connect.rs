//! Connecting to a team book: a `postgres://` URL with libpq's conventions for the password
//! (in the URL, else `PGPASSWORD`, else `~/.pgpass` or `PGPASSFILE`), `PGUSER` for a URL
//! without a login, and `sslmode=require` (or `PGSSLMODE`) refused clearly since TLS is not
//! offered yet; every failure turned into one clear line.

use std::time::Duration;

use postgres::config::Host;
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};

use super::TeamError;

/// Whether `text` names a PostgreSQL book rather than a file.
pub fn is_postgres_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// Where a connection goes, for messages: what the URL says, less any password.
#[derive(Debug, Clone)]
pub struct Target {
    pub login: String,
    pub at: String,
    pub db: String,
}

fn parse(url: &str) -> Result<Config, TeamError> {
    if !is_postgres_url(url) {
        return Err(TeamError::BadUrl(url.to_string()));
    }
    url.parse::<Config>().map_err(|_| TeamError::BadUrl(describe_url(url)))
}

fn target(config: &Config) -> Target {
    let login = config.get_user().map(str::to_string).unwrap_or_else(os_user);
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().map(str::to_string).unwrap_or_else(|| login.clone());
    Target { at: format!("{host}:{port}"), login, db }
}

/// The URL as it may be shown: `LOGIN@HOST:PORT/DB`, never the password.
pub fn describe_url(url: &str) -> String {
    match url.parse::<Config>() {
        Ok(c) => {
            let t = target(&c);
            format!("{}@{}/{}", t.login, t.at, t.db)
        }
        Err(_) => url.split_once('@').map_or_else(|| url.to_string(), |(_, rest)| format!("…@{rest}")),
    }
}

/// Connect to the team book at `url` (TLS is not offered yet: a local or tunnelled server).
pub fn connect(url: &str) -> Result<(Client, Target), TeamError> {
    let mut config = parse(url)?;
    // libpq's defaults from the environment, for what the URL leaves out.
    if config.get_user().is_none()
        && let Some(user) = std::env::var("PGUSER").ok().filter(|u| !u.is_empty())
    {
        config.user(&user);
    }
    if !url.contains("sslmode=")
        && std::env::var("PGSSLMODE").is_ok_and(|m| matches!(m.as_str(), "require" | "verify-ca" | "verify-full"))
    {
        // Asked for TLS, which this tierdesk cannot offer yet: refused, never sent in clear.
        config.ssl_mode(postgres::config::SslMode::Require);
    }
    let target = target(&config);
    if config.get_password().is_none() {
        if let Some(pw) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
            config.password(pw);
        } else if let Some(pw) = pgpass(&target) {
            config.password(pw);
        }
    }
    config.connect_timeout(Duration::from_secs(10));
    config.application_name("tierdesk");
    let client = config.connect(NoTls).map_err(|e| classify(&e, Some(&target)))?;
    Ok((client, target))
}

/// One clear line for a failure; `at` is given while connecting.
pub(super) fn classify(e: &postgres::Error, at: Option<&Target>) -> TeamError {
    let login = || at.map(|t| t.login.clone()).unwrap_or_default();
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            return TeamError::AuthFailed { login: login() };
        }
        if *code == SqlState::INVALID_CATALOG_NAME {
            let (db, at) = at.map(|t| (t.db.clone(), t.at.clone())).unwrap_or_default();
            return TeamError::NoDatabase { db, at };
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            // Refused at the door: only the book's people may connect to its database.
            return match at {
                Some(t) => TeamError::NotAPerson { login: t.login.clone() },
                None => TeamError::PermissionDenied(db.message().to_string()),
            };
        }
        if code.code().starts_with("08") || *code == SqlState::ADMIN_SHUTDOWN {
            return TeamError::Lost;
        }
        return TeamError::Db(db.message().to_string());
    }
    let text = e.to_string();
    if text.starts_with("error performing TLS handshake") {
        return TeamError::TlsUnavailable;
    }
    if text.contains("password missing") {
        return TeamError::AuthFailed { login: login() };
    }
    match at {
        Some(t) if text.starts_with("error connecting") || text.starts_with("timeout") => {
            let why = std::error::Error::source(e).map_or(text.clone(), |s| s.to_string());
            TeamError::Unreachable { at: t.at.clone(), why }
        }
        _ if e.is_closed() || text.starts_with("error communicating") => TeamError::Lost,
        _ => TeamError::Db(text),
    }
}

fn os_user() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default()
}

/// The password `~/.pgpass` (or `$PGPASSFILE`) holds for this target, as libpq reads it:
/// `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped. A file
/// that others may read is ignored, as libpq ignores it.
fn pgpass(t: &Target) -> Option<String> {
    let path = match std::env::var_os("PGPASSFILE") {
        Some(p) => std::path::PathBuf::from(p),
        None => std::path::PathBuf::from(std::env::var_os("HOME")?).join(".pgpass"),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::metadata(&path).ok()?.permissions().mode() & 0o077 != 0 {
            return None;
        }
    }
    let text = std::fs::read_to_string(path).ok()?;
    let (host, port) = t.at.rsplit_once(':').unwrap_or((&t.at, "5432"));
    let wanted = [host, port, t.db.as_str(), t.login.as_str()];
    text.lines().filter(|l| !l.starts_with('#')).find_map(|line| {
        let fields = split_pgpass(line);
        let [h, p, d, u, pw] = fields.as_slice() else { return None };
        let keys = [h, p, d, u];
        let hit = keys.iter().zip(wanted).all(|(k, w)| k.as_str() == "*" || k.as_str() == w);
        hit.then(|| pw.clone())
    })
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(f)) = (chars.next(), fields.last_mut()) {
                    f.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_apart_and_shown_without_passwords() {
        assert!(is_postgres_url("postgres://a@h/db") && is_postgres_url("postgresql://h/db"));
        assert!(!is_postgres_url("/tmp/book.sqlite") && !is_postgres_url("postgres.sqlite"));
        assert_eq!(describe_url("postgres://lin:secret@db.example:5433/branch"), "lin@db.example:5433/branch");
        assert!(!describe_url("postgres://lin:secret@h:notaport/x").contains("secret"));
    }

    #[test]
    fn pgpass_lines_are_split_as_libpq_does() {
        assert_eq!(split_pgpass(r"h:5432:*:lin:pa\:ss\\w"), ["h", "5432", "*", "lin", r"pa:ss\w"]);
        assert_eq!(split_pgpass("h:1:d:u:a:b"), ["h", "1", "d", "u", "a:b"]);
    }
}
