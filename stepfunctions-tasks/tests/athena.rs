//! Athena's four tasks: defaults, every option, each pattern, every rejection. Each snapshot
//! holds the rendered state with the policy statements it needs.

use cfn_model::Expr;
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{
    AthenaGetQueryExecution, AthenaGetQueryResults, AthenaStartQueryExecution, AthenaStopQueryExecution,
    EncryptionOption, S3Location,
};

mod common;
use common::reason;

fn query() -> AthenaStartQueryExecution {
    AthenaStartQueryExecution::new(JsonPath::string_at("$.queryString"))
}

/// The `[action, resource]` pairs of the rendered statements, resources in `Fn::Sub` text.
fn pairs(rendered: &Value) -> Vec<(String, String)> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other["Fn::Sub"]
            .as_str()
            .map_or_else(|| other.to_string(), str::to_owned),
    };
    let list = |v: &Value| match v {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let mut out = vec![];
    for st in rendered["PolicyStatements"].as_array().unwrap() {
        for a in list(&st["Action"]) {
            for r in list(&st["Resource"]) {
                out.push((text(&a), text(&r)));
            }
        }
    }
    out
}

fn has(rendered: &Value, action: &str, resource: &str) -> bool {
    pairs(rendered).iter().any(|(a, r)| a == action && r == resource)
}

#[test]
fn start_query_default_settings() {
    let r = render_state(Task::new(
        "Start Athena Query",
        AthenaStartQueryExecution::new("SELECT 1"),
    ))
    .unwrap();
    insta::assert_json_snapshot!(r);
}

#[test]
fn start_query_optional_settings() {
    let task = Task::new(
        "Start Athena Query",
        AthenaStartQueryExecution::new(JsonPath::format(
            "select contacts where year={};",
            [JsonPath::string_at("$.year").into()],
        ))
        .client_request_token(JsonPath::execution_name())
        .catalog("AwsDataCatalog")
        .database("interactions")
        .output_location(S3Location::new(Expr::reference("ResultsBucket"), "athena/results/"))
        .encryption(EncryptionOption::Kms)
        .encryption_key(Expr::get_att("ResultsKey", "Arn"))
        .work_group("analytics")
        .execution_parameters(["2024"])
        .result_reuse_max_age(std::time::Duration::from_secs(3600)),
    )
    .result_path("$.query");
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn start_query_run_job() {
    let task = Task::new(
        "Athena Start Query",
        query()
            .database("mydatabase")
            .output_location(S3Location::new("query-results-bucket", "folder"))
            .encryption(EncryptionOption::S3Managed),
    )
    .run_job();
    let r = render_state(task).unwrap();
    assert!(has(
        &r,
        "athena:stopQueryExecution",
        "arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/primary"
    ));
    assert!(has(
        &r,
        "athena:getQueryExecution",
        "arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/primary"
    ));
    insta::assert_json_snapshot!(r);
}

#[test]
fn start_query_request_response_does_not_watch_the_query() {
    let r = render_state(Task::new("Q", query())).unwrap();
    let athena: Vec<String> = pairs(&r)
        .into_iter()
        .map(|(a, _)| a)
        .filter(|a| a.starts_with("athena:"))
        .collect();
    assert!(
        !athena
            .iter()
            .any(|a| a == "athena:getQueryExecution" || a == "athena:stopQueryExecution"),
        "{athena:?}"
    );
}

#[test]
fn start_query_scopes_writes_to_the_output_location() {
    let r = render_state(Task::new(
        "Q",
        query().output_location(S3Location::new("query-results-bucket", "folder")),
    ))
    .unwrap();
    for action in ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"] {
        assert!(
            has(&r, action, "arn:${AWS::Partition}:s3:::query-results-bucket/folder/*"),
            "{action}"
        );
    }
    // bucket-level actions on the bucket itself
    assert!(has(
        &r,
        "s3:ListBucketMultipartUploads",
        "arn:${AWS::Partition}:s3:::query-results-bucket"
    ));
    assert!(has(
        &r,
        "s3:CreateBucket",
        "arn:${AWS::Partition}:s3:::query-results-bucket"
    ));
    assert!(!pairs(&r)
        .iter()
        .any(|(a, r)| a == "s3:CreateBucket" && r.ends_with(":::*")));
    // reads stay on every bucket: the tables' locations are in the catalog
    assert!(has(&r, "s3:GetObject", "arn:${AWS::Partition}:s3:::*"));
    assert!(
        !pairs(&r).iter().any(|(a, r)| a.starts_with("s3:") && r == "*"),
        "{:?}",
        pairs(&r)
    );
}

