//! The cluster's instances: uniform groups, instance groups or instance fleets (`Instances`).

use super::*;

/// An instance group (`InstanceGroupConfig`): instances of one type for one node type.
///
/// ```
/// use stepfunctions_tasks::{EmrInstanceGroup, EmrInstanceMarket, EmrInstanceRoleType};
/// let master = EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1).name("Primary");
/// let task = EmrInstanceGroup::new(EmrInstanceRoleType::Task, "m5.xlarge", 2)
///     .market(EmrInstanceMarket::Spot)
///     .bid_price("0.10");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrInstanceGroup {
    role: EmrInstanceRoleType,
    instance_type: Expr,
    instance_count: u32,
    name: Option<Expr>,
    market: Option<EmrInstanceMarket>,
    bid_price: Option<String>,
    configurations: Vec<EmrConfiguration>,
    ebs: Option<EmrEbsConfiguration>,
    auto_scaling_policy: Option<EmrAutoScalingPolicy>,
}

impl EmrInstanceGroup {
    /// `instance_count` instances of `instance_type` for a node type (a master group has 1
    /// instance, or 3 for high availability).
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceGroup, EmrInstanceRoleType};
    /// let core = EmrInstanceGroup::new(EmrInstanceRoleType::Core, "r5.2xlarge", 4);
    /// ```
    pub fn new(role: EmrInstanceRoleType, instance_type: impl Into<Expr>, instance_count: u32) -> Self {
        EmrInstanceGroup {
            role,
            instance_type: instance_type.into(),
            instance_count,
            name: None,
            market: None,
            bid_price: None,
            configurations: Vec::new(),
            ebs: None,
            auto_scaling_policy: None,
        }
    }

    /// The group's name (what `EmrModifyInstanceGroupByName` finds it by). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrInstanceGroup, EmrInstanceRoleType};
    /// let g = EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2).name("Core");
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<Expr>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// On-Demand or Spot. Default: EMR's (On-Demand).
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrInstanceGroup, EmrInstanceRoleType};
    /// let g = EmrInstanceGroup::new(EmrInstanceRoleType::Task, "m5.xlarge", 2).market(stepfunctions_tasks::EmrInstanceMarket::Spot);
    /// ```
    #[must_use]
    pub fn market(mut self, market: EmrInstanceMarket) -> Self {
        self.market = Some(market);
        self
    }

    /// The highest Spot price in USD per instance-hour (Spot market only), e.g. `"0.10"`.
    /// Default: the On-Demand price.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrInstanceGroup, EmrInstanceRoleType, EmrInstanceMarket};
    /// let g = EmrInstanceGroup::new(EmrInstanceRoleType::Task, "m5.xlarge", 2).market(EmrInstanceMarket::Spot).bid_price("0.08");
    /// ```
    #[must_use]
    pub fn bid_price(mut self, usd: impl Into<String>) -> Self {
        self.bid_price = Some(usd.into());
        self
    }

    /// Adds a configuration for the group's instances. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrInstanceGroup, EmrInstanceRoleType};
    /// let g = EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2)
    ///     .configuration(stepfunctions_tasks::EmrConfiguration::new("yarn-site").property("yarn.nodemanager.vmem-check-enabled", "false"));
    /// ```
    #[must_use]
    pub fn configuration(mut self, configuration: EmrConfiguration) -> Self {
        self.configurations.push(configuration);
        self
    }

    /// EBS volumes for each instance. Default: the instance type's.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrEbsBlockDevice, EmrEbsConfiguration, EmrEbsVolumeType, EmrInstanceGroup, EmrInstanceRoleType};
    /// let g = EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2)
    ///     .ebs_configuration(EmrEbsConfiguration::new().block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp3, 64)));
    /// ```
    #[must_use]
    pub fn ebs_configuration(mut self, ebs: EmrEbsConfiguration) -> Self {
        self.ebs = Some(ebs);
        self
    }

    /// An automatic scaling policy (core and task groups only). Default: none.
    ///
    /// ```
    /// use std::time::Duration;
    /// use stepfunctions_tasks::*;
    /// let g = EmrInstanceGroup::new(EmrInstanceRoleType::Task, "m5.xlarge", 1).auto_scaling_policy(
    ///     EmrAutoScalingPolicy::new(1, 4).rule(EmrScalingRule::new("Out", 1, EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, Duration::from_secs(300)))),
    /// );
    /// ```
    #[must_use]
    pub fn auto_scaling_policy(mut self, policy: EmrAutoScalingPolicy) -> Self {
        self.auto_scaling_policy = Some(policy);
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![];
        opt(
            &mut p,
            "AutoScalingPolicy",
            self.auto_scaling_policy.as_ref().map(EmrAutoScalingPolicy::render),
        );
        opt(&mut p, "BidPrice", self.bid_price.as_deref().map(Payload::from));
        opt(&mut p, "Configurations", configurations(&self.configurations));
        opt(
            &mut p,
            "EbsConfiguration",
            self.ebs.as_ref().map(EmrEbsConfiguration::render),
        );
        p.push(("InstanceCount", self.instance_count.into()));
        p.push(("InstanceRole", self.role.as_str().into()));
        p.push(("InstanceType", Payload::String(self.instance_type.clone())));
        opt(&mut p, "Market", self.market.map(|m| m.as_str().into()));
        opt(&mut p, "Name", expr(&self.name));
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let role = self.role.as_str();
        if self.role == EmrInstanceRoleType::Master && !matches!(self.instance_count, 1 | 3) {
            return Err(format!(
                "a MASTER instance group has 1 instance (3 for high availability); got {}",
                self.instance_count
            ));
        }
        if let Some(price) = &self.bid_price {
            if self.market != Some(EmrInstanceMarket::Spot) {
                return Err(format!(
                    "the {role} instance group has a bid price but is not in the SPOT market"
                ));
            }
            check_price(price)?;
        }
        if self.auto_scaling_policy.is_some() && self.role == EmrInstanceRoleType::Master {
            return Err("a MASTER instance group cannot have an automatic scaling policy".into());
        }
        self.configurations.iter().try_for_each(EmrConfiguration::validate)?;
        if let Some(ebs) = &self.ebs {
            ebs.validate()?;
        }
        if let Some(policy) = &self.auto_scaling_policy {
            policy.validate()?;
        }
        Ok(())
    }
}

