//! Service integrations (Task states) for the `stepfunctions` crate.
//!
//! One module per service, one file per API (`dynamodb/put_item.rs`), every type re-exported
//! here under CDK's `<Service><Api>` name. Each integration implements
//! [`stepfunctions::ServiceIntegration`]: its service and API, its parameters, and the IAM
//! statements it needs; the patterns it supports are marker traits
//! ([`stepfunctions::SupportsRunJob`], [`stepfunctions::SupportsWaitForTaskToken`]), so
//! `Task::new(name, integration).run_job()` only compiles where the service can run a job.
//! Everything tasks share (comment, paths, result selector, timeouts, credentials, retry,
//! catch) comes from [`stepfunctions::Task`].

pub mod athena;
pub mod batch;
pub mod codebuild;
pub mod databrew;
pub mod glue;
pub mod lambda;
pub mod sagemaker;
mod util;

pub use athena::{
    AthenaGetQueryExecution, AthenaGetQueryResults, AthenaStartQueryExecution, AthenaStopQueryExecution,
    EncryptionOption, S3Location,
};
pub use batch::{
    BatchContainerOverrides, BatchDependencyType, BatchJobDefinition, BatchJobDependency, BatchJobQueue, BatchSubmitJob,
};
pub use codebuild::{
    BuildEnvironmentVariable, BuildEnvironmentVariableType, CodeBuildProject, CodeBuildStartBuild, InlineBuildProject,
};
pub use databrew::GlueDataBrewStartJobRun;
pub use glue::{GlueExecutionClass, GlueStartJobRun, GlueWorkerType};
pub mod dynamodb;
pub mod eventbridge;
pub mod sns;
pub mod sqs;

pub use dynamodb::{
    DynamoAttributeType, DynamoAttributeValue, DynamoConsumedCapacity, DynamoDeleteItem, DynamoGetItem,
    DynamoItemCollectionMetrics, DynamoNumber, DynamoProjectionExpression, DynamoPutItem, DynamoReturnValues,
    DynamoTable, DynamoTableDefinition, DynamoUpdateItem,
};
pub use eventbridge::{EventBridgePutEvents, EventBridgePutEventsEntry, EventBus, EventBusDefinition};
pub use lambda::{InlineFunction, LambdaFunction, LambdaInvocationType, LambdaInvoke, LambdaInvokeResponseOnly};
pub use sagemaker::{
    AcceleratorType, AlgorithmSpecification, AssembleWith, BatchStrategy, Channel, CompressionType,
    ContainerDefinition, DockerImage, InputMode, Mode, ModelClientOptions, OutputDataConfig, ProductionVariant,
    RecordWrapperType, ResourceConfig, S3DataDistributionType, S3DataSource, S3DataType, SageMakerCreateEndpoint,
    SageMakerCreateEndpointConfig, SageMakerCreateModel, SageMakerCreateTrainingJob, SageMakerCreateTransformJob,
    SageMakerRole, SageMakerS3Location, SageMakerUpdateEndpoint, SplitType, StoppingCondition, TransformInput,
    TransformOutput, TransformResources, VpcConfig,
};
pub use sns::{MessageAttribute, MessageAttributeDataType, SnsPublish, SnsTopic, SnsTopicDefinition};
pub use sqs::{SqsQueue, SqsQueueDefinition, SqsSendMessage};
pub mod apigateway;
pub mod aws_sdk;
pub mod evaluate_expression;
pub mod sfn;

pub use apigateway::{
    AuthType, CallApiGatewayHttpApiEndpoint, CallApiGatewayRestApiEndpoint, HttpApi, HttpApiBuilder, HttpMethod,
    RestApi, RestApiBuilder,
};
pub use aws_sdk::CallAwsService;
pub use evaluate_expression::{EvaluateExpression, EvaluateExpressionFunction, EVAL_ROLE_ID};
pub use sfn::{StateMachineRef, StepFunctionsStartExecution};
pub use stepfunctions::StepFunctionsInvokeActivity;
