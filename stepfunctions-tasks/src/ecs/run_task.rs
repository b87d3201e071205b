//! `EcsRunTask`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html>.

use cfn_model::iam::PolicyStatement;
use cfn_model::{Expr, ListExpr};
use indexmap::IndexMap;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob, SupportsWaitForTaskToken};

use super::task_definition::check_fargate_size;
use super::{EcsCluster, EcsNetworkMode, EcsTaskDefinition};
use crate::util::managed_rule_statement;

/// The EventBridge rule Step Functions manages to learn that an ECS task stopped.
const RULE: &str = "StepFunctionsGetEventsForECSTaskRule";

/// How ECS spreads or packs tasks over a cluster's instances (EC2 only; `PlacementStrategy`).
///
/// ```
/// use stepfunctions_tasks::EcsPlacementStrategy;
/// let strategies = [
///     EcsPlacementStrategy::spread_across_instances(),
///     EcsPlacementStrategy::packed_by_cpu(),
///     EcsPlacementStrategy::randomly(),
/// ];
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcsPlacementStrategy {
    kind: &'static str,
    field: Option<String>,
}

impl EcsPlacementStrategy {
    /// One task per instance before a second on any (`spread` over `instanceId`).
    ///
    /// ```
    /// let s = stepfunctions_tasks::EcsPlacementStrategy::spread_across_instances();
    /// ```
    pub fn spread_across_instances() -> Self {
        Self::spread_across("instanceId")
    }

    /// Evenly over the Availability Zones (`spread` over `attribute:ecs.availability-zone`).
    ///
    /// ```
    /// let s = stepfunctions_tasks::EcsPlacementStrategy::spread_across_availability_zones();
    /// ```
    pub fn spread_across_availability_zones() -> Self {
        Self::spread_across("attribute:ecs.availability-zone")
    }

    /// Evenly over the values of a field: `instanceId`, `host`, or an attribute
    /// (`attribute:ecs.instance-type`, a custom `attribute:<name>`).
    ///
    /// ```
    /// let s = stepfunctions_tasks::EcsPlacementStrategy::spread_across("attribute:ecs.instance-type");
    /// ```
    pub fn spread_across(field: impl Into<String>) -> Self {
        EcsPlacementStrategy {
            kind: "spread",
            field: Some(field.into()),
        }
    }

    /// On the instances with the least CPU left, to use as few as possible (`binpack` by `CPU`).
    ///
    /// ```
    /// let s = stepfunctions_tasks::EcsPlacementStrategy::packed_by_cpu();
    /// ```
    pub fn packed_by_cpu() -> Self {
        EcsPlacementStrategy {
            kind: "binpack",
            field: Some("CPU".into()),
        }
    }

    /// On the instances with the least memory left (`binpack` by `MEMORY`).
    ///
    /// ```
    /// let s = stepfunctions_tasks::EcsPlacementStrategy::packed_by_memory();
    /// ```
    pub fn packed_by_memory() -> Self {
        EcsPlacementStrategy {
            kind: "binpack",
            field: Some("MEMORY".into()),
        }
    }

    /// On instances chosen at random (`random`).
    ///
    /// ```
    /// let s = stepfunctions_tasks::EcsPlacementStrategy::randomly();
    /// ```
    pub fn randomly() -> Self {
        EcsPlacementStrategy {
            kind: "random",
            field: None,
        }
    }

    fn render(&self) -> Payload {
        let mut p = vec![("Type", Payload::from(self.kind))];
        if let Some(f) = &self.field {
            p.push(("Field", f.as_str().into()));
        }
        Payload::from_object(p)
    }
}

/// Which instances a task may run on (EC2 only; `PlacementConstraints`).
///
/// ```
/// use stepfunctions_tasks::EcsPlacementConstraint;
/// let c = EcsPlacementConstraint::member_of("attribute:ecs.instance-type =~ t3.*");
/// let d = EcsPlacementConstraint::distinct_instances();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcsPlacementConstraint {
    kind: &'static str,
    expression: Option<String>,
}

impl EcsPlacementConstraint {
    /// Each task of the group on a different instance (`distinctInstance`).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsPlacementConstraint::distinct_instances();
    /// ```
    pub fn distinct_instances() -> Self {
        EcsPlacementConstraint {
            kind: "distinctInstance",
            expression: None,
        }
    }

    /// On the instances that match a cluster query language expression (`memberOf`).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsPlacementConstraint::member_of("attribute:ecs.os-type == linux");
    /// ```
    pub fn member_of(expression: impl Into<String>) -> Self {
        EcsPlacementConstraint {
            kind: "memberOf",
            expression: Some(expression.into()),
        }
    }

    fn render(&self) -> Payload {
        let mut p = vec![("Type", Payload::from(self.kind))];
        if let Some(e) = &self.expression {
            p.push(("Expression", e.as_str().into()));
        }
        Payload::from_object(p)
    }
}

/// The subnets and security groups of an `awsvpc` task's network interface
/// (`NetworkConfiguration.AwsvpcConfiguration`).
///
/// ```
/// use cfn_model::Expr;
/// use stepfunctions_tasks::EcsAwsVpc;
/// let network = EcsAwsVpc::new([Expr::reference("SubnetA"), Expr::reference("SubnetB")])
///     .security_group(Expr::reference("SecurityGroup"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EcsAwsVpc {
    subnets: Vec<Expr>,
    security_groups: Vec<Expr>,
    /// Subnets and security groups given as CloudFormation lists, which replace the ids.
    subnet_list: Option<ListExpr>,
    security_group_list: Option<ListExpr>,
}

