//! `EksCall`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html>.

use cfn_model::iam::PolicyStatement;
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration};

use super::EksCluster;
use crate::util::literal;

/// The HTTP method of a call to the Kubernetes API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethods {
    /// Read a resource.
    Get,
    /// Create a resource.
    Post,
    /// Replace a resource.
    Put,
    /// Delete a resource.
    Delete,
    /// Change part of a resource.
    Patch,
    /// Read a resource's headers only.
    Head,
}

impl HttpMethods {
    fn as_str(self) -> &'static str {
        match self {
            HttpMethods::Get => "GET",
            HttpMethods::Post => "POST",
            HttpMethods::Put => "PUT",
            HttpMethods::Delete => "DELETE",
            HttpMethods::Patch => "PATCH",
            HttpMethods::Head => "HEAD",
        }
    }
}

/// Calls the Kubernetes API of an EKS cluster (`arn:aws:states:::eks:call`): reads or writes
/// Kubernetes objects through the cluster's public API endpoint.
///
/// Supports request-response only.
///
/// IAM: none, as in CDK. `eks:call` calls no AWS API: Step Functions signs its requests to the
/// Kubernetes API server with the state machine's role, and the cluster authorizes that role
/// through Kubernetes RBAC (an EKS access entry, or the `aws-auth` ConfigMap), not through IAM
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html>, "Permissions"; the
/// Step Functions IAM templates for EKS, <https://docs.aws.amazon.com/step-functions/latest/dg/eks-iam.html>,
/// list nothing for `call`). `KNOWN-CDK-DEFECTS.md` lists "grants nothing" as too narrow: what
/// the task needs is on the Kubernetes side, which [`EksCluster::grant_access`] adds to the
/// template as an `AWS::EKS::AccessEntry` for the role. A role the cluster does not know fails
/// with `EKS.401`.
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EksCall, EksCluster, HttpMethods};
/// let cluster = EksCluster::from_logical_id("Cluster");
/// let task = Task::new(
///     "Call a EKS Endpoint",
///     EksCall::new(cluster, HttpMethods::Get, "/api/v1/namespaces/default/pods")
///         .query_parameter("labelSelector", ["job-name=example-job"]),
/// );
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Call a EKS Endpoint"]["Parameters"]["Method"], "GET");
/// assert_eq!(r["PolicyStatements"], serde_json::json!([]));
/// ```
///
/// `eks:call` has no run-job or callback pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EksCall, EksCluster, HttpMethods};
/// let t = Task::new("Call", EksCall::new(EksCluster::from_logical_id("C"), HttpMethods::Get, "/api")).run_job();
/// ```
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EksCall, EksCluster, HttpMethods};
/// let t = Task::new("Call", EksCall::new(EksCluster::from_logical_id("C"), HttpMethods::Get, "/api")).wait_for_task_token();
/// ```
#[derive(Debug, Clone)]
pub struct EksCall {
    cluster: EksCluster,
    method: HttpMethods,
    path: Payload,
    query_parameters: IndexMap<String, Vec<String>>,
    request_body: Option<Payload>,
}

impl EksCall {
    /// Calls `method` on `path` of the cluster's Kubernetes API (a literal such as
    /// `/api/v1/namespaces/default/pods`, or read from the input).
    ///
    /// ```
    /// use stepfunctions_tasks::{EksCall, EksCluster, HttpMethods};
    /// let c = EksCall::new(EksCluster::from_logical_id("Cluster"), HttpMethods::Get, "/api/v1/namespaces/default/pods");
    /// ```
    pub fn new(cluster: EksCluster, method: HttpMethods, path: impl Into<Payload>) -> Self {
        EksCall {
            cluster,
            method,
            path: path.into(),
            query_parameters: IndexMap::new(),
            request_body: None,
        }
    }

    /// Adds a query parameter with its values (`QueryParameters`). Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EksCall, EksCluster, HttpMethods};
    /// let c = EksCall::new(EksCluster::from_logical_id("Cluster"), HttpMethods::Get, "/api/v1/namespaces/default/pods")
    ///     .query_parameter("labelSelector", ["job-name=example-job"]);
    /// ```
    #[must_use]
    pub fn query_parameter<S: Into<String>>(
        mut self,
        name: impl Into<String>,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        self.query_parameters
            .insert(name.into(), values.into_iter().map(Into::into).collect());
        self
    }

    /// The request body (`RequestBody`): a Kubernetes object, or read from the input. Default:
    /// none.
    ///
    /// ```
    /// use stepfunctions::prelude::*;
    /// use stepfunctions_tasks::{EksCall, EksCluster, HttpMethods};
    /// let c = EksCall::new(EksCluster::from_logical_id("Cluster"), HttpMethods::Post, "/api/v1/namespaces/default/configmaps")
    ///     .request_body(Payload::from_json(serde_json::json!({
    ///         "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"mode": "fast"}
    ///     })));
    /// ```
    #[must_use]
    pub fn request_body(mut self, body: impl Into<Payload>) -> Self {
        self.request_body = Some(body.into());
        self
    }
}

impl ServiceIntegration for EksCall {
    const SERVICE: &'static str = "eks";
    const API: &'static str = "call";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("ClusterName", Payload::String(self.cluster.name().clone())),
            (
                "CertificateAuthority",
                Payload::String(self.cluster.certificate_authority_data().clone()),
            ),
            ("Endpoint", Payload::String(self.cluster.endpoint().clone())),
            ("Method", self.method.as_str().into()),
            ("Path", self.path.clone()),
        ];
        if !self.query_parameters.is_empty() {
            let params = self.query_parameters.iter().map(|(name, values)| {
                (
                    name.clone(),
                    Payload::Array(values.iter().map(|v| v.as_str().into()).collect()),
                )
            });
            p.push(("QueryParameters", Payload::from_object(params)));
        }
        if let Some(body) = &self.request_body {
            p.push(("RequestBody", body.clone()));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, _pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        Vec::new()
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.cluster.check()?;
        match &self.path {
            Payload::String(_) | Payload::Path(_) | Payload::Intrinsic(_) | Payload::Jsonata(_) => {}
            _ => return Err(TaskError::field("Path", "the path must be a string")),
        }
        if let Some(path) = literal(&self.path) {
            if !path.starts_with('/') {
                return Err(TaskError::field(
                    "Path",
                    format!("the path `{path}` must start with `/`"),
                ));
            }
        }
        if self.query_parameters.keys().any(String::is_empty) {
            return Err(TaskError::field("QueryParameters", "a query parameter has no name"));
        }
        Ok(())
    }
}
