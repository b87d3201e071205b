//! Encryption at rest of state machines and activities: the AWS-owned key (the default), or a
//! customer managed KMS key, imported or created in the template, with the grants the service
//! needs.
//!
//! What a customer managed key needs (AWS developer guide, "Data at rest encryption in Step
//! Functions"):
//! - the state machine's role: `kms:Decrypt` and `kms:GenerateDataKey` on the key, limited by
//!   the encryption context `kms:EncryptionContext:aws:states:stateMachineArn` to the machine;
//!   with logging on, `kms:GenerateDataKey` limited to log deliveries of the account
//!   (`kms:EncryptionContext:SourceArn` = `arn:<partition>:logs:<region>:<account>:*`);
//! - the key policy, where the key is created in the template: the account's root (so IAM
//!   policies apply), and with logging on `kms:Decrypt*` for `delivery.logs.amazonaws.com`;
//!   for an activity, `kms:Decrypt` and `kms:GenerateDataKey` for `states.amazonaws.com`
//!   limited by `kms:EncryptionContext:aws:states:activityArn`;
//! - a state machine that runs an encrypted activity: the same two actions on the activity's
//!   key, limited to that activity (see
//!   [`StepFunctionsInvokeActivity::of`](crate::StepFunctionsInvokeActivity::of)).
//!
//! These are the statements the AWS CDK 2.276 writes.

use std::time::Duration;

use cfn_model::iam::{PolicyDocument, PolicyStatement};
use cfn_model::{Expr, LogicalId, Resource, Template, Value};

use crate::error::Error;

/// A KMS key: one that exists (by key ARN or key id), or one the template creates.
///
/// ```
/// use stepfunctions::KmsKey;
/// let imported = KmsKey::arn("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
/// let created = KmsKey::create("StateMachineKey");
/// assert_eq!(created.key_arn(), cfn_model::Expr::get_att("StateMachineKey", "Arn"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum KmsKey {
    /// A key that exists: its key ARN, its key id (made an ARN in the stack's region and
    /// account), or an expression giving its ARN.
    Existing(Expr),
    /// An `AWS::KMS::Key` the state machine or activity adds to the template, with key rotation
    /// on and the key policy the service needs.
    Created {
        /// The key's construct id (its logical id is derived from it).
        id: String,
        /// The key's description.
        description: Option<String>,
        /// Whether CloudWatch Logs may encrypt the account's log groups in this region with it
        /// (so the state machine's log group can use the same key).
        log_groups: bool,
    },
}

impl KmsKey {
    /// A key that exists, by key ARN or key id. IAM grants on key ARNs, so an alias is
    /// rejected when the state machine renders.
    ///
    /// ```
    /// let key = stepfunctions::KmsKey::arn(cfn_model::Expr::get_att("Key", "Arn"));
    /// ```
    pub fn arn(arn: impl Into<Expr>) -> Self {
        KmsKey::Existing(arn.into())
    }

    /// A key created in the template (`AWS::KMS::Key`, key rotation on), whose key policy gives
    /// the account's root every KMS action (so IAM policies apply) and the service principals
    /// what the encrypted resource needs.
    ///
    /// ```
    /// let key = stepfunctions::KmsKey::create("Key").description("state machine data");
    /// ```
    pub fn create(construct_id: impl Into<String>) -> Self {
        KmsKey::Created {
            id: construct_id.into(),
            description: None,
            log_groups: false,
        }
    }

