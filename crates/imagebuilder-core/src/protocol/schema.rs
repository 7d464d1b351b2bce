//! The shape tables that `cargo xtask codegen` emits (`crate::generated::tables`) and that the
//! protocol engine and the validator walk.
//!
//! One table-driven engine serves both entry points: the JSON-in/JSON-out API walks these tables
//! over `serde_json::Value`s, and every typed operation serializes its input to a `Value` and
//! calls the same engine. The tables are compact (they are most of what the JSON path costs in
//! wasm): shapes and members are small fixed-size records that refer to each other, to strings
//! and to limits by `u16` index; [`Shape::kind`] decodes a record into a [`Kind`].

use crate::generated::tables::{ENUM_VALUES, LIMITS, MEMBERS, PATTERNS, STRING_ENDS, STRINGS};

/// Index of a shape in [`SHAPES`](crate::generated::tables::SHAPES).
pub(crate) type ShapeId = u16;

/// Index of a string in the string table ([`string`]).
pub(crate) type StrId = u16;

/// "No string" (a shape without a name in the tables).
pub(crate) const NO_STRING: StrId = u16::MAX;

/// "No pattern".
pub(crate) const NO_PATTERN: u8 = u8::MAX;

/// String `id` of the table: all strings are concatenated in `STRINGS`, `STRING_ENDS[i]` is
/// where string `i` ends.
pub(crate) fn string(id: StrId) -> &'static str {
    let i = usize::from(id);
    let end = STRING_ENDS.get(i).map_or(0, |e| usize::from(*e));
    let start = match i {
        0 => 0,
        _ => STRING_ENDS.get(i - 1).map_or(0, |e| usize::from(*e)),
    };
    STRINGS.get(start..end).unwrap_or_default()
}

/// What a shape record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShapeType {
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Double,
    Boolean,
    Timestamp,
}

/// One shape of the model that an operation can reach, as a compact record.
///
/// - structure: `a` = first member in `MEMBERS`, `b` = member count;
/// - list: `a` = member shape; map: `a` = key shape, `b` = value shape;
/// - string: `a` = first enum value in `ENUM_VALUES`, `b` = enum value count, `pattern`;
/// - `limits`: index in `LIMITS` (length for strings, lists and maps; range for numbers).
#[derive(Debug)]
pub(crate) struct Shape {
    pub ty: ShapeType,
    pub pattern: u8,
    pub name: StrId,
    pub a: u16,
    pub b: u16,
    pub limits: u16,
}

/// A decoded [`Shape`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// A structure: members in model order.
    Structure(&'static [Member]),
    /// A list of the member shape; length bounds.
    List(ShapeId, Bounds),
    /// A map with string keys: key shape, value shape; entry-count bounds.
    Map(ShapeId, ShapeId, Bounds),
    /// A string: length bounds in Unicode scalar values, enum values (string ids; empty when not
    /// an enum) and the model's pattern.
    String(Bounds, &'static [StrId], Option<&'static Pattern>),
    /// A 32-bit `integer` (`long == false`) or a 64-bit `long`, with its range.
    Integer { long: bool, range: Bounds },
    /// A `double`, with its range.
    Double(Bounds),
    /// A `boolean`.
    Boolean,
    /// A `timestamp`, epoch seconds on the wire (the rest-json default; the model sets no
    /// `timestampFormat`).
    Timestamp,
}

/// Inclusive optional bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub min: Option<i64>,
    pub max: Option<i64>,
}

impl Shape {
    /// The decoded shape.
    pub(crate) fn kind(&self) -> Kind {
        let (a, b) = (usize::from(self.a), usize::from(self.b));
        let (lo, hi) = LIMITS
            .get(usize::from(self.limits))
            .copied()
            .unwrap_or((i64::MIN, i64::MAX));
        let bounds = Bounds {
            min: (lo != i64::MIN).then_some(lo),
            max: (hi != i64::MAX).then_some(hi),
        };
        match self.ty {
            ShapeType::Structure => Kind::Structure(MEMBERS.get(a..a + b).unwrap_or_default()),
            ShapeType::List => Kind::List(self.a, bounds),
            ShapeType::Map => Kind::Map(self.a, self.b, bounds),
            ShapeType::String => Kind::String(
                bounds,
                ENUM_VALUES.get(a..a + b).unwrap_or_default(),
                PATTERNS.get(usize::from(self.pattern)),
            ),
            ShapeType::Integer => Kind::Integer {
                long: false,
                range: bounds,
            },
            ShapeType::Long => Kind::Integer {
                long: true,
                range: bounds,
            },
            ShapeType::Double => Kind::Double(bounds),
            ShapeType::Boolean => Kind::Boolean,
            ShapeType::Timestamp => Kind::Timestamp,
        }
    }

    /// The model's shape name, kept only for string shapes with a pattern (the ARN and version
    /// validators are keyed by it); empty otherwise.
    pub(crate) fn name(&self) -> &'static str {
        if self.name == NO_STRING {
            ""
        } else {
            string(self.name)
        }
    }

    /// A record (used by the generated tables).
    pub(crate) const fn new(
        ty: ShapeType,
        name: StrId,
        a: u16,
        b: u16,
        limits: u16,
        pattern: u8,
    ) -> Self {
        Self {
            ty,
            pattern,
            name,
            a,
            b,
            limits,
        }
    }
}

