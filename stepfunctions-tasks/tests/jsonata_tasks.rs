//! Every service integration as a JSONata task (`Task::jsonata`), in a JSONata state machine.
//!
//! Each test builds the integration twice from one closure: once with a JSONata expression
//! (`Jsonata::states_input().field(..)`) where it takes a run-time value, rendered in a JSONata
//! state machine and snapshotted; once with the equivalent JSONPath path, rendered as a JSONPath
//! task (the twin). Each JSONata rendering is checked to hold no `Parameters`, no JSONPath-only
//! field, no key ending in `.$` and no raw path or intrinsic function; and to be its twin
//! translated to JSONata (`Parameters` as `Arguments`, each `"Key.$": "$.a"` as
//! `"Key": "{% $states.input.a %}"`), with the same policy statements and definition
//! substitutions.

use cfn_model::{Expr, ListExpr, Template};
use serde_json::{json, Map, Value};
use stepfunctions::model::IntoDefinition;
use stepfunctions::prelude::*;
use stepfunctions::testing::{render_state, render_state_in};
use stepfunctions_tasks::*;

// --- helpers ---

/// `$states.input.<field>`, as a payload value.
fn input(field: &str) -> Payload {
    Jsonata::states_input().field(field).into()
}

/// Renders a state in a JSONata state machine, and checks it is clean JSONata (`literals`: the
/// literal strings that look like paths, the integration's own text).
fn render(state: impl IntoDefinition, literals: &[&str]) -> Value {
    let r = render_state_in(state, QueryLanguage::Jsonata).unwrap();
    assert_clean(&r, literals);
    r
}

/// No JSONPath field, no `.$` key, no raw path or intrinsic function in any state of `r`.
fn assert_clean(r: &Value, literals: &[&str]) {
    let mut problems = Vec::new();
    for (name, state) in r["States"].as_object().unwrap() {
        for field in [
            "Parameters",
            "InputPath",
            "ResultSelector",
            "ResultPath",
            "OutputPath",
            "TimeoutSecondsPath",
            "HeartbeatSecondsPath",
        ] {
            if state.get(field).is_some() {
                problems.push(format!("{name}: JSONPath field `{field}`"));
            }
        }
        scan(state, name, literals, &mut problems);
    }
    assert!(problems.is_empty(), "not clean JSONata:\n{}", problems.join("\n"));
}

fn scan(v: &Value, at: &str, literals: &[&str], problems: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if k.ends_with(".$") {
                    problems.push(format!("{at}: key `{k}` ends in `.$`"));
                }
                scan(v, &format!("{at}.{k}"), literals, problems);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                scan(v, &format!("{at}[{i}]"), literals, problems);
            }
        }
        Value::String(s) if literals.contains(&s.as_str()) => {}
        Value::String(s) => {
            let path_like = s == "$" || s.starts_with("$.") || s.starts_with("$$") || s.starts_with("$[");
            if path_like || s.starts_with("States.") {
                problems.push(format!("{at}: `{s}` is JSONPath, not an expression"));
            }
            if s.contains("{%") && !(s.starts_with("{%") && s.ends_with("%}")) {
                problems.push(format!("{at}: `{s}` is not one whole expression"));
            }
        }
        _ => {}
    }
}

/// The one state of a rendering: its name and fields.
fn only_state(r: &Value) -> (&String, &Value) {
    let states = r["States"].as_object().unwrap();
    assert_eq!(states.len(), 1, "one state");
    states.iter().next().unwrap()
}

/// A plain JSONPath (`$`, `$.a.b`, `$$.Task.Token`) or `States.StringSplit` of a list as the
/// JSONata expression it stands for.
fn path_as_expression(v: &Value) -> Value {
    let p = v.as_str().unwrap_or_else(|| panic!("a path is text: {v}"));
    let body = if p == "$" {
        "$states.input".to_owned()
    } else if let Some(rest) = p.strip_prefix("$$.") {
        format!("$states.context.{rest}")
    } else if let Some(rest) = p.strip_prefix("$.") {
        format!("$states.input.{rest}")
    } else if let Some(list) = p
        .strip_prefix("States.StringSplit('")
        .and_then(|s| s.strip_suffix("', ',')"))
    {
        format!("$split('{list}', ',')")
    } else {
        panic!("`{p}` has no plain JSONata form in these tests");
    };
    assert!(
        body.chars()
            .all(|c| c.is_ascii_alphanumeric() || "$._'{},() ".contains(c)),
        "{body}"
    );
    Value::String(format!("{{% {body} %}}"))
}

/// A JSONPath state as the same state in JSONata: `Parameters` as `Arguments`, `"K.$": path` as
/// `"K": "{% expr %}"`, `TimeoutSecondsPath` as `TimeoutSeconds` (and heartbeat).
fn as_jsonata(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                if k == "Parameters" {
                    out.insert("Arguments".into(), as_jsonata(v));
                } else if let Some(key) = k.strip_suffix(".$") {
                    out.insert(key.into(), path_as_expression(v));
                } else if k == "TimeoutSecondsPath" || k == "HeartbeatSecondsPath" {
                    out.insert(k.trim_end_matches("Path").into(), path_as_expression(v));
                } else {
                    out.insert(k.clone(), as_jsonata(v));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(as_jsonata).collect()),
        other => other.clone(),
    }
}

