//! CDK's `JsonPath`: paths into the state input and the context object, and the intrinsic
//! functions.

pub(crate) mod syntax;

use crate::model::{Arg, Intrinsic, Path, Payload};

/// Paths and intrinsic functions for data templates. Each returns a [`Payload`] to place in an
/// object; paths are checked when the state machine renders.
///
/// ```
/// use stepfunctions::{JsonPath, Payload};
/// let params = Payload::from_object([
///     ("executionId", JsonPath::execution_id()),
///     ("greeting", JsonPath::format("Hello, {}!", [JsonPath::string_at("$.name").into()])),
/// ]);
/// assert_eq!(
///     serde_json::to_string(&params).unwrap(),
///     r#"{"executionId.$":"$$.Execution.Id","greeting.$":"States.Format('Hello, {}!', $.name)"}"#
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct JsonPath;

macro_rules! context_paths {
    ($($(#[$doc:meta])* $name:ident => $path:literal;)*) => {
        impl JsonPath {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\n```\nassert_eq!(stepfunctions::JsonPath::", stringify!($name), "(), stepfunctions::Payload::Path(\"", $path, "\".into()));\n```")]
                pub fn $name() -> Payload {
                    Payload::Path(Path::new($path))
                }
            )*
        }
    };
}

context_paths! {
    /// The whole state input: `$`.
    entire_payload => "$";
    /// The whole context object: `$$`.
    entire_context => "$$";
    /// The task token, for the wait-for-task-token pattern: `$$.Task.Token`.
    task_token => "$$.Task.Token";
    /// The execution's ARN: `$$.Execution.Id`.
    execution_id => "$$.Execution.Id";
    /// The execution's name: `$$.Execution.Name`.
    execution_name => "$$.Execution.Name";
    /// When the execution started: `$$.Execution.StartTime`.
    execution_start_time => "$$.Execution.StartTime";
    /// The execution's input: `$$.Execution.Input`.
    execution_input => "$$.Execution.Input";
    /// The role the execution runs as: `$$.Execution.RoleArn`.
    execution_role_arn => "$$.Execution.RoleArn";
    /// The current state's name: `$$.State.Name`.
    state_name => "$$.State.Name";
    /// When the current state was entered: `$$.State.EnteredTime`.
    state_entered_time => "$$.State.EnteredTime";
    /// How many times the current state was retried: `$$.State.RetryCount`.
    state_retry_count => "$$.State.RetryCount";
    /// The state machine's ARN: `$$.StateMachine.Id`.
    state_machine_id => "$$.StateMachine.Id";
    /// The state machine's name: `$$.StateMachine.Name`.
    state_machine_name => "$$.StateMachine.Name";
    /// The index of the current Map item: `$$.Map.Item.Index`.
    map_item_index => "$$.Map.Item.Index";
    /// The value of the current Map item: `$$.Map.Item.Value`.
    map_item_value => "$$.Map.Item.Value";
}

fn call<const N: usize>(function: &str, args: [Arg; N]) -> Payload {
    Payload::Intrinsic(Intrinsic::call(function, args))
}

impl JsonPath {
    /// A string at a path.
    ///
    /// ```
    /// assert_eq!(stepfunctions::JsonPath::string_at("$.a"), stepfunctions::Payload::Path("$.a".into()));
    /// ```
    pub fn string_at(path: impl Into<Path>) -> Payload {
        Payload::Path(path.into())
    }

    /// A list at a path.
    ///
    /// ```
    /// assert_eq!(stepfunctions::JsonPath::list_at("$.l"), stepfunctions::Payload::Path("$.l".into()));
    /// ```
    pub fn list_at(path: impl Into<Path>) -> Payload {
        Payload::Path(path.into())
    }

    /// A number at a path.
    ///
    /// ```
    /// assert_eq!(stepfunctions::JsonPath::number_at("$.n"), stepfunctions::Payload::Path("$.n".into()));
    /// ```
    pub fn number_at(path: impl Into<Path>) -> Payload {
        Payload::Path(path.into())
    }

    /// An object at a path.
    ///
    /// ```
    /// assert_eq!(stepfunctions::JsonPath::object_at("$.o"), stepfunctions::Payload::Path("$.o".into()));
    /// ```
    pub fn object_at(path: impl Into<Path>) -> Payload {
        Payload::Path(path.into())
    }

    /// `States.Format`: a string with `{}` placeholders filled by the arguments.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let f = JsonPath::format("{} + {}", [JsonPath::number_at("$.a").into(), 1.into()]);
    /// assert_eq!(serde_json::to_string(&f).unwrap(), r#""States.Format('{} + {}', $.a, 1)""#);
    /// ```
    pub fn format(template: &str, args: impl IntoIterator<Item = Arg>) -> Payload {
        let mut all = vec![Arg::Str(template.to_owned())];
        all.extend(args);
        Payload::Intrinsic(Intrinsic::call("States.Format", all))
    }

    /// `States.StringToJson`: parses an escaped JSON string.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::string_to_json(stepfunctions::JsonPath::string_at("$.s"));
    /// ```
    pub fn string_to_json(value: impl Into<Arg>) -> Payload {
        call("States.StringToJson", [value.into()])
    }

    /// `States.JsonToString`: serializes JSON into a string.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::json_to_string(stepfunctions::JsonPath::object_at("$.o"));
    /// ```
    pub fn json_to_string(value: impl Into<Arg>) -> Payload {
        call("States.JsonToString", [value.into()])
    }

    /// `States.Array`: a list of the arguments.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::array([stepfunctions::JsonPath::string_at("$.a").into(), "b".into()]);
    /// ```
    pub fn array(items: impl IntoIterator<Item = Arg>) -> Payload {
        Payload::Intrinsic(Intrinsic::call("States.Array", items))
    }

    /// `States.ArrayPartition`: chunks of a list.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::array_partition(stepfunctions::JsonPath::list_at("$.l"), 4);
    /// ```
    pub fn array_partition(array: impl Into<Arg>, chunk_size: impl Into<Arg>) -> Payload {
        call("States.ArrayPartition", [array.into(), chunk_size.into()])
    }

    /// `States.ArrayContains`: whether a list holds a value.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::array_contains(stepfunctions::JsonPath::list_at("$.l"), "x");
    /// ```
    pub fn array_contains(array: impl Into<Arg>, value: impl Into<Arg>) -> Payload {
        call("States.ArrayContains", [array.into(), value.into()])
    }

    /// `States.ArrayRange`: numbers from `start` to `end` by `step`.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::array_range(1, 9, 2);
    /// ```
    pub fn array_range(start: impl Into<Arg>, end: impl Into<Arg>, step: impl Into<Arg>) -> Payload {
        call("States.ArrayRange", [start.into(), end.into(), step.into()])
    }

    /// `States.ArrayGetItem`: the item at an index.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::array_get_item(stepfunctions::JsonPath::list_at("$.l"), 5);
    /// ```
    pub fn array_get_item(array: impl Into<Arg>, index: impl Into<Arg>) -> Payload {
        call("States.ArrayGetItem", [array.into(), index.into()])
    }

    /// `States.ArrayLength`: the length of a list.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::array_length(stepfunctions::JsonPath::list_at("$.l"));
    /// ```
    pub fn array_length(array: impl Into<Arg>) -> Payload {
        call("States.ArrayLength", [array.into()])
    }

    /// `States.ArrayUnique`: a list without duplicates.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::array_unique(stepfunctions::JsonPath::list_at("$.l"));
    /// ```
    pub fn array_unique(array: impl Into<Arg>) -> Payload {
        call("States.ArrayUnique", [array.into()])
    }

    /// `States.Base64Encode`.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::base64_encode(stepfunctions::JsonPath::string_at("$.s"));
    /// ```
    pub fn base64_encode(value: impl Into<Arg>) -> Payload {
        call("States.Base64Encode", [value.into()])
    }

    /// `States.Base64Decode`.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::base64_decode(stepfunctions::JsonPath::string_at("$.s"));
    /// ```
    pub fn base64_decode(value: impl Into<Arg>) -> Payload {
        call("States.Base64Decode", [value.into()])
    }

    /// `States.Hash`: the hash of a value with an algorithm (`MD5`, `SHA-1`, `SHA-256`,
    /// `SHA-384`, `SHA-512`).
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::hash(stepfunctions::JsonPath::object_at("$.d"), "SHA-256");
    /// ```
    pub fn hash(data: impl Into<Arg>, algorithm: impl Into<Arg>) -> Payload {
        call("States.Hash", [data.into(), algorithm.into()])
    }

    /// `States.JsonMerge`: a shallow merge of two objects.
    ///
    /// ```
    /// use stepfunctions::JsonPath;
    /// let f = JsonPath::json_merge(JsonPath::object_at("$.a"), JsonPath::object_at("$.b"));
    /// assert_eq!(serde_json::to_string(&f).unwrap(), r#""States.JsonMerge($.a, $.b, false)""#);
    /// ```
    pub fn json_merge(first: impl Into<Arg>, second: impl Into<Arg>) -> Payload {
        call("States.JsonMerge", [first.into(), second.into(), Arg::Bool(false)])
    }

    /// `States.MathRandom`: a random integer from `start` (inclusive) to `end` (exclusive).
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::math_random(1, 999);
    /// ```
    pub fn math_random(start: impl Into<Arg>, end: impl Into<Arg>) -> Payload {
        call("States.MathRandom", [start.into(), end.into()])
    }

    /// `States.MathAdd`: the sum of two numbers.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::math_add(stepfunctions::JsonPath::number_at("$.n"), 1);
    /// ```
    pub fn math_add(a: impl Into<Arg>, b: impl Into<Arg>) -> Payload {
        call("States.MathAdd", [a.into(), b.into()])
    }

    /// `States.StringSplit`: a string split on delimiter characters.
    ///
    /// ```
    /// let f = stepfunctions::JsonPath::string_split(stepfunctions::JsonPath::string_at("$.s"), ",");
    /// ```
    pub fn string_split(value: impl Into<Arg>, delimiter: impl Into<Arg>) -> Payload {
        call("States.StringSplit", [value.into(), delimiter.into()])
    }

    /// `States.UUID`: a random version 4 UUID.
    ///
    /// ```
    /// assert_eq!(serde_json::to_string(&stepfunctions::JsonPath::uuid()).unwrap(), r#""States.UUID()""#);
    /// ```
    pub fn uuid() -> Payload {
        call("States.UUID", [])
    }
}