impl EcsAwsVpc {
    /// The subnets (1 to 16, of one VPC) the task's network interface may be placed in: subnet
    /// ids, literal or from the template.
    ///
    /// ```
    /// let n = stepfunctions_tasks::EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]);
    /// ```
    pub fn new<E: Into<Expr>>(subnets: impl IntoIterator<Item = E>) -> Self {
        EcsAwsVpc {
            subnets: subnets.into_iter().map(Into::into).collect(),
            security_groups: Vec::new(),
            subnet_list: None,
            security_group_list: None,
        }
    }

    /// The subnets as a CloudFormation list: a `List<AWS::EC2::Subnet::Id>` parameter, an
    /// `Fn::Split`, an attribute that is a list. The ASL gets them as
    /// `States.StringSplit('<subnets joined by commas>', ',')`, resolved when the task runs; the
    /// 1-to-16 count is then ECS's to check.
    ///
    /// ```
    /// use cfn_model::ListExpr;
    /// let n = stepfunctions_tasks::EcsAwsVpc::from_subnet_list(ListExpr::Ref("Subnets".into()));
    /// ```
    pub fn from_subnet_list(subnets: ListExpr) -> Self {
        EcsAwsVpc {
            subnet_list: Some(subnets),
            ..EcsAwsVpc::new(Vec::<Expr>::new())
        }
    }

    /// The security groups as a CloudFormation list (a `List<AWS::EC2::SecurityGroup::Id>`
    /// parameter, ...), in place of [`security_group`](EcsAwsVpc::security_group). Default: none.
    ///
    /// ```
    /// use cfn_model::ListExpr;
    /// let n = stepfunctions_tasks::EcsAwsVpc::from_subnet_list(ListExpr::Ref("Subnets".into()))
    ///     .security_group_list(ListExpr::Ref("SecurityGroups".into()));
    /// ```
    #[must_use]
    pub fn security_group_list(mut self, groups: ListExpr) -> Self {
        self.security_group_list = Some(groups);
        self
    }

    /// Adds a security group (at most 5), by id. Default: the VPC's default security group.
    ///
    /// ```
    /// let n = stepfunctions_tasks::EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"]).security_group("sg-0123456789abcdef0");
    /// ```
    #[must_use]
    pub fn security_group(mut self, group_id: impl Into<Expr>) -> Self {
        self.security_groups.push(group_id.into());
        self
    }

    fn render(&self, assign_public_ip: bool) -> Payload {
        let mut p = vec![];
        if assign_public_ip {
            p.push(("AssignPublicIp", Payload::from("ENABLED")));
        }
        let subnets = match &self.subnet_list {
            Some(list) => Payload::List(list.clone()),
            None => Payload::Array(self.subnets.iter().cloned().map(Payload::String).collect()),
        };
        p.push(("Subnets", subnets));
        if let Some(list) = &self.security_group_list {
            p.push(("SecurityGroups", Payload::List(list.clone())));
        } else if !self.security_groups.is_empty() {
            p.push((
                "SecurityGroups",
                Payload::Array(self.security_groups.iter().cloned().map(Payload::String).collect()),
            ));
        }
        Payload::from_object([("AwsvpcConfiguration", Payload::from_object(p))])
    }

    fn validate(&self) -> Result<(), String> {
        if self.security_group_list.is_some() && !self.security_groups.is_empty() {
            return Err("give the security groups as ids or as a list, not both".into());
        }
        if self.subnet_list.is_none() && !(1..=16).contains(&self.subnets.len()) {
            return Err(format!(
                "an awsvpc task takes 1 to 16 subnets; got {}",
                self.subnets.len()
            ));
        }
        if self.security_groups.len() > 5 {
            return Err(format!(
                "an awsvpc task takes at most 5 security groups; got {}",
                self.security_groups.len()
            ));
        }
        let check = |ids: &[Expr], prefix: &str, what: &str| -> Result<(), String> {
            for id in ids.iter().filter_map(Expr::as_literal) {
                let valid = id
                    .strip_prefix(prefix)
                    .is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()));
                if !valid {
                    return Err(format!("`{id}` is not a {what} id ({prefix}<hex>)"));
                }
            }
            Ok(())
        };
        check(&self.subnets, "subnet-", "subnet")?;
        check(&self.security_groups, "sg-", "security group")
    }
}

/// A Fargate platform version (`PlatformVersion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EcsFargatePlatformVersion {
    /// The latest version (`LATEST`).
    Latest,
    /// `1.4.0`.
    Version1_4,
    /// `1.3.0` (no 8 and 16 vCPU tasks).
    Version1_3,
}

impl EcsFargatePlatformVersion {
    fn as_str(self) -> &'static str {
        match self {
            EcsFargatePlatformVersion::Latest => "LATEST",
            EcsFargatePlatformVersion::Version1_4 => "1.4.0",
            EcsFargatePlatformVersion::Version1_3 => "1.3.0",
        }
    }
}

/// Runs the task on Fargate (`LaunchType: FARGATE`), the CDK's `EcsFargateLaunchTarget`. Fargate
/// tasks use the `awsvpc` network mode, so the subnets are required here.
///
/// ```
/// use stepfunctions_tasks::{EcsAwsVpc, EcsFargateLaunchTarget, EcsFargatePlatformVersion};
/// let target = EcsFargateLaunchTarget::new(EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"]))
///     .assign_public_ip()
///     .platform_version(EcsFargatePlatformVersion::Version1_4);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EcsFargateLaunchTarget {
    network: EcsAwsVpc,
    assign_public_ip: bool,
    platform_version: Option<EcsFargatePlatformVersion>,
    capacity_providers: Vec<EcsCapacityProvider>,
}

