//! IAM: policy statements and documents, roles with a service trust policy, and policies.

use std::collections::HashSet;

use indexmap::IndexMap;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::{Expr, Resource, Value};

/// Allow or deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub enum Effect {
    /// Grants.
    #[default]
    Allow,
    /// Denies, whatever else grants.
    Deny,
}

/// One IAM policy statement.
///
/// ```
/// use cfn_model::{iam::PolicyStatement, Expr};
/// let st = PolicyStatement::allow(["lambda:InvokeFunction"], [Expr::lit("arn:aws:lambda:us-east-1:123456789012:function:F")]);
/// assert_eq!(
///     serde_json::to_string(&st).unwrap(),
///     r#"{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PolicyStatement {
    sid: Option<String>,
    effect: Effect,
    /// `(kind, principal)`: `("Service", "logs.amazonaws.com")`, `("AWS", <account root ARN>)`.
    /// Only resource policies (a KMS key's, a bucket's) name principals.
    principals: Vec<(String, Expr)>,
    actions: Vec<String>,
    resources: Vec<Expr>,
    conditions: Conditions,
}

impl PolicyStatement {
    /// An `Allow` statement.
    ///
    /// ```
    /// let st = cfn_model::iam::PolicyStatement::allow(["s3:GetObject"], ["*".into()]);
    /// assert_eq!(st.actions(), ["s3:GetObject"]);
    /// ```
    pub fn allow<A: Into<String>>(
        actions: impl IntoIterator<Item = A>,
        resources: impl IntoIterator<Item = Expr>,
    ) -> Self {
        PolicyStatement {
            sid: None,
            effect: Effect::Allow,
            principals: Vec::new(),
            actions: actions.into_iter().map(Into::into).collect(),
            resources: resources.into_iter().collect(),
            conditions: Vec::new(),
        }
    }

    /// A `Deny` statement.
    ///
    /// ```
    /// let st = cfn_model::iam::PolicyStatement::deny(["s3:DeleteObject"], ["*".into()]);
    /// assert_eq!(st.effect(), cfn_model::iam::Effect::Deny);
    /// ```
    pub fn deny<A: Into<String>>(
        actions: impl IntoIterator<Item = A>,
        resources: impl IntoIterator<Item = Expr>,
    ) -> Self {
        PolicyStatement {
            effect: Effect::Deny,
            ..Self::allow(actions, resources)
        }
    }

    /// Adds a condition, e.g. `("StringEquals", "aws:SourceAccount", [account])`. Default: none.
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// let st = PolicyStatement::allow(["sts:AssumeRole"], ["*".into()])
    ///     .condition("StringEquals", "aws:SourceAccount", [Expr::account_id()]);
    /// ```
    #[must_use]
    pub fn condition(mut self, operator: &str, key: &str, values: impl IntoIterator<Item = Expr>) -> Self {
        self.conditions
            .push((operator.to_owned(), key.to_owned(), values.into_iter().collect()));
        self
    }

    /// Adds a principal, for a resource policy such as a KMS key policy: `kind` is `Service`,
    /// `AWS`, `Federated` or `CanonicalUser`. Default: none (an identity policy names none).
    ///
    /// ```
    /// use cfn_model::{iam::PolicyStatement, Expr};
    /// let st = PolicyStatement::allow(["kms:Decrypt*"], ["*".into()]).principal("Service", "delivery.logs.amazonaws.com");
    /// assert_eq!(
    ///     serde_json::to_string(&st).unwrap(),
    ///     r#"{"Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},"Action":"kms:Decrypt*","Resource":"*"}"#
    /// );
    /// ```
    #[must_use]
    pub fn principal(mut self, kind: &str, principal: impl Into<Expr>) -> Self {
        self.principals.push((kind.to_owned(), principal.into()));
        self
    }

    /// Sets a statement id. Default: none.
    ///
    /// ```
    /// let st = cfn_model::iam::PolicyStatement::allow(["s3:GetObject"], ["*".into()]).sid("Read");
    /// ```
    #[must_use]
    pub fn sid(mut self, sid: impl Into<String>) -> Self {
        self.sid = Some(sid.into());
        self
    }

