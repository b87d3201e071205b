//! Amazon ECS and AWS Fargate: run a task.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html>.
//!
//! A task runs on a cluster ([`EcsCluster`]) from a task definition ([`EcsTaskDefinition`]: one
//! that exists, by ARN or family, or one defined in the same template with
//! [`InlineTaskDefinition`]), on EC2 instances or on Fargate ([`EcsLaunchTarget`]).

mod run_task;
mod task_definition;

use cfn_model::{Expr, ListExpr};
use stepfunctions::model::Path;
use stepfunctions::Payload;

pub use run_task::{
    EcsAwsVpc, EcsCapacityProvider, EcsContainerOverride, EcsEc2LaunchTarget, EcsFargateLaunchTarget,
    EcsFargatePlatformVersion, EcsLaunchTarget, EcsPlacementConstraint, EcsPlacementStrategy, EcsRunTask,
};
pub use task_definition::{EcsContainerDefinition, InlineTaskDefinition};

use crate::util::stack_arn;

/// An ECS cluster: by ARN (what the CDK writes: `Fn::GetAtt [Cluster, Arn]` of an
/// `AWS::ECS::Cluster` in the same template, a parameter, a literal), by name (the cluster's
/// `Ref`), or read from the input.
///
/// The tasks the state machine may stop and describe (run-job) are the cluster's:
/// `arn:<partition>:ecs:<region>:<account>:task/<cluster name>/*`. A literal ARN gives every part;
/// for an expression the name is taken from the ARN in the template (`Fn::Select` over
/// `Fn::Split`), in the stack's partition, region and account (ECS clusters cannot be shared
/// with other accounts). A cluster read from the input widens to every task of the account
/// (`task/*`).
///
/// ```
/// use cfn_model::Expr;
/// use stepfunctions_tasks::EcsCluster;
/// let defined = EcsCluster::from_arn(Expr::get_att("Cluster", "Arn"));
/// let imported = EcsCluster::from_arn("arn:aws:ecs:us-east-1:123456789012:cluster/jobs");
/// let by_name = EcsCluster::from_name(Expr::reference("ClusterName"));
/// let from_input = EcsCluster::from_json_path("$.cluster");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EcsCluster {
    value: Payload,
    tasks_arn: Expr,
    invalid: Option<String>,
}

impl EcsCluster {
    /// The cluster with this ARN (`arn:<partition>:ecs:<region>:<account>:cluster/<name>`).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsCluster::from_arn(cfn_model::Expr::get_att("Cluster", "Arn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        let arn = arn.into();
        match arn.as_literal() {
            Some(text) => match parse_ecs_arn(text, "cluster") {
                Ok(parts) if is_ecs_name(&parts.name) => EcsCluster {
                    tasks_arn: Expr::lit(format!(
                        "arn:{}:ecs:{}:{}:task/{}/*",
                        parts.partition, parts.region, parts.account, parts.name
                    )),
                    value: Payload::String(arn),
                    invalid: None,
                },
                _ => EcsCluster {
                    tasks_arn: arn.clone(),
                    invalid: Some(format!(
                        "`{text}` is not a cluster ARN (arn:<partition>:ecs:<region>:<account>:cluster/<name>)"
                    )),
                    value: Payload::String(arn),
                },
            },
            None => {
                let name = Expr::select(1, ListExpr::split("/", arn.clone()));
                EcsCluster {
                    tasks_arn: tasks_of(name),
                    value: Payload::String(arn),
                    invalid: None,
                }
            }
        }
    }

    /// The cluster with this name, in the stack's region and account: the `Ref` of an
    /// `AWS::ECS::Cluster`, a parameter, or a literal of up to 255 letters, digits, hyphens and
    /// underscores.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsCluster::from_name("jobs");
    /// ```
    pub fn from_name(name: impl Into<Expr>) -> Self {
        let name = name.into();
        let invalid = name
            .as_literal()
            .filter(|n| !is_ecs_name(n))
            .map(|n| format!("cluster name `{n}`: 1 to 255 letters, digits, hyphens and underscores"));
        EcsCluster {
            tasks_arn: tasks_of(name.clone()),
            value: Payload::String(name),
            invalid,
        }
    }

    /// The cluster named (by name or ARN) at a path of the input; the role may then stop and
    /// describe any task of the account (`task/*`).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsCluster::from_json_path("$.cluster");
    /// ```
    pub fn from_json_path(path: impl Into<String>) -> Self {
        EcsCluster {
            value: Payload::Path(Path::new(path)),
            tasks_arn: stack_arn("ecs", "task/*"),
            invalid: None,
        }
    }

    /// The value of `Cluster`.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsCluster::from_json_path("$.cluster");
    /// assert!(c.value().is_dynamic());
    /// ```
    pub fn value(&self) -> &Payload {
        &self.value
    }

    /// The ARN pattern of the cluster's tasks: `arn:<partition>:ecs:<region>:<account>:task/<name>/*`.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsCluster::from_arn("arn:aws:ecs:us-east-1:123456789012:cluster/jobs");
    /// assert_eq!(c.tasks_arn().as_literal(), Some("arn:aws:ecs:us-east-1:123456789012:task/jobs/*"));
    /// ```
    pub fn tasks_arn(&self) -> &Expr {
        &self.tasks_arn
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        self.invalid.clone().map_or(Ok(()), Err)
    }
}

