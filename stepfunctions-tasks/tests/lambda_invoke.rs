//! `LambdaInvoke` and `StepFunctionsInvokeActivity`: defaults, every option, every rejection.
//! Each snapshot holds the rendered state with the policy statements it needs.

use cfn_model::Expr;
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{LambdaFunction, LambdaInvocationType, LambdaInvoke, StepFunctionsInvokeActivity};

fn function() -> LambdaFunction {
    LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn")
}

#[test]
fn default_settings() {
    let r = render_state(Task::new("Invoke", LambdaInvoke::new(function()))).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Invoke",
        LambdaInvoke::new(LambdaFunction::from_arn(Expr::get_att("Fn", "Arn")))
            .payload(Payload::from_object([
                ("input", JsonPath::string_at("$.someField")),
                ("static", 1.into()),
            ]))
            .invocation_type(LambdaInvocationType::Event)
            .client_context("eyJjdXN0b20iOnt9fQ==")
            .qualifier("live")
            .retry_on_service_exceptions(false),
    )
    .comment("all options")
    .input_path("$.in")
    .result_selector(Payload::from_object([("status", JsonPath::number_at("$.StatusCode"))]))
    .result_path("$.out")
    .output_path("$.out")
    .timeout(Timeout::seconds(30))
    .heartbeat(Timeout::seconds(10))
    .credentials(Credentials::role("arn:aws:iam::111122223333:role/Invoker"))
    .retry(Retry::on(["Custom"]).max_attempts(1))
    .catch(Catch::all(Fail::new("Failed")).result_path("$.error"));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn wait_for_task_token() {
    let task = Task::new(
        "Invoke with callback",
        LambdaInvoke::new(function()).payload(Payload::from_object([
            ("token", JsonPath::task_token()),
            ("input", JsonPath::string_at("$.someField")),
        ])),
    )
    .wait_for_task_token();
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn payload_response_only() {
    let task = Task::new(
        "Invoke",
        LambdaInvoke::payload_response_only(function()).payload(Payload::from_object([("k", "v".into())])),
    )
    .result_path("$.fn");
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn credentials_from_a_path_assume_any_role() {
    let task = Task::new("Invoke", LambdaInvoke::new(function())).credentials(Credentials::role_at("$.roleArn"));
    let r = render_state(task).unwrap();
    assert_eq!(
        r["States"]["Invoke"]["Credentials"],
        serde_json::json!({"RoleArn.$": "$.roleArn"})
    );
    assert_eq!(
        r["PolicyStatements"][1],
        serde_json::json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"})
    );
}

#[test]
fn invoke_activity() {
    let task = Task::new(
        "Submit Job",
        StepFunctionsInvokeActivity::new(Expr::reference("SubmitJob")),
    )
    .timeout(Timeout::at("$.timeoutSeconds"))
    .heartbeat(Timeout::at("$.heartbeatSeconds"));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn fails_when_waiting_for_a_token_not_passed() {
    let e = render_state(Task::new("Invoke", LambdaInvoke::new(function())).wait_for_task_token()).unwrap_err();
    assert!(
        matches!(e, Error::InvalidTask { ref state, .. } if state == "Invoke"),
        "{e:?}"
    );
}

#[test]
fn fails_when_the_client_context_is_not_base64() {
    let e = render_state(Task::new(
        "Invoke",
        LambdaInvoke::new(function()).client_context("not base64!"),
    ))
    .unwrap_err();
    assert!(
        matches!(e, Error::InvalidTask { ref field, ref reason, .. }
            if field.as_deref() == Some("ClientContext") && reason.contains("base64")),
        "{e:?}"
    );
    let long = "A".repeat(3584);
    let e = render_state(Task::new("Invoke", LambdaInvoke::new(function()).client_context(long))).unwrap_err();
    assert!(
        matches!(e, Error::InvalidTask { ref reason, .. } if reason.contains("3583")),
        "{e:?}"
    );
}

#[test]
fn fails_when_the_qualifier_is_empty() {
    let e = render_state(Task::new("Invoke", LambdaInvoke::new(function()).qualifier(""))).unwrap_err();
    assert!(matches!(e, Error::InvalidTask { .. }), "{e:?}");
}

#[test]
fn invoking_an_alias_or_a_version_grants_exactly_it() {
    for (qualified, arn) in [
        (
            function().alias("live"),
            "arn:aws:lambda:us-east-1:123456789012:function:MyFn:live",
        ),
        (
            function().version(3),
            "arn:aws:lambda:us-east-1:123456789012:function:MyFn:3",
        ),
        (
            LambdaFunction::from_qualified_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn:blue"),
            "arn:aws:lambda:us-east-1:123456789012:function:MyFn:blue",
        ),
    ] {
        let r = render_state(Task::new("Invoke", LambdaInvoke::new(qualified))).unwrap();
        assert_eq!(r["States"]["Invoke"]["Parameters"]["FunctionName"], arn);
        assert_eq!(
            r["PolicyStatements"],
            serde_json::json!([{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": arn}])
        );
    }
}

#[test]
fn aliases_and_versions_defined_in_the_template() {
    use cfn_model::Template;
    use stepfunctions_tasks::{InlineFunction, LambdaAlias, LambdaVersion};
    let mut t = Template::new();
    let f = InlineFunction::python("Worker", "def handler(e, c):\n    return e\n")
        .add_to(&mut t)
        .unwrap();
    let v1 = LambdaVersion::new("WorkerV1", &f)
        .description("first")
        .add_to(&mut t)
        .unwrap();
    let live = LambdaAlias::new("WorkerLive", &f, "live", &v1).add_to(&mut t).unwrap();
    StateMachine::new("M", Task::new("Invoke", LambdaInvoke::new(live)))
        .add_to(&mut t)
        .unwrap();
    let (json, _) = stepfunctions::synth(&t, true).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["Resources"]["WorkerV1"],
        serde_json::json!({"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Fn::GetAtt": ["Worker", "Arn"]}, "Description": "first"}})
    );
    assert_eq!(
        v["Resources"]["WorkerLive"],
        serde_json::json!({"Type": "AWS::Lambda::Alias", "Properties": {
            "FunctionName": {"Fn::GetAtt": ["Worker", "Arn"]},
            "FunctionVersion": {"Fn::GetAtt": ["WorkerV1", "Version"]},
            "Name": "live"
        }})
    );
    let statement = &v["Resources"]["MRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"][0];
    assert_eq!(statement["Resource"], serde_json::json!({"Ref": "WorkerLive"}));
    // A literal version number is taken from the qualified ARN.
    let mut t = Template::new();
    LambdaAlias::new("Blue", &function(), "blue", &function().version(7))
        .add_to(&mut t)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    assert_eq!(v["Resources"]["Blue"]["Properties"]["FunctionVersion"], "7");
}

#[test]
fn fails_when_an_alias_is_qualified_again_or_badly_named() {
    let e = render_state(Task::new(
        "Invoke",
        LambdaInvoke::new(function().alias("live")).qualifier("v2"),
    ))
    .unwrap_err();
    assert!(
        matches!(e, Error::InvalidTask { ref field, .. } if field.as_deref() == Some("Qualifier")),
        "{e:?}"
    );
    for bad in ["", "12", "has space"] {
        let e = stepfunctions_tasks::LambdaAlias::new("A", &function(), bad, &function().version(1))
            .add_to(&mut cfn_model::Template::new())
            .unwrap_err();
        assert!(
            matches!(e, Error::InvalidResource { field: "Name", .. }),
            "{bad:?}: {e:?}"
        );
    }
}

#[test]
fn an_alias_takes_a_version_and_its_number() {
    use stepfunctions_tasks::LambdaAlias;
    let sub = LambdaFunction::from_arn(Expr::sub(
        "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:F",
    ));
    let mut t = cfn_model::Template::new();
    LambdaAlias::new("A", &sub, "live", &sub.version(3))
        .add_to(&mut t)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    assert_eq!(v["Resources"]["A"]["Properties"]["FunctionVersion"], "3");
    for not_a_version in [function(), function().alias("live")] {
        let e = LambdaAlias::new("B", &function(), "live", &not_a_version)
            .add_to(&mut cfn_model::Template::new())
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidResource {
                    field: "FunctionVersion",
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
