//! The GetImage detail: state and reason, recipe and components with parameters, parent image,
//! infrastructure, distribution, output AMIs (copy, launch instance) and container URIs, tests,
//! scanning, workflows, tags, latest version references (links) and the raw JSON.

use crate::components::copy_button::CopyButton;
use crate::components::status_badge::StatusBadge;
use crate::pages::image_path;
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::Value;

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The EC2 console's launch wizard for `ami` in `region`.
pub fn launch_url(region: &str, ami: &str) -> String {
    let host = if region.starts_with("cn-") {
        format!("https://{region}.console.amazonaws.cn")
    } else if region.starts_with("us-gov-") {
        "https://console.amazonaws-us-gov.com".to_string()
    } else {
        format!("https://{region}.console.aws.amazon.com")
    };
    format!("{host}/ec2/home?region={region}#LaunchInstances:ami={ami}")
}

/// `(term, value)` rows for the present members of `v` named in `keys`.
fn facts(v: &Value, keys: &[(&'static str, &'static str)]) -> impl IntoView + use<> {
    let rows: Vec<_> = keys
        .iter()
        .filter_map(|(k, label)| {
            let t = text(&v[*k]);
            (!t.is_empty()).then(|| view! { <dt>{*label}</dt><dd>{t}</dd> })
        })
        .collect();
    view! { <dl class="facts">{rows}</dl> }
}