    /// The description of a key created in the template; ignored for an existing key.
    ///
    /// ```
    /// let key = stepfunctions::KmsKey::create("Key").description("state machine data");
    /// ```
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        if let KmsKey::Created { description, .. } = &mut self {
            *description = Some(text.into());
        }
        self
    }

    /// Lets CloudWatch Logs encrypt the log groups of the stack's account and region with a key
    /// created in the template (the key policy statement of the CloudWatch Logs user guide,
    /// "Encrypt log data in CloudWatch Logs using AWS KMS"), so the state machine's log group
    /// can set this key as its `KmsKeyId`. Ignored for an existing key, whose policy is its
    /// owner's.
    ///
    /// ```
    /// let key = stepfunctions::KmsKey::create("Key").encrypts_log_groups();
    /// ```
    #[must_use]
    pub fn encrypts_log_groups(mut self) -> Self {
        if let KmsKey::Created { log_groups, .. } = &mut self {
            *log_groups = true;
        }
        self
    }

    /// The key's ARN: the expression given, a key id made an ARN, or `Fn::GetAtt <key>.Arn`.
    ///
    /// ```
    /// use cfn_model::Expr;
    /// use stepfunctions::KmsKey;
    /// assert_eq!(
    ///     KmsKey::arn("1234abcd-12ab-34cd-56ef-1234567890ab").key_arn(),
    ///     Expr::sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab")
    /// );
    /// ```
    pub fn key_arn(&self) -> Expr {
        match self {
            KmsKey::Existing(e) => match e.as_literal() {
                Some(id) if !id.starts_with("arn:") && !id.starts_with("alias/") => Expr::sub(&format!(
                    "arn:${{AWS::Partition}}:kms:${{AWS::Region}}:${{AWS::AccountId}}:key/{id}"
                )),
                _ => e.clone(),
            },
            KmsKey::Created { id, .. } => {
                let logical = LogicalId::from_construct_id(id)
                    .map(|l| l.to_string())
                    .unwrap_or_else(|_| id.clone());
                Expr::get_att(logical, "Arn")
            }
        }
    }

    /// What is wrong with a literal key: an alias (IAM cannot grant on one), an ARN that is
    /// not a KMS key's, or a length outside 1 to 2048.
    fn check(&self) -> Result<(), String> {
        let Some(literal) = (match self {
            KmsKey::Existing(e) => e.as_literal(),
            KmsKey::Created { .. } => None,
        }) else {
            return Ok(());
        };
        if literal.is_empty() || literal.len() > 2048 {
            return Err(format!(
                "the key id must be 1 to 2048 characters, got {}",
                literal.len()
            ));
        }
        if literal.starts_with("alias/") || (literal.starts_with("arn:") && literal.contains(":alias/")) {
            return Err(format!(
                "`{literal}` is an alias: IAM grants the key's use on its key ARN, so give the key ARN or key id"
            ));
        }
        if literal.starts_with("arn:") {
            let parts: Vec<&str> = literal.splitn(6, ':').collect();
            if parts.len() != 6 || parts[2] != "kms" || !parts[5].starts_with("key/") || parts[5].len() == 4 {
                return Err(format!(
                    "`{literal}` is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)"
                ));
            }
        }
        Ok(())
    }

    /// Adds a key created in the template with its key policy: the account root, then
    /// `statements`. Nothing for an existing key.
    pub(crate) fn add_to(
        &self,
        template: &mut Template,
        statements: impl IntoIterator<Item = PolicyStatement>,
    ) -> Result<(), Error> {
        let KmsKey::Created {
            id,
            description,
            log_groups,
        } = self
        else {
            return Ok(());
        };
        let mut policy = PolicyDocument::new();
        policy.add(
            PolicyStatement::allow(["kms:*"], [Expr::lit("*")])
                .principal("AWS", Expr::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")),
        );
        policy.extend(statements);
        if *log_groups {
            policy.add(
                PolicyStatement::allow(
                    [
                        "kms:Encrypt*",
                        "kms:Decrypt*",
                        "kms:ReEncrypt*",
                        "kms:GenerateDataKey*",
                        "kms:Describe*",
                    ],
                    [Expr::lit("*")],
                )
                .principal("Service", Expr::sub("logs.${AWS::Region}.amazonaws.com"))
                .condition(
                    "ArnLike",
                    "kms:EncryptionContext:aws:logs:arn",
                    [Expr::sub(
                        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*",
                    )],
                ),
            );
        }
        let resource = Resource::new("AWS::KMS::Key")
            .property_opt("Description", description.clone().map(Value::from))
            .property("EnableKeyRotation", Value::Bool(true))
            .property("KeyPolicy", Value::custom(policy))
            .removal_policy(cfn_model::DeletionPolicy::Retain);
        template.add_resource(id, resource)?;
        Ok(())
    }

    /// The construct id of a key created in the template.
    pub(crate) fn created_id(&self) -> Option<&str> {
        match self {
            KmsKey::Created { id, .. } => Some(id),
            KmsKey::Existing(_) => None,
        }
    }
}

impl<T: Into<Expr>> From<T> for KmsKey {
    fn from(arn: T) -> Self {
        KmsKey::arn(arn)
    }
}

/// A customer managed KMS key and how long Step Functions reuses a data key before it calls
/// `GenerateDataKey` again (60 to 900 seconds; default 300).
///
/// ```
/// use stepfunctions::{CustomerManagedKey, KmsKey};
/// let key = CustomerManagedKey::new(KmsKey::create("Key")).data_key_reuse_period(std::time::Duration::from_secs(60));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerManagedKey {
    key: KmsKey,
    reuse_period: Duration,
}

impl CustomerManagedKey {
    /// The key, its data keys reused for 300 seconds (the AWS CDK's default, always written).
    ///
    /// ```
    /// let key = stepfunctions::CustomerManagedKey::new("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    /// ```
    pub fn new(key: impl Into<KmsKey>) -> Self {
        CustomerManagedKey {
            key: key.into(),
            reuse_period: Duration::from_secs(300),
        }
    }

