//! The nested settings of `EmrCreateCluster`: instances (uniform, instance groups or instance
//! fleets), EBS volumes, automatic scaling, applications, bootstrap actions, Kerberos and
//! managed scaling. Each renders the `RunJobFlow` structure of the same name
//! (<https://docs.aws.amazon.com/emr/latest/APIReference/API_RunJobFlow.html>).

use std::collections::HashSet;
use std::time::Duration;

use cfn_model::Expr;
use indexmap::IndexMap;
use stepfunctions::Payload;

use super::{exprs, render_configurations, string_list, EmrConfiguration};
use crate::util::is_number_text;

api_enum! {
    /// The node type of an instance group or fleet.
    EmrInstanceRoleType {
        /// The primary (master) node.
        Master => "MASTER",
        /// Core nodes: run tasks and store HDFS data.
        Core => "CORE",
        /// Task nodes: run tasks only.
        Task => "TASK",
    }
}

api_enum! {
    /// How an instance group's EC2 instances are bought.
    EmrInstanceMarket {
        /// On-Demand Instances.
        OnDemand => "ON_DEMAND",
        /// Spot Instances.
        Spot => "SPOT",
    }
}

api_enum! {
    /// The type of an EBS volume (`VolumeSpecification.VolumeType`).
    EmrEbsVolumeType {
        /// General Purpose SSD, gp3 (IOPS and throughput may be set).
        Gp3 => "gp3",
        /// General Purpose SSD, gp2.
        Gp2 => "gp2",
        /// Provisioned IOPS SSD, io1 (IOPS must be set).
        Io1 => "io1",
        /// Throughput Optimized HDD.
        St1 => "st1",
        /// Cold HDD.
        Sc1 => "sc1",
        /// Magnetic.
        Standard => "standard",
    }
}

api_enum! {
    /// How a scaling rule's adjustment counts.
    EmrScalingAdjustmentType {
        /// Adds (or removes) that many instances.
        ChangeInCapacity => "CHANGE_IN_CAPACITY",
        /// Adds (or removes) that percentage of the group.
        PercentChangeInCapacity => "PERCENT_CHANGE_IN_CAPACITY",
        /// Sets the group to that many instances.
        ExactCapacity => "EXACT_CAPACITY",
    }
}

api_enum! {
    /// How a CloudWatch alarm compares the statistic to the threshold.
    EmrAlarmComparisonOperator {
        /// `>=`.
        GreaterThanOrEqual => "GREATER_THAN_OR_EQUAL",
        /// `>`.
        GreaterThan => "GREATER_THAN",
        /// `<`.
        LessThan => "LESS_THAN",
        /// `<=`.
        LessThanOrEqual => "LESS_THAN_OR_EQUAL",
    }
}

api_enum! {
    /// The statistic a CloudWatch alarm watches.
    EmrAlarmStatistic {
        /// `SAMPLE_COUNT`.
        SampleCount => "SAMPLE_COUNT",
        /// `AVERAGE`.
        Average => "AVERAGE",
        /// `SUM`.
        Sum => "SUM",
        /// `MINIMUM`.
        Minimum => "MINIMUM",
        /// `MAXIMUM`.
        Maximum => "MAXIMUM",
    }
}

api_enum! {
    /// The unit of a CloudWatch alarm's metric.
    EmrAlarmUnit {
        /// `NONE`.
        None => "NONE",
        /// `SECONDS`.
        Seconds => "SECONDS",
        /// `MICRO_SECONDS`.
        MicroSeconds => "MICRO_SECONDS",
        /// `MILLI_SECONDS`.
        MilliSeconds => "MILLI_SECONDS",
        /// `BYTES`.
        Bytes => "BYTES",
        /// `KILO_BYTES`.
        KiloBytes => "KILO_BYTES",
        /// `MEGA_BYTES`.
        MegaBytes => "MEGA_BYTES",
        /// `GIGA_BYTES`.
        GigaBytes => "GIGA_BYTES",
        /// `TERA_BYTES`.
        TeraBytes => "TERA_BYTES",
        /// `BITS`.
        Bits => "BITS",
        /// `KILO_BITS`.
        KiloBits => "KILO_BITS",
        /// `MEGA_BITS`.
        MegaBits => "MEGA_BITS",
        /// `GIGA_BITS`.
        GigaBits => "GIGA_BITS",
        /// `TERA_BITS`.
        TeraBits => "TERA_BITS",
        /// `PERCENT`.
        Percent => "PERCENT",
        /// `COUNT`.
        Count => "COUNT",
        /// `BYTES_PER_SECOND`.
        BytesPerSecond => "BYTES_PER_SECOND",
        /// `KILO_BYTES_PER_SECOND`.
        KiloBytesPerSecond => "KILO_BYTES_PER_SECOND",
        /// `MEGA_BYTES_PER_SECOND`.
        MegaBytesPerSecond => "MEGA_BYTES_PER_SECOND",
        /// `GIGA_BYTES_PER_SECOND`.
        GigaBytesPerSecond => "GIGA_BYTES_PER_SECOND",
        /// `TERA_BYTES_PER_SECOND`.
        TeraBytesPerSecond => "TERA_BYTES_PER_SECOND",
        /// `BITS_PER_SECOND`.
        BitsPerSecond => "BITS_PER_SECOND",
        /// `KILO_BITS_PER_SECOND`.
        KiloBitsPerSecond => "KILO_BITS_PER_SECOND",
        /// `MEGA_BITS_PER_SECOND`.
        MegaBitsPerSecond => "MEGA_BITS_PER_SECOND",
        /// `GIGA_BITS_PER_SECOND`.
        GigaBitsPerSecond => "GIGA_BITS_PER_SECOND",
        /// `TERA_BITS_PER_SECOND`.
        TeraBitsPerSecond => "TERA_BITS_PER_SECOND",
        /// `COUNT_PER_SECOND`.
        CountPerSecond => "COUNT_PER_SECOND",
    }
}

