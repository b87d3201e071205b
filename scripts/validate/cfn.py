"""CloudFormation templates as the validators need them: every state machine's ASL with the
template's intrinsics resolved, and a copy of a template that moto can deploy.

Values known only at deploy time are resolved to fake but well-formed ones: partition `aws`,
region `us-east-1`, account `123456789012`, ARNs built from the logical ids.
"""

from __future__ import annotations

import copy
import json
import re

PARTITION, REGION, ACCOUNT = "aws", "us-east-1", "123456789012"

PSEUDO = {
    "AWS::Partition": PARTITION,
    "AWS::Region": REGION,
    "AWS::AccountId": ACCOUNT,
    "AWS::StackName": "stack",
    "AWS::StackId": f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/stack/00000000-0000-0000-0000-000000000000",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::NoValue": "",
}

# `${Name}` in an Fn::Sub string or a definition; `${!Name}` is the literal `${Name}`.
PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


def resources(tpl: dict) -> dict:
    res = tpl.get("Resources")
    return res if isinstance(res, dict) else {}


def _type(tpl: dict, logical_id: str) -> str:
    r = resources(tpl).get(logical_id)
    return r.get("Type", "") if isinstance(r, dict) else ""


def _arn(tpl: dict, logical_id: str) -> str:
    """A fake ARN of the right shape for the resource's type."""
    typ = _type(tpl, logical_id)
    region_account = f"{REGION}:{ACCOUNT}"
    known = {
        "AWS::Lambda::Function": f"arn:aws:lambda:{region_account}:function:{logical_id}",
        "AWS::StepFunctions::StateMachine": f"arn:aws:states:{region_account}:stateMachine:{logical_id}",
        "AWS::StepFunctions::Activity": f"arn:aws:states:{region_account}:activity:{logical_id}",
        "AWS::IAM::Role": f"arn:aws:iam::{ACCOUNT}:role/{logical_id}",
        "AWS::DynamoDB::Table": f"arn:aws:dynamodb:{region_account}:table/{logical_id}",
        "AWS::S3::Bucket": f"arn:aws:s3:::{logical_id.lower()}",
        "AWS::SQS::Queue": f"arn:aws:sqs:{region_account}:{logical_id}",
        "AWS::SNS::Topic": f"arn:aws:sns:{region_account}:{logical_id}",
        "AWS::Events::EventBus": f"arn:aws:events:{region_account}:event-bus/{logical_id}",
        "AWS::KMS::Key": f"arn:aws:kms:{region_account}:key/{logical_id}",
        "AWS::Logs::LogGroup": f"arn:aws:logs:{region_account}:log-group:{logical_id}:*",
        "AWS::ECS::TaskDefinition": f"arn:aws:ecs:{region_account}:task-definition/{logical_id}:1",
        "AWS::ECS::Cluster": f"arn:aws:ecs:{region_account}:cluster/{logical_id}",
        "AWS::Lambda::Version": f"arn:aws:lambda:{region_account}:function:{logical_id}:1",
        "AWS::Lambda::Alias": f"arn:aws:lambda:{region_account}:function:{logical_id}:live",
    }
    if typ in known:
        return known[typ]
    service = typ.split("::")[1].lower() if typ.count("::") == 2 else "service"
    return f"arn:aws:{service}:{region_account}:{logical_id}"


def _ref(tpl: dict, name: str, parameters: dict) -> str:
    if name in PSEUDO:
        return PSEUDO[name]
    params = tpl.get("Parameters") or {}
    if name in params:
        if name in parameters:
            return str(parameters[name])
        default = (params[name] or {}).get("Default")
        return str(default) if default is not None else f"param-{name}"
    typ = _type(tpl, name)
    if typ == "AWS::SQS::Queue":
        return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"
    if typ in ("AWS::SNS::Topic", "AWS::StepFunctions::StateMachine", "AWS::StepFunctions::Activity",
               "AWS::ECS::TaskDefinition", "AWS::Lambda::Version", "AWS::Lambda::Alias"):
        return _arn(tpl, name)
    return name  # a physical name: a bucket's, a table's, a function's


def _get_att(tpl: dict, logical_id: str, attribute: str) -> str:
    if attribute.endswith("Arn"):
        return _arn(tpl, logical_id)
    if attribute == "QueueUrl":
        return _ref(tpl, logical_id, {})
    if attribute in ("QueueName", "TopicName", "Name"):
        return logical_id
    return f"{logical_id}-{attribute}"


