//! The IAM roles of an EMR cluster: the service role EMR assumes, the cluster (job flow) role
//! its EC2 instances assume through an instance profile, and the auto-scaling role.

use cfn_model::iam::{Policy, PolicyDocument, PolicyStatement, Role};
use cfn_model::{Expr, Resource, Template, Value};

/// An IAM role passed to EMR by name (the service role, the auto-scaling role); the state
/// machine's role gets `iam:PassRole` on its ARN.
///
/// ```
/// use stepfunctions_tasks::EmrRole;
/// let existing = EmrRole::from_name("EMR_DefaultRole");
/// let in_template = EmrRole::from_template("ServiceRole");
/// assert_eq!(in_template.name(), &cfn_model::Expr::reference("ServiceRole"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrRole {
    name: Expr,
    arn: Expr,
}

impl EmrRole {
    /// A role by name and ARN (for a role with a path, whose ARN is `role/<path>/<name>`).
    ///
    /// ```
    /// let r = stepfunctions_tasks::EmrRole::new("EmrService", "arn:aws:iam::123456789012:role/emr/EmrService");
    /// ```
    pub fn new(name: impl Into<Expr>, arn: impl Into<Expr>) -> Self {
        EmrRole {
            name: name.into(),
            arn: arn.into(),
        }
    }

    /// An existing role of the stack's account with the path `/`, by name (a literal or a
    /// template `Parameter`): its ARN is `arn:<partition>:iam::<account>:role/<name>`.
    ///
    /// ```
    /// let r = stepfunctions_tasks::EmrRole::from_name("EMR_AutoScaling_DefaultRole");
    /// assert_eq!(r.arn().to_string(), "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/EMR_AutoScaling_DefaultRole");
    /// ```
    pub fn from_name(name: impl Into<Expr>) -> Self {
        let name = name.into();
        EmrRole {
            arn: role_arn(name.clone()),
            name,
        }
    }

    /// The `AWS::IAM::Role` with this logical id in the same template (`Ref` is its name,
    /// `Fn::GetAtt Arn` its ARN).
    ///
    /// ```
    /// let r = stepfunctions_tasks::EmrRole::from_template("AutoScalingRole");
    /// assert_eq!(r.arn(), &cfn_model::Expr::get_att("AutoScalingRole", "Arn"));
    /// ```
    pub fn from_template(logical_id: &str) -> Self {
        EmrRole::new(Expr::reference(logical_id), Expr::get_att(logical_id, "Arn"))
    }

    /// The name passed to EMR.
    ///
    /// ```
    /// assert_eq!(stepfunctions_tasks::EmrRole::from_name("R").name(), &cfn_model::Expr::lit("R"));
    /// ```
    pub fn name(&self) -> &Expr {
        &self.name
    }

    /// The ARN (the resource of `iam:PassRole`).
    ///
    /// ```
    /// let r = stepfunctions_tasks::EmrRole::new("R", "arn:aws:iam::123456789012:role/R");
    /// assert_eq!(r.arn(), &cfn_model::Expr::lit("arn:aws:iam::123456789012:role/R"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }
}

/// The cluster (job flow) role: what the cluster's EC2 instances assume. EMR takes the name of
/// an instance profile (`JobFlowRole`) that must be named like the role inside it (EMR rejects
/// a profile named otherwise: "invalid instance profile", Amazon EMR management guide,
/// "Customize IAM roles"); the state machine's role gets `iam:PassRole` on the role.
///
/// ```
/// use stepfunctions_tasks::EmrInstanceProfile;
/// // The role and profile that `aws emr create-default-roles` makes.
/// let default = EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole");
/// let with_path = EmrInstanceProfile::new("MyEmrEc2Role", "arn:aws:iam::123456789012:role/emr/MyEmrEc2Role");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrInstanceProfile {
    name: Expr,
    role_arn: Expr,
}