    /// The effect.
    ///
    /// ```
    /// assert_eq!(cfn_model::iam::PolicyStatement::allow(["a:B"], []).effect(), cfn_model::iam::Effect::Allow);
    /// ```
    pub fn effect(&self) -> Effect {
        self.effect
    }

    /// The actions.
    ///
    /// ```
    /// assert_eq!(cfn_model::iam::PolicyStatement::allow(["a:B"], []).actions(), ["a:B"]);
    /// ```
    pub fn actions(&self) -> &[String] {
        &self.actions
    }

    /// The resources.
    ///
    /// ```
    /// assert!(cfn_model::iam::PolicyStatement::allow(["a:B"], []).resources().is_empty());
    /// ```
    pub fn resources(&self) -> &[Expr] {
        &self.resources
    }

    fn same_scope(&self, other: &Self) -> bool {
        self.sid.is_none()
            && other.sid.is_none()
            && self.effect == other.effect
            && self.conditions == other.conditions
            && self.principals == other.principals
    }
}

fn one_or_many<S: SerializeMap, T: Serialize>(m: &mut S, key: &str, items: &[T]) -> Result<(), S::Error> {
    if items.len() == 1 {
        m.serialize_entry(key, &items[0])
    } else {
        m.serialize_entry(key, items)
    }
}

impl Serialize for PolicyStatement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(sid) = &self.sid {
            m.serialize_entry("Sid", sid)?;
        }
        m.serialize_entry("Effect", &self.effect)?;
        if !self.principals.is_empty() {
            let mut by_kind: IndexMap<&str, Vec<&Expr>> = IndexMap::new();
            for (kind, principal) in &self.principals {
                by_kind.entry(kind).or_default().push(principal);
            }
            struct Principals<'a>(IndexMap<&'a str, Vec<&'a Expr>>);
            impl Serialize for Principals<'_> {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    let mut m = s.serialize_map(Some(self.0.len()))?;
                    for (kind, list) in &self.0 {
                        one_or_many(&mut m, kind, list)?;
                    }
                    m.end()
                }
            }
            m.serialize_entry("Principal", &Principals(by_kind))?;
        }
        one_or_many(&mut m, "Action", &self.actions)?;
        one_or_many(&mut m, "Resource", &self.resources)?;
        if !self.conditions.is_empty() {
            m.serialize_entry("Condition", &condition_block(&self.conditions))?;
        }
        m.end()
    }
}

type Conditions = Vec<(String, String, Vec<Expr>)>;

/// `{"StringEquals": {"key": value-or-values}}`, grouped by operator in order of appearance.
fn condition_block(conditions: &Conditions) -> IndexMap<&str, IndexMap<&str, Value>> {
    let mut by_op: IndexMap<&str, IndexMap<&str, Value>> = IndexMap::new();
    for (op, key, values) in conditions {
        let value = if values.len() == 1 {
            Value::from(&values[0])
        } else {
            Value::list(values.iter().map(Value::from))
        };
        by_op.entry(op).or_default().insert(key, value);
    }
    by_op
}

/// A policy document: statements, merged and deduplicated.
///
/// Statements with the same effect and conditions merge: first those with the same actions
/// (their resources are united), then those with the same resources (their actions are
/// united). The order of first appearance is kept, so the output is deterministic.
///
/// ```
/// use cfn_model::{iam::{PolicyDocument, PolicyStatement}, Expr};
/// let mut doc = PolicyDocument::new();
/// doc.add(PolicyStatement::allow(["lambda:InvokeFunction"], [Expr::lit("a")]));
/// doc.add(PolicyStatement::allow(["lambda:InvokeFunction"], [Expr::lit("b"), Expr::lit("a")]));
/// assert_eq!(doc.statements().len(), 1);
/// assert_eq!(doc.statements()[0].resources(), [Expr::lit("a"), Expr::lit("b")]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct PolicyDocument {
    statements: Vec<PolicyStatement>,
    /// The actions and resources of each statement as sets, so that merging stays linear in the
    /// number of statements added: a thousand tasks on a thousand functions make one statement
    /// with two thousand resources, and every addition asks whether it already holds one.
    members: Vec<Members>,
}

