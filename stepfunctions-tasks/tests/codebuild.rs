//! `CodeBuildStartBuild`, `CodeBuildStartBuildBatch` and `InlineBuildProject`: defaults, every
//! option, each pattern, every rejection. Each snapshot holds the rendered state with the policy statements it needs.

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{
    BuildEnvironmentVariable, BuildEnvironmentVariableType, CodeBuildProject, CodeBuildStartBuild,
    CodeBuildStartBuildBatch, InlineBuildProject,
};

fn project() -> CodeBuildProject {
    CodeBuildProject::from_name("MyTestProject")
}

fn actions(r: &Value) -> Vec<String> {
    let mut out = vec![];
    for st in r["PolicyStatements"].as_array().unwrap() {
        match &st["Action"] {
            Value::Array(a) => out.extend(a.iter().map(|v| v.as_str().unwrap().to_owned())),
            one => out.push(one.as_str().unwrap().to_owned()),
        }
    }
    out
}

#[test]
fn default_settings() {
    let r = render_state(Task::new("Task", CodeBuildStartBuild::new(project()))).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Task",
        CodeBuildStartBuild::new(CodeBuildProject::from_name(Expr::reference("ProjectName")))
            .environment_variable(
                "ZONE",
                BuildEnvironmentVariable::plaintext(JsonPath::string_at("$.envVariables.zone")),
            )
            .environment_variable("TOKEN", BuildEnvironmentVariable::parameter_store("/app/token"))
            .environment_variable(
                "PASSWORD",
                BuildEnvironmentVariable::secrets_manager("prod/db:password"),
            )
            .environment_variable(
                "STAGE",
                BuildEnvironmentVariable::new(BuildEnvironmentVariableType::Plaintext, "prod"),
            )
            .source_version(JsonPath::string_at("$.commit"))
            .buildspec_override("version: 0.2\nphases:\n  build:\n    commands:\n      - make test\n"),
    )
    .result_selector(Payload::from_object([("buildId", JsonPath::string_at("$.Build.Id"))]));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn run_job() {
    let r = render_state(Task::new("Task", CodeBuildStartBuild::new(project())).run_job()).unwrap();
    assert_eq!(
        actions(&r),
        [
            "codebuild:StartBuild",
            "codebuild:StopBuild",
            "codebuild:BatchGetBuilds",
            "events:PutTargets",
            "events:PutRule",
            "events:DescribeRule"
        ]
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn request_response_may_only_start_the_build() {
    let r = render_state(Task::new("Task", CodeBuildStartBuild::new(project()))).unwrap();
    assert_eq!(actions(&r), ["codebuild:StartBuild"]);
    assert_eq!(
        r["PolicyStatements"][0]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/MyTestProject"})
    );
}

#[test]
fn a_project_read_from_the_input_widens_to_the_account() {
    let r = render_state(Task::new(
        "Task",
        CodeBuildStartBuild::new(CodeBuildProject::from_json_path("$.project")),
    ))
    .unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"], json!({"ProjectName.$": "$.project"}));
    assert_eq!(
        r["PolicyStatements"][0]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/*"})
    );
}

#[test]
fn inline_project() {
    let mut t = Template::new();
    let p = InlineBuildProject::new(
        "Project",
        json!({"version": "0.2", "phases": {"build": {"commands": ["echo \"Hello, CodeBuild!\""]}}}),
    )
    .project_name("MyTestProject")
    .timeout_minutes(10)
    .add_to_role_policy(cfn_model::iam::PolicyStatement::allow(
        ["ssm:GetParameters"],
        [Expr::sub(
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*",
        )],
    ))
    .add_to(&mut t)
    .unwrap();
    assert_eq!(p.name(), &Payload::String(Expr::reference("Project")));
    assert_eq!(p.arn(), &Expr::get_att("Project", "Arn"));
    let template: Value = serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap();
    insta::assert_json_snapshot!(template);
}

#[test]
fn fails_when_the_inline_project_timeout_is_out_of_range() {
    let e = InlineBuildProject::new("Project", json!({"version": "0.2"}))
        .timeout_minutes(4)
        .add_to(&mut Template::new())
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidResource {
                field: "TimeoutInMinutes",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn fails_when_the_project_name_is_too_short() {
    let e = render_state(Task::new(
        "Task",
        CodeBuildStartBuild::new(CodeBuildProject::from_name("P")),
    ))
    .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidTask { state, reason, .. } if state == "Task" && reason.contains("2 to 255")),
        "{e:?}"
    );
}

#[test]
fn fails_when_an_environment_variable_has_no_name() {
    let e = render_state(Task::new(
        "Task",
        CodeBuildStartBuild::new(project()).environment_variable("", BuildEnvironmentVariable::plaintext("x")),
    ))
    .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidTask { reason, .. } if reason.contains("no name")),
        "{e:?}"
    );
}

#[test]
fn fails_when_the_buildspec_override_is_empty() {
    let e = render_state(Task::new(
        "Task",
        CodeBuildStartBuild::new(project()).buildspec_override(""),
    ))
    .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidTask { reason, .. } if reason.contains("empty")),
        "{e:?}"
    );
}

// --- CodeBuildStartBuildBatch ---

#[test]
fn batch_default_settings() {
    let r = render_state(Task::new("Build Batch", CodeBuildStartBuildBatch::new(project()))).unwrap();
    assert_eq!(actions(&r), ["codebuild:StartBuildBatch"]);
    assert_eq!(
        r["States"]["Build Batch"]["Parameters"],
        json!({"ProjectName": "MyTestProject"})
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn batch_run_job_with_every_override() {
    let task = Task::new(
        "Build Batch",
        CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("MyBatchProject"))
            .environment_variable(
                "ZONE",
                BuildEnvironmentVariable::plaintext(JsonPath::string_at("$.zone")),
            )
            .environment_variable("TOKEN", BuildEnvironmentVariable::parameter_store("/my/token"))
            .source_version(JsonPath::string_at("$.commit"))
            .buildspec_override("buildspec-batch.yml"),
    )
    .run_job();
    let r = render_state(task).unwrap();
    assert_eq!(
        actions(&r),
        [
            "codebuild:StartBuildBatch",
            "codebuild:StopBuildBatch",
            "codebuild:BatchGetBuildBatches",
            "events:PutTargets",
            "events:PutRule",
            "events:DescribeRule"
        ]
    );
    assert_eq!(
        r["PolicyStatements"][1]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventForCodeBuildStartBuildBatchRule"})
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn a_batch_project_read_from_the_input_widens_to_the_account() {
    let r = render_state(Task::new(
        "Task",
        CodeBuildStartBuildBatch::new(CodeBuildProject::from_json_path("$.project")),
    ))
    .unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"], json!({"ProjectName.$": "$.project"}));
    assert_eq!(
        r["PolicyStatements"][0]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/*"})
    );
}

#[test]
fn batch_rejections() {
    let e = render_state(Task::new(
        "Task",
        CodeBuildStartBuildBatch::new(CodeBuildProject::from_name("P")),
    ))
    .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidTask { state, reason, .. } if state == "Task" && reason.contains("2 to 255")),
        "{e:?}"
    );
    let e = render_state(Task::new(
        "Task",
        CodeBuildStartBuildBatch::new(project()).environment_variable("", BuildEnvironmentVariable::plaintext("x")),
    ))
    .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidTask { reason, .. } if reason.contains("no name")),
        "{e:?}"
    );
    let e = render_state(Task::new(
        "Task",
        CodeBuildStartBuildBatch::new(project()).buildspec_override(""),
    ))
    .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidTask { reason, .. } if reason.contains("empty")),
        "{e:?}"
    );
}

#[test]
fn inline_project_with_batch_builds() {
    let mut t = Template::new();
    InlineBuildProject::new(
        "BatchProject",
        json!({"version": "0.2", "batch": {"build-list": [{"identifier": "one"}, {"identifier": "two"}]}}),
    )
    .batch_builds()
    .add_to(&mut t)
    .unwrap();
    let template: Value = serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap();
    let project = &template["Resources"]["BatchProject"]["Properties"];
    assert_eq!(
        project["BuildBatchConfig"],
        json!({"ServiceRole": {"Fn::GetAtt": ["BatchProjectRole", "Arn"]}})
    );
    let statements =
        &template["Resources"]["BatchProjectRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    assert_eq!(
        statements[2]["Action"],
        json!(["codebuild:StartBuild", "codebuild:StopBuild", "codebuild:RetryBuild"])
    );
    insta::assert_json_snapshot!(template);
}