/// `arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/<cluster name>/*`.
fn tasks_of(cluster_name: Expr) -> Expr {
    stack_arn("ecs", Expr::concat([Expr::lit("task/"), cluster_name, Expr::lit("/*")]))
}

/// What a launch target must know of a task definition defined in the template.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KnownTaskDefinition {
    pub(crate) compatibility: EcsCompatibility,
    pub(crate) network_mode: EcsNetworkMode,
    pub(crate) containers: Vec<String>,
    pub(crate) cpu: Option<u32>,
    pub(crate) memory_mib: Option<u32>,
}

/// An ECS task definition: its family, which the task runs (the latest `ACTIVE` revision, as
/// the CDK's `EcsRunTask`, unless [`EcsRunTask::revision`] pins one), and the roles it passes
/// to ECS.
///
/// `ecs:RunTask` is authorized on the task definition ARN with its revision: the role is granted
/// `arn:<partition>:ecs:<region>:<account>:task-definition/<family>:*` (every revision, since
/// "latest" changes when a revision is registered), or `:<revision>` when the task pins one.
///
/// The task definition's task role and execution role must be given: ECS checks that the
/// caller may pass them (`iam:PassRole`), and the run fails without that permission.
/// [`InlineTaskDefinition`] fills them in.
///
/// ```
/// use cfn_model::Expr;
/// use stepfunctions_tasks::EcsTaskDefinition;
/// let imported = EcsTaskDefinition::from_arn("arn:aws:ecs:us-east-1:123456789012:task-definition/report:3")
///     .task_role("arn:aws:iam::123456789012:role/ReportTask")
///     .execution_role("arn:aws:iam::123456789012:role/ReportTaskExecution");
/// assert_eq!(imported.family().as_literal(), Some("report"));
///
/// let parameter = EcsTaskDefinition::from_arn(Expr::reference("TaskDefinitionArn"))
///     .task_role(Expr::reference("TaskRoleArn"));
/// let by_family = EcsTaskDefinition::from_family("report");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EcsTaskDefinition {
    family: Expr,
    family_arn: Expr,
    task_role: Option<Expr>,
    execution_role: Option<Expr>,
    known: Option<KnownTaskDefinition>,
    invalid: Option<String>,
}