/// A list that answers `contains` in constant time once it is long: short lists (the usual
/// statement) are scanned, a long one gets a set beside it.
#[derive(Debug, Clone)]
struct Index<T>(Option<HashSet<T>>);

impl<T> Default for Index<T> {
    fn default() -> Self {
        Index(None)
    }
}

/// How long a list is scanned before it gets a set.
const SCAN_UP_TO: usize = 16;

impl<T: Eq + std::hash::Hash + Clone> Index<T> {
    fn of(list: &[T]) -> Self {
        Index((list.len() > SCAN_UP_TO).then(|| list.iter().cloned().collect()))
    }

    fn contains(&self, list: &[T], item: &T) -> bool {
        match &self.0 {
            Some(set) => set.contains(item),
            None => list.contains(item),
        }
    }

    /// Appends `item` to `list` unless it is there.
    fn push_new(&mut self, list: &mut Vec<T>, item: T) {
        if self.contains(list, &item) {
            return;
        }
        if let Some(set) = &mut self.0 {
            set.insert(item.clone());
        }
        list.push(item);
        if self.0.is_none() && list.len() > SCAN_UP_TO {
            self.0 = Some(list.iter().cloned().collect());
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Members {
    actions: Index<String>,
    resources: Index<Expr>,
}

impl Members {
    fn of(statement: &PolicyStatement) -> Self {
        Members {
            actions: Index::of(&statement.actions),
            resources: Index::of(&statement.resources),
        }
    }
}

impl PartialEq for PolicyDocument {
    fn eq(&self, other: &Self) -> bool {
        self.statements == other.statements
    }
}

impl PolicyDocument {
    /// An empty document.
    ///
    /// ```
    /// assert!(cfn_model::iam::PolicyDocument::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a statement, merging it into an existing one where possible.
    ///
    /// ```
    /// let mut doc = cfn_model::iam::PolicyDocument::new();
    /// doc.add(cfn_model::iam::PolicyStatement::allow(["a:B"], ["*".into()]));
    /// assert!(!doc.is_empty());
    /// ```
    pub fn add(&mut self, statement: PolicyStatement) {
        let mut statement = statement;
        dedupe(&mut statement.actions);
        dedupe(&mut statement.resources);
        if let Some(i) = self
            .statements
            .iter()
            .position(|s| s.same_scope(&statement) && s.actions == statement.actions)
        {
            let (existing, members) = (&mut self.statements[i], &mut self.members[i]);
            for r in statement.resources {
                members.resources.push_new(&mut existing.resources, r);
            }
            return;
        }
        if let Some(i) = self
            .statements
            .iter()
            .position(|s| s.same_scope(&statement) && s.resources == statement.resources)
        {
            let (existing, members) = (&mut self.statements[i], &mut self.members[i]);
            for a in statement.actions {
                members.actions.push_new(&mut existing.actions, a);
            }
            return;
        }
        self.members.push(Members::of(&statement));
        self.statements.push(statement);
    }

    /// Adds a statement, cloning it only when the document does not already grant it (many
    /// tasks on one resource declare the same statement).
    ///
    /// ```
    /// let mut doc = cfn_model::iam::PolicyDocument::new();
    /// let st = cfn_model::iam::PolicyStatement::allow(["a:B"], ["*".into()]);
    /// doc.add_ref(&st);
    /// doc.add_ref(&st);
    /// assert_eq!(doc.statements().len(), 1);
    /// ```
    pub fn add_ref(&mut self, statement: &PolicyStatement) {
        let covered = self.statements.iter().zip(&self.members).any(|(s, m)| {
            s.same_scope(statement)
                && statement.actions.iter().all(|a| m.actions.contains(&s.actions, a))
                && statement
                    .resources
                    .iter()
                    .all(|r| m.resources.contains(&s.resources, r))
                && (s.actions == statement.actions || s.resources == statement.resources)
        });
        if !covered {
            self.add(statement.clone());
        }
    }

    /// Whether there is no statement.
    ///
    /// ```
    /// assert!(cfn_model::iam::PolicyDocument::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// The statements.
    ///
    /// ```
    /// assert!(cfn_model::iam::PolicyDocument::new().statements().is_empty());
    /// ```
    pub fn statements(&self) -> &[PolicyStatement] {
        &self.statements
    }
}

/// Removes repeated items, keeping the first of each.
fn dedupe<T: Eq + std::hash::Hash + Clone>(items: &mut Vec<T>) {
    if items.len() < 2 {
        return;
    }
    let mut seen = HashSet::with_capacity(items.len());
    items.retain(|item| seen.insert(item.clone()));
}

impl Extend<PolicyStatement> for PolicyDocument {
    fn extend<I: IntoIterator<Item = PolicyStatement>>(&mut self, iter: I) {
        for st in iter {
            self.add(st);
        }
    }
}

impl Serialize for PolicyDocument {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("Version", "2012-10-17")?;
        m.serialize_entry("Statement", &self.statements)?;
        m.end()
    }
}

/// An `AWS::IAM::Role` that a service assumes.
///
/// ```
/// use cfn_model::{iam::Role, Expr};
/// let role = Role::for_service("states.amazonaws.com")
///     .trust_condition("StringEquals", "aws:SourceAccount", [Expr::account_id()]);
/// let resource = role.into_resource();
/// assert_eq!(resource.resource_type(), "AWS::IAM::Role");
/// ```
#[derive(Debug, Clone)]
pub struct Role {
    trust: PolicyStatement,
    managed_policy_arns: Vec<Expr>,
    path: Option<String>,
    role_name: Option<Expr>,
    description: Option<String>,
}

impl Role {
    /// A role that the service principal (e.g. `states.amazonaws.com`) may assume.
    ///
    /// ```
    /// let role = cfn_model::iam::Role::for_service("lambda.amazonaws.com");
    /// ```
    pub fn for_service(principal: &str) -> Self {
        Role {
            trust: PolicyStatement::allow(["sts:AssumeRole"], [Expr::lit(principal)]),
            managed_policy_arns: Vec::new(),
            path: None,
            role_name: None,
            description: None,
        }
    }

    /// Adds a condition to the trust policy. Default: none.
    ///
    /// ```
    /// use cfn_model::{iam::Role, Expr};
    /// let role = Role::for_service("states.amazonaws.com")
    ///     .trust_condition("StringEquals", "aws:SourceAccount", [Expr::account_id()]);
    /// ```
    #[must_use]
    pub fn trust_condition(mut self, operator: &str, key: &str, values: impl IntoIterator<Item = Expr>) -> Self {
        self.trust = self.trust.condition(operator, key, values);
        self
    }

    /// Attaches a managed policy. Default: none.
    ///
    /// ```
    /// use cfn_model::{iam::Role, Expr};
    /// let role = Role::for_service("lambda.amazonaws.com").managed_policy(Expr::sub(
    ///     "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    /// ));
    /// ```
    #[must_use]
    pub fn managed_policy(mut self, arn: Expr) -> Self {
        self.managed_policy_arns.push(arn);
        self
    }

    /// Sets the role name. Default: generated by CloudFormation (recommended; a fixed name
    /// needs `CAPABILITY_NAMED_IAM`).
    ///
    /// ```
    /// let role = cfn_model::iam::Role::for_service("lambda.amazonaws.com").role_name("my-role");
    /// ```
    #[must_use]
    pub fn role_name(mut self, name: impl Into<Expr>) -> Self {
        self.role_name = Some(name.into());
        self
    }

    /// Sets the description. Default: none.
    ///
    /// ```
    /// let role = cfn_model::iam::Role::for_service("lambda.amazonaws.com").description("runs f");
    /// ```
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Sets the path. Default: `/`.
    ///
    /// ```
    /// let role = cfn_model::iam::Role::for_service("lambda.amazonaws.com").path("/service/");
    /// ```
    #[must_use]
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The `AWS::IAM::Role` resource.
    ///
    /// ```
    /// let r = cfn_model::iam::Role::for_service("states.amazonaws.com").into_resource();
    /// assert!(r.properties().contains_key("AssumeRolePolicyDocument"));
    /// ```
    pub fn into_resource(self) -> Resource {
        let principal = self
            .trust
            .resources
            .first()
            .and_then(Expr::as_literal)
            .unwrap_or_default()
            .to_owned();
        let mut trust = TrustStatementOwned {
            principal,
            conditions: self.trust.conditions,
        };
        trust.conditions.sort_by(|a, b| a.0.cmp(&b.0));
        Resource::new("AWS::IAM::Role")
            .property("AssumeRolePolicyDocument", Value::custom(TrustDocument(trust)))
            .property_opt("Description", self.description.map(Value::from))
            .property_opt(
                "ManagedPolicyArns",
                (!self.managed_policy_arns.is_empty())
                    .then(|| Value::list(self.managed_policy_arns.into_iter().map(Value::from))),
            )
            .property_opt("Path", self.path.map(Value::from))
            .property_opt("RoleName", self.role_name.map(Value::from))
    }
}

#[derive(Debug)]
struct TrustStatementOwned {
    principal: String,
    conditions: Conditions,
}

#[derive(Debug)]
struct TrustDocument(TrustStatementOwned);

impl Serialize for TrustDocument {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Statement<'a>(&'a TrustStatementOwned);
        impl Serialize for Statement<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("Action", "sts:AssumeRole")?;
                if !self.0.conditions.is_empty() {
                    m.serialize_entry("Condition", &condition_block(&self.0.conditions))?;
                }
                m.serialize_entry("Effect", &Effect::Allow)?;
                let mut principal = IndexMap::new();
                principal.insert("Service", self.0.principal.as_str());
                m.serialize_entry("Principal", &principal)?;
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("Statement", &[Statement(&self.0)])?;
        m.serialize_entry("Version", "2012-10-17")?;
        m.end()
    }
}

