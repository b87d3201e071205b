//! `EksCall` on an EKS cluster that already exists (its name, endpoint and certificate
//! authority are template parameters): list the pods of the `default` namespace through the
//! Kubernetes API.
//!
//! `eks:call` needs no IAM permission: the cluster authorizes the state machine's role through
//! Kubernetes RBAC. The template gives the role read access to the `default` namespace with an
//! EKS access entry (`AmazonEKSViewPolicy`), which needs the cluster's authentication mode to be
//! `API` or `API_AND_CONFIG_MAP`; for a cluster in `CONFIG_MAP` mode deploy with
//! `GrantAccess=false` and map the role (output `StateMachineRoleArn`) in the `aws-auth`
//! ConfigMap. The cluster's API endpoint must be public.
//!
//! `cargo run --example eks_call > template.json`, then
//! `aws cloudformation deploy --template-file template.json --stack-name eks-call --capabilities CAPABILITY_IAM --parameter-overrides ClusterName=<name> ClusterEndpoint=<endpoint> ClusterCertificateAuthority=<data>`
//! (`aws eks describe-cluster --name <name> --query 'cluster.[endpoint,certificateAuthority.data]'`)
//! and start an execution with the input `{}`.

use std::process::ExitCode;

use stepfunctions_cdk::cfn_model::CfnCondition;
use stepfunctions_cdk::prelude::*;

/// Adds the parameters, the state machine, the access entry and outputs.
pub fn build(template: &mut Template) -> Result<Vec<Warning>, Error> {
    let name = template.add_parameter(
        "ClusterName",
        Parameter::string()
            .description("Name of an existing EKS cluster with a public API endpoint")
            .allowed_pattern("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"),
    )?;
    let endpoint = template.add_parameter(
        "ClusterEndpoint",
        Parameter::string()
            .description("The cluster's Kubernetes API endpoint (cluster.endpoint)")
            .allowed_pattern("^https://.+$"),
    )?;
    let certificate_authority = template.add_parameter(
        "ClusterCertificateAuthority",
        Parameter::string()
            .description("The base64 data of the cluster's certificate authority (cluster.certificateAuthority.data)")
            .allowed_pattern("^[A-Za-z0-9+/]+={0,2}$"),
    )?;
    let grant_access = template.add_parameter(
        "GrantAccess",
        Parameter::string()
            .description(
                "true: give the state machine's role read access to the default namespace with an EKS access entry \
                 (the cluster's authentication mode must allow access entries); false: grant it yourself",
            )
            .default_value(Value::from("true"))
            .allowed_values(["true", "false"]),
    )?;
    let grant_access = template.add_condition("GrantAccessWithAnEntry", CfnCondition::equals(grant_access, "true"))?;
    let my_eks_cluster = EksCluster::from_attributes(name, endpoint, certificate_authority);

    // Seed: list the pods of the default namespace.
    let task = Task::new(
        "Call a EKS Endpoint",
        EksCall::new(
            my_eks_cluster.clone(),
            HttpMethods::Get,
            "/api/v1/namespaces/default/pods",
        ),
    )
    .result_selector(Payload::from_object([
        ("statusCode", JsonPath::number_at("$.StatusCode")),
        ("pods", JsonPath::list_at("$.ResponseBody.items[*].metadata.name")),
    ]));

    let rendered = StateMachine::new("StateMachine", task)
        .comment("Lists the pods of an EKS cluster's default namespace")
        .add_to(template)?;
    // What `eks:call` needs: the cluster lets the role read the default namespace.
    my_eks_cluster
        .grant_access(
            "StateMachineAccess",
            rendered.role_arn.clone(),
            EksAccessPolicy::View,
            EksAccessScope::namespaces(["default"]),
        )
        .condition(grant_access)
        .add_to(template)?;
    template.add_output(
        "StateMachineRoleArn",
        Output::new(rendered.role_arn.clone()).description("The role the cluster must let call its Kubernetes API"),
    )?;
    rendered.output_arn(template)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    stepfunctions_cdk::cli::run(build)
}
