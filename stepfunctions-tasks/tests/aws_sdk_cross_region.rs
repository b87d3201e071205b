//! `CallAwsServiceCrossRegion`: the state, the function and its role in the template, several
//! calls sharing one function, every rejection; and the function's code, run with Node.js
//! against stand-in SDK packages.

use cfn_model::iam::PolicyStatement;
use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::{CallAwsServiceCrossRegion, CROSS_REGION_FUNCTION_ID};

mod common;
use common::{reason_at, resources};

fn get_object(t: &mut Template) -> CallAwsServiceCrossRegion {
    CallAwsServiceCrossRegion::builder("ap-northeast-1", "s3", "getObject")
        .parameters(Payload::from_object([
            ("Bucket", "my-tokyo-bucket".into()),
            ("Key", JsonPath::string_at("$.key")),
        ]))
        .iam_resources(["arn:aws:s3:::my-tokyo-bucket/*"])
        .add_to(t)
        .unwrap()
}

#[test]
fn the_state_invokes_the_function_with_the_call() {
    let mut t = Template::new();
    let r = render_state(Task::new("Task", get_object(&mut t))).unwrap();
    let state = &r["States"]["Task"];
    assert_eq!(
        state["Parameters"],
        json!({"region": "ap-northeast-1", "action": "getObject", "service": "s3",
               "parameters": {"Bucket": "my-tokyo-bucket", "Key.$": "$.key"}})
    );
    assert_eq!(
        state["Retry"][0]["ErrorEquals"][0],
        "Lambda.ClientExecutionTimeoutException"
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn the_template_defines_the_function_its_role_and_the_calls_policy() {
    let mut t = Template::new();
    get_object(&mut t);
    let res = resources(&t);
    let function = &res[CROSS_REGION_FUNCTION_ID];
    assert_eq!(function["Properties"]["Runtime"], "nodejs24.x");
    assert_eq!(function["Properties"]["Timeout"], 30);
    assert!(function["Properties"]["Code"]["ZipFile"]
        .as_str()
        .unwrap()
        .contains("@aws-sdk/client-"));
    let policy = &res[format!("{CROSS_REGION_FUNCTION_ID}ServiceRoleDefaultPolicy")]["Properties"]["PolicyDocument"];
    assert_eq!(
        policy["Statement"],
        json!([{"Effect": "Allow", "Action": "s3:getObject", "Resource": "arn:aws:s3:::my-tokyo-bucket/*"}])
    );
    let mut res = res;
    res[CROSS_REGION_FUNCTION_ID]["Properties"]["Code"]["ZipFile"] = json!("<handler>");
    insta::assert_json_snapshot!(res);
}

#[test]
fn calls_share_the_function_each_with_its_policy() {
    let mut t = Template::new();
    get_object(&mut t);
    let list = CallAwsServiceCrossRegion::builder("eu-west-1", "cloudwatch-logs", "describeLogGroups")
        .iam_resources(["*"])
        .additional_iam_statements([PolicyStatement::allow(["kms:Decrypt"], [Expr::lit("*")])])
        .endpoint("https://logs-fips.eu-west-1.amazonaws.com")
        .retry_on_service_exceptions(false)
        .add_to(&mut t)
        .unwrap();
    let third = CallAwsServiceCrossRegion::builder("us-west-2", "sfn", "listStateMachines")
        .iam_resources(["*"])
        .add_to(&mut t)
        .unwrap();
    assert_eq!(list.function_arn(), third.function_arn());
    let res = resources(&t);
    assert_eq!(res.as_object().unwrap().len(), 5, "function, role, three policies");
    let second = &res[format!("{CROSS_REGION_FUNCTION_ID}ServiceRoleDefaultPolicy2")]["Properties"];
    assert_eq!(
        second["PolicyDocument"]["Statement"],
        json!([{"Effect": "Allow", "Action": ["logs:describeLogGroups", "kms:Decrypt"], "Resource": "*"}])
    );
    let third_policy = &res[format!("{CROSS_REGION_FUNCTION_ID}ServiceRoleDefaultPolicy3")]["Properties"];
    assert_eq!(
        third_policy["PolicyDocument"]["Statement"][0]["Action"],
        "states:listStateMachines"
    );
    let r = render_state(Task::new("Task", list)).unwrap();
    assert!(r["States"]["Task"].get("Retry").is_none());
    assert_eq!(
        r["States"]["Task"]["Parameters"]["endpoint"],
        "https://logs-fips.eu-west-1.amazonaws.com"
    );
}

#[test]
fn a_region_from_the_input() {
    let mut t = Template::new();
    let call = CallAwsServiceCrossRegion::builder(JsonPath::string_at("$.region"), "s3", "listBuckets")
        .iam_resources(["*"])
        .iam_action("s3:ListAllMyBuckets")
        .add_to(&mut t)
        .unwrap();
    let r = render_state(Task::new("Task", call)).unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"]["region.$"], "$.region");
    let res = resources(&t);
    assert_eq!(
        res[format!("{CROSS_REGION_FUNCTION_ID}ServiceRoleDefaultPolicy")]["Properties"]["PolicyDocument"]["Statement"]
            [0]["Action"],
        "s3:ListAllMyBuckets"
    );
}

#[test]
fn rejects_a_template_whose_id_is_taken_by_another_resource() {
    let mut t = Template::new();
    t.add_resource(CROSS_REGION_FUNCTION_ID, cfn_model::Resource::new("AWS::SQS::Queue"))
        .unwrap();
    let e = CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "listBuckets")
        .iam_resources(["*"])
        .add_to(&mut t)
        .unwrap_err();
    assert!(e.to_string().contains("not the cross-region call function"), "{e}");
}

fn rejected(b: stepfunctions_tasks::CallAwsServiceCrossRegionBuilder) -> String {
    let mut t = Template::new();
    reason_at(
        "Task",
        render_state(Task::new("Task", b.add_to(&mut t).unwrap())).unwrap_err(),
    )
}

#[test]
fn rejects_a_malformed_region() {
    for region in ["Tokyo", "us-east", "ap_northeast_1", ""] {
        let e = rejected(CallAwsServiceCrossRegion::builder(region, "s3", "listBuckets").iam_resources(["*"]));
        assert!(e.contains("is not a region code"), "{region}: {e}");
    }
}

#[test]
fn rejects_a_service_that_is_no_sdk_package_name() {
    for service in ["S3", "cloudwatch logs", "-s3", ""] {
        let e = rejected(CallAwsServiceCrossRegion::builder("eu-west-1", service, "listBuckets").iam_resources(["*"]));
        assert!(
            e.contains("is not an AWS SDK for JavaScript v3 service name"),
            "{service}: {e}"
        );
    }
}

#[test]
fn rejects_what_an_sdk_call_rejects() {
    let e = rejected(CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "GetObject").iam_resources(["*"]));
    assert!(e.contains("camelCase"), "{e}");
    let e = rejected(
        CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "getObject")
            .iam_resources(["*"])
            .parameters(Payload::from_object([("bucket", "b".into())])),
    );
    assert!(e.contains("PascalCase"), "{e}");
    let e = rejected(CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "getObject"));
    assert!(e.contains("at least one IAM resource"), "{e}");
    let e = rejected(
        CallAwsServiceCrossRegion::builder("eu-west-1", "s3", "listBuckets")
            .iam_resources(["*"])
            .iam_action("ListAllMyBuckets"),
    );
    assert!(e.contains("must be `<prefix>:<Action>`"), "{e}");
}