impl EmrInstanceProfile {
    /// The instance profile named `name`, like its role, whose ARN is `role_arn` (for a role
    /// with a path, or one in the same template: `Ref` and `Fn::GetAtt Arn` of the role, with
    /// an `AWS::IAM::InstanceProfile` whose `InstanceProfileName` is the role's `Ref`).
    ///
    /// ```
    /// use cfn_model::Expr;
    /// let p = stepfunctions_tasks::EmrInstanceProfile::new(Expr::reference("Ec2Role"), Expr::get_att("Ec2Role", "Arn"));
    /// ```
    pub fn new(name: impl Into<Expr>, role_arn: impl Into<Expr>) -> Self {
        EmrInstanceProfile {
            name: name.into(),
            role_arn: role_arn.into(),
        }
    }

    /// An existing instance profile and role of this name, a role of the stack's account with
    /// the path `/` (as the console and `aws emr create-default-roles` make them).
    ///
    /// ```
    /// let p = stepfunctions_tasks::EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole");
    /// assert_eq!(p.role_arn().to_string(), "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/EMR_EC2_DefaultRole");
    /// ```
    pub fn from_role_name(name: impl Into<Expr>) -> Self {
        let name = name.into();
        EmrInstanceProfile {
            role_arn: role_arn(name.clone()),
            name,
        }
    }

    /// The name of the instance profile and its role (`JobFlowRole`).
    ///
    /// ```
    /// let p = stepfunctions_tasks::EmrInstanceProfile::from_role_name("R");
    /// assert_eq!(p.name(), &cfn_model::Expr::lit("R"));
    /// ```
    pub fn name(&self) -> &Expr {
        &self.name
    }

    /// The ARN of the profile's role (the resource of `iam:PassRole`).
    ///
    /// ```
    /// let p = stepfunctions_tasks::EmrInstanceProfile::new("R", "arn:aws:iam::123456789012:role/R");
    /// assert!(p.role_arn().to_string().ends_with(":role/R"));
    /// ```
    pub fn role_arn(&self) -> &Expr {
        &self.role_arn
    }

    /// Checks that a literal name and a literal ARN name the same role.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if let (Some(name), Some(arn)) = (self.name.as_literal(), self.role_arn.as_literal()) {
            if !(arn.starts_with("arn:") && arn.contains(":role/") && arn.ends_with(&format!("/{name}"))) {
                return Err(format!(
                    "the instance profile `{name}` must be named like its role, but the role is `{arn}` \
                     (EMR rejects an instance profile named otherwise)"
                ));
            }
        }
        Ok(())
    }
}

/// The roles a cluster runs with: the service role, the cluster role (an instance profile) and,
/// for instance groups with an automatic scaling policy, the auto-scaling role. Roles that
/// exist are named with [`EmrClusterRoles::new`]; [`EmrClusterRoles::define`] creates them in
/// the template, as the CDK does when `EmrCreateCluster` is given none.
///
/// ```
/// use stepfunctions_tasks::{EmrClusterRoles, EmrInstanceProfile, EmrRole};
/// let existing = EmrClusterRoles::new(EmrRole::from_name("EMR_DefaultRole"), EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"))
///     .auto_scaling_role(EmrRole::from_name("EMR_AutoScaling_DefaultRole"));
///
/// let mut t = cfn_model::Template::new();
/// let defined = EmrClusterRoles::define("CreateCluster").add_to(&mut t).unwrap();
/// assert!(t.resource("CreateClusterInstanceProfile").is_some());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrClusterRoles {
    service_role: EmrRole,
    cluster_role: EmrInstanceProfile,
    auto_scaling_role: Option<EmrRole>,
    managed_policies_v2: bool,
}

/// The tag EMR's v2 managed policies require on the cluster (EMR propagates it to the
/// resources it creates).
pub(crate) const MANAGED_POLICY_TAG: &str = "for-use-with-amazon-emr-managed-policies";

