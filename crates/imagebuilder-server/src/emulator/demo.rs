//! The demo account written on first start: Amazon-owned, shared and own images with versions
//! and builds in every state, 60+ own images, recipes, container recipes, infrastructure and
//! distribution configurations, pipelines, components and workflows, some of them Amazon's or
//! shared by another account (for the owner choices of the lists).

use crate::store::Kind;
use serde_json::{Value, json};

/// The account of the demo credentials.
pub const ACCOUNT: &str = "123456789012";
/// Another account that shares two images with the demo account.
pub const SHARING_ACCOUNT: &str = "210987654321";
/// How many `app-NN` images the demo account owns (besides the named ones).
pub const APP_IMAGES: usize = 60;

/// `secs` since the epoch as the service writes `DateTime` members (`2024-01-02T03:04:05.000Z`).
pub fn date_time(secs: f64) -> String {
    let text = imagebuilder_core::verify::format_amz_date(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(secs.max(0.0)),
    );
    // YYYYMMDDTHHMMSSZ -> YYYY-MM-DDTHH:MM:SS.000Z
    format!(
        "{}-{}-{}T{}:{}:{}.000Z",
        &text[0..4],
        &text[4..6],
        &text[6..8],
        &text[9..11],
        &text[11..13],
        &text[13..15]
    )
}

fn arn(region: &str, owner: &str, kind: &str, rest: &str) -> String {
    format!("arn:aws:imagebuilder:{region}:{owner}:{kind}/{rest}")
}

/// A stored image build in a fixed state (`_build` absent: the clock does not move it).
#[allow(clippy::too_many_arguments)]
fn image(
    region: &str,
    owner: &str,
    name: &str,
    version: &str,
    build: u32,
    status: &str,
    os: (&str, &str),
    created: f64,
) -> (Kind, String, Value) {
    let a = arn(region, owner, "image", &format!("{name}/{version}/{build}"));
    let (platform, os_version) = os;
    let source = match owner {
        "aws" => "AMAZON_MANAGED",
        "aws-marketplace" => "AWS_MARKETPLACE",
        _ => "CUSTOM",
    };
    let mut doc = json!({
        "arn": a, "type": "AMI", "name": name, "version": format!("{version}/{build}"), "platform": platform,
        "osVersion": os_version, "state": {"status": status}, "dateCreated": date_time(created),
        "tags": {"Environment": if build.is_multiple_of(2) { "staging" } else { "production" }},
        "buildType": "USER_INITIATED", "imageSource": source, "enhancedImageMetadataEnabled": true, "owner": owner,
        "imageRecipe": {"arn": arn(region, owner, "image-recipe", &format!("{name}/{version}")), "name": name, "version": version, "platform": platform,
            "components": [{"componentArn": arn(region, "aws", "component", "update-linux/1.0.0/1")}]},
        "infrastructureConfiguration": {"arn": arn(region, ACCOUNT, "infrastructure-configuration", "default-infra"), "name": "default-infra"},
    });
    match status {
        "AVAILABLE" | "DEPRECATED" => {
            doc["outputResources"] = json!({"amis": [{"region": region, "image": super::builds::ami_id(&a, region),
                "name": format!("{name} {version}/{build}"), "state": {"status": "AVAILABLE"}, "accountId": if owner.len() == 12 { owner } else { ACCOUNT }}]});
            if status == "DEPRECATED" {
                doc["deprecationTime"] = (created + 86_400.0 * 30.0).into();
            }
        }
        "FAILED" => {
            doc["state"]["reason"] =
                "Build failed: component install-nginx exited with code 1.".into()
        }
        "CANCELLED" => doc["state"]["reason"] = "The build was cancelled by the user.".into(),
        _ => {}
    }
    (Kind::Image, a, doc)
}

