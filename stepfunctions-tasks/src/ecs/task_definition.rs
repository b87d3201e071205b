//! `InlineTaskDefinition`: an `AWS::ECS::TaskDefinition` (and its task role) in the template.

use cfn_model::iam::Role;
use cfn_model::{Expr, LogicalId, Resource, Template, Value};
use indexmap::IndexMap;

use super::{is_ecs_name, EcsCompatibility, EcsNetworkMode, EcsTaskDefinition, KnownTaskDefinition};

/// A container of an [`InlineTaskDefinition`].
///
/// ```
/// use stepfunctions_tasks::EcsContainerDefinition;
/// let c = EcsContainerDefinition::new("app", "public.ecr.aws/docker/library/busybox:stable")
///     .memory_limit_mib(256)
///     .command(["echo", "hello"])
///     .environment("STAGE", "prod");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EcsContainerDefinition {
    name: String,
    image: Expr,
    essential: bool,
    memory_limit_mib: Option<u32>,
    memory_reservation_mib: Option<u32>,
    cpu: Option<u32>,
    command: Option<Vec<String>>,
    environment: IndexMap<String, Expr>,
}

impl EcsContainerDefinition {
    /// A container named `name` (up to 255 letters, digits, hyphens and underscores; task
    /// overrides name it) running `image` (a registry reference: `repository:tag`,
    /// `registry/repository@digest`, ...).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsContainerDefinition::new("TheContainer", "foo/bar");
    /// ```
    pub fn new(name: impl Into<String>, image: impl Into<Expr>) -> Self {
        EcsContainerDefinition {
            name: name.into(),
            image: image.into(),
            essential: true,
            memory_limit_mib: None,
            memory_reservation_mib: None,
            cpu: None,
            command: None,
            environment: IndexMap::new(),
        }
    }

    /// Whether the task stops when this container stops. Default: `true`.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsContainerDefinition::new("sidecar", "foo/sidecar").essential(false);
    /// ```
    #[must_use]
    pub fn essential(mut self, essential: bool) -> Self {
        self.essential = essential;
        self
    }

    /// The hard memory limit in MiB (`Memory`); the container is killed above it. Default: none
    /// (on EC2 without task-level memory, a limit or a reservation is required).
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsContainerDefinition::new("app", "foo/bar").memory_limit_mib(256);
    /// ```
    #[must_use]
    pub fn memory_limit_mib(mut self, mib: u32) -> Self {
        self.memory_limit_mib = Some(mib);
        self
    }

    /// The memory reserved in MiB (`MemoryReservation`), at most the limit. Default: none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsContainerDefinition::new("app", "foo/bar").memory_reservation_mib(128);
    /// ```
    #[must_use]
    pub fn memory_reservation_mib(mut self, mib: u32) -> Self {
        self.memory_reservation_mib = Some(mib);
        self
    }

    /// CPU units reserved for the container (`Cpu`; 1024 units are one vCPU). Default: none.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsContainerDefinition::new("app", "foo/bar").cpu(256);
    /// ```
    #[must_use]
    pub fn cpu(mut self, units: u32) -> Self {
        self.cpu = Some(units);
        self
    }

    /// The command, instead of the image's. Default: the image's.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsContainerDefinition::new("app", "foo/bar").command(["sh", "-c", "date"]);
    /// ```
    #[must_use]
    pub fn command<S: Into<String>>(mut self, command: impl IntoIterator<Item = S>) -> Self {
        self.command = Some(command.into_iter().map(Into::into).collect());
        self
    }

    /// Sets an environment variable. Default: the image's variables only.
    ///
    /// ```
    /// let c = stepfunctions_tasks::EcsContainerDefinition::new("app", "foo/bar")
    ///     .environment("BUCKET", cfn_model::Expr::reference("Bucket"));
    /// ```
    #[must_use]
    pub fn environment(mut self, name: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.environment.insert(name.into(), value.into());
        self
    }

