//! Parity with the AWS CDK: every twin in `examples/parity/cases/` renders what the CDK
//! synthesized for the same program (`tests/fixtures/reference/`).
//!
//! Both sides are compared in `normalize.py --fold-ids` form: ours is normalized here with
//! `normalize(template, true)`; the reference is `expected/<case>.json` (what `normalize.py`
//! made of the CDK template, without `--fold-ids`) folded with `fold_ids` and its permissions
//! re-sorted, which is exactly what `--fold-ids` adds. (`normalize_reference.rs` checks that
//! the Rust normalizer gives the same for every `cdk/<case>.template.json`.) The reference side
//! is the Python tool's output, committed next to the CDK template, so a defect of the Rust
//! normalizer cannot cancel itself out by hitting both sides alike.
//!
//! Compared: each state machine's definition, permissions, conditions, trust and properties,
//! and the map of resources to their types. Logical ids are compared folded (lower case,
//! letters and digits: CDK strips punctuation from construct ids where we may keep case).
//!
//! Where we deviate from the CDK on purpose (see `KNOWN-CDK-DEFECTS.md`), the permission pairs
//! that differ are listed in [`REVIEWED_EXCEPTIONS`]; an exception that no longer matches a
//! difference fails the test, so the list cannot rot.

mod support;

#[path = "../examples/parity/cases/mod.rs"]
mod cases;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};
use support::normalize::{diff, fold_id, fold_ids, normalize};