impl EcsFargateLaunchTarget {
    /// Fargate, with the task's network interface in these subnets.
    ///
    /// ```
    /// use stepfunctions_tasks::{EcsAwsVpc, EcsFargateLaunchTarget};
    /// let target = EcsFargateLaunchTarget::new(EcsAwsVpc::new([cfn_model::Expr::reference("Subnet")]));
    /// ```
    pub fn new(network: EcsAwsVpc) -> Self {
        EcsFargateLaunchTarget {
            network,
            assign_public_ip: false,
            platform_version: None,
            capacity_providers: Vec::new(),
        }
    }

    /// Gives the task a public IP address (`AssignPublicIp: ENABLED`): in a public subnet
    /// without a NAT gateway, the task needs one to pull its image. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsAwsVpc, EcsFargateLaunchTarget};
    /// let target = EcsFargateLaunchTarget::new(EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"])).assign_public_ip();
    /// ```
    #[must_use]
    pub fn assign_public_ip(mut self) -> Self {
        self.assign_public_ip = true;
        self
    }

    /// The platform version. Default: Fargate's (`LATEST`).
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsAwsVpc, EcsFargateLaunchTarget};
    /// use stepfunctions_tasks::EcsFargatePlatformVersion;
    /// let target = EcsFargateLaunchTarget::new(EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"]))
    ///     .platform_version(EcsFargatePlatformVersion::Latest);
    /// ```
    #[must_use]
    pub fn platform_version(mut self, version: EcsFargatePlatformVersion) -> Self {
        self.platform_version = Some(version);
        self
    }

    /// Adds a capacity provider (`FARGATE` or `FARGATE_SPOT`) to the task's capacity provider
    /// strategy (at most 20), which then replaces `LaunchType: FARGATE`. Default: none (the
    /// launch type).
    ///
    /// ```
    /// use stepfunctions_tasks::{EcsAwsVpc, EcsCapacityProvider, EcsFargateLaunchTarget};
    /// let target = EcsFargateLaunchTarget::new(EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"]))
    ///     .capacity_provider(EcsCapacityProvider::new("FARGATE_SPOT").weight(3))
    ///     .capacity_provider(EcsCapacityProvider::new("FARGATE").weight(1).base(1));
    /// ```
    #[must_use]
    pub fn capacity_provider(mut self, provider: EcsCapacityProvider) -> Self {
        self.capacity_providers.push(provider);
        self
    }
}

/// One capacity provider of a task's capacity provider strategy (`CapacityProviderStrategyItem`),
/// the CDK's `CapacityProviderOptions.custom`: its name, its weight (the share of the tasks it
/// runs) and its base (how many it runs first).
///
/// ```
/// let p = stepfunctions_tasks::EcsCapacityProvider::new("FARGATE_SPOT").weight(2).base(0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EcsCapacityProvider {
    name: Expr,
    weight: Option<u32>,
    base: Option<u32>,
}

impl EcsCapacityProvider {
    /// The capacity provider of this short name: `FARGATE`, `FARGATE_SPOT`, or one of the
    /// cluster's Auto Scaling group capacity providers.
    ///
    /// ```
    /// let p = stepfunctions_tasks::EcsCapacityProvider::new(cfn_model::Expr::reference("CapacityProvider"));
    /// ```
    pub fn new(name: impl Into<Expr>) -> Self {
        EcsCapacityProvider {
            name: name.into(),
            weight: None,
            base: None,
        }
    }

    /// The relative share of the tasks it runs, 0 to 1000. Default: ECS's (0).
    ///
    /// ```
    /// let p = stepfunctions_tasks::EcsCapacityProvider::new("FARGATE").weight(1);
    /// ```
    #[must_use]
    pub fn weight(mut self, weight: u32) -> Self {
        self.weight = Some(weight);
        self
    }

    /// How many tasks it runs at least, 0 to 100,000; one provider of a strategy at most has
    /// one. Default: ECS's (0).
    ///
    /// ```
    /// let p = stepfunctions_tasks::EcsCapacityProvider::new("FARGATE").base(2);
    /// ```
    #[must_use]
    pub fn base(mut self, base: u32) -> Self {
        self.base = Some(base);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![("CapacityProvider", Payload::String(self.name.clone()))];
        if let Some(w) = self.weight {
            p.push(("Weight", w.into()));
        }
        if let Some(b) = self.base {
            p.push(("Base", b.into()));
        }
        Payload::from_object(p)
    }
}

/// `LaunchType`, or the `CapacityProviderStrategy` that replaces it.
fn launch(launch_type: &'static str, providers: &[EcsCapacityProvider]) -> (&'static str, Payload) {
    if providers.is_empty() {
        ("LaunchType", launch_type.into())
    } else {
        (
            "CapacityProviderStrategy",
            Payload::Array(providers.iter().map(EcsCapacityProvider::render).collect()),
        )
    }
}

/// Checks a capacity provider strategy as `RunTask` does; `fargate` tells which providers the
/// launch target can use.
fn check_capacity_providers(providers: &[EcsCapacityProvider], fargate: bool) -> Result<(), String> {
    if providers.len() > 20 {
        return Err(format!(
            "a capacity provider strategy holds at most 20 capacity providers; got {}",
            providers.len()
        ));
    }
    for p in providers {
        if let Some(name) = p.name.as_literal() {
            let is_fargate = matches!(name, "FARGATE" | "FARGATE_SPOT");
            if name.is_empty() {
                return Err("a capacity provider has no name".into());
            }
            if fargate && !is_fargate {
                return Err(format!(
                    "capacity provider `{name}`: a Fargate task runs on FARGATE or FARGATE_SPOT"
                ));
            }
            if !fargate && is_fargate {
                return Err(format!(
                    "capacity provider `{name}` is Fargate's: use EcsFargateLaunchTarget for it"
                ));
            }
        }
        if p.weight.is_some_and(|w| w > 1000) {
            return Err(format!(
                "a capacity provider's weight is 0 to 1000; got {}",
                p.weight.unwrap_or_default()
            ));
        }
        if p.base.is_some_and(|b| b > 100_000) {
            return Err(format!(
                "a capacity provider's base is 0 to 100000; got {}",
                p.base.unwrap_or_default()
            ));
        }
    }
    for (i, p) in providers.iter().enumerate() {
        if providers[..i].iter().any(|q| q.name == p.name) {
            return Err(format!("capacity provider `{}` is listed twice", p.name));
        }
    }
    if providers.iter().filter(|p| p.base.is_some_and(|b| b > 0)).count() > 1 {
        return Err("only one capacity provider of a strategy may have a base".into());
    }
    if providers.len() > 1 && !providers.iter().any(|p| p.weight.is_some_and(|w| w > 0)) {
        return Err("of several capacity providers, at least one needs a weight above 0".into());
    }
    Ok(())
}

