//! `mediaconvert_create_job`: AWS Elemental MediaConvert.

use serde_json::json;
use stepfunctions_cdk::prelude::*;

use super::Build;

pub const CASES: &[(&str, Build)] = &[("mediaconvert_create_job", mediaconvert_create_job)];

/// MediaConvertCreateJob (run-job) with the README's CreateJobRequest.
fn mediaconvert_create_job(t: &mut Template) -> Result<Vec<Warning>, Error> {
    let request = Payload::from_json(json!({
        "Role": "arn:aws:iam::123456789012:role/MediaConvertRole",
        "Settings": {
            "OutputGroups": [{
                "Outputs": [{
                    "ContainerSettings": {"Container": "MP4"},
                    "VideoDescription": {"CodecSettings": {
                        "Codec": "H_264",
                        "H264Settings": {"MaxBitrate": 1000, "RateControlMode": "QVBR", "SceneChangeDetect": "TRANSITION_DETECTION"}
                    }},
                    "AudioDescriptions": [{"CodecSettings": {
                        "Codec": "AAC",
                        "AacSettings": {"Bitrate": 96000, "CodingMode": "CODING_MODE_2_0", "SampleRate": 48000}
                    }}]
                }],
                "OutputGroupSettings": {
                    "Type": "FILE_GROUP_SETTINGS",
                    "FileGroupSettings": {"Destination": "s3://EXAMPLE-DESTINATION-BUCKET/"}
                }
            }],
            "Inputs": [{
                "AudioSelectors": {"Audio Selector 1": {"DefaultSelection": "DEFAULT"}},
                "FileInput.$": "$.inputFile"
            }]
        }
    }));
    let task = Task::new("CreateJob", MediaConvertCreateJob::new(request)).run_job();
    Ok(StateMachine::new("StateMachine", task).add_to(t)?.warnings)
}
