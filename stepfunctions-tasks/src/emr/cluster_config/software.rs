//! What runs on the cluster: applications, bootstrap actions, Kerberos.

use super::*;

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