#[test]
fn start_query_without_output_location_writes_anywhere() {
    let r = render_state(Task::new("Q", query())).unwrap();
    for action in ["s3:PutObject", "s3:ListBucketMultipartUploads", "s3:CreateBucket"] {
        assert!(has(&r, action, "arn:${AWS::Partition}:s3:::*"), "{action}");
    }
    assert!(!r["States"]["Q"]["Parameters"]
        .as_object()
        .unwrap()
        .contains_key("ResultConfiguration"));
}

#[test]
fn start_query_scopes_the_catalog_to_the_database() {
    let r = render_state(Task::new("Q", query().database("sales"))).unwrap();
    let glue = |suffix: &str| format!("arn:${{AWS::Partition}}:glue:${{AWS::Region}}:${{AWS::AccountId}}:{suffix}");
    for resource in [
        "catalog",
        "database/sales",
        "table/sales/*",
        "userDefinedFunction/sales/*",
    ] {
        assert!(has(&r, "glue:GetTable", &glue(resource)), "{resource}");
        assert!(has(&r, "glue:CreateTable", &glue(resource)), "{resource}");
    }
    assert_eq!(pairs(&r).iter().filter(|(a, _)| a.starts_with("glue:")).count(), 19 * 4);
    assert!(has(&r, "lakeformation:GetDataAccess", "*"));
    // without a database, `default`
    let r = render_state(Task::new("Q", query())).unwrap();
    assert!(has(&r, "glue:GetTable", &glue("table/default/*")));
}

#[test]
fn start_query_widens_values_read_from_the_input() {
    let r = render_state(Task::new(
        "Q",
        query()
            .database(JsonPath::string_at("$.db"))
            .work_group(JsonPath::string_at("$.wg"))
            .catalog(JsonPath::string_at("$.catalog")),
    ))
    .unwrap();
    let athena = |s: &str| format!("arn:${{AWS::Partition}}:athena:${{AWS::Region}}:${{AWS::AccountId}}:{s}");
    let glue = |s: &str| format!("arn:${{AWS::Partition}}:glue:${{AWS::Region}}:${{AWS::AccountId}}:{s}");
    assert!(has(&r, "athena:startQueryExecution", &athena("workgroup/*")));
    assert!(has(&r, "athena:getDataCatalog", &athena("datacatalog/*")));
    assert!(has(&r, "glue:GetTable", &glue("table/*")));
    assert!(has(&r, "glue:GetDatabase", &glue("database/*")));
    assert!(!pairs(&r).iter().any(|(_, r)| r.contains("$.")), "{:?}", pairs(&r));
    assert_eq!(
        r["States"]["Q"]["Parameters"]["QueryExecutionContext"],
        json!({"Catalog.$": "$.catalog", "Database.$": "$.db"})
    );
}

#[test]
fn start_query_with_a_kms_key_may_use_it() {
    let key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let r = render_state(Task::new(
        "Q",
        query().encryption(EncryptionOption::ClientSideKms).encryption_key(key),
    ))
    .unwrap();
    assert!(has(&r, "kms:GenerateDataKey", key));
    assert!(has(&r, "kms:Decrypt", key));
    assert_eq!(
        r["States"]["Q"]["Parameters"]["ResultConfiguration"],
        json!({"EncryptionConfiguration": {"EncryptionOption": "CSE_KMS", "KmsKey": key}})
    );
}

