//! HTTPS APIs called through an EventBridge connection: the HTTP Task
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html>).

mod invoke;

pub use invoke::{
    EventBridgeConnection, EventBridgeConnectionDefinition, HttpInvoke, HttpInvokeMethod, HttpUrlEncoding,
};
