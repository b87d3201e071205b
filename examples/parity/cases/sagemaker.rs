//! `sagemaker_*`: Amazon SageMaker AI.

use std::time::Duration;

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("sagemaker_create_training_job", sagemaker_create_training_job),
    ("sagemaker_create_transform_job", sagemaker_create_transform_job),
    ("sagemaker_create_endpoint", sagemaker_create_endpoint),
    ("sagemaker_create_endpoint_config", sagemaker_create_endpoint_config),
    ("sagemaker_create_model", sagemaker_create_model),
    ("sagemaker_update_endpoint", sagemaker_update_endpoint),
];

/// Seed: SageMaker / Create Training Job (the bucket imported by name; the role created, as CDK
/// does, with `create_role`).
fn sagemaker_create_training_job(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = SageMakerCreateTrainingJob::new(
        JsonPath::string_at("$.JobName"),
        AlgorithmSpecification::algorithm_name("BlazingText").training_input_mode(InputMode::File),
        [Channel::new(
            "train",
            S3DataSource::new(SageMakerS3Location::from_json_expression("$.S3Bucket"))
                .s3_data_type(S3DataType::S3Prefix),
        )],
        OutputDataConfig::new(SageMakerS3Location::from_bucket("mybucket", "myoutputpath")),
    )
    .resource_config(ResourceConfig::new(1, JsonPath::string_at("$.InstanceType"), 50)) // optional: default is 1 instance of `ml.m4.xlarge` with a 10 GB volume
    .stopping_condition(StoppingCondition::max_runtime(Duration::from_secs(2 * 3600)))
    .create_role(t, "TrainSagemaker")?;
    let task = Task::new("TrainSagemaker", task);
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: SageMaker / Create Transform Job (no role: the API takes none).
fn sagemaker_create_transform_job(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "Batch Inference",
        SageMakerCreateTransformJob::new(
            "MyTransformJob",
            "MyModelName",
            TransformInput::new("s3://inputbucket/train").s3_data_type(S3DataType::S3Prefix),
            TransformOutput::new("s3://outputbucket/TransformJobOutputPath"),
        )
        .model_client_options(
            ModelClientOptions::new()
                .invocations_max_retries(3) // default is 0
                .invocations_timeout(Duration::from_secs(5 * 60)),
        )
        .transform_resources(TransformResources::new(1, "ml.m4.xlarge")),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: SageMaker / Create Endpoint.
fn sagemaker_create_endpoint(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "SagemakerEndpoint",
        SageMakerCreateEndpoint::new(
            JsonPath::string_at("$.EndpointName"),
            JsonPath::string_at("$.EndpointConfigName"),
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: SageMaker / Create Endpoint Config.
fn sagemaker_create_endpoint_config(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "SagemakerEndpointConfig",
        SageMakerCreateEndpointConfig::new(
            "MyEndpointConfig",
            [ProductionVariant::new("MyModel", "awesome-variant", "ml.m5.xlarge").initial_instance_count(2)],
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: SageMaker / Create Model (the role created, as CDK does, with `create_role`).
fn sagemaker_create_model(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = SageMakerCreateModel::new(
        "MyModel",
        ContainerDefinition::new()
            .image(DockerImage::from_json_expression("$.Model.imageName"))
            .mode(Mode::SingleModel)
            .model_s3_location(SageMakerS3Location::from_json_expression(
                "$.TrainingJob.ModelArtifacts.S3ModelArtifacts",
            )),
    )
    .create_role(t, "Sagemaker")?;
    let task = Task::new("Sagemaker", task);
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}

/// Seed: SageMaker / Update Endpoint.
fn sagemaker_update_endpoint(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let task = Task::new(
        "SagemakerEndpoint",
        SageMakerUpdateEndpoint::new(
            JsonPath::string_at("$.Endpoint.Name"),
            JsonPath::string_at("$.Endpoint.EndpointConfig"),
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