/// Reviewed deviations from the CDK reference: `(case, what, why)`.
///
/// `what` is one permission pair that differs, `-<action> <resource>` for a pair the CDK grants
/// and we do not (narrower), or `+<action> <resource>` for one we grant and the CDK does not;
/// the resource is written as in the normalized output (`${Id}` placeholders, folded or not).
/// Or one template resource that differs, `-resource <LogicalId> <Type>` for one the CDK
/// creates and we do not, `+resource <LogicalId> <Type>` for one we create and the CDK does not
/// (the id as normalized, folded or not; the type `AWS::...` or `Custom::...`). A resource both
/// create under the same id with different types takes one of each.
/// Or one statement of a state machine's `conditions` (statements with a `Condition`) that
/// differs, `-condition <action> <resource>` for one the CDK grants and we do not,
/// `+condition <action> <resource>` for one we grant and the CDK does not: the statement whose
/// actions include the action and resources include the resource (written as for permissions).
/// Or one key of a definition that the CDK writes and we do not, `-definition <pointer>` (a
/// JSON pointer into the definition, e.g. `/States/A/QueryLanguage`), or that both write with
/// different values, `~definition <pointer>`.
/// `why` says why, citing `KNOWN-CDK-DEFECTS.md` or the AWS documentation. Nothing else of a
/// case may differ.
///
/// Deviations that no reference case exercises have no entry (an entry must match a
/// difference); each is documented on its task and tested in `stepfunctions-tasks/tests/`:
/// - DynamoDB `list_from_json_path` / `boolean_from_json_path` write `L.$` / `BOOL.$`, where CDK
///   writes `L` / `BOOL` and DynamoDB receives the path as text (`KNOWN-CDK-DEFECTS.md`).
/// - SNS to a topic encrypted with a customer managed key: `kms:GenerateDataKey` and
///   `kms:Decrypt` on the key, which the SNS developer guide requires of publishers; CDK grants
///   none (`KNOWN-CDK-DEFECTS.md`).
/// - SQS to a queue encrypted with a customer managed key: `kms:GenerateDataKey` and
///   `kms:Decrypt`, as the SQS developer guide requires of producers; CDK grants
///   `kms:GenerateDataKey*`, which also covers the key-pair and without-plaintext variants.
/// - ECS `EcsRunTask` request-response and wait-for-task-token: no `ecs:StopTask` or
///   `ecs:DescribeTasks` (the ecs-iam templates for these patterns grant `ecs:RunTask` only; CDK
///   grants both on `*` for every pattern).
/// - ECS `EcsRunTask` with propagated tags or ECS managed tags: `ecs:TagResource` on the cluster's
///   tasks during `RunTask` (condition `ecs:CreateAction`), which ECS requires to tag a task it
///   creates; CDK grants none.
/// - Batch `BatchSubmitJob` with tags: `batch:TagResource` on the job definition and queue it
///   submits with, which the service authorization reference maps `SubmitJob` to (tag on
///   create); CDK grants none.
/// - EMR on EKS `CreateVirtualCluster` and `StartJobRun` with tags: `emr-containers:TagResource`
///   on the new virtual cluster or job run, which the service authorization reference maps
///   those operations to; CDK grants none.
/// - SageMaker: literal training and transform job names are lower-cased in the IAM resource
///   (SageMaker writes names in ARNs in lower case; CDK does not lower-case job names), and
///   names given as CloudFormation expressions widen to `<type>/*` (a template cannot
///   lower-case); `SageMakerCreateEndpoint`/`SageMakerUpdateEndpoint::kms_key` grants
///   `kms:CreateGrant` on the endpoint configuration's key, which the SageMaker API permissions
///   reference requires of the caller and CDK never grants; the roles `create_role` makes get
///   the developer guide's scoped S3, ECR and KMS actions instead of CDK's `*` grants.
const REVIEWED_EXCEPTIONS: &[(&str, &str, &str)] = &[
    ("sm_imported_role", "-resource RolePolicy AWS::IAM::Policy", "the policy attached to an imported role is named after the state machine (StateMachineRolePolicy): an ExistingRole has no construct id of its own, where the CDK names it after the id given to Role.fromRoleArn; the statements are the same"),
    ("sm_imported_role", "+resource StateMachineRolePolicy AWS::IAM::Policy", "the policy attached to an imported role is named after the state machine (StateMachineRolePolicy): an ExistingRole has no construct id of its own, where the CDK names it after the id given to Role.fromRoleArn; the statements are the same"),
    (
        "jsonata_lambda_invoke",
        "~definition /States/Invoke Failed/Error",
        "the CDK program reads $states.errorOutput in the catch handler (a Fail state); $states.errorOutput exists only in a Catch's Output and Assign (AWS developer guide, transforming data with JSONata), so the twin reads the error from the handler's input",
    ),
    (
        "jsonata_lambda_invoke",
        "~definition /States/Invoke Failed/Cause",
        "the CDK program reads $states.errorOutput in the catch handler (a Fail state); $states.errorOutput exists only in a Catch's Output and Assign (AWS developer guide, transforming data with JSONata), so the twin reads the error from the handler's input",
    ),
    (
        "jsonata_map_parallel",
        "-definition /States/Both/Branches/0/States/Left/QueryLanguage",
        "the CDK restates the machine's QueryLanguage on every state nested in a Map or Parallel; a state that sets none takes the machine's (AWS developer guide, QueryLanguage), so we write it only where a state's language differs",
    ),
    (
        "jsonata_map_parallel",
        "-definition /States/Both/Branches/1/States/Right/QueryLanguage",
        "the CDK restates the machine's QueryLanguage on every state nested in a Map or Parallel; a state that sets none takes the machine's (AWS developer guide, QueryLanguage), so we write it only where a state's language differs",
    ),
    (
        "jsonata_map_parallel",
        "-definition /States/Map Items/ItemProcessor/States/Double/QueryLanguage",
        "the CDK restates the machine's QueryLanguage on every state nested in a Map or Parallel; a state that sets none takes the machine's (AWS developer guide, QueryLanguage), so we write it only where a state's language differs",
    ),
    (
        "dmap_jsonata",
        "-definition /States/Distributed Map/ItemProcessor/States/Process/QueryLanguage",
        "the CDK restates the machine's QueryLanguage on every state nested in a Map or Parallel; a state that sets none takes the machine's (AWS developer guide, QueryLanguage), so we write it only where a state's language differs",
    ),
    // Athena (AthenaStartQueryExecution's rustdoc; athena-iam: the Step Functions IAM template).
    (
        "athena_get_query_execution",
        "-athena:getQueryExecution *",
        ATHENA_WORKGROUPS,
    ),
    (
        "athena_get_query_execution",
        "+athena:getQueryExecution arn:aws:athena:us-east-1:123456789012:workgroup/*",
        ATHENA_WORKGROUPS,
    ),
    (
        "athena_get_query_results",
        "-athena:getQueryResults *",
        ATHENA_WORKGROUPS,
    ),
    (
        "athena_get_query_results",
        "+athena:getQueryResults arn:aws:athena:us-east-1:123456789012:workgroup/*",
        ATHENA_WORKGROUPS,
    ),
    ("athena_get_query_results", "-s3:GetObject *", ATHENA_S3_READS),
    (
        "athena_get_query_results",
        "+s3:GetObject arn:aws:s3:::*",
        ATHENA_S3_READS,
    ),
    (
        "athena_stop_query_execution",
        "-athena:stopQueryExecution *",
        ATHENA_WORKGROUPS,
    ),
    (
        "athena_stop_query_execution",
        "+athena:stopQueryExecution arn:aws:athena:us-east-1:123456789012:workgroup/*",
        ATHENA_WORKGROUPS,
    ),
    (
        "athena_start_query_execution",
        "-athena:getQueryExecution arn:aws:athena:us-east-1:123456789012:datacatalog/AwsDataCatalog",
        ATHENA_GET_RR,
    ),
    (
        "athena_start_query_execution",
        "-athena:getQueryExecution arn:aws:athena:us-east-1:123456789012:workgroup/primary",
        ATHENA_GET_RR,
    ),
    (
        "athena_start_query_execution",
        "-s3:CreateBucket *",
        ATHENA_CREATE_BUCKET,
    ),
    (
        "athena_start_query_execution",
        "+s3:CreateBucket arn:aws:s3:::query-results-bucket",
        ATHENA_CREATE_BUCKET,
    ),
    (
        "athena_start_query_execution",
        "-s3:GetBucketLocation *",
        ATHENA_S3_READS,
    ),
    (
        "athena_start_query_execution",
        "+s3:GetBucketLocation arn:aws:s3:::*",
        ATHENA_S3_READS,
    ),
    ("athena_start_query_execution", "-s3:GetObject *", ATHENA_S3_READS),
    (
        "athena_start_query_execution",
        "+s3:GetObject arn:aws:s3:::*",
        ATHENA_S3_READS,
    ),
    ("athena_start_query_execution", "-s3:ListBucket *", ATHENA_S3_READS),
    (
        "athena_start_query_execution",
        "+s3:ListBucket arn:aws:s3:::*",
        ATHENA_S3_READS,
    ),
    (
        "athena_start_query_execution",
        "-s3:ListBucketMultipartUploads arn:aws:s3:::query-results-bucket/folder/*",
        ATHENA_LIST_UPLOADS,
    ),
    (
        "athena_start_query_execution",
        "+s3:ListBucketMultipartUploads arn:aws:s3:::query-results-bucket",
        ATHENA_LIST_UPLOADS,
    ),
    (
        "params_athena_start_query_format",
        "+athena:stopQueryExecution arn:aws:athena:us-east-1:123456789012:datacatalog/AwsDataCatalog",
        ATHENA_STOP_SYNC,
    ),
    (
        "params_athena_start_query_format",
        "+athena:stopQueryExecution arn:aws:athena:us-east-1:123456789012:workgroup/primary",
        ATHENA_STOP_SYNC,
    ),
    (
        "params_athena_start_query_format",
        "-s3:CreateBucket *",
        ATHENA_CREATE_BUCKET,
    ),
    (
        "params_athena_start_query_format",
        "+s3:CreateBucket arn:aws:s3:::mybucket",
        ATHENA_CREATE_BUCKET,
    ),
    (
        "params_athena_start_query_format",
        "-s3:GetBucketLocation *",
        ATHENA_S3_READS,
    ),
    (
        "params_athena_start_query_format",
        "+s3:GetBucketLocation arn:aws:s3:::*",
        ATHENA_S3_READS,
    ),
    ("params_athena_start_query_format", "-s3:GetObject *", ATHENA_S3_READS),
    (
        "params_athena_start_query_format",
        "+s3:GetObject arn:aws:s3:::*",
        ATHENA_S3_READS,
    ),
    ("params_athena_start_query_format", "-s3:ListBucket *", ATHENA_S3_READS),
    (
        "params_athena_start_query_format",
        "+s3:ListBucket arn:aws:s3:::*",
        ATHENA_S3_READS,
    ),
    (
        "params_athena_start_query_format",
        "-s3:ListBucketMultipartUploads arn:aws:s3:::mybucket/myprefix/*",
        ATHENA_LIST_UPLOADS,
    ),
    (
        "params_athena_start_query_format",
        "+s3:ListBucketMultipartUploads arn:aws:s3:::mybucket",
        ATHENA_LIST_UPLOADS,
    ),
    // Batch (BatchSubmitJob's rustdoc).
    (
        "batch_submit_job",
        "-batch:SubmitJob arn:aws:batch:us-east-1:123456789012:job-definition/*",
        "KNOWN-CDK-DEFECTS: SubmitJob always covers job-definition/*. Batch authorizes SubmitJob on the \
         revisioned job definition ARN (Batch user guide, iam-example-restrict-job-submission), so the \
         revision the task names is enough",
    ),
    (
        "batch_submit_job",
        "+batch:SubmitJob arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDefinition:1",
        "the job definition revision the task submits with, instead of every job definition",
    ),
    ("batch_submit_job", "+batch:DescribeJobs *", BATCH_SYNC),
    (
        "batch_submit_job",
        "+batch:TerminateJob arn:aws:batch:us-east-1:123456789012:job/*",
        BATCH_SYNC,
    ),
    // ECS (EcsRunTask's rustdoc).
    ("ecs_run_task_ec2", "-ecs:DescribeTasks *", ECS_TASKS),
    (
        "ecs_run_task_ec2",
        "+ecs:DescribeTasks arn:aws:ecs:us-east-1:123456789012:task/${Select:1:[\"${Ec2Cluster.Arn}\"]}/*",
        ECS_TASKS,
    ),
    ("ecs_run_task_ec2", "-ecs:StopTask *", ECS_TASKS),
    (
        "ecs_run_task_ec2",
        "+ecs:StopTask arn:aws:ecs:us-east-1:123456789012:task/${Select:1:[\"${Ec2Cluster.Arn}\"]}/*",
        ECS_TASKS,
    ),
    ("ecs_run_task_fargate", "-ecs:DescribeTasks *", ECS_TASKS),
    (
        "ecs_run_task_fargate",
        "+ecs:DescribeTasks arn:aws:ecs:us-east-1:123456789012:task/${Select:1:[\"${FargateCluster.Arn}\"]}/*",
        ECS_TASKS,
    ),
    ("ecs_run_task_fargate", "-ecs:StopTask *", ECS_TASKS),
    (
        "ecs_run_task_fargate",
        "+ecs:StopTask arn:aws:ecs:us-east-1:123456789012:task/${Select:1:[\"${FargateCluster.Arn}\"]}/*",
        ECS_TASKS,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupASG AWS::AutoScaling::AutoScalingGroup",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupDrainECSHookFunction AWS::Lambda::Function",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupDrainECSHookFunctionAllowInvokeStackEc2ClusterDefaultAutoScalingGroupLifecycleHookDrainHookTopic8286B431 AWS::Lambda::Permission",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupDrainECSHookFunctionServiceRole AWS::IAM::Role",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupDrainECSHookFunctionServiceRoleDefaultPolicy AWS::IAM::Policy",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupDrainECSHookFunctionTopic AWS::SNS::Subscription",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupInstanceProfile AWS::IAM::InstanceProfile",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupInstanceRole AWS::IAM::Role",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupInstanceRoleDefaultPolicy AWS::IAM::Policy",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupInstanceSecurityGroup AWS::EC2::SecurityGroup",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupLaunchConfig AWS::AutoScaling::LaunchConfiguration",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupLifecycleHookDrainHook AWS::AutoScaling::LifecycleHook",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupLifecycleHookDrainHookRole AWS::IAM::Role",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupLifecycleHookDrainHookRoleDefaultPolicy AWS::IAM::Policy",
        ECS_EC2_CAPACITY,
    ),
    (
        "ecs_run_task_ec2",
        "-resource Ec2ClusterDefaultAutoScalingGroupLifecycleHookDrainHookTopic AWS::SNS::Topic",
        ECS_EC2_CAPACITY,
    ),
    // CodeBuild (CodeBuildStartBuild's rustdoc).
    (
        "codebuild_start_build",
        "-codebuild:BatchGetReports ${Project.Arn}",
        "BatchGetReports is authorized on report groups (report-group/...), so on a project ARN it \
         grants nothing; the codebuild-iam run-job template for StartBuild lists StartBuild, StopBuild \
         and BatchGetBuilds only",
    ),
    // Glue (GlueStartCrawlerRun's rustdoc).
    (
        "glue_start_crawler_run",
        "-glue:GetCrawler arn:aws:glue:us-east-1:123456789012:crawler/my-crawler-job",
        "the state calls StartCrawler only (an AWS SDK integration, request-response): GetCrawler is \
         what a later state polling the crawler calls, and grants itself",
    ),
    // HTTP Task (HttpInvoke's rustdoc).
    (
        "http_invoke",
        "-condition states:InvokeHTTPEndpoint *",
        "the HTTP Task's documentation scopes states:InvokeHTTPEndpoint to state machines, with \
         states:HTTPMethod and a states:HTTPEndpoint of `<root>/*`; the CDK grants it on `*`, for any method, \
         and for `<root>*`, which also matches other hosts (https://api.example.com.evil.example)",
    ),
    (
        "http_invoke",
        "+condition states:InvokeHTTPEndpoint arn:aws:states:us-east-1:123456789012:stateMachine:*",
        "the HTTP Task's documentation scopes states:InvokeHTTPEndpoint to state machines, with \
         states:HTTPMethod and a states:HTTPEndpoint of `<root>/*`; the CDK grants it on `*`, for any method, \
         and for `<root>*`, which also matches other hosts (https://api.example.com.evil.example)",
    ),
    // EventBridge Scheduler (EventBridgeSchedulerCreateScheduleTask's rustdoc).
    (
        "eventbridge_scheduler_create_schedule",
        "-iam:PassRole arn:aws:iam::123456789012:role/SchedulerRole",
        "the role may be passed to EventBridge Scheduler only (iam:PassedToService \
         scheduler.amazonaws.com, as the AmazonEventBridgeSchedulerFullAccess managed policy scopes it); the \
         CDK passes it to any service",
    ),
    (
        "eventbridge_scheduler_create_schedule",
        "+condition iam:PassRole arn:aws:iam::123456789012:role/SchedulerRole",
        "the role may be passed to EventBridge Scheduler only (iam:PassedToService \
         scheduler.amazonaws.com, as the AmazonEventBridgeSchedulerFullAccess managed policy scopes it); the \
         CDK passes it to any service",
    ),
    // API Gateway (CallApiGatewayRestApiEndpoint and CallApiGatewayHttpApiEndpoint rustdoc).
    (
        "apigw_http_api_get",
        "-execute-api:Invoke arn:aws:execute-api:us-east-1:123456789012:${MyHttpApi}/undefined/GETundefined",
        "the state renders AuthType NO_AUTH, for which the role needs no permission (CDK grants it unless NO_AUTH \
         is set explicitly), and CDK's ARN holds `undefined` for the stage and the path not given \
         (KNOWN-CDK-DEFECTS.md; https://docs.aws.amazon.com/step-functions/latest/dg/api-gateway-iam.html)",
    ),
    (
        "apigw_http_api_get",
        "-resource StateMachineRoleDefaultPolicy AWS::IAM::Policy",
        "no statement is left (see the execute-api:Invoke exception), so the role gets no policy",
    ),
    (
        "apigw_rest_api_get",
        "-execute-api:Invoke arn:aws:execute-api:us-east-1:123456789012:${MyRestApi}/prod/GET/*",
        "the state renders AuthType NO_AUTH, for which the role needs no permission; CDK grants it unless NO_AUTH \
         is set explicitly (KNOWN-CDK-DEFECTS.md, broader than needed)",
    ),
    (
        "apigw_rest_api_get",
        "-resource StateMachineRoleDefaultPolicy AWS::IAM::Policy",
        "no statement is left (see the execute-api:Invoke exception), so the role gets no policy",
    ),
    (
        "apigw_rest_api_get",
        "-resource MyRestApiDeploymentB555B582dd2f102f9e6fa1af116c6803529c622c AWS::ApiGateway::Deployment",
        "a deployment's logical id ends in a hash of the API's methods, so that a change redeploys them; CDK \
         hashes its own rendering, this library its own (the +resource exception)",
    ),
    (
        "apigw_rest_api_get",
        "+resource MyRestApiDeployment7e33a6e46f4d5cfb AWS::ApiGateway::Deployment",
        "the same deployment as CDK's MyRestApiDeploymentB555B582dd2f..., under this library's content hash",
    ),
    (
        "apigw_rest_api_wait_for_task_token",
        "-execute-api:Invoke arn:aws:execute-api:us-east-1:123456789012:abc123defg/Stage/PUT/*",
        "the state renders AuthType NO_AUTH, for which the role needs no permission; CDK grants it unless NO_AUTH \
         is set explicitly (KNOWN-CDK-DEFECTS.md, broader than needed)",
    ),
    (
        "apigw_rest_api_wait_for_task_token",
        "-resource StateMachineRoleDefaultPolicy AWS::IAM::Policy",
        "no statement is left (see the execute-api:Invoke exception), so the role gets no policy",
    ),
    // EMR (the rustdoc of each Emr* task).
    ("emr_create_cluster", "-elasticmapreduce:AddTags *", EMR_ADD_TAGS),
    (
        "emr_create_cluster",
        "-elasticmapreduce:DescribeCluster *",
        EMR_CREATE_SYNC,
    ),
    (
        "emr_create_cluster",
        "+elasticmapreduce:DescribeCluster arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CREATE_SYNC,
    ),
    (
        "emr_create_cluster",
        "-elasticmapreduce:TerminateJobFlows *",
        EMR_CREATE_SYNC,
    ),
    (
        "emr_create_cluster",
        "+elasticmapreduce:TerminateJobFlows arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CREATE_SYNC,
    ),
    (
        "emr_create_cluster_step_concurrency",
        "-elasticmapreduce:AddTags *",
        EMR_ADD_TAGS,
    ),
    (
        "emr_create_cluster_step_concurrency",
        "-elasticmapreduce:DescribeCluster *",
        EMR_CREATE_SYNC,
    ),
    (
        "emr_create_cluster_step_concurrency",
        "+elasticmapreduce:DescribeCluster arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CREATE_SYNC,
    ),
    (
        "emr_create_cluster_step_concurrency",
        "-elasticmapreduce:TerminateJobFlows *",
        EMR_CREATE_SYNC,
    ),
    (
        "emr_create_cluster_step_concurrency",
        "+elasticmapreduce:TerminateJobFlows arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CREATE_SYNC,
    ),
    (
        "emr_create_cluster",
        "+resource ClusterRoleInstanceProfile AWS::IAM::InstanceProfile",
        EMR_INSTANCE_PROFILE,
    ),
    (
        "emr_set_cluster_termination_protection",
        "-elasticmapreduce:SetTerminationProtection arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_set_cluster_termination_protection",
        "+elasticmapreduce:SetTerminationProtection arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_terminate_cluster",
        "-elasticmapreduce:DescribeCluster arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_terminate_cluster",
        "+elasticmapreduce:DescribeCluster arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_terminate_cluster",
        "-elasticmapreduce:TerminateJobFlows arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_terminate_cluster",
        "+elasticmapreduce:TerminateJobFlows arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_add_step",
        "-elasticmapreduce:AddJobFlowSteps arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_add_step",
        "+elasticmapreduce:AddJobFlowSteps arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_add_step",
        "-elasticmapreduce:CancelSteps arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_add_step",
        "+elasticmapreduce:CancelSteps arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_add_step",
        "-elasticmapreduce:DescribeStep arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_add_step",
        "+elasticmapreduce:DescribeStep arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_cancel_step",
        "-elasticmapreduce:CancelSteps arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_cancel_step",
        "+elasticmapreduce:CancelSteps arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_modify_instance_fleet_by_name",
        "-elasticmapreduce:ListInstanceFleets arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_modify_instance_fleet_by_name",
        "+elasticmapreduce:ListInstanceFleets arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_modify_instance_fleet_by_name",
        "-elasticmapreduce:ModifyInstanceFleet arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_modify_instance_fleet_by_name",
        "+elasticmapreduce:ModifyInstanceFleet arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_modify_instance_group_by_name",
        "-elasticmapreduce:ListInstanceGroups arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_modify_instance_group_by_name",
        "+elasticmapreduce:ListInstanceGroups arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_modify_instance_group_by_name",
        "-elasticmapreduce:ModifyInstanceGroups arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*",
        EMR_CLUSTER_SCOPE,
    ),
    (
        "emr_modify_instance_group_by_name",
        "+elasticmapreduce:ModifyInstanceGroups arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/ClusterId",
        EMR_CLUSTER_SCOPE,
    ),
    // EMR on EKS (EmrContainersStartJobRun, EmrContainersExecutionRoleDefinition rustdoc): the job
    // execution role the CDK creates inside the task is defined before it, its trust policy set
    // up by one inline function instead of the CDK's custom resources.
    (EMR_APP_CONFIG, "-resource AWS679f53fac002430cb0da5b7982bd2287 AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource AWS679f53fac002430cb0da5b7982bd2287ServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource EMRContainersStartJobRunCustomResource AWS::CloudFormation::CustomResource", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEvent AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEventServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEventServiceRoleDefaultPolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource EMRContainersStartJobRunGetEksClusterInfo Custom::AWS", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource EMRContainersStartJobRunGetEksClusterInfoCustomResourcePolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource EMRContainersStartJobRunJobExecutionRoleDefaultPolicy AWS::IAM::Policy", EMR_ROLE_NO_LOGS),
    (EMR_APP_CONFIG, "-resource EMRContainersStartJobRunawsclilayer AWS::Lambda::LayerVersion", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757C AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757CServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757CServiceRoleDefaultPolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_APP_CONFIG, "+resource EMRContainersStartJobRunJobExecutionRoleTrustPolicy AWS::CloudFormation::CustomResource", EMR_OUR_TRUST),
    (EMR_APP_CONFIG, "+resource EMRContainersStartJobRunJobExecutionRoleTrustPolicyUpdater AWS::IAM::Policy", EMR_OUR_TRUST),
    (EMR_APP_CONFIG, "+resource EmrContainersRoleTrustFunction AWS::Lambda::Function", EMR_OUR_TRUST),
    (EMR_APP_CONFIG, "+resource EmrContainersRoleTrustFunctionServiceRole AWS::IAM::Role", EMR_OUR_TRUST),
    (EMR_GIVEN_ROLE_CASE, "-resource JobExecutionRolePolicy AWS::IAM::Policy", EMR_GIVEN_ROLE),
    (EMR_EXISTING_LOGS, "-resource AWS679f53fac002430cb0da5b7982bd2287 AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource AWS679f53fac002430cb0da5b7982bd2287ServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource EMRContainersStartJobRunCustomResource AWS::CloudFormation::CustomResource", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEvent AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEventServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEventServiceRoleDefaultPolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource EMRContainersStartJobRunGetEksClusterInfo Custom::AWS", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource EMRContainersStartJobRunGetEksClusterInfoCustomResourcePolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource EMRContainersStartJobRunawsclilayer AWS::Lambda::LayerVersion", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757C AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757CServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757CServiceRoleDefaultPolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_EXISTING_LOGS, "+resource EMRContainersStartJobRunJobExecutionRoleTrustPolicy AWS::CloudFormation::CustomResource", EMR_OUR_TRUST),
    (EMR_EXISTING_LOGS, "+resource EMRContainersStartJobRunJobExecutionRoleTrustPolicyUpdater AWS::IAM::Policy", EMR_OUR_TRUST),
    (EMR_EXISTING_LOGS, "+resource EmrContainersRoleTrustFunction AWS::Lambda::Function", EMR_OUR_TRUST),
    (EMR_EXISTING_LOGS, "+resource EmrContainersRoleTrustFunctionServiceRole AWS::IAM::Role", EMR_OUR_TRUST),
    (EMR_MONITORING, "-resource AWS679f53fac002430cb0da5b7982bd2287 AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource AWS679f53fac002430cb0da5b7982bd2287ServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource EMRContainersStartJobRunCustomResource AWS::CloudFormation::CustomResource", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEvent AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEventServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEventServiceRoleDefaultPolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource EMRContainersStartJobRunGetEksClusterInfo Custom::AWS", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource EMRContainersStartJobRunGetEksClusterInfoCustomResourcePolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource EMRContainersStartJobRunawsclilayer AWS::Lambda::LayerVersion", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757C AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757CServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_MONITORING, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757CServiceRoleDefaultPolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_MONITORING, "+resource EMRContainersStartJobRunJobExecutionRoleTrustPolicy AWS::CloudFormation::CustomResource", EMR_OUR_TRUST),
    (EMR_MONITORING, "+resource EMRContainersStartJobRunJobExecutionRoleTrustPolicyUpdater AWS::IAM::Policy", EMR_OUR_TRUST),
    (EMR_MONITORING, "+resource EmrContainersRoleTrustFunction AWS::Lambda::Function", EMR_OUR_TRUST),
    (EMR_MONITORING, "+resource EmrContainersRoleTrustFunctionServiceRole AWS::IAM::Role", EMR_OUR_TRUST),
    (EMR_SPARK_SUBMIT, "-resource AWS679f53fac002430cb0da5b7982bd2287 AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource AWS679f53fac002430cb0da5b7982bd2287ServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource EMRContainersStartJobRunCustomResource AWS::CloudFormation::CustomResource", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEvent AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEventServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource EMRContainersStartJobRunCustomResourceProviderframeworkonEventServiceRoleDefaultPolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource EMRContainersStartJobRunGetEksClusterInfo Custom::AWS", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource EMRContainersStartJobRunGetEksClusterInfoCustomResourcePolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource EMRContainersStartJobRunJobExecutionRoleDefaultPolicy AWS::IAM::Policy", EMR_ROLE_NO_LOGS),
    (EMR_SPARK_SUBMIT, "-resource EMRContainersStartJobRunawsclilayer AWS::Lambda::LayerVersion", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757C AWS::Lambda::Function", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757CServiceRole AWS::IAM::Role", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "-resource SingletonLambda8693BB64968944B69AAFB0CC9EB8757CServiceRoleDefaultPolicy AWS::IAM::Policy", EMR_CDK_TRUST),
    (EMR_SPARK_SUBMIT, "+resource EMRContainersStartJobRunJobExecutionRoleTrustPolicy AWS::CloudFormation::CustomResource", EMR_OUR_TRUST),
    (EMR_SPARK_SUBMIT, "+resource EMRContainersStartJobRunJobExecutionRoleTrustPolicyUpdater AWS::IAM::Policy", EMR_OUR_TRUST),
    (EMR_SPARK_SUBMIT, "+resource EmrContainersRoleTrustFunction AWS::Lambda::Function", EMR_OUR_TRUST),
    (EMR_SPARK_SUBMIT, "+resource EmrContainersRoleTrustFunctionServiceRole AWS::IAM::Role", EMR_OUR_TRUST),
        // EKS (EksCall rustdoc): the CDK's cluster and everything it brings; the twin's cluster is an
    // AWS::EKS::Cluster in subnets given as parameters.
    (EKS_CALL, "-resource awscdkawseksClusterResourceProviderNestedStackawscdkawseksClusterResourceProviderNestedStackResource AWS::CloudFormation::Stack", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource awscdkawseksKubectlProviderNestedStackawscdkawseksKubectlProviderNestedStackResource AWS::CloudFormation::Stack", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysamplecluster Custom::AWSCDK-EKS-Cluster", EKS_CLUSTER_RESOURCE),
    (EKS_CALL, "+resource MySampleCluster AWS::EKS::Cluster", EKS_CLUSTER_RESOURCE),
    (EKS_CALL, "-resource mysampleclusterAwsAuthmanifest Custom::AWSCDK-EKS-KubernetesResource", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterControlPlaneSecurityGroup AWS::EC2::SecurityGroup", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterCreationRole AWS::IAM::Role", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterCreationRoleDefaultPolicy AWS::IAM::Policy", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpc AWS::EC2::VPC", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcIGW AWS::EC2::InternetGateway", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPrivateSubnet1DefaultRoute AWS::EC2::Route", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPrivateSubnet1RouteTable AWS::EC2::RouteTable", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPrivateSubnet1RouteTableAssociation AWS::EC2::SubnetRouteTableAssociation", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPrivateSubnet1Subnet AWS::EC2::Subnet", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPrivateSubnet2DefaultRoute AWS::EC2::Route", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPrivateSubnet2RouteTable AWS::EC2::RouteTable", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPrivateSubnet2RouteTableAssociation AWS::EC2::SubnetRouteTableAssociation", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPrivateSubnet2Subnet AWS::EC2::Subnet", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet1DefaultRoute AWS::EC2::Route", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet1EIP AWS::EC2::EIP", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet1NATGateway AWS::EC2::NatGateway", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet1RouteTable AWS::EC2::RouteTable", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet1RouteTableAssociation AWS::EC2::SubnetRouteTableAssociation", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet1Subnet AWS::EC2::Subnet", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet2DefaultRoute AWS::EC2::Route", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet2EIP AWS::EC2::EIP", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet2NATGateway AWS::EC2::NatGateway", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet2RouteTable AWS::EC2::RouteTable", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet2RouteTableAssociation AWS::EC2::SubnetRouteTableAssociation", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcPublicSubnet2Subnet AWS::EC2::Subnet", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterDefaultVpcVPCGW AWS::EC2::VPCGatewayAttachment", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterKubectlHandlerRole AWS::IAM::Role", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterKubectlHandlerRoleDefaultPolicy AWS::IAM::Policy", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterKubectlReadyBarrier AWS::SSM::Parameter", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterNodegroupDefaultCapacity AWS::EKS::Nodegroup", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterNodegroupDefaultCapacityNodeGroupRole AWS::IAM::Role", EKS_CLUSTER_INFRA),
    (EKS_CALL, "-resource mysampleclusterRole AWS::IAM::Role", EKS_CLUSTER_INFRA),
    // SageMaker (each task's rustdoc; sagemaker-iam and the SageMaker API permissions reference).
    (
        "sagemaker_create_training_job",
        "-sagemaker:DescribeTrainingJob arn:aws:sagemaker:us-east-1:123456789012:training-job/*",
        SAGEMAKER_JOB_RR,
    ),
    (
        "sagemaker_create_training_job",
        "-sagemaker:StopTrainingJob arn:aws:sagemaker:us-east-1:123456789012:training-job/*",
        SAGEMAKER_JOB_RR,
    ),
    (
        "sagemaker_create_training_job",
        "-sagemaker:AddTags arn:aws:sagemaker:us-east-1:123456789012:training-job/*",
        SAGEMAKER_ADD_TAGS,
    ),
    (
        "sagemaker_create_training_job",
        "-sagemaker:ListTags *",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_create_training_job",
        "+sagemaker:ListTags arn:aws:sagemaker:us-east-1:123456789012:training-job/*",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_create_transform_job",
        "-resource BatchInferenceSagemakerTransformRole AWS::IAM::Role",
        SAGEMAKER_TRANSFORM_ROLE,
    ),
    (
        "sagemaker_create_transform_job",
        "-condition iam:PassRole ${BatchInferenceSagemakerTransformRole.Arn}",
        SAGEMAKER_TRANSFORM_ROLE,
    ),
    (
        "sagemaker_create_transform_job",
        "-sagemaker:CreateTransformJob arn:aws:sagemaker:us-east-1:123456789012:transform-job/*",
        SAGEMAKER_TRANSFORM_SCOPE,
    ),
    (
        "sagemaker_create_transform_job",
        "+sagemaker:CreateTransformJob arn:aws:sagemaker:us-east-1:123456789012:transform-job/mytransformjob*",
        SAGEMAKER_TRANSFORM_SCOPE,
    ),
    (
        "sagemaker_create_transform_job",
        "-sagemaker:DescribeTransformJob arn:aws:sagemaker:us-east-1:123456789012:transform-job/*",
        SAGEMAKER_JOB_RR,
    ),
    (
        "sagemaker_create_transform_job",
        "-sagemaker:StopTransformJob arn:aws:sagemaker:us-east-1:123456789012:transform-job/*",
        SAGEMAKER_JOB_RR,
    ),
    (
        "sagemaker_create_transform_job",
        "-sagemaker:ListTags *",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_create_transform_job",
        "+sagemaker:ListTags arn:aws:sagemaker:us-east-1:123456789012:transform-job/mytransformjob*",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_create_endpoint",
        "-sagemaker:createEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/*",
        SAGEMAKER_ACTION_CASE,
    ),
    (
        "sagemaker_create_endpoint",
        "+sagemaker:CreateEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/*",
        SAGEMAKER_ACTION_CASE,
    ),
    (
        "sagemaker_create_endpoint",
        "-sagemaker:createEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint/*",
        SAGEMAKER_ACTION_CASE,
    ),
    (
        "sagemaker_create_endpoint",
        "+sagemaker:CreateEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint/*",
        SAGEMAKER_ACTION_CASE,
    ),
    (
        "sagemaker_create_endpoint",
        "-sagemaker:ListTags *",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_create_endpoint",
        "+sagemaker:ListTags arn:aws:sagemaker:us-east-1:123456789012:endpoint/*",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_create_endpoint_config",
        "-sagemaker:ListTags *",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_create_endpoint_config",
        "+sagemaker:ListTags arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/myendpointconfig",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_create_model",
        "-sagemaker:CreateModel arn:aws:sagemaker:us-east-1:123456789012:model/mymodel*",
        SAGEMAKER_MODEL_NAME,
    ),
    (
        "sagemaker_create_model",
        "+sagemaker:CreateModel arn:aws:sagemaker:us-east-1:123456789012:model/mymodel",
        SAGEMAKER_MODEL_NAME,
    ),
    ("sagemaker_create_model", "-sagemaker:ListTags *", SAGEMAKER_LIST_TAGS),
    (
        "sagemaker_create_model",
        "+sagemaker:ListTags arn:aws:sagemaker:us-east-1:123456789012:model/mymodel",
        SAGEMAKER_LIST_TAGS,
    ),
    (
        "sagemaker_update_endpoint",
        "-sagemaker:updateEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/*",
        SAGEMAKER_ACTION_CASE,
    ),
    (
        "sagemaker_update_endpoint",
        "+sagemaker:UpdateEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/*",
        SAGEMAKER_ACTION_CASE,
    ),
    (
        "sagemaker_update_endpoint",
        "-sagemaker:updateEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint/*",
        SAGEMAKER_ACTION_CASE,
    ),
    (
        "sagemaker_update_endpoint",
        "+sagemaker:UpdateEndpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint/*",
        SAGEMAKER_ACTION_CASE,
    ),
];

/// Why SageMaker's `ListTags` is on the task's resource.
const SAGEMAKER_LIST_TAGS: &str = "KNOWN-CDK-DEFECTS (SageMaker ListTags on *): the SageMaker API permissions \
     reference says ListTags, unlike other List calls, takes resource-level permissions; granted on the resource the \
     task creates (the job, model, endpoint configuration or endpoint) instead of every resource of every account";
/// Why SageMaker job request-response gets the create action only.
const SAGEMAKER_JOB_RR: &str = "sagemaker-iam: the request-response (asynchronous) template has the create action \
     only; describe and stop are for run-job, which watches the job and stops it when the execution stops";
/// Why a training job without run-job or tags gets no `AddTags`.
const SAGEMAKER_ADD_TAGS: &str = "sagemaker:AddTags is needed when Step Functions tags the job it watches (run-job, \
     aws-cdk#26012 and #32294) or when the task sets tags (tags given at creation are authorized as AddTags); a \
     request-response job without tags is created untagged, and sagemaker-iam's template has no AddTags";
/// Why the transform job has no role.
const SAGEMAKER_TRANSFORM_ROLE: &str = "KNOWN-CDK-DEFECTS (transform-job role with AmazonSageMakerFullAccess): \
     CreateTransformJob has no role parameter (the job runs as its model's execution role), so the role CDK creates is \
     never passed; this task creates none and grants no iam:PassRole";
/// Why transform jobs are scoped to the job's name.
const SAGEMAKER_TRANSFORM_SCOPE: &str = "KNOWN-CDK-DEFECTS (transform jobs on transform-job/*): sagemaker-iam's \
     static-resource template scopes the job actions to transform-job/<transformJobName>*; the name is literal here";
/// Why the SageMaker actions are spelled differently.
const SAGEMAKER_ACTION_CASE: &str = "the same action: IAM action names are case-insensitive; CDK writes \
     createEndpoint/updateEndpoint, this library the documented CreateEndpoint/UpdateEndpoint";
/// Why `CreateModel` is on the exact model.
const SAGEMAKER_MODEL_NAME: &str = "a model's ARN is model/<name, lower-cased> (SageMaker resource types); CDK's \
     trailing * also lets the role create every model whose name starts with this one's";

/// Why the query-execution APIs get `workgroup/*` rather than `*`.
const ATHENA_WORKGROUPS: &str = "athena-iam: the template grants the account's workgroup/* (the request names no \
     workgroup); the CDK grants any resource of any account";
/// Why S3 reads are on `arn:aws:s3:::*`.
const ATHENA_S3_READS: &str = "KNOWN-CDK-DEFECTS (Athena S3 reads on *): athena-iam grants S3 reads on arn:aws:s3:::* \
     (S3 buckets and objects); the tables' data locations are in the Glue catalog, not in the template, so no \
     narrower resource is known";
/// Why `s3:CreateBucket` is on the output bucket.
const ATHENA_CREATE_BUCKET: &str =
    "KNOWN-CDK-DEFECTS (s3:CreateBucket on *): athena-iam keeps s3:CreateBucket, for an \
     output bucket that does not exist yet; scoped to the output location's bucket instead of any bucket name";
/// Why `s3:ListBucketMultipartUploads` is on the bucket.
const ATHENA_LIST_UPLOADS: &str =
    "ListBucketMultipartUploads is a bucket action (resource type bucket): the CDK grants it \
     on the output objects (bucket/prefix/*), where it matches nothing; granted on the output bucket";
/// Why request-response does not get `athena:getQueryExecution`.
const ATHENA_GET_RR: &str = "athena-iam: the request-response template has startQueryExecution and getDataCatalog \
     only; getQueryExecution is for run-job, which watches the query";
/// Why run-job gets `athena:stopQueryExecution`.
const ATHENA_STOP_SYNC: &str = "athena-iam: the run-job template adds stopQueryExecution, with which Step Functions \
     stops the query when the execution stops or the task times out; the CDK omits it";
/// Why ECS run-job's `StopTask` and `DescribeTasks` are on the cluster's tasks.
const ECS_TASKS: &str = "KNOWN-CDK-DEFECTS (ECS: StopTask and DescribeTasks on *): both actions are authorized on the \
     task's ARN, arn:<partition>:ecs:<region>:<account>:task/<cluster name>/<task id> (service authorization reference, \
     resource type task); ecs-iam writes * because the task id is not known before the run, but the cluster, which \
     the ARN holds, is: the cluster's tasks (task/<cluster name>/*)";
/// Why the EC2 twin's cluster has no capacity.
const ECS_EC2_CAPACITY: &str = "the cluster's EC2 capacity (CDK's addCapacity: an auto-scaling group with its launch \
     configuration, instance role, profile and security group, and the Lambda and SNS instance-draining hook) is \
     cluster infrastructure, not part of the task; the twin defines the cluster without it";
/// Why Batch run-job gets `DescribeJobs` and `TerminateJob`.
const BATCH_SYNC: &str =
    "batch-iam: the run-job (synchronous) template grants batch:DescribeJobs (no resource type: *) \
     and batch:TerminateJob (scoped to the account's job/*), with which Step Functions watches the job and \
     terminates it when the execution stops or the task times out; the CDK omits both";

/// Why EMR tasks on a literal cluster id are scoped to that cluster.
const EMR_CLUSTER_SCOPE: &str =
    "KNOWN-CDK-DEFECTS (EMR tasks on a literal cluster id get cluster/*): emr-iam's static \
     template scopes each action to the cluster the task names (cluster/<clusterId>); cluster/* is for ids read at \
     run time";
/// Why createCluster.sync's describe and terminate are on `cluster/*`.
const EMR_CREATE_SYNC: &str = "DescribeCluster and TerminateJobFlows are authorized on the cluster resource type only \
     (EMR service authorization reference), so the cluster not created yet is any cluster of the stack's account and \
     region (cluster/*), not any resource (*, emr-iam's createCluster template and the CDK)";
/// Why createCluster has no `AddTags` on `*`.
const EMR_ADD_TAGS: &str = "RunJobFlow needs elasticmapreduce:AddTags only to tag the cluster on create (EMR service \
     authorization reference); this task has no tags, and with tags it gets AddTags on the account's cluster/*; emr-iam's \
     createCluster template has no AddTags";
/// Why the create-cluster twin has an instance profile.
const EMR_INSTANCE_PROFILE: &str = "RunJobFlow's JobFlowRole names an instance profile: the CDK passes the given \
     ClusterRole's name and creates no profile, so the cluster fails to start; the twin defines the profile under the \
     role's name (as the CDK does for a role it creates), and EmrInstanceProfile makes the profile explicit";
/// The EMR on EKS start-job-run cases, by the CDK program's seed.
const EMR_APP_CONFIG: &str = "emr_containers_start_job_run_application_config";
const EMR_GIVEN_ROLE_CASE: &str = "emr_containers_start_job_run_execution_role";
const EMR_EXISTING_LOGS: &str = "emr_containers_start_job_run_existing_logs";
const EMR_MONITORING: &str = "emr_containers_start_job_run_monitoring";
const EMR_SPARK_SUBMIT: &str = "emr_containers_start_job_run_spark_submit";
const EKS_CALL: &str = "eks_call";
/// Why the CDK's custom resources for the generated job execution role are not made.
const EMR_CDK_TRUST: &str =
    "the CDK sets up the trust policy of the job execution role it creates with an AwsCustomResource \
     (describeVirtualCluster, with its singleton function and policy), a provider framework and a singleton function \
     running `aws emr-containers update-role-trust-policy` from an AWS CLI Lambda layer (assets); this library does \
     the same with one inline Python function per template and a custom resource per role (EMR_OUR_TRUST), so the \
     template deploys with no asset";
/// What this library makes instead.
const EMR_OUR_TRUST: &str =
    "the inline function (EmrContainersRoleTrustFunction, one per template, and its role) that adds \
     the EMR on EKS web-identity trust statement of the setting-up-trust-policy guide to a job execution role defined \
     in the template, its permissions for that role (<role>TrustPolicyUpdater: DescribeVirtualCluster on the virtual \
     cluster, eks:DescribeCluster, GetRole and UpdateAssumeRolePolicy on the role) and the custom resource that runs \
     it (<role>TrustPolicy)";
/// Why a job execution role without logs gets no policy.
const EMR_ROLE_NO_LOGS: &str =
    "the job sends no logs (no log group, no bucket), so the role needs no permission for them; \
     the CDK grants logs:DescribeLogGroups on the account's log groups anyway, so its role always has a policy";
/// Why a role given by ARN gets no policy.
const EMR_GIVEN_ROLE: &str =
    "the CDK attaches logs:DescribeLogGroups to the role given by ARN (by its name, in the account of \
     the ARN's placeholder) although the job sends no logs; this library changes no role it is given by ARN (the \
     rustdoc says to grant it Monitoring::statements where the job sends logs)";
/// Why the CDK's EKS cluster is not in the twin.
const EKS_CLUSTER_INFRA: &str = "part of the CDK's eks.Cluster (its VPC, subnets, NAT gateways, nested stacks of the \
     kubectl and cluster-resource providers, default node group, roles, aws-auth manifest): infrastructure of the \
     program, not of the task; the twin's cluster takes its subnets and role as parameters";
/// Why the cluster has another type.
const EKS_CLUSTER_RESOURCE: &str =
    "the CDK makes its cluster with the Custom::AWSCDK-EKS-Cluster resource, the twin with \
     AWS::EKS::Cluster, under the same id: the state reads the same name (Ref), Endpoint and CertificateAuthorityData";

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference")
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The names of the reference cases (`cases/<case>.js`), sorted.
fn reference_cases() -> Vec<String> {
    let dir = reference_dir().join("cases");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.expect("directory entry").path();
            Some(path.file_name()?.to_str()?.strip_suffix(".js")?.to_owned())
        })
        .collect();
    names.sort();
    names
}