api_enum! {
    /// What a fleet does when its Spot capacity is not provisioned in time.
    EmrSpotTimeoutAction {
        /// Provision On-Demand Instances instead.
        SwitchToOnDemand => "SWITCH_TO_ON_DEMAND",
        /// Terminate the cluster.
        TerminateCluster => "TERMINATE_CLUSTER",
    }
}

api_enum! {
    /// How a fleet picks Spot Instance pools.
    EmrSpotAllocationStrategy {
        /// The pools with the most capacity available.
        CapacityOptimized => "capacity-optimized",
        /// Pools with the most capacity, then the lowest price (recommended).
        PriceCapacityOptimized => "price-capacity-optimized",
        /// The lowest-priced pools.
        LowestPrice => "lowest-price",
        /// Across all pools.
        Diversified => "diversified",
    }
}

api_enum! {
    /// The unit of a managed scaling policy's limits.
    EmrManagedScalingUnit {
        /// Instance fleet units.
        InstanceFleetUnits => "InstanceFleetUnits",
        /// Instances.
        Instances => "Instances",
        /// vCPUs.
        Vcpu => "VCPU",
    }
}

/// Pushes `(key, value)` when the value is there.
fn opt(p: &mut Vec<(&'static str, Payload)>, key: &'static str, value: Option<Payload>) {
    if let Some(v) = value {
        p.push((key, v));
    }
}

fn expr(e: &Option<Expr>) -> Option<Payload> {
    e.clone().map(Payload::String)
}

fn list(items: &[Expr]) -> Option<Payload> {
    (!items.is_empty()).then(|| string_list(items))
}

fn configurations(items: &[EmrConfiguration]) -> Option<Payload> {
    (!items.is_empty()).then(|| render_configurations(items))
}

/// An EBS volume attached to each instance (`EbsBlockDeviceConfig`).
///
/// ```
/// use stepfunctions_tasks::{EmrEbsBlockDevice, EmrEbsVolumeType};
/// let d = EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp3, 64).iops(4000).throughput(250).volumes_per_instance(2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrEbsBlockDevice {
    volume_type: EmrEbsVolumeType,
    size_gib: u32,
    iops: Option<u32>,
    throughput: Option<u32>,
    volumes_per_instance: Option<u32>,
}

impl EmrEbsBlockDevice {
    /// Volumes of a type and size in GiB.
    ///
    /// ```
    /// let d = stepfunctions_tasks::EmrEbsBlockDevice::new(stepfunctions_tasks::EmrEbsVolumeType::Gp2, 32);
    /// ```
    pub fn new(volume_type: EmrEbsVolumeType, size_gib: u32) -> Self {
        EmrEbsBlockDevice {
            volume_type,
            size_gib,
            iops: None,
            throughput: None,
            volumes_per_instance: None,
        }
    }

    /// The volume's IOPS (required for io1, optional for gp3). Default: the volume type's.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrEbsBlockDevice, EmrEbsVolumeType};
    /// let d = EmrEbsBlockDevice::new(EmrEbsVolumeType::Io1, 100).iops(5000);
    /// ```
    #[must_use]
    pub fn iops(mut self, iops: u32) -> Self {
        self.iops = Some(iops);
        self
    }

    /// The throughput in MiB/s (gp3 only). Default: the volume type's.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrEbsBlockDevice, EmrEbsVolumeType};
    /// let d = EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp3, 100).throughput(500);
    /// ```
    #[must_use]
    pub fn throughput(mut self, mib_per_second: u32) -> Self {
        self.throughput = Some(mib_per_second);
        self
    }

