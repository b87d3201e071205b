//! `CallApiGatewayRestApiEndpoint`, `CallApiGatewayHttpApiEndpoint` and the APIs they call:
//! defaults, every option, both patterns, every auth type, every rejection. Each task snapshot
//! holds the rendered state with the policy statements it needs.

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{
    AuthType, CallApiGatewayHttpApiEndpoint, CallApiGatewayRestApiEndpoint, HttpApi, HttpMethod, LambdaFunction,
    RestApi,
};

fn rest_api() -> RestApi {
    RestApi::from_id("abc123defg")
}

fn http_api() -> HttpApi {
    HttpApi::from_id("a1b2c3d4e5")
}

fn get(stage: &str) -> CallApiGatewayRestApiEndpoint {
    CallApiGatewayRestApiEndpoint::new(rest_api(), stage, HttpMethod::Get)
}

fn reason(e: &Error) -> &str {
    match e {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("not an InvalidTask: {other:?}"),
    }
}

/// The Resource of every policy statement, as `Fn::Sub` text.
fn granted(r: &Value) -> Vec<String> {
    r["PolicyStatements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| match &s["Resource"] {
            Value::String(text) => text.clone(),
            other => other["Fn::Sub"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

#[test]
fn rest_default_settings() {
    let r = render_state(Task::new("Call REST API", get("prod"))).unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn rest_optional_settings() {
    let task = Task::new(
        "Call REST API",
        CallApiGatewayRestApiEndpoint::new(RestApi::from_id(Expr::reference("ApiId")), "beta", HttpMethod::Post)
            .headers(Payload::from_object([
                ("Content-Type", Payload::from(vec!["application/json".into()])),
                ("X-Order", JsonPath::array([JsonPath::string_at("$.order.id").into()])),
            ]))
            .api_path("/orders")
            .query_parameters(Payload::from_object([("billing", Payload::from(vec!["1234".into()]))]))
            .request_body(Payload::from_object([("order", JsonPath::object_at("$.order"))]))
            .auth_type(AuthType::IamRole)
            .region("eu-west-1"),
    )
    .result_selector(Payload::from_object([("body", JsonPath::object_at("$.ResponseBody"))]))
    .result_path("$.response");
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn rest_wait_for_task_token() {
    let task = Task::new(
        "Endpoint",
        CallApiGatewayRestApiEndpoint::new(rest_api(), "Stage", HttpMethod::Put).headers(Payload::from_object([(
            "TaskToken",
            JsonPath::array([JsonPath::task_token().into()]),
        )])),
    )
    .wait_for_task_token();
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn only_iam_role_is_granted_execute_api_invoke() {
    for auth in [AuthType::NoAuth, AuthType::ResourcePolicy] {
        let r = render_state(Task::new("Call", get("prod").auth_type(auth))).unwrap();
        assert_eq!(r["PolicyStatements"], json!([]), "{auth:?}");
        assert_eq!(r["States"]["Call"]["Parameters"]["AuthType"], auth.as_str());
    }
    let r = render_state(Task::new("Call", get("prod").auth_type(AuthType::IamRole))).unwrap();
    assert_eq!(r["PolicyStatements"][0]["Action"], "execute-api:Invoke");
}

#[test]
fn iam_role_grants_the_path_called() {
    let arn = |task: CallApiGatewayRestApiEndpoint| granted(&render_state(Task::new("Call", task)).unwrap());
    let prefix = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:abc123defg/prod/GET/";
    // no path: the stage's root
    assert_eq!(arn(get("prod").auth_type(AuthType::IamRole)), [prefix.to_owned()]);
    // a literal path, with or without its leading slash
    assert_eq!(
        arn(get("prod").auth_type(AuthType::IamRole).api_path("/pets/1")),
        [format!("{prefix}pets/1")]
    );
    assert_eq!(
        arn(get("prod").auth_type(AuthType::IamRole).api_path("pets")),
        [format!("{prefix}pets")]
    );
    // a path read at run time: any path (CDK writes the States.Format text into the ARN)
    let dynamic = get("prod")
        .auth_type(AuthType::IamRole)
        .api_path(JsonPath::format("/pets/{}", [JsonPath::string_at("$.id").into()]));
    assert_eq!(arn(dynamic), [format!("{prefix}*")]);
    assert_eq!(
        arn(get("prod")
            .auth_type(AuthType::IamRole)
            .api_path(Expr::reference("PathParam"))),
        [format!("{prefix}*")]
    );
}

#[test]
fn http_default_settings() {
    let r = render_state(Task::new(
        "Call HTTP API",
        CallApiGatewayHttpApiEndpoint::new(http_api(), HttpMethod::Get),
    ))
    .unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn http_optional_settings() {
    let task = Task::new(
        "Call HTTP API",
        CallApiGatewayHttpApiEndpoint::new(http_api(), HttpMethod::Delete)
            .stage_name("beta")
            .api_path(JsonPath::string_at("$.path"))
            .query_parameters(JsonPath::object_at("$.query"))
            .request_body(Payload::from_text("plain text"))
            .auth_type(AuthType::IamRole),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn http_iam_role_without_a_stage_grants_the_default_stage() {
    let r = render_state(Task::new(
        "Call",
        CallApiGatewayHttpApiEndpoint::new(http_api(), HttpMethod::Get)
            .api_path("/hello")
            .auth_type(AuthType::IamRole),
    ))
    .unwrap();
    assert_eq!(
        granted(&r),
        ["arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:a1b2c3d4e5/$default/GET/hello"]
    );
    assert!(r["States"]["Call"]["Parameters"].get("Stage").is_none());
}

#[test]
fn http_wait_for_task_token() {
    let task = Task::new(
        "Call",
        CallApiGatewayHttpApiEndpoint::new(http_api(), HttpMethod::Post)
            .request_body(Payload::from_object([("token", JsonPath::task_token())])),
    )
    .wait_for_task_token();
    let r = render_state(task).unwrap();
    assert_eq!(
        r["DefinitionSubstitutions"]["StatesApigatewayInvokeWaitForTaskToken"]["Fn::Sub"],
        "arn:${AWS::Partition}:states:::apigateway:invoke.waitForTaskToken"
    );
}

#[test]
fn fails_when_waiting_for_a_token_not_passed() {
    let e = render_state(Task::new("Call", get("prod")).wait_for_task_token()).unwrap_err();
    assert!(reason(&e).contains("task token"), "{e}");
}

#[test]
fn fails_when_a_header_or_query_value_is_not_a_list() {
    let e = render_state(Task::new(
        "Call",
        get("prod").headers(Payload::from_object([
            ("TaskToken", JsonPath::task_token()),
            ("X", "y".into()),
        ])),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("Headers: the value of `X` must be a list"), "{e}");
    let e = render_state(Task::new(
        "Call",
        CallApiGatewayHttpApiEndpoint::new(http_api(), HttpMethod::Get)
            .query_parameters(Payload::from_object([("n", 1.into())])),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("QueryParameters: the value of `n`"), "{e}");
    let e = render_state(Task::new("Call", get("prod").headers("text".into()))).unwrap_err();
    assert!(reason(&e).contains("must be an object"), "{e}");
}

#[test]
fn fails_on_an_invalid_stage_or_path() {
    let e = render_state(Task::new("Call", get("no spaces"))).unwrap_err();
    assert!(reason(&e).contains("stage name"), "{e}");
    let e = render_state(Task::new(
        "Call",
        CallApiGatewayHttpApiEndpoint::new(http_api(), HttpMethod::Get).stage_name(""),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("stage name"), "{e}");
    let e = render_state(Task::new("Call", get("prod").api_path(7))).unwrap_err();
    assert!(reason(&e).contains("the path must be a string"), "{e}");
}

#[test]
fn defined_rest_api() {
    let mut t = Template::new();
    let handler = LambdaFunction::from_arn(Expr::get_att("Handler", "Arn"));
    let api = RestApi::define("MyRestApi")
        .mock_method(HttpMethod::Get, r#"{"hello": "world"}"#)
        .lambda_method(HttpMethod::Put, &handler)
        .cloud_watch_role(true)
        .add_to(&mut t)
        .unwrap();
    assert_eq!(api.id(), &Expr::reference("MyRestApi"));
    let json: Value = serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap();
    insta::assert_json_snapshot!(json);
}

#[test]
fn a_rest_api_deployment_changes_with_its_methods() {
    let deployment = |api: stepfunctions_tasks::RestApiBuilder| {
        let mut t = Template::new();
        api.add_to(&mut t).unwrap();
        t.resources()
            .iter()
            .find(|(_, r)| r.resource_type() == "AWS::ApiGateway::Deployment")
            .map(|(id, _)| id.to_string())
            .unwrap()
    };
    let a = deployment(RestApi::define("Api").mock_method(HttpMethod::Get, "{}"));
    let b = deployment(RestApi::define("Api").mock_method(HttpMethod::Get, "{}"));
    let c = deployment(RestApi::define("Api").mock_method(HttpMethod::Get, r#"{"v": 2}"#));
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert!(a.starts_with("ApiDeployment"), "{a}");
}

#[test]
fn fails_to_define_a_rest_api_that_cannot_deploy() {
    let mut t = Template::new();
    assert!(matches!(
        RestApi::define("Api").add_to(&mut t),
        Err(Error::InvalidResource { ref reason, .. }) if reason.contains("needs a method")
    ));
    assert!(matches!(
        RestApi::define("Api")
            .mock_method(HttpMethod::Get, "{}")
            .mock_method(HttpMethod::Get, "{}")
            .add_to(&mut t),
        Err(Error::InvalidResource { ref reason, .. }) if reason.contains("twice")
    ));
    assert!(matches!(
        RestApi::define("Api").mock_method(HttpMethod::Get, "{}").stage_name("a b").add_to(&mut t),
        Err(Error::InvalidResource { ref reason, .. }) if reason.contains("stage name")
    ));
}

#[test]
fn defined_http_api() {
    let mut t = Template::new();
    let handler = LambdaFunction::from_arn(Expr::get_att("Handler", "Arn"));
    let api = HttpApi::define("MyHttpApi")
        .route(HttpMethod::Get, "/hello", &handler)
        .add_to(&mut t)
        .unwrap();
    assert_eq!(api.id(), &Expr::reference("MyHttpApi"));
    let json: Value = serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap();
    insta::assert_json_snapshot!(json);
}

#[test]
fn fails_on_a_route_path_without_a_slash() {
    let handler = LambdaFunction::from_arn(Expr::get_att("Handler", "Arn"));
    let mut t = Template::new();
    assert!(matches!(
        HttpApi::define("Api").route(HttpMethod::Get, "hello", &handler).add_to(&mut t),
        Err(Error::InvalidResource { ref reason, .. }) if reason.contains("must start with `/`")
    ));
}