    /// How long a data key is reused: 60 to 900 whole seconds. Default: 300.
    ///
    /// ```
    /// let key = stepfunctions::CustomerManagedKey::new(stepfunctions::KmsKey::create("Key"))
    ///     .data_key_reuse_period(std::time::Duration::from_secs(900));
    /// ```
    #[must_use]
    pub fn data_key_reuse_period(mut self, period: Duration) -> Self {
        self.reuse_period = period;
        self
    }

    /// The key.
    ///
    /// ```
    /// let key = stepfunctions::CustomerManagedKey::new(stepfunctions::KmsKey::create("Key"));
    /// assert_eq!(key.key().key_arn(), cfn_model::Expr::get_att("Key", "Arn"));
    /// ```
    pub fn key(&self) -> &KmsKey {
        &self.key
    }
}

/// How a state machine or activity is encrypted at rest.
///
/// ```
/// use stepfunctions::{CustomerManagedKey, Encryption, KmsKey};
/// let owned = Encryption::AwsOwnedKey;
/// let managed: Encryption = CustomerManagedKey::new(KmsKey::create("Key")).into();
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Encryption {
    /// The AWS-owned key (what Step Functions uses when nothing is set), written explicitly.
    AwsOwnedKey,
    /// A customer managed key.
    CustomerManaged(CustomerManagedKey),
}

impl From<CustomerManagedKey> for Encryption {
    fn from(key: CustomerManagedKey) -> Self {
        Encryption::CustomerManaged(key)
    }
}

impl Encryption {
    /// The customer managed key, if any.
    pub(crate) fn customer_managed(&self) -> Option<&CustomerManagedKey> {
        match self {
            Encryption::CustomerManaged(k) => Some(k),
            Encryption::AwsOwnedKey => None,
        }
    }

    /// The errors of this configuration, for the resource `construct`.
    pub(crate) fn check(&self, construct: &str) -> Vec<Error> {
        let Some(cmk) = self.customer_managed() else {
            return Vec::new();
        };
        let mut errors = Vec::new();
        let invalid = |field: &'static str, reason: String| Error::InvalidResource {
            construct: construct.to_owned(),
            field,
            reason,
        };
        match crate::model::whole_seconds(cmk.reuse_period) {
            Ok(secs) if (60..=900).contains(&secs) => {}
            Ok(secs) => errors.push(invalid(
                "KmsDataKeyReusePeriodSeconds",
                format!("must be 60 to 900 seconds, got {secs}"),
            )),
            Err(reason) => errors.push(invalid("KmsDataKeyReusePeriodSeconds", reason)),
        }
        if let Err(reason) = cmk.key.check() {
            errors.push(invalid("KmsKeyId", reason));
        }
        if let Some(id) = cmk.key.created_id() {
            if let Err(e) = LogicalId::from_construct_id(id) {
                errors.push(e.into());
            }
        }
        errors
    }

    /// The `EncryptionConfiguration` property.
    pub(crate) fn property(&self) -> Value {
        match self {
            Encryption::AwsOwnedKey => Value::map([("Type", Value::from("AWS_OWNED_KEY"))]),
            Encryption::CustomerManaged(cmk) => Value::map([
                (
                    "KmsDataKeyReusePeriodSeconds",
                    Value::from(serde_json::Value::from(cmk.reuse_period.as_secs())),
                ),
                ("KmsKeyId", Value::from(cmk.key.key_arn())),
                ("Type", Value::from("CUSTOMER_MANAGED_KMS_KEY")),
            ]),
        }
    }
}

/// `kms:Decrypt` and `kms:GenerateDataKey` on `key`, limited by the encryption context
/// `context_key` (`stateMachineArn`, `activityArn`) to `arn`.
pub(crate) fn data_key_statement(key: Expr, context_key: &str, arn: Expr) -> PolicyStatement {
    PolicyStatement::allow(["kms:Decrypt", "kms:GenerateDataKey"], [key]).condition(
        "StringEquals",
        &format!("kms:EncryptionContext:aws:states:{context_key}"),
        [arn],
    )
}

/// `kms:GenerateDataKey` on `key` for the log deliveries of the account (the encryption
/// context's `SourceArn` is the log delivery's).
pub(crate) fn log_delivery_statement(key: Expr) -> PolicyStatement {
    PolicyStatement::allow(["kms:GenerateDataKey"], [key]).condition(
        "StringEquals",
        "kms:EncryptionContext:SourceArn",
        [Expr::sub(
            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*",
        )],
    )
}

/// The key policy statement that lets CloudWatch Logs' delivery decrypt with the key.
pub(crate) fn log_delivery_key_statement() -> PolicyStatement {
    PolicyStatement::allow(["kms:Decrypt*"], [Expr::lit("*")]).principal("Service", "delivery.logs.amazonaws.com")
}