def is_intrinsic(v) -> bool:
    if not isinstance(v, dict) or len(v) != 1:
        return False
    key = next(iter(v))
    return key == "Ref" or key.startswith("Fn::")


def resolve(v, tpl: dict, parameters: dict | None = None, local: dict | None = None):
    """`v` with every intrinsic function replaced by its (fake) value."""
    parameters = parameters or {}
    local = local or {}
    if isinstance(v, list):
        return [resolve(i, tpl, parameters, local) for i in v]
    if not is_intrinsic(v):
        if isinstance(v, dict):
            return {k: resolve(x, tpl, parameters, local) for k, x in v.items()}
        return v
    (fn, arg), = v.items()
    if fn == "Ref":
        return local[arg] if arg in local else _ref(tpl, arg, parameters)
    if fn == "Fn::GetAtt":
        parts = arg if isinstance(arg, list) else str(arg).split(".", 1)
        return _get_att(tpl, parts[0], parts[1])
    if fn == "Fn::Join":
        sep, items = arg
        return sep.join(str(resolve(i, tpl, parameters, local)) for i in resolve(items, tpl, parameters, local))
    if fn == "Fn::Sub":
        text, variables = (arg[0], arg[1] or {}) if isinstance(arg, list) else (arg, {})
        variables = {k: resolve(x, tpl, parameters, local) for k, x in variables.items()}

        def sub(m: re.Match) -> str:
            name = m.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(variables[name])
            if name in local:
                return str(local[name])
            if "." in name and name.split(".", 1)[0] in resources(tpl):
                head, attribute = name.split(".", 1)
                return _get_att(tpl, head, attribute)
            return _ref(tpl, name, parameters)

        return PLACEHOLDER.sub(sub, text)
    if fn == "Fn::Select":
        index, items = arg
        return resolve(resolve(items, tpl, parameters, local)[int(resolve(index, tpl, parameters, local))],
                       tpl, parameters, local)
    if fn == "Fn::Split":
        sep, text = arg
        return str(resolve(text, tpl, parameters, local)).split(sep)
    if fn == "Fn::If":
        return resolve(arg[1], tpl, parameters, local)
    if fn == "Fn::Base64":
        return resolve(arg, tpl, parameters, local)
    if fn == "Fn::ImportValue":
        return "imported-value"
    if fn == "Fn::GetAZs":
        return [f"{REGION}a", f"{REGION}b"]
    raise ValueError(f"cannot resolve {fn}")


def substitute(obj, values: dict):
    """Applies DefinitionSubstitutions to every string of a definition object (keys included)."""
    if isinstance(obj, str):
        whole = PLACEHOLDER.fullmatch(obj)
        if whole and whole.group(1) in values:
            return values[whole.group(1)]
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), obj)
    if isinstance(obj, list):
        return [substitute(i, values) for i in obj]
    if isinstance(obj, dict):
        return {substitute(k, values): substitute(v, values) for k, v in obj.items()}
    return obj


class StateMachine:
    """One AWS::StepFunctions::StateMachine of a template, its ASL resolved."""

    def __init__(self, logical_id: str, form: str, asl: dict | None, error: str | None):
        self.logical_id = logical_id
        # "Definition", "DefinitionString" (a plain string) or "DefinitionString (intrinsic)".
        self.form = form
        self.asl = asl
        self.error = error

    def __repr__(self) -> str:
        return f"StateMachine({self.logical_id!r}, {self.form!r}, error={self.error!r})"


def state_machines(tpl: dict) -> list[StateMachine]:
    out = []
    for lid, r in resources(tpl).items():
        if not isinstance(r, dict) or r.get("Type") != "AWS::StepFunctions::StateMachine":
            continue
        props = r.get("Properties") or {}
        raw = props.get("DefinitionSubstitutions") or {}
        form = "?"
        try:
            values = {k: resolve(v, tpl) for k, v in raw.items()}
            if "Definition" in props:
                form = "Definition"
                asl = substitute(props["Definition"], values)
            elif "DefinitionString" in props:
                text = props["DefinitionString"]
                form = "DefinitionString (intrinsic)" if is_intrinsic(text) else "DefinitionString"
                text = resolve(text, tpl)
                if not isinstance(text, str):
                    raise ValueError("DefinitionString is not a string once resolved")
                text = PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)
                try:
                    asl = json.loads(text)
                except ValueError as e:
                    raise ValueError(f"DefinitionString is not JSON: {e}") from None
            else:
                raise ValueError("no Definition or DefinitionString (DefinitionS3Location is not checked)")
            if not isinstance(asl, dict):
                raise ValueError("the definition is not a JSON object")
            out.append(StateMachine(lid, form, asl, None))
        except (ValueError, TypeError, KeyError, IndexError) as e:
            out.append(StateMachine(lid, form, None, str(e)))
    return out