/// `expected/<case>.json` in `--fold-ids` form.
fn expected(case: &str) -> Result<Value, String> {
    let mut want = fold_ids(&read_json(&reference_dir().join(format!("expected/{case}.json")))?);
    for sm in want["state_machines"].as_array_mut().into_iter().flatten() {
        if let Some(perms) = sm["permissions"].as_array_mut() {
            perms.sort_by_key(pair_text);
        }
    }
    Ok(want)
}

/// The twin's template, normalized in `--fold-ids` form.
fn actual(build: cases::Build) -> Result<Value, String> {
    let (json, _warnings) =
        stepfunctions_cdk::cli::render(build, false).map_err(|e| format!("does not render: {e}"))?;
    let template: Value = serde_json::from_str(&json).map_err(|e| format!("renders invalid JSON: {e}"))?;
    Ok(normalize(&template, true))
}

/// A permission pair as `action resource`.
fn pair_text(pair: &Value) -> String {
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    format!("{} {}", text(&pair[0]), text(&pair[1]))
}

/// What [`parse_what`] makes of an exception's `what`.
type ParsedWhat = Result<(char, String), String>;

/// An exception's `what` as (`-` or `+`, `action resource` folded), or why it is malformed. A
/// resource exception comes back as (`-` or `+`, `resource <folded id> <type>`), a condition
/// exception as (`-` or `+`, `condition <action> <resource folded>`).
fn parse_what(what: &str) -> ParsedWhat {
    let sign = what.chars().next().filter(|c| matches!(c, '-' | '+' | '~'));
    let rest = what.get(1..).map(str::trim).unwrap_or_default();
    match (sign, rest.split_once(' ')) {
        (Some(sign), Some(("condition", pair))) => match pair.trim().split_once(' ') {
            Some((action, resource)) if !action.is_empty() && !resource.trim().is_empty() => {
                let resource = fold_ids(&json!(resource.trim()));
                Ok((
                    sign,
                    format!("condition {action} {}", resource.as_str().unwrap_or_default()),
                ))
            }
            _ => Err(format!(
                "`{what}` is not `-condition <action> <resource>` or `+condition <action> <resource>`"
            )),
        },
        (Some(sign @ ('-' | '~')), Some(("definition", pointer))) if pointer.trim().starts_with('/') => {
            Ok((sign, format!("definition {}", pointer.trim())))
        }
        (Some(sign), Some(("resource", id_and_type))) => match id_and_type.trim().split_once(' ') {
            Some((id, kind))
                if !id.is_empty() && (kind.trim().starts_with("AWS::") || kind.trim().starts_with("Custom::")) =>
            {
                Ok((sign, format!("resource {} {}", fold_id(id), kind.trim())))
            }
            _ => Err(format!(
                "`{what}` is not `-resource <LogicalId> <Type>` or `+resource <LogicalId> <Type>`"
            )),
        },
        (Some(sign), Some((action, resource))) if !action.is_empty() && !resource.trim().is_empty() => {
            let resource = fold_ids(&json!(resource.trim()));
            Ok((sign, format!("{action} {}", resource.as_str().unwrap_or_default())))
        }
        _ => Err(format!(
            "`{what}` is not `-<action> <resource>` or `+<action> <resource>`"
        )),
    }
}

