//! `SageMakerCreateTrainingJob` and `SageMakerCreateTransformJob`: defaults, every option, each
//! pattern, the roles `create_role` makes, every rejection. Each snapshot holds the rendered
//! state with the policy statements it needs.

use std::time::Duration;

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::*;

mod common;
use common::reason;

const ROLE: &str = "arn:aws:iam::123456789012:role/SageMakerExecution";
const KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn training() -> SageMakerCreateTrainingJob<()> {
    SageMakerCreateTrainingJob::new(
        "MyTrainingJob",
        AlgorithmSpecification::algorithm_name("my-algorithm"),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket("training-data", "train/")),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("training-data", "models/")),
    )
}

fn role() -> SageMakerRole {
    SageMakerRole::from_arn(ROLE)
}

fn transform() -> SageMakerCreateTransformJob {
    SageMakerCreateTransformJob::new(
        "MyTransformJob",
        "MyModelName",
        TransformInput::new("s3://inputbucket/train"),
        TransformOutput::new("s3://outputbucket/TransformJobOutputPath"),
    )
}

fn train_rejects(job: SageMakerCreateTrainingJob<()>) -> String {
    reason(render_state(Task::new("Train", job.role(role()))).unwrap_err())
}

fn transform_rejects(job: SageMakerCreateTransformJob) -> String {
    reason(render_state(Task::new("Transform", job)).unwrap_err())
}

/// The actions granted on each resource, in `Fn::Sub` text.
fn grants(r: &Value) -> Vec<(String, String)> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other["Fn::Sub"]
            .as_str()
            .map_or_else(|| other.to_string(), str::to_owned),
    };
    let mut out = vec![];
    for st in r["PolicyStatements"].as_array().unwrap() {
        let actions: Vec<Value> = match &st["Action"] {
            Value::Array(a) => a.clone(),
            one => vec![one.clone()],
        };
        let resources: Vec<Value> = match &st["Resource"] {
            Value::Array(a) => a.clone(),
            one => vec![one.clone()],
        };
        for a in &actions {
            for res in &resources {
                out.push((a.as_str().unwrap().to_owned(), text(res)));
            }
        }
    }
    out
}

fn granted(r: &Value, action: &str) -> Vec<String> {
    grants(r)
        .into_iter()
        .filter(|(a, _)| a == action)
        .map(|(_, r)| r)
        .collect()
}

/// The statements of the policy attached to a role of the template.
fn role_policy(template: &Template, policy_id: &str) -> Value {
    let json: Value = serde_json::from_str(&template.to_json_compact().unwrap()).unwrap();
    json["Resources"][policy_id]["Properties"]["PolicyDocument"]["Statement"].clone()
}

