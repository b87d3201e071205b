"""Unit tests of the harness's own logic: intrinsic resolution, definition extraction, the fold
for moto, the expected-output matcher and the lint exceptions. Run by `validate.sh --self-test`
(or `python3 -m unittest test_cfn` in this folder)."""

import json
import unittest

import cfn
import manifest

TPL = {
    "Parameters": {"Stage": {"Type": "String", "Default": "prod"}, "Queue": {"Type": "String"}},
    "Resources": {
        "Fn": {"Type": "AWS::Lambda::Function"},
        "Topic": {"Type": "AWS::SNS::Topic"},
        "TD": {"Type": "AWS::ECS::TaskDefinition"},
        "Bucket": {"Type": "AWS::S3::Bucket"},
    },
}


class Resolve(unittest.TestCase):
    def test_pseudo_parameters_refs_and_attributes(self):
        self.assertEqual(cfn.resolve({"Ref": "AWS::Region"}, TPL), "us-east-1")
        self.assertEqual(cfn.resolve({"Ref": "Stage"}, TPL), "prod")
        self.assertEqual(cfn.resolve({"Ref": "Queue"}, TPL, {"Queue": "q1"}), "q1")
        self.assertEqual(cfn.resolve({"Ref": "Topic"}, TPL), "arn:aws:sns:us-east-1:123456789012:Topic")
        self.assertEqual(cfn.resolve({"Fn::GetAtt": ["Fn", "Arn"]}, TPL),
                         "arn:aws:lambda:us-east-1:123456789012:function:Fn")
        self.assertEqual(cfn.resolve({"Ref": "Bucket"}, TPL), "Bucket")

    def test_sub_keeps_escaped_placeholders_literal(self):
        value = {"Fn::Sub": ["arn:${AWS::Partition}:x:${Fn.Arn}:${Var}:${!Literal}", {"Var": {"Ref": "Stage"}}]}
        self.assertEqual(cfn.resolve(value, TPL),
                         "arn:aws:x:arn:aws:lambda:us-east-1:123456789012:function:Fn:prod:${Literal}")

    def test_join_select_split(self):
        revision = {"Fn::Select": [1, {"Fn::Split": [":", {"Ref": "TD"}]}]}
        self.assertEqual(cfn.resolve(revision, TPL), "aws")
        self.assertEqual(cfn.resolve({"Fn::Join": ["-", ["a", {"Ref": "Stage"}]]}, TPL), "a-prod")

    def test_an_unknown_function_is_an_error(self):
        with self.assertRaises(ValueError):
            cfn.resolve({"Fn::Nope": 1}, TPL)


def machine(props):
    return {"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": props}}}


DEFINITION = {
    "StartAt": "Call",
    "States": {
        "Call": {"Type": "Task", "Resource": "${FnArn}",
                 "Parameters": {"text": "${Text}", "id.$": "$$.Execution.Id", "q": "say \"${Word}\""},
                 "End": True},
    },
}
SUBSTITUTIONS = {"FnArn": {"Fn::GetAtt": ["Fn", "Arn"]}, "Text": "`wait ${$.seconds} s`", "Word": "hi"}


class StateMachines(unittest.TestCase):
    def test_definition_object_with_substitutions(self):
        tpl = dict(TPL, **machine({"Definition": DEFINITION, "DefinitionSubstitutions": SUBSTITUTIONS}))
        tpl["Resources"] = {**TPL["Resources"], **tpl["Resources"]}
        [m] = cfn.state_machines(tpl)
        self.assertEqual(m.form, "Definition")
        call = m.asl["States"]["Call"]
        self.assertEqual(call["Resource"], "arn:aws:lambda:us-east-1:123456789012:function:Fn")
        self.assertEqual(call["Parameters"]["text"], "`wait ${$.seconds} s`")
        self.assertEqual(call["Parameters"]["id.$"], "$$.Execution.Id")

    def test_plain_and_intrinsic_definition_strings(self):
        [plain] = cfn.state_machines(machine({"DefinitionString": json.dumps({"StartAt": "A", "States": {}})}))
        self.assertEqual((plain.form, plain.asl["StartAt"]), ("DefinitionString", "A"))
        sub = machine({"DefinitionString": {"Fn::Sub": '{"StartAt": "${AWS::Region}", "States": {}}'}})
        [m] = cfn.state_machines(sub)
        self.assertEqual((m.form, m.asl["StartAt"]), ("DefinitionString (intrinsic)", "us-east-1"))

    def test_a_definition_that_is_not_json_is_reported(self):
        [m] = cfn.state_machines(machine({"DefinitionString": "{not json"}))
        self.assertIsNone(m.asl)
        self.assertIn("not JSON", m.error)