#[test]
fn get_query_execution() {
    let task = Task::new(
        "Get Query Execution",
        AthenaGetQueryExecution::new(JsonPath::string_at("$.QueryExecutionId")),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn get_query_results_default_settings() {
    let task = Task::new(
        "Get Query Results",
        AthenaGetQueryResults::new(JsonPath::string_at("$.QueryExecutionId")),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn get_query_results_optional_settings() {
    let task = Task::new(
        "Get Query Results",
        AthenaGetQueryResults::new(JsonPath::string_at("$.QueryExecutionId"))
            .next_token(JsonPath::string_at("$.page.NextToken"))
            .max_results(100),
    )
    .result_selector(Payload::from_object([("rows", JsonPath::list_at("$.ResultSet.Rows"))]));
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn stop_query_execution() {
    let task = Task::new(
        "Stop Query Execution",
        AthenaStopQueryExecution::new(JsonPath::string_at("$.QueryExecutionId")),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn fails_when_max_results_is_out_of_range() {
    for n in [0, 1001] {
        let e = render_state(Task::new(
            "Get Query Results",
            AthenaGetQueryResults::new(JsonPath::string_at("$.id")).max_results(n),
        ))
        .unwrap_err();
        assert!(
            matches!(&e, Error::InvalidTask { state, reason, .. } if state == "Get Query Results" && reason.contains("1 to 1000")),
            "{e:?}"
        );
    }
    assert!(render_state(Task::new(
        "Get Query Results",
        AthenaGetQueryResults::new(JsonPath::string_at("$.id")).max_results(1000)
    ))
    .is_ok());
    assert!(render_state(Task::new(
        "Get Query Results",
        AthenaGetQueryResults::new(JsonPath::string_at("$.id")).max_results_at("$.n")
    ))
    .is_ok());
}

#[test]
fn fails_when_the_client_request_token_has_a_bad_length() {
    let e = render_state(Task::new("Q", query().client_request_token("too-short"))).unwrap_err();
    assert!(reason(e).contains("32 to 128"));
}

#[test]
fn fails_when_the_kms_key_does_not_fit_the_encryption_option() {
    let key = "arn:aws:kms:us-east-1:123456789012:key/k";
    let e = render_state(Task::new("Q", query().encryption_key(key))).unwrap_err();
    assert!(reason(e).contains("needs an encryption option"));
    let e = render_state(Task::new(
        "Q",
        query().encryption(EncryptionOption::S3Managed).encryption_key(key),
    ))
    .unwrap_err();
    assert!(reason(e).contains("SSE_S3"));
    let e = render_state(Task::new(
        "Q",
        query().encryption(EncryptionOption::Kms).encryption_key("alias/mine"),
    ))
    .unwrap_err();
    assert!(reason(e).contains("KMS key ARN"));
}

#[test]
fn fails_when_the_execution_parameters_are_invalid() {
    let none: [&str; 0] = [];
    let e = render_state(Task::new("Q", query().execution_parameters(none))).unwrap_err();
    assert!(reason(e).contains("must not be empty"));
    let e = render_state(Task::new("Q", query().execution_parameters([""]))).unwrap_err();
    assert!(reason(e).contains("1 to 1024"));
    // a path inside a list is not resolved by Step Functions
    let e = render_state(Task::new(
        "Q",
        query().execution_parameters([JsonPath::string_at("$.year")]),
    ))
    .unwrap_err();
    assert!(matches!(e, Error::InvalidPath { .. }), "{e:?}");
}

#[test]
fn fails_when_the_result_reuse_max_age_is_out_of_range() {
    use std::time::Duration;
    for age in [
        Duration::from_secs(30),
        Duration::from_secs(90),
        Duration::from_secs(10_081 * 60),
    ] {
        let e = render_state(Task::new("Q", query().result_reuse_max_age(age))).unwrap_err();
        assert!(reason(e).contains("whole minutes"), "{age:?}");
    }
}

#[test]
fn fails_when_the_output_location_is_invalid() {
    let e = render_state(Task::new(
        "Q",
        query().output_location(S3Location::new("Not_A_Bucket", "x")),
    ))
    .unwrap_err();
    assert!(reason(e).contains("S3 bucket name"));
    let e = render_state(Task::new("Q", query().output_location(S3Location::new("bucket", "/x")))).unwrap_err();
    assert!(reason(e).contains("start with `/`"));
}

#[test]
fn fails_when_a_name_is_empty() {
    let e = render_state(Task::new("Q", query().work_group(""))).unwrap_err();
    assert!(reason(e).contains("work group"));
    let e = render_state(Task::new("Q", AthenaStartQueryExecution::new(""))).unwrap_err();
    assert!(reason(e).contains("query string"));
}