impl EmrClusterRoles {
    /// Existing (or separately defined) roles. The service role must be allowed to pass the
    /// cluster role to EC2 (`iam:PassRole`; EMR's managed service policies allow it for the
    /// default role names).
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrClusterRoles, EmrInstanceProfile, EmrRole};
    /// let r = EmrClusterRoles::new(EmrRole::from_name("EMR_DefaultRole"), EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"));
    /// ```
    pub fn new(service_role: EmrRole, cluster_role: EmrInstanceProfile) -> Self {
        EmrClusterRoles {
            service_role,
            cluster_role,
            auto_scaling_role: None,
            managed_policies_v2: false,
        }
    }

    /// The service role uses EMR's v2 managed policy (`AmazonEMRServicePolicy_v2`), which acts
    /// only on resources tagged `for-use-with-amazon-emr-managed-policies = true`: a cluster
    /// created with these roles gets that tag. Default: the roles use the v1 policies.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrClusterRoles, EmrInstanceProfile, EmrRole};
    /// let r = EmrClusterRoles::new(EmrRole::from_name("EMR_DefaultRole_V2"), EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"))
    ///     .managed_policies_v2();
    /// ```
    #[must_use]
    pub fn managed_policies_v2(mut self) -> Self {
        self.managed_policies_v2 = true;
        self
    }

    /// Whether a cluster of these roles needs the v2 managed policies' tag.
    pub(crate) fn needs_managed_policy_tag(&self) -> bool {
        self.managed_policies_v2
    }

    /// The role that EMR and Application Auto Scaling assume to scale instance groups with an
    /// automatic scaling policy (not valid with instance fleets). Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrClusterRoles, EmrInstanceProfile, EmrRole};
    /// let r = EmrClusterRoles::new(EmrRole::from_name("EMR_DefaultRole"), EmrInstanceProfile::from_role_name("EMR_EC2_DefaultRole"))
    ///     .auto_scaling_role(EmrRole::from_name("EMR_AutoScaling_DefaultRole"));
    /// ```
    #[must_use]
    pub fn auto_scaling_role(mut self, role: EmrRole) -> Self {
        self.auto_scaling_role = Some(role);
        self
    }

    /// Starts the definition of the three roles in the template, under a construct id.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EmrClusterRoles::define("Cluster");
    /// ```
    pub fn define(id: impl Into<String>) -> EmrClusterRolesDefinition {
        EmrClusterRolesDefinition {
            id: id.into(),
            auto_scaling_role: true,
            instance_role_statements: Vec::new(),
            service_policy_v2: false,
        }
    }

    /// The service role.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrClusterRoles, EmrInstanceProfile, EmrRole};
    /// let r = EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("C"));
    /// assert_eq!(r.service_role().name(), &cfn_model::Expr::lit("S"));
    /// ```
    pub fn service_role(&self) -> &EmrRole {
        &self.service_role
    }

    /// The cluster role.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrClusterRoles, EmrInstanceProfile, EmrRole};
    /// let r = EmrClusterRoles::new(EmrRole::from_name("S"), EmrInstanceProfile::from_role_name("C"));
    /// assert_eq!(r.cluster_role().name(), &cfn_model::Expr::lit("C"));
    /// ```
    pub fn cluster_role(&self) -> &EmrInstanceProfile {
        &self.cluster_role
    }

    /// Whether there is an auto-scaling role.
    pub(crate) fn has_auto_scaling_role(&self) -> bool {
        self.auto_scaling_role.is_some()
    }

    /// The auto-scaling role's name, if there is one.
    pub(crate) fn auto_scaling_role_name(&self) -> Option<&Expr> {
        self.auto_scaling_role.as_ref().map(|r| &r.name)
    }

    /// The ARNs the state machine's role may pass.
    pub(crate) fn pass_role_arns(&self) -> Vec<Expr> {
        let mut arns = vec![self.service_role.arn.clone(), self.cluster_role.role_arn.clone()];
        arns.extend(self.auto_scaling_role.iter().map(|r| r.arn.clone()));
        arns
    }
}

