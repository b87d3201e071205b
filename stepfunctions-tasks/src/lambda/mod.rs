//! AWS Lambda: invoke a function.
//!
//! See <https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html>.

mod invoke;

use cfn_model::Expr;

pub use invoke::{LambdaInvocationType, LambdaInvoke, LambdaInvokeResponseOnly};

/// A Lambda function, by ARN: a literal, a parameter, an import, or the `Arn` of a function in
/// the same template.
///
/// ```
/// use stepfunctions_tasks::LambdaFunction;
/// let imported = LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:MyFn");
/// let in_template = LambdaFunction::from_arn(cfn_model::Expr::get_att("MyFunction", "Arn"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaFunction {
    arn: Expr,
}

impl LambdaFunction {
    /// The function with this ARN.
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn(cfn_model::Expr::reference("FunctionArn"));
    /// ```
    pub fn from_arn(arn: impl Into<Expr>) -> Self {
        LambdaFunction { arn: arn.into() }
    }

    /// The function's ARN.
    ///
    /// ```
    /// let f = stepfunctions_tasks::LambdaFunction::from_arn("arn:aws:lambda:us-east-1:123456789012:function:F");
    /// assert_eq!(f.arn().as_literal(), Some("arn:aws:lambda:us-east-1:123456789012:function:F"));
    /// ```
    pub fn arn(&self) -> &Expr {
        &self.arn
    }
}
