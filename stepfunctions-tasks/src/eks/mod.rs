//! Amazon EKS: call the Kubernetes API of a cluster.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html>.

mod call;

use cfn_model::{Expr, Resource, Template, Value};

pub use call::{EksCall, HttpMethods};

use crate::util::is_base64;

/// An EKS cluster: its name, the endpoint of its Kubernetes API server and the base64 data of
/// its certificate authority (what `aws eks describe-cluster` shows as `name`, `endpoint` and
/// `certificateAuthority.data`).
///
/// ```
/// use cfn_model::Expr;
/// use stepfunctions_tasks::EksCluster;
/// let existing = EksCluster::from_attributes(
///     "my-eks-cluster",
///     "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
///     "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
/// );
/// let parameters = EksCluster::from_attributes(
///     Expr::reference("ClusterName"),
///     Expr::reference("ClusterEndpoint"),
///     Expr::reference("ClusterCertificateAuthority"),
/// );
/// let in_template = EksCluster::from_logical_id("Cluster");
/// assert_eq!(in_template.endpoint(), &Expr::get_att("Cluster", "Endpoint"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EksCluster {
    name: Expr,
    endpoint: Expr,
    certificate_authority: Expr,
}

impl EksCluster {
    /// A cluster by its attributes (CDK's `Cluster.fromClusterAttributes` with the name, the
    /// endpoint and the certificate authority data).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EksCluster::from_attributes("c", "https://x.gr7.us-east-1.eks.amazonaws.com", "Zm9v");
    /// ```
    pub fn from_attributes(
        name: impl Into<Expr>,
        endpoint: impl Into<Expr>,
        certificate_authority_data: impl Into<Expr>,
    ) -> Self {
        EksCluster {
            name: name.into(),
            endpoint: endpoint.into(),
            certificate_authority: certificate_authority_data.into(),
        }
    }

    /// The `AWS::EKS::Cluster` of the same template with this logical id: its `Ref` (the name),
    /// `Endpoint` and `CertificateAuthorityData`.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EksCluster::from_logical_id("Cluster");
    /// assert_eq!(c.name(), &cfn_model::Expr::reference("Cluster"));
    /// ```
    pub fn from_logical_id(logical_id: &str) -> Self {
        EksCluster {
            name: Expr::reference(logical_id),
            endpoint: Expr::get_att(logical_id, "Endpoint"),
            certificate_authority: Expr::get_att(logical_id, "CertificateAuthorityData"),
        }
    }

    /// The cluster's name.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EksCluster::from_attributes("c", "https://e", "Zm9v");
    /// assert_eq!(c.name().as_literal(), Some("c"));
    /// ```
    pub fn name(&self) -> &Expr {
        &self.name
    }

    /// The endpoint of the cluster's Kubernetes API server.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EksCluster::from_attributes("c", "https://e", "Zm9v");
    /// assert_eq!(c.endpoint().as_literal(), Some("https://e"));
    /// ```
    pub fn endpoint(&self) -> &Expr {
        &self.endpoint
    }

    /// The base64 data of the cluster's certificate authority.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EksCluster::from_attributes("c", "https://e", "Zm9v");
    /// assert_eq!(c.certificate_authority_data().as_literal(), Some("Zm9v"));
    /// ```
    pub fn certificate_authority_data(&self) -> &Expr {
        &self.certificate_authority
    }

    /// Gives an IAM principal (a state machine's role: [`stepfunctions::Rendered::role_arn`])
    /// access to the cluster's Kubernetes API with an EKS access entry: see
    /// [`EksAccessEntry`].
    ///
    /// ```
    /// use stepfunctions_tasks::{EksAccessPolicy, EksAccessScope, EksCluster};
    /// let entry = EksCluster::from_logical_id("Cluster").grant_access(
    ///     "StateMachineAccess",
    ///     cfn_model::Expr::get_att("StateMachineRole", "Arn"),
    ///     EksAccessPolicy::View,
    ///     EksAccessScope::namespaces(["default"]),
    /// );
    /// ```
    pub fn grant_access(
        &self,
        id: impl Into<String>,
        principal_arn: impl Into<Expr>,
        policy: EksAccessPolicy,
        scope: EksAccessScope,
    ) -> EksAccessEntry {
        EksAccessEntry {
            id: id.into(),
            cluster_name: self.name.clone(),
            principal_arn: principal_arn.into(),
            policy,
            scope,
            condition: None,
        }
    }