    /// How many such volumes each instance gets. Default: EMR's (1).
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrEbsBlockDevice, EmrEbsVolumeType};
    /// let d = EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp3, 100).volumes_per_instance(4);
    /// ```
    #[must_use]
    pub fn volumes_per_instance(mut self, count: u32) -> Self {
        self.volumes_per_instance = Some(count);
        self
    }

    fn render(&self) -> Payload {
        let mut spec = vec![];
        opt(&mut spec, "Iops", self.iops.map(Payload::from));
        spec.push(("SizeInGB", self.size_gib.into()));
        opt(&mut spec, "Throughput", self.throughput.map(Payload::from));
        spec.push(("VolumeType", self.volume_type.as_str().into()));
        let mut p = vec![("VolumeSpecification", Payload::from_object(spec))];
        opt(
            &mut p,
            "VolumesPerInstance",
            self.volumes_per_instance.map(Payload::from),
        );
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        if self.size_gib == 0 {
            return Err("an EBS volume's size must be at least 1 GiB".into());
        }
        if self.volume_type == EmrEbsVolumeType::Io1 && self.iops.is_none() {
            return Err("an io1 EBS volume needs its IOPS".into());
        }
        if self.iops.is_some() && !matches!(self.volume_type, EmrEbsVolumeType::Io1 | EmrEbsVolumeType::Gp3) {
            return Err(format!(
                "IOPS are set for io1 and gp3 volumes only, not {}",
                self.volume_type.as_str()
            ));
        }
        if self.throughput.is_some() && self.volume_type != EmrEbsVolumeType::Gp3 {
            return Err(format!(
                "throughput is set for gp3 volumes only, not {}",
                self.volume_type.as_str()
            ));
        }
        if self.volumes_per_instance == Some(0) {
            return Err("volumes per instance must be at least 1".into());
        }
        Ok(())
    }
}

/// The EBS volumes of each instance of a group or instance type (`EbsConfiguration`).
///
/// ```
/// use stepfunctions_tasks::{EmrEbsBlockDevice, EmrEbsConfiguration, EmrEbsVolumeType};
/// let ebs = EmrEbsConfiguration::new()
///     .block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp3, 128))
///     .ebs_optimized(true);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmrEbsConfiguration {
    devices: Vec<EmrEbsBlockDevice>,
    ebs_optimized: Option<bool>,
}

impl EmrEbsConfiguration {
    /// No volume yet.
    ///
    /// ```
    /// let ebs = stepfunctions_tasks::EmrEbsConfiguration::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds volumes. Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrEbsBlockDevice, EmrEbsConfiguration, EmrEbsVolumeType};
    /// let ebs = EmrEbsConfiguration::new().block_device(EmrEbsBlockDevice::new(EmrEbsVolumeType::Gp2, 32));
    /// ```
    #[must_use]
    pub fn block_device(mut self, device: EmrEbsBlockDevice) -> Self {
        self.devices.push(device);
        self
    }

    /// Whether the instances are EBS-optimized. Default: EMR's choice for the instance type.
    ///
    /// ```
    /// let ebs = stepfunctions_tasks::EmrEbsConfiguration::new().ebs_optimized(true);
    /// ```
    #[must_use]
    pub fn ebs_optimized(mut self, optimized: bool) -> Self {
        self.ebs_optimized = Some(optimized);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![];
        if !self.devices.is_empty() {
            let devices = self.devices.iter().map(EmrEbsBlockDevice::render).collect();
            p.push(("EbsBlockDeviceConfigs", Payload::Array(devices)));
        }
        opt(&mut p, "EbsOptimized", self.ebs_optimized.map(Payload::from));
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        self.devices.iter().try_for_each(EmrEbsBlockDevice::validate)
    }
}

/// The CloudWatch alarm that triggers a scaling rule (`ScalingTrigger.CloudWatchAlarmDefinition`).
///
/// ```
/// use std::time::Duration;
/// use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrAlarmUnit, EmrCloudWatchAlarm};
/// let alarm = EmrCloudWatchAlarm::new("YARNMemoryAvailablePercentage", EmrAlarmComparisonOperator::LessThan, 15.0, Duration::from_secs(300))
///     .evaluation_periods(1)
///     .unit(EmrAlarmUnit::Percent)
///     .dimension("JobFlowId", "${emr.clusterId}");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrCloudWatchAlarm {
    metric_name: Expr,
    comparison_operator: EmrAlarmComparisonOperator,
    threshold: f64,
    period: Duration,
    dimensions: IndexMap<String, Expr>,
    evaluation_periods: Option<u32>,
    namespace: Option<Expr>,
    statistic: Option<EmrAlarmStatistic>,
    unit: Option<EmrAlarmUnit>,
}