/// A Spot bid: a price in USD per instance-hour, or a percentage of the On-Demand price.
///
/// ```
/// use stepfunctions_tasks::EmrBidPrice;
/// let usd = EmrBidPrice::usd("0.25");
/// let relative = EmrBidPrice::percent_of_on_demand(80.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum EmrBidPrice {
    /// `BidPrice`, in USD.
    Usd(String),
    /// `BidPriceAsPercentageOfOnDemandPrice`.
    PercentOfOnDemand(f64),
}

impl EmrBidPrice {
    /// A price in USD, e.g. `"0.25"`.
    ///
    /// ```
    /// let b = stepfunctions_tasks::EmrBidPrice::usd("0.25");
    /// ```
    pub fn usd(price: impl Into<String>) -> Self {
        EmrBidPrice::Usd(price.into())
    }

    /// A percentage of the On-Demand price (above 0, at most 1,000).
    ///
    /// ```
    /// let b = stepfunctions_tasks::EmrBidPrice::percent_of_on_demand(50.0);
    /// ```
    pub fn percent_of_on_demand(percent: f64) -> Self {
        EmrBidPrice::PercentOfOnDemand(percent)
    }
}

pub(crate) fn check_price(price: &str) -> Result<(), String> {
    if !is_number_text(price) || price.starts_with('-') || price.contains(['e', 'E']) {
        return Err(format!("bid price `{price}` is not an amount in USD, like `0.10`"));
    }
    Ok(())
}

/// An instance type a fleet may launch (`InstanceTypeConfig`).
///
/// ```
/// use stepfunctions_tasks::{EmrBidPrice, EmrInstanceTypeConfig};
/// let t = EmrInstanceTypeConfig::new("m5.xlarge").weighted_capacity(4).bid_price(EmrBidPrice::percent_of_on_demand(60.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrInstanceTypeConfig {
    instance_type: Expr,
    bid_price: Option<EmrBidPrice>,
    configurations: Vec<EmrConfiguration>,
    ebs: Option<EmrEbsConfiguration>,
    weighted_capacity: Option<u32>,
    priority: Option<f64>,
}

impl EmrInstanceTypeConfig {
    /// Instances of a type.
    ///
    /// ```
    /// let t = stepfunctions_tasks::EmrInstanceTypeConfig::new("r5.xlarge");
    /// ```
    pub fn new(instance_type: impl Into<Expr>) -> Self {
        EmrInstanceTypeConfig {
            instance_type: instance_type.into(),
            bid_price: None,
            configurations: Vec::new(),
            ebs: None,
            weighted_capacity: None,
            priority: None,
        }
    }

    /// The order in which the fleet launches this type, 0 first (the `prioritized`
    /// allocation strategies). Default: none.
    ///
    /// ```
    /// let t = stepfunctions_tasks::EmrInstanceTypeConfig::new("r5.4xlarge").priority(0.0);
    /// ```
    #[must_use]
    pub fn priority(mut self, priority: f64) -> Self {
        self.priority = Some(priority);
        self
    }

    /// The Spot bid. Default: 100% of the On-Demand price.
    ///
    /// ```
    /// let t = stepfunctions_tasks::EmrInstanceTypeConfig::new("r5.xlarge").bid_price(stepfunctions_tasks::EmrBidPrice::usd("0.12"));
    /// ```
    #[must_use]
    pub fn bid_price(mut self, bid: EmrBidPrice) -> Self {
        self.bid_price = Some(bid);
        self
    }

