import json
import time

import boto3
import cfnresponse


def base36(text):
    number = 0
    for char in text:
        number = number * 256 + ord(char)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, i = divmod(number, 36)
        out = digits[i] + out
    return out or "0"


def statement(virtual_cluster_id, role_name):
    emr = boto3.client("emr-containers")
    provider = emr.describe_virtual_cluster(id=virtual_cluster_id)["virtualCluster"]["containerProvider"]
    namespace = provider["info"]["eksInfo"]["namespace"]
    cluster = boto3.client("eks").describe_cluster(name=provider["id"])["cluster"]
    arn = cluster["arn"].split(":")
    partition, account = arn[1], arn[4]
    issuer = cluster["identity"]["oidc"]["issuer"].replace("https://", "", 1)
    account_sa = "emr-containers-sa-*-*-%s-%s" % (account, base36(role_name))
    return {
        "Effect": "Allow",
        "Principal": {"Federated": "arn:%s:iam::%s:oidc-provider/%s" % (partition, account, issuer)},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringLike": {issuer + ":sub": "system:serviceaccount:%s:%s" % (namespace, account_sa)}},
    }


def update(props):
    role_name = props["RoleName"]
    wanted = statement(props["VirtualClusterId"], role_name)
    iam = boto3.client("iam")
    document = iam.get_role(RoleName=role_name)["Role"]["AssumeRolePolicyDocument"]
    statements = document.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    if wanted not in statements:
        document["Statement"] = statements + [wanted]
        iam.update_assume_role_policy(RoleName=role_name, PolicyDocument=json.dumps(document))


def handler(event, context):
    props = event["ResourceProperties"]
    try:
        if event["RequestType"] != "Delete":
            for attempt in range(6):
                try:
                    update(props)
                    break
                except Exception as e:
                    # the permissions of this function may not have reached IAM yet
                    if attempt == 5 or "AccessDenied" not in str(e):
                        raise
                    time.sleep(10)
        cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, props["RoleName"])
    except Exception as e:
        cfnresponse.send(event, context, cfnresponse.FAILED, {}, props.get("RoleName"), reason=str(e))
