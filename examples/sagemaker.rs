//! The SageMaker tasks end to end, on a bucket of the template: train a model and wait for the
//! training job (run-job), create a model from its artifacts, an endpoint configuration, then
//! create the endpoint or, when it exists, update it, and run a batch transform with the model
//! and wait for it. The training job and the model get execution roles made for them
//! (`create_role`); the transform job runs as the model's role, which this template lets read
//! and write the batch data.
//!
//! `cargo run --example sagemaker > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name sagemaker --capabilities CAPABILITY_IAM`.
//! Upload training data under `train/` and batch input under `batch-input/` of the stack's
//! `DataBucket` (CSV for the built-in XGBoost algorithm: label first, no header), and start an
//! execution of `StateMachineArn` with an input such as
//! `{"JobName": "xgboost-1", "TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", "InstanceType": "ml.m5.large", "Model": {"imageName": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"}, "ModelName": "xgboost-1", "EndpointConfigName": "xgboost-1", "EndpointName": "xgboost", "EndpointExists": false}`
//! (the images of the built-in algorithms differ by region: see "Docker Registry Paths and
//! Example Code" in the SageMaker developer guide). The bucket is kept when the stack is
//! deleted; delete the endpoint, its configuration and the model with the SageMaker console or
//! CLI.

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::cfn_model::iam::{Policy, PolicyDocument};
use stepfunctions_cdk::prelude::*;