    /// Checks the literal attributes: a name of 1 to 100 letters, digits, `-` and `_` starting
    /// with a letter or digit, an `https://` endpoint and base64 certificate data.
    pub(crate) fn check(&self) -> Result<(), String> {
        if let Some(name) = self.name.as_literal() {
            check_cluster_name(name)?;
        }
        if let Some(endpoint) = self.endpoint.as_literal() {
            if !endpoint.starts_with("https://") || endpoint.len() == "https://".len() {
                return Err(format!(
                    "the cluster endpoint `{endpoint}` must be the https:// URL of its Kubernetes API server"
                ));
            }
        }
        if let Some(ca) = self.certificate_authority.as_literal() {
            if ca.is_empty() || !is_base64(ca) {
                return Err(
                    "the cluster's certificate authority data must be base64 (certificateAuthority.data)".into(),
                );
            }
        }
        Ok(())
    }
}

/// Checks an EKS cluster name: 1 to 100 characters, letters, digits, `-` and `_`, starting with
/// a letter or digit (the EKS `CreateCluster` API reference).
pub(crate) fn check_cluster_name(name: &str) -> Result<(), String> {
    let ok = (1..=100).contains(&name.chars().count())
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "EKS cluster name `{name}` must be 1 to 100 letters, digits, `-` and `_`, starting with a letter or digit"
        ))
    }
}

/// The Kubernetes permissions an access entry grants: one of the access policies EKS
/// maintains (<https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EksAccessPolicy {
    /// `AmazonEKSViewPolicy`: read most objects (not Secrets).
    View,
    /// `AmazonEKSEditPolicy`: create, change and delete most objects.
    Edit,
    /// `AmazonEKSAdminPolicy`: edit, and manage roles and role bindings of a namespace.
    Admin,
    /// `AmazonEKSClusterAdminPolicy`: everything (`cluster-admin`); only with
    /// [`EksAccessScope::Cluster`].
    ClusterAdmin,
    /// Another access policy, by name.
    Other(String),
}

impl EksAccessPolicy {
    fn name(&self) -> &str {
        match self {
            EksAccessPolicy::View => "AmazonEKSViewPolicy",
            EksAccessPolicy::Edit => "AmazonEKSEditPolicy",
            EksAccessPolicy::Admin => "AmazonEKSAdminPolicy",
            EksAccessPolicy::ClusterAdmin => "AmazonEKSClusterAdminPolicy",
            EksAccessPolicy::Other(name) => name,
        }
    }
}

/// Where an access policy applies: the whole cluster, or some namespaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EksAccessScope {
    /// Every namespace, and cluster-wide objects.
    Cluster,
    /// These namespaces only.
    Namespaces(Vec<String>),
}

impl EksAccessScope {
    /// These namespaces only.
    ///
    /// ```
    /// let s = stepfunctions_tasks::EksAccessScope::namespaces(["default", "jobs"]);
    /// ```
    pub fn namespaces<S: Into<String>>(namespaces: impl IntoIterator<Item = S>) -> Self {
        EksAccessScope::Namespaces(namespaces.into_iter().map(Into::into).collect())
    }
}

/// An `AWS::EKS::AccessEntry`: lets an IAM principal call the cluster's Kubernetes API with an
/// access policy. This is how a state machine's role gets the Kubernetes permissions that
/// [`EksCall`] needs: `eks:call` needs no IAM permission, the Kubernetes API server authorizes
/// the role (<https://docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html>, section
/// "Permissions"). The cluster's authentication mode must be `API` or `API_AND_CONFIG_MAP`; with
/// `CONFIG_MAP` map the role in the `aws-auth` ConfigMap instead. Made with
/// [`EksCluster::grant_access`].
///
/// ```
/// use stepfunctions_tasks::{EksAccessPolicy, EksAccessScope, EksCluster};
/// let mut t = cfn_model::Template::new();
/// EksCluster::from_attributes("my-cluster", "https://e", "Zm9v")
///     .grant_access("Access", "arn:aws:iam::123456789012:role/R", EksAccessPolicy::View, EksAccessScope::Cluster)
///     .add_to(&mut t)
///     .unwrap();
/// assert_eq!(t.resource("Access").unwrap().resource_type(), "AWS::EKS::AccessEntry");
/// ```
#[derive(Debug, Clone)]
pub struct EksAccessEntry {
    id: String,
    cluster_name: Expr,
    principal_arn: Expr,
    policy: EksAccessPolicy,
    scope: EksAccessScope,
    condition: Option<cfn_model::LogicalId>,
}