    /// Adds a configuration for these instances. Default: none.
    ///
    /// ```
    /// let t = stepfunctions_tasks::EmrInstanceTypeConfig::new("r5.xlarge")
    ///     .configuration(stepfunctions_tasks::EmrConfiguration::new("spark").property("maximizeResourceAllocation", "true"));
    /// ```
    #[must_use]
    pub fn configuration(mut self, configuration: EmrConfiguration) -> Self {
        self.configurations.push(configuration);
        self
    }

    /// EBS volumes for each instance. Default: the instance type's.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrEbsBlockDevice, EmrEbsConfiguration, EmrEbsVolumeType, EmrInstanceTypeConfig};
    /// let t = EmrInstanceTypeConfig::new("r5.xlarge").ebs_configuration(EmrEbsConfiguration::new().block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp3, 32)));
    /// ```
    #[must_use]
    pub fn ebs_configuration(mut self, ebs: EmrEbsConfiguration) -> Self {
        self.ebs = Some(ebs);
        self
    }

    /// How many units of the fleet's target capacity one instance counts for. Default: 1.
    ///
    /// ```
    /// let t = stepfunctions_tasks::EmrInstanceTypeConfig::new("r5.4xlarge").weighted_capacity(4);
    /// ```
    #[must_use]
    pub fn weighted_capacity(mut self, units: u32) -> Self {
        self.weighted_capacity = Some(units);
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![];
        match &self.bid_price {
            Some(EmrBidPrice::Usd(price)) => p.push(("BidPrice", price.as_str().into())),
            Some(EmrBidPrice::PercentOfOnDemand(percent)) => {
                p.push(("BidPriceAsPercentageOfOnDemandPrice", (*percent).into()));
            }
            None => {}
        }
        opt(&mut p, "Configurations", configurations(&self.configurations));
        opt(
            &mut p,
            "EbsConfiguration",
            self.ebs.as_ref().map(EmrEbsConfiguration::render),
        );
        p.push(("InstanceType", Payload::String(self.instance_type.clone())));
        opt(&mut p, "Priority", self.priority.map(Payload::from));
        opt(&mut p, "WeightedCapacity", self.weighted_capacity.map(Payload::from));
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        match &self.bid_price {
            Some(EmrBidPrice::Usd(price)) => check_price(price)?,
            Some(EmrBidPrice::PercentOfOnDemand(percent)) if !(*percent > 0.0 && *percent <= 1000.0) => {
                return Err(format!(
                    "a bid as a percentage of the On-Demand price is above 0 and at most 1000; got {percent}"
                ));
            }
            _ => {}
        }
        if self.weighted_capacity == Some(0) {
            return Err("an instance type's weighted capacity must be at least 1".into());
        }
        if let Some(priority) = self.priority {
            if !(priority >= 0.0 && priority.is_finite()) {
                return Err(format!("an instance type's priority is 0 or more; got {priority}"));
            }
        }
        self.configurations.iter().try_for_each(EmrConfiguration::validate)?;
        self.ebs.as_ref().map_or(Ok(()), EmrEbsConfiguration::validate)
    }
}

/// How a fleet provisions Spot Instances (`SpotProvisioningSpecification`).
///
/// ```
/// use std::time::Duration;
/// use stepfunctions_tasks::{EmrSpotAllocationStrategy, EmrSpotProvisioning, EmrSpotTimeoutAction};
/// let spot = EmrSpotProvisioning::new(EmrSpotTimeoutAction::SwitchToOnDemand, Duration::from_secs(20 * 60))
///     .allocation_strategy(EmrSpotAllocationStrategy::PriceCapacityOptimized);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrSpotProvisioning {
    timeout_action: EmrSpotTimeoutAction,
    timeout: Duration,
    allocation_strategy: Option<EmrSpotAllocationStrategy>,
}

impl EmrSpotProvisioning {
    /// What to do when the Spot capacity is not there after `timeout` (whole minutes, 5 to
    /// 1,440).
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrSpotProvisioning, EmrSpotTimeoutAction};
    /// let s = EmrSpotProvisioning::new(EmrSpotTimeoutAction::TerminateCluster, std::time::Duration::from_secs(600));
    /// ```
    pub fn new(timeout_action: EmrSpotTimeoutAction, timeout: Duration) -> Self {
        EmrSpotProvisioning {
            timeout_action,
            timeout,
            allocation_strategy: None,
        }
    }

    /// How Spot pools are chosen. Default: by price only.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrSpotAllocationStrategy, EmrSpotProvisioning, EmrSpotTimeoutAction};
    /// let s = EmrSpotProvisioning::new(EmrSpotTimeoutAction::SwitchToOnDemand, std::time::Duration::from_secs(600))
    ///     .allocation_strategy(EmrSpotAllocationStrategy::CapacityOptimized);
    /// ```
    #[must_use]
    pub fn allocation_strategy(mut self, strategy: EmrSpotAllocationStrategy) -> Self {
        self.allocation_strategy = Some(strategy);
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![];
        opt(
            &mut p,
            "AllocationStrategy",
            self.allocation_strategy.map(|s| s.as_str().into()),
        );
        p.push(("TimeoutAction", self.timeout_action.as_str().into()));
        p.push(("TimeoutDurationMinutes", (self.timeout.as_secs() / 60).into()));
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let secs = self.timeout.as_secs();
        if self.timeout.subsec_nanos() != 0 || secs % 60 != 0 || !(5..=1440).contains(&(secs / 60)) {
            return Err(format!(
                "the Spot provisioning timeout is whole minutes, 5 to 1440; got {:?}",
                self.timeout
            ));
        }
        Ok(())
    }
}

