//! The connection settings: region, endpoint mode and credentials.
//!
//! Credentials live in memory. They are written to `sessionStorage` only when the user ticks
//! "remember in this tab"; never to localStorage, cookies, IndexedDB or the URL, and never logged
//! (the `Debug` impl redacts them).

use serde_json::{Value, json};
use std::fmt;

const ENDPOINT_KEY: &str = "ib.console.endpoint";
const CREDENTIALS_KEY: &str = "ib.console.credentials";

/// Where the console sends its calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EndpointMode {
    /// The server's emulator on the same origin (`/emulator`).
    #[default]
    Emulator,
    /// AWS's regional endpoint, straight from the browser (needs CORS).
    AwsDirect,
    /// AWS through the server's relay (`/relay/{region}`).
    Relay,
    /// Any base URL.
    Custom,
}

impl EndpointMode {
    /// Every mode, in the picker's order.
    pub const ALL: [EndpointMode; 4] = [
        EndpointMode::Emulator,
        EndpointMode::AwsDirect,
        EndpointMode::Relay,
        EndpointMode::Custom,
    ];

    /// The stable name used in storage and form values.
    pub fn key(self) -> &'static str {
        match self {
            EndpointMode::Emulator => "emulator",
            EndpointMode::AwsDirect => "aws",
            EndpointMode::Relay => "relay",
            EndpointMode::Custom => "custom",
        }
    }

    /// What the user reads.
    pub fn label(self) -> &'static str {
        match self {
            EndpointMode::Emulator => "Local emulator (this server)",
            EndpointMode::AwsDirect => "AWS, direct from the browser",
            EndpointMode::Relay => "AWS via this server's relay",
            EndpointMode::Custom => "Custom endpoint URL",
        }
    }

    /// The mode named `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// Everything needed to build a client.
#[derive(Clone, PartialEq, Eq)]
pub struct Settings {
    /// The region, e.g. `us-east-1`.
    pub region: String,
    /// Where calls go.
    pub mode: EndpointMode,
    /// The base URL in [`EndpointMode::Custom`].
    pub custom_url: String,
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token (temporary credentials), possibly empty.
    pub session_token: String,
    /// Whether credentials may be kept in this tab's sessionStorage.
    pub remember: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            region: "us-east-1".into(),
            mode: EndpointMode::Emulator,
            custom_url: String::new(),
            access_key_id: String::new(),
            secret_access_key: String::new(),
            session_token: String::new(),
            remember: false,
        }
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("region", &self.region)
            .field("mode", &self.mode)
            .field("custom_url", &self.custom_url)
            .field("access_key_id", &"<redacted>")
            .field("secret_access_key", &"<redacted>")
            .field("session_token", &"<redacted>")
            .field("remember", &self.remember)
            .finish()
    }
}

/// The demo credentials of the emulator (AWS's documented example pair).
pub const DEMO_ACCESS_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
/// The demo secret of the emulator.
pub const DEMO_SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

impl Settings {
    /// Whether credentials are present.
    pub fn has_credentials(&self) -> bool {
        !self.access_key_id.trim().is_empty() && !self.secret_access_key.trim().is_empty()
    }

    /// The endpoint base URL for `origin` (`http://host:port`), or `None` for AWS's own.
    pub fn endpoint_url(&self, origin: &str) -> Option<String> {
        match self.mode {
            EndpointMode::Emulator => Some(format!("{origin}/emulator")),
            EndpointMode::Relay => Some(format!("{origin}/relay/{}", self.region)),
            EndpointMode::Custom => Some(self.custom_url.trim().to_string()),
            EndpointMode::AwsDirect => None,
        }
    }

    /// Loads what this tab kept: the endpoint always, credentials only if remembered.
    pub fn load() -> Self {
        let mut settings = Settings::default();
        let Some(storage) = session_storage() else {
            return settings;
        };
        if let Some(v) = read(&storage, ENDPOINT_KEY) {
            if let Some(r) = v["region"].as_str() {
                settings.region = r.to_string();
            }
            if let Some(m) = v["mode"].as_str().and_then(EndpointMode::from_key) {
                settings.mode = m;
            }
            if let Some(u) = v["customUrl"].as_str() {
                settings.custom_url = u.to_string();
            }
        }
        if let Some(v) = read(&storage, CREDENTIALS_KEY) {
            settings.access_key_id = v["accessKeyId"].as_str().unwrap_or_default().into();
            settings.secret_access_key = v["secretAccessKey"].as_str().unwrap_or_default().into();
            settings.session_token = v["sessionToken"].as_str().unwrap_or_default().into();
            settings.remember = true;
        }
        settings
    }