def _join_parts(text: str, substitutions: dict) -> list:
    """`text` split at its `${Key}` placeholders, each replaced by its expression; literal
    substitution values are JSON-escaped, as they land inside JSON strings."""
    parts: list = []
    last = 0
    for m in PLACEHOLDER.finditer(text):
        key = m.group(1)
        if key not in substitutions:
            continue
        parts.append(text[last:m.start()])
        value = substitutions[key]
        parts.append(json.dumps(value)[1:-1] if isinstance(value, str) else value)
        last = m.end()
    parts.append(text[last:])
    merged: list = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        elif p != "":
            merged.append(p)
    return merged


def fold_for_moto(tpl: dict) -> dict:
    """A copy of `tpl` that moto's CloudFormation deploys as CloudFormation would.

    moto reads only `DefinitionString` (it ignores `Definition` and `DefinitionSubstitutions`).
    The copy holds the same definition as the string CloudFormation would compute: the JSON text
    of `Definition` with each `${Key}` of `DefinitionSubstitutions` replaced by its expression,
    written as `Fn::Join` rather than `Fn::Sub`: moto's `Fn::Sub` with a variable map runs
    Python's `string.Template` over the text, which turns `$$` into `$` (every context path
    `$$.Execution.Id` would become the input path `$.Execution.Id`) and reads a literal `${...}`
    left in a value as a reference. A Join's literal parts are taken as they are.
    """
    out = copy.deepcopy(tpl)
    for r in resources(out).values():
        if not isinstance(r, dict) or r.get("Type") != "AWS::StepFunctions::StateMachine":
            continue
        props = r.get("Properties") or {}
        subs = props.pop("DefinitionSubstitutions", None) or {}
        if "Definition" in props:
            text = json.dumps(props.pop("Definition"), separators=(",", ":"))
        elif isinstance(props.get("DefinitionString"), str):
            text = props["DefinitionString"]
        else:
            if subs:
                raise ValueError("an intrinsic DefinitionString with DefinitionSubstitutions is not folded")
            continue
        parts = _join_parts(text, subs)
        if len(parts) == 1 and isinstance(parts[0], str):
            props["DefinitionString"] = parts[0]
        else:
            props["DefinitionString"] = {"Fn::Join": ["", parts]}
    return out


def deployed_pattern(tpl: dict, logical_id: str):
    """What the definition of a deployed state machine must be, as a value for the harness's
    matcher: the template's definition with each literal substitution put in, and each
    CloudFormation-valued placeholder (an ARN, a name) matched by a pattern, since only the
    deploy knows its value. Returns None for a definition that is not a `Definition` object."""
    import manifest  # the matcher's Like

    props = resources(tpl)[logical_id].get("Properties") or {}
    if "Definition" not in props:
        return None
    subs = props.get("DefinitionSubstitutions") or {}

    def walk(v):
        if isinstance(v, dict):
            return {walk(k) if isinstance(k, str) and not PLACEHOLDER.search(k) else k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if not isinstance(v, str) or not any(m.group(1) in subs for m in PLACEHOLDER.finditer(v)):
            return v
        pattern, last, literal = "", 0, True
        for m in PLACEHOLDER.finditer(v):
            if m.group(1) not in subs:
                continue
            value = subs[m.group(1)]
            pattern += re.escape(v[last:m.start()])
            if isinstance(value, str):
                pattern += re.escape(value)
            else:
                pattern += r"[^\s]+"
                literal = False
            last = m.end()
        pattern += re.escape(v[last:])
        if literal:
            return PLACEHOLDER.sub(lambda m: subs.get(m.group(1), m.group(0)) if isinstance(subs.get(m.group(1)), str)
                                   else m.group(0), v)
        return manifest.Like(pattern, "a value CloudFormation resolves at deploy time")

    return walk(props["Definition"])
