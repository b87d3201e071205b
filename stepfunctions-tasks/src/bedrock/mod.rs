//! Amazon Bedrock: invoke a model, and create a model customization job.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-bedrock.html>; the IAM
//! statements follow <https://docs.aws.amazon.com/step-functions/latest/dg/bedrock-iam.html>.

mod invoke_model;

pub use invoke_model::{BedrockGuardrail, BedrockInvokeModel, BedrockS3Location};

use cfn_model::Expr;

/// A Bedrock model, by the ARN that the call names and the role is granted.
///
/// ```
/// use stepfunctions_tasks::BedrockModel;
/// let titan = BedrockModel::foundation("amazon.titan-text-express-v1");
/// assert_eq!(
///     titan.arn().to_string(),
///     "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.titan-text-express-v1"
/// );
/// let custom = BedrockModel::from_arn("arn:aws:bedrock:us-east-1:123456789012:custom-model/my-model");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BedrockModel {
    arn: Expr,
    foundation_id: Option<Expr>,
}

impl BedrockModel {
    /// A foundation model of the stack's region, by its model id
    /// (`arn:<partition>:bedrock:<region>::foundation-model/<id>`; CDK's
    /// `FoundationModel.fromFoundationModelId`).
    ///
    /// ```
    /// let m = stepfunctions_tasks::BedrockModel::foundation("anthropic.claude-3-haiku-20240307-v1:0");
    /// ```
    pub fn foundation(model_id: impl Into<Expr>) -> Self {
        let id = model_id.into();
        BedrockModel {
            arn: Expr::concat([
                Expr::lit("arn:"),
                Expr::partition(),
                Expr::lit(":bedrock:"),
                Expr::region(),
                Expr::lit("::foundation-model/"),
                id.clone(),
            ]),
            foundation_id: Some(id),
        }
    }

    /// A model by its ARN: a custom model, a provisioned model (provisioned throughput), an
    /// imported model, or a foundation model of another region. The role is granted this ARN
    /// only: an inference profile also needs the models it routes to, granted with
    /// [`StateMachine::add_to_role_policy`](stepfunctions::StateMachine::add_to_role_policy).
    ///
    /// ```
    /// let m = stepfunctions_tasks::BedrockModel::from_arn(cfn_model::Expr::reference("ModelArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        BedrockModel {
            arn: arn.into(),
            foundation_id: None,
        }
    }

    /// The model's ARN.
    ///
    /// ```
    /// let m = stepfunctions_tasks::BedrockModel::from_arn("arn:aws:bedrock:us-east-1:123456789012:custom-model/m");
    /// assert_eq!(m.arn().as_literal(), Some("arn:aws:bedrock:us-east-1:123456789012:custom-model/m"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }

    /// Checks a literal foundation model id or model ARN.
    pub(crate) fn check(&self) -> Result<(), String> {
        if let Some(id) = self.foundation_id.as_ref().and_then(Expr::as_literal) {
            if id.is_empty() || id.len() > 2048 || id.starts_with("arn:") {
                return Err(format!(
                    "`{id}` is not a foundation model id (such as `amazon.titan-text-express-v1`); \
                     give a model ARN with BedrockModel::from_arn"
                ));
            }
        } else if let Some(arn) = self.arn.as_literal() {
            let fields: Vec<&str> = arn.splitn(6, ':').collect();
            if fields.len() != 6 || fields[0] != "arn" || fields[2] != "bedrock" || fields[5].is_empty() {
                return Err(format!(
                    "`{arn}` is not a Bedrock model ARN (`arn:<partition>:bedrock:<region>:<account>:<resource>`)"
                ));
            }
        }
        Ok(())
    }
}