/// The function's code, run by Node.js (when installed) against stand-in SDK packages: the
/// client of the package is made for the region and endpoint asked, the command found by the
/// action's name, a streamed body read as text, a byte payload decoded, an SDK error thrown
/// with its name (what Step Functions reports as the error).
#[test]
fn the_function_code_makes_the_call() {
    let Ok(out) = std::process::Command::new("node").arg("--version").output() else {
        eprintln!("node is not installed: the function's code is not run");
        return;
    };
    assert!(out.status.success());
    let dir = std::env::temp_dir().join(format!("sfn-cross-region-{}", std::process::id()));
    let module = |name: &str, code: &str| {
        let at = dir.join("node_modules/@aws-sdk").join(name);
        std::fs::create_dir_all(&at).unwrap();
        std::fs::write(at.join("index.js"), code).unwrap();
    };
    module(
        "client-s3",
        r#"class __Client {}
class S3Client { constructor(c) { this.config = c; }
  async send(cmd) {
    if (cmd.input.Key === 'missing') { const e = new Error('The specified key does not exist.'); e.name = 'NoSuchKey'; throw e; }
    return { $metadata: { httpStatusCode: 200 }, ContentLength: 5,
      Body: { transformToString: async () => `${this.config.region}:${cmd.input.Bucket}/${cmd.input.Key}`, socket: {} } };
  } }
class GetObjectCommand { constructor(i) { this.input = i; } }
module.exports = { __Client, S3Client, GetObjectCommand };"#,
    );
    module(
        "client-lambda",
        r#"class LambdaClient { constructor(c) { this.config = c; }
  async send() { return { StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify({ endpoint: this.config.endpoint })) }; } }
class InvokeCommand { constructor(i) { this.input = i; } }
module.exports = { LambdaClient, InvokeCommand };"#,
    );
    let mut t = Template::new();
    get_object(&mut t);
    let code = resources(&t)[CROSS_REGION_FUNCTION_ID]["Properties"]["Code"]["ZipFile"]
        .as_str()
        .unwrap()
        .to_owned();
    std::fs::write(dir.join("index.js"), code).unwrap();
    let script = r#"
const { handler } = require('./index.js');
(async () => {
  const out = [];
  out.push(await handler({ region: 'ap-northeast-1', service: 's3', action: 'getObject', parameters: { Bucket: 'b', Key: 'k' } }));
  out.push(await handler({ region: 'eu-west-1', service: 'lambda', action: 'invoke', endpoint: 'https://lambda.example' }));
  for (const event of [{ service: 's3', action: 'getObject', parameters: { Key: 'missing' } }, { service: 's3', action: 'putObject' }]) {
    try { await handler({ region: 'eu-west-1', ...event }); out.push('no error'); } catch (e) { out.push(`${e.name}: ${e.message}`); }
  }
  process.stdout.write('\n' + JSON.stringify(out));
})();
"#;
    let run = std::process::Command::new("node")
        .arg("-e")
        .arg(script)
        .current_dir(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    // The handler logs each request on stdout; the result is the last line.
    let stdout = String::from_utf8(run.stdout).unwrap();
    let out: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default()).unwrap();
    assert_eq!(
        out,
        json!([
            {"$metadata": {"httpStatusCode": 200}, "ContentLength": 5, "Body": "ap-northeast-1:b/k"},
            {"StatusCode": 200, "Payload": {"endpoint": "https://lambda.example"}},
            "NoSuchKey: The specified key does not exist.",
            "Error: @aws-sdk/client-s3 has no command for the action putObject"
        ])
    );
}