/// The roles of [`EmrClusterRoles::define`], as the CDK creates them for an `EmrCreateCluster`
/// without roles:
/// - `<id>ServiceRole`, assumed by EMR, with the managed policy
///   `service-role/AmazonElasticMapReduceRole`, and `<id>ServiceRoleDefaultPolicy`, which lets
///   it pass the instance role;
/// - `<id>InstanceRole`, assumed by EC2, and `<id>InstanceProfile`, an instance profile named
///   like the role (what `JobFlowRole` names), with no permissions unless
///   [`add_to_instance_role_policy`](EmrClusterRolesDefinition::add_to_instance_role_policy)
///   adds some (in `<id>InstanceRoleDefaultPolicy`);
/// - `<id>AutoScalingRole`, assumed by EMR and Application Auto Scaling, with the managed policy
///   `service-role/AmazonElasticMapReduceforAutoScalingRole`, unless
///   [`without_auto_scaling_role`](EmrClusterRolesDefinition::without_auto_scaling_role).
///
/// ```
/// use cfn_model::{iam::PolicyStatement, Expr};
/// let mut t = cfn_model::Template::new();
/// let roles = stepfunctions_tasks::EmrClusterRoles::define("Cluster")
///     .add_to_instance_role_policy(PolicyStatement::allow(["s3:GetObject"], [Expr::lit("arn:aws:s3:::my-bucket/*")]))
///     .add_to(&mut t)
///     .unwrap();
/// assert!(t.resource("ClusterInstanceRoleDefaultPolicy").is_some());
/// ```
#[derive(Debug, Clone)]
pub struct EmrClusterRolesDefinition {
    id: String,
    auto_scaling_role: bool,
    instance_role_statements: Vec<PolicyStatement>,
    service_policy_v2: bool,
}

impl EmrClusterRolesDefinition {
    /// Creates no auto-scaling role (for instance fleets, or groups without automatic
    /// scaling). Default: one is created.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EmrClusterRoles::define("Cluster").without_auto_scaling_role();
    /// ```
    #[must_use]
    pub fn without_auto_scaling_role(mut self) -> Self {
        self.auto_scaling_role = false;
        self
    }

    /// Gives the service role EMR's v2 managed policy, `service-role/AmazonEMRServicePolicy_v2`,
    /// instead of the deprecated `AmazonElasticMapReduceRole` (which can no longer be attached to
    /// new roles once deprecated). The v2 policy acts only on resources tagged
    /// `for-use-with-amazon-emr-managed-policies = true`: the cluster gets that tag, and subnets
    /// or security groups EMR did not create need it too. Default: the v1 policy, as the CDK
    /// attaches.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let roles = stepfunctions_tasks::EmrClusterRoles::define("Cluster").service_policy_v2().add_to(&mut t).unwrap();
    /// let json = t.to_json_compact().unwrap();
    /// assert!(json.contains("AmazonEMRServicePolicy_v2"));
    /// ```
    #[must_use]
    pub fn service_policy_v2(mut self) -> Self {
        self.service_policy_v2 = true;
        self
    }

    /// Grants the cluster's instances (the instance role) a permission: reading the input in
    /// S3, writing the logs, ... Default: none.
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// let d = stepfunctions_tasks::EmrClusterRoles::define("Cluster")
    ///     .add_to_instance_role_policy(PolicyStatement::allow(["s3:PutObject"], [Expr::lit("arn:aws:s3:::my-logs/*")]));
    /// ```
    #[must_use]
    pub fn add_to_instance_role_policy(mut self, statement: PolicyStatement) -> Self {
        self.instance_role_statements.push(statement);
        self
    }

