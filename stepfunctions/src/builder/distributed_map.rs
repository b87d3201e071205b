//! The Distributed Map state: a Map whose items run as child workflow executions.

use super::map::map_setters;
use super::prelude::*;
use crate::model::{Amount, Distributed, ItemBatcher, ItemReader, ResultWriter};
use crate::StateMachineType;

/// A Distributed Map state: runs its item processor as child workflow executions, up to 10,000
/// at once, over items from the input or from S3 (an [`ItemReader`]), optionally in batches
/// ([`ItemBatcher`]), writing the results to S3 ([`ResultWriter`]).
///
/// The state machine's role gets what the reader and the writer need, and, in a policy of its
/// own, what running the child executions needs: `states:StartExecution` on the state machine,
/// `states:DescribeExecution` and `states:StopExecution` on its executions and
/// `states:RedriveExecution` on the Map Run's. That holds wherever the map sits (a Parallel
/// branch, a Map's processor, another Distributed Map's).
///
/// ```
/// use stepfunctions::prelude::*;
/// use stepfunctions::model::{CsvDelimiter, ItemReader, ResultWriter};
///
/// let map = DistributedMap::new("Each Row")
///     .item_reader(ItemReader::csv_file("my-bucket", "in/data.csv").csv_delimiter(CsvDelimiter::Pipe))
///     .result_writer(ResultWriter::s3("my-results", "runs/"))
///     .max_concurrency(100)
///     .tolerated_failure_percentage(5.0)
///     .label("Rows")
///     .item_processor(Pass::new("Row"));
/// let mut template = cfn_model::Template::new();
/// StateMachine::new("Flow", map).add_to(&mut template).unwrap();
/// assert!(template.resource("FlowDistributedMapPolicy").is_some());
/// ```
#[derive(Debug, Clone)]
pub struct DistributedMap<L = JsonPath> {
    parts: Parts,
    language: PhantomData<L>,
}

constructors!(
    DistributedMap,
    "Distributed Map state with no item processor yet, running Standard child executions",
    "",
    |name| {
        Node::new(
            name,
            Kind::Map(Box::new(MapState {
                distributed: Some(Box::default()),
                ..MapState::default()
            })),
        )
    }
);

impl<L: Language> DistributedMap<L> {
    fn from_node(node: Node) -> Self {
        DistributedMap {
            parts: Parts::new(node),
            language: PhantomData,
        }
    }

    fn spec(&mut self) -> &mut MapState {
        match &mut self.parts.node.kind {
            Kind::Map(spec) => spec,
            _ => unreachable!("a DistributedMap builder holds a Map node"),
        }
    }

    fn distributed(&mut self) -> &mut Distributed {
        self.spec().distributed.get_or_insert_with(Box::default)
    }

    /// Where the items come from in S3 (`ItemReader`). Default: the input (or
    /// [`items_path`](DistributedMap::items_path), [`items`](DistributedMap::items)).
    ///
    /// ```
    /// use stepfunctions::{model::ItemReader, DistributedMap};
    /// let m = DistributedMap::new("M").item_reader(ItemReader::s3_objects("my-bucket").prefix("in/"));
    /// ```
    #[must_use]
    pub fn item_reader(mut self, reader: ItemReader) -> Self {
        self.distributed().reader = Some(reader);
        self
    }

    /// Groups the items in batches (`ItemBatcher`): each child execution gets
    /// `{"BatchInput": ..., "Items": [...]}`.
    ///
    /// ```
    /// use stepfunctions::{model::ItemBatcher, DistributedMap};
    /// let m = DistributedMap::new("M").item_batcher(ItemBatcher::max_items(50));
    /// ```
    #[must_use]
    pub fn item_batcher(mut self, batcher: ItemBatcher) -> Self {
        self.distributed().batcher = Some(batcher);
        self
    }

    /// Writes the child executions' results to S3, or shapes them (`ResultWriter`).
    ///
    /// ```
    /// use stepfunctions::{model::ResultWriter, DistributedMap};
    /// let m = DistributedMap::new("M").result_writer(ResultWriter::s3("my-results", "runs/"));
    /// ```
    #[must_use]
    pub fn result_writer(mut self, writer: ResultWriter) -> Self {
        self.distributed().writer = Some(writer);
        self
    }

    /// Standard (the default) or Express child executions (`ProcessorConfig.ExecutionType`).
    /// Express children run for at most five minutes, and do not run `.sync` or
    /// `.waitForTaskToken` tasks, activities or Distributed Maps.
    ///
    /// ```
    /// use stepfunctions::{DistributedMap, StateMachineType};
    /// let m = DistributedMap::new("M").execution_type(StateMachineType::Express);
    /// ```
    #[must_use]
    pub fn execution_type(mut self, execution_type: StateMachineType) -> Self {
        self.distributed().execution_type = execution_type;
        self
    }

    /// How many child executions may fail before the state fails (`ToleratedFailureCount`).
    /// Default: 0.
    ///
    /// ```
    /// let m = stepfunctions::DistributedMap::new("M").tolerated_failure_count(3);
    /// ```
    #[must_use]
    pub fn tolerated_failure_count(mut self, count: impl Into<Amount>) -> Self {
        self.distributed().tolerated_failure_count = Some(count.into());
        self
    }

    /// Which share of the child executions may fail, 0 to 100 (`ToleratedFailurePercentage`).
    /// Default: 0.
    ///
    /// ```
    /// let m = stepfunctions::DistributedMap::new("M").tolerated_failure_percentage(2.5);
    /// ```
    #[must_use]
    pub fn tolerated_failure_percentage(mut self, percentage: f64) -> Self {
        self.distributed().tolerated_failure_percentage = Some(Amount::number(percentage));
        self
    }

    /// The tolerated failure percentage read from the input or computed by an expression
    /// ([`Amount::path`], [`Amount::expr`]).
    ///
    /// ```
    /// use stepfunctions::{model::Amount, DistributedMap};
    /// let m = DistributedMap::new("M").tolerated_failure_percentage_from(Amount::path("$.tolerance"));
    /// ```
    #[must_use]
    pub fn tolerated_failure_percentage_from(mut self, percentage: Amount) -> Self {
        self.distributed().tolerated_failure_percentage = Some(percentage);
        self
    }

    /// Names the Map Run (`Label`): up to 40 characters, no whitespace or
    /// `? * < > { } [ ] : ; , \ | ^ ~ $ # % & ` "`, unique in the state machine.
    ///
    /// ```
    /// let m = stepfunctions::DistributedMap::new("M").label("Nightly");
    /// ```
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.distributed().label = Some(label.into());
        self
    }
}

map_setters!(
    DistributedMap,
    "A Distributed Map runs up to 10,000 child executions at once."
);

builder!(DistributedMap: [Assign, ErrorHandling] [InputOutput, ResultPath, ResultSelector] [JsonataOutput]);
simple_chain!(DistributedMap);