/// The detail of one GetImage output.
#[component]
pub fn ImageDetail(output: Value) -> impl IntoView {
    let image = output["image"].clone();
    let raw = serde_json::to_string_pretty(&output).unwrap_or_default();
    let status = text(&image["state"]["status"]);
    let reason = text(&image["state"]["reason"]);
    let arn = text(&image["arn"]);
    let recipe = if image["imageRecipe"].is_object() {
        image["imageRecipe"].clone()
    } else {
        image["containerRecipe"].clone()
    };
    let components: Vec<Value> = recipe["components"].as_array().cloned().unwrap_or_default();
    let amis: Vec<Value> = image["outputResources"]["amis"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let containers: Vec<Value> = image["outputResources"]["containers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let workflows: Vec<Value> = image["workflows"].as_array().cloned().unwrap_or_default();
    let tags: Vec<(String, String)> = image["tags"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), text(v))).collect())
        .unwrap_or_default();
    let latest = output["latestVersionReferences"].clone();
    let scan_tags = image["imageScanningConfiguration"]["ecrConfiguration"]["containerTags"]
        .as_array()
        .map(|t| t.iter().map(text).collect::<Vec<_>>().join(", "))
        .filter(|t| !t.is_empty());
    view! {
        <section aria-labelledby="state-h">
            <h2 id="state-h">"State"</h2>
            <p class="state"><StatusBadge status=status/>" "{reason}</p>
            <p><code class="arn">{arn.clone()}</code>" "<CopyButton value=arn label="image ARN"/></p>
            {facts(&image, &[("type", "Type"), ("platform", "Platform"), ("osVersion", "OS version"),
                ("dateCreated", "Created"), ("buildType", "Build type"), ("imageSource", "Source"),
                ("enhancedImageMetadataEnabled", "Enhanced metadata"), ("deprecationTime", "Deprecation time"),
                ("sourcePipelineArn", "Pipeline")])}
        </section>
        <section aria-labelledby="out-h">
            <h2 id="out-h">"Output"</h2>
            {(amis.is_empty() && containers.is_empty()).then(|| view! { <p>"No output AMIs or container images (yet)."</p> })}
            {(!amis.is_empty()).then(|| view! {
                <table class="plain" aria-label="Output AMIs">
                    <thead><tr><th scope="col">"Region"</th><th scope="col">"AMI"</th><th scope="col">"Account"</th><th scope="col">"Actions"</th></tr></thead>
                    <tbody>
                        {amis.iter().map(|a| {
                            let region = text(&a["region"]);
                            let ami = text(&a["image"]);
                            let url = launch_url(&region, &ami);
                            view! {
                                <tr>
                                    <td>{region.clone()}</td>
                                    <td><code>{ami.clone()}</code></td>
                                    <td>{text(&a["accountId"])}</td>
                                    <td>
                                        <CopyButton value=ami.clone() label=format!("AMI {ami} in {region}")/>
                                        " "<a href=url target="_blank" rel="noopener noreferrer">{format!("Launch instance from {ami}")}</a>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {containers.iter().flat_map(|c| {
                let region = text(&c["region"]);
                c["imageUris"].as_array().cloned().unwrap_or_default().into_iter().map(move |u| {
                    let uri = text(&u);
                    let region = region.clone();
                    view! { <p>{region}": "<code>{uri.clone()}</code>" "<CopyButton value=uri label="container image URI"/></p> }
                })
            }).collect_view()}
        </section>
        <section aria-labelledby="recipe-h">
            <h2 id="recipe-h">"Recipe"</h2>
            {facts(&recipe, &[("name", "Name"), ("version", "Version"), ("arn", "ARN"), ("parentImage", "Parent image"), ("workingDirectory", "Working directory")])}
            <h3>"Components"</h3>
            {if components.is_empty() {
                view! { <p class="hint">"None listed."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {components.iter().map(|c| {
                            let params: Vec<String> = c["parameters"].as_array().cloned().unwrap_or_default().iter()
                                .map(|p| format!("{} = {}", text(&p["name"]), p["value"].as_array().map(|v| v.iter().map(text).collect::<Vec<_>>().join(", ")).unwrap_or_default()))
                                .collect();
                            view! { <li><code>{text(&c["componentArn"])}</code>{(!params.is_empty()).then(|| format!(" ({})", params.join("; ")))}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="infra-h">
            <h2 id="infra-h">"Infrastructure and distribution"</h2>
            {facts(&image["infrastructureConfiguration"], &[("name", "Infrastructure"), ("arn", "Infrastructure ARN"), ("instanceProfileName", "Instance profile"), ("subnetId", "Subnet")])}
            {facts(&image["distributionConfiguration"], &[("name", "Distribution"), ("arn", "Distribution ARN")])}
        </section>
        <section aria-labelledby="tests-h">
            <h2 id="tests-h">"Tests"</h2>
            {facts(&image["imageTestsConfiguration"], &[("imageTestsEnabled", "Tests enabled"), ("timeoutMinutes", "Test timeout (min)")])}
        </section>
        <section aria-labelledby="scan-h">
            <h2 id="scan-h">"Scanning"</h2>
            {facts(&image["imageScanningConfiguration"], &[("imageScanningEnabled", "Scanning enabled"), ("scanResultCondition", "Result condition")])}
            {facts(&image["imageScanningConfiguration"]["ecrConfiguration"], &[("repositoryName", "ECR repository")])}
            {scan_tags.map(|t| view! { <dl class="facts"><dt>"Scanned image tags"</dt><dd>{t}</dd></dl> })}
            {facts(&image["scanState"], &[("status", "Scan state"), ("reason", "Scan reason")])}
        </section>
        <section aria-labelledby="workflows-h">
            <h2 id="workflows-h">"Workflows"</h2>
            {facts(&image, &[("executionRole", "Execution role")])}
            {workflows.is_empty().then(|| view! { <p>"No workflows chosen: the service's default build and test workflows run."</p> })}
            {(!workflows.is_empty()).then(|| view! {
                <table class="plain" aria-label="Workflows">
                    <thead><tr><th scope="col">"Workflow"</th><th scope="col">"Parameters"</th><th scope="col">"On failure"</th><th scope="col">"Parallel group"</th></tr></thead>
                    <tbody>
                        {workflows.iter().map(|w| {
                            let params: Vec<String> = w["parameters"].as_array().cloned().unwrap_or_default().iter()
                                .map(|p| format!("{} = {}", text(&p["name"]), p["value"].as_array().map(|v| v.iter().map(text).collect::<Vec<_>>().join(", ")).unwrap_or_default()))
                                .collect();
                            view! {
                                <tr>
                                    <td><code class="arn">{text(&w["workflowArn"])}</code></td>
                                    <td>{params.join("; ")}</td>
                                    <td>{text(&w["onFailure"])}</td>
                                    <td>{text(&w["parallelGroup"])}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
        <section aria-labelledby="tags-h">
            <h2 id="tags-h">"Tags"</h2>
            <dl class="facts">{tags.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
        </section>
        <section aria-labelledby="latest-h">
            <h2 id="latest-h">"Latest version references"</h2>
            <ul>
                {[("latestVersionArn", "Latest"), ("latestMajorVersionArn", "Latest major"), ("latestMinorVersionArn", "Latest minor"), ("latestPatchVersionArn", "Latest patch")]
                    .iter().filter_map(|(k, label)| {
                        let a = text(&latest[*k]);
                        if a.is_empty() { return None; }
                        let link = image_path(&a);
                        let denotes = a.rsplit('/').next().filter(|v| v.contains('x')).map(|v| format!(" (the newest version matching {v})"));
                        Some(view! { <li>{*label}{denotes}": "{match link {
                            Some(href) => view! { <A href=href>{a.clone()}</A> }.into_any(),
                            None => view! { <code>{a.clone()}</code> }.into_any(),
                        }}</li> })
                    }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="raw-h">
            <h2 id="raw-h">"Raw JSON"</h2>
            <CopyButton value=raw.clone() label="raw JSON"/>
            <details><summary>"Show the GetImage output"</summary><pre class="raw" tabindex="0">{raw}</pre></details>
        </section>
    }
}
