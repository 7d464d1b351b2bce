//! Rust names for model names: `snake_case` fields, `UpperCamelCase` enum variants.

/// Splits a name into words at non-alphanumerics, lower-to-upper changes and the end of an
/// upper-case run (`AWSMarketplace` -> `AWS`, `Marketplace`; `s3ExportConfiguration` -> `s3`,
/// `Export`, `Configuration`; `macOS` -> `mac`, `OS`).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let boundary = c.is_ascii_uppercase()
                && (prev.is_ascii_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase())));
            if boundary {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `accountAggregation` -> `account_aggregation`; keywords get `r#`.
pub fn snake(name: &str) -> String {
    let joined = words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if is_keyword(&joined) {
        format!("r#{joined}")
    } else {
        joined
    }
}

/// `USER_INITIATED` -> `UserInitiated`, `aws:ec2:image` -> `AwsEc2Image`, `Self` ->
/// `SelfValue`.
pub fn upper_camel(name: &str) -> String {
    let mut out: String = words(name)
        .iter()
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut cs = lower.chars();
            match cs.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" || out == "Unknown" {
        out.push_str("Value");
    }
    out
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_splits_camel_case_and_digits() {
        assert_eq!(snake("s3ExportConfiguration"), "s3_export_configuration");
        assert_eq!(snake("imageBuildVersionArn"), "image_build_version_arn");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(
            snake("amiDistributionConfiguration"),
            "ami_distribution_configuration"
        );
    }

    #[test]
    fn upper_camel_case_handles_enum_spellings() {
        assert_eq!(upper_camel("USER_INITIATED"), "UserInitiated");
        assert_eq!(upper_camel("AWSMarketplace"), "AwsMarketplace");
        assert_eq!(upper_camel("macOS"), "MacOs");
        assert_eq!(upper_camel("aws:ec2:image"), "AwsEc2Image");
        assert_eq!(upper_camel("Self"), "SelfValue");
        assert_eq!(upper_camel("gp2"), "Gp2");
    }
}
