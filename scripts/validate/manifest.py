"""What the harness needs to know about each example and parity case: the template parameters
to deploy it with, the executions to run and their expected results, and every exception —
each with the reason next to it.
"""

from __future__ import annotations

import json
import re

# ------------------------------------------------------------------------------ parameters

# Values for the template parameters of the examples (their doc comments name them). moto does
# not check that a named job, queue or cluster exists.
_PARAMETERS = {
    "batch_submit_job": {
        "JobDefinitionArn": "arn:aws:batch:us-east-1:123456789012:job-definition/MyJobDefinition:1",
        "JobQueueArn": "arn:aws:batch:us-east-1:123456789012:job-queue/MyJobQueue",
    },
    "databrew_start_job_run": {"DataBrewJobName": "my-databrew-job"},
    "ecs_run_task_ec2": {"ClusterName": "my-cluster"},
    "ecs_run_task_fargate": {"VpcId": "<default vpc>", "Subnets": "<default subnets 0 and 1>"},
    "eks_call": {"ClusterName": "my-cluster", "ClusterEndpoint": "https://ABCDEF.gr7.us-east-1.eks.amazonaws.com",
                 "ClusterCertificateAuthority": "Y2VydGlmaWNhdGU="},
    "emr_containers_start_job_run": {"VirtualClusterId": "abcdefghijklmnopqrstuvwxy"},
    "emr_containers_virtual_cluster": {"EksClusterName": "my-cluster", "EksNamespace": "emr",
                                       "JobExecutionRoleArn": "arn:aws:iam::123456789012:role/EmrJobRole"},
    "glue_start_job_run": {"GlueJobName": "my-glue-job", "GlueCrawlerName": "orders-crawler"},
}

_defaults: dict[str, str] = {}


def prepare_moto(moto) -> None:
    """Reads what the parameters refer to from moto: its default VPC and two of its subnets; makes
    the existing roles sm_imported_role and eventbridge_scheduler_create_schedule import; and makes the Glue job and crawler glue_start_job_run runs
    (a job's script lives in S3, which a template
    cannot fill: the example takes an existing job's name; moto runs no script)."""
    vpcs = moto.aws_json("ec2", "describe-vpcs", "--filters", "Name=isDefault,Values=true")["Vpcs"]
    vpc = vpcs[0]["VpcId"]
    subnets = moto.aws_json("ec2", "describe-subnets", "--filters", f"Name=vpc-id,Values={vpc}")["Subnets"]
    _defaults["<default vpc>"] = vpc
    _defaults["<default subnet 0>"] = subnets[0]["SubnetId"]
    _defaults["<default subnet 1>"] = subnets[1]["SubnetId"]
    _defaults["<default subnets 0 and 1>"] = f"{subnets[0]['SubnetId']},{subnets[1]['SubnetId']}"
    # The existing role the parity case sm_imported_role runs as (imported by ARN: the stack
    # attaches a policy to it, so it must exist, as on AWS).
    moto.aws("iam", "create-role", "--role-name", "ExistingStatesRole", "--assume-role-policy-document",
             json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                  "Principal": {"Service": "states.amazonaws.com"}}]}))
    # The existing scheduler role the parity case eventbridge_scheduler_create_schedule imports:
    # its key grant is a policy attached to that role, by name.
    moto.aws("iam", "create-role", "--role-name", "SchedulerRole", "--assume-role-policy-document",
             json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                  "Principal": {"Service": "scheduler.amazonaws.com"}}]}))
    moto.aws("glue", "create-job", "--name", _PARAMETERS["glue_start_job_run"]["GlueJobName"],
             "--role", "arn:aws:iam::123456789012:role/GlueJobRole",
             "--command", "Name=glueetl,ScriptLocation=s3://scripts/job.py")
    # And the crawlers they start (a crawler needs a database and an S3 target, which neither
    # owns): the example's, and the parity case glue_start_crawler_run's my-crawler-job. Two, as
    # a crawler started stays running in moto, and a second start fails, as on AWS, with
    # Glue.CrawlerRunningException.
    for crawler in (_PARAMETERS["glue_start_job_run"]["GlueCrawlerName"], "my-crawler-job"):
        moto.aws("glue", "create-crawler", "--name", crawler,
                 "--role", "arn:aws:iam::123456789012:role/GlueCrawlerRole",
                 "--targets", json.dumps({"S3Targets": [{"Path": "s3://data/raw/"}]}))


def parameters(kind: str, name: str) -> dict[str, str]:
    # The parity cases define what they use, except eks_call's cluster (skipped: see below).
    values = _PARAMETERS.get(name, {}) if kind == "example" else {}
    return {k: re.sub(r"<[^>]+>", lambda m: _defaults[m.group(0)], v) for k, v in values.items()}


# ------------------------------------------------------------------------------ deploy skips

# Resource types moto's CloudFormation (5.2.5) does not model: it reports the stack created and
# leaves them out. A template holding one deploys "partially" (the table names them); everything
# else in it is created and checked. Each entry: what moto lacks.
MOTO_LACKS = {
    "AWS::StepFunctions::Activity": "moto has activities in its Step Functions API, not in its CloudFormation",
    "AWS::ApiGateway::Stage": "no CloudFormation model (moto makes stages through a Deployment's StageName only)",
    "AWS::ApiGateway::Account": "no CloudFormation model",
    "AWS::ApiGatewayV2::Api": "no API Gateway v2 in moto's CloudFormation",
    "AWS::ApiGatewayV2::Integration": "no API Gateway v2 in moto's CloudFormation",
    "AWS::ApiGatewayV2::Route": "no API Gateway v2 in moto's CloudFormation",
    "AWS::ApiGatewayV2::Stage": "no API Gateway v2 in moto's CloudFormation",
    "AWS::Glue::Database": "no Glue in moto's CloudFormation",
    "AWS::Glue::Table": "no Glue in moto's CloudFormation",
    "AWS::Lambda::Alias": "no CloudFormation model for aliases",
    "AWS::EKS::AccessEntry": "no EKS in moto's CloudFormation",
    "AWS::EKS::Cluster": "no EKS in moto's CloudFormation",
    # A custom resource needs its function to run and answer the presigned URL: moto's Lambda
    # without Docker never runs code.
    "AWS::CloudFormation::CustomResource": "its function never runs in moto's Lambda without Docker",
}

