//! AWS SDK integrations: call almost any API action of almost any AWS service
//! (`arn:aws:states:::aws-sdk:<service>:<action>`).
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html>.

mod call_aws_service;
mod cross_region;

pub use call_aws_service::CallAwsService;
pub use cross_region::{CallAwsServiceCrossRegion, CallAwsServiceCrossRegionBuilder, CROSS_REGION_FUNCTION_ID};

use cfn_model::iam::PolicyStatement;
use cfn_model::Expr;
use stepfunctions::{Payload, TaskError};

/// What an SDK call needs: `<prefix>:<action>` (or the IAM action given) on its IAM resources,
/// and the statements added to it.
fn call_statements(
    prefix: &str,
    action: &str,
    iam_action: Option<&str>,
    iam_resources: &[Expr],
    additional: &[PolicyStatement],
) -> Vec<PolicyStatement> {
    let action = iam_action.map_or_else(|| format!("{prefix}:{action}"), str::to_owned);
    let mut statements = vec![PolicyStatement::allow([action], iam_resources.to_vec())];
    statements.extend(additional.iter().cloned());
    statements
}

/// Checks an SDK call: a camelCase action, parameters in an object with PascalCase keys, at
/// least one IAM resource, an IAM action of the form `<prefix>:<Action>`.
fn check_call(
    action: &str,
    parameters: Option<&Payload>,
    iam_resources: &[Expr],
    iam_action: Option<&str>,
) -> Result<(), TaskError> {
    let camel =
        action.starts_with(|c: char| c.is_ascii_lowercase()) && action.chars().all(|c| c.is_ascii_alphanumeric());
    if !camel {
        return Err(TaskError::field(
            "action",
            format!("the action must be in camelCase (`getObject`), got `{action}`"),
        ));
    }
    match parameters {
        None => {}
        Some(Payload::Object(fields)) => {
            let invalid: Vec<&str> = fields
                .keys()
                .filter(|k| !k.starts_with(|c: char| !c.is_lowercase()))
                .map(String::as_str)
                .collect();
            if !invalid.is_empty() {
                return Err(TaskError::field(
                    "Parameters",
                    format!("parameter names must be in PascalCase, got: {}", invalid.join(", ")),
                ));
            }
        }
        Some(_) => return Err(TaskError::field("Parameters", "the parameters must be an object")),
    }
    if iam_resources.is_empty() {
        return Err("give at least one IAM resource (`*` where the action has no resource-level permission)".into());
    }
    if let Some(action) = iam_action {
        let valid = action
            .split_once(':')
            .is_some_and(|(prefix, name)| !prefix.is_empty() && !name.is_empty() && !name.contains(':'));
        if !valid {
            return Err(TaskError::field(
                "iam_action",
                format!("the IAM action `{action}` must be `<prefix>:<Action>`, e.g. `s3:ListAllMyBuckets`"),
            ));
        }
    }
    Ok(())
}

/// The IAM service prefix of the actions of an SDK integration's service: the service name
/// (`s3`, `dynamodb`), except for the services listed in [`IAM_PREFIXES`].
///
/// ```
/// use stepfunctions_tasks::aws_sdk::iam_prefix;
/// assert_eq!(iam_prefix("sfn"), "states");
/// assert_eq!(iam_prefix("efs"), "elasticfilesystem");
/// assert_eq!(iam_prefix("s3"), "s3");
/// ```
pub fn iam_prefix(service: &str) -> &str {
    match IAM_PREFIXES.binary_search_by(|(name, _)| (*name).cmp(service)) {
        Ok(i) => IAM_PREFIXES[i].1,
        Err(_) => service,
    }
}