/// The policy statements and definition substitutions of `r` are those of the JSONPath twin.
fn assert_same_iam(r: &Value, twin: &Value) {
    assert_eq!(r["PolicyStatements"], twin["PolicyStatements"], "policy statements");
    assert_eq!(
        r.get("DefinitionSubstitutions"),
        twin.get("DefinitionSubstitutions"),
        "definition substitutions"
    );
}

/// `r` is its JSONPath twin translated to JSONata (its `Output` and `Assign` aside), with the
/// same IAM.
fn assert_like_json_path(r: &Value, twin: impl IntoDefinition) {
    let twin = render_state(twin).unwrap();
    assert_same_iam(r, &twin);
    let (name, state) = only_state(r);
    let mut got = state.clone();
    let got = got.as_object_mut().unwrap();
    got.remove("Output");
    got.remove("Assign");
    let expected = as_jsonata(&twin["States"][name]);
    assert_eq!(Value::Object(got.clone()), expected, "{name}");
}

/// Like [`assert_like_json_path`], comparing the IAM only.
fn assert_iam_like_json_path(r: &Value, twin: impl IntoDefinition) {
    assert_same_iam(r, &render_state(twin).unwrap());
}

fn arguments<'a>(r: &'a Value, state: &str) -> &'a Value {
    &r["States"][state]["Arguments"]
}

// --- fixtures (the existing tests' simplest valid constructions) ---

fn function() -> LambdaFunction {
    LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn")
}

fn topic() -> SnsTopic {
    SnsTopic::from_arn("arn:aws:sns:us-east-1:123456789012:alerts")
}

fn queue() -> SqsQueue {
    SqsQueue::from_arn("arn:aws:sqs:us-east-1:123456789012:jobs")
}

fn table() -> DynamoTable {
    DynamoTable::from_name("my-table")
}

const CLUSTER: &str = "arn:aws:ecs:us-east-1:123456789012:cluster/jobs";
const TASK_DEFINITION: &str = "arn:aws:ecs:us-east-1:123456789012:task-definition/report:3";

fn task_definition() -> EcsTaskDefinition {
    EcsTaskDefinition::from_arn(TASK_DEFINITION)
        .task_role("arn:aws:iam::123456789012:role/ReportTask")
        .execution_role("arn:aws:iam::123456789012:role/ReportTaskExecution")
}

fn child() -> StateMachineRef {
    StateMachineRef::from_arn("arn:aws:states:us-east-1:123456789012:stateMachine:Child")
}

fn emr_roles() -> EmrClusterRoles {
    EmrClusterRoles::new(
        EmrRole::from_name("EMR_DefaultRole"),
        EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"),
    )
}

fn emr_groups() -> EmrInstancesConfig {
    EmrInstancesConfig::instance_groups([
        EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1).name("Primary"),
        EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2).name("Core"),
    ])
}

const VC: &str = "de92jdei2910fwedz";
const PI: &str = "local:///usr/lib/spark/examples/src/main/python/pi.py";

fn emr_containers_role() -> EmrContainersExecutionRole {
    EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/JobExecutionRole")
}

fn eks_cluster() -> EksCluster {
    EksCluster::from_attributes(
        "my-eks-cluster",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
    )
}

const SAGEMAKER_ROLE: &str = "arn:aws:iam::123456789012:role/SageMakerExecution";

fn sagemaker_role() -> SageMakerRole {
    SageMakerRole::from_arn(SAGEMAKER_ROLE)
}

// --- Lambda ---

