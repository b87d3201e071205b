//! `eks_call`: the Kubernetes API of an EKS cluster.

use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("eks_call", eks_call)];

/// Seed: EKS / Call. The CDK's `eks.Cluster` brings a VPC, a kubectl provider and a cluster
/// custom resource; the twin defines an `AWS::EKS::Cluster` under the same id, in subnets and
/// with a cluster role given as parameters, so that the state refers to the same name, endpoint
/// and certificate authority.
fn eks_call(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let subnet_ids = t.add_parameter(
        "SubnetIds",
        Parameter::new("List<AWS::EC2::Subnet::Id>").description("Subnets of the EKS cluster, in two zones at least"),
    )?;
    let cluster_role_arn = t.add_parameter(
        "ClusterRoleArn",
        Parameter::string()
            .description("ARN of an IAM role that EKS assumes for the cluster (AmazonEKSClusterPolicy)")
            .allowed_pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$"),
    )?;
    let my_eks_cluster = t.add_resource(
        "my sample cluster",
        Resource::new("AWS::EKS::Cluster")
            .property("Name", Value::from("myEksCluster"))
            .property(
                "ResourcesVpcConfig",
                Value::map([("SubnetIds", Value::from(subnet_ids))]),
            )
            .property("RoleArn", Value::from(cluster_role_arn))
            .property("Version", Value::from("1.18")),
    )?;

    let task = Task::new(
        "Call a EKS Endpoint",
        EksCall::new(
            EksCluster::from_logical_id(my_eks_cluster.as_str()),
            HttpMethods::Get,
            "/api/v1/namespaces/default/pods",
        ),
    );
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