/// The resource map with folded logical ids.
fn folded_resources(normalized: &Value) -> Value {
    let map: Map<String, Value> = normalized["resources"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(id, kind)| (fold_id(id), kind.clone()))
        .collect();
    Value::Object(map)
}

/// Whether a conditional statement's actions include `action` and its resources `resource`.
fn condition_matches(statement: &Value, action: &str, resource: &str) -> bool {
    let has = |key: &str, item: &str| match &statement[key] {
        Value::Array(items) => items.iter().any(|v| v == item),
        one => one == item,
    };
    has("Action", action) && has("Resource", resource)
}

/// Removes the first conditional statement that matches from the state machines; returns it.
fn take_condition(normalized: &mut Value, action: &str, resource: &str) -> Option<Value> {
    for sm in normalized["state_machines"].as_array_mut().into_iter().flatten() {
        let Some(conditions) = sm["conditions"].as_array_mut() else {
            continue;
        };
        if let Some(i) = conditions.iter().position(|st| condition_matches(st, action, resource)) {
            return Some(conditions.remove(i));
        }
    }
    None
}

/// Takes the key at `pointer` (a JSON pointer into the definition) out of the first state
/// machine's definition that has it.
fn take_definition_key(normalized: &mut Value, pointer: &str) -> Option<Value> {
    let (parent, key) = pointer.rsplit_once('/')?;
    normalized["state_machines"].as_array_mut()?.iter_mut().find_map(|sm| {
        sm["definition"]
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .and_then(|m| m.remove(key))
    })
}