/// Member flag: listed in the structure's `required`.
pub(crate) const REQUIRED: u8 = 1;
/// Member flag: bound to the URI label of the member's name.
pub(crate) const URI: u8 = 2;
/// Member flag: bound to the query string parameter of the member's name.
pub(crate) const QUERY: u8 = 4;

/// One member of a structure.
#[derive(Debug)]
pub(crate) struct Member {
    /// The member name, which is also its JSON name (the model sets no `jsonName`), its URI
    /// label or its query parameter name (the generator refuses a `locationName` that differs).
    pub name: StrId,
    /// The member's shape.
    pub shape: ShapeId,
    /// [`REQUIRED`], [`URI`], [`QUERY`].
    pub flags: u8,
}

/// Where an input member goes in the HTTP request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    /// A member of the JSON body.
    Body,
    /// A `{label}` of the request URI.
    Uri(&'static str),
    /// A query string parameter of this name.
    Query(&'static str),
}

impl Member {
    /// A record (used by the generated tables).
    pub(crate) const fn new(name: StrId, shape: ShapeId, flags: u8) -> Self {
        Self { name, shape, flags }
    }

    /// The member (and JSON) name.
    pub(crate) fn name(&self) -> &'static str {
        string(self.name)
    }

    /// Whether the member is required.
    pub(crate) fn required(&self) -> bool {
        self.flags & REQUIRED != 0
    }

    /// Where the member goes in a request.
    pub(crate) fn location(&self) -> Location {
        if self.flags & URI != 0 {
            Location::Uri(self.name())
        } else if self.flags & QUERY != 0 {
            Location::Query(self.name())
        } else {
            Location::Body
        }
    }
}

/// A model pattern and how it is checked.
#[derive(Debug)]
pub(crate) struct Pattern {
    /// The pattern exactly as the model writes it.
    pub source: &'static str,
    /// How values are checked against it.
    pub check: PatternCheck,
}

/// How a pattern is checked.
#[derive(Debug)]
pub(crate) enum PatternCheck {
    /// By [`crate::arn::validate_for`], which knows the ARN shapes (and is stricter than the
    /// regex where the service's rules are).
    Arn,
    /// By [`crate::version::validate_for`].
    Version,
    /// By the pattern matcher over a program compiled from the regex at codegen time.
    Program(Program),
}

/// A regex compiled by `cargo xtask codegen` for the pattern matcher (`protocol::pattern`).
///
/// Semantics are the model's (Smithy's): the pattern is not implicitly anchored (a value matches
/// when the pattern matches anywhere in it), `\w` and `\s` are ASCII.
#[derive(Debug)]
pub(crate) struct Program {
    /// A prefix the value must not start with: the pattern's leading `^(?!prefix)`, which the
    /// instruction set has no lookahead for (empty when none).
    pub forbidden_prefix: &'static str,
    /// Whether the program starts with `^`, so matches can only start at offset 0.
    pub anchored: bool,
    /// The instructions; execution starts at 0.
    pub insts: &'static [Inst],
}

/// One instruction of a compiled pattern.
#[derive(Debug)]
pub(crate) enum Inst {
    /// Consume between `min` and `max` characters (`max == u16::MAX`: unbounded), each in one
    /// of the inclusive `ranges`, then continue at the next instruction.
    Class {
        ranges: &'static [(char, char)],
        min: u16,
        max: u16,
    },
    /// Continue at both instructions.
    Split(u16, u16),
    /// Continue at this instruction.
    Jump(u16),
    /// Succeed only at the start of the value.
    Start,
    /// Succeed only at the end of the value.
    End,
    /// The pattern matched.
    Match,
}

impl Inst {
    /// Between `min` and `max` (`u16::MAX`: unbounded) characters of the class.
    pub(crate) const fn class(ranges: &'static [(char, char)], min: u16, max: u16) -> Self {
        Self::Class { ranges, min, max }
    }
}

/// One operation of the model.
#[derive(Debug)]
pub(crate) struct OperationDef {
    /// The operation name, e.g. `ListImages`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The request URI template, e.g. `/tags/{resourceArn}`; empty for the common
    /// `/<name>` (see [`OperationDef::path`]).
    pub uri: &'static str,
    /// The input structure.
    pub input: ShapeId,
    /// The output structure.
    pub output: ShapeId,
    /// Whether the input has members that go in the body (then a body, at least `{}`, goes).
    pub has_body: bool,
}

impl OperationDef {
    /// The URI template as the model writes it.
    pub(crate) fn path(&self) -> String {
        if self.uri.is_empty() {
            format!("/{}", self.name)
        } else {
            self.uri.to_string()
        }
    }

    /// An operation (used by the generated tables).
    pub(crate) const fn new(
        name: &'static str,
        method: &'static str,
        uri: &'static str,
        input: ShapeId,
        output: ShapeId,
        has_body: bool,
    ) -> Self {
        Self {
            name,
            method,
            uri,
            input,
            output,
            has_body,
        }
    }
}