impl EmrCloudWatchAlarm {
    /// An alarm on a metric, compared to a threshold over periods of this length (10 s, 30 s or
    /// a multiple of 60 s; EMR's metrics come every 300 s).
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm};
    /// let a = EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, std::time::Duration::from_secs(300));
    /// ```
    pub fn new(
        metric_name: impl Into<Expr>,
        comparison_operator: EmrAlarmComparisonOperator,
        threshold: f64,
        period: Duration,
    ) -> Self {
        EmrCloudWatchAlarm {
            metric_name: metric_name.into(),
            comparison_operator,
            threshold,
            period,
            dimensions: IndexMap::new(),
            evaluation_periods: None,
            namespace: None,
            statistic: None,
            unit: None,
        }
    }

    /// Adds a dimension of the metric. Default: EMR's, `JobFlowId` = `${emr.clusterId}`.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm};
    /// # let a = EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, std::time::Duration::from_secs(300));
    /// let a = a.dimension("JobFlowId", "${emr.clusterId}");
    /// ```
    #[must_use]
    pub fn dimension(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.dimensions.insert(key.into(), value.into());
        self
    }

    /// How many periods the condition must hold before the rule triggers. Default: 1.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm};
    /// # let a = EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, std::time::Duration::from_secs(300));
    /// let a = a.evaluation_periods(2);
    /// ```
    #[must_use]
    pub fn evaluation_periods(mut self, periods: u32) -> Self {
        self.evaluation_periods = Some(periods);
        self
    }

    /// The metric's namespace. Default: `AWS/ElasticMapReduce`.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm};
    /// # let a = EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, std::time::Duration::from_secs(300));
    /// let a = a.namespace("AWS/ElasticMapReduce");
    /// ```
    #[must_use]
    pub fn namespace(mut self, namespace: impl Into<Expr>) -> Self {
        self.namespace = Some(namespace.into());
        self
    }

    /// The statistic. Default: `AVERAGE`.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm};
    /// # let a = EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, std::time::Duration::from_secs(300));
    /// let a = a.statistic(stepfunctions_tasks::EmrAlarmStatistic::Maximum);
    /// ```
    #[must_use]
    pub fn statistic(mut self, statistic: EmrAlarmStatistic) -> Self {
        self.statistic = Some(statistic);
        self
    }

    /// The metric's unit. Default: `NONE`.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm};
    /// # let a = EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, std::time::Duration::from_secs(300));
    /// let a = a.unit(stepfunctions_tasks::EmrAlarmUnit::Count);
    /// ```
    #[must_use]
    pub fn unit(mut self, unit: EmrAlarmUnit) -> Self {
        self.unit = Some(unit);
        self
    }

    fn render(&self) -> Payload {
        let mut p = vec![("ComparisonOperator", self.comparison_operator.as_str().into())];
        if !self.dimensions.is_empty() {
            let dims = self.dimensions.iter().map(|(k, v)| {
                Payload::from_object([("Key", k.as_str().into()), ("Value", Payload::String(v.clone()))])
            });
            p.push(("Dimensions", Payload::Array(dims.collect())));
        }
        opt(&mut p, "EvaluationPeriods", self.evaluation_periods.map(Payload::from));
        p.push(("MetricName", Payload::String(self.metric_name.clone())));
        opt(&mut p, "Namespace", expr(&self.namespace));
        p.push(("Period", self.period.as_secs().into()));
        opt(&mut p, "Statistic", self.statistic.map(|s| s.as_str().into()));
        p.push(("Threshold", self.threshold.into()));
        opt(&mut p, "Unit", self.unit.map(|u| u.as_str().into()));
        Payload::from_object([("CloudWatchAlarmDefinition", Payload::from_object(p))])
    }

    fn validate(&self) -> Result<(), String> {
        let secs = self.period.as_secs();
        if self.period.subsec_nanos() != 0 || !(secs == 10 || secs == 30 || (secs > 0 && secs % 60 == 0)) {
            return Err(format!(
                "an alarm's period is 10 s, 30 s or a multiple of 60 s; got {:?}",
                self.period
            ));
        }
        if !self.threshold.is_finite() {
            return Err("an alarm's threshold must be a finite number".into());
        }
        if self.evaluation_periods == Some(0) {
            return Err("an alarm's evaluation periods must be at least 1".into());
        }
        Ok(())
    }
}

/// A scale-out or scale-in rule of an automatic scaling policy (`ScalingRule`): when its alarm
/// fires, the group changes by the adjustment.
///
/// ```
/// use std::time::Duration;
/// use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm, EmrScalingAdjustmentType, EmrScalingRule};
/// let out = EmrScalingRule::new(
///     "ScaleOutMemory",
///     1,
///     EmrCloudWatchAlarm::new("YARNMemoryAvailablePercentage", EmrAlarmComparisonOperator::LessThan, 15.0, Duration::from_secs(300)),
/// )
/// .adjustment_type(EmrScalingAdjustmentType::ChangeInCapacity)
/// .cool_down(Duration::from_secs(300));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrScalingRule {
    name: Expr,
    description: Option<Expr>,
    scaling_adjustment: i32,
    adjustment_type: Option<EmrScalingAdjustmentType>,
    cool_down: Option<Duration>,
    market: Option<EmrInstanceMarket>,
    trigger: EmrCloudWatchAlarm,
}

