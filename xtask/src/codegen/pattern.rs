//! Compiles the model's regex patterns into the small instruction set the core's matcher runs
//! (`imagebuilder_core::protocol::schema::Inst`), so the core needs no regex engine.
//!
//! Semantics are Smithy's: a pattern is not implicitly anchored. `\w`, `\s` and `\d` are ASCII
//! (as in Java, which the service validates with, and ECMA-262 for `\w`/`\d`); the one lookahead
//! the model uses, a leading `^(?!literal)`, becomes a forbidden prefix.

use anyhow::{Context, Result, bail};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Unbounded repetition in a `Class` instruction.
const UNBOUNDED: u32 = u16::MAX as u32;

/// One compiled instruction (mirrors the core's `Inst`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inst {
    Class {
        ranges: Vec<(char, char)>,
        min: u32,
        max: u32,
    },
    Split(usize, usize),
    Jump(usize),
    Start,
    End,
    Match,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Program {
    pub forbidden_prefix: String,
    pub anchored: bool,
    pub insts: Vec<Inst>,
}

/// Compiles `pattern` (as the model writes it).
pub fn compile(pattern: &str) -> Result<Program> {
    let (forbidden_prefix, rest) = split_lookahead(pattern)?;
    let translated = ascii_perl_classes(&rest)?;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&translated)
        .with_context(|| format!("pattern `{pattern}` (as `{translated}`) does not parse"))?;
    let mut compiler = Compiler { insts: Vec::new() };
    compiler
        .emit(&hir)
        .with_context(|| format!("pattern `{pattern}`"))?;
    compiler.insts.push(Inst::Match);
    let anchored = compiler.insts.first() == Some(&Inst::Start);
    Ok(Program {
        forbidden_prefix,
        anchored,
        insts: compiler.insts,
    })
}

/// Removes a leading `^(?!literal)` and returns the literal, or fails on any other lookaround.
fn split_lookahead(pattern: &str) -> Result<(String, String)> {
    let Some(at) = pattern.find("(?!") else {
        if pattern.contains("(?=") || pattern.contains("(?<") {
            bail!("pattern `{pattern}` uses a lookaround the matcher does not support");
        }
        return Ok((String::new(), pattern.to_string()));
    };
    if at != 1 || !pattern.starts_with('^') {
        bail!("pattern `{pattern}`: only a leading `^(?!literal)` lookahead is supported");
    }
    let body = &pattern[at + 3..];
    let end = body
        .find(')')
        .with_context(|| format!("pattern `{pattern}`: unclosed lookahead"))?;
    let literal = &body[..end];
    if literal.is_empty()
        || literal
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || c == ':' || c == '-' || c == '_'))
    {
        bail!("pattern `{pattern}`: the lookahead must hold a plain literal");
    }
    Ok((literal.to_string(), format!("^{}", &body[end + 1..])))
}

/// Rewrites `\w`, `\s`, `\d` (and negations) to ASCII classes, inside and outside brackets.
fn ascii_perl_classes(pattern: &str) -> Result<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut depth = 0usize;
    let mut class_start = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    bail!("pattern ends with a backslash");
                };
                let name = match next.to_ascii_lowercase() {
                    'w' => Some("word"),
                    's' => Some("space"),
                    'd' => Some("digit"),
                    _ => None,
                };
                match name {
                    Some(name) => {
                        let neg = if next.is_ascii_uppercase() { "^" } else { "" };
                        if depth > 0 {
                            out.push_str(&format!("[:{neg}{name}:]"));
                        } else {
                            out.push_str(&format!("[[:{neg}{name}:]]"));
                        }
                    }
                    None => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' => {
                out.push(c);
                if depth > 0 && chars.peek() == Some(&':') {
                    // A POSIX class inside brackets: copy it through.
                    for d in chars.by_ref() {
                        out.push(d);
                        if d == ']' {
                            break;
                        }
                    }
                } else {
                    depth += 1;
                    class_start = true;
                    if chars.peek() == Some(&'^') {
                        out.push('^');
                        chars.next();
                    }
                    continue;
                }
            }
            ']' if depth > 0 && !class_start => {
                out.push(c);
                depth -= 1;
            }
            _ => out.push(c),
        }
        class_start = false;
    }
    Ok(out)
}

struct Compiler {
    insts: Vec<Inst>,
}

