//! The job execution role of EMR on EKS job runs: given by ARN, or defined in the template with
//! its trust policy set up for the virtual cluster's namespace.

use cfn_model::iam::{Policy, PolicyDocument, PolicyStatement, Role};
use cfn_model::{Expr, Resource, Template, Value};

use super::{check_virtual_cluster_id, virtual_cluster_arn, Monitoring};
use crate::lambda::InlineFunction;
use crate::util::stack_arn;

/// The inline function that adds the EMR on EKS trust statement to the roles defined with
/// [`EmrContainersExecutionRole::define`]; one per template.
const TRUST_FUNCTION_ID: &str = "EmrContainersRoleTrustFunction";

/// The function's code: what `aws emr-containers update-role-trust-policy` does (the command is
/// the AWS CLI's own and has no API), as a CloudFormation custom resource.
const TRUST_FUNCTION_CODE: &str = include_str!("trust_policy.py");

/// The role a job run runs as (`ExecutionRoleArn`), whose permissions the job's code gets.
///
/// Given by ARN ([`from_arn`](Self::from_arn)), the role must already trust the EMR managed
/// service accounts of the virtual cluster's namespace
/// (<https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/setting-up-trust-policy.html>)
/// and grant what the job and its logs need. Defined in the template
/// ([`define`](Self::define)), it gets both.
///
/// ```
/// use stepfunctions_tasks::EmrContainersExecutionRole;
/// let existing = EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/JobExecutionRole");
/// let parameter = EmrContainersExecutionRole::from_arn(cfn_model::Expr::reference("JobExecutionRoleArn"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrContainersExecutionRole {
    arn: Expr,
    /// The virtual cluster whose namespace a defined role trusts.
    virtual_cluster: Option<Expr>,
    /// The log groups and buckets a defined role may write to.
    granted: Option<Grants>,
}

/// What a defined role may write to.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Grants {
    pub(crate) log_groups: Vec<Expr>,
    pub(crate) buckets: Vec<Expr>,
}

