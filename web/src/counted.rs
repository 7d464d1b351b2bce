//! A count with its noun in the right number: `1 page`, `2 pages`, `0 pages`.

/// `n` and `one` when `n` is 1, else `n` and `many`: `counted(1, "recipe", "recipes")` is
/// `"1 recipe"`, `counted(3, "recipe", "recipes")` `"3 recipes"`.
pub fn counted<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn counted_uses_the_singular_for_one_and_the_plural_otherwise() {
        assert_eq!(counted(1, "page", "pages"), "1 page");
        assert_eq!(counted(0, "page", "pages"), "0 pages");
        assert_eq!(
            counted(2, "matching version", "matching versions"),
            "2 matching versions"
        );
        assert_eq!(counted(11usize, "line", "lines"), "11 lines");
        assert_eq!(counted(1u32, "page", "pages"), "1 page");
    }
}