    fn render(&self) -> Value {
        let mut m: Vec<(&str, Value)> = vec![
            ("Essential", Value::from(self.essential)),
            ("Image", Value::from(self.image.clone())),
        ];
        if let Some(mib) = self.memory_limit_mib {
            m.push(("Memory", Value::from(mib)));
        }
        if let Some(mib) = self.memory_reservation_mib {
            m.push(("MemoryReservation", Value::from(mib)));
        }
        if let Some(units) = self.cpu {
            m.push(("Cpu", Value::from(units)));
        }
        if let Some(c) = &self.command {
            m.push(("Command", Value::list(c.iter().map(|s| Value::from(s.as_str())))));
        }
        if !self.environment.is_empty() {
            let vars = self.environment.iter().map(|(name, value)| {
                Value::map([
                    ("Name", Value::from(name.as_str())),
                    ("Value", Value::from(value.clone())),
                ])
            });
            m.push(("Environment", Value::list(vars)));
        }
        m.push(("Name", Value::from(self.name.as_str())));
        Value::map(m)
    }

    fn validate(&self) -> Result<(), String> {
        let name = &self.name;
        if !is_ecs_name(name) {
            return Err(format!(
                "container name `{name}`: 1 to 255 letters, digits, hyphens and underscores"
            ));
        }
        if self.image.as_literal().is_some_and(str::is_empty) {
            return Err(format!("container `{name}` has no image"));
        }
        if self.memory_limit_mib == Some(0) || self.memory_reservation_mib == Some(0) {
            return Err(format!("container `{name}`: memory, when set, must be at least 1 MiB"));
        }
        if let (Some(limit), Some(reservation)) = (self.memory_limit_mib, self.memory_reservation_mib) {
            if reservation > limit {
                return Err(format!(
                    "container `{name}`: the memory reservation ({reservation} MiB) exceeds the limit ({limit} MiB)"
                ));
            }
        }
        if let Some(var) = self.environment.keys().find(|k| k.is_empty()) {
            return Err(format!("container `{name}`: environment variable `{var}` has no name"));
        }
        Ok(())
    }
}

/// An `AWS::ECS::TaskDefinition` to add to a template, with a task role, the CDK's
/// `ecs.TaskDefinition`. [`add_to`](InlineTaskDefinition::add_to) returns the
/// [`EcsTaskDefinition`] that [`EcsRunTask`](super::EcsRunTask) runs: it knows the task
/// definition's launch types, network mode and containers, so that the task is checked against
/// them (a Fargate launch of an EC2-only definition, an override of a container that does not
/// exist, an `awsvpc` definition without subnets).
///
/// The task role, unless one is given, is a new role `<id>TaskRole` that ECS tasks of this
/// account may assume (with the `aws:SourceAccount` and `aws:SourceArn` conditions the ECS
/// developer guide recommends) and that has no permission: add policies to it in the template.
///
/// ```
/// use stepfunctions_tasks::{EcsCompatibility, EcsContainerDefinition, InlineTaskDefinition};
/// let mut t = cfn_model::Template::new();
/// let td = InlineTaskDefinition::new("TD", EcsCompatibility::Fargate)
///     .cpu(256)
///     .memory_mib(512)
///     .container(EcsContainerDefinition::new("TheContainer", "foo/bar").memory_limit_mib(256))
///     .add_to(&mut t)
///     .unwrap();
/// assert_eq!(t.resource("TD").unwrap().resource_type(), "AWS::ECS::TaskDefinition");
/// assert_eq!(t.resource("TDTaskRole").unwrap().resource_type(), "AWS::IAM::Role");
/// ```
#[derive(Debug, Clone)]
pub struct InlineTaskDefinition {
    id: String,
    compatibility: EcsCompatibility,
    family: Option<String>,
    cpu: Option<u32>,
    memory_mib: Option<u32>,
    network_mode: Option<EcsNetworkMode>,
    containers: Vec<EcsContainerDefinition>,
    task_role: Option<Expr>,
    execution_role: Option<Expr>,
}

