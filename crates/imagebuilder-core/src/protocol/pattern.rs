//! The pattern matcher of input validation: runs a model pattern that `cargo xtask codegen`
//! compiled into a [`Program`], in time linear in the value whatever the pattern (so the core
//! needs no regex engine).

use super::schema::{Inst, Program};

/// A thread of the matcher: an instruction and, for a `Class` instruction, how many characters
/// it has consumed (capped at `min` when unbounded, so equivalent threads merge).
type Thread = (u16, u16);

/// Whether `program` matches anywhere in `s` (the model's patterns are not implicitly
/// anchored). A Pike-style simulation: every thread advances in lockstep over the characters,
/// so time is linear in the input whatever the pattern.
pub(crate) fn run(program: &Program, s: &str) -> bool {
    if !program.forbidden_prefix.is_empty() && s.starts_with(program.forbidden_prefix) {
        return false;
    }
    let mut current: Vec<Thread> = Vec::new();
    let mut next: Vec<Thread> = Vec::new();
    for (i, c) in s.char_indices() {
        if (i == 0 || !program.anchored) && add(program, &mut current, 0, 0, i == 0, false) {
            return true;
        }
        if current.is_empty() && program.anchored {
            return false;
        }
        next.clear();
        let at_end = i + c.len_utf8() == s.len();
        for &(pc, count) in &current {
            if let Some(Inst::Class { ranges, min, max }) = program.insts.get(usize::from(pc)) {
                let unbounded = *max == u16::MAX;
                if (unbounded || count < *max) && ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
                {
                    let count = if unbounded {
                        count.saturating_add(1).min(*min)
                    } else {
                        count + 1
                    };
                    if add(program, &mut next, pc, count, false, at_end) {
                        return true;
                    }
                }
            }
        }
        std::mem::swap(&mut current, &mut next);
    }
    (s.is_empty() || !program.anchored) && add(program, &mut current, 0, 0, s.is_empty(), true)
}

/// Adds a thread and follows its empty transitions; `true` when one reaches `Match`.
fn add(
    program: &Program,
    list: &mut Vec<Thread>,
    pc: u16,
    count: u16,
    at_start: bool,
    at_end: bool,
) -> bool {
    if list.contains(&(pc, count)) {
        return false;
    }
    list.push((pc, count));
    let next = pc.wrapping_add(1);
    match program.insts.get(usize::from(pc)) {
        Some(Inst::Class { min, .. }) => {
            count >= *min && add(program, list, next, 0, at_start, at_end)
        }
        Some(Inst::Split(a, b)) => {
            add(program, list, *a, 0, at_start, at_end)
                || add(program, list, *b, 0, at_start, at_end)
        }
        Some(Inst::Jump(a)) => add(program, list, *a, 0, at_start, at_end),
        Some(Inst::Start) => at_start && add(program, list, next, 0, at_start, at_end),
        Some(Inst::End) => at_end && add(program, list, next, 0, at_start, at_end),
        Some(Inst::Match) => true,
        None => false,
    }
}