class FoldForMoto(unittest.TestCase):
    def folded(self, props):
        return cfn.fold_for_moto(machine(props))["Resources"]["M"]["Properties"]

    def test_substitutions_become_join_parts_and_mean_the_same(self):
        props = self.folded({"Definition": DEFINITION, "DefinitionSubstitutions": SUBSTITUTIONS})
        self.assertNotIn("Definition", props)
        self.assertNotIn("DefinitionSubstitutions", props)
        sep, parts = props["DefinitionString"]["Fn::Join"]
        self.assertEqual(sep, "")
        self.assertIn({"Fn::GetAtt": ["Fn", "Arn"]}, parts)
        # Joined with the values CloudFormation would put in, the text is the definition.
        text = "".join(p if isinstance(p, str) else "ARN" for p in parts)
        asl = json.loads(text)
        call = asl["States"]["Call"]
        self.assertEqual(call["Resource"], "ARN")
        self.assertEqual(call["Parameters"]["text"], "`wait ${$.seconds} s`")  # a literal ${ survives
        self.assertEqual(call["Parameters"]["id.$"], "$$.Execution.Id")  # $$ survives
        self.assertEqual(call["Parameters"]["q"], 'say "hi"')

    def test_a_value_with_quotes_is_escaped_inside_the_json_string(self):
        props = self.folded({"Definition": {"Comment": "${C}", "StartAt": "A", "States": {}},
                             "DefinitionSubstitutions": {"C": 'a "quoted" \\ value'}})
        self.assertEqual(json.loads(props["DefinitionString"])["Comment"], 'a "quoted" \\ value')

    def test_without_substitutions_the_string_is_plain(self):
        props = self.folded({"Definition": {"StartAt": "A", "States": {}}})
        self.assertEqual(json.loads(props["DefinitionString"]), {"StartAt": "A", "States": {}})

    def test_placeholders_without_substitution_stay(self):
        props = self.folded({"Definition": {"Comment": "${Nope}", "StartAt": "A", "States": {}},
                             "DefinitionSubstitutions": {"X": "y"}})
        self.assertEqual(json.loads(props["DefinitionString"])["Comment"], "${Nope}")


class DeployedPattern(unittest.TestCase):
    def test_literals_exact_and_deploy_time_values_by_pattern(self):
        tpl = machine({"Definition": DEFINITION, "DefinitionSubstitutions": SUBSTITUTIONS})
        pattern = cfn.deployed_pattern(tpl, "M")
        deployed = json.loads(json.dumps(DEFINITION))
        call = deployed["States"]["Call"]
        call["Resource"] = "arn:aws:lambda:us-east-1:123456789012:function:stack-Fn-ABC"
        call["Parameters"]["text"] = "`wait ${$.seconds} s`"
        call["Parameters"]["q"] = 'say "hi"'
        self.assertEqual(manifest.mismatches(pattern, deployed), [])
        call["Parameters"]["id.$"] = "$.Execution.Id"  # what moto's Fn::Sub makes of $$
        self.assertTrue(manifest.mismatches(pattern, deployed))