/// Every demo resource, for `account` in `region`, created relative to `now`.
pub fn resources(account: &str, region: &str, now: f64) -> Vec<(Kind, String, Value)> {
    let day = 86_400.0;
    let linux = ("Linux", "Amazon Linux 2023");
    let windows = ("Windows", "Microsoft Windows Server 2022");
    let ubuntu = ("Linux", "Ubuntu 22");
    let mut out = Vec::new();

    // Amazon-owned images: several versions, one deprecated.
    for (i, (name, os)) in [
        ("amazon-linux-2023-x86", linux),
        ("windows-server-2022-english-full-base-x86", windows),
        ("ubuntu-server-22-lts-x86", ubuntu),
    ]
    .into_iter()
    .enumerate()
    {
        for (j, v) in ["2024.1.1", "2024.6.1", "2025.1.1"].into_iter().enumerate() {
            let status = if j == 0 && i == 0 {
                "DEPRECATED"
            } else {
                "AVAILABLE"
            };
            out.push(image(
                region,
                "aws",
                name,
                v,
                1,
                status,
                os,
                now - day * (300.0 - 100.0 * j as f64),
            ));
        }
    }
    // Shared with the demo account and from the marketplace.
    out.push(image(
        region,
        SHARING_ACCOUNT,
        "golden-base",
        "3.0.0",
        1,
        "AVAILABLE",
        linux,
        now - 40.0 * day,
    ));
    out.push(image(
        region,
        SHARING_ACCOUNT,
        "golden-windows",
        "1.2.0",
        2,
        "AVAILABLE",
        windows,
        now - 20.0 * day,
    ));
    out.push(image(
        region,
        "aws-marketplace",
        "cis-hardened-al2023",
        "1.0.0",
        1,
        "AVAILABLE",
        linux,
        now - 90.0 * day,
    ));

    // Own images: web-server with builds in every fixed state.
    let web = [
        ("1.0.0", 1, "AVAILABLE"),
        ("1.0.0", 2, "FAILED"),
        ("1.0.0", 3, "AVAILABLE"),
        ("1.1.0", 1, "CANCELLED"),
        ("1.1.0", 2, "DEPRECATED"),
        ("1.2.0", 1, "DISABLED"),
        ("1.2.0", 2, "INTEGRATING"),
        ("1.3.0", 1, "CREATING"),
    ];
    for (k, (v, b, s)) in web.into_iter().enumerate() {
        out.push(image(
            region,
            account,
            "web-server",
            v,
            b,
            s,
            linux,
            now - day * (60.0 - k as f64),
        ));
    }
    // Builds in flight, one per phase at --speed 1 (they move on with the clock).
    for (b, offset) in [(1, 5.0), (2, 100.0), (3, 300.0), (4, 400.0)] {
        let (kind, a, mut doc) = image(
            region,
            account,
            "nightly-build",
            "1.0.0",
            b,
            "PENDING",
            linux,
            now - offset,
        );
        if let Some(o) = doc.as_object_mut() {
            o.remove("outputResources");
        }
        doc["_build"] = json!({"startedAt": now - offset, "fail": false, "regions": [region]});
        out.push((kind, a, doc));
    }
    // 60 more own images, some Windows, some with two versions.
    for n in 1..=APP_IMAGES {
        let os = if n % 5 == 0 {
            windows
        } else if n % 7 == 0 {
            ubuntu
        } else {
            linux
        };
        let name = format!("app-{n:02}");
        out.push(image(
            region,
            account,
            &name,
            "1.0.0",
            1,
            "AVAILABLE",
            os,
            now - day * (200.0 - n as f64),
        ));
        if n % 10 == 0 {
            out.push(image(
                region,
                account,
                &name,
                "1.1.0",
                1,
                "AVAILABLE",
                os,
                now - day * (100.0 - n as f64),
            ));
        }
    }

    // Recipes, configurations, pipelines.
    let recipe_arn =
        |name: &str, v: &str| arn(region, account, "image-recipe", &format!("{name}/{v}"));
    let parent = arn(region, "aws", "image", "amazon-linux-2023-x86/x.x.x");
    let component =
        |name: &str, owner: &str| arn(region, owner, "component", &format!("{name}/1.0.0/1"));
    for (name, v, comps) in [
        (
            "web-server",
            "1.0.0",
            vec![
                component("update-linux", "aws"),
                component("install-nginx", account),
            ],
        ),
        (
            "web-server",
            "2.0.0",
            vec![
                component("update-linux", "aws"),
                component("install-nginx", account),
            ],
        ),
        (
            "base-linux",
            "1.0.0",
            vec![component("update-linux", "aws")],
        ),
        (
            "ci-runner",
            "1.4.0",
            vec![
                component("update-linux", "aws"),
                component("install-docker", account),
            ],
        ),
    ] {
        let a = recipe_arn(name, v);
        // base-linux runs its update with a parameter, so a build shows components with them.
        let components: Vec<Value> = comps
            .into_iter()
            .map(|c| match name {
                "base-linux" => json!({"componentArn": c, "parameters": [{"name": "securityOnly", "value": ["true"]}]}),
                _ => json!({"componentArn": c}),
            })
            .collect();
        out.push((Kind::ImageRecipe, a.clone(), json!({
            "arn": a, "type": "AMI", "name": name, "description": format!("{name} on Amazon Linux 2023"),
            "platform": "Linux", "owner": account, "version": v, "components": components, "parentImage": parent,
            "blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"volumeSize": 30, "volumeType": "gp3", "deleteOnTermination": true}}],
            "dateCreated": date_time(now - 50.0 * day), "tags": {"team": "platform"}, "workingDirectory": "/tmp",
            "_osVersion": "Amazon Linux 2023",
        })));
    }
    // A recipe another account shares with the demo account (listed with owner Shared).
    let shared = arn(region, SHARING_ACCOUNT, "image-recipe", "golden-base/3.0.0");
    out.push((Kind::ImageRecipe, shared.clone(), json!({
        "arn": shared, "type": "AMI", "name": "golden-base", "description": "The organisation's hardened base",
        "platform": "Linux", "owner": SHARING_ACCOUNT, "version": "3.0.0", "parentImage": parent,
        "components": [{"componentArn": component("update-linux", "aws")}],
        "dateCreated": date_time(now - 60.0 * day), "tags": {}, "_osVersion": "Amazon Linux 2023",
    })));
    let c = arn(region, account, "container-recipe", "web-container/1.0.0");
    out.push((Kind::ContainerRecipe, c.clone(), json!({
        "arn": c, "containerType": "DOCKER", "name": "web-container", "description": "nginx in a container",
        "platform": "Linux", "owner": account, "version": "1.0.0", "components": [{"componentArn": component("install-nginx", account)}],
        "dockerfileTemplateData": "FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}",
        "parentImage": "amazonlinux:2023", "dateCreated": date_time(now - 30.0 * day), "tags": {"team": "web"},
        "targetRepository": {"service": "ECR", "repositoryName": "web-container"},
    })));
    for (name, types) in [
        ("default-infra", vec!["t3.medium"]),
        ("large-infra", vec!["m7i.2xlarge", "m6i.2xlarge"]),
    ] {
        let a = arn(region, account, "infrastructure-configuration", name);
        out.push((Kind::InfrastructureConfiguration, a.clone(), json!({
            "arn": a, "name": name, "description": format!("{name} build instances"), "instanceTypes": types,
            "instanceProfileName": "EC2InstanceProfileForImageBuilder", "terminateInstanceOnFailure": true,
            "dateCreated": date_time(now - 80.0 * day), "tags": {"team": "platform"}, "resourceTags": {"CostCenter": "42"},
        })));
    }
    for (name, regions) in [
        ("multi-region", vec![region, "us-west-2", "eu-west-1"]),
        ("single-region", vec![region]),
    ] {
        let a = arn(region, account, "distribution-configuration", name);
        let distributions: Vec<Value> = regions
            .iter()
            .map(|r| json!({"region": r, "amiDistributionConfiguration": {"name": "demo-{{ imagebuilder:buildDate }}"}}))
            .collect();
        out.push((Kind::DistributionConfiguration, a.clone(), json!({
            "arn": a, "name": name, "description": format!("{} region(s)", regions.len()), "distributions": distributions,
            "regions": regions, "timeoutMinutes": 720, "dateCreated": date_time(now - 70.0 * day), "tags": {},
        })));
    }
    for (name, recipe, status) in [
        (
            "web-server-nightly",
            recipe_arn("web-server", "2.0.0"),
            "ENABLED",
        ),
        ("base-weekly", recipe_arn("base-linux", "1.0.0"), "DISABLED"),
    ] {
        let a = arn(region, account, "image-pipeline", name);
        out.push((Kind::ImagePipeline, a.clone(), json!({
            "arn": a, "name": name, "description": format!("{name} pipeline"), "platform": "Linux",
            "imageRecipeArn": recipe, "infrastructureConfigurationArn": arn(region, account, "infrastructure-configuration", "default-infra"),
            "distributionConfigurationArn": arn(region, account, "distribution-configuration", "multi-region"),
            "schedule": {"scheduleExpression": "cron(0 3 * * ? *)", "pipelineExecutionStartCondition": "EXPRESSION_MATCH_ONLY"},
            "status": status, "dateCreated": date_time(now - 45.0 * day), "tags": {"team": "web"}, "enhancedImageMetadataEnabled": true,
        })));
    }
    for (name, owner, desc) in [
        ("update-linux", "aws", "Updates Linux packages"),
        ("install-nginx", account, "Installs nginx"),
        ("install-docker", account, "Installs Docker"),
    ] {
        let a = component(name, owner);
        out.push((Kind::Component, a.clone(), json!({
            "arn": a, "name": name, "version": "1.0.0", "description": desc, "type": "BUILD", "platform": "Linux",
            "supportedOsVersions": ["Amazon Linux 2023"], "owner": owner, "dateCreated": date_time(now - 100.0 * day),
            "data": "name: demo\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: run\n        action: ExecuteBash\n        inputs:\n          commands: ['echo hello']\n",
            "encrypted": true, "tags": {}, "status": "ACTIVE",
        })));
    }
    for (name, owner, ty) in [
        ("build-image", "aws", "BUILD"),
        ("test-image", "aws", "TEST"),
        ("distribute-image", "aws", "DISTRIBUTION"),
        ("smoke-test", account, "TEST"),
        ("org-compliance", SHARING_ACCOUNT, "TEST"),
    ] {
        let a = arn(
            region,
            owner,
            &format!("workflow/{}", ty.to_ascii_lowercase()),
            &format!("{name}/1.0.0/1"),
        );
        out.push((Kind::Workflow, a.clone(), json!({
            "arn": a, "name": name, "version": "1.0.0", "description": format!("{name} workflow"), "type": ty,
            "state": {"status": "ACTIVE"}, "owner": owner, "data": "name: demo\nschemaVersion: 1.0\nsteps: []\n",
            "dateCreated": date_time(now - 100.0 * day), "tags": {},
        })));
    }
    out
}