/// `(SDK service name, IAM prefix)` for the services of the AWS SDK integrations whose IAM
/// actions do not use the service name as prefix, sorted by name. The table of aws-cdk-lib's
/// `aws-sdk-iam-service-map.ts` (newer and longer than the seven entries of aws-cdk-lib
/// 2.276.0), built from the Step Functions list of SDK services and the IAM Service
/// Authorization Reference:
/// <https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html>.
pub const IAM_PREFIXES: &[(&str, &str)] = &[
    ("accessanalyzer", "access-analyzer"),
    ("acmpca", "acm-pca"),
    ("amp", "aps"),
    ("appconfigdata", "appconfig"),
    ("appintegrations", "app-integrations"),
    ("applicationautoscaling", "application-autoscaling"),
    ("applicationdiscovery", "discovery"),
    ("applicationsignals", "application-signals"),
    ("arcregionswitch", "arc-region-switch"),
    ("arczonalshift", "arc-zonal-shift"),
    ("autoscalingplans", "autoscaling-plans"),
    ("backupgateway", "backup-gateway"),
    ("backupsearch", "backup-search"),
    ("bcmdashboards", "bcm-dashboards"),
    ("bcmdataexports", "bcm-data-exports"),
    ("bcmpricingcalculator", "bcm-pricing-calculator"),
    ("bcmrecommendedactions", "bcm-recommended-actions"),
    ("bedrockagent", "bedrock"),
    ("bedrockagentcore", "bedrock-agentcore"),
    ("bedrockagentcorecontrol", "bedrock-agentcore"),
    ("bedrockagentruntime", "bedrock"),
    ("bedrockdataautomation", "bedrock"),
    ("bedrockdataautomationruntime", "bedrock"),
    ("bedrockruntime", "bedrock"),
    ("chimesdkidentity", "chime"),
    ("chimesdkmediapipelines", "chime"),
    ("chimesdkmeetings", "chime"),
    ("chimesdkmessaging", "chime"),
    ("chimesdkvoice", "chime"),
    ("cleanroomsml", "cleanrooms-ml"),
    ("cloudfrontkeyvaluestore", "cloudfront-keyvaluestore"),
    ("cloudhsmv2", "cloudhsm"),
    ("cloudtraildata", "cloudtrail-data"),
    ("cloudwatchlogs", "logs"),
    ("codeguruprofiler", "codeguru-profiler"),
    ("codegurureviewer", "codeguru-reviewer"),
    ("codegurusecurity", "codeguru-security"),
    ("codestarconnections", "codestar-connections"),
    ("codestarnotifications", "codestar-notifications"),
    ("cognitoidentity", "cognito-identity"),
    ("cognitoidentityprovider", "cognito-idp"),
    ("cognitosync", "cognito-sync"),
    ("computeoptimizer", "compute-optimizer"),
    ("computeoptimizerautomation", "aco-automation"),
    ("connectcampaigns", "connect-campaigns"),
    ("connectcampaignsv2", "connect-campaigns"),
    ("connectcases", "cases"),
    ("connectcontactlens", "connect"),
    ("connecthealth", "health-agent"),
    ("costandusagereport", "cur"),
    ("costexplorer", "ce"),
    ("costoptimizationhub", "cost-optimization-hub"),
    ("customerprofiles", "profile"),
    ("databasemigration", "dms"),
    ("devopsagent", "aidevops"),
    ("devopsguru", "devops-guru"),
    ("directory", "ds"),
    ("directoryservicedata", "ds-data"),
    ("docdb", "rds"),
    ("docdbelastic", "docdb-elastic"),
    ("dynamodbstreams", "dynamodb"),
    ("ec2instanceconnect", "ec2-instance-connect"),
    ("ecrpublic", "ecr-public"),
    ("efs", "elasticfilesystem"),
    ("eksauth", "eks-auth"),
    ("elasticloadbalancingv2", "elasticloadbalancing"),
    ("elasticsearch", "es"),
    ("elementalinference", "elemental-inference"),
    ("emr", "elasticmapreduce"),
    ("emrcontainers", "emr-containers"),
    ("emrserverless", "emr-serverless"),
    ("eventbridge", "events"),
    ("forecastquery", "forecast"),
    ("geoplaces", "geo-places"),
    ("georoutes", "geo-routes"),
    ("greengrassv2", "greengrass"),
    ("inspectorscan", "inspector-scan"),
    ("ivsrealtime", "ivs"),
    ("kendraranking", "kendra-ranking"),
    ("keyspacesstreams", "cassandra"),
    ("kinesisanalyticsv2", "kinesisanalytics"),
    ("kinesisvideoarchivedmedia", "kinesisvideo"),
    ("kinesisvideomedia", "kinesisvideo"),
    ("kinesisvideosignaling", "kinesisvideo"),
    ("kinesisvideowebrtcstorage", "kinesisvideo"),
    ("lexmodelsv2", "lex"),
    ("lexruntimev2", "lex"),
    ("licensemanager", "license-manager"),
    (
        "licensemanagerlinuxsubscriptions",
        "license-manager-linux-subscriptions",
    ),
    ("licensemanagerusersubscriptions", "license-manager-user-subscriptions"),
    ("location", "geo"),
    ("mailmanager", "ses"),
    ("managedblockchainquery", "managedblockchain-query"),
    ("marketplacecatalog", "aws-marketplace"),
    ("marketplacediscovery", "aws-marketplace"),
    ("marketplaceentitlement", "aws-marketplace"),
    ("marketplacemetering", "aws-marketplace"),
    ("marketplacereporting", "aws-marketplace"),
    ("mediapackagevod", "mediapackage-vod"),
    ("medicalimaging", "medical-imaging"),
    ("migrationhub", "mgh"),
    ("migrationhubconfig", "mgh"),
    ("migrationhuborchestrator", "migrationhub-orchestrator"),
    ("migrationhubrefactorspaces", "refactor-spaces"),
    ("migrationhubstrategy", "migrationhub-strategy"),
    ("mwaa", "airflow"),
    ("mwaaserverless", "airflow-serverless"),
    ("neptune", "rds"),
    ("neptunegraph", "neptune-graph"),
    ("networkfirewall", "network-firewall"),
    ("notificationscontacts", "notifications-contacts"),
    ("novaact", "nova-act"),
    ("opensearch", "es"),
    ("opensearchserverless", "aoss"),
    ("paymentcryptography", "payment-cryptography"),
    ("paymentcryptographydata", "payment-cryptography"),
    ("pcaconnectorad", "pca-connector-ad"),
    ("pcaconnectorscep", "pca-connector-scep"),
    ("personalizeevents", "personalize"),
    ("personalizeruntime", "personalize"),
    ("pinpoint", "mobiletargeting"),
    ("pinpointemail", "ses"),
    ("pinpointsmsvoice", "sms-voice"),
    ("pinpointsmsvoicev2", "sms-voice"),
    ("qconnect", "wisdom"),
    ("rdsdata", "rds-data"),
    ("redshiftdata", "redshift-data"),
    ("redshiftserverless", "redshift-serverless"),
    ("resourceexplorer2", "resource-explorer-2"),
    ("resourcegroups", "resource-groups"),
    ("route53recoverycluster", "route53-recovery-cluster"),
    ("route53recoverycontrolconfig", "route53-recovery-control-config"),
    ("route53recoveryreadiness", "route53-recovery-readiness"),
    ("s3control", "s3"),
    ("s3outposts", "s3-outposts"),
    ("sagemakera2iruntime", "sagemaker"),
    ("sagemakerfeaturestoreruntime", "sagemaker"),
    ("sagemakergeospatial", "sagemaker-geospatial"),
    ("sagemakermetrics", "sagemaker"),
    ("sagemakerruntime", "sagemaker"),
    ("securityir", "security-ir"),
    ("serverlessapplicationrepository", "serverlessrepo"),
    ("servicecatalogappregistry", "servicecatalog"),
    ("sesv2", "ses"),
    ("sfn", "states"),
    ("signerdata", "signer"),
    ("simpledbv2", "sdb"),
    ("snowdevicemanagement", "snow-device-management"),
    ("socialmessaging", "social-messaging"),
    ("ssmcontacts", "ssm-contacts"),
    ("ssmguiconnect", "ssm-guiconnect"),
    ("ssmincidents", "ssm-incidents"),
    ("ssmquicksetup", "ssm-quicksetup"),
    ("ssmsap", "ssm-sap"),
    ("ssoadmin", "sso"),
    ("supplychain", "scn"),
    ("taxsettings", "tax"),
    ("timestreaminfluxdb", "timestream-influxdb"),
    ("timestreamquery", "timestream"),
    ("timestreamwrite", "timestream"),
    ("vpclattice", "vpc-lattice"),
    ("wafregional", "waf-regional"),
    ("workspacesinstances", "workspaces-instances"),
    ("workspacesthinclient", "thinclient"),
    ("workspacesweb", "workspaces-web"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_unique() {
        assert!(IAM_PREFIXES.windows(2).all(|w| w[0].0 < w[1].0));
        for (service, _) in IAM_PREFIXES {
            assert_eq!(
                iam_prefix(service),
                IAM_PREFIXES.iter().find(|(s, _)| s == service).unwrap().1
            );
        }
        assert_eq!(iam_prefix("cloudwatchlogs"), "logs");
        assert_eq!(iam_prefix("eventbridge"), "events");
        assert_eq!(iam_prefix("rekognition"), "rekognition");
    }
}