/// Runs the task on the cluster's EC2 instances (`LaunchType: EC2`), the CDK's
/// `EcsEc2LaunchTarget`.
///
/// ```
/// use stepfunctions_tasks::{EcsEc2LaunchTarget, EcsPlacementConstraint, EcsPlacementStrategy};
/// let target = EcsEc2LaunchTarget::new()
///     .placement_strategy(EcsPlacementStrategy::spread_across_instances())
///     .placement_constraint(EcsPlacementConstraint::member_of("blieptuut"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EcsEc2LaunchTarget {
    network: Option<EcsAwsVpc>,
    placement_strategies: Vec<EcsPlacementStrategy>,
    placement_constraints: Vec<EcsPlacementConstraint>,
    capacity_providers: Vec<EcsCapacityProvider>,
}

impl EcsEc2LaunchTarget {
    /// EC2, placed by ECS's defaults.
    ///
    /// ```
    /// let target = stepfunctions_tasks::EcsEc2LaunchTarget::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The subnets and security groups of a task whose definition uses the `awsvpc` network
    /// mode (required then, and only then). Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EcsAwsVpc, EcsEc2LaunchTarget};
    /// let target = EcsEc2LaunchTarget::new().awsvpc(EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"]));
    /// ```
    #[must_use]
    pub fn awsvpc(mut self, network: EcsAwsVpc) -> Self {
        self.network = Some(network);
        self
    }

    /// Adds a placement strategy (at most 5), applied in order. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsEc2LaunchTarget, EcsPlacementStrategy};
    /// let target = EcsEc2LaunchTarget::new().placement_strategy(EcsPlacementStrategy::packed_by_memory());
    /// ```
    #[must_use]
    pub fn placement_strategy(mut self, strategy: EcsPlacementStrategy) -> Self {
        self.placement_strategies.push(strategy);
        self
    }

    /// Adds a placement constraint (at most 10, with the task definition's). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsEc2LaunchTarget, EcsPlacementConstraint};
    /// let target = EcsEc2LaunchTarget::new().placement_constraint(EcsPlacementConstraint::distinct_instances());
    /// ```
    #[must_use]
    pub fn placement_constraint(mut self, constraint: EcsPlacementConstraint) -> Self {
        self.placement_constraints.push(constraint);
        self
    }

    /// Adds one of the cluster's Auto Scaling group capacity providers to the task's capacity
    /// provider strategy (at most 20), which then replaces `LaunchType: EC2` (with cluster auto
    /// scaling, ECS requires a strategy). Default: none (the launch type).
    ///
    /// ```
    /// use stepfunctions_tasks::{EcsCapacityProvider, EcsEc2LaunchTarget};
    /// let target = EcsEc2LaunchTarget::new().capacity_provider(EcsCapacityProvider::new(cfn_model::Expr::reference("Asg")).weight(1));
    /// ```
    #[must_use]
    pub fn capacity_provider(mut self, provider: EcsCapacityProvider) -> Self {
        self.capacity_providers.push(provider);
        self
    }
}

/// Where the task runs: EC2 instances or Fargate. The options of one (placement on EC2, the
/// public IP and platform version on Fargate) cannot be given to the other.
///
/// ```
/// use stepfunctions_tasks::{EcsAwsVpc, EcsEc2LaunchTarget, EcsFargateLaunchTarget, EcsLaunchTarget};
/// let ec2: EcsLaunchTarget = EcsEc2LaunchTarget::new().into();
/// let fargate: EcsLaunchTarget = EcsFargateLaunchTarget::new(EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"])).into();
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum EcsLaunchTarget {
    /// The cluster's EC2 instances.
    Ec2(EcsEc2LaunchTarget),
    /// Fargate.
    Fargate(EcsFargateLaunchTarget),
}

impl From<EcsEc2LaunchTarget> for EcsLaunchTarget {
    fn from(target: EcsEc2LaunchTarget) -> Self {
        EcsLaunchTarget::Ec2(target)
    }
}

impl From<EcsFargateLaunchTarget> for EcsLaunchTarget {
    fn from(target: EcsFargateLaunchTarget) -> Self {
        EcsLaunchTarget::Fargate(target)
    }
}