class Matcher(unittest.TestCase):
    def check(self, case, **described):
        return manifest.check_execution(case, {"status": "SUCCEEDED", "name": "n-1", "executionArn": "arn:x", **described})

    def test_exact_json_equality(self):
        self.assertEqual(self.check({"output": {"a": [1, "x"]}}, output='{"a": [1.0, "x"]}'), [])
        self.assertTrue(self.check({"output": {"a": 1}}, output='{"a": 1, "b": 2}'))  # an extra key
        self.assertTrue(self.check({"output": {"a": 1}}, output='{}'))  # a missing key
        self.assertTrue(self.check({"output": {"a": True}}, output='{"a": 1}'))  # true is not 1
        self.assertTrue(self.check({"output": "x"}, output='x'))  # not JSON

    def test_like_and_execution_placeholders(self):
        case = {"output": {"t": manifest.TIMESTAMP, "n": manifest.ExecutionName(), "a": manifest.ExecutionArn()}}
        self.assertEqual(self.check(case, output='{"t": "2024-01-01T00:00:00.123Z", "n": "n-1", "a": "arn:x"}'), [])
        self.assertTrue(self.check(case, output='{"t": "yesterday", "n": "n-1", "a": "arn:x"}'))

    def test_status_error_and_moto_overrides(self):
        case = {"status": "FAILED", "error": "States.Runtime"}
        self.assertEqual(self.check(case, status="FAILED", error="States.Runtime"), [])
        self.assertTrue(self.check(case, status="SUCCEEDED", output="{}"))
        moto_case = dict(case, moto={"error": "Other"}, moto_why="a moto limit")
        self.assertEqual(self.check(moto_case, status="FAILED", error="Other"), [])
        self.assertTrue(self.check(moto_case, status="FAILED", error="States.Runtime"))


    def test_integer_bounds(self):
        case = {"output": {"count": manifest.Integer("other stacks' buckets", minimum=1)}}
        self.assertEqual(self.check(case, output='{"count": 4}'), [])
        self.assertTrue(self.check(case, output='{"count": 0}'))
        self.assertTrue(self.check(case, output='{"count": true}'))  # true is not 1
        self.assertTrue(self.check(case, output='{"count": 1.5}'))
        self.assertTrue(self.check(case, output='{"count": "4"}'))
        case = {"output": manifest.Integer("random", minimum=1, maximum=999)}
        self.assertEqual(self.check(case, output='999'), [])
        self.assertTrue(self.check(case, output='1000'))

    def test_a_moto_status_drops_what_goes_with_aws_status(self):
        # moto fails where AWS succeeds: no output is expected, moto's error is.
        case = {"output": {"a": 1}, "moto": {"status": "FAILED", "error": "E"}, "moto_why": "a moto limit"}
        self.assertEqual(self.check(case, status="FAILED", error="E"), [])
        self.assertTrue(self.check(case, status="SUCCEEDED", output='{"a": 1}'))
        # moto succeeds where AWS fails: no error is expected, moto's output is.
        case = {"status": "FAILED", "error": "States.Runtime", "moto": {"status": "SUCCEEDED", "output": "x"},
                "moto_why": "a moto limit"}
        self.assertEqual(self.check(case, status="SUCCEEDED", output='"x"'), [])
        self.assertTrue(self.check(case, status="SUCCEEDED", output='"y"'))
        # Without a status of moto's, AWS's fields stay.
        case = {"status": "FAILED", "error": "States.Runtime", "moto": {"cause": "c"}, "moto_why": "a moto limit"}
        self.assertEqual(manifest.expected(case)["error"], "States.Runtime")

    def test_physical_ids_and_execution_placeholders_in_commands(self):
        args = ["s3api", "head-object", "--bucket", manifest.Physical("Bucket"), "--key", manifest.ExecutionName()]
        self.assertEqual(manifest.materialize(args, "n-1", "arn:x", {"Bucket": "stack-bucket-1a2b"}),
                         ["s3api", "head-object", "--bucket", "stack-bucket-1a2b", "--key", "n-1"])
        with self.assertRaises(KeyError):
            manifest.materialize(args, "n-1", "arn:x", {})


class Manifest(unittest.TestCase):
    def test_every_case_is_well_formed(self):
        known = {"name", "input", "status", "output", "error", "cause", "lambda_results", "state_machine",
                 "beforehand", "afterwards", "moto", "moto_why", "timeout"}
        for table in (manifest.EXAMPLES, manifest.PARITY):
            for target, spec in table.items():
                cases = spec.get("executions", [])
                self.assertTrue(cases or spec.get("no_executions") or spec.get("args"), target)
                names = [c["name"] for c in cases]
                self.assertEqual(len(names), len(set(names)), target)
                for c in cases:
                    self.assertLessEqual(set(c), known, f"{target} {c['name']}")
                    self.assertIn("input", c, f"{target} {c['name']}")
                    self.assertEqual("moto" in c, "moto_why" in c, f"{target} {c['name']}: a moto difference needs its reason")
                    self.assertIn(c.get("status", "SUCCEEDED"), {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"})
                    for step in c.get("beforehand", []):
                        self.assertIn("aws", step, f"{target} {c['name']}: a step before the execution is an aws command")
                if spec.get("moto_cannot_run"):
                    self.assertTrue(cases, f"{target}: moto_cannot_run explains executions that are written")

    def test_spec_by_kind(self):
        self.assertIn("executions", manifest.spec("example", "hello_world"))
        self.assertIn("executions", manifest.spec("parity", "core_pass_result"))
        self.assertEqual(manifest.spec("parity", "hello_world"), {})


class LintExceptions(unittest.TestCase):
    def test_only_the_named_rule_case_and_place(self):
        path = ["Resources", "StateMachine", "Properties", "Definition", "States", "Completed", "OutputPath"]
        self.assertTrue(manifest.lint_exception("parity", "core_succeed_fail", "E3601", path))
        self.assertFalse(manifest.lint_exception("parity", "core_succeed_fail", "E3601", path[:-1] + ["InputPath"]))
        self.assertFalse(manifest.lint_exception("parity", "core_pass_result", "E3601", path))
        self.assertFalse(manifest.lint_exception("example", "core_succeed_fail", "E3601", path))
        self.assertFalse(manifest.lint_exception("parity", "core_succeed_fail", "E3001", path))


if __name__ == "__main__":
    unittest.main()
