//! `AthenaStartQueryExecution`: <https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html>.

use std::time::Duration;

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::TaskError;
use stepfunctions::{IntegrationPattern, Payload, ServiceIntegration, SupportsRunJob};

use super::S3Location;
use crate::util::{literal_len, partition_arn, stack_arn, static_value};

/// How Athena encrypts the query results in S3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncryptionOption {
    /// Server-side encryption with an S3-managed key (`SSE_S3`).
    S3Managed,
    /// Server-side encryption with a KMS key (`SSE_KMS`).
    Kms,
    /// Client-side encryption with a KMS key (`CSE_KMS`).
    ClientSideKms,
}

impl EncryptionOption {
    fn as_str(self) -> &'static str {
        match self {
            EncryptionOption::S3Managed => "SSE_S3",
            EncryptionOption::Kms => "SSE_KMS",
            EncryptionOption::ClientSideKms => "CSE_KMS",
        }
    }
}

/// The Glue Data Catalog actions of the Step Functions IAM template for Athena: Athena runs the
/// query's DDL and reads with the caller's permissions, and the query text (often read from the
/// input) says which it needs.
const GLUE_CATALOG_ACTIONS: [&str; 19] = [
    "glue:CreateDatabase",
    "glue:GetDatabase",
    "glue:GetDatabases",
    "glue:UpdateDatabase",
    "glue:DeleteDatabase",
    "glue:CreateTable",
    "glue:UpdateTable",
    "glue:GetTable",
    "glue:GetTables",
    "glue:DeleteTable",
    "glue:BatchDeleteTable",
    "glue:BatchCreatePartition",
    "glue:CreatePartition",
    "glue:UpdatePartition",
    "glue:GetPartition",
    "glue:GetPartitions",
    "glue:BatchGetPartition",
    "glue:DeletePartition",
    "glue:BatchDeletePartition",
];