/// An instance fleet (`InstanceFleetConfig`): up to several instance types for one node type,
/// filled to a target of On-Demand and Spot capacity units.
///
/// ```
/// use stepfunctions_tasks::{EmrInstanceFleet, EmrInstanceRoleType, EmrInstanceTypeConfig};
/// let master = EmrInstanceFleet::new(EmrInstanceRoleType::Master)
///     .name("Primary")
///     .target_on_demand_capacity(1)
///     .instance_type_config(EmrInstanceTypeConfig::new("m5.xlarge"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrInstanceFleet {
    role: EmrInstanceRoleType,
    name: Option<Expr>,
    target_on_demand_capacity: Option<u32>,
    target_spot_capacity: Option<u32>,
    instance_type_configs: Vec<EmrInstanceTypeConfig>,
    spot: Option<EmrSpotProvisioning>,
    on_demand: Option<EmrOnDemandProvisioning>,
}

impl EmrInstanceFleet {
    /// A fleet for a node type.
    ///
    /// ```
    /// let f = stepfunctions_tasks::EmrInstanceFleet::new(stepfunctions_tasks::EmrInstanceRoleType::Core);
    /// ```
    pub fn new(role: EmrInstanceRoleType) -> Self {
        EmrInstanceFleet {
            role,
            name: None,
            target_on_demand_capacity: None,
            target_spot_capacity: None,
            instance_type_configs: Vec::new(),
            spot: None,
            on_demand: None,
        }
    }

    /// The fleet's name (what `EmrModifyInstanceFleetByName` finds it by). Default: none.
    ///
    /// ```
    /// let f = stepfunctions_tasks::EmrInstanceFleet::new(stepfunctions_tasks::EmrInstanceRoleType::Core).name("Core");
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<Expr>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// On-Demand capacity units to provision (1 for a master fleet that is not Spot).
    /// Default: none.
    ///
    /// ```
    /// let f = stepfunctions_tasks::EmrInstanceFleet::new(stepfunctions_tasks::EmrInstanceRoleType::Core).target_on_demand_capacity(4);
    /// ```
    #[must_use]
    pub fn target_on_demand_capacity(mut self, units: u32) -> Self {
        self.target_on_demand_capacity = Some(units);
        self
    }

    /// Spot capacity units to provision (1 for a master fleet on Spot). Default: none.
    ///
    /// ```
    /// let f = stepfunctions_tasks::EmrInstanceFleet::new(stepfunctions_tasks::EmrInstanceRoleType::Task).target_spot_capacity(8);
    /// ```
    #[must_use]
    pub fn target_spot_capacity(mut self, units: u32) -> Self {
        self.target_spot_capacity = Some(units);
        self
    }

    /// Adds an instance type the fleet may launch (at least one). Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceFleet, EmrInstanceRoleType, EmrInstanceTypeConfig};
    /// let f = EmrInstanceFleet::new(EmrInstanceRoleType::Core).instance_type_config(EmrInstanceTypeConfig::new("r5.xlarge"));
    /// ```
    #[must_use]
    pub fn instance_type_config(mut self, config: EmrInstanceTypeConfig) -> Self {
        self.instance_type_configs.push(config);
        self
    }

    /// How Spot Instances are provisioned. Default: EMR's.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceFleet, EmrInstanceRoleType, EmrSpotProvisioning, EmrSpotTimeoutAction};
    /// let f = EmrInstanceFleet::new(EmrInstanceRoleType::Task)
    ///     .spot_provisioning(EmrSpotProvisioning::new(EmrSpotTimeoutAction::SwitchToOnDemand, std::time::Duration::from_secs(900)));
    /// ```
    #[must_use]
    pub fn spot_provisioning(mut self, spot: EmrSpotProvisioning) -> Self {
        self.spot = Some(spot);
        self
    }