impl EksAccessEntry {
    /// Creates the entry only where this template condition holds (a parameter choosing
    /// between an access entry and the `aws-auth` ConfigMap, say). Default: always.
    ///
    /// ```
    /// use stepfunctions_tasks::{EksAccessPolicy, EksAccessScope, EksCluster};
    /// let mut t = cfn_model::Template::new();
    /// let grant = t.add_condition("Grant", cfn_model::CfnCondition::equals(cfn_model::Expr::reference("Mode"), "entry")).unwrap();
    /// EksCluster::from_logical_id("Cluster")
    ///     .grant_access("Access", "arn:aws:iam::123456789012:role/R", EksAccessPolicy::View, EksAccessScope::Cluster)
    ///     .condition(grant)
    ///     .add_to(&mut t)
    ///     .unwrap();
    /// ```
    #[must_use]
    pub fn condition(mut self, condition: cfn_model::LogicalId) -> Self {
        self.condition = Some(condition);
        self
    }

    /// Adds the access entry (`<id>`) to a template.
    ///
    /// ```
    /// use stepfunctions_tasks::{EksAccessPolicy, EksAccessScope, EksCluster};
    /// let mut t = cfn_model::Template::new();
    /// let id = EksCluster::from_logical_id("Cluster")
    ///     .grant_access("Access", cfn_model::Expr::get_att("StateMachineRole", "Arn"), EksAccessPolicy::Edit, EksAccessScope::namespaces(["jobs"]))
    ///     .add_to(&mut t)
    ///     .unwrap();
    /// assert_eq!(id.as_str(), "Access");
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<cfn_model::LogicalId, stepfunctions::Error> {
        let invalid = |reason: String| stepfunctions::Error::InvalidResource {
            construct: self.id.clone(),
            field: "AccessPolicies",
            reason,
        };
        let scope = match &self.scope {
            EksAccessScope::Cluster => Value::map([("Type", Value::from("cluster"))]),
            EksAccessScope::Namespaces(namespaces) => {
                if namespaces.is_empty() {
                    return Err(invalid("a namespace scope needs at least one namespace".into()));
                }
                if self.policy == EksAccessPolicy::ClusterAdmin {
                    return Err(invalid(
                        "AmazonEKSClusterAdminPolicy applies to the whole cluster only (EksAccessScope::Cluster)"
                            .into(),
                    ));
                }
                Value::map([
                    ("Type", Value::from("namespace")),
                    (
                        "Namespaces",
                        Value::list(namespaces.iter().map(|n| Value::from(n.as_str()))),
                    ),
                ])
            }
        };
        let policy_arn = Expr::concat([
            Expr::lit("arn:"),
            Expr::partition(),
            Expr::lit(format!(":eks::aws:cluster-access-policy/{}", self.policy.name())),
        ]);
        let mut entry = Resource::new("AWS::EKS::AccessEntry")
            .property(
                "AccessPolicies",
                Value::list([Value::map([
                    ("AccessScope", scope),
                    ("PolicyArn", Value::from(policy_arn)),
                ])]),
            )
            .property("ClusterName", Value::from(self.cluster_name))
            .property("PrincipalArn", Value::from(self.principal_arn))
            .property("Type", Value::from("STANDARD"));
        if let Some(condition) = self.condition {
            entry = entry.condition(condition);
        }
        Ok(template.add_resource(&self.id, entry)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_names_are_checked() {
        assert!(check_cluster_name("my-eks_cluster1").is_ok());
        assert!(check_cluster_name("").is_err());
        assert!(check_cluster_name("-x").is_err());
        assert!(check_cluster_name("a.b").is_err());
        assert!(check_cluster_name(&"a".repeat(101)).is_err());
    }
}
