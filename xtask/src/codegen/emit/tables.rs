//! The `tables.rs` half of the generated core: the compact shape, member, limit, pattern and
//! operation tables the one protocol engine walks, plus the idempotency-token, paginator and
//! waiter facts of the model.

use super::{Check, Ctx, header, i64_of, lit};
use crate::codegen::names;
use crate::codegen::pattern::{Inst, Program};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

impl Ctx<'_> {
    // ----------------------------------------------------------------------------------------
    // tables.rs

    pub(super) fn tables(&self) -> Result<String> {
        let mut s = header(
            "The shape tables: every reachable shape with its constraints, every operation with \
             its HTTP binding, compiled patterns, and the modelled exceptions. Compact records \
             that refer to each other by index (see `crate::protocol::schema`).",
            &self.model.source,
        );
        s.push_str(
            "use crate::model::Paginator;\nuse crate::protocol::ServiceErrorKind;\nuse crate::protocol::schema::{\n    Inst, Member, NO_PATTERN, NO_STRING, OperationDef, Pattern, PatternCheck, Program, QUERY, REQUIRED, Shape, ShapeType, StrId, URI,\n};\n\n",
        );
        let mut t = Tables::default();
        let mut shapes = String::new();
        for (i, name) in self.shapes.iter().enumerate() {
            let shape = self.shape(name);
            let bounds = (
                i64_of(&shape["min"], name)?.unwrap_or(i64::MIN),
                i64_of(&shape["max"], name)?.unwrap_or(i64::MAX),
            );
            let limits = t.limit(bounds)?;
            let kind = self.kind(name);
            let (ty, a, b, pattern, name_id) = match kind {
                "structure" => {
                    let required: BTreeSet<&str> = shape["required"]
                        .as_array()
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let first = t.members.len();
                    for (member, def) in shape["members"].as_object().context("members")? {
                        let wire = def["locationName"].as_str().unwrap_or(member);
                        let mut flags = Vec::new();
                        if required.contains(member.as_str()) {
                            flags.push("REQUIRED");
                        }
                        match def["location"].as_str() {
                            Some("uri") => flags.push("URI"),
                            Some("querystring") => flags.push("QUERY"),
                            _ => {}
                        }
                        let flags = if flags.is_empty() {
                            "0".to_string()
                        } else {
                            flags.join(" | ")
                        };
                        if wire != member {
                            bail!(
                                "member `{name}.{member}`: a locationName (`{wire}`) other than \
                                 the member name is not supported by the compact tables"
                            );
                        }
                        let entry = format!(
                            "Member::new({}, {}, {flags}), // {name}.{member}",
                            t.string(member)?,
                            self.idx(Self::target(def))?,
                        );
                        t.members.push(entry);
                    }
                    let count = t.members.len() - first;
                    ("Structure", u16_of(first)?, u16_of(count)?, None, None)
                }
                "list" => (
                    "List",
                    u16_of(self.idx(Self::target(&shape["member"]))?)?,
                    0,
                    None,
                    None,
                ),
                "map" => (
                    "Map",
                    u16_of(self.idx(Self::target(&shape["key"]))?)?,
                    u16_of(self.idx(Self::target(&shape["value"]))?)?,
                    None,
                    None,
                ),
                "string" => {
                    let first = t.enum_values.len();
                    for v in shape["enum"].as_array().into_iter().flatten() {
                        let v = v.as_str().context("enum value")?;
                        let id = t.string(v)?;
                        t.enum_values.push(id);
                    }
                    let count = t.enum_values.len() - first;
                    let pattern = match shape["pattern"].as_str() {
                        Some(p) => {
                            let check = match self.check_for(name, p)? {
                                Check::Arn => "PatternCheck::Arn".to_string(),
                                Check::Version => "PatternCheck::Version".to_string(),
                                Check::Program(program) => program_literal(&program)?,
                            };
                            t.patterns.push(format!(
                                "    // {name}\n    Pattern {{ source: {}, check: {check} }},",
                                lit(p)
                            ));
                            Some(t.patterns.len() - 1)
                        }
                        None => None,
                    };
                    // Names are kept only where the validators need them.
                    let name_id = match pattern {
                        Some(_) => Some(t.string(name)?),
                        None => None,
                    };
                    ("String", u16_of(first)?, u16_of(count)?, pattern, name_id)
                }
                "integer" => ("Integer", 0, 0, None, None),
                "long" => ("Long", 0, 0, None, None),
                "double" => ("Double", 0, 0, None, None),
                "boolean" => ("Boolean", 0, 0, None, None),
                "timestamp" => ("Timestamp", 0, 0, None, None),
                other => bail!("shape `{name}`: unsupported type `{other}`"),
            };
            let pattern = match pattern {
                Some(p) if p < usize::from(u8::MAX) => p.to_string(),
                Some(_) => bail!("too many patterns for u8 indices"),
                None => "NO_PATTERN".to_string(),
            };
            let name_id = name_id.map_or("NO_STRING".to_string(), |id| id.to_string());
            let _ = writeln!(
                shapes,
                "    Shape::new(ShapeType::{ty}, {name_id}, {a}, {b}, {limits}, {pattern}), // {i} {name}"
            );
        }
        // Strings: one literal, with end offsets.
        let mut ends = Vec::new();
        let mut total = 0usize;
        let mut pieces = String::new();
        for text in &t.strings {
            total += text.len();
            if total >= usize::from(u16::MAX) {
                bail!("the string table outgrew u16 offsets");
            }
            ends.push(total.to_string());
            let _ = writeln!(pieces, "    {},", lit(text));
        }
        let _ = writeln!(
            s,
            "/// Every table string (member names, wire names, enum values, names of shapes with a \
             pattern), concatenated.\npub(crate) static STRINGS: &str = concat!(\n{pieces});\n\n\
             /// Where each string of [`STRINGS`] ends.\npub(crate) static STRING_ENDS: [u16; {}] = [{}];\n",
            ends.len(),
            ends.join(", ")
        );
        let limits = t
            .limits
            .iter()
            .map(|(a, b)| {
                let show = |v: i64| match v {
                    i64::MIN => "i64::MIN".to_string(),
                    i64::MAX => "i64::MAX".to_string(),
                    v => v.to_string(),
                };
                format!("({}, {})", show(*a), show(*b))
            })
            .collect::<Vec<_>>();
        let _ = writeln!(
            s,
            "/// Length and range bounds `(min, max)` (`i64::MIN`/`i64::MAX`: none).\n\
             pub(crate) static LIMITS: [(i64, i64); {}] = [{}];\n",
            limits.len(),
            limits.join(", ")
        );
        let _ = writeln!(
            s,
            "/// Enum values (string ids), each enum's values contiguous and in model order.\n\
             pub(crate) static ENUM_VALUES: [StrId; {}] = [{}];\n",
            t.enum_values.len(),
            t.enum_values
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            s,
            "/// The model's patterns and how each is checked.\npub(crate) static PATTERNS: [Pattern; {}] = [\n{}\n];\n",
            t.patterns.len(),
            t.patterns.join("\n")
        );
        let _ = writeln!(
            s,
            "/// Every structure member, each structure's members contiguous and in model order.\n\
             pub(crate) static MEMBERS: [Member; {}] = [\n{}\n];\n",
            t.members.len(),
            t.members
                .iter()
                .map(|m| format!("    {m}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let _ = writeln!(
            s,
            "/// Every shape an operation reaches, in model order.\npub(crate) static SHAPES: [Shape; {}] = [\n{shapes}];\n",
            self.shapes.len()
        );
        let mut ops = String::new();
        let mut names_list = String::new();
        for (name, op) in &self.model.operations {
            let input = Self::target(&op["input"]);
            let output = Self::target(&op["output"]);
            let has_body = self.shape(input)["members"]
                .as_object()
                .context("input members")?
                .values()
                .any(|m| m.get("location").is_none());
            let uri = op["http"]["requestUri"].as_str().context("requestUri")?;
            // `/<name>` is stored empty (the engine rebuilds it): smaller tables.
            let uri = if uri == format!("/{name}") { "" } else { uri };
            let _ = writeln!(
                ops,
                "    OperationDef::new({}, {}, {}, {}, {}, {has_body}),",
                lit(name),
                lit(op["http"]["method"].as_str().context("method")?),
                lit(uri),
                self.idx(input)?,
                self.idx(output)?,
            );
            let _ = writeln!(names_list, "    {},", lit(name));
        }
        let n = self.model.operations.len();
        let _ = writeln!(
            s,
            "/// Every operation, sorted by name (the same order as [`OPERATION_NAMES`]).\n\
             pub(crate) static OPERATIONS: [OperationDef; {n}] = [\n{ops}];\n\n\
             /// Every operation name, sorted.\npub(crate) const OPERATION_NAMES: [&str; {n}] = [\n{names_list}];\n"
        );
        s.push_str(&self.client_tokens_and_paginators()?);
        let mut arms = String::new();
        let mut statuses = String::new();
        for e in self.model.exceptions() {
            let _ = writeln!(arms, "        {} => ServiceErrorKind::{e},", lit(&e));
            let status = self.shape(&e)["error"]["httpStatusCode"]
                .as_u64()
                .with_context(|| format!("exception `{e}` has no httpStatusCode"))?;
            let _ = writeln!(statuses, "    ({}, {status}),", lit(&e));
        }
        let _ = writeln!(
            s,
            "/// The modelled exception an error code names ([`ServiceErrorKind::Unknown`] for any other).\n\
             pub(crate) fn error_kind(code: &str) -> ServiceErrorKind {{\n    match code {{\n{arms}        _ => ServiceErrorKind::Unknown,\n    }}\n}}\n\n\
             /// Every modelled exception with the HTTP status the model gives it, in model order.\n\
             pub(crate) static EXCEPTIONS: [(&str, u16); {}] = [\n{statuses}];",
            self.model.exceptions().len()
        );
        Ok(s)
    }

    /// `CLIENT_TOKENS`/`IDEMPOTENT_OPERATIONS` (operations whose input has an
    /// `idempotencyToken` member) and `PAGINATORS`/`PAGINATED_OPERATIONS` (`paginators-1.json`),
    /// all sorted by operation name. Fails on a paginator that is not exactly `input_token`,
    /// `output_token`, one `result_key` and an optional `limit_key`, each a member name.
    fn client_tokens_and_paginators(&self) -> Result<String> {
        let mut tokens = String::new();
        let mut idempotent = String::new();
        let mut n_tokens = 0usize;
        for (name, op) in &self.model.operations {
            let input = Self::target(&op["input"]);
            let members: Vec<&String> = self.shape(input)["members"]
                .as_object()
                .context("members")?
                .iter()
                .filter(|(_, m)| m["idempotencyToken"].as_bool() == Some(true))
                .map(|(k, _)| k)
                .collect();
            match members.as_slice() {
                [] => {}
                [member] => {
                    let _ = writeln!(tokens, "    ({}, {}),", lit(name), lit(member));
                    let _ = writeln!(idempotent, "    {},", lit(name));
                    n_tokens += 1;
                }
                more => bail!("{name}: more than one idempotency token ({more:?})"),
            }
        }
        const KEYS: [&str; 4] = ["input_token", "output_token", "limit_key", "result_key"];
        let mut paginators = String::new();
        let mut paginated = String::new();
        for (name, p) in &self.model.paginators {
            let object = p
                .as_object()
                .with_context(|| format!("paginator {name}: not an object"))?;
            let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
            keys.sort_unstable();
            let mut expected = KEYS.to_vec();
            expected.sort_unstable();
            let mut without_limit: Vec<&str> =
                KEYS.into_iter().filter(|k| *k != "limit_key").collect();
            without_limit.sort_unstable();
            if keys != expected && keys != without_limit {
                bail!(
                    "paginator {name}: has the fields {keys:?}; the generator handles exactly \
                     {KEYS:?}, limit_key optional (one result_key, no more_results or \
                     non_aggregate_keys)"
                );
            }
            let op = &self
                .model
                .operations
                .iter()
                .find(|(n, _)| n == name)
                .with_context(|| format!("paginator `{name}` names no operation"))?
                .1;
            let mut values = Vec::new();
            for key in KEYS {
                let value = &object.get(key);
                if key == "limit_key" && value.is_none() {
                    values.push(format!("{key}: None"));
                    continue;
                }
                let value = value.and_then(Value::as_str).with_context(|| {
                    format!("paginator {name}: `{key}` is not a single member name")
                })?;
                if key == "limit_key" {
                    if self.shape(Self::target(&op["input"]))["members"][value].is_null() {
                        bail!("paginator {name}: limit_key `{value}` is not a member of the input");
                    }
                    values.push(format!("{key}: Some({})", lit(value)));
                } else {
                    values.push(format!("{key}: {}", lit(value)));
                }
            }
            let _ = writeln!(
                paginators,
                "    ({}, Paginator {{ {} }}),",
                lit(name),
                values.join(", ")
            );
            let _ = writeln!(paginated, "    {},", lit(name));
        }
        let n_pages = self.model.paginators.len();
        Ok(format!(
            "/// Every operation whose input has an idempotency token, with the token member, sorted by operation name.\n\
             pub(crate) static CLIENT_TOKENS: [(&str, &str); {n_tokens}] = [\n{tokens}];\n\n\
             /// The operations of [`CLIENT_TOKENS`], sorted.\n\
             pub(crate) const IDEMPOTENT_OPERATIONS: [&str; {n_tokens}] = [\n{idempotent}];\n\n\
             /// Every paginator of `paginators-1.json`, sorted by operation name.\n\
             pub(crate) static PAGINATORS: [(&str, Paginator); {n_pages}] = [\n{paginators}];\n\n\
             /// The operations of [`PAGINATORS`], sorted.\n\
             pub(crate) const PAGINATED_OPERATIONS: [&str; {n_pages}] = [\n{paginated}];\n\n"
        ))
    }

    /// `waiters.rs`: one `Waiter` static per waiter of `waiters-2.json` and `WAITERS`, sorted by
    /// name (`crate::model` re-exports them). Fails on a waiter the client's one waiter
    /// loop cannot run: every acceptor must be a `path` matcher on the same member path, with
    /// state `success` or `failure` and a string `expected`.
    pub(super) fn waiters(&self) -> Result<String> {
        let mut out = header(
            "The waiters of `waiters-2.json`, re-exported by [`crate::model`].",
            &self.model.source,
        );
        out.push_str("use crate::model::Waiter;\n\n");
        let mut all = Vec::new();
        for (name, w) in &self.model.waiters {
            let operation = w["operation"]
                .as_str()
                .with_context(|| format!("waiter {name}: no operation"))?;
            if !self.model.operations.iter().any(|(n, _)| n == operation) {
                bail!("waiter {name}: `{operation}` is not an operation");
            }
            let number = |key: &str| -> Result<u64> {
                w[key]
                    .as_u64()
                    .with_context(|| format!("waiter {name}: `{key}` is not a whole number"))
            };
            let (delay, max_attempts) = (number("delay")?, number("maxAttempts")?);
            let mut path: Option<&str> = None;
            let (mut success, mut failure) = (Vec::new(), Vec::new());
            for a in w["acceptors"].as_array().into_iter().flatten() {
                let argument = a["argument"].as_str().unwrap_or_default();
                let expected = a["expected"].as_str();
                if a["matcher"].as_str() != Some("path")
                    || path.is_some_and(|p| p != argument)
                    || expected.is_none()
                {
                    bail!(
                        "waiter {name}: the generator handles `path` acceptors on one member path \
                         with a string `expected` only, got {a}"
                    );
                }
                path = Some(argument);
                let expected = lit(expected.unwrap_or_default());
                match a["state"].as_str() {
                    Some("success") => success.push(expected),
                    Some("failure") => failure.push(expected),
                    other => bail!("waiter {name}: acceptor state {other:?} is not supported"),
                }
            }
            let path = path.with_context(|| format!("waiter {name}: no acceptors"))?;
            let item = names::snake(name).to_uppercase();
            let _ = writeln!(
                out,
                "/// The `{name}` waiter of `waiters-2.json`.\n\
                 pub static {item}: Waiter = Waiter {{ name: {}, operation: {}, delay_seconds: {delay}, \
                 max_attempts: {max_attempts}, path: {}, success: &[{}], failure: &[{}] }};\n",
                lit(name),
                lit(operation),
                lit(path),
                success.join(", "),
                failure.join(", ")
            );
            all.push(format!("&{item}"));
        }
        let _ = writeln!(
            out,
            "/// Every waiter of `waiters-2.json`, sorted by name.\n\
             pub static WAITERS: [&Waiter; {}] = [{}];",
            all.len(),
            all.join(", ")
        );
        Ok(out)
    }
}

/// The interned contents of the tables, in first-use order (deterministic).
#[derive(Default)]
struct Tables {
    strings: Vec<String>,
    string_ids: BTreeMap<String, u16>,
    limits: Vec<(i64, i64)>,
    enum_values: Vec<u16>,
    patterns: Vec<String>,
    members: Vec<String>,
}

impl Tables {
    fn string(&mut self, s: &str) -> Result<u16> {
        if let Some(id) = self.string_ids.get(s) {
            return Ok(*id);
        }
        let id = u16_of(self.strings.len())?;
        if id == u16::MAX {
            bail!("too many strings for u16 ids");
        }
        self.strings.push(s.to_string());
        self.string_ids.insert(s.to_string(), id);
        Ok(id)
    }

    fn limit(&mut self, bounds: (i64, i64)) -> Result<u16> {
        if self.limits.is_empty() {
            self.limits.push((i64::MIN, i64::MAX));
        }
        match self.limits.iter().position(|l| *l == bounds) {
            Some(i) => u16_of(i),
            None => {
                self.limits.push(bounds);
                u16_of(self.limits.len() - 1)
            }
        }
    }
}

fn u16_of(v: usize) -> Result<u16> {
    u16::try_from(v).context("a table index does not fit u16")
}

/// The Rust literal of a compiled program.
fn program_literal(p: &Program) -> Result<String> {
    let idx = |i: usize| -> Result<u16> {
        u16::try_from(i).context("a compiled pattern is too long for u16 jumps")
    };
    let mut insts = String::new();
    for inst in &p.insts {
        let text = match inst {
            Inst::Class { ranges, min, max } => {
                let ranges = ranges
                    .iter()
                    .map(|(a, b)| format!("({a:?}, {b:?})"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("Inst::class(&[{ranges}], {min}, {max})")
            }
            Inst::Split(a, b) => format!("Inst::Split({}, {})", idx(*a)?, idx(*b)?),
            Inst::Jump(a) => format!("Inst::Jump({})", idx(*a)?),
            Inst::Start => "Inst::Start".to_string(),
            Inst::End => "Inst::End".to_string(),
            Inst::Match => "Inst::Match".to_string(),
        };
        insts.push_str(&text);
        insts.push_str(", ");
    }
    Ok(format!(
        "PatternCheck::Program(Program {{ forbidden_prefix: {}, anchored: {}, insts: &[{insts}] }})",
        lit(&p.forbidden_prefix),
        p.anchored
    ))
}
