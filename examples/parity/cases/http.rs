//! `http_invoke`: the HTTP Task.

use serde_json::json;
use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("http_invoke", http_invoke)];

/// HttpInvoke on an imported connection: a formatted endpoint, a body, headers, query
/// parameters, URL encoding with brackets.
fn http_invoke(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let connection = EventBridgeConnection::from_arns(
        "arn:aws:events:us-east-1:123456789012:connection/MyConnection/11111111-2222-3333-4444-555555555555",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/MyConnection/abcdef-AbCdEf",
    );
    let call = HttpInvoke::new(
        &connection,
        "https://api.example.com",
        JsonPath::format("resource/{}/details", [JsonPath::string_at("$.resourceId").into()]),
        HttpMethod::Post,
    )
    .body(Payload::from_json(json!({"foo": "bar", "id.$": "$.id"})))
    .headers(Payload::from_object([("Content-Type", "application/json".into())]))
    .query_parameters(Payload::from_object([("id", "123".into())]))
    .url_encoding(HttpUrlEncoding::Brackets);
    Ok(StateMachine::new("StateMachine", Task::new("Invoke HTTP API", call))
        .add_to(t)?
        .warnings)
}
