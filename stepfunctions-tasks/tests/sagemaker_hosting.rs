//! `SageMakerCreateModel`, `SageMakerCreateEndpointConfig`, `SageMakerCreateEndpoint` and
//! `SageMakerUpdateEndpoint`: defaults, every option, the model role `create_role` makes, every
//! rejection. Each snapshot holds the rendered state with the policy statements it needs.

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::*;

mod common;
use common::reason;

const ROLE: &str = "arn:aws:iam::123456789012:role/SageMakerExecution";
const KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn rejects<I: stepfunctions::ServiceIntegration>(integration: I) -> String {
    reason(render_state(Task::new("S", integration)).unwrap_err())
}

fn container() -> ContainerDefinition {
    ContainerDefinition::new().image(DockerImage::from_json_expression("$.Model.imageName"))
}

fn model() -> SageMakerCreateModel<()> {
    SageMakerCreateModel::new("MyModel", container())
}

fn with_role(m: SageMakerCreateModel<()>) -> SageMakerCreateModel {
    m.role(SageMakerRole::from_arn(ROLE))
}

/// The resources (in `Fn::Sub` text) of the statements granting `action`.
fn granted(r: &Value, action: &str) -> Vec<String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other["Fn::Sub"]
            .as_str()
            .map_or_else(|| other.to_string(), str::to_owned),
    };
    let mut out = vec![];
    for st in r["PolicyStatements"].as_array().unwrap() {
        let has = match &st["Action"] {
            Value::Array(a) => a.contains(&json!(action)),
            one => one == action,
        };
        if has {
            match &st["Resource"] {
                Value::Array(items) => out.extend(items.iter().map(text)),
                one => out.push(text(one)),
            }
        }
    }
    out
}

fn arn(resource: &str) -> String {
    format!("arn:${{AWS::Partition}}:sagemaker:${{AWS::Region}}:${{AWS::AccountId}}:{resource}")
}

#[test]
fn model_default_settings() {
    insta::assert_json_snapshot!(render_state(Task::new("Sagemaker", with_role(model()))).unwrap());
}

#[test]
fn model_optional_settings() {
    let m = SageMakerCreateModel::new(
        JsonPath::string_at("$.modelName"),
        ContainerDefinition::new()
            .image(DockerImage::from_ecr_repository(Expr::reference("Repository"), "v2"))
            .mode(Mode::MultiModel)
            .model_s3_location(SageMakerS3Location::from_bucket("models", "churn/"))
            .container_hostname("churn")
            .environment("SAGEMAKER_PROGRAM", "inference.py")
            .environment("MODEL_VERSION", JsonPath::string_at("$.version")),
    )
    .enable_network_isolation(true)
    .vpc_config(VpcConfig::new(
        ["subnet-0123456789abcdef0".into()],
        ["sg-0123456789abcdef0".into()],
    ))
    .tag("stage", "prod")
    .role(SageMakerRole::from_arn(Expr::get_att("ModelRole", "Arn")));
    insta::assert_json_snapshot!(render_state(Task::new("Sagemaker", m)).unwrap());
}

#[test]
fn model_inference_pipeline() {
    let m = SageMakerCreateModel::inference_pipeline(
        "churn-pipeline",
        [
            ContainerDefinition::new()
                .image(DockerImage::from_registry(
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/pre:1",
                ))
                .container_hostname("preprocess"),
            ContainerDefinition::new()
                .model_package_name("arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3")
                .container_hostname("predict"),
        ],
    );
    let r = render_state(Task::new("Sagemaker", with_role(m))).unwrap();
    let params = &r["States"]["Sagemaker"]["Parameters"];
    assert!(params.get("PrimaryContainer").is_none());
    assert_eq!(params["Containers"][1]["ContainerHostname"], "predict");
    insta::assert_json_snapshot!(r);
}

#[test]
fn model_iam_is_scoped_to_the_lower_cased_name() {
    let r = render_state(Task::new("Sagemaker", with_role(model()))).unwrap();
    assert_eq!(granted(&r, "sagemaker:CreateModel"), [arn("model/mymodel")]);
    assert_eq!(granted(&r, "sagemaker:ListTags"), [arn("model/mymodel")]);
    assert!(granted(&r, "sagemaker:AddTags").is_empty());
    assert_eq!(granted(&r, "iam:PassRole"), [ROLE]);
    let r = render_state(Task::new("Sagemaker", with_role(model().tag("a", "b")))).unwrap();
    assert_eq!(granted(&r, "sagemaker:AddTags"), [arn("model/mymodel")]);
    let r = render_state(Task::new(
        "Sagemaker",
        with_role(SageMakerCreateModel::new(JsonPath::string_at("$.name"), container())),
    ))
    .unwrap();
    assert_eq!(granted(&r, "sagemaker:CreateModel"), [arn("model/*")]);
}

