//! `EmrContainersCreateVirtualCluster`:
//! <https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr-eks.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{Arg, IntegrationPattern, JsonPath, Payload, ServiceIntegration};

use super::{check_resource_name, check_tags, tags_payload, virtual_cluster_arn, EksClusterInput};
use crate::eks::check_cluster_name;
use crate::util::literal;

/// Creates an EMR on EKS virtual cluster mapped to a Kubernetes namespace of an EKS cluster
/// (`arn:aws:states:::emr-containers:createVirtualCluster`); returns its `id`, `name` and `arn`.
///
/// Supports request-response only.
///
/// IAM, as in <https://docs.aws.amazon.com/step-functions/latest/dg/emr-eks-iam.html> and the
/// CDK: `emr-containers:CreateVirtualCluster` on `*` (the virtual cluster does not exist yet),
/// and `iam:CreateServiceLinkedRole` on EMR on EKS's service-linked role
/// (`role/aws-service-role/emr-containers.amazonaws.com/AWSServiceRoleForAmazonEMRContainers`)
/// with the condition `iam:AWSServiceName` = `emr-containers.amazonaws.com`, which the first
/// virtual cluster of an account creates. With tags, `emr-containers:TagResource` on the
/// account's `/virtualclusters/*` too: EMR on EKS authorizes tags on create with it (the
/// service authorization reference maps `CreateVirtualCluster` to `CreateVirtualCluster` and
/// `TagResource`); neither the Step Functions template nor the CDK grant it.
///
/// The Kubernetes namespace must exist, and EMR on EKS must have access to it
/// (<https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/setting-up-cluster-access.html>).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EksClusterInput, EmrContainersCreateVirtualCluster};
/// let task = Task::new(
///     "Create a Virtual Cluster",
///     EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(Payload::from_text("clusterId")))
///         .eks_namespace("specified-namespace"),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// let p = &r["States"]["Create a Virtual Cluster"]["Parameters"];
/// assert_eq!(p["ContainerProvider"]["Info"]["EksInfo"]["Namespace"], "specified-namespace");
/// assert_eq!(p["Name.$"], "States.Format('{}/{}', $$.Execution.Name, $$.State.Name)");
/// ```
///
/// Creating a virtual cluster has no run-job or callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EksClusterInput, EmrContainersCreateVirtualCluster};
/// let t = Task::new("Create", EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("c"))).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct EmrContainersCreateVirtualCluster {
    eks_cluster: EksClusterInput,
    namespace: Option<Expr>,
    name: Option<Payload>,
    tags: IndexMap<String, Expr>,
}

impl EmrContainersCreateVirtualCluster {
    /// Creates a virtual cluster on this EKS cluster.
    ///
    /// ```
    /// use stepfunctions_tasks::{EksClusterInput, EmrContainersCreateVirtualCluster};
    /// let c = EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input(stepfunctions::JsonPath::string_at("$.cluster")));
    /// ```
    pub fn new(eks_cluster: EksClusterInput) -> Self {
        EmrContainersCreateVirtualCluster {
            eks_cluster,
            namespace: None,
            name: None,
            tags: IndexMap::new(),
        }
    }

    /// The Kubernetes namespace the virtual cluster maps to. Default: `default`.
    ///
    /// ```
    /// use stepfunctions_tasks::{EksClusterInput, EmrContainersCreateVirtualCluster};
    /// let c = EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("c")).eks_namespace("spark");
    /// ```
    #[must_use]
    pub fn eks_namespace(mut self, namespace: impl Into<Expr>) -> Self {
        self.namespace = Some(namespace.into());
        self
    }