/// Runs an SQL query (`arn:aws:states:::athena:startQueryExecution`). With
/// [`run_job`](stepfunctions::Task::run_job) the task waits for the query to finish and returns
/// its `QueryExecution`; otherwise it returns the `QueryExecutionId` at once.
///
/// Supports request-response (default) and run-job.
///
/// IAM, after <https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html>, scoped
/// wherever the task says which resource it uses (values read from the input widen to `*`
/// within the account):
/// - `athena:startQueryExecution` and `athena:getDataCatalog` (run-job adds
///   `athena:stopQueryExecution` and `athena:getQueryExecution`) on the workgroup (`primary`
///   unless set) and the data catalog (`AwsDataCatalog` unless set);
/// - `s3:GetBucketLocation`, `s3:GetObject`, `s3:ListBucket` on `arn:aws:s3:::*`: Athena reads
///   the tables' data with the caller's permissions, and their locations live in the catalog,
///   not in the template;
/// - `s3:PutObject`, `s3:AbortMultipartUpload`, `s3:ListMultipartUploadParts` on the objects of
///   the output location, `s3:ListBucketMultipartUploads` and `s3:CreateBucket` (kept from the
///   AWS template, for an output bucket that does not exist yet) on its bucket; all five on `arn:aws:s3:::*` without an output
///   location, since the workgroup's is not known here;
/// - the template's 19 Glue Data Catalog actions on the catalog, the database (`default` unless
///   set), its tables and its user-defined functions: a query may also write to the catalog
///   (`CREATE TABLE`, `MSCK REPAIR TABLE`, ...). A query that names tables of other databases
///   needs more: add it with `StateMachine::add_to_role_policy`;
/// - `lakeformation:GetDataAccess` on `*` (the action has no resource type);
/// - with a KMS key, `kms:GenerateDataKey` and `kms:Decrypt` on it, to write encrypted results.
///
/// Deviations from the CDK, reviewed in the parity test:
/// - `s3:CreateBucket` on the output bucket only, where the CDK grants it on `*` (any bucket
///   name at all);
/// - the S3 reads on `arn:aws:s3:::*` as in the AWS template, where the CDK grants `*`;
/// - `s3:ListBucketMultipartUploads` on the output bucket: it is a bucket action, which the
///   CDK grants on the output objects (`bucket/prefix/*`), where it matches nothing;
/// - `athena:getQueryExecution` only for run-job, and `athena:stopQueryExecution` for run-job
///   (so that stopping the execution stops the query), as in the AWS template; the CDK grants
///   the first always and never the second;
/// - a customer-managed KMS key gets its KMS statement (the CDK fails to synthesize).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::{AthenaStartQueryExecution, EncryptionOption, S3Location};
/// let task = Task::new(
///     "Start Athena Query",
///     AthenaStartQueryExecution::new(JsonPath::string_at("$.queryString"))
///         .database("mydatabase")
///         .output_location(S3Location::new("query-results-bucket", "folder"))
///         .encryption(EncryptionOption::S3Managed),
/// )
/// .run_job();
/// let r = stepfunctions::testing::render_state(task).unwrap();
/// assert_eq!(r["States"]["Start Athena Query"]["Parameters"]["QueryString.$"], "$.queryString");
/// ```
///
/// Athena's other APIs have no run-job pattern:
///
/// ```compile_fail
/// use stepfunctions::prelude::*;
/// use stepfunctions_tasks::AthenaGetQueryExecution;
/// let t = Task::new("Get", AthenaGetQueryExecution::new(JsonPath::string_at("$.id"))).run_job();
/// ```
#[derive(Debug, Clone)]
pub struct AthenaStartQueryExecution {
    query_string: Payload,
    client_request_token: Option<Payload>,
    catalog: Option<Payload>,
    database: Option<Payload>,
    output_location: Option<S3Location>,
    encryption: Option<EncryptionOption>,
    encryption_key: Option<Expr>,
    work_group: Option<Payload>,
    execution_parameters: Option<Vec<Payload>>,
    result_reuse_max_age: Option<Duration>,
}

impl AthenaStartQueryExecution {
    /// Runs `query_string`: literal SQL, or read from the input (`JsonPath::string_at`,
    /// `JsonPath::format`).
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::AthenaStartQueryExecution;
    /// let q = AthenaStartQueryExecution::new(JsonPath::format(
    ///     "select contacts where year={};",
    ///     [JsonPath::string_at("$.year").into()],
    /// ));
    /// ```
    pub fn new(query_string: impl Into<Payload>) -> Self {
        AthenaStartQueryExecution {
            query_string: query_string.into(),
            client_request_token: None,
            catalog: None,
            database: None,
            output_location: None,
            encryption: None,
            encryption_key: None,
            work_group: None,
            execution_parameters: None,
            result_reuse_max_age: None,
        }
    }

    /// A token that makes the call idempotent (32 to 128 characters), for example the
    /// execution's name. Default: none.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// use stepfunctions_tasks::AthenaStartQueryExecution;
    /// let q = AthenaStartQueryExecution::new("SELECT 1").client_request_token(JsonPath::execution_name());
    /// ```
    #[must_use]
    pub fn client_request_token(mut self, token: impl Into<Payload>) -> Self {
        self.client_request_token = Some(token.into());
        self
    }

    /// The data catalog (`QueryExecutionContext.Catalog`). Default: none (Athena's
    /// `AwsDataCatalog`).
    ///
    /// ```
    /// let q = stepfunctions_tasks::AthenaStartQueryExecution::new("SELECT 1").catalog("AwsDataCatalog");
    /// ```
    #[must_use]
    pub fn catalog(mut self, catalog: impl Into<Payload>) -> Self {
        self.catalog = Some(catalog.into());
        self
    }