impl InlineTaskDefinition {
    /// A task definition for these launch types, under a construct id.
    ///
    /// ```
    /// use stepfunctions_tasks::{EcsCompatibility, InlineTaskDefinition};
    /// let d = InlineTaskDefinition::new("TD", EcsCompatibility::Ec2);
    /// ```
    pub fn new(id: impl Into<String>, compatibility: EcsCompatibility) -> Self {
        InlineTaskDefinition {
            id: id.into(),
            compatibility,
            family: None,
            cpu: None,
            memory_mib: None,
            network_mode: None,
            containers: Vec::new(),
            task_role: None,
            execution_role: None,
        }
    }

    /// The family: up to 255 letters, digits, hyphens and underscores. Default: generated by
    /// CloudFormation (`<stack name>-<logical id>-<random>`); the state then names it by taking
    /// it out of the task definition's ARN in the template.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCompatibility, InlineTaskDefinition};
    /// let d = InlineTaskDefinition::new("TD", EcsCompatibility::Ec2).family("nightly-report");
    /// ```
    #[must_use]
    pub fn family(mut self, family: impl Into<String>) -> Self {
        self.family = Some(family.into());
        self
    }

    /// CPU units for the task (`Cpu`; 1024 units are one vCPU). Fargate needs it, with one of
    /// the memory sizes that go with it. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCompatibility, InlineTaskDefinition};
    /// let d = InlineTaskDefinition::new("TD", EcsCompatibility::Fargate).cpu(512).memory_mib(1024);
    /// ```
    #[must_use]
    pub fn cpu(mut self, units: u32) -> Self {
        self.cpu = Some(units);
        self
    }

    /// Memory for the task in MiB (`Memory`). Fargate needs it. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCompatibility, InlineTaskDefinition};
    /// let d = InlineTaskDefinition::new("TD", EcsCompatibility::Fargate).cpu(256).memory_mib(2048);
    /// ```
    #[must_use]
    pub fn memory_mib(mut self, mib: u32) -> Self {
        self.memory_mib = Some(mib);
        self
    }

    /// The network mode. Default: `awsvpc` for Fargate (the only mode it supports), `bridge`
    /// for EC2 only.
    ///
    /// ```
    /// use stepfunctions_tasks::{EcsCompatibility, EcsNetworkMode, InlineTaskDefinition};
    /// let d = InlineTaskDefinition::new("TD", EcsCompatibility::Ec2).network_mode(EcsNetworkMode::AwsVpc);
    /// ```
    #[must_use]
    pub fn network_mode(mut self, mode: EcsNetworkMode) -> Self {
        self.network_mode = Some(mode);
        self
    }

    /// Adds a container (at least one, and at least one essential). Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EcsCompatibility, EcsContainerDefinition, InlineTaskDefinition};
    /// let d = InlineTaskDefinition::new("TD", EcsCompatibility::Ec2)
    ///     .container(EcsContainerDefinition::new("app", "foo/bar").memory_limit_mib(256));
    /// ```
    #[must_use]
    pub fn container(mut self, container: EcsContainerDefinition) -> Self {
        self.containers.push(container);
        self
    }

    /// An existing role for the containers, by ARN, instead of a new one. Default: a new role
    /// `<id>TaskRole`.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCompatibility, InlineTaskDefinition};
    /// let d = InlineTaskDefinition::new("TD", EcsCompatibility::Ec2).task_role(cfn_model::Expr::reference("TaskRoleArn"));
    /// ```
    #[must_use]
    pub fn task_role(mut self, role_arn: impl Into<Expr>) -> Self {
        self.task_role = Some(role_arn.into());
        self
    }