impl EmrScalingRule {
    /// A rule named `name` (unique in its policy) that adds `scaling_adjustment` instances
    /// (removes them when negative) when `trigger` fires.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm, EmrScalingRule};
    /// let r = EmrScalingRule::new("ScaleIn", -1, EmrCloudWatchAlarm::new("YARNMemoryAvailablePercentage", EmrAlarmComparisonOperator::GreaterThan, 75.0, std::time::Duration::from_secs(300)));
    /// ```
    pub fn new(name: impl Into<Expr>, scaling_adjustment: i32, trigger: EmrCloudWatchAlarm) -> Self {
        EmrScalingRule {
            name: name.into(),
            description: None,
            scaling_adjustment,
            adjustment_type: None,
            cool_down: None,
            market: None,
            trigger,
        }
    }

    /// A description. Default: none.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm, EmrScalingRule};
    /// # let r = EmrScalingRule::new("ScaleIn", -1, EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::LessThan, 1.0, std::time::Duration::from_secs(300)));
    /// let r = r.description("Remove a node when nothing is pending");
    /// ```
    #[must_use]
    pub fn description(mut self, description: impl Into<Expr>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// How the adjustment counts. Default: EMR's (`CHANGE_IN_CAPACITY`).
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm, EmrScalingRule};
    /// # let r = EmrScalingRule::new("ScaleIn", -10, EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::LessThan, 1.0, std::time::Duration::from_secs(300)));
    /// let r = r.adjustment_type(stepfunctions_tasks::EmrScalingAdjustmentType::PercentChangeInCapacity);
    /// ```
    #[must_use]
    pub fn adjustment_type(mut self, adjustment_type: EmrScalingAdjustmentType) -> Self {
        self.adjustment_type = Some(adjustment_type);
        self
    }

    /// How long after a scaling activity before the rule may trigger again, whole seconds.
    /// Default: 0.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm, EmrScalingRule};
    /// # let r = EmrScalingRule::new("ScaleIn", -1, EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::LessThan, 1.0, std::time::Duration::from_secs(300)));
    /// let r = r.cool_down(std::time::Duration::from_secs(300));
    /// ```
    #[must_use]
    pub fn cool_down(mut self, cool_down: Duration) -> Self {
        self.cool_down = Some(cool_down);
        self
    }

    /// The market of the instances added (instance groups use their own market). Default:
    /// EMR's.
    ///
    /// ```
    /// # use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrCloudWatchAlarm, EmrScalingRule};
    /// # let r = EmrScalingRule::new("ScaleOut", 1, EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, std::time::Duration::from_secs(300)));
    /// let r = r.market(stepfunctions_tasks::EmrInstanceMarket::OnDemand);
    /// ```
    #[must_use]
    pub fn market(mut self, market: EmrInstanceMarket) -> Self {
        self.market = Some(market);
        self
    }

    fn render(&self) -> Payload {
        let mut config = vec![];
        opt(
            &mut config,
            "AdjustmentType",
            self.adjustment_type.map(|t| t.as_str().into()),
        );
        opt(&mut config, "CoolDown", self.cool_down.map(|d| d.as_secs().into()));
        config.push(("ScalingAdjustment", i64::from(self.scaling_adjustment).into()));
        let mut action = vec![];
        opt(&mut action, "Market", self.market.map(|m| m.as_str().into()));
        action.push(("SimpleScalingPolicyConfiguration", Payload::from_object(config)));
        let mut p = vec![("Action", Payload::from_object(action))];
        opt(&mut p, "Description", expr(&self.description));
        p.push(("Name", Payload::String(self.name.clone())));
        p.push(("Trigger", self.trigger.render()));
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
        if self.name.as_literal() == Some("") {
            return Err("a scaling rule needs a name".into());
        }
        if self.scaling_adjustment == 0 {
            return Err("a scaling rule's adjustment may not be 0".into());
        }
        if self.adjustment_type == Some(EmrScalingAdjustmentType::ExactCapacity) && self.scaling_adjustment < 0 {
            return Err("with EXACT_CAPACITY the adjustment is a positive number of instances".into());
        }
        if self.cool_down.is_some_and(|d| d.subsec_nanos() != 0) {
            return Err("a scaling rule's cool-down is whole seconds".into());
        }
        self.trigger.validate()
    }
}

/// An automatic scaling policy of a core or task instance group (`AutoScalingPolicy`). The
/// cluster then needs an auto-scaling role ([`EmrClusterRoles`](crate::EmrClusterRoles)).
///
/// ```
/// use std::time::Duration;
/// use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrAutoScalingPolicy, EmrCloudWatchAlarm, EmrScalingRule};
/// let policy = EmrAutoScalingPolicy::new(1, 5).rule(EmrScalingRule::new(
///     "ScaleOut",
///     1,
///     EmrCloudWatchAlarm::new("YARNMemoryAvailablePercentage", EmrAlarmComparisonOperator::LessThan, 15.0, Duration::from_secs(300)),
/// ));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrAutoScalingPolicy {
    min_capacity: u32,
    max_capacity: u32,
    rules: Vec<EmrScalingRule>,
}