impl EmrContainersExecutionRole {
    /// The role with this ARN (a literal, a parameter, an import, or the `Arn` of a role of the
    /// template).
    ///
    /// ```
    /// let r = stepfunctions_tasks::EmrContainersExecutionRole::from_arn(cfn_model::Expr::get_att("JobRole", "Arn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        EmrContainersExecutionRole {
            arn: arn.into(),
            virtual_cluster: None,
            granted: None,
        }
    }

    /// Starts the definition of a job execution role in the template, for job runs on the
    /// virtual cluster with this id: see [`EmrContainersExecutionRoleDefinition`].
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let role = stepfunctions_tasks::EmrContainersExecutionRole::define("Job Execution Role", "de92jdei2910fwedz")
    ///     .add_to(&mut t)
    ///     .unwrap();
    /// assert_eq!(role.arn(), &cfn_model::Expr::get_att("JobExecutionRole", "Arn"));
    /// ```
    pub fn define(id: impl Into<String>, virtual_cluster_id: impl Into<Expr>) -> EmrContainersExecutionRoleDefinition {
        EmrContainersExecutionRoleDefinition {
            id: id.into(),
            virtual_cluster_id: virtual_cluster_id.into(),
            monitoring: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// The role's ARN.
    ///
    /// ```
    /// let r = stepfunctions_tasks::EmrContainersExecutionRole::from_arn("arn:aws:iam::123456789012:role/R");
    /// assert_eq!(r.arn().as_literal(), Some("arn:aws:iam::123456789012:role/R"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }

    /// The virtual cluster a defined role's trust policy is for.
    pub(crate) fn virtual_cluster(&self) -> Option<&Expr> {
        self.virtual_cluster.as_ref()
    }

    /// What a defined role may write to; `None` for a role given by ARN.
    pub(crate) fn granted(&self) -> Option<&Grants> {
        self.granted.as_ref()
    }

    /// Checks a literal ARN.
    pub(crate) fn check(&self) -> Result<(), String> {
        match self.arn.as_literal() {
            Some(arn)
                if !(arn.starts_with("arn:") && arn.split(':').nth(5).is_some_and(|r| r.starts_with("role/"))) =>
            {
                Err(format!(
                    "execution role `{arn}` must be an IAM role ARN (`arn:<partition>:iam::<account>:role/<name>`)"
                ))
            }
            _ => Ok(()),
        }
    }
}

/// A job execution role to add to a template: see [`EmrContainersExecutionRole::define`].
///
/// The role trusts the EMR managed Kubernetes service accounts of the virtual cluster's
/// namespace, and only them (`sts:AssumeRoleWithWebIdentity` through the EKS cluster's OIDC
/// provider, the statement of
/// <https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/setting-up-trust-policy.html>).
/// That statement names the cluster's OIDC issuer, which only the EKS API knows, and the role's
/// name in base 36, which only exists once CloudFormation has made the role; so, as the CDK
/// does, a custom resource adds it at deploy time: an inline Python function
/// (`EmrContainersRoleTrustFunction`, one per template) reads the virtual cluster
/// (`emr-containers:DescribeVirtualCluster` on it) and its EKS cluster (`eks:DescribeCluster`
/// on the account's clusters: its name is only known then) and updates the role's trust policy
/// (`iam:GetRole` and `iam:UpdateAssumeRolePolicy` on this role only). The EKS cluster's OIDC
/// provider must be registered in IAM (`eksctl utils associate-iam-oidc-provider`, a step of
/// setting up EMR on EKS).
///
/// Resources: the role `<id>`, its policy `<id>DefaultPolicy` (with monitoring or statements),
/// the custom resource `<id>TrustPolicy` and the function's policy for this role,
/// `<id>TrustPolicyUpdater`. The role's own trust policy names EMR on EKS's service principal
/// (a role needs one to be created; the CDK's also names `states.amazonaws.com`, which nothing
/// needs). The statement is added when the custom resource is created or its virtual cluster
/// changes, and stays until the role is deleted.
///
/// ```
/// use stepfunctions_tasks::{EmrContainersExecutionRole, Monitoring};
/// let mut t = cfn_model::Template::new();
/// let monitoring = Monitoring::define("Job Monitoring").add_to(&mut t).unwrap();
/// let role = EmrContainersExecutionRole::define("Job Role", "de92jdei2910fwedz")
///     .monitoring(&monitoring)
///     .add_to(&mut t)
///     .unwrap();
/// assert!(t.resource("JobRoleTrustPolicy").is_some());
/// ```
#[derive(Debug, Clone)]
pub struct EmrContainersExecutionRoleDefinition {
    id: String,
    virtual_cluster_id: Expr,
    monitoring: Vec<Monitoring>,
    statements: Vec<PolicyStatement>,
}

impl EmrContainersExecutionRoleDefinition {
    /// Lets the role write the logs of this monitoring ([`Monitoring::statements`]). Default:
    /// no logs.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrContainersExecutionRole, Monitoring};
    /// let d = EmrContainersExecutionRole::define("Role", "de92jdei2910fwedz")
    ///     .monitoring(&Monitoring::new().log_group("/emr-on-eks/jobs"));
    /// ```
    #[must_use]
    pub fn monitoring(mut self, monitoring: &Monitoring) -> Self {
        self.monitoring.push(monitoring.clone());
        self
    }

    /// Grants the role what the job's code needs (to read its input from S3, say). Default:
    /// nothing more than the logs.
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// let d = stepfunctions_tasks::EmrContainersExecutionRole::define("Role", "de92jdei2910fwedz")
    ///     .add_to_role_policy(PolicyStatement::allow(["s3:GetObject"], [Expr::lit("arn:aws:s3:::my-input/*")]));
    /// ```
    #[must_use]
    pub fn add_to_role_policy(mut self, statement: PolicyStatement) -> Self {
        self.statements.push(statement);
        self
    }

    /// Adds the role, its policy, and what sets up its trust policy to a template.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// stepfunctions_tasks::EmrContainersExecutionRole::define("Role", cfn_model::Expr::reference("VirtualClusterId"))
    ///     .add_to(&mut t)
    ///     .unwrap();
    /// assert!(t.resource("EmrContainersRoleTrustFunction").is_some());
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<EmrContainersExecutionRole, stepfunctions::Error> {
        if let Some(id) = self.virtual_cluster_id.as_literal() {
            check_virtual_cluster_id(id).map_err(|reason| stepfunctions::Error::InvalidResource {
                construct: self.id.clone(),
                field: "VirtualClusterId",
                reason,
            })?;
        }
        // A role needs a trust policy to be created; the custom resource adds the statement
        // that job runs use.
        let role = Role::for_service("emr-containers.amazonaws.com");
        let role_id = template.add_resource(&self.id, role.into_resource())?;
        let role_arn = Expr::get_att(role_id.as_str(), "Arn");

        let mut grants = Grants::default();
        let mut doc = PolicyDocument::new();
        for m in &self.monitoring {
            grants.log_groups.extend(m.log_group_name().cloned());
            grants.buckets.extend(m.log_bucket_name().cloned());
            doc.extend(m.statements());
        }
        doc.extend(self.statements);
        if !doc.is_empty() {
            let name = format!("{role_id}DefaultPolicy");
            let policy = Policy::new(name.clone(), doc, [Expr::reference(role_id.as_str())]);
            template.add_resource(&name, policy.into_resource())?;
        }

        // The function, once per template; this role's permissions in a policy of its own.
        let function_arn = match template.resource(TRUST_FUNCTION_ID) {
            Some(r) if r.resource_type() == "AWS::Lambda::Function" => Expr::get_att(TRUST_FUNCTION_ID, "Arn"),
            _ => InlineFunction::python(TRUST_FUNCTION_ID, TRUST_FUNCTION_CODE)
                .timeout_seconds(120)
                .add_to(template)?
                .arn()
                .clone(),
        };
        let mut updater = PolicyDocument::new();
        updater.add(PolicyStatement::allow(
            ["emr-containers:DescribeVirtualCluster"],
            [virtual_cluster_arn(Some(&self.virtual_cluster_id), "")],
        ));
        updater.add(PolicyStatement::allow(
            ["eks:DescribeCluster"],
            [stack_arn("eks", "cluster/*")],
        ));
        updater.add(PolicyStatement::allow(
            ["iam:GetRole", "iam:UpdateAssumeRolePolicy"],
            [role_arn.clone()],
        ));
        let updater_name = format!("{role_id}TrustPolicyUpdater");
        let updater = Policy::new(
            updater_name.clone(),
            updater,
            [Expr::reference(format!("{TRUST_FUNCTION_ID}ServiceRole"))],
        );
        let updater_id = template.add_resource(&updater_name, updater.into_resource())?;

        // The function may only run once its policy exists; a function that fails without
        // answering fails the stack after 5 minutes instead of CloudFormation's hour.
        let trust = Resource::new("AWS::CloudFormation::CustomResource")
            .property("ServiceToken", Value::from(function_arn))
            .property("VirtualClusterId", Value::from(self.virtual_cluster_id.clone()))
            .property("RoleName", Value::from(Expr::reference(role_id.as_str())))
            .property("ServiceTimeout", Value::from(300))
            .depends_on(updater_id);
        template.add_resource(&format!("{role_id}TrustPolicy"), trust)?;

        Ok(EmrContainersExecutionRole {
            arn: role_arn,
            virtual_cluster: Some(self.virtual_cluster_id),
            granted: Some(grants),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_function_is_shared_and_fits_inline() {
        assert!(TRUST_FUNCTION_CODE.len() <= 4096);
        let mut t = Template::new();
        EmrContainersExecutionRole::define("A", "aaa").add_to(&mut t).unwrap();
        EmrContainersExecutionRole::define("B", "bbb").add_to(&mut t).unwrap();
        let functions = t
            .resources()
            .values()
            .filter(|r| r.resource_type() == "AWS::Lambda::Function")
            .count();
        assert_eq!(functions, 1);
        assert!(t.resource("EmrContainersRoleTrustFunctionServiceRole").is_some());
        assert!(t.resource("ATrustPolicyUpdater").is_some() && t.resource("BTrustPolicyUpdater").is_some());
    }
}
