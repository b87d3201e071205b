//! Templates: parameters, conditions, resources and outputs, in a deterministic order.

use indexmap::IndexMap;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::{CfnError, Expr, LogicalId, Value};

/// What CloudFormation does with a resource's physical resource when the resource leaves the
/// stack (`DeletionPolicy`) or is replaced (`UpdateReplacePolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum DeletionPolicy {
    /// Delete it.
    Delete,
    /// Keep it.
    Retain,
    /// Keep it on a failed create, delete it otherwise (`DeletionPolicy` only).
    RetainExceptOnCreate,
    /// Take a snapshot, then delete it (resources that support snapshots).
    Snapshot,
}

/// One resource.
///
/// ```
/// use cfn_model::{Resource, Value};
/// let topic = Resource::new("AWS::SNS::Topic").property("TopicName", Value::from("alerts"));
/// assert_eq!(topic.resource_type(), "AWS::SNS::Topic");
/// ```
#[derive(Debug, Clone)]
pub struct Resource {
    resource_type: String,
    properties: IndexMap<String, Value>,
    depends_on: Vec<LogicalId>,
    condition: Option<LogicalId>,
    deletion_policy: Option<DeletionPolicy>,
    update_replace_policy: Option<DeletionPolicy>,
}

impl Resource {
    /// A resource of a type such as `AWS::SNS::Topic`, with no properties yet.
    ///
    /// ```
    /// let r = cfn_model::Resource::new("AWS::SQS::Queue");
    /// assert!(r.properties().is_empty());
    /// ```
    pub fn new(resource_type: impl Into<String>) -> Self {
        Resource {
            resource_type: resource_type.into(),
            properties: IndexMap::new(),
            depends_on: Vec::new(),
            condition: None,
            deletion_policy: None,
            update_replace_policy: None,
        }
    }

    /// Sets a property. Default: none.
    ///
    /// ```
    /// let r = cfn_model::Resource::new("AWS::SQS::Queue").property("DelaySeconds", 5.into());
    /// assert_eq!(r.properties().len(), 1);
    /// ```
    #[must_use]
    pub fn property(mut self, name: impl Into<String>, value: Value) -> Self {
        self.properties.insert(name.into(), value);
        self
    }

    /// Sets a property when a value is given.
    ///
    /// ```
    /// let r = cfn_model::Resource::new("AWS::SQS::Queue").property_opt("DelaySeconds", None);
    /// assert!(r.properties().is_empty());
    /// ```
    #[must_use]
    pub fn property_opt(self, name: impl Into<String>, value: Option<Value>) -> Self {
        match value {
            Some(v) => self.property(name, v),
            None => self,
        }
    }

    /// Adds a `DependsOn` entry. Default: none.
    ///
    /// ```
    /// use cfn_model::{LogicalId, Resource};
    /// let r = Resource::new("AWS::SQS::Queue").depends_on(LogicalId::from_construct_id("Key").unwrap());
    /// ```
    #[must_use]
    pub fn depends_on(mut self, id: LogicalId) -> Self {
        if !self.depends_on.contains(&id) {
            self.depends_on.push(id);
        }
        self
    }

    /// Creates the resource only when a template condition holds. Default: always.
    ///
    /// ```
    /// use cfn_model::{LogicalId, Resource};
    /// let r = Resource::new("AWS::SQS::Queue").condition(LogicalId::from_construct_id("IsProd").unwrap());
    /// ```
    #[must_use]
    pub fn condition(mut self, condition: LogicalId) -> Self {
        self.condition = Some(condition);
        self
    }

    /// Sets both `DeletionPolicy` and `UpdateReplacePolicy` (CDK's removal policy). Default:
    /// CloudFormation's (delete).
    ///
    /// ```
    /// use cfn_model::{DeletionPolicy, Resource};
    /// let r = Resource::new("AWS::Logs::LogGroup").removal_policy(DeletionPolicy::Retain);
    /// ```
    #[must_use]
    pub fn removal_policy(mut self, policy: DeletionPolicy) -> Self {
        self.deletion_policy = Some(policy);
        self.update_replace_policy = Some(match policy {
            DeletionPolicy::RetainExceptOnCreate => DeletionPolicy::Retain,
            other => other,
        });
        self
    }

    /// The resource type.
    ///
    /// ```
    /// assert_eq!(cfn_model::Resource::new("AWS::SQS::Queue").resource_type(), "AWS::SQS::Queue");
    /// ```
    pub fn resource_type(&self) -> &str {
        &self.resource_type
    }

    pub(crate) fn properties_values(&self) -> impl Iterator<Item = &Value> {
        self.properties.values()
    }