#[test]
fn training_default_settings() {
    let r = render_state(Task::new("Train", training().role(role()))).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn training_optional_settings() {
    let job = SageMakerCreateTrainingJob::new(
        JsonPath::string_at("$.JobName"),
        AlgorithmSpecification::training_image(DockerImage::from_json_expression("$.image"))
            .training_input_mode(InputMode::Pipe)
            .metric_definition("validation:accuracy", "accuracy=([0-9\\.]+)"),
        [
            Channel::new(
                "train",
                S3DataSource::new(SageMakerS3Location::from_json_expression("$.S3Bucket"))
                    .s3_data_type(S3DataType::AugmentedManifestFile)
                    .s3_data_distribution_type(S3DataDistributionType::ShardedByS3Key)
                    .attribute_names(["source-ref", "class"]),
            )
            .compression_type(CompressionType::Gzip)
            .content_type("application/x-recordio")
            .input_mode(InputMode::Pipe)
            .record_wrapper_type(RecordWrapperType::RecordIo)
            .shuffle_seed(42),
            Channel::new(
                "validation",
                S3DataSource::new(SageMakerS3Location::from_bucket(
                    Expr::reference("DataBucket"),
                    "validation/",
                )),
            ),
        ],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("mybucket", "myoutputpath")).encryption_key(KEY),
    )
    .resource_config(
        ResourceConfig::new(2, JsonPath::string_at("$.InstanceType"), 50)
            .volume_encryption_key(Expr::get_att("VolumeKey", "Arn")),
    )
    .stopping_condition(StoppingCondition::max_runtime(Duration::from_secs(2 * 3600)))
    .hyperparameter("epochs", "10")
    .hyperparameter("mode", JsonPath::string_at("$.mode"))
    .enable_network_isolation(true)
    .vpc_config(VpcConfig::new(
        [Expr::lit("subnet-0123456789abcdef0"), Expr::reference("SubnetB")],
        [Expr::lit("sg-0123456789abcdef0")],
    ))
    .environment("LOG_LEVEL", "debug")
    .tag("project", "forecasting")
    .role(SageMakerRole::from_arn(Expr::get_att("ExecutionRole", "Arn")));
    let task = Task::new("Train", job).result_path("$.training");
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn training_run_job() {
    let r = render_state(Task::new("Train", training().role(role())).run_job()).unwrap();
    assert_eq!(
        r["DefinitionSubstitutions"]["StatesSagemakerCreateTrainingJobSync"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:states:::sagemaker:createTrainingJob.sync"})
    );
    let job = "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:training-job/mytrainingjob*";
    for action in [
        "sagemaker:CreateTrainingJob",
        "sagemaker:DescribeTrainingJob",
        "sagemaker:StopTrainingJob",
        "sagemaker:ListTags",
        "sagemaker:AddTags",
    ] {
        assert_eq!(granted(&r, action), [job], "{action}");
    }
    assert_eq!(
        granted(&r, "events:PutRule"),
        ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule"]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn training_request_response_creates_only() {
    let r = render_state(Task::new("Train", training().role(role()))).unwrap();
    let job = "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:training-job/mytrainingjob*";
    assert_eq!(
        grants(&r)
            .into_iter()
            .filter(|(a, _)| a.starts_with("sagemaker:"))
            .collect::<Vec<_>>(),
        [
            ("sagemaker:CreateTrainingJob".to_owned(), job.to_owned()),
            ("sagemaker:ListTags".to_owned(), job.to_owned())
        ]
    );
    assert!(granted(&r, "events:PutRule").is_empty());
    // tags given at creation are authorized as AddTags
    let r = render_state(Task::new("Train", training().tag("team", "ml").role(role()))).unwrap();
    assert_eq!(granted(&r, "sagemaker:AddTags"), [job]);
}

#[test]
fn training_passes_its_role_to_sagemaker_only() {
    let r = render_state(Task::new("Train", training().role(role()))).unwrap();
    let pass = r["PolicyStatements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Action"] == "iam:PassRole")
        .unwrap();
    assert_eq!(pass["Resource"], ROLE);
    assert_eq!(
        pass["Condition"],
        json!({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}})
    );
}

#[test]
fn training_names_from_the_input_or_the_template_widen() {
    let any = "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:training-job/*";
    for name in [JsonPath::string_at("$.name"), Expr::reference("JobName").into()] {
        let job = SageMakerCreateTrainingJob::new(
            name,
            AlgorithmSpecification::algorithm_name("a"),
            [Channel::new(
                "train",
                S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
            )],
            OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
        );
        let r = render_state(Task::new("Train", job.role(role()))).unwrap();
        assert_eq!(granted(&r, "sagemaker:CreateTrainingJob"), [any]);
    }
}

#[test]
fn training_s3_locations_render_as_cdk_does() {
    let r = render_state(Task::new("Train", training().role(role()))).unwrap();
    let params = &r["States"]["Train"]["Parameters"];
    let substituted = |placeholder: &Value| {
        let key = placeholder
            .as_str()
            .unwrap()
            .trim_start_matches("${")
            .trim_end_matches('}');
        r["DefinitionSubstitutions"][key]["Fn::Sub"].clone()
    };
    assert_eq!(
        substituted(&params["OutputDataConfig"]["S3OutputPath"]),
        "https://s3.${AWS::Region}.${AWS::URLSuffix}/training-data/models/"
    );
    assert_eq!(
        substituted(&params["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"]),
        "https://s3.${AWS::Region}.${AWS::URLSuffix}/training-data/train/"
    );
}

#[test]
fn training_created_role_reads_inputs_and_writes_the_output() {
    let mut template = Template::new();
    let job = SageMakerCreateTrainingJob::new(
        JsonPath::string_at("$.JobName"),
        AlgorithmSpecification::training_image(DockerImage::from_ecr_repository("my-algorithm", "v1")),
        [
            Channel::new(
                "train",
                S3DataSource::new(SageMakerS3Location::from_json_expression("$.S3Bucket")),
            ),
            Channel::new(
                "validation",
                S3DataSource::new(SageMakerS3Location::from_bucket(
                    Expr::reference("DataBucket"),
                    "validation/",
                )),
            ),
        ],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("mybucket", "myoutputpath")).encryption_key(KEY),
    )
    .resource_config(
        ResourceConfig::new(1, "ml.m5.xlarge", 30).volume_encryption_key(Expr::get_att("VolumeKey", "Arn")),
    )
    .vpc_config(VpcConfig::new(
        ["subnet-0123456789abcdef0".into()],
        ["sg-0123456789abcdef0".into()],
    ))
    .create_role(&mut template, "TrainSagemaker")
    .unwrap();
    assert_eq!(
        job.execution_role().arn(),
        &Expr::get_att("TrainSagemakerSagemakerRole", "Arn")
    );
    assert_eq!(
        job.execution_role().role_name(),
        Some(&Expr::reference("TrainSagemakerSagemakerRole"))
    );
    let json: Value = serde_json::from_str(&template.to_json_compact().unwrap()).unwrap();
    assert_eq!(
        json["Resources"]["TrainSagemakerSagemakerRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
            ["Principal"],
        json!({"Service": "sagemaker.amazonaws.com"})
    );
    insta::assert_json_snapshot!(role_policy(&template, "TrainSagemakerSagemakerRoleDefaultPolicy"));
}

#[test]
fn training_created_role_for_an_image_from_the_input_may_pull_any_ecr_image() {
    let mut template = Template::new();
    let job = SageMakerCreateTrainingJob::new(
        "J",
        AlgorithmSpecification::training_image(DockerImage::from_json_expression("$.image")),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
    );
    job.clone().create_role(&mut template, "A").unwrap();
    let on_any = |policy: Value| -> Vec<Value> {
        policy
            .as_array()
            .unwrap()
            .iter()
            .filter(|st| st["Resource"] == "*")
            .flat_map(|st| st["Action"].as_array().cloned().unwrap_or_default())
            .collect()
    };
    let any = on_any(role_policy(&template, "ASagemakerRoleDefaultPolicy"));
    for action in [
        "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
    ] {
        assert!(any.contains(&json!(action)), "{action}");
    }
    let no_ecr = SageMakerCreateTrainingJob::new(
        "J",
        AlgorithmSpecification::training_image(
            DockerImage::from_json_expression("$.image").allow_any_ecr_image_pull(false),
        ),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
    );
    no_ecr.create_role(&mut template, "B").unwrap();
    assert!(!role_policy(&template, "BSagemakerRoleDefaultPolicy")
        .to_string()
        .contains("ecr:BatchGetImage"));
}

#[test]
fn training_create_role_rejects_keys_that_are_not_key_arns() {
    let mut template = Template::new();
    let job = SageMakerCreateTrainingJob::new(
        "J",
        AlgorithmSpecification::algorithm_name("a"),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")).encryption_key("alias/models"),
    );
    let e = job.create_role(&mut template, "Train").unwrap_err();
    assert!(e.to_string().contains("must be a KMS key ARN"), "{e}");
}

#[test]
fn training_rejects_an_invalid_job_name() {
    let job = SageMakerCreateTrainingJob::new(
        "my_job",
        AlgorithmSpecification::algorithm_name("a"),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
    );
    assert!(train_rejects(job).contains("training job name `my_job`"));
}

#[test]
fn training_rejects_a_role_arn_that_is_not_a_role() {
    let e = render_state(Task::new(
        "Train",
        training().role(SageMakerRole::from_arn("arn:aws:iam::123456789012:user/someone")),
    ))
    .unwrap_err();
    assert!(reason(e).contains("is not an IAM role ARN"));
}

#[test]
fn training_rejects_an_invalid_algorithm_name() {
    let job = SageMakerCreateTrainingJob::new(
        "J",
        AlgorithmSpecification::algorithm_name("my_algorithm"),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
    );
    assert!(train_rejects(job).contains("is not an algorithm name"));
}

#[test]
fn training_rejects_an_invalid_image() {
    let job = SageMakerCreateTrainingJob::new(
        "J",
        AlgorithmSpecification::training_image(DockerImage::from_registry("my image")),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
    );
    assert!(train_rejects(job).contains("without spaces"));
}

#[test]
fn training_rejects_too_many_or_invalid_metric_definitions() {
    let algo = (0..41).fold(AlgorithmSpecification::algorithm_name("a"), |a, i| {
        a.metric_definition(format!("m{i}"), "x")
    });
    let job = |algo| {
        SageMakerCreateTrainingJob::new(
            "J",
            algo,
            [Channel::new(
                "train",
                S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
            )],
            OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
        )
    };
    assert!(train_rejects(job(algo)).contains("at most 40 metric definitions"));
    let empty_regex = AlgorithmSpecification::algorithm_name("a").metric_definition("loss", "");
    assert!(train_rejects(job(empty_regex)).contains("1 to 500"));
}

#[test]
fn training_rejects_no_or_too_many_channels() {
    let job = |channels: Vec<Channel>| {
        SageMakerCreateTrainingJob::new(
            "J",
            AlgorithmSpecification::algorithm_name("a"),
            channels,
            OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
        )
    };
    assert!(train_rejects(job(vec![])).contains("1 to 20 input channels"));
    let many = (0..21)
        .map(|i| {
            Channel::new(
                format!("c{i}"),
                S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
            )
        })
        .collect();
    assert!(train_rejects(job(many)).contains("got 21"));
}

#[test]
fn training_rejects_a_channel_given_twice() {
    let c = Channel::new(
        "train",
        S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
    );
    let job = SageMakerCreateTrainingJob::new(
        "J",
        AlgorithmSpecification::algorithm_name("a"),
        [c.clone(), c],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
    );
    assert!(train_rejects(job).contains("channel `train` is given twice"));
}

#[test]
fn training_rejects_an_invalid_channel_name() {
    let job = SageMakerCreateTrainingJob::new(
        "J",
        AlgorithmSpecification::algorithm_name("a"),
        [Channel::new(
            "my channel",
            S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/")),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
    );
    assert!(train_rejects(job).contains("channel name `my channel`"));
}

#[test]
fn training_rejects_an_invalid_bucket_or_prefix() {
    let job = |location| {
        SageMakerCreateTrainingJob::new(
            "J",
            AlgorithmSpecification::algorithm_name("a"),
            [Channel::new("train", S3DataSource::new(location))],
            OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
        )
    };
    assert!(
        train_rejects(job(SageMakerS3Location::from_bucket("My_Bucket", "t/"))).contains("is not an S3 bucket name")
    );
    assert!(train_rejects(job(SageMakerS3Location::from_bucket("b-b", "/t"))).contains("must not start with `/`"));
}

#[test]
fn training_rejects_more_than_16_attribute_names() {
    let job = SageMakerCreateTrainingJob::new(
        "J",
        AlgorithmSpecification::algorithm_name("a"),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket("b-b", "t/"))
                .attribute_names((0..17).map(|i| format!("a{i}"))),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("b-b", "o")),
    );
    assert!(train_rejects(job).contains("at most 16 attribute names"));
}

#[test]
fn training_rejects_no_instance() {
    assert!(
        train_rejects(training().resource_config(ResourceConfig::new(0, "ml.m5.large", 10))).contains("at least 1")
    );
}

#[test]
fn training_rejects_an_instance_type_without_ml_prefix() {
    let e = train_rejects(training().resource_config(ResourceConfig::new(1, "m5.large", 10)));
    assert!(e.contains("`m5.large` is not a SageMaker ML instance type"), "{e}");
}

#[test]
fn training_rejects_a_max_runtime_below_a_second_or_fractional() {
    for d in [Duration::ZERO, Duration::from_millis(1500)] {
        let e = train_rejects(training().stopping_condition(StoppingCondition::max_runtime(d)));
        assert!(e.contains("whole seconds, at least 1"), "{d:?}");
    }
}

#[test]
fn training_rejects_numeric_or_too_many_hyperparameters() {
    let e = train_rejects(training().hyperparameter("epochs", 10));
    assert!(e.contains("write the value as text"), "{e}");
    let many = (0..101).fold(training(), |j, i| j.hyperparameter(format!("h{i}"), "1"));
    assert!(train_rejects(many).contains("at most 100 hyperparameters"));
}

#[test]
fn training_rejects_a_vpc_without_subnets_or_with_too_many_security_groups() {
    let e = train_rejects(training().vpc_config(VpcConfig::new([], ["sg-1".into()])));
    assert!(e.contains("1 to 16 subnets"));
    let sgs: Vec<Expr> = (0..6).map(|i| Expr::lit(format!("sg-{i}"))).collect();
    let e = train_rejects(training().vpc_config(VpcConfig::new(["subnet-1".into()], sgs)));
    assert!(e.contains("1 to 5 security groups"));
}

#[test]
fn training_rejects_an_invalid_environment_variable() {
    let e = train_rejects(training().environment("1ST", "x"));
    assert!(e.contains("environment variable `1ST`"), "{e}");
}

#[test]
fn training_rejects_reserved_or_too_many_tags() {
    assert!(train_rejects(training().tag("aws:team", "x")).contains("reserved"));
    let many = (0..51).fold(training(), |j, i| j.tag(format!("k{i}"), "v"));
    assert!(train_rejects(many).contains("at most 50 tags"));
}

#[test]
fn transform_default_settings() {
    insta::assert_json_snapshot!(render_state(Task::new("Batch Inference", transform())).unwrap());
}

#[test]
fn transform_optional_settings() {
    let job = SageMakerCreateTransformJob::new(
        JsonPath::string_at("$.jobName"),
        JsonPath::string_at("$.modelName"),
        TransformInput::new(JsonPath::string_at("$.input"))
            .s3_data_type(S3DataType::ManifestFile)
            .compression_type(CompressionType::Gzip)
            .content_type("text/csv")
            .split_type(SplitType::Line),
        TransformOutput::new("s3://outputbucket/results/")
            .accept("text/csv")
            .assemble_with(AssembleWith::Line)
            .encryption_key(KEY),
    )
    .transform_resources(TransformResources::new(2, "ml.c5.xlarge").volume_encryption_key(KEY))
    .batch_strategy(BatchStrategy::MultiRecord)
    .environment("THRESHOLD", "0.5")
    .max_concurrent_transforms(4)
    .max_payload_mb(20)
    .model_client_options(
        ModelClientOptions::new()
            .invocations_max_retries(3)
            .invocations_timeout(Duration::from_secs(300)),
    )
    .tag("project", "forecasting");
    insta::assert_json_snapshot!(render_state(Task::new("Batch Inference", job)).unwrap());
}

#[test]
fn transform_run_job() {
    let r = render_state(Task::new("Batch Inference", transform()).run_job()).unwrap();
    let job = "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:transform-job/mytransformjob*";
    for action in [
        "sagemaker:CreateTransformJob",
        "sagemaker:DescribeTransformJob",
        "sagemaker:StopTransformJob",
        "sagemaker:ListTags",
        "sagemaker:AddTags",
    ] {
        assert_eq!(granted(&r, action), [job], "{action}");
    }
    assert_eq!(
        granted(&r, "events:PutRule"),
        ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForSageMakerTransformJobsRule"]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn transform_passes_no_role_and_request_response_creates_only() {
    for r in [
        render_state(Task::new("Batch Inference", transform())).unwrap(),
        render_state(Task::new("Batch Inference", transform()).run_job()).unwrap(),
    ] {
        assert!(granted(&r, "iam:PassRole").is_empty());
    }
    let r = render_state(Task::new("Batch Inference", transform())).unwrap();
    assert!(granted(&r, "sagemaker:DescribeTransformJob").is_empty());
    assert!(granted(&r, "sagemaker:AddTags").is_empty());
}

#[test]
fn transform_model_client_options_render_both_values() {
    let r = render_state(Task::new(
        "Batch Inference",
        transform().model_client_options(ModelClientOptions::new().invocations_max_retries(2)),
    ))
    .unwrap();
    assert_eq!(
        r["States"]["Batch Inference"]["Parameters"]["ModelClientConfig"],
        json!({"InvocationsMaxRetries": 2, "InvocationsTimeoutInSeconds": 60})
    );
}

#[test]
fn transform_rejects_invalid_names() {
    let job = SageMakerCreateTransformJob::new(
        "my job",
        "M",
        TransformInput::new("s3://b/in/"),
        TransformOutput::new("s3://b/out/"),
    );
    assert!(transform_rejects(job).contains("transform job name `my job`"));
    let job = SageMakerCreateTransformJob::new(
        "J",
        "model_1",
        TransformInput::new("s3://b/in/"),
        TransformOutput::new("s3://b/out/"),
    );
    assert!(transform_rejects(job).contains("model name `model_1`"));
}

#[test]
fn transform_rejects_a_uri_that_is_not_s3() {
    let job = SageMakerCreateTransformJob::new(
        "J",
        "M",
        TransformInput::new("inputbucket/train"),
        TransformOutput::new("s3://b/out/"),
    );
    assert!(transform_rejects(job).contains("input S3 URI `inputbucket/train`"));
}

#[test]
fn transform_rejects_no_instance_or_a_non_ml_instance_type() {
    assert!(
        transform_rejects(transform().transform_resources(TransformResources::new(0, "ml.m4.xlarge")))
            .contains("at least 1")
    );
    assert!(
        transform_rejects(transform().transform_resources(TransformResources::new(1, "c5.xlarge")))
            .contains("not a SageMaker ML instance type")
    );
}

#[test]
fn transform_rejects_a_payload_over_100_mb() {
    assert!(transform_rejects(transform().max_payload_mb(101)).contains("0 to 100 MB"));
}

#[test]
fn transform_rejects_model_client_options_out_of_range() {
    let e = transform_rejects(transform().model_client_options(ModelClientOptions::new().invocations_max_retries(4)));
    assert!(e.contains("0 to 3"));
    for t in [Duration::ZERO, Duration::from_secs(3601), Duration::from_millis(1500)] {
        let e = transform_rejects(transform().model_client_options(ModelClientOptions::new().invocations_timeout(t)));
        assert!(e.contains("1 to 3600 whole seconds"), "{t:?}");
    }
}

#[test]
fn transform_rejects_more_than_16_environment_variables() {
    let many = (0..17).fold(transform(), |j, i| j.environment(format!("V{i}"), "x"));
    assert!(transform_rejects(many).contains("at most 16 environment variables"));
}

#[test]
fn transform_rejects_invalid_tags() {
    assert!(transform_rejects(transform().tag("", "v")).contains("1 to 128"));
}