impl EmrAutoScalingPolicy {
    /// A policy that keeps the group between `min_capacity` and `max_capacity` instances.
    ///
    /// ```
    /// let p = stepfunctions_tasks::EmrAutoScalingPolicy::new(2, 10);
    /// ```
    pub fn new(min_capacity: u32, max_capacity: u32) -> Self {
        EmrAutoScalingPolicy {
            min_capacity,
            max_capacity,
            rules: Vec::new(),
        }
    }

    /// Adds a rule (a policy needs at least one). Default: none.
    ///
    /// ```
    /// use stepfunctions_tasks::{EmrAlarmComparisonOperator, EmrAutoScalingPolicy, EmrCloudWatchAlarm, EmrScalingRule};
    /// let p = EmrAutoScalingPolicy::new(1, 3).rule(EmrScalingRule::new("Out", 1, EmrCloudWatchAlarm::new("AppsPending", EmrAlarmComparisonOperator::GreaterThan, 0.0, std::time::Duration::from_secs(300))));
    /// ```
    #[must_use]
    pub fn rule(mut self, rule: EmrScalingRule) -> Self {
        self.rules.push(rule);
        self
    }

    fn render(&self) -> Payload {
        Payload::from_object([
            (
                "Constraints",
                Payload::from_object([
                    ("MaxCapacity", self.max_capacity.into()),
                    ("MinCapacity", self.min_capacity.into()),
                ]),
            ),
            (
                "Rules",
                Payload::Array(self.rules.iter().map(EmrScalingRule::render).collect()),
            ),
        ])
    }

