//! What a template's values refer to: the `Ref`s, `Fn::GetAtt`s and `Fn::Sub` variables, checked
//! against the parameters and resources the template has.

use crate::{CfnCondition, CfnError, Expr, ListExpr, Template, Value};

/// One reference: a name, and whether it reads an attribute (`Fn::GetAtt`, which only a
/// resource has) or is a `Ref` (a parameter, a resource or a pseudo parameter).
struct Reference<'a> {
    name: std::borrow::Cow<'a, str>,
    attribute: bool,
}

fn push_expr<'a>(e: &'a Expr, out: &mut Vec<Reference<'a>>) {
    match e {
        Expr::Literal(_) => {}
        Expr::Ref(name) => out.push(Reference {
            name: name.as_str().into(),
            attribute: false,
        }),
        Expr::GetAtt(id, _) => out.push(Reference {
            name: id.as_str().into(),
            attribute: true,
        }),
        Expr::Join(_, parts) | Expr::Concat(parts) => parts.iter().for_each(|p| push_expr(p, out)),
        Expr::JoinList(_, list) => push_list(list, out),
        Expr::Select(_, list) => push_list(list, out),
        Expr::ImportValue(name) => push_expr(name, out),
    }
}

fn push_list<'a>(l: &'a ListExpr, out: &mut Vec<Reference<'a>>) {
    match l {
        ListExpr::List(items) => items.iter().for_each(|i| push_expr(i, out)),
        ListExpr::Split(_, e) | ListExpr::GetAzs(e) => push_expr(e, out),
        ListExpr::Ref(name) => out.push(Reference {
            name: name.as_str().into(),
            attribute: false,
        }),
        ListExpr::GetAtt(id, _) => out.push(Reference {
            name: id.as_str().into(),
            attribute: true,
        }),
    }
}

fn push_value<'a>(v: &'a Value, out: &mut Vec<Reference<'a>>) {
    match v {
        Value::String(e) => push_expr(e, out),
        Value::List(items) => items.iter().for_each(|i| push_value(i, out)),
        Value::Map(map) => map.values().for_each(|i| push_value(i, out)),
        Value::Custom(c) => {
            if c.may_refer() {
                if let Ok(json) = c.to_json_value() {
                    push_json(&json, out);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The references of JSON a custom value writes: `{"Ref": ..}`, `{"Fn::GetAtt": ..}` and the
/// variables of `{"Fn::Sub": ..}` (its own variable map's names excepted).
fn push_json<'a>(v: &serde_json::Value, out: &mut Vec<Reference<'a>>) {
    use serde_json::Value as J;
    match v {
        J::Object(map) if map.len() == 1 => {
            let (k, inner) = map.iter().next().expect("one entry");
            match (k.as_str(), inner) {
                ("Ref", J::String(name)) => out.push(Reference {
                    name: name.clone().into(),
                    attribute: false,
                }),
                ("Fn::GetAtt", J::Array(parts)) => {
                    if let Some(J::String(id)) = parts.first() {
                        out.push(Reference {
                            name: id.clone().into(),
                            attribute: true,
                        });
                    }
                }
                ("Fn::GetAtt", J::String(text)) => out.push(Reference {
                    name: text.split('.').next().unwrap_or_default().to_owned().into(),
                    attribute: true,
                }),
                ("Fn::Sub", J::String(text)) => push_sub(text, &[], out),
                ("Fn::Sub", J::Array(parts)) => {
                    let vars: Vec<&str> = match parts.get(1) {
                        Some(J::Object(vars)) => vars.keys().map(String::as_str).collect(),
                        _ => Vec::new(),
                    };
                    if let Some(J::String(text)) = parts.first() {
                        push_sub(text, &vars, out);
                    }
                    if let Some(values) = parts.get(1) {
                        push_json(values, out);
                    }
                }
                _ => push_json(inner, out),
            }
        }
        J::Object(map) => map.values().for_each(|i| push_json(i, out)),
        J::Array(items) => items.iter().for_each(|i| push_json(i, out)),
        _ => {}
    }
}

/// The variables of `Fn::Sub` text: `${Name}` (a `Ref`) and `${Id.Attr}` (an `Fn::GetAtt`);
/// `${!Literal}` is text.
fn push_sub<'a>(text: &str, local: &[&str], out: &mut Vec<Reference<'a>>) {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 2..start + len];
        rest = &rest[start + len + 1..];
        if name.starts_with('!') || local.contains(&name) {
            continue;
        }
        let (id, attribute) = match name.split_once('.') {
            Some((id, _)) => (id, true),
            None => (name, false),
        };
        out.push(Reference {
            name: id.to_owned().into(),
            attribute,
        });
    }
}

fn push_condition<'a>(c: &'a CfnCondition, out: &mut Vec<Reference<'a>>) {
    match c {
        CfnCondition::Equals(a, b) => {
            push_expr(a, out);
            push_expr(b, out);
        }
        CfnCondition::Not(c) => push_condition(c, out),
        CfnCondition::And(cs) | CfnCondition::Or(cs) => cs.iter().for_each(|c| push_condition(c, out)),
        CfnCondition::Condition(_) => {}
    }
}

