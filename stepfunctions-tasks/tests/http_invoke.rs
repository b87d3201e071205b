//! `HttpInvoke`: static and dynamic endpoints, URL encoding, a connection of the template, the
//! IAM conditions, every rejection.

use cfn_model::{Expr, Parameter, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions_tasks::{EventBridgeConnection, HttpInvoke, HttpMethod, HttpUrlEncoding};

mod common;
use common::reason_at;

fn connection() -> EventBridgeConnection {
    EventBridgeConnection::from_arns(
        "arn:aws:events:us-east-1:123456789012:connection/MyConnection/11111111-2222-3333-4444-555555555555",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/MyConnection/abcdef-AbCdEf",
    )
}

fn call(endpoint: impl Into<Payload>, method: HttpMethod) -> HttpInvoke {
    HttpInvoke::new(&connection(), "https://api.example.com", endpoint, method)
}

fn rejected(task: HttpInvoke) -> String {
    reason_at("Task", render_state(Task::new("Task", task)).unwrap_err())
}

#[test]
fn a_static_endpoint() {
    let r = render_state(Task::new("Task", call("v1/orders", HttpMethod::Get))).unwrap();
    let p = &r["States"]["Task"]["Parameters"];
    assert_eq!(p["ApiEndpoint"], "https://api.example.com/v1/orders");
    assert_eq!(r["States"]["Task"]["Resource"], "${StatesHttpInvoke}");
    insta::assert_json_snapshot!(r);
}

#[test]
fn a_dynamic_endpoint_url_encoded() {
    let task = call(
        JsonPath::format("resource/{}/details", [JsonPath::string_at("$.resourceId").into()]),
        HttpMethod::Post,
    )
    .headers(Payload::from_object([
        ("content-type", "application/json".into()),
        ("Accept", "application/json".into()),
    ]))
    .body(Payload::from_json(json!({"foo": "bar", "id.$": "$.id"})))
    .query_parameters(Payload::from_object([("id", "123".into())]))
    .url_encoding(HttpUrlEncoding::Brackets);
    let r = render_state(Task::new("Task", task)).unwrap();
    let p = &r["States"]["Task"]["Parameters"];
    assert_eq!(
        p["ApiEndpoint.$"],
        "States.Format('{}/{}', 'https://api.example.com', States.Format('resource/{}/details', $.resourceId))"
    );
    assert_eq!(
        p["Headers"],
        json!({"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"})
    );
    assert_eq!(
        p["Transform"],
        json!({"RequestBodyEncoding": "URL_ENCODED", "RequestEncodingOptions": {"ArrayFormat": "BRACKETS"}})
    );
    insta::assert_json_snapshot!(r);
}

#[test]
fn default_url_encoding_sends_no_array_format() {
    let r = render_state(Task::new(
        "Task",
        call("form", HttpMethod::Post).url_encoding(HttpUrlEncoding::Default),
    ))
    .unwrap();
    let p = &r["States"]["Task"]["Parameters"];
    assert_eq!(p["Transform"], json!({"RequestBodyEncoding": "URL_ENCODED"}));
    assert_eq!(
        p["Headers"],
        json!({"Content-Type": "application/x-www-form-urlencoded"})
    );
}

#[test]
fn a_method_from_the_input_has_no_method_condition() {
    let task = HttpInvoke::new(
        &connection(),
        "https://api.example.com",
        "x",
        JsonPath::string_at("$.method"),
    );
    let r = render_state(Task::new("Task", task)).unwrap();
    assert_eq!(r["States"]["Task"]["Parameters"]["Method.$"], "$.method");
    let invoke = &r["PolicyStatements"][2];
    assert_eq!(
        invoke["Condition"],
        json!({"StringLike": {"states:HTTPEndpoint": "https://api.example.com/*"}})
    );
}

#[test]
fn a_connection_of_the_template() {
    let mut t = Template::new();
    let key = t.add_parameter("ApiKey", Parameter::string().no_echo()).unwrap();
    let c = EventBridgeConnection::api_key("Partner Connection", "x-api-key", key)
        .description("partner API")
        .add_to(&mut t)
        .unwrap();
    let api = HttpInvoke::new(
        &c,
        Expr::sub("https://${AWS::Region}.partner.example"),
        "status",
        HttpMethod::Get,
    );
    let r = render_state(Task::new("Task", api)).unwrap();
    let json: Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    insta::assert_json_snapshot!([&json["Resources"], &r["PolicyStatements"]]);
    let mut t = Template::new();
    EventBridgeConnection::basic("Basic", "user", "secret")
        .add_to(&mut t)
        .unwrap();
    let json: Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
    assert_eq!(json["Resources"]["Basic"]["Properties"]["AuthorizationType"], "BASIC");
}

#[test]
fn rejects_a_bad_root_or_endpoint() {
    for root in ["http://api.example.com", "https://api.example.com/", "https://"] {
        let e = rejected(HttpInvoke::new(&connection(), root, "x", HttpMethod::Get));
        assert!(e.contains("must be an `https://` URL"), "{root}: {e}");
    }
    let e = rejected(call("/v1", HttpMethod::Get));
    assert!(e.contains("without a leading `/`"), "{e}");
    let e = rejected(HttpInvoke::new(
        &connection(),
        Expr::reference("Root"),
        JsonPath::string_at("$.path"),
        HttpMethod::Get,
    ));
    assert!(e.contains("needs a literal API root"), "{e}");
}

#[test]
fn rejects_a_bad_method() {
    let e = rejected(HttpInvoke::new(
        &connection(),
        "https://api.example.com",
        "x",
        Payload::from_text("FETCH"),
    ));
    assert!(e.contains("`FETCH` is not one of"), "{e}");
}

#[test]
fn rejects_headers_the_service_does_not_send() {
    for name in ["Authorization", "Host", "X-Amz-Date", "x-forwarded-for"] {
        let e = rejected(call("x", HttpMethod::Get).headers(Payload::from_object([(name, "v".into())])));
        assert!(e.contains("does not send the header"), "{name}: {e}");
    }
    let e = rejected(
        call("x", HttpMethod::Post)
            .headers(JsonPath::object_at("$.headers"))
            .url_encoding(HttpUrlEncoding::Commas),
    );
    assert!(e.contains("must be an object"), "{e}");
}