    /// The database (`QueryExecutionContext.Database`). Default: none (the query names its
    /// tables' databases; IAM covers `default`).
    ///
    /// ```
    /// let q = stepfunctions_tasks::AthenaStartQueryExecution::new("SELECT 1").database("mydatabase");
    /// ```
    #[must_use]
    pub fn database(mut self, database: impl Into<Payload>) -> Self {
        self.database = Some(database.into());
        self
    }

    /// Where Athena writes the results (`ResultConfiguration.OutputLocation`). Default: the
    /// workgroup's query result location.
    ///
    /// ```
    /// use stepfunctions_tasks::{AthenaStartQueryExecution, S3Location};
    /// let q = AthenaStartQueryExecution::new("SELECT 1").output_location(S3Location::new("mybucket", "myprefix"));
    /// ```
    #[must_use]
    pub fn output_location(mut self, location: S3Location) -> Self {
        self.output_location = Some(location);
        self
    }

    /// How the results are encrypted (`ResultConfiguration.EncryptionConfiguration`). Default:
    /// the workgroup's setting.
    ///
    /// ```
    /// use stepfunctions_tasks::{AthenaStartQueryExecution, EncryptionOption};
    /// let q = AthenaStartQueryExecution::new("SELECT 1").encryption(EncryptionOption::S3Managed);
    /// ```
    #[must_use]
    pub fn encryption(mut self, option: EncryptionOption) -> Self {
        self.encryption = Some(option);
        self
    }

    /// The ARN of the KMS key for [`EncryptionOption::Kms`] or
    /// [`EncryptionOption::ClientSideKms`]; the role may use it to write the results. Default:
    /// the account's AWS-managed key for S3.
    ///
    /// ```
    /// use stepfunctions_tasks::{AthenaStartQueryExecution, EncryptionOption};
    /// let q = AthenaStartQueryExecution::new("SELECT 1")
    ///     .encryption(EncryptionOption::Kms)
    ///     .encryption_key(cfn_model::Expr::get_att("ResultsKey", "Arn"));
    /// ```
    #[must_use]
    pub fn encryption_key(mut self, key_arn: impl Into<Expr>) -> Self {
        self.encryption_key = Some(key_arn.into());
        self
    }

    /// The workgroup. Default: none (`primary`).
    ///
    /// ```
    /// let q = stepfunctions_tasks::AthenaStartQueryExecution::new("SELECT 1").work_group("analytics");
    /// ```
    #[must_use]
    pub fn work_group(mut self, work_group: impl Into<Payload>) -> Self {
        self.work_group = Some(work_group.into());
        self
    }

    /// Values for the query's `?` parameters, in order (1 to 1024 characters each). A list
    /// item cannot be a path: build a list from the input with `JsonPath::array`. Default: none.
    ///
    /// ```
    /// let q = stepfunctions_tasks::AthenaStartQueryExecution::new("SELECT * FROM t WHERE y = ? AND m = ?")
    ///     .execution_parameters(["2024", "'01'"]);
    /// ```
    #[must_use]
    pub fn execution_parameters<P: Into<Payload>>(mut self, values: impl IntoIterator<Item = P>) -> Self {
        self.execution_parameters = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// Reuses the result of an identical query at most this old (whole minutes, 1 to 10080).
    /// Default: results are not reused.
    ///
    /// ```
    /// let q = stepfunctions_tasks::AthenaStartQueryExecution::new("SELECT 1")
    ///     .result_reuse_max_age(std::time::Duration::from_secs(3600));
    /// ```
    #[must_use]
    pub fn result_reuse_max_age(mut self, max_age: Duration) -> Self {
        self.result_reuse_max_age = Some(max_age);
        self
    }

    /// `workgroup/<name>`: the named workgroup, `primary` by default, any for a value read from
    /// the input.
    fn work_group_arn(&self) -> Expr {
        let name = match &self.work_group {
            None => Expr::lit("primary"),
            Some(w) => static_value(w).cloned().unwrap_or_else(|| Expr::lit("*")),
        };
        stack_arn("athena", Expr::concat([Expr::lit("workgroup/"), name]))
    }

    fn data_catalog_arn(&self) -> Expr {
        let name = match &self.catalog {
            None => Expr::lit("AwsDataCatalog"),
            Some(c) => static_value(c).cloned().unwrap_or_else(|| Expr::lit("*")),
        };
        stack_arn("athena", Expr::concat([Expr::lit("datacatalog/"), name]))
    }

    /// The catalog, the database and what it holds.
    fn glue_resources(&self) -> Vec<Expr> {
        let database = match &self.database {
            None => Some(Expr::lit("default")),
            Some(d) => static_value(d).cloned(),
        };
        let under = |kind: &str, suffix: &str| match &database {
            Some(db) => stack_arn("glue", Expr::concat([Expr::lit(kind), db.clone(), Expr::lit(suffix)])),
            None => stack_arn("glue", Expr::lit(format!("{kind}*"))),
        };
        vec![
            stack_arn("glue", "catalog"),
            under("database/", ""),
            under("table/", "/*"),
            under("userDefinedFunction/", "/*"),
        ]
    }
}

impl ServiceIntegration for AthenaStartQueryExecution {
    const SERVICE: &'static str = "athena";
    const API: &'static str = "startQueryExecution";