    /// The role ECS uses to pull private images and send logs, by ARN. Default: none (public
    /// images, no log driver).
    ///
    /// ```
    /// # use stepfunctions_tasks::{EcsCompatibility, InlineTaskDefinition};
    /// let d = InlineTaskDefinition::new("TD", EcsCompatibility::Fargate)
    ///     .execution_role(cfn_model::Expr::reference("ExecutionRoleArn"));
    /// ```
    #[must_use]
    pub fn execution_role(mut self, role_arn: impl Into<Expr>) -> Self {
        self.execution_role = Some(role_arn.into());
        self
    }

    /// Adds the task definition (`<id>`) and, unless a task role was given, its task role
    /// (`<id>TaskRole`) to a template.
    ///
    /// ```
    /// use stepfunctions_tasks::{EcsCompatibility, EcsContainerDefinition, InlineTaskDefinition};
    /// let mut t = cfn_model::Template::new();
    /// // Fargate needs task-level CPU and memory.
    /// let missing = InlineTaskDefinition::new("TD", EcsCompatibility::Fargate)
    ///     .container(EcsContainerDefinition::new("app", "foo/bar"))
    ///     .add_to(&mut t);
    /// assert!(missing.is_err());
    /// ```
    pub fn add_to(self, template: &mut Template) -> Result<EcsTaskDefinition, stepfunctions::Error> {
        let network_mode = self.check().map_err(|reason| stepfunctions::Error::InvalidResource {
            construct: self.id.clone(),
            field: "TaskDefinition",
            reason,
        })?;
        // The id is checked before anything is added.
        LogicalId::from_construct_id(&self.id)?;
        let task_role = match self.task_role {
            Some(arn) => arn,
            None => {
                let role = Role::for_service("ecs-tasks.amazonaws.com")
                    .trust_condition(
                        "ArnLike",
                        "aws:SourceArn",
                        [Expr::concat([
                            Expr::lit("arn:"),
                            Expr::partition(),
                            Expr::lit(":ecs:"),
                            Expr::region(),
                            Expr::lit(":"),
                            Expr::account_id(),
                            Expr::lit(":*"),
                        ])],
                    )
                    .trust_condition("StringEquals", "aws:SourceAccount", [Expr::account_id()]);
                let role_id = template.add_resource(&format!("{}TaskRole", self.id), role.into_resource())?;
                Expr::get_att(role_id.as_str(), "Arn")
            }
        };
        let compatibilities = match self.compatibility {
            EcsCompatibility::Ec2 => vec!["EC2"],
            EcsCompatibility::Fargate => vec!["FARGATE"],
            EcsCompatibility::Ec2AndFargate => vec!["EC2", "FARGATE"],
        };
        let resource = Resource::new("AWS::ECS::TaskDefinition")
            .property(
                "ContainerDefinitions",
                Value::list(self.containers.iter().map(EcsContainerDefinition::render)),
            )
            .property_opt("Cpu", self.cpu.map(|c| Value::from(c.to_string())))
            .property_opt("ExecutionRoleArn", self.execution_role.clone().map(Value::from))
            .property_opt("Family", self.family.as_deref().map(Value::from))
            .property_opt("Memory", self.memory_mib.map(|m| Value::from(m.to_string())))
            .property("NetworkMode", Value::from(network_mode.as_str()))
            .property(
                "RequiresCompatibilities",
                Value::list(compatibilities.into_iter().map(Value::from)),
            )
            .property("TaskRoleArn", Value::from(task_role.clone()));
        let id = template.add_resource(&self.id, resource)?;
        let arn = Expr::reference(id.as_str());
        let family = self.family.map(Expr::lit);
        let known = KnownTaskDefinition {
            compatibility: self.compatibility,
            network_mode,
            containers: self.containers.iter().map(|c| c.name.clone()).collect(),
            cpu: self.cpu,
            memory_mib: self.memory_mib,
        };
        let mut definition = EcsTaskDefinition::defined(family, arn, known).task_role(task_role);
        if let Some(role) = self.execution_role {
            definition = definition.execution_role(role);
        }
        Ok(definition)
    }