# Templates moto cannot deploy at all, each with what moto lacks. They are linted and their ASL
# is checked like every other; the table shows them as skipped with this reason.
_DEPLOY_SKIPS: dict[tuple[str, str], str] = {
    # The state machine reads the project's ARN (Fn::GetAtt), and moto's CloudFormation has no
    # AWS::CodeBuild::Project: the change set fails with "Fn::GetAtt references undefined
    # resource Project".
    ("example", "codebuild_start_build"): "moto has no AWS::CodeBuild::Project",
    ("parity", "codebuild_start_build"): "moto has no AWS::CodeBuild::Project",
    # The CDK case's method has a MOCK integration, for which AWS needs no
    # IntegrationHttpMethod (AWS::ApiGateway::Method Integration docs: "required for AWS, HTTP
    # and HTTP_PROXY"); moto 5.2.5 reads that key unconditionally and fails with a KeyError
    # (HTTP 500).
    ("parity", "apigw_rest_api_get"): "moto fails on a MOCK integration without IntegrationHttpMethod",
    # The case defines the EKS cluster, and the state machine reads its endpoint and certificate
    # (Fn::GetAtt): moto's CloudFormation has no AWS::EKS::Cluster, so the change set fails.
    ("parity", "eks_call"): "moto has no AWS::EKS::Cluster",
}


def deploy_skip(kind: str, name: str) -> str | None:
    return _DEPLOY_SKIPS.get((kind, name))


# ------------------------------------------------------------------------------ lint exceptions

# Where cfn-lint is wrong: (kind, name, rule, path suffix, why). The narrowest possible: one
# rule, one template, one place in its definition (the path is matched at its end, so it holds
# for the Definition object and for the resolved definition cfn-lint also checks).
_LINT_EXCEPTIONS: list[tuple[str, str, str, tuple, str]] = [
    # cfn-lint 1.58's ASL schema allows no OutputPath on a Succeed state, but the States
    # Language does: "Succeed State ... may have InputPath and OutputPath fields"
    # (https://states-language.net/spec.html#succeed-state), and the CDK reference case
    # core_succeed_fail sets it.
    ("parity", "core_succeed_fail", "E3601", ("States", "Completed", "OutputPath"),
     "the States Language allows OutputPath on a Succeed state; cfn-lint's schema does not"),
    # cfn-lint 1.58's ASL schema wants an object for ItemSelector and a number for
    # MaxConcurrency, but a JSONata Map takes an expression for either: "A JSONata Map State MAY
    # have an 'ItemSelector' field, whose value MUST be a JSON text, or a JSONata string that
    # evaluates to a JSON text" (https://states-language.net/spec.html#map-state), and
    # MaxConcurrency takes "a JSONata expression that evaluates to an integer" (AWS developer
    # guide, Map state). The CDK reference case jsonata_map_parallel sets both.
    ("parity", "jsonata_map_parallel", "E3601", ("States", "Map Items", "ItemSelector"),
     "a JSONata Map's ItemSelector may be an expression (ASL specification); cfn-lint's schema wants an object"),
    ("parity", "jsonata_map_parallel", "E3601", ("States", "Map Items", "MaxConcurrency"),
     "a JSONata Map's MaxConcurrency may be an expression (AWS developer guide); cfn-lint's schema wants a number"),
    # The same rule of the ASL specification for a JSONata Distributed Map (CDK reference case
    # dmap_jsonata).
    ("parity", "dmap_jsonata", "E3601", ("States", "Distributed Map", "ItemSelector"),
     "a JSONata Map's ItemSelector may be an expression (ASL specification); cfn-lint's schema wants an object"),
]


def lint_exception(kind: str, name: str, rule: str, path: list) -> str | None:
    for k, n, r, suffix, why in _LINT_EXCEPTIONS:
        if (k, n, r) == (kind, name, rule) and tuple(path[-len(suffix):]) == suffix:
            return why
    return None


# ------------------------------------------------------------------------------ executions

class Like:
    """An expected value moto cannot know in advance (an execution id, a timestamp, a random
    UUID): a string matching `pattern`, and the reason."""

    def __init__(self, pattern: str, why: str):
        self.pattern = pattern
        self.why = why

    def __repr__(self) -> str:
        return f"Like({self.pattern!r})"


class Integer:
    """An expected integer moto cannot know in advance (States.MathRandom's) or that depends on
    what else the account holds (the buckets of every stack): within [minimum, maximum], either
    bound optional, and the reason."""

    def __init__(self, why: str, minimum: int | None = None, maximum: int | None = None):
        self.why = why
        self.minimum = minimum
        self.maximum = maximum

    def matches(self, actual) -> bool:
        return (isinstance(actual, int) and not isinstance(actual, bool)
                and (self.minimum is None or actual >= self.minimum)
                and (self.maximum is None or actual <= self.maximum))

    def __repr__(self) -> str:
        return f"Integer(minimum={self.minimum}, maximum={self.maximum})"


class Physical:
    """The physical id (a table's generated name, a bucket's) of a resource of the deployed
    stack, by its logical id: for the commands that check an execution's side effects."""

    def __init__(self, logical_id: str):
        self.logical_id = logical_id

    def __repr__(self) -> str:
        return f"Physical({self.logical_id!r})"


class ExecutionName:
    """The name the harness gave the execution (`start-execution --name`)."""


class ExecutionArn:
    """The ARN of the execution the harness started."""


