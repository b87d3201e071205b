//! EBS volumes of cluster instances (`EbsConfiguration`).

use super::*;

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

    pub(crate) fn render(&self) -> Payload {
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

    pub(crate) fn validate(&self) -> Result<(), String> {
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

    pub(crate) fn render(&self) -> Payload {
        let mut p = vec![];
        if !self.devices.is_empty() {
            let devices = self.devices.iter().map(EmrEbsBlockDevice::render).collect();
            p.push(("EbsBlockDeviceConfigs", Payload::Array(devices)));
        }
        opt(&mut p, "EbsOptimized", self.ebs_optimized.map(Payload::from));
        Payload::from_object(p)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        self.devices.iter().try_for_each(EmrEbsBlockDevice::validate)
    }
}