impl EcsTaskDefinition {
    /// The task definition with this ARN, with or without its `:<revision>`: a literal, a
    /// parameter, an import, or the `Ref` of an `AWS::ECS::TaskDefinition` (which is its ARN
    /// with the revision). The task runs the latest revision of the ARN's family; the family is
    /// taken from a literal ARN, and from an expression in the template (`Fn::Select` over
    /// `Fn::Split`, as the CDK does for the IAM resource).
    ///
    /// ```
    /// let d = stepfunctions_tasks::EcsTaskDefinition::from_arn(cfn_model::Expr::reference("TaskDefinition"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        let arn = arn.into();
        match arn.as_literal() {
            Some(text) => {
                let parsed = parse_ecs_arn(text, "task-definition").ok().and_then(|parts| {
                    let family = match parts.name.split_once(':') {
                        Some((family, revision)) if is_revision(revision) => family.to_owned(),
                        Some(_) => return None,
                        None => parts.name.clone(),
                    };
                    is_ecs_name(&family).then_some((parts, family))
                });
                match parsed {
                    Some((parts, family)) => EcsTaskDefinition {
                        family_arn: Expr::lit(format!(
                            "arn:{}:ecs:{}:{}:task-definition/{family}",
                            parts.partition, parts.region, parts.account
                        )),
                        family: Expr::lit(family),
                        task_role: None,
                        execution_role: None,
                        known: None,
                        invalid: None,
                    },
                    None => EcsTaskDefinition {
                        invalid: Some(format!(
                            "`{text}` is not a task definition ARN \
                             (arn:<partition>:ecs:<region>:<account>:task-definition/<family>[:<revision>])"
                        )),
                        family: arn.clone(),
                        family_arn: arn.clone(),
                        task_role: None,
                        execution_role: None,
                        known: None,
                    },
                }
            }
            None => {
                // The CDK's `splitArn` + `formatArn`: `arn:<1>:<2>:<3>:<4>:<5, before "/">/<5, after "/">`,
                // the revision (part 6) left out.
                let part = |i| Expr::select(i, ListExpr::split(":", arn.clone()));
                let resource = |i| Expr::select(i, ListExpr::split("/", part(5)));
                let family = resource(1);
                EcsTaskDefinition {
                    family_arn: Expr::concat([
                        Expr::lit("arn:"),
                        part(1),
                        Expr::lit(":"),
                        part(2),
                        Expr::lit(":"),
                        part(3),
                        Expr::lit(":"),
                        part(4),
                        Expr::lit(":"),
                        resource(0),
                        Expr::lit("/"),
                        family.clone(),
                    ]),
                    family,
                    task_role: None,
                    execution_role: None,
                    known: None,
                    invalid: None,
                }
            }
        }
    }

    /// The task definition family with this name, in the stack's region and account: a literal
    /// of up to 255 letters, digits, hyphens and underscores, or an expression.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EcsTaskDefinition::from_family("report");
    /// assert_eq!(
    ///     d.family_arn().to_string(),
    ///     "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/report"
    /// );
    /// ```
    pub fn from_family(family: impl Into<Expr>) -> Self {
        let family = family.into();
        let invalid = family
            .as_literal()
            .filter(|f| !is_ecs_name(f))
            .map(|f| format!("task definition family `{f}`: 1 to 255 letters, digits, hyphens and underscores"));
        EcsTaskDefinition {
            family_arn: stack_arn("ecs", Expr::concat([Expr::lit("task-definition/"), family.clone()])),
            family,
            task_role: None,
            execution_role: None,
            known: None,
            invalid,
        }
    }

    /// A task definition defined in the template by [`InlineTaskDefinition`].
    /// Its family is the one given, or else taken out of its ARN.
    pub(crate) fn defined(family: Option<Expr>, arn: Expr, known: KnownTaskDefinition) -> Self {
        let mut d = EcsTaskDefinition::from_arn(arn);
        if let Some(family) = family {
            d.family = family;
        }
        d.known = Some(known);
        d
    }

    /// The role the task's containers assume (the task definition's `TaskRoleArn`), by ARN;
    /// the state machine's role may pass it (`iam:PassRole`). Default: none.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EcsTaskDefinition::from_family("report")
    ///     .task_role(cfn_model::Expr::reference("TaskRoleArn"));
    /// ```
    #[must_use]
    pub fn task_role(mut self, role_arn: impl Into<Expr>) -> Self {
        self.task_role = Some(role_arn.into());
        self
    }

    /// The role ECS uses to pull the image and write logs (the task definition's
    /// `ExecutionRoleArn`), by ARN; the state machine's role may pass it (`iam:PassRole`).
    /// Default: none.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EcsTaskDefinition::from_family("report")
    ///     .execution_role(cfn_model::Expr::reference("ExecutionRoleArn"));
    /// ```
    #[must_use]
    pub fn execution_role(mut self, role_arn: impl Into<Expr>) -> Self {
        self.execution_role = Some(role_arn.into());
        self
    }

    /// The family, the value of `TaskDefinition` (with `:<revision>` when the task pins one).
    ///
    /// ```
    /// let d = stepfunctions_tasks::EcsTaskDefinition::from_arn("arn:aws:ecs:us-east-1:123456789012:task-definition/report:3");
    /// assert_eq!(d.family().as_literal(), Some("report"));
    /// ```
    pub fn family(&self) -> &Expr {
        &self.family
    }

    /// The family's ARN, without a revision: `arn:<partition>:ecs:<region>:<account>:task-definition/<family>`.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EcsTaskDefinition::from_arn("arn:aws:ecs:us-east-1:123456789012:task-definition/report:3");
    /// assert_eq!(d.family_arn().as_literal(), Some("arn:aws:ecs:us-east-1:123456789012:task-definition/report"));
    /// ```
    pub fn family_arn(&self) -> &Expr {
        &self.family_arn
    }

    /// The roles `iam:PassRole` is granted on: the task role, then the execution role.
    pub(crate) fn roles(&self) -> Vec<Expr> {
        self.task_role.iter().chain(&self.execution_role).cloned().collect()
    }

    pub(crate) fn known(&self) -> Option<&KnownTaskDefinition> {
        self.known.as_ref()
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        self.invalid.clone().map_or(Ok(()), Err)
    }
}