TIMESTAMP = Like(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", "the execution's start time")
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
UUID = Like(_UUID, "States.UUID() is random")
MESSAGE_ID = Like(_UUID, "the service's id of the message or event")
JOB_RUN_ID = Like(r"jr_[0-9a-f]{64}", "Glue's id of a job run")
MD5 = Like(r"[0-9a-f]{32}", "the MD5 of a body serialized by Step Functions: AWS's exact text of a JSON "
                            "body is not documented (moto writes it with spaces after : and ,)")

_PASS_AND_INTRINSICS_INPUT = {
    "customer": {"name": "Ada", "preferences": {"currency": "USD"}},
    "order": {"id": "o-17", "items": ["book", "pen"], "tags": "gift,express", "count": 41},
}

_MAP_ITEMS_INPUT = {
    "currency": "EUR",
    "lines": [{"sku": "book", "price": 1200, "quantity": 2}, {"sku": "pen", "price": 150, "quantity": 1}],
}

_LAMBDA_INVOKE_INPUT = {"order_id": "o-7", "order": {"id": "o-7", "total": 30}}


def _unsupported(service: str) -> str:
    # moto forwards a plain call of such a service to its own model of it, and offers it only
    # .waitForTaskToken (state_task_service_unsupported.py); the examples wait with .sync.
    return f"moto lists {service} as unsupported: no .sync (state_task_service_factory.py)"


def _camel_case(service: str, written: str, api: str) -> str:
    # As for Step Functions (see start_execution): moto 5.2.5 hands boto3 the Parameters as written.
    return f"moto passes {written} where {service}'s API takes {api}: every call fails"


# The executions: for each example made of Pass, Choice, Wait, Parallel, Map, Succeed, Fail and
# Lambda tasks, and each whose service tasks moto's ASL interpreter runs (DynamoDB, SQS, SNS,
# EventBridge, S3 through the AWS SDK integrations, Glue, Step Functions), inputs with the final
# status and output expected, worked out from the example's ASL and the AWS APIs' documented
# responses (and, for Lambda tasks, its functions' inline code), not copied from a run. A value
# the service makes up (a message id, the MD5 of a text Step Functions serializes) is matched by
# pattern.
#
# moto's Lambda runs no code (there is no Docker here): each call answers with the next result
# queued with `lambda_results`, else with its own payload (an echo). The queued results are what
# the inline functions return for the payloads the state machine sends; where the last call is
# left to echo, the output shows exactly what the state machine sent.
#
# moto 5.2.5's interpreter lists Athena, CodeBuild, EKS, EMR, EMR on EKS, DataBrew and SageMaker
# as unsupported (moto/stepfunctions/parser/asl/component/state/exec/state_task/service/
# state_task_service_factory.py), and fails every ECS and Batch call: those examples have no
# executions, each with the reason. Where moto runs a case otherwise than AWS would, `moto` gives
# what it does instead and `moto_why` the reason, with the place in moto's source; the rest of
# the case is AWS's expectation.
#
# Keys: `args` (extra arguments to the example), `executions` (name, input, status, output,
# error, cause, lambda_results, state_machine, beforehand, afterwards, moto, moto_why),
# `no_executions` (why there are none), `moto_cannot_run` (why the executions written are not run
# on moto). `beforehand`: commands run before the execution starts (`aws` arguments, `body` the
# text of a `--body` file: an object it reads). `afterwards`: commands (`aws` arguments, Physical
# for a resource of the stack) whose JSON answer must be `output` once the execution ended: its
# side effects.
# The id of an AMI, as SSM's public parameters name them.
_AMI = Like(r"ami-[0-9a-f]{17}", "an AMI id")

EXAMPLES: dict[str, dict] = {
    "hello_world": {
        "executions": [
            {"name": "world", "state_machine": "HelloWorld", "input": {"name": "World"},
             "output": {"greeting": "Hello, World!"}},
            # States.Format on a path that is not in the input: the Pass state fails.
            {"name": "no-name", "state_machine": "HelloWorld", "input": {}, "status": "FAILED",
             "error": "States.Runtime"},
        ],
    },
    "pass_and_intrinsics": {
        "executions": [{
            "name": "order",
            "input": _PASS_AND_INTRINSICS_INPUT,
            "output": {
                "source": "pass_and_intrinsics",
                "version": 2,
                "order_id": "o-17",
                "items": ["book", "pen"],
                "execution": ExecutionArn(),
                "state": "Build Request",
                "started_at": TIMESTAMP,
                "greeting": "Hello, Ada! Order o-17 is confirmed.",
                "ids": ["o-17", "o-0"],
                "item_count": 2,
                "next_count": 42,
                "tags": ["gift", "express"],
                # JsonMerge, shallow: the second object's keys win.
                "settings": {"currency": "USD", "gift_wrap": False},
                "request_id": UUID,
                # sha256("o-17")
                "checksum": "65b4898ba57e0dec598bdbd341e60c80ea7ff6d683bdeed910b8d4c8884967de",
                "customer_json": '{"name":"Ada","preferences":{"currency":"USD"}}',
            },
        }],
    },
    "choice_conditions": {
        "executions": [
            {"name": "large",
             "input": {"status": "PAID", "total": 250, "credit_limit": 100, "express": False,
                       "placed_at": "2024-05-01T10:00:00Z", "coupon": None},
             "output": {"status": "PAID", "total": 250, "credit_limit": 100, "express": False,
                        "placed_at": "2024-05-01T10:00:00Z", "coupon": None, "route": "review"}},
            {"name": "express", "input": {"status": "NEW", "total": 20, "express": True},
             "output": {"status": "NEW", "total": 20, "express": True, "route": "express"}},
            {"name": "deliver-by", "input": {"deliver_by": "2029-12-31T00:00:00Z"},
             "output": {"deliver_by": "2029-12-31T00:00:00Z", "route": "express"}},
            {"name": "clock-skew",
             "input": {"placed_at": "2024-05-02T00:00:00Z", "shipped_at": "2024-05-01T00:00:00Z"},
             "output": {"placed_at": "2024-05-02T00:00:00Z", "shipped_at": "2024-05-01T00:00:00Z",
                        "route": "check clocks"}},
            {"name": "coupon", "input": {"status": "NEW", "total": 20, "coupon": "SAVE10"},
             "output": {"status": "NEW", "total": 20, "coupon": "SAVE10", "route": "discount"}},
            {"name": "unchanged", "input": {"status": "NEW", "previous_status": "NEW", "total": 5},
             "output": {"status": "NEW", "previous_status": "NEW", "total": 5, "route": "ignore"}},
            # A large total under the credit limit, and a null coupon: no rule holds.
            {"name": "standard", "input": {"status": "PAID", "total": 250, "credit_limit": 900, "coupon": None},
             "output": {"status": "PAID", "total": 250, "credit_limit": 900, "coupon": None,
                        "route": "standard"}},
        ],
    },
    "wait_variants": {
        "executions": [
            # 3 s fixed, 1 s from the input, two timestamps in the past: about 4 s in all.
            {"name": "short", "input": {"delay_seconds": 1, "resume_at": "2024-01-01T00:00:00Z"},
             "output": {"delay_seconds": 1, "resume_at": "2024-01-01T00:00:00Z"}},
        ],
    },
    "map_items": {
        "executions": [
            {"name": "two-lines", "input": _MAP_ITEMS_INPUT,
             "output": {**_MAP_ITEMS_INPUT, "priced": {
                 "lines": [{"position": 0, "sku": "book", "label": "book: 1299 EUR (cents)"},
                           {"position": 1, "sku": "pen", "label": "pen: 249 EUR (cents)"}],
                 "count": 2}}},
            {"name": "no-lines", "input": {"currency": "EUR", "lines": []},
             "output": {"currency": "EUR", "lines": [], "priced": {"lines": [], "count": 0}}},
        ],
    },
    "fragments": {
        "executions": [
            # The first copy polls twice (one loop back), the second once: three 1 s waits.
            {"name": "twice", "input": {},
             "output": {"extract": {"name": "extract", "polls": 2}, "load": {"name": "load", "polls": 1}}},
        ],
    },
    "distributed_map_csv": {
        "executions": [{
            "name": "two-orders", "input": {},
            "beforehand": [{"aws": ["s3api", "put-object", "--bucket", Physical("DataBucket"),
                                    "--key", "input/orders.csv"],
                            "body": "id,amount\no-1,30\no-2,12\n"}],
            # With a ResultWriter the map's output is where the results went (AWS developer
            # guide, ResultWriter): the Map Run and the manifest's bucket and key.
            "output": {"run": {"MapRunArn": Like(r"arn:aws:states:.*:mapRun:.*", "the Map Run's ARN"),
                               "ResultWriterDetails": {"Bucket": Like(r"[a-z0-9.-]+", "the bucket's generated name"),
                                                       "Key": Like(r"results/.*/manifest\.json", "the run's id")}}},
            # The manifest and the results files, under the prefix.
            "afterwards": [{"aws": ["s3api", "list-objects-v2", "--bucket", Physical("DataBucket"),
                                    "--prefix", "results/", "--query", "length(Contents)"],
                            "output": Integer("the manifest and at least one results file", minimum=2)}],
            "moto": {"afterwards": [{"aws": ["s3api", "list-objects-v2", "--bucket", Physical("DataBucket"),
                                             "--prefix", "results/", "--query", "length(Contents)"],
                                     "output": 1}]},
            "moto_why": "moto 5.2.5 writes the manifest alone, its ResultFiles empty, not the SUCCEEDED_0.json "
                        "of the children's results AWS writes beside it (moto/stepfunctions/parser/asl/component/"
                        "state/exec/state_map/result_writer/resource_eval/resource_eval_s3.py: \"TODO: generate "
                        "result files and upload them to s3\")",
        }],
    },
    "distributed_map_json_batches": {
        "moto_cannot_run": "moto 5.2.5's ASL parser knows no ItemBatcher and takes only STANDARD child "
                           "executions (its grammar rejects both at create-state-machine)",
        "executions": [{
            "name": "five-events", "input": {"source": "web"},
            "beforehand": [{"aws": ["s3api", "put-object", "--bucket", Physical("DataBucket"),
                                    "--key", "input/events.json"],
                            "body": json.dumps([{"id": i} for i in range(1, 6)])}],
            # Five events two at a time: three batches, in order.
            "output": {"source": "web", "batches": [{"source": "web", "size": 2}, {"source": "web", "size": 2},
                                                    {"source": "web", "size": 1}]},
        }],
    },
    "encrypted_logging": {
        "executions": [
            {"name": "accept", "input": {"order": "o-1"}, "output": {"order": "o-1", "accepted": True}},
        ],
    },
    "express_logging_tracing": {
        "executions": [
            {"name": "ada", "input": {"name": "Ada"},
             "output": {"greeting": "Hello, Ada!", "execution": ExecutionName()}},
        ],
    },
    "batch_job": {
        "executions": [
            # Submit Job's function returns "job-" and a random UUID (a fixed one here); Check
            # Job's returns "SUCCEEDED", which the last state returns as the output.
            {"name": "succeeded", "input": {"wait_time": 1},
             "lambda_results": ["job-6f1c0b5e-2a4d-4c1e-9a57-3f0e8f1d2b7c", "SUCCEEDED", "SUCCEEDED"],
             "output": "SUCCEEDED"},
            # No wait_time: the Wait state's SecondsPath finds nothing, after the job was submitted.
            {"name": "no-wait-time", "input": {},
             "lambda_results": ["job-6f1c0b5e-2a4d-4c1e-9a57-3f0e8f1d2b7c"],
             "status": "FAILED", "error": "States.Runtime"},
        ],
    },
    "parallel_error_handling": {
        "executions": [
            # Both branches fail on a path absent from the input before calling the function:
            # States.Runtime, which no catcher (not even States.ALL) catches.
            {"name": "no-customer", "input": {}, "status": "FAILED", "error": "States.Runtime",
             "moto": {"error": "LookupFailed", "cause": "the customer lookup failed"},
             "moto_why": "moto fails a Task whose Parameters miss a path with a catchable error (a Pass "
                         "state's gives States.Runtime), so the States.ALL catcher sends it to Lookup Failed; "
                         "AWS: 'A retry or catch on States.ALL won't catch States.Runtime errors' "
                         "(Step Functions developer guide, Error names)"},
        ],
        # Not run: {"customer_id": "c-42"} and {"customer_id": "unknown"}. The two branches call
        # the function at once, and moto's Lambda answers from one queue for the whole region,
        # so which branch gets the address and which the phone is a race; and it cannot make a
        # call raise CustomerNotFound.
    },
    "lambda_invoke": {
        "executions": [{
            "name": "order",
            "input": _LAMBDA_INVOKE_INPUT,
            # EchoFunction returns {"received": event, "version": context.function_version}: the
            # results of the first six calls, the unqualified ones at "$LATEST", the call of the
            # alias `live` at version "1" (the template's only version). The seventh call is
            # left to moto's echo, so the output is the payload the state machine built from the
            # sixth result.
            "lambda_results": [
                {"received": _LAMBDA_INVOKE_INPUT, "version": "$LATEST"},
                {"received": {"order_id": "o-7", "source": "lambda_invoke example", "execution": ExecutionName()},
                 "version": "$LATEST"},
                {"received": {"id": "o-7", "total": 30}, "version": "$LATEST"},
                {"received": {"order_id": "o-7"}, "version": "$LATEST"},
                {"received": {"order_id": "o-7"}, "version": "$LATEST"},
                {"received": {"order_id": "o-7"}, "version": "1"},
            ],
            "output": {"order_id": "o-7", "live_version": "1"},
        }],
    },
    "dynamodb": {
        "executions": [{
            "name": "message", "input": {"bar": "Hello from Step Functions"},
            # PutItem and DeleteItem answer {} (no ReturnValues); Get Item's {"Item": ...} becomes
            # the state; the update makes TotalCount 10 + 20; Read Count's projection keeps
            # TotalCount only; the second PutItem's {} replaces $.Item.
            "output": {"Item": {}, "updated": {"total_count": "30"}},
            "afterwards": [
                # message-007 was deleted (its count, 30, met the condition); message-id stays.
                {"aws": ["dynamodb", "get-item", "--table-name", Physical("Table"),
                         "--key", '{"MessageId": {"S": "message-007"}}'],
                 "output": {}},
                {"aws": ["dynamodb", "get-item", "--table-name", Physical("Table"),
                         "--key", '{"MessageId": {"S": "message-id"}}'],
                 "output": {"Item": {"MessageId": {"S": "message-id"}}}},
            ],
        }, {
            # PutItem's Text reads $.bar: a path missing from the input fails the execution.
            "name": "no-bar", "input": {}, "status": "FAILED", "error": "States.Runtime",
            "moto": {"error": "DynamoDB.AmazonDynamoDBException",
                     "cause": "The JSONPath '$.bar' could not be found in the input '{}'"},
            "moto_why": "moto reports a Task's Parameters failing on a missing path as the integration's own "
                        "error (moto/stepfunctions/parser/asl/component/state/exec/state_task/service/"
                        "state_task_service_dynamodb.py, _from_error: any exception but a ClientError is "
                        "DynamoDB.AmazonDynamoDBException), which a catcher could catch; AWS fails with "
                        "States.Runtime",
        }],
    },
    "custom_state": {
        "executions": [{
            "name": "note", "input": {"note": "hello"},
            # The put's result is discarded (ResultPath null): the output is Prepare Item's.
            "output": {"item": {"id": UUID, "note": "hello", "created_at": TIMESTAMP}},
            # What moto checks instead is the catcher: the failed put goes to Save Failed, whose
            # cause is read from the error output by CausePath.
            "moto": {"status": "FAILED", "error": "SaveFailed", "cause": "Object of type datetime is not JSON serializable"},
            "moto_why": "moto's context object holds $$.Execution.StartTime as a Python datetime, not the ISO 8601 "
                        "text AWS gives (moto/stepfunctions/parser/backend/execution.py: start_time=self.start_date; "
                        "backend/execution_worker.py: StartTime=...start_time), and botocore cannot serialize it "
                        "into the DynamoDB request: the put fails and the States.ALL catcher takes it",
        }],
    },
    "jsonata_workflow": {
        "executions": [
            {
                "name": "big-order",
                "state_machine": "OrderWorkflow",
                "input": {"order": {"id": "o-1", "lines": [{"sku": "a", "price": 40, "qty": 2},
                                                           {"sku": "b", "price": 30, "qty": 1}]}},
                # Total 110: stored and announced, then confirmed; ConfirmFunction returns
                # {"confirmed": <orderId>}.
                "lambda_results": [{"confirmed": "o-1"}],
                "output": {"orderId": "o-1", "total": 110, "confirmation": {"confirmed": "o-1"}},
                "afterwards": [
                    {"aws": ["dynamodb", "get-item", "--table-name", Physical("Orders"),
                             "--key", '{"orderId": {"S": "o-1"}}'],
                     "output": {"Item": {"orderId": {"S": "o-1"}, "total": {"N": "110"}, "big": {"BOOL": True}}}},
                ],
            },
            {
                "name": "small-order",
                "state_machine": "OrderWorkflow",
                "input": {"order": {"id": "o-2", "lines": [{"sku": "c", "price": 5, "qty": 2}]}},
                # Total 10: confirmed at once, nothing stored.
                "lambda_results": [{"confirmed": "o-2"}],
                "output": {"orderId": "o-2", "total": 10, "confirmation": {"confirmed": "o-2"}},
                "afterwards": [
                    {"aws": ["dynamodb", "get-item", "--table-name", Physical("Orders"),
                             "--key", '{"orderId": {"S": "o-2"}}'],
                     "output": {}},
                ],
            },
        ],
    },
    "variables": {
        "executions": [{
            "name": "customer",
            "state_machine": "Variables",
            "input": {"customer": {"id": "c-1", "name": "Ada"}, "lines": ["tea", "cake"]},
            # ScoreFunction returns {"score": len(name) * 10}: 30 for Ada, under goldFrom (40).
            "lambda_results": [{"score": 30}],
            "output": {"customer": "c-1", "request": Like(_UUID, "States.UUID() of Remember Customer"),
                       "tier": "standard", "line": "Ada (30 points)", "greetings": ["tea for Ada", "cake for Ada"]},
        }],
    },
    "sqs": {
        "executions": [{
            "name": "messages",
            "input": {"message": "Hello", "field2": "more data", "order": {"id": "o-1", "customer": "c-9"}},
            # SendMessage answers MessageId and MD5OfMessageBody (SequenceNumber too on a FIFO
            # queue, which the result selector drops). A JSON body is serialized by Step
            # Functions: its MD5 is matched by pattern, the text body's exactly.
            "output": {
                "message": "Hello", "field2": "more data", "order": {"id": "o-1", "customer": "c-9"},
                "send1": {"MessageId": MESSAGE_ID, "MD5OfMessageBody": "8b1a9953c4611296a827abf8c47804d7"},  # md5("Hello")
                "send2": {"MessageId": MESSAGE_ID, "MD5OfMessageBody": MD5},
                "later": {"MessageId": MESSAGE_ID, "MD5OfMessageBody": MD5},
                "in_order": {"message_id": MESSAGE_ID},
            },
        }],
    },
    "sns": {
        "executions": [{
            "name": "messages",
            "input": {"state": {"message": "Hello"}, "place": "Seattle", "pic": "aGVsbG8=", "field2": "more data",
                      "order_id": "o-1"},
            # Publish answers MessageId (SequenceNumber too on a FIFO topic, which the result
            # selector drops).
            "output": {
                "state": {"message": "Hello"}, "place": "Seattle", "pic": "aGVsbG8=", "field2": "more data",
                "order_id": "o-1",
                "publish1": {"MessageId": MESSAGE_ID},
                "publish2": {"MessageId": MESSAGE_ID},
                "per_protocol": {"MessageId": MESSAGE_ID},
                "in_order": {"message_id": MESSAGE_ID},
                "encrypted": {"message_id": MESSAGE_ID},
            },
        }],
    },
    "eventbridge": {
        "executions": [{
            "name": "order", "input": {"order": {"id": "o-1", "total": 30}},
            # PutEvents answers an entry per event and FailedEntryCount.
            "output": {"order": {"id": "o-1", "total": 30},
                       "hello": {"Entries": [{"EventId": MESSAGE_ID}], "FailedEntryCount": 0},
                       "order_events": {"failed": 0}},
        }],
    },
    "aws_sdk": {
        "executions": [{
            "name": "hello", "input": {"key": "hello.txt", "body": "Hello, World!"},
            "output": {"key": "hello.txt", "body": "Hello, World!",
                       "buckets": {"count": Integer("every bucket of the account: this stack's and others'", minimum=1)},
                       "object": {"body": "Hello, World!", "contentLength": 13}},
            # DeleteObject left the bucket empty.
            "afterwards": [{"aws": ["s3api", "list-objects-v2", "--bucket", Physical("MyBucket"),
                                    "--query", "length(Contents || `[]`)"],
                            "output": 0}],
            # What moto checks: ListBuckets and its result selector, then PutObject wrote the body
            # (13 bytes) under the key; GetObject fails, so the object stays.
            "moto": {"status": "FAILED", "error": "States.Runtime",
                     "cause": Like(r".*'GetObject'.*cannot pickle '_io\.BufferedReader' object", "moto's failure"),
                     "afterwards": [{"aws": ["s3api", "head-object", "--bucket", Physical("MyBucket"),
                                             "--key", "hello.txt", "--query", "ContentLength"],
                                     "output": 13}]},
            "moto_why": "moto hands the task GetObject's Body as botocore's stream: its response normalisation, "
                        "which would read the stream into the text AWS returns, does nothing in 5.2.5 "
                        "(moto/stepfunctions/parser/asl/component/state/exec/state_task/service/"
                        "state_task_service.py, _normalise_response), and copying the result fails",
        }],
        # Not run: {"key": "grüße/öl.txt", "body": "Grüße"}, whose contentLength would be 7 (bytes
        # of UTF-8): on moto it would stop at GetObject too.
    },
    "aws_sdk_cross_region": {
        "executions": [{
            "name": "two-regions", "input": {"regions": ["us-west-2", "eu-west-1"]},
            # What the cross-region function returns for each region's ssm:getParameter (the
            # response as the SDK for JavaScript v3 gives it, `$metadata` included); the AMI ids
            # stand for the ones SSM names on the day.
            "lambda_results": [
                {"$metadata": {"httpStatusCode": 200},
                 "Parameter": {"Name": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                               "Type": "String", "Value": "ami-0a1b2c3d4e5f60718", "DataType": "aws:ec2:image"}},
                {"$metadata": {"httpStatusCode": 200},
                 "Parameter": {"Name": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                               "Type": "String", "Value": "ami-0f9e8d7c6b5a40312", "DataType": "aws:ec2:image"}},
            ],
            "output": {"regions": ["us-west-2", "eu-west-1"],
                       "amis": [{"region": "us-west-2", "ami": {"id": _AMI}},
                                {"region": "eu-west-1", "ami": {"id": _AMI}}]},
        }],
    },
    "eventbridge_scheduler": {
        "executions": [{
            "name": "hourly", "input": {"name": "hourly-report"},
            "output": {"name": "hourly-report",
                       "schedule": {"arn": Like(r"arn:aws:scheduler:[a-z0-9-]+:\d{12}:schedule/default/hourly-report",
                                                "the schedule's ARN")}},
            "afterwards": [{"aws": ["scheduler", "get-schedule", "--name", "hourly-report",
                                    "--query", "[ScheduleExpression, FlexibleTimeWindow.MaximumWindowInMinutes, Target.RetryPolicy.MaximumRetryAttempts]"],
                            "output": ["rate(1 hours)", 15, 3]}],
        }],
    },
    "evaluate_expression": {
        "executions": [{
            "name": "one-second", "input": {"waitMilliseconds": 1000},
            # What the evaluation function returns for "$.waitMilliseconds / 1000" with 1000,
            # then for the template literal with 1.
            "lambda_results": [1, "Now waiting 1 seconds..."],
            "output": {"waitMilliseconds": 1000, "waitSeconds": 1, "message": "Now waiting 1 seconds...",
                       "sns": {"MessageId": MESSAGE_ID}},
        }],
    },
    "glue_start_job_run": {
        "executions": [{
            "name": "day", "input": {"day": "2024-01-31"},
            # StartJobRun answers the run's id; run-job (.sync) answers the run (GetJobRun's
            # JobRun), once it ended: moto's runs succeed after a few polls.
            "output": {"day": "2024-01-31", "started": {"JobRunId": JOB_RUN_ID},
                       "run": {"id": JOB_RUN_ID, "state": "SUCCEEDED"}},
            # What moto checks: the first run starts (the job exists, its parameters are
            # accepted); the second fails in moto's .sync.
            "moto": {"status": "FAILED", "error": "States.Runtime",
                     "cause": Like(r".*'Run Glue Job'.*'NoneType' object has no attribute 'interrupt_all'",
                                   "moto's failure")},
            "moto_why": "moto's .sync ends by interrupting the task-token endpoint, which exists only for the "
                        "services that also offer .waitForTaskToken, and Glue does not "
                        "(moto/stepfunctions/parser/asl/component/state/exec/state_task/service/"
                        "state_task_service_callback.py, _eval_integration_pattern: "
                        "callback_endpoint.interrupt_all() on None)",
        }],
    },
    "start_execution": {
        "executions": [
            # The child alone, without a token: Called Back? goes to PassState.
            {"name": "child-pass", "state_machine": "ChildStateMachine", "input": {"foo": "bar"},
             "output": {"foo": "bar"}},
            {"name": "foo", "input": {"foo": "bar"},
             # The first child passes its input on, the key linking it to its parent included;
             # .sync:2 answers DescribeExecution with Output as JSON. The second child sends the
             # order ({"id": the parent's name}) as the task's output.
             "output": {"foo": "bar",
                        "child": {"output": {"foo": "bar", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": ExecutionArn()}},
                        "callback": {"id": ExecutionName()}},
             "moto": {"status": "FAILED", "error": "States.Runtime",
                      "cause": Like(r".*'Run Child'.*'Input'", "moto's failure")},
             "moto_why": "moto 5.2.5 passes a Step Functions task's Parameters to boto3 as written, Input and "
                         "StateMachineArn, where the API's members are input and stateMachineArn: botocore fails "
                         "with KeyError 'Input' (moto/stepfunctions/parser/asl/component/state/exec/state_task/"
                         "service/state_task_service.py, _normalise_parameters does nothing; "
                         "state_task_service_sfn.py, _eval_service_task). The child's sfn:sendTaskSuccess "
                         "(TaskToken, Output) would fail the same way"},
        ],
    },
    # Without executions, each with what moto lacks (paths under moto/stepfunctions/parser/asl/
    # component/state/exec/state_task/service/).
    "activity_and_callbacks": {
        # And moto's CloudFormation does not create the activity.
        "no_executions": "its tasks wait for an activity worker and for a callback"},
    "api_gateway": {
        # In LocalStack's URL form, to the API's endpoint (_invoke_url_of).
        "no_executions": "moto's apigateway:invoke sends a real HTTP request (state_task_service_api_gateway.py)"},
    "athena_queries": {"no_executions": _unsupported("Athena")},
    "batch_submit_job": {"no_executions": _camel_case("Batch", "JobName", "jobName")},
    "databrew_start_job_run": {"no_executions": _unsupported("DataBrew")},
    "ecs_run_task_ec2": {"no_executions": _camel_case("ECS", "Cluster", "cluster")},
    "ecs_run_task_fargate": {"no_executions": _camel_case("ECS", "Cluster", "cluster")},
    # moto forwards plain calls to its own EKS model; eks:call is a request to the cluster's
    # Kubernetes API.
    "eks_call": {"no_executions": "moto lists EKS as unsupported, and eks:call is no EKS API action"},
    "emr": {"no_executions": _unsupported("EMR")},
    "emr_containers_start_job_run": {"no_executions": _unsupported("EMR on EKS")},
    "emr_containers_virtual_cluster": {"no_executions": _unsupported("EMR on EKS")},
    "sagemaker": {"no_executions": _unsupported("SageMaker")},
    "codebuild_start_build": {"no_executions": "not deployed; moto lists CodeBuild as unsupported"},
    # bench_chain renders N states; 30 keep the run short (its template stays under 51,200 bytes).
    "bench_chain": {
        "args": ["30"],
        "no_executions": "its tasks call an imported function, which does not exist in moto",
    },
}


_INTRINSICS_INPUT = {
    "vals": [10, 20, 30, 40, 50], "count": 3, "obj": {"k": "v"}, "name": "Ada", "age": 36, "a": 1, "b": "two",
    "escapedJson": '{"x":1}', "inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9, 2], "lookingFor": 5, "value1": 41,
    "step": 1, "Data": "input data", "Algorithm": "SHA-256", "input": "Data to encode",
    "base64": "RGF0YSB0byBlbmNvZGU=", "obj1": {"a": 1, "b": {"c": 1}}, "obj2": {"b": {"d": 2}, "e": 3},
    "inputString": "1,2,3,4,5", "splitter": ",",
}

_MOTO_NO_SUCH_VARIABLE = ("moto takes a Choice rule whose Variable is not in the input for one that does not match "
                          "(moto/stepfunctions/parser/asl/component/state/choice/comparison/variable.py: "
                          "NoSuchVariable), where AWS fails the execution")

_IMPORTED = "its tasks call imported functions, which do not exist in moto"

# The parity cases are the CDK's snippets: executions for those that run by themselves, with
# what they need in their template (or nothing).
PARITY: dict[str, dict] = {
    "core_pass_result": {
        # Each Pass puts its result under a path; Whole replaces the state; Plain keeps the list.
        "executions": [{"name": "empty", "input": {}, "output": [True, False]}],
    },
    "core_express_state_machine": {
        "executions": [{"name": "hello", "input": {}, "output": "World"}],
    },
    "core_succeed_fail": {
        "executions": [
            {"name": "ok", "input": {"outcome": "ok", "result": {"report": "r-1"}}, "output": {"report": "r-1"}},
            {"name": "timeout", "input": {"outcome": "timeout"}, "status": "FAILED", "error": "States.Timeout",
             "cause": "Report generation timed out",
             "moto": {"error": "States.Runtime",
                      "cause": "ValueError(Custom Error Names MUST NOT begin with the prefix 'States.', got 'States.Timeout'.)"},
             "moto_why": "moto refuses, at run time, a Fail state's Error that begins with 'States.' "
                         "(moto/stepfunctions/parser/asl/component/common/error_name/custom_error_name.py); AWS's "
                         "Fail state documentation puts no restriction on Error, and the CDK case sets it"},
            {"name": "error", "input": {"outcome": "error", "error": {"code": "E42", "message": "disk full"}},
             "status": "FAILED", "error": "E42", "cause": "failed with disk full"},
            # A Fail state without Error or Cause: the execution fails with neither.
            {"name": "bare", "input": {"outcome": "other"}, "status": "FAILED"},
        ],
    },
    "core_choice_conditions": {
        "executions": [
            {"name": "public", "input": {"type": "Public"}, "output": {"type": "Public"}},
            {"name": "twenties", "input": {"type": "Private", "value": 25}, "output": {"type": "Private", "value": 25}},
            {"name": "string", "input": {"type": "Private", "value": 5, "s": "a"},
             "output": {"type": "Private", "value": 5, "s": "a"}},
            # The second rule reads $.value, absent: "If the state input doesn't contain the
            # $.type field, the execution fails" (Step Functions developer guide, Choice state).
            {"name": "no-value", "input": {"type": "Private"}, "status": "FAILED", "error": "States.Runtime",
             "moto": {"cause": Like(r".*The JSONPath '\$\.s1' .*could not be found.*", "moto's failure")},
             "moto_why": _MOTO_NO_SUCH_VARIABLE + ": it fails later, on the first missing path it compares with "
                         "($.s1 of a StringEqualsPath)"},
        ],
    },
    "core_result_selector": {
        "executions": [{
            "name": "math", "input": {"a": 1, "b": 2, "items": ["x", "y", "z"]},
            "output": {"a": 1, "b": 2, "items": ["x", "y", "z"],
                       "math": {"sum": 3, "difference": 0, "static_value": {"foo": "bar"}, "state_name": "FunWithMath"},
                       "count": {"count": 3}},
            "moto": {"output": {"a": 1, "b": 2, "items": ["x", "y", "z"],
                                "math": {"sum": [3], "difference": [0], "static_value": {"foo": "bar"},
                                         "state_name": "FunWithMath"},
                                "count": {"count": 3}}},
            "moto_why": "moto answers the path $[0].value with a list, [3], where AWS's reference path gives the "
                        "value (moto/stepfunctions/parser/asl/utils/json_path.py, extract_json: a match whose "
                        "parent is an array index is listed, the fix of getmoto/moto#7825)",
        }],
    },
    "core_fragment_chain": {
        "executions": [
            {"name": "left", "input": {"branch": "left"}, "output": {"branch": "left"}},
            # Quick's default replaces the state with "quick", and Slow: Choice reads $.branch of
            # a string.
            {"name": "up", "input": {"branch": "up"}, "status": "FAILED", "error": "States.Runtime",
             "moto": {"status": "SUCCEEDED", "output": "slow"},
             "moto_why": _MOTO_NO_SUCH_VARIABLE + ": Slow: Choice takes its default branch"},
        ],
    },
    "core_map_item_processor": {
        "executions": [{
            "name": "two", "input": {"inputForMap": [{"delay": 0}, {"delay": 1}], "shared": "s"},
            # Each item: the ItemSelector's object, which Pass State copies under $.processed.
            "output": {"inputForMap": [{"delay": 0}, {"delay": 1}], "shared": "s", "mapOutput": [
                {"item": {"delay": 0}, "index": 0, "shared": "s",
                 "processed": {"item": {"delay": 0}, "index": 0, "shared": "s"}},
                {"item": {"delay": 1}, "index": 1, "shared": "s",
                 "processed": {"item": {"delay": 1}, "index": 1, "shared": "s"}},
            ]},
        }],
    },
    "core_custom_state": {
        # The snippet's table MyTable is not in the template: the put fails, is retried twice
        # (1 s, then 2 s) and caught by States.TaskFailed.
        "executions": [{"name": "no-table", "input": {}, "status": "FAILED", "error": "CustomError",
                        "cause": "putItem failed"}],
    },
    "sqs_send_message": {
        # As in the snippet, Send1's result replaces the state, so Send2 does not find $.field2.
        "executions": [{"name": "snippet", "input": {"message": "Hello", "field2": "more data"},
                        "status": "FAILED", "error": "States.Runtime"}],
    },
    "sns_publish": {
        # As in the snippet, Publish1's result replaces the state, so Publish2 does not find $.field2.
        "executions": [{"name": "snippet",
                        "input": {"state": {"message": "Hello"}, "place": "Seattle", "pic": "aGVsbG8=",
                                  "field2": "more data"},
                        "status": "FAILED", "error": "States.Runtime"}],
    },
    "eventbridge_put_events": {
        "executions": [{"name": "hello", "input": {},
                        "output": {"Entries": [{"EventId": MESSAGE_ID}], "FailedEntryCount": 0}}],
    },
    "glue_start_job_run": {
        # The job prepare_moto makes: the snippet's my-glue-job.
        "executions": [{
            "name": "start", "input": {},
            "output": {"JobRunId": JOB_RUN_ID},
            "moto": {"output": {"JobRunId": JOB_RUN_ID, "JobName": "my-glue-job"}},
            "moto_why": "moto adds the job's name to StartJobRun's answer, which its source says Step Functions "
                        "does (moto/stepfunctions/parser/asl/component/state/exec/state_task/service/"
                        "state_task_service_glue.py, _handle_start_job_run); the Glue API documents JobRunId only",
        }],
    },
    "glue_start_crawler_run": {
        # The crawler prepare_moto makes; StartCrawler's answer is an empty object (Glue API).
        "executions": [{"name": "start", "input": {}, "output": {}}],
    },
    "core_wait_variants": {"no_executions": "it waits 10 s, and wait_variants runs the same four forms"},
    "core_batch_job_workflow": {"no_executions": _IMPORTED},
    "core_output_path_discard": {"no_executions": _IMPORTED},
    "core_parallel_catch_retry": {"no_executions": _IMPORTED},
    "core_pass_parameters_intrinsics": {
        "executions": [{
            "name": "all", "input": _INTRINSICS_INPUT,
            "output": {**_INTRINSICS_INPUT, "built": {
                "static": "value", "number": 7, "flagged": True,
                "parts": {"first": 10, "last3": [40, 50]},
                "count": 3, "obj": {"k": "v"}, "whole": _INTRINSICS_INPUT,
                "executionId": ExecutionArn(), "stateName": "Build Parameters", "startTime": TIMESTAMP,
                "format": "Hello, Ada! You are 36 years old.",
                "array": [1, "two", "literal"],
                "stringToJson": {"x": 1},
                "jsonToString": '{"k":"v"}',
                "arrayContains": True,
                "arrayLength": 10,
                "arrayPartition": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 2]],
                "arrayRange": [1, 3, 5, 7, 9],
                "arrayGetItem": 6,
                "arrayUnique": [1, 2, 3, 4, 5, 6, 7, 8, 9],
                "mathAdd": 42,
                "mathRandom": Integer("States.MathRandom(1, 999) is random", minimum=1, maximum=999),
                "uuid": UUID,
                # sha256("input data")
                "hash": "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
                "base64Encode": "RGF0YSB0byBlbmNvZGU=",
                "base64Decode": "Data to encode",
                # Shallow: obj2's b replaces obj1's.
                "jsonMerge": {"a": 1, "b": {"d": 2}, "e": 3},
                "stringSplit": ["1", "2", "3", "4", "5"],
            }},
        }],
    },
}


def spec(kind: str, name: str) -> dict:
    """What the manifest says of an example or a parity case (empty if nothing)."""
    return (EXAMPLES if kind == "example" else PARITY).get(name, {})


def materialize(value, name: str, arn: str, physical: dict | None = None):
    """`value` with ExecutionName and ExecutionArn replaced by the execution's, and Physical by
    the resource's physical id in `physical`."""
    if isinstance(value, ExecutionName):
        return name
    if isinstance(value, ExecutionArn):
        return arn
    if isinstance(value, Physical):
        if value.logical_id not in (physical or {}):
            raise KeyError(f"no resource {value.logical_id} in the deployed stack")
        return physical[value.logical_id]
    if isinstance(value, dict):
        return {k: materialize(v, name, arn, physical) for k, v in value.items()}
    if isinstance(value, list):
        return [materialize(v, name, arn, physical) for v in value]
    return value


def _mismatches(expected, actual, path: str = "$") -> list[str]:
    """Exact JSON equality, except where `expected` holds a Like."""
    if isinstance(expected, Like):
        if isinstance(actual, str) and re.fullmatch(expected.pattern, actual):
            return []
        return [f"{path}: {json.dumps(actual)} does not match {expected.pattern!r} ({expected.why})"]
    if isinstance(expected, Integer):
        if expected.matches(actual):
            return []
        return [f"{path}: {json.dumps(actual)} is not an integer in [{expected.minimum}, {expected.maximum}] "
                f"({expected.why})"]
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for k in list(expected) + [k for k in actual if k not in expected]:
            if k not in actual:
                out.append(f"{path}.{k}: missing")
            elif k not in expected:
                out.append(f"{path}.{k}: unexpected {json.dumps(actual[k])}")
            else:
                out += _mismatches(expected[k], actual[k], f"{path}.{k}")
        return out
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += _mismatches(e, a, f"{path}[{i}]")
        return out
    # JSON equality: 1 == 1.0, but true is not 1.
    if isinstance(expected, bool) or isinstance(actual, bool):
        same = type(expected) is type(actual) and expected == actual
    else:
        same = type(expected) is type(actual) or (
            isinstance(expected, (int, float)) and isinstance(actual, (int, float)))
        same = same and expected == actual
    return [] if same else [f"{path}: got {json.dumps(actual)}, expected {json.dumps(expected)}"]


def expected(case: dict) -> dict:
    """The case's expectation on moto: AWS's, with the fields of `moto` (where moto is known to
    differ, explained by `moto_why`) put over it. Where moto ends with another status than AWS,
    what goes with AWS's status is not expected: a failed execution has no output, a successful
    one no error or cause."""
    moto = case.get("moto", {})
    merged = {**case, **moto}
    if "status" in moto:
        dropped = ("error", "cause") if moto["status"] == "SUCCEEDED" else ("output",)
        for field in dropped:
            if field not in moto:
                merged.pop(field, None)
    return merged


mismatches = _mismatches


def check_execution(case: dict, described: dict) -> list[str]:
    """What differs between an execution's end and the case's expectation."""
    case = expected(case)
    problems = []
    status = described.get("status")
    if status != case.get("status", "SUCCEEDED"):
        problems.append(f"status {status}, expected {case.get('status', 'SUCCEEDED')}"
                        + (f" ({described.get('error')}: {described.get('cause')})" if described.get("error") else ""))
        return problems
    name, arn = described.get("name", ""), described.get("executionArn", "")
    if "output" in case:
        raw = described.get("output")
        try:
            output = json.loads(raw) if raw is not None else None
        except ValueError:
            problems.append(f"the output is not JSON: {raw!r}")
            return problems
        problems += _mismatches(materialize(case["output"], name, arn), output)
    for field in ("error", "cause"):
        if field in case:
            problems += _mismatches(materialize(case[field], name, arn), described.get(field), field)
    return problems
