//! The Launch form as values: what the user typed, turned into a CreateImage or
//! StartImagePipelineExecution input (image tests, scanning, workflows with their parameters,
//! execution role, tags) and checked by the core offline, every problem named by its member.

use crate::api;
use serde_json::{Map, Value, json};

/// One workflow of the launch, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkflowChoice {
    /// The workflow's version or build-version ARN (from ListWorkflows).
    pub arn: String,
    /// Parameters: `name=value`, one per line; a name given twice gets both values.
    pub parameters: String,
    /// `CONTINUE`, `ABORT` or empty (the service's default).
    pub on_failure: String,
}

/// The launch form, as values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LaunchForm {
    /// `recipe` or `pipeline`.
    pub source: String,
    /// An image or container recipe ARN.
    pub recipe: String,
    /// Infrastructure configuration ARN.
    pub infra: String,
    /// Distribution configuration ARN (optional).
    pub distribution: String,
    /// Pipeline ARN.
    pub pipeline: String,
    /// Run the image tests.
    pub tests: bool,
    /// Test timeout in minutes (text as typed).
    pub timeout: String,
    /// Scan the output for vulnerabilities.
    pub scanning: bool,
    /// The ECR repository scanned (container recipes; empty: the service's default).
    pub ecr_repository: String,
    /// Tags of the scanned container image, comma-separated (container recipes).
    pub ecr_tags: String,
    /// The workflows to run, in order.
    pub workflows: Vec<WorkflowChoice>,
    /// The IAM role (name or ARN) the workflows run as (optional).
    pub execution_role: String,
    /// `key=value` per line.
    pub tags: String,
}

type Problem = (String, String);

/// `name=value` lines into `[{name, value: [...]}]` (a repeated name collects its values in
/// order); a line without `=` is a problem naming `path` and the line.
fn parameters(text: &str, path: &str, what: &str) -> Result<Vec<Value>, Problem> {
    let mut out: Vec<(String, Vec<Value>)> = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Some((name, value)) = line.split_once('=') else {
            return Err((
                path.to_string(),
                format!("{what}, line {}: write name=value", i + 1),
            ));
        };
        let (name, value) = (name.trim().to_string(), Value::from(value.trim()));
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => out.push((name, vec![value])),
        }
    }
    Ok(out
        .into_iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect())
}

