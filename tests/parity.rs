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
/// (the id as normalized, folded or not).
/// Or one statement of a state machine's `conditions` (statements with a `Condition`) that
/// differs, `-condition <action> <resource>` for one the CDK grants and we do not,
/// `+condition <action> <resource>` for one we grant and the CDK does not: the statement whose
/// actions include the action and resources include the resource (written as for permissions).
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
/// - SageMaker: literal training and transform job names are lower-cased in the IAM resource
///   (SageMaker writes names in ARNs in lower case; CDK does not lower-case job names), and
///   names given as CloudFormation expressions widen to `<type>/*` (a template cannot
///   lower-case); `SageMakerCreateEndpoint`/`SageMakerUpdateEndpoint::kms_key` grants
///   `kms:CreateGrant` on the endpoint configuration's key, which the SageMaker API permissions
///   reference requires of the caller and CDK never grants; the roles `create_role` makes get
///   the developer guide's scoped S3, ECR and KMS actions instead of CDK's `*` grants.
const REVIEWED_EXCEPTIONS: &[(&str, &str, &str)] = &[
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
    // CodeBuild (CodeBuildStartBuild's rustdoc).
    (
        "codebuild_start_build",
        "-codebuild:BatchGetReports ${Project.Arn}",
        "BatchGetReports is authorized on report groups (report-group/...), so on a project ARN it \
         grants nothing; the codebuild-iam run-job template for StartBuild lists StartBuild, StopBuild \
         and BatchGetBuilds only",
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
/// Why Batch run-job gets `DescribeJobs` and `TerminateJob`.
const BATCH_SYNC: &str =
    "batch-iam: the run-job (synchronous) template grants batch:DescribeJobs (no resource type: *) \
     and batch:TerminateJob (scoped to the account's job/*), with which Step Functions watches the job and \
     terminates it when the execution stops or the task times out; the CDK omits both";

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
    let sign = what.chars().next().filter(|c| matches!(c, '-' | '+'));
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
        (Some(sign), Some(("resource", id_and_type))) => match id_and_type.trim().split_once(' ') {
            Some((id, kind)) if !id.is_empty() && kind.trim().starts_with("AWS::") => {
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

    // resources: a reviewed one is taken out of the side that has it, and must be there only
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
        if from.get(id) == Some(&json!(kind)) && other.get(id).is_none() {
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
            Ok((_, text)) if text.starts_with("resource ") || text.starts_with("condition ") => {}
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
