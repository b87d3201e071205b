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

pub mod apigateway;
pub mod athena;
pub mod aws_sdk;
pub mod batch;
pub mod bedrock;
pub mod codebuild;
pub mod databrew;
pub mod dynamodb;
pub mod ecs;
pub mod emr;
pub mod evaluate_expression;
pub mod eventbridge;
pub mod glue;
pub mod http;
pub mod lambda;
pub mod mediaconvert;
pub mod sagemaker;
pub mod scheduler;
pub mod sfn;
pub mod sns;
pub mod sqs;
mod util;

pub use apigateway::{
    AuthType, CallApiGatewayHttpApiEndpoint, CallApiGatewayRestApiEndpoint, HttpApi, HttpApiBuilder, HttpMethod,
    RestApi, RestApiBuilder,
};
pub use athena::{
    AthenaGetQueryExecution, AthenaGetQueryResults, AthenaStartQueryExecution, AthenaStopQueryExecution,
    EncryptionOption, S3Location,
};
pub use aws_sdk::{
    CallAwsService, CallAwsServiceCrossRegion, CallAwsServiceCrossRegionBuilder, CROSS_REGION_FUNCTION_ID,
};
pub use batch::{
    BatchContainerOverrides, BatchDependencyType, BatchJobDefinition, BatchJobDependency, BatchJobQueue, BatchSubmitJob,
};
pub use bedrock::{BedrockGuardrail, BedrockInvokeModel, BedrockModel, BedrockS3Location};
pub use codebuild::{
    BuildEnvironmentVariable, BuildEnvironmentVariableType, CodeBuildProject, CodeBuildStartBuild,
    CodeBuildStartBuildBatch, InlineBuildProject,
};
pub use databrew::GlueDataBrewStartJobRun;
pub use dynamodb::{
    DynamoAttributeType, DynamoAttributeValue, DynamoConsumedCapacity, DynamoDeleteItem, DynamoGetItem,
    DynamoItemCollectionMetrics, DynamoNumber, DynamoProjectionExpression, DynamoPutItem, DynamoReturnValues,
    DynamoTable, DynamoTableDefinition, DynamoUpdateItem,
};
pub use ecs::{
    EcsAwsVpc, EcsCapacityProvider, EcsCluster, EcsCompatibility, EcsContainerDefinition, EcsContainerOverride,
    EcsEc2LaunchTarget, EcsFargateLaunchTarget, EcsFargatePlatformVersion, EcsLaunchTarget, EcsNetworkMode,
    EcsPlacementConstraint, EcsPlacementStrategy, EcsRunTask, EcsTaskDefinition, InlineTaskDefinition,
};
pub use emr::{
    ActionOnFailure, EmrAddStep, EmrAlarmComparisonOperator, EmrAlarmStatistic, EmrAlarmUnit, EmrApplication,
    EmrAutoScalingPolicy, EmrBidPrice, EmrBootstrapAction, EmrCancelStep, EmrCapacityReservationPreference,
    EmrCloudWatchAlarm, EmrClusterRoles, EmrClusterRolesDefinition, EmrClusterScaleDownBehavior, EmrConfiguration,
    EmrCreateCluster, EmrEbsBlockDevice, EmrEbsConfiguration, EmrEbsVolumeType, EmrInstanceFleet, EmrInstanceGroup,
    EmrInstanceGroupModifyConfig, EmrInstanceMarket, EmrInstanceProfile, EmrInstanceResizePolicy, EmrInstanceRoleType,
    EmrInstanceTypeConfig, EmrInstancesConfig, EmrKerberosAttributes, EmrManagedScalingPolicy, EmrManagedScalingUnit,
    EmrModifyInstanceFleetByName, EmrModifyInstanceGroupByName, EmrOnDemandAllocationStrategy, EmrOnDemandProvisioning,
    EmrRole, EmrScalingAdjustmentType, EmrScalingRule, EmrSetClusterTerminationProtection, EmrShrinkPolicy,
    EmrSpotAllocationStrategy, EmrSpotProvisioning, EmrSpotTimeoutAction, EmrTerminateCluster,
};
pub use evaluate_expression::{EvaluateExpression, EvaluateExpressionFunction, EVAL_ROLE_ID};
pub use eventbridge::{EventBridgePutEvents, EventBridgePutEventsEntry, EventBus, EventBusDefinition};
pub use glue::{GlueExecutionClass, GlueStartCrawlerRun, GlueStartJobRun, GlueWorkerType};
pub use http::{EventBridgeConnection, EventBridgeConnectionDefinition, HttpInvoke, HttpInvokeMethod, HttpUrlEncoding};
pub use lambda::{
    InlineFunction, LambdaAlias, LambdaFunction, LambdaInvocationType, LambdaInvoke, LambdaInvokeResponseOnly,
    LambdaVersion,
};
pub use mediaconvert::MediaConvertCreateJob;
pub use sagemaker::{
    AcceleratorType, AlgorithmSpecification, AssembleWith, BatchStrategy, Channel, CompressionType,
    ContainerDefinition, DockerImage, InputMode, Mode, ModelClientOptions, OutputDataConfig, ProductionVariant,
    RecordWrapperType, ResourceConfig, S3DataDistributionType, S3DataSource, S3DataType, SageMakerCreateEndpoint,
    SageMakerCreateEndpointConfig, SageMakerCreateModel, SageMakerCreateTrainingJob, SageMakerCreateTransformJob,
    SageMakerRole, SageMakerS3Location, SageMakerUpdateEndpoint, SplitType, StoppingCondition, TransformInput,
    TransformOutput, TransformResources, VpcConfig,
};
pub use scheduler::{
    EventBridgeSchedulerCreateScheduleTask, Schedule, ScheduleActionAfterCompletion, ScheduleCron, ScheduleTime,
    SchedulerTarget,
};
pub use sfn::{StateMachineRef, StepFunctionsStartExecution};
pub use sns::{MessageAttribute, MessageAttributeDataType, SnsPublish, SnsTopic, SnsTopicDefinition};
pub use sqs::{SqsQueue, SqsQueueDefinition, SqsSendMessage};
pub use stepfunctions::StepFunctionsInvokeActivity;
pub mod eks;
pub mod emrcontainers;

pub use eks::{EksAccessEntry, EksAccessPolicy, EksAccessScope, EksCall, EksCluster, HttpMethods};
pub use emrcontainers::{
    ApplicationConfiguration, Classification, EksClusterInput, EmrContainersCreateVirtualCluster,
    EmrContainersDeleteVirtualCluster, EmrContainersExecutionRole, EmrContainersExecutionRoleDefinition,
    EmrContainersStartJobRun, JobDriver, Monitoring, MonitoringDefinition, ReleaseLabel, SparkSubmitJobDriver,
    VirtualClusterInput,
};