impl Template {
    /// Checks that every `Ref`, `Fn::GetAtt` and `Fn::Sub` variable of the resources, outputs
    /// and conditions names a parameter or resource of the template (an `Fn::GetAtt`, a
    /// resource), or a pseudo parameter (`AWS::Region`, ...): CloudFormation rejects a template
    /// that does not. The first offender is reported, in template order.
    ///
    /// ```
    /// use cfn_model::{Expr, Output, Resource, Template, Value};
    /// let mut t = Template::new();
    /// t.add_resource("Q", Resource::new("AWS::SQS::Queue")).unwrap();
    /// t.add_output("Url", Output::new(Expr::reference("Q"))).unwrap();
    /// assert!(t.check_references().is_ok());
    /// t.add_output("Arn", Output::new(Expr::get_att("Missing", "Arn"))).unwrap();
    /// assert!(t.check_references().is_err());
    /// ```
    pub fn check_references(&self) -> Result<(), CfnError> {
        let mut refs = Vec::new();
        // A condition may refer to parameters only (and pseudo parameters).
        let check =
            |from: &dyn Fn() -> String, refs: &mut Vec<Reference<'_>>, resources: bool| -> Result<(), CfnError> {
                for r in refs.drain(..) {
                    let name: &str = &r.name;
                    if name.starts_with("AWS::") && !r.attribute {
                        continue;
                    }
                    let known = (resources && self.resources().contains_key(name))
                        || (!r.attribute && self.parameters_map().contains_key(name));
                    if !known {
                        return Err(CfnError::MissingReference {
                            from: from(),
                            name: name.to_owned(),
                            how: if r.attribute { "Fn::GetAtt" } else { "Ref" },
                            expected: match (r.attribute, resources) {
                                (true, _) => "resource",
                                (false, true) => "parameter or resource",
                                (false, false) => "parameter (a condition may refer to parameters only)",
                            },
                        });
                    }
                }
                Ok(())
            };
        for (id, c) in self.conditions_map() {
            push_condition(c, &mut refs);
            check(&|| format!("condition `{id}`"), &mut refs, false)?;
        }
        for (id, resource) in self.resources() {
            for value in resource.properties_values() {
                push_value(value, &mut refs);
            }
            check(&|| format!("resource `{id}`"), &mut refs, true)?;
        }
        for (id, output) in self.outputs_map() {
            push_value(output.value(), &mut refs);
            check(&|| format!("output `{id}`"), &mut refs, true)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{CfnCondition, CfnError, Expr, Output, Parameter, Resource, Template, Value};

    fn missing(t: &Template) -> Option<(String, String)> {
        match t.check_references() {
            Err(CfnError::MissingReference { from, name, .. }) => Some((from, name)),
            Err(other) => panic!("{other:?}"),
            Ok(()) => None,
        }
    }

    #[test]
    fn pseudo_parameters_parameters_and_resources_are_known() {
        let mut t = Template::new();
        t.add_parameter("Env", Parameter::string()).unwrap();
        t.add_resource("Q", Resource::new("AWS::SQS::Queue")).unwrap();
        t.add_resource(
            "T",
            Resource::new("AWS::SNS::Topic").property(
                "TopicName",
                Value::from(Expr::sub("${AWS::StackName}-${Env}-${Q.QueueName}-${!Literal}")),
            ),
        )
        .unwrap();
        assert_eq!(missing(&t), None);
    }

    #[test]
    fn each_kind_of_dangling_reference_is_found_where_it_is() {
        let mut t = Template::new();
        t.add_resource(
            "A",
            Resource::new("AWS::SQS::Queue").property("X", Value::from(Expr::reference("Nope"))),
        )
        .unwrap();
        assert_eq!(missing(&t), Some(("resource `A`".into(), "Nope".into())));

        let mut t = Template::new();
        t.add_parameter("P", Parameter::string()).unwrap();
        t.add_output("O", Output::new(Expr::get_att("P", "Arn"))).unwrap();
        assert_eq!(missing(&t), Some(("output `O`".into(), "P".into())));

        let mut t = Template::new();
        t.add_condition("IsProd", CfnCondition::equals(Expr::reference("Stage"), "prod"))
            .unwrap();
        assert_eq!(missing(&t), Some(("condition `IsProd`".into(), "Stage".into())));

        // A condition may not refer to a resource.
        let mut t = Template::new();
        t.add_resource("Q", Resource::new("AWS::SQS::Queue")).unwrap();
        t.add_condition("OnQueue", CfnCondition::equals(Expr::reference("Q"), "x"))
            .unwrap();
        assert_eq!(missing(&t), Some(("condition `OnQueue`".into(), "Q".into())));
    }

    #[test]
    fn custom_values_are_read_as_json_with_sub_variables_and_their_own_map() {
        let json = serde_json::json!({"Fn::Sub": ["${Local}-${Remote}", {"Local": {"Ref": "Known"}}]});
        let mut t = Template::new();
        t.add_resource("Known", Resource::new("AWS::SQS::Queue")).unwrap();
        t.add_resource("C", Resource::new("AWS::SQS::Queue").property("X", Value::custom(json)))
            .unwrap();
        assert_eq!(missing(&t), Some(("resource `C`".into(), "Remote".into())));
    }
}