impl Compiler {
    fn emit(&mut self, hir: &Hir) -> Result<()> {
        match hir.kind() {
            HirKind::Empty => {}
            HirKind::Literal(lit) => {
                let text = std::str::from_utf8(&lit.0).context("a literal is not UTF-8")?;
                for c in text.chars() {
                    self.insts.push(Inst::Class {
                        ranges: vec![(c, c)],
                        min: 1,
                        max: 1,
                    });
                }
            }
            HirKind::Class(class) => {
                let ranges = class_ranges(class)?;
                self.insts.push(Inst::Class {
                    ranges,
                    min: 1,
                    max: 1,
                });
            }
            HirKind::Look(look) => match look {
                Look::Start => self.insts.push(Inst::Start),
                Look::End => self.insts.push(Inst::End),
                other => bail!("the assertion {other:?} is not supported"),
            },
            HirKind::Capture(cap) => self.emit(&cap.sub)?,
            HirKind::Concat(subs) => {
                for sub in subs {
                    self.emit(sub)?;
                }
            }
            HirKind::Alternation(subs) => self.alternation(subs)?,
            HirKind::Repetition(rep) => {
                let max = rep.max.unwrap_or(UNBOUNDED);
                if rep.min >= UNBOUNDED || (rep.max.is_some() && max >= UNBOUNDED) {
                    bail!(
                        "a repetition count of {} or more is not supported",
                        UNBOUNDED
                    );
                }
                if let Some(ranges) = single_class(&rep.sub)? {
                    self.insts.push(Inst::Class {
                        ranges,
                        min: rep.min,
                        max,
                    });
                } else {
                    self.repetition(&rep.sub, rep.min, rep.max)?;
                }
            }
        }
        Ok(())
    }

    /// `a|b|c`: `Split(a, next)`, each branch jumping to the end.
    fn alternation(&mut self, subs: &[Hir]) -> Result<()> {
        let mut jumps = Vec::new();
        for (i, sub) in subs.iter().enumerate() {
            let last = i + 1 == subs.len();
            let split = self.insts.len();
            if !last {
                self.insts.push(Inst::Split(split + 1, usize::MAX));
            }
            self.emit(sub)?;
            if !last {
                jumps.push(self.insts.len());
                self.insts.push(Inst::Jump(usize::MAX));
                let next = self.insts.len();
                self.insts[split] = Inst::Split(split + 1, next);
            }
        }
        let end = self.insts.len();
        for j in jumps {
            self.insts[j] = Inst::Jump(end);
        }
        Ok(())
    }

    /// A repetition of something other than one class: copies for the minimum, then optional
    /// copies (or a loop when unbounded).
    fn repetition(&mut self, sub: &Hir, min: u32, max: Option<u32>) -> Result<()> {
        const MAX_COPIES: u32 = 16;
        if min > MAX_COPIES || max.is_some_and(|m| m > MAX_COPIES) {
            bail!("a counted repetition of a group above {MAX_COPIES} is not supported");
        }
        for _ in 0..min {
            self.emit(sub)?;
        }
        match max {
            None => {
                // loop: Split(body, out); body; Jump(loop)
                let split = self.insts.len();
                self.insts.push(Inst::Split(split + 1, usize::MAX));
                self.emit(sub)?;
                self.insts.push(Inst::Jump(split));
                let out = self.insts.len();
                self.insts[split] = Inst::Split(split + 1, out);
            }
            Some(max) => {
                let mut splits = Vec::new();
                for _ in min..max {
                    splits.push(self.insts.len());
                    self.insts.push(Inst::Split(usize::MAX, usize::MAX));
                    self.emit(sub)?;
                }
                let out = self.insts.len();
                for s in splits {
                    self.insts[s] = Inst::Split(s + 1, out);
                }
            }
        }
        Ok(())
    }
}

/// The ranges of `hir` when it matches exactly one character (a class or a one-char literal,
/// possibly in a group).
fn single_class(hir: &Hir) -> Result<Option<Vec<(char, char)>>> {
    match hir.kind() {
        HirKind::Class(class) => Ok(Some(class_ranges(class)?)),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).context("a literal is not UTF-8")?;
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Some(vec![(c, c)])),
                _ => Ok(None),
            }
        }
        HirKind::Capture(cap) => single_class(&cap.sub),
        _ => Ok(None),
    }
}

fn class_ranges(class: &Class) -> Result<Vec<(char, char)>> {
    match class {
        Class::Unicode(u) => Ok(u.ranges().iter().map(|r| (r.start(), r.end())).collect()),
        Class::Bytes(_) => bail!("byte classes are not supported"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookahead_becomes_a_forbidden_prefix() {
        let p = compile(r"^(?!aws:)[a-zA-Z0-9\s_.:/=+\-@]*$").unwrap();
        assert_eq!(p.forbidden_prefix, "aws:");
        assert!(p.anchored);
    }

    #[test]
    fn perl_classes_become_ascii_posix_classes() {
        assert_eq!(
            ascii_perl_classes(r"^[\w+=,.@-]+\s$").unwrap(),
            r"^[[:word:]+=,.@-]+[[:space:]]$"
        );
    }

    #[test]
    fn counted_class_repetition_is_one_instruction() {
        let p = compile(r"^[a-zA-Z]{1,1024}$").unwrap();
        assert_eq!(p.insts.len(), 4);
    }
}