/// An `AWS::IAM::Policy`: a document attached to roles.
///
/// ```
/// use cfn_model::{iam::{Policy, PolicyDocument, PolicyStatement}, Expr};
/// let mut doc = PolicyDocument::new();
/// doc.add(PolicyStatement::allow(["sqs:SendMessage"], [Expr::get_att("Queue", "Arn")]));
/// let r = Policy::new("StateMachineRoleDefaultPolicy", doc, [Expr::reference("StateMachineRole")]).into_resource();
/// assert_eq!(r.resource_type(), "AWS::IAM::Policy");
/// ```
#[derive(Debug, Clone)]
pub struct Policy {
    name: String,
    document: PolicyDocument,
    roles: Vec<Expr>,
}

/// The longest inline policy name IAM takes (`PolicyName`: 1 to 128 characters).
pub const MAX_POLICY_NAME_CHARS: usize = 128;

impl Policy {
    /// A policy with a name, a document, and the names of the roles it attaches to. IAM takes
    /// names of at most 128 characters: a longer one (a logical id derived from a long construct
    /// id, say) keeps its last 128, as the AWS CDK does, so that the distinguishing end stays.
    ///
    /// ```
    /// use cfn_model::iam::Policy;
    /// let p = Policy::new("P", Default::default(), []);
    /// let long = Policy::new(format!("{}DefaultPolicy", "A".repeat(200)), Default::default(), []).into_resource();
    /// let name = long.properties()["PolicyName"].clone();
    /// assert_eq!(serde_json::to_value(&name).unwrap().as_str().unwrap().len(), 128);
    /// ```
    pub fn new(name: impl Into<String>, document: PolicyDocument, roles: impl IntoIterator<Item = Expr>) -> Self {
        let mut name = name.into();
        let count = name.chars().count();
        if count > MAX_POLICY_NAME_CHARS {
            name = name.chars().skip(count - MAX_POLICY_NAME_CHARS).collect();
        }
        Policy {
            name,
            document,
            roles: roles.into_iter().collect(),
        }
    }

