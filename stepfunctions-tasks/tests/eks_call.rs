//! `EksCall` and `EksAccessEntry`: defaults, every option, every rejection. Each snapshot holds
//! the rendered state with the policy statements it needs (none: the cluster authorizes the
//! role through Kubernetes RBAC).

use cfn_model::{Expr, Template};
use serde_json::{json, Value};
use stepfunctions::prelude::*;
use stepfunctions::testing::render_state;
use stepfunctions::Error;
use stepfunctions_tasks::{EksAccessPolicy, EksAccessScope, EksCall, EksCluster, HttpMethods};

fn cluster() -> EksCluster {
    EksCluster::from_attributes(
        "my-eks-cluster",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
    )
}

fn reason(e: &Error) -> &str {
    match e {
        Error::InvalidTask { reason, .. } => reason,
        other => panic!("not an invalid task: {other:?}"),
    }
}

#[test]
fn default_settings() {
    let r = render_state(Task::new(
        "Call a EKS Endpoint",
        EksCall::new(cluster(), HttpMethods::Get, "/api/v1/namespaces/default/pods"),
    ))
    .unwrap();
    assert_eq!(r["PolicyStatements"], json!([]));
    insta::assert_json_snapshot!(r);
}

#[test]
fn optional_settings() {
    let task = Task::new(
        "Add a ConfigMap",
        EksCall::new(
            EksCluster::from_logical_id("Cluster"),
            HttpMethods::Post,
            JsonPath::string_at("$.path"),
        )
        .query_parameter("dryRun", ["All"])
        .query_parameter("fieldManager", ["step-functions", "second"])
        .request_body(Payload::from_object([
            ("apiVersion", "v1".into()),
            ("kind", "ConfigMap".into()),
            (
                "metadata",
                Payload::from_object([("name", JsonPath::string_at("$.name"))]),
            ),
        ])),
    );
    insta::assert_json_snapshot!(render_state(task).unwrap());
}

#[test]
fn every_method_renders_its_name() {
    for (method, name) in [
        (HttpMethods::Get, "GET"),
        (HttpMethods::Post, "POST"),
        (HttpMethods::Put, "PUT"),
        (HttpMethods::Delete, "DELETE"),
        (HttpMethods::Patch, "PATCH"),
        (HttpMethods::Head, "HEAD"),
    ] {
        let r = render_state(Task::new("Call", EksCall::new(cluster(), method, "/api"))).unwrap();
        assert_eq!(r["States"]["Call"]["Parameters"]["Method"], name);
    }
}

#[test]
fn a_cluster_of_the_template_is_read_at_deploy_time() {
    let r = render_state(Task::new(
        "Call",
        EksCall::new(EksCluster::from_logical_id("Cluster"), HttpMethods::Get, "/api"),
    ))
    .unwrap();
    let p = &r["States"]["Call"]["Parameters"];
    assert_eq!(p["ClusterName"], "${Cluster}");
    assert_eq!(p["Endpoint"], "${ClusterEndpoint}");
    assert_eq!(p["CertificateAuthority"], "${ClusterCertificateAuthorityData}");
    assert_eq!(r["DefinitionSubstitutions"]["Cluster"], json!({"Ref": "Cluster"}));
}

#[test]
fn access_entry() {
    let mut t = Template::new();
    cluster()
        .grant_access(
            "Namespace Access",
            Expr::get_att("StateMachineRole", "Arn"),
            EksAccessPolicy::Edit,
            EksAccessScope::namespaces(["default", "jobs"]),
        )
        .add_to(&mut t)
        .unwrap();
    EksCluster::from_logical_id("Cluster")
        .grant_access(
            "Cluster Access",
            "arn:aws:iam::123456789012:role/Admin",
            EksAccessPolicy::ClusterAdmin,
            EksAccessScope::Cluster,
        )
        .add_to(&mut t)
        .unwrap();
    let template: Value = serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap();
    insta::assert_json_snapshot!(template);
}

#[test]
fn an_access_entry_may_depend_on_a_condition() {
    let mut t = Template::new();
    let grant = t
        .add_condition(
            "Grant",
            cfn_model::CfnCondition::equals(Expr::reference("Mode"), "entry"),
        )
        .unwrap();
    cluster()
        .grant_access(
            "Access",
            "arn:aws:iam::123456789012:role/R",
            EksAccessPolicy::View,
            EksAccessScope::Cluster,
        )
        .condition(grant)
        .add_to(&mut t)
        .unwrap();
    assert_eq!(template_condition(&t, "Access"), json!("Grant"));
}

fn template_condition(t: &Template, id: &str) -> Value {
    let json: Value = serde_json::from_str(&t.to_json_pretty().unwrap()).unwrap();
    json["Resources"][id]["Condition"].clone()
}

#[test]
fn fails_when_cluster_admin_is_scoped_to_namespaces() {
    let e = cluster()
        .grant_access(
            "Access",
            "arn:aws:iam::123456789012:role/R",
            EksAccessPolicy::ClusterAdmin,
            EksAccessScope::namespaces(["default"]),
        )
        .add_to(&mut Template::new())
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidResource {
                field: "AccessPolicies",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn fails_when_a_namespace_scope_has_no_namespace() {
    let e = cluster()
        .grant_access(
            "Access",
            "arn:aws:iam::123456789012:role/R",
            EksAccessPolicy::View,
            EksAccessScope::Namespaces(vec![]),
        )
        .add_to(&mut Template::new())
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidResource {
                field: "AccessPolicies",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn fails_when_the_path_does_not_start_with_a_slash() {
    let e = render_state(Task::new("Call", EksCall::new(cluster(), HttpMethods::Get, "api/v1"))).unwrap_err();
    assert!(reason(&e).contains("must start with `/`"), "{e:?}");
}

#[test]
fn fails_when_the_path_is_not_a_string() {
    let e = render_state(Task::new("Call", EksCall::new(cluster(), HttpMethods::Get, true))).unwrap_err();
    assert!(reason(&e).contains("must be a string"), "{e:?}");
}

#[test]
fn fails_when_the_cluster_name_is_invalid() {
    let c = EksCluster::from_attributes("my cluster", "https://e.gr7.us-east-1.eks.amazonaws.com", "Zm9v");
    let e = render_state(Task::new("Call", EksCall::new(c, HttpMethods::Get, "/api"))).unwrap_err();
    assert!(reason(&e).contains("EKS cluster name"), "{e:?}");
}

#[test]
fn fails_when_the_endpoint_is_not_https() {
    let c = EksCluster::from_attributes("c", "http://e.gr7.us-east-1.eks.amazonaws.com", "Zm9v");
    let e = render_state(Task::new("Call", EksCall::new(c, HttpMethods::Get, "/api"))).unwrap_err();
    assert!(reason(&e).contains("https://"), "{e:?}");
}

#[test]
fn fails_when_the_certificate_data_is_not_base64() {
    let c = EksCluster::from_attributes("c", "https://e.gr7.us-east-1.eks.amazonaws.com", "not base64!");
    let e = render_state(Task::new("Call", EksCall::new(c, HttpMethods::Get, "/api"))).unwrap_err();
    assert!(reason(&e).contains("base64"), "{e:?}");
}

#[test]
fn fails_when_a_query_parameter_has_no_name() {
    let e = render_state(Task::new(
        "Call",
        EksCall::new(cluster(), HttpMethods::Get, "/api").query_parameter("", ["x"]),
    ))
    .unwrap_err();
    assert!(reason(&e).contains("no name"), "{e:?}");
}