/// Whether a state machine has a conditional statement that matches.
fn has_condition(normalized: &Value, action: &str, resource: &str) -> bool {
    normalized["state_machines"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|sm| sm["conditions"].as_array().into_iter().flatten())
        .any(|st| condition_matches(st, action, resource))
}

/// The state machines by folded id.
fn machines(normalized: &Value) -> BTreeMap<String, &Value> {
    normalized["state_machines"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|sm| (fold_id(sm["id"].as_str().unwrap_or_default()), sm))
        .collect()
}

/// Every difference between the reference and ours, one readable line each, after applying
/// the case's reviewed exceptions (each of which must be used).
fn compare(case: &str, want: &Value, got: &Value, exceptions: &[(&str, &str, &str)]) -> Vec<String> {
    let mut out = vec![];
    let exceptions: Vec<(&str, ParsedWhat)> = exceptions
        .iter()
        .filter(|(c, _, _)| *c == case)
        .map(|(_, what, _)| (*what, parse_what(what)))
        .collect();

    // resources: a reviewed one is taken out of the side that has it, and must not be on the
    // other side with the same type
    let (mut want_resources, mut got_resources) = (folded_resources(want), folded_resources(got));
    for (what, parsed) in &exceptions {
        let Ok((sign, text)) = parsed else { continue };
        let Some((id, kind)) = text.strip_prefix("resource ").and_then(|r| r.split_once(' ')) else {
            continue;
        };
        let (from, other) = match sign {
            '-' => (&mut want_resources, &got_resources),
            _ => (&mut got_resources, &want_resources),
        };
        if from.get(id) == Some(&json!(kind)) && other.get(id) != Some(&json!(kind)) {
            from.as_object_mut().map(|m| m.remove(id));
        } else {
            out.push(format!(
                "reviewed exception `{what}` no longer matches a difference: remove it from REVIEWED_EXCEPTIONS"
            ));
        }
    }
    for line in diff(&want_resources, &got_resources) {
        out.push(format!("resources{line}"));
    }

    // conditional statements: a reviewed one is taken out of the side that has it, and must be
    // there only
    let (mut want, mut got) = (want.clone(), got.clone());
    for (what, parsed) in &exceptions {
        let Ok((sign, text)) = parsed else { continue };
        let Some((action, resource)) = text.strip_prefix("condition ").and_then(|r| r.split_once(' ')) else {
            continue;
        };
        let (from, other) = match sign {
            '-' => (&mut want, &got),
            _ => (&mut got, &want),
        };
        let statement = take_condition(from, action, resource);
        if statement.is_none() || has_condition(other, action, resource) {
            out.push(format!(
                "reviewed exception `{what}` no longer matches a difference: remove it from REVIEWED_EXCEPTIONS"
            ));
        }
    }
    // definition keys: a reviewed one (`-definition <pointer>` into the state machine's
    // definition) is one the reference writes and we do not; it must be there only
    for (what, parsed) in &exceptions {
        let Ok((sign, text)) = parsed else { continue };
        let Some(pointer) = text.strip_prefix("definition ") else {
            continue;
        };
        // `-`: only the reference has the key; `~`: both have it, with different values.
        let theirs = take_definition_key(&mut want, pointer);
        let ours = take_definition_key(&mut got, pointer);
        let removed = match sign {
            '-' => theirs.is_some() && ours.is_none(),
            _ => theirs.is_some() && ours.is_some() && theirs != ours,
        };
        if !removed {
            out.push(format!(
                "reviewed exception `{what}` no longer matches a difference: remove it from REVIEWED_EXCEPTIONS"
            ));
        }
    }
    let (want, got) = (&want, &got);

    // permission pairs that differ: (sign, "action resource") -> where
    let mut differing: BTreeMap<(char, String), String> = BTreeMap::new();
    let (want_sms, got_sms) = (machines(want), machines(got));
    for (id, w) in &want_sms {
        let Some(g) = got_sms.get(id) else {
            out.push(format!("state machine `{id}`: missing"));
            continue;
        };
        for section in ["definition", "conditions", "trust", "properties"] {
            for line in diff(&w[section], &g[section]) {
                out.push(format!("state machine `{id}` {section}{line}"));
            }
        }
        let pairs = |sm: &Value| -> BTreeSet<String> {
            sm["permissions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(pair_text)
                .collect()
        };
        let (wp, gp) = (pairs(w), pairs(g));
        for p in wp.difference(&gp) {
            differing.insert(
                ('-', p.clone()),
                format!("state machine `{id}`: missing permission {p}"),
            );
        }
        for p in gp.difference(&wp) {
            differing.insert(
                ('+', p.clone()),
                format!("state machine `{id}`: unexpected permission {p}"),
            );
        }
    }
    for id in got_sms.keys().filter(|id| !want_sms.contains_key(*id)) {
        out.push(format!("state machine `{id}`: unexpected"));
    }

    for (what, parsed) in &exceptions {
        match parsed {
            Ok((_, text))
                if text.starts_with("resource ")
                    || text.starts_with("condition ")
                    || text.starts_with("definition ") => {}
            Ok(key) => {
                if differing.remove(key).is_none() {
                    out.push(format!(
                        "reviewed exception `{what}` no longer matches a difference: remove it from REVIEWED_EXCEPTIONS"
                    ));
                }
            }
            Err(e) => out.push(format!("reviewed exception: {e}")),
        }
    }
    // missing permissions first, then unexpected ones
    let (missing, unexpected): (Vec<_>, Vec<_>) = differing.into_iter().partition(|((sign, _), _)| *sign == '-');
    out.extend(missing.into_iter().chain(unexpected).map(|(_, line)| line));
    out
}

#[test]
fn every_twin_matches_its_reference() {
    let all = cases::all();
    let mut failures = vec![];
    for (case, build) in &all {
        let lines = match (expected(case), actual(*build)) {
            (Ok(want), Ok(got)) => compare(case, &want, &got, REVIEWED_EXCEPTIONS),
            (Err(e), _) | (_, Err(e)) => vec![e],
        };
        if !lines.is_empty() {
            failures.push(format!("{case}:\n  {}", lines.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} twins differ from the CDK reference \
         (compare by hand: `cargo run -q --example parity -- <case>`):\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn every_core_reference_case_has_a_twin() {
    let twins: BTreeSet<&str> = cases::all().iter().map(|(name, _)| *name).collect();
    let missing: Vec<String> = reference_cases()
        .into_iter()
        .filter(|c| c.starts_with("core_") && !twins.contains(c.as_str()))
        .collect();
    assert!(
        !twins.is_empty() && missing.is_empty(),
        "reference cases without a twin in examples/parity/cases/: {missing:?}"
    );
}

#[test]
fn every_twin_is_a_reference_case_registered_once() {
    let reference: BTreeSet<String> = reference_cases().into_iter().collect();
    let mut seen = BTreeSet::new();
    for (name, _) in cases::all() {
        assert!(
            reference.contains(name),
            "twin `{name}` has no tests/fixtures/reference/cases/{name}.js"
        );
        assert!(seen.insert(name), "twin `{name}` is registered twice");
    }
}

#[test]
fn reviewed_exceptions_are_well_formed() {
    let twins: BTreeSet<&str> = cases::all().iter().map(|(name, _)| *name).collect();
    let mut seen = BTreeSet::new();
    for (case, what, why) in REVIEWED_EXCEPTIONS {
        assert!(
            twins.contains(case),
            "reviewed exception for `{case}`, which has no twin"
        );
        assert!(parse_what(what).is_ok(), "{case}: {}", parse_what(what).unwrap_err());
        assert!(!why.trim().is_empty(), "{case}: `{what}` has no reason");
        assert!(seen.insert((case, what)), "{case}: `{what}` is listed twice");
    }
}

/// The comparison itself: differences are found, exceptions cover exactly their pair, and an
/// exception that matches nothing fails.
#[test]
fn compare_reports_differences_and_checks_exceptions() {
    let sm = |perms: Value, comment: &str| {
        json!({
            "resources": {"StateMachine": "AWS::StepFunctions::StateMachine", "Worker": "AWS::StepFunctions::Activity"},
            "state_machines": [{
                "id": "StateMachine",
                "definition": {"Comment": comment, "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                "permissions": perms,
                "conditions": [],
                "trust": ["states.amazonaws.com"],
                "properties": {},
            }],
        })
    };
    let fn_arn = "arn:aws:lambda:us-east-1:123456789012:function:F";
    let want = sm(
        json!([
            ["lambda:InvokeFunction", fn_arn],
            ["lambda:InvokeFunction", format!("{fn_arn}:*")]
        ]),
        "c",
    );
    let narrower = sm(json!([["lambda:InvokeFunction", fn_arn]]), "c");

    assert!(compare("x", &want, &want, &[]).is_empty());

    // folded ids compare equal
    let mut renamed = want.clone();
    renamed["resources"] =
        json!({"state-machine": "AWS::StepFunctions::StateMachine", "worker": "AWS::StepFunctions::Activity"});
    renamed["state_machines"][0]["id"] = json!("State_Machine");
    assert!(compare("x", &want, &renamed, &[]).is_empty());

    // a missing permission, unreviewed
    assert_eq!(
        compare("x", &want, &narrower, &[]),
        [format!(
            "state machine `statemachine`: missing permission lambda:InvokeFunction {fn_arn}:*"
        )]
    );
    // reviewed: accepted
    let what = format!("-lambda:InvokeFunction {fn_arn}:*");
    let reviewed = [("x", what.as_str(), "narrower on purpose")];
    assert!(compare("x", &want, &narrower, &reviewed).is_empty());
    // the same exception for another case does not apply
    assert_eq!(compare("y", &want, &narrower, &reviewed).len(), 1);
    // an exception no longer needed fails
    let stale = compare("x", &want, &want, &reviewed);
    assert_eq!(stale.len(), 1);
    assert!(stale[0].contains("no longer matches"), "{stale:?}");
    // an extra permission, and a `+` exception for it
    let wider = sm(
        json!([
            ["lambda:InvokeFunction", fn_arn],
            ["lambda:InvokeFunction", format!("{fn_arn}:*")],
            ["s3:GetObject", "${Bucket.Arn}/*"]
        ]),
        "c",
    );
    assert_eq!(
        compare("x", &want, &fold_ids(&wider), &[]),
        ["state machine `statemachine`: unexpected permission s3:GetObject ${bucket.Arn}/*"]
    );
    assert!(compare(
        "x",
        &want,
        &fold_ids(&wider),
        &[("x", "+s3:GetObject ${Bucket.Arn}/*", "why")]
    )
    .is_empty());
    // exceptions never excuse other sections
    let other = sm(json!([["lambda:InvokeFunction", fn_arn]]), "d");
    assert_eq!(
        compare("x", &want, &other, &reviewed),
        [r#"state machine `statemachine` definition/Comment: expected "c", got "d""#]
    );
    // resources and machines missing or extra
    let mut fewer = want.clone();
    fewer["resources"].as_object_mut().unwrap().remove("Worker");
    fewer["state_machines"] = json!([]);
    assert_eq!(
        compare("x", &want, &fewer, &[]),
        [
            r#"resources/worker: missing, expected "AWS::StepFunctions::Activity""#,
            "state machine `statemachine`: missing"
        ]
    );
    assert!(parse_what("lambda:InvokeFunction *").is_err());
    assert!(parse_what("-lambda:InvokeFunction").is_err());

    // resource exceptions: each side, folded ids, stale ones
    let reviewed_resources = [
        ("x", "-resource Worker AWS::StepFunctions::Activity", "not needed"),
        ("x", "+resource Extra_Queue AWS::SQS::Queue", "needed"),
    ];
    let mut swapped = fewer.clone();
    swapped["state_machines"] = want["state_machines"].clone();
    swapped["resources"]["ExtraQueue"] = json!("AWS::SQS::Queue");
    assert!(compare("x", &want, &swapped, &reviewed_resources).is_empty());
    let stale = compare("x", &want, &want, &reviewed_resources);
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert!(stale.iter().all(|l| l.contains("no longer matches")), "{stale:?}");
    // the type must match too
    assert_eq!(
        compare("x", &want, &fewer, &[("x", "-resource Worker AWS::SQS::Queue", "why")]).len(),
        3
    );
    assert!(parse_what("-resource Worker").is_err());
    assert!(parse_what("+resource Worker Queue").is_err());

    // a resource of another type under the same id: one exception for each side
    let mut retyped = want.clone();
    retyped["resources"]["Worker"] = json!("Custom::Worker");
    let swap = [
        (
            "x",
            "-resource Worker AWS::StepFunctions::Activity",
            "ours is another type",
        ),
        ("x", "+resource Worker Custom::Worker", "the CDK's is another type"),
    ];
    assert!(compare("x", &want, &retyped, &swap).is_empty());
    assert_eq!(compare("x", &want, &retyped, &swap[..1]).len(), 1);
    assert_eq!(compare("x", &want, &retyped, &[]).len(), 1);
    assert!(parse_what("-resource Cluster Custom::AWSCDK-EKS-Cluster").is_ok());
    // condition exceptions: each side, folded ids, stale ones, other sections untouched
    let pass_role = json!({
        "Action": ["iam:PassRole"],
        "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}},
        "Effect": "Allow",
        "Resource": ["${Job_Role.Arn}"]
    });
    let mut with_condition = want.clone();
    with_condition["state_machines"][0]["conditions"] = json!([pass_role]);
    let with_condition = fold_ids(&with_condition);
    assert_eq!(
        compare("x", &with_condition, &want, &[]).len(),
        2,
        "count and item differ"
    );
    let reviewed_condition = [("x", "-condition iam:PassRole ${JobRole.Arn}", "no role is passed")];
    assert!(compare("x", &with_condition, &want, &reviewed_condition).is_empty());
    let stale = compare("x", &want, &want, &reviewed_condition);
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert!(stale[0].contains("no longer matches"), "{stale:?}");
    assert!(compare(
        "x",
        &want,
        &with_condition,
        &[("x", "+condition iam:PassRole ${JobRole.Arn}", "why")]
    )
    .is_empty());
    // the same statement on both sides is no difference to review
    let both = compare("x", &with_condition, &with_condition, &reviewed_condition);
    assert!(both[0].contains("no longer matches"), "{both:?}");
    assert!(parse_what("-condition iam:PassRole").is_err());
}