    /// How On-Demand Instances are provisioned: the allocation strategy and the use of capacity
    /// reservations (`OnDemandSpecification`). Default: EMR's.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceFleet, EmrInstanceRoleType, EmrOnDemandAllocationStrategy, EmrOnDemandProvisioning};
    /// let f = EmrInstanceFleet::new(EmrInstanceRoleType::Core)
    ///     .on_demand_provisioning(EmrOnDemandProvisioning::new(EmrOnDemandAllocationStrategy::Prioritized));
    /// ```
    #[must_use]
    pub fn on_demand_provisioning(mut self, on_demand: EmrOnDemandProvisioning) -> Self {
        self.on_demand = Some(on_demand);
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![("InstanceFleetType", self.role.as_str().into())];
        if !self.instance_type_configs.is_empty() {
            let configs = self.instance_type_configs.iter().map(EmrInstanceTypeConfig::render);
            p.push(("InstanceTypeConfigs", Payload::Array(configs.collect())));
        }
        if self.spot.is_some() || self.on_demand.is_some() {
            let mut launch = Vec::with_capacity(2);
            opt(
                &mut launch,
                "OnDemandSpecification",
                self.on_demand.as_ref().map(EmrOnDemandProvisioning::render),
            );
            opt(
                &mut launch,
                "SpotSpecification",
                self.spot.as_ref().map(EmrSpotProvisioning::render),
            );
            p.push(("LaunchSpecifications", Payload::from_object(launch)));
        }
        opt(&mut p, "Name", expr(&self.name));
        opt(
            &mut p,
            "TargetOnDemandCapacity",
            self.target_on_demand_capacity.map(Payload::from),
        );
        opt(
            &mut p,
            "TargetSpotCapacity",
            self.target_spot_capacity.map(Payload::from),
        );
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let role = self.role.as_str();
        if self.instance_type_configs.is_empty() {
            return Err(format!("the {role} instance fleet needs at least one instance type"));
        }
        let (on_demand, spot) = (
            self.target_on_demand_capacity.unwrap_or(0),
            self.target_spot_capacity.unwrap_or(0),
        );
        if on_demand == 0 && spot == 0 {
            return Err(format!(
                "the {role} instance fleet needs a target On-Demand or Spot capacity above 0"
            ));
        }
        if self.role == EmrInstanceRoleType::Master && on_demand + spot != 1 {
            return Err(format!(
                "a MASTER instance fleet has a target capacity of 1, On-Demand or Spot; got {on_demand} On-Demand and {spot} Spot"
            ));
        }
        self.instance_type_configs
            .iter()
            .try_for_each(EmrInstanceTypeConfig::validate)?;
        self.spot.as_ref().map_or(Ok(()), EmrSpotProvisioning::validate)
    }
}

/// How a fleet provisions On-Demand Instances (`OnDemandProvisioningSpecification`): the
/// allocation strategy, and whether and how it uses capacity reservations.
///
/// ```
/// use stepfunctions_tasks::{EmrCapacityReservationPreference, EmrOnDemandAllocationStrategy, EmrOnDemandProvisioning};
/// let od = EmrOnDemandProvisioning::new(EmrOnDemandAllocationStrategy::LowestPrice)
///     .use_capacity_reservations_first()
///     .capacity_reservation_preference(EmrCapacityReservationPreference::Open);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrOnDemandProvisioning {
    allocation_strategy: EmrOnDemandAllocationStrategy,
    use_reservations_first: bool,
    preference: Option<EmrCapacityReservationPreference>,
    resource_group_arn: Option<Expr>,
}

impl EmrOnDemandProvisioning {
    /// On-Demand provisioning with an allocation strategy.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrOnDemandAllocationStrategy, EmrOnDemandProvisioning};
    /// let od = EmrOnDemandProvisioning::new(EmrOnDemandAllocationStrategy::Prioritized);
    /// ```
    pub fn new(allocation_strategy: EmrOnDemandAllocationStrategy) -> Self {
        EmrOnDemandProvisioning {
            allocation_strategy,
            use_reservations_first: false,
            preference: None,
            resource_group_arn: None,
        }
    }

    /// Fills the On-Demand capacity from capacity reservations first
    /// (`UsageStrategy: use-capacity-reservations-first`). Default: reservations are not
    /// preferred.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrOnDemandAllocationStrategy, EmrOnDemandProvisioning};
    /// let od = EmrOnDemandProvisioning::new(EmrOnDemandAllocationStrategy::LowestPrice).use_capacity_reservations_first();
    /// ```
    #[must_use]
    pub fn use_capacity_reservations_first(mut self) -> Self {
        self.use_reservations_first = true;
        self
    }