#[test]
fn model_created_role_pulls_images_and_reads_model_data() {
    let mut template = Template::new();
    let m = SageMakerCreateModel::inference_pipeline(
        "churn",
        [
            ContainerDefinition::new()
                .image(DockerImage::from_ecr_repository("preprocess", "v1"))
                .model_s3_location(SageMakerS3Location::from_bucket("models", "pre.tar.gz")),
            ContainerDefinition::new()
                .image(DockerImage::from_json_expression("$.image"))
                .model_s3_location(SageMakerS3Location::from_json_expression("$.artifacts")),
        ],
    )
    .create_role(&mut template, "Sagemaker")
    .unwrap();
    assert_eq!(
        m.execution_role().arn(),
        &Expr::get_att("SagemakerSagemakerRole", "Arn")
    );
    let json: Value = serde_json::from_str(&template.to_json_compact().unwrap()).unwrap();
    insta::assert_json_snapshot!(
        json["Resources"]["SagemakerSagemakerRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    );
}

#[test]
fn model_rejects_an_invalid_name() {
    assert!(rejects(with_role(SageMakerCreateModel::new("my_model", container()))).contains("model name `my_model`"));
}

#[test]
fn model_rejects_a_container_without_image_or_package() {
    let e = rejects(with_role(SageMakerCreateModel::new("M", ContainerDefinition::new())));
    assert!(e.contains("needs an image or a model package"));
}

#[test]
fn model_rejects_an_empty_or_oversized_pipeline() {
    assert!(rejects(with_role(SageMakerCreateModel::inference_pipeline("M", []))).contains("1 to 15 containers"));
    let many = (0..16).map(|_| container());
    assert!(rejects(with_role(SageMakerCreateModel::inference_pipeline("M", many))).contains("got 16"));
}

#[test]
fn model_rejects_a_multi_model_pipeline() {
    let e = rejects(with_role(SageMakerCreateModel::inference_pipeline(
        "M",
        [container().mode(Mode::MultiModel), container()],
    )));
    assert!(e.contains("cannot use MultiModel mode"));
}

#[test]
fn model_rejects_an_invalid_container_hostname() {
    let e = rejects(with_role(SageMakerCreateModel::new(
        "M",
        container().container_hostname("a_b"),
    )));
    assert!(e.contains("container hostname `a_b`"));
}

#[test]
fn model_rejects_an_invalid_environment_variable() {
    let e = rejects(with_role(SageMakerCreateModel::new(
        "M",
        container().environment("A-B", "x"),
    )));
    assert!(e.contains("environment variable `A-B`"));
}

#[test]
fn model_rejects_an_invalid_vpc() {
    let e = rejects(with_role(model().vpc_config(VpcConfig::new(["subnet-1".into()], []))));
    assert!(e.contains("1 to 5 security groups"));
}

#[test]
fn model_rejects_a_role_arn_that_is_not_a_role() {
    let e = rejects(model().role(SageMakerRole::from_arn("arn:aws:iam::123456789012:policy/P")));
    assert!(e.contains("is not an IAM role ARN"));
}

#[test]
fn endpoint_config_default_settings() {
    let c = SageMakerCreateEndpointConfig::new(
        "MyEndpointConfig",
        [ProductionVariant::new("MyModel", "awesome-variant", "ml.m5.xlarge")],
    );
    insta::assert_json_snapshot!(render_state(Task::new("SagemakerEndpointConfig", c)).unwrap());
}

#[test]
fn endpoint_config_optional_settings() {
    let c = SageMakerCreateEndpointConfig::new(
        JsonPath::string_at("$.configName"),
        [
            ProductionVariant::new("model-a", "a", "ml.m5.xlarge")
                .initial_instance_count(2)
                .initial_variant_weight(0.9)
                .accelerator_type(AcceleratorType::Eia2Medium),
            ProductionVariant::new(
                JsonPath::string_at("$.modelB"),
                "b",
                JsonPath::string_at("$.instanceType"),
            )
            .initial_variant_weight(0.1),
        ],
    )
    .kms_key(KEY)
    .tag("stage", "prod");
    insta::assert_json_snapshot!(render_state(Task::new("SagemakerEndpointConfig", c)).unwrap());
}

#[test]
fn endpoint_config_rejects_an_invalid_name() {
    let c = SageMakerCreateEndpointConfig::new("my config", [ProductionVariant::new("M", "v", "ml.m5.large")]);
    assert!(rejects(c).contains("endpoint configuration name `my config`"));
}

#[test]
fn endpoint_config_rejects_no_or_too_many_variants() {
    assert!(rejects(SageMakerCreateEndpointConfig::new("C", [])).contains("1 to 10 production variants"));
    let many = (0..11).map(|i| ProductionVariant::new("M", format!("v{i}"), "ml.m5.large"));
    assert!(rejects(SageMakerCreateEndpointConfig::new("C", many)).contains("got 11"));
}

#[test]
fn endpoint_config_rejects_a_variant_given_twice() {
    let v = ProductionVariant::new("M", "v", "ml.m5.large");
    assert!(rejects(SageMakerCreateEndpointConfig::new("C", [v.clone(), v])).contains("variant `v` is given twice"));
}

#[test]
fn endpoint_config_rejects_no_instance() {
    let v = ProductionVariant::new("M", "v", "ml.m5.large").initial_instance_count(0);
    assert!(rejects(SageMakerCreateEndpointConfig::new("C", [v])).contains("at least 1 instance"));
}

#[test]
fn endpoint_config_rejects_a_negative_weight() {
    let v = ProductionVariant::new("M", "v", "ml.m5.large").initial_variant_weight(-1.0);
    assert!(rejects(SageMakerCreateEndpointConfig::new("C", [v])).contains("at least 0"));
}

#[test]
fn endpoint_config_rejects_an_instance_type_without_ml_prefix() {
    let v = ProductionVariant::new("M", "v", "m5.large");
    assert!(rejects(SageMakerCreateEndpointConfig::new("C", [v])).contains("not a SageMaker ML instance type"));
}

#[test]
fn endpoint_default_settings() {
    let e = SageMakerCreateEndpoint::new("MyEndpoint", "MyEndpointConfig");
    let r = render_state(Task::new("SagemakerEndpoint", e)).unwrap();
    assert_eq!(
        granted(&r, "sagemaker:CreateEndpoint"),
        [arn("endpoint/myendpoint"), arn("endpoint-config/myendpointconfig")]
    );
    assert_eq!(granted(&r, "sagemaker:ListTags"), [arn("endpoint/myendpoint")]);
    insta::assert_json_snapshot!(r);
}

#[test]
fn endpoint_optional_settings() {
    let e = SageMakerCreateEndpoint::new(
        JsonPath::string_at("$.EndpointName"),
        JsonPath::string_at("$.EndpointConfigName"),
    )
    .kms_key(KEY)
    .tag("stage", "prod");
    let r = render_state(Task::new("SagemakerEndpoint", e)).unwrap();
    assert_eq!(granted(&r, "kms:CreateGrant"), [KEY]);
    assert_eq!(granted(&r, "sagemaker:AddTags"), [arn("endpoint/*")]);
    insta::assert_json_snapshot!(r);
}

#[test]
fn endpoint_rejects_invalid_names() {
    assert!(rejects(SageMakerCreateEndpoint::new("my endpoint", "C")).contains("endpoint name `my endpoint`"));
    assert!(rejects(SageMakerCreateEndpoint::new("E", "C-")).contains("endpoint configuration name `C-`"));
}

#[test]
fn endpoint_rejects_a_key_that_is_not_a_key_arn() {
    let e = rejects(SageMakerCreateEndpoint::new("E", "C").kms_key("alias/endpoints"));
    assert!(e.contains("must be a KMS key ARN"));
}

#[test]
fn endpoint_rejects_invalid_tags() {
    assert!(rejects(SageMakerCreateEndpoint::new("E", "C").tag("aws:x", "y")).contains("reserved"));
}

#[test]
fn update_endpoint_default_settings() {
    let u = SageMakerUpdateEndpoint::new(
        JsonPath::string_at("$.Endpoint.Name"),
        JsonPath::string_at("$.Endpoint.EndpointConfig"),
    );
    let r = render_state(Task::new("SagemakerEndpoint", u)).unwrap();
    assert_eq!(
        granted(&r, "sagemaker:UpdateEndpoint"),
        [arn("endpoint/*"), arn("endpoint-config/*")]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn update_endpoint_optional_settings() {
    let u = SageMakerUpdateEndpoint::new("Churn", "Churn-Config-V3").kms_key(Expr::get_att("EndpointKey", "Arn"));
    let r = render_state(Task::new("SagemakerEndpoint", u)).unwrap();
    assert_eq!(
        granted(&r, "sagemaker:UpdateEndpoint"),
        [arn("endpoint/churn"), arn("endpoint-config/churn-config-v3")]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn update_endpoint_rejects_invalid_names() {
    assert!(rejects(SageMakerUpdateEndpoint::new("E_1", "C")).contains("endpoint name `E_1`"));
    assert!(rejects(SageMakerUpdateEndpoint::new("E", "")).contains("endpoint configuration name ``"));
}

#[test]
fn update_endpoint_rejects_a_key_that_is_not_a_key_arn() {
    let e = rejects(SageMakerUpdateEndpoint::new("E", "C").kms_key("1234abcd-12ab-34cd-56ef-1234567890ab"));
    assert!(e.contains("must be a KMS key ARN"));
}