    /// The virtual cluster's name, 1 to 64 letters, digits and `.-_/#`, literal or read from
    /// the input. Default: `<execution name>/<state name>` (`States.Format`, as in CDK), which
    /// EMR on EKS rejects at run time when the state name has other characters (a space, say:
    /// CDK's own "Create a Virtual Cluster") or the two names are over 64 characters together:
    /// name the virtual cluster then (`JsonPath::string_at("$$.Execution.Name")`, say).
    ///
    /// ```
    /// use stepfunctions_tasks::{EksClusterInput, EmrContainersCreateVirtualCluster};
    /// let c = EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("c")).virtual_cluster_name("spark-jobs");
    /// ```
    #[must_use]
    pub fn virtual_cluster_name(mut self, name: impl Into<Payload>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Tags the virtual cluster. Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EksClusterInput, EmrContainersCreateVirtualCluster};
    /// let c = EmrContainersCreateVirtualCluster::new(EksClusterInput::from_task_input("c")).tag("team", "data");
    /// ```
    #[must_use]
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }
}

impl ServiceIntegration for EmrContainersCreateVirtualCluster {
    const SERVICE: &'static str = "emr-containers";
    const API: &'static str = "createVirtualCluster";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let name = self.name.clone().unwrap_or_else(|| {
            JsonPath::format(
                "{}/{}",
                [Arg::Path("$$.Execution.Name".into()), Arg::Path("$$.State.Name".into())],
            )
        });
        let namespace = self.namespace.clone().unwrap_or_else(|| Expr::lit("default"));
        let mut p = vec![
            ("Name", name),
            (
                "ContainerProvider",
                Payload::from_object([
                    ("Id", self.eks_cluster.name().clone()),
                    (
                        "Info",
                        Payload::from_object([(
                            "EksInfo",
                            Payload::from_object([("Namespace", Payload::String(namespace))]),
                        )]),
                    ),
                    ("Type", "EKS".into()),
                ]),
            ),
        ];
        if !self.tags.is_empty() {
            p.push(("Tags", tags_payload(&self.tags)));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut out = vec![
            PolicyStatement::allow(["emr-containers:CreateVirtualCluster"], [Expr::lit("*")]),
            PolicyStatement::allow(
                ["iam:CreateServiceLinkedRole"],
                [Expr::concat([
                    Expr::lit("arn:"),
                    Expr::partition(),
                    Expr::lit(":iam::"),
                    Expr::account_id(),
                    Expr::lit(
                        ":role/aws-service-role/emr-containers.amazonaws.com/AWSServiceRoleForAmazonEMRContainers",
                    ),
                ])],
            )
            .condition(
                "StringLike",
                "iam:AWSServiceName",
                [Expr::lit("emr-containers.amazonaws.com")],
            ),
        ];
        if !self.tags.is_empty() {
            out.push(PolicyStatement::allow(
                ["emr-containers:TagResource"],
                [virtual_cluster_arn(None, "")],
            ));
        }
        out
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        match self.eks_cluster.name() {
            Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
            _ => {
                return Err(TaskError::field(
                    "ContainerProvider.Id",
                    "the EKS cluster name must be a string",
                ))
            }
        }
        if let Some(name) = literal(self.eks_cluster.name()) {
            check_cluster_name(name)?;
        }
        if let Some(ns) = self.namespace.as_ref().and_then(Expr::as_literal) {
            let ok = (1..=63).contains(&ns.len())
                && ns
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !ns.starts_with('-')
                && !ns.ends_with('-');
            if !ok {
                return Err(TaskError::field(
                    "ContainerProvider.Info.EksInfo.Namespace",
                    format!(
                        "Kubernetes namespace `{ns}` must be 1 to 63 lower-case letters, digits and `-`, \
                     starting and ending with a letter or digit"
                    ),
                ));
            }
        }
        if let Some(name) = &self.name {
            match name {
                Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
                _ => return Err(TaskError::field("Name", "the virtual cluster name must be a string")),
            }
            if let Some(text) = literal(name) {
                check_resource_name("virtual cluster name", text)?;
            }
        }
        check_tags(&self.tags).map_err(TaskError::from)
    }
}