    /// Whether instances run in any open capacity reservation that matches
    /// (`CapacityReservationPreference`). Default: EMR's (`open`).
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrOnDemandAllocationStrategy, EmrOnDemandProvisioning};
    /// use stepfunctions_tasks::EmrCapacityReservationPreference;
    /// let od = EmrOnDemandProvisioning::new(EmrOnDemandAllocationStrategy::LowestPrice)
    ///     .capacity_reservation_preference(EmrCapacityReservationPreference::None);
    /// ```
    #[must_use]
    pub fn capacity_reservation_preference(mut self, preference: EmrCapacityReservationPreference) -> Self {
        self.preference = Some(preference);
        self
    }

    /// The resource group of targeted capacity reservations to use
    /// (`CapacityReservationResourceGroupArn`). Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrOnDemandAllocationStrategy, EmrOnDemandProvisioning};
    /// let od = EmrOnDemandProvisioning::new(EmrOnDemandAllocationStrategy::LowestPrice)
    ///     .capacity_reservation_resource_group("arn:aws:resource-groups:us-east-1:123456789012:group/emr-reservations");
    /// ```
    #[must_use]
    pub fn capacity_reservation_resource_group(mut self, arn: impl Into<Expr>) -> Self {
        self.resource_group_arn = Some(arn.into());
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![("AllocationStrategy", self.allocation_strategy.as_str().into())];
        let mut options = Vec::new();
        if self.use_reservations_first {
            options.push(("UsageStrategy", "use-capacity-reservations-first".into()));
        }
        opt(
            &mut options,
            "CapacityReservationPreference",
            self.preference.map(|v| v.as_str().into()),
        );
        opt(
            &mut options,
            "CapacityReservationResourceGroupArn",
            expr(&self.resource_group_arn),
        );
        if !options.is_empty() {
            p.push(("CapacityReservationOptions", Payload::from_object(options)));
        }
        Payload::from_object(p)
    }
}

/// How the cluster's nodes are laid out.
#[derive(Debug, Clone, PartialEq)]
enum Nodes {
    /// Nothing said.
    Unset,
    /// A master type, a core type and a total count.
    Uniform { master: Expr, slave: Expr, count: u32 },
    /// Instance groups.
    Groups(Vec<EmrInstanceGroup>),
    /// Instance fleets.
    Fleets(Vec<EmrInstanceFleet>),
}

/// The cluster's EC2 instances (`JobFlowInstancesConfig`): uniform instance groups, instance
/// groups or instance fleets (which exclude each other: one constructor each), and the network
/// and access settings they share. `KeepJobFlowAliveWhenNoSteps` is always `true`: the cluster
/// waits for the steps the state machine adds (and `createCluster.sync` waits for it to be
/// `WAITING`).
///
/// ```
/// use stepfunctions_tasks::{EmrInstanceGroup, EmrInstanceRoleType, EmrInstancesConfig};
/// let instances = EmrInstancesConfig::instance_groups([
///     EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1).name("Primary"),
///     EmrInstanceGroup::new(EmrInstanceRoleType::Core, "m5.xlarge", 2).name("Core"),
/// ])
/// .ec2_subnet_id(cfn_model::Expr::reference("SubnetId"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrInstancesConfig {
    nodes: Nodes,
    additional_master_security_groups: Vec<Expr>,
    additional_slave_security_groups: Vec<Expr>,
    ec2_key_name: Option<Expr>,
    ec2_subnet_id: Option<Expr>,
    ec2_subnet_ids: Vec<Expr>,
    emr_managed_master_security_group: Option<Expr>,
    emr_managed_slave_security_group: Option<Expr>,
    availability_zone: Option<Expr>,
    availability_zones: Vec<Expr>,
    service_access_security_group: Option<Expr>,
    termination_protected: Option<bool>,
}

impl EmrInstancesConfig {
    fn with(nodes: Nodes) -> Self {
        EmrInstancesConfig {
            nodes,
            additional_master_security_groups: Vec::new(),
            additional_slave_security_groups: Vec::new(),
            ec2_key_name: None,
            ec2_subnet_id: None,
            ec2_subnet_ids: Vec::new(),
            emr_managed_master_security_group: None,
            emr_managed_slave_security_group: None,
            availability_zone: None,
            availability_zones: Vec::new(),
            service_access_security_group: None,
            termination_protected: None,
        }
    }

    /// No instance settings (the CDK's `instances: {}`). The template deploys, but EMR rejects a
    /// cluster with no instance type when the task runs: use one of the other constructors for
    /// a cluster that starts.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::new();
    /// ```
    pub fn new() -> Self {
        Self::with(Nodes::Unset)
    }

    /// Uniform instance groups: one master of `master_instance_type`, and core nodes of
    /// `slave_instance_type` up to `instance_count` instances in all.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3);
    /// ```
    pub fn uniform(
        master_instance_type: impl Into<Expr>,
        slave_instance_type: impl Into<Expr>,
        instance_count: u32,
    ) -> Self {
        Self::with(Nodes::Uniform {
            master: master_instance_type.into(),
            slave: slave_instance_type.into(),
            count: instance_count,
        })
    }

    /// Instance groups: one MASTER group, at most one CORE group, any TASK groups.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceGroup, EmrInstanceRoleType, EmrInstancesConfig};
    /// let i = EmrInstancesConfig::instance_groups([EmrInstanceGroup::new(EmrInstanceRoleType::Master, "m5.xlarge", 1)]);
    /// ```
    pub fn instance_groups(groups: impl IntoIterator<Item = EmrInstanceGroup>) -> Self {
        Self::with(Nodes::Groups(groups.into_iter().collect()))
    }