    /// The `AWS::IAM::Policy` resource.
    ///
    /// ```
    /// let r = cfn_model::iam::Policy::new("P", Default::default(), []).into_resource();
    /// assert!(r.properties().contains_key("PolicyDocument"));
    /// ```
    pub fn into_resource(self) -> Resource {
        Resource::new("AWS::IAM::Policy")
            .property("PolicyDocument", Value::custom(self.document))
            .property("PolicyName", Value::from(self.name))
            .property("Roles", Value::list(self.roles.into_iter().map(Value::from)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_same_resources_into_one_statement() {
        let mut doc = PolicyDocument::new();
        doc.add(PolicyStatement::allow(["xray:PutTraceSegments"], ["*".into()]));
        doc.add(PolicyStatement::allow(
            ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
            ["*".into()],
        ));
        assert_eq!(doc.statements().len(), 1);
        assert_eq!(
            doc.statements()[0].actions(),
            ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
        );
    }

    #[test]
    fn long_statements_merge_in_order_of_first_appearance() {
        // Past 16 members a statement's lists get sets beside them: the result must be the
        // same as with short lists.
        let r = |i: usize| Expr::lit(format!("arn:aws:lambda:us-east-1:123456789012:function:F{i}"));
        let mut doc = PolicyDocument::new();
        for i in 0..40 {
            doc.add_ref(&PolicyStatement::allow(
                ["lambda:InvokeFunction"],
                [r(i), r(i.saturating_sub(1))],
            ));
        }
        assert_eq!(doc.statements().len(), 1);
        assert_eq!(doc.statements()[0].resources(), (0..40).map(r).collect::<Vec<_>>());
        doc.add_ref(&PolicyStatement::allow(["lambda:InvokeFunction"], [r(30), r(5)]));
        assert_eq!(doc.statements()[0].resources().len(), 40);
        doc.add(PolicyStatement::allow(
            ["lambda:InvokeFunction"],
            [r(100), r(7), r(100)],
        ));
        assert_eq!(doc.statements()[0].resources().len(), 41);
        assert_eq!(doc.statements()[0].resources()[40], r(100));
        // The same resources with another action: the actions merge, long lists too.
        let all: Vec<Expr> = doc.statements()[0].resources().to_vec();
        for k in 0..20 {
            doc.add(PolicyStatement::allow([format!("lambda:Action{k}")], all.clone()));
        }
        assert_eq!(doc.statements().len(), 1);
        assert_eq!(doc.statements()[0].actions().len(), 21);
        doc.add_ref(&PolicyStatement::allow(
            ["lambda:Action3", "lambda:InvokeFunction"],
            all.clone(),
        ));
        assert_eq!(doc.statements()[0].actions().len(), 21);
    }

    #[test]
    fn keeps_statements_with_different_conditions_apart() {
        let mut doc = PolicyDocument::new();
        doc.add(PolicyStatement::allow(["a:B"], ["*".into()]));
        doc.add(PolicyStatement::allow(["a:B"], ["*".into()]).condition("StringEquals", "k", ["v".into()]));
        assert_eq!(doc.statements().len(), 2);
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(
            json["Statement"][1]["Condition"],
            serde_json::json!({"StringEquals": {"k": "v"}})
        );
    }

    #[test]
    fn role_trust_policy_matches_the_cdk_shape() {
        let role = Role::for_service("states.amazonaws.com")
            .trust_condition("StringEquals", "aws:SourceAccount", [Expr::account_id()])
            .trust_condition(
                "ArnLike",
                "aws:SourceArn",
                [Expr::sub(
                    "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*",
                )],
            );
        let json = serde_json::to_value(role.into_resource()).unwrap();
        assert_eq!(
            json["Properties"]["AssumeRolePolicyDocument"],
            serde_json::json!({
                "Statement": [{
                    "Action": "sts:AssumeRole",
                    "Condition": {
                        "ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"}},
                        "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
                    },
                    "Effect": "Allow",
                    "Principal": {"Service": "states.amazonaws.com"}
                }],
                "Version": "2012-10-17"
            })
        );
    }
}