/// The launch types a task definition is made for (`RequiresCompatibilities`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EcsCompatibility {
    /// EC2 instances of the cluster (`EC2`).
    Ec2,
    /// Fargate (`FARGATE`): needs the `awsvpc` network mode and task-level CPU and memory.
    Fargate,
    /// Both (`EC2`, `FARGATE`), with Fargate's requirements.
    Ec2AndFargate,
}

impl EcsCompatibility {
    pub(crate) fn ec2(self) -> bool {
        matches!(self, EcsCompatibility::Ec2 | EcsCompatibility::Ec2AndFargate)
    }

    pub(crate) fn fargate(self) -> bool {
        matches!(self, EcsCompatibility::Fargate | EcsCompatibility::Ec2AndFargate)
    }
}

/// How a task's containers are networked (`NetworkMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EcsNetworkMode {
    /// Docker's bridge network on the instance (`bridge`), the EC2 default.
    Bridge,
    /// The instance's network (`host`).
    Host,
    /// An elastic network interface per task (`awsvpc`), required on Fargate: running the task
    /// needs subnets ([`EcsAwsVpc`]).
    AwsVpc,
    /// No external network (`none`).
    None,
}

impl EcsNetworkMode {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EcsNetworkMode::Bridge => "bridge",
            EcsNetworkMode::Host => "host",
            EcsNetworkMode::AwsVpc => "awsvpc",
            EcsNetworkMode::None => "none",
        }
    }
}

/// The parts of an ECS ARN.
struct EcsArn {
    partition: String,
    region: String,
    account: String,
    /// What follows `<resource type>/`.
    name: String,
}

/// Parses `arn:<partition>:ecs:<region>:<account>:<resource_type>/<name>`.
fn parse_ecs_arn(text: &str, resource_type: &str) -> Result<EcsArn, ()> {
    let mut fields = text.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("ecs"), Some(region), Some(account), Some(resource)) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return Err(());
    };
    let name = resource
        .strip_prefix(resource_type)
        .and_then(|r| r.strip_prefix('/'))
        .ok_or(())?;
    let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    if partition.is_empty() || region.is_empty() || !account_ok || name.is_empty() {
        return Err(());
    }
    Ok(EcsArn {
        partition: partition.to_owned(),
        region: region.to_owned(),
        account: account.to_owned(),
        name: name.to_owned(),
    })
}

/// A cluster name or task definition family: 1 to 255 letters, digits, hyphens, underscores.
pub(crate) fn is_ecs_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_revision(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_arns_give_the_tasks_arn() {
        let c = EcsCluster::from_arn("arn:aws-cn:ecs:cn-north-1:123456789012:cluster/jobs");
        assert_eq!(
            c.tasks_arn().as_literal(),
            Some("arn:aws-cn:ecs:cn-north-1:123456789012:task/jobs/*")
        );
        assert!(c.validate().is_ok());
        let c = EcsCluster::from_arn(Expr::get_att("Cluster", "Arn"));
        assert_eq!(
            serde_json::to_string(c.tasks_arn()).unwrap(),
            r#"{"Fn::Sub":["arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/${Var1}/*",{"Var1":{"Fn::Select":[1,{"Fn::Split":["/",{"Fn::GetAtt":["Cluster","Arn"]}]}]}}]}"#
        );
        for bad in [
            "jobs",
            "arn:aws:ecs:us-east-1:123456789012:jobs",
            "arn:aws:ecs:us-east-1:1234:cluster/jobs",
            "arn:aws:ecs:us-east-1:123456789012:cluster/",
            "arn:aws:ecs:us-east-1:123456789012:cluster/a/b",
            "arn:aws:batch:us-east-1:123456789012:cluster/jobs",
        ] {
            assert!(EcsCluster::from_arn(bad).validate().is_err(), "{bad}");
        }
        assert!(EcsCluster::from_name("bad name").validate().is_err());
        assert_eq!(
            EcsCluster::from_name("jobs").tasks_arn().to_string(),
            "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/jobs/*"
        );
    }

    #[test]
    fn task_definition_arns_give_the_family() {
        for arn in [
            "arn:aws:ecs:us-east-1:123456789012:task-definition/report",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/report:12",
        ] {
            let d = EcsTaskDefinition::from_arn(arn);
            assert!(d.validate().is_ok(), "{arn}");
            assert_eq!(d.family().as_literal(), Some("report"));
            assert_eq!(
                d.family_arn().as_literal(),
                Some("arn:aws:ecs:us-east-1:123456789012:task-definition/report")
            );
        }
        for bad in [
            "report",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/report:latest",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/report:0",
            "arn:aws:ecs:us-east-1:123456789012:task/report",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/a.b",
        ] {
            assert!(EcsTaskDefinition::from_arn(bad).validate().is_err(), "{bad}");
        }
        assert!(EcsTaskDefinition::from_family("a b").validate().is_err());
    }
}
