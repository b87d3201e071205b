//! `apigw_*`: calling REST and HTTP API endpoints.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[
    ("apigw_http_api_get", apigw_http_api_get),
    ("apigw_rest_api_get", apigw_rest_api_get),
    ("apigw_rest_api_wait_for_task_token", apigw_rest_api_wait_for_task_token),
];

/// Seed: API Gateway / Call HTTP API Endpoint (CallApiGatewayHttpApiEndpoint, GET).
fn apigw_http_api_get(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let http_api = HttpApi::define("MyHttpApi").add_to(t)?;
    let invoke_task = Task::new(
        "Call HTTP API",
        CallApiGatewayHttpApiEndpoint::new(http_api, HttpMethod::Get),
    );
    Ok(StateMachine::new("StateMachine", invoke_task).add_to(t)?.warnings)
}

/// Seed: API Gateway / Call REST API Endpoint (CallApiGatewayRestApiEndpoint, GET).
/// Deviation: a RestApi must contain at least one method to synthesize, so a mock GET is added
/// on the root resource (it does not affect the state machine or its role).
fn apigw_rest_api_get(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let rest_api = RestApi::define("MyRestApi")
        .mock_method(HttpMethod::Get, "{}")
        // CDK's RestApi sets up the account's CloudWatch role unless told not to.
        .cloud_watch_role(true)
        .add_to(t)?;
    let invoke_task = Task::new(
        "Call REST API",
        CallApiGatewayRestApiEndpoint::new(rest_api, "prod", HttpMethod::Get),
    );
    Ok(StateMachine::new("StateMachine", invoke_task).add_to(t)?.warnings)
}

/// Seed: API Gateway / REST API with WAIT_FOR_TASK_TOKEN, task token in the headers.
/// `api: apigateway.RestApi` is pre-existing: imported by id.
fn apigw_rest_api_wait_for_task_token(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let api = RestApi::from_id("abc123defg");
    let task = Task::new(
        "Endpoint",
        CallApiGatewayRestApiEndpoint::new(api, "Stage", HttpMethod::Put).headers(Payload::from_object([(
            "TaskToken",
            JsonPath::array([JsonPath::task_token().into()]),
        )])),
    )
    .wait_for_task_token();
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
