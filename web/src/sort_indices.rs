//! One stable sort for every table the console orders: of row indices, with the comparison
//! behind a `&dyn`. Each `sort_by` on its own element type and closure is a copy of the
//! standard library's stable sort (about 3 KB of wasm each); this is one copy for all.

use std::cmp::Ordering;

/// Sorts `indices` stably by `compare` (of the rows the indices point at).
pub fn sort_indices(indices: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    indices.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use super::sort_indices;

    #[test]
    fn sort_indices_keeps_the_order_of_equal_rows() {
        let keys = [3, 1, 2, 1, 3];
        let mut order: Vec<usize> = (0..keys.len()).collect();
        sort_indices(&mut order, &|a, b| keys[a].cmp(&keys[b]));
        assert_eq!(order, [1, 3, 2, 0, 4]);
        sort_indices(&mut order, &|a, b| keys[b].cmp(&keys[a]));
        assert_eq!(order, [0, 4, 2, 1, 3]);
    }
}