    /// Instance fleets: one MASTER fleet, at most one CORE and one TASK fleet.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrInstanceFleet, EmrInstanceRoleType, EmrInstanceTypeConfig, EmrInstancesConfig};
    /// let i = EmrInstancesConfig::instance_fleets([EmrInstanceFleet::new(EmrInstanceRoleType::Master)
    ///     .target_on_demand_capacity(1)
    ///     .instance_type_config(EmrInstanceTypeConfig::new("m5.xlarge"))]);
    /// ```
    pub fn instance_fleets(fleets: impl IntoIterator<Item = EmrInstanceFleet>) -> Self {
        Self::with(Nodes::Fleets(fleets.into_iter().collect()))
    }

    /// Security groups added to the master node. Default: none.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).additional_master_security_groups(["sg-0123456789abcdef0"]);
    /// ```
    #[must_use]
    pub fn additional_master_security_groups<S: Into<Expr>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.additional_master_security_groups = exprs(ids);
        self
    }

    /// Security groups added to the core and task nodes. Default: none.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).additional_slave_security_groups(["sg-0123456789abcdef0"]);
    /// ```
    #[must_use]
    pub fn additional_slave_security_groups<S: Into<Expr>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.additional_slave_security_groups = exprs(ids);
        self
    }

    /// The EC2 key pair for SSH to the master node as `hadoop`. Default: none.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).ec2_key_name("my-key");
    /// ```
    #[must_use]
    pub fn ec2_key_name(mut self, name: impl Into<Expr>) -> Self {
        self.ec2_key_name = Some(name.into());
        self
    }

    /// The subnet the cluster runs in (`Ec2SubnetId`). Default: EMR's (the default VPC).
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).ec2_subnet_id("subnet-0123456789abcdef0");
    /// ```
    #[must_use]
    pub fn ec2_subnet_id(mut self, id: impl Into<Expr>) -> Self {
        self.ec2_subnet_id = Some(id.into());
        self
    }

    /// Subnets EMR chooses from (`Ec2SubnetIds`, instance fleets only). Default: EMR's.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::instance_fleets([]).ec2_subnet_ids(["subnet-a", "subnet-b"]);
    /// ```
    #[must_use]
    pub fn ec2_subnet_ids<S: Into<Expr>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.ec2_subnet_ids = exprs(ids);
        self
    }

    /// The security group EMR manages for the master node. Default: EMR creates one.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).emr_managed_master_security_group("sg-0123456789abcdef0");
    /// ```
    #[must_use]
    pub fn emr_managed_master_security_group(mut self, id: impl Into<Expr>) -> Self {
        self.emr_managed_master_security_group = Some(id.into());
        self
    }

    /// The security group EMR manages for the core and task nodes. Default: EMR creates one.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).emr_managed_slave_security_group("sg-0123456789abcdef0");
    /// ```
    #[must_use]
    pub fn emr_managed_slave_security_group(mut self, id: impl Into<Expr>) -> Self {
        self.emr_managed_slave_security_group = Some(id.into());
        self
    }

    /// The security group through which EMR reaches a cluster in a private subnet. Default:
    /// EMR creates one.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).service_access_security_group("sg-0123456789abcdef0");
    /// ```
    #[must_use]
    pub fn service_access_security_group(mut self, id: impl Into<Expr>) -> Self {
        self.service_access_security_group = Some(id.into());
        self
    }

    /// The Availability Zone (`Placement.AvailabilityZone`, instance groups). Default: EMR's.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).availability_zone("us-east-1a");
    /// ```
    #[must_use]
    pub fn availability_zone(mut self, zone: impl Into<Expr>) -> Self {
        self.availability_zone = Some(zone.into());
        self
    }

    /// Availability Zones EMR chooses from (`Placement.AvailabilityZones`, instance fleets
    /// only). Default: EMR's.
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::instance_fleets([]).availability_zones(["us-east-1a", "us-east-1b"]);
    /// ```
    #[must_use]
    pub fn availability_zones<S: Into<Expr>>(mut self, zones: impl IntoIterator<Item = S>) -> Self {
        self.availability_zones = exprs(zones);
        self
    }

    /// Locks the instances against termination by API call, user or job-flow error. Default:
    /// EMR's (`false`).
    ///
    /// ```
    /// let i = stepfunctions_tasks::EmrInstancesConfig::uniform("m5.xlarge", "m5.xlarge", 3).termination_protected(true);
    /// ```
    #[must_use]
    pub fn termination_protected(mut self, protected: bool) -> Self {
        self.termination_protected = Some(protected);
        self
    }

    /// Whether the nodes are instance fleets.
    pub(crate) fn has_fleets(&self) -> bool {
        matches!(self.nodes, Nodes::Fleets(_))
    }

    /// Whether an instance group has an automatic scaling policy.
    pub(crate) fn has_auto_scaling_policy(&self) -> bool {
        matches!(&self.nodes, Nodes::Groups(groups) if groups.iter().any(|g| g.auto_scaling_policy.is_some()))
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![];
        opt(
            &mut p,
            "AdditionalMasterSecurityGroups",
            list(&self.additional_master_security_groups),
        );
        opt(
            &mut p,
            "AdditionalSlaveSecurityGroups",
            list(&self.additional_slave_security_groups),
        );
        opt(&mut p, "Ec2KeyName", expr(&self.ec2_key_name));
        opt(&mut p, "Ec2SubnetId", expr(&self.ec2_subnet_id));
        opt(&mut p, "Ec2SubnetIds", list(&self.ec2_subnet_ids));
        opt(
            &mut p,
            "EmrManagedMasterSecurityGroup",
            expr(&self.emr_managed_master_security_group),
        );
        opt(
            &mut p,
            "EmrManagedSlaveSecurityGroup",
            expr(&self.emr_managed_slave_security_group),
        );
        if let Nodes::Uniform { count, .. } = &self.nodes {
            p.push(("InstanceCount", (*count).into()));
        }
        if let Nodes::Fleets(fleets) = &self.nodes {
            let fleets = fleets.iter().map(EmrInstanceFleet::render).collect();
            p.push(("InstanceFleets", Payload::Array(fleets)));
        }
        if let Nodes::Groups(groups) = &self.nodes {
            let groups = groups.iter().map(EmrInstanceGroup::render).collect();
            p.push(("InstanceGroups", Payload::Array(groups)));
        }
        p.push(("KeepJobFlowAliveWhenNoSteps", true.into()));
        if let Nodes::Uniform { master, .. } = &self.nodes {
            p.push(("MasterInstanceType", Payload::String(master.clone())));
        }
        let mut placement = vec![];
        opt(&mut placement, "AvailabilityZone", expr(&self.availability_zone));
        opt(&mut placement, "AvailabilityZones", list(&self.availability_zones));
        if !placement.is_empty() {
            p.push(("Placement", Payload::from_object(placement)));
        }
        opt(
            &mut p,
            "ServiceAccessSecurityGroup",
            expr(&self.service_access_security_group),
        );
        if let Nodes::Uniform { slave, .. } = &self.nodes {
            p.push(("SlaveInstanceType", Payload::String(slave.clone())));
        }
        opt(
            &mut p,
            "TerminationProtected",
            self.termination_protected.map(Payload::from),
        );
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let fleets = self.has_fleets();
        if !fleets && !self.ec2_subnet_ids.is_empty() {
            return Err("several subnets (Ec2SubnetIds) are for instance fleets; give instance groups one subnet (ec2_subnet_id)".into());
        }
        if !fleets && !self.availability_zones.is_empty() {
            return Err(
                "several Availability Zones are for instance fleets; give instance groups one (availability_zone)"
                    .into(),
            );
        }
        if self.ec2_subnet_id.is_some() && !self.ec2_subnet_ids.is_empty() {
            return Err("set the subnet (ec2_subnet_id) or the subnets (ec2_subnet_ids), not both".into());
        }
        if self.availability_zone.is_some() && !self.availability_zones.is_empty() {
            return Err("set the Availability Zone or the Availability Zones, not both".into());
        }
        match &self.nodes {
            Nodes::Unset => Ok(()),
            Nodes::Uniform { count, .. } if *count == 0 => {
                Err("a uniform cluster has at least 1 instance (the master)".into())
            }
            Nodes::Uniform { .. } => Ok(()),
            Nodes::Groups(groups) => {
                let count = |role| groups.iter().filter(|g| g.role == role).count();
                if count(EmrInstanceRoleType::Master) != 1 {
                    return Err("instance groups need exactly one MASTER group".into());
                }
                if count(EmrInstanceRoleType::Core) > 1 {
                    return Err("instance groups have at most one CORE group".into());
                }
                let mut names = HashSet::new();
                for g in groups {
                    if let Some(name) = g.name.as_ref().and_then(Expr::as_literal) {
                        if !names.insert(name) {
                            return Err(format!(
                                "two instance groups are named `{name}` (EmrModifyInstanceGroupByName finds groups by name)"
                            ));
                        }
                    }
                }
                groups.iter().try_for_each(EmrInstanceGroup::validate)
            }
            Nodes::Fleets(fleets) => {
                let count = |role| fleets.iter().filter(|f| f.role == role).count();
                if count(EmrInstanceRoleType::Master) != 1 {
                    return Err("instance fleets need exactly one MASTER fleet".into());
                }
                for role in [EmrInstanceRoleType::Core, EmrInstanceRoleType::Task] {
                    if count(role) > 1 {
                        return Err(format!("instance fleets have at most one {} fleet", role.as_str()));
                    }
                }
                fleets.iter().try_for_each(EmrInstanceFleet::validate)
            }
        }
    }
}

impl Default for EmrInstancesConfig {
    fn default() -> Self {
        Self::new()
    }
}
