//! Calling API Gateway endpoints: a REST API's `GET`, a REST API `PUT` that waits until its
//! backend sends the task token back (the token travels in a header), and an HTTP API route.
//! Both APIs are defined in the template, backed by Lambda functions.
//!
//! `cargo run --example api_gateway > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name api-gateway --capabilities CAPABILITY_IAM`
//! and start an execution of `StateMachineArn` with the input `{}`: the output holds the three
//! answers (`rest`, `callback`, `http`).

use std::process::ExitCode;
use std::time::Duration;

use stepfunctions_cdk::prelude::*;

/// The REST API's `PUT` backend: answers at once, and reports success with the task token it
/// finds in the `TaskToken` header.
const CALLBACK: &str = "\
import json

import boto3

sfn = boto3.client('stepfunctions')


def handler(event, context):
    headers = {k.lower(): v for k, v in (event.get('headers') or {}).items()}
    sfn.send_task_success(taskToken=headers['tasktoken'], output=json.dumps({'approved': True}))
    return {'statusCode': 202, 'body': json.dumps({'accepted': True})}
";

/// The `GET` backend of both APIs (REST: `event['path']`, HTTP: `event['rawPath']`).
const HELLO: &str = "\
import json


def handler(event, context):
    body = {'message': 'Hello', 'path': event.get('rawPath') or event.get('path')}
    return {'statusCode': 200, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(body)}
";

/// Adds the functions, the APIs, the state machine and an output with its ARN.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    // A task token ends a Task state of any execution: SendTaskSuccess cannot be scoped to a
    // resource, hence `*`.
    let callback = InlineFunction::python("CallbackFunction", CALLBACK)
        .add_to_role_policy(PolicyStatement::allow(["states:SendTaskSuccess"], [Expr::lit("*")]))
        .add_to(template)?;
    let hello = InlineFunction::python("HelloFunction", HELLO).add_to(template)?;

    let rest_api = RestApi::define("MyRestApi")
        .lambda_method(HttpMethod::Get, &hello)
        .lambda_method(HttpMethod::Put, &callback)
        .add_to(template)?;
    let http_api = HttpApi::define("MyHttpApi")
        .route(HttpMethod::Get, "/hello", &hello)
        .add_to(template)?;

    let invoke_rest = Task::new(
        "Call REST API",
        CallApiGatewayRestApiEndpoint::new(rest_api.clone(), "prod", HttpMethod::Get),
    )
    .result_selector(Payload::from_object([
        ("status", JsonPath::number_at("$.StatusCode")),
        ("body", JsonPath::object_at("$.ResponseBody")),
    ]))
    .result_path("$.rest");

    // Be aware that the header values must be arrays: wrap the task token in one.
    let endpoint = Task::new(
        "Endpoint",
        CallApiGatewayRestApiEndpoint::new(rest_api, "prod", HttpMethod::Put).headers(Payload::from_object([(
            "TaskToken",
            JsonPath::array([JsonPath::task_token().into()]),
        )])),
    )
    .wait_for_task_token()
    .timeout(Timeout::duration(Duration::from_secs(300)))
    .result_path("$.callback");

    let invoke_http = Task::new(
        "Call HTTP API",
        CallApiGatewayHttpApiEndpoint::new(http_api, HttpMethod::Get).api_path("/hello"),
    )
    .result_selector(Payload::from_object([("body", JsonPath::object_at("$.ResponseBody"))]))
    .result_path("$.http");

    let rendered = StateMachine::new("StateMachine", invoke_rest.next(endpoint).next(invoke_http))
        .comment("Calls a REST API, waits for a callback through it, calls an HTTP API")
        .add_to(template)?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
