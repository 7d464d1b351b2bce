//! The emulator's state: every resource as the JSON document its `Get` operation returns, held
//! in memory for reads and written through to SQLite on every change.
//!
//! Documents may carry members the model does not have (prefixed `_`, such as an image's
//! `_build`): the core's output encoder drops every member the output shape lacks, so they never
//! reach the wire. `--data FILE` keeps the database on disk; without it SQLite runs in memory.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// The kinds of resource the emulator keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An image build version (`image/name/1.0.0/1`).
    Image,
    /// An image recipe.
    ImageRecipe,
    /// A container recipe.
    ContainerRecipe,
    /// An infrastructure configuration.
    InfrastructureConfiguration,
    /// A distribution configuration.
    DistributionConfiguration,
    /// An image pipeline.
    ImagePipeline,
    /// A component build version.
    Component,
    /// A workflow build version.
    Workflow,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 8] = [
        Kind::Image,
        Kind::ImageRecipe,
        Kind::ContainerRecipe,
        Kind::InfrastructureConfiguration,
        Kind::DistributionConfiguration,
        Kind::ImagePipeline,
        Kind::Component,
        Kind::Workflow,
    ];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::ImageRecipe => "image-recipe",
            Kind::ContainerRecipe => "container-recipe",
            Kind::InfrastructureConfiguration => "infrastructure-configuration",
            Kind::DistributionConfiguration => "distribution-configuration",
            Kind::ImagePipeline => "image-pipeline",
            Kind::Component => "component",
            Kind::Workflow => "workflow",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Why the store failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused an operation.
    Sqlite(rusqlite::Error),
    /// A stored document is not JSON (the file was edited or is not ours).
    Corrupt {
        /// The ARN of the row.
        arn: String,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "SQLite: {e}"),
            StoreError::Corrupt { arn, message } => {
                write!(f, "stored document of {arn} is corrupt: {message}")
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// An idempotent call's record: the fingerprint of its input and the output it answered.
#[derive(Debug, Clone)]
pub struct IdempotentCall {
    /// The input without its `clientToken`, as canonical JSON.
    pub fingerprint: String,
    /// The output answered.
    pub output: Value,
}

/// The emulator's state.
pub struct Store {
    // A mutex only to make the store `Sync` (writers already hold the store's write lock).
    conn: Mutex<Connection>,
    by_kind: HashMap<Kind, BTreeMap<String, Value>>,
    idempotency: HashMap<(String, String), IdempotentCall>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field(
                "resources",
                &self.by_kind.values().map(BTreeMap::len).sum::<usize>(),
            )
            .finish_non_exhaustive()
    }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS resources (arn TEXT PRIMARY KEY, kind TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    operation TEXT NOT NULL, token TEXT NOT NULL, fingerprint TEXT NOT NULL, output TEXT NOT NULL,
    PRIMARY KEY (operation, token));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
";

impl Store {
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Opens (or creates) the database at `path`, or an in-memory one for `None`, and loads it.
    pub fn open(path: Option<&Path>) -> Result<Self, StoreError> {
        let conn = match path {
            Some(p) => Connection::open(p)?,
            None => Connection::open_in_memory()?,
        };
        conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")?;
        conn.execute_batch(SCHEMA)?;
        let mut by_kind: HashMap<Kind, BTreeMap<String, Value>> = HashMap::new();
        {
            let mut stmt = conn.prepare("SELECT arn, kind, doc FROM resources")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (arn, kind, doc) = row?;
                let kind = Kind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
                    arn: arn.clone(),
                    message: format!("unknown kind `{kind}`"),
                })?;
                let doc = serde_json::from_str(&doc).map_err(|e| StoreError::Corrupt {
                    arn: arn.clone(),
                    message: e.to_string(),
                })?;
                by_kind.entry(kind).or_default().insert(arn, doc);
            }
        }
        let mut idempotency = HashMap::new();
        {
            let mut stmt =
                conn.prepare("SELECT operation, token, fingerprint, output FROM idempotency")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            for row in rows {
                let (operation, token, fingerprint, output) = row?;
                let output = serde_json::from_str(&output).map_err(|e| StoreError::Corrupt {
                    arn: format!("idempotency {operation}"),
                    message: e.to_string(),
                })?;
                idempotency.insert(
                    (operation, token),
                    IdempotentCall {
                        fingerprint,
                        output,
                    },
                );
            }
        }
        Ok(Self {
            conn: Mutex::new(conn),
            by_kind,
            idempotency,
        })
    }

    /// Whether the store holds no resource (first start: the demo data goes in).
    pub fn is_empty(&self) -> bool {
        self.by_kind.values().all(BTreeMap::is_empty)
    }

    /// The resources of `kind`, by ARN.
    pub fn all(&self, kind: Kind) -> &BTreeMap<String, Value> {
        static EMPTY: BTreeMap<String, Value> = BTreeMap::new();
        self.by_kind.get(&kind).unwrap_or(&EMPTY)
    }

    /// The resource `arn` of `kind`.
    pub fn get(&self, kind: Kind, arn: &str) -> Option<&Value> {
        self.by_kind.get(&kind).and_then(|m| m.get(arn))
    }

    /// The kind and document of `arn`, whatever its kind.
    pub fn find(&self, arn: &str) -> Option<(Kind, &Value)> {
        self.by_kind
            .iter()
            .find_map(|(k, m)| m.get(arn).map(|d| (*k, d)))
    }

    /// Inserts or replaces a resource, in memory and in SQLite.
    pub fn put(&mut self, kind: Kind, arn: &str, doc: Value) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO resources (arn, kind, doc) VALUES (?1, ?2, ?3)",
            params![arn, kind.as_str(), doc.to_string()],
        )?;
        self.by_kind
            .entry(kind)
            .or_default()
            .insert(arn.to_string(), doc);
        Ok(())
    }

    /// Inserts many resources in one transaction (the demo data, the load benchmark's images).
    pub fn put_many(&mut self, docs: Vec<(Kind, String, Value)>) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut stmt = tx
                .prepare("INSERT OR REPLACE INTO resources (arn, kind, doc) VALUES (?1, ?2, ?3)")?;
            for (kind, arn, doc) in &docs {
                stmt.execute(params![arn, kind.as_str(), doc.to_string()])?;
            }
        }
        tx.commit()?;
        drop(conn);
        for (kind, arn, doc) in docs {
            self.by_kind.entry(kind).or_default().insert(arn, doc);
        }
        Ok(())
    }

    /// Removes a resource.
    pub fn remove(&mut self, kind: Kind, arn: &str) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM resources WHERE arn = ?1", params![arn])?;
        if let Some(m) = self.by_kind.get_mut(&kind) {
            m.remove(arn);
        }
        Ok(())
    }

    /// The recorded call of `operation` with `token`.
    pub fn idempotent_call(&self, operation: &str, token: &str) -> Option<&IdempotentCall> {
        self.idempotency
            .get(&(operation.to_string(), token.to_string()))
    }

    /// Records an idempotent call.
    pub fn record_call(
        &mut self,
        operation: &str,
        token: &str,
        call: IdempotentCall,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO idempotency (operation, token, fingerprint, output) VALUES (?1, ?2, ?3, ?4)",
            params![operation, token, call.fingerprint, call.output.to_string()],
        )?;
        self.idempotency
            .insert((operation.to_string(), token.to_string()), call);
        Ok(())
    }

    /// The value stored under `key` in the metadata table, or `make()` stored there first.
    pub fn meta_or_insert(
        &mut self,
        key: &str,
        make: impl FnOnce() -> Vec<u8>,
    ) -> Result<Vec<u8>, StoreError> {
        let existing: Option<Vec<u8>> = self
            .conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(v) = existing {
            return Ok(v);
        }
        let v = make();
        self.conn().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![key, v],
        )?;
        Ok(v)
    }

    /// Flushes SQLite's write-ahead log into the database file (on shutdown).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn documents_survive_reopening_the_database_file() {
        let dir = std::env::temp_dir().join(format!("ib-store-{}", std::process::id()));
        let _ = std::fs::remove_file(&dir);
        {
            let mut s = Store::open(Some(&dir)).unwrap();
            s.put(Kind::Image, "arn:a", json!({"name": "a"})).unwrap();
            s.record_call(
                "CreateImage",
                "t",
                IdempotentCall {
                    fingerprint: "f".into(),
                    output: json!({"x": 1}),
                },
            )
            .unwrap();
            let key = s.meta_or_insert("k", || vec![1, 2, 3]).unwrap();
            assert_eq!(key, vec![1, 2, 3]);
            s.flush().unwrap();
        }
        let mut s = Store::open(Some(&dir)).unwrap();
        assert_eq!(s.get(Kind::Image, "arn:a"), Some(&json!({"name": "a"})));
        assert_eq!(
            s.idempotent_call("CreateImage", "t")
                .map(|c| c.output.clone()),
            Some(json!({"x": 1}))
        );
        assert_eq!(s.meta_or_insert("k", || vec![9]).unwrap(), vec![1, 2, 3]);
        s.remove(Kind::Image, "arn:a").unwrap();
        drop(s);
        let s = Store::open(Some(&dir)).unwrap();
        assert!(s.is_empty());
        let _ = std::fs::remove_file(&dir);
    }
}