/// Adds the bucket, the execution roles, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let bucket_id = template.add_resource(
        "DataBucket",
        Resource::new("AWS::S3::Bucket").removal_policy(DeletionPolicy::Retain),
    )?;
    let bucket = Expr::reference(bucket_id.as_str());
    let bucket_arn = Expr::get_att(bucket_id.as_str(), "Arn");

    // Seed: SageMaker / Create Training Job. Here the built-in algorithm's image comes from the
    // input (the seed names an algorithm resource, `BlazingText`), the data from the bucket,
    // and the task waits for the job (run-job).
    let train = SageMakerCreateTrainingJob::new(
        JsonPath::string_at("$.JobName"),
        AlgorithmSpecification::training_image(DockerImage::from_json_expression("$.TrainingImage"))
            .training_input_mode(InputMode::File),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_bucket(bucket.clone(), "train/"))
                .s3_data_type(S3DataType::S3Prefix),
        )
        .content_type("text/csv")],
        OutputDataConfig::new(SageMakerS3Location::from_bucket(bucket.clone(), "models/")),
    )
    .hyperparameter("objective", "reg:squarederror")
    .hyperparameter("num_round", "10")
    .resource_config(ResourceConfig::new(1, JsonPath::string_at("$.InstanceType"), 50)) // optional: default is 1 instance of `ml.m4.xlarge` with a 10 GB volume
    .stopping_condition(StoppingCondition::max_runtime(Duration::from_secs(2 * 3600)))
    .create_role(template, "TrainSagemaker")?;
    let train = Task::new("TrainSagemaker", train)
        .run_job()
        .result_selector(Payload::from_object([(
            "ModelArtifacts",
            Payload::from_object([(
                "S3ModelArtifacts",
                JsonPath::string_at("$.ModelArtifacts.S3ModelArtifacts"),
            )]),
        )]))
        .result_path("$.TrainingJob");

    // Seed: SageMaker / Create Model, named from the input.
    let model = SageMakerCreateModel::new(
        JsonPath::string_at("$.ModelName"),
        ContainerDefinition::new()
            .image(DockerImage::from_json_expression("$.Model.imageName"))
            .mode(Mode::SingleModel)
            .model_s3_location(SageMakerS3Location::from_json_expression(
                "$.TrainingJob.ModelArtifacts.S3ModelArtifacts",
            )),
    )
    .create_role(template, "Sagemaker")?;
    // The transform job runs as the model's role: let it read the batch input and write the
    // results.
    if let Some(role_name) = model.execution_role().role_name() {
        let mut doc = PolicyDocument::new();
        doc.add(PolicyStatement::allow(["s3:ListBucket"], [bucket_arn.clone()]));
        doc.add(PolicyStatement::allow(
            ["s3:GetObject"],
            [Expr::concat([bucket_arn.clone(), Expr::lit("/batch-input/*")])],
        ));
        doc.add(PolicyStatement::allow(
            ["s3:PutObject"],
            [Expr::concat([bucket_arn, Expr::lit("/batch-output/*")])],
        ));
        let policy = Policy::new("BatchInferenceDataAccess", doc, [role_name.clone()]);
        template.add_resource("BatchInferenceDataAccess", policy.into_resource())?;
    }
    let model = Task::new("Sagemaker", model).result_path("$.Model.created");

    // Seed: SageMaker / Create Endpoint Config, named from the input, one smaller instance.
    let endpoint_config = Task::new(
        "SagemakerEndpointConfig",
        SageMakerCreateEndpointConfig::new(
            JsonPath::string_at("$.EndpointConfigName"),
            [
                ProductionVariant::new(JsonPath::string_at("$.ModelName"), "awesome-variant", "ml.m5.large")
                    .initial_instance_count(1),
            ],
        ),
    )
    .result_path("$.EndpointConfig");

    // Seed: SageMaker / Create Endpoint.
    let create_endpoint = Task::new(
        "SagemakerEndpoint",
        SageMakerCreateEndpoint::new(
            JsonPath::string_at("$.EndpointName"),
            JsonPath::string_at("$.EndpointConfigName"),
        ),
    )
    .result_path("$.Endpoint");

    // Seed: SageMaker / Update Endpoint (the seed reads `$.Endpoint.Name` and
    // `$.Endpoint.EndpointConfig`; here the same fields as the creation).
    let update_endpoint = Task::new(
        "SagemakerUpdateEndpoint",
        SageMakerUpdateEndpoint::new(
            JsonPath::string_at("$.EndpointName"),
            JsonPath::string_at("$.EndpointConfigName"),
        ),
    )
    .result_path("$.Endpoint");

    // Seed: SageMaker / Create Transform Job, on the bucket's batch data, named after the
    // training job, waited for (run-job).
    let batch_inference = Task::new(
        "Batch Inference",
        SageMakerCreateTransformJob::new(
            JsonPath::format("{}-batch", [JsonPath::string_at("$.JobName").into()]),
            JsonPath::string_at("$.ModelName"),
            TransformInput::new(Expr::concat([
                Expr::lit("s3://"),
                bucket.clone(),
                Expr::lit("/batch-input/"),
            ]))
            .s3_data_type(S3DataType::S3Prefix)
            .content_type("text/csv")
            .split_type(SplitType::Line),
            TransformOutput::new(Expr::concat([Expr::lit("s3://"), bucket, Expr::lit("/batch-output/")])),
        )
        .model_client_options(
            ModelClientOptions::new()
                .invocations_max_retries(3) // default is 0
                .invocations_timeout(Duration::from_secs(5 * 60)),
        )
        .transform_resources(TransformResources::new(1, "ml.m4.xlarge")),
    )
    .run_job()
    .result_selector(Payload::from_object([
        ("TransformJobStatus", JsonPath::string_at("$.TransformJobStatus")),
        ("S3OutputPath", JsonPath::string_at("$.TransformOutput.S3OutputPath")),
    ]))
    .result_path("$.BatchInference");

    let deploy = Choice::new("Endpoint Exists?")
        .when(Condition::boolean_equals("$.EndpointExists", true), update_endpoint)
        .otherwise(create_endpoint)
        .afterwards();
    let definition = train
        .next(model)
        .next(endpoint_config)
        .next(deploy)
        .next(batch_inference);
    let rendered = StateMachine::new("StateMachine", definition)
        .comment("Trains a model, deploys it to an endpoint and runs a batch transform with it")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