impl LaunchForm {
    /// The operation this form calls.
    pub fn operation(&self) -> &'static str {
        if self.source == "pipeline" {
            "StartImagePipelineExecution"
        } else {
            "CreateImage"
        }
    }

    /// Whether the chosen recipe is a container recipe (scanning then takes ECR settings).
    pub fn is_container(&self) -> bool {
        self.recipe.contains(":container-recipe/")
    }

    /// The operation's input (with `clientToken`), or a problem naming a field that cannot be
    /// read at all (the core checks everything else).
    pub fn input(&self, client_token: &str) -> Result<Value, Problem> {
        if self.source == "pipeline" {
            return Ok(json!({"imagePipelineArn": self.pipeline, "clientToken": client_token}));
        }
        let mut input = json!({
            "infrastructureConfigurationArn": self.infra,
            "clientToken": client_token,
        });
        if self.is_container() {
            input["containerRecipeArn"] = self.recipe.clone().into();
        } else {
            input["imageRecipeArn"] = self.recipe.clone().into();
        }
        if !self.distribution.is_empty() {
            input["distributionConfigurationArn"] = self.distribution.clone().into();
        }
        input["imageTestsConfiguration"] = self.tests_configuration()?;
        input["imageScanningConfiguration"] = self.scanning_configuration();
        if !self.workflows.is_empty() {
            let workflows = self
                .workflows
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let mut c = json!({"workflowArn": w.arn});
                    let path = format!("workflows[{i}].parameters");
                    let what = format!("Parameters of workflow {}", i + 1);
                    let params = parameters(&w.parameters, &path, &what)?;
                    if !params.is_empty() {
                        c["parameters"] = params.into();
                    }
                    if !w.on_failure.is_empty() {
                        c["onFailure"] = w.on_failure.clone().into();
                    }
                    Ok(c)
                })
                .collect::<Result<Vec<Value>, Problem>>()?;
            input["workflows"] = workflows.into();
        }
        let role = self.execution_role.trim();
        if !role.is_empty() {
            input["executionRole"] = role.into();
        }
        let tags = self.tag_map()?;
        if !tags.is_empty() {
            input["tags"] = tags.into();
        }
        Ok(input)
    }

    fn tests_configuration(&self) -> Result<Value, Problem> {
        let mut tests = json!({"imageTestsEnabled": self.tests});
        let timeout = self.timeout.trim();
        if !timeout.is_empty() {
            let minutes: i64 = timeout.parse().map_err(|_| {
                (
                    "imageTestsConfiguration.timeoutMinutes".to_string(),
                    format!("Test timeout: {timeout:?} is not a whole number of minutes"),
                )
            })?;
            tests["timeoutMinutes"] = minutes.into();
        }
        Ok(tests)
    }

    fn scanning_configuration(&self) -> Value {
        let mut scanning = json!({"imageScanningEnabled": self.scanning});
        if self.scanning && self.is_container() {
            let mut ecr = Map::new();
            let repository = self.ecr_repository.trim();
            if !repository.is_empty() {
                ecr.insert("repositoryName".into(), repository.into());
            }
            if !self.ecr_tags.trim().is_empty() {
                // Empty tags between commas stay in, so the core names them.
                let tags: Vec<Value> = self.ecr_tags.split(',').map(|t| t.trim().into()).collect();
                ecr.insert("containerTags".into(), tags.into());
            }
            if !ecr.is_empty() {
                scanning["ecrConfiguration"] = ecr.into();
            }
        }
        scanning
    }

    fn tag_map(&self) -> Result<Map<String, Value>, Problem> {
        let mut tags = Map::new();
        for (i, line) in self
            .tags
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let Some((k, v)) = line.split_once('=') else {
                return Err((
                    "tags".into(),
                    format!("Tags, line {}: write key=value", i + 1),
                ));
            };
            tags.insert(k.trim().to_string(), v.trim().into());
        }
        Ok(tags)
    }

    /// Every problem with the form, checked by the core offline: `(member path, message)`. A
    /// choice left empty is "required" in words (not an empty ARN the core would explain).
    pub fn problems(&self, client_token: &str) -> Vec<Problem> {
        let mut problems = match self.input(client_token) {
            Ok(input) => api::validate_input(self.operation(), &input),
            Err(p) => vec![p],
        };
        let choices: &[(&str, &str, &str)] = if self.source == "pipeline" {
            &[(&self.pipeline, "imagePipelineArn", "choose a pipeline")]
        } else {
            &[
                (
                    &self.recipe,
                    "imageRecipeArn",
                    "choose an image or container recipe",
                ),
                (
                    &self.infra,
                    "infrastructureConfigurationArn",
                    "choose an infrastructure configuration",
                ),
            ]
        };
        for (value, path, what) in choices {
            if value.is_empty() {
                problems.retain(|(p, _)| p != path);
                problems.push((path.to_string(), format!("required: {what}")));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_choices_are_required_in_words_not_empty_arns() {
        let f = LaunchForm {
            source: "recipe".into(),
            ..LaunchForm::default()
        };
        let mut p = f.problems(TOKEN);
        p.sort();
        assert_eq!(
            p[..2],
            [
                (
                    "imageRecipeArn".to_string(),
                    "required: choose an image or container recipe".to_string()
                ),
                (
                    "infrastructureConfigurationArn".to_string(),
                    "required: choose an infrastructure configuration".to_string()
                ),
            ]
        );
        assert!(
            p.iter().all(|(_, m)| !m.contains("must not be empty")),
            "{p:?}"
        );
        let pipeline = LaunchForm {
            source: "pipeline".into(),
            ..LaunchForm::default()
        };
        assert_eq!(
            pipeline.problems(TOKEN),
            [(
                "imagePipelineArn".to_string(),
                "required: choose a pipeline".to_string()
            )]
        );
    }

    const TOKEN: &str = "5b2f7d4e-1c1a-4b8e-9d0a-000000000001";

    fn recipe_form() -> LaunchForm {
        LaunchForm {
            source: "recipe".into(),
            recipe: "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0".into(),
            infra: "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/default-infra".into(),
            tests: true,
            ..LaunchForm::default()
        }
    }

    fn container_form() -> LaunchForm {
        LaunchForm {
            recipe:
                "arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/web-container/1.0.0"
                    .into(),
            ..recipe_form()
        }
    }

    fn workflow(arn: &str, parameters: &str) -> WorkflowChoice {
        WorkflowChoice {
            arn: arn.into(),
            parameters: parameters.into(),
            on_failure: String::new(),
        }
    }

    #[test]
    fn a_complete_form_has_no_problems() {
        let p = recipe_form().problems(TOKEN);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn missing_and_bad_fields_are_named() {
        let mut f = recipe_form();
        f.infra.clear();
        f.recipe = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.x.2".into();
        let p = f.problems(TOKEN);
        assert!(
            p.iter().any(|(m, _)| m == "infrastructureConfigurationArn"),
            "{p:?}"
        );
        assert!(p.iter().any(|(m, _)| m == "imageRecipeArn"), "{p:?}");
        f.timeout = "soon".into();
        let p = f.problems(TOKEN);
        assert_eq!(p[0].0, "imageTestsConfiguration.timeoutMinutes");
    }

    #[test]
    fn a_timeout_out_of_range_is_named_by_the_core() {
        let mut f = recipe_form();
        f.timeout = "5".into();
        let p = f.problems(TOKEN);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "imageTestsConfiguration.timeoutMinutes");
        f.timeout = "90".into();
        assert!(f.problems(TOKEN).is_empty());
    }

    #[test]
    fn container_recipes_go_to_their_member() {
        let input = container_form().input("t").expect("input");
        assert!(input.get("imageRecipeArn").is_none());
        assert!(input["containerRecipeArn"].is_string());
    }

    #[test]
    fn scanning_takes_ecr_settings_only_for_container_recipes() {
        let mut f = container_form();
        f.scanning = true;
        f.ecr_repository = " scans ".into();
        f.ecr_tags = "latest, nightly".into();
        let input = f.input(TOKEN).expect("input");
        assert_eq!(
            input["imageScanningConfiguration"],
            json!({"imageScanningEnabled": true, "ecrConfiguration": {"repositoryName": "scans", "containerTags": ["latest", "nightly"]}})
        );
        assert!(f.problems(TOKEN).is_empty());
        let mut ami = f.clone();
        ami.recipe = recipe_form().recipe;
        let input = ami.input(TOKEN).expect("input");
        assert_eq!(
            input["imageScanningConfiguration"],
            json!({"imageScanningEnabled": true})
        );
    }

    #[test]
    fn an_empty_container_tag_is_named_by_the_core_with_its_index() {
        let mut f = container_form();
        f.scanning = true;
        f.ecr_tags = "latest,,nightly".into();
        let p = f.problems(TOKEN);
        assert!(
            p.iter()
                .any(|(m, _)| m == "imageScanningConfiguration.ecrConfiguration.containerTags[1]"),
            "{p:?}"
        );
    }

    #[test]
    fn workflows_carry_their_parameters_and_a_repeated_name_collects_values() {
        let mut f = recipe_form();
        f.workflows = vec![workflow(
            "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.0",
            "waitMinutes = 5\nregions=us-east-1\nregions=eu-west-1\n",
        )];
        f.workflows[0].on_failure = "CONTINUE".into();
        f.execution_role = "ImageBuilderExecution".into();
        let input = f.input(TOKEN).expect("input");
        assert_eq!(
            input["workflows"],
            json!([{"workflowArn": "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.0",
                "onFailure": "CONTINUE",
                "parameters": [{"name": "waitMinutes", "value": ["5"]}, {"name": "regions", "value": ["us-east-1", "eu-west-1"]}]}])
        );
        assert_eq!(input["executionRole"], "ImageBuilderExecution");
        assert!(f.problems(TOKEN).is_empty(), "{:?}", f.problems(TOKEN));
    }

    #[test]
    fn a_workflow_not_chosen_a_bad_parameter_line_and_a_bad_role_are_named() {
        let mut f = recipe_form();
        f.workflows = vec![workflow("", "")];
        let p = f.problems(TOKEN);
        assert!(
            p.iter().any(|(m, _)| m == "workflows[0].workflowArn"),
            "{p:?}"
        );
        f.workflows[0] = workflow(
            "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x",
            "just a value",
        );
        let p = f.problems(TOKEN);
        assert_eq!(p[0].0, "workflows[0].parameters");
        assert!(p[0].1.contains("line 1"), "{p:?}");
        f.workflows[0].parameters.clear();
        f.execution_role = "arn:aws:iam::123:role/x".into();
        let p = f.problems(TOKEN);
        assert!(p.iter().any(|(m, _)| m == "executionRole"), "{p:?}");
    }
}