    fn validate(&self) -> Result<(), String> {
        if self.min_capacity > self.max_capacity {
            return Err(format!(
                "an automatic scaling policy's minimum ({}) is above its maximum ({})",
                self.min_capacity, self.max_capacity
            ));
        }
        if self.rules.is_empty() {
            return Err("an automatic scaling policy needs at least one rule".into());
        }
        let mut names = HashSet::new();
        for rule in &self.rules {
            rule.validate()?;
            if let Some(name) = rule.name.as_literal() {
                if !names.insert(name) {
                    return Err(format!("two scaling rules of a policy are named `{name}`"));
                }
            }
        }
        Ok(())
    }
}

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

    fn render(&self) -> Payload {
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

    fn validate(&self) -> Result<(), String> {
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

fn check_price(price: &str) -> Result<(), String> {
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
        }
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

    fn render(&self) -> Payload {
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
        opt(&mut p, "WeightedCapacity", self.weighted_capacity.map(Payload::from));
        Payload::from_object(p)
    }

    fn validate(&self) -> Result<(), String> {
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

    fn render(&self) -> Payload {
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

    fn validate(&self) -> Result<(), String> {
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

    fn render(&self) -> Payload {
        let mut p = vec![("InstanceFleetType", self.role.as_str().into())];
        if !self.instance_type_configs.is_empty() {
            let configs = self.instance_type_configs.iter().map(EmrInstanceTypeConfig::render);
            p.push(("InstanceTypeConfigs", Payload::Array(configs.collect())));
        }
        if let Some(spot) = &self.spot {
            p.push((
                "LaunchSpecifications",
                Payload::from_object([("SpotSpecification", spot.render())]),
            ));
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

    fn validate(&self) -> Result<(), String> {
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

/// An application installed on the cluster (`Application`), by name: `Spark`, `Hive`,
/// `Hadoop`, `Presto`, ...
///
/// ```
/// let spark = stepfunctions_tasks::EmrApplication::new("Spark");
/// let hive = stepfunctions_tasks::EmrApplication::new("Hive").args(["--some-arg"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrApplication {
    name: Expr,
    version: Option<Expr>,
    args: Vec<Expr>,
    additional_info: IndexMap<String, Expr>,
}

impl EmrApplication {
    /// The application with this name.
    ///
    /// ```
    /// let a = stepfunctions_tasks::EmrApplication::new("JupyterEnterpriseGateway");
    /// ```
    pub fn new(name: impl Into<Expr>) -> Self {
        EmrApplication {
            name: name.into(),
            version: None,
            args: Vec::new(),
            additional_info: IndexMap::new(),
        }
    }

    /// The application's version. Default: the release label's.
    ///
    /// ```
    /// let a = stepfunctions_tasks::EmrApplication::new("Spark").version("3.5.0");
    /// ```
    #[must_use]
    pub fn version(mut self, version: impl Into<Expr>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Arguments EMR passes to the application. Default: none.
    ///
    /// ```
    /// let a = stepfunctions_tasks::EmrApplication::new("Spark").args(["--a", "b"]);
    /// ```
    #[must_use]
    pub fn args<S: Into<Expr>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args = exprs(args);
        self
    }

    /// Third-party metadata (`AdditionalInfo`), for advanced users. Default: none.
    ///
    /// ```
    /// let a = stepfunctions_tasks::EmrApplication::new("Spark").additional_info("key", "value");
    /// ```
    #[must_use]
    pub fn additional_info(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.additional_info.insert(key.into(), value.into());
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![("Name", Payload::String(self.name.clone()))];
        opt(&mut p, "Args", list(&self.args));
        opt(&mut p, "Version", expr(&self.version));
        if !self.additional_info.is_empty() {
            let info = self
                .additional_info
                .iter()
                .map(|(k, v)| (k.clone(), Payload::String(v.clone())));
            p.push(("AdditionalInfo", Payload::from_object(info)));
        }
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.name.as_literal() == Some("") {
            return Err("an application needs a name".into());
        }
        Ok(())
    }
}

/// A script each node runs before Hadoop starts (`BootstrapActionConfig`).
///
/// ```
/// let b = stepfunctions_tasks::EmrBootstrapAction::new("Install libraries", "s3://my-bucket/bootstrap/install.sh").args(["--quiet"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrBootstrapAction {
    name: Expr,
    path: Expr,
    args: Vec<Expr>,
}

impl EmrBootstrapAction {
    /// A named action running the script at `path` (in S3 or on the nodes' file system).
    ///
    /// ```
    /// let b = stepfunctions_tasks::EmrBootstrapAction::new("Setup", "s3://my-bucket/setup.sh");
    /// ```
    pub fn new(name: impl Into<Expr>, path: impl Into<Expr>) -> Self {
        EmrBootstrapAction {
            name: name.into(),
            path: path.into(),
            args: Vec::new(),
        }
    }

    /// The script's arguments. Default: none.
    ///
    /// ```
    /// let b = stepfunctions_tasks::EmrBootstrapAction::new("Setup", "s3://my-bucket/setup.sh").args(["--env", "prod"]);
    /// ```
    #[must_use]
    pub fn args<S: Into<Expr>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args = exprs(args);
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut script = vec![("Path", Payload::String(self.path.clone()))];
        opt(&mut script, "Args", list(&self.args));
        Payload::from_object([
            ("Name", Payload::String(self.name.clone())),
            ("ScriptBootstrapAction", Payload::from_object(script)),
        ])
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.name.as_literal() == Some("") || self.path.as_literal() == Some("") {
            return Err("a bootstrap action needs a name and a script path".into());
        }
        Ok(())
    }
}

/// Kerberos settings, for a cluster whose security configuration enables Kerberos
/// (`KerberosAttributes`).
///
/// The passwords end up in the state machine's definition when given as literals or
/// CloudFormation values: read them from the input instead (for example the output of a
/// `secretsmanager:getSecretValue` task before this one), with a path.
///
/// ```
/// use stepfunctions::JsonPath;
/// let k = stepfunctions_tasks::EmrKerberosAttributes::new("EC2.INTERNAL")
///     .kdc_admin_password(JsonPath::string_at("$.secrets.kdcAdminPassword"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrKerberosAttributes {
    realm: Expr,
    ad_domain_join_password: Option<Payload>,
    ad_domain_join_user: Option<Payload>,
    cross_realm_trust_principal_password: Option<Payload>,
    kdc_admin_password: Option<Payload>,
}

impl EmrKerberosAttributes {
    /// The Kerberos realm of the cluster's nodes, e.g. `EC2.INTERNAL`.
    ///
    /// ```
    /// let k = stepfunctions_tasks::EmrKerberosAttributes::new("EC2.INTERNAL");
    /// ```
    pub fn new(realm: impl Into<Expr>) -> Self {
        EmrKerberosAttributes {
            realm: realm.into(),
            ad_domain_join_password: None,
            ad_domain_join_user: None,
            cross_realm_trust_principal_password: None,
            kdc_admin_password: None,
        }
    }

    /// The Active Directory password of the domain join user. Default: none.
    ///
    /// ```
    /// let k = stepfunctions_tasks::EmrKerberosAttributes::new("EC2.INTERNAL")
    ///     .ad_domain_join_password(stepfunctions::JsonPath::string_at("$.secrets.adPassword"));
    /// ```
    #[must_use]
    pub fn ad_domain_join_password(mut self, password: impl Into<Payload>) -> Self {
        self.ad_domain_join_password = Some(password.into());
        self
    }

    /// A user allowed to join resources to the Active Directory domain (for a cross-realm
    /// trust with it). Default: none.
    ///
    /// ```
    /// let k = stepfunctions_tasks::EmrKerberosAttributes::new("EC2.INTERNAL").ad_domain_join_user("emr-join");
    /// ```
    #[must_use]
    pub fn ad_domain_join_user(mut self, user: impl Into<Payload>) -> Self {
        self.ad_domain_join_user = Some(user.into());
        self
    }

    /// The cross-realm principal password (for a cross-realm trust). Default: none.
    ///
    /// ```
    /// let k = stepfunctions_tasks::EmrKerberosAttributes::new("EC2.INTERNAL")
    ///     .cross_realm_trust_principal_password(stepfunctions::JsonPath::string_at("$.secrets.trust"));
    /// ```
    #[must_use]
    pub fn cross_realm_trust_principal_password(mut self, password: impl Into<Payload>) -> Self {
        self.cross_realm_trust_principal_password = Some(password.into());
        self
    }

    /// The password of `kadmin` on the cluster's KDC. Default: none.
    ///
    /// ```
    /// let k = stepfunctions_tasks::EmrKerberosAttributes::new("EC2.INTERNAL")
    ///     .kdc_admin_password(stepfunctions::JsonPath::string_at("$.secrets.kdc"));
    /// ```
    #[must_use]
    pub fn kdc_admin_password(mut self, password: impl Into<Payload>) -> Self {
        self.kdc_admin_password = Some(password.into());
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![];
        opt(&mut p, "ADDomainJoinPassword", self.ad_domain_join_password.clone());
        opt(&mut p, "ADDomainJoinUser", self.ad_domain_join_user.clone());
        opt(
            &mut p,
            "CrossRealmTrustPrincipalPassword",
            self.cross_realm_trust_principal_password.clone(),
        );
        opt(&mut p, "KdcAdminPassword", self.kdc_admin_password.clone());
        p.push(("Realm", Payload::String(self.realm.clone())));
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.realm.as_literal() == Some("") {
            return Err("Kerberos attributes need a realm".into());
        }
        Ok(())
    }
}

/// Managed scaling: EMR resizes the cluster between limits (`ManagedScalingPolicy`).
///
/// ```
/// use stepfunctions_tasks::{EmrManagedScalingPolicy, EmrManagedScalingUnit};
/// let m = EmrManagedScalingPolicy::new(EmrManagedScalingUnit::Instances, 2, 10).maximum_on_demand_capacity_units(4);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmrManagedScalingPolicy {
    unit: EmrManagedScalingUnit,
    minimum: u32,
    maximum: u32,
    maximum_on_demand: Option<u32>,
    maximum_core: Option<u32>,
}

impl EmrManagedScalingPolicy {
    /// Scales between `minimum` and `maximum` units.
    ///
    /// ```
    /// let m = stepfunctions_tasks::EmrManagedScalingPolicy::new(stepfunctions_tasks::EmrManagedScalingUnit::Vcpu, 16, 128);
    /// ```
    pub fn new(unit: EmrManagedScalingUnit, minimum: u32, maximum: u32) -> Self {
        EmrManagedScalingPolicy {
            unit,
            minimum,
            maximum,
            maximum_on_demand: None,
            maximum_core: None,
        }
    }

    /// At most this many On-Demand units. Default: no separate limit.
    ///
    /// ```
    /// let m = stepfunctions_tasks::EmrManagedScalingPolicy::new(stepfunctions_tasks::EmrManagedScalingUnit::Instances, 2, 10).maximum_on_demand_capacity_units(5);
    /// ```
    #[must_use]
    pub fn maximum_on_demand_capacity_units(mut self, units: u32) -> Self {
        self.maximum_on_demand = Some(units);
        self
    }

    /// At most this many core units. Default: no separate limit.
    ///
    /// ```
    /// let m = stepfunctions_tasks::EmrManagedScalingPolicy::new(stepfunctions_tasks::EmrManagedScalingUnit::Instances, 2, 10).maximum_core_capacity_units(3);
    /// ```
    #[must_use]
    pub fn maximum_core_capacity_units(mut self, units: u32) -> Self {
        self.maximum_core = Some(units);
        self
    }

    pub(crate) fn render(&self) -> Payload {
        let mut limits = vec![
            ("UnitType", self.unit.as_str().into()),
            ("MinimumCapacityUnits", self.minimum.into()),
            ("MaximumCapacityUnits", self.maximum.into()),
        ];
        opt(
            &mut limits,
            "MaximumOnDemandCapacityUnits",
            self.maximum_on_demand.map(Payload::from),
        );
        opt(
            &mut limits,
            "MaximumCoreCapacityUnits",
            self.maximum_core.map(Payload::from),
        );
        Payload::from_object([("ComputeLimits", Payload::from_object(limits))])
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.minimum == 0 || self.minimum > self.maximum {
            return Err(format!(
                "managed scaling needs 1 <= minimum <= maximum; got {} and {}",
                self.minimum, self.maximum
            ));
        }
        for (what, limit) in [("On-Demand", self.maximum_on_demand), ("core", self.maximum_core)] {
            if limit.is_some_and(|l| l > self.maximum) {
                return Err(format!("the managed scaling {what} maximum is above the maximum"));
            }
        }
        Ok(())
    }
}