#[test]
fn lambda_invoke() {
    let make =
        |id: Payload| LambdaInvoke::new(function()).payload(Payload::from_object([("id", id), ("static", 1.into())]));
    let task = Task::jsonata("Invoke", make(input("id")))
        .credentials(Credentials::role_at("$.roleArn"))
        .output(Jsonata::states_result().field("Payload").into())
        .assign("status", Jsonata::states_result().field("StatusCode"));
    let r = render(task, &[]);
    assert_eq!(
        r["States"]["Invoke"]["Credentials"],
        json!({"RoleArn": "{% $states.input.roleArn %}"})
    );
    assert_like_json_path(
        &r,
        Task::new("Invoke", make(JsonPath::string_at("$.id"))).credentials(Credentials::role_at("$.roleArn")),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn lambda_invoke_default_payload_is_the_input() {
    let r = render(Task::jsonata("Invoke", LambdaInvoke::new(function())), &[]);
    assert_eq!(arguments(&r, "Invoke")["Payload"], "{% $states.input %}");
    assert_like_json_path(&r, Task::new("Invoke", LambdaInvoke::new(function())));
    insta::assert_json_snapshot!(r);
}

#[test]
fn lambda_invoke_wait_for_task_token_as_an_expression() {
    let make = |token: Payload| LambdaInvoke::new(function()).payload(Payload::from_object([("token", token)]));
    let token = Jsonata::states_context().field("Task").field("Token");
    let r = render(
        Task::jsonata("Invoke with callback", make(token.into())).wait_for_task_token(),
        &[],
    );
    assert_eq!(
        arguments(&r, "Invoke with callback")["Payload"]["token"],
        "{% $states.context.Task.Token %}"
    );
    assert_like_json_path(
        &r,
        Task::new("Invoke with callback", make(JsonPath::task_token())).wait_for_task_token(),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn lambda_invoke_response_only() {
    let make = |id: Payload| LambdaInvoke::payload_response_only(function()).payload(Payload::from_object([("k", id)]));
    let r = render(
        Task::jsonata("Invoke", make(input("key")))
            .output(Jsonata::new("$merge([$states.input, $states.result])").into()),
        &[],
    );
    assert_like_json_path(&r, Task::new("Invoke", make(JsonPath::string_at("$.key"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn evaluate_expression() {
    let f = LambdaFunction::from_arn(Expr::get_att("EvalFunction", "Arn"));
    let r = render(
        Task::jsonata(
            "Convert to seconds",
            EvaluateExpression::new(&f, "$.waitMilliseconds / 1000"),
        )
        .output(Payload::from_object([("waitSeconds", Jsonata::states_result().into())])),
        &["$.waitMilliseconds / 1000"],
    );
    assert_eq!(
        arguments(&r, "Convert to seconds")["expressionAttributeValues"],
        json!({"$.waitMilliseconds": "{% $states.input.waitMilliseconds %}"})
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Convert to seconds",
            EvaluateExpression::new(&f, "$.waitMilliseconds / 1000"),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn step_functions_invoke_activity() {
    let make = |v: Payload| {
        StepFunctionsInvokeActivity::new(Expr::reference("SubmitJob")).parameters(Payload::from_object([("job", v)]))
    };
    let r = render(
        Task::jsonata("Submit Job", make(input("job")))
            .timeout(Timeout::expr(Jsonata::states_input().field("timeoutSeconds")))
            .heartbeat(Timeout::expr(Jsonata::states_input().field("heartbeatSeconds"))),
        &[],
    );
    assert_eq!(
        r["States"]["Submit Job"]["TimeoutSeconds"],
        "{% $states.input.timeoutSeconds %}"
    );
    assert_like_json_path(
        &r,
        Task::new("Submit Job", make(JsonPath::string_at("$.job")))
            .timeout(Timeout::at("$.timeoutSeconds"))
            .heartbeat(Timeout::at("$.heartbeatSeconds")),
    );
    insta::assert_json_snapshot!(r);
}

// --- SNS, SQS, EventBridge ---

#[test]
fn sns_publish() {
    let make = |subject: Payload, place: Payload| {
        SnsPublish::new(topic(), Payload::from_text("Hello"))
            .subject(subject)
            .message_attribute("place", MessageAttribute::string(place))
    };
    let r = render(Task::jsonata("Publish", make(input("subject"), input("place"))), &[]);
    assert_eq!(arguments(&r, "Publish")["Subject"], "{% $states.input.subject %}");
    assert_like_json_path(
        &r,
        Task::new(
            "Publish",
            make(JsonPath::string_at("$.subject"), JsonPath::string_at("$.place")),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn sqs_send_message() {
    let make = |body: Payload| SqsSendMessage::new(queue(), body);
    let r = render(
        Task::jsonata("Send", make(input("message"))).output(Payload::from_object([(
            "id",
            Jsonata::states_result().field("MessageId").into(),
        )])),
        &[],
    );
    assert_eq!(arguments(&r, "Send")["MessageBody"], "{% $states.input.message %}");
    assert_like_json_path(&r, Task::new("Send", make(Payload::from_json_path_at("$.message"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn sqs_send_message_wait_for_task_token() {
    let make = || {
        SqsSendMessage::new(
            queue(),
            Payload::from_object([
                ("Input", JsonPath::entire_payload()),
                ("TaskToken", JsonPath::task_token()),
            ]),
        )
    };
    let r = render(
        Task::jsonata("Send and wait", make())
            .wait_for_task_token()
            .heartbeat(Timeout::seconds(600)),
        &[],
    );
    let body = &arguments(&r, "Send and wait")["MessageBody"];
    assert_eq!(body["TaskToken"], "{% $states.context.Task.Token %}");
    assert_eq!(body["Input"], "{% $states.input %}");
    assert_like_json_path(
        &r,
        Task::new("Send and wait", make())
            .wait_for_task_token()
            .heartbeat(Timeout::seconds(600)),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn eventbridge_put_events() {
    let make = |order: Payload| {
        EventBridgePutEvents::new([EventBridgePutEventsEntry::new(
            Payload::from_object([("order", order), ("Message", "Hello from Step Functions!".into())]),
            "MessageFromStepFunctions",
            "step.functions",
        )])
    };
    let r = render(
        Task::jsonata("Put", make(input("order"))).output(Jsonata::states_result().field("Entries").into()),
        &[],
    );
    assert_like_json_path(&r, Task::new("Put", make(JsonPath::object_at("$.order"))));
    insta::assert_json_snapshot!(r);
}

// --- DynamoDB ---

#[test]
fn dynamo_get_item() {
    let make = |pk: Payload| DynamoGetItem::new(table(), [("MessageId", DynamoAttributeValue::from_string(pk))]);
    let r = render(
        Task::jsonata("Get Item", make(input("id"))).output(Jsonata::states_result().field("Item").into()),
        &[],
    );
    assert_eq!(
        arguments(&r, "Get Item")["Key"],
        json!({"MessageId": {"S": "{% $states.input.id %}"}})
    );
    assert_like_json_path(&r, Task::new("Get Item", make(JsonPath::string_at("$.id"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn dynamo_put_item() {
    use DynamoAttributeValue as V;
    let task = Task::jsonata(
        "PutItem",
        DynamoPutItem::new(
            table(),
            [
                ("MessageId", V::from_string("message-007")),
                ("Text", V::from_string(input("bar"))),
                (
                    "TotalCount",
                    V::number_from_expr(Jsonata::new("$count($states.input.items)")),
                ),
                ("Flag", V::boolean_from_expr(Jsonata::states_input().field("flag"))),
                (
                    "Items",
                    V::list_from_expr(Jsonata::new("$states.input.items.{'S': name}")),
                ),
            ],
        ),
    );
    let r = render(task, &[]);
    assert_eq!(
        arguments(&r, "PutItem")["Item"],
        json!({
            "MessageId": {"S": "message-007"},
            "Text": {"S": "{% $states.input.bar %}"},
            "TotalCount": {"N": "{% $string($count($states.input.items)) %}"},
            "Flag": {"BOOL": "{% $states.input.flag %}"},
            "Items": {"L": "{% $states.input.items.{'S': name} %}"},
        })
    );
    assert_iam_like_json_path(
        &r,
        Task::new(
            "PutItem",
            DynamoPutItem::new(
                table(),
                [
                    ("MessageId", V::from_string("message-007")),
                    ("Text", V::from_string(JsonPath::string_at("$.bar"))),
                    ("TotalCount", V::number_from_string(JsonPath::string_at("$.n"))),
                    ("Flag", V::boolean_from_json_path("$.flag")),
                    ("Items", V::list_from_json_path("$.items")),
                ],
            ),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn dynamo_update_item() {
    use DynamoAttributeValue as V;
    let make = |val: Payload| {
        DynamoUpdateItem::new(table(), [("MessageId", V::from_string("message-007"))])
            .expression_attribute_values([(":val", V::number_from_string(val)), (":rand", V::from_number(20))])
            .update_expression("SET TotalCount = :val + :rand")
    };
    let r = render(
        Task::jsonata("UpdateItem", make(input("count"))).assign("updated", Jsonata::states_result()),
        &[],
    );
    assert_like_json_path(&r, Task::new("UpdateItem", make(JsonPath::string_at("$.count"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn dynamo_delete_item() {
    let make = |id: Payload| DynamoDeleteItem::new(table(), [("MessageId", DynamoAttributeValue::from_string(id))]);
    let r = render(Task::jsonata("DeleteItem", make(input("id"))), &[]);
    assert_like_json_path(&r, Task::new("DeleteItem", make(JsonPath::string_at("$.id"))));
    insta::assert_json_snapshot!(r);
}

// --- ECS, Batch, Glue, DataBrew, CodeBuild ---

#[test]
fn ecs_run_task() {
    let make = |day: Payload| {
        EcsRunTask::new(
            EcsCluster::from_arn(CLUSTER),
            task_definition(),
            EcsEc2LaunchTarget::new().awsvpc(EcsAwsVpc::from_subnet_list(ListExpr::Ref("Subnets".into()))),
        )
        .container_override(EcsContainerOverride::new("report").environment("DAY", day))
    };
    let r = render(Task::jsonata("Run", make(input("day"))), &[]);
    let subnets = &arguments(&r, "Run")["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"];
    assert!(subnets.as_str().unwrap().starts_with("{% $split('${"), "{subnets}");
    assert_like_json_path(&r, Task::new("Run", make(JsonPath::string_at("$.day"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn batch_submit_job() {
    let make = |name: Payload| {
        BatchSubmitJob::new(
            BatchJobDefinition::from_arn("arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDefinition:1"),
            name,
            BatchJobQueue::from_arn("arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue"),
        )
        .attempt_duration_at("$.seconds")
    };
    let r = render(Task::jsonata("Submit Job", make(input("jobName"))), &[]);
    assert_like_json_path(&r, Task::new("Submit Job", make(JsonPath::string_at("$.jobName"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn glue_start_job_run() {
    let make = |name: Payload, day: Payload| {
        GlueStartJobRun::new(name)
            .arguments(Payload::from_object([("--day", day)]))
            .job_timeout_at("$.minutes")
    };
    let r = render(
        Task::jsonata("Task", make(input("JobName"), input("day"))).run_job(),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Task",
            make(JsonPath::string_at("$.JobName"), JsonPath::string_at("$.day")),
        )
        .run_job(),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn glue_databrew_start_job_run() {
    let r = render(Task::jsonata("Task", GlueDataBrewStartJobRun::new(input("job"))), &[]);
    assert_eq!(arguments(&r, "Task"), &json!({"Name": "{% $states.input.job %}"}));
    assert_like_json_path(
        &r,
        Task::new("Task", GlueDataBrewStartJobRun::new(JsonPath::string_at("$.job"))),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn glue_start_crawler_run() {
    let r = render(Task::jsonata("Task", GlueStartCrawlerRun::new(input("crawler"))), &[]);
    assert_eq!(arguments(&r, "Task"), &json!({"Name": "{% $states.input.crawler %}"}));
    assert_like_json_path(
        &r,
        Task::new("Task", GlueStartCrawlerRun::new(JsonPath::string_at("$.crawler"))),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn codebuild_start_build_batch() {
    let make = |zone: Payload| {
        CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("MyBatchProject"))
            .environment_variable("ZONE", BuildEnvironmentVariable::plaintext(zone))
    };
    let r = render(Task::jsonata("Build Batch", make(input("zone"))).run_job(), &[]);
    assert_like_json_path(
        &r,
        Task::new("Build Batch", make(JsonPath::string_at("$.zone"))).run_job(),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn codebuild_start_build() {
    let make = |zone: Payload, commit: Payload| {
        CodeBuildStartBuild::new(CodeBuildProject::from_name("MyTestProject"))
            .environment_variable("ZONE", BuildEnvironmentVariable::plaintext(zone))
            .source_version(commit)
    };
    let r = render(
        Task::jsonata("Task", make(input("zone"), input("commit"))).run_job(),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Task",
            make(JsonPath::string_at("$.zone"), JsonPath::string_at("$.commit")),
        )
        .run_job(),
    );
    insta::assert_json_snapshot!(r);
}

// --- Athena ---

#[test]
fn athena_start_query_execution() {
    let make = |q: Payload| AthenaStartQueryExecution::new(q).database("interactions");
    let r = render(Task::jsonata("Start Athena Query", make(input("queryString"))), &[]);
    assert_like_json_path(
        &r,
        Task::new("Start Athena Query", make(JsonPath::string_at("$.queryString"))),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn athena_stop_query_execution() {
    let r = render(
        Task::jsonata("Stop", AthenaStopQueryExecution::new(input("QueryExecutionId"))),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Stop",
            AthenaStopQueryExecution::new(JsonPath::string_at("$.QueryExecutionId")),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn athena_get_query_execution() {
    let r = render(
        Task::jsonata("Get", AthenaGetQueryExecution::new(input("QueryExecutionId"))),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Get",
            AthenaGetQueryExecution::new(JsonPath::string_at("$.QueryExecutionId")),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn athena_get_query_results() {
    let make = |id: Payload| AthenaGetQueryResults::new(id).max_results_at("$.n");
    let r = render(Task::jsonata("Results", make(input("QueryExecutionId"))), &[]);
    assert_eq!(arguments(&r, "Results")["MaxResults"], "{% $states.input.n %}");
    assert_like_json_path(
        &r,
        Task::new("Results", make(JsonPath::string_at("$.QueryExecutionId"))),
    );
    insta::assert_json_snapshot!(r);
}

// --- Step Functions ---

#[test]
fn step_functions_start_execution() {
    let make = |order: Payload, name: Payload| {
        StepFunctionsStartExecution::new(child())
            .input(Payload::from_object([("order", order), ("static", 1.into())]))
            .name(name)
    };
    let r = render(
        Task::jsonata("Start", make(input("order"), input("executionName"))).run_job(),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Start",
            make(JsonPath::string_at("$.order"), JsonPath::string_at("$.executionName")),
        )
        .run_job(),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn step_functions_start_execution_associate_with_parent() {
    let make = |order: Payload| {
        StepFunctionsStartExecution::new(child())
            .input(Payload::from_object([("order", order)]))
            .associate_with_parent(true)
    };
    let r = render(Task::jsonata("ChildTask", make(input("order"))), &[]);
    assert_eq!(
        arguments(&r, "ChildTask")["Input"],
        json!({
            "order": "{% $states.input.order %}",
            "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": "{% $states.context.Execution.Id %}",
        })
    );
    assert_like_json_path(&r, Task::new("ChildTask", make(JsonPath::string_at("$.order"))));

    // Without an input: the execution id only.
    let alone = render(
        Task::jsonata(
            "ChildTask",
            StepFunctionsStartExecution::new(child()).associate_with_parent(true),
        ),
        &[],
    );
    assert_eq!(
        arguments(&alone, "ChildTask")["Input"],
        json!({"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": "{% $states.context.Execution.Id %}"})
    );
    insta::assert_json_snapshot!(r);
}

// --- API Gateway, SDK, EKS ---

#[test]
fn call_api_gateway_rest_api_endpoint() {
    let make = |path: Payload, order: Payload| {
        CallApiGatewayRestApiEndpoint::new(RestApi::from_id("abc123defg"), "prod", HttpMethod::Post)
            .headers(Payload::from_object([(
                "Content-Type",
                Payload::from(vec!["application/json".into()]),
            )]))
            .api_path(path)
            .request_body(Payload::from_object([("order", order)]))
            .auth_type(AuthType::IamRole)
    };
    let r = render(
        Task::jsonata("Call REST API", make(input("path"), input("order")))
            .output(Jsonata::states_result().field("ResponseBody").into()),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Call REST API",
            make(JsonPath::string_at("$.path"), JsonPath::object_at("$.order")),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn call_api_gateway_http_api_endpoint() {
    let make = |query: Payload| {
        CallApiGatewayHttpApiEndpoint::new(HttpApi::from_id("a1b2c3d4e5"), HttpMethod::Get)
            .api_path("/hello")
            .query_parameters(query)
    };
    let r = render(Task::jsonata("Call HTTP API", make(input("query"))), &[]);
    assert_like_json_path(&r, Task::new("Call HTTP API", make(JsonPath::object_at("$.query"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn call_aws_service() {
    let make = |key: Payload| {
        CallAwsService::new("s3", "getObject", ["arn:aws:s3:::amzn-s3-demo-bucket/*"]).parameters(Payload::from_object(
            [("Bucket", "amzn-s3-demo-bucket".into()), ("Key", key)],
        ))
    };
    let r = render(
        Task::jsonata("GetObject", make(input("key"))).output(Jsonata::states_result().field("Body").into()),
        &[],
    );
    assert_like_json_path(&r, Task::new("GetObject", make(JsonPath::string_at("$.key"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn eks_call() {
    let make = |path: Payload| EksCall::new(eks_cluster(), HttpMethods::Get, path);
    let r = render(Task::jsonata("Call a EKS Endpoint", make(input("path"))), &[]);
    assert_eq!(r["PolicyStatements"], json!([]));
    assert_like_json_path(
        &r,
        Task::new("Call a EKS Endpoint", make(JsonPath::string_at("$.path"))),
    );
    insta::assert_json_snapshot!(r);
}

// --- EMR ---

#[test]
fn emr_create_cluster() {
    let make = |name: Payload| EmrCreateCluster::new(name, emr_groups(), emr_roles());
    let r = render(
        Task::jsonata("Create Cluster", make(input("clusterName")))
            .assign("clusterId", Jsonata::states_result().field("ClusterId")),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new("Create Cluster", make(JsonPath::string_at("$.clusterName"))),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_add_step() {
    let make = |cluster: Payload| EmrAddStep::new(cluster, "StepName", "Jar");
    let r = render(Task::jsonata("Task", make(input("ClusterId"))), &[]);
    assert_like_json_path(&r, Task::new("Task", make(JsonPath::string_at("$.ClusterId"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_cancel_step() {
    let make = |step: Payload| EmrCancelStep::new("j-2AXXXXXXGAPLF", step);
    let r = render(Task::jsonata("Task", make(input("StepId"))), &[]);
    assert_like_json_path(&r, Task::new("Task", make(JsonPath::string_at("$.StepId"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_terminate_cluster() {
    let make = |cluster: Payload| EmrTerminateCluster::new(cluster);
    let r = render(Task::jsonata("Task", make(input("ClusterId"))), &[]);
    assert_like_json_path(&r, Task::new("Task", make(JsonPath::string_at("$.ClusterId"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_set_cluster_termination_protection() {
    let make = |cluster: Payload| EmrSetClusterTerminationProtection::new(cluster, true);
    let r = render(Task::jsonata("Task", make(input("ClusterId"))), &[]);
    assert_like_json_path(&r, Task::new("Task", make(JsonPath::string_at("$.ClusterId"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_modify_instance_fleet_by_name() {
    let make = |spot: Payload| EmrModifyInstanceFleetByName::new("j-2AXXXXXXGAPLF", "Core", 2, spot);
    let r = render(Task::jsonata("Task", make(input("spot"))), &[]);
    assert_like_json_path(&r, Task::new("Task", make(JsonPath::number_at("$.spot"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_modify_instance_group_by_name() {
    let make = |cluster: Payload, group: Payload, count: Payload| {
        EmrModifyInstanceGroupByName::new(
            cluster,
            group,
            EmrInstanceGroupModifyConfig::new().instance_count(count),
        )
    };
    let r = render(
        Task::jsonata(
            "Task",
            make(input("ClusterId"), input("InstanceGroupName"), input("nodes")),
        ),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Task",
            make(
                JsonPath::string_at("$.ClusterId"),
                JsonPath::string_at("$.InstanceGroupName"),
                JsonPath::number_at("$.nodes"),
            ),
        ),
    );
    insta::assert_json_snapshot!(r);
}

// --- EMR on EKS ---

#[test]
fn emr_containers_create_virtual_cluster() {
    let make = |cluster: Payload, name: Payload| {
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(cluster))
            .eks_namespace("spark-jobs")
            .virtual_cluster_name(name)
    };
    let r = render(
        Task::jsonata("Create a Virtual Cluster", make(input("cluster"), input("name"))),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Create a Virtual Cluster",
            make(JsonPath::string_at("$.cluster"), JsonPath::string_at("$.name")),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_containers_delete_virtual_cluster() {
    let make = |id: Payload| EmrContainersDeleteVirtualCluster::new(id);
    let r = render(
        Task::jsonata("Delete a Virtual Cluster", make(input("virtualCluster"))).run_job(),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Delete a Virtual Cluster",
            make(JsonPath::string_at("$.virtualCluster")),
        )
        .run_job(),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_containers_start_job_run() {
    let make = |name: Payload| {
        EmrContainersStartJobRun::new(
            VirtualClusterInput::from_virtual_cluster_id(VC),
            ReleaseLabel::EMR_6_2_0,
            emr_containers_role(),
            SparkSubmitJobDriver::new(PI),
        )
        .job_name(name)
    };
    let r = render(
        Task::jsonata(
            "EMR Containers Start Job Run",
            make(Jsonata::states_context().field("Execution").field("Name").into()),
        ),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "EMR Containers Start Job Run",
            make(JsonPath::string_at("$$.Execution.Name")),
        ),
    );
    insta::assert_json_snapshot!(r);
}

// --- SageMaker ---

#[test]
fn sagemaker_create_model() {
    let make = |version: Payload| {
        SageMakerCreateModel::new(
            "MyModel",
            ContainerDefinition::new()
                .image(DockerImage::from_json_expression("$.Model.imageName"))
                .environment("MODEL_VERSION", version),
        )
        .role(sagemaker_role())
    };
    let r = render(Task::jsonata("Sagemaker", make(input("version"))), &[]);
    assert_eq!(
        arguments(&r, "Sagemaker")["PrimaryContainer"]["Image"],
        "{% $states.input.Model.imageName %}"
    );
    assert_like_json_path(&r, Task::new("Sagemaker", make(JsonPath::string_at("$.version"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn sagemaker_create_endpoint_config() {
    let make = |model: Payload| {
        SageMakerCreateEndpointConfig::new(
            "MyEndpointConfig",
            [ProductionVariant::new(model, "awesome-variant", "ml.m5.xlarge")],
        )
    };
    let r = render(Task::jsonata("SagemakerEndpointConfig", make(input("modelName"))), &[]);
    assert_like_json_path(
        &r,
        Task::new("SagemakerEndpointConfig", make(JsonPath::string_at("$.modelName"))),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn sagemaker_create_endpoint() {
    let make = |name: Payload| SageMakerCreateEndpoint::new(name, "MyEndpointConfig");
    let r = render(Task::jsonata("SagemakerEndpoint", make(input("EndpointName"))), &[]);
    assert_like_json_path(
        &r,
        Task::new("SagemakerEndpoint", make(JsonPath::string_at("$.EndpointName"))),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn sagemaker_update_endpoint() {
    let make = |name: Payload, config: Payload| SageMakerUpdateEndpoint::new(name, config);
    let r = render(
        Task::jsonata(
            "SagemakerEndpoint",
            make(
                Jsonata::states_input().field("Endpoint").field("Name").into(),
                Jsonata::states_input().field("Endpoint").field("EndpointConfig").into(),
            ),
        ),
        &[],
    );
    assert_like_json_path(
        &r,
        Task::new(
            "SagemakerEndpoint",
            make(
                JsonPath::string_at("$.Endpoint.Name"),
                JsonPath::string_at("$.Endpoint.EndpointConfig"),
            ),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn sagemaker_create_training_job() {
    let make = |name: Payload| {
        SageMakerCreateTrainingJob::new(
            name,
            AlgorithmSpecification::algorithm_name("my-algorithm"),
            [Channel::new(
                "train",
                S3DataSource::new(SageMakerS3Location::from_bucket("training-data", "train/")),
            )],
            OutputDataConfig::new(SageMakerS3Location::from_bucket("training-data", "models/")),
        )
        .role(sagemaker_role())
    };
    let r = render(
        Task::jsonata("Train", make(input("JobName"))).output(Jsonata::states_result().field("TrainingJobArn").into()),
        &[],
    );
    assert_like_json_path(&r, Task::new("Train", make(JsonPath::string_at("$.JobName"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn sagemaker_create_transform_job() {
    let make = |name: Payload| {
        SageMakerCreateTransformJob::new(
            name,
            "MyModelName",
            TransformInput::new("s3://inputbucket/train"),
            TransformOutput::new("s3://outputbucket/TransformJobOutputPath"),
        )
    };
    let r = render(Task::jsonata("Batch Inference", make(input("jobName"))), &[]);
    assert_like_json_path(&r, Task::new("Batch Inference", make(JsonPath::string_at("$.jobName"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn emr_containers_default_name_is_a_jsonata_expression() {
    // The default name is `States.Format('{}/{}', $$.Execution.Name, $$.State.Name)` in JSONPath:
    // in JSONata, its equivalent expression.
    let task = Task::jsonata(
        "Create a Virtual Cluster",
        EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(input("cluster"))),
    );
    let r = render(task, &[]);
    assert_eq!(
        r["States"]["Create a Virtual Cluster"]["Arguments"]["Name"],
        "{% $states.context.Execution.Name & '/' & $states.context.State.Name %}"
    );
}

#[test]
fn start_execution_merges_the_parent_id_into_a_jsonata_input() {
    let task = Task::jsonata(
        "Start",
        StepFunctionsStartExecution::new(StateMachineRef::from_arn(
            "arn:aws:states:us-east-1:123456789012:stateMachine:Child",
        ))
        .input(Jsonata::states_input().field("payload").into())
        .associate_with_parent(true),
    );
    let r = render(task, &[]);
    assert_eq!(
        r["States"]["Start"]["Arguments"]["Input"],
        "{% $merge([$states.input.payload, {'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID': $states.context.Execution.Id}]) %}"
    );
}

#[test]
fn mediaconvert_create_job() {
    let make = |file: Payload| {
        MediaConvertCreateJob::new(Payload::from_object([
            ("Role", "arn:aws:iam::123456789012:role/MediaConvertRole".into()),
            (
                "Settings",
                Payload::from_object([(
                    "Inputs",
                    Payload::Array(vec![Payload::from_object([("FileInput", file)])]),
                )]),
            ),
        ]))
    };
    let r = render(Task::jsonata("Transcode", make(input("inputFile"))).run_job(), &[]);
    assert_eq!(
        arguments(&r, "Transcode")["Settings"]["Inputs"][0]["FileInput"],
        "{% $states.input.inputFile %}"
    );
    assert_like_json_path(
        &r,
        Task::new("Transcode", make(JsonPath::string_at("$.inputFile"))).run_job(),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn bedrock_invoke_model() {
    let model = BedrockModel::foundation("amazon.titan-text-express-v1");
    let make = |prompt: Payload, uri: Payload| {
        BedrockInvokeModel::new(&model, Payload::from_object([("inputText", prompt)]))
            .output(BedrockS3Location::uri(uri, "answers"))
            .guardrail(BedrockGuardrail::enable("guardrail1abc", 1))
    };
    let r = render(Task::jsonata("Prompt", make(input("prompt"), input("answerUri"))), &[]);
    assert_eq!(
        arguments(&r, "Prompt")["Body"]["inputText"],
        "{% $states.input.prompt %}"
    );
    assert_eq!(
        arguments(&r, "Prompt")["Output"]["S3Uri"],
        "{% $states.input.answerUri %}"
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Prompt",
            make(JsonPath::string_at("$.prompt"), JsonPath::string_at("$.answerUri")),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn call_aws_service_cross_region() {
    let make = |key: Payload| {
        let mut t = Template::new();
        CallAwsServiceCrossRegion::builder("ap-northeast-1", "s3", "getObject")
            .parameters(Payload::from_object([
                ("Bucket", "my-tokyo-bucket".into()),
                ("Key", key),
            ]))
            .iam_resources(["arn:aws:s3:::my-tokyo-bucket/*"])
            .add_to(&mut t)
            .unwrap()
    };
    let r = render(Task::jsonata("GetObject", make(input("key"))), &[]);
    assert_eq!(
        arguments(&r, "GetObject")["parameters"]["Key"],
        "{% $states.input.key %}"
    );
    assert_like_json_path(&r, Task::new("GetObject", make(JsonPath::string_at("$.key"))));
    insta::assert_json_snapshot!(r);
}

#[test]
fn eventbridge_scheduler_create_schedule() {
    let make = |name: Payload, input: Payload| {
        EventBridgeSchedulerCreateScheduleTask::new(
            name,
            Schedule::rate(std::time::Duration::from_secs(300)),
            SchedulerTarget::new(
                "arn:aws:sqs:us-east-1:123456789012:TargetQueue",
                "arn:aws:iam::123456789012:role/SchedulerRole",
            )
            .input(input),
        )
    };
    let r = render(
        Task::jsonata("Create Schedule", make(input("name"), input("message"))),
        &[],
    );
    assert_eq!(arguments(&r, "Create Schedule")["Name"], "{% $states.input.name %}");
    assert_eq!(
        arguments(&r, "Create Schedule")["Target"]["Input"],
        "{% $states.input.message %}"
    );
    assert_like_json_path(
        &r,
        Task::new(
            "Create Schedule",
            make(JsonPath::string_at("$.name"), JsonPath::string_at("$.message")),
        ),
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn http_invoke() {
    let connection = EventBridgeConnection::from_arns(
        "arn:aws:events:us-east-1:123456789012:connection/MyConnection/11111111-2222-3333-4444-555555555555",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/MyConnection/abcdef-AbCdEf",
    );
    let make = |endpoint: Payload, body: Payload| {
        HttpInvoke::new(&connection, "https://api.example.com", endpoint, HttpMethod::Post).body(body)
    };
    let r = render(Task::jsonata("Call", make(input("path"), input("order"))), &[]);
    assert_eq!(
        arguments(&r, "Call")["ApiEndpoint"],
        "{% \"https://api.example.com\" & '/' & ($states.input.path) %}"
    );
    assert_eq!(arguments(&r, "Call")["RequestBody"], "{% $states.input.order %}");
    insta::assert_json_snapshot!(r);
}