    fn parameters(&self, _pattern: IntegrationPattern) -> Option<Payload> {
        let mut p = vec![("QueryString", self.query_string.clone())];
        if let Some(t) = &self.client_request_token {
            p.push(("ClientRequestToken", t.clone()));
        }
        let mut context = vec![];
        if let Some(c) = &self.catalog {
            context.push(("Catalog", c.clone()));
        }
        if let Some(d) = &self.database {
            context.push(("Database", d.clone()));
        }
        if !context.is_empty() {
            p.push(("QueryExecutionContext", Payload::from_object(context)));
        }
        let mut result = vec![];
        if let Some(option) = self.encryption {
            let mut enc = vec![("EncryptionOption", Payload::from(option.as_str()))];
            if let Some(k) = &self.encryption_key {
                enc.push(("KmsKey", k.clone().into()));
            }
            result.push(("EncryptionConfiguration", Payload::from_object(enc)));
        }
        if let Some(l) = &self.output_location {
            result.push(("OutputLocation", l.uri().into()));
        }
        if !result.is_empty() {
            p.push(("ResultConfiguration", Payload::from_object(result)));
        }
        if let Some(w) = &self.work_group {
            p.push(("WorkGroup", w.clone()));
        }
        if let Some(values) = &self.execution_parameters {
            p.push(("ExecutionParameters", Payload::Array(values.clone())));
        }
        if let Some(age) = self.result_reuse_max_age {
            p.push((
                "ResultReuseConfiguration",
                Payload::from_object([(
                    "ResultReuseByAgeConfiguration",
                    Payload::from_object([
                        ("Enabled", true.into()),
                        ("MaxAgeInMinutes", (age.as_secs() / 60).into()),
                    ]),
                )]),
            ));
        }
        Some(Payload::from_object(p))
    }