    pub(crate) fn condition_id(&self) -> Option<&LogicalId> {
        self.condition.as_ref()
    }

    pub(crate) fn depends_on_ids(&self) -> &[LogicalId] {
        &self.depends_on
    }

    pub(crate) fn update_replace_policy_value(&self) -> Option<DeletionPolicy> {
        self.update_replace_policy
    }

    pub(crate) fn deletion_policy_value(&self) -> Option<DeletionPolicy> {
        self.deletion_policy
    }

    /// The properties, in insertion order.
    ///
    /// ```
    /// assert!(cfn_model::Resource::new("AWS::SQS::Queue").properties().is_empty());
    /// ```
    pub fn properties(&self) -> &IndexMap<String, Value> {
        &self.properties
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("Type", &self.resource_type)?;
        if let Some(c) = &self.condition {
            m.serialize_entry("Condition", c)?;
        }
        if !self.properties.is_empty() {
            m.serialize_entry("Properties", &self.properties)?;
        }
        if !self.depends_on.is_empty() {
            m.serialize_entry("DependsOn", &self.depends_on)?;
        }
        if let Some(p) = &self.update_replace_policy {
            m.serialize_entry("UpdateReplacePolicy", p)?;
        }
        if let Some(p) = &self.deletion_policy {
            m.serialize_entry("DeletionPolicy", p)?;
        }
        m.end()
    }
}

/// A template parameter.
///
/// ```
/// let p = cfn_model::Parameter::string().description("ARN of the function to invoke");
/// ```
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Parameter {
    #[serde(rename = "Type")]
    parameter_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    allowed_values: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_pattern: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    no_echo: bool,
}

impl Parameter {
    /// A parameter of a given type (`String`, `Number`, `CommaDelimitedList`,
    /// `AWS::SSM::Parameter::Value<String>`, ...).
    ///
    /// ```
    /// let p = cfn_model::Parameter::new("Number");
    /// ```
    pub fn new(parameter_type: impl Into<String>) -> Self {
        Parameter {
            parameter_type: parameter_type.into(),
            description: None,
            default: None,
            allowed_values: Vec::new(),
            allowed_pattern: None,
            no_echo: false,
        }
    }

    /// A `String` parameter.
    ///
    /// ```
    /// let p = cfn_model::Parameter::string();
    /// ```
    pub fn string() -> Self {
        Self::new("String")
    }

    /// The description shown in the console. Default: none.
    ///
    /// ```
    /// let p = cfn_model::Parameter::string().description("the queue URL");
    /// ```
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// The default value. Default: none (the parameter is required at deploy time).
    ///
    /// ```
    /// let p = cfn_model::Parameter::string().default_value("dev".into());
    /// ```
    #[must_use]
    pub fn default_value(mut self, value: Value) -> Self {
        self.default = Some(value);
        self
    }

    /// The values allowed. Default: any.
    ///
    /// ```
    /// let p = cfn_model::Parameter::string().allowed_values(["dev", "prod"]);
    /// ```
    #[must_use]
    pub fn allowed_values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.allowed_values = values.into_iter().map(Into::into).collect();
        self
    }

    /// A regular expression the value must match. Default: none.
    ///
    /// ```
    /// let p = cfn_model::Parameter::string().allowed_pattern("^arn:.*");
    /// ```
    #[must_use]
    pub fn allowed_pattern(mut self, pattern: impl Into<String>) -> Self {
        self.allowed_pattern = Some(pattern.into());
        self
    }

    /// Masks the value in the console and API output. Default: false.
    ///
    /// ```
    /// let p = cfn_model::Parameter::string().no_echo();
    /// ```
    #[must_use]
    pub fn no_echo(mut self) -> Self {
        self.no_echo = true;
        self
    }
}

/// A template condition (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`).
///
/// ```
/// use cfn_model::{CfnCondition, Expr};
/// let c = CfnCondition::equals(Expr::reference("Env"), "prod");
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"Fn::Equals":[{"Ref":"Env"},"prod"]}"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum CfnCondition {
    /// Two strings are equal.
    Equals(Expr, Expr),
    /// Negation.
    Not(Box<CfnCondition>),
    /// All hold.
    And(Vec<CfnCondition>),
    /// Any holds.
    Or(Vec<CfnCondition>),
    /// Another named condition.
    Condition(LogicalId),
}

impl CfnCondition {
    /// `Fn::Equals`.
    ///
    /// ```
    /// let c = cfn_model::CfnCondition::equals("a", "b");
    /// ```
    pub fn equals(a: impl Into<Expr>, b: impl Into<Expr>) -> Self {
        CfnCondition::Equals(a.into(), b.into())
    }

