//! One module per page.

pub mod connect;
pub mod image;
pub mod image_build;
pub mod image_detail;
pub mod images;
pub mod launch;
pub mod launch_form;
pub mod launch_workflows;
pub mod validate;

/// The image ARN prefix for `account` and `name` in the connected region.
pub fn image_arn(region: &str, account: &str, name: &str) -> String {
    let partition = imagebuilder_client::endpoint::partition_of(region).name;
    format!("arn:{partition}:imagebuilder:{region}:{account}:image/{name}")
}

/// The console path of an image ARN: `/image/{account}/{name}[/{version}[/{build}]]`.
pub fn image_path(arn: &str) -> Option<String> {
    let (_, rest) = arn.split_once(":image/")?;
    let account = arn.split(':').nth(4)?;
    Some(format!("/image/{account}/{rest}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn image_paths() {
        assert_eq!(
            super::image_path("arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/2")
                .as_deref(),
            Some("/image/123456789012/web/1.0.0/2")
        );
        assert_eq!(
            super::image_path("arn:aws:imagebuilder:us-east-1:1:image-recipe/web/1.0.0"),
            None
        );
        assert_eq!(
            super::image_arn("cn-north-1", "aws", "x"),
            "arn:aws-cn:imagebuilder:cn-north-1:aws:image/x"
        );
    }
}