    /// Checks the definition; returns its network mode.
    fn check(&self) -> Result<EcsNetworkMode, String> {
        if let Some(family) = self.family.as_deref().filter(|f| !is_ecs_name(f)) {
            return Err(format!(
                "family `{family}`: 1 to 255 letters, digits, hyphens and underscores"
            ));
        }
        if self.containers.is_empty() {
            return Err("a task definition needs at least one container".into());
        }
        if !self.containers.iter().any(|c| c.essential) {
            return Err("a task definition needs at least one essential container".into());
        }
        for (i, c) in self.containers.iter().enumerate() {
            c.validate()?;
            if self.containers[..i].iter().any(|other| other.name == c.name) {
                return Err(format!("two containers are named `{}`", c.name));
            }
        }
        let fargate = self.compatibility.fargate();
        let network_mode = match (self.network_mode, fargate) {
            (Some(mode), true) if mode != EcsNetworkMode::AwsVpc => {
                return Err(format!(
                    "Fargate supports the awsvpc network mode only, not `{}`",
                    mode.as_str()
                ))
            }
            (Some(mode), _) => mode,
            (None, true) => EcsNetworkMode::AwsVpc,
            (None, false) => EcsNetworkMode::Bridge,
        };
        if fargate {
            let (Some(cpu), Some(memory)) = (self.cpu, self.memory_mib) else {
                return Err("a Fargate task definition needs task-level cpu and memory".into());
            };
            check_fargate_size(cpu, memory)?;
        } else {
            if self.cpu == Some(0) || self.memory_mib == Some(0) {
                return Err("task-level cpu and memory, when set, must be positive".into());
            }
            if self.memory_mib.is_none() {
                if let Some(c) = self
                    .containers
                    .iter()
                    .find(|c| c.memory_limit_mib.is_none() && c.memory_reservation_mib.is_none())
                {
                    return Err(format!(
                        "container `{}` needs a memory limit or reservation: the task definition has no task-level memory",
                        c.name
                    ));
                }
            }
        }
        Ok(network_mode)
    }
}

/// Checks a Fargate task size: the CPU units and one of the memory sizes that go with them
/// (ECS developer guide, "Task CPU and memory").
pub(crate) fn check_fargate_size(cpu: u32, memory_mib: u32) -> Result<(), String> {
    let gib = |n: u32| n * 1024;
    let allowed: Vec<u32> = match cpu {
        256 => vec![512, gib(1), gib(2)],
        512 => (1..=4).map(gib).collect(),
        1024 => (2..=8).map(gib).collect(),
        2048 => (4..=16).map(gib).collect(),
        4096 => (8..=30).map(gib).collect(),
        8192 => (16..=60).step_by(4).map(gib).collect(),
        16384 => (32..=120).step_by(8).map(gib).collect(),
        _ => {
            return Err(format!(
                "Fargate cpu must be 256, 512, 1024, 2048, 4096, 8192 or 16384 units; got {cpu}"
            ))
        }
    };
    if allowed.contains(&memory_mib) {
        Ok(())
    } else {
        let listed: Vec<String> = allowed.iter().map(u32::to_string).collect();
        Err(format!(
            "Fargate with {cpu} cpu units takes {} MiB of memory; got {memory_mib}",
            listed.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fargate_sizes() {
        for (cpu, memory) in [
            (256, 512),
            (256, 2048),
            (512, 4096),
            (1024, 8192),
            (2048, 16384),
            (4096, 30720),
            (8192, 61440),
            (16384, 122880),
        ] {
            assert!(check_fargate_size(cpu, memory).is_ok(), "{cpu} {memory}");
        }
        for (cpu, memory) in [(256, 3072), (512, 512), (128, 512), (8192, 18432), (4096, 31744)] {
            assert!(check_fargate_size(cpu, memory).is_err(), "{cpu} {memory}");
        }
    }
}