    /// Adds the roles, the instance profile and the policies to a template.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let roles = stepfunctions_tasks::EmrClusterRoles::define("Cluster").add_to(&mut t).unwrap();
    /// assert_eq!(roles.cluster_role().name(), &cfn_model::Expr::reference("ClusterInstanceRole"));
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<EmrClusterRoles, stepfunctions::Error> {
        let id = &self.id;
        let service_policy = if self.service_policy_v2 {
            "service-role/AmazonEMRServicePolicy_v2"
        } else {
            "service-role/AmazonElasticMapReduceRole"
        };
        let service =
            Role::for_service("elasticmapreduce.amazonaws.com").managed_policy(managed_policy(service_policy));
        let service_id = template.add_resource(&format!("{id}ServiceRole"), service.into_resource())?;

        let instance_id = template.add_resource(
            &format!("{id}InstanceRole"),
            Role::for_service("ec2.amazonaws.com").into_resource(),
        )?;
        let instance = EmrRole::from_template(instance_id.as_str());

        // EMR launches the instances with the profile, so the service role passes the role.
        let mut doc = PolicyDocument::new();
        doc.add(PolicyStatement::allow(["iam:PassRole"], [instance.arn.clone()]));
        let policy_name = format!("{service_id}DefaultPolicy");
        let policy = Policy::new(policy_name.clone(), doc, [Expr::reference(service_id.as_str())]);
        template.add_resource(&policy_name, policy.into_resource())?;

        if !self.instance_role_statements.is_empty() {
            let mut doc = PolicyDocument::new();
            doc.extend(self.instance_role_statements);
            let name = format!("{instance_id}DefaultPolicy");
            let policy = Policy::new(name.clone(), doc, [instance.name.clone()]);
            template.add_resource(&name, policy.into_resource())?;
        }

        // The profile is named like the role, so `JobFlowRole` is the role's `Ref` (as in the
        // CDK).
        let profile = Resource::new("AWS::IAM::InstanceProfile")
            .property("InstanceProfileName", Value::from(instance.name.clone()))
            .property("Roles", Value::list([Value::from(instance.name.clone())]));
        template.add_resource(&format!("{id}InstanceProfile"), profile)?;

        let mut roles = EmrClusterRoles::new(
            EmrRole::from_template(service_id.as_str()),
            EmrInstanceProfile::new(instance.name, instance.arn),
        );
        if self.auto_scaling_role {
            let role = Resource::new("AWS::IAM::Role")
                .property(
                    "AssumeRolePolicyDocument",
                    trust_document(&[
                        "elasticmapreduce.amazonaws.com",
                        "application-autoscaling.amazonaws.com",
                    ]),
                )
                .property(
                    "ManagedPolicyArns",
                    Value::list([Value::from(managed_policy(
                        "service-role/AmazonElasticMapReduceforAutoScalingRole",
                    ))]),
                );
            let role_id = template.add_resource(&format!("{id}AutoScalingRole"), role)?;
            roles = roles.auto_scaling_role(EmrRole::from_template(role_id.as_str()));
        }
        if self.service_policy_v2 {
            roles = roles.managed_policies_v2();
        }
        Ok(roles)
    }
}

/// A trust policy that lets each service principal assume the role, one statement each.
pub(crate) fn trust_document(principals: &[&str]) -> Value {
    let statements = principals.iter().map(|p| {
        Value::map([
            ("Action", Value::from("sts:AssumeRole")),
            ("Effect", Value::from("Allow")),
            ("Principal", Value::map([("Service", Value::from(*p))])),
        ])
    });
    Value::map([
        ("Statement", Value::list(statements)),
        ("Version", Value::from("2012-10-17")),
    ])
}

/// `arn:<partition>:iam::aws:policy/<name>`.
fn managed_policy(name: &str) -> Expr {
    Expr::concat([
        Expr::lit("arn:"),
        Expr::partition(),
        Expr::lit(format!(":iam::aws:policy/{name}")),
    ])
}

/// `arn:<partition>:iam::<account>:role/<name>`.
fn role_arn(name: Expr) -> Expr {
    Expr::concat([
        Expr::lit("arn:"),
        Expr::partition(),
        Expr::lit(":iam::"),
        Expr::account_id(),
        Expr::lit(":role/"),
        name,
    ])
}