impl EcsLaunchTarget {
    fn validate(&self) -> Result<(), String> {
        match self {
            EcsLaunchTarget::Fargate(f) => {
                f.network.validate()?;
                check_capacity_providers(&f.capacity_providers, true)
            }
            EcsLaunchTarget::Ec2(e) => {
                if let Some(n) = &e.network {
                    n.validate()?;
                }
                check_capacity_providers(&e.capacity_providers, false)?;
                if e.placement_strategies.len() > 5 {
                    return Err(format!(
                        "a task takes at most 5 placement strategies; got {}",
                        e.placement_strategies.len()
                    ));
                }
                if e.placement_constraints.len() > 10 {
                    return Err(format!(
                        "a task takes at most 10 placement constraints; got {}",
                        e.placement_constraints.len()
                    ));
                }
                if e.placement_strategies.iter().any(|s| s.field.as_deref() == Some("")) {
                    return Err("a spread placement strategy needs a field".into());
                }
                for c in &e.placement_constraints {
                    if let Some(expr) = &c.expression {
                        if expr.trim().is_empty() || expr.chars().count() > 2000 {
                            return Err(format!(
                                "memberOf expression `{expr}`: 1 to 2000 characters of cluster query language"
                            ));
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

/// What one container of the task gets instead of its task definition's settings
/// (`Overrides.ContainerOverrides`), the CDK's `ContainerOverride`.
///
/// ```
/// use stepfunctions::JsonPath;
/// use stepfunctions_tasks::EcsContainerOverride;
/// let o = EcsContainerOverride::new("TheContainer")
///     .command(["python", "report.py"])
///     .environment("SOME_KEY", JsonPath::string_at("$.SomeKey"))
///     .memory_limit_mib(512);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EcsContainerOverride {
    name: String,
    command: Option<Payload>,
    environment: IndexMap<String, Payload>,
    cpu: Option<u32>,
    memory_limit_mib: Option<u32>,
    memory_reservation_mib: Option<u32>,
}

impl EcsContainerOverride {
    /// Overrides of the container with this name in the task definition.
    ///
    /// ```
    /// let o = stepfunctions_tasks::EcsContainerOverride::new("TheContainer");
    /// ```
    pub fn new(container_name: impl Into<String>) -> Self {
        EcsContainerOverride {
            name: container_name.into(),
            command: None,
            environment: IndexMap::new(),
            cpu: None,
            memory_limit_mib: None,
            memory_reservation_mib: None,
        }
    }

    /// The command, instead of the task definition's or image's. Default: theirs.
    ///
    /// ```
    /// let o = stepfunctions_tasks::EcsContainerOverride::new("app").command(["echo", "hello"]);
    /// ```
    #[must_use]
    pub fn command<S: Into<String>>(mut self, command: impl IntoIterator<Item = S>) -> Self {
        let items = command.into_iter().map(|s| Payload::from(s.into())).collect();
        self.command = Some(Payload::Array(items));
        self
    }

    /// The command as a list read from the input (`Command.$`), or built by an intrinsic
    /// function. Default: the task definition's or image's.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let o = stepfunctions_tasks::EcsContainerOverride::new("app").command_from(JsonPath::list_at("$.commands"));
    /// ```
    #[must_use]
    pub fn command_from(mut self, command: impl Into<Payload>) -> Self {
        self.command = Some(command.into());
        self
    }

    /// Sets an environment variable, a literal or a value read from the input (the task token,
    /// for the wait-for-task-token pattern). Default: the task definition's variables.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let o = stepfunctions_tasks::EcsContainerOverride::new("app")
    ///     .environment("TASK_TOKEN", JsonPath::task_token());
    /// ```
    #[must_use]
    pub fn environment(mut self, name: impl Into<String>, value: impl Into<Payload>) -> Self {
        self.environment.insert(name.into(), value.into());
        self
    }

    /// CPU units for the container. Default: the task definition's.
    ///
    /// ```
    /// let o = stepfunctions_tasks::EcsContainerOverride::new("app").cpu(512);
    /// ```
    #[must_use]
    pub fn cpu(mut self, units: u32) -> Self {
        self.cpu = Some(units);
        self
    }

    /// The hard memory limit in MiB. Default: the task definition's.
    ///
    /// ```
    /// let o = stepfunctions_tasks::EcsContainerOverride::new("app").memory_limit_mib(1024);
    /// ```
    #[must_use]
    pub fn memory_limit_mib(mut self, mib: u32) -> Self {
        self.memory_limit_mib = Some(mib);
        self
    }

    /// The memory reserved in MiB. Default: the task definition's.
    ///
    /// ```
    /// let o = stepfunctions_tasks::EcsContainerOverride::new("app").memory_reservation_mib(256);
    /// ```
    #[must_use]
    pub fn memory_reservation_mib(mut self, mib: u32) -> Self {
        self.memory_reservation_mib = Some(mib);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![("Name", Payload::from(self.name.as_str()))];
        if let Some(c) = &self.command {
            p.push(("Command", c.clone()));
        }
        if let Some(c) = self.cpu {
            p.push(("Cpu", c.into()));
        }
        if let Some(m) = self.memory_limit_mib {
            p.push(("Memory", m.into()));
        }
        if let Some(m) = self.memory_reservation_mib {
            p.push(("MemoryReservation", m.into()));
        }
        if !self.environment.is_empty() {
            let vars = self
                .environment
                .iter()
                .map(|(name, value)| Payload::from_object([("Name", name.as_str().into()), ("Value", value.clone())]));
            p.push(("Environment", Payload::Array(vars.collect())));
        }
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        let name = &self.name;
        if name.is_empty() {
            return Err("a container override needs the container's name".into());
        }
        if let Some(Payload::Array(items)) = &self.command {
            if items.is_empty() {
                return Err(format!("container `{name}`: an overriding command cannot be empty"));
            }
        }
        if let Some(var) = self.environment.keys().find(|k| k.is_empty()) {
            return Err(format!("container `{name}`: environment variable `{var}` has no name"));
        }
        if self.memory_limit_mib == Some(0) || self.memory_reservation_mib == Some(0) {
            return Err(format!(
                "container `{name}`: memory, when overridden, must be at least 1 MiB"
            ));
        }
        if let (Some(limit), Some(reservation)) = (self.memory_limit_mib, self.memory_reservation_mib) {
            if reservation > limit {
                return Err(format!(
                    "container `{name}`: the memory reservation ({reservation} MiB) exceeds the limit ({limit} MiB)"
                ));
            }
        }
        Ok(())
    }
}

/// Runs an ECS task (`arn:aws:states:::ecs:runTask`) from a task definition on a cluster, on
/// EC2 instances or Fargate, the CDK's `EcsRunTask`. The task runs the task definition family's
/// latest `ACTIVE` revision unless [`revision`](EcsRunTask::revision) pins one.
///
/// Supports request-response (default: returns once ECS accepted the task), run-job (waits for
/// the task to stop; fails if ECS reports failures) and wait-for-task-token (pass
/// [`JsonPath::task_token`](stepfunctions::JsonPath::task_token) to a container, in an
/// environment variable of an [`EcsContainerOverride`]).
///
/// IAM (<https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html>):
/// - `ecs:RunTask` on the task definition family's revisions,
///   `arn:<partition>:ecs:<region>:<account>:task-definition/<family>:*` (or `:<revision>`);
/// - `iam:PassRole` on the task definition's task role and execution role;
/// - run-job adds `ecs:StopTask` and `ecs:DescribeTasks` (Step Functions watches the task, and
///   stops it when the execution stops or the task times out) on the cluster's tasks,
///   `arn:<partition>:ecs:<region>:<account>:task/<cluster name>/*` (every task of the account
///   for a cluster read from the input), and `events:PutTargets`, `events:PutRule`,
///   `events:DescribeRule` on the managed rule `StepFunctionsGetEventsForECSTaskRule`;
/// - propagated tags or ECS managed tags add `ecs:TagResource` on the cluster's tasks, only as
///   part of `RunTask` (condition `ecs:CreateAction`), which ECS requires to tag a task it
///   creates (ECS developer guide, "Grant permission to tag resources on creation").
///
/// Deviations from the CDK, reviewed in the parity test: the CDK grants `ecs:StopTask` and
/// `ecs:DescribeTasks` on `*`, and for every pattern. The Step Functions IAM template also
/// writes `*`, because the task's id is not known before it runs; but both actions are
/// authorized on the task's ARN, which holds the cluster's name, so the cluster's tasks are
/// enough. Request-response and wait-for-task-token get neither (the ecs-iam templates for them
/// have `RunTask` only). The CDK grants no `ecs:TagResource` (its `EcsRunTask` has no managed
/// tags, and propagated tags then fail when ECS authorizes tagging).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{EcsAwsVpc, EcsCluster, EcsContainerOverride, EcsFargateLaunchTarget, EcsRunTask, EcsTaskDefinition};
/// let task = Task::new(
///     "RunFargate",
///     EcsRunTask::new(
///         EcsCluster::from_arn("arn:aws:ecs:us-east-1:123456789012:cluster/jobs"),
///         EcsTaskDefinition::from_arn("arn:aws:ecs:us-east-1:123456789012:task-definition/report:3")
///             .task_role("arn:aws:iam::123456789012:role/ReportTask"),
///         EcsFargateLaunchTarget::new(EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"])).assign_public_ip(),
///     )
///     .container_override(EcsContainerOverride::new("report").environment("DAY", JsonPath::string_at("$.day"))),
/// )
/// .run_job();
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["RunFargate"]["Parameters"]["TaskDefinition"], "report");
/// assert_eq!(r["States"]["RunFargate"]["Parameters"]["LaunchType"], "FARGATE");
/// ```
///
/// Fargate has no placement strategies:
///
/// ```compile_fail
/// use stepfunctions_tasks::{EcsAwsVpc, EcsFargateLaunchTarget, EcsPlacementStrategy};
/// let target = EcsFargateLaunchTarget::new(EcsAwsVpc::new(["subnet-0aaaaaaaaaaaaaaa1"]))
///     .placement_strategy(EcsPlacementStrategy::randomly());
/// ```
///
/// and EC2 no public IP:
///
/// ```compile_fail
/// let target = stepfunctions_tasks::EcsEc2LaunchTarget::new().assign_public_ip();
/// ```
#[derive(Debug, Clone)]
pub struct EcsRunTask {
    cluster: EcsCluster,
    task_definition: EcsTaskDefinition,
    launch_target: EcsLaunchTarget,
    revision: Option<u32>,
    container_overrides: Vec<EcsContainerOverride>,
    cpu: Option<u32>,
    memory_mib: Option<u32>,
    propagate_tags: bool,
    ecs_managed_tags: bool,
    execute_command: bool,
}

impl EcsRunTask {
    /// Runs a task from `task_definition` on `cluster`, on the launch target.
    ///
    /// ```
    /// use cfn_model::Expr;
    /// use stepfunctions_tasks::{EcsCluster, EcsEc2LaunchTarget, EcsRunTask, EcsTaskDefinition};
    /// let run = EcsRunTask::new(
    ///     EcsCluster::from_arn(Expr::get_att("Cluster", "Arn")),
    ///     EcsTaskDefinition::from_arn(Expr::reference("TaskDefinitionArn")),
    ///     EcsEc2LaunchTarget::new(),
    /// );
    /// ```
    pub fn new(
        cluster: EcsCluster,
        task_definition: EcsTaskDefinition,
        launch_target: impl Into<EcsLaunchTarget>,
    ) -> Self {
        EcsRunTask {
            cluster,
            task_definition,
            launch_target: launch_target.into(),
            revision: None,
            container_overrides: Vec::new(),
            cpu: None,
            memory_mib: None,
            propagate_tags: false,
            ecs_managed_tags: false,
            execute_command: false,
        }
    }

    /// Runs this revision of the task definition family (`TaskDefinition: <family>:<revision>`);
    /// the role may run that revision only. Default: the latest `ACTIVE` revision.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCluster, EcsEc2LaunchTarget, EcsRunTask, EcsTaskDefinition};
    /// # let run = EcsRunTask::new(EcsCluster::from_name("jobs"), EcsTaskDefinition::from_family("report"), EcsEc2LaunchTarget::new());
    /// let run = run.revision(3);
    /// ```
    #[must_use]
    pub fn revision(mut self, revision: u32) -> Self {
        self.revision = Some(revision);
        self
    }

    /// Adds the overrides of one container. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCluster, EcsEc2LaunchTarget, EcsRunTask, EcsTaskDefinition};
    /// # let run = EcsRunTask::new(EcsCluster::from_name("jobs"), EcsTaskDefinition::from_family("report"), EcsEc2LaunchTarget::new());
    /// use stepfunctions_tasks::EcsContainerOverride;
    /// let run = run.container_override(EcsContainerOverride::new("report").command(["report", "--daily"]));
    /// ```
    #[must_use]
    pub fn container_override(mut self, container_override: EcsContainerOverride) -> Self {
        self.container_overrides.push(container_override);
        self
    }

    /// CPU units for the task (`Overrides.Cpu`); on Fargate, with the memory, one of Fargate's
    /// task sizes. Default: the task definition's.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCluster, EcsEc2LaunchTarget, EcsRunTask, EcsTaskDefinition};
    /// # let run = EcsRunTask::new(EcsCluster::from_name("jobs"), EcsTaskDefinition::from_family("report"), EcsEc2LaunchTarget::new());
    /// let run = run.cpu(1024);
    /// ```
    #[must_use]
    pub fn cpu(mut self, units: u32) -> Self {
        self.cpu = Some(units);
        self
    }

    /// Memory for the task in MiB (`Overrides.Memory`). Default: the task definition's.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCluster, EcsEc2LaunchTarget, EcsRunTask, EcsTaskDefinition};
    /// # let run = EcsRunTask::new(EcsCluster::from_name("jobs"), EcsTaskDefinition::from_family("report"), EcsEc2LaunchTarget::new());
    /// let run = run.memory_mib(2048);
    /// ```
    #[must_use]
    pub fn memory_mib(mut self, mib: u32) -> Self {
        self.memory_mib = Some(mib);
        self
    }

    /// Copies the task definition's tags to the task (`PropagateTags: TASK_DEFINITION`; the
    /// other source, a service, does not apply to `RunTask`). The role gets `ecs:TagResource`
    /// for the new task. Default: no tags propagated.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCluster, EcsEc2LaunchTarget, EcsRunTask, EcsTaskDefinition};
    /// # let run = EcsRunTask::new(EcsCluster::from_name("jobs"), EcsTaskDefinition::from_family("report"), EcsEc2LaunchTarget::new());
    /// let run = run.propagate_tags_from_task_definition();
    /// ```
    #[must_use]
    pub fn propagate_tags_from_task_definition(mut self) -> Self {
        self.propagate_tags = true;
        self
    }

    /// Tags the task with the cluster's name (`EnableECSManagedTags`). The role gets
    /// `ecs:TagResource` for the new task. Default: off.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCluster, EcsEc2LaunchTarget, EcsRunTask, EcsTaskDefinition};
    /// # let run = EcsRunTask::new(EcsCluster::from_name("jobs"), EcsTaskDefinition::from_family("report"), EcsEc2LaunchTarget::new());
    /// let run = run.enable_ecs_managed_tags();
    /// ```
    #[must_use]
    pub fn enable_ecs_managed_tags(mut self) -> Self {
        self.ecs_managed_tags = true;
        self
    }

    /// Turns ECS Exec on for the task (`EnableExecuteCommand`): its task role then needs the
    /// `ssmmessages` permissions of the ECS developer guide. Default: off.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCluster, EcsEc2LaunchTarget, EcsRunTask, EcsTaskDefinition};
    /// # let run = EcsRunTask::new(EcsCluster::from_name("jobs"), EcsTaskDefinition::from_family("report"), EcsEc2LaunchTarget::new());
    /// let run = run.enable_execute_command();
    /// ```
    #[must_use]
    pub fn enable_execute_command(mut self) -> Self {
        self.execute_command = true;
        self
    }

    fn task_definition_value(&self) -> Expr {
        match self.revision {
            Some(r) => Expr::concat([self.task_definition.family().clone(), Expr::lit(format!(":{r}"))]),
            None => self.task_definition.family().clone(),
        }
    }

    fn run_task_resource(&self) -> Expr {
        let revision = self.revision.map_or_else(|| "*".to_owned(), |r| r.to_string());
        Expr::concat([
            self.task_definition.family_arn().clone(),
            Expr::lit(format!(":{revision}")),
        ])
    }

    fn check_against_task_definition(&self) -> Result<(), String> {
        let Some(known) = self.task_definition.known() else {
            return Ok(());
        };
        match &self.launch_target {
            EcsLaunchTarget::Fargate(f) => {
                if !known.compatibility.fargate() {
                    return Err("the task definition is not compatible with Fargate (RequiresCompatibilities)".into());
                }
                let big = known.cpu.is_some_and(|c| c >= 8192) || self.cpu.is_some_and(|c| c >= 8192);
                if big && f.platform_version == Some(EcsFargatePlatformVersion::Version1_3) {
                    return Err("8 and 16 vCPU Fargate tasks need platform version 1.4.0 or later".into());
                }
            }
            EcsLaunchTarget::Ec2(e) => {
                if !known.compatibility.ec2() {
                    return Err("the task definition is not compatible with EC2 (RequiresCompatibilities)".into());
                }
                match (known.network_mode == EcsNetworkMode::AwsVpc, e.network.is_some()) {
                    (true, false) => {
                        return Err(
                            "the task definition uses the awsvpc network mode: give its subnets (EcsEc2LaunchTarget::awsvpc)"
                                .into(),
                        )
                    }
                    (false, true) => {
                        return Err(format!(
                            "subnets and security groups apply to the awsvpc network mode only; the task definition uses `{}`",
                            known.network_mode.as_str()
                        ))
                    }
                    _ => {}
                }
            }
        }
        for o in &self.container_overrides {
            if !known.containers.contains(&o.name) {
                return Err(format!(
                    "overrides mention container `{}`, which the task definition does not have (it has {})",
                    o.name,
                    known
                        .containers
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        Ok(())
    }

    fn check_task_size(&self) -> Result<(), String> {
        if self.cpu == Some(0) || self.memory_mib == Some(0) {
            return Err("task cpu and memory, when overridden, must be positive".into());
        }
        if !matches!(self.launch_target, EcsLaunchTarget::Fargate(_))
            || (self.cpu.is_none() && self.memory_mib.is_none())
        {
            return Ok(());
        }
        let known = self.task_definition.known();
        let cpu = self.cpu.or_else(|| known.and_then(|k| k.cpu));
        let memory = self.memory_mib.or_else(|| known.and_then(|k| k.memory_mib));
        match (cpu, memory) {
            (Some(cpu), Some(memory)) => check_fargate_size(cpu, memory),
            _ => Ok(()),
        }
    }
}

impl ServiceIntegration for EcsRunTask {
    const SERVICE: &'static str = "ecs";
    const API: &'static str = "runTask";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![
            ("Cluster", self.cluster.value().clone()),
            ("TaskDefinition", Payload::String(self.task_definition_value())),
        ];
        let network = match &self.launch_target {
            EcsLaunchTarget::Fargate(f) => Some(f.network.render(f.assign_public_ip)),
            EcsLaunchTarget::Ec2(e) => e.network.as_ref().map(|n| n.render(false)),
        };
        if let Some(n) = network {
            p.push(("NetworkConfiguration", n));
        }
        if self.cpu.is_some() || self.memory_mib.is_some() || !self.container_overrides.is_empty() {
            let mut o = vec![];
            if let Some(c) = self.cpu {
                o.push(("Cpu", Payload::from(c.to_string())));
            }
            if let Some(m) = self.memory_mib {
                o.push(("Memory", Payload::from(m.to_string())));
            }
            if !self.container_overrides.is_empty() {
                o.push((
                    "ContainerOverrides",
                    Payload::Array(
                        self.container_overrides
                            .iter()
                            .map(EcsContainerOverride::render)
                            .collect(),
                    ),
                ));
            }
            p.push(("Overrides", Payload::from_object(o)));
        }
        if self.propagate_tags {
            p.push(("PropagateTags", "TASK_DEFINITION".into()));
        }
        match &self.launch_target {
            EcsLaunchTarget::Fargate(f) => {
                p.push(launch("FARGATE", &f.capacity_providers));
                if let Some(v) = f.platform_version {
                    p.push(("PlatformVersion", v.as_str().into()));
                }
            }
            EcsLaunchTarget::Ec2(e) => {
                p.push(launch("EC2", &e.capacity_providers));
                if !e.placement_constraints.is_empty() {
                    p.push((
                        "PlacementConstraints",
                        Payload::Array(
                            e.placement_constraints
                                .iter()
                                .map(EcsPlacementConstraint::render)
                                .collect(),
                        ),
                    ));
                }
                if !e.placement_strategies.is_empty() {
                    p.push((
                        "PlacementStrategy",
                        Payload::Array(
                            e.placement_strategies
                                .iter()
                                .map(EcsPlacementStrategy::render)
                                .collect(),
                        ),
                    ));
                }
            }
        }
        if self.execute_command {
            p.push(("EnableExecuteCommand", true.into()));
        }
        if self.ecs_managed_tags {
            p.push(("EnableECSManagedTags", true.into()));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut statements = vec![PolicyStatement::allow(["ecs:RunTask"], [self.run_task_resource()])];
        let roles = self.task_definition.roles();
        if !roles.is_empty() {
            statements.push(PolicyStatement::allow(["iam:PassRole"], roles));
        }
        if pattern == IntegrationPattern::RunJob {
            statements.push(PolicyStatement::allow(
                ["ecs:StopTask", "ecs:DescribeTasks"],
                [self.cluster.tasks_arn().clone()],
            ));
            statements.push(managed_rule_statement(RULE));
        }
        if self.propagate_tags || self.ecs_managed_tags {
            statements.push(
                PolicyStatement::allow(["ecs:TagResource"], [self.cluster.tasks_arn().clone()]).condition(
                    "StringEquals",
                    "ecs:CreateAction",
                    [Expr::lit("RunTask")],
                ),
            );
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        self.cluster.validate()?;
        self.task_definition.validate()?;
        if self.revision == Some(0) {
            return Err(TaskError::field(
                "TaskDefinition",
                "task definition revisions start at 1",
            ));
        }
        self.launch_target.validate()?;
        self.check_against_task_definition()?;
        for (i, o) in self.container_overrides.iter().enumerate() {
            o.validate()?;
            if self.container_overrides[..i].iter().any(|other| other.name == o.name) {
                return Err(TaskError::field(
                    "Overrides.ContainerOverrides",
                    format!("container `{}` is overridden twice", o.name),
                ));
            }
        }
        self.check_task_size().map_err(TaskError::from)
    }
}

impl SupportsRunJob for EcsRunTask {}
impl SupportsWaitForTaskToken for EcsRunTask {}