    /// Keeps the endpoint in this tab; credentials only when `remember` is ticked (else removes
    /// any that were kept).
    pub fn save(&self) {
        let Some(storage) = session_storage() else {
            return;
        };
        let endpoint =
            json!({"region": self.region, "mode": self.mode.key(), "customUrl": self.custom_url});
        let _ = storage.set_item(ENDPOINT_KEY, &endpoint.to_string());
        if self.remember && self.has_credentials() {
            let creds = json!({
                "accessKeyId": self.access_key_id,
                "secretAccessKey": self.secret_access_key,
                "sessionToken": self.session_token,
            });
            let _ = storage.set_item(CREDENTIALS_KEY, &creds.to_string());
        } else {
            let _ = storage.remove_item(CREDENTIALS_KEY);
        }
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn read(storage: &web_sys::Storage, key: &str) -> Option<Value> {
    let text = storage.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Credentials found in pasted `aws configure export-credentials --format env` output (or any
/// `KEY=value` lines, with or without `export` and quotes).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PastedCredentials {
    /// `AWS_ACCESS_KEY_ID`.
    pub access_key_id: Option<String>,
    /// `AWS_SECRET_ACCESS_KEY`.
    pub secret_access_key: Option<String>,
    /// `AWS_SESSION_TOKEN`.
    pub session_token: Option<String>,
    /// `AWS_REGION` or `AWS_DEFAULT_REGION`.
    pub region: Option<String>,
}

impl fmt::Debug for PastedCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PastedCredentials")
            .field("found_access_key_id", &self.access_key_id.is_some())
            .field("found_secret", &self.secret_access_key.is_some())
            .field("found_session_token", &self.session_token.is_some())
            .field("region", &self.region)
            .finish()
    }
}

/// Reads `export AWS_ACCESS_KEY_ID=...` style lines; also `set` (cmd) and `$Env:` (PowerShell).
pub fn parse_env_export(text: &str) -> PastedCredentials {
    let mut found = PastedCredentials::default();
    for line in text.lines() {
        let line = line.trim();
        let line = line
            .strip_prefix("export ")
            .or_else(|| line.strip_prefix("set "))
            .or_else(|| line.strip_prefix("$Env:"))
            .or_else(|| line.strip_prefix("$env:"))
            .unwrap_or(line);
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "AWS_ACCESS_KEY_ID" => found.access_key_id = Some(value),
            "AWS_SECRET_ACCESS_KEY" => found.secret_access_key = Some(value),
            "AWS_SESSION_TOKEN" => found.session_token = Some(value),
            "AWS_REGION" | "AWS_DEFAULT_REGION" => found.region = Some(value),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_credentials_output_is_read() {
        let text = "export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=abc/def\nexport AWS_SESSION_TOKEN=\"tok\"\nexport AWS_CREDENTIAL_EXPIRATION=2026-01-01T00:00:00Z\n";
        let found = parse_env_export(text);
        assert_eq!(found.access_key_id.as_deref(), Some("AKIDEXAMPLE"));
        assert_eq!(found.secret_access_key.as_deref(), Some("abc/def"));
        assert_eq!(found.session_token.as_deref(), Some("tok"));
        assert_eq!(found.region, None);
    }

    #[test]
    fn powershell_and_bare_lines_are_read() {
        let found = parse_env_export(
            "$Env:AWS_ACCESS_KEY_ID='A'\nAWS_SECRET_ACCESS_KEY=B\nAWS_REGION=eu-west-1",
        );
        assert_eq!(found.access_key_id.as_deref(), Some("A"));
        assert_eq!(found.secret_access_key.as_deref(), Some("B"));
        assert_eq!(found.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn debug_never_shows_secrets() {
        let s = Settings {
            secret_access_key: "TOPSECRET".into(),
            ..Settings::default()
        };
        assert!(!format!("{s:?}").contains("TOPSECRET"));
    }

    #[test]
    fn endpoints_by_mode() {
        let mut s = Settings::default();
        assert_eq!(
            s.endpoint_url("http://h:1").as_deref(),
            Some("http://h:1/emulator")
        );
        s.mode = EndpointMode::Relay;
        s.region = "eu-west-1".into();
        assert_eq!(
            s.endpoint_url("http://h:1").as_deref(),
            Some("http://h:1/relay/eu-west-1")
        );
        s.mode = EndpointMode::AwsDirect;
        assert_eq!(s.endpoint_url("http://h:1"), None);
    }
}
