//! The nested settings of `EmrCreateCluster`: instances (uniform, instance groups or instance
//! fleets), EBS volumes, automatic scaling, applications, bootstrap actions, Kerberos and
//! managed scaling. Each renders the `RunJobFlow` structure of the same name
//! (<https://docs.aws.amazon.com/emr/latest/APIReference/API_RunJobFlow.html>).
//!
//! This file holds the settings' enums and the helpers they share; the structures are in
//! `ebs.rs`, `scaling.rs` (automatic and managed scaling), `instances.rs` (groups, fleets and
//! the `Instances` structure) and `software.rs` (applications, bootstrap actions, Kerberos).

mod ebs;
mod instances;
mod scaling;
mod software;

pub use ebs::{EmrEbsBlockDevice, EmrEbsConfiguration};
pub use instances::{
    EmrBidPrice, EmrInstanceFleet, EmrInstanceGroup, EmrInstanceTypeConfig, EmrInstancesConfig,
    EmrOnDemandProvisioning, EmrSpotProvisioning,
};
pub use scaling::{EmrAutoScalingPolicy, EmrCloudWatchAlarm, EmrManagedScalingPolicy, EmrScalingRule};
pub use software::{EmrApplication, EmrBootstrapAction, EmrKerberosAttributes};

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
    /// How a fleet picks instance types for On-Demand capacity.
    EmrOnDemandAllocationStrategy {
        /// The lowest-priced types first.
        LowestPrice => "lowest-price",
        /// In the order of the instance types' priorities.
        Prioritized => "prioritized",
    }
}

api_enum! {
    /// Whether On-Demand instances run in matching open capacity reservations.
    EmrCapacityReservationPreference {
        /// In any open capacity reservation with matching attributes.
        Open => "open",
        /// In no capacity reservation.
        None => "none",
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
pub(crate) fn opt(p: &mut Vec<(&'static str, Payload)>, key: &'static str, value: Option<Payload>) {
    if let Some(v) = value {
        p.push((key, v));
    }
}

pub(crate) fn expr(e: &Option<Expr>) -> Option<Payload> {
    e.clone().map(Payload::String)
}

pub(crate) fn list(items: &[Expr]) -> Option<Payload> {
    (!items.is_empty()).then(|| string_list(items))
}

pub(crate) fn configurations(items: &[EmrConfiguration]) -> Option<Payload> {
    (!items.is_empty()).then(|| render_configurations(items))
}