    fn policy_statements(&self, pattern: IntegrationPattern) -> Vec<PolicyStatement> {
        let mut athena = vec!["athena:startQueryExecution"];
        if pattern == IntegrationPattern::RunJob {
            athena.extend(["athena:stopQueryExecution", "athena:getQueryExecution"]);
        }
        athena.push("athena:getDataCatalog");
        let any_bucket = || partition_arn("s3", "*");
        let mut statements = vec![
            PolicyStatement::allow(athena, [self.work_group_arn(), self.data_catalog_arn()]),
            PolicyStatement::allow(
                ["s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket"],
                [any_bucket()],
            ),
        ];
        let object_writes = ["s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:PutObject"];
        let bucket_writes = ["s3:ListBucketMultipartUploads", "s3:CreateBucket"];
        match &self.output_location {
            Some(l) => statements.extend([
                PolicyStatement::allow(object_writes, [l.objects_arn()]),
                PolicyStatement::allow(bucket_writes, [l.bucket_arn()]),
            ]),
            None => statements.push(PolicyStatement::allow(
                object_writes.into_iter().chain(bucket_writes),
                [any_bucket()],
            )),
        }
        statements.push(PolicyStatement::allow(GLUE_CATALOG_ACTIONS, self.glue_resources()));
        statements.push(PolicyStatement::allow(
            ["lakeformation:GetDataAccess"],
            [Expr::lit("*")],
        ));
        if let Some(k) = &self.encryption_key {
            statements.push(PolicyStatement::allow(
                ["kms:GenerateDataKey", "kms:Decrypt"],
                [k.clone()],
            ));
        }
        statements
    }

    fn validate(&self, _pattern: IntegrationPattern) -> Result<(), TaskError> {
        if let Some(n) = literal_len(&self.query_string) {
            if n == 0 || n > 262_144 {
                return Err(TaskError::field(
                    "QueryString",
                    "the query string must be 1 to 262144 characters",
                ));
            }
        }
        if let Some(n) = self.client_request_token.as_ref().and_then(literal_len) {
            if !(32..=128).contains(&n) {
                return Err(TaskError::field(
                    "ClientRequestToken",
                    format!("the client request token is {n} characters; Athena takes 32 to 128"),
                ));
            }
        }
        let checks: [(&str, &Option<Payload>, usize); 3] = [
            ("catalog", &self.catalog, 256),
            ("database", &self.database, 255),
            ("work group", &self.work_group, 128),
        ];
        for (what, value, max) in checks {
            if let Some(n) = value.as_ref().and_then(literal_len) {
                if n == 0 || n > max {
                    return Err(TaskError::new(format!("the {what} name must be 1 to {max} characters")));
                }
            }
        }
        if let Some(l) = &self.output_location {
            l.validate()?;
        }
        match (self.encryption, &self.encryption_key) {
            (None, Some(_)) => {
                return Err(TaskError::field(
                    "ResultConfiguration.EncryptionConfiguration",
                    "an encryption key needs an encryption option (Kms or ClientSideKms)",
                ))
            }
            (Some(EncryptionOption::S3Managed), Some(_)) => {
                return Err(TaskError::field(
                    "ResultConfiguration.EncryptionConfiguration.KmsKey",
                    "S3-managed encryption (SSE_S3) takes no KMS key",
                ))
            }
            (_, Some(k)) => {
                if let Some(text) = k.as_literal() {
                    if !text.starts_with("arn:") {
                        return Err(TaskError::field(
                            "ResultConfiguration.EncryptionConfiguration.KmsKey",
                            format!(
                                "the encryption key must be a KMS key ARN (the role is granted its use), not `{text}`"
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
        if let Some(values) = &self.execution_parameters {
            if values.is_empty() {
                return Err(TaskError::field(
                    "ExecutionParameters",
                    "execution parameters, when given, must not be empty",
                ));
            }
            if values.iter().filter_map(literal_len).any(|n| !(1..=1024).contains(&n)) {
                return Err(TaskError::field(
                    "ExecutionParameters",
                    "each execution parameter must be 1 to 1024 characters",
                ));
            }
        }
        if let Some(age) = self.result_reuse_max_age {
            let secs = age.as_secs();
            if age.subsec_nanos() != 0 || secs % 60 != 0 || !(1..=10_080).contains(&(secs / 60)) {
                return Err(TaskError::field(
                    "ResultReuseConfiguration.ResultReuseByAgeConfiguration.MaxAgeInMinutes",
                    format!("the result reuse max age must be whole minutes from 1 to 10080, not {age:?}"),
                ));
            }
        }
        Ok(())
    }
}

impl SupportsRunJob for AthenaStartQueryExecution {}