/// `n` synthetic own images (`bench-00001/1.0.0/1`...) for load tests; every 50th is Windows.
pub fn bench_images(account: &str, region: &str, n: usize) -> Vec<(Kind, String, Value)> {
    (1..=n)
        .map(|i| {
            let os = if i % 50 == 0 {
                ("Windows", "Microsoft Windows Server 2022")
            } else {
                ("Linux", "Amazon Linux 2023")
            };
            image(
                region,
                account,
                &format!("bench-{i:05}"),
                "1.0.0",
                1,
                "AVAILABLE",
                os,
                1_700_000_000.0 + i as f64,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use imagebuilder_core::arn;

    #[test]
    fn every_demo_arn_is_valid_for_its_get_operation() {
        let all = resources(ACCOUNT, "us-east-1", 1_700_000_000.0);
        for (kind, a, doc) in &all {
            let shape = match kind {
                Kind::Image => "ImageBuildVersionArn",
                Kind::ImageRecipe => "ImageRecipeArn",
                Kind::ContainerRecipe => "ContainerRecipeArn",
                Kind::InfrastructureConfiguration => "InfrastructureConfigurationArn",
                Kind::DistributionConfiguration => "DistributionConfigurationArn",
                Kind::ImagePipeline => "ImagePipelineArn",
                Kind::Component => "ComponentBuildVersionArn",
                Kind::Workflow => "WorkflowBuildVersionArn",
            };
            assert!(
                arn::validate_for(shape, a).is_ok(),
                "{a} is not a valid {shape}"
            );
            assert_eq!(doc["arn"], a.as_str());
        }
        let own = all
            .iter()
            .filter(|(k, a, _)| *k == Kind::Image && a.contains(ACCOUNT))
            .count();
        assert!(own >= 60, "only {own} own images");
    }

    #[test]
    fn the_demo_has_a_build_in_every_phase_at_real_speed() {
        let now = 1_700_000_000.0;
        let mut statuses: Vec<String> = resources(ACCOUNT, "us-east-1", now)
            .iter()
            .filter(|(k, _, _)| *k == Kind::Image)
            .map(|(_, _, d)| {
                super::super::builds::view(d, now, 1.0)["state"]["status"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        statuses.sort();
        statuses.dedup();
        for s in [
            "PENDING",
            "CREATING",
            "BUILDING",
            "TESTING",
            "DISTRIBUTING",
            "INTEGRATING",
            "AVAILABLE",
            "CANCELLED",
            "FAILED",
            "DEPRECATED",
            "DISABLED",
        ] {
            assert!(
                statuses.iter().any(|x| x == s),
                "no demo build is {s}: {statuses:?}"
            );
        }
    }

    #[test]
    fn dates_are_written_as_the_service_writes_them() {
        assert_eq!(date_time(1_440_938_160.0), "2015-08-30T12:36:00.000Z");
    }
}