    /// `Fn::Not`.
    ///
    /// ```
    /// let c = cfn_model::CfnCondition::equals("a", "b").not();
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Self {
        CfnCondition::Not(Box::new(self))
    }
}

impl Serialize for CfnCondition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        match self {
            CfnCondition::Equals(a, b) => m.serialize_entry("Fn::Equals", &(a, b))?,
            CfnCondition::Not(c) => m.serialize_entry("Fn::Not", &[c.as_ref()])?,
            CfnCondition::And(cs) => m.serialize_entry("Fn::And", cs)?,
            CfnCondition::Or(cs) => m.serialize_entry("Fn::Or", cs)?,
            CfnCondition::Condition(id) => m.serialize_entry("Condition", id)?,
        }
        m.end()
    }
}

/// A stack output.
///
/// ```
/// use cfn_model::{Expr, Output};
/// let o = Output::new(Expr::reference("StateMachine")).description("the state machine ARN");
/// ```
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Output {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    value: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    export: Option<Export>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<LogicalId>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Export {
    name: Expr,
}

impl Output {
    pub(crate) fn value(&self) -> &Value {
        &self.value
    }

    /// An output with a value.
    ///
    /// ```
    /// let o = cfn_model::Output::new(cfn_model::Expr::get_att("Role", "Arn"));
    /// ```
    pub fn new(value: impl Into<Value>) -> Self {
        Output {
            description: None,
            value: value.into(),
            export: None,
            condition: None,
        }
    }

    /// The description. Default: none.
    ///
    /// ```
    /// let o = cfn_model::Output::new("x").description("y");
    /// ```
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Exports the value under a name other stacks import with `Fn::ImportValue`. Default: not
    /// exported.
    ///
    /// ```
    /// let o = cfn_model::Output::new("x").export_name("SharedValue");
    /// ```
    #[must_use]
    pub fn export_name(mut self, name: impl Into<Expr>) -> Self {
        self.export = Some(Export { name: name.into() });
        self
    }
}

/// A CloudFormation template.
///
/// Sections and their entries render in insertion order, so the same program always writes the
/// same bytes.
///
/// ```
/// use cfn_model::{Resource, Template, Value};
/// let mut t = Template::new().description("demo");
/// let id = t.add_resource("alerts topic", Resource::new("AWS::SNS::Topic")).unwrap();
/// assert_eq!(id.as_str(), "AlertsTopic");
/// assert!(t.add_resource("alerts-topic", Resource::new("AWS::SNS::Topic")).is_err());
/// assert!(t.to_json_pretty().unwrap().contains("\"AlertsTopic\""));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Template {
    description: Option<String>,
    parameters: IndexMap<LogicalId, Parameter>,
    conditions: IndexMap<LogicalId, CfnCondition>,
    resources: IndexMap<LogicalId, Resource>,
    outputs: IndexMap<LogicalId, Output>,
    construct_ids: IndexMap<LogicalId, (String, &'static str)>,
}

impl Template {
    /// An empty template.
    ///
    /// ```
    /// assert!(cfn_model::Template::new().resources().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the description. Default: none.
    ///
    /// ```
    /// let t = cfn_model::Template::new().description("my stack");
    /// ```
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Who holds a logical id already: the construct id it was derived from, and `resource`,
    /// `parameter`, `condition` or `output`.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// t.add_resource("My Queue", cfn_model::Resource::new("AWS::SQS::Queue")).unwrap();
    /// assert_eq!(t.claimed("MyQueue"), Some(("My Queue", "resource")));
    /// assert_eq!(t.claimed("Other"), None);
    /// ```
    pub fn claimed(&self, logical_id: &str) -> Option<(&str, &'static str)> {
        self.construct_ids.get(logical_id).map(|(c, kind)| (c.as_str(), *kind))
    }

    fn claim(&mut self, construct_id: &str, kind: &'static str) -> Result<LogicalId, CfnError> {
        let id = LogicalId::from_construct_id(construct_id)?;
        if let Some((existing_construct_id, existing)) = self.construct_ids.get(&id) {
            return Err(CfnError::DuplicateLogicalId {
                logical_id: id.to_string(),
                construct_id: construct_id.to_owned(),
                existing,
                existing_construct_id: existing_construct_id.clone(),
            });
        }
        self.construct_ids.insert(id.clone(), (construct_id.to_owned(), kind));
        Ok(id)
    }

    /// Adds a resource under the logical id derived from `construct_id`.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let id = t.add_resource("Queue", cfn_model::Resource::new("AWS::SQS::Queue")).unwrap();
    /// assert_eq!(id.as_str(), "Queue");
    /// ```
    pub fn add_resource(&mut self, construct_id: &str, resource: Resource) -> Result<LogicalId, CfnError> {
        let id = self.claim(construct_id, "resource")?;
        self.resources.insert(id.clone(), resource);
        Ok(id)
    }

    /// Adds a parameter; returns the `Ref` expression that reads it.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// let arn = t.add_parameter("FunctionArn", cfn_model::Parameter::string()).unwrap();
    /// assert_eq!(arn, cfn_model::Expr::reference("FunctionArn"));
    /// ```
    pub fn add_parameter(&mut self, construct_id: &str, parameter: Parameter) -> Result<Expr, CfnError> {
        let id = self.claim(construct_id, "parameter")?;
        let expr = Expr::reference(id.as_str());
        self.parameters.insert(id, parameter);
        Ok(expr)
    }

    /// Adds a condition.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// t.add_condition("IsProd", cfn_model::CfnCondition::equals("a", "b")).unwrap();
    /// ```
    pub fn add_condition(&mut self, construct_id: &str, condition: CfnCondition) -> Result<LogicalId, CfnError> {
        let id = self.claim(construct_id, "condition")?;
        self.conditions.insert(id.clone(), condition);
        Ok(id)
    }

    /// Adds an output.
    ///
    /// ```
    /// let mut t = cfn_model::Template::new();
    /// t.add_output("TopicArn", cfn_model::Output::new("x")).unwrap();
    /// ```
    pub fn add_output(&mut self, construct_id: &str, output: Output) -> Result<LogicalId, CfnError> {
        let id = self.claim(construct_id, "output")?;
        self.outputs.insert(id.clone(), output);
        Ok(id)
    }

    /// The resources, in insertion order.
    ///
    /// ```
    /// assert_eq!(cfn_model::Template::new().resources().len(), 0);
    /// ```
    pub fn resources(&self) -> &IndexMap<LogicalId, Resource> {
        &self.resources
    }

    /// The resource with a logical id.
    ///
    /// ```
    /// assert!(cfn_model::Template::new().resource("X").is_none());
    /// ```
    pub fn resource(&self, logical_id: &str) -> Option<&Resource> {
        self.resources.get(logical_id)
    }

    pub(crate) fn description_text(&self) -> Option<&str> {
        self.description.as_deref()
    }

    pub(crate) fn parameters_map(&self) -> &IndexMap<LogicalId, Parameter> {
        &self.parameters
    }

    pub(crate) fn conditions_map(&self) -> &IndexMap<LogicalId, CfnCondition> {
        &self.conditions
    }

    pub(crate) fn outputs_map(&self) -> &IndexMap<LogicalId, Output> {
        &self.outputs
    }

    /// Checks that every `DependsOn` names a resource of the template.
    ///
    /// ```
    /// use cfn_model::{LogicalId, Resource, Template};
    /// let mut t = Template::new();
    /// t.add_resource("A", Resource::new("AWS::SQS::Queue").depends_on(LogicalId::from_construct_id("B").unwrap())).unwrap();
    /// assert!(t.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), CfnError> {
        for (id, resource) in &self.resources {
            for dep in &resource.depends_on {
                if !self.resources.contains_key(dep) {
                    return Err(CfnError::MissingDependency {
                        resource: id.to_string(),
                        missing: dep.to_string(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Pretty JSON (two-space indent, trailing newline): readable diffs and snapshots.
    ///
    /// ```
    /// assert!(cfn_model::Template::new().to_json_pretty().unwrap().starts_with("{\n"));
    /// ```
    pub fn to_json_pretty(&self) -> Result<String, CfnError> {
        self.validate()?;
        let mut sink = crate::JsonSink::buffered();
        crate::json::write_template(self, true, &mut sink).map_err(|e| CfnError::Serialization(e.to_string()))?;
        let mut out = sink.into_buffer();
        out.push(b'\n');
        String::from_utf8(out).map_err(|e| CfnError::Serialization(e.to_string()))
    }

    /// Writes the template to `writer` as it is serialized, pretty (with the trailing newline
    /// of [`to_json_pretty`](Template::to_json_pretty)) or compact: the same bytes as
    /// `to_json_pretty`/`to_json_compact`, never held whole in memory. Returns the number of
    /// bytes written.
    ///
    /// ```
    /// let t = cfn_model::Template::new();
    /// let mut out = Vec::new();
    /// let n = t.write_json(true, &mut out).unwrap();
    /// assert_eq!(out, t.to_json_pretty().unwrap().into_bytes());
    /// assert_eq!(n, out.len());
    /// ```
    pub fn write_json(&self, pretty: bool, writer: &mut dyn std::io::Write) -> Result<usize, CfnError> {
        self.validate()?;
        let mut sink = crate::JsonSink::to_writer(writer);
        let written = crate::json::write_template(self, pretty, &mut sink).and_then(|()| {
            if pretty {
                sink.buffer().push(b'\n');
            }
            sink.finish().map_err(serde_json::Error::io)
        });
        written.map_err(|e| {
            if e.is_io() {
                CfnError::Write(e.to_string())
            } else {
                CfnError::Serialization(e.to_string())
            }
        })
    }

    /// Compact JSON: the smallest template, for the 51,200-byte limit of an inline deploy.
    ///
    /// ```
    /// assert!(!cfn_model::Template::new().to_json_compact().unwrap().contains('\n'));
    /// ```
    pub fn to_json_compact(&self) -> Result<String, CfnError> {
        self.validate()?;
        let mut sink = crate::JsonSink::buffered();
        crate::json::write_template(self, false, &mut sink).map_err(|e| CfnError::Serialization(e.to_string()))?;
        String::from_utf8(sink.into_buffer()).map_err(|e| CfnError::Serialization(e.to_string()))
    }
}

impl Serialize for Template {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("AWSTemplateFormatVersion", "2010-09-09")?;
        if let Some(d) = &self.description {
            m.serialize_entry("Description", d)?;
        }
        if !self.parameters.is_empty() {
            m.serialize_entry("Parameters", &self.parameters)?;
        }
        if !self.conditions.is_empty() {
            m.serialize_entry("Conditions", &self.conditions)?;
        }
        m.serialize_entry("Resources", &self.resources)?;
        if !self.outputs.is_empty() {
            m.serialize_entry("Outputs", &self.outputs)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_logical_ids_across_sections_are_errors() {
        let mut t = Template::new();
        t.add_parameter("Name", Parameter::string()).unwrap();
        let err = t.add_resource("name", Resource::new("AWS::SQS::Queue")).unwrap_err();
        assert_eq!(
            err,
            CfnError::DuplicateLogicalId {
                logical_id: "Name".into(),
                construct_id: "name".into(),
                existing: "parameter",
                existing_construct_id: "Name".into(),
            }
        );
    }

    #[test]
    fn resource_renders_policies_and_depends_on() {
        let mut t = Template::new();
        t.add_resource("B", Resource::new("AWS::SQS::Queue")).unwrap();
        t.add_resource(
            "A",
            Resource::new("AWS::SQS::Queue")
                .depends_on(LogicalId::from_construct_id("B").unwrap())
                .removal_policy(DeletionPolicy::Retain),
        )
        .unwrap();
        let json: serde_json::Value = serde_json::from_str(&t.to_json_compact().unwrap()).unwrap();
        assert_eq!(
            json["Resources"]["A"],
            serde_json::json!({"Type": "AWS::SQS::Queue", "DependsOn": ["B"], "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain"})
        );
    }

    #[test]
    fn missing_dependency_is_an_error() {
        let mut t = Template::new();
        t.add_resource(
            "A",
            Resource::new("AWS::SQS::Queue").depends_on(LogicalId::from_construct_id("Nope").unwrap()),
        )
        .unwrap();
        assert_eq!(
            t.to_json_pretty().unwrap_err(),
            CfnError::MissingDependency {
                resource: "A".into(),
                missing: "Nope".into()
            }
        );
    }

    #[test]
    fn sections_render_in_order() {
        let mut t = Template::new().description("d");
        t.add_parameter("P", Parameter::string().default_value("x".into()))
            .unwrap();
        t.add_condition("C", CfnCondition::equals(Expr::reference("P"), "x"))
            .unwrap();
        t.add_resource("R", Resource::new("AWS::SQS::Queue")).unwrap();
        t.add_output("O", Output::new(Expr::reference("R")).export_name("E"))
            .unwrap();
        let text = t.to_json_compact().unwrap();
        assert_eq!(
            text,
            r#"{"AWSTemplateFormatVersion":"2010-09-09","Description":"d","Parameters":{"P":{"Type":"String","Default":"x"}},"Conditions":{"C":{"Fn::Equals":[{"Ref":"P"},"x"]}},"Resources":{"R":{"Type":"AWS::SQS::Queue"}},"Outputs":{"O":{"Value":{"Ref":"R"},"Export":{"Name":"E"}}}}"#
        );
    }
}
