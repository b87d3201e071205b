//! Automatic scaling of instance groups (`AutoScalingPolicy`) and managed scaling of the cluster
//! (`ManagedScalingPolicy`).

use super::*;

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

    pub(crate) fn render(&self) -> Payload {
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

    pub(crate) fn validate(&self) -> Result<(), String> {
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

    pub(crate) fn render(&self) -> Payload {
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

    pub(crate) fn validate(&self) -> Result<(), String> {
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

    pub(crate) fn render(&self) -> Payload {
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

    pub(crate) fn validate(&self) -> Result<(), String> {
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
